// The main window end to end: the real widgets, the real engine daemon (started through
// EngineClient) running real Claude Code processes against the fake Messages API.
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "agents/newagentdialog.h"
#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "client/enginereconnect.h"
#include "console/consolewidget.h"
#include "enginefixture.h"
#include "guitest.h"
#include "history/historywindow.h"
#include "mainwindow/agentstatusbar.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "settings/guisettings.h"
#include "settings/settingsdialog.h"
#include "style/theme.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <csignal>

using namespace chorus;

namespace {
QString script(const QJsonArray &steps)
{
    return QStringLiteral("@@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

QPushButton *okButton(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

// The fixture's work folder is no git repository: a role that edits asks first (tst_newagent).
bool confirmInPlace(NewAgentDialog *dialog)
{
    if (!QTest::qWaitFor([dialog] { return dialog->confirmation() != nullptr; }, 10000))
        return false;
    auto *edit =
        dialog->confirmation()->findChild<QPushButton *>(QStringLiteral("editInPlaceButton"));
    if (!edit)
        return false;
    edit->click();
    return true;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void unreachableEngineShowsReasonAndRetry();
    void welcomePageOffersNewAgent();
    void newAgentDialogValidatesInline();
    void spawnThroughDialogOpensConsole();
    void engineErrorStaysInDialog();
    void statusBarCounts();
    void waitingOnALimitSaysWhen();
    void agentListSortsAndActs();
    void settingsShowClaudeAndReachEngine();
    void themeSwitchesPalette();
    void lostEngineShowsRetry();
    void lostEngineRetriesByItself();
    void windowStateIsRemembered();

private:
    SessionInfo spawn(const QString &role, const QString &task, const QString &name = {});
    QString statusText(QLabel *label) const { return label ? label->text() : QString(); }

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

void TestMainWindow::init()
{
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_client.reset();
}

SessionInfo TestMainWindow::spawn(const QString &role, const QString &task, const QString &name)
{
    return chorus::test::spawnAgent(*m_client, role, task, m_fixture.workDir(), name);
}

void TestMainWindow::unreachableEngineShowsReasonAndRetry()
{
    // No daemon runs yet and the program that would start one does not exist.
    const QString missing = m_fixture.root() + QStringLiteral("/no-such-chorus");
    qputenv("CHORUS_PROGRAM", missing.toUtf8());
    m_window->connectToEngine();
    QVERIFY(!m_client->isConnected());
    QCOMPARE(m_window->currentPage(), static_cast<QWidget *>(m_window->enginePage()));
    QVERIFY2(m_window->enginePage()->text().contains(missing),
             qPrintable(m_window->enginePage()->text()));
    QPushButton *retry = m_window->enginePage()->button();
    QVERIFY(retry->isVisible());
    QVERIFY(!m_window->actions()->newAgent->isEnabled());

    // Retry with the real program: the engine starts and the window comes alive.
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 30000);
    QVERIFY(m_window->currentPage() != static_cast<QWidget *>(m_window->enginePage()));
    QVERIFY(m_window->actions()->newAgent->isEnabled());
}

void TestMainWindow::welcomePageOffersNewAgent()
{
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
    QCOMPARE(m_client->sessions().size(), 0);
    QCOMPARE(m_window->currentPage(), static_cast<QWidget *>(m_window->welcomePage()));
    QPushButton *button = m_window->welcomePage()->button();
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = m_window->findChild<NewAgentDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

void TestMainWindow::newAgentDialogValidatesInline()
{
    m_window->connectToEngine();
    QPointer<NewAgentDialog> dialog = m_window->showNewAgentDialog();
    auto *roles = dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"));
    auto *directory = dialog->findChild<QLineEdit *>(QStringLiteral("directoryEdit"));
    auto *taskError = dialog->findChild<QLabel *>(QStringLiteral("taskError"));
    auto *directoryError = dialog->findChild<QLabel *>(QStringLiteral("directoryError"));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(roles && directory && taskError && directoryError && name);
    QTRY_VERIFY_WITH_TIMEOUT(roles->count() >= 4, 10000);
    QCOMPARE(roles->currentData().toString(), QStringLiteral("builder"));
    QCOMPARE(name->placeholderText(), QStringLiteral("Automatic: builder-1"));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("roleDescription"))->text().isEmpty());

    // Nothing filled in: both problems are named, and the dialog stays.
    directory->clear();
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(taskError->isVisible());
    QVERIFY(!taskError->text().isEmpty());
    QVERIFY(directoryError->isVisible());

    // A directory that does not exist is named in the message.
    const QString missing = m_fixture.root() + QStringLiteral("/not-there");
    QTest::keyClicks(directory, missing);
    QVERIFY(!directoryError->isVisible()); // typing clears the old message
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(directoryError->isVisible());
    QVERIFY2(directoryError->text().contains(missing), qPrintable(directoryError->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_client->sessions().size(), 0); // nothing reached the engine
    dialog->reject();
}

void TestMainWindow::spawnThroughDialogOpensConsole()
{
    m_window->connectToEngine();
    QPointer<NewAgentDialog> dialog = m_window->showNewAgentDialog();
    auto *roles = dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"));
    auto *task = dialog->findChild<QPlainTextEdit *>(QStringLiteral("taskEdit"));
    auto *directory = dialog->findChild<QLineEdit *>(QStringLiteral("directoryEdit"));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(roles && task && directory && name);
    QTRY_VERIFY_WITH_TIMEOUT(roles->findData(QStringLiteral("scribe")) >= 0, 10000);
    roles->setCurrentIndex(roles->findData(QStringLiteral("scribe")));
    QCOMPARE(name->placeholderText(), QStringLiteral("Automatic: scribe-1"));
    QTest::keyClicks(task, QStringLiteral("Say hello."));
    directory->clear();
    QTest::keyClicks(directory, m_fixture.workDir());
    QTest::keyClicks(name, QStringLiteral("greeter"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(confirmInPlace(dialog));

    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // accepted and closed (deleted on close)
    QCOMPARE(m_client->sessions().size(), 1);
    const SessionInfo created = m_client->sessions().first();
    QCOMPARE(created.name, QStringLiteral("greeter"));
    QCOMPARE(created.role, QStringLiteral("scribe"));
    QCOMPARE(created.task, QStringLiteral("Say hello."));

    // It is in the list, its console is open in front, and it finishes its turn.
    QCOMPARE(m_window->currentPage()->objectName(), QStringLiteral("workspace"));
    AgentListModel *model = m_window->agentModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, AgentListModel::NameColumn).data().toString(),
             QStringLiteral("greeter"));
    QCOMPARE(m_window->consoles()->count(), 1);
    QCOMPARE(m_window->consoles()->currentSessionId(), created.id);
    QVERIFY(m_window->consoles()->console(created.id));
    QCOMPARE(m_window->agentList()->currentSessionId(), created.id);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(created.id).state, SessionState::Idle, 90000);
    QCOMPARE(model->index(0, AgentListModel::StateColumn).data().toString(),
             SessionFormat::stateLabel(SessionState::Idle));
    QVERIFY(m_client->session(created.id).tokens.output > 0);
    QVERIFY(model->index(0, AgentListModel::TokensColumn).data().toString() != QStringLiteral("0"));
    QVERIFY(!model->isTicking()); // nothing runs: the elapsed column rests
    QCOMPARE(guisettings::lastDirectory(), QString()); // used in place: not the next start

    // Opening it again brings the same tab forward instead of a second one.
    m_window->openConsole(created.id);
    QCOMPARE(m_window->consoles()->count(), 1);
}

void TestMainWindow::engineErrorStaysInDialog()
{
    m_window->connectToEngine();
    QTRY_VERIFY_WITH_TIMEOUT(!m_client->sessions().isEmpty(), 10000);
    QPointer<NewAgentDialog> dialog = m_window->showNewAgentDialog();
    auto *roles = dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"));
    QTRY_VERIFY_WITH_TIMEOUT(roles->count() >= 4, 10000);
    dialog->setTask(QStringLiteral("Again."));
    dialog->setDirectory(m_fixture.workDir());
    // The engine refuses a second agent called "greeter".
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                     QStringLiteral("greeter"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(confirmInPlace(dialog));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(QLatin1String("greeter")), qPrintable(error->text()));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(okButton(dialog)->isEnabled()); // the user can fix it and try again
    QCOMPARE(m_client->sessions().size(), 1);
    dialog->reject();
}

void TestMainWindow::waitingOnALimitSaysWhen()
{
    SessionInfo s;
    s.state = SessionState::Waiting;
    s.stateDetail = QStringLiteral("rate-limit");
    // The CLI retrying a 429 inside a turn: no time of Chorus's own.
    QCOMPARE(SessionFormat::stateText(s), QStringLiteral("waiting (rate limit)"));
    QVERIFY(SessionFormat::resumeTime(s).isEmpty());
    // Waiting for the reset, with "continue" queued: when it goes on.
    const QDateTime at = QDateTime::currentDateTime().addSecs(60);
    s.options.insert(QStringLiteral("resumesAt"), at.toMSecsSinceEpoch());
    const QString time = SessionFormat::resumeTime(s);
    QVERIFY(
        time.endsWith(QLocale().toString(at.time(), QLocale().timeFormat(QLocale::ShortFormat))));
    QCOMPARE(SessionFormat::stateText(s), QStringLiteral("waiting \u2014 limit resets ") + time);
}

void TestMainWindow::statusBarCounts()
{
    m_window->connectToEngine();
    AgentStatusBar *status = m_window->statusSummary();
    QCOMPARE(statusText(status->runningLabel()), QStringLiteral("0 running"));
    QCOMPARE(statusText(status->waitingLabel()), QStringLiteral("0 waiting"));
    QCOMPARE(statusText(status->queuedLabel()), QStringLiteral("0 queued"));

    // One slot: an architect that waits for approval holds it, so a builder queues.
    bool set = false;
    m_client->setSettings({{QStringLiteral("maxConcurrent"), 1}},
                          [&](const Status &s) { set = s.ok(); });
    QTRY_VERIFY(set);
    const QString file = m_fixture.workDir() + QStringLiteral("/design.md");
    const SessionInfo architect =
        spawn(QStringLiteral("architect"),
              QStringLiteral("Write the design. ") +
                  script({QJsonObject{
                      {QStringLiteral("tool"), QStringLiteral("Write")},
                      {QStringLiteral("input"),
                       QJsonObject{{QStringLiteral("file_path"), file},
                                   {QStringLiteral("content"), QStringLiteral("# D\n")}}}}}));
    QVERIFY(!architect.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(statusText(status->waitingLabel()), QStringLiteral("1 waiting"),
                              60000);
    QCOMPARE(statusText(status->runningLabel()), QStringLiteral("0 running"));
    QVERIFY(status->waitingLabel()->font().bold());

    const SessionInfo builder = spawn(
        QStringLiteral("builder"),
        QStringLiteral("Talk slowly. ") +
            script({QJsonObject{{QStringLiteral("text"), QStringLiteral("one two three four")},
                                {QStringLiteral("chunks"), 4},
                                {QStringLiteral("delay"), 1.0}}}));
    QVERIFY(!builder.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(statusText(status->queuedLabel()), QStringLiteral("1 queued"), 10000);

    // Allowing the write lets the architect finish; the builder then runs.
    m_client->answer(architect.id, m_client->pendingApprovals(architect.id).value(0).id, true,
                     false);
    QTRY_COMPARE_WITH_TIMEOUT(statusText(status->runningLabel()), QStringLiteral("1 running"),
                              60000);
    QCOMPARE(statusText(status->waitingLabel()), QStringLiteral("0 waiting"));
    QVERIFY(m_window->agentModel()->isTicking());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(builder.id).state, SessionState::Idle, 90000);
    QTRY_COMPARE(statusText(status->runningLabel()), QStringLiteral("0 running"));
    QCOMPARE(statusText(status->queuedLabel()), QStringLiteral("0 queued"));
    QVERIFY(!m_window->agentModel()->isTicking());

    // Today's cost: what the engine says, as the label shows it.
    QTRY_VERIFY_WITH_TIMEOUT(m_client->costToday() > 0, 10000);
    QTRY_COMPARE(statusText(status->costLabel()),
                 QStringLiteral("Today: %1").arg(SessionFormat::cost(m_client->costToday())));

    // Claude's 5-hour window (here as `chorus statusline` passes it on from Claude Code): its use,
    // with every window in the tooltip; nothing shown before Claude reported one.
    QVERIFY(status->limitLabel()->text().isEmpty());
    QProcess statusline;
    statusline.start(m_fixture.chorusProgram(), {QStringLiteral("statusline")});
    QVERIFY(statusline.waitForStarted());
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 3600;
    statusline.write(
        QStringLiteral(
            R"({"rate_limits":{"five_hour":{"used_percentage":92,"resets_at":%1},"seven_day":{"used_percentage":41,"resets_at":%2}}})")
            .arg(reset)
            .arg(reset + 86400)
            .toUtf8());
    statusline.closeWriteChannel();
    QVERIFY(statusline.waitForFinished(10000));
    QVERIFY2(statusline.readAllStandardOutput().startsWith("5h 92%"), "the status line");
    QTRY_COMPARE_WITH_TIMEOUT(status->limitLabel()->text(), QStringLiteral("5h 92%"), 10000);
    QVERIFY(status->limitLabel()->toolTip().contains(QLatin1String("seven_day: 41%")));
    QVERIFY(!status->limitLabel()->font().bold()); // normal: nothing to worry about
    if (const QString dir = qEnvironmentVariable("CHORUS_TEST_SCREENSHOTS"); !dir.isEmpty())
        m_window->grab().save(dir + QStringLiteral("/statusbar-limits.png")); // to look at

    set = false;
    m_client->setSettings({{QStringLiteral("maxConcurrent"), 4}},
                          [&](const Status &s) { set = s.ok(); });
    QTRY_VERIFY(set);
}

void TestMainWindow::agentListSortsAndActs()
{
    m_window->connectToEngine();
    QTreeView *view = m_window->agentList()->view();
    QAbstractItemModel *shown = view->model();
    QCOMPARE(shown->rowCount(), 3);
    // Creation order until a column is chosen.
    QCOMPARE(shown->index(0, AgentListModel::NameColumn).data().toString(),
             QStringLiteral("greeter"));
    view->sortByColumn(AgentListModel::NameColumn, Qt::AscendingOrder);
    QStringList names;
    for (int row = 0; row < shown->rowCount(); ++row)
        names << shown->index(row, AgentListModel::NameColumn).data().toString();
    QCOMPARE(names, (QStringList{QStringLiteral("architect-1"), QStringLiteral("builder-1"),
                                 QStringLiteral("greeter")}));

    // Selecting an idle agent enables Resume and Stop, not Interrupt.
    m_window->agentList()->selectSession(m_client->sessions().first().id);
    MainActions *actions = m_window->actions();
    QVERIFY(actions->resume->isEnabled());
    QVERIFY(actions->stop->isEnabled());
    QVERIFY(!actions->interrupt->isEnabled());

    // Enter opens its console.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m_window->consoles()->currentSessionId(), m_client->sessions().first().id);

    // A second console; next / previous cycle through the tabs.
    const QString id = m_client->sessions().first().id;
    const QString second = m_client->sessions().at(1).id;
    m_window->openConsole(second);
    QCOMPARE(m_window->consoles()->count(), 2);
    QCOMPARE(m_window->consoles()->currentSessionId(), second);
    actions->nextTab->trigger();
    QCOMPARE(m_window->consoles()->currentSessionId(), id);
    QCOMPARE(m_window->agentList()->currentSessionId(), id); // the list follows the tabs
    actions->previousTab->trigger();
    QCOMPARE(m_window->consoles()->currentSessionId(), second);

    // Copy id puts the session id on the clipboard.
    m_window->agentList()->selectSession(id);
    actions->copyId->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), id);

    // Stop reaches the engine; the agent ends in a final state and Stop is disabled.
    actions->stop->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_client->session(id).state), 30000);
    QTRY_VERIFY(!actions->stop->isEnabled());

    // Hiding finished agents takes it out of the list.
    actions->showFinished->setChecked(false);
    QCOMPARE(shown->rowCount(), 2);
    actions->showFinished->setChecked(true);
    QCOMPARE(shown->rowCount(), 3);

    // Closing the tab; the hint comes back once no console is open.
    while (m_window->consoles()->count() > 0)
        actions->closeTab->trigger();
    QCOMPARE(m_window->consoles()->currentWidget()->objectName(), QStringLiteral("consoleHint"));
}

void TestMainWindow::settingsShowClaudeAndReachEngine()
{
    m_window->connectToEngine();
    QPointer<SettingsDialog> dialog = m_window->showSettings();
    QVERIFY(dialog);
    // The fixture points CHORUS_CLAUDE at the pinned CLI: that is what detection finds.
    const QString claude = qEnvironmentVariable("CHORUS_CLAUDE");
    QVERIFY(!claude.isEmpty());
    // The engine, which launches the agents, is asked (claude.locate), not this process.
    QTRY_VERIFY2(dialog->claudeStatusText().contains(claude),
                 qPrintable(dialog->claudeStatusText()));
    QVERIFY(dialog->claudeStatusText().contains(QLatin1String("CHORUS_CLAUDE")));
    // Not a check: CHORUS_SETTINGS_SCREENSHOT=FILE saves the dialog as the engine answered it.
    // Each page of the dialog as FILE-N.png.
    if (const QString shot = qEnvironmentVariable("CHORUS_SETTINGS_SCREENSHOT"); !shot.isEmpty()) {
        auto *pages = dialog->findChild<QTabWidget *>(QStringLiteral("pages"));
        QVERIFY(pages);
        for (int i = 0; i < pages->count(); ++i) {
            pages->setCurrentIndex(i);
            dialog->grab().save(QString(shot).replace(QStringLiteral(".png"),
                                                      QStringLiteral("-%1.png").arg(i)));
        }
        pages->setCurrentIndex(0);
    }

    // A wrong path says so and blocks saving; clearing it goes back to detection.
    auto *path = dialog->findChild<QLineEdit *>(QStringLiteral("claudePathEdit"));
    QTest::keyClicks(path, m_fixture.root() + QStringLiteral("/nope/claude"));
    QTRY_VERIFY2(dialog->claudeStatusText().contains(QLatin1String("not an executable")),
                 qPrintable(dialog->claudeStatusText()));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTest::qWait(200);
    QVERIFY(dialog->isVisible());
    path->clear();
    QTRY_VERIFY(dialog->claudeStatusText().contains(claude));

    auto *spin = dialog->findChild<QSpinBox *>(QStringLiteral("maxConcurrentSpin"));
    QCOMPARE(spin->value(), m_client->settings().value(QLatin1String("maxConcurrent")).toInt());
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("7"));
    QCOMPARE(spin->value(), 7);
    // The engine's idle exit: 15 minutes unless set; 0 reads "Never".
    auto *idle = dialog->findChild<QSpinBox *>(QStringLiteral("idleExitSpin"));
    QCOMPARE(idle->value(), 15);
    idle->setValue(0);
    QCOMPARE(idle->text(), QStringLiteral("Never"));
    idle->setValue(45);
    // Agents at low CPU priority: the fixture's engine has it off (agentNice 0); ticked, it
    // is the default, 19.
    auto *lowPriority = dialog->findChild<QCheckBox *>(QStringLiteral("lowPriorityCheck"));
    QVERIFY(lowPriority && !lowPriority->isHidden() && !lowPriority->isChecked());
    lowPriority->setChecked(true);
    auto *model = dialog->findChild<QComboBox *>(QStringLiteral("defaultModelCombo"));
    model->setCurrentIndex(model->findData(QStringLiteral("haiku")));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
    QCOMPARE(m_client->settings().value(QLatin1String("maxConcurrent")).toInt(), 7);
    QCOMPARE(m_client->settings().value(QLatin1String("agentNice")).toInt(), 19);
    QCOMPARE(guisettings::defaultModel(), QStringLiteral("haiku"));

    // Another client sees it too: it is the engine's setting, not a cached copy.
    EngineClient other;
    QVERIFY(other.connectToEngine().ok());
    QCOMPARE(other.settings().value(QLatin1String("maxConcurrent")).toInt(), 7);
    QCOMPARE(other.settings().value(QLatin1String("idleExitMinutes")).toInt(), 45);

    // The New agent dialog starts with the default model.
    QPointer<NewAgentDialog> agent = m_window->showNewAgentDialog();
    QCOMPARE(agent->findChild<QComboBox *>(QStringLiteral("modelCombo"))->currentText(),
             QStringLiteral("haiku"));
    agent->reject();
}

void TestMainWindow::themeSwitchesPalette()
{
    m_window->connectToEngine();
    m_window->actions()->themeDark->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 100);
    QCOMPARE(guisettings::theme(), Theme::Dark);
    QVERIFY(m_window->actions()->themeDark->isChecked());
    m_window->actions()->themeLight->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
    QCOMPARE(guisettings::theme(), Theme::Light);
    m_window->actions()->themeSystem->trigger();
    QCOMPARE(guisettings::theme(), Theme::System);
}

void TestMainWindow::lostEngineShowsRetry()
{
    m_window->connectToEngine();
    QCOMPARE(m_window->currentPage()->objectName(), QStringLiteral("workspace"));
    const auto stop = m_fixture.chorus({QStringLiteral("daemon"), QStringLiteral("stop")});
    QVERIFY2(stop.exitCode == 0, qPrintable(stop.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(),
                              static_cast<QWidget *>(m_window->enginePage()), 10000);
    QVERIFY(m_window->enginePage()->text().contains(QLatin1String("lost")));
    QVERIFY(!m_window->actions()->newAgent->isEnabled());
    // Retry starts the engine again, which still knows every session.
    QTest::mouseClick(m_window->enginePage()->button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 30000);
    QCOMPARE(m_window->currentPage()->objectName(), QStringLiteral("workspace"));
    QCOMPARE(m_window->agentModel()->rowCount(), 3);
    QVERIFY(m_window->actions()->newAgent->isEnabled());
}

// A lost engine is tried again by itself with back-off (first, doubled, capped), each failed
// try scheduling the next; History stays readable meanwhile; when the engine can be had again
// (here: the program to start it is back), the window reconnects and the back-off starts over.
void TestMainWindow::lostEngineRetriesByItself()
{
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
    const int agents = m_window->agentModel()->rowCount();
    QVERIFY(agents > 0); // the earlier tests' agents
    EngineReconnect *reconnect = m_window->reconnect();
    QCOMPARE(reconnect->delayMs(0), qint64(1000));
    QCOMPARE(reconnect->delayMs(1), qint64(2000));
    QCOMPARE(reconnect->delayMs(2), qint64(4000));
    QCOMPARE(reconnect->delayMs(5), qint64(30000));
    QCOMPARE(reconnect->delayMs(40), qint64(30000));
    reconnect->setDelays(200, 800);
    QVERIFY(!reconnect->isScheduled());

    // The engine dies, and cannot be started again for now.
    const QString missing = m_fixture.root() + QStringLiteral("/no-such-chorus");
    qputenv("CHORUS_PROGRAM", missing.toUtf8());
    const qint64 pid = m_fixture.daemonPid();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(),
                              static_cast<QWidget *>(m_window->enginePage()), 10000);
    QVERIFY(reconnect->isScheduled());
    QVERIFY2(
        m_window->enginePage()->title().startsWith(QStringLiteral("Engine lost — reconnecting in")),
        qPrintable(m_window->enginePage()->title()));
    QCOMPARE(m_window->enginePage()->button()->text(), QStringLiteral("&Retry Now"));
    // Not a check: CHORUS_ENGINE_LOST_SCREENSHOTS=DIR saves the window as it waits, at 1024x700
    // in light and dark.
    if (const QString dir = qEnvironmentVariable("CHORUS_ENGINE_LOST_SCREENSHOTS");
        !dir.isEmpty()) {
        const QSize size = m_window->size();
        m_window->resize(1024, 700);
        for (const Theme theme : {Theme::Light, Theme::Dark}) {
            applyTheme(theme);
            QTest::qWait(100);
            m_window->grab().save(dir + (theme == Theme::Light
                                             ? QStringLiteral("/engine-lost-light.png")
                                             : QStringLiteral("/engine-lost-dark.png")));
        }
        applyTheme(Theme::System);
        m_window->resize(size);
    }

    // History opens and lists every agent from what the window knows.
    QVERIFY(m_window->actions()->history->isEnabled());
    HistoryWindow *history = m_window->showHistory();
    QCOMPARE(history->view()->model()->rowCount(), agents);

    // Tries fail and are scheduled again, each after a longer wait, up to the cap.
    QTRY_VERIFY_WITH_TIMEOUT(reconnect->attempts() >= 4, 15000);
    QVERIFY(!m_client->isConnected());
    QVERIFY(reconnect->isScheduled());
    QVERIFY2(m_window->enginePage()->text().contains(missing),
             qPrintable(m_window->enginePage()->text()));
    QVERIFY(m_window->enginePage()->title().contains(QLatin1String("reconnecting")));

    // The engine can be had again: the next try starts it and the window comes back by itself.
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 30000);
    QVERIFY(m_fixture.daemonPid() > 0 && m_fixture.daemonPid() != pid);
    QCOMPARE(m_window->currentPage()->objectName(), QStringLiteral("workspace"));
    QCOMPARE(m_window->agentModel()->rowCount(), agents);
    QVERIFY(!reconnect->isScheduled());
    QCOMPARE(reconnect->attempts(), 0);
    QVERIFY(m_window->actions()->newAgent->isEnabled());
    history->close();
}

void TestMainWindow::windowStateIsRemembered()
{
    m_window->connectToEngine();
    // Smaller than the offscreen screen (800x600): Qt 6.8 clamps restored geometry to the screen.
    m_window->resize(713, 511);
    QTRY_COMPARE(m_window->size(), QSize(713, 511));
    m_window->close();
    QVERIFY(!guisettings::state(QStringLiteral("geometry")).isEmpty());
    EngineClient client;
    MainWindow again(&client);
    QCOMPARE(again.size(), QSize(713, 511));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
