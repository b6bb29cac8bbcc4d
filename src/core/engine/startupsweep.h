#pragma once

#include "engine/sessioninfo.h"

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
//    temporary file of an atomic write in <dataDir>/review or <dataDir>/conflicts.
// Returns one line per thing removed (or left alone for a reason the user should know).
QStringList sweepLeftovers(const QString &dataDir, const QList<SessionInfo> &sessions);

} // namespace chorus
