#include "streamevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace chorus {

StreamEvent decodeStreamLine(const QByteArray &line)
{
    StreamEvent ev;
    ev.raw = line;
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &perr);
    if (perr.error != QJsonParseError::NoError) {
        ev.error = QStringLiteral("not JSON (%1 at byte %2)").arg(perr.errorString()).arg(perr.offset);
        return ev;
    }
    if (!doc.isObject()) {
        ev.error = QStringLiteral("JSON but not an object");
        return ev;
    }
    ev.json = doc.object();
    ev.type = ev.json.value(QLatin1String("type")).toString();
    ev.subtype = ev.json.value(QLatin1String("subtype")).toString();

    if (ev.type == QLatin1String("assistant"))
        ev.kind = EventKind::Assistant;
    else if (ev.type == QLatin1String("user"))
        ev.kind = EventKind::User;
    else if (ev.type == QLatin1String("result"))
        ev.kind = EventKind::Result;
    else if (ev.type == QLatin1String("stream_event"))
        ev.kind = EventKind::Partial;
    else if (ev.type == QLatin1String("system")) {
        if (ev.subtype == QLatin1String("init"))
            ev.kind = EventKind::Init;
        else if (ev.subtype == QLatin1String("api_retry"))
            ev.kind = EventKind::ApiRetry;
        else
            ev.kind = EventKind::System;
    } else if (ev.type == QLatin1String("control_request")) {
        ev.kind = EventKind::ControlRequest;
        ev.subtype = ev.json.value(QLatin1String("request")).toObject().value(QLatin1String("subtype")).toString();
    } else if (ev.type == QLatin1String("control_response")) {
        ev.kind = EventKind::ControlResponse;
        ev.subtype = ev.json.value(QLatin1String("response")).toObject().value(QLatin1String("subtype")).toString();
    } else if (ev.type == QLatin1String("control_cancel_request"))
        ev.kind = EventKind::ControlCancel;
    else if (ev.type == QLatin1String("rate_limit_event"))
        ev.kind = EventKind::RateLimit;
    else
        ev.kind = EventKind::Unknown;
    return ev;
}

bool isLiveOnly(const StreamEvent &ev)
{
    return ev.kind == EventKind::Partial ||
           (ev.kind == EventKind::System && ev.subtype == QLatin1String("status"));
}

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Init: return QStringLiteral("init");
    case EventKind::Assistant: return QStringLiteral("assistant");
    case EventKind::User: return QStringLiteral("user");
    case EventKind::Result: return QStringLiteral("result");
    case EventKind::ControlRequest: return QStringLiteral("control_request");
    case EventKind::ControlResponse: return QStringLiteral("control_response");
    case EventKind::ControlCancel: return QStringLiteral("control_cancel");
    case EventKind::RateLimit: return QStringLiteral("rate_limit");
    case EventKind::ApiRetry: return QStringLiteral("api_retry");
    case EventKind::Partial: return QStringLiteral("partial");
    case EventKind::System: return QStringLiteral("system");
    case EventKind::Unknown: return QStringLiteral("unknown");
    case EventKind::Invalid: return QStringLiteral("invalid");
    }
    return QStringLiteral("unknown");
}

// A token count within [0, kMaxTurnTokens]; anything else (negative, huge, not a number) is
// bounded and flagged.
static qint64 tokenCount(const QJsonObject &o, const char *key, bool *clamped)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return 0;
    const double d = v.toDouble(-1);
    if (!(d >= 0) || d > double(kMaxTurnTokens)) {
        *clamped = true;
        return d > 0 ? kMaxTurnTokens : 0;
    }
    return qint64(d);
}

static double costUsd(const QJsonValue &v, bool *clamped)
{
    if (v.isUndefined() || v.isNull())
        return 0;
    const double d = v.toDouble(-1);
    if (!(d >= 0) || d > kMaxTurnCostUsd) {
        *clamped = true;
        return d > 0 ? kMaxTurnCostUsd : 0;
    }
    return d;
}

static TokenCounts tokensFromModelUsage(const QJsonObject &u, bool *clamped)
{
    TokenCounts t;
    t.input = tokenCount(u, "inputTokens", clamped);
    t.output = tokenCount(u, "outputTokens", clamped);
    t.cacheRead = tokenCount(u, "cacheReadInputTokens", clamped);
    t.cacheWrite = tokenCount(u, "cacheCreationInputTokens", clamped);
    return t;
}

ResultInfo parseResult(const QJsonObject &r)
{
    ResultInfo info;
    info.isError = r.value(QLatin1String("is_error")).toBool();
    info.subtype = r.value(QLatin1String("subtype")).toString();
    info.terminalReason = r.value(QLatin1String("terminal_reason")).toString();
    info.text = r.value(QLatin1String("result")).toString();
    if (info.text.isEmpty()) {
        QStringList errors;
        const QJsonArray arr = r.value(QLatin1String("errors")).toArray();
        for (const QJsonValue &e : arr)
            errors << e.toString();
        info.text = errors.join(QLatin1Char('\n'));
    }
    info.apiErrorStatus = r.value(QLatin1String("api_error_status")).toInt();
    info.apiError = r.value(QLatin1String("api_error")).toString();
    info.apiErrorType = r.value(QLatin1String("api_error_type")).toString();
    info.numTurns = r.value(QLatin1String("num_turns")).toInt();
    info.durationMs = r.value(QLatin1String("duration_ms")).toInteger();

    const QJsonObject since = r.value(QLatin1String("model_usage_since_last_result")).toObject();
    qint64 bestOutput = -1;
    for (auto it = since.constBegin(); it != since.constEnd(); ++it) {
        const QJsonObject u = it.value().toObject();
        const TokenCounts t = tokensFromModelUsage(u, &info.clamped);
        info.tokens += t;
        info.costUsd += costUsd(u.value(QLatin1String("costUSD")), &info.clamped);
        if (t.output > bestOutput) {
            bestOutput = t.output;
            info.model = it.key();
        }
    }
    if (since.isEmpty()) {
        // Older CLIs or --output-format json: only this turn's usage, no cost.
        const QJsonObject u = r.value(QLatin1String("usage")).toObject();
        info.tokens.input = tokenCount(u, "input_tokens", &info.clamped);
        info.tokens.output = tokenCount(u, "output_tokens", &info.clamped);
        info.tokens.cacheRead = tokenCount(u, "cache_read_input_tokens", &info.clamped);
        info.tokens.cacheWrite = tokenCount(u, "cache_creation_input_tokens", &info.clamped);
    }
    return info;
}

namespace {

// Epoch seconds in a sane range around now, as milliseconds; 0 otherwise.
qint64 resetTime(const QJsonValue &v, qint64 nowMs)
{
    if (!v.isDouble())
        return 0;
    const double seconds = v.toDouble();
    constexpr double Y2020 = 1577836800.0;
    const double latest = double(nowMs) / 1000.0 + 366.0 * 86400.0;
    if (!(seconds >= Y2020 && seconds <= latest))
        return 0;
    return qint64(seconds * 1000.0);
}

double fraction(const QJsonValue &v)
{
    if (!v.isDouble())
        return -1;
    const double f = v.toDouble();
    return f >= 0 && f <= 10 ? f : -1; // over 1 happens with overage; nonsense beyond
}

bool knownStatus(const QString &s)
{
    return s == QLatin1String("allowed") || s == QLatin1String("allowed_warning") ||
           s == QLatin1String("rejected");
}

} // namespace

bool parseRateLimitInfo(const QJsonObject &info, qint64 nowMs, RateLimitInfo *out)
{
    RateLimitInfo r;
    r.status = info.value(QLatin1String("status")).toString();
    if (!knownStatus(r.status))
        return false;
    r.rateLimitType = info.value(QLatin1String("rateLimitType")).toString().left(64);
    r.resetsAtMs = resetTime(info.value(QLatin1String("resetsAt")), nowMs);
    r.utilization = fraction(info.value(QLatin1String("utilization")));
    r.overageStatus = info.value(QLatin1String("overageStatus")).toString().left(64);
    r.usingOverage = info.value(QLatin1String("isUsingOverage")).toBool();
    r.surpassedThreshold = qMax(0.0, fraction(info.value(QLatin1String("surpassedThreshold"))));
    const QJsonObject windows = info.value(QLatin1String("unifiedWindows")).toObject();
    for (auto it = windows.begin(); it != windows.end() && r.windows.size() < 16; ++it) {
        const QJsonObject w = it.value().toObject();
        RateLimitWindow rw;
        rw.type = it.key().left(64);
        rw.utilization = fraction(w.value(QLatin1String("utilization")));
        rw.resetsAtMs = resetTime(w.value(QLatin1String("resetsAt")), nowMs);
        rw.status = w.value(QLatin1String("status")).toString();
        if (!knownStatus(rw.status))
            rw.status.clear();
        rw.surpassedThreshold = qMax(0.0, fraction(w.value(QLatin1String("surpassedThreshold"))));
        r.windows.append(rw);
    }
    // The window the event is about, from its top-level fields when unifiedWindows lacks it.
    if (!r.rateLimitType.isEmpty()) {
        auto it = std::find_if(r.windows.begin(), r.windows.end(),
                               [&](const RateLimitWindow &w) { return w.type == r.rateLimitType; });
        if (it == r.windows.end()) {
            r.windows.append(
                {r.rateLimitType, r.utilization, r.resetsAtMs, r.status, r.surpassedThreshold});
        } else {
            // The event's status is about this window: the more severe of the two holds.
            const auto rank = [](const QString &st) {
                return st == QLatin1String("rejected")          ? 2
                       : st == QLatin1String("allowed_warning") ? 1
                                                                : 0;
            };
            if (it->status.isEmpty() || rank(r.status) > rank(it->status))
                it->status = r.status;
            if (it->resetsAtMs == 0)
                it->resetsAtMs = r.resetsAtMs;
            if (it->utilization < 0)
                it->utilization = r.utilization;
        }
    }
    *out = r;
    return true;
}

bool isUsageLimit(const ResultInfo &r)
{
    return r.isError && r.apiError == QLatin1String("usage_limit_reached");
}

bool isApiRateLimit(const ResultInfo &r)
{
    return r.isError && r.apiErrorStatus == 429 && !isUsageLimit(r);
}

bool parseToolPermissionRequest(const QJsonObject &cr, ToolPermissionRequest *out)
{
    const QJsonObject req = cr.value(QLatin1String("request")).toObject();
    if (req.value(QLatin1String("subtype")).toString() != QLatin1String("can_use_tool"))
        return false;
    out->requestId = cr.value(QLatin1String("request_id")).toString();
    out->toolName = req.value(QLatin1String("tool_name")).toString();
    out->input = req.value(QLatin1String("input")).toObject();
    out->description = req.value(QLatin1String("description")).toString();
    out->toolUseId = req.value(QLatin1String("tool_use_id")).toString();
    return !out->requestId.isEmpty();
}

bool isAuthFailure(const ResultInfo &r)
{
    return r.isError && (r.text.contains(QLatin1String("Not logged in")) ||
                         r.text.contains(QLatin1String("Invalid API key")) ||
                         r.apiErrorStatus == 401 || r.apiErrorStatus == 403);
}

} // namespace chorus
