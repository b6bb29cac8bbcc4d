#pragma once

#include "model/approvalinfo.h"
#include "result.h"

#include <QList>
#include <QString>

namespace chorus {

class Database;

// The approvals table: the permission requests of agents' tools and their answers.
class ApprovalStore
{
public:
    explicit ApprovalStore(Database *db) : m_db(db) {}

    // Returns the new approval's id.
    Result<qint64> insert(const ApprovalInfo &a);
    // Stores the answer: state, for_session, message, answered_at.
    Status update(const ApprovalInfo &a);
    // Of one session (empty: all), pending ones only or all, in order.
    QList<ApprovalInfo> list(const QString &sessionId = {}, bool pendingOnly = true) const;

private:
    Database *m_db;
};

} // namespace chorus
