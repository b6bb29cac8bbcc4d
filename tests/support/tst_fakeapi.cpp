// The fake Messages API: its HTTP protocol (driven with QNetworkAccessManager and raw
// sockets) and end-to-end runs of the real Claude Code CLI against it.
#include "claudetest.h"
#include "fakeapi.h"
#include "ratelimitsteps.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chorus::test;

namespace {

struct SseEvent
{
    QByteArray name;
    QJsonObject data;
};

// Splits an SSE body into events; *ok is false if a data line is not a JSON object.
QList<SseEvent> parseSse(const QByteArray &body, bool *ok)
{
    QList<SseEvent> events;
    *ok = true;
    const QList<QByteArray> blocks = body.split('\n');
    SseEvent current;
    for (const QByteArray &line : blocks) {
        if (line.startsWith("event: ")) {
            current.name = line.mid(7);
        } else if (line.startsWith("data: ")) {
            QJsonParseError pe;
            current.data = QJsonDocument::fromJson(line.mid(6), &pe).object();
            *ok = *ok && pe.error == QJsonParseError::NoError;
        } else if (line.isEmpty() && !current.name.isEmpty()) {
            events.append(current);
            current = SseEvent();
        }
    }
    return events;
}

QByteArrayList names(const QList<SseEvent> &events)
{
    QByteArrayList out;
    for (const SseEvent &e : events)
        out.append(e.name);
    return out;
}

QString deltaText(const QList<SseEvent> &events, const QString &field)
{
    QString text;
    for (const SseEvent &e : events)
        text += e.data.value(QLatin1String("delta")).toObject().value(field).toString();
    return text;
}

QJsonObject messagesBody(bool stream, const QJsonArray &messages, bool withTools = true)
{
    QJsonObject body{{QLatin1String("model"), QLatin1String("claude-test-model")},
                     {QLatin1String("max_tokens"), 1000},
                     {QLatin1String("stream"), stream},
                     {QLatin1String("messages"), messages}};
    if (withTools)
        body.insert(QLatin1String("tools"),
                    QJsonArray{QJsonObject{{QLatin1String("name"), QLatin1String("Bash")}}});
    return body;
}

QJsonObject userText(const QString &text)
{
    return {{QLatin1String("role"), QLatin1String("user")}, {QLatin1String("content"), text}};
}

QJsonObject message(const char *role, const QJsonArray &content)
{
    return {{QLatin1String("role"), QLatin1String(role)}, {QLatin1String("content"), content}};
}

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// A value inside nested JSON: get(o, "content.0.text") (numbers index arrays).
QJsonValue get(QJsonValue v, const char *path)
{
    const QList<QByteArray> keys = QByteArray(path).split('.');
    for (const QByteArray &key : keys) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        v = isIndex ? v.toArray().at(index) : v.toObject().value(QLatin1String(key));
    }
    return v;
}

QString firstText(QNetworkReply *reply)
{
    return get(json(reply->readAll()), "content.0.text").toString();
}

} // namespace

class TestFakeApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();

    void routesAndErrors();
    void streamingDefaultAnswer();
    void nonStreamingAnswer();
    void toolStepStreams();
    void queueControlAndLog();
    void promptScriptPositions();
    void httpErrorTimesThen();
    void malformed_data();
    void malformed();
    void truncateLacksLastChunk();
    void hangSendsNothing();
    void keepAliveChunkedFromBlockedThread();
    void concurrentStreams();

    void cliPlainText();
    void cliBashTool();
    void cliWriteTool();
    void cliHttpError();
    void cliGatewayWarning();
    void cliGatewayUsageLimit_data();
    void cliGatewayUsageLimit();
    void cliApiKeyIgnoresUnifiedHeaders();
    void cliApiKey429Retried();

private:
    std::unique_ptr<QNetworkReply> send(const QByteArray &method, const QString &path,
                                        const QJsonObject &body = {});
    QString workDir() const; // the CLI's cwd, one per test function
    ClaudeRun runCli(const QString &prompt, const QStringList &extraArgs = {},
                     const QHash<QString, QString> &env = {},
                     FakeApi::Auth auth = FakeApi::Auth::ApiKey);

    FakeApi m_api;
    QNetworkAccessManager m_nam;
    QTemporaryDir m_scratch;
};

void TestFakeApi::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    QString error;
    QVERIFY2(m_api.start(&error), qPrintable(error));
    QVERIFY(m_api.port() != 0);
    QCOMPARE(m_api.baseUrl(), QLatin1String("http://127.0.0.1:") + QString::number(m_api.port()));
}

void TestFakeApi::init()
{
    m_api.reset();
}

std::unique_ptr<QNetworkReply> TestFakeApi::send(const QByteArray &method, const QString &path,
                                                 const QJsonObject &body)
{
    QNetworkRequest request(QUrl(m_api.baseUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(60000);
    const QByteArray data = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson();
    std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, method, data));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 60000))
        qWarning("request %s %s did not finish", method.constData(), qPrintable(path));
    return reply;
}

void TestFakeApi::routesAndErrors()
{
    auto reply = send("GET", QStringLiteral("/v2/nothing"));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    const QJsonObject error = json(reply->readAll());
    QCOMPARE(error.value(QLatin1String("type")).toString(), QLatin1String("error"));
    QCOMPARE(error.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QLatin1String("not_found_error"));

    reply = send("POST", QStringLiteral("/v1/messages/count_tokens"),
                 messagesBody(false, {userText(QStringLiteral("hi"))}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(json(reply->readAll()).value(QLatin1String("input_tokens")).toInt() > 0);
    QCOMPARE(m_api.messageRequestCount(), 0); // count_tokens is not a model call
}

void TestFakeApi::streamingDefaultAnswer()
{
    QSignalSpy logged(&m_api, &FakeApi::requestLogged);
    auto reply = send("POST", QStringLiteral("/v1/messages"),
                      messagesBody(true, {userText(QStringLiteral("hi"))}));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader)
                .toString()
                .startsWith(QLatin1String("text/event-stream")));
    QVERIFY(reply->rawHeader("request-id").startsWith("req_fake_"));
    bool ok = false;
    const QList<SseEvent> events = parseSse(reply->readAll(), &ok);
    QVERIFY(ok);
    QCOMPARE(names(events),
             (QByteArrayList{"message_start", "ping", "content_block_start", "content_block_delta",
                             "content_block_stop", "message_delta", "message_stop"}));
    const QJsonObject start = events.first().data;
    QCOMPARE(get(start, "message.model").toString(), QLatin1String("claude-test-model"));
    QCOMPARE(get(start, "message.id").toString().section(u'_', 0, 2),
             QLatin1String("msg_fake_") + QString::number(m_api.port()));
    QCOMPARE(get(start, "message.usage.input_tokens").toInt(), 100);
    QCOMPARE(deltaText(events, QStringLiteral("text")),
             QLatin1String("Hello from the fake model."));
    QCOMPARE(get(events.at(5).data, "delta.stop_reason").toString(), QLatin1String("end_turn"));
    QCOMPARE(get(events.at(5).data, "usage.output_tokens").toInt(), 20);
    QCOMPARE(m_api.messageRequestCount(), 1);
    QCOMPARE(m_api.mainRequestCount(), 1);
    QTRY_COMPARE(logged.count(), 1);
    QCOMPARE(logged.first().first().toJsonObject().value(QLatin1String("kind")).toString(),
             QLatin1String("main"));
}

void TestFakeApi::nonStreamingAnswer()
{
    m_api.enqueue(json(R"({"text":"plain json","usage":{"output_tokens":7}})"));
    auto reply = send("POST", QStringLiteral("/v1/messages"),
                      messagesBody(false, {userText(QStringLiteral("hi"))}));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QJsonObject body = json(reply->readAll());
    QCOMPARE(body.value(QLatin1String("type")).toString(), QLatin1String("message"));
    QCOMPARE(body.value(QLatin1String("stop_reason")).toString(), QLatin1String("end_turn"));
    QCOMPARE(get(body, "content.0.text").toString(), QLatin1String("plain json"));
    QCOMPARE(get(body, "usage.output_tokens").toInt(), 7);
    QCOMPARE(get(body, "usage.input_tokens").toInt(), 100);
}

void TestFakeApi::toolStepStreams()
{
    const QJsonObject input = json(R"({"command":"echo hi"})");
    m_api.enqueue(QJsonObject{{QLatin1String("thinking"), QLatin1String("hmm")},
                              {QLatin1String("text"), QLatin1String("Running it.")},
                              {QLatin1String("tool"), QLatin1String("Bash")},
                              {QLatin1String("input"), input}});
    auto reply = send("POST", QStringLiteral("/v1/messages"),
                      messagesBody(true, {userText(QStringLiteral("go"))}));
    bool ok = false;
    const QList<SseEvent> events = parseSse(reply->readAll(), &ok);
    QVERIFY(ok);
    QString toolId;
    for (const SseEvent &e : events) {
        const QJsonObject block = e.data.value(QLatin1String("content_block")).toObject();
        if (block.value(QLatin1String("type")).toString() == QLatin1String("tool_use")) {
            QCOMPARE(block.value(QLatin1String("name")).toString(), QLatin1String("Bash"));
            toolId = block.value(QLatin1String("id")).toString();
        }
    }
    QVERIFY2(toolId.startsWith(QLatin1String("toolu_fake_")), qPrintable(toolId));
    QCOMPARE(json(deltaText(events, QStringLiteral("partial_json")).toUtf8()), input);
    QCOMPARE(deltaText(events, QStringLiteral("thinking")), QLatin1String("hmm"));
    QCOMPARE(deltaText(events, QStringLiteral("signature")), QLatin1String("fakesig"));
    QCOMPARE(deltaText(events, QStringLiteral("stop_reason")), QLatin1String("tool_use"));
}

void TestFakeApi::queueControlAndLog()
{
    m_api.enqueue(json(R"({"text":"first"})"));
    auto reply = send("POST", QStringLiteral("/__fake/enqueue"), json(R"({"text":"second"})"));
    QCOMPARE(json(reply->readAll()).value(QLatin1String("queued")).toInt(), 2);
    reply = send("GET", QStringLiteral("/__fake/queue"));
    QCOMPARE(json(reply->readAll()).value(QLatin1String("queue")).toArray().size(), 2);
    QCOMPARE(m_api.queue().size(), 2);

    // A side request (no tools, e.g. a title) must not consume a step.
    reply = send("POST", QStringLiteral("/v1/messages"),
                 messagesBody(false, {userText(QStringLiteral("title?"))}, false));
    QCOMPARE(firstText(reply.get()), QLatin1String("Fake side answer."));
    for (const char *expected : {"first", "second", "Hello from the fake model."}) {
        reply = send("POST", QStringLiteral("/v1/messages"),
                     messagesBody(false, {userText(QStringLiteral("q"))}));
        QCOMPARE(firstText(reply.get()), QLatin1String(expected));
    }
    QCOMPARE(m_api.messageRequestCount(), 4);
    QCOMPARE(m_api.mainRequestCount(), 3);

    reply = send("GET", QStringLiteral("/__fake/log"));
    const QJsonArray log = json(reply->readAll()).value(QLatin1String("log")).toArray();
    QCOMPARE(log.size(), 6); // enqueue, queue, 4 messages (the log request logs itself after)
    QCOMPARE(log.at(2).toObject().value(QLatin1String("kind")).toString(), QLatin1String("side"));
    const QJsonObject main = log.at(3).toObject();
    QCOMPARE(main.value(QLatin1String("kind")).toString(), QLatin1String("main"));
    QCOMPARE(main.value(QLatin1String("method")).toString(), QLatin1String("POST"));
    QCOMPARE(main.value(QLatin1String("source")).toString(), QLatin1String("queue"));
    QCOMPARE(get(main, "body.model").toString(), QLatin1String("claude-test-model"));
    QVERIFY(!main.value(QLatin1String("time")).toString().isEmpty());
    QCOMPARE(m_api.requestLog().size(), 7);

    m_api.enqueue(json(R"({"text":"dropped"})"));
    reply = send("POST", QStringLiteral("/__fake/reset"));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(m_api.queue().isEmpty());
    QCOMPARE(m_api.messageRequestCount(), 0);
}

void TestFakeApi::promptScriptPositions()
{
    const QString prompt = QString::fromUtf8(
        R"(please @@fake [{"tool":"Bash","input":{"command":"ls"}},{"text":"step two"}] thanks)");
    const QJsonObject toolUse = json(R"({"type":"tool_use","id":"t1"})");
    const QJsonObject toolResult =
        json(R"({"type":"tool_result","tool_use_id":"t1","content":"out"})");
    const QJsonObject reminder = json(R"({"role":"system","content":"reminder"})");
    QJsonArray messages{userText(prompt)};
    auto reply = send("POST", QStringLiteral("/v1/messages"), messagesBody(false, messages));
    QCOMPARE(json(reply->readAll()).value(QLatin1String("stop_reason")).toString(),
             QLatin1String("tool_use"));

    messages += reminder; // system messages between turns do not count
    messages += message("assistant", {toolUse});
    messages += message("user", {toolResult});
    reply = send("POST", QStringLiteral("/v1/messages"), messagesBody(false, messages));
    QCOMPARE(firstText(reply.get()), QLatin1String("step two"));

    // Past the script, after tool results: a short final text.
    messages += message("assistant", {toolUse});
    messages += message("user", {toolResult});
    reply = send("POST", QStringLiteral("/v1/messages"), messagesBody(false, messages));
    QCOMPARE(firstText(reply.get()), QLatin1String("Done."));
    const QJsonArray log = m_api.requestLog();
    QCOMPARE(get(log, "1.position").toInt(), 1);
    QCOMPARE(get(log, "1.body.tool_results.0.content").toString(), QLatin1String("out"));
}

void TestFakeApi::httpErrorTimesThen()
{
    m_api.enqueue(json(R"({"http_error":429,"headers":{"retry-after":"7"},"message":"slow down",
                           "times":2,"then":{"text":"finally"}})"));
    for (int i = 0; i < 2; ++i) {
        auto reply = send("POST", QStringLiteral("/v1/messages"),
                          messagesBody(true, {userText(QStringLiteral("q"))}));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
        QCOMPARE(reply->rawHeader("retry-after"), QByteArray("7"));
        const QJsonObject error = json(reply->readAll());
        QCOMPARE(get(error, "error.type").toString(), QLatin1String("rate_limit_error"));
        QCOMPARE(get(error, "error.message").toString(), QLatin1String("slow down"));
    }
    auto reply = send("POST", QStringLiteral("/v1/messages"),
                      messagesBody(true, {userText(QStringLiteral("q"))}));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    bool ok = false;
    QCOMPARE(deltaText(parseSse(reply->readAll(), &ok), QStringLiteral("text")),
             QLatin1String("finally"));
    QVERIFY(m_api.queue().isEmpty());
}

void TestFakeApi::malformed_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("networkError"); // 1: transport error, 0: none, -1: either
    QTest::addColumn<QByteArray>("contains");
    QTest::addColumn<bool>("validSse");
    QTest::addColumn<int>("events");
    QTest::newRow("garbage") << QStringLiteral("garbage") << 0 << QByteArray("<html>") << true << 0;
    QTest::newRow("badjson") << QStringLiteral("badjson") << 0 << QByteArray("{not json!!") << false
                             << 2;
    QTest::newRow("nostop") << QStringLiteral("nostop") << 0 << QByteArray("content_block_stop")
                            << true << 4;
    // The chunked body ends with a FIN instead of its last chunk: depending on timing Qt takes
    // that as the end of the body or as an error (see truncateLacksLastChunk for the bytes).
    QTest::newRow("truncate") << QStringLiteral("truncate") << -1
                              << QByteArray("content_block_start") << true << 2;
    QTest::newRow("close") << QStringLiteral("close") << 1 << QByteArray() << true << 0;
}

void TestFakeApi::malformed()
{
    QFETCH(QString, variant);
    QFETCH(int, networkError);
    QFETCH(QByteArray, contains);
    QFETCH(bool, validSse);
    QFETCH(int, events);
    // Scripted in the prompt, so it also answers QNetworkAccessManager's own resend after a
    // connection dropped before the response.
    const QString prompt =
        QLatin1String("@@fake {\"malformed\":\"") + variant + QLatin1String("\"}");
    auto reply =
        send("POST", QStringLiteral("/v1/messages"), messagesBody(true, {userText(prompt)}));
    QVERIFY(reply->isFinished());
    if (networkError >= 0)
        QCOMPARE(reply->error() != QNetworkReply::NoError, networkError == 1);
    const QByteArray body = reply->readAll();
    QVERIFY2(body.contains(contains), body.constData());
    bool ok = false;
    const QList<SseEvent> parsed = parseSse(body, &ok);
    QCOMPARE(ok, validSse);
    QCOMPARE(parsed.size(), events);
    QVERIFY(!names(parsed).contains("message_stop"));
}

void TestFakeApi::truncateLacksLastChunk()
{
    const QByteArray body =
        QJsonDocument(
            messagesBody(true, {userText(QStringLiteral("@@fake {\"malformed\":\"truncate\"}"))}))
            .toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_api.port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write("POST /v1/messages HTTP/1.1\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        received += socket.readAll();
    received += socket.readAll();
    QVERIFY2(received.contains("transfer-encoding: chunked"), received.constData());
    QVERIFY(received.contains("event: content_block_start"));
    QVERIFY(!received.endsWith("0\r\n\r\n")); // closed without the last chunk
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestFakeApi::hangSendsNothing()
{
    QElapsedTimer timer;
    timer.start();
    auto reply = send("POST", QStringLiteral("/v1/messages"),
                      messagesBody(true, {userText(QStringLiteral("@@fake {\"hang\":1}"))}));
    QVERIFY(timer.elapsed() >= 900);
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()); // no head
}

// Raw socket, blocking calls on the test thread: only works because the server has its own
// thread. Two requests on one keep-alive connection, the first with a chunked body.
void TestFakeApi::keepAliveChunkedFromBlockedThread()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_api.port());
    QVERIFY(socket.waitForConnected(10000));
    const QByteArray body =
        QJsonDocument(messagesBody(false, {userText(QStringLiteral("chunked"))})).toJson();
    QByteArray request =
        "POST /v1/messages?beta=true HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    request += QByteArray::number(10, 16) + "\r\n" + body.left(10) + "\r\n";
    request += QByteArray::number(body.size() - 10, 16) + "\r\n" + body.mid(10) + "\r\n0\r\n\r\n";
    request += "GET /__fake/queue HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
    socket.write(request);
    QByteArray received;
    while (received.count("HTTP/1.1 200") < 2 || !received.endsWith("}")) {
        QVERIFY2(socket.waitForReadyRead(10000), received.constData());
        received += socket.readAll();
    }
    QVERIFY(received.contains("Hello from the fake model."));
    QVERIFY(received.contains("\"queue\":[]"));
    QCOMPARE(received.count("connection: keep-alive"), 2);
    QCOMPARE(m_api.messageRequestCount(), 1);
}

void TestFakeApi::concurrentStreams()
{
    constexpr int clients = 16; // each stream takes >= 2 s: serialized they would need 32 s
    const QString prompt = QStringLiteral("@@fake {\"text\":\"abcd\",\"chunks\":2,\"delay\":1}");
    const QByteArray body =
        QJsonDocument(messagesBody(true, {userText(prompt)})).toJson(QJsonDocument::Compact);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < clients; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, m_api.port());
        s->write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        sockets.push_back(std::move(s));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(sockets.begin(), sockets.end(),
                    [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; }),
        60000);
    QVERIFY2(timer.elapsed() < 20000, "the streams were not served concurrently");
    for (const auto &s : sockets)
        QVERIFY(s->readAll().contains("event: message_stop"));
    QCOMPARE(m_api.messageRequestCount(), clients);
}

QString TestFakeApi::workDir() const
{
    const QString dir = m_scratch.filePath(QLatin1String("work-") +
                                           QString::fromLatin1(QTest::currentTestFunction()));
    QDir().mkpath(dir);
    return dir;
}

ClaudeRun TestFakeApi::runCli(const QString &prompt, const QStringList &extraArgs,
                              const QHash<QString, QString> &env, FakeApi::Auth auth)
{
    QString why;
    const QString claude = testClaudePath(&why);
    if (claude.isEmpty())
        return {};
    QProcessEnvironment environment = m_api.claudeEnvironment(m_scratch.path(), auth);
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    QStringList args{QStringLiteral("-p"), prompt, QStringLiteral("--output-format"),
                     QStringLiteral("stream-json"), QStringLiteral("--verbose")};
    return runClaude(claude, args + extraArgs, workDir(), environment, 180000);
}

#define REQUIRE_CLAUDE()                                                                           \
    do {                                                                                           \
        QString why_;                                                                              \
        if (testClaudePath(&why_).isEmpty())                                                       \
            QFAIL(qPrintable(why_));                                                               \
    } while (false)

void TestFakeApi::cliPlainText()
{
    REQUIRE_CLAUDE();
    const ClaudeRun run = runCli(QStringLiteral("say hello"));
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 0,
             qPrintable(run.describe()));
    const QJsonObject result = run.result();
    QCOMPARE(result.value(QLatin1String("is_error")).toBool(true), false);
    QCOMPARE(result.value(QLatin1String("result")).toString(),
             QLatin1String("Hello from the fake model."));
    const QJsonObject usage = result.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("input_tokens")).toInt(), 100);
    QCOMPARE(usage.value(QLatin1String("output_tokens")).toInt(), 20);
    const QJsonObject perModel =
        result.value(QLatin1String("model_usage_since_last_result")).toObject();
    QVERIFY2(!perModel.isEmpty(), qPrintable(run.describe()));
    double cost = 0;
    for (const QJsonValue &m : perModel)
        cost += m.toObject().value(QLatin1String("costUSD")).toDouble();
    QVERIFY(cost > 0);
    QCOMPARE(m_api.mainRequestCount(), 1);
}

void TestFakeApi::cliBashTool()
{
    REQUIRE_CLAUDE();
    const ClaudeRun run =
        runCli(QStringLiteral("@@fake {\"tool\":\"Bash\",\"input\":{\"command\":\"echo "
                              "hello-from-bash\",\"description\":\"echo\"}}"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QList<QJsonObject> users = run.ofType(QStringLiteral("user"));
    QCOMPARE(users.size(), 1);
    QCOMPARE(get(users.first(), "message.content.0.type").toString(), QLatin1String("tool_result"));
    QCOMPARE(get(users.first(), "message.content.0.content").toString(),
             QLatin1String("hello-from-bash"));
    QCOMPARE(run.result().value(QLatin1String("result")).toString(), QLatin1String("Done."));
    QCOMPARE(run.result().value(QLatin1String("num_turns")).toInt(), 2);

    QJsonArray mains;
    for (const QJsonValue &e : m_api.requestLog()) {
        if (e.toObject().value(QLatin1String("kind")).toString() == QLatin1String("main"))
            mains.append(e);
    }
    QCOMPARE(mains.size(), 2);
    QCOMPARE(get(mains, "1.body.tool_results").toArray().size(), 1);
    QCOMPARE(get(mains, "1.body.tool_results.0.content").toString(),
             QLatin1String("hello-from-bash"));
    QVERIFY(get(mains, "1.body.tool_results.0.tool_use_id")
                .toString()
                .startsWith(QLatin1String("toolu_fake_")));
}

void TestFakeApi::cliWriteTool()
{
    REQUIRE_CLAUDE();
    const QStringList acceptEdits{QStringLiteral("--permission-mode"),
                                  QStringLiteral("acceptEdits")};
    // The Write tool wants an absolute path: a file in the run's cwd.
    const QString target = QDir(workDir()).filePath(QStringLiteral("written.txt"));
    QJsonObject step = json(R"({"tool":"Write","input":{"content":"line one\nline two\n"}})");
    QJsonObject input = step.value(QLatin1String("input")).toObject();
    input.insert(QLatin1String("file_path"), target);
    step.insert(QLatin1String("input"), input);
    const QString prompt = QLatin1String("@@fake ") +
                           QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact));
    ClaudeRun run = runCli(prompt, acceptEdits);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QFile written(target);
    QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(run.describe()));
    QCOMPARE(written.readAll(), QByteArray("line one\nline two\n"));

    // The WRITEFILE keyword finds the cwd in the request itself.
    run = runCli(QStringLiteral("please WRITEFILE"), acceptEdits);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QFile keyword(QDir(workDir()).filePath(QStringLiteral("fake-output.txt")));
    QVERIFY2(keyword.open(QIODevice::ReadOnly), qPrintable(run.describe()));
    QCOMPARE(keyword.readAll(), QByteArray("written by the fake model\n"));
}

void TestFakeApi::cliHttpError()
{
    REQUIRE_CLAUDE();
    const ClaudeRun run =
        runCli(QStringLiteral("@@fake {\"http_error\":429}"), {},
               {{QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("0")}});
    QVERIFY2(run.exitStatus == QProcess::NormalExit && !run.timedOut, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 1);
    const QJsonObject result = run.result();
    QCOMPARE(result.value(QLatin1String("is_error")).toBool(), true);
    QCOMPARE(result.value(QLatin1String("api_error_status")).toInt(), 429);
    QVERIFY2(result.value(QLatin1String("result")).toString().contains(QLatin1String("429")),
             qPrintable(run.describe()));
    QCOMPARE(m_api.messageRequestCount(), 1); // no retries
}

namespace {

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

// The headers of a subscription at 92 % of its 5-hour window (past the 90 % warning threshold)
// and 40 % of its weekly one.
QJsonObject warningHeaders(qint64 fiveHourReset, qint64 sevenDayReset)
{
    return unifiedHeaders(
        UnifiedWindow{0.92, fiveHourReset, QStringLiteral("allowed_warning"), 0.9},
        UnifiedWindow{0.4, sevenDayReset, QStringLiteral("allowed")});
}

QStringList authOfMainRequests(const QJsonArray &log)
{
    QStringList out;
    for (const QJsonValue &e : log) {
        if (e.toObject().value(QLatin1String("kind")).toString() == QLatin1String("main"))
            out.append(e.toObject().value(QLatin1String("auth")).toString());
    }
    return out;
}

} // namespace

// Gateway auth: the CLI reads the unified headers and reports the warning as a rate_limit_event.
void TestFakeApi::cliGatewayWarning()
{
    REQUIRE_CLAUDE();
    const qint64 reset5h = nowSecs() + 3 * 3600;
    const qint64 reset7d = nowSecs() + 4 * 24 * 3600;
    m_api.enqueue(
        textWithLimits(QStringLiteral("Close to the limit."), warningHeaders(reset5h, reset7d)));
    const ClaudeRun run = runCli(QStringLiteral("hello"), {}, {}, FakeApi::Auth::Gateway);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(authOfMainRequests(m_api.requestLog()), QStringList{QStringLiteral("bearer")});

    const QList<QJsonObject> events = run.ofType(QStringLiteral("rate_limit_event"));
    QVERIFY2(events.size() == 1, qPrintable(run.describe()));
    const QJsonObject info = events.first().value(QLatin1String("rate_limit_info")).toObject();
    QCOMPARE(info.value(QLatin1String("status")).toString(), QLatin1String("allowed_warning"));
    QCOMPARE(info.value(QLatin1String("rateLimitType")).toString(), QLatin1String("five_hour"));
    QVERIFY(qFuzzyCompare(info.value(QLatin1String("utilization")).toDouble(), 0.92));
    QVERIFY(qFuzzyCompare(info.value(QLatin1String("surpassedThreshold")).toDouble(), 0.9));
    QCOMPARE(info.value(QLatin1String("resetsAt")).toInteger(), reset5h);
    QCOMPARE(info.value(QLatin1String("isUsingOverage")).toBool(true), false);
    QCOMPARE(get(info, "unifiedWindows.five_hour.status").toString(),
             QLatin1String("allowed_warning"));
    QVERIFY(qFuzzyCompare(get(info, "unifiedWindows.seven_day.utilization").toDouble(), 0.4));
    QCOMPARE(get(info, "unifiedWindows.seven_day.resetsAt").toInteger(), reset7d);
    QCOMPARE(get(info, "unifiedWindows.seven_day.status").toString(), QLatin1String("allowed"));

    const QJsonObject result = run.result();
    QCOMPARE(result.value(QLatin1String("is_error")).toBool(true), false);
    QCOMPARE(result.value(QLatin1String("result")).toString(),
             QLatin1String("Close to the limit."));
}

void TestFakeApi::cliGatewayUsageLimit_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QString>("text");
    QTest::newRow("five_hour") << QStringLiteral("five_hour")
                               << QStringLiteral("You've hit your 5-hour limit · resets ");
    QTest::newRow("seven_day") << QStringLiteral("seven_day")
                               << QStringLiteral("You've hit your weekly limit · resets ");
}

// Gateway auth + the "usage limit reached" 429: one request, no retry, the turn ends with
// api_error "usage_limit_reached".
void TestFakeApi::cliGatewayUsageLimit()
{
    REQUIRE_CLAUDE();
    QFETCH(QString, claim);
    QFETCH(QString, text);
    const qint64 reset = nowSecs() + 2 * 3600;
    m_api.enqueue(usageLimitRejection(reset, claim));
    const ClaudeRun run =
        runCli(QStringLiteral("hello"), {}, {{QStringLiteral("TZ"), QStringLiteral("UTC")}},
               FakeApi::Auth::Gateway);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && !run.timedOut, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(m_api.messageRequestCount(), 1);
    for (const QJsonObject &line : run.ofType(QStringLiteral("system")))
        QVERIFY2(line.value(QLatin1String("subtype")).toString() != QLatin1String("api_retry"),
                 qPrintable(run.describe()));

    const QList<QJsonObject> events = run.ofType(QStringLiteral("rate_limit_event"));
    QVERIFY2(events.size() == 1, qPrintable(run.describe()));
    const QJsonObject info = events.first().value(QLatin1String("rate_limit_info")).toObject();
    QCOMPARE(info.value(QLatin1String("status")).toString(), QLatin1String("rejected"));
    QCOMPARE(info.value(QLatin1String("rateLimitType")).toString(), claim);
    QCOMPARE(info.value(QLatin1String("resetsAt")).toInteger(), reset);
    const QJsonObject window =
        info.value(QLatin1String("unifiedWindows")).toObject().value(claim).toObject();
    QCOMPARE(window.value(QLatin1String("status")).toString(), QLatin1String("rejected"));
    QCOMPARE(window.value(QLatin1String("utilization")).toDouble(), 1.0);

    const QList<QJsonObject> assistants = run.ofType(QStringLiteral("assistant"));
    QCOMPARE(assistants.size(), 1);
    QCOMPARE(assistants.first().value(QLatin1String("error")).toString(),
             QLatin1String("rate_limit"));
    QCOMPARE(assistants.first().value(QLatin1String("api_error")).toString(),
             QLatin1String("usage_limit_reached"));
    QCOMPARE(get(assistants.first(), "api_error_params.rate_limit_info.resetsAt").toInteger(),
             reset);

    const QJsonObject result = run.result();
    QCOMPARE(result.value(QLatin1String("is_error")).toBool(), true);
    QCOMPARE(result.value(QLatin1String("subtype")).toString(), QLatin1String("success"));
    QCOMPARE(result.value(QLatin1String("terminal_reason")).toString(), QLatin1String("api_error"));
    QCOMPARE(result.value(QLatin1String("api_error_status")).toInt(), 429);
    QCOMPARE(result.value(QLatin1String("api_error_type")).toString(),
             QLatin1String("rate_limit_error"));
    QCOMPARE(result.value(QLatin1String("api_error")).toString(),
             QLatin1String("usage_limit_reached"));
    const QString resultText = result.value(QLatin1String("result")).toString();
    QVERIFY2(resultText.startsWith(text) && resultText.endsWith(QLatin1String(" (UTC)")),
             qPrintable(resultText));
}

// API-key auth: the CLI ignores the unified headers (CLAUDE-CLI.md §2.7).
void TestFakeApi::cliApiKeyIgnoresUnifiedHeaders()
{
    REQUIRE_CLAUDE();
    m_api.enqueue(textWithLimits(QStringLiteral("Close to the limit."),
                                 warningHeaders(nowSecs() + 3 * 3600, nowSecs() + 4 * 24 * 3600)));
    const ClaudeRun run = runCli(QStringLiteral("hello"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(authOfMainRequests(m_api.requestLog()), QStringList{QStringLiteral("x-api-key")});
    QVERIFY2(run.ofType(QStringLiteral("rate_limit_event")).isEmpty(), qPrintable(run.describe()));
    QCOMPARE(run.result().value(QLatin1String("result")).toString(),
             QLatin1String("Close to the limit."));
}

// An API-key 429 is retried after retry-after (api_retry), then the next answer ends the turn.
void TestFakeApi::cliApiKey429Retried()
{
    REQUIRE_CLAUDE();
    QJsonObject step = apiKey429(1);
    step.insert(QLatin1String("then"),
                QJsonObject{{QLatin1String("text"), QLatin1String("Recovered.")}});
    m_api.enqueue(step);
    const ClaudeRun run = runCli(QStringLiteral("hello"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(m_api.mainRequestCount(), 2);
    QList<QJsonObject> retries;
    for (const QJsonObject &line : run.ofType(QStringLiteral("system"))) {
        if (line.value(QLatin1String("subtype")).toString() == QLatin1String("api_retry"))
            retries.append(line);
    }
    QVERIFY2(retries.size() == 1, qPrintable(run.describe()));
    QCOMPARE(retries.first().value(QLatin1String("error_status")).toInt(), 429);
    QCOMPARE(retries.first().value(QLatin1String("error")).toString(), QLatin1String("rate_limit"));
    QVERIFY(retries.first().value(QLatin1String("retry_delay_ms")).toInt() >= 1000);
    QVERIFY(run.ofType(QStringLiteral("rate_limit_event")).isEmpty());
    QCOMPARE(run.result().value(QLatin1String("result")).toString(), QLatin1String("Recovered."));
}

QTEST_GUILESS_MAIN(TestFakeApi)
#include "tst_fakeapi.moc"
