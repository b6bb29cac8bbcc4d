#include "clitext.h"
#include "daemon.h"

#include "engine/engine.h"
#include "paths.h"
#include "rpc/engineservice.h"
#include "rpc/rpcclient.h"
#include "settings.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTextStream>
#include <QThread>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace chorus::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int sig)
{
    const char c = char(sig);
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

QString logTail(int lines)
{
    QFile f(paths::daemonLogPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    return all.mid(qMax<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n')).trimmed();
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    return !status.readAll().contains("State:\tZ"); // a zombie has ended
}

int startDaemon(QTextStream &out, QTextStream &err)
{
    RpcClient probe;
    if (probe.connectToEngine({}, 500)) {
        const Result<QJsonValue> r = probe.callSync(QStringLiteral("engine.ping"));
        out << Cli::tr("The Chorus engine is already running (pid %1).")
                   .arg(r ? r->toObject().value(QLatin1String("pid")).toInteger() : 0)
            << '\n';
        return 0;
    }
    QDir().mkpath(paths::dataDir());
    QProcess p;
    p.setProgram(QCoreApplication::applicationFilePath());
    p.setArguments({QStringLiteral("daemon"), QStringLiteral("run")});
    p.setWorkingDirectory(QDir::rootPath());
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(paths::daemonLogPath(), QIODevice::Append);
    p.setStandardErrorFile(paths::daemonLogPath(), QIODevice::Append);
    qint64 pid = 0;
    if (!p.startDetached(&pid)) {
        err << Cli::tr("chorus: cannot start the engine: %1").arg(p.errorString()) << '\n';
        return 1;
    }
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        RpcClient c;
        if (c.connectToEngine({}, 200)) {
            out << Cli::tr("Started the Chorus engine (pid %1).").arg(pid) << '\n';
            return 0;
        }
        if (!processAlive(pid))
            break;
        QThread::msleep(50);
    }
    err << Cli::tr("chorus: the engine did not start. Its log (%1) ends with:\n%2")
               .arg(paths::daemonLogPath(), logTail(10))
        << '\n';
    return 1;
}

int stopDaemon(QTextStream &out, QTextStream &err)
{
    RpcClient c;
    if (!c.connectToEngine({}, 500)) {
        out << Cli::tr("The Chorus engine is not running.") << '\n';
        return 0;
    }
    const Result<QJsonValue> ping = c.callSync(QStringLiteral("engine.ping"));
    const qint64 pid = ping ? ping->toObject().value(QLatin1String("pid")).toInteger() : 0;
    const Result<QJsonValue> r = c.callSync(QStringLiteral("engine.shutdown"));
    if (!r) {
        err << QStringLiteral("chorus: ") << r.error().toString() << '\n';
        return 1;
    }
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && processAlive(pid))
        QThread::msleep(50);
    if (processAlive(pid)) {
        err << Cli::tr("chorus: the engine (pid %1) is still shutting down.").arg(pid) << '\n';
        return 1;
    }
    out << Cli::tr("Stopped the Chorus engine (pid %1).").arg(pid) << '\n';
    return 0;
}
} // namespace

int runDaemon()
{
    QTextStream err(stderr);
    ::signal(SIGPIPE, SIG_IGN);
    const Result<QString> socket = paths::socketPath();
    if (!socket) {
        err << QStringLiteral("chorus daemon: ") << socket.error().toString() << '\n';
        return 1;
    }
    Engine engine(paths::databasePath());
    engine.setSettings(loadEngineSettings());
    EngineService service(&engine);
    // The lock comes first: a second engine must not touch the sessions of the first.
    if (Status s = service.listen(*socket); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    if (Status s = engine.open(); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    for (const QString &line : engine.startupReport())
        err << QStringLiteral("chorus daemon: start-up sweep: ") << line << Qt::endl;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGTERM, &sa, nullptr);
        ::sigaction(SIGINT, &sa, nullptr);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &engine);
        QObject::connect(notifier, &QSocketNotifier::activated, &engine, [] {
            char c;
            [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
            QCoreApplication::quit();
        });
    }
    QObject::connect(&service, &EngineService::shutdownRequested, &engine,
                     [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
    err << QStringLiteral("chorus daemon: engine %1 listening on %2 (database %3)")
               .arg(QCoreApplication::applicationPid())
               .arg(*socket, paths::databasePath())
        << Qt::endl;
    const int rc = QCoreApplication::exec();
    err << QStringLiteral("chorus daemon: shutting down") << Qt::endl;
    return rc;
}

int daemonCommand(const Args &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString sub = args.positional.value(0, QStringLiteral("start"));
    if (sub == QLatin1String("run"))
        return runDaemon();
    if (sub == QLatin1String("start"))
        return startDaemon(out, err);
    if (sub == QLatin1String("stop"))
        return stopDaemon(out, err);
    if (sub == QLatin1String("status")) {
        RpcClient c;
        if (!c.connectToEngine({}, 500)) {
            out << Cli::tr("The Chorus engine is not running.") << '\n';
            return 1;
        }
        const Result<QJsonValue> r = c.callSync(QStringLiteral("engine.ping"));
        if (!r) {
            err << QStringLiteral("chorus: ") << r.error().toString() << '\n';
            return 1;
        }
        const QJsonObject o = r->toObject();
        out << Cli::tr("The Chorus engine is running: pid %1, version %2, socket %3, database %4")
                   .arg(o.value(QLatin1String("pid")).toInteger())
                   .arg(o.value(QLatin1String("version")).toString(),
                        o.value(QLatin1String("socket")).toString(), paths::databasePath())
            << '\n';
        return 0;
    }
    err << Cli::tr("chorus daemon: unknown subcommand '%1' (start, stop, status, run)").arg(sub) << '\n';
    return 2;
}

} // namespace chorus::cli
