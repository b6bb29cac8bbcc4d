// Live messages (issue 9): the CLI's partial messages (--include-partial-messages) become
// coalesced `events.partial` updates that are broadcast, never stored. The tracker on crafted
// lines; the engine and the service with real Claude Code CLI processes against the fake API.
#include "agent/livetracker.h"
#include "claudetest.h"
#include "engine/agentsession.h"
#include "engine/engine.h"
#include "fakeapi.h"
#include "rpc/engineservice.h"
#include "rpc/protocol.h"
#include "rpc/rpcconnection.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "testengine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;
using chorus::test::FakeApi;

namespace {
StreamEvent line(const QJsonObject &o)
{
    return decodeStreamLine(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
StreamEvent streamEvent(const QJsonObject &event)
{
    return line({{QStringLiteral("type"), QStringLiteral("stream_event")},
                 {QStringLiteral("event"), event},
                 {QStringLiteral("parent_tool_use_id"), QJsonValue::Null}});
}
StreamEvent messageStart(const QString &id)
{
    return streamEvent({{QStringLiteral("type"), QStringLiteral("message_start")},
                        {QStringLiteral("message"), QJsonObject{{QStringLiteral("id"), id}}}});
}
StreamEvent blockStart(int index, const QJsonObject &block)
{
    return streamEvent({{QStringLiteral("type"), QStringLiteral("content_block_start")},
                        {QStringLiteral("index"), index},
                        {QStringLiteral("content_block"), block}});
}
StreamEvent delta(int index, const QString &type, const QString &key, const QString &text)
{
    return streamEvent(
        {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
         {QStringLiteral("index"), index},
         {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), type}, {key, text}}}});
}
StreamEvent assistant(const QString &messageId, const QJsonObject &block)
{
    return line(
        {{QStringLiteral("type"), QStringLiteral("assistant")},
         {QStringLiteral("message"), QJsonObject{{QStringLiteral("id"), messageId},
                                                 {QStringLiteral("content"), QJsonArray{block}}}},
         {QStringLiteral("parent_tool_use_id"), QJsonValue::Null}});
}
QJsonObject textBlock(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}
const QString kNow = QStringLiteral("2026-12-07T10:00:00.000Z");
} // namespace

class TestLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // The tracker alone, on crafted lines.
    void trackerFollowsTextThinkingAndTools();
    void trackerIgnoresWhatItDoesNotKnow();
    void abandonedBlocksAndTheTurnsEndClearWhatIsLive();
    void codecRoundTripsAndNamesABadField();

    // The engine with a real CLI.
    void partialsComeBeforeTheStoredMessageAndAreNotStored();
    void engineKilledMidStreamStoredNothingOfTheMessage();
    // The service: only subscribers who asked get them; one who comes mid-message sees it all.
    void subscriberMidMessageGetsASnapshotThenTheRest();

private:
    QString script(const QJsonArray &steps)
    {
        return QStringLiteral("@@fake ") +
               QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    }
    QString slowText(const QString &text, int chunks, double delay)
    {
        return script({QJsonObject{{QStringLiteral("text"), text},
                                   {QStringLiteral("chunks"), chunks},
                                   {QStringLiteral("delay"), delay}}});
    }
    SessionInfo info(const QString &id) { return *m_engine->find(id); }

    QString m_claude;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Engine> m_engine;
    QString m_work;
};

void TestLive::initTestCase()
{
    QString why;
    m_claude = chorus::test::testClaudePath(&why);
    if (m_claude.isEmpty())
        QFAIL(qPrintable(why));
    QString err;
    QVERIFY2(m_fake.start(&err), qPrintable(err));
}

void TestLive::init()
{
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_work = m_tmp->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
    Status st = Ok{};
    m_engine = chorus::test::openTestEngine(m_tmp->path(), m_fake, m_claude, &st);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
}

void TestLive::cleanup()
{
    m_engine.reset();
    m_tmp.reset();
}

void TestLive::trackerFollowsTextThinkingAndTools()
{
    LiveTracker t;
    t.beginTurn(kNow);
    LiveUpdate u = t.takeUpdate();
    QCOMPARE(u.step.kind, QStringLiteral("requesting"));
    QCOMPARE(u.turnStartedAt, kNow);
    QVERIFY(!t.hasUpdate());

    QVERIFY(t.feed(messageStart(QStringLiteral("msg_1")), kNow));
    QVERIFY(t.feed(blockStart(0, {{QStringLiteral("type"), QStringLiteral("thinking")}}), kNow));
    QVERIFY(t.feed(delta(0, QStringLiteral("thinking_delta"), QStringLiteral("thinking"),
                         QStringLiteral("Let me")),
                   kNow));
    u = t.takeUpdate();
    QCOMPARE(u.messageId, QStringLiteral("msg_1"));
    QCOMPARE(u.step.kind, QStringLiteral("thinking"));
    QCOMPARE(u.blocks.size(), 1);
    QCOMPARE(u.blocks[0].kind, QStringLiteral("thinking"));
    QCOMPARE(u.blocks[0].text, QStringLiteral("Let me"));

    // The stored thinking line finishes that block: it is no longer sent, nor in a snapshot.
    QVERIFY(t.feed(assistant(QStringLiteral("msg_1"),
                             {{QStringLiteral("type"), QStringLiteral("thinking")},
                              {QStringLiteral("thinking"), QStringLiteral("Let me")}}),
                   kNow));
    QVERIFY(t.feed(blockStart(1, textBlock({})), kNow));
    QVERIFY(t.feed(
        delta(1, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral("Hello")),
        kNow));
    u = t.takeUpdate();
    QCOMPARE(u.step.kind, QStringLiteral("writing"));
    QCOMPARE(u.blocks.size(), 1);
    QCOMPARE(u.blocks[0].index, 1);
    QCOMPARE(u.blocks[0].from, 0);
    QCOMPARE(u.blocks[0].text, QStringLiteral("Hello"));
    QVERIFY(t.feed(
        delta(1, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral(" world")),
        kNow));
    u = t.takeUpdate();
    QCOMPARE(u.blocks.size(), 1);
    QCOMPARE(u.blocks[0].from, 5); // only what is new
    QCOMPARE(u.blocks[0].text, QStringLiteral(" world"));
    const LiveUpdate snap = t.snapshot();
    QVERIFY(snap.snapshot);
    QCOMPARE(snap.blocks.size(), 1); // the finished thinking is not in it
    QCOMPARE(snap.blocks[0].from, 0);
    QCOMPARE(snap.blocks[0].text, QStringLiteral("Hello world"));

    QVERIFY(
        t.feed(assistant(QStringLiteral("msg_1"), textBlock(QStringLiteral("Hello world"))), kNow));
    QVERIFY(t.snapshot().blocks.isEmpty());
    // Deltas after the stored line (none should come) are not sent again.
    t.feed(delta(1, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral("!")),
           kNow);
    QVERIFY(t.takeUpdate().blocks.isEmpty());

    // A tool call: prepared, then running with its command, then the model again.
    QVERIFY(t.feed(blockStart(2, {{QStringLiteral("type"), QStringLiteral("tool_use")},
                                  {QStringLiteral("name"), QStringLiteral("Bash")}}),
                   kNow));
    QCOMPARE(t.takeUpdate().step.kind, QStringLiteral("preparing"));
    QVERIFY(t.feed(assistant(QStringLiteral("msg_1"),
                             {{QStringLiteral("type"), QStringLiteral("tool_use")},
                              {QStringLiteral("name"), QStringLiteral("Bash")},
                              {QStringLiteral("input"),
                               QJsonObject{{QStringLiteral("command"),
                                            QStringLiteral("npm test\n  --silent")}}}}),
                   kNow));
    u = t.takeUpdate();
    QCOMPARE(u.step.kind, QStringLiteral("tool"));
    QCOMPARE(u.step.tool, QStringLiteral("Bash"));
    QCOMPARE(u.step.detail, QStringLiteral("npm test --silent")); // one line
    QVERIFY(t.feed(line({{QStringLiteral("type"), QStringLiteral("user")},
                         {QStringLiteral("message"),
                          QJsonObject{{QStringLiteral("content"),
                                       QJsonArray{QJsonObject{
                                           {QStringLiteral("type"), QStringLiteral("tool_result")},
                                           {QStringLiteral("content"), QStringLiteral("ok")}}}}}}}),
                   kNow));
    QCOMPARE(t.takeUpdate().step.kind, QStringLiteral("requesting"));
    QVERIFY(t.feed(line({{QStringLiteral("type"), QStringLiteral("system")},
                         {QStringLiteral("subtype"), QStringLiteral("status")},
                         {QStringLiteral("status"), QStringLiteral("compacting")}}),
                   kNow));
    QCOMPARE(t.takeUpdate().step.kind, QStringLiteral("compacting"));
}

void TestLive::trackerIgnoresWhatItDoesNotKnow()
{
    LiveTracker t;
    t.beginTurn(kNow);
    t.takeUpdate();
    QVERIFY(!t.feed(streamEvent({{QStringLiteral("type"), QStringLiteral("brand_new_event")},
                                 {QStringLiteral("index"), 0}}),
                    kNow));
    QVERIFY(!t.feed(streamEvent({}), kNow)); // no event at all
    QVERIFY(!t.feed(delta(0, QStringLiteral("citations_delta"), QStringLiteral("citation"),
                          QStringLiteral("x")),
                    kNow));
    QVERIFY(!t.feed(delta(0, QStringLiteral("input_json_delta"), QStringLiteral("partial_json"),
                          QStringLiteral("{\"comm")),
                    kNow));
    // A subagent's stream is its own: the main agent's step stays "running Agent".
    StreamEvent sub =
        delta(0, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral("sub"));
    sub.json.insert(QStringLiteral("parent_tool_use_id"), QStringLiteral("toolu_1"));
    QVERIFY(!t.feed(sub, kNow));
    QVERIFY(!t.feed(decodeStreamLine("not json"), kNow));
    QVERIFY(!t.hasUpdate());
    QVERIFY(t.snapshot().blocks.isEmpty());
    // A delta whose block changed kind (a confused stream) does not mix texts.
    QVERIFY(t.feed(
        delta(3, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral("a")), kNow));
    t.feed(
        delta(3, QStringLiteral("thinking_delta"), QStringLiteral("thinking"), QStringLiteral("b")),
        kNow);
    QCOMPARE(t.snapshot().blocks.size(), 1);
    QCOMPARE(t.snapshot().blocks[0].text, QStringLiteral("a"));
    // The live-only lines are exactly what is not stored.
    QVERIFY(isLiveOnly(streamEvent({})));
    QVERIFY(isLiveOnly(line({{QStringLiteral("type"), QStringLiteral("system")},
                             {QStringLiteral("subtype"), QStringLiteral("status")}})));
    QVERIFY(!isLiveOnly(line({{QStringLiteral("type"), QStringLiteral("system")},
                              {QStringLiteral("subtype"), QStringLiteral("init")}})));
    QVERIFY(!isLiveOnly(assistant(QStringLiteral("m"), textBlock(QStringLiteral("x")))));
}

void TestLive::abandonedBlocksAndTheTurnsEndClearWhatIsLive()
{
    LiveTracker t;
    t.beginTurn(kNow);
    t.feed(messageStart(QStringLiteral("msg_9")), kNow);
    t.feed(delta(0, QStringLiteral("text_delta"), QStringLiteral("text"), QStringLiteral("cut")),
           kNow);
    QCOMPARE(t.snapshot().blocks.size(), 1);
    QVERIFY(t.feed(
        streamEvent({{QStringLiteral("type"), QStringLiteral("message_stop")},
                     {QStringLiteral("abandoned_blocks"),
                      QJsonObject{{QStringLiteral("api_message_id"), QStringLiteral("msg_9")},
                                  {QStringLiteral("from_block_index"), 0}}}}),
        kNow));
    QVERIFY(t.snapshot().blocks.isEmpty());
    t.takeUpdate();
    QVERIFY(t.feed(line({{QStringLiteral("type"), QStringLiteral("result")},
                         {QStringLiteral("subtype"), QStringLiteral("success")}}),
                   kNow));
    QVERIFY(!t.isLive());
    const LiveUpdate end = t.takeUpdate();
    QVERIFY(end.ended);
    QVERIFY(end.step.kind.isEmpty());
    QVERIFY(!t.hasUpdate());
    QVERIFY(!t.endTurn()); // nothing live any more
}

void TestLive::codecRoundTripsAndNamesABadField()
{
    LiveUpdate u;
    u.sessionId = QStringLiteral("s1");
    u.messageId = QStringLiteral("msg_1");
    u.turnStartedAt = kNow;
    u.step =
        LiveStep{QStringLiteral("tool"), QStringLiteral("Bash"), QStringLiteral("npm test"), kNow};
    u.blocks = {LiveBlock{2, QStringLiteral("text"), 7, QStringLiteral("héllo ✓")}};
    u.snapshot = true;
    const QJsonObject p = rpc::toParams(u);
    LiveUpdate back;
    QVERIFY(rpc::fromParams(p, rpc::notification::EventsPartial, &back).ok());
    QCOMPARE(back.sessionId, u.sessionId);
    QCOMPARE(back.messageId, u.messageId);
    QCOMPARE(back.turnStartedAt, u.turnStartedAt);
    QVERIFY(back.step == u.step);
    QCOMPARE(back.blocks.size(), 1);
    QCOMPARE(back.blocks[0].index, 2);
    QCOMPARE(back.blocks[0].from, 7);
    QCOMPARE(back.blocks[0].text, u.blocks[0].text);
    QVERIFY(back.snapshot);
    QVERIFY(!back.ended);

    QJsonObject bad = p;
    QJsonArray blocks = bad.value(QLatin1String("blocks")).toArray();
    QJsonObject b0 = blocks[0].toObject();
    b0.insert(QStringLiteral("from"), QStringLiteral("seven"));
    blocks[0] = b0;
    bad.insert(QStringLiteral("blocks"), blocks);
    Status st = rpc::fromParams(bad, rpc::notification::EventsPartial, &back);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().where, QStringLiteral("blocks[0].from"));
    bad = p;
    bad.insert(QStringLiteral("step"), QJsonObject{{QStringLiteral("kind"), 3}});
    st = rpc::fromParams(bad, rpc::notification::EventsPartial, &back);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().where, QStringLiteral("step.kind"));
    bad = p;
    bad.insert(QStringLiteral("blocks"), QStringLiteral("none"));
    QVERIFY(!rpc::fromParams(bad, rpc::notification::EventsPartial, &back).ok());

    // Subscribing to them is asked for, and read back.
    rpc::SubscribeRequest sub;
    sub.events = {QStringLiteral("s1")};
    sub.partial = true;
    rpc::SubscribeRequest subBack;
    QVERIFY(rpc::fromParams(rpc::toParams(sub), rpc::method::Subscribe, &subBack).ok());
    QVERIFY(subBack.partial);
    QVERIFY(!rpc::toParams(rpc::SubscribeRequest{}).contains(QLatin1String("partial")));
}

void TestLive::partialsComeBeforeTheStoredMessageAndAreNotStored()
{
    const QString answer = QStringLiteral(
        "Streaming this answer in pieces, so that the console can show it as it comes.");
    struct Seen
    {
        qint64 ms;
        bool stored;
        LiveUpdate live;
        QList<StoredEvent> events;
    };
    QList<Seen> seen;
    QElapsedTimer clock;
    clock.start();
    connect(m_engine.get(), &Engine::liveUpdated, this, [&](const LiveUpdate &u) {
        seen.append({clock.elapsed(), false, u, {}});
    });
    connect(m_engine.get(), &Engine::eventsStored, this, [&](const QList<StoredEvent> &events) {
        seen.append({clock.elapsed(), true, {}, events});
    });
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"),
                    QStringLiteral("Answer slowly. ") + slowText(answer, 8, 0.15),
                    m_work,
                    {},
                    {}});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));

    // Mid-message, a snapshot has the text so far from its start.
    QTRY_VERIFY_WITH_TIMEOUT(!m_engine->liveSnapshot(r->id).blocks.isEmpty(), 60000);
    const LiveUpdate mid = m_engine->liveSnapshot(r->id);
    QCOMPARE(mid.blocks[0].from, 0);
    QVERIFY2(answer.startsWith(mid.blocks[0].text), qPrintable(mid.blocks[0].text));
    QVERIFY(mid.blocks[0].text.size() < answer.size());
    QCOMPARE(mid.step.kind, QStringLiteral("writing"));
    QVERIFY(!mid.turnStartedAt.isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Idle && info(r->id).turns == 1,
                             60000);

    // The text rebuilt from the updates before the stored assistant line, as a client would.
    QString text;
    int textUpdates = 0;
    qsizetype storedAt = -1;
    for (qsizetype i = 0; i < seen.size() && storedAt < 0; ++i) {
        if (seen[i].stored) {
            for (const StoredEvent &e : std::as_const(seen[i].events))
                if (e.kind == QLatin1String("assistant") && e.raw.contains("Streaming this"))
                    storedAt = i;
            continue;
        }
        for (const LiveBlock &b : std::as_const(seen[i].live.blocks)) {
            QCOMPARE(b.kind, QStringLiteral("text"));
            QVERIFY(b.from <= text.size());
            text.truncate(b.from);
            text += b.text;
            ++textUpdates;
        }
    }
    QVERIFY2(storedAt > 0, "the finished message was stored");
    QVERIFY2(textUpdates >= 3, qPrintable(QString::number(textUpdates)));
    QVERIFY2(answer.startsWith(text) && text.size() >= answer.size() / 2, qPrintable(text));
    // Coalesced: two updates of one turn are at least an interval apart (the end goes at once).
    qint64 last = -1;
    for (const Seen &s : std::as_const(seen)) {
        if (s.stored || s.live.ended)
            continue;
        if (last >= 0)
            QVERIFY2(s.ms - last >= AgentSession::kLiveIntervalMs - 10,
                     qPrintable(QStringLiteral("%1 ms apart").arg(s.ms - last)));
        last = s.ms;
    }
    // The turn's end cleared it.
    const auto lastLive =
        std::find_if(seen.rbegin(), seen.rend(), [](const Seen &s) { return !s.stored; });
    QVERIFY(lastLive != seen.rend());
    QVERIFY(lastLive->live.ended);
    QVERIFY(m_engine->liveSnapshot(r->id).step.kind.isEmpty());

    // Nothing of the deltas is stored: no stream_event, no status; the sequence has no gap.
    const QList<StoredEvent> events = m_engine->events(r->id, 0, 0);
    bool launchedWithPartials = false;
    int assistants = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const StoredEvent &e = events[i];
        QCOMPARE(e.seq, i + 1);
        QVERIFY2(e.kind != QLatin1String("partial"), e.raw.constData());
        QVERIFY2(e.subtype != QLatin1String("status"), e.raw.constData());
        QVERIFY(!e.raw.contains("\"stream_event\""));
        assistants += e.kind == QLatin1String("assistant") ? 1 : 0;
        if (e.subtype == QLatin1String("launch"))
            launchedWithPartials = e.raw.contains("--include-partial-messages");
    }
    QVERIFY(launchedWithPartials);
    QCOMPARE(assistants, 1);
}

void TestLive::engineKilledMidStreamStoredNothingOfTheMessage()
{
    const QString answer =
        QStringLiteral("A long answer that will never be finished by this engine at all.");
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"),
                    QStringLiteral("Answer slowly. ") + slowText(answer, 10, 0.5),
                    m_work,
                    {},
                    {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_engine->liveSnapshot(r->id).blocks.isEmpty(), 60000);
    const qint64 pid = info(r->id).pid;
    QVERIFY(pid > 0);
    m_engine.reset(); // the engine goes mid-message, its CLI with it

    Database db;
    QVERIFY(db.open(m_tmp->filePath(QStringLiteral("data/chorus.db")), true).ok());
    SessionStore store(&db);
    const QList<StoredEvent> events = store.events(r->id);
    QVERIFY(!events.isEmpty());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].seq, i + 1);
        // Only the task (the engine's own input note) says it; nothing the CLI wrote does.
        QVERIFY2(events[i].kind == QLatin1String("chorus") ||
                     !events[i].raw.contains("A long answer"),
                 events[i].raw.constData());
        QVERIFY(events[i].kind != QLatin1String("partial"));
    }

    // The next engine resumes the agent (the fake model answers the resume's "continue" with
    // its default text): the turn ends with a stored message, and still nothing of the cut one.
    Status st = Ok{};
    m_engine = chorus::test::openTestEngine(m_tmp->path(), m_fake, m_claude, &st);
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Idle, 90000);
    const QList<StoredEvent> after = m_engine->events(r->id, 0, 0);
    int assistants = 0;
    for (qsizetype i = 0; i < after.size(); ++i) {
        const StoredEvent &e = after[i];
        QCOMPARE(e.seq, i + 1);
        QVERIFY(e.kind != QLatin1String("partial"));
        QVERIFY(e.kind == QLatin1String("chorus") || !e.raw.contains("A long answer"));
        assistants += e.kind == QLatin1String("assistant") && i >= events.size() ? 1 : 0;
    }
    QCOMPARE(assistants, 1);
}

void TestLive::subscriberMidMessageGetsASnapshotThenTheRest()
{
    EngineService service(m_engine.get());
    const QString socket = m_tmp->filePath(QStringLiteral("engine.sock"));
    QVERIFY(service.listen(socket).ok());
    const QString answer = QStringLiteral("One word after another, slowly enough to join late.");
    const Result<SessionInfo> r = chorus::test::spawnNow(
        *m_engine, {QStringLiteral("builder"),
                    QStringLiteral("Answer slowly. ") + slowText(answer, 8, 0.25),
                    m_work,
                    {},
                    {}});
    QVERIFY(r.ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->liveSnapshot(r->id).blocks.value(0).text.size() >= 6, 60000);

    const auto subscribe = [&](QLocalSocket &s, bool partial) {
        s.connectToServer(socket);
        QVERIFY(s.waitForConnected(2000));
        rpc::SubscribeRequest sub;
        sub.events = {r->id};
        sub.partial = partial;
        s.write(QJsonDocument(
                    RpcConnection::request(1, QStringLiteral("subscribe"), rpc::toParams(sub)))
                    .toJson(QJsonDocument::Compact) +
                '\n');
        QVERIFY(s.waitForBytesWritten(1000));
    };
    QLocalSocket late;
    QLocalSocket plain; // events only, as `chorus logs --follow` asks
    subscribe(late, true);
    subscribe(plain, false);
    QTRY_VERIFY_WITH_TIMEOUT(info(r->id).state == SessionState::Idle && info(r->id).turns == 1,
                             60000);
    QTest::qWait(200);

    const auto messages = [](QLocalSocket &s) {
        QList<QJsonObject> out;
        for (const QByteArray &l : s.readAll().split('\n'))
            if (!l.trimmed().isEmpty())
                out << QJsonDocument::fromJson(l).object();
        return out;
    };
    QString text;
    bool first = true;
    bool ended = false;
    bool storedAfterText = false;
    for (const QJsonObject &m : messages(late)) {
        const QString method = m.value(QLatin1String("method")).toString();
        if (method == QLatin1String("events.stored") && !text.isEmpty())
            storedAfterText = true;
        if (method != QLatin1String("events.partial"))
            continue;
        LiveUpdate u;
        QVERIFY(rpc::fromParams(m.value(QLatin1String("params")).toObject(),
                                rpc::notification::EventsPartial, &u)
                    .ok());
        QCOMPARE(u.sessionId, r->id);
        if (first) {
            // What was written before it subscribed, from the start.
            QVERIFY(u.snapshot);
            QCOMPARE(u.blocks.size(), 1);
            QCOMPARE(u.blocks[0].from, 0);
            QVERIFY(u.blocks[0].text.size() >= 6);
            first = false;
        }
        for (const LiveBlock &b : std::as_const(u.blocks)) {
            if (b.from > text.size())
                QFAIL("a gap in the live text");
            text.truncate(b.from);
            text += b.text;
        }
        ended = ended || u.ended;
    }
    QVERIFY(!first);
    QVERIFY(ended);
    QVERIFY(storedAfterText);
    QVERIFY2(answer.startsWith(text) && text.size() > answer.size() / 2, qPrintable(text));
    // The plain subscriber heard the agent (its stored events), only not the partial ones.
    bool heardStored = false;
    for (const QJsonObject &m : messages(plain)) {
        QVERIFY(m.value(QLatin1String("method")).toString() != QLatin1String("events.partial"));
        heardStored = heardStored || m.value(QLatin1String("method")).toString() == QLatin1String("events.stored");
    }
    QVERIFY(heardStored);
}

QTEST_GUILESS_MAIN(TestLive)
#include "tst_live.moc"
