#include "util/launcher.h"

#include "util/shellwords.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace chorus {

namespace {
class LaunchText
{
    Q_DECLARE_TR_FUNCTIONS(Launcher)
};

constexpr qsizetype kMaxOutput = 16 * 1024;

// Reads what is there (a non-blocking fd): false at end of file.
bool drain(int fd, QByteArray *keep)
{
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            if (keep) {
                keep->append(buf, n);
                if (keep->size() > kMaxOutput)
                    keep->remove(0, keep->size() - kMaxOutput);
            }
            continue;
        }
        if (n == 0)
            return false;
        if (errno == EINTR)
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK;
    }
}

Result<pid_t> spawn(const QString &path, const QStringList &arguments, const QString &dir,
                    int outputFd)
{
    QByteArrayList storage;
    storage << QFile::encodeName(path);
    for (qsizetype i = 1; i < arguments.size(); ++i)
        storage << arguments.at(i).toLocal8Bit();
    std::vector<char *> argv;
    argv.reserve(storage.size() + 1);
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray cwd = QFile::encodeName(dir);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 1);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.constData());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGCHLD);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, argv.front(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return makeError(
            LaunchText::tr("%1 could not start: %2")
                .arg(arguments.constFirst(), QString::fromLocal8Bit(std::strerror(rc))),
            joinShellWords(arguments));
    return pid;
}

QString tail(const QByteArray &output)
{
    QString text = QString::fromUtf8(output).trimmed();
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() > 12)
        lines = lines.mid(lines.size() - 12);
    return lines.join(QLatin1Char('\n'));
}

void watch(QPromise<Result<LaunchOutcome>> promise, const QStringList &arguments, pid_t pid,
           int readFd, int watchMs)
{
    promise.start();
    const QString command = joinShellWords(arguments);
    QByteArray output;
    bool open = true;
    bool reported = false;
    bool reaped = false;
    QElapsedTimer clock;
    clock.start();
    while (!reaped || open) {
        if (open) {
            pollfd p{readFd, POLLIN, 0};
            ::poll(&p, 1, reported ? 1000 : 50); // after the report: only wait for the end
            open = drain(readFd, reported ? nullptr : &output);
        } else if (!reported) {
            ::poll(nullptr, 0, 20); // it closed its output: wait for its exit a little longer
        }
        if (!reaped) {
            int status = 0;
            const pid_t r = ::waitpid(pid, &status, (reported && !open) ? 0 : WNOHANG);
            if (r == pid || (r < 0 && errno == ECHILD)) {
                reaped = true;
                if (!reported) {
                    drain(readFd, &output);
                    reported = true;
                    const QString said = tail(output);
                    if (r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                        promise.addResult(Result<LaunchOutcome>(LaunchOutcome{false, said}));
                    } else {
                        const QString how =
                            r != pid ? LaunchText::tr("ended (its exit status was lost)")
                            : WIFEXITED(status)
                                ? LaunchText::tr("exited with code %1").arg(WEXITSTATUS(status))
                                : LaunchText::tr("was killed by signal %1").arg(WTERMSIG(status));
                        promise.addResult(Result<LaunchOutcome>(
                            makeError(said.isEmpty() ? LaunchText::tr("%1 %2 and wrote nothing")
                                                           .arg(arguments.constFirst(), how)
                                                     : LaunchText::tr("%1 %2:\n%3")
                                                           .arg(arguments.constFirst(), how, said),
                                      command)));
                    }
                    promise.finish();
                }
            }
        }
        if (!reported && clock.elapsed() >= watchMs) {
            reported = true;
            promise.addResult(Result<LaunchOutcome>(LaunchOutcome{true, tail(output)}));
            promise.finish();
        }
    }
    ::close(readFd);
}
} // namespace

QStringList expandDirPlaceholder(const QStringList &arguments, const QString &dir)
{
    QStringList out;
    out.reserve(arguments.size());
    for (const QString &a : arguments)
        out << QString(a).replace(QStringLiteral("{dir}"), dir);
    return out;
}

QFuture<Result<LaunchOutcome>> launchDetached(const LaunchRequest &request)
{
    QPromise<Result<LaunchOutcome>> promise;
    QFuture<Result<LaunchOutcome>> future = promise.future();
    const auto fail = [&promise, &future](const Error &e) {
        promise.start();
        promise.addResult(Result<LaunchOutcome>(e));
        promise.finish();
        return future;
    };
    if (request.arguments.isEmpty() || request.arguments.constFirst().isEmpty())
        return fail(makeError(LaunchText::tr("no command to run"), {},
                              LaunchText::tr("Set the command in Settings.")));
    const QString program = request.arguments.constFirst();
    const QString command = joinShellWords(request.arguments);
    const QString path =
        program.contains(QLatin1Char('/')) ? program : QStandardPaths::findExecutable(program);
    if (path.isEmpty() || !QFileInfo(path).isExecutable() || QFileInfo(path).isDir())
        return fail(makeError(program.contains(QLatin1Char('/'))
                                  ? LaunchText::tr("%1 is not an executable program").arg(program)
                                  : LaunchText::tr("%1 was not found on PATH").arg(program),
                              command));
    if (!QFileInfo(request.workingDir).isDir())
        return fail(
            makeError(LaunchText::tr("the folder %1 does not exist").arg(request.workingDir),
                      command, LaunchText::tr("Its worktree may have been cleaned up.")));
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        return fail(makeError(LaunchText::tr("could not make a pipe: %1")
                                  .arg(QString::fromLocal8Bit(std::strerror(errno))),
                              command));
    // The child's end is blocking, as programs expect.
    ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) & ~O_NONBLOCK);
    const Result<pid_t> pid = spawn(path, request.arguments, request.workingDir, fds[1]);
    ::close(fds[1]);
    if (!pid) {
        ::close(fds[0]);
        return fail(pid.error());
    }
    std::thread(watch, std::move(promise), request.arguments, *pid, fds[0], request.watchMs)
        .detach();
    return future;
}

} // namespace chorus
