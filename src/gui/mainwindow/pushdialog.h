#pragma once

#include "model/sessioninfo.h"
#include "result.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class PushDialog;
}

namespace chorus {

class BranchPush;

// Push an agent's branch (forms/pushdialog.ui): the remote to push to (origin first), then what
// git and the remote say as it goes, the UI never waiting on it. The push is core/git/gitpush's
// BranchPush: the user's own git, so their credentials, SSH configuration and hooks apply.
class PushDialog : public QDialog
{
    Q_OBJECT
public:
    // `remotes` is not empty; `git` the program (tests put another there).
    PushDialog(const SessionInfo &agent, const QStringList &remotes, const QString &git,
               QWidget *parent = nullptr);
    ~PushDialog() override;

    void push();
    QPushButton *pushButton() const { return m_pushButton; }
    QString statusText() const;
    QString output() const;

Q_SIGNALS:
    void pushed(const chorus::Result<QString> &result);

protected:
    void reject() override;

private:
    void finished(const Result<QString> &result);
    void showProgress(const QString &line);

    std::unique_ptr<Ui::PushDialog> m_ui;
    SessionInfo m_agent;
    QString m_git;
    BranchPush *m_push;
    QPushButton *m_pushButton;
    QString m_lastProgress; // the counter the last line shows ("Writing objects"), if any
};

// The folder a git or gh command for this agent runs in: its worktree while it exists, else its
// repository.
QString agentGitDir(const SessionInfo &agent);

} // namespace chorus
