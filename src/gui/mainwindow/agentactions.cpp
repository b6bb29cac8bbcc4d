#include "mainwindow/agentactions.h"

#include "agent/streamevent.h"
#include "client/engineclient.h"
#include "git/gitpush.h"
#include "git/pullrequest.h"
#include "mainwindow/pullrequestdialog.h"
#include "mainwindow/pushdialog.h"
#include "settings/toolcommands.h"
#include "style/icons.h"
#include "util/launcher.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QWidget>

namespace chorus {

namespace {
constexpr int kResultEvents = 400; // how far back the latest results are looked for
}

AgentActions::AgentActions(EngineClient *client, QWidget *window)
    : QObject(window), m_client(client), m_window(window), m_git(QStringLiteral("git")),
      m_gh(QStandardPaths::findExecutable(QStringLiteral("gh")))
{
    openEditor = make(tr("Open in &Editor"), QStringLiteral("actionOpenEditor"));
    openEditor->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    openEditor->setToolTip(tr("Open the agent's folder in your editor (Settings: Editor) (%1)")
                               .arg(openEditor->shortcut().toString(QKeySequence::NativeText)));
    openTerminal = make(tr("Open in &Terminal"), QStringLiteral("actionOpenTerminal"));
    openTerminal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    openTerminal->setToolTip(tr("Open a terminal in the agent's folder (Settings: Terminal) (%1)")
                                 .arg(openTerminal->shortcut().toString(QKeySequence::NativeText)));
    openFileManager = make(tr("Open &Folder"), QStringLiteral("actionOpenFolder"));
    openFileManager->setToolTip(tr("Show the agent's folder in the file manager"));
    copyBranch = make(tr("Copy &Branch Name"), QStringLiteral("actionCopyBranch"));
    copyPath = make(tr("Copy &Worktree Path"), QStringLiteral("actionCopyPath"));
    copyPath->setToolTip(tr("Copy the path of the folder the agent works in"));
    pushBranch = make(tr("&Push Branch…"), QStringLiteral("actionPushBranch"));
    pushBranch->setToolTip(tr("Push the agent's branch to a remote with your own git"));
    pullRequest = make(tr("Open Pull Re&quest…"), QStringLiteral("actionPullRequest"));
    m_prToolTip = tr("Open a GitHub pull request for the agent's branch with gh");
    for (QAction *a : {copyBranch, copyPath})
        a->setIcon(icons::action(QStringLiteral("copy")));

    connect(openEditor, &QAction::triggered, this,
            [this] { openTool(int(toolcommands::Tool::Editor)); });
    connect(openTerminal, &QAction::triggered, this,
            [this] { openTool(int(toolcommands::Tool::Terminal)); });
    connect(openFileManager, &QAction::triggered, this, &AgentActions::openFolder);
    connect(copyBranch, &QAction::triggered, this,
            [this] { copy(agent().branch, tr("the branch name")); });
    connect(copyPath, &QAction::triggered, this,
            [this] { copy(QDir::toNativeSeparators(folder(agent())), tr("the path")); });
    connect(pushBranch, &QAction::triggered, this, &AgentActions::showPush);
    connect(pullRequest, &QAction::triggered, this, &AgentActions::showPullRequest);
    setAgent({}, false);
}

QAction *AgentActions::make(const QString &text, const QString &objectName)
{
    auto *a = new QAction(text, this);
    a->setObjectName(objectName);
    a->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(a);
    return a;
}

void AgentActions::addToMenu(QMenu *menu) const
{
    menu->addAction(copyBranch);
    menu->addAction(copyPath);
    menu->addSeparator();
    menu->addAction(openEditor);
    menu->addAction(openTerminal);
    menu->addAction(openFileManager);
    menu->addSeparator();
    menu->addAction(pushBranch);
    menu->addAction(pullRequest);
}

QList<QAction *> AgentActions::contextActions() const
{
    return {copyBranch,      copyPath, nullptr,    openEditor, openTerminal,
            openFileManager, nullptr,  pushBranch, pullRequest};
}

void AgentActions::setPrograms(const QString &git, const QString &gh)
{
    m_git = git;
    m_gh = gh;
    setAgent(m_agentId, m_client->isConnected());
}

SessionInfo AgentActions::agent() const
{
    return m_client->session(m_agentId);
}

QString AgentActions::folder(const SessionInfo &agent) const
{
    return agent.worktree.isEmpty() ? agent.dir : agent.worktree;
}

void AgentActions::setAgent(const QString &sessionId, bool connected)
{
    m_agentId = sessionId;
    const SessionInfo s = agent();
    const bool known = !sessionId.isEmpty() && !s.id.isEmpty();
    const QString dir = known ? folder(s) : QString();
    const bool folderThere = !dir.isEmpty() && QDir(dir).exists();
    for (QAction *a : {openEditor, openTerminal, openFileManager, copyPath})
        a->setEnabled(folderThere);
    copyBranch->setEnabled(known && !s.branch.isEmpty());
    const bool pushable = connected && known && !s.branch.isEmpty() && !s.repo.isEmpty() &&
                          QDir(agentGitDir(s)).exists();
    pushBranch->setEnabled(pushable);
    pullRequest->setEnabled(pushable && !m_gh.isEmpty());
    pullRequest->setToolTip(m_gh.isEmpty()
                                ? tr("The GitHub CLI (gh) is not installed: install it from "
                                     "https://cli.github.com to open pull requests from here")
                                : m_prToolTip);
}

void AgentActions::copy(const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied %1: %2").arg(what, text));
}

void AgentActions::showError(const QString &title, const Error &error)
{
    if (m_errorBox)
        m_errorBox->close();
    m_errorBox =
        new QMessageBox(QMessageBox::Warning, title, error.message, QMessageBox::Ok, m_window);
    m_errorBox->setObjectName(QStringLiteral("launchErrorBox"));
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    QString details;
    if (!error.where.isEmpty())
        details = tr("Command: %1").arg(error.where);
    if (!error.hint.isEmpty())
        details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + error.hint;
    m_errorBox->setInformativeText(details);
    m_errorBox->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBox->open();
}

void AgentActions::openTool(int which)
{
    const auto tool = toolcommands::Tool(which);
    const SessionInfo s = agent();
    const QString dir = folder(s);
    if (s.id.isEmpty() || dir.isEmpty())
        return;
    const bool editor = tool == toolcommands::Tool::Editor;
    const QString title =
        editor ? tr("Could not open the editor") : tr("Could not open a terminal");
    const QStringList command = toolcommands::command(tool);
    if (command.isEmpty()) {
        showError(title, makeError(editor ? tr("No editor was found on this system.")
                                          : tr("No terminal was found on this system."),
                                   {}, tr("Set the command in Settings (Editor and Terminal).")));
        return;
    }
    LaunchRequest request;
    request.arguments = expandDirPlaceholder(command, dir);
    request.workingDir = dir;
    auto *watcher = new QFutureWatcher<Result<LaunchOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, title, name = s.name] {
        watcher->deleteLater();
        const Result<LaunchOutcome> outcome = watcher->result();
        if (!outcome) {
            Error e = outcome.error();
            if (e.hint.isEmpty())
                e.hint = tr("Check the command in Settings (Editor and Terminal).");
            showError(title, e);
            return;
        }
        Q_EMIT statusMessage(tr("Opened the folder of %1.").arg(name));
    });
    watcher->setFuture(launchDetached(request));
}

void AgentActions::openFolder()
{
    const SessionInfo s = agent();
    const QString dir = folder(s);
    if (s.id.isEmpty() || dir.isEmpty())
        return;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        showError(tr("Could not open the folder"),
                  makeError(tr("The desktop did not open %1 in a file manager.").arg(dir), {},
                            tr("Check which application opens folders (xdg-mime query default "
                               "inode/directory).")));
}

PushDialog *AgentActions::showPush()
{
    const SessionInfo s = agent();
    if (s.id.isEmpty() || s.branch.isEmpty())
        return nullptr;
    const Result<QStringList> remotes = listRemotes(agentGitDir(s));
    if (!remotes || remotes->isEmpty()) {
        showError(tr("Nothing to push to"),
                  remotes ? makeError(tr("The repository of %1 has no remote.").arg(s.name), s.repo,
                                      tr("Add one in the repository (git remote add origin URL), "
                                         "then push again."))
                          : remotes.error());
        return nullptr;
    }
    auto *dialog = new PushDialog(s, *remotes, m_git, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void AgentActions::showPullRequest()
{
    const SessionInfo s = agent();
    if (s.id.isEmpty() || s.branch.isEmpty() || m_gh.isEmpty())
        return;
    const Result<QStringList> remotes = listRemotes(agentGitDir(s));
    // The branch it would merge into (the repository's current branch, as Review shows), then
    // the agent's latest results for the description.
    QPointer<AgentActions> self(this);
    m_client->reviewTarget(s.id, QString(), [self, s, remotes](const Result<QJsonObject> &target) {
        if (!self)
            return;
        const QString base =
            target ? target->value(QStringLiteral("target")).toString() : QString();
        self->m_client->fetchTail(
            s.id, kResultEvents, [self, s, base, remotes](const QList<StoredEvent> &events) {
                if (!self)
                    return;
                QStringList results;
                for (const StoredEvent &e : events) {
                    if (e.kind != QStringLiteral("result"))
                        continue;
                    const ResultInfo r = parseResult(QJsonDocument::fromJson(e.raw).object());
                    if (!r.isError && !r.text.trimmed().isEmpty())
                        results << r.text;
                }
                // A base that is a commit id (a detached HEAD) is no branch to merge into.
                static const QRegularExpression sha(QStringLiteral("^[0-9a-f]{40}$"));
                auto *dialog = new PullRequestDialog(
                    s, sha.match(base).hasMatch() ? QString() : base,
                    draftPullRequest(s.name, s.branch, s.task, results),
                    remotes ? *remotes : QStringList{}, {self->m_git, self->m_gh}, self->m_window);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->open();
                Q_EMIT self->pullRequestDialogOpened(dialog);
            });
    });
}

} // namespace chorus
