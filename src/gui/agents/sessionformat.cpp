#include "agents/sessionformat.h"

#include <QDateTime>
#include <QLocale>

namespace chorus {

QString SessionFormat::stateLabel(SessionState state)
{
    switch (state) {
    case SessionState::Queued:
        return tr("queued");
    case SessionState::Starting:
        return tr("starting");
    case SessionState::Running:
        return tr("running");
    case SessionState::Waiting:
        return tr("waiting");
    case SessionState::Stalled:
        return tr("stalled");
    case SessionState::Idle:
        return tr("idle");
    case SessionState::Done:
        return tr("done");
    case SessionState::Failed:
        return tr("failed");
    case SessionState::Stopped:
        return tr("stopped");
    case SessionState::Interrupted:
        return tr("interrupted");
    case SessionState::Creating:
        return tr("creating");
    }
    return stateName(state);
}

QString SessionFormat::resumeTime(const SessionInfo &s)
{
    const qint64 at = s.options.value(QLatin1String("resumesAt")).toInteger();
    if (at <= 0)
        return {};
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(at);
    const bool today = when.date() == QDate::currentDate();
    return QLocale().toString(when, today ? QLocale().timeFormat(QLocale::ShortFormat)
                                          : QStringLiteral("ddd ") +
                                                QLocale().timeFormat(QLocale::ShortFormat));
}

QString SessionFormat::stateText(const SessionInfo &s)
{
    const QString label = stateLabel(s.state);
    if (s.state == SessionState::Stopped && s.stateDetail == QLatin1String("user"))
        return tr("stopped by you");
    if (s.stateDetail.isEmpty() || s.state == SessionState::Idle)
        return label;
    if (s.stateDetail == QLatin1String("approval"))
        return tr("%1 (approval)").arg(label);
    if (s.stateDetail == QLatin1String("rate-limit")) {
        // Waiting for a limit to reset (Chorus resumes it then), or the CLI retrying a 429.
        if (const QString at = resumeTime(s); !at.isEmpty())
            return tr("%1 \u2014 limit resets %2").arg(label, at);
        return tr("%1 (rate limit)").arg(label);
    }
    if (s.stateDetail == QLatin1String("storage"))
        return tr("%1 (cannot store)").arg(label);
    if (s.stateDetail == QLatin1String("launch"))
        return tr("%1 (cannot start)").arg(label);
    return label;
}

QString SessionFormat::cleanedNote(const SessionInfo &s)
{
    const auto &cleaned = s.branchState.cleaned;
    if (!cleaned)
        return {};
    const QString what =
        tr("The worktree of %1 was cleaned up: it cannot take messages or be resumed.").arg(s.name);
    if (!cleaned->branchDeleted && !s.branch.isEmpty())
        return what + QLatin1Char(' ') +
               tr("Start a new agent with base branch %1 to go on from its work.").arg(s.branch);
    if (!cleaned->archiveRef.isEmpty())
        return what + QLatin1Char(' ') +
               tr("Its commits are kept under %1; start a new agent from there to go on.")
                   .arg(cleaned->archiveRef);
    return what + QLatin1Char(' ') + tr("Its branch was merged; start a new agent to go on.");
}

QString SessionFormat::tokens(qint64 count)
{
    const QLocale locale;
    if (count < 1000)
        return locale.toString(count);
    if (count < 1000000)
        return tr("%1k").arg(locale.toString(double(count) / 1e3, 'f', count < 10000 ? 1 : 0));
    return tr("%1M").arg(locale.toString(double(count) / 1e6, 'f', 1));
}

QString SessionFormat::cost(double usd)
{
    const QLocale locale;
    // Cents are enough for large sums; agents often cost fractions of one.
    return tr("$%1").arg(locale.toString(usd, 'f', usd > 0 && usd < 1 ? 3 : 2));
}

QString SessionFormat::duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("–");
    if (seconds < 60)
        return tr("%1s").arg(seconds);
    if (seconds < 3600)
        return tr("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

qint64 SessionFormat::elapsedSeconds(const SessionInfo &s, const QDateTime &nowUtc)
{
    if (s.startedAt.isEmpty())
        return -1;
    const QDateTime start = QDateTime::fromString(s.startedAt, Qt::ISODateWithMs);
    const QDateTime end = s.endedAt.isEmpty() || isActive(s.state)
                              ? nowUtc
                              : QDateTime::fromString(s.endedAt, Qt::ISODateWithMs);
    if (!start.isValid() || !end.isValid())
        return -1;
    return qMax<qint64>(0, start.secsTo(end));
}

QDateTime SessionFormat::createdLocal(const SessionInfo &s)
{
    return QDateTime::fromString(s.createdAt, Qt::ISODateWithMs).toLocalTime();
}

} // namespace chorus
