// The console while an agent writes (issue 9): live text and thinking as provisional rows,
// replaced by the stored message; the live line with the current step and the turn's time.
// Without an engine: events and live updates in the engine's shapes are fed directly.
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "console/livestep.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "style/theme.h"
#include "tst_console_events.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

using namespace chorus;
using chorus::test::ConsoleEvents;
using Kind = TranscriptItem::Kind;

namespace {
const QString kSession = QStringLiteral("s-test");

LiveUpdate live(const QString &messageId, QList<LiveBlock> blocks, const QString &step = {})
{
    LiveUpdate u;
    u.sessionId = kSession;
    u.messageId = messageId;
    u.turnStartedAt = QDateTime::currentDateTimeUtc().addSecs(-42).toString(Qt::ISODateWithMs);
    u.step.kind = step;
    u.step.since = QDateTime::currentDateTimeUtc().addSecs(-12).toString(Qt::ISODateWithMs);
    u.blocks = std::move(blocks);
    return u;
}

LiveBlock text(int index, qsizetype from, const QString &t)
{
    return LiveBlock{index, QStringLiteral("text"), from, t};
}

// The rows (live or stored) of `kind` whose text contains `needle`.
int rowsWith(const TranscriptModel *m, Kind kind, const QString &needle)
{
    int n = 0;
    for (int r = 0; r < m->rowCount(); ++r)
        n += m->entry(r).kind == kind && m->entry(r).body.contains(needle) ? 1 : 0;
    return n;
}

// The next assistant message's id in ConsoleEvents (it names messages by sequence number).
QString nextMessageId(const ConsoleEvents &ev)
{
    return QStringLiteral("msg_fake_18801_%1").arg(ev.nextSeq());
}
} // namespace

class TestConsoleLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void liveTextIsReplacedByTheStoredMessage();
    void thinkingAndTextOfOneMessage();
    void gapsAndNewMessagesAndTheEnd();
    void updatesAreCoalesced();
    void stepText_data();
    void stepText();
    void consoleShowsTheLiveLineAndClearsIt();

    // Not a test: CHORUS_LIVE_SCREENSHOTS=DIR saves a console mid-stream, light and dark.
    void liveScreenshots();
};

void TestConsoleLive::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestConsoleLive::liveTextIsReplacedByTheStoredMessage()
{
    TranscriptView view;
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TranscriptModel *m = view.model();
    ConsoleEvents ev;
    QList<StoredEvent> before{ev.input(QStringLiteral("Explain the build."))};
    for (int i = 0; i < 30; ++i) // enough to scroll: the view follows the bottom
        before << ev.text(QStringLiteral("Earlier line %1").arg(i));
    view.appendEvents(before);
    m->flush();
    QVERIFY(view.isAtBottom());
    const int stored = m->rowCount();

    const QString id = nextMessageId(ev);
    m->appendLive(live(id, {text(0, 0, QStringLiteral("The build "))}, QStringLiteral("writing")));
    m->setLiveLine(QStringLiteral("writing…"));
    m->flush();
    QCOMPARE(m->rowCount(), stored + 2);
    QCOMPARE(m->liveRowCount(), 2);
    const TranscriptEntry &row = m->entry(stored);
    QVERIFY(row.live);
    QCOMPARE(row.kind, Kind::Text);
    QCOMPARE(row.body, QStringLiteral("The build "));
    QVERIFY(m->entry(stored + 1).live);
    QCOMPARE(m->entry(stored + 1).kind, Kind::State); // the live line is the last row
    const quint64 rowId = row.id;

    // More text: the same row grows (changed in place, not inserted again).
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    m->appendLive(
        live(id, {text(0, 10, QStringLiteral("runs in three steps."))}, QStringLiteral("writing")));
    m->flush();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m->entry(stored).id, rowId);
    QCOMPARE(m->entry(stored).body, QStringLiteral("The build runs in three steps."));
    QTRY_VERIFY(view.isAtBottom());
    QCOMPARE(m->rowOfId(rowId), stored);

    // The stored message comes: the live row goes in the same flush, the stored row takes its
    // place above the live line, and the text shows once.
    QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
    view.appendEvents({ev.text(QStringLiteral("The build runs in three steps."))});
    QCOMPARE(rowsWith(m, Kind::Text, QStringLiteral("three steps")), 1); // not flushed yet
    m->flush();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(rowsWith(m, Kind::Text, QStringLiteral("three steps")), 1);
    QCOMPARE(m->rowCount(), stored + 2);
    QVERIFY(!m->entry(stored).live);
    QVERIFY(m->entry(stored).seq > 0);
    QCOMPARE(m->entry(stored).body, QStringLiteral("The build runs in three steps."));
    QVERIFY(m->entry(stored + 1).live); // the live line stays last
    QCOMPARE(m->rowOfId(rowId), -1);
    QTRY_VERIFY(view.isAtBottom());
    const QRect last = view.rowRect(m->rowCount() - 1);
    QVERIFY(view.viewport()->rect().contains(last));

    // The turn ends: nothing live stays.
    m->setLiveLine({});
    LiveUpdate end;
    end.sessionId = kSession;
    end.ended = true;
    m->appendLive(end);
    m->flush();
    QCOMPARE(m->liveRowCount(), 0);
    QCOMPARE(m->rowCount(), stored + 1);
}

void TestConsoleLive::thinkingAndTextOfOneMessage()
{
    TranscriptModel m;
    ConsoleEvents ev;
    m.appendEvents({ev.input(QStringLiteral("Go."))});
    const QString id = nextMessageId(ev);
    m.appendLive(live(id, {LiveBlock{0, QStringLiteral("thinking"), 0, QStringLiteral("Hmm, ")},
                           text(1, 0, QStringLiteral("Answer"))}));
    m.flush();
    QCOMPARE(m.liveRowCount(), 2);
    QCOMPARE(m.entry(1).kind, Kind::Thinking);
    QVERIFY(m.entry(1).expanded); // seen while it is written
    QCOMPARE(m.entry(2).kind, Kind::Text);
    // The stored thinking (same message) replaces the first live row only.
    StoredEvent thinking = ev.thinking(QStringLiteral("Hmm, let me see."));
    thinking.raw.replace(QStringLiteral("msg_fake_18801_%1").arg(thinking.seq).toUtf8(),
                         id.toUtf8());
    m.appendEvents({thinking});
    m.appendLive(live(id, {text(1, 6, QStringLiteral(" is 42."))}));
    m.flush();
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.entry(1).kind, Kind::Thinking);
    QVERIFY(!m.entry(1).live);
    QVERIFY(!m.entry(1).expanded); // stored thinking folds to a line
    QVERIFY(m.entry(2).live);
    QCOMPARE(m.entry(2).body, QStringLiteral("Answer is 42."));
    // A stored line of another message replaces nothing.
    m.appendEvents({ev.text(QStringLiteral("Answer is 42."))}); // its own message id
    m.flush();
    QCOMPARE(m.liveRowCount(), 1);
    // A result line ends the turn for the console too (even without an ended update).
    m.appendEvents({ev.result(false, QStringLiteral("done"), 10, 0.01)});
    m.flush();
    QCOMPARE(m.liveRowCount(), 0);
}

void TestConsoleLive::gapsAndNewMessagesAndTheEnd()
{
    TranscriptModel m;
    // A block whose start this client never got is not shown half.
    m.appendLive(live(QStringLiteral("msg_a"), {text(0, 5, QStringLiteral("tail only"))}));
    m.flush();
    QCOMPARE(m.liveRowCount(), 0);
    // A snapshot gives it whole; a later overlapping update (sent before the snapshot was
    // taken) replaces from its offset.
    LiveUpdate snap = live(QStringLiteral("msg_a"), {text(0, 0, QStringLiteral("Hello wor"))});
    snap.snapshot = true;
    m.appendLive(snap);
    m.appendLive(live(QStringLiteral("msg_a"), {text(0, 6, QStringLiteral("world!"))}));
    m.flush();
    QCOMPARE(m.liveRowCount(), 1);
    QCOMPARE(m.entry(0).body, QStringLiteral("Hello world!"));
    // Unknown kinds are ignored.
    m.appendLive(live(QStringLiteral("msg_a"), {LiveBlock{1, QStringLiteral("image"), 0, {}}}));
    m.flush();
    QCOMPARE(m.liveRowCount(), 1);
    // A new message: the last one's unfinished rows (abandoned) go.
    m.appendLive(live(QStringLiteral("msg_b"), {text(0, 0, QStringLiteral("Second"))}));
    m.flush();
    QCOMPARE(m.liveRowCount(), 1);
    QCOMPARE(m.entry(0).body, QStringLiteral("Second"));
    QCOMPARE(m.entry(0).liveMessage, QStringLiteral("msg_b"));
    // A very long live text shows its end, bounded.
    const QString longText = test::longAnswer(100 * 1024, QStringLiteral("LAST LINE"));
    m.appendLive(live(QStringLiteral("msg_b"), {text(0, 0, longText)}));
    m.flush();
    QVERIFY(m.entry(0).body.endsWith(QLatin1String("LAST LINE")));
    QVERIFY(m.entry(0).body.size() <= TranscriptModel::kLiveTailChars + 4);
    QVERIFY(m.entry(0).body.startsWith(QStringLiteral("…")));
    m.clear();
    QCOMPARE(m.rowCount(), 0);
}

void TestConsoleLive::updatesAreCoalesced()
{
    TranscriptModel m;
    QSignalSpy flushed(&m, &TranscriptModel::flushed);
    QString all;
    for (int i = 0; i < 50; ++i) {
        const QString piece = QStringLiteral("w%1 ").arg(i);
        m.appendLive(live(QStringLiteral("msg_c"), {text(0, all.size(), piece)}));
        all += piece;
    }
    QCOMPARE(flushed.count(), 0); // nothing applied while they arrive
    QTRY_COMPARE(m.liveRowCount(), 1);
    QCOMPARE(flushed.count(), 1); // one model change for the burst
    QCOMPARE(m.entry(0).body, all);
}

void TestConsoleLive::stepText_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<int>("stepAgo");
    QTest::addColumn<int>("turnAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("waiting") << "requesting"
                             << ""
                             << "" << 3 << 3 << "waiting for the model for 3 s  ·  turn 3 s";
    QTest::newRow("writing") << "writing"
                             << ""
                             << "" << 5 << 64 << "writing…  ·  turn 1 min 04 s";
    QTest::newRow("tool") << "tool"
                          << "Bash"
                          << "npm test" << 12 << 3725
                          << "running Bash: npm test for 12 s  ·  turn 1 h 02 min";
    QTest::newRow("tool just started") << "tool"
                                       << "Read"
                                       << "" << 0 << 1 << "running Read  ·  turn 1 s";
    QTest::newRow("approval") << "approval"
                              << "Write"
                              << "/a" << 2 << 9
                              << "waiting for your approval of Write for 2 s  ·  turn 9 s";
    QTest::newRow("unknown status") << "compacting"
                                    << ""
                                    << "" << 0 << 0 << "compacting…  ·  turn 0 s";
    QTest::newRow("nothing live") << ""
                                  << ""
                                  << "" << 0 << 0 << "";
}

void TestConsoleLive::stepText()
{
    QFETCH(QString, kind);
    QFETCH(QString, tool);
    QFETCH(QString, detail);
    QFETCH(int, stepAgo);
    QFETCH(int, turnAgo);
    QFETCH(QString, expected);
    const QDateTime now =
        QDateTime::fromString(QStringLiteral("2026-12-07T10:00:00.000Z"), Qt::ISODateWithMs);
    const LiveStep step{kind, tool, detail, now.addSecs(-stepAgo).toString(Qt::ISODateWithMs)};
    QCOMPARE(LiveStepText::format(step, now.addSecs(-turnAgo).toString(Qt::ISODateWithMs), now),
             expected);
}

void TestConsoleLive::consoleShowsTheLiveLineAndClearsIt()
{
    EngineClient client; // never connected: the console takes what the client emits
    ConsoleWidget console(&client, kSession);
    console.resize(900, 600);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    TranscriptModel *m = console.transcript()->model();
    ConsoleEvents ev;
    Q_EMIT client.eventsArrived(kSession, {ev.input(QStringLiteral("Run the tests."))});
    LiveUpdate u = live(nextMessageId(ev), {}, QStringLiteral("tool"));
    u.step.tool = QStringLiteral("Bash");
    u.step.detail = QStringLiteral("npm test");
    Q_EMIT client.liveUpdated(u);
    LiveUpdate other = u;
    other.sessionId = QStringLiteral("another");
    other.step.detail = QStringLiteral("not mine");
    Q_EMIT client.liveUpdated(other);
    QTRY_COMPARE(m->liveRowCount(), 1);
    const QString line = m->entry(m->rowCount() - 1).body;
    QVERIFY2(line.startsWith(QLatin1String("running Bash: npm test for 1")), qPrintable(line));
    QVERIFY2(line.contains(QLatin1String("turn 42 s")) || line.contains(QLatin1String("turn 43 s")),
             qPrintable(line));
    // The clock moves on by itself.
    QTRY_VERIFY_WITH_TIMEOUT(m->entry(m->rowCount() - 1).body != line, 3000);

    // Text arrives, above the live line.
    u.step.kind = QStringLiteral("writing");
    u.blocks = {text(0, 0, QStringLiteral("All 12 tests pass."))};
    Q_EMIT client.liveUpdated(u);
    QTRY_COMPARE(m->liveRowCount(), 2);
    QCOMPARE(m->entry(m->rowCount() - 2).body, QStringLiteral("All 12 tests pass."));
    QVERIFY(m->entry(m->rowCount() - 1).body.startsWith(QStringLiteral("writing…")));

    // The turn ends.
    LiveUpdate end;
    end.sessionId = kSession;
    end.ended = true;
    Q_EMIT client.liveUpdated(end);
    QTRY_COMPARE(m->liveRowCount(), 0);
    QCOMPARE(rowsWith(m, Kind::Text, QStringLiteral("12 tests")), 0);

    // A read-only console (History) shows nothing live.
    ConsoleWidget history(&client, kSession, nullptr, true);
    Q_EMIT client.liveUpdated(u);
    QTest::qWait(150);
    QCOMPARE(history.transcript()->model()->liveRowCount(), 0);
}

void TestConsoleLive::liveScreenshots()
{
    const QString out = qEnvironmentVariable("CHORUS_LIVE_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set CHORUS_LIVE_SCREENSHOTS=DIR to save screenshots of a console mid-stream");
    QDir().mkpath(out);
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QString name =
            theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark");
        EngineClient client;
        ConsoleWidget console(&client, kSession);
        console.resize(1024, 700);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        ConsoleEvents ev;
        Q_EMIT client.eventsArrived(
            kSession,
            {ev.input(QStringLiteral("Find why the login test fails and fix it.")), ev.init(),
             ev.text(QStringLiteral("I'll run the test suite first.")),
             ev.toolUse(QStringLiteral("toolu_1"), QStringLiteral("Bash"),
                        {{QStringLiteral("command"), QStringLiteral("npm test")}}),
             ev.toolResult(
                 QStringLiteral("toolu_1"),
                 QStringLiteral("FAIL src/login.test.ts\n  ✕ rejects an empty password"))});
        LiveUpdate u = live(nextMessageId(ev),
                            {LiveBlock{0, QStringLiteral("thinking"), 0,
                                       QStringLiteral("The test expects a 400 but the handler "
                                                      "returns 200 when the password is empty.")},
                             text(1, 0,
                                  QStringLiteral("The failing test is **rejects an empty "
                                                 "password**. The handler in `src/login.ts` "
                                                 "checks the user name but never the password, "
                                                 "so an empty one"))},
                            QStringLiteral("writing"));
        Q_EMIT client.liveUpdated(u);
        QTRY_COMPARE(console.transcript()->model()->liveRowCount(), 3);
        QTest::qWait(100);
        console.grab().save(out + QStringLiteral("/live-") + name + QStringLiteral(".png"));
        u.blocks.clear();
        u.step = LiveStep{QStringLiteral("tool"), QStringLiteral("Bash"),
                          QStringLiteral("npm test -- --watch=false src/login.test.ts"),
                          QDateTime::currentDateTimeUtc().addSecs(-12).toString(Qt::ISODateWithMs)};
        Q_EMIT client.liveUpdated(u);
        QTest::qWait(150);
        console.grab().save(out + QStringLiteral("/live-tool-") + name + QStringLiteral(".png"));
    }
    applyTheme(Theme::Light);
}

QTEST_MAIN(TestConsoleLive)
#include "tst_console_live.moc"
