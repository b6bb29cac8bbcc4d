#pragma once

#include "result.h"

#include <QString>

namespace chorus {

// Where an agent works when it is isolated: its own branch and worktree.
struct AgentWorkspace
{
    QString repo;       // the user's repository (work tree root)
    QString repoId;     // GitRepository::id()
    QString branch;     // chorus/<agent-name>
    QString worktree;   // <worktreesRoot>/<repo-id>/<agent-name>
    QString baseCommit; // what the branch started from
};

// Creates branch chorus/<agentName> (made unique if taken) at `base` (default: the current
// branch's head) and a worktree for it under worktreesRoot/<repo-id>/<agentName>, then
// copies the files listed in the repository's .worktreeinclude. The user's own work tree is
// never touched. On failure nothing is left behind (no branch, no directory).
Result<AgentWorkspace> createAgentWorkspace(const QString &repoPath, const QString &agentName,
                                            const QString &base, const QString &worktreesRoot);

// Commits everything the agent changed in its worktree on its branch. Returns the new head,
// or an empty string when nothing changed.
Result<QString> checkpointWorkspace(const QString &worktree, const QString &role,
                                    const QString &agentName, const QString &summary);

} // namespace chorus
