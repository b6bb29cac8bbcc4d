#pragma once

#include "model/sessioninfo.h"
#include "result.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QMessageBox;
class QWidget;

namespace chorus {

class EngineClient;
class PullRequestDialog;
class PushDialog;

// The everyday actions on the current agent's work: open its folder in the user's editor, a
// terminal or the file manager (settings/toolcommands; started with core/util/launcher, a quick
// failure shown with its exit code and output), copy its branch name or path, push its branch
// (PushDialog) and open a pull request with gh (PullRequestDialog). MainWindow puts them in its
// Agent menu and the agent list's context menu and tells them the current agent.
class AgentActions : public QObject
{
    Q_OBJECT
public:
    AgentActions(EngineClient *client, QWidget *window);

    void addToMenu(QMenu *menu) const;
    // For the agent list's context menu (appended to the main ones; nullptr: a separator).
    QList<QAction *> contextActions() const;
    // The agent the actions act on (empty: none) and whether the engine is reachable.
    void setAgent(const QString &sessionId, bool connected);

    // The git and gh programs (default: git and gh on PATH; an empty gh: not installed).
    void setPrograms(const QString &git, const QString &gh);
    QString ghProgram() const { return m_gh; }

    PushDialog *showPush();
    // The dialog opens once the agent's target branch and latest results are read.
    void showPullRequest();
    void openTool(int tool); // toolcommands::Tool
    void openFolder();

    // The last launch error shown (for tests), and its message box while open.
    QMessageBox *launchErrorBox() const { return m_errorBox; }

    QAction *openEditor;
    QAction *openTerminal;
    QAction *openFileManager;
    QAction *copyBranch;
    QAction *copyPath;
    QAction *pushBranch;
    QAction *pullRequest;

Q_SIGNALS:
    void statusMessage(const QString &text);
    void pullRequestDialogOpened(chorus::PullRequestDialog *dialog);

private:
    QAction *make(const QString &text, const QString &objectName);
    SessionInfo agent() const;
    QString folder(const SessionInfo &agent) const;
    void copy(const QString &text, const QString &what);
    void showError(const QString &title, const Error &error);

    EngineClient *m_client;
    QWidget *m_window;
    QString m_agentId;
    QString m_git;
    QString m_gh;
    QString m_prToolTip;
    QPointer<QMessageBox> m_errorBox;
};

} // namespace chorus
