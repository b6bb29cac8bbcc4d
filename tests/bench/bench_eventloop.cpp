// The daemon's event loop while an agent is spawned into a 10,000-file repository and 4 agents
// work step after step: `engine.ping` is sent every 10 ms and the longest gap between its answers
// (and between stored events of the streaming agents) is measured before, during and after the
// spawn. Target: no gap above 50 ms. The daemon is $CHORUS_TEST_PROGRAM's, so the same bench
// measures an older build for comparison. Usage: bench_eventloop [files]
#include "enginefixture.h"
#include "gitfixture.h"
#include "model/sessioninfo.h"
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

using namespace chorus;
using chorus::test::GitFixture;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int files = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    test::EngineFixture fx;
    QString error;
    if (!fx.setUp(&error)) {
        out << "bench_eventloop: " << error << Qt::endl;
        return 1;
    }
    // The repository: `files` files of ~1 KiB in 100 directories, one commit.
    const QString repo = GitFixture(fx.root()).makeRepo(QStringLiteral("big"));
    QByteArray body;
    for (int i = 0; i < 16; ++i)
        body += "int line_" + QByteArray::number(i) + " = 0; // some ordinary source text here\n";
    for (int i = 0; i < files; ++i)
        GitFixture::write(QStringLiteral("%1/src/d%2/file%3.c").arg(repo).arg(i % 100).arg(i),
                          QByteArray("// file ") + QByteArray::number(i) + '\n' + body);
    GitFixture::commit(repo, QStringLiteral("many files"));

    fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    RpcClient client;
    if (Status s = client.connectToEngine(); !s) {
        out << s.error().toString() << Qt::endl;
        return 1;
    }
    client.callSync(rpc::method::Subscribe, {{QStringLiteral("events"), QStringLiteral("*")}});
    QElapsedTimer clock;
    clock.start();
    qint64 lastEvent = -1, eventGap = 0, eventsSeen = 0;
    QObject::connect(&client, &RpcClient::notificationReceived, &app,
                     [&](const QString &method, const QJsonObject &) {
                         if (method != rpc::notification::EventsStored)
                             return;
                         const qint64 now = clock.elapsed();
                         if (lastEvent >= 0)
                             eventGap = qMax(eventGap, now - lastEvent);
                         lastEvent = now;
                         ++eventsSeen;
                     });
    // 4 agents working step after step (a quick Bash call each), so that events are stored all
    // the time (no repository: no worktree of their own).
    QJsonArray steps;
    for (int i = 0; i < 400; ++i)
        steps.append(QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                                 {QStringLiteral("input"), QJsonObject{{QStringLiteral("command"),
                                                                        QStringLiteral("true")}}}});
    steps.append(QJsonObject{{QStringLiteral("text"), QStringLiteral("Done.")}});
    const QString task = QStringLiteral("Stream. @@fake ") +
                         QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    for (int i = 0; i < 4; ++i)
        client.callSync(rpc::method::AgentsSpawn,
                        {{QStringLiteral("role"), QStringLiteral("builder")},
                         {QStringLiteral("task"), task},
                         {QStringLiteral("dir"), fx.workDir()},
                         {QStringLiteral("name"), QStringLiteral("streamer-%1").arg(i)}});
    // Pings every 10 ms; the longest wait between two answers is what a blocked loop shows.
    qint64 lastPong = -1, pongGap = 0, pongs = 0;
    QTimer pinger;
    pinger.setInterval(10);
    QObject::connect(&pinger, &QTimer::timeout, &app, [&] {
        client.call(rpc::method::EnginePing, {}, [&](const Result<QJsonValue> &) {
            const qint64 now = clock.elapsed();
            if (lastPong >= 0)
                pongGap = qMax(pongGap, now - lastPong);
            lastPong = now;
            ++pongs;
        });
    });
    auto settle = [&](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    settle(3000); // the streamers are running
    pinger.start();
    settle(1000);
    const qint64 quietPong = pongGap, quietEvent = eventGap;
    pongGap = eventGap = 0;

    QElapsedTimer spawnTime;
    spawnTime.start();
    bool answered = false;
    QString spawnError;
    client.call(rpc::method::AgentsSpawn,
                {{QStringLiteral("role"), QStringLiteral("builder")},
                 {QStringLiteral("task"), QStringLiteral("Nothing. @@fake [{\"text\":\"ok\"}]")},
                 {QStringLiteral("dir"), repo},
                 {QStringLiteral("name"), QStringLiteral("big-one")}},
                [&](const Result<QJsonValue> &r) {
                    answered = true;
                    if (!r)
                        spawnError = r.error().toString();
                });
    QEventLoop wait;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
        if (answered)
            wait.quit();
    });
    poll.start(5);
    QTimer::singleShot(300000, &wait, &QEventLoop::quit);
    wait.exec();
    const double spawnMs = spawnTime.nsecsElapsed() / 1e6;
    const qint64 spawnPong = pongGap, spawnEvent = eventGap;
    pinger.stop();

    out << QStringLiteral("bench_eventloop (%1 files; daemon %2)\n")
               .arg(files)
               .arg(fx.chorusProgram());
    out << QStringLiteral("  before the spawn:  longest gap between ping answers %1 ms, between "
                          "stored events %2 ms\n")
               .arg(quietPong)
               .arg(quietEvent);
    out << QStringLiteral("  during the spawn (%1 ms%2): longest gap between ping answers %3 ms, "
                          "between stored events %4 ms (target <= 50)\n")
               .arg(spawnMs, 0, 'f', 0)
               .arg(spawnError.isEmpty() ? QString() : QStringLiteral(", FAILED: ") + spawnError)
               .arg(spawnPong)
               .arg(spawnEvent);
    out << QStringLiteral("  %1 pings answered, %2 event batches stored\n")
               .arg(pongs)
               .arg(eventsSeen);
    out.flush();
    client.callSync(rpc::method::AgentsStop, {{QStringLiteral("all"), true}});
    fx.tearDown();
    return answered && spawnError.isEmpty() ? 0 : 1;
}
