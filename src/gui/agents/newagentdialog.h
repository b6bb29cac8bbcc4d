#pragma once

#include "git/repositoryinfo.h"
#include "model/requests.h"
#include "model/sessioninfo.h"
#include "result.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

#include <memory>

class QLabel;
class QTimer;

namespace Ui {
class NewAgentDialog;
}

namespace chorus {

class EngineClient;
class KnownRoles;

// Starts an agent: role, task, folder, base branch, optional name and model
// (forms/newagentdialog.ui). It starts in the last repository used (an empty field with a hint
// on first use), says whether the folder is a git repository and which branch the agent starts
// from (read off the UI thread), and asks before a role that edits works in a folder in place.
// Start (or Ctrl+Enter) checks the form, asks the engine to spawn, and closes only when the
// engine agreed; an engine error stays in the dialog for the user to fix.
class NewAgentDialog : public QDialog
{
    Q_OBJECT
public:
    NewAgentDialog(EngineClient *client, KnownRoles *roles, QWidget *parent = nullptr);
    ~NewAgentDialog() override;

    void setRole(const QString &role);
    void setTask(const QString &task);
    void setDirectory(const QString &dir);

    // The session the engine created (after accepted()).
    SessionInfo createdSession() const { return m_created; }
    // What was last sent to the engine (for tests).
    SpawnRequest lastRequest() const { return m_request; }
    // What is known of the folder now; `known` false while it is being read.
    RepositoryInfo repository() const { return m_repo; }
    bool isRepositoryKnown() const { return m_repoKnown; }
    QString repositoryText() const;
    // The "edit in place?" question while it is open.
    QMessageBox *confirmation() const { return m_confirm; }

    void accept() override;

Q_SIGNALS:
    // The folder has been read (repository() is current).
    void repositoryChecked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillRoles();
    void updateRoleDetails();
    bool validate();
    void setError(QLabel *label, const QString &message);
    void browse();
    void checkDirectory();
    void repositoryRead(const RepositoryInfo &info);
    void updateRepositoryStatus();
    QString folder() const;
    bool worksInPlace() const;
    void confirmInPlace(SpawnRequest request);
    void send(const SpawnRequest &request);
    void spawned(const Result<SessionInfo> &result);
    void setBusy(bool busy, const QString &text = {});

    std::unique_ptr<Ui::NewAgentDialog> m_ui;
    EngineClient *m_client;
    KnownRoles *m_roles;
    QString m_wantedRole;
    SessionInfo m_created;
    SpawnRequest m_request;
    RepositoryInfo m_repo;
    bool m_repoKnown = false;
    int m_repoGeneration = 0;
    QTimer *m_checkTimer;
    QPointer<QMessageBox> m_confirm;
    bool m_busy = false;
    bool m_acceptWhenKnown = false; // Start was pressed while the folder was being read
};

} // namespace chorus
