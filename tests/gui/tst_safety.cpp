// Safe by default in the GUI, on real agents (the `chorus` daemon started by EngineClient, the
// pinned Claude Code CLI, the fake Messages API): an agent whose worktree was cleaned takes no
// message and no resume; a stop that cuts a turn short asks first unless the setting is off;
// a stop the user asked for reads "stopped by you", its CLI diagnostics behind a toggle.
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "client/engineclient.h"
#include "console/consoleinput.h"
#include "console/consolewidget.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "enginefixture.h"
#include "gitfixture.h"
#include "guitest.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "settings/guisettings.h"
#include "settings/settingsdialog.h"
#include "style/theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTreeView>

using namespace chorus;
using Kind = TranscriptItem::Kind;

namespace {
constexpr int kAgentTimeoutMs = 90000;

QString slowTask()
{
    const QJsonArray steps{
        QJsonObject{{QStringLiteral("text"),
                     QStringLiteral("one two three four five six seven eight nine ten")},
                    {QStringLiteral("chunks"), 10},
                    {QStringLiteral("delay"), 1.0}}};
    return QStringLiteral("Talk slowly. @@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

QPushButton *button(const QWidget &w, const char *name)
{
    return w.findChild<QPushButton *>(QLatin1String(name));
}

// The stop question shown now over `parent`, if any.
QMessageBox *stopQuestion(QWidget *parent)
{
    QMessageBox *box = parent->findChild<QMessageBox *>(QStringLiteral("stopConfirmation"));
    return box && box->isVisible() ? box : nullptr;
}

QAbstractButton *roleButton(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == role)
            return b;
    return nullptr;
}

int turnEndRow(const ConsoleWidget &console, const QString &title)
{
    const TranscriptModel *m = console.transcript()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->entry(r).kind == Kind::TurnEnd && m->entry(r).title == title)
            return r;
    return -1;
}

// Not a check: CHORUS_SAFETY_SCREENSHOTS=DIR saves `w` as DIR/<name>-<theme>.png.
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("CHORUS_SAFETY_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    QTest::qWait(50);
    w->grab().save(dir + QLatin1Char('/') + name +
                   (dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png")));
}
} // namespace

class TestSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void cleanedAgentCannotBeSentToOrResumed();
    void stopAsksFirstAndReadsStoppedByYou();
    void confirmationOffStopsAtOnce();
    void settingsDialogHoldsTheConfirmation();

private:
    SessionInfo spawn(const QString &task, const QString &name, const QString &dir = {});

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

void TestSafety::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    if (qEnvironmentVariable("CHORUS_SAFETY_THEME") == QLatin1String("dark"))
        applyTheme(Theme::Dark);
    else
        applyTheme(Theme::Light);
}

void TestSafety::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

void TestSafety::init()
{
    guisettings::setConfirmStop(true);
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectToEngine();
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 30000);
}

void TestSafety::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_fixture.chorus({QStringLiteral("stop"), QStringLiteral("--all")});
}

SessionInfo TestSafety::spawn(const QString &task, const QString &name, const QString &dir)
{
    return chorus::test::spawnAgent(*m_client, QStringLiteral("builder"), task,
                                    dir.isEmpty() ? m_fixture.workDir() : dir, name);
}

void TestSafety::cleanedAgentCannotBeSentToOrResumed()
{
    chorus::test::GitFixture git(m_fixture.root());
    const QString repo = git.makeRepo(QStringLiteral("repo"));
    QVERIFY(!repo.isEmpty());
    // It writes a file: its branch is not merged, so `clean --all` keeps it.
    const QJsonArray steps{
        QJsonObject{
            {QStringLiteral("tool"), QStringLiteral("Bash")},
            {QStringLiteral("input"),
             QJsonObject{{QStringLiteral("command"), QStringLiteral("echo work > notes.txt")}}}},
        QJsonObject{{QStringLiteral("text"), QStringLiteral("Wrote notes.txt")}}};
    const SessionInfo s =
        spawn(QStringLiteral("Write. @@fake ") +
                  QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact)),
              QStringLiteral("tidy"), repo);
    QVERIFY(!s.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Idle, kAgentTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(s.id).turns > 0, kAgentTimeoutMs);

    // Before the clean: Resume and Send work for it.
    m_window->agentList()->selectSession(s.id);
    MainActions *actions = m_window->actions();
    QTRY_VERIFY(actions->resume->isEnabled());
    const QString usualTip = actions->resume->toolTip();
    ConsoleWidget console(m_client.get(), s.id);
    console.resize(1024, 700);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    QTRY_VERIFY(button(console, "sendButton")->isEnabled());

    const auto cleaned = m_fixture.chorus(
        {QStringLiteral("clean"), QStringLiteral("tidy"), QStringLiteral("--all")}, 120000);
    QVERIFY2(cleaned.exitCode == 0, qPrintable(cleaned.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(s.id).branchState.isCleaned(), 30000);

    // The window's Resume: off, its tooltip saying why and what to do.
    QTRY_VERIFY(!actions->resume->isEnabled());
    QVERIFY2(actions->resume->toolTip().contains(QLatin1String("cleaned up")),
             qPrintable(actions->resume->toolTip()));
    QVERIFY(actions->resume->toolTip().contains(QLatin1String("chorus/tidy")));
    // The console: Send, the input and Resume off, the same reason on them.
    QTRY_VERIFY(!button(console, "sendButton")->isEnabled());
    QVERIFY(button(console, "sendButton")->toolTip().contains(QLatin1String("cleaned up")));
    auto *input = console.findChild<ConsoleInput *>();
    QVERIFY(!input->isEnabled());
    QVERIFY(input->placeholderText().contains(QLatin1String("chorus/tidy")));
    QVERIFY(!button(console, "resumeButton")->isEnabled());
    QVERIFY(button(console, "resumeButton")->toolTip().contains(QLatin1String("cleaned up")));
    screenshot(&console, QStringLiteral("cleaned-console"));
    // Ctrl+Enter sends nothing either: no input event is stored.
    input->setEnabled(true); // even if it were typed into
    input->setPlainText(QStringLiteral("More?"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
    QTest::qWait(500);
    const TranscriptModel *model = console.transcript()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(!(model->entry(r).kind == Kind::Input &&
                  model->entry(r).body.contains(QLatin1String("More?"))));
    QCOMPARE(input->toPlainText(), QStringLiteral("More?")); // kept, not sent

    // Another agent still has the usual tooltip.
    const SessionInfo other = spawn(QStringLiteral("Hi."), QStringLiteral("fresh"));
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(other.id).state, SessionState::Idle,
                              kAgentTimeoutMs);
    m_window->agentList()->selectSession(other.id);
    QTRY_VERIFY(actions->resume->isEnabled());
    QCOMPARE(actions->resume->toolTip(), usualTip);
}

void TestSafety::stopAsksFirstAndReadsStoppedByYou()
{
    const SessionInfo s = spawn(slowTask(), QStringLiteral("slow"));
    QVERIFY(!s.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Running,
                              kAgentTimeoutMs);
    m_window->agentList()->selectSession(s.id);
    MainActions *actions = m_window->actions();
    QTRY_VERIFY(actions->stop->isEnabled());

    // Stop from the window asks; Cancel leaves the turn running.
    actions->stop->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = stopQuestion(m_window.get())) != nullptr);
    QVERIFY2(box->text().contains(QLatin1String("slow")), qPrintable(box->text()));
    screenshot(box, QStringLiteral("stop-confirmation"));
    roleButton(box, QMessageBox::RejectRole)->click();
    QTRY_VERIFY(!stopQuestion(m_window.get()));
    QTest::qWait(500);
    QCOMPARE(m_client->session(s.id).state, SessionState::Running);

    // Interrupt from the console asks too; Stop in the window, confirmed, stops.
    ConsoleWidget console(m_client.get(), s.id);
    console.resize(1024, 700);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    QTRY_VERIFY(button(console, "interruptButton")->isEnabled());
    QTest::mouseClick(button(console, "interruptButton"), Qt::LeftButton);
    QTRY_VERIFY((box = stopQuestion(&console)) != nullptr);
    QVERIFY(box->windowTitle().contains(QLatin1String("Interrupt")));
    roleButton(box, QMessageBox::RejectRole)->click();
    QTRY_VERIFY(!stopQuestion(&console));
    QCOMPARE(m_client->session(s.id).state, SessionState::Running);

    actions->stop->trigger();
    QTRY_VERIFY((box = stopQuestion(m_window.get())) != nullptr);
    QVERIFY(!box->checkBox()->isChecked());
    roleButton(box, QMessageBox::AcceptRole)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Stopped, 30000);
    QVERIFY(guisettings::confirmStop()); // still on: "Do not ask again" was not ticked

    // "stopped by you" everywhere: the list, the console's header, the turn's end line.
    const SessionInfo stopped = m_client->session(s.id);
    QCOMPARE(stopped.stateDetail, QStringLiteral("user"));
    QVERIFY(stopped.error.isEmpty());
    QAbstractItemModel *list = m_window->agentList()->view()->model();
    // (Recursive: the list groups agents under a header per repository when there are several.)
    const QModelIndexList found =
        list->match(list->index(0, AgentListModel::NameColumn), Qt::DisplayRole,
                    QStringLiteral("slow"), -1, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().siblingAtColumn(AgentListModel::StateColumn).data().toString(),
             QStringLiteral("stopped by you"));
    auto *header = console.findChild<QLabel *>(QStringLiteral("stateText"));
    QTRY_VERIFY2(header->text().contains(QLatin1String("Stopped by you")),
                 qPrintable(header->text()));
    QVERIFY(!header->text().contains(QLatin1String("Failed")));
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((row = turnEndRow(console, QStringLiteral("Stopped by you"))) >= 0,
                             30000);
    TranscriptModel *model = console.transcript()->model();
    const TranscriptEntry &end = model->entry(row);
    QVERIFY(!end.isError);
    QVERIFY(end.stoppedByUser);
    QVERIFY(!end.body.contains(QLatin1String("ede_diagnostic")));
    // Its diagnostics: closed, then open in plain words with a click on the line.
    QVERIFY(end.isCollapsible());
    QVERIFY(!end.expanded);
    QVERIFY2(end.details.contains(QLatin1String("was stopped while")), qPrintable(end.details));
    const int closedHeight = console.transcript()->rowRect(row).height();
    console.transcript()->scrollToRow(row);
    const QRect toggle = console.transcript()->toggleRect(row);
    QVERIFY(!toggle.isEmpty());
    QTest::mouseClick(console.transcript()->viewport(), Qt::LeftButton, {}, toggle.center());
    QTRY_VERIFY(model->entry(row).expanded);
    QTRY_VERIFY(console.transcript()->rowRect(row).height() > closedHeight);
    screenshot(&console, QStringLiteral("stopped-by-you"));
    QTest::mouseClick(console.transcript()->viewport(), Qt::LeftButton, {},
                      console.transcript()->toggleRect(row).center());
    QTRY_VERIFY(!model->entry(row).expanded);

    // Stopping what runs no turn asks nothing: the agent's process is gone, Resume is the way.
    QVERIFY(!actions->stop->isEnabled());
    QVERIFY(actions->resume->isEnabled());
}

void TestSafety::confirmationOffStopsAtOnce()
{
    const SessionInfo s = spawn(slowTask(), QStringLiteral("quick"));
    QVERIFY(!s.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Running,
                              kAgentTimeoutMs);
    m_window->agentList()->selectSession(s.id);

    // "Do not ask again", ticked: the interrupt goes and the setting turns off.
    m_window->actions()->interrupt->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = stopQuestion(m_window.get())) != nullptr);
    box->checkBox()->setChecked(true);
    roleButton(box, QMessageBox::AcceptRole)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Idle, 30000);
    QCOMPARE(m_client->session(s.id).stateDetail, QStringLiteral("interrupted"));
    QVERIFY(!guisettings::confirmStop());

    // The setting off: no question at all, the next turn is stopped at once.
    m_client->send(s.id, slowTask());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Running,
                              kAgentTimeoutMs);
    QTRY_VERIFY(m_window->actions()->stop->isEnabled());
    m_window->actions()->stop->trigger();
    QVERIFY(!stopQuestion(m_window.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(s.id).state, SessionState::Stopped, 30000);
    QCOMPARE(m_client->session(s.id).stateDetail, QStringLiteral("user"));
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("stopConfirmation")));
}

void TestSafety::settingsDialogHoldsTheConfirmation()
{
    guisettings::setConfirmStop(false);
    QPointer<SettingsDialog> dialog = m_window->showSettings();
    QVERIFY(dialog);
    auto *check = dialog->findChild<QCheckBox *>(QStringLiteral("confirmStopCheck"));
    QVERIFY(check);
    QVERIFY(!check->isChecked());
    check->setChecked(true);
    screenshot(dialog, QStringLiteral("settings"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
    QVERIFY(guisettings::confirmStop());
}

QTEST_MAIN(TestSafety)
#include "tst_safety.moc"
