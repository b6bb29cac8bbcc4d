#pragma once

#include "model/liveupdate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace chorus {

// The console's live line: what the agent does now and for how long, and the turn's time
// ("running Bash: npm test for 12 s  ·  turn 1 min 04 s"). Empty when nothing is live.
class LiveStepText
{
    Q_DECLARE_TR_FUNCTIONS(chorus::LiveStepText)
public:
    static QString format(const LiveStep &step, const QString &turnStartedAt, const QDateTime &now);
    // "12 s", "4 min 05 s", "2 h 03 min".
    static QString duration(qint64 seconds);
};

} // namespace chorus
