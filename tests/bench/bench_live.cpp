// bench_live: 16 agents streaming partial messages at full speed into 16 open consoles.
// Prints its figures; it gates nothing. Run it offscreen or under Xvfb:
//   QT_QPA_PLATFORM=offscreen bench_live [agents=16] [kib=64] [chunks=1500] [delay=0.004]
//                                        [consoles=1]   (0: none open, a baseline)
//                                        [nice=19]      (agentNice; 0: agents as the engine)
//
// The daemon is $CHORUS_TEST_PROGRAM's (`chorus daemon`), its agents the pinned Claude Code
// CLI against the fake Messages API (chorus-fake-api, a process of its own); each agent's
// answer is `kib` KiB of Markdown streamed in `chunks` pieces, `delay` seconds apart. The GUI side
// is this process: one EngineClient and a window with one ConsoleWidget per agent, all shown. While
// the answers stream:
// - the longest UI stall (a 5 ms timer on this thread; target: none above 50 ms), and how
//   much of it this thread ran and how much it waited for a CPU (schedstat); every stall
//   with CHORUS_BENCH_STALLS=1,
// - this process's RSS (current and peak; target: below 300 MB),
// - the live updates the consoles received (per agent per second: at most ~20),
// - the daemon's CPU time (utime + stime from /proc) over the streaming, per streaming agent.
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "enginefixture.h"
#include "guitest.h"
#include "procfile.h"
#include "tst_console_events.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGridLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTimer>
#include <QWidget>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

using namespace chorus;
using namespace chorus::bench;

namespace {
// This thread's time on a CPU and waiting in a run queue (ns), from schedstat.
struct SchedStat
{
    double runNs = 0;
    double waitNs = 0;
};
SchedStat schedStat()
{
    QFile f(QStringLiteral("/proc/thread-self/schedstat"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> fields = f.readAll().trimmed().split(' ');
    return {fields.value(0).toDouble(), fields.value(1).toDouble()};
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int agents = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 16;
    const int kib = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 64;
    const int chunks = argc > 3 ? QString::fromLocal8Bit(argv[3]).toInt() : 1500;
    const double delay = argc > 4 ? QString::fromLocal8Bit(argv[4]).toDouble() : 0.004;
    // 0: no consoles (the same agents and client, for a baseline of what the machine does).
    const bool consoles = argc > 5 ? QString::fromLocal8Bit(argv[5]).toInt() != 0 : true;
    // The agents' nice value (the agentNice setting; 0: as the engine, the way it was before).
    const int agentNice = argc > 6 ? QString::fromLocal8Bit(argv[6]).toInt() : 19;

    test::EngineFixture fx;
    QString error;
    if (!fx.setUp(&error)) {
        std::printf("bench_live: %s\n", qPrintable(error));
        return 1;
    }
    qputenv("CHORUS_PROGRAM", fx.chorusProgram().toUtf8());
    // The Messages API in a process of its own, in a session of its own, at the lowest
    // priority: it stands for Anthropic's servers, which take no CPU of the user's machine
    // (the fixture's in-process server would share the GUI thread's).
    QProcess api;
    api.setProgram(QStringLiteral(CHORUS_FAKE_API_PROGRAM));
    api.setChildProcessModifier([] {
        ::setsid(); // its own scheduling group (autogroup), at the lowest weight
        ::setpriority(PRIO_PROCESS, 0, 19);
        const int fd = ::open("/proc/self/autogroup", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            [[maybe_unused]] const ssize_t n = ::write(fd, "19\n", 3);
            ::close(fd);
        }
    });
    api.start(QIODevice::ReadOnly);
    QDeadlineTimer started(10000);
    while (!api.canReadLine() && !started.hasExpired())
        api.waitForReadyRead(int(qMax<qint64>(1, started.remainingTime())));
    if (!api.canReadLine()) {
        std::printf("bench_live: %s did not start\n", CHORUS_FAKE_API_PROGRAM);
        return 1;
    }
    const QByteArray listening = api.readLine().trimmed(); // "listening on http://..."
    qputenv("ANTHROPIC_BASE_URL", listening.mid(listening.lastIndexOf(' ') + 1));
    // The engine takes agentNice for its own scheduling group when it starts: from its file.
    {
        QFile conf(fx.root() + QStringLiteral("/config/chorus/chorus.conf"));
        if (!conf.open(QIODevice::WriteOnly) ||
            conf.write(QStringLiteral("[engine]\nagentNice=%1\n").arg(agentNice).toUtf8()) < 0) {
            std::printf("bench_live: cannot write %s\n", qPrintable(conf.fileName()));
            return 1;
        }
    }
    EngineClient client;
    if (Status s = client.connectToEngine(); !s) {
        std::printf("bench_live: %s\n", qPrintable(s.error().toString()));
        return 1;
    }
    // Let them all run at once.
    client.setSettings({{QStringLiteral("maxConcurrent"), agents}});
    const QString answer = test::longAnswer(qsizetype(kib) * 1024, QStringLiteral("Done."));
    const QString task =
        QStringLiteral("Write it all. @@fake ") +
        QString::fromUtf8(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("text"), answer},
                                                               {QStringLiteral("chunks"), chunks},
                                                               {QStringLiteral("delay"), delay}}})
                              .toJson(QJsonDocument::Compact));

    QWidget window;
    auto *grid = new QGridLayout(&window);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    const int columns = agents >= 4 ? 4 : agents;
    window.resize(1600, 1000);
    window.show();

    qint64 liveUpdates = 0;
    QObject::connect(&client, &EngineClient::liveUpdated, &app,
                     [&](const LiveUpdate &) { ++liveUpdates; });
    QElapsedTimer clock;
    clock.start();
    QList<QString> ids;
    for (int i = 0; i < agents; ++i) {
        const SessionInfo s = test::spawnAgent(client, QStringLiteral("builder"), task,
                                               fx.workDir(), QStringLiteral("streamer-%1").arg(i));
        if (s.id.isEmpty())
            return 1;
        ids << s.id;
        if (consoles)
            grid->addWidget(new ConsoleWidget(&client, s.id, &window), i / columns, i % columns);
    }
    std::printf("%d agents spawned in %lld ms; answers of %d KiB in %d chunks, %.3f s apart\n",
                agents, qlonglong(clock.elapsed()), kib, chunks, delay);

    const qint64 daemon = fx.daemonPid();
    qint64 stall = 0;
    qint64 stallAt = 0;
    double stallRunMs = 0;  // of the longest stall: this thread on a CPU
    double stallWaitMs = 0; // and runnable, waiting for one
    int stallsOver50 = 0;
    qint64 lastTick = -1;
    long peakRss = 0;
    bool streaming = false;
    double cpuStart = 0;
    qint64 streamStart = 0;
    qint64 updatesAtStart = 0;
    QTimer tick;
    tick.setInterval(5);
    SchedStat lastSched = schedStat();
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.elapsed();
        const SchedStat sched = schedStat();
        if (streaming && lastTick >= 0 && now - lastTick > 50) {
            ++stallsOver50;
            if (qEnvironmentVariableIsSet("CHORUS_BENCH_STALLS"))
                std::printf("stall %lld ms ending at monotonic %.3f s: %.0f ms on a CPU, %.0f ms "
                            "waiting for one\n",
                            qlonglong(now - lastTick), (clock.msecsSinceReference() + now) / 1000.0,
                            (sched.runNs - lastSched.runNs) / 1e6,
                            (sched.waitNs - lastSched.waitNs) / 1e6);
        }
        if (streaming && lastTick >= 0 && now - lastTick > stall) {
            stall = now - lastTick;
            stallAt = now - streamStart;
            stallRunMs = (sched.runNs - lastSched.runNs) / 1e6;
            stallWaitMs = (sched.waitNs - lastSched.waitNs) / 1e6;
        }
        lastSched = sched;
        lastTick = now;
    });
    // Measured from here (every agent spawned, their CLIs starting) to every turn's end.
    streaming = true;
    cpuStart = cpuSeconds(daemon);
    const double guiCpuStart = cpuSeconds(QCoreApplication::applicationPid());
    const qint64 readStart = procField(QStringLiteral("/proc/self/io"), "rchar");
    streamStart = clock.elapsed();
    updatesAtStart = liveUpdates;
    tick.start();
    QTimer rss;
    rss.setInterval(100);
    QObject::connect(&rss, &QTimer::timeout, &app,
                     [&] { peakRss = qMax(peakRss, procStatusKb("VmRSS")); });
    rss.start();
    const auto allDone = [&] {
        for (const QString &id : std::as_const(ids)) {
            const SessionInfo s = client.session(id);
            if (s.turns < 1 || (s.state != SessionState::Idle && !isFinal(s.state)))
                return false;
        }
        return true;
    };
    // The GUI's own event loop, asleep between events as the application's is (a loop of
    // processEvents() would keep this thread busy and measure the scheduler, not the GUI).
    QEventLoop loop;
    QTimer check;
    check.setInterval(100);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (allDone())
            loop.quit();
    });
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    check.stop();
    const qint64 streamMs = clock.elapsed() - streamStart;
    const double cpu = cpuSeconds(daemon) - cpuStart;
    const double guiCpu = cpuSeconds(QCoreApplication::applicationPid()) - guiCpuStart;
    const qint64 readBytes = procField(QStringLiteral("/proc/self/io"), "rchar") - readStart;
    tick.stop();
    rss.stop();
    int shown = 0;
    for (ConsoleWidget *c : window.findChildren<ConsoleWidget *>()) {
        const TranscriptModel *m = c->transcript()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            shown += m->entry(r).kind == TranscriptItem::Kind::Text &&
                             m->entry(r).body.endsWith(QLatin1String("Done."))
                         ? 1
                         : 0;
    }
    const double seconds = qMax<qint64>(1, streamMs) / 1000.0;
    std::printf("streaming: %.1f s; %lld live updates to the consoles (%.1f per agent per "
                "second)\n",
                seconds, qlonglong(liveUpdates - updatesAtStart),
                double(liveUpdates - updatesAtStart) / agents / seconds);
    std::printf("longest UI stall while streaming: %lld ms, ending %.1f s in (%.0f ms of it on a "
                "CPU, %.0f ms waiting for one); %d stalls above 50 ms (target: none)\n",
                qlonglong(stall), stallAt / 1000.0, stallRunMs, stallWaitMs, stallsOver50);
    std::printf("GUI RSS: %ld MB now, %ld MB peak while streaming, %ld MB high-water mark "
                "(target: 300 MB)\n",
                procStatusKb("VmRSS") / 1024, peakRss / 1024, procStatusKb("VmHWM") / 1024);
    std::printf("daemon CPU while streaming: %.2f s in %.1f s = %.1f%% of a core, %.2f%% per "
                "streaming agent\n",
                cpu, seconds, 100.0 * cpu / seconds, 100.0 * cpu / seconds / agents);
    std::printf("GUI CPU while streaming: %.2f s = %.1f%% of a core; %.1f MB read (the engine's "
                "messages, mostly)\n",
                guiCpu, 100.0 * guiCpu / seconds, readBytes / 1e6);
    std::printf("answers stored and shown whole: %d of %d\n", shown, agents);
    for (const QString &id : std::as_const(ids)) {
        const SessionInfo s = client.session(id);
        if (s.state != SessionState::Idle)
            std::printf("  %s ended %s: %s\n", qPrintable(s.name), qPrintable(stateName(s.state)),
                        qPrintable(s.error.left(200)));
    }
    fx.tearDown();
    api.kill();
    api.waitForFinished();
    return shown == (consoles ? agents : 0) ? 0 : 1;
}
