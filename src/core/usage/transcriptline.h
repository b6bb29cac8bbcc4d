#pragma once

#include <QtGlobal>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::usage {

// What one transcript line says about usage: the unit ccusage counts. The string views point
// into the line (or into the ParseScratch for a string that had escapes), so they live only
// until the next line is parsed.
struct LineUsage
{
    qint64 timeMs = 0; // the line's timestamp, UTC milliseconds
    quint64 input = 0;
    quint64 output = 0;
    quint64 cache5m = 0; // cache writes billed at the 5-minute rate (and flat, unsplit writes)
    quint64 cache1h = 0; // cache writes billed at the 1-hour rate
    quint64 cacheRead = 0;
    double costUsd = 0;      // the cost the line logged (costUSD); meaningful when hasCost
    qint64 limitResetMs = 0; // an API-error line's "Claude AI usage limit reached|<epoch>"; 0: none
    std::string_view messageId;
    std::string_view requestId;
    std::string_view sessionId;
    std::string_view model;
    bool hasCost = false;
    bool hasMessageId = false;
    bool hasRequestId = false;
    bool hasSessionId = false;
    bool hasModel = false;
    bool sidechain = false;
    bool apiError = false;
    bool hasSpeed = false;
    bool fast = false;
    // An advisor iteration inside the message before it: counted and priced on its own, but
    // kept or dropped with that message when copies are de-duplicated.
    bool advisor = false;
    // Read from the older progress shape ({"data":{"message":{…}}}), which only ccusage's daily
    // report counts.
    bool progress = false;
};

// Decoded copies of strings that contained escapes.
struct ParseScratch
{
    std::vector<std::unique_ptr<std::string>> strings;
};

// The exact bytes a line must contain to be looked at (ccusage's pre-filter: `"usage": {`
// with a space is not read).
inline constexpr std::string_view UsageMarker = "\"usage\":{";

// Reads one line (without its '\n') as ccusage 20.0.24 does: the usage of the message it
// carries, then one more entry per advisor iteration. Appends to *out and returns how many
// were appended; 0 when the line carries no usage or breaks one of ccusage's rules (see
// docs/usage.md). Never throws and never reads outside `line`.
int parseTranscriptLine(std::string_view line, std::vector<LineUsage> *out, ParseScratch *scratch);

// "2026-01-02T03:04:05.678Z" or "...+02:00" (a fraction of exactly 3 digits or none) as UTC
// milliseconds; false for anything else, impossible dates included.
bool parseTimestamp(std::string_view text, qint64 *ms);

} // namespace chorus::usage
