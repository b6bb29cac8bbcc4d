// The console on a real agent: the `chorus daemon` started by EngineClient, the pinned
// Claude Code CLI and the fake Messages API (tests/support).
#include "client/engineclient.h"
#include "console/approvalbar.h"
#include "console/consoleinput.h"
#include "console/consolewidget.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "enginefixture.h"
#include "tst_console_events.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTest>

#include <optional>

using namespace chorus;
using chorus::test::EngineFixture;
using Kind = TranscriptItem::Kind;

namespace {
constexpr int kAgentTimeoutMs = 90000;

QString script(const QJsonArray &steps)
{
    return QStringLiteral("@@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

// Rows of `kind` whose text contains `text`.
int countRows(const ConsoleWidget &console, Kind kind, const QString &text = {})
{
    const TranscriptModel *m = console.transcript()->model();
    int n = 0;
    for (int r = 0; r < m->rowCount(); ++r)
        n += m->entry(r).kind == kind && m->entry(r).plainText().contains(text) ? 1 : 0;
    return n;
}

const TranscriptEntry *findEntry(const ConsoleWidget &console, Kind kind, const QString &title)
{
    const TranscriptModel *m = console.transcript()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->entry(r).kind == kind && m->entry(r).title == title)
            return &m->entry(r);
    return nullptr;
}

QPushButton *button(const QWidget &w, const char *name)
{
    return w.findChild<QPushButton *>(QLatin1String(name));
}
} // namespace

class TestConsoleE2E : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void showsTheAgentsTurnsAndSendsFollowUps();
    void approvalsAreAnsweredInline();
    void streamingTextShowsBeforeTheMessageEnds();

private:
    QString spawn(EngineClient &client, const QString &role, const QString &task);

    EngineFixture m_fx;
};

void TestConsoleE2E::init()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fx.chorusProgram().toUtf8());
}

void TestConsoleE2E::cleanup()
{
    m_fx.tearDown();
    qunsetenv("CHORUS_PROGRAM");
}

QString TestConsoleE2E::spawn(EngineClient &client, const QString &role, const QString &task)
{
    std::optional<Result<SessionInfo>> spawned;
    SpawnRequest request;
    request.role = role;
    request.task = task;
    request.dir = m_fx.workDir();
    client.spawn(request, [&spawned](const Result<SessionInfo> &r) { spawned = r; });
    if (!QTest::qWaitFor([&] { return spawned.has_value(); }, 30000)) {
        qWarning("spawn: no answer");
        return {};
    }
    if (!*spawned) {
        qWarning("spawn: %s", qPrintable(spawned->error().toString()));
        return {};
    }
    return (*spawned)->id;
}

void TestConsoleE2E::showsTheAgentsTurnsAndSendsFollowUps()
{
    EngineClient client;
    const Status connected = client.connectToEngine();
    QVERIFY2(connected, qPrintable(connected.error().toString()));
    const QString task =
        QStringLiteral("Do it. ") +
        script({QJsonObject{{QStringLiteral("tool"), QStringLiteral("Bash")},
                            {QStringLiteral("input"),
                             QJsonObject{{QStringLiteral("command"), QStringLiteral("echo hi")}}}},
                QJsonObject{{QStringLiteral("text"), QStringLiteral("All done.")}}});
    const QString id = spawn(client, QStringLiteral("builder"), task);
    QVERIFY(!id.isEmpty());

    ConsoleWidget console(&client, id);
    console.resize(1000, 800);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    QTRY_VERIFY_WITH_TIMEOUT(countRows(console, Kind::Text, QStringLiteral("All done.")) == 1,
                             kAgentTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        findEntry(console, Kind::ToolUse, QStringLiteral("Bash")) &&
            findEntry(console, Kind::ToolUse, QStringLiteral("Bash"))->hasResult,
        kAgentTimeoutMs);
    const TranscriptEntry *bash = findEntry(console, Kind::ToolUse, QStringLiteral("Bash"));
    QVERIFY2(bash->result.contains(QLatin1String("hi")), qPrintable(bash->result));
    QVERIFY(!bash->resultIsError);
    QVERIFY(bash->body.contains(QLatin1String("echo hi")));
    QCOMPARE(countRows(console, Kind::Input, QStringLiteral("Do it.")), 1);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(console, Kind::TurnEnd), 1, kAgentTimeoutMs);
    QCOMPARE(countRows(console, Kind::ToolResult), 0); // joined into the tool block

    // Idle: follow-ups, Stop, and Resume (go on without a message: the same rule as the main
    // window's Resume, agents/agentcommands.h); nothing to interrupt.
    QTRY_COMPARE_WITH_TIMEOUT(client.session(id).state, SessionState::Idle, kAgentTimeoutMs);
    QTRY_VERIFY(button(console, "stopButton")->isEnabled());
    QVERIFY(!button(console, "interruptButton")->isEnabled());
    QVERIFY(button(console, "resumeButton")->isEnabled());

    auto *input = console.findChild<ConsoleInput *>();
    QVERIFY(input);
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("Now the docs, please."));
    QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(
        countRows(console, Kind::Input, QStringLiteral("Now the docs, please.")), 1,
        kAgentTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(console, Kind::TurnEnd), 2, kAgentTimeoutMs);
    QVERIFY(input->toPlainText().isEmpty());
    QVERIFY(console.transcript()->isAtBottom());

    // Stop: the session ends; Resume becomes the way on.
    QTRY_COMPARE_WITH_TIMEOUT(client.session(id).state, SessionState::Idle, kAgentTimeoutMs);
    QTest::mouseClick(button(console, "stopButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(client.session(id).state), 30000);
    QTRY_VERIFY(button(console, "resumeButton")->isEnabled());
    QVERIFY(!button(console, "stopButton")->isEnabled());
    QVERIFY(!button(console, "interruptButton")->isEnabled());

    // A read-only console on the same session shows the same transcript.
    ConsoleWidget history(&client, id, nullptr, true);
    QTRY_VERIFY(history.isLoaded());
    QCOMPARE(countRows(history, Kind::Text, QStringLiteral("All done.")), 1);
    QVERIFY(history.findChild<ConsoleInput *>() == nullptr);
}

void TestConsoleE2E::approvalsAreAnsweredInline()
{
    EngineClient client;
    const Status connected = client.connectToEngine();
    QVERIFY2(connected, qPrintable(connected.error().toString()));
    const QString allowed = m_fx.workDir() + QStringLiteral("/allowed.md");
    const QString denied = m_fx.workDir() + QStringLiteral("/denied.md");
    const auto write = [](const QString &path) {
        return QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                           {QStringLiteral("input"),
                            QJsonObject{{QStringLiteral("file_path"), path},
                                        {QStringLiteral("content"), QStringLiteral("x")}}}};
    };
    const QString id =
        spawn(client, QStringLiteral("architect"),
              QStringLiteral("Write two files. ") +
                  script({write(allowed), write(denied),
                          QJsonObject{{QStringLiteral("text"), QStringLiteral("Finished.")}}}));
    QVERIFY(!id.isEmpty());

    ConsoleWidget console(&client, id);
    console.resize(1000, 800);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    auto *bar = console.findChild<ApprovalBar *>();
    QVERIFY(bar);

    // First request: Allow.
    QTRY_VERIFY_WITH_TIMEOUT(button(console, "allowButton") &&
                                 button(console, "allowButton")->isVisible(),
                             kAgentTimeoutMs);
    QCOMPARE(bar->count(), 1);
    auto *title = bar->findChild<QLabel *>(QStringLiteral("approvalTitle"));
    QVERIFY(title->text().contains(QLatin1String("Write")));
    QVERIFY(bar->findChild<QLabel *>(QStringLiteral("approvalDetail"))->text().contains(allowed));
    QVERIFY(!QFile::exists(allowed));
    // The card stays readable when the palette turns dark.
    auto *card = bar->findChild<QWidget *>(QStringLiteral("approvalCard"));
    QVERIFY(chorus::test::contrast(card->palette().color(QPalette::Window),
                                   card->palette().color(QPalette::WindowText)) >= 4.5);
    console.setPalette(chorus::test::darkPalette());
    QVERIFY(chorus::test::contrast(card->palette().color(QPalette::Window),
                                   card->palette().color(QPalette::WindowText)) >= 4.5);
    QVERIFY(card->palette().color(QPalette::Window).lightness() < 100);
    QTest::mouseClick(button(console, "allowButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(allowed), kAgentTimeoutMs);

    // Second request: a new card (the first one went away); Deny.
    QTRY_VERIFY_WITH_TIMEOUT(
        countRows(console, Kind::Approval, QStringLiteral("Allowed Write")) == 1, kAgentTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        bar->count() == 1 && bar->findChild<QLabel *>(QStringLiteral("approvalDetail")) &&
            bar->findChild<QLabel *>(QStringLiteral("approvalDetail"))->text().contains(denied),
        kAgentTimeoutMs);
    QTest::mouseClick(button(console, "denyButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(bar->count(), 0, kAgentTimeoutMs);
    QTRY_VERIFY(bar->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(countRows(console, Kind::TurnEnd) == 1, kAgentTimeoutMs);
    QVERIFY(!QFile::exists(denied));
    QCOMPARE(countRows(console, Kind::Approval, QStringLiteral("Denied Write")), 1);
    // Both Write calls are tool blocks with results; the denied one is an error.
    const TranscriptModel *m = console.transcript()->model();
    int writes = 0;
    int failed = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const TranscriptEntry &e = m->entry(r);
        if (e.kind == Kind::ToolUse && e.title == QLatin1String("Write")) {
            ++writes;
            QVERIFY(e.hasResult);
            failed += e.resultIsError ? 1 : 0;
        }
    }
    QCOMPARE(writes, 2);
    QCOMPARE(failed, 1);
}

// Issue 9: with partial messages, the answer shows while the model writes it, in a live row
// that the stored message replaces (never both, never neither), and the live line says what
// the agent does.
void TestConsoleE2E::streamingTextShowsBeforeTheMessageEnds()
{
    EngineClient client;
    const Status connected = client.connectToEngine();
    QVERIFY2(connected, qPrintable(connected.error().toString()));
    const QString answer = QStringLiteral(
        "Streaming words arrive one after another so that the console can show them early.");
    const QString id = spawn(client, QStringLiteral("builder"),
                             QStringLiteral("Answer slowly. ") +
                                 script({QJsonObject{{QStringLiteral("text"), answer},
                                                     {QStringLiteral("chunks"), 10},
                                                     {QStringLiteral("delay"), 0.3}}}));
    QVERIFY(!id.isEmpty());
    ConsoleWidget console(&client, id);
    console.resize(1000, 800);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    const TranscriptModel *m = console.transcript()->model();

    // Every model change: the answer shows at most once, and once shown it stays shown.
    int shownMax = 0;
    bool vanished = false;
    int shownBefore = 0;
    QString liveLine;
    connect(m, &TranscriptModel::flushed, this, [&] {
        int shown = 0;
        for (int r = 0; r < m->rowCount(); ++r) {
            const TranscriptEntry &e = m->entry(r);
            shown +=
                e.kind == Kind::Text && e.body.contains(QLatin1String("Streaming words")) ? 1 : 0;
            if (e.live && e.kind == Kind::State)
                liveLine = e.body;
        }
        shownMax = qMax(shownMax, shown);
        vanished = vanished || (shownBefore > 0 && shown == 0);
        shownBefore = shown;
    });

    // Part of the answer, live, before the message is stored.
    QTRY_VERIFY_WITH_TIMEOUT(
        m->liveRowCount() > 0 &&
            [&] {
                for (int r = 0; r < m->rowCount(); ++r)
                    if (m->entry(r).live && m->entry(r).kind == Kind::Text)
                        return true;
                return false;
            }(),
        kAgentTimeoutMs);
    int liveRow = -1;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->entry(r).live && m->entry(r).kind == Kind::Text)
            liveRow = r;
    const QString partial = m->entry(liveRow).body;
    QVERIFY2(answer.startsWith(partial) && partial.size() < answer.size(), qPrintable(partial));
    for (int r = 0; r < m->rowCount(); ++r)
        QVERIFY(m->entry(r).live || m->entry(r).kind != Kind::Text ||
                !m->entry(r).body.contains(QLatin1String("Streaming words")));
    QVERIFY2(liveLine.contains(QLatin1String("turn ")), qPrintable(liveLine));

    // The stored message replaces it; the turn's end clears what was live.
    QTRY_COMPARE_WITH_TIMEOUT(countRows(console, Kind::TurnEnd), 1, kAgentTimeoutMs);
    QTRY_COMPARE(m->liveRowCount(), 0);
    QCOMPARE(countRows(console, Kind::Text, answer), 1);
    QCOMPARE(shownMax, 1);
    QVERIFY(!vanished);
    QVERIFY(console.transcript()->isAtBottom());
}

QTEST_MAIN(TestConsoleE2E)
#include "tst_console_e2e.moc"
