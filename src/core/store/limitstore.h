#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

class Database;

// One rate-limit signal as stored: Claude's rate_limit_event, a usage-limit error, an API 429,
// or what `chorus statusline` passed on.
struct LimitEventRecord
{
    QString profile;
    QString source; // official | error | statusline
    QString sessionId;
    QString status; // allowed | allowed_warning | rejected | limited
    QString window;
    qint64 resetsAtMs = 0;
    double utilization = -1; // -1: not given
    QJsonObject detail;
};

// The rate_limit_events history and each profile's limit state (limit_profiles).
class LimitStore
{
public:
    explicit LimitStore(Database *db) : m_db(db) {}

    Status addEvent(const LimitEventRecord &e);
    // The newest `limit` events of a profile (all profiles when empty), newest first.
    QList<LimitEventRecord> events(const QString &profile, int limit) const;
    Status saveProfile(const QString &profile, const QJsonObject &state);
    QList<QJsonObject> profiles() const;

private:
    Database *m_db;
};

} // namespace chorus
