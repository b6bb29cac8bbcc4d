#pragma once

#include "result.h"

#include <QHash>
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

// One conflicted path of a merge: its three versions (blob ids; empty where a side has none).
struct ConflictFile
{
    QString path;
    QString kind; // "content", "add/add", "modify/delete" (target changed, branch deleted),
                  // "delete/modify", "rename"
    QString ancestorPath, oursPath, theirsPath;
    QString ancestorBlob, oursBlob, theirsBlob;
    quint32 ancestorMode = 0, oursMode = 0, theirsMode = 0;

    // The names it goes by (path, the target's and the agent's), each once.
    QStringList names() const;
    QJsonObject toJson() const;
    static ConflictFile fromJson(const QJsonObject &o);
};

// Hand-made resolutions of conflicted paths: the content a path gets, or nullopt to delete it.
using Resolutions = QHash<QString, std::optional<QByteArray>>;
// Their form on the wire: {path: {"content": base64} | {"delete": true}}. Reading fails on an
// entry that is neither, naming its path in `badPath`.
QJsonObject resolutionsToJson(const Resolutions &resolutions);
std::optional<Resolutions> resolutionsFromJson(const QJsonObject &json, QString *badPath);

// Where a branch stands against its target, and whether it would merge cleanly now.
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

// Starts merging `branch` into the branch checked out at `worktree`, as `git merge` would:
// MERGE_HEAD is set and conflicted files get conflict markers. The next checkpoint of the
// worktree with no markers left commits the merge (see GitRepository::commitAll). Returns
// the conflicts (empty when it merged cleanly; the merge then still waits for that commit).
Result<QList<ConflictFile>> beginMerge(const QString &worktree, const QString &branch);

// Keeps a branch's commits reachable under refs/chorus/archive/<branch>/<UTC time> (before it
// is deleted). Returns the ref's name.
Result<QString> archiveBranch(const QString &repoPath, const QString &branch);

// The branch a merge goes into by default: the main work tree's current branch.
Result<QString> defaultMergeTarget(const QString &repoPath);

// The contents of a blob (for the three versions of a conflict).
Result<QByteArray> readBlob(const QString &repoPath, const QString &blobId);

} // namespace chorus
