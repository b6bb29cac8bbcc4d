// Notifications end to end: the real main window and engine (real Claude Code processes
// against the fake Messages API), with a fake Notifier in place of the desktop's, proving what
// is notified, what is quiet, what a click opens, the title's count and the next-agent action.
#include "client/engineclient.h"
#include "enginefixture.h"
#include "guitest.h"
#include "mainwindow/agentstatusbar.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "notify/notificationcenter.h"
#include "notify/notifier.h"
#include "settings/guisettings.h"
#include "settings/settingsdialog.h"
#include "style/theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace chorus;

namespace {
QString script(const QJsonArray &steps)
{
    return QStringLiteral("@@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

// Not a check: CHORUS_NOTIFY_SCREENSHOTS=DIR saves `w` there as NAME-light.png and
// NAME-dark.png (a window at 1024x700).
void screenshots(QWidget *w, const QString &name, bool window)
{
    const QString dir = qEnvironmentVariable("CHORUS_NOTIFY_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    for (Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        if (window)
            w->resize(1024, 700);
        QTest::qWait(100);
        QApplication::processEvents();
        w->grab().save(dir + QLatin1Char('/') + name + QLatin1Char('-') + themeKey(theme) +
                       QStringLiteral(".png"));
    }
    applyTheme(Theme::Light);
}

// What the window asked of the desktop.
class FakeNotifier : public Notifier
{
public:
    void show(const QString &key, const Notification &n) override
    {
        shown.append({key, n});
        open.insert(key, n);
    }
    void close(const QString &key) override
    {
        closed.append(key);
        open.remove(key);
    }
    // The user clicks the notification.
    void click(const QString &key) { Q_EMIT activated(key); }
    int shownFor(const QString &key) const
    {
        return int(std::count_if(shown.cbegin(), shown.cend(),
                                 [&](const auto &s) { return s.first == key; }));
    }

    QList<std::pair<QString, Notification>> shown;
    QStringList closed;
    QHash<QString, Notification> open;
};
} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void approvalNotifiesAndClickOpensConsole();
    void turnEndAndFailureCountAndCycle();
    void settingSilencesAKind();
    void rateLimitPauseNotifies();
    void conflictAndCheckOpenTheirPlace();

private:
    SessionInfo spawn(const QString &role, const QString &task, const QString &name);

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    FakeNotifier *m_notifier = nullptr; // the window's
};

void TestNotifications::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
}

void TestNotifications::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

void TestNotifications::init()
{
    for (NotifyKind kind : allNotifyKinds())
        guisettings::setNotifyEnabled(kind, true);
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    m_client = std::make_unique<EngineClient>();
    m_notifier = new FakeNotifier;
    m_window = std::make_unique<MainWindow>(m_client.get(), nullptr, m_notifier);
    m_window->resize(1024, 700);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
}

void TestNotifications::cleanup()
{
    m_window.reset();
    m_client.reset();
}

SessionInfo TestNotifications::spawn(const QString &role, const QString &task, const QString &name)
{
    return chorus::test::spawnAgent(*m_client, role, task, m_fixture.workDir(), name);
}

void TestNotifications::approvalNotifiesAndClickOpensConsole()
{
    QSignalSpy alerts(m_window->notifications(), &NotificationCenter::alertRequested);
    const QString file = m_fixture.workDir() + QStringLiteral("/design.md");
    const SessionInfo architect = spawn(
        QStringLiteral("architect"),
        QStringLiteral("Write the design. ") +
            script(
                {QJsonObject{{QStringLiteral("tool"), QStringLiteral("Write")},
                             {QStringLiteral("input"),
                              QJsonObject{{QStringLiteral("file_path"), file},
                                          {QStringLiteral("content"), QStringLiteral("# D\n")}}}}}),
        QStringLiteral("planner"));
    QVERIFY(!architect.id.isEmpty());

    // The approval: one notification naming the agent and the tool, opening its console.
    // (The request may come after the state: its text then replaces a general one.)
    QTRY_VERIFY_WITH_TIMEOUT(m_notifier->open.value(architect.id)
                                 .body.startsWith(QLatin1String("planner asks to use Write")),
                             60000);
    const Notification n = m_notifier->open.value(architect.id);
    QCOMPARE(n.title, QStringLiteral("planner needs your approval"));
    QCOMPARE(n.actionLabel, QStringLiteral("Open Console"));
    QVERIFY(n.urgent);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));
    QVERIFY(alerts.count() >= 1);
    QCOMPARE(m_window->notifications()->attentionQueue(), QStringList{architect.id});
    QTRY_COMPARE(m_window->statusSummary()->waitingLabel()->text(), QStringLiteral("1 waiting"));
    screenshots(m_window.get(), QStringLiteral("notify-waiting"), true);

    // Clicking it opens the agent's console; the approval still counts until answered, but
    // its notification is gone (the user sees the approval bar).
    QVERIFY(m_window->consoles()->currentSessionId() != architect.id);
    m_notifier->click(architect.id);
    QCOMPARE(m_window->consoles()->currentSessionId(), architect.id);
    QVERIFY(!m_notifier->open.contains(architect.id));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));

    // Answered: nothing needs the user; the turn that then ends in the console the user looks
    // at is seen as it happens, not notified.
    const int shownBefore = m_notifier->shownFor(architect.id);
    m_client->answer(architect.id, m_client->pendingApprovals(architect.id).value(0).id, true,
                     false);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(architect.id).state, SessionState::Idle, 60000);
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));
    QCOMPARE(m_notifier->shownFor(architect.id), shownBefore);
    QVERIFY(!m_window->notifications()->attention(architect.id));
}

void TestNotifications::turnEndAndFailureCountAndCycle()
{
    // Nothing is open in the window: a console is open for neither.
    const SessionInfo done =
        spawn(QStringLiteral("builder"), QStringLiteral("Say hello."), QStringLiteral("greeter"));
    QVERIFY(!done.id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_notifier->open.contains(done.id), 60000);
    Notification n = m_notifier->open.value(done.id);
    QCOMPARE(n.title, QStringLiteral("greeter finished its turn"));
    QVERIFY2(n.body.contains(QLatin1String("greeter waits for your next message")) &&
                 n.body.contains(QLatin1String("Say hello.")),
             qPrintable(n.body));
    QCOMPARE(n.actionLabel, QStringLiteral("Open Console"));
    QVERIFY(!n.urgent);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));

    // A turn the API refuses fails the agent: its own notification, with the error.
    const SessionInfo broken = spawn(
        QStringLiteral("builder"),
        QStringLiteral("Break. ") +
            script({QJsonObject{{QStringLiteral("http_error"), 400},
                                {QStringLiteral("message"), QStringLiteral("prompt is too odd")}}}),
        QStringLiteral("breaker"));
    QVERIFY(!broken.id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_notifier->open.contains(broken.id), 60000);
    n = m_notifier->open.value(broken.id);
    QCOMPARE(m_client->session(broken.id).state, SessionState::Failed);
    QCOMPARE(n.title, QStringLiteral("breaker failed"));
    QVERIFY2(n.body.startsWith(QLatin1String("breaker: ")) &&
                 n.body.contains(QLatin1String("prompt is too odd")),
             qPrintable(n.body));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(2) Chorus"));
    QCOMPARE(m_window->notifications()->attentionQueue(), (QStringList{done.id, broken.id}));

    // Next Agent Needing Attention (Ctrl+J) goes to the older one first: seen, its
    // notification closed.
    QTest::keySequence(m_window.get(), m_window->actions()->nextAttention->shortcut());
    QCOMPARE(m_window->consoles()->currentSessionId(), done.id);
    QVERIFY(!m_notifier->open.contains(done.id));
    QVERIFY(m_notifier->closed.contains(done.id));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));

    // The status bar's "N waiting" goes there too.
    QLabel *waiting = m_window->statusSummary()->waitingLabel();
    QTest::mouseClick(waiting, Qt::LeftButton);
    QCOMPARE(m_window->consoles()->currentSessionId(), broken.id);
    QVERIFY(!m_notifier->open.contains(broken.id));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));

    // Nothing left: it says so and stays.
    m_window->actions()->nextAttention->trigger();
    QCOMPARE(m_window->consoles()->currentSessionId(), broken.id);
    QCOMPARE(m_window->statusBar()->currentMessage(),
             QStringLiteral("No agent needs your attention."));

    // A follow-up to the agent on screen (its script fails it again) is not notified: the user
    // looks at it...
    const int before = m_notifier->shownFor(broken.id);
    m_client->send(broken.id, QStringLiteral("Try again."));
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(broken.id).turns, 2, 60000);
    QCOMPARE(m_client->session(broken.id).state, SessionState::Failed);
    QCOMPARE(m_notifier->shownFor(broken.id), before);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));
    // ... while one to an agent that is not on screen is told.
    m_client->send(done.id, QStringLiteral("Again."));
    QTRY_VERIFY_WITH_TIMEOUT(m_notifier->shownFor(done.id) == 2, 60000);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));

    // The Agent menu with the action and its shortcut.
    for (QAction *menu : m_window->menuBar()->actions()) {
        if (!menu->menu() || !menu->menu()->actions().contains(m_window->actions()->nextAttention))
            continue;
        menu->menu()->popup(m_window->mapToGlobal(QPoint(60, 30)));
        QVERIFY(QTest::qWaitForWindowExposed(menu->menu()));
        screenshots(menu->menu(), QStringLiteral("notify-menu"), false);
        menu->menu()->close();
    }
}

void TestNotifications::settingSilencesAKind()
{
    // Settings shows a box per kind; unticking "finishes a turn" is kept.
    QPointer<SettingsDialog> dialog = m_window->showSettings();
    auto *group = dialog->findChild<QGroupBox *>(QStringLiteral("notificationsGroup"));
    QVERIFY(group);
    auto *turnEnded = dialog->findChild<QCheckBox *>(QStringLiteral("notifyTurnEndedCheck"));
    QVERIFY(turnEnded && turnEnded->isChecked());
    screenshots(dialog, QStringLiteral("notify-settings"), false);
    turnEnded->click();
    auto *box = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
    QVERIFY(!guisettings::notifyEnabled(NotifyKind::TurnEnded));
    QVERIFY(guisettings::notifyEnabled(NotifyKind::Failed));

    // A turn ends: no notification, no taskbar alert; it still counts in the title.
    QSignalSpy alerts(m_window->notifications(), &NotificationCenter::alertRequested);
    const SessionInfo quiet =
        spawn(QStringLiteral("builder"), QStringLiteral("Say hi quietly."), QStringLiteral("hush"));
    QVERIFY(!quiet.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(quiet.id).state, SessionState::Idle, 60000);
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));
    QCOMPARE(m_notifier->shownFor(quiet.id), 0);
    QCOMPARE(alerts.count(), 0);

    // The dialog shows the setting as saved.
    dialog = m_window->showSettings();
    QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("notifyTurnEndedCheck"))->isChecked());
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("notifyApprovalCheck"))->isChecked());
    dialog->reject();
}

void TestNotifications::rateLimitPauseNotifies()
{
    // The API says 429 once: Claude Code waits and retries (the engine shows the agent waiting
    // on a rate limit), then goes on.
    // (The fixture turns the CLI's retries off; this agent gets its environment with them on.)
    const QByteArray retries = qgetenv("CLAUDE_CODE_MAX_RETRIES");
    qputenv("CLAUDE_CODE_MAX_RETRIES", "3");
    const SessionInfo limited = spawn(
        QStringLiteral("builder"),
        QStringLiteral("Hit the limit. ") +
            script({QJsonObject{{QStringLiteral("http_error"), 429},
                                {QStringLiteral("headers"),
                                 QJsonObject{{QStringLiteral("retry-after"), QStringLiteral("2")}}},
                                {QStringLiteral("times"), 1},
                                {QStringLiteral("then"),
                                 QJsonObject{{QStringLiteral("text"), QStringLiteral("ok")}}}}}),
        QStringLiteral("patient"));
    QVERIFY(!limited.id.isEmpty());
    qputenv("CLAUDE_CODE_MAX_RETRIES", retries);
    QTRY_VERIFY_WITH_TIMEOUT(m_notifier->shownFor(limited.id) >= 1, 60000);
    const Notification n = m_notifier->shown.first().second;
    QCOMPARE(m_notifier->shown.first().first, limited.id);
    QCOMPARE(n.title, QStringLiteral("patient is paused by a rate limit"));
    QVERIFY2(n.body.startsWith(QLatin1String("patient ")), qPrintable(n.body));
    // It ends by itself: no count for it while it waits.
    QCOMPARE(m_window->notifications()->attentionQueue(), QStringList());

    // Going on closes it; the turn's end replaces it.
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(limited.id).state, SessionState::Idle, 60000);
    QTRY_COMPARE(m_notifier->open.value(limited.id).title,
                 QStringLiteral("patient finished its turn"));
    QVERIFY(m_notifier->closed.contains(limited.id));
}

void TestNotifications::conflictAndCheckOpenTheirPlace()
{
    // The engine reports a merge's outcome in the agent's branch state; the fixture's folder is
    // no repository, so this test hands the center such a state for a real agent.
    const SessionInfo agent =
        spawn(QStringLiteral("builder"), QStringLiteral("Say hello."), QStringLiteral("merger"));
    QVERIFY(!agent.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(agent.id).state, SessionState::Idle, 60000);
    m_notifier->click(agent.id); // its turn's end, seen
    QCOMPARE(m_window->consoles()->currentSessionId(), agent.id);
    m_window->actions()->closeTab->trigger(); // looking at it would make what follows quiet
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));

    QSignalSpy opened(m_window->notifications(), &NotificationCenter::openRequested);
    SessionInfo info = m_client->session(agent.id);
    BranchState::Merge merge;
    merge.state = QStringLiteral("conflict");
    merge.target = QStringLiteral("main");
    merge.message = QStringLiteral("2 files conflict: src/a.cpp, src/b.cpp");
    merge.at = QStringLiteral("2026-12-07T10:00:00.000Z");
    info.branchState.merge = merge;
    m_window->notifications()->observe(info);
    Notification n = m_notifier->open.value(agent.id);
    QCOMPARE(n.title, QStringLiteral("merger's merge into main has conflicts"));
    QCOMPARE(n.body, QStringLiteral("merger: 2 files conflict: src/a.cpp, src/b.cpp"));
    QCOMPARE(n.actionLabel, QStringLiteral("Resolve Conflicts"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));
    // The same state again is no new event.
    const int shown = m_notifier->shownFor(agent.id);
    m_window->notifications()->observe(info);
    QCOMPARE(m_notifier->shownFor(agent.id), shown);

    m_notifier->click(agent.id);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(1).value<NotificationCenter::Target>(),
             NotificationCenter::Target::Conflicts);
    QCOMPARE(opened.first().at(2).toString(), QStringLiteral("main"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));

    // A failed check: Review.
    merge.state = QStringLiteral("check-failed");
    merge.message = QStringLiteral("check `make test` exited with 2");
    merge.at = QStringLiteral("2026-12-07T10:05:00.000Z");
    info.branchState.merge = merge;
    m_window->notifications()->observe(info);
    n = m_notifier->open.value(agent.id);
    QCOMPARE(n.title, QStringLiteral("merger's merge check failed"));
    QCOMPARE(n.body, QStringLiteral("merger: check `make test` exited with 2"));
    QCOMPARE(n.actionLabel, QStringLiteral("Open Review"));
    m_notifier->click(agent.id);
    QCOMPARE(opened.count(), 2);
    QCOMPARE(opened.last().at(1).value<NotificationCenter::Target>(),
             NotificationCenter::Target::Review);

    // Archived (its worktree cleaned): no longer counted, its notification closed.
    merge.at = QStringLiteral("2026-12-07T10:10:00.000Z");
    info.branchState.merge = merge;
    m_window->notifications()->observe(info);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("(1) Chorus"));
    QVERIFY(m_notifier->open.contains(agent.id));
    info.branchState.cleaned = BranchState::Cleaned{};
    m_window->notifications()->observe(info);
    QVERIFY(!m_notifier->open.contains(agent.id));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Chorus"));
}

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
