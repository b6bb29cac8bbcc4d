#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace chorus::usage {

// What the text a Claude Code turn ends with says about a subscription limit. The fallback for
// when no `rate_limit_event` came: that event's epoch `resetsAt` is exact, this text is rounded
// to the minute (or the hour) and printed in a zone.
struct LimitText
{
    // "five_hour", "seven_day", "seven_day_opus", "seven_day_sonnet", "seven_day_fable",
    // "credits", "monthly_spend", or "" when the text names no window ("limit", "usage limit").
    QString window;
    qint64 resetsAtMs = 0; // UTC ms; 0 when the text names no reset (or one we cannot read)
    QString zone;          // the zone the text named, as written; "" when none
    // The text named a zone this machine does not know: the reset was read in now's zone, so it
    // may be off by the difference between the two.
    bool zoneUnknown = false;
};

// Reads a subscription-limit message, wherever it stands in `text` (call it on a turn's error
// text only: a model quoting the message would match too). Recognizes
//   "Claude AI usage limit reached|<epoch seconds>" (v1.0.x) and its display form
//     "Claude usage limit reached. Your limit will reset at 3pm (America/Bogota)."
//   "Weekly limit reached · resets 10am (Asia/Seoul) · /upgrade …" (v2.0.x)
//   "You've hit your <name> · resets <when> (<IANA zone>) · progress saved" (v2.1.x; separator
//     " · " or " - "; <when> is "3pm", "3:30am", "15:00", "Feb 7, 11am", "Sep 15 at 7pm",
//     "Jan 2, 2027, 3am" or "Nov 27"; the zone may be missing)
//   "You're out of usage credits" (window "credits") and "You've hit your monthly spend limit."
// A time without a date is the first such moment at or after now - 5 minutes (so a reset a few
// minutes "past" through clock skew stays today's); a date without a year the first at or after
// now - 2 days. Without a named zone, or with one this machine lacks, times are read in now's
// zone. A wall time skipped by a DST change is moved forward by the gap; a repeated one is the
// first occurrence that is not past. The reset is returned as read even when it is past or
// absurdly far ahead: the caller clamps. nullopt for anything else, generic 429 texts ("API
// Error: Request rejected (429) · …") and usage warnings ("You've used 90% of …") included.
// Looks at most a few hundred characters past the message's start, so any input is cheap.
std::optional<LimitText> parseLimitText(const QString &text, const QDateTime &now);

} // namespace chorus::usage
