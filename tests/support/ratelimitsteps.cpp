#include "ratelimitsteps.h"

#include <QDateTime>

namespace chorus::test {

namespace {

const QLatin1String kPrefix("anthropic-ratelimit-unified-");

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

void addWindow(QJsonObject &headers, const char *window, const UnifiedWindow &w)
{
    const QString p = kPrefix + QLatin1String(window) + u'-';
    headers.insert(p + QLatin1String("utilization"), number(w.utilization));
    headers.insert(p + QLatin1String("reset"), QString::number(w.resetsAtSecs));
    if (!w.status.isEmpty())
        headers.insert(p + QLatin1String("status"), w.status);
    if (w.surpassedThreshold)
        headers.insert(p + QLatin1String("surpassed-threshold"), number(*w.surpassedThreshold));
}

} // namespace

QJsonObject unifiedHeaders(const UnifiedWindow &fiveHour,
                           const std::optional<UnifiedWindow> &sevenDay, const QString &status,
                           const QString &representativeClaim)
{
    QJsonObject headers;
    headers.insert(kPrefix + QLatin1String("status"), status);
    headers.insert(kPrefix + QLatin1String("representative-claim"), representativeClaim);
    const bool weekly = representativeClaim.startsWith(QLatin1String("seven_day")) && sevenDay;
    headers.insert(kPrefix + QLatin1String("reset"),
                   QString::number(weekly ? sevenDay->resetsAtSecs : fiveHour.resetsAtSecs));
    addWindow(headers, "5h", fiveHour);
    if (sevenDay)
        addWindow(headers, "7d", *sevenDay);
    return headers;
}

QJsonObject textWithLimits(const QString &text, const QJsonObject &headers)
{
    return {{QLatin1String("text"), text}, {QLatin1String("resp_headers"), headers}};
}

QJsonObject usageLimitRejection(qint64 resetsAtSecs, const QString &claim)
{
    const UnifiedWindow rejected{1.0, resetsAtSecs, QStringLiteral("rejected")};
    QJsonObject headers =
        claim.startsWith(QLatin1String("seven_day"))
            ? unifiedHeaders(UnifiedWindow{0.5, resetsAtSecs, QStringLiteral("allowed")}, rejected,
                             QStringLiteral("rejected"), claim)
            : unifiedHeaders(rejected, std::nullopt, QStringLiteral("rejected"), claim);
    headers.insert(QLatin1String("x-should-retry"), QLatin1String("false"));
    return {{QLatin1String("http_error"), 429},
            {QLatin1String("error_type"), QLatin1String("rate_limit_error")},
            {QLatin1String("message"), QLatin1String("Rate limited")},
            {QLatin1String("headers"), headers}};
}

QJsonObject apiKey429(int retryAfterSecs)
{
    const QString reset =
        QDateTime::currentDateTimeUtc().addSecs(retryAfterSecs).toString(Qt::ISODate);
    const QJsonObject headers{
        {QLatin1String("retry-after"), QString::number(retryAfterSecs)},
        {QLatin1String("anthropic-ratelimit-requests-limit"), QLatin1String("50")},
        {QLatin1String("anthropic-ratelimit-requests-remaining"), QLatin1String("0")},
        {QLatin1String("anthropic-ratelimit-requests-reset"), reset}};
    return {{QLatin1String("http_error"), 429},
            {QLatin1String("error_type"), QLatin1String("rate_limit_error")},
            {QLatin1String("message"),
             QLatin1String("This request would exceed your organization's rate limit of 50 "
                           "requests per minute. Please try again later.")},
            {QLatin1String("headers"), headers}};
}

} // namespace chorus::test
