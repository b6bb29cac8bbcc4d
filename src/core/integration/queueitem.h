#pragma once

#include "git/merge.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

// One agent's line in the report of a merge queue or a sync.
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

QJsonArray toJson(const QList<QueueItem> &items);

} // namespace chorus
