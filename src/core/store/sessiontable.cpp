#include "store/sessiontable.h"

#include "store/database.h"
#include "store/storecommon_p.h"

#include <QJsonDocument>

namespace chorus {

namespace {
const char *kSessionColumns =
    "id, name, role, task, dir, model, state, state_detail, claude_session_id, pid, turns,"
    " input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, created_at,"
    " started_at, ended_at, error, restarts, options, repo, branch, worktree, head, base_commit,"
    " warning";

SessionInfo sessionFromQuery(const QSqlQuery &q)
{
    SessionInfo s;
    int i = 0;
    s.id = q.value(i++).toString();
    s.name = q.value(i++).toString();
    s.role = q.value(i++).toString();
    s.task = q.value(i++).toString();
    s.dir = q.value(i++).toString();
    s.model = q.value(i++).toString();
    s.state = stateFromName(q.value(i++).toString());
    s.stateDetail = q.value(i++).toString();
    s.claudeSessionId = q.value(i++).toString();
    s.pid = q.value(i++).toLongLong();
    s.turns = q.value(i++).toInt();
    s.tokens.input = q.value(i++).toLongLong();
    s.tokens.output = q.value(i++).toLongLong();
    s.tokens.cacheRead = q.value(i++).toLongLong();
    s.tokens.cacheWrite = q.value(i++).toLongLong();
    s.costUsd = q.value(i++).toDouble();
    s.createdAt = q.value(i++).toString();
    s.startedAt = q.value(i++).toString();
    s.endedAt = q.value(i++).toString();
    s.error = q.value(i++).toString();
    s.restarts = q.value(i++).toInt();
    s.options = QJsonDocument::fromJson(q.value(i++).toByteArray()).object();
    s.branchState = BranchState::takeFrom(s.options);
    s.repo = q.value(i++).toString();
    s.branch = q.value(i++).toString();
    s.worktree = q.value(i++).toString();
    s.head = q.value(i++).toString();
    s.baseCommit = q.value(i++).toString();
    s.warning = q.value(i++).toString();
    return s;
}

void bindSession(QSqlQuery &q, const SessionInfo &s)
{
    q.addBindValue(notNull(s.id));
    q.addBindValue(notNull(s.name));
    q.addBindValue(notNull(s.role));
    q.addBindValue(notNull(s.task));
    q.addBindValue(notNull(s.dir));
    q.addBindValue(notNull(s.model));
    q.addBindValue(stateName(s.state));
    q.addBindValue(notNull(s.stateDetail));
    q.addBindValue(notNull(s.claudeSessionId));
    q.addBindValue(s.pid);
    q.addBindValue(s.turns);
    q.addBindValue(s.tokens.input);
    q.addBindValue(s.tokens.output);
    q.addBindValue(s.tokens.cacheRead);
    q.addBindValue(s.tokens.cacheWrite);
    q.addBindValue(s.costUsd);
    q.addBindValue(notNull(s.createdAt));
    q.addBindValue(nullable(s.startedAt));
    q.addBindValue(nullable(s.endedAt));
    q.addBindValue(notNull(s.error));
    q.addBindValue(s.restarts);
    q.addBindValue(QJsonDocument(s.optionsWithBranchState()).toJson(QJsonDocument::Compact));
    q.addBindValue(notNull(s.repo));
    q.addBindValue(notNull(s.branch));
    q.addBindValue(notNull(s.worktree));
    q.addBindValue(notNull(s.head));
    q.addBindValue(notNull(s.baseCommit));
    q.addBindValue(notNull(s.warning));
}
} // namespace

Status SessionTable::insert(const SessionInfo &s)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("INSERT INTO sessions (") + QLatin1String(kSessionColumns) +
              QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindSession(q, s);
    if (!q.exec())
        return queryError(q, s.id);
    return Ok{};
}

Status SessionTable::update(const SessionInfo &s)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("REPLACE INTO sessions (") + QLatin1String(kSessionColumns) +
              QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindSession(q, s);
    if (!q.exec())
        return queryError(q, s.id);
    return Ok{};
}

Status SessionTable::remove(const QString &id)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, id);
    return Ok{};
}

QList<SessionInfo> SessionTable::list() const
{
    QList<SessionInfo> out;
    QSqlQuery q(m_db->db());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT ") + QLatin1String(kSessionColumns) +
               QStringLiteral(" FROM sessions ORDER BY created_at, rowid"))) {
        while (q.next())
            out.append(sessionFromQuery(q));
    }
    return out;
}

Result<SessionInfo> SessionTable::get(const QString &id) const
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kSessionColumns) +
              QStringLiteral(" FROM sessions WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, id);
    if (!q.next())
        return makeError(QCoreApplication::translate("chorus::SessionStore", "no such session"), id);
    return sessionFromQuery(q);
}

} // namespace chorus
