#include "limittext.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <vector>

// The texts come from the CLI's own templates (docs: CLAUDE-CLI.md §6.3): the reset is printed
// with toLocaleString("en-US", {month: "short", day, hour: "numeric", minute when not 0,
// hour12}) in the user's zone, the date only when the reset is more than 24 hours away, the year
// only when it differs from this year's, and " am"/" pm" squeezed to "am"/"pm".

namespace chorus::usage {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 DayMs = 24 * 60 * MinuteMs;
// A time without a date may be a little past through clock skew between the CLI's machine,
// the server and ours: still today's, not tomorrow's.
constexpr qint64 SkewMs = 5 * MinuteMs;
// A date without a year may be just past (the CLI prints the date of a reset more than a day
// away; by the time we read it, or with a wrong clock, it may have gone by).
constexpr qint64 PastDateMs = 2 * DayMs;
// How much of a line after a message's head is read: the longest real text is ~150 characters.
constexpr qsizetype MaxTail = 400;

// The segments after a head: " · " (and its look-alikes) or " - " between them.
QStringList segments(const QString &text, qsizetype from)
{
    QString tail = text.mid(from, MaxTail);
    for (const char eol : {'\n', '\r'}) {
        if (const qsizetype at = tail.indexOf(QLatin1Char(eol)); at >= 0)
            tail.truncate(at);
    }
    // Node prints the space before AM/PM as U+202F; the CLI removes it, older builds may not.
    tail.replace(QChar(0x202F), QLatin1Char(' ')).replace(QChar(0x00A0), QLatin1Char(' '));
    static const QRegularExpression separator(
        QStringLiteral("\\s+[\\x{00B7}\\x{2219}\\x{2022}\\x{2013}-]\\s+"));
    return tail.split(separator);
}

int monthFromName(QString word)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    word = word.toLower();
    if (word.endsWith(QLatin1Char('.')))
        word.chop(1);
    if (word.size() < 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (QLatin1String(names[i]).startsWith(word))
            return i + 1;
    }
    return 0;
}

// "3pm", "3:30am", "11:28 AM", "12am" (midnight), "15:00".
std::optional<QTime> parseClock(const QString &s)
{
    static const QRegularExpression twelve(
        QStringLiteral("^(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?\\s*m\\.?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression twentyFour(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    if (const auto m = twelve.match(s); m.hasMatch()) {
        const int hour = m.captured(1).toInt();
        const int minute = m.hasCaptured(2) ? m.captured(2).toInt() : 0;
        if (hour < 1 || hour > 12 || minute > 59)
            return std::nullopt;
        const bool pm = m.captured(3).compare(QLatin1String("p"), Qt::CaseInsensitive) == 0;
        return QTime(hour % 12 + (pm ? 12 : 0), minute);
    }
    if (const auto m = twentyFour.match(s); m.hasMatch()) {
        const int hour = m.captured(1).toInt();
        const int minute = m.captured(2).toInt();
        if (hour > 23 || minute > 59)
            return std::nullopt;
        return QTime(hour, minute);
    }
    return std::nullopt;
}

int offsetAt(const QTimeZone &zone, qint64 utcMs)
{
    return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()));
}

// The instants at which the wall clock in `zone` shows date+time, earliest first: two in the
// hour a DST change repeats; in the hour one skips, the instant the time would be had the clock
// not moved (2:30 becomes 3:30), so a reset is never read early.
std::vector<qint64> instantsOf(QDate date, QTime time, const QTimeZone &zone)
{
    const qint64 wall = QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
    const int before = offsetAt(zone, wall - DayMs);
    const int after = offsetAt(zone, wall + DayMs);
    std::vector<qint64> out;
    for (const int offset : {before, after}) {
        const qint64 utc = wall - qint64(offset) * 1000;
        if (offsetAt(zone, utc) == offset && std::find(out.begin(), out.end(), utc) == out.end())
            out.push_back(utc);
    }
    if (out.empty())
        out.push_back(wall - qint64(before) * 1000);
    std::sort(out.begin(), out.end());
    return out;
}

struct Reset
{
    qint64 ms = 0;
    QString zone;
    bool zoneUnknown = false;
};

// "<when> (<zone>)" after "resets"; ms stays 0 when <when> cannot be read.
Reset parseReset(QString spec, const QDateTime &now)
{
    Reset reset;
    spec = spec.trimmed();
    while (spec.endsWith(QLatin1Char('.')))
        spec.chop(1);
    if (spec.endsWith(QLatin1Char(')'))) {
        const qsizetype open = spec.lastIndexOf(QLatin1Char('('));
        if (open >= 0) {
            reset.zone = spec.mid(open + 1, spec.size() - open - 2).trimmed();
            spec.truncate(open);
        }
    }
    QTimeZone zone = now.isValid() ? now.timeZone() : QTimeZone::systemTimeZone();
    if (!reset.zone.isEmpty()) {
        const QTimeZone named(reset.zone.toUtf8());
        if (named.isValid())
            zone = named;
        else
            reset.zoneUnknown = true;
    }
    if (!now.isValid() || !zone.isValid())
        return reset;

    static const QRegularExpression at(QStringLiteral("\\s+at\\s+"),
                                       QRegularExpression::CaseInsensitiveOption);
    QStringList parts = spec.replace(at, QStringLiteral(", ")).split(QLatin1Char(','));
    for (QString &p : parts)
        p = p.trimmed();
    parts.removeAll(QString());
    if (parts.isEmpty() || parts.size() > 3)
        return reset;

    static const QRegularExpression monthDay(QStringLiteral("^([A-Za-z]+\\.?)\\s+(\\d{1,2})$"));
    const auto md = monthDay.match(parts.first());
    if (!md.hasMatch()) {
        // A time alone: the next time the clock shows it.
        const auto clock = parseClock(parts.first());
        if (parts.size() != 1 || !clock)
            return reset;
        const qint64 threshold = now.toMSecsSinceEpoch() - SkewMs;
        const QDate first = QDateTime::fromMSecsSinceEpoch(threshold, zone).date().addDays(-1);
        for (int d = 0; d < 4 && reset.ms == 0; ++d) {
            for (const qint64 utc : instantsOf(first.addDays(d), *clock, zone)) {
                if (utc >= threshold) {
                    reset.ms = utc;
                    break;
                }
            }
        }
        return reset;
    }

    const int month = monthFromName(md.captured(1));
    const int day = md.captured(2).toInt();
    int year = 0;
    qsizetype next = 1;
    static const QRegularExpression yearRe(QStringLiteral("^\\d{4}$"));
    if (next < parts.size() && yearRe.match(parts.at(next)).hasMatch())
        year = parts.at(next++).toInt();
    // The CLI prints a date without a time when asked for no hour: read as the day's start.
    std::optional<QTime> clock = QTime(0, 0);
    if (next < parts.size())
        clock = parseClock(parts.at(next++));
    if (month == 0 || next != parts.size() || !clock)
        return reset;

    if (year != 0) {
        const QDate date(year, month, day);
        if (date.isValid())
            reset.ms = instantsOf(date, *clock, zone).front();
        return reset;
    }
    const qint64 threshold = now.toMSecsSinceEpoch() - PastDateMs;
    const int thisYear = now.toTimeZone(zone).date().year();
    // Up to four years ahead, for Feb 29.
    for (int y = thisYear - 1; y <= thisYear + 4 && reset.ms == 0; ++y) {
        const QDate date(y, month, day);
        if (!date.isValid())
            continue;
        for (const qint64 utc : instantsOf(date, *clock, zone)) {
            if (utc >= threshold) {
                reset.ms = utc;
                break;
            }
        }
    }
    return reset;
}

void applyReset(LimitText *out, const QString &spec, const QDateTime &now)
{
    const Reset reset = parseReset(spec, now);
    out->resetsAtMs = reset.ms;
    out->zone = reset.zone;
    out->zoneUnknown = reset.zoneUnknown;
}

// The first segment reading "resets <when>" (or "reset at <when>").
void applyResetSegment(LimitText *out, const QStringList &segs, qsizetype from,
                       const QDateTime &now)
{
    static const QRegularExpression resets(QStringLiteral("^resets?\\s+(?:at\\s+)?"),
                                           QRegularExpression::CaseInsensitiveOption);
    for (qsizetype i = from; i < segs.size(); ++i) {
        const QString seg = segs.at(i).trimmed();
        if (const auto m = resets.match(seg); m.hasMatch()) {
            applyReset(out, seg.mid(m.capturedEnd()), now);
            return;
        }
    }
}

// Whether `text` just before `at` ends with one of `words` (case-insensitive).
bool precededBy(const QString &text, qsizetype at, std::initializer_list<const char16_t *> words)
{
    for (const char16_t *w : words) {
        const QStringView word(w);
        if (at >= word.size() && QStringView(text)
                                         .mid(at - word.size(), word.size())
                                         .compare(word, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<QString> windowOfName(QString name)
{
    name = name.trimmed().toLower();
    while (name.endsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('!')) ||
           name.endsWith(QChar(0x2026)))
        name.chop(1);
    name = name.trimmed();
    static const std::pair<const char *, const char *> table[] = {
        {"5-hour limit", "five_hour"},
        {"session limit", "five_hour"},
        {"weekly limit", "seven_day"},
        {"opus limit", "seven_day_opus"},
        {"sonnet limit", "seven_day_sonnet"},
        {"fable limit", "seven_day_fable"},
        {"usage credit limit", "credits"},
        {"limit", ""},
        {"usage limit", ""},
    };
    for (const auto &[text, window] : table) {
        if (name == QLatin1String(text))
            return QString::fromLatin1(window);
    }
    if (name.endsWith(QLatin1String("monthly spend limit")))
        return QStringLiteral("monthly_spend");
    // Org, seat and channel variants ("org's monthly usage limit", "team's pooled group
    // budget"): a limit, of a kind we do not track.
    if (name.size() <= 60 &&
        (name.contains(QLatin1String("limit")) || name.contains(QLatin1String("budget"))))
        return QString();
    return std::nullopt;
}

// "You've hit your <name> · resets <when> (<zone>) · progress saved".
std::optional<LimitText> parseHitYour(const QString &text, const QDateTime &now)
{
    static const QString head = QStringLiteral("hit your ");
    for (qsizetype at = text.indexOf(head, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(head, at + 1, Qt::CaseInsensitive)) {
        if (!precededBy(text, at, {u"you've ", u"you\u2019ve ", u"you have "}))
            continue;
        // The first such message decides: a long run of them stays linear.
        const QStringList segs = segments(text, at + head.size());
        const auto window = windowOfName(segs.first());
        if (!window)
            return std::nullopt;
        LimitText out;
        out.window = *window;
        applyResetSegment(&out, segs, 1, now);
        return out;
    }
    return std::nullopt;
}

// "Claude AI usage limit reached|1750708800", "Claude usage limit reached. Your limit will reset
// at 3pm (America/Bogota).", "Weekly limit reached · resets 10am (Asia/Seoul)".
std::optional<LimitText> parseLimitReached(const QString &text, const QDateTime &now)
{
    static const QString head = QStringLiteral("limit reached");
    // Longest first: "opus weekly" before "weekly".
    static const std::pair<const char16_t *, const char *> names[] = {
        {u"claude ai usage ", ""},           {u"claude usage ", ""},
        {u"opus weekly ", "seven_day_opus"}, {u"sonnet weekly ", "seven_day_sonnet"},
        {u"5-hour ", "five_hour"},           {u"session ", "five_hour"},
        {u"weekly ", "seven_day"},           {u"opus ", "seven_day_opus"},
        {u"sonnet ", "seven_day_sonnet"},    {u"usage ", ""},
    };
    for (qsizetype at = text.indexOf(head, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(head, at + 1, Qt::CaseInsensitive)) {
        std::optional<QString> window;
        for (const auto &[name, w] : names) {
            const qsizetype start = at - QStringView(name).size();
            if (precededBy(text, at, {name}) &&
                (start == 0 || !text.at(start - 1).isLetterOrNumber())) {
                window = QString::fromLatin1(w);
                break;
            }
        }
        // "Limit reached" alone: at the start of the text or a line, or after a bullet.
        if (!window && (at == 0 || !text.at(at - 1).isLetterOrNumber())) {
            qsizetype i = at - 1;
            while (i >= 0 && text.at(i) != QLatin1Char('\n') && !text.at(i).isLetterOrNumber())
                --i;
            if (i < 0 || text.at(i) == QLatin1Char('\n'))
                window = QString();
        }
        if (!window)
            continue; // "Rate limit reached" and other API texts
        LimitText out;
        out.window = *window;
        const qsizetype end = at + head.size();
        if (end < text.size() && text.at(end) == QLatin1Char('|')) {
            static const QRegularExpression epoch(QStringLiteral("\\G\\d{1,12}"));
            const auto m = epoch.match(text, end + 1);
            if (m.hasMatch())
                out.resetsAtMs = m.captured().toLongLong() * 1000;
            return out;
        }
        const QStringList segs = segments(text, end);
        static const QRegularExpression willReset(QStringLiteral("reset at\\s+"),
                                                  QRegularExpression::CaseInsensitiveOption);
        if (const auto m = willReset.match(segs.first()); m.hasMatch())
            applyReset(&out, segs.first().mid(m.capturedEnd()), now);
        else
            applyResetSegment(&out, segs, 1, now);
        return out;
    }
    return std::nullopt;
}

// "You're out of usage credits · resets …".
std::optional<LimitText> parseOutOfCredits(const QString &text, const QDateTime &now)
{
    static const QString head = QStringLiteral("out of usage credits");
    for (qsizetype at = text.indexOf(head, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(head, at + 1, Qt::CaseInsensitive)) {
        if (!precededBy(text, at, {u"you're ", u"you\u2019re ", u"you are "}))
            continue;
        LimitText out;
        out.window = QStringLiteral("credits");
        applyResetSegment(&out, segments(text, at + head.size()), 1, now);
        return out;
    }
    return std::nullopt;
}

} // namespace

std::optional<LimitText> parseLimitText(const QString &text, const QDateTime &now)
{
    if (auto hit = parseHitYour(text, now))
        return hit;
    if (auto reached = parseLimitReached(text, now))
        return reached;
    return parseOutOfCredits(text, now);
}

} // namespace chorus::usage
