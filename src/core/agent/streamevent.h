#pragma once

#include "model/tokencounts.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

// What one stream-json line from the Claude Code CLI is. Unknown types are kept
// (raw) and ignored by the engine: new types appear between CLI versions.
enum class EventKind {
    Init,            // system/init, one per turn
    Assistant,       // one content block of a model message
    User,            // tool results, interrupt markers
    Result,          // end of a turn
    ControlRequest,  // CLI -> host (can_use_tool)
    ControlResponse, // answer to one of our control requests
    ControlCancel,   // control_cancel_request: close the matching approval
    RateLimit,       // rate_limit_event
    ApiRetry,        // system/api_retry
    Partial,         // stream_event (with --include-partial-messages)
    System,          // any other system/* line
    Unknown,         // a JSON object with a type we do not know
    Invalid,         // not a JSON object
};

struct StreamEvent
{
    EventKind kind = EventKind::Invalid;
    QString type;
    QString subtype;
    QJsonObject json;
    QByteArray raw;
    QString error; // why an Invalid line is invalid
};

StreamEvent decodeStreamLine(const QByteArray &line);
// A line that only says what is happening now (stream_event, system/status, both added by
// --include-partial-messages): broadcast to watchers, never stored.
bool isLiveOnly(const StreamEvent &ev);
QString eventKindName(EventKind kind);

// The facts of a `result` line that the engine and the usage ledger need.
struct ResultInfo
{
    bool isError = false;
    QString subtype;
    QString terminalReason;
    QString text;      // `result`, or the joined `errors`
    int apiErrorStatus = 0;
    int numTurns = 0;
    qint64 durationMs = 0;
    double costUsd = 0; // sum of model_usage_since_last_result[*].costUSD
    TokenCounts tokens; // this turn's tokens
    QString model;      // the model with the most output tokens in this turn
    QString apiError;   // api_error, e.g. "usage_limit_reached"
    QString apiErrorType; // api_error_type, e.g. "rate_limit_error"
    bool clamped =
        false; // a token count or cost was out of range (negative, absurd) and was bounded
};
// Bounds on one turn's usage: a count outside [0, kMaxTurnTokens] or a cost outside
// [0, kMaxTurnCostUsd] is clamped (and ResultInfo::clamped set), so a bad line cannot poison sums.
constexpr qint64 kMaxTurnTokens = 10'000'000'000LL;
constexpr double kMaxTurnCostUsd = 100'000.0;
ResultInfo parseResult(const QJsonObject &result);
// Whether a failed turn failed because the CLI has no valid credentials: "Not logged in ·
// Please run /login" (no credentials at all), "Invalid API key · …", or a 401/403 from the API
// (CLAUDE-CLI.md §6.1).
bool isAuthFailure(const ResultInfo &r);

// One window of a rate_limit_event (CLAUDE-CLI.md §2.7, §6.3).
struct RateLimitWindow
{
    QString type;            // five_hour, seven_day, seven_day_opus, ...
    double utilization = -1; // 0..1; -1: not given
    qint64 resetsAtMs = 0;   // 0: not given
    QString status;          // allowed, allowed_warning, rejected; empty: not given
    double surpassedThreshold = 0;
};

// A rate_limit_event's rate_limit_info: the official picture of the subscription's windows.
struct RateLimitInfo
{
    QString status;        // allowed | allowed_warning | rejected
    QString rateLimitType; // the window the status is about
    qint64 resetsAtMs = 0;
    double utilization = -1;
    QString overageStatus;
    bool usingOverage = false;
    double surpassedThreshold = 0;
    QList<RateLimitWindow> windows; // unifiedWindows, plus rateLimitType's own when missing there
};
// False when `info` is not an object with a known status. Times out of range (before 2020,
// more than a year ahead of `nowMs`) are dropped, not trusted.
bool parseRateLimitInfo(const QJsonObject &info, qint64 nowMs, RateLimitInfo *out);

// Whether a failed turn ended on a usage limit rather than on any other error.
bool isUsageLimit(const ResultInfo &r);
// Whether a failed turn ended on an API 429 without a subscription reset (an API key's rate
// limit): Chorus backs off and tries again.
bool isApiRateLimit(const ResultInfo &r);

// A can_use_tool control request.
struct ToolPermissionRequest
{
    QString requestId;
    QString toolName;
    QJsonObject input;
    QString description;
    QString toolUseId;
};
bool parseToolPermissionRequest(const QJsonObject &controlRequest, ToolPermissionRequest *out);

} // namespace chorus
