#include "store/mergestore.h"

#include "store/database.h"
#include "store/storecommon_p.h"

#include <QJsonDocument>

namespace chorus {

QJsonObject MergeRecord::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("sessionId"), sessionId},
            {QStringLiteral("ts"), ts},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("strategy"), strategy},
            {QStringLiteral("branch"), branch},
            {QStringLiteral("target"), target},
            {QStringLiteral("state"), state},
            {QStringLiteral("targetBefore"), targetBefore},
            {QStringLiteral("targetAfter"), targetAfter},
            {QStringLiteral("detail"), detail}};
}

Result<qint64> MergeStore::insert(const MergeRecord &m)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("INSERT INTO merges (session_id, ts, kind, strategy, branch, target, state,"
                             " target_before, target_after, detail) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(notNull(m.sessionId));
    q.addBindValue(m.ts.isEmpty() ? nowUtc() : m.ts);
    q.addBindValue(notNull(m.kind));
    q.addBindValue(notNull(m.strategy));
    q.addBindValue(notNull(m.branch));
    q.addBindValue(notNull(m.target));
    q.addBindValue(notNull(m.state));
    q.addBindValue(notNull(m.targetBefore));
    q.addBindValue(notNull(m.targetAfter));
    q.addBindValue(QString::fromUtf8(QJsonDocument(m.detail).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return queryError(q, m.sessionId);
    return q.lastInsertId().toLongLong();
}

QList<MergeRecord> MergeStore::list(const QString &sessionId) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("SELECT id, session_id, ts, kind, strategy, branch, target, state, target_before,"
                             " target_after, detail FROM merges WHERE session_id = ? ORDER BY id"));
    q.addBindValue(sessionId);
    QList<MergeRecord> out;
    if (q.exec()) {
        while (q.next()) {
            MergeRecord m;
            m.id = q.value(0).toLongLong();
            m.sessionId = q.value(1).toString();
            m.ts = q.value(2).toString();
            m.kind = q.value(3).toString();
            m.strategy = q.value(4).toString();
            m.branch = q.value(5).toString();
            m.target = q.value(6).toString();
            m.state = q.value(7).toString();
            m.targetBefore = q.value(8).toString();
            m.targetAfter = q.value(9).toString();
            m.detail = QJsonDocument::fromJson(q.value(10).toByteArray()).object();
            out.append(m);
        }
    }
    return out;
}

} // namespace chorus
