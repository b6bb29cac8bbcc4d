#include "util/processrunner.h"

#include "childguard.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QList>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace chorus {

namespace {
class ProcessText
{
    Q_DECLARE_TR_FUNCTIONS(Process)
};
} // namespace

Result<ProcessOutcome> runProcess(const ProcessRequest &req)
{
    const QString where = req.arguments.join(QLatin1Char(' '));
    if (req.arguments.isEmpty())
        return makeError(ProcessText::tr("no program to run"));
    // Everything the fork needs is made before it (see childguard.h).
    const QString &first = req.arguments.first();
    const QString program = first.contains(QLatin1Char('/'))
                                ? QDir(req.workingDir).absoluteFilePath(first)
                                : QStandardPaths::findExecutable(first);
    if (program.isEmpty())
        return makeError(ProcessText::tr("%1 is not on PATH").arg(first), where);
    const QByteArray path = QFile::encodeName(program), workDir = QFile::encodeName(req.workingDir);
    QList<QByteArray> args;
    for (const QString &a : req.arguments)
        args << QFile::encodeName(a);
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QList<QByteArray> envs;
    for (const QString &e : req.environment)
        envs << e.toLocal8Bit();
    std::vector<char *> envp;
    for (QByteArray &e : envs)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    // Under a supervisor: whatever the program starts, even in a session of its own, ends
    // with it, and all of it ends with the engine.
    const childguard::Supervised child = childguard::startSupervised(
        path.constData(), argv.data(), workDir.constData(), envs.isEmpty() ? nullptr : envp.data());
    int status = 0;
    if (child.supervisor > 0 && child.startError != 0) {
        ::close(child.output);
        while (::waitpid(child.supervisor, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (child.supervisor < 0 || child.startError != 0)
        return makeError(QString::fromLocal8Bit(::strerror(child.startError)), where);

    ProcessOutcome run;
    const qsizetype maxOutput = req.maxOutput;
    QByteArray out;
    auto readSome = [&](int waitMs) { // false at the end of the output
        pollfd pfd{child.output, POLLIN, 0};
        if (::poll(&pfd, 1, waitMs) <= 0)
            return true;
        char buf[65536];
        const ssize_t n = ::read(child.output, buf, sizeof buf);
        if (n > 0) {
            out.append(buf, n);
            if (out.size() > 2 * maxOutput)
                out = out.right(maxOutput);
        }
        return n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN));
    };
    auto ended = [&] { return ::waitpid(child.supervisor, &status, WNOHANG) == child.supervisor; };
    QDeadlineTimer deadline(req.timeoutMs);
    bool open = true, done = false;
    while (!done) {
        if (open)
            open = readSome(200);
        else
            QThread::msleep(50);
        done = ended();
        if (!done && (deadline.hasExpired() || (req.cancel && req.cancel->load()))) {
            run.timedOut = deadline.hasExpired();
            run.cancelled = !run.timedOut;
            ::kill(child.supervisor,
                   SIGTERM); // it kills the program and all below it, then ends
            const QDeadlineTimer grace(10000);
            while (!(done = ended()) && !grace.hasExpired())
                QThread::msleep(20);
            if (!done) {
                ::kill(child.supervisor, SIGKILL);
                while (::waitpid(child.supervisor, &status, 0) < 0 && errno == EINTR) {
                }
            }
            done = true;
        }
    }
    // What it left running was ended by the supervisor: the output ends now.
    for (int i = 0; open && i < 50; ++i)
        open = readSome(100);
    ::close(child.output);
    run.output = QString::fromUtf8(out.size() > maxOutput ? out.right(maxOutput) : out);
    run.exitCode = run.timedOut || run.cancelled || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
    return run;
}

} // namespace chorus
