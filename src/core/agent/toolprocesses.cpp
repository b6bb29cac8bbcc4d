#include "agent/toolprocesses.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

namespace chorus {

namespace {
// The session id a process is marked with, or an empty string.
QString markOf(pid_t pid)
{
    // Only this user's processes can be read (open fails for the others, before anything
    // touches their memory).
    QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!environ.open(QIODevice::ReadOnly))
        return {};
    const QByteArray prefix = QByteArray(kAgentProcessMark) + '=';
    const QByteArray all = environ.readAll();
    for (const QByteArray &var : all.split('\0'))
        if (var.startsWith(prefix))
            return QString::fromUtf8(var.mid(prefix.size()));
    return {};
}
} // namespace

QHash<pid_t, QString> markedProcesses(const QSet<QString> &sessionIds)
{
    QHash<pid_t, QString> found;
    if (sessionIds.isEmpty())
        return found;
    const pid_t self = ::getpid();
    const QStringList entries =
        QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const pid_t pid = pid_t(entry.toInt(&numeric));
        if (!numeric || pid == self)
            continue;
        if (const QString id = markOf(pid); !id.isEmpty() && sessionIds.contains(id))
            found.insert(pid, id);
    }
    return found;
}

QHash<QString, int> endMarkedProcesses(const QSet<QString> &sessionIds)
{
    QHash<QString, int> ended;
    QSet<pid_t> killed;
    for (int round = 0; round < 5; ++round) {
        const QHash<pid_t, QString> found = markedProcesses(sessionIds);
        bool any = false;
        for (auto it = found.constBegin(); it != found.constEnd(); ++it) {
            // Through a pidfd, checked again once held: a pid freed and reused by another
            // process since the scan is never signalled.
            bool sent = false;
            if (const int pidfd = int(::syscall(SYS_pidfd_open, it.key(), 0)); pidfd >= 0) {
                sent = markOf(it.key()) == it.value() &&
                       ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0) == 0;
                ::close(pidfd);
            } else if (errno == ENOSYS) { // a kernel before 5.3
                sent = ::kill(it.key(), SIGKILL) == 0;
            }
            if (!sent)
                continue;
            any = true;
            if (!killed.contains(it.key())) {
                killed.insert(it.key());
                ++ended[it.value()];
            }
        }
        if (!any)
            break;
        ::usleep(20000); // let them go (a zombie's environment reads empty)
    }
    return ended;
}

} // namespace chorus
