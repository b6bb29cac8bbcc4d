#include "engine/rolecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QStandardPaths>

// The built-in roles are a Qt resource compiled into the static chorus-core library;
// nothing references its object file, so register it explicitly (at global scope, as
// Q_INIT_RESOURCE requires).
static void initChorusRoleResources()
{
    Q_INIT_RESOURCE(roles);
}

namespace chorus {

namespace {
struct CatalogText
{
    Q_DECLARE_TR_FUNCTIONS(chorus::RoleCatalog)
};

constexpr qint64 kMaxRoleFileBytes = 1024 * 1024;

void ensureResources()
{
    static const bool initialised = [] {
        initChorusRoleResources();
        return true;
    }();
    Q_UNUSED(initialised);
}
} // namespace

QString RoleCatalog::userRolesDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/chorus/roles");
}

QString RoleCatalog::builtInDir()
{
    return QStringLiteral(":/roles");
}

void RoleCatalog::load()
{
    load({userRolesDir()});
}

void RoleCatalog::load(const QStringList &userDirs)
{
    ensureResources();
    m_roles.clear();
    m_errors.clear();

    QList<Role> roles;
    loadDir(builtInDir(), roles);
    if (roles.isEmpty())
        m_errors << makeError(CatalogText::tr("the built-in roles are missing"), builtInDir(),
                              CatalogText::tr("This build of Chorus is broken; reinstall it."));
    for (const QString &dir : userDirs)
        loadDir(dir, roles);

    QMap<QString, Role> byName;
    for (Role &role : roles)
        byName.insert(role.name, std::move(role)); // later directories replace earlier ones
    m_roles = byName.values();
}

void RoleCatalog::loadDir(const QString &dir, QList<Role> &roles)
{
    const QDir d(dir);
    if (dir.isEmpty() || !d.exists())
        return;
    QHash<QString, QString> fileOfName; // within this directory
    const QFileInfoList files = d.entryInfoList({QStringLiteral("*.yml"), QStringLiteral("*.yaml")},
                                                QDir::Files, QDir::Name);
    for (const QFileInfo &info : files) {
        const QString path = info.filePath();
        if (info.size() > kMaxRoleFileBytes) {
            m_errors << makeError(CatalogText::tr("the role file is larger than 1 MiB"), path,
                                  CatalogText::tr("A role file holds a few fields and a prompt; "
                                                  "check that this is the right file."));
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_errors << makeError(
                CatalogText::tr("cannot read the role file: %1").arg(file.errorString()), path,
                CatalogText::tr("Check the file's permissions."));
            continue;
        }
        Result<Role> role = parseRole(file.readAll(), path);
        if (!role) {
            m_errors << role.error();
            continue;
        }
        if (const auto other = fileOfName.constFind(role->name); other != fileOfName.cend()) {
            m_errors << makeError(CatalogText::tr("the role '%1' is already defined in %2; this "
                                                  "file is ignored")
                                      .arg(role->name, *other),
                                  path, CatalogText::tr("Rename one of the two roles."));
            continue;
        }
        fileOfName.insert(role->name, path);
        roles << std::move(role).value();
    }
}

const Role *RoleCatalog::find(const QString &name) const
{
    for (const Role &role : m_roles) {
        if (role.name == name)
            return &role;
    }
    return nullptr;
}

QStringList RoleCatalog::names() const
{
    QStringList names;
    for (const Role &role : m_roles)
        names << role.name;
    return names;
}

} // namespace chorus
