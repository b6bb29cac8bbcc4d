#pragma once

#include "model/sessioninfo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace chorus {

// How sessions read on screen: translated state names, token counts, money, durations.
class SessionFormat
{
    Q_DECLARE_TR_FUNCTIONS(chorus::SessionFormat)
public:
    static QString stateLabel(SessionState state);
    // The state with its detail: "waiting (approval)".
    // When an agent waiting for a rate limit goes on by itself ("14:05", "Tue 09:00"); empty when
    // it is not waiting for one.
    static QString resumeTime(const SessionInfo &s);
    static QString stateText(const SessionInfo &s);
    // Why the agent takes no message and cannot be resumed (its worktree was cleaned up), and
    // how to go on from its work; empty when it can.
    static QString cleanedNote(const SessionInfo &s);
    static QString tokens(qint64 count); // 950, 12.3k, 4.1M
    static QString cost(double usd);
    static QString duration(qint64 seconds);
    // Seconds spent so far: start to end (or now while a turn runs); -1 before the start.
    static qint64 elapsedSeconds(const SessionInfo &s, const QDateTime &nowUtc);
    static QDateTime createdLocal(const SessionInfo &s);
};

} // namespace chorus
