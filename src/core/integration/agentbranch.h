#pragma once

#include "git/branchstatus.h"
#include "result.h"

#include <QList>
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
    // Its merges the engine recorded (see mergedState in git/branchstatus.h).
    QList<RecordedMerge> recordedMerges;
};

// Whether everything on the agent's branch is in `target` (mergedState: the one rule).
Result<Merged> isMerged(const AgentBranch &a, const QString &target);

} // namespace chorus
