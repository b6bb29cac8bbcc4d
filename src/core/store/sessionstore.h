#pragma once

#include "agent/streamevent.h"
#include "model/approvalinfo.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"
#include "store/approvalstore.h"
#include "store/eventstore.h"
#include "store/inputstore.h"
#include "store/limitstore.h"
#include "store/mergestore.h"
#include "store/sessiontable.h"
#include "store/usagestore.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace chorus {

class Database;

// The engine's tables over its one Database, a store per table family: sessions, events,
// usage, approvals, merges and queued inputs. A facade that owns them and forwards each call
// to one of them (callers may also use a table's store directly). Every write is one
// statement, except appendEvents(): one transaction per batch.
class SessionStore
{
public:
    explicit SessionStore(Database *db)
        : m_sessions(db), m_events(db), m_usage(db), m_approvals(db), m_merges(db), m_inputs(db),
          m_limits(db)
    {}

    SessionTable &sessionTable() { return m_sessions; }
    EventStore &eventStore() { return m_events; }
    UsageStore &usageStore() { return m_usage; }
    ApprovalStore &approvalStore() { return m_approvals; }
    MergeStore &mergeStore() { return m_merges; }
    InputStore &inputStore() { return m_inputs; }
    LimitStore &limitStore() { return m_limits; }

    Status insertSession(const SessionInfo &s) { return m_sessions.insert(s); }
    Status updateSession(const SessionInfo &s) { return m_sessions.update(s); }
    Status removeSession(const QString &id) { return m_sessions.remove(id); }
    QList<SessionInfo> sessions() const { return m_sessions.list(); }
    Result<SessionInfo> session(const QString &id) const { return m_sessions.get(id); }

    // Assigns seq numbers (continuing the session's) and stores the batch atomically.
    Status appendEvents(QList<StoredEvent> &events) { return m_events.append(events); }
    qint64 lastSeq(const QString &sessionId) const { return m_events.lastSeq(sessionId); }
    // Events with seq > afterSeq, at most limit (<= 0: all), in order.
    QList<StoredEvent> events(const QString &sessionId, qint64 afterSeq = 0, int limit = 0) const
    {
        return m_events.list(sessionId, afterSeq, limit);
    }
    // The last `limit` events of a session, in order.
    QList<StoredEvent> tailEvents(const QString &sessionId, int limit) const
    {
        return m_events.tail(sessionId, limit);
    }
    qint64 eventCount(const QString &sessionId) const { return m_events.count(sessionId); }
    // The result texts of a session's turns, oldest first (at most `limit`, the latest).
    QStringList resultTexts(const QString &sessionId, int limit) const
    {
        return m_events.resultTexts(sessionId, limit);
    }

    Status insertUsage(const QString &sessionId, const QString &role, const ResultInfo &r)
    {
        return m_usage.insert(sessionId, role, r);
    }
    // Sum of cost_usd in usage since the given UTC timestamp.
    double costSince(const QString &sinceUtc) const { return m_usage.costSince(sinceUtc); }

    Result<qint64> insertApproval(const ApprovalInfo &a) { return m_approvals.insert(a); }
    Status updateApproval(const ApprovalInfo &a) { return m_approvals.update(a); }
    QList<ApprovalInfo> approvals(const QString &sessionId = {}, bool pendingOnly = true) const
    {
        return m_approvals.list(sessionId, pendingOnly);
    }

    using MergeRecord = chorus::MergeRecord;
    Result<qint64> insertMerge(const MergeRecord &m) { return m_merges.insert(m); }
    QList<MergeRecord> merges(const QString &sessionId) const { return m_merges.list(sessionId); }

    Result<qint64> insertInput(const QString &sessionId, const QString &text)
    {
        return m_inputs.insert(sessionId, text);
    }
    Status markInputSent(qint64 id) { return m_inputs.markSent(id); }
    // Puts a sent input back in the queue (the CLI never recorded it: its process died first).
    Status markInputPending(qint64 id) { return m_inputs.markPending(id); }
    Status dropInputs(const QString &sessionId) { return m_inputs.dropPending(sessionId); }
    QList<QPair<qint64, QString>> pendingInputs(const QString &sessionId) const
    {
        return m_inputs.pending(sessionId);
    }
    QString inputText(qint64 id) const { return m_inputs.text(id); }

private:
    SessionTable m_sessions;
    EventStore m_events;
    UsageStore m_usage;
    ApprovalStore m_approvals;
    MergeStore m_merges;
    InputStore m_inputs;
    LimitStore m_limits;
};

} // namespace chorus
