#pragma once

#include "git/conflict.h"
#include "result.h"

#include <QList>
#include <QString>

namespace chorus {

// Where a branch stands against its target, and whether it would merge cleanly now: the merge
// is built in memory (no work tree is touched) and nothing is written. Opens its own
// repository handle: any thread may call it.
struct BranchStatus
{
    QString branch, target;
    QString head, targetHead, mergeBase;
    int ahead = 0;  // commits on the branch that the target lacks
    int behind = 0; // commits on the target that the branch lacks
    // Everything the branch changed is in the target: its head is reachable from the target,
    // or (`contained`) merging it would change nothing, as after a squash or rebase merge.
    bool merged = false;
    bool contained = false;
    bool clean = true;   // a merge now would have no conflicts
    QList<ConflictFile> conflicts;
};
Result<BranchStatus> branchStatus(const QString &repoPath, const QString &branch, const QString &target);

// A merge the engine recorded: the branch's `branchHead` was merged into `target`, whose commit
// `targetCommit` holds it.
struct RecordedMerge
{
    QString target, branchHead, targetCommit;
};

// The one rule for "merged", used by the engine (clean --merged) and by Review (its forecast):
// everything on the branch is in the target by history (its head is in the target's history),
// by content (merging it would change nothing), or by a recorded merge of its current head into
// that target whose commit the target still holds — after a squash or rebase merge its commits
// are not in the target, and once the target changes the same lines a merge would not be empty.
enum class Merged { No, ByHistory, ByContent };
Merged mergedState(const QString &repoPath, const BranchStatus &status,
                   const QList<RecordedMerge> &records);

// Whether `commit` is `rev`'s commit or one of its ancestors (false when it is not in the
// repository at all).
Result<bool> reachableFrom(const QString &repoPath, const QString &commit, const QString &rev);

} // namespace chorus
