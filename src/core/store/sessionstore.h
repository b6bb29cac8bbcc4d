#pragma once

#include "agent/streamevent.h"
#include "model/approvalinfo.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"

#include <QJsonObject>
#include <QList>

#include <memory>

namespace chorus {

class Database;

// Typed reads and writes of sessions, events, usage, approvals and queued inputs.
// Writes of events are batched: one transaction per appendEvents() call.
class SessionStore
{
public:
    explicit SessionStore(Database *db);
    ~SessionStore();

    Status insertSession(const SessionInfo &s);
    Status updateSession(const SessionInfo &s);
    QList<SessionInfo> sessions() const;
    Result<SessionInfo> session(const QString &id) const;

    // Assigns seq numbers (continuing the session's) and stores the batch atomically.
    Status appendEvents(QList<StoredEvent> &events);
    qint64 lastSeq(const QString &sessionId) const;
    // Events with seq > afterSeq, at most limit (<= 0: all), in order.
    QList<StoredEvent> events(const QString &sessionId, qint64 afterSeq = 0, int limit = 0) const;
    // The last `limit` events of a session, in order.
    QList<StoredEvent> tailEvents(const QString &sessionId, int limit) const;
    qint64 eventCount(const QString &sessionId) const;

    Status insertUsage(const QString &sessionId, const QString &role, const ResultInfo &r);

    Result<qint64> insertApproval(const ApprovalInfo &a);
    Status updateApproval(const ApprovalInfo &a);
    QList<ApprovalInfo> approvals(const QString &sessionId = {}, bool pendingOnly = true) const;

    // A merge or sync of an agent's branch: `kind` "merge" or "sync"; `detail` the outcome.
    struct MergeRecord
    {
        qint64 id = 0;
        QString sessionId, ts, kind, strategy, branch, target, state, targetBefore, targetAfter;
        QJsonObject detail;
        QJsonObject toJson() const;
    };
    Result<qint64> insertMerge(const MergeRecord &m);
    QList<MergeRecord> merges(const QString &sessionId) const;
    // The result texts of a session's turns, oldest first (at most `limit`, the latest).
    QStringList resultTexts(const QString &sessionId, int limit) const;

    Result<qint64> insertInput(const QString &sessionId, const QString &text);
    Status markInputSent(qint64 id);
    // Puts a sent input back in the queue (the CLI never recorded it: its process died first).
    Status markInputPending(qint64 id);
    Status dropInputs(const QString &sessionId);
    QList<QPair<qint64, QString>> pendingInputs(const QString &sessionId) const;
    QString inputText(qint64 id) const;

    // Sum of cost_usd in usage since the given UTC timestamp.
    double costSince(const QString &sinceUtc) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chorus
