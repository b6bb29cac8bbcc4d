#include "engine/enginelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace chorus {

namespace {
std::optional<EngineLock::Holder> readHolder(int fd)
{
    QByteArray data;
    char buf[4096];
    ssize_t n;
    off_t offset = 0;
    while ((n = ::pread(fd, buf, sizeof buf, offset)) > 0 && data.size() < 64 * 1024) {
        data.append(buf, n);
        offset += n;
    }
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    EngineLock::Holder h;
    h.pid = o.value(QLatin1String("pid")).toInteger();
    h.socket = o.value(QLatin1String("socket")).toString();
    return h;
}
} // namespace

EngineLock::~EngineLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock; the file stays (removing it would race a new engine)
}

QString EngineLock::lockPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("engine.lock"));
}

Status EngineLock::acquire(const QString &dataDir)
{
    if (m_fd >= 0)
        return Ok{};
    if (!QDir().mkpath(dataDir))
        return makeError(tr("cannot create the data directory"), dataDir,
                         tr("Check its permissions or set CHORUS_DATA_DIR to another folder."));
    const QString path = lockPath(dataDir);
    // O_CLOEXEC: an agent process must never inherit (and so keep) the engine's lock.
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return makeError(
            tr("cannot open the engine lock: %1").arg(QString::fromLocal8Bit(::strerror(errno))),
            path, tr("Check the data directory's permissions."));
    // A client looking who holds the lock takes it shared for an instant (holder()): try a few
    // times before calling it held.
    int err = 0;
    for (int tries = 0;; ++tries) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            err = 0;
            break;
        }
        err = errno;
        if (err != EWOULDBLOCK || tries == 9)
            break;
        ::usleep(30 * 1000);
    }
    if (err != 0) {
        const std::optional<Holder> h = readHolder(fd);
        ::close(fd);
        if (err != EWOULDBLOCK)
            return makeError(tr("cannot lock the data directory: %1")
                                 .arg(QString::fromLocal8Bit(::strerror(err))),
                             path);
        return makeError(
            tr("another Chorus engine is already running on this data directory (pid %1, listening "
               "on %2)")
                .arg(h ? h->pid : 0)
                .arg(h && !h->socket.isEmpty() ? h->socket : tr("a socket not yet known")),
            dataDir,
            tr("Use that engine (`chorus` and the GUI find it through the data directory), or stop "
               "it with `chorus daemon stop`."));
    }
    m_fd = fd;
    write();
    return Ok{};
}

void EngineLock::setSocket(const QString &socket)
{
    m_socket = socket;
    write();
}

void EngineLock::write()
{
    if (m_fd < 0)
        return;
    QJsonObject o{{QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    if (!m_socket.isEmpty())
        o.insert(QStringLiteral("socket"), m_socket);
    const QByteArray data = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    if (::ftruncate(m_fd, 0) == 0) {
        [[maybe_unused]] const auto n = ::pwrite(m_fd, data.constData(), size_t(data.size()), 0);
    }
}

std::optional<EngineLock::Holder> EngineLock::holder(const QString &dataDir)
{
    const int fd =
        ::open(QFile::encodeName(lockPath(dataDir)).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return std::nullopt;
    std::optional<Holder> h;
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0)
        ::flock(fd, LOCK_UN); // nobody holds it
    else
        h = readHolder(fd);
    ::close(fd);
    return h;
}

} // namespace chorus
