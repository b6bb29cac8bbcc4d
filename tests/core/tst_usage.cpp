// Usage counting: the transcript line rules, the price table, and whole reports against what
// ccusage 20.0.24 itself printed for the fixtures in tests/data/usage (recorded by
// tests/data/usage/record.sh).

#include "usage/pricing.h"
#include "usage/transcriptline.h"
#include "usage/transcriptscan.h"
#include "usage/usagereport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;
using namespace chorus::usage;

namespace {

const QString DataDir = QStringLiteral(CHORUS_USAGE_DATA);

// A line that counts, with `extra` spliced in before the closing brace of the top object.
std::string line(const std::string &extra = {},
                 const std::string &usage = R"("input_tokens":10,"output_tokens":5)")
{
    return R"({"timestamp":"2026-01-02T03:04:05.000Z","sessionId":"s1","requestId":"r1","message":{"id":"m1","model":"claude-sonnet-4-20250514","usage":{)" +
           usage + "}}" + extra + "}";
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QSet<QString> stringSet(const QJsonValue &v)
{
    QSet<QString> s;
    for (const QJsonValue &x : v.toArray())
        s.insert(x.toString());
    return s;
}

} // namespace

class TestUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineRules_data();
    void lineRules();
    void timestamps_data();
    void timestamps();
    void advisorIterationsCountApart();
    void priceLookup();
    void tieredCost();
    void priceFileErrorsNameTheLine();
    void userPricesLayOverBuiltIn();
    void configDirs();
    void fixturesMatchCcusage_data();
    void fixturesMatchCcusage();
    void largeFileSplitBetweenThreads();
    void longLineIsSkippedInBoundedMemory();
};

void TestUsage::lineRules_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("counts");
    QTest::newRow("plain") << QByteArray::fromStdString(line()) << true;
    QTest::newRow("space after usage colon")
        << QByteArray::fromStdString(line()).replace("\"usage\":{", "\"usage\": {") << false;
    QTest::newRow("trailing garbage") << QByteArray::fromStdString(line() + "x") << false;
    QTest::newRow("trailing whitespace and CR")
        << QByteArray::fromStdString(line() + " \r") << true;
    QTest::newRow("truncated") << QByteArray::fromStdString(line()).chopped(3) << false;
    QTest::newRow("negative tokens")
        << QByteArray::fromStdString(line({}, R"("input_tokens":-1,"output_tokens":5)")) << false;
    QTest::newRow("fractional tokens")
        << QByteArray::fromStdString(line({}, R"("input_tokens":1.0,"output_tokens":5)")) << false;
    QTest::newRow("exponent tokens")
        << QByteArray::fromStdString(line({}, R"("input_tokens":1e3,"output_tokens":5)")) << false;
    QTest::newRow("tokens over u64")
        << QByteArray::fromStdString(
               line({}, R"("input_tokens":18446744073709551616,"output_tokens":5)"))
        << false;
    QTest::newRow("no output tokens")
        << QByteArray::fromStdString(line({}, R"("input_tokens":1)")) << false;
    QTest::newRow("sidechain as a string")
        << QByteArray::fromStdString(line(R"(,"isSidechain":"true")")) << false;
    QTest::newRow("null on a listed field")
        << QByteArray::fromStdString(line(R"(,"cwd":null)")) << false;
    QTest::newRow("null on a listed field, nested")
        << QByteArray::fromStdString(line(R"(,"toolUseResult":{"id":null})")) << false;
    QTest::newRow("null on another field")
        << QByteArray::fromStdString(line(R"(,"parentUuid":null)")) << true;
    QTest::newRow("duplicate read key")
        << QByteArray::fromStdString(line(R"(,"requestId":"r2")")) << false;
    QTest::newRow("duplicate unread key, no null")
        << QByteArray::fromStdString(line(R"(,"type":"a","type":"b")")) << true;
    QTest::newRow("duplicate unread key, null in a string")
        << QByteArray::fromStdString(line(R"(,"type":"a","type":"returns null")")) << false;
    QTest::newRow("bad speed") << QByteArray::fromStdString(line(
                                      {},
                                      R"("input_tokens":1,"output_tokens":5,"speed":"priority")"))
                               << false;
    QTest::newRow("fast speed") << QByteArray::fromStdString(line(
                                       {}, R"("input_tokens":1,"output_tokens":5,"speed":"fast")"))
                                << true;
    QTest::newRow("bad version") << QByteArray::fromStdString(line(R"(,"version":"unknown")"))
                                 << false;
    QTest::newRow("good version") << QByteArray::fromStdString(line(R"(,"version":"2.1.328")"))
                                  << true;
    QTest::newRow("empty session id")
        << QByteArray::fromStdString(line()).replace("\"s1\"", "\"\"") << false;
    QTest::newRow("invalid UTF-8 in a string")
        << QByteArray::fromStdString(line(",\"text\":\"a\xff\"")) << false;
    QTest::newRow("valid UTF-8 in a string")
        << QByteArray::fromStdString(line(",\"text\":\"caf\xc3\xa9\"")) << true;
    QTest::newRow("lone surrogate escape")
        << QByteArray::fromStdString(line(R"(,"text":"\udc00")")) << false;
    QTest::newRow("escaped model")
        << QByteArray::fromStdString(line()).replace("claude-sonnet", "claude\\u002dsonnet")
        << true;
    QTest::newRow("byte order mark")
        << ("\xef\xbb\xbf" + QByteArray::fromStdString(line())) << false;
    QTest::newRow("not an object") << QByteArray("[\"usage\":{}]") << false;
    QTest::newRow("deep nesting") << QByteArray::fromStdString(line(
                                         ",\"x\":" + std::string(200, '[') + std::string(200, ']')))
                                  << false;
    QTest::newRow("cost out of range")
        << QByteArray::fromStdString(line(R"(,"costUSD":1e400)")) << false;
    {
        // 200k distinct keys in a line that has "null" in it (so every key is checked for
        // duplicates): linear, not quadratic (it took minutes).
        std::string keys;
        for (int i = 0; i < 200000; ++i)
            keys += ",\"k" + std::to_string(i) + "\":0";
        QTest::newRow("200k keys")
            << QByteArray::fromStdString(line(keys + R"(,"parentUuid":null)")) << true;
        QTest::newRow("200k keys, one twice")
            << QByteArray::fromStdString(line(keys + R"(,"k7":1,"parentUuid":null)")) << false;
    }
    QTest::newRow("binary garbage") << QByteArray("\x00\x01\"usage\":{\xfe\xff", 12) << false;
}

void TestUsage::lineRules()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, counts);
    std::vector<LineUsage> out;
    ParseScratch scratch;
    const int n = parseTranscriptLine(std::string_view(text.constData(), size_t(text.size())), &out,
                                      &scratch);
    QCOMPARE(n > 0, counts);
    if (counts) {
        QCOMPARE(out.front().model, std::string_view("claude-sonnet-4-20250514"));
        QCOMPARE(out.front().output, 5u);
    }
}

void TestUsage::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    QTest::newRow("Z with millis") << "2026-01-02T03:04:05.678Z" << qint64(1767323045678);
    QTest::newRow("no fraction") << "2026-01-02T03:04:05Z" << qint64(1767323045000);
    QTest::newRow("offset") << "2026-01-02T05:04:05.000+02:00" << qint64(1767323045000);
    QTest::newRow("negative offset") << "2026-01-01T22:04:05.000-05:00" << qint64(1767323045000);
    QTest::newRow("six digits") << "2026-01-02T03:04:05.678901Z" << qint64(-1);
    QTest::newRow("one digit") << "2026-01-02T03:04:05.6Z" << qint64(-1);
    QTest::newRow("feb 30") << "2026-02-30T03:04:05.000Z" << qint64(-1);
    QTest::newRow("feb 29 leap") << "2024-02-29T00:00:00.000Z" << qint64(1709164800000);
    QTest::newRow("no zone") << "2026-01-02T03:04:05.000" << qint64(-1);
    QTest::newRow("lowercase z") << "2026-01-02T03:04:05.000z" << qint64(-1);
    QTest::newRow("space") << "2026-01-02 03:04:05.000Z" << qint64(-1);
    QTest::newRow("hour 24") << "2026-01-02T24:00:00.000Z" << qint64(-1);
}

void TestUsage::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::string s = text.toStdString();
    qint64 got = -1;
    const bool ok = parseTimestamp(s, &got);
    QCOMPARE(ok, ms >= 0);
    if (ok)
        QCOMPARE(got, ms);
}

void TestUsage::advisorIterationsCountApart()
{
    const std::string text = line(
        {},
        R"("input_tokens":10,"output_tokens":5,"iterations":[{"type":"advisor_message","model":"claude-opus-4-5-20251101","input_tokens":1000,"output_tokens":300},{"type":"message","input_tokens":7,"output_tokens":7}])");
    std::vector<LineUsage> out;
    ParseScratch scratch;
    QCOMPARE(parseTranscriptLine(text, &out, &scratch), 2);
    QVERIFY(!out[0].advisor);
    QVERIFY(out[1].advisor);
    QCOMPARE(out[1].model, std::string_view("claude-opus-4-5-20251101"));
    QCOMPARE(out[1].input, 1000u);
}

void TestUsage::priceLookup()
{
    const PriceTable &t = PriceTable::builtIn();
    QVERIFY(t.size() > 10);
    QVERIFY(t.find(QStringLiteral("claude-sonnet-4-20250514")));
    QCOMPARE(t.find(QStringLiteral("claude-sonnet-4"))->name,
             QStringLiteral("claude-sonnet-4-20250514")); // alias
    // Inside a longer name, as a word.
    QCOMPARE(t.find(QStringLiteral("anthropic/claude-sonnet-4-20250514"))->name,
             QStringLiteral("claude-sonnet-4-20250514"));
    QCOMPARE(t.find(QStringLiteral("claude-sonnet-4-20250514-v1:0"))->name,
             QStringLiteral("claude-sonnet-4-20250514"));
    // A version going on is another model, a date is the same one.
    QVERIFY(!t.find(QStringLiteral("claude-opus-4-6-1")));
    QVERIFY(t.find(QStringLiteral("claude-opus-4-6-20990101")));
    QVERIFY(!t.find(QStringLiteral("acme-model-1")));
    QVERIFY(!t.find(QStringLiteral("xclaude-sonnet-4-20250514")));
    QVERIFY(!t.find(QString()));
}

void TestUsage::tieredCost()
{
    const ModelPrice *sonnet =
        PriceTable::builtIn().find(QStringLiteral("claude-sonnet-4-20250514"));
    QVERIFY(sonnet && sonnet->above200k);
    // 300k input: 200k at $3/M, 100k at $6/M; 1000 output at $15/M (ccusage printed 1.215).
    QCOMPARE(PriceTable::cost(*sonnet, {300000, 1000, 0, 0, 0}, false), 0.6 + 0.6 + 0.015);
    // Each kind on its own: 150k input and 150k cache reads stay under the threshold.
    QCOMPARE(PriceTable::cost(*sonnet, {150000, 0, 0, 0, 150000}, false), 0.45 + 0.045);
    const ModelPrice *opus = PriceTable::builtIn().find(QStringLiteral("claude-opus-4-5-20251101"));
    // ccusage's figure for 10 in, 5 out, 100 5-minute and 200 1-hour writes, 50 reads.
    QVERIFY(qAbs(PriceTable::cost(*opus, {10, 5, 100, 200, 50}, false) - 0.002825) < 1e-12);
    const ModelPrice *fast = PriceTable::builtIn().find(QStringLiteral("claude-opus-4-6"));
    QVERIFY(fast && fast->fastMultiplier == 6);
    QCOMPARE(PriceTable::cost(*fast, {1000, 0, 0, 0, 0}, true),
             6 * PriceTable::cost(*fast, {1000, 0, 0, 0, 0}, false));
}

void TestUsage::priceFileErrorsNameTheLine()
{
    const Result<PriceTable> syntax = PriceTable::fromJson(
        "{\n  \"models\": {\n    \"m\": {\"input\": 1,}\n  }\n}\n", QStringLiteral("p.json"));
    QVERIFY(!syntax);
    QVERIFY2(syntax.error().where.startsWith(QLatin1String("p.json:3:")),
             qPrintable(syntax.error().toString()));
    const Result<PriceTable> value =
        PriceTable::fromJson("{\n  \"models\": {\n\n    \"m\": {\"input\": \"cheap\"}\n  }\n}\n",
                             QStringLiteral("p.json"));
    QVERIFY(!value);
    QVERIFY2(value.error().where.startsWith(QLatin1String("p.json:4:")),
             qPrintable(value.error().toString()));
    QVERIFY(value.error().message.contains(QLatin1String("input")));
    QVERIFY(!PriceTable::fromJson("[]", QStringLiteral("p.json")));
}

void TestUsage::userPricesLayOverBuiltIn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pricing.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version":1,"models":{
        "claude-sonnet-4-20250514": {"output": 30},
        "acme-model-1": {"input": 1, "output": 2, "cacheWrite5m": 0, "cacheWrite1h": 0, "cacheRead": 0}}})");
    f.close();
    const Result<PriceTable> t = PriceTable::withUserFile(path);
    QVERIFY2(t.ok(), qPrintable(t.error().toString()));
    const ModelPrice *sonnet = t->find(QStringLiteral("claude-sonnet-4"));
    QVERIFY(sonnet);
    QCOMPARE(sonnet->base.output, 30 / 1e6); // laid over
    QCOMPARE(sonnet->base.input, 3 / 1e6);   // kept
    QVERIFY(sonnet->above200k);              // kept
    QVERIFY(t->find(QStringLiteral("acme-model-1")));
    // No file: the built-in table.
    QVERIFY(PriceTable::withUserFile(dir.filePath(QStringLiteral("none.json"))).ok());
}

void TestUsage::configDirs()
{
    QTemporaryDir home;
    QDir(home.path()).mkpath(QStringLiteral(".claude/projects"));
    QDir(home.path()).mkpath(QStringLiteral("other/projects"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    Result<QStringList> dirs = claudeConfigDirs(env);
    QVERIFY(dirs.ok());
    QCOMPARE(*dirs, QStringList{home.filePath(QStringLiteral(".claude"))});
    // Each entry a config dir or its projects/, the same one once; ~ expanded.
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"),
               QStringLiteral(" ~/other/projects , ~/other,%1/missing,").arg(home.path()));
    dirs = claudeConfigDirs(env);
    QVERIFY(dirs.ok());
    QCOMPARE(*dirs, QStringList{home.filePath(QStringLiteral("other"))});
    // None that counts: an error that says what to do.
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), home.filePath(QStringLiteral("missing")));
    dirs = claudeConfigDirs(env);
    QVERIFY(!dirs.ok());
    QVERIFY(dirs.error().where.contains(QLatin1String("CLAUDE_CONFIG_DIR")));
    QVERIFY(!dirs.error().hint.isEmpty());
}

void TestUsage::fixturesMatchCcusage_data()
{
    QTest::addColumn<QString>("caseDir");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("mode");
    const QStringList cases = QDir(DataDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(cases.size() >= 20);
    for (const QString &c : cases) {
        const QString dir = DataDir + QLatin1Char('/') + c;
        const auto row = [&](const char *file, ReportKind kind, CostMode mode) {
            QTest::addRow("%s/%s", qPrintable(c), file)
                << dir << dir + QLatin1Char('/') + QLatin1String(file) << int(kind) << int(mode);
        };
        row("expected-daily.json", ReportKind::Daily, CostMode::Auto);
        row("expected-daily-calculate.json", ReportKind::Daily, CostMode::Calculate);
        row("expected-daily-display.json", ReportKind::Daily, CostMode::Display);
        row("expected-session.json", ReportKind::Session, CostMode::Auto);
        row("expected-blocks.json", ReportKind::Blocks, CostMode::Auto);
    }
}

// Every row and total of our report against ccusage's: tokens exactly, costs to 1e-9 except
// for the models ccusage has no price for and we do (the Claude Code CLI's own models), which
// it counts as $0.
void TestUsage::fixturesMatchCcusage()
{
    QFETCH(QString, caseDir);
    QFETCH(QString, expected);
    QFETCH(int, kind);
    QFETCH(int, mode);
    const QJsonObject want = readJson(expected);
    QVERIFY2(!want.isEmpty(), qPrintable(expected));
    QProcessEnvironment env;
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), caseDir);
    const Result<QStringList> dirs = claudeConfigDirs(env);
    QVERIFY(dirs.ok());
    ReportOptions o;
    o.kind = ReportKind(kind);
    o.mode = CostMode(mode);
    o.zone = QTimeZone::utc();
    o.nowMs = QDateTime(QDate(2026, 12, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const QJsonObject got =
        reportJson(buildReport(scanTranscripts(findTranscripts(*dirs)), PriceTable::builtIn(), o));

    // Blocks have no totals: the daily report of the same case says what ccusage cannot price.
    const QSet<QString> theyCannotPrice =
        stringSet(readJson(caseDir + QStringLiteral("/expected-daily-calculate.json"))
                      .value(QLatin1String("totals"))[QLatin1String("unpricedModels")]);
    const QString array = got.keys().contains(QLatin1String("daily")) ? QStringLiteral("daily")
                          : got.keys().contains(QLatin1String("sessions"))
                              ? QStringLiteral("sessions")
                              : QStringLiteral("blocks");
    const auto keyOf = [](const QJsonObject &r) {
        for (const char *k : {"date", "sessionId", "id"}) {
            if (r.contains(QLatin1String(k)))
                return r.value(QLatin1String(k)).toString();
        }
        return QString();
    };
    const QJsonArray wantRows = want.value(array).toArray();
    const QJsonArray gotRows = got.value(array).toArray();
    QCOMPARE(gotRows.size(), wantRows.size());
    // What we charge above ccusage in a row: for the models it cannot price (and counts as $0
    // unless the line logged a cost), our cost less its own.
    const auto extraCostOf = [&](const QJsonObject &g, const QJsonObject &w) {
        double extra = 0;
        for (const QJsonValue &b : g.value(QLatin1String("modelBreakdowns")).toArray()) {
            const QString model = b[QLatin1String("modelName")].toString();
            if (!theyCannotPrice.contains(model))
                continue;
            extra += b[QLatin1String("cost")].toDouble();
            for (const QJsonValue &t : w.value(QLatin1String("modelBreakdowns")).toArray()) {
                if (t[QLatin1String("modelName")].toString() == model)
                    extra -= t[QLatin1String("cost")].toDouble();
            }
        }
        return extra;
    };
    const auto compareRow = [&](const QJsonObject &g, const QJsonObject &w, const QString &where) {
        const double extraCost = extraCostOf(g, w);
        for (auto it = w.begin(); it != w.end(); ++it) {
            const QString field = it.key();
            const QJsonValue gv = g.value(field);
            if (field == QLatin1String("modelBreakdowns")) {
                QHash<QString, QJsonObject> mine;
                for (const QJsonValue &b : gv.toArray())
                    mine.insert(b[QLatin1String("modelName")].toString(), b.toObject());
                const QJsonArray theirs = it.value().toArray();
                QVERIFY2(mine.size() == theirs.size(),
                         qPrintable(where + QStringLiteral(": breakdown models")));
                for (const QJsonValue &b : theirs) {
                    const QString model = b[QLatin1String("modelName")].toString();
                    const QJsonObject m = mine.value(model);
                    for (const char *k :
                         {"inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens"})
                        QVERIFY2(m.value(QLatin1String(k)) == b[QLatin1String(k)],
                                 qPrintable(where + QLatin1Char(' ') + model + QLatin1Char(' ') +
                                            QLatin1String(k)));
                    if (!theyCannotPrice.contains(model))
                        QVERIFY2(
                            qAbs(m.value(QLatin1String("cost")).toDouble() -
                                 b[QLatin1String("cost")].toDouble()) < 1e-9,
                            qPrintable(where + QLatin1Char(' ') + model + QStringLiteral(" cost")));
                }
            } else if (field == QLatin1String("modelsUsed") || field == QLatin1String("models")) {
                QVERIFY2(stringSet(gv) == stringSet(it.value()),
                         qPrintable(where + QLatin1Char(' ') + field));
            } else if (field == QLatin1String("totalCost") || field == QLatin1String("costUSD")) {
                // A block has no breakdown to take the extra cost from.
                if (field == QLatin1String("costUSD") &&
                    stringSet(g.value(QLatin1String("models"))).intersects(theyCannotPrice))
                    continue;
                QVERIFY2(qAbs(gv.toDouble() - extraCost - it.value().toDouble()) < 1e-6,
                         qPrintable(QStringLiteral(
                                        "%1 %2: %3, ccusage %4 (+%5 for models it cannot price)")
                                        .arg(where, field)
                                        .arg(gv.toDouble())
                                        .arg(it.value().toDouble())
                                        .arg(extraCost)));
            } else if (field == QLatin1String("unpricedModels")) {
                // Ours are theirs less the models only we price.
                const QSet<QString> theirs = stringSet(it.value());
                QSet<QString> ours = stringSet(gv);
                QVERIFY2(ours.subtract(theirs).isEmpty(),
                         qPrintable(where + QStringLiteral(" unpricedModels")));
                for (const QString &m : theirs - stringSet(gv))
                    QVERIFY2(PriceTable::builtIn().find(m),
                             qPrintable(where + QStringLiteral(" unpriced ") + m));
            } else {
                QVERIFY2(
                    gv == it.value(),
                    qPrintable(
                        QStringLiteral("%1 %2: %3, ccusage %4")
                            .arg(where, field,
                                 QString::fromUtf8(
                                     QJsonDocument(QJsonArray{gv}).toJson(QJsonDocument::Compact)),
                                 QString::fromUtf8(QJsonDocument(QJsonArray{it.value()})
                                                       .toJson(QJsonDocument::Compact)))));
            }
        }
    };
    for (int i = 0; i < wantRows.size(); ++i) {
        const QJsonObject w = wantRows[i].toObject();
        QCOMPARE(keyOf(gotRows[i].toObject()), keyOf(w));
        compareRow(gotRows[i].toObject(), w, array + QLatin1Char(' ') + keyOf(w));
        if (QTest::currentTestFailed())
            return;
    }
    if (want.contains(QLatin1String("totals"))) {
        // The totals' extra cost is that of every row's.
        QJsonObject gotTotals = got.value(QLatin1String("totals")).toObject();
        double extra = 0;
        for (int i = 0; i < gotRows.size(); ++i)
            extra += extraCostOf(gotRows[i].toObject(), wantRows[i].toObject());
        gotTotals.insert(QStringLiteral("totalCost"),
                         gotTotals.value(QLatin1String("totalCost")).toDouble() - extra);
        compareRow(gotTotals, want.value(QLatin1String("totals")).toObject(),
                   QStringLiteral("totals"));
    }
}

// A file larger than one part is read by both threads; the entries are the same, in order.
void TestUsage::largeFileSplitBetweenThreads()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral("projects/p"));
    const QString path = dir.filePath(QStringLiteral("projects/p/s.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray filler = "{\"type\":\"user\",\"text\":\"" + QByteArray(4000, 'x') + "\"}\n";
    int written = 0;
    for (int i = 0; f.size() < 80 * 1024 * 1024; ++i) {
        if (i % 7 == 0) {
            f.write(
                QStringLiteral(
                    R"({"timestamp":"2026-01-02T03:04:05.000Z","requestId":"r%1","message":{"id":"m%1","model":"claude-sonnet-4-20250514","usage":{"input_tokens":%1,"output_tokens":1}}})")
                    .arg(i)
                    .toUtf8() +
                '\n');
            ++written;
        } else {
            f.write(filler);
        }
    }
    f.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), dir.path());
    const auto files = findTranscripts(*claudeConfigDirs(env));
    const ScanResult one = scanTranscripts(files, 1);
    const ScanResult two = scanTranscripts(files, 2);
    QCOMPARE(int(one.entries.size()), written);
    QCOMPARE(int(two.entries.size()), written);
    for (size_t i = 0; i < one.entries.size(); ++i)
        QCOMPARE(two.entries[i].input, one.entries[i].input);
}

void TestUsage::longLineIsSkippedInBoundedMemory()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral("projects/p"));
    QFile f(dir.filePath(QStringLiteral("projects/p/s.jsonl")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(line()) + '\n');
    // 70 MiB on one line, carrying the marker, then a line that counts.
    f.write(
        QByteArray::fromStdString(line(",\"big\":\"" + std::string(70 * 1024 * 1024, 'y') + "\"")) +
        '\n');
    f.write(QByteArray::fromStdString(line()).replace("\"r1\"", "\"r2\"") + '\n');
    f.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), dir.path());
    const ScanResult scan = scanTranscripts(findTranscripts(*claudeConfigDirs(env)));
    QCOMPARE(int(scan.entries.size()), 2);
    QCOMPARE(scan.longLinesSkipped, 1);
}

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"
