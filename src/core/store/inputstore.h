#pragma once

#include "result.h"

#include <QList>
#include <QPair>
#include <QString>

namespace chorus {

class Database;

// The inputs table: messages for an agent, queued (pending) until they are written to its CLI
// (sent), or dropped.
class InputStore
{
public:
    explicit InputStore(Database *db) : m_db(db) {}

    // Queues a message; returns its id.
    Result<qint64> insert(const QString &sessionId, const QString &text);
    Status markSent(qint64 id);
    // Puts a sent input back in the queue (the CLI never recorded it: its process died first).
    Status markPending(qint64 id);
    // Drops a session's pending inputs.
    Status dropPending(const QString &sessionId);
    // A session's pending inputs (id, text), oldest first.
    QList<QPair<qint64, QString>> pending(const QString &sessionId) const;
    QString text(qint64 id) const;

private:
    Database *m_db;
};

} // namespace chorus
