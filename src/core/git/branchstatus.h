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

// Whether `commit` is `rev`'s commit or one of its ancestors (false when it is not in the
// repository at all).
Result<bool> reachableFrom(const QString &repoPath, const QString &commit, const QString &rev);

} // namespace chorus
