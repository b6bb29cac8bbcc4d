#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

class Database;

// A merge or sync of an agent's branch: `kind` "merge" or "sync"; `detail` the outcome.
struct MergeRecord
{
    qint64 id = 0;
    QString sessionId, ts, kind, strategy, branch, target, state, targetBefore, targetAfter;
    QJsonObject detail; // the outcome as the merge reported it (MergeOutcome::toJson)
    // The agent's commit that was merged (or tried), from the detail.
    QString branchHead() const { return detail.value(QLatin1String("branchHead")).toString(); }
    QJsonObject toJson() const;
};

// The merges table: every merge and sync of agents' branches, with its outcome.
class MergeStore
{
public:
    explicit MergeStore(Database *db) : m_db(db) {}

    // Returns the new record's id.
    Result<qint64> insert(const MergeRecord &m);
    // A session's merges and syncs, oldest first.
    QList<MergeRecord> list(const QString &sessionId) const;

private:
    Database *m_db;
};

} // namespace chorus
