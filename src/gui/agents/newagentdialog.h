#pragma once

#include "model/sessioninfo.h"
#include "result.h"

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui {
class NewAgentDialog;
}

namespace chorus {

class EngineClient;
class KnownRoles;

// Starts an agent: role, task, directory, optional name and model (forms/newagentdialog.ui).
// OK checks the form, asks the engine to spawn, and closes only when the engine agreed;
// an engine error stays in the dialog for the user to fix.
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

    void accept() override;

private:
    void fillRoles();
    void updateRoleDetails();
    bool validate();
    void setError(QLabel *label, const QString &message);
    void browse();
    void spawned(const Result<SessionInfo> &result);
    void setBusy(bool busy);

    std::unique_ptr<Ui::NewAgentDialog> m_ui;
    EngineClient *m_client;
    KnownRoles *m_roles;
    QString m_wantedRole;
    SessionInfo m_created;
    bool m_busy = false;
};

} // namespace chorus
