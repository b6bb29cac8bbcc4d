#include "clitext.h"
#include "render.h"

#include "cliio.h"

#include "transcript/transcriptitem.h"

#include <QCoreApplication>
#include <QDateTime>

namespace chorus::cli {

namespace {

QString indent(const QString &text, const QString &pad)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l.prepend(pad);
    return lines.join(QLatin1Char('\n'));
}

QString clip(const QString &text, int maxLines)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() <= maxLines)
        return text;
    const qsizetype more = lines.size() - maxLines;
    lines = lines.mid(0, maxLines);
    lines << Cli::tr("… (%n more lines)", nullptr, int(more));
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QString renderEvent(const StoredEvent &event, const QString &prefix)
{
    QStringList out;
    for (const TranscriptItem &item : transcriptItems(event)) {
        QString line;
        switch (item.kind) {
        case TranscriptItem::Kind::Input:
            line = QStringLiteral("» ") + item.body;
            break;
        case TranscriptItem::Kind::Text:
            line = item.body;
            break;
        case TranscriptItem::Kind::Thinking:
            line = QStringLiteral("(thinking) ") + clip(item.body, 3);
            break;
        case TranscriptItem::Kind::ToolUse:
            line = QStringLiteral("⚙ ") + item.title + QLatin1Char(' ') +
                   QString(item.body).replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
            break;
        case TranscriptItem::Kind::ToolResult:
            line = indent(clip(item.body, 8), item.isError ? QStringLiteral("  ✗ ") : QStringLiteral("  ↳ "));
            break;
        case TranscriptItem::Kind::Approval:
            line = QStringLiteral("? ") + item.title +
                   (item.body.isEmpty() ? QString() : QStringLiteral(": ") + item.body);
            break;
        case TranscriptItem::Kind::TurnEnd:
            line = (item.stoppedByUser ? QStringLiteral("■ ")
                    : item.isError     ? QStringLiteral("✗ ")
                                       : QStringLiteral("✓ ")) +
                   item.title + QStringLiteral(" — ") +
                   QString(item.body).replace(QLatin1Char('\n'), QStringLiteral(" — "));
            break;
        case TranscriptItem::Kind::State:
            line = QStringLiteral("· ") + item.title +
                   (item.body.isEmpty() ? QString() : QStringLiteral(" (") + item.body + QLatin1Char(')'));
            break;
        case TranscriptItem::Kind::Error:
            line = QStringLiteral("! ") + item.title +
                   (item.body.isEmpty() ? QString() : QLatin1Char('\n') + indent(clip(item.body, 10), QStringLiteral("  ")));
            break;
        case TranscriptItem::Kind::System:
            line = QStringLiteral("· ") + item.title;
            break;
        }
        out << indent(line, prefix);
    }
    return out.join(QLatin1Char('\n'));
}

QString formatElapsed(const SessionInfo &s)
{
    if (s.startedAt.isEmpty())
        return QStringLiteral("-");
    const QDateTime start = QDateTime::fromString(s.startedAt, Qt::ISODateWithMs);
    const QDateTime end = s.endedAt.isEmpty() || isActive(s.state)
                              ? QDateTime::currentDateTimeUtc()
                              : QDateTime::fromString(s.endedAt, Qt::ISODateWithMs);
    const qint64 secs = qMax<qint64>(0, start.secsTo(end));
    if (secs < 60)
        return QStringLiteral("%1s").arg(secs);
    if (secs < 3600)
        return QStringLiteral("%1m%2s").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(secs / 3600).arg((secs % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString renderStatusTable(const QList<SessionInfo> &sessions)
{
    const QStringList header{Cli::tr("NAME"), Cli::tr("ROLE"), Cli::tr("STATE"), Cli::tr("TURNS"), Cli::tr("TOKENS"),
                             Cli::tr("COST"), Cli::tr("ELAPSED"), Cli::tr("ID"), Cli::tr("BRANCH/DIR")};
    QList<QStringList> rows{header};
    for (const SessionInfo &s : sessions) {
        QString state = stateName(s.state);
        if (s.state == SessionState::Stopped && s.stateDetail == QLatin1String("user"))
            state = Cli::tr("stopped by you");
        else if (!s.stateDetail.isEmpty())
            state += QLatin1Char('(') + s.stateDetail + QLatin1Char(')');
        rows << QStringList{s.name,
                            s.role,
                            state,
                            QString::number(s.turns),
                            QString::number(s.tokens.total()),
                            QStringLiteral("$%1").arg(s.costUsd, 0, 'f', 4),
                            formatElapsed(s),
                            s.id.left(8),
                            s.worksInPlace()     ? Cli::tr("%1 (in place)").arg(s.dir)
                            : s.branch.isEmpty() ? s.dir
                            : s.branchState.note().isEmpty()
                                ? s.branch
                                : QStringLiteral("%1 (%2)").arg(s.branch, s.branchState.note())};
    }
    QList<qsizetype> widths(header.size(), 0);
    for (QStringList &r : rows) {
        for (QString &cell : r)
            cell = visibleControls(cell); // the columns line up as the cells are shown
    }
    for (const QStringList &r : rows)
        for (qsizetype i = 0; i < r.size(); ++i)
            widths[i] = qMax(widths[i], r[i].size());
    QString out;
    for (const QStringList &r : rows) {
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i)
            line += i + 1 < r.size() ? r[i].leftJustified(widths[i] + 2) : r[i];
        out += line.trimmed() + QLatin1Char('\n');
    }
    return out;
}

} // namespace chorus::cli
