#pragma once

#include "git/merge.h"
#include "integration/agentbranch.h"
#include "integration/queueitem.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace chorus {

// The merge queue, as a plain function over a snapshot of the agents taken on the engine's
// thread. It runs on the git executor's thread; the engine records what it returns.

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

// What a merge queue did (or, with dryRun, would do), one item per agent in order.
struct MergeQueueReport
{
    QueueStrategy strategy = QueueStrategy::Auto;
    bool dryRun = false;
    QList<QueueItem> items;

    QJsonObject toJson() const;
};

// Merges the agents one at a time, in order, each on top of the previous ones.
QList<QueueItem> runMergeQueue(const QList<AgentBranch> &agents, const MergeQueueRequest &req,
                               const std::atomic_bool *cancel = nullptr);

// Commit messages built from an agent's task and results.
QString mergeCommitMessage(const AgentBranch &a, const QString &target);
QString squashCommitMessage(const AgentBranch &a);

} // namespace chorus
