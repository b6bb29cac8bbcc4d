#include "clitext.h"
#include "render.h"

#include "cliio.h"

#include "transcript/transcriptitem.h"
#include "util/textlines.h"

#include <QCoreApplication>
#include <QDateTime>

#include <utility>

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

namespace {

// One column of the status table: how it gives up room when the terminal is narrow.
struct Column
{
    QString header;
    int minWidth = 0;     // elided no narrower than this (0: not elided)
    int dropRank = 0;     // dropped in this order when elision is not enough (0: never)
    bool keepEnd = false; // elided at the start (paths, branches: their end says most)
};

QString elide(const QString &text, int width, bool keepEnd)
{
    if (text.size() <= width)
        return text;
    if (width <= 1)
        return QString(QChar(0x2026)).left(width);
    const QChar ellipsis(0x2026);
    return keepEnd ? QString(ellipsis + text.right(width - 1))
                   : QString(text.left(width - 1) + ellipsis);
}
} // namespace

QString renderStatusTable(const QList<SessionInfo> &sessions, int width)
{
    // NAME ROLE STATE TURNS TOKENS COST ELAPSED ID BRANCH/DIR TASK; the task is last, and the
    // first to give way.
    const QList<Column> columns{
        {Cli::tr("NAME"), 8, 0},    {Cli::tr("ROLE"), 6, 7},   {Cli::tr("STATE"), 6, 0},
        {Cli::tr("TURNS"), 0, 4},   {Cli::tr("TOKENS"), 0, 2}, {Cli::tr("COST"), 0, 5},
        {Cli::tr("ELAPSED"), 0, 3}, {Cli::tr("ID"), 0, 1},     {Cli::tr("BRANCH/DIR"), 12, 6, true},
        {Cli::tr("TASK"), 12, 8}};
    QList<QStringList> rows;
    QStringList header;
    for (const Column &c : columns)
        header << c.header;
    rows << header;
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
                                : QStringLiteral("%1 (%2)").arg(s.branch, s.branchState.note()),
                            firstLine(s.task).simplified()};
    }
    const qsizetype n = columns.size();
    QList<int> widths(n, 0);
    for (QStringList &r : rows) {
        for (QString &cell : r)
            cell = visibleControls(cell); // the columns line up as the cells are shown
    }
    for (const QStringList &r : rows)
        for (qsizetype i = 0; i < n; ++i)
            widths[i] = qMax(widths[i], int(r[i].size()));
    const QList<int> natural = widths;
    QList<bool> shown(n, true);
    constexpr int kGap = 2;
    const auto total = [&] {
        int sum = 0, count = 0;
        for (qsizetype i = 0; i < n; ++i)
            if (shown[i]) {
                sum += widths[i];
                ++count;
            }
        return sum + kGap * qMax(0, count - 1);
    };
    if (width > 0) {
        // First the elastic columns give up what they have above their minimum (the task
        // first, the name last), then whole columns go, least useful first.
        for (const qsizetype i : {9, 8, 2, 1, 0}) {
            const int over = total() - width;
            if (over <= 0)
                break;
            const int least = qMin(widths[i], columns[i].minWidth);
            widths[i] -= qMin(over, widths[i] - least);
        }
        for (int rank = 1; total() > width && rank <= 8; ++rank)
            for (qsizetype i = 0; i < n; ++i)
                if (columns[i].dropRank == rank)
                    shown[i] = false;
        // Room that dropping a column freed goes back to what was elided: the name first.
        for (const qsizetype i : {0, 2, 1, 8, 9}) {
            const int slack = width - total();
            if (slack <= 0)
                break;
            if (shown[i])
                widths[i] = qMin(natural[i], widths[i] + slack);
        }
        // What is left (the name and the state) shares what there is.
        for (const qsizetype i : {2, 0}) {
            const int over = total() - width;
            if (over > 0)
                widths[i] = qMax(1, widths[i] - over);
        }
    }
    QString out;
    for (const QStringList &r : rows) {
        QString line;
        bool first = true;
        for (qsizetype i = 0; i < n; ++i) {
            if (!shown[i])
                continue;
            if (!std::exchange(first, false))
                line += QString(kGap, QLatin1Char(' '));
            line += elide(r[i], widths[i], columns[i].keepEnd).leftJustified(widths[i]);
        }
        line = line.trimmed();
        if (width > 0 && line.size() > width)
            line = elide(line, width, false);
        out += line + QLatin1Char('\n');
    }
    return out;
}

} // namespace chorus::cli
