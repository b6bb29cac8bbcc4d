#include "store/eventstore.h"

#include "store/database.h"
#include "store/storecommon_p.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace chorus {

namespace {
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
} // namespace

// Events go in with multi-row INSERTs of this many rows (plus single rows for the rest):
// far fewer statement executions per batch.
constexpr int kEventRows = 32;

struct EventStore::Private
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

EventStore::EventStore(Database *db) : d(std::make_unique<Private>())
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

EventStore::~EventStore() = default;

qint64 EventStore::lastSeq(const QString &sessionId) const
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

Status EventStore::append(QList<StoredEvent> &events)
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

QList<StoredEvent> EventStore::list(const QString &sessionId, qint64 afterSeq, int limit) const
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

QList<StoredEvent> EventStore::tail(const QString &sessionId, int limit) const
{
    const qint64 last = lastSeq(sessionId);
    return list(sessionId, qMax<qint64>(0, last - limit), limit);
}

qint64 EventStore::count(const QString &sessionId) const
{
    QSqlQuery q(d->db->db());
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE session_id = ?"));
    q.addBindValue(notNull(sessionId));
    return (q.exec() && q.next()) ? q.value(0).toLongLong() : 0;
}

QStringList EventStore::resultTexts(const QString &sessionId, int limit) const
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

} // namespace chorus
