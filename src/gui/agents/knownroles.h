#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace chorus {

class EngineClient;

// The roles the engine knows (EngineClient::roles()), with what the GUI shows for each:
// colour, tinted icon and description. Unknown roles (e.g. a session whose role file was
// removed) still get a stable colour and the generic icon.
class KnownRoles : public QObject
{
    Q_OBJECT
public:
    explicit KnownRoles(EngineClient *client, QObject *parent = nullptr);

    // Asks the engine again (user role files may have changed). Emits changed().
    void refresh();
    bool isLoaded() const { return m_loaded; }

    QStringList names() const; // sorted
    QString description(const QString &role) const;
    QColor color(const QString &role) const;
    QIcon icon(const QString &role) const;
    // Whether the role edits files without asking (permission mode acceptEdits or
    // bypassPermissions, with a tool that writes): one that needs a confirmation before it
    // works in a folder in place. False for an unknown role.
    bool canEdit(const QString &role) const;
    // Problems with role files, as the engine reports them.
    QStringList errors() const { return m_errors; }
    // Why the roles could not be listed at all (empty when they could).
    QString loadError() const { return m_loadError; }

Q_SIGNALS:
    void changed();

private:
    EngineClient *m_client;
    QHash<QString, QJsonObject> m_roles;
    QStringList m_errors;
    QString m_loadError;
    bool m_loaded = false;
};

} // namespace chorus
