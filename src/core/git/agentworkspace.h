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

// Whether `folder` is the root of a git work tree (a worktree that git can still open: its
// .git file and git's record of it are both there).
bool isWorktreeFolder(const QString &folder);

// Keeps what is in `folder` (a worktree of the repository at repoPath that git no longer knows
// as one) as a commit on top of `branch` (or of the repository's HEAD when the branch is gone),
// under refs/chorus/archive/<branch>/<time>-folder; nothing on any branch moves. New and
// changed files are kept; files missing from the folder are not recorded as deleted (a
// removal cut short deleted them), nor files the repository ignores. Returns the ref, or an empty
// string when the folder holds nothing the branch does not.
Result<QString> saveFolder(const QString &repoPath, const QString &folder, const QString &branch,
                           const QString &message);

} // namespace chorus
