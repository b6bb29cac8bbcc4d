#include "livestep.h"

namespace chorus {

QString LiveStepText::duration(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString LiveStepText::format(const LiveStep &step, const QString &turnStartedAt,
                             const QDateTime &now)
{
    if (step.kind.isEmpty())
        return {};
    QString text;
    const QString tool = step.tool.isEmpty() ? tr("a tool") : step.tool;
    if (step.kind == QLatin1String("requesting"))
        text = tr("waiting for the model");
    else if (step.kind == QLatin1String("writing"))
        text = tr("writing…");
    else if (step.kind == QLatin1String("thinking"))
        text = tr("thinking…");
    else if (step.kind == QLatin1String("preparing"))
        text = tr("preparing %1…").arg(tool);
    else if (step.kind == QLatin1String("tool"))
        text = step.detail.isEmpty() ? tr("running %1").arg(tool)
                                     : tr("running %1: %2").arg(tool, step.detail);
    else if (step.kind == QLatin1String("approval"))
        text = tr("waiting for your approval of %1").arg(tool);
    else
        text = step.kind + QStringLiteral("…"); // a status a newer CLI reports (compacting…)

    const QDateTime since = QDateTime::fromString(step.since, Qt::ISODateWithMs);
    if (since.isValid() && step.kind != QLatin1String("writing") &&
        step.kind != QLatin1String("thinking")) {
        const qint64 s = since.secsTo(now);
        if (s >= 1)
            text = tr("%1 for %2").arg(text, duration(s));
    }
    const QDateTime started = QDateTime::fromString(turnStartedAt, Qt::ISODateWithMs);
    if (started.isValid())
        text += QStringLiteral("  ·  ") + tr("turn %1").arg(duration(started.secsTo(now)));
    return text;
}

} // namespace chorus
