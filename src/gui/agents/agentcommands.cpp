#include "agents/agentcommands.h"

#include "agents/sessionformat.h"

#include <QCoreApplication>

namespace chorus {

AgentCommands AgentCommands::of(const SessionInfo &s, bool connected)
{
    AgentCommands c;
    c.known = connected && !s.id.isEmpty();
    if (!c.known)
        return c;
    c.blocked = SessionFormat::cleanedNote(s);
    const bool cleaned = !c.blocked.isEmpty();
    c.interrupt = isActive(s.state);
    c.stop = !isFinal(s.state);
    c.resume = !cleaned && (s.state == SessionState::Idle || isFinal(s.state));
    c.send = !cleaned;
    c.review = !s.branch.isEmpty() && !cleaned;
    c.archive = !s.branch.isEmpty() && !s.worktree.isEmpty() && !cleaned;
    if (cleaned)
        c.archiveBlocked = c.blocked;
    else if (!c.archive)
        c.archiveBlocked =
            QCoreApplication::translate(
                "chorus::AgentCommands",
                "%1 works in place, without a worktree of its own: there is nothing to archive.")
                .arg(s.name);
    return c;
}

} // namespace chorus
