#pragma once

#include "git/conflict.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace chorus {

// Merging agent branches into a target, and the target into agent branches (sync). Every
// candidate is built in memory first (no work tree is touched to find out whether it merges);
// a branch only ever moves by compare-and-swap from the value the candidate was built on, and
// a branch checked out in a work tree moves only when that work tree is clean, which is then
// updated with it. The functions open their own repository handle: any thread may call them.
// Where a branch stands without merging it: git/branchstatus.h; conflicts and their
// resolutions: git/conflict.h.

enum class MergeStrategy { Merge, Squash, Rebase };
std::optional<MergeStrategy> mergeStrategyFromName(const QString &name);
QString mergeStrategyName(MergeStrategy s);

struct MergeRequest
{
    QString repo;
    QString branch;      // what is merged (an agent's branch)
    QString target;      // a local branch; empty: the repository's current branch
    MergeStrategy strategy = MergeStrategy::Merge;
    QString message;     // the merge or squash commit's message
    QStringList check;   // a command run on the candidate before the target moves; empty: none
    // Hand-made resolutions of conflicted paths (merge and squash only): the content the path
    // gets, or nullopt to delete it. Every conflict must be resolved for the merge to go on;
    // a path that is not conflicted is an error. A rename conflict is resolved under whichever
    // of its names (ConflictFile::path, oursPath, theirsPath) the resolution is given for.
    Resolutions resolutions;
    QString checkRoot;   // where the check's temporary worktree is made
    QStringList checkEnvironment; // NAME=value entries the check runs with; empty: this process's
    int checkTimeoutMs = 30 * 60 * 1000;
};

struct MergeOutcome
{
    enum State { Merged, UpToDate, Conflict, CheckFailed, Refused };
    State state = Refused;
    QString branch, target;
    QString branchHead;                // the commit of `branch` that was merged (or tried)
    QString targetBefore, targetAfter; // targetAfter == targetBefore unless Merged
    QString candidate;                 // the commit that was (or would have been) the new target
    QList<ConflictFile> conflicts;
    QString conflictCommit; // rebase: the branch commit that did not apply
    QString reason;         // Refused / CheckFailed / Conflict: what happened and what to do
    bool checkRan = false;
    int checkExitCode = 0;
    QString checkOutput; // the check's stdout and stderr, interleaved, at most 1 MiB (the end)
    QString updatedWorkTree; // the work tree that had the target checked out and was updated

    QString stateName() const;
    QJsonObject toJson() const;
};

// Merges `branch` into `target` with the given strategy. Conflicts, failing checks and dirty
// work trees are outcomes, not errors: they leave every branch and work tree as it was. Errors
// are for bad input (unknown branch, no repository, a check that cannot start, ...).
Result<MergeOutcome> mergeBranch(const MergeRequest &req, const std::atomic_bool *cancel = nullptr);

// Brings `target` into `branch` (an agent's branch, usually checked out in its worktree): a
// merge commit, or with `rebase` the branch's own commits replayed on the target. On conflict
// the branch is left as it was. The outcome's target fields describe `branch` here.
Result<MergeOutcome> syncBranch(const QString &repoPath, const QString &branch, const QString &target,
                                bool rebase);

// Keeps a branch's commits reachable under refs/chorus/archive/<branch>/<UTC time> (before it
// is deleted). Returns the ref's name.
Result<QString> archiveBranch(const QString &repoPath, const QString &branch);

// The branch a merge goes into by default: the main work tree's current branch.
Result<QString> defaultMergeTarget(const QString &repoPath);

} // namespace chorus
