#include "clitext.h"
#include "daemon.h"

#include "cliio.h"

#include "engine/engine.h"
#include "engine/enginesettings.h"
#include "engine/idleexit.h"
#include "paths.h"
#include "rpc/engineservice.h"
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"
#include "util/autogroup.h"
#include "util/clock.h"

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
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace chorus::cli {

namespace {
// Set by `daemon start` for the engine it starts (see runDaemon()).
constexpr char kOwnSession[] = "CHORUS_DAEMON_OWN_SESSION";

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

// Makes the data directory private and creates daemon.log 0600 (or checks it can be appended
// to) before the daemon's output goes there, so what cannot be written is named with its folder
// instead of Qt's "could not open redirection".
Status prepareDaemonLog()
{
    if (Status s = paths::makeDataDirPrivate(); !s)
        return s;
    const QString log = paths::daemonLogPath();
    const int fd =
        ::open(QFile::encodeName(log).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        return makeError(
            Cli::tr("cannot write the engine's log in %1: %2").arg(paths::dataDir(), why), log,
            Cli::tr("Make sure daemon.log can be written (a file you own, in a folder you can "
                    "write to), or set CHORUS_DATA_DIR to another folder."));
    }
    ::close(fd);
    return Ok{};
}

int startDaemon(TermStream &out, TermStream &err)
{
    RpcClient probe;
    if (probe.connectToEngine({}, 500)) {
        const Result<QJsonValue> r = probe.callSync(rpc::method::EnginePing);
        out << Cli::tr("The Chorus engine is already running (pid %1).")
                   .arg(r ? rpc::PingReply::fromJson(r->toObject()).pid : 0)
            << '\n';
        return 0;
    }
    if (Status s = prepareDaemonLog(); !s) {
        err << QStringLiteral("chorus: ") << s.error().toString() << '\n';
        return 1;
    }
    QProcess p;
    p.setProgram(QCoreApplication::applicationFilePath());
    p.setArguments({QStringLiteral("daemon"), QStringLiteral("run")});
    // It leads a session of its own, so that its scheduling group is its own (runDaemon()).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QLatin1String(kOwnSession), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QDir::rootPath());
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(paths::daemonLogPath(), QIODevice::Append);
    p.setStandardErrorFile(paths::daemonLogPath(), QIODevice::Append);
    qint64 pid = 0;
    if (!p.startDetached(&pid)) {
        err << Cli::tr("chorus: cannot start the engine: %1").arg(p.errorString()) << '\n';
        return 1;
    }
    const QDeadlineTimer deadline(
        30000); // it opens the database and recovers agents before it listens
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

int stopDaemon(TermStream &out, TermStream &err)
{
    RpcClient c;
    if (!c.connectToEngine({}, 500)) {
        out << Cli::tr("The Chorus engine is not running.") << '\n';
        return 0;
    }
    const Result<QJsonValue> ping = c.callSync(rpc::method::EnginePing);
    const qint64 pid = ping ? rpc::PingReply::fromJson(ping->toObject()).pid : 0;
    const Result<QJsonValue> r = c.callSync(rpc::method::EngineShutdown);
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

// The engine and its agents yield to the desktop (util/autogroup.h): started as a daemon, the
// engine leads a session of its own, whose scheduling group gets the agents' nice, at start
// and when the setting changes. The kernel takes one such write per 100 ms from all its
// unprivileged users together: a refusal for that is tried again a few times.
void yieldToTheDesktop(int nice, int attempt = 1)
{
    if (nice < 0 || !autogroup::leadsSession())
        return;
    const int error = autogroup::setNice(nice);
    if (error == EAGAIN && attempt < 10) {
        QTimer::singleShot(150, QCoreApplication::instance(),
                           [nice, attempt] { yieldToTheDesktop(nice, attempt + 1); });
        return;
    }
    QTextStream err(stderr);
    if (error == 0)
        err << QStringLiteral("chorus daemon: the engine and its agents run at nice %1 against "
                              "the desktop (the agentNice setting)")
                   .arg(nice)
            << Qt::endl;
    else if (error != ENOENT) // a kernel without autogroup: the agents' own nice is all there is
        err << QStringLiteral("chorus daemon: cannot give the engine's scheduling group nice "
                              "%1: %2; its agents still run at that nice")
                   .arg(nice)
                   .arg(QString::fromLocal8Bit(std::strerror(error)))
            << Qt::endl;
}
} // namespace

int runDaemon()
{
    QTextStream err(stderr);
    // Started by `daemon start` (detached, not a process group's leader): a session of its own,
    // whose scheduling group it may set for itself and its agents (yieldToTheDesktop). A `daemon
    // run` in a terminal stays in the terminal's session. Not passed on to agents.
    if (qEnvironmentVariableIsSet(kOwnSession)) {
        qunsetenv(kOwnSession);
        ::setsid();
    }
    ::signal(SIGPIPE, SIG_IGN);
    // No umask 077 here: the agents and git inherit it, and the user's files they write must
    // keep the user's modes. The data directory and its files get explicit modes instead.
    if (Status s = paths::makeDataDirPrivate(); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    const Result<QString> socket = paths::socketPath();
    if (!socket) {
        err << QStringLiteral("chorus daemon: ") << socket.error().toString() << '\n';
        return 1;
    }
    Engine engine(paths::databasePath());
    // The locks come first: a second engine must not touch the sessions of the first, nor take
    // its socket. The data directory's lock holds whatever the runtime directory is.
    if (Status s = engine.lockDataDir(); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    engine.setSettings(loadEngineSettings());
    if (engine.settings().agentNice > 0) // a new session's group starts at 0
        yieldToTheDesktop(engine.settings().agentNice);
    QObject::connect(&engine, &Engine::settingsChanged, &engine,
                     [nice = engine.settings().agentNice](const EngineSettings &s) mutable {
                         if (s.agentNice != nice)
                             yieldToTheDesktop(nice = s.agentNice);
                     });
    EngineService service(&engine);
    // Each agent holds pipes and each client a socket: take what the hard limit allows (soft
    // limits of 1024 are common), and keep clients to a share of it so agents always get theirs.
    struct rlimit nofile = {};
    if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        const rlim_t want =
            nofile.rlim_max == RLIM_INFINITY ? rlim_t(16384) : qMin<rlim_t>(nofile.rlim_max, 16384);
        if (nofile.rlim_cur < want) {
            nofile.rlim_cur = want;
            ::setrlimit(RLIMIT_NOFILE, &nofile);
        }
        ::getrlimit(RLIMIT_NOFILE, &nofile);
        service.setLimits(int(qBound<rlim_t>(4, nofile.rlim_cur / 4, EngineService::kMaxClients)),
                          EngineService::kMaxClientBacklog);
    }
    if (Status s = service.lockSocket(*socket); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    // Opened before it listens: a client that connects may rely on an engine that works (a
    // database it cannot open ends it before anybody sees it).
    if (Status s = engine.open(); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    if (Status s = service.listen(*socket); !s) {
        err << QStringLiteral("chorus daemon: ") << s.error().toString() << '\n';
        return 1;
    }
    engine.setControlSocket(*socket);
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
    // Nothing lingers: with no agent alive and no client connected (a GUI, `logs --follow`, any
    // command while it runs) for the idleExitMinutes setting, the engine ends; the next client
    // starts it again. CHORUS_IDLE_EXIT_SECONDS overrides the setting (for tests).
    bool secondsSet = false;
    const int idleSeconds = qEnvironmentVariableIntValue("CHORUS_IDLE_EXIT_SECONDS", &secondsSet);
    IdleExit idleExit(
        [&engine, &service] { return service.clientCount() > 0 || engine.hasLiveAgents(); },
        [&engine, secondsSet, idleSeconds]() -> qint64 {
            return secondsSet ? qint64(idleSeconds) * 1000
                              : qint64(engine.settings().idleExitMinutes) * 60 * 1000;
        },
        Clock::system());
    QObject::connect(&idleExit, &IdleExit::expired, &engine, [&err](qint64 idleMs) {
        err << QStringLiteral("chorus daemon: no agent alive and no client for %1 s: ending (the "
                              "idleExitMinutes setting)")
                   .arg(idleMs / 1000)
            << Qt::endl;
        QCoreApplication::quit();
    });
    // A visit shorter than the check's interval still counts: the idle time starts again when
    // a client comes and when it goes.
    QObject::connect(&service, &EngineService::clientsChanged, &idleExit, &IdleExit::check);
    idleExit.start();
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
    TermStream &out = cli::out();
    TermStream &err = cli::err();
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
        const Result<QJsonValue> r = c.callSync(rpc::method::EnginePing);
        if (!r) {
            err << QStringLiteral("chorus: ") << r.error().toString() << '\n';
            return 1;
        }
        const rpc::PingReply ping = rpc::PingReply::fromJson(r->toObject());
        out << Cli::tr("The Chorus engine is running: pid %1, version %2, socket %3, database %4")
                   .arg(ping.pid)
                   .arg(ping.version, ping.socket, paths::databasePath())
            << '\n';
        // What it found and tidied when it started (after a kill -9 of the one before).
        if (!ping.startup.isEmpty())
            out << Cli::tr("At start-up it tidied what the engine before it had left:") << '\n';
        for (const QString &line : ping.startup)
            out << QLatin1String("  ") << line << '\n';
        for (const QString &w : ping.warnings)
            out << Cli::tr("engine: %1").arg(w) << '\n';
        return 0;
    }
    err << Cli::tr("chorus daemon: unknown subcommand '%1' (start, stop, status, run)").arg(sub) << '\n';
    return 2;
}

} // namespace chorus::cli
