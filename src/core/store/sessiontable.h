#pragma once

#include "model/sessioninfo.h"
#include "result.h"

#include <QList>
#include <QString>

namespace chorus {

class Database;

// The sessions table: one row per agent, its whole SessionInfo.
class SessionTable
{
public:
    explicit SessionTable(Database *db) : m_db(db) {}

    Status insert(const SessionInfo &s);
    // Replaces the row with the same id.
    Status update(const SessionInfo &s);
    // Deletes the row (a spawn that never became an agent).
    Status remove(const QString &id);
    // Every session, oldest first.
    QList<SessionInfo> list() const;
    Result<SessionInfo> get(const QString &id) const;

private:
    Database *m_db;
};

} // namespace chorus
