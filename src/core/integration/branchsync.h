#pragma once

#include "integration/agentbranch.h"
#include "integration/queueitem.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

// What a sync did, one item per agent.
struct SyncReport
{
    bool rebase = false;
    QList<QueueItem> items;

    QJsonObject toJson() const;
};

// Checkpoints each agent, then brings `target` (empty: the repository's current branch) into
// its branch. A conflict leaves that agent's branch as it was. Runs on the git executor's
// thread over a snapshot of the agents.
QList<QueueItem> runSync(const QList<AgentBranch> &agents, const QString &target, bool rebase);

} // namespace chorus
