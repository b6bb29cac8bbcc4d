#include "store/sessionstore.h"

#include "agent/streamevent.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace chorus {

namespace {
Error queryError(const QSqlQuery &q, const QString &where)
{
    return makeError(QCoreApplication::translate("chorus::SessionStore", "database error: %1")
                         .arg(q.lastError().text()),
                     where);
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// For NOT NULL text columns: a null QString would bind as SQL NULL.
QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

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
    q.addBindValue(QJsonDocument(s.options).toJson(QJsonDocument::Compact));
    q.addBindValue(notNull(s.repo));
    q.addBindValue(notNull(s.branch));
    q.addBindValue(notNull(s.worktree));
    q.addBindValue(notNull(s.head));
    q.addBindValue(notNull(s.baseCommit));
    q.addBindValue(notNull(s.warning));
}

StoredEvent eventFromQuery(const QSqlQuery &q)
{
    StoredEvent e;
    e.sessionId = q.value(0).toString();
    e.seq = q.value(1).toLongLong();
    e.ts = q.value(2).toString();
    e.kind = q.value(3).toString();
    e.subtype = q.value(4).toString();
    e.raw = q.value(5).toByteArray();
    return e;
}

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

// Events go in with multi-row INSERTs of this many rows (plus single rows for the rest):
// far fewer statement executions per batch.
constexpr int kEventRows = 32;

struct SessionStore::Private
{
    Database *db;
    QSqlQuery insertEvent;
    QSqlQuery insertEvents; // kEventRows rows
    QHash<QString, qint64> lastSeq;

    bool bindEvent(QSqlQuery &q, int row, const StoredEvent &e)
    {
        const int base = row * 6;
        q.bindValue(base + 0, e.sessionId);
        q.bindValue(base + 1, e.seq);
        q.bindValue(base + 2, e.ts);
        q.bindValue(base + 3, notNull(e.kind));
        q.bindValue(base + 4, notNull(e.subtype));
        q.bindValue(base + 5, e.raw);
        return true;
    }
};

SessionStore::SessionStore(Database *db) : d(std::make_unique<Private>())
{
    d->db = db;
    d->insertEvent = QSqlQuery(db->db());
    d->insertEvent.prepare(QStringLiteral(
        "INSERT INTO events (session_id, seq, ts, kind, subtype, raw) VALUES (?, ?, ?, ?, ?, ?)"));
    QString many = QStringLiteral("INSERT INTO events (session_id, seq, ts, kind, subtype, raw) VALUES ");
    for (int i = 0; i < kEventRows; ++i)
        many += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?)");
    d->insertEvents = QSqlQuery(db->db());
    d->insertEvents.prepare(many);
}

SessionStore::~SessionStore() = default;

Status SessionStore::insertSession(const SessionInfo &s)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("INSERT INTO sessions (") + QLatin1String(kSessionColumns) +
              QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindSession(q, s);
    if (!q.exec())
        return queryError(q, s.id);
    return Ok{};
}

Status SessionStore::updateSession(const SessionInfo &s)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("REPLACE INTO sessions (") + QLatin1String(kSessionColumns) +
              QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindSession(q, s);
    if (!q.exec())
        return queryError(q, s.id);
    return Ok{};
}

QList<SessionInfo> SessionStore::sessions() const
{
    QList<SessionInfo> out;
    QSqlQuery q(d->db->db());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT ") + QLatin1String(kSessionColumns) +
               QStringLiteral(" FROM sessions ORDER BY created_at, rowid"))) {
        while (q.next())
            out.append(sessionFromQuery(q));
    }
    return out;
}

Result<SessionInfo> SessionStore::session(const QString &id) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kSessionColumns) +
              QStringLiteral(" FROM sessions WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, id);
    if (!q.next())
        return makeError(QCoreApplication::translate("chorus::SessionStore", "no such session"), id);
    return sessionFromQuery(q);
}

qint64 SessionStore::lastSeq(const QString &sessionId) const
{
    auto it = d->lastSeq.constFind(sessionId);
    if (it != d->lastSeq.constEnd())
        return *it;
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT coalesce(max(seq), 0) FROM events WHERE session_id = ?"));
    q.addBindValue(notNull(sessionId));
    const qint64 seq = (q.exec() && q.next()) ? q.value(0).toLongLong() : 0;
    d->lastSeq.insert(sessionId, seq);
    return seq;
}

Status SessionStore::appendEvents(QList<StoredEvent> &events)
{
    if (events.isEmpty())
        return Ok{};
    if (Status s = d->db->transaction(); !s)
        return s;
    QHash<QString, qint64> next;
    for (StoredEvent &e : events) {
        auto it = next.find(e.sessionId);
        if (it == next.end())
            it = next.insert(e.sessionId, lastSeq(e.sessionId));
        e.seq = ++*it;
        if (e.ts.isEmpty())
            e.ts = nowUtc();
    }
    qsizetype i = 0;
    for (; i + kEventRows <= events.size(); i += kEventRows) {
        for (int row = 0; row < kEventRows; ++row)
            d->bindEvent(d->insertEvents, row, events[i + row]);
        if (!d->insertEvents.exec()) {
            const Error err = queryError(d->insertEvents, events[i].sessionId);
            d->db->rollback();
            return err;
        }
    }
    for (; i < events.size(); ++i) {
        d->bindEvent(d->insertEvent, 0, events[i]);
        if (!d->insertEvent.exec()) {
            const Error err = queryError(d->insertEvent, events[i].sessionId);
            d->db->rollback();
            return err;
        }
    }
    if (Status s = d->db->commit(); !s)
        return s;
    for (auto it = next.constBegin(); it != next.constEnd(); ++it)
        d->lastSeq.insert(it.key(), it.value());
    return Ok{};
}

QList<StoredEvent> SessionStore::events(const QString &sessionId, qint64 afterSeq, int limit) const
{
    QList<StoredEvent> out;
    QSqlQuery q(d->db->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT session_id, seq, ts, kind, subtype, raw FROM events"
                             " WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(notNull(sessionId));
    q.addBindValue(afterSeq);
    q.addBindValue(limit > 0 ? limit : -1);
    if (q.exec()) {
        while (q.next())
            out.append(eventFromQuery(q));
    }
    return out;
}

QList<StoredEvent> SessionStore::tailEvents(const QString &sessionId, int limit) const
{
    const qint64 last = lastSeq(sessionId);
    return events(sessionId, qMax<qint64>(0, last - limit), limit);
}

qint64 SessionStore::eventCount(const QString &sessionId) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE session_id = ?"));
    q.addBindValue(notNull(sessionId));
    return (q.exec() && q.next()) ? q.value(0).toLongLong() : 0;
}

Status SessionStore::insertUsage(const QString &sessionId, const QString &role, const ResultInfo &r)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO usage (session_id, ts, role, model, input_tokens, output_tokens,"
        " cache_read_tokens, cache_write_tokens, cost_usd, duration_ms, is_error)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
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
    if (!q.exec())
        return queryError(q, sessionId);
    return Ok{};
}

Result<qint64> SessionStore::insertApproval(const ApprovalInfo &a)
{
    QSqlQuery q(d->db->db());
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

Status SessionStore::updateApproval(const ApprovalInfo &a)
{
    QSqlQuery q(d->db->db());
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

QList<ApprovalInfo> SessionStore::approvals(const QString &sessionId, bool pendingOnly) const
{
    QString sql = QStringLiteral(
        "SELECT id, session_id, request_id, tool_name, input, description, state, for_session,"
        " message, created_at, answered_at FROM approvals WHERE 1=1");
    if (!sessionId.isEmpty())
        sql += QStringLiteral(" AND session_id = :sid");
    if (pendingOnly)
        sql += QStringLiteral(" AND state = 'pending'");
    sql += QStringLiteral(" ORDER BY id");
    QSqlQuery q(d->db->db());
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

QJsonObject SessionStore::MergeRecord::toJson() const
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

Result<qint64> SessionStore::insertMerge(const MergeRecord &m)
{
    QSqlQuery q(d->db->db());
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

QList<SessionStore::MergeRecord> SessionStore::merges(const QString &sessionId) const
{
    QSqlQuery q(d->db->db());
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

QStringList SessionStore::resultTexts(const QString &sessionId, int limit) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT raw FROM events WHERE session_id = ? AND kind = 'result'"
                             " ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(sessionId);
    q.addBindValue(limit);
    QStringList out;
    if (q.exec()) {
        while (q.next()) {
            const QJsonObject o = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
            if (!o.value(QLatin1String("is_error")).toBool())
                out.prepend(o.value(QLatin1String("result")).toString());
        }
    }
    return out;
}

Result<qint64> SessionStore::insertInput(const QString &sessionId, const QString &text)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral(
        "INSERT INTO inputs (session_id, text, state, created_at) VALUES (?, ?, 'pending', ?)"));
    q.addBindValue(notNull(sessionId));
    q.addBindValue(text);
    q.addBindValue(nowUtc());
    if (!q.exec())
        return queryError(q, sessionId);
    return q.lastInsertId().toLongLong();
}

Status SessionStore::markInputSent(qint64 id)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("UPDATE inputs SET state = 'sent', sent_at = ? WHERE id = ?"));
    q.addBindValue(nowUtc());
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, QString::number(id));
    return Ok{};
}

Status SessionStore::markInputPending(qint64 id)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("UPDATE inputs SET state = 'pending', sent_at = NULL WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return queryError(q, QString::number(id));
    return Ok{};
}

Status SessionStore::dropInputs(const QString &sessionId)
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral(
        "UPDATE inputs SET state = 'dropped' WHERE session_id = ? AND state = 'pending'"));
    q.addBindValue(notNull(sessionId));
    if (!q.exec())
        return queryError(q, sessionId);
    return Ok{};
}

QString SessionStore::inputText(qint64 id) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT text FROM inputs WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QList<QPair<qint64, QString>> SessionStore::pendingInputs(const QString &sessionId) const
{
    QSqlQuery q(d->db->db());
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

double SessionStore::costSince(const QString &sinceUtc) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT coalesce(sum(cost_usd), 0) FROM usage WHERE ts >= ?"));
    q.addBindValue(sinceUtc);
    return (q.exec() && q.next()) ? q.value(0).toDouble() : 0.0;
}

} // namespace chorus
