#include "store/usagestore.h"

#include "agent/streamevent.h"
#include "store/database.h"
#include "store/storecommon_p.h"

namespace chorus {

Status UsageStore::insert(const QString &sessionId, const QString &role, const ResultInfo &r)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO usage (session_id, ts, role, model, input_tokens, output_tokens,"
        " cache_read_tokens, cache_write_tokens, cost_usd, duration_ms, is_error, wasted)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(notNull(sessionId));
    q.addBindValue(nowUtc());
    q.addBindValue(notNull(role));
    q.addBindValue(notNull(r.model));
    q.addBindValue(r.tokens.input);
    q.addBindValue(r.tokens.output);
    q.addBindValue(r.tokens.cacheRead);
    q.addBindValue(r.tokens.cacheWrite);
    q.addBindValue(r.costUsd);
    q.addBindValue(r.durationMs);
    q.addBindValue(r.isError ? 1 : 0);
    // Spent on a turn that ended on a limit without a result ("wasted spend").
    q.addBindValue(isUsageLimit(r) || isApiRateLimit(r) ? 1 : 0);
    if (!q.exec())
        return queryError(q, sessionId);
    return Ok{};
}

UsageStore::Wasted UsageStore::wastedSince(const QString &sinceUtc) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral(
        "SELECT count(*), coalesce(sum(input_tokens + output_tokens + cache_read_tokens +"
        " cache_write_tokens), 0), coalesce(sum(cost_usd), 0) FROM usage WHERE wasted = 1 AND ts "
        ">= ?"));
    q.addBindValue(sinceUtc);
    Wasted w;
    if (q.exec() && q.next()) {
        w.turns = q.value(0).toInt();
        w.tokens = q.value(1).toLongLong();
        w.costUsd = q.value(2).toDouble();
    }
    return w;
}

double UsageStore::costSince(const QString &sinceUtc) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("SELECT coalesce(sum(cost_usd), 0) FROM usage WHERE ts >= ?"));
    q.addBindValue(sinceUtc);
    return (q.exec() && q.next()) ? q.value(0).toDouble() : 0.0;
}

} // namespace chorus
