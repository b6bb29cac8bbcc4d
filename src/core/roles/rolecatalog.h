#pragma once

#include "result.h"
#include "roles/role.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace chorus {

// Every role an agent can have: the built-ins compiled into chorus-core
// (resources/roles/*.yml, read from ":/roles") and the user's own role files.
// A user role replaces the built-in (or earlier directory's) role of the same name.
// A broken file is reported in errors() and skipped; it never hides the other roles.
class RoleCatalog
{
public:
    RoleCatalog() = default;

    // $XDG_CONFIG_HOME/chorus/roles (QStandardPaths::GenericConfigLocation).
    static QString userRolesDir();
    // Where the built-ins live in the Qt resource system.
    static QString builtInDir();

    // Reloads: the built-ins, then userRolesDir().
    void load();
    // Reloads: the built-ins, then each of userDirs in order (later ones win). Directories
    // that do not exist are skipped silently. For tests and explicit --roles-dir options.
    void load(const QStringList &userDirs);

    // Sorted by name.
    const QList<Role> &roles() const { return m_roles; }
    // nullptr when there is no such role. Valid until the next load().
    const Role *find(const QString &name) const;
    QStringList names() const;
    // One per file that could not be used, with its location (file:line:col).
    const QList<Error> &errors() const { return m_errors; }

private:
    void loadDir(const QString &dir, QList<Role> &roles);

    QList<Role> m_roles;
    QList<Error> m_errors;
};

} // namespace chorus
