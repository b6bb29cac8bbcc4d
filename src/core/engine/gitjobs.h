#pragma once

#include "git/merge.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace chorus {

// The git work of the merge queue, sync and clean, as plain functions over a snapshot of the
// agents taken on the engine's thread. They run on a worker thread; the engine records what
// they return. None of them touches an agent that is busy (a turn in flight).

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

// One agent's line in a queue's report.
struct QueueItem
{
    QString sessionId, name, branch, repo;
    // merged, up-to-date, conflict, check-failed, refused, waiting-review, busy, error
    QString state;
    QString message;
    QString checkpoint; // a commit made of uncommitted work before anything else
    QString warning;    // e.g. its worktree folder is no longer a worktree (not checkpointed)
    bool attempted = false;
    MergeOutcome outcome;

    QJsonObject toJson() const;
};

enum class QueueStrategy { Review, Auto, Squash, Rebase };
std::optional<QueueStrategy> queueStrategyFromName(const QString &name);
QString queueStrategyName(QueueStrategy s);

struct MergeQueueRequest
{
    QueueStrategy strategy = QueueStrategy::Auto;
    QString target;    // empty: each repository's current branch
    QStringList check; // argv; empty: no check
    QString checkRoot; // where checks' temporary worktrees go
    QStringList checkEnvironment; // NAME=value: the environment checks run with
    bool dryRun = false; // only forecast: nothing moves
    Resolutions resolutions; // for a single agent's conflicts
};

// Merges the agents one at a time, in order, each on top of the previous ones.
QList<QueueItem> runMergeQueue(const QList<AgentBranch> &agents, const MergeQueueRequest &req,
                               const std::atomic_bool *cancel = nullptr);

// Checkpoints each agent, then brings `target` (empty: the repository's current branch) into
// its branch. A conflict leaves that agent's branch as it was.
QList<QueueItem> runSync(const QList<AgentBranch> &agents, const QString &target, bool rebase);

struct CleanItem
{
    QString sessionId, name, branch, worktree;
    QString state; // removed, kept, error
    bool merged = false;
    bool branchDeleted = false;
    QString archiveRef;
    QString savedRef; // the files of a folder that was no longer a worktree, committed there
    qint64 bytesFreed = 0;
    QString message;

    QJsonObject toJson() const;
};

// Removes the agents' worktrees. A merged branch is deleted with it; an unmerged one is kept
// unless `force`, and then its commits stay under refs/chorus/archive/. With `mergedOnly`, an
// unmerged agent is left entirely alone.
QList<CleanItem> runClean(const QList<AgentBranch> &agents, const QString &target, bool mergedOnly, bool force);

// Commit messages built from an agent's task and results.
QString mergeCommitMessage(const AgentBranch &a, const QString &target);
QString squashCommitMessage(const AgentBranch &a);

// Bytes of the regular files under `dir` (symlinks not followed).
qint64 diskUsage(const QString &dir);

} // namespace chorus
