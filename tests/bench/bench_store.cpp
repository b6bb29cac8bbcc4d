// Decode + store throughput of stream-json events.
//   1. the pipeline alone: LineSplitter -> decodeStreamLine -> SessionStore::appendEvents
//   2. the whole engine: a process replays a recorded-shape stream into a real AgentSession
// Prints events/s for each. Target: >= 50,000 events/s on a 2-core machine.
#include "agent/streamevent.h"
#include "engine/engine.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "testengine.h"
#include "util/linesplitter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace chorus;

namespace {
// A realistic mix: per tool round trip an assistant text block, a tool_use block and a
// tool result; a result line every 10 round trips; the init line per turn.
QByteArray makeStream(int events)
{
    const QByteArray init = R"({"type":"system","subtype":"init","cwd":"/w/t1","session_id":"368d3e0a-8679-430f-af33-cadb795c735d","tools":["Task","Bash","Read","Write","Edit","Grep","Glob"],"mcp_servers":[],"model":"claude-opus-5-5","permissionMode":"default","apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"2.1.328","uuid":"7cf85225-f5ce-42ea-9a8b-d3b4a14281c1"})";
    const QByteArray text = R"({"type":"assistant","message":{"id":"msg_fake_18801_%1","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"text","text":"Let me look at the build files first, then I will run the tests and fix what fails. The CMake project has three targets and the tests live under tests/."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":100,"output_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}},"parent_tool_use_id":null,"session_id":"03a9c9cd-f1db-4484-84b4-41d5f254c685","uuid":"3adc6e41-6126-4090-8378-3ef3812090e2"})";
    const QByteArray tool = R"({"type":"assistant","message":{"id":"msg_fake_18801_%1","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"tool_use","id":"toolu_fake_%1","name":"Bash","input":{"command":"cmake --build build -j2 && ctest --test-dir build --output-on-failure","description":"build and test"}}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":100,"output_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}},"parent_tool_use_id":null,"session_id":"03a9c9cd-f1db-4484-84b4-41d5f254c685","uuid":"3adc6e41-6126-4090-8378-3ef3812090e2"})";
    const QByteArray result = R"({"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_fake_%1","type":"tool_result","content":"[1/3] Building CXX object src/core/CMakeFiles/chorus-core.dir/agent/linesplitter.cpp.o\n[2/3] Linking CXX static library src/core/libchorus-core.a\n[3/3] Linking CXX executable tests/core/tst_linesplitter\nTest project /w/build\n    Start 1: tst_linesplitter\n1/1 Test #1: tst_linesplitter .................   Passed    0.04 sec\n\n100% tests passed, 0 tests failed out of 1\n","is_error":false}]},"parent_tool_use_id":null,"session_id":"03a9c9cd-f1db-4484-84b4-41d5f254c685","uuid":"272edc15-0000-4000-8000-000000000000","tool_use_result":{"stdout":"ok","stderr":"","interrupted":false,"isImage":false}})";
    const QByteArray turnEnd = R"({"duration_api_ms":37,"stop_reason":"end_turn","session_id":"368d3e0a","total_cost_usd":0.0008,"usage":{"input_tokens":100,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":20},"terminal_reason":"completed","is_error":false,"num_turns":1,"subtype":"success","result":"Done.","type":"result","duration_ms":171,"model_usage_since_last_result":{"claude-opus-5-5":{"inputTokens":100,"outputTokens":20,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"costUSD":0.0008}}})";
    QByteArray out;
    out.reserve(qsizetype(events) * 700);
    int n = 0;
    auto add = [&](const QByteArray &line) {
        out += QByteArray(line).replace("%1", QByteArray::number(n));
        out += '\n';
        ++n;
    };
    add(init);
    while (n < events) {
        add(text);
        if (n < events) add(tool);
        if (n < events) add(result);
        if (n % 30 == 0 && n < events) add(turnEnd);
    }
    return out;
}

double pipeline(const QByteArray &stream, const QString &dbPath, int readSize, int *count)
{
    Database db;
    if (Status s = db.open(dbPath); !s)
        qFatal("%s", qPrintable(s.error().toString()));
    SessionStore store(&db);
    LineSplitter splitter;
    QElapsedTimer t;
    t.start();
    int stored = 0;
    const QString sid = QStringLiteral("bench-session");
    for (qsizetype i = 0; i < stream.size(); i += readSize) {
        const QList<QByteArray> lines = splitter.feed(stream.mid(i, readSize));
        if (lines.isEmpty())
            continue;
        QList<StoredEvent> batch;
        batch.reserve(lines.size());
        const QString ts = nowUtc();
        for (const QByteArray &line : lines) {
            const StreamEvent ev = decodeStreamLine(line);
            batch.append(StoredEvent{sid, 0, ts, eventKindName(ev.kind), ev.subtype, ev.raw});
        }
        if (Status s = store.appendEvents(batch); !s)
            qFatal("%s", qPrintable(s.error().toString()));
        stored += int(batch.size());
    }
    *count = stored;
    return double(t.nsecsElapsed()) / 1e9;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int events = argc > 1 ? QByteArray(argv[1]).toInt() : 200000;
    QTemporaryDir tmp;
    const QByteArray stream = makeStream(events);
    out << "bench_store: " << events << " events, " << stream.size() / (1024 * 1024) << " MiB of stream-json\n";

    for (int readSize : {4096, 65536}) {
        int count = 0;
        const double secs = pipeline(stream, tmp.filePath(QStringLiteral("p%1.db").arg(readSize)), readSize, &count);
        out << QStringLiteral("  pipeline (reads of %1 B): %2 events in %3 s = %4 events/s\n")
                   .arg(readSize)
                   .arg(count)
                   .arg(secs, 0, 'f', 3)
                   .arg(qRound64(count / secs));
        out.flush();
    }

    // The whole engine: a stand-in "claude" that replays the stream on stdout.
    const QString streamFile = tmp.filePath(QStringLiteral("stream.jsonl"));
    {
        QFile f(streamFile);
        f.open(QIODevice::WriteOnly);
        f.write(stream);
    }
    const QString fakeClaude = tmp.filePath(QStringLiteral("replay-claude"));
    {
        QFile f(fakeClaude);
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\nexec cat '" + streamFile.toUtf8() + "'\n");
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    }
    Engine engine(tmp.filePath(QStringLiteral("engine.db")));
    EngineSettings settings;
    settings.claudePath = fakeClaude;
    settings.userRolesDir = tmp.filePath(QStringLiteral("roles"));
    engine.setSettings(settings);
    if (Status s = engine.open(); !s)
        qFatal("%s", qPrintable(s.error().toString()));
    qint64 seen = 0;
    QElapsedTimer t;
    QObject::connect(&engine, &Engine::eventsStored, &app, [&](const QList<StoredEvent> &batch) {
        for (const StoredEvent &e : batch)
            if (e.kind != QLatin1String("chorus"))
                ++seen;
        if (seen >= events)
            app.quit();
    });
    QTimer::singleShot(120000, &app, [&] { app.quit(); });
    t.start();
    const Result<SessionInfo> r = chorus::test::spawnNow(
        engine, {QStringLiteral("builder"), QStringLiteral("replay"), tmp.path(), {}, {}});
    if (!r)
        qFatal("%s", qPrintable(r.error().toString()));
    app.exec();
    const double secs = double(t.nsecsElapsed()) / 1e9;
    out << QStringLiteral("  engine (process -> decode -> store -> state): %1 events in %2 s = %3 events/s\n")
               .arg(seen)
               .arg(secs, 0, 'f', 3)
               .arg(qRound64(double(seen) / secs));
    out << QStringLiteral("  target: >= 50000 events/s\n");
    return seen >= events ? 0 : 1;
}
