#pragma once

#include "model/sessioninfo.h"

#include <QString>

namespace chorus {

// What can be done to an agent now: the one rule behind the toolbar, the Agent menu, the agent
// list's context menu and the console's header, so they agree on what is enabled.
struct AgentCommands
{
    bool known = false;     // the engine knows the agent (and is reachable)
    bool interrupt = false; // a turn is in flight
    bool stop = false;      // it has (or may get) a process
    bool resume = false;    // idle or ended, and its worktree is still there
    bool send = false;      // it takes follow-ups (its worktree is still there)
    bool review = false;    // it has a branch of its own that was not cleaned up
    bool archive = false;   // it has a worktree that can be cleaned up
    QString blocked;        // why resume and send are off (a cleaned worktree), or empty
    QString archiveBlocked; // why archive is off, or empty

    static AgentCommands of(const SessionInfo &agent, bool connected);
};

} // namespace chorus
