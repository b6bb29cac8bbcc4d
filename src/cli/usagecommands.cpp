#include "usagecommands.h"

#include "cliio.h"
#include "clitext.h"
#include "usage/pricing.h"
#include "usage/transcriptscan.h"
#include "usage/usagereport.h"

#include <QDateTime>
#include <QLocale>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace chorus::cli {

using namespace chorus::usage;

namespace {

Result<std::optional<QDate>> dateOption(const Args &a, const QString &name)
{
    if (!a.values.contains(name))
        return std::optional<QDate>();
    const QString text = a.value(name);
    QDate d = QDate::fromString(text, QStringLiteral("yyyyMMdd"));
    if (!d.isValid())
        d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid())
        return makeError(Cli::tr("--%1=%2 is not a date").arg(name, text), {},
                         Cli::tr("Give it as YYYYMMDD, e.g. --%1=20260115.").arg(name));
    return std::optional<QDate>(d);
}

template<typename T>
Result<T> choice(const Args &a, const QString &name, const QList<std::pair<QString, T>> &choices,
                 T def)
{
    if (!a.values.contains(name))
        return def;
    QStringList names;
    for (const auto &[n, v] : choices) {
        if (n == a.value(name).toLower())
            return v;
        names.append(n);
    }
    return makeError(Cli::tr("--%1=%2 is not one of %3")
                         .arg(name, a.value(name), names.join(QStringLiteral(", "))));
}

Result<ReportOptions> reportOptions(const Args &a)
{
    ReportOptions o;
    const Result<ReportKind> kind = [&]() -> Result<ReportKind> {
        const QString k = a.positional.value(0, QStringLiteral("daily"));
        static const QList<std::pair<QString, ReportKind>> kinds = {
            {QStringLiteral("daily"), ReportKind::Daily},
            {QStringLiteral("weekly"), ReportKind::Weekly},
            {QStringLiteral("monthly"), ReportKind::Monthly},
            {QStringLiteral("session"), ReportKind::Session},
            {QStringLiteral("blocks"), ReportKind::Blocks}};
        for (const auto &[n, v] : kinds) {
            if (n == k)
                return v;
        }
        return makeError(Cli::tr("unknown report '%1'").arg(k), {},
                         Cli::tr("Use daily, weekly, monthly, session or blocks."));
    }();
    if (!kind)
        return kind.error();
    o.kind = *kind;
    const auto mode = choice<CostMode>(a, QStringLiteral("mode"),
                                       {{QStringLiteral("auto"), CostMode::Auto},
                                        {QStringLiteral("calculate"), CostMode::Calculate},
                                        {QStringLiteral("display"), CostMode::Display}},
                                       CostMode::Auto);
    if (!mode)
        return mode.error();
    o.mode = *mode;
    const auto order =
        choice<bool>(a, QStringLiteral("order"),
                     {{QStringLiteral("asc"), false}, {QStringLiteral("desc"), true}}, false);
    if (!order)
        return order.error();
    o.descending = *order;
    const auto week = choice<Qt::DayOfWeek>(a, QStringLiteral("start-of-week"),
                                            {{QStringLiteral("sunday"), Qt::Sunday},
                                             {QStringLiteral("monday"), Qt::Monday},
                                             {QStringLiteral("tuesday"), Qt::Tuesday},
                                             {QStringLiteral("wednesday"), Qt::Wednesday},
                                             {QStringLiteral("thursday"), Qt::Thursday},
                                             {QStringLiteral("friday"), Qt::Friday},
                                             {QStringLiteral("saturday"), Qt::Saturday}},
                                            Qt::Sunday);
    if (!week)
        return week.error();
    o.weekStart = *week;
    for (const QString &name : {QStringLiteral("since"), QStringLiteral("until")}) {
        const auto d = dateOption(a, name);
        if (!d)
            return d.error();
        (name == QLatin1String("since") ? o.since : o.until) = *d;
    }
    if (a.values.contains(QStringLiteral("timezone"))) {
        const QByteArray id = a.value(QStringLiteral("timezone")).toUtf8();
        const QTimeZone zone =
            id.compare("UTC", Qt::CaseInsensitive) == 0 ? QTimeZone::utc() : QTimeZone(id);
        if (!zone.isValid())
            return makeError(
                Cli::tr("unknown time zone '%1'").arg(QString::fromUtf8(id)), {},
                Cli::tr("Give an IANA name such as Europe/Berlin, America/New_York or UTC."));
        o.zone = zone;
    }
    o.nowMs = QDateTime::currentMSecsSinceEpoch();
    return o;
}

QString number(quint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString money(double usd)
{
    return QStringLiteral("$") + QString::number(usd, 'f', 2);
}

// "claude-sonnet-4-20250514" -> "sonnet-4", as ccusage shows models in its tables.
QString shortModel(QString model)
{
    static const QRegularExpression date(QStringLiteral("-\\d{8}$"));
    model.remove(date);
    if (model.startsWith(QLatin1String("claude-")))
        model.remove(0, 7);
    return model;
}

// A box-drawn table like ccusage's. Numeric columns (all but the first two) are right-aligned.
class Table
{
public:
    explicit Table(QStringList headers) : m_headers(std::move(headers)) {}

    void add(QStringList cells, const char *sgr = nullptr)
    {
        m_rows.push_back({std::move(cells), sgr});
    }
    void separator() { m_rows.push_back({{}, nullptr}); }

    // `width`: the most a line may take (0: no limit); the models column (the second) gives way.
    void print(TermStream &s, bool color, int width) const
    {
        QList<int> widths;
        for (const QString &h : m_headers)
            widths.append(h.size());
        for (const Row &r : m_rows) {
            for (int i = 0; i < r.cells.size(); ++i)
                widths[i] = std::max(widths[i], int(r.cells[i].size()));
        }
        int total = 1;
        for (int w : widths)
            total += w + 3;
        if (width > 0 && total > width)
            widths[1] = std::max(int(m_headers[1].size()), widths[1] - (total - width));
        const auto rule = [&](const char *left, const char *mid, const char *right) {
            QString line = QString::fromUtf8(left);
            for (int i = 0; i < widths.size(); ++i)
                line += QString(widths[i] + 2, QChar(0x2500)) +
                        QString::fromUtf8(i + 1 < widths.size() ? mid : right);
            s << line << '\n';
        };
        const auto line = [&](const QStringList &cells, const char *sgr) {
            s << QStringLiteral("\u2502");
            for (int i = 0; i < widths.size(); ++i) {
                QString cell = cells.value(i);
                if (cell.size() > widths[i])
                    cell = cell.left(widths[i] - 1) + QChar(0x2026);
                const QString padded =
                    i < 2 ? cell.leftJustified(widths[i]) : cell.rightJustified(widths[i]);
                s << QStringLiteral(" ") << Styled{padded, color ? sgr : nullptr}
                  << QStringLiteral(" \u2502");
            }
            s << '\n';
        };
        rule("\u250c", "\u252c", "\u2510");
        line(m_headers, "36");
        rule("\u251c", "\u253c", "\u2524");
        for (const Row &r : m_rows) {
            if (r.cells.isEmpty())
                rule("\u251c", "\u253c", "\u2524");
            else
                line(r.cells, r.sgr);
        }
        rule("\u2514", "\u2534", "\u2518");
    }

private:
    struct Row
    {
        QStringList cells;
        const char *sgr;
    };
    QStringList m_headers;
    QList<Row> m_rows;
};

QStringList tokenCells(const UsageRow &r)
{
    return {number(r.input),     number(r.output),        number(r.cacheCreation),
            number(r.cacheRead), number(r.totalTokens()), money(r.cost)};
}

void printTable(const UsageReport &report, const ReportOptions &o, bool breakdown, bool color)
{
    static const char *const titles[] = {
        QT_TRANSLATE_NOOP("Cli", "Date"), QT_TRANSLATE_NOOP("Cli", "Week"),
        QT_TRANSLATE_NOOP("Cli", "Month"), QT_TRANSLATE_NOOP("Cli", "Session"),
        QT_TRANSLATE_NOOP("Cli", "Block start")};
    const bool blocks = o.kind == ReportKind::Blocks;
    Table table({Cli::tr(titles[int(o.kind)]), Cli::tr("Models"), Cli::tr("Input"),
                 Cli::tr("Output"), Cli::tr("Cache create"), Cli::tr("Cache read"),
                 Cli::tr("Total tokens"), Cli::tr("Cost (USD)")});
    for (const UsageRow &r : report.rows) {
        QString key = r.key;
        if (blocks) {
            const QDateTime start = QDateTime::fromMSecsSinceEpoch(r.startMs, o.zone);
            key = r.isGap
                      ? Cli::tr("(idle %1 h)").arg(double(r.endMs - r.startMs) / 3.6e6, 0, 'f', 1)
                      : start.toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
                            (r.isActive ? Cli::tr(" (active)") : QString());
        } else if (o.kind == ReportKind::Session) {
            key = r.project + QLatin1Char('/') + r.key;
        }
        QStringList models;
        for (const QString &m : r.models)
            models.append(shortModel(m));
        table.add(QStringList{key, models.join(QStringLiteral(", "))} + tokenCells(r),
                  r.isGap ? "2" : nullptr);
        if (breakdown) {
            for (const ModelTotals &m : r.breakdown) {
                UsageRow part;
                part.input = m.input;
                part.output = m.output;
                part.cacheCreation = m.cacheCreation;
                part.cacheRead = m.cacheRead;
                part.cost = m.cost;
                table.add(QStringList{QStringLiteral("  \u2514 ") + shortModel(m.model),
                                      m.missingPricing ? Cli::tr("(no price)") : QString()} +
                              tokenCells(part),
                          "2");
            }
        }
    }
    if (!blocks) {
        table.separator();
        table.add(QStringList{Cli::tr("Total"), QString()} + tokenCells(report.totals), "33");
    }
    table.print(out(), color, outputWidth());
}

} // namespace

int cmdUsage(const Args &a)
{
    const Result<ReportOptions> options = reportOptions(a);
    if (!options)
        return fail(options.error());
    const Result<QStringList> dirs = claudeConfigDirs(QProcessEnvironment::systemEnvironment());
    if (!dirs)
        return fail(dirs.error());
    const Result<PriceTable> prices = PriceTable::withUserFile(userPricingFile());
    if (!prices)
        return fail(prices.error());
    const ScanResult scan = scanTranscripts(findTranscripts(*dirs));
    const UsageReport report = buildReport(scan, *prices, *options);
    if (a.has(QStringLiteral("json"))) {
        printJson(reportJson(report));
        return 0;
    }
    const bool color = stdoutIsTerminal() && qEnvironmentVariableIsEmpty("NO_COLOR");
    if (report.rows.empty()) {
        out() << Cli::tr("No usage found in %1.").arg(dirs->join(QStringLiteral(", "))) << '\n';
        return 0;
    }
    printTable(report, *options, a.has(QStringLiteral("breakdown")), color);
    if (!report.unpricedModels.isEmpty())
        err() << Styled{Cli::tr("warning:"), color ? "33" : nullptr}
              << Cli::tr(" no price for %1: their cost is counted as $0. Add them to %2.")
                     .arg(report.unpricedModels.join(QStringLiteral(", ")), userPricingFile())
              << '\n';
    if (scan.longLinesSkipped > 0)
        err() << Cli::tr("warning: %n transcript line(s) over 64 MiB were skipped.", nullptr,
                         int(scan.longLinesSkipped))
              << '\n';
    return 0;
}

} // namespace chorus::cli
