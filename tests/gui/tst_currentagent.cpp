// One current agent in the main window: the list's selection drives the console and the actions,
// pinned consoles stay as tabs, the tab list; Archive (the engine's clean, with its safety); the
// keyboard: Help → Keyboard Shortcuts, Esc closing Review and History, Ctrl+K. The real widgets
// against the real engine (real Claude Code processes, the fake Messages API, a real git repo).
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "client/engineclient.h"
#include "console/consoleinput.h"
#include "console/consolewidget.h"
#include "enginefixture.h"
#include "gitfixture.h"
#include "guitest.h"
#include "history/historywindow.h"
#include "mainwindow/agentarchiver.h"
#include "mainwindow/agentjumper.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutsdialog.h"
#include "review/filetreemodel.h"
#include "review/reviewwindow.h"
#include "style/theme.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextCursor>
#include <QToolButton>
#include <QTreeView>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
QString S(const char *s)
{
    return QString::fromUtf8(s);
}

// A task whose one turn runs `command` with Bash (empty: none), then answers.
QString task(const QString &command = {})
{
    QJsonArray steps;
    if (!command.isEmpty())
        steps.append(QJsonObject{{S("tool"), S("Bash")},
                                 {S("input"), QJsonObject{{S("command"), command}}}});
    steps.append(QJsonObject{{S("text"), S("Done.")}});
    return S("Do it. @@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}
} // namespace

class TestCurrentAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void selectionDrivesConsoleAndActions();
    void pinnedConsoleStaysAsTab();
    void tabListMenu();
    void archiveMergedWithoutQuestion();
    void archiveUnmergedAsksFirst();
    void shortcutsDialogListsTheActions();
    void escClosesReviewAndHistory();
    void ctrlKJumpsToAgent();
    void screenshots();
    void readmeScreenshot();

private:
    void click(const QString &sessionId);
    int rowOf(const QString &sessionId) const;
    QPushButton *headerButton(const QString &sessionId, const char *name) const;

    chorus::test::EngineFixture m_fx;
    QString m_repo;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QString m_quiet;  // wrote nothing: its branch is merged
    QString m_worker; // committed a file: its branch is not merged
    QString m_third;
};

void TestCurrentAgent::initTestCase()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fx.chorusProgram().toUtf8());
    m_repo = GitFixture(m_fx.workDir()).makeRepo(S("repo"));
    QVERIFY(!m_repo.isEmpty());
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
    const auto spawn = [this](const QString &name, const QString &command) {
        return chorus::test::spawnAgent(*m_client, S("builder"), task(command), m_repo, name).id;
    };
    m_quiet = spawn(S("quiet"), {});
    m_worker = spawn(S("worker"), S("printf 'work\\n' > notes.txt"));
    m_third = spawn(S("third"), {});
    for (const QString &id : {m_quiet, m_worker, m_third}) {
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_client->session(id).turns >= 1 &&
                                     m_client->session(id).state == SessionState::Idle,
                                 120000);
    }
    // The worker's file is committed on its branch (the end-of-turn checkpoint).
    QTRY_VERIFY_WITH_TIMEOUT(
        m_client->session(m_worker).head != m_client->session(m_worker).baseCommit, 30000);
}

void TestCurrentAgent::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fx.tearDown();
}

int TestCurrentAgent::rowOf(const QString &sessionId) const
{
    const QAbstractItemModel *shown = m_window->agentList()->view()->model();
    for (int row = 0; row < shown->rowCount(); ++row)
        if (shown->index(row, 0).data(AgentListModel::IdRole).toString() == sessionId)
            return row;
    return -1;
}

// A single click on the agent's row, as the user does it.
void TestCurrentAgent::click(const QString &sessionId)
{
    QTreeView *view = m_window->agentList()->view();
    const int row = rowOf(sessionId);
    QVERIFY2(row >= 0, qPrintable(sessionId));
    const QRect rect = view->visualRect(view->model()->index(row, AgentListModel::NameColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

QPushButton *TestCurrentAgent::headerButton(const QString &sessionId, const char *name) const
{
    ConsoleWidget *console = m_window->consoles()->console(sessionId);
    return console ? console->findChild<QPushButton *>(QString::fromLatin1(name)) : nullptr;
}

void TestCurrentAgent::selectionDrivesConsoleAndActions()
{
    ConsoleTabs *consoles = m_window->consoles();
    MainActions *actions = m_window->actions();
    click(m_quiet);
    QCOMPARE(m_window->agentList()->currentSessionId(), m_quiet);
    QCOMPARE(consoles->currentSessionId(), m_quiet);
    QCOMPARE(consoles->previewSessionId(), m_quiet);
    QCOMPARE(consoles->count(), 1);
    QCOMPARE(m_window->currentAgent(), m_quiet);
    QPointer<ConsoleWidget> quietConsole = consoles->console(m_quiet);
    QVERIFY(quietConsole);
    // The list keeps the focus: the arrow keys go on moving through the agents.
    QVERIFY(m_window->agentList()->view()->hasFocus());

    // The preview follows the selection: one tab, the other agent's console.
    click(m_worker);
    QCOMPARE(consoles->currentSessionId(), m_worker);
    QCOMPARE(consoles->count(), 1);
    QVERIFY(!consoles->console(m_quiet));
    // Coming back reuses the console kept aside (no new load).
    click(m_quiet);
    QCOMPARE(consoles->console(m_quiet), quietConsole.data());
    QVERIFY(consoles->consoleCount() <= ConsoleTabs::kKeptConsoles + 1);

    // An idle agent: the actions and the console's header agree.
    const auto agree = [&](const QString &id) {
        QPushButton *interrupt = headerButton(id, "interruptButton");
        QPushButton *stop = headerButton(id, "stopButton");
        QPushButton *resume = headerButton(id, "resumeButton");
        QVERIFY(interrupt && stop && resume);
        QCOMPARE(interrupt->isEnabled(), actions->interrupt->isEnabled());
        QCOMPARE(stop->isEnabled(), actions->stop->isEnabled());
        QCOMPARE(resume->isEnabled(), actions->resume->isEnabled());
    };
    QVERIFY(actions->resume->isEnabled());
    QVERIFY(actions->stop->isEnabled());
    QVERIFY(!actions->interrupt->isEnabled());
    QVERIFY(actions->archive->isEnabled());
    agree(m_quiet);

    // Stop from the toolbar acts on the agent the console shows; both follow its new state.
    click(m_third);
    actions->stop->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(m_client->session(m_third).state), 30000);
    QTRY_VERIFY(!actions->stop->isEnabled());
    QVERIFY(!headerButton(m_third, "stopButton")->isEnabled());
    agree(m_third);
}

void TestCurrentAgent::pinnedConsoleStaysAsTab()
{
    ConsoleTabs *consoles = m_window->consoles();
    MainActions *actions = m_window->actions();
    click(m_quiet);
    QVERIFY(!actions->pinConsole->isChecked());
    // The console's header shows the same Pin action.
    auto *pinButton =
        consoles->console(m_quiet)->findChild<QToolButton *>(S("actionPinConsoleButton"));
    QVERIFY(pinButton);
    QCOMPARE(pinButton->defaultAction(), actions->pinConsole);
    QTest::mouseClick(pinButton, Qt::LeftButton);
    QVERIFY(consoles->isPinned(m_quiet));
    QVERIFY(actions->pinConsole->isChecked());
    QVERIFY(consoles->previewSessionId().isEmpty());
    const auto marker = [consoles](const QString &id) {
        const int index = consoles->tabs()->indexOf(consoles->console(id));
        QWidget *w = consoles->tabs()->tabBar()->tabButton(index, QTabBar::LeftSide);
        return w && w->objectName() == QLatin1String("pinMarker");
    };
    QVERIFY(marker(m_quiet));

    // The selection moves on: the pinned tab stays, the new agent's console is the preview.
    click(m_worker);
    QCOMPARE(consoles->count(), 2);
    QCOMPARE(consoles->currentSessionId(), m_worker);
    QVERIFY(consoles->console(m_quiet));
    QVERIFY(!actions->pinConsole->isChecked());
    QVERIFY(!marker(m_worker)); // the preview has none
    click(m_third);
    QCOMPARE(consoles->count(), 2); // the preview was replaced, the pin kept
    QVERIFY(consoles->console(m_quiet));
    QVERIFY(!consoles->console(m_worker));

    // Bringing the pinned tab forward makes its agent the current one.
    consoles->tabs()->setCurrentIndex(consoles->tabs()->indexOf(consoles->console(m_quiet)));
    QCOMPARE(m_window->agentList()->currentSessionId(), m_quiet);
    QCOMPARE(m_window->currentAgent(), m_quiet);
    QVERIFY(actions->pinConsole->isChecked());

    // A pinned console whose agent the list does not show (here: filtered out) is still the
    // current agent when it comes forward: the row selected before does not pass for it.
    m_window->agentList()->filterEdit()->setText(S("third"));
    click(m_third);
    QCOMPARE(m_window->currentAgent(), m_third);
    consoles->tabs()->setCurrentIndex(consoles->tabs()->indexOf(consoles->console(m_quiet)));
    QCOMPARE(m_window->agentList()->currentSessionId(), QString());
    QCOMPARE(m_window->currentAgent(), m_quiet);
    QVERIFY(actions->pinConsole->isChecked());
    m_window->agentList()->filterEdit()->clear();
}

void TestCurrentAgent::tabListMenu()
{
    ConsoleTabs *consoles = m_window->consoles();
    click(m_third); // quiet stays pinned (previous test), third is the preview
    QCOMPARE(consoles->count(), 2);
    QVERIFY(consoles->tabListButton()->isVisible());
    QMenu *menu = consoles->tabListMenu();
    Q_EMIT menu->aboutToShow();
    const QList<QAction *> entries = menu->actions();
    QCOMPARE(entries.size(), 2);
    QVERIFY2(entries.at(0)->text().startsWith(S("quiet")), qPrintable(entries.at(0)->text()));
    QVERIFY2(entries.at(1)->text().startsWith(S("third")) &&
                 entries.at(1)->text().contains(S("preview")),
             qPrintable(entries.at(1)->text()));
    QVERIFY(entries.at(1)->isChecked()); // the one in front
    entries.at(0)->trigger();
    QCOMPARE(consoles->currentSessionId(), m_quiet);
    QCOMPARE(m_window->agentList()->currentSessionId(), m_quiet);

    // Unpinning the console in front makes it the preview: the other preview goes.
    m_window->actions()->pinConsole->trigger();
    QVERIFY(!consoles->isPinned(m_quiet));
    QCOMPARE(consoles->previewSessionId(), m_quiet);
    QCOMPARE(consoles->count(), 1);
}

void TestCurrentAgent::archiveMergedWithoutQuestion()
{
    const SessionInfo quiet = m_client->session(m_quiet);
    QVERIFY(QFileInfo(quiet.worktree).isDir());
    QCOMPARE(GitFixture::git(m_repo, {S("branch"), S("--list"), quiet.branch}).isEmpty(), false);
    const int rowsBefore = m_window->agentList()->view()->model()->rowCount();
    click(m_quiet);
    QVERIFY(m_window->actions()->archive->isEnabled());
    m_window->actions()->archive->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_quiet).branchState.isCleaned(), 60000);
    QVERIFY(!m_window->archiver()->question()); // merged: nothing to ask
    QVERIFY(!m_window->findChild<QMessageBox *>(S("archiveError")));
    // Gone from the list and from the consoles; its worktree and merged branch too.
    QTRY_COMPARE(rowOf(m_quiet), -1);
    QCOMPARE(m_window->agentList()->view()->model()->rowCount(), rowsBefore - 1);
    QVERIFY(!m_window->consoles()->console(m_quiet));
    QVERIFY(!QFileInfo::exists(quiet.worktree));
    QCOMPARE(GitFixture::git(m_repo, {S("branch"), S("--list"), quiet.branch}), QString());
    QVERIFY(m_window->statusBar()->currentMessage().contains(S("Archived quiet")));
}

void TestCurrentAgent::archiveUnmergedAsksFirst()
{
    const SessionInfo worker = m_client->session(m_worker);
    const QString head = GitFixture::git(m_repo, {S("rev-parse"), worker.branch});
    QVERIFY(!head.isEmpty());
    click(m_worker);
    m_window->actions()->archive->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->archiver()->question(), 60000);
    QPointer<QMessageBox> question = m_window->archiver()->question();
    QCOMPARE(question->objectName(), S("archiveUnmergedQuestion"));
    // It names the branch and says the branch is kept.
    QVERIFY2(question->text().contains(worker.branch), qPrintable(question->text()));
    QVERIFY2(question->informativeText().contains(worker.branch) &&
                 question->informativeText().contains(S("kept")),
             qPrintable(question->informativeText()));
    // Cancel: nothing changes.
    question->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!question);
    QTest::qWait(300);
    QVERIFY(!m_client->session(m_worker).branchState.isCleaned());
    QVERIFY(rowOf(m_worker) >= 0);
    QVERIFY(QFileInfo(worker.worktree).isDir());

    // Asked again, and confirmed: the worktree goes, the branch stays where it was.
    m_window->actions()->archive->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->archiver()->question(), 60000);
    m_window->archiver()->question()->findChild<QPushButton *>(S("archiveButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_worker).branchState.isCleaned(), 60000);
    QTRY_COMPARE(rowOf(m_worker), -1);
    QVERIFY(!QFileInfo::exists(worker.worktree));
    QCOMPARE(GitFixture::git(m_repo, {S("rev-parse"), worker.branch}), head);
    QVERIFY(m_window->statusBar()->currentMessage().contains(worker.branch));

    // History still lists both archived agents.
    HistoryWindow *history = m_window->showHistory();
    const QAbstractItemModel *shown = history->view()->model();
    QStringList ids;
    for (int row = 0; row < shown->rowCount(); ++row)
        ids << shown->index(row, 0).data(AgentListModel::IdRole).toString();
    QVERIFY(ids.contains(m_quiet));
    QVERIFY(ids.contains(m_worker));
    history->close();
}

void TestCurrentAgent::shortcutsDialogListsTheActions()
{
    QPointer<ShortcutsDialog> dialog = m_window->showShortcuts();
    QVERIFY(dialog);
    const QHash<QString, QString> entries = dialog->entries();
    const auto keys = [](QKeySequence k) { return k.toString(QKeySequence::NativeText); };
    QCOMPARE(entries.value(S("New Agent…")), keys(QKeySequence(Qt::CTRL | Qt::Key_N)));
    QCOMPARE(entries.value(S("Jump to Agent…")), keys(QKeySequence(Qt::CTRL | Qt::Key_K)));
    QCOMPARE(entries.value(S("Pin Console")), keys(QKeySequence(Qt::CTRL | Qt::Key_P)));
    QCOMPARE(entries.value(S("Keyboard Shortcuts")), keys(QKeySequence(Qt::CTRL | Qt::Key_Slash)));
    // Every menu action with a shortcut is there, all its shortcuts.
    int listed = 0;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        bool inMenu = false;
        for (QObject *o : a->associatedObjects())
            inMenu = inMenu || qobject_cast<QMenu *>(o);
        if (!inMenu || a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        const QString name = a->text().remove(QLatin1Char('&'));
        QVERIFY2(entries.contains(name), qPrintable(name));
        QVERIFY2(entries.value(name).contains(keys(a->shortcuts().first())), qPrintable(name));
        ++listed;
    }
    QVERIFY(listed >= 12);
    dialog->close();
    // Read from the actions: a new one shows in the next dialog.
    QMenu *help = m_window->menuBar()->actions().last()->menu();
    auto *extra = help->addAction(S("Frobnicate"));
    extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    QPointer<ShortcutsDialog> again = m_window->showShortcuts();
    QCOMPARE(again->entries().value(S("Frobnicate")),
             keys(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F)));
    again->close();
    help->removeAction(extra);
    delete extra;
}

void TestCurrentAgent::escClosesReviewAndHistory()
{
    HistoryWindow *history = m_window->showHistory();
    QVERIFY(QTest::qWaitForWindowExposed(history));
    QTest::keyClick(history->view(), Qt::Key_Escape);
    QTRY_VERIFY(!history->isVisible());

    ReviewWindow *review = m_window->showReview();
    QVERIFY(QTest::qWaitForWindowExposed(review));
    // From whatever has the focus in it (the key goes up to the window when nothing takes it).
    QWidget *target = review->focusWidget() ? review->focusWidget() : review;
    QTest::keyClick(target, Qt::Key_Escape);
    QTRY_VERIFY(!review->isVisible());
}

void TestCurrentAgent::ctrlKJumpsToAgent()
{
    click(m_third);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window->agentList()->view(), Qt::Key_K, Qt::ControlModifier);
    AgentJumper *jumper = m_window->jumper();
    QVERIFY(jumper);
    QTRY_VERIFY(jumper->isVisible());
    // Archived agents are not offered.
    QCOMPARE(jumper->matches()->model()->rowCount(), 1);
    QTest::keyClicks(jumper->searchBox(), S("HIR")); // any part of the name, any case
    QCOMPARE(jumper->matches()->model()->rowCount(), 1);
    QTest::keyClicks(jumper->searchBox(), S("x"));
    QCOMPARE(jumper->matches()->model()->rowCount(), 0);
    QTest::keyClick(jumper->searchBox(), Qt::Key_Return); // no match: it stays open
    QVERIFY(jumper->isVisible());
    QTest::keyClick(jumper->searchBox(), Qt::Key_Escape);
    QTRY_VERIFY(!jumper->isVisible());

    // Ctrl+K deletes to the end of the line in Qt's text fields on Linux; in the filter field
    // and the console's input it opens the jump box instead, and the text stays.
    QLineEdit *filter = m_window->agentList()->filterEdit();
    auto *input = m_window->consoles()->console(m_third)->findChild<ConsoleInput *>();
    QVERIFY(input);
    for (QWidget *field : {static_cast<QWidget *>(filter), static_cast<QWidget *>(input)}) {
        field->setFocus();
        QTRY_VERIFY(field->hasFocus());
        if (field == input) {
            input->setPlainText(S("keep this"));
            QTextCursor start = input->textCursor();
            start.setPosition(0);
            input->setTextCursor(start);
        }
        QTest::keyClick(field, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(jumper->isVisible());
        QTest::keyClick(jumper->searchBox(), Qt::Key_Escape);
        QTRY_VERIFY(!jumper->isVisible());
    }
    QCOMPARE(input->toPlainText(), S("keep this"));
    input->clear();

    // A second agent to choose from; Ctrl+K, a few letters, Enter.
    const QString other =
        chorus::test::spawnAgent(*m_client, S("builder"), task(), m_repo, S("zebra")).id;
    QVERIFY(!other.isEmpty());
    QTRY_VERIFY(rowOf(other) >= 0);
    click(m_third);
    m_window->actions()->jumpToAgent->trigger();
    QTRY_VERIFY(jumper->isVisible());
    QCOMPARE(jumper->matches()->model()->rowCount(), 2);
    QTest::keyClicks(jumper->searchBox(), S("ebr"));
    QCOMPARE(jumper->matches()->model()->rowCount(), 1);
    QTest::keyClick(jumper->searchBox(), Qt::Key_Return);
    QTRY_VERIFY(!jumper->isVisible());
    QCOMPARE(m_window->agentList()->currentSessionId(), other);
    QCOMPARE(m_window->consoles()->currentSessionId(), other);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(other).state == SessionState::Idle, 120000);
}

// Not a check: CHORUS_CURRENT_SCREENSHOTS=DIR fills the list to ~30 agents, pins two consoles
// and saves the main window light and dark at 1024x700 and 1600x1000, and the shortcuts dialog.
// It also prints how long showing another agent's console takes (new, and kept).
void TestCurrentAgent::screenshots()
{
    const QString dir = qEnvironmentVariable("CHORUS_CURRENT_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set CHORUS_CURRENT_SCREENSHOTS=DIR to save screenshots");
    QDir().mkpath(dir);
    const QStringList kinds{S("builder"), S("scribe"), S("validator"), S("architect")};
    QStringList ids;
    for (int i = 0; i < 27; ++i) {
        const QString name =
            QStringLiteral("%1-%2")
                .arg(QStringList{S("api"), S("docs"), S("tests"), S("ui"), S("perf"), S("auth")}.at(
                    i % 6))
                .arg(i + 1);
        const SessionInfo s =
            chorus::test::spawnAgent(*m_client, kinds.at(i % kinds.size()), task(), m_repo, name);
        QVERIFY(!s.id.isEmpty());
        ids << s.id;
    }
    for (const QString &id : std::as_const(ids))
        QTRY_VERIFY_WITH_TIMEOUT(m_client->session(id).state == SessionState::Idle ||
                                     isFinal(m_client->session(id).state),
                                 300000);
    // Figures: a new console for the selection, and one kept aside.
    QElapsedTimer t;
    t.start();
    click(ids.at(3));
    const qint64 fresh = t.nsecsElapsed() / 1000;
    click(ids.at(4));
    t.restart();
    click(ids.at(3));
    const qint64 kept = t.nsecsElapsed() / 1000;
    qInfo("following the selection: new console %lld us, kept console %lld us", fresh, kept);

    click(ids.at(1));
    m_window->actions()->pinConsole->trigger();
    click(ids.at(6));
    m_window->actions()->pinConsole->trigger();
    click(ids.at(8));
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QString name = theme == Theme::Light ? S("light") : S("dark");
        for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
            m_window->resize(size);
            QTest::qWait(300);
            m_window->grab().save(QStringLiteral("%1/main-%2-%3x%4.png")
                                      .arg(dir, name)
                                      .arg(size.width())
                                      .arg(size.height()));
        }
        QPointer<ShortcutsDialog> dialog = m_window->showShortcuts();
        QTest::qWait(200);
        dialog->grab().save(QStringLiteral("%1/shortcuts-%2.png").arg(dir, name));
        dialog->close();
        m_window->actions()->jumpToAgent->trigger();
        QTest::keyClicks(m_window->jumper()->searchBox(), S("api"));
        QTest::qWait(200);
        m_window->jumper()->grab().save(QStringLiteral("%1/jump-%2.png").arg(dir, name));
        m_window->jumper()->close();
        m_window->consoles()->tabListMenu()->popup(
            m_window->consoles()->tabListButton()->mapToGlobal(QPoint(0, 20)));
        QTest::qWait(200);
        m_window->consoles()->tabListMenu()->grab().save(
            QStringLiteral("%1/tablist-%2.png").arg(dir, name));
        m_window->consoles()->tabListMenu()->close();
    }
    applyTheme(Theme::System);
}

// Not a check: CHORUS_README_SCREENSHOT=PREFIX saves the README's picture, PREFIX-light.png
// and PREFIX-dark.png: agents at work on a repository with plain tasks (the answers come from
// the fake API's queue, not from scripts in the task), one streaming, one waiting for approval.
// Run it alone: `tst_currentagent readmeScreenshot`.
void TestCurrentAgent::readmeScreenshot()
{
    const QString prefix = qEnvironmentVariable("CHORUS_README_SCREENSHOT");
    if (prefix.isEmpty())
        QSKIP("set CHORUS_README_SCREENSHOT=PREFIX to save the README's screenshot");
    const auto answer = [](const QString &text) { return QJsonObject{{S("text"), text}}; };
    const QString pagination =
        S("Cursor pagination is in place for `GET /v1/orders`.\n\n"
          "```ts\n"
          "export async function listOrders(cursor?: string, limit = 50) {\n"
          "  const rows = await db.orders.after(decodeCursor(cursor)).take(limit + 1);\n"
          "  return { items: rows.slice(0, limit), next: rows.length > limit ? "
          "encodeCursor(rows[limit - 1]) : null };\n"
          "}\n"
          "```\n\n"
          "| File | Change |\n"
          "|---|---|\n"
          "| `src/orders/list.ts` | cursor in, `next` out |\n"
          "| `src/orders/cursor.ts` | new: opaque base64 cursor |\n"
          "| `test/orders.list.test.ts` | 6 new cases, all green |\n\n"
          "> The old `page` parameter still works and logs a deprecation warning.\n");
    struct Agent
    {
        const char *name;
        const char *role;
        const char *task;
        QJsonObject step;
    };
    // The builder changes files first (a Bash step), so Review has a diff to show.
    const QString edit =
        S("mkdir -p src/orders && cat > src/orders/list.c <<'EOF'\n"
          "#include \"orders.h\"\n\n"
          "/* One page of orders after `cursor` (NULL: from the start). */\n"
          "size_t list_orders(const char *cursor, size_t limit, struct order *out, char *next)\n"
          "{\n"
          "    const long after = cursor ? decode_cursor(cursor) : 0;\n"
          "    size_t n = db_orders_after(after, limit + 1, out);\n"
          "    if (n > limit) {\n"
          "        encode_cursor(out[limit - 1].id, next);\n"
          "        n = limit;\n"
          "    } else {\n"
          "        next[0] = '\\0';\n"
          "    }\n"
          "    return n;\n"
          "}\n"
          "EOF\n"
          "cat > src/main.c <<'EOF'\n"
          "#include \"orders/orders.h\"\n\n"
          "int main(void) { return serve_orders(\"/v1/orders\", list_orders); }\n"
          "EOF\n");
    m_fx.fake().enqueue(
        QJsonObject{{S("tool"), S("Bash")}, {S("input"), QJsonObject{{S("command"), edit}}}});
    const QList<Agent> done{
        {"api-pagination", "builder",
         "Add cursor pagination to GET /v1/orders and cover it with tests.", answer(pagination)},
        {"docs-changelog", "scribe", "Write the changelog entry for 2.4 from the merged branches.",
         answer(S("The entry for **2.4** is in `CHANGELOG.md`: 3 features, 5 fixes."))},
        {"tests-flaky-checkout", "validator",
         "Find out why test_checkout_timeout fails one run in ten.",
         answer(S("It waits on a real clock: `sleep(0.5)` races the 500 ms timeout. A fake clock "
                  "fixes it; 200 runs, no failure."))},
    };
    QStringList ids;
    for (const Agent &a : done) {
        m_fx.fake().enqueue(a.step);
        const SessionInfo s =
            chorus::test::spawnAgent(*m_client, S(a.role), S(a.task), m_repo, S(a.name));
        QVERIFY(!s.id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_client->session(s.id).state == SessionState::Idle, 120000);
        ids << s.id;
    }
    // One waiting for approval, one writing its answer.
    const QJsonObject write{{S("file_path"), QString(m_repo + S("/docs/theme-tokens.md"))},
                            {S("content"), S("# Theme tokens\n")}};
    m_fx.fake().enqueue(QJsonObject{{S("text"), S("I will write the theme tokens first.")},
                                    {S("tool"), S("Write")},
                                    {S("input"), write}});
    const SessionInfo waiting = chorus::test::spawnAgent(
        *m_client, S("architect"),
        S("Design the dark theme: tokens, contrast rules, a migration plan."), m_repo,
        S("ui-dark-theme"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(waiting.id).state == SessionState::Waiting, 120000);
    QString longAnswer;
    for (int i = 1; i <= 40; ++i)
        longAnswer += QStringLiteral("Step %1: measured the cache hit rate on the replay, "
                                     "adjusted the eviction order, measured again.\n\n")
                          .arg(i);
    m_fx.fake().enqueue(
        QJsonObject{{S("text"), longAnswer}, {S("chunks"), 400}, {S("delay"), 0.5}});
    const SessionInfo streaming = chorus::test::spawnAgent(
        *m_client, S("builder"), S("Make the product cache hit rate above 90% on the replay log."),
        m_repo, S("perf-product-cache"));
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(streaming.id).state == SessionState::Running, 60000);
    QTest::qWait(4000);
    // `w` at 1400x860, light and dark, as PREFIX[-name]-light.png and -dark.png.
    const auto shoot = [&prefix](QWidget *w, const QString &name) {
        w->resize(1400, 860);
        for (const Theme theme : {Theme::Light, Theme::Dark}) {
            applyTheme(theme);
            QTest::qWait(800);
            w->grab().save(QStringLiteral("%1%2-%3.png")
                               .arg(prefix, name.isEmpty() ? QString() : S("-") + name,
                                    theme == Theme::Light ? S("light") : S("dark")));
        }
    };
    click(ids.first());
    shoot(m_window.get(), {});
    // Review of the builder's branch, the changed file open beside its task and result.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_client->session(ids.first()).head != m_client->session(ids.first()).baseCommit, 30000);
    QPointer<ReviewWindow> review = m_window->showReview(ids.first());
    QVERIFY(review);
    review->selectAgent(ids.first());
    const QString file = S("src/orders/list.c");
    QVERIFY(QTest::qWaitFor([&] { return review->fileModel()->file(file) != nullptr; }, 30000));
    review->selectFile(file);
    shoot(review, S("review"));
    review->close();
    applyTheme(Theme::System);
    m_client->stop(streaming.id);
    m_client->stop(waiting.id);
}

QTEST_MAIN(TestCurrentAgent)
#include "tst_currentagent.moc"
