#pragma once

#include "result.h"

#include <QMultiHash>
#include <QPair>
#include <QString>
#include <QStringList>

namespace chorus {

// An agent's branch as the integration work sees it: a snapshot of the agent taken on the
// engine's thread, read on the git executor's thread. None of the work touches an agent that is
// busy (a turn in flight).
struct AgentBranch
{
    QString sessionId, name, role, task;
    QString repo, branch, worktree;
    bool busy = false;     // a turn is in flight or about to start
    bool processAlive = false; // its Claude process runs (idle or not)
    bool approved = false; // approved for merge in review (or with `chorus approve-merge`)
    QStringList results;   // the results of its turns, oldest first (only for squash messages)
    // Target branch -> (a head of this branch that was merged into it, the target's commit
    // that holds that merge), from the merge records. A squash-merged branch whose target has
    // since changed the same lines is still merged, while the target still has that commit.
    QMultiHash<QString, QPair<QString, QString>> mergedHeads;
};

// Whether everything on the agent's branch is in `target`: by history (its head is in the
// target's history), or by content (merging it would change nothing, or a recorded merge of its
// current head is still in the target) — after a squash or rebase, its commits are not.
enum class Merged { No, ByHistory, ByContent };
Result<Merged> isMerged(const AgentBranch &a, const QString &target);

} // namespace chorus
