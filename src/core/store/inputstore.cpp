#include "store/inputstore.h"

#include "store/database.h"
#include "store/storecommon_p.h"

namespace chorus {

Result<qint64> InputStore::insert(const QString &sessionId, const QString &text)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO inputs (session_id, text, state, created_at) VALUES (?, ?, 'pending', ?)"));
    q.addBindValue(notNull(sessionId));
    q.addBindValue(text);
    q.addBindValue(nowUtc());
    if (!q.exec())
        return queryError(q, sessionId);
    return q.lastInsertId().toLongLong();
}

Status InputStore::markSent(qint64 id)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("UPDATE inputs SET state = 'sent', sent_at = ? WHERE id = ?"));
    q.addBindValue(nowUtc());
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, QString::number(id));
    return Ok{};
}

Status InputStore::markPending(qint64 id)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("UPDATE inputs SET state = 'pending', sent_at = NULL WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, QString::number(id));
    return Ok{};
}

Status InputStore::dropPending(const QString &sessionId)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "UPDATE inputs SET state = 'dropped' WHERE session_id = ? AND state = 'pending'"));
    q.addBindValue(notNull(sessionId));
    if (!q.exec())
        return queryError(q, sessionId);
    return Ok{};
}

QString InputStore::text(qint64 id) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("SELECT text FROM inputs WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QList<QPair<qint64, QString>> InputStore::pending(const QString &sessionId) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "SELECT id, text FROM inputs WHERE session_id = ? AND state = 'pending' ORDER BY id"));
    q.addBindValue(notNull(sessionId));
    QList<QPair<qint64, QString>> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toLongLong(), q.value(1).toString()});
    }
    return out;
}

} // namespace chorus
