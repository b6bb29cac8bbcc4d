#pragma once

#include "model/sessioninfo.h"

#include <QList>
#include <QStringList>

namespace chorus {

// What an engine killed with -9 can leave behind, removed when the next one starts (before
// any agent or git job runs), in the data directory and in the repositories its agents use:
//  - merge checks: their chorus-check/* branches and worktrees (under <dataDir>/checks);
//  - worktrees under <dataDir>/worktrees that no session owns (a spawn cut short) and their
//    chorus/* branches; whatever is in them or only on their branch is kept under
//    refs/chorus/archive/ first. A branch without such a worktree is never touched;
//  - stale lock and temporary files: a checkpoint's index.lock in an agent's worktree, a
//    temporary file of an atomic write in <dataDir>/review or <dataDir>/conflicts, role prompt
//    files in <dataDir>/prompts (rewritten at every launch).
// Returns one line per thing removed (or left alone for a reason the user should know).
QStringList sweepLeftovers(const QString &dataDir, const QList<SessionInfo> &sessions);

// Ends what the agents' tools left running (see toolprocesses.h): the CLI died with the last
// engine, the commands it had started did not. Runs first, so nothing writes in a worktree
// while the sweep and the recovery look at it. One line per agent.
QStringList endLeftoverToolProcesses(const QList<SessionInfo> &sessions);

} // namespace chorus
