// The everyday actions on an agent (mainwindow/agentactions): open its worktree in the editor or
// a terminal (a failing command shows its error), copy its branch and path, push its branch to a
// local bare remote, open a pull request with a fake gh (its exact argument list checked). A real
// agent (daemon + pinned Claude Code CLI + fake Messages API) in a temporary git repository.
#include "agents/agentlistview.h"
#include "client/engineclient.h"
#include "enginefixture.h"
#include "gitfixture.h"
#include "guitest.h"
#include "mainwindow/agentactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/pullrequestdialog.h"
#include "mainwindow/pushdialog.h"
#include "settings/settingsdialog.h"
#include "settings/toolcommands.h"
#include "style/theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
QString S(const char *s)
{
    return QString::fromUtf8(s);
}

const QString kTask = S("Fix the greeting\n\nIt says hello twice.");
const QString kResult = S("Fixed the greeting: it says hello once, and the test checks it.");

QString scriptedTask()
{
    const QJsonArray steps{
        QJsonObject{
            {S("tool"), S("Bash")},
            {S("input"), QJsonObject{{S("command"), S("printf 'hello\\n' > greeting.txt")}}}},
        QJsonObject{{S("text"), kResult}}};
    return kTask + S(" @@fake ") +
           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
}

QString writeScript(const QString &path, const QByteArray &body)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class TestAgentActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void actionsFollowTheAgent();
    void copiesBranchAndPath();
    void editorOpensTheWorktree();
    void failingEditorShowsItsError();
    void settingsEditTheCommands();
    void pushesToTheRemote();
    void noRemoteSaysSo();
    void pullRequestRunsGh();
    void screenshots();

private:
    AgentActions *actions() const { return m_window->agentActions(); }
    PullRequestDialog *openPullRequest();

    chorus::test::EngineFixture m_fx;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QString m_repo;
    QString m_bare;
    QString m_fakeGh;
    SessionInfo m_agent;
};

void TestAgentActions::initTestCase()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
    qputenv("CHORUS_PROGRAM", m_fx.chorusProgram().toUtf8());
    // The pushes run the real git with this process's environment: none of the user's settings.
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("GIT_CONFIG_GLOBAL", "/dev/null");
    GitFixture fixture(m_fx.workDir());
    m_repo = fixture.makeRepo(S("repo"));
    QVERIFY(!m_repo.isEmpty());
    m_bare = m_fx.root() + S("/remote.git");
    QCOMPARE(GitFixture::run(m_fx.root(), {S("init"), S("-q"), S("--bare"), m_bare}).exitCode, 0);
    QCOMPARE(GitFixture::run(m_repo, {S("remote"), S("add"), S("origin"), m_bare}).exitCode, 0);
    m_fakeGh = writeScript(m_fx.root() + S("/gh"), R"SH(out="$(dirname "$0")"
: > "$out/gh-argv"
for a in "$@"; do printf '%s\0' "$a" >> "$out/gh-argv"; done
echo "https://github.com/example/repo/pull/42"
)SH");
    QVERIFY(!m_fakeGh.isEmpty());

    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->resize(1024, 700);
    m_window->show();
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
    m_agent =
        chorus::test::spawnAgent(*m_client, S("builder"), scriptedTask(), m_repo, S("greeter"));
    QVERIFY(!m_agent.id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_client->session(m_agent.id).turns >= 1 &&
                                 m_client->session(m_agent.id).state == SessionState::Idle,
                             120000);
    m_agent = m_client->session(m_agent.id);
    QVERIFY(!m_agent.worktree.isEmpty());
    QCOMPARE(m_agent.branch, S("chorus/greeter"));
}

void TestAgentActions::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fx.tearDown();
}

void TestAgentActions::actionsFollowTheAgent()
{
    AgentActions *a = actions();
    const QList<QAction *> all{a->openEditor, a->openTerminal, a->openFileManager, a->copyBranch,
                               a->copyPath,   a->pushBranch,   a->pullRequest};
    // In the Agent menu and in the agent list's context menu.
    auto *menu = m_window->menuBar()->findChild<QMenu *>(S("agentMenu"));
    QVERIFY(menu);
    for (QAction *action : all)
        QVERIFY2(menu->actions().contains(action), qPrintable(action->objectName()));

    // No agent selected (and no console open): all off.
    m_window->agentList()->view()->selectionModel()->clearSelection();
    QTRY_VERIFY(!a->openEditor->isEnabled());
    for (QAction *action : all)
        QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));

    a->setPrograms(S("git"), QString()); // gh not installed
    m_window->agentList()->selectSession(m_agent.id);
    QTRY_VERIFY(a->openEditor->isEnabled());
    for (QAction *action :
         {a->openTerminal, a->openFileManager, a->copyBranch, a->copyPath, a->pushBranch})
        QVERIFY2(action->isEnabled(), qPrintable(action->objectName()));
    QVERIFY(!a->pullRequest->isEnabled());
    QVERIFY2(a->pullRequest->toolTip().contains(S("not installed")),
             qPrintable(a->pullRequest->toolTip()));
    a->setPrograms(S("git"), m_fakeGh);
    QVERIFY(a->pullRequest->isEnabled());
    QVERIFY(!a->pullRequest->toolTip().contains(S("not installed")));
}

void TestAgentActions::copiesBranchAndPath()
{
    m_window->agentList()->selectSession(m_agent.id);
    actions()->copyBranch->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), S("chorus/greeter"));
    actions()->copyPath->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QDir::toNativeSeparators(m_agent.worktree));
    QVERIFY(m_window->statusBar()->currentMessage().contains(m_agent.worktree));
}

void TestAgentActions::editorOpensTheWorktree()
{
    const QString seen = m_fx.root() + S("/editor-seen");
    const QString editor =
        writeScript(m_fx.root() + S("/my editor"),
                    "{ pwd; printf '%s\\n' \"$@\"; } > \"$(dirname \"$0\")/editor-seen\"\n");
    toolcommands::setStoredCommand(toolcommands::Tool::Editor, {editor, S("--folder={dir}")});
    m_window->agentList()->selectSession(m_agent.id);
    actions()->openEditor->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(seen) && !readFile(seen).isEmpty(), 10000);
    QCOMPARE(readFile(seen).trimmed(),
             QDir(m_agent.worktree).canonicalPath() + S("\n--folder=") + m_agent.worktree);
    QTRY_VERIFY(
        m_window->statusBar()->currentMessage().startsWith(S("Opened the folder of greeter")));
    QVERIFY(!actions()->launchErrorBox());
}

void TestAgentActions::failingEditorShowsItsError()
{
    const QString editor =
        writeScript(m_fx.root() + S("/broken-editor"),
                    "echo 'broken-editor: cannot open display :99' >&2\nexit 4\n");
    toolcommands::setStoredCommand(toolcommands::Tool::Editor, {editor, S("{dir}")});
    m_window->agentList()->selectSession(m_agent.id);
    actions()->openEditor->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        actions()->launchErrorBox() && actions()->launchErrorBox()->isVisible(), 10000);
    QMessageBox *box = actions()->launchErrorBox();
    QCOMPARE(box->windowTitle(), S("Could not open the editor"));
    QVERIFY2(box->text().contains(S("exited with code 4")), qPrintable(box->text()));
    QVERIFY2(box->text().contains(S("cannot open display :99")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(m_agent.worktree), qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(S("Settings")));
    box->close();

    // A program that is not there says so too.
    toolcommands::setStoredCommand(toolcommands::Tool::Terminal, {S("chorus-test-no-terminal")});
    actions()->openTerminal->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        actions()->launchErrorBox() && actions()->launchErrorBox()->isVisible(), 10000);
    QVERIFY2(
        actions()->launchErrorBox()->text().contains(S("chorus-test-no-terminal was not found")),
        qPrintable(actions()->launchErrorBox()->text()));
    QCOMPARE(actions()->launchErrorBox()->windowTitle(), S("Could not open a terminal"));
    actions()->launchErrorBox()->close();
    toolcommands::setStoredCommand(toolcommands::Tool::Editor, {});
    toolcommands::setStoredCommand(toolcommands::Tool::Terminal, {});
}

void TestAgentActions::settingsEditTheCommands()
{
    SettingsDialog *dialog = m_window->showSettings();
    QVERIFY(dialog);
    auto *editor = dialog->findChild<QLineEdit *>(S("editorCommandEdit"));
    auto *errorLabel = dialog->findChild<QLabel *>(S("errorLabel"));
    QVERIFY(editor && errorLabel);
    QVERIFY(editor->text().isEmpty()); // the default, shown as placeholder
    QVERIFY(!editor->placeholderText().isEmpty());
    editor->setText(S("code 'oops {dir}"));
    dialog->accept();
    QTRY_VERIFY(errorLabel->isVisible() && !errorLabel->text().isEmpty());
    QVERIFY2(errorLabel->text().contains(S("editor command")) &&
                 errorLabel->text().contains(S("column 6")),
             qPrintable(errorLabel->text()));
    QVERIFY(dialog->isVisible());
    editor->setText(S("'/opt/My Editor/ed' --new-window {dir}"));
    QPointer<SettingsDialog> guard(dialog);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 10000);
    QCOMPARE(toolcommands::storedCommand(toolcommands::Tool::Editor),
             (QStringList{S("/opt/My Editor/ed"), S("--new-window"), S("{dir}")}));
    toolcommands::setStoredCommand(toolcommands::Tool::Editor, {});
}

void TestAgentActions::pushesToTheRemote()
{
    m_window->agentList()->selectSession(m_agent.id);
    actions()->setPrograms(S("git"), m_fakeGh);
    PushDialog *dialog = actions()->showPush();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *remote = dialog->findChild<QComboBox *>(S("remoteCombo"));
    QCOMPARE(remote->currentText(), S("origin"));
    QVERIFY(!remote->isEnabled()); // nothing to choose
    dialog->pushButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().startsWith(S("Pushed")), 60000);
    const SessionInfo now = m_client->session(m_agent.id);
    QCOMPARE(GitFixture::git(m_bare, {S("rev-parse"), S("refs/heads/chorus/greeter")}),
             GitFixture::git(now.worktree, {S("rev-parse"), S("HEAD")}));
    dialog->close();
}

void TestAgentActions::noRemoteSaysSo()
{
    QCOMPARE(GitFixture::run(m_repo, {S("remote"), S("rename"), S("origin"), S("away")}).exitCode,
             0);
    QCOMPARE(GitFixture::run(m_repo, {S("remote"), S("remove"), S("away")}).exitCode, 0);
    m_window->agentList()->selectSession(m_agent.id);
    QVERIFY(!actions()->showPush());
    QTRY_VERIFY(actions()->launchErrorBox() && actions()->launchErrorBox()->isVisible());
    QVERIFY2(actions()->launchErrorBox()->text().contains(S("has no remote")),
             qPrintable(actions()->launchErrorBox()->text()));
    QVERIFY(actions()->launchErrorBox()->informativeText().contains(S("git remote add")));
    actions()->launchErrorBox()->close();
    QCOMPARE(GitFixture::run(m_repo, {S("remote"), S("add"), S("origin"), m_bare}).exitCode, 0);
}

PullRequestDialog *TestAgentActions::openPullRequest()
{
    PullRequestDialog *dialog = nullptr;
    QMetaObject::Connection c = connect(actions(), &AgentActions::pullRequestDialogOpened, this,
                                        [&dialog](PullRequestDialog *d) { dialog = d; });
    m_window->agentList()->selectSession(m_agent.id);
    actions()->setPrograms(S("git"), m_fakeGh);
    actions()->pullRequest->trigger();
    const bool opened = QTest::qWaitFor([&] { return dialog != nullptr; }, 20000);
    disconnect(c);
    return opened && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
}

void TestAgentActions::pullRequestRunsGh()
{
    PullRequestDialog *dialog = openPullRequest();
    QVERIFY(dialog);
    auto *title = dialog->findChild<QLineEdit *>(S("titleEdit"));
    auto *base = dialog->findChild<QLineEdit *>(S("baseEdit"));
    auto *body = dialog->findChild<QPlainTextEdit *>(S("bodyEdit"));
    auto *pushFirst = dialog->findChild<QCheckBox *>(S("pushFirstCheck"));
    QVERIFY(title && base && body && pushFirst);
    // Drafted from the task and the agent's final result.
    QCOMPARE(title->text(), S("Fix the greeting"));
    QCOMPARE(base->text(), S("main"));
    QVERIFY2(body->toPlainText().contains(kResult), qPrintable(body->toPlainText()));
    QVERIFY2(body->toPlainText().contains(S("It says hello twice.")),
             qPrintable(body->toPlainText()));
    // Edited before it goes.
    title->setText(S("Greeting: say \"hello\" once"));
    QVERIFY(pushFirst->isChecked());
    dialog->createButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->url().isEmpty(), 60000);
    QCOMPARE(dialog->url(), S("https://github.com/example/repo/pull/42"));
    QVERIFY2(
        dialog->statusText().contains(S("<a href=\"https://github.com/example/repo/pull/42\">")),
        qPrintable(dialog->statusText()));
    QStringList argv = readFile(m_fx.root() + S("/gh-argv")).split(QChar(0));
    QCOMPARE(argv.takeLast(), QString());
    QCOMPARE(argv.size(), 7);
    QCOMPARE(argv.mid(0, 6),
             (QStringList{S("pr"), S("create"), S("--head=chorus/greeter"), S("--base=main"),
                          S("--title=Greeting: say \"hello\" once"), S("--body-file")}));
    QVERIFY(argv.at(6).contains(S("chorus-pr-")));
    // Pushed first: the remote has the branch.
    QCOMPARE(GitFixture::run(m_bare, {S("rev-parse"), S("refs/heads/chorus/greeter")}).exitCode, 0);
    dialog->close();
}

void TestAgentActions::screenshots()
{
    const QString out = qEnvironmentVariable("CHORUS_ACTIONS_SCREENSHOTS");
    if (out.isEmpty())
        QSKIP("set CHORUS_ACTIONS_SCREENSHOTS=DIR to save the Agent menu and the pull request "
              "dialog");
    QDir().mkpath(out);
    m_window->resize(1024, 700);
    m_window->agentList()->selectSession(m_agent.id);
    actions()->setPrograms(S("git"), m_fakeGh);
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QString name = theme == Theme::Light ? S("light") : S("dark");
        QTest::qWait(200);
        // The Agent menu, drawn over the window where it opens.
        auto *menu = m_window->menuBar()->findChild<QMenu *>(S("agentMenu"));
        const QRect item = m_window->menuBar()->actionGeometry(menu->menuAction());
        menu->popup(m_window->menuBar()->mapToGlobal(item.bottomLeft()));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QTest::qWait(100);
        QPixmap shot = m_window->grab();
        {
            QPainter p(&shot);
            p.drawPixmap(m_window->mapFromGlobal(menu->mapToGlobal(QPoint(0, 0))), menu->grab());
        }
        menu->hide();
        QVERIFY(shot.save(out + S("/agent-menu-") + name + S(".png")));
        PullRequestDialog *dialog = openPullRequest();
        QVERIFY(dialog);
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(out + S("/pull-request-") + name + S(".png")));
        QPixmap whole = m_window->grab();
        {
            QPainter p(&whole);
            p.drawPixmap(m_window->mapFromGlobal(dialog->mapToGlobal(QPoint(0, 0))),
                         dialog->grab());
        }
        QVERIFY(whole.save(out + S("/pull-request-window-") + name + S(".png")));
        dialog->close();
        PushDialog *push = actions()->showPush();
        QVERIFY(push && QTest::qWaitForWindowExposed(push));
        push->pushButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(push->statusText().startsWith(S("Pushed")), 60000);
        QVERIFY(push->grab().save(out + S("/push-") + name + S(".png")));
        push->close();
    }
}

QTEST_MAIN(TestAgentActions)
#include "tst_agentactions.moc"
