#include "engine/agentsession.h"

#include "store/database.h"

namespace chorus {

LiveUpdate AgentSession::liveSnapshot() const
{
    LiveUpdate u = m_live.snapshot();
    u.sessionId = m_info.id;
    return u;
}

void AgentSession::beginLiveTurn()
{
    m_live.beginTurn(nowUtc());
    liveChanged();
}

void AgentSession::endLiveTurn()
{
    if (m_live.endTurn())
        liveChanged();
}

void AgentSession::liveToolApproved(const QString &tool, const QJsonObject &input)
{
    // The CLI says nothing between the answer and the tool's result: the tool runs now.
    if (m_live.isLive() && m_live.toolRuns(tool, input, nowUtc()))
        liveChanged();
}

void AgentSession::liveChanged()
{
    // The end of a turn goes out at once (a client clears what it shows); other changes at
    // most once per interval, the first of a quiet period at once.
    if (!m_live.hasUpdate())
        return;
    if (!m_live.isLive() || !m_liveTimer.isActive())
        sendLive();
}

void AgentSession::sendLive()
{
    LiveUpdate u = m_live.takeUpdate();
    u.sessionId = m_info.id;
    m_liveTimer.start();
    Q_EMIT liveUpdated(u);
}

} // namespace chorus
