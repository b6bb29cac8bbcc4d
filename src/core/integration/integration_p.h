#pragma once

// Shared by the integration work of src/core/integration (mergequeue.cpp, branchsync.cpp,
// cleanup.cpp): an agent's report line, its worktree checked and checkpointed, the branch it
// goes into. Private to chorus-core (never included outside src/core/integration).

#include "git/merge.h"
#include "integration/agentbranch.h"
#include "integration/queueitem.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace chorus {

// The translation context of the integration work's messages (kept from when it was one file).
class JobText
{
    Q_DECLARE_TR_FUNCTIONS(GitJobs)
};

QueueItem itemFor(const AgentBranch &a);

// The agent's worktree folder is there but git cannot use it as a worktree any more (its .git
// file or git's record of it deleted, or a removal cut short): nothing in it can be committed.
bool wedged(const AgentBranch &a);
QString wedgedWarning(const AgentBranch &a);

// Commits whatever the agent left uncommitted (its turn-end checkpoint normally has). With
// `skipped`, a worktree folder git no longer knows is passed over with a warning there.
bool checkpointFirst(const AgentBranch &a, QueueItem *item, QString *skipped = nullptr);

// The branch to merge into: `given`, else the repository's current branch (looked up once per
// repository of a run: `known` keeps them). Sets the item's error when there is none.
bool targetFor(const AgentBranch &a, const QString &given, QueueItem *item, QString *target,
               QHash<QString, QString> *known);

// What a merge or sync did, in a sentence.
QString describe(const MergeOutcome &o);

} // namespace chorus
