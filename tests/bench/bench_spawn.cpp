// Engine overhead and concurrency, on the real pinned Claude Code CLI and the fake API:
//   1. bare `claude -p` (stream-json) start -> first stream line, median of N
//   2. `chorus spawn` (a new CLI process, daemon already running) -> the agent's first
//      stream line stored and delivered to a subscriber, median of N; ratio to 1 (target <= 1.1),
//      once per agent transport (a child process; through the `chorus agent-exec` shim)
//   3. 16 agents spawned at once (concurrency 16) run to completion: wall time
#include "claudetest.h"
#include "enginefixture.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace chorus;

namespace {
double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

// The same argument list the engine used, with a fresh session id.
double bareStart(const QString &claude, QStringList args, const QProcessEnvironment &env, const QString &dir)
{
    const qsizetype sid = args.indexOf(QStringLiteral("--session-id"));
    if (sid >= 0 && sid + 1 < args.size())
        args[sid + 1] = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QProcess p;
    p.setProgram(claude);
    p.setArguments(args);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir);
    QElapsedTimer t;
    t.start();
    p.start();
    p.waitForStarted();
    p.write(R"({"type":"user","message":{"role":"user","content":"hello"}})" "\n");
    while (!p.canReadLine() && p.waitForReadyRead(30000)) {
    }
    const double ms = double(t.nsecsElapsed()) / 1e6;
    p.closeWriteChannel();
    p.waitForFinished(10000);
    return ms;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs = argc > 1 ? QByteArray(argv[1]).toInt() : 8;
    test::EngineFixture fx;
    QString error;
    if (!fx.setUp(&error)) {
        out << "bench_spawn: " << error << '\n';
        return 1;
    }
    const QString claude = test::testClaudePath();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();

    // The engine is running before the measurement (clients start it once).
    fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    RpcClient client;
    if (Status s = client.connectToEngine(); !s) {
        out << s.error().toString() << '\n';
        return 1;
    }
    client.callSync(QStringLiteral("subscribe"), {{QStringLiteral("sessions"), true},
                                                  {QStringLiteral("events"), QStringLiteral("*")}});
    QSet<QString> known; // sessions of earlier runs: their late events must not count
    QStringList launchArgs;
    out << QStringLiteral("bench_spawn (N=%1, medians)\n").arg(runs);
    for (const QString &transport : {QStringLiteral("process"), QStringLiteral("shim")}) {
        client.callSync(QStringLiteral("settings.set"),
                        {{QStringLiteral("agentTransport"), transport},
                         {QStringLiteral("agentShim"), fx.chorusProgram()}});
        QList<double> viaChorus;
        QList<double> bare;
        for (int i = 0; i <= runs; ++i) {
            QEventLoop loop;
            QElapsedTimer t;
            double firstLine = -1;
            auto c = QObject::connect(
                &client, &RpcClient::notificationReceived, &loop,
                [&](const QString &method, const QJsonObject &p) {
                    if (method != QLatin1String("events.stored"))
                        return;
                    if (known.contains(p.value(QLatin1String("sessionId")).toString()))
                        return;
                    for (const QJsonValue &v : p.value(QLatin1String("events")).toArray())
                        if (v.toObject().value(QLatin1String("kind")).toString() !=
                                QLatin1String("chorus") &&
                            firstLine < 0) {
                            firstLine = double(t.nsecsElapsed()) / 1e6;
                            loop.quit();
                        }
                });
            QProcess cli;
            cli.setProgram(fx.chorusProgram());
            cli.setArguments({QStringLiteral("spawn"), QStringLiteral("builder"),
                              QStringLiteral("--task=hello"),
                              QStringLiteral("--dir=") + fx.workDir(), QStringLiteral("--wait")});
            t.start();
            cli.start();
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
            QObject::disconnect(c);
            cli.waitForFinished(30000); // --wait: the agent's turn is over before the next run
            QSet<QString> before = known;
            const Result<QJsonValue> list = client.callSync(QStringLiteral("agents.list"));
            if (list)
                for (const QJsonValue &v :
                     list->toObject().value(QLatin1String("sessions")).toArray())
                    known.insert(v.toObject().value(QLatin1String("id")).toString());
            if (i == 0) {
                if (launchArgs.isEmpty()) {
                    // The bare CLI gets exactly the arguments the engine gave this first agent.
                    const QSet<QString> fresh = known - before;
                    const Result<QJsonValue> first =
                        fresh.isEmpty()
                            ? Result<QJsonValue>(makeError(QStringLiteral("no agent")))
                            : client.callSync(QStringLiteral("events.list"),
                                              {{QStringLiteral("agent"), *fresh.begin()}});
                    if (first)
                        for (const QJsonValue &v :
                             first->toObject().value(QLatin1String("events")).toArray())
                            if (v.toObject().value(QLatin1String("subtype")).toString() ==
                                QLatin1String("launch"))
                                for (const QJsonValue &a : v.toObject()
                                                               .value(QLatin1String("event"))
                                                               .toObject()
                                                               .value(QLatin1String("arguments"))
                                                               .toArray())
                                    launchArgs << a.toString();
                }
                continue; // a warm-up run
            }
            viaChorus << firstLine;
            bare << bareStart(claude, launchArgs, env, fx.workDir()); // interleaved: same load
        }
        const double b = median(bare), c = median(viaChorus);
        out << QStringLiteral("  transport %1:\n").arg(transport);
        out << QStringLiteral("    bare claude -p start -> first line:    %1 ms\n")
                   .arg(b, 0, 'f', 1);
        out << QStringLiteral("    chorus spawn -> agent's first line:    %1 ms\n")
                   .arg(c, 0, 'f', 1);
        out << QStringLiteral("    ratio: %1 (target <= 1.10)\n").arg(c / b, 0, 'f', 3);
        out.flush();
    }
    client.callSync(QStringLiteral("settings.set"),
                    {{QStringLiteral("agentTransport"), QStringLiteral("process")}});

    // 16 agents at once.
    client.callSync(QStringLiteral("agents.stop"), {{QStringLiteral("all"), true}});
    client.callSync(QStringLiteral("settings.set"), {{QStringLiteral("maxConcurrent"), 16}});
    const QString task = QStringLiteral(
        "Work. @@fake [{\"tool\":\"Bash\",\"input\":{\"command\":\"echo working\"}},{\"text\":\"Finished.\",\"chunks\":5,\"delay\":0.2}]");
    QSet<QString> ids, done;
    int failed = 0;
    QEventLoop loop;
    QObject::connect(&client, &RpcClient::notificationReceived, &loop, [&](const QString &method, const QJsonObject &p) {
        if (method != QLatin1String("session.changed"))
            return;
        const SessionInfo s = SessionInfo::fromJson(p.value(QLatin1String("session")).toObject());
        if (!ids.contains(s.id) || done.contains(s.id))
            return;
        if ((s.state == SessionState::Idle && s.turns > 0) || isFinal(s.state)) {
            done.insert(s.id);
            if (s.state != SessionState::Idle)
                ++failed;
            if (done.size() == 16)
                loop.quit();
        }
    });
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < 16; ++i) {
        const Result<QJsonValue> r = client.callSync(
            QStringLiteral("agents.spawn"),
            {{QStringLiteral("role"), QStringLiteral("builder")}, {QStringLiteral("task"), task},
             {QStringLiteral("dir"), fx.workDir()}, {QStringLiteral("name"), QStringLiteral("crowd-%1").arg(i)}});
        if (r)
            ids.insert(r->toObject().value(QLatin1String("id")).toString());
    }
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    loop.exec();
    out << QStringLiteral("  16 concurrent agents (Bash tool + streamed answer): %1 of 16 finished, %2 failed, in %3 s\n")
               .arg(done.size())
               .arg(failed)
               .arg(double(wall.elapsed()) / 1000.0, 0, 'f', 1);
    client.callSync(QStringLiteral("agents.stop"), {{QStringLiteral("all"), true}});
    fx.tearDown();
    return done.size() == 16 && failed == 0 ? 0 : 1;
}
