#pragma once

#include "result.h"

#include <QString>

namespace chorus {

class Database;
struct ResultInfo;

// The usage table: tokens, cost and duration of every turn, with the role that ran it.
class UsageStore
{
public:
    explicit UsageStore(Database *db) : m_db(db) {}

    Status insert(const QString &sessionId, const QString &role, const ResultInfo &r);
    // Turns that ended on a limit since the given UTC timestamp, and what they spent.
    struct Wasted
    {
        int turns = 0;
        qint64 tokens = 0;
        double costUsd = 0;
    };
    Wasted wastedSince(const QString &sinceUtc) const;
    // Sum of cost_usd in usage since the given UTC timestamp.
    double costSince(const QString &sinceUtc) const;

private:
    Database *m_db;
};

} // namespace chorus
