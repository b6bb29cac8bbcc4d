#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <sys/types.h>

namespace chorus {

// Whatever an agent's CLI starts (its Bash tool's commands, and what they start, in process
// groups and sessions of their own) inherits this variable, set to the agent's session id. The
// CLI itself dies with the engine (PR_SET_PDEATHSIG) but what it started does not: it is found
// by this mark and ended when the CLI crashes, when the engine stops, and at the next start
// after a kill -9 (before anything else touches the agents' worktrees).
inline constexpr char kAgentProcessMark[] = "CHORUS_AGENT_SESSION";

// Processes of this user whose environment carries the mark of one of `sessionIds`
// (pid -> session id). Processes of other users (whose environment cannot be read) and
// zombies are not listed.
QHash<pid_t, QString> markedProcesses(const QSet<QString> &sessionIds);

// Sends SIGKILL to every process marked with one of `sessionIds`, again while new ones appear
// (a fork between the scan and the kill), a few rounds at most. Returns the count per session.
QHash<QString, int> endMarkedProcesses(const QSet<QString> &sessionIds);

} // namespace chorus
