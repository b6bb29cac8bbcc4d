// `chorus usage` as a user runs it: the built binary on the fixture transcripts of
// tests/data/usage, its JSON, its table and its errors.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString DataDir = QStringLiteral(CHORUS_USAGE_DATA);

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestUsageCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void jsonHasCcusageNames();
    void sinceAndUntilFilterDays();
    void tableLinesUp();
    void userPriceFileIsUsed();
    void brokenPriceFileNamesTheLine();
    void badInputIsAClearError_data();
    void badInputIsAClearError();

private:
    Run run(const QStringList &args,
            const QString &configDirs = DataDir + QStringLiteral("/multi-day"));
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestUsageCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

Run TestUsageCli::run(const QStringList &args, const QString &configDirs)
{
    QProcess p;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), m_home->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    env.insert(QStringLiteral("COLUMNS"), QStringLiteral("120"));
    if (!configDirs.isNull())
        env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), configDirs);
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("CHORUS_TEST_PROGRAM"),
            QStringList{QStringLiteral("usage")} + args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestUsageCli::jsonHasCcusageNames()
{
    const Run r =
        run({QStringLiteral("daily"), QStringLiteral("--json"), QStringLiteral("--timezone=UTC")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray daily = o.value(QLatin1String("daily")).toArray();
    QVERIFY(daily.size() >= 5);
    for (const char *field :
         {"date", "inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens",
          "totalTokens", "totalCost", "modelsUsed", "modelBreakdowns"})
        QVERIFY2(daily.first().toObject().contains(QLatin1String(field)), field);
    // The same totals ccusage printed for these transcripts.
    QFile f(DataDir + QStringLiteral("/multi-day/expected-daily.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject want =
        QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("totals")).toObject();
    const QJsonObject got = o.value(QLatin1String("totals")).toObject();
    for (const char *field :
         {"inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "totalTokens"})
        QCOMPARE(got.value(QLatin1String(field)), want.value(QLatin1String(field)));
    QVERIFY(qAbs(got.value(QLatin1String("totalCost")).toDouble() -
                 want.value(QLatin1String("totalCost")).toDouble()) < 1e-6);
    // Every kind answers with its own array.
    for (const auto &[kind, array] :
         {std::pair{"weekly", "weekly"}, std::pair{"monthly", "monthly"},
          std::pair{"session", "sessions"}, std::pair{"blocks", "blocks"}}) {
        const Run k = run({QLatin1String(kind), QStringLiteral("--json")});
        QCOMPARE(k.exitCode, 0);
        QVERIFY2(!QJsonDocument::fromJson(k.out.toUtf8())
                      .object()
                      .value(QLatin1String(array))
                      .toArray()
                      .isEmpty(),
                 kind);
    }
}

void TestUsageCli::sinceAndUntilFilterDays()
{
    const Run all = run({QStringLiteral("--json"), QStringLiteral("--timezone=UTC")});
    const QJsonArray days =
        QJsonDocument::fromJson(all.out.toUtf8()).object().value(QLatin1String("daily")).toArray();
    QVERIFY(days.size() >= 3);
    const QString second = days[1][QLatin1String("date")].toString();
    const QString compact = QString(second).remove(QLatin1Char('-'));
    const Run one =
        run({QStringLiteral("--json"), QStringLiteral("--timezone=UTC"),
             QStringLiteral("--since=") + compact, QStringLiteral("--until=") + compact});
    QCOMPARE(one.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(one.out.toUtf8()).object();
    QCOMPARE(o.value(QLatin1String("daily")).toArray().size(), 1);
    QCOMPARE(o.value(QLatin1String("daily"))[0][QLatin1String("date")].toString(), second);
    QCOMPARE(o.value(QLatin1String("totals"))[QLatin1String("totalTokens")],
             days[1][QLatin1String("totalTokens")]);
}

void TestUsageCli::tableLinesUp()
{
    const Run r = run(
        {QStringLiteral("daily"), QStringLiteral("--breakdown"), QStringLiteral("--timezone=UTC")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains(QLatin1Char('\x1b'))); // NO_COLOR
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 8);
    QVERIFY(lines[1].contains(QLatin1String("Date")));
    QVERIFY(r.out.contains(QLatin1String("Total")));
    QVERIFY(r.out.contains(QStringLiteral("\u2514 sonnet-4"))); // a breakdown line
    for (const QString &l : lines) {
        QCOMPARE(l.size(), lines.first().size());
        QVERIFY(l.size() <= 120);
    }
}

void TestUsageCli::userPriceFileIsUsed()
{
    const QString dirs = DataDir + QStringLiteral("/unknown-model");
    const Run before = run({QStringLiteral("--json"), QStringLiteral("--mode=calculate")}, dirs);
    QVERIFY(QJsonDocument::fromJson(before.out.toUtf8())
                .object()
                .value(QLatin1String("totals"))[QLatin1String("unpricedModels")]
                .toArray()
                .contains(QStringLiteral("acme-model-1")));
    const Run table = run({QStringLiteral("--mode=calculate")}, dirs);
    QVERIFY2(table.err.contains(QLatin1String("acme-model-1")),
             qPrintable(table.err)); // the warning
    QDir().mkpath(m_home->filePath(QStringLiteral("config/chorus")));
    QFile f(m_home->filePath(QStringLiteral("config/chorus/pricing.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version": 1, "models": {"acme-model-1": {"input": 1000000, "output": 0}}})");
    f.close();
    const Run after = run({QStringLiteral("--json"), QStringLiteral("--mode=calculate")}, dirs);
    QCOMPARE(after.exitCode, 0);
    const QJsonObject totals = QJsonDocument::fromJson(after.out.toUtf8())
                                   .object()
                                   .value(QLatin1String("totals"))
                                   .toObject();
    QVERIFY(!totals.value(QLatin1String("unpricedModels"))
                 .toArray()
                 .contains(QStringLiteral("acme-model-1")));
    // 200 input tokens at $1 each.
    QVERIFY(totals.value(QLatin1String("totalCost")).toDouble() >= 200);
}

void TestUsageCli::brokenPriceFileNamesTheLine()
{
    QDir().mkpath(m_home->filePath(QStringLiteral("config/chorus")));
    QFile f(m_home->filePath(QStringLiteral("config/chorus/pricing.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"models\": {\n    \"x\": {\"input\": 1,,}\n  }\n}\n");
    f.close();
    const Run r = run({});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("pricing.json:3:")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty()); // no half report
}

void TestUsageCli::badInputIsAClearError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("configDirs");
    QTest::addColumn<QString>("message");
    QTest::newRow("no config dir") << QStringList() << QStringLiteral("/nonexistent/claude")
                                   << QStringLiteral("CLAUDE_CONFIG_DIR");
    QTest::newRow("bad zone") << QStringList{QStringLiteral("--timezone=Mars/Olympus")} << DataDir
                              << QStringLiteral("time zone");
    QTest::newRow("bad date") << QStringList{QStringLiteral("--since=2026-13-45")} << DataDir
                              << QStringLiteral("YYYYMMDD");
    QTest::newRow("bad kind") << QStringList{QStringLiteral("hourly")} << DataDir
                              << QStringLiteral("daily, weekly");
    QTest::newRow("bad mode") << QStringList{QStringLiteral("--mode=guess")} << DataDir
                              << QStringLiteral("calculate");
}

void TestUsageCli::badInputIsAClearError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, configDirs);
    QFETCH(QString, message);
    const Run r = run(args, configDirs);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestUsageCli)
#include "tst_usagecli.moc"
