#pragma once

#include "model/storedevent.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace chorus {

class Database;

// The events table: every stream-json event of every session, numbered per session (seq).
// Writes are batched: one transaction per append().
class EventStore
{
public:
    explicit EventStore(Database *db);
    ~EventStore();

    // Assigns seq numbers (continuing the session's) and stores the batch atomically.
    Status append(QList<StoredEvent> &events);
    qint64 lastSeq(const QString &sessionId) const;
    // Events with seq > afterSeq, at most limit (<= 0: all), in order.
    QList<StoredEvent> list(const QString &sessionId, qint64 afterSeq = 0, int limit = 0) const;
    // The last `limit` events of a session, in order.
    QList<StoredEvent> tail(const QString &sessionId, int limit) const;
    qint64 count(const QString &sessionId) const;
    // The result texts of a session's turns, oldest first (at most `limit`, the latest).
    QStringList resultTexts(const QString &sessionId, int limit) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chorus
