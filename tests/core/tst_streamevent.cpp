#include "agent/streamevent.h"

#include <QTest>

using namespace chorus;

class TestStreamEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kinds_data();
    void kinds();
    void invalid_data();
    void invalid();
    void resultSuccess();
    void resultApiError();
    void permissionRequest();
};

void TestStreamEvent::kinds_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("subtype");
    QTest::newRow("init") << QByteArray(R"({"type":"system","subtype":"init","session_id":"s"})")
                          << int(EventKind::Init) << QStringLiteral("init");
    QTest::newRow("assistant") << QByteArray(R"({"type":"assistant","message":{"content":[]}})")
                               << int(EventKind::Assistant) << QString();
    QTest::newRow("user") << QByteArray(R"({"type":"user","message":{}})") << int(EventKind::User)
                          << QString();
    QTest::newRow("result") << QByteArray(R"({"subtype":"success","type":"result"})")
                            << int(EventKind::Result) << QStringLiteral("success");
    QTest::newRow("retry") << QByteArray(R"({"type":"system","subtype":"api_retry","attempt":1})")
                           << int(EventKind::ApiRetry) << QStringLiteral("api_retry");
    QTest::newRow("other system")
        << QByteArray(R"({"type":"system","subtype":"task_started"})") << int(EventKind::System)
        << QStringLiteral("task_started");
    QTest::newRow("can_use_tool")
        << QByteArray(R"({"type":"control_request","request_id":"r","request":{"subtype":"can_use_tool"}})")
        << int(EventKind::ControlRequest) << QStringLiteral("can_use_tool");
    QTest::newRow("control_response")
        << QByteArray(R"({"type":"control_response","response":{"subtype":"success","request_id":"x"}})")
        << int(EventKind::ControlResponse) << QStringLiteral("success");
    QTest::newRow("cancel") << QByteArray(R"({"type":"control_cancel_request","request_id":"r"})")
                            << int(EventKind::ControlCancel) << QString();
    QTest::newRow("rate limit") << QByteArray(R"({"type":"rate_limit_event","rate_limit_info":{}})")
                                << int(EventKind::RateLimit) << QString();
    QTest::newRow("partial") << QByteArray(R"({"type":"stream_event","event":{}})")
                             << int(EventKind::Partial) << QString();
    QTest::newRow("unknown kept")
        << QByteArray(R"({"type":"tool_progress","x":1})") << int(EventKind::Unknown) << QString();
}

void TestStreamEvent::kinds()
{
    QFETCH(QByteArray, line);
    QFETCH(int, kind);
    QFETCH(QString, subtype);
    const StreamEvent ev = decodeStreamLine(line);
    QCOMPARE(int(ev.kind), kind);
    QCOMPARE(ev.subtype, subtype);
    QCOMPARE(ev.raw, line);
    QVERIFY(ev.error.isEmpty());
}

void TestStreamEvent::invalid_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("garbage") << QByteArray("Error: something broke");
    QTest::newRow("truncated") << QByteArray(R"({"type":"assistant","mess)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("empty") << QByteArray("");
}

void TestStreamEvent::invalid()
{
    QFETCH(QByteArray, line);
    const StreamEvent ev = decodeStreamLine(line);
    QCOMPARE(ev.kind, EventKind::Invalid);
    QVERIFY(!ev.error.isEmpty());
    QCOMPARE(ev.raw, line);
}

void TestStreamEvent::resultSuccess()
{
    const QByteArray line = R"({"duration_api_ms":37,"stop_reason":"end_turn","session_id":"368d","total_cost_usd":0.0024,"usage":{"input_tokens":100,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":20},"terminal_reason":"completed","is_error":false,"num_turns":2,"subtype":"success","result":"Hello from the fake model.","type":"result","duration_ms":171,"model_usage_since_last_result":{"claude-opus-5-5":{"inputTokens":100,"outputTokens":20,"cacheReadInputTokens":5,"cacheCreationInputTokens":7,"costUSD":0.0008},"claude-haiku-5-5":{"inputTokens":10,"outputTokens":2,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"costUSD":0.0001}}})";
    const StreamEvent ev = decodeStreamLine(line);
    QCOMPARE(ev.kind, EventKind::Result);
    const ResultInfo r = parseResult(ev.json);
    QVERIFY(!r.isError);
    QCOMPARE(r.text, QStringLiteral("Hello from the fake model."));
    QCOMPARE(r.numTurns, 2);
    QCOMPARE(r.durationMs, 171);
    QCOMPARE(r.tokens.input, 110);
    QCOMPARE(r.tokens.output, 22);
    QCOMPARE(r.tokens.cacheRead, 5);
    QCOMPARE(r.tokens.cacheWrite, 7);
    QVERIFY(qAbs(r.costUsd - 0.0009) < 1e-12); // not total_cost_usd (cumulative)
    QCOMPARE(r.model, QStringLiteral("claude-opus-5-5"));
}

void TestStreamEvent::resultApiError()
{
    const QByteArray line = R"({"type":"result","subtype":"success","is_error":true,"terminal_reason":"api_error","api_error_status":429,"result":"API Error: Request rejected (429) · fake","num_turns":1})";
    const ResultInfo r = parseResult(decodeStreamLine(line).json);
    QVERIFY(r.isError);
    QCOMPARE(r.apiErrorStatus, 429);
    QCOMPARE(r.terminalReason, QStringLiteral("api_error"));
    QVERIFY(r.text.contains(QStringLiteral("429")));

    const QByteArray maxTurns = R"J({"type":"result","subtype":"error_max_turns","is_error":true,"errors":["Reached maximum number of turns (2)"]})J";
    const ResultInfo m = parseResult(decodeStreamLine(maxTurns).json);
    QCOMPARE(m.text, QStringLiteral("Reached maximum number of turns (2)"));
}

void TestStreamEvent::permissionRequest()
{
    const QByteArray line = R"({"type":"control_request","request_id":"8414a48f","request":{"subtype":"can_use_tool","tool_name":"Bash","display_name":"Bash","input":{"command":"touch /w/c5/denied.txt"},"description":"touch /w/c5/denied.txt","tool_use_id":"toolu_1"}})";
    ToolPermissionRequest req;
    QVERIFY(parseToolPermissionRequest(decodeStreamLine(line).json, &req));
    QCOMPARE(req.requestId, QStringLiteral("8414a48f"));
    QCOMPARE(req.toolName, QStringLiteral("Bash"));
    QCOMPARE(req.input.value(QStringLiteral("command")).toString(), QStringLiteral("touch /w/c5/denied.txt"));
    QCOMPARE(req.toolUseId, QStringLiteral("toolu_1"));

    const QByteArray other = R"({"type":"control_request","request_id":"x","request":{"subtype":"interrupt"}})";
    QVERIFY(!parseToolPermissionRequest(decodeStreamLine(other).json, &req));
}

QTEST_GUILESS_MAIN(TestStreamEvent)
#include "tst_streamevent.moc"
