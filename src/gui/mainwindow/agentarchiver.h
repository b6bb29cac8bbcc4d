#pragma once

#include "result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;

namespace chorus {

class EngineClient;
struct SessionInfo;

// Archive…: stops the agent, removes its worktree with the engine's clean (agents.clean, what
// `chorus clean` runs, with its safety), and leaves it to History. A merged agent goes without a
// question; an unmerged one only after the user read that its branch is kept (with all its
// commits), so nothing of its work is lost. The questions are window-modal message boxes, so the
// GUI goes on meanwhile.
class AgentArchiver : public QObject
{
    Q_OBJECT
public:
    AgentArchiver(EngineClient *client, QWidget *parent);

    void archive(const QString &sessionId);
    // The question in front (objectName "archiveStopQuestion" for a working agent,
    // "archiveUnmergedQuestion" for an unmerged branch), or nullptr.
    QMessageBox *question() const { return m_question; }

Q_SIGNALS:
    // Its worktree is gone; `summary` says what became of its branch.
    void archived(const QString &sessionId, const QString &summary);
    // Nothing was archived: why (the engine's message), for the user.
    void failed(const QString &sessionId, const QString &message);

private:
    void stopThenClean(const SessionInfo &agent);
    void clean(const QString &sessionId, bool all);
    void onReport(const QString &sessionId, bool all, const Result<QJsonObject> &report);
    void askUnmerged(const SessionInfo &agent);
    QMessageBox *ask(const QString &objectName, const QString &title, const QString &text,
                     const QString &details, const QString &yes, std::function<void()> go);

    EngineClient *m_client;
    QWidget *m_parent;
    QPointer<QMessageBox> m_question;
};

} // namespace chorus
