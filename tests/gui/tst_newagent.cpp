// Safe by default, end to end: the New Agent dialog (the last repository, what the folder is,
// the base branch, the "edit in place?" question) and the main window's Claude Code banner,
// with the real widgets against the real engine daemon (real Claude Code, fake Messages API).
#include "agents/knownroles.h"
#include "agents/newagentdialog.h"
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"
#include "enginefixture.h"
#include "gitfixture.h"
#include "guitest.h"
#include "mainwindow/claudebanner.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainwindow.h"
#include "settings/guisettings.h"
#include "style/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
QPushButton *okButton(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

// Not a check: CHORUS_NEWAGENT_SCREENSHOTS=DIR saves `w` there as NAME-light.png and
// NAME-dark.png (a main window at 1024x700 and 1600x1000).
void screenshots(QWidget *w, const QString &name, bool window)
{
    const QString dir = qEnvironmentVariable("CHORUS_NEWAGENT_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    for (Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        const QList<QSize> sizes =
            window ? QList<QSize>{{1024, 700}, {1600, 1000}} : QList<QSize>{QSize()};
        for (const QSize &size : sizes) {
            if (size.isValid())
                w->resize(size);
            QTest::qWait(100);
            QApplication::processEvents();
            QString file = dir + QLatin1Char('/') + name + QLatin1Char('-') + themeKey(theme);
            if (size.isValid())
                file += QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
            w->grab().save(file + QStringLiteral(".png"));
        }
    }
    applyTheme(Theme::Light);
}
} // namespace

class TestNewAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void firstUseAsksForARepository();
    void startsInTheLastRepositoryWithItsBranches();
    void writeRoleInPlaceNeedsConfirmation();
    void noWorktreeInARepositoryAsksToo();
    void bannerWhenTheEnginesClaudeIsMissing();
    void bannerAndConsoleWhenNotLoggedIn();

private:
    NewAgentDialog *openDialog();

    chorus::test::EngineFixture m_fixture;
    std::unique_ptr<EngineClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    QString m_repo;
};

void TestNewAgent::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    GitFixture git(m_fixture.root());
    m_repo = git.makeRepo(QStringLiteral("project"));
    QVERIFY(!m_repo.isEmpty());
    QCOMPARE(
        GitFixture::run(m_repo, {QStringLiteral("branch"), QStringLiteral("feature")}).exitCode, 0);
}

void TestNewAgent::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fixture.tearDown();
}

void TestNewAgent::init()
{
    qputenv("CHORUS_PROGRAM", m_fixture.chorusProgram().toUtf8());
    m_client = std::make_unique<EngineClient>();
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectToEngine();
    QVERIFY(m_client->isConnected());
}

void TestNewAgent::cleanup()
{
    m_window.reset();
    m_client.reset();
}

NewAgentDialog *TestNewAgent::openDialog()
{
    NewAgentDialog *dialog = m_window->showNewAgentDialog();
    auto *roles = dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"));
    if (!QTest::qWaitFor([&] { return roles->count() >= 4 && dialog->isRepositoryKnown(); }, 10000))
        qWarning("the roles or the folder were not read");
    return dialog;
}

void TestNewAgent::firstUseAsksForARepository()
{
    guisettings::setLastDirectory({});
    QPointer<NewAgentDialog> dialog = openDialog();
    auto *directory = dialog->findChild<QLineEdit *>(QStringLiteral("directoryEdit"));
    auto *base = dialog->findChild<QComboBox *>(QStringLiteral("baseCombo"));
    auto *label = dialog->findChild<QLabel *>(QStringLiteral("directoryLabel"));
    QVERIFY(directory && base && label);
    // Empty, clearly labelled, with the hint; never the home folder.
    QCOMPARE(directory->text(), QString());
    QVERIFY(directory->text() != QDir::homePath());
    QCOMPARE(label->text(), QStringLiteral("&Folder:"));
    QVERIFY(!directory->placeholderText().isEmpty());
    QVERIFY2(dialog->repositoryText().contains(QLatin1String("Choose the git repository")),
             qPrintable(dialog->repositoryText()));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("browseButton"))->isVisible());
    QVERIFY(!base->isEnabled());
    screenshots(dialog, QStringLiteral("newagent-first-use"), false);

    // A folder that is no repository says so, in the warning's words.
    QTest::keyClicks(directory, m_fixture.workDir());
    QTRY_VERIFY(dialog->isRepositoryKnown());
    QVERIFY(!dialog->repository().isRepository);
    QVERIFY2(dialog->repositoryText().startsWith(QLatin1String("Not a git repository")),
             qPrintable(dialog->repositoryText()));
    QVERIFY(!base->isEnabled());
    dialog->reject();
}

void TestNewAgent::startsInTheLastRepositoryWithItsBranches()
{
    guisettings::setLastDirectory(m_repo);
    QPointer<NewAgentDialog> dialog = openDialog();
    auto *directory = dialog->findChild<QLineEdit *>(QStringLiteral("directoryEdit"));
    auto *base = dialog->findChild<QComboBox *>(QStringLiteral("baseCombo"));
    QCOMPARE(QDir::fromNativeSeparators(directory->text()), m_repo);
    QVERIFY(dialog->isRepositoryKnown());
    QVERIFY(dialog->repository().isRepository);
    QCOMPARE(dialog->repository().currentBranch, QStringLiteral("main"));
    // The base: an editable list of the local branches, the current one first and chosen.
    QVERIFY(base->isEnabled());
    QVERIFY(base->isEditable());
    QCOMPARE(base->count(), 2);
    QCOMPARE(base->itemText(0), QStringLiteral("main"));
    QCOMPARE(base->itemText(1), QStringLiteral("feature"));
    QCOMPARE(base->currentText(), QStringLiteral("main"));
    const QString head = GitFixture::git(
        m_repo, {QStringLiteral("rev-parse"), QStringLiteral("--short=7"), QStringLiteral("HEAD")});
    QVERIFY2(dialog->repositoryText().contains(
                 QStringLiteral("main, the current branch (%1)").arg(head)),
             qPrintable(dialog->repositoryText()));
    screenshots(dialog, QStringLiteral("newagent-repository"), false);
    base->setCurrentIndex(1);
    QVERIFY2(dialog->repositoryText().contains(QLatin1String("starts from feature")),
             qPrintable(dialog->repositoryText()));

    // Started there from "feature": a worktree of its own, no question asked, and remembered.
    dialog->setTask(QStringLiteral("Say hello."));
    auto *task = dialog->findChild<QPlainTextEdit *>(QStringLiteral("taskEdit"));
    task->setFocus();
    QTest::keyClick(task, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter starts it
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    const SessionInfo created = m_client->sessions().last();
    QVERIFY(!created.worktree.isEmpty());
    QCOMPARE(created.repo, m_repo);
    const QString feature =
        GitFixture::git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("feature")});
    QCOMPARE(created.baseCommit, feature);
    QCOMPARE(guisettings::lastDirectory(), m_repo);
    QVERIFY(m_window->findChild<QMessageBox *>() == nullptr);
}

void TestNewAgent::writeRoleInPlaceNeedsConfirmation()
{
    guisettings::setLastDirectory(m_repo);
    QPointer<NewAgentDialog> dialog = openDialog(); // the roles are loaded then
    QVERIFY(m_window->roles()->canEdit(QStringLiteral("builder")));
    QVERIFY(!m_window->roles()->canEdit(QStringLiteral("architect"))); // asks before it writes
    QVERIFY(!m_window->roles()->canEdit(QStringLiteral("no-such-role")));
    const int before = int(m_client->sessions().size());
    dialog->setRole(QStringLiteral("builder"));
    dialog->setTask(QStringLiteral("Say hello."));
    dialog->setDirectory(m_fixture.workDir());
    QTRY_VERIFY(dialog->isRepositoryKnown());
    QVERIFY(!dialog->repository().isRepository);

    // Start: the question names the folder; Cancel leaves everything as it was.
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmation());
    QPointer<QMessageBox> box = dialog->confirmation();
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QDir::toNativeSeparators(m_fixture.workDir())),
             qPrintable(box->text()));
    QVERIFY2(box->text().contains(QLatin1String("in place")), qPrintable(box->text()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    screenshots(box, QStringLiteral("newagent-confirm"), false);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->lastRequest().role.isEmpty()); // nothing was sent (a spawn answers later)
    QCOMPARE(int(m_client->sessions().size()), before);

    // Again, and confirmed: the request says the user meant it.
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmation());
    auto *edit =
        dialog->confirmation()->findChild<QPushButton *>(QStringLiteral("editInPlaceButton"));
    QVERIFY(edit);
    NewAgentDialog *raw = dialog;
    QSignalSpy accepted(raw, &QDialog::accepted);
    SpawnRequest request;
    connect(raw, &QDialog::accepted, this, [&] { request = raw->lastRequest(); });
    edit->click();
    QTRY_VERIFY_WITH_TIMEOUT(accepted.count() == 1, 30000);
    QVERIFY(request.inPlace);
    QVERIFY(!request.noWorktree);
    QCOMPARE(request.dir, m_fixture.workDir());
    QCOMPARE(int(m_client->sessions().size()), before + 1);
    QVERIFY(m_client->sessions().last().worktree.isEmpty()); // in the folder itself
    // A folder used in place is never the next dialog's start.
    QCOMPARE(guisettings::lastDirectory(), m_repo);
}

void TestNewAgent::noWorktreeInARepositoryAsksToo()
{
    guisettings::setLastDirectory(m_repo);
    QPointer<NewAgentDialog> dialog = openDialog();
    auto *noWorktree = dialog->findChild<QCheckBox *>(QStringLiteral("noWorktreeCheck"));
    auto *base = dialog->findChild<QComboBox *>(QStringLiteral("baseCombo"));
    QVERIFY(noWorktree->isEnabled());
    noWorktree->setChecked(true);
    QVERIFY(!base->isEnabled()); // no branch of its own: nothing to start from
    QVERIFY2(dialog->repositoryText().contains(QLatin1String("works in this folder itself")),
             qPrintable(dialog->repositoryText()));
    screenshots(dialog, QStringLiteral("newagent-no-worktree"), false);
    dialog->setRole(QStringLiteral("scribe"));
    dialog->setTask(QStringLiteral("Say hello."));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmation());
    QVERIFY2(dialog->confirmation()->text().contains(QDir::toNativeSeparators(m_repo)),
             qPrintable(dialog->confirmation()->text()));
    QVERIFY(dialog->confirmation()->text().contains(QLatin1String("your checkout")));
    dialog->confirmation()->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!dialog->confirmation());
    dialog->reject();
}

void TestNewAgent::bannerWhenTheEnginesClaudeIsMissing()
{
    ClaudeBanner *banner = m_window->claudeBanner();
    QVERIFY(banner);
    QSignalSpy checked(banner, &ClaudeBanner::checked);
    auto recheck = [&] {
        checked.clear();
        banner->recheck();
        return QTest::qWaitFor([&] { return checked.count() >= 1; }, 10000);
    };
    auto setClaudePath = [&](const QString &value) {
        std::optional<Status> result;
        m_client->setSettings(QJsonObject{{QStringLiteral("claudePath"), value}},
                              [&](const Status &s) { result = s; });
        return QTest::qWaitFor([&] { return result.has_value(); }, 10000) && result->ok();
    };
    // The fixture's engine finds the pinned CLI: no banner.
    QVERIFY(recheck());
    QVERIFY(!banner->isVisible());

    // The engine's setting names a file that does not exist: after a re-check, the banner.
    const QString missing = m_fixture.root() + QStringLiteral("/gone/claude");
    QVERIFY(setClaudePath(missing));
    QVERIFY(recheck());
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->message().contains(missing), qPrintable(banner->message()));
    QVERIFY(banner->settingsButton()->isVisible());
    QVERIFY(banner->recheckButton()->isVisible());
    screenshots(m_window.get(), QStringLiteral("banner-wrong-path"), true);

    // Nothing configured and nothing on PATH: what was tried and the install command.
    const QByteArray path = qgetenv("PATH"), chorusClaude = qgetenv("CHORUS_CLAUDE");
    QVERIFY(setClaudePath(QString()));
    qunsetenv("CHORUS_CLAUDE");
    qputenv("PATH", (m_fixture.root() + QStringLiteral("/empty-bin")).toUtf8());
    const bool answered = recheck();
    qputenv("PATH", path);
    qputenv("CHORUS_CLAUDE", chorusClaude);
    QVERIFY(answered);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->message().contains(QLatin1String("npm install -g @anthropic-ai/claude-code")),
             qPrintable(banner->message()));
    QVERIFY2(banner->message().contains(m_fixture.root() + QStringLiteral("/empty-bin/claude")),
             qPrintable(banner->message()));
    QVERIFY(banner->message().contains(QLatin1String("log in")));
    screenshots(m_window.get(), QStringLiteral("banner-not-found"), true);

    // "Open Settings" opens them.
    QTest::mouseClick(banner->settingsButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<QDialog *>(QStringLiteral("SettingsDialog")));
    m_window->findChild<QDialog *>(QStringLiteral("SettingsDialog"))->reject();

    // A valid path and "Check Again": the banner goes.
    QVERIFY(setClaudePath(QString::fromUtf8(chorusClaude)));
    checked.clear();
    QTest::mouseClick(banner->recheckButton(), Qt::LeftButton);
    QTRY_VERIFY(checked.count() >= 1);
    QVERIFY(!banner->isVisible());
    QVERIFY(setClaudePath(QString()));
}

void TestNewAgent::bannerAndConsoleWhenNotLoggedIn()
{
    ClaudeBanner *banner = m_window->claudeBanner();
    QSignalSpy checked(banner, &ClaudeBanner::checked);
    banner->recheck();
    QTRY_VERIFY(checked.count() >= 1);
    QVERIFY(!banner->isVisible());
    // An agent spawned from a window without credentials: the CLI says "Not logged in".
    const QByteArray key = qgetenv("ANTHROPIC_API_KEY");
    qunsetenv("ANTHROPIC_API_KEY");
    const SessionInfo agent =
        chorus::test::spawnAgent(*m_client, QStringLiteral("builder"), QStringLiteral("hi"), m_repo,
                                 QStringLiteral("nologin"));
    qputenv("ANTHROPIC_API_KEY", key);
    QVERIFY(!agent.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(agent.id).state, SessionState::Failed, 90000);
    QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible(),
                              qPrintable(m_client->session(agent.id).error + QLatin1Char('|') +
                                         stateName(m_client->session(agent.id).state) +
                                         QLatin1Char('|') + banner->title()),
                              30000);
    QVERIFY2(banner->title().contains(QLatin1String("not logged in")), qPrintable(banner->title()));
    QVERIFY2(banner->message().contains(QLatin1String("nologin")), qPrintable(banner->message()));
    QVERIFY(banner->message().contains(QLatin1String("/login")));
    screenshots(m_window.get(), QStringLiteral("banner-not-logged-in"), true);

    // Its console has the same problem as a line of its own.
    m_window->openConsole(agent.id);
    ConsoleWidget *console = m_window->consoles()->console(agent.id);
    QVERIFY(console);
    auto hasLine = [console] {
        const TranscriptModel *m = console->transcript()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->entry(r).plainText().contains(QLatin1String("Claude Code is not logged in")))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(), 10000);

    // A turn that works (another agent, with credentials: the failed one's CLI keeps the
    // environment it started with) clears it.
    const SessionInfo other =
        chorus::test::spawnAgent(*m_client, QStringLiteral("builder"), QStringLiteral("hi"), m_repo,
                                 QStringLiteral("withkey"));
    QVERIFY(!other.id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->session(other.id).state, SessionState::Idle, 90000);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
}

QTEST_MAIN(TestNewAgent)
#include "tst_newagent.moc"
