#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Compares a `ccusage claude <kind> --json` report with `chorus usage <kind> --json`.
namespace chorus::test::usagediff {

// Costs are sums of many small doubles; anything closer than half a cent is the same cost.
constexpr double kCostTolerance = 0.005;

// One line per difference, "<row>: <field>: ccusage <value>, chorus <value>", where the row is
// its date, week, month, session id or block id, or "totals". Empty when they agree. Rows are
// matched by key; tokens must be equal, costs within kCostTolerance, model lists equal as sets.
QStringList diff(const QString &kind, const QJsonObject &ccusage, const QJsonObject &chorus);

// How many rows (days, weeks, months, sessions, blocks) a report has.
int rowCount(const QString &kind, const QJsonObject &report);

} // namespace chorus::test::usagediff
