#include "usagereport.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace chorus::usage {

namespace {

constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr qint64 BlockMs = 5 * HourMs;
const QString Synthetic = QStringLiteral("<synthetic>");

// Dates in a zone, fast: a zone's offset changes only at a quarter hour, so it is looked up
// once per quarter hour of data instead of once per entry.
class ZoneDates
{
public:
    explicit ZoneDates(const QTimeZone &zone) : m_zone(zone) {}

    QDate date(qint64 ms)
    {
        const qint64 quarter = ms >= 0 ? ms / 900000 : (ms - 899999) / 900000;
        auto it = m_offsets.constFind(quarter);
        if (it == m_offsets.cend())
            it = m_offsets.insert(quarter, m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(
                                               ms, QTimeZone::utc())));
        const qint64 local = ms + qint64(*it) * 1000;
        const qint64 day = local >= 0 ? local / DayMs : (local - DayMs + 1) / DayMs;
        return QDate(1970, 1, 1).addDays(day);
    }

private:
    QTimeZone m_zone;
    QHash<qint64, int> m_offsets;
};

// The cost of each entry under a mode, and which models could not be priced.
class Coster
{
public:
    Coster(const ScanResult &scan, const PriceTable &prices, CostMode mode)
        : m_scan(scan), m_mode(mode)
    {
        for (const QString &m : scan.models)
            m_prices.push_back(m == Synthetic ? nullptr : prices.find(m));
    }

    double cost(const Entry &e) const
    {
        if (m_mode == CostMode::Display || (m_mode == CostMode::Auto && e.has(Entry::HasCost)))
            return e.has(Entry::HasCost) ? e.loggedCost : 0;
        if (e.model < 0 || !m_prices[size_t(e.model)])
            return 0;
        return PriceTable::cost(*m_prices[size_t(e.model)],
                                {e.input, e.output, e.cache5m, e.cache1h, e.cacheRead},
                                e.has(Entry::Fast));
    }

    // A cost of 0 that is not the truth: the model has no price and the cost was computed.
    bool missingPrice(const Entry &e) const
    {
        if (e.model < 0 || m_prices[size_t(e.model)] || m_scan.models[e.model] == Synthetic ||
            e.tokens() == 0)
            return false;
        return m_mode == CostMode::Calculate ||
               (m_mode == CostMode::Auto && !e.has(Entry::HasCost));
    }

    // The name a report shows: "<model>-fast" for fast entries; empty for none and synthetic.
    QString modelName(const Entry &e) const
    {
        if (e.model < 0 || m_scan.models[e.model] == Synthetic)
            return {};
        const QString &m = m_scan.models[e.model];
        return e.has(Entry::Fast) ? m + QStringLiteral("-fast") : m;
    }

private:
    const ScanResult &m_scan;
    CostMode m_mode;
    std::vector<const ModelPrice *> m_prices; // per scan model
};

// Sums entries into a row.
class RowBuilder
{
public:
    explicit RowBuilder(const Coster &coster) : m_coster(coster) {}

    void add(UsageRow &row, const Entry &e)
    {
        const double cost = m_coster.cost(e);
        row.input += e.input;
        row.output += e.output;
        row.cacheCreation += e.cache5m + e.cache1h;
        row.cacheRead += e.cacheRead;
        row.cost += cost;
        row.entries += 1;
        row.firstMs = row.entries == 1 ? e.timeMs : std::min(row.firstMs, e.timeMs);
        row.lastMs = row.entries == 1 ? e.timeMs : std::max(row.lastMs, e.timeMs);
        if (e.limitResetMs > 0)
            row.limitResetMs = e.limitResetMs;
        const QString model = m_coster.modelName(e);
        if (model.isEmpty())
            return;
        auto it = std::find_if(row.breakdown.begin(), row.breakdown.end(),
                               [&](const ModelTotals &m) { return m.model == model; });
        if (it == row.breakdown.end()) {
            row.models.append(model);
            row.breakdown.push_back({model});
            it = row.breakdown.end() - 1;
        }
        it->input += e.input;
        it->output += e.output;
        it->cacheCreation += e.cache5m + e.cache1h;
        it->cacheRead += e.cacheRead;
        it->cost += cost;
        it->missingPricing = it->missingPricing || m_coster.missingPrice(e);
    }

private:
    const Coster &m_coster;
};

void finish(UsageRow &row)
{
    std::stable_sort(row.breakdown.begin(), row.breakdown.end(),
                     [](const ModelTotals &a, const ModelTotals &b) { return a.cost > b.cost; });
}

void addToTotals(UsageReport &report, const UsageRow &row)
{
    UsageRow &t = report.totals;
    t.input += row.input;
    t.output += row.output;
    t.cacheCreation += row.cacheCreation;
    t.cacheRead += row.cacheRead;
    t.cost += row.cost;
    t.entries += row.entries;
    for (const ModelTotals &m : row.breakdown) {
        if (m.missingPricing && !report.unpricedModels.contains(m.model))
            report.unpricedModels.append(m.model);
    }
}

bool inRange(const QDate &d, const ReportOptions &o)
{
    return (!o.since || d >= *o.since) && (!o.until || d <= *o.until);
}

QDate weekOf(const QDate &d, Qt::DayOfWeek start)
{
    return d.addDays(-((d.dayOfWeek() - int(start) + 7) % 7));
}

// Daily, weekly and monthly: entries by local date, filtered, then grouped.
std::vector<UsageRow> periodRows(const ScanResult &scan, const std::vector<int> &counted,
                                 const Coster &coster, const ReportOptions &o)
{
    ZoneDates dates(o.zone);
    RowBuilder builder(coster);
    std::map<QString, UsageRow> rows;
    for (int i : counted) {
        const Entry &e = scan.entries[size_t(i)];
        const QDate d = dates.date(e.timeMs);
        if (!inRange(d, o))
            continue;
        QString key;
        if (o.kind == ReportKind::Daily)
            key = d.toString(Qt::ISODate);
        else if (o.kind == ReportKind::Weekly)
            key = weekOf(d, o.weekStart).toString(Qt::ISODate);
        else
            key = d.toString(QStringLiteral("yyyy-MM"));
        UsageRow &row = rows[key];
        row.key = key;
        builder.add(row, e);
    }
    std::vector<UsageRow> out;
    for (auto &[key, row] : rows)
        out.push_back(std::move(row));
    return out;
}

std::vector<UsageRow> sessionRows(const ScanResult &scan, const std::vector<int> &counted,
                                  const Coster &coster, const ReportOptions &o)
{
    RowBuilder builder(coster);
    std::map<std::pair<QString, QString>, UsageRow> rows;
    for (int i : counted) {
        const Entry &e = scan.entries[size_t(i)];
        const TranscriptFile &f = scan.files[size_t(e.file)];
        UsageRow &row = rows[{f.project, f.session}];
        row.key = f.session;
        row.project = f.project;
        builder.add(row, e);
    }
    ZoneDates dates(o.zone);
    std::vector<UsageRow> out;
    for (auto &[key, row] : rows) {
        if (row.totalTokens() > 0 && inRange(dates.date(row.lastMs), o))
            out.push_back(std::move(row));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const UsageRow &a, const UsageRow &b) { return a.cost > b.cost; });
    return out;
}

// ccusage's 5-hour blocks: a block starts at its first entry floored to the UTC hour and ends
// 5 hours later; an entry past that end, or more than 5 hours after the one before, starts the
// next block, and in the second case the idle time between them is a gap block.
std::vector<UsageRow> blockRows(const ScanResult &scan, std::vector<int> counted,
                                const Coster &coster, const ReportOptions &o)
{
    std::stable_sort(counted.begin(), counted.end(), [&](int a, int b) {
        return scan.entries[size_t(a)].timeMs < scan.entries[size_t(b)].timeMs;
    });
    RowBuilder builder(coster);
    std::vector<UsageRow> out;
    UsageRow current;
    const auto close = [&] {
        if (current.entries == 0)
            return;
        current.key = isoMs(current.startMs);
        current.isActive = o.nowMs - current.lastMs < BlockMs && o.nowMs < current.endMs;
        out.push_back(std::move(current));
        current = UsageRow();
    };
    for (int i : counted) {
        const Entry &e = scan.entries[size_t(i)];
        if (current.entries > 0 &&
            (e.timeMs - current.startMs > BlockMs || e.timeMs - current.lastMs > BlockMs)) {
            const qint64 last = current.lastMs;
            close();
            if (e.timeMs - last > BlockMs) {
                UsageRow gap;
                gap.isGap = true;
                gap.startMs = last + BlockMs;
                gap.endMs = e.timeMs;
                gap.key = QStringLiteral("gap-") + isoMs(gap.startMs);
                out.push_back(gap);
            }
        }
        if (current.entries == 0) {
            current.startMs = e.timeMs - ((e.timeMs % HourMs) + HourMs) % HourMs;
            current.endMs = current.startMs + BlockMs;
        }
        builder.add(current, e);
    }
    close();
    // By start, as ccusage lists them: a gap can begin inside the block after it.
    std::stable_sort(out.begin(), out.end(), [](const UsageRow &a, const UsageRow &b) { return a.startMs < b.startMs; });
    ZoneDates dates(o.zone);
    std::erase_if(out, [&](const UsageRow &r) { return !inRange(dates.date(r.startMs), o); });
    return out;
}

QJsonObject tokenFields(const UsageRow &r)
{
    return {{QStringLiteral("inputTokens"), double(r.input)},
            {QStringLiteral("outputTokens"), double(r.output)},
            {QStringLiteral("cacheCreationTokens"), double(r.cacheCreation)},
            {QStringLiteral("cacheReadTokens"), double(r.cacheRead)},
            {QStringLiteral("totalTokens"), double(r.totalTokens())},
            {QStringLiteral("totalCost"), r.cost}};
}

QJsonObject rowJson(const UsageRow &r, ReportKind kind)
{
    QJsonObject o = tokenFields(r);
    QJsonArray breakdown;
    for (const ModelTotals &m : r.breakdown) {
        QJsonObject b{{QStringLiteral("modelName"), m.model},
                      {QStringLiteral("inputTokens"), double(m.input)},
                      {QStringLiteral("outputTokens"), double(m.output)},
                      {QStringLiteral("cacheCreationTokens"), double(m.cacheCreation)},
                      {QStringLiteral("cacheReadTokens"), double(m.cacheRead)},
                      {QStringLiteral("cost"), m.cost}};
        if (m.missingPricing)
            b.insert(QStringLiteral("missingPricing"), true);
        breakdown.append(b);
    }
    o.insert(QStringLiteral("modelsUsed"), QJsonArray::fromStringList(r.models));
    o.insert(QStringLiteral("modelBreakdowns"), breakdown);
    switch (kind) {
    case ReportKind::Daily:
        o.insert(QStringLiteral("date"), r.key);
        break;
    case ReportKind::Weekly:
        o.insert(QStringLiteral("week"), r.key);
        break;
    case ReportKind::Monthly:
        o.insert(QStringLiteral("month"), r.key);
        break;
    case ReportKind::Session:
        o.insert(QStringLiteral("sessionId"), r.key);
        o.insert(QStringLiteral("projectPath"), r.project);
        o.insert(QStringLiteral("firstActivity"), isoMs(r.firstMs));
        o.insert(QStringLiteral("lastActivity"), isoMs(r.lastMs));
        break;
    case ReportKind::Blocks:
        break;
    }
    return o;
}

QJsonObject blockJson(const UsageRow &r, qint64 nowMs)
{
    QJsonObject o{
        {QStringLiteral("id"), r.key},
        {QStringLiteral("startTime"), isoMs(r.startMs)},
        {QStringLiteral("endTime"), isoMs(r.isGap ? r.endMs : r.startMs + BlockMs)},
        {QStringLiteral("actualEndTime"), r.isGap ? QJsonValue() : QJsonValue(isoMs(r.lastMs))},
        {QStringLiteral("isActive"), r.isActive},
        {QStringLiteral("isGap"), r.isGap},
        {QStringLiteral("entries"), r.entries},
        {QStringLiteral("tokenCounts"),
         QJsonObject{{QStringLiteral("inputTokens"), double(r.input)},
                     {QStringLiteral("outputTokens"), double(r.output)},
                     {QStringLiteral("cacheCreationInputTokens"), double(r.cacheCreation)},
                     {QStringLiteral("cacheReadInputTokens"), double(r.cacheRead)}}},
        {QStringLiteral("totalTokens"), double(r.totalTokens())},
        {QStringLiteral("costUSD"), r.cost},
        {QStringLiteral("models"), QJsonArray::fromStringList(r.models)},
        {QStringLiteral("burnRate"), QJsonValue()},
        {QStringLiteral("projection"), QJsonValue()},
    };
    if (r.limitResetMs > 0)
        o.insert(QStringLiteral("usageLimitResetTime"), isoMs(r.limitResetMs));
    const double minutes = double(r.lastMs - r.firstMs) / 60000.0;
    if (r.isActive && minutes > 0) {
        const double perMinute = double(r.totalTokens()) / minutes;
        const double costPerHour = r.cost / minutes * 60;
        const double remaining = std::max(0.0, double(r.startMs + BlockMs - nowMs) / 60000.0);
        o.insert(QStringLiteral("burnRate"),
                 QJsonObject{{QStringLiteral("tokensPerMinute"), perMinute},
                             {QStringLiteral("tokensPerMinuteForIndicator"),
                              double(r.input + r.output) / minutes},
                             {QStringLiteral("costPerHour"), costPerHour}});
        o.insert(QStringLiteral("projection"),
                 QJsonObject{{QStringLiteral("totalTokens"),
                              std::round(double(r.totalTokens()) + perMinute * remaining)},
                             {QStringLiteral("totalCost"),
                              std::round((r.cost + costPerHour * remaining / 60) * 100) / 100},
                             {QStringLiteral("remainingMinutes"), std::round(remaining)}});
    }
    return o;
}

} // namespace

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

DedupRules DedupRules::forReport(ReportKind kind)
{
    return {kind == ReportKind::Daily};
}

std::vector<int> countedEntries(const ScanResult &scan, const DedupRules &rules,
                                const std::function<double(const Entry &)> &cost)
{
    const auto &entries = scan.entries;
    // A group is a message's entry and its advisor entries right after it.
    const auto groupEnd = [&](int start) {
        int end = start + 1;
        while (end < int(entries.size()) && entries[size_t(end)].has(Entry::Advisor))
            ++end;
        return end;
    };
    const auto better = [&](const Entry &a, const Entry &b) { // does a replace b?
        if (a.has(Entry::Sidechain) != b.has(Entry::Sidechain))
            return !a.has(Entry::Sidechain);
        if (a.tokens() != b.tokens())
            return a.tokens() > b.tokens();
        const double ca = cost(a), cb = cost(b);
        if (ca != cb)
            return ca > cb;
        return a.has(Entry::HasSpeed) && !b.has(Entry::HasSpeed);
    };
    // Daily: every line read of a message, kept or not, and a later copy is matched against
    // each (a subagent's replay matches the main-chain line of its session even when a fork's
    // copy of that line, from another session, is the one kept). The other reports match a
    // copy against the copy each slot keeps.
    struct Seen
    {
        size_t slot; // in kept
        int entry;
    };
    std::vector<int> kept; // group starts
    std::unordered_map<quint64, std::vector<Seen>> byMessage;
    for (int start = 0; start < int(entries.size()); start = groupEnd(start)) {
        const Entry &e = entries[size_t(start)];
        if (e.has(Entry::Advisor) || (e.has(Entry::Progress) && !rules.daily))
            continue;
        if (!e.has(Entry::HasMessageId)) {
            kept.push_back(start);
            continue;
        }
        std::vector<Seen> &seen = byMessage[e.messageKey];
        const auto lineOf = [&](const Seen &s) -> const Entry & {
            return entries[size_t(rules.daily ? s.entry : kept[s.slot])];
        };
        const auto sameRequest = [&](const Seen &s) {
            const Entry &k = lineOf(s);
            if (k.has(Entry::HasRequestId) != e.has(Entry::HasRequestId))
                return false;
            if (e.has(Entry::HasRequestId))
                return k.requestKey == e.requestKey;
            // Without a request id the line's session is part of the key (a fork's copy in
            // another session counts again), and daily's its time too.
            const bool sameSession = k.has(Entry::HasSessionId) == e.has(Entry::HasSessionId) &&
                                     (!e.has(Entry::HasSessionId) || k.sessionKey == e.sessionKey);
            return sameSession && (!rules.daily || k.timeMs == e.timeMs);
        };
        const auto sidechainCopy = [&](const Seen &s) {
            const Entry &k = lineOf(s);
            if (!k.has(Entry::Sidechain) && !e.has(Entry::Sidechain))
                return false;
            if (!rules.daily)
                return k.timeMs == e.timeMs;
            return !(k.has(Entry::HasSessionId) && e.has(Entry::HasSessionId) && k.sessionKey != e.sessionKey);
        };
        auto match = std::find_if(seen.begin(), seen.end(), sameRequest);
        if (match == seen.end())
            match = std::find_if(seen.begin(), seen.end(), sidechainCopy);
        if (match == seen.end()) {
            seen.push_back({kept.size(), start});
            kept.push_back(start);
            continue;
        }
        const size_t slot = match->slot;
        if (rules.daily)
            seen.push_back({slot, start});
        if (better(e, entries[size_t(kept[slot])]))
            kept[slot] = start;
    }
    std::vector<int> out;
    out.reserve(kept.size());
    for (int start : kept) {
        for (int i = start; i < groupEnd(start); ++i)
            out.push_back(i);
    }
    return out;
}

UsageReport buildReport(const ScanResult &scan, const PriceTable &prices, const ReportOptions &o)
{
    const Coster coster(scan, prices, o.mode);
    const std::vector<int> counted = countedEntries(scan, DedupRules::forReport(o.kind),
                                                    [&](const Entry &e) { return coster.cost(e); });
    UsageReport report;
    report.kind = o.kind;
    report.nowMs = o.nowMs;
    report.longLinesSkipped = scan.longLinesSkipped;
    switch (o.kind) {
    case ReportKind::Daily:
    case ReportKind::Weekly:
    case ReportKind::Monthly:
        report.rows = periodRows(scan, counted, coster, o);
        break;
    case ReportKind::Session:
        report.rows = sessionRows(scan, counted, coster, o);
        break;
    case ReportKind::Blocks:
        report.rows = blockRows(scan, counted, coster, o);
        break;
    }
    for (UsageRow &row : report.rows) {
        finish(row);
        addToTotals(report, row);
    }
    if (o.descending && o.kind != ReportKind::Session)
        std::reverse(report.rows.begin(), report.rows.end());
    report.unpricedModels.sort();
    return report;
}

QJsonObject reportJson(const UsageReport &report)
{
    QJsonArray rows;
    for (const UsageRow &r : report.rows)
        rows.append(report.kind == ReportKind::Blocks ? blockJson(r, report.nowMs)
                                                      : rowJson(r, report.kind));
    static const char *const names[] = {"daily", "weekly", "monthly", "sessions", "blocks"};
    QJsonObject o{{QLatin1String(names[int(report.kind)]), rows}};
    if (report.kind == ReportKind::Blocks)
        return o;
    QJsonObject totals = tokenFields(report.totals);
    if (!report.unpricedModels.isEmpty())
        totals.insert(QStringLiteral("unpricedModels"),
                      QJsonArray::fromStringList(report.unpricedModels));
    o.insert(QStringLiteral("totals"), totals);
    return o;
}

} // namespace chorus::usage
