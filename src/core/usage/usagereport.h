#pragma once

#include "usage/pricing.h"
#include "usage/transcriptscan.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <optional>
#include <vector>

namespace chorus::usage {

enum class ReportKind { Daily, Weekly, Monthly, Session, Blocks };
// auto: the cost a line logged, else computed; calculate: always computed; display: logged or 0.
enum class CostMode { Auto, Calculate, Display };

struct ReportOptions
{
    ReportKind kind = ReportKind::Daily;
    CostMode mode = CostMode::Auto;
    QTimeZone zone = QTimeZone::systemTimeZone();
    std::optional<QDate> since; // inclusive, in `zone`
    std::optional<QDate> until;
    bool descending = false;
    Qt::DayOfWeek weekStart = Qt::Sunday;
    qint64 nowMs = 0; // for blocks: which one is active
};

struct ModelTotals
{
    QString model;
    quint64 input = 0;
    quint64 output = 0;
    quint64 cacheCreation = 0;
    quint64 cacheRead = 0;
    double cost = 0;
    bool missingPricing = false;
};

// One row of a report: a day, week, month, session or 5-hour block.
struct UsageRow
{
    QString key;     // the date, week, month, session id or block id
    QString project; // sessions
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    quint64 input = 0;
    quint64 output = 0;
    quint64 cacheCreation = 0;
    quint64 cacheRead = 0;
    double cost = 0;
    QStringList models;                 // modelsUsed
    std::vector<ModelTotals> breakdown; // by cost, highest first
    // Blocks.
    qint64 startMs = 0;
    qint64 endMs = 0;
    int entries = 0;
    qint64 limitResetMs = 0; // the last usage-limit reset an API error in the block named
    bool isGap = false;
    bool isActive = false;

    quint64 totalTokens() const { return input + output + cacheCreation + cacheRead; }
};

struct UsageReport
{
    ReportKind kind = ReportKind::Daily;
    std::vector<UsageRow> rows;
    UsageRow totals;
    QStringList unpricedModels; // sorted
    qint64 nowMs = 0;
    qint64 longLinesSkipped = 0; // transcript lines over MaxLineBytes, not read
};

// How copies of a message are told apart. ccusage 20.0.24's reports differ here (measured:
// tests/data/usage, tst_ccusagecompare); its daily report reads progress lines, keys a line
// without a request id by its time, and merges a sidechain copy of a message from the same
// session whatever its time; its weekly, monthly, session and blocks reports skip progress
// lines, key a line without a request id by the id alone, and merge a sidechain copy only when
// it has the same time. A line without a request id is keyed by its session too.
struct DedupRules
{
    bool daily = true;

    static DedupRules forReport(ReportKind kind);
};

// The entries that count once copies are de-duplicated as ccusage does: by message id and
// request id (and by `rules`). Among copies the main-chain one wins, then the most tokens, then
// the higher cost, then the one that has a speed. Returns indexes into scan.entries, in scan
// order; an advisor entry goes with its message.
std::vector<int> countedEntries(const ScanResult &scan, const DedupRules &rules,
                                const std::function<double(const Entry &)> &cost);

UsageReport buildReport(const ScanResult &scan, const PriceTable &prices,
                        const ReportOptions &options);

// The report with ccusage's field names (`ccusage claude daily --json` and the others), plus
// missingPricing on a breakdown and totals.unpricedModels.
QJsonObject reportJson(const UsageReport &report);

// "2026-01-02T03:04:05.678Z"
QString isoMs(qint64 ms);

} // namespace chorus::usage
