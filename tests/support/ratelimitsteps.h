#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace chorus::test {

// Steps for the fake Messages API that exercise the CLI's rate-limit handling (CLAUDE-CLI.md
// §2.7, §6.3, §7.2). The `anthropic-ratelimit-unified-*` headers only matter with subscription
// or gateway auth: run the CLI with FakeApi::claudeEnvironment(dir, FakeApi::Auth::Gateway).
// With API-key auth the CLI ignores them.

// One subscription window as the server reports it.
struct UnifiedWindow
{
    double utilization = 0;                     // 0–1 (may exceed 1)
    qint64 resetsAtSecs = 0;                    // epoch seconds
    QString status = QStringLiteral("allowed"); // "allowed", "allowed_warning" or "rejected"
    // `…-surpassed-threshold`: with it the CLI reports "allowed_warning" for the window (and
    // echoes surpassedThreshold); without it, it derives a warning from utilization and the
    // time left in the window only (five_hour: utilization ≥ 0.9 with ≤ 72 % of 5 h elapsed).
    std::optional<double> surpassedThreshold = {};
};

// The `anthropic-ratelimit-unified-*` response headers for a step's "resp_headers" (or an
// http_error step's "headers"): -status, -representative-claim, -reset (of the claimed window),
// -5h-utilization/-reset/-status[/-surpassed-threshold] and, with sevenDay, the -7d-* set.
// Values are strings (epoch seconds must not pass through a double's %g formatting).
QJsonObject unifiedHeaders(const UnifiedWindow &fiveHour,
                           const std::optional<UnifiedWindow> &sevenDay = {},
                           const QString &status = QStringLiteral("allowed"),
                           const QString &representativeClaim = QStringLiteral("five_hour"));

// A text step whose response carries `headers`.
QJsonObject textWithLimits(const QString &text, const QJsonObject &headers);

// The subscription "usage limit reached" 429: unified status rejected for `claim` ("five_hour" or
// "seven_day"), reset at resetsAtSecs, the window rejected at utilization 1, x-should-retry false.
// With gateway auth the CLI ends the turn at once with a rate_limit_event (status "rejected") and
// a result with is_error, api_error "usage_limit_reached" and "You've hit your 5-hour limit ·
// resets …" (weekly: "You've hit your weekly limit · resets …").
QJsonObject usageLimitRejection(qint64 resetsAtSecs,
                                const QString &claim = QStringLiteral("five_hour"));

// A plain 429 as an API-key user gets it: rate_limit_error with retry-after and the
// anthropic-ratelimit-requests-* headers; the CLI retries it (CLAUDE_CODE_MAX_RETRIES caps that).
QJsonObject apiKey429(int retryAfterSecs = 1);

} // namespace chorus::test
