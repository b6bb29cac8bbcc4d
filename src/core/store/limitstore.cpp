#include "store/limitstore.h"

#include "store/database.h"
#include "store/storecommon_p.h"

#include <QJsonDocument>

namespace chorus {

Status LimitStore::addEvent(const LimitEventRecord &e)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO rate_limit_events (ts, profile, source, session_id, status, window,"
        " resets_at, utilization, detail) VALUES (?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(nowUtc());
    q.addBindValue(notNull(e.profile));
    q.addBindValue(notNull(e.source));
    q.addBindValue(notNull(e.sessionId));
    q.addBindValue(notNull(e.status));
    q.addBindValue(notNull(e.window));
    q.addBindValue(e.resetsAtMs);
    q.addBindValue(e.utilization >= 0 ? QVariant(e.utilization) : QVariant());
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return queryError(q, e.sessionId);
    return Ok{};
}

QList<LimitEventRecord> LimitStore::events(const QString &profile, int limit) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "SELECT profile, source, session_id, status, window, resets_at, utilization, detail"
        " FROM rate_limit_events WHERE ? = '' OR profile = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(notNull(profile));
    q.addBindValue(notNull(profile));
    q.addBindValue(limit);
    QList<LimitEventRecord> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        LimitEventRecord e;
        e.profile = q.value(0).toString();
        e.source = q.value(1).toString();
        e.sessionId = q.value(2).toString();
        e.status = q.value(3).toString();
        e.window = q.value(4).toString();
        e.resetsAtMs = q.value(5).toLongLong();
        e.utilization = q.value(6).isNull() ? -1 : q.value(6).toDouble();
        e.detail = QJsonDocument::fromJson(q.value(7).toByteArray()).object();
        out.append(e);
    }
    return out;
}

Status LimitStore::saveProfile(const QString &profile, const QJsonObject &state)
{
    QSqlQuery q(m_db->db());
    q.prepare(
        QStringLiteral("INSERT INTO limit_profiles (profile, state, updated_at) VALUES (?,?,?)"
                       " ON CONFLICT(profile) DO UPDATE SET state = excluded.state, updated_at = "
                       "excluded.updated_at"));
    q.addBindValue(notNull(profile));
    q.addBindValue(QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact)));
    q.addBindValue(nowUtc());
    if (!q.exec())
        return queryError(q, profile);
    return Ok{};
}

QList<QJsonObject> LimitStore::profiles() const
{
    QSqlQuery q(m_db->db());
    QList<QJsonObject> out;
    if (!q.exec(QStringLiteral("SELECT state FROM limit_profiles ORDER BY profile")))
        return out;
    while (q.next())
        out.append(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
    return out;
}

} // namespace chorus
