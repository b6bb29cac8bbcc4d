#include "store/approvalstore.h"

#include "store/database.h"
#include "store/storecommon_p.h"

#include <QJsonDocument>

namespace chorus {

namespace {
ApprovalInfo approvalFromQuery(const QSqlQuery &q)
{
    ApprovalInfo a;
    a.id = q.value(0).toLongLong();
    a.sessionId = q.value(1).toString();
    a.requestId = q.value(2).toString();
    a.toolName = q.value(3).toString();
    a.input = QJsonDocument::fromJson(q.value(4).toByteArray()).object();
    a.description = q.value(5).toString();
    a.state = q.value(6).toString();
    a.forSession = q.value(7).toBool();
    a.message = q.value(8).toString();
    a.createdAt = q.value(9).toString();
    a.answeredAt = q.value(10).toString();
    return a;
}
} // namespace

Result<qint64> ApprovalStore::insert(const ApprovalInfo &a)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO approvals (session_id, request_id, tool_name, input, description, state,"
        " for_session, message, created_at, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(notNull(a.sessionId));
    q.addBindValue(notNull(a.requestId));
    q.addBindValue(notNull(a.toolName));
    q.addBindValue(QJsonDocument(a.input).toJson(QJsonDocument::Compact));
    q.addBindValue(notNull(a.description));
    q.addBindValue(notNull(a.state));
    q.addBindValue(a.forSession ? 1 : 0);
    q.addBindValue(notNull(a.message));
    q.addBindValue(a.createdAt.isEmpty() ? nowUtc() : a.createdAt);
    q.addBindValue(nullable(a.answeredAt));
    if (!q.exec())
        return queryError(q, a.sessionId);
    return q.lastInsertId().toLongLong();
}

Status ApprovalStore::update(const ApprovalInfo &a)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("UPDATE approvals SET state = ?, for_session = ?, message = ?,"
                             " answered_at = ? WHERE id = ?"));
    q.addBindValue(notNull(a.state));
    q.addBindValue(a.forSession ? 1 : 0);
    q.addBindValue(notNull(a.message));
    q.addBindValue(nullable(a.answeredAt));
    q.addBindValue(a.id);
    if (!q.exec())
        return queryError(q, a.sessionId);
    return Ok{};
}

QList<ApprovalInfo> ApprovalStore::list(const QString &sessionId, bool pendingOnly) const
{
    QString sql = QStringLiteral(
        "SELECT id, session_id, request_id, tool_name, input, description, state, for_session,"
        " message, created_at, answered_at FROM approvals WHERE 1=1");
    if (!sessionId.isEmpty())
        sql += QStringLiteral(" AND session_id = :sid");
    if (pendingOnly)
        sql += QStringLiteral(" AND state = 'pending'");
    sql += QStringLiteral(" ORDER BY id");
    QSqlQuery q(m_db->db());
    q.prepare(sql);
    if (!sessionId.isEmpty())
        q.bindValue(QStringLiteral(":sid"), sessionId);
    QList<ApprovalInfo> out;
    if (q.exec()) {
        while (q.next())
            out.append(approvalFromQuery(q));
    }
    return out;
}

} // namespace chorus
