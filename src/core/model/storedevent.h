#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace chorus {

// One line of an agent's stream as stored: the raw line plus the columns queries need.
// kind is eventKindName() of the decoded line, or "chorus" for the engine's own notes
// (state changes, stderr, stalls), whose raw is a JSON object too.
struct StoredEvent
{
    QString sessionId;
    qint64 seq = 0; // per session, from 1
    QString ts;
    QString kind;
    QString subtype;
    QByteArray raw;

    QJsonObject toJson() const;
    static StoredEvent fromJson(const QJsonObject &o);
};

} // namespace chorus
