#pragma once

#include "git/pullrequest.h"
#include "model/sessioninfo.h"
#include "result.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class PullRequestDialog;
}

namespace chorus {

class BranchPush;

// Open a pull request for an agent's branch (forms/pullrequestdialog.ui) with the user's `gh`:
// the title and description drafted from the agent's task and latest result, for editing
// first; optionally the branch pushed first (core/git/gitpush); then `gh pr create`
// (core/git/pullrequest), whose URL is shown as a link.
class PullRequestDialog : public QDialog
{
    Q_OBJECT
public:
    struct Programs
    {
        QString git = QStringLiteral("git");
        QString gh = QStringLiteral("gh");
    };

    PullRequestDialog(const SessionInfo &agent, const QString &base, const PullRequestDraft &draft,
                      const QStringList &remotes, const Programs &programs,
                      QWidget *parent = nullptr);
    ~PullRequestDialog() override;

    void create();
    QPushButton *createButton() const { return m_createButton; }
    QString statusText() const;
    QString url() const { return m_url; }

Q_SIGNALS:
    // The pull request's URL, or why there is none.
    void created(const chorus::Result<QString> &url);

protected:
    void reject() override;

private:
    void runGh();
    void fail(const Error &error);
    void setBusy(bool busy);
    void setStatus(const QString &text, const QColor &color);

    std::unique_ptr<Ui::PullRequestDialog> m_ui;
    SessionInfo m_agent;
    Programs m_programs;
    BranchPush *m_push;
    PullRequestCreator *m_creator;
    QPushButton *m_createButton;
    QString m_url;
};

} // namespace chorus
