// AgentSession: permission requests of its CLI, turned into approvals and answered.
#include "engine/agentsession.h"

#include "store/database.h"
#include "store/sessionstore.h"

#include <QJsonArray>

namespace chorus {

void AgentSession::handlePermissionRequest(const StreamEvent &ev)
{
    ToolPermissionRequest req;
    if (!parseToolPermissionRequest(ev.json, &req))
        return; // other control requests are not used by Chorus
    ApprovalInfo a;
    a.sessionId = m_info.id;
    a.requestId = req.requestId;
    a.toolName = req.toolName;
    a.input = req.input;
    a.description = req.description;
    a.createdAt = nowUtc();
    if (m_sessionAllowedTools.contains(req.toolName)) {
        a.state = QStringLiteral("allowed");
        a.forSession = true;
        a.message = tr("allowed for this session");
        a.answeredAt = a.createdAt;
        if (Result<qint64> id = m_store->insertApproval(a))
            a.id = *id;
        m_process->sendControlResponse(req.requestId,
                                       QJsonObject{{QStringLiteral("behavior"), QStringLiteral("allow")},
                                                   {QStringLiteral("updatedInput"), req.input}});
        liveToolApproved(a.toolName, a.input); // the live line: running, not waiting for you
        Q_EMIT approvalChanged(a);
        return;
    }
    if (Result<qint64> id = m_store->insertApproval(a))
        a.id = *id;
    m_liveRequests.insert(req.requestId);
    setState(SessionState::Waiting, QStringLiteral("approval"));
    Q_EMIT approvalChanged(a);
}

void AgentSession::cancelApprovals(const QString &why, const QString &requestId)
{
    for (ApprovalInfo a : pendingApprovals()) {
        if (!requestId.isEmpty() && a.requestId != requestId)
            continue;
        a.state = QStringLiteral("cancelled");
        a.message = why;
        a.answeredAt = nowUtc();
        m_store->updateApproval(a);
        m_liveRequests.remove(a.requestId);
        Q_EMIT approvalChanged(a);
    }
}

QList<ApprovalInfo> AgentSession::pendingApprovals() const
{
    return m_store->approvals(m_info.id, true);
}

Status AgentSession::answer(qint64 approvalId, bool allow, bool forSession, const QString &message)
{
    const QList<ApprovalInfo> pending = pendingApprovals();
    auto it = std::find_if(pending.begin(), pending.end(),
                           [&](const ApprovalInfo &a) { return a.id == approvalId; });
    if (it == pending.end())
        return makeError(tr("no pending approval request %1").arg(approvalId), m_info.name,
                         tr("See `chorus status` for the open requests."));
    ApprovalInfo a = *it;
    if (!processAlive() || !m_liveRequests.contains(a.requestId)) {
        // Asked by a process that has ended (an engine restart, a crash): nobody waits for the
        // answer any more, so it must not look as if it had been given.
        cancelApprovals(tr("the process that asked has ended"), a.requestId);
        return makeError(tr("the request was made by a process that has ended; it can no longer be "
                            "answered (it is now cancelled)"),
                         m_info.name, tr("If the agent asks again, answer the new request."));
    }
    QJsonObject response;
    if (allow) {
        response = {{QStringLiteral("behavior"), QStringLiteral("allow")},
                    {QStringLiteral("updatedInput"), a.input}};
        if (forSession)
            m_sessionAllowedTools.insert(a.toolName);
    } else {
        response = {{QStringLiteral("behavior"), QStringLiteral("deny")},
                    {QStringLiteral("message"),
                     message.isEmpty() ? tr("The user denied this in Chorus.") : message}};
    }
    if (!m_process->sendControlResponse(a.requestId, response))
        return makeError(tr("could not write to the agent's process"), m_info.name);
    m_liveRequests.remove(a.requestId);
    a.state = allow ? QStringLiteral("allowed") : QStringLiteral("denied");
    a.forSession = allow && forSession;
    a.message = message;
    a.answeredAt = nowUtc();
    m_store->updateApproval(a);
    note(QStringLiteral("approval"), a.toJson());
    Q_EMIT approvalChanged(a);
    if (allow)
        liveToolApproved(a.toolName, a.input);
    if (m_info.state == SessionState::Waiting && pendingApprovals().isEmpty())
        setState(SessionState::Running);
    persist();
    return Ok{};
}

} // namespace chorus
