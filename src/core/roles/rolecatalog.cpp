#include "roles/rolecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

QString fileKind(mode_t mode)
{
    if (S_ISDIR(mode))
        return CatalogText::tr("a directory");
    if (S_ISFIFO(mode))
        return CatalogText::tr("a FIFO");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return CatalogText::tr("a device");
    if (S_ISSOCK(mode))
        return CatalogText::tr("a socket");
    return CatalogText::tr("not a regular file");
}

Error notRegular(const QString &path, mode_t mode)
{
    return makeError(
        CatalogText::tr("the role file is not a regular file (%1)").arg(fileKind(mode)), path,
        CatalogText::tr("A role file must be a regular YAML file: remove this one, or make the "
                        "link point to a regular file."));
}

Error tooLarge(const QString &path)
{
    return makeError(CatalogText::tr("the role file is larger than 1 MiB"), path,
                     CatalogText::tr("A role file holds a few fields and a prompt; "
                                     "check that this is the right file."));
}

Error unreadable(const QString &path, const QString &reason)
{
    return makeError(CatalogText::tr("cannot read the role file: %1").arg(reason), path,
                     CatalogText::tr("Check the file's permissions."));
}

// Reads a role file: only a regular file (after following links), and at most the size
// limit + 1 byte, so a FIFO, a device or a file that never ends (a link to /dev/zero) can
// neither block the engine's start nor fill its memory. The type is checked before opening
// (opening a device can have effects) and again on the descriptor, opened non-blocking.
Result<QByteArray> readRoleFile(const QString &path)
{
    if (path.startsWith(QLatin1Char(':'))) { // a built-in, in the Qt resource system
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return unreadable(path, file.errorString());
        const QByteArray data = file.read(kMaxRoleFileBytes + 1);
        if (data.size() > kMaxRoleFileBytes)
            return tooLarge(path);
        return data;
    }
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::stat(native.constData(), &st) != 0)
        return unreadable(path, QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISREG(st.st_mode))
        return notRegular(path, st.st_mode);
    if (st.st_size > kMaxRoleFileBytes)
        return tooLarge(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return unreadable(path, QString::fromLocal8Bit(std::strerror(errno)));
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    if (::fstat(fd, &st) != 0)
        return unreadable(path, QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) // replaced between the two looks
        return notRegular(path, st.st_mode);
    QByteArray data(kMaxRoleFileBytes + 1, Qt::Uninitialized);
    qsizetype size = 0;
    while (size < data.size()) {
        const ssize_t n = ::read(fd, data.data() + size, size_t(data.size() - size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return unreadable(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (n == 0)
            break;
        size += n;
    }
    if (size > kMaxRoleFileBytes) // it grew after the stat
        return tooLarge(path);
    data.truncate(size);
    return data;
}

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
                                                QDir::Files | QDir::System, QDir::Name);
    for (const QFileInfo &info : files) {
        const QString path = info.filePath();
        const Result<QByteArray> content = readRoleFile(path);
        if (!content) {
            m_errors << content.error();
            continue;
        }
        Result<Role> role = parseRole(*content, path);
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
