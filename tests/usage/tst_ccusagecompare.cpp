// `chorus usage` must report what the pinned ccusage reports on the same transcripts: this runs
// both on a generated corpus for every report kind, cost mode and two time zones, and compares
// the JSON field by field.
#include "reportdiff.h"
#include "transcriptcorpus.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus::test;

namespace {

// Enough sessions, days and odd lines to exercise every rule, small enough that 72 report runs
// stay well under a minute on two cores.
constexpr qint64 kCorpusBytes = 30 * 1024 * 1024;
constexpr quint64 kSeed = 10;

struct Run
{
    QJsonObject json;
    QString error; // empty when the program ran, exited 0 and printed a JSON object
};

} // namespace

class TestCcusageCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void compare_data();
    void compare();
    void diffCatchesEachKindOfDifference();

private:
    QProcessEnvironment scratchEnvironment() const;
    Run run(const QString &program, const QStringList &args) const;
    void keepOutputs(const QString &name, const QJsonObject &ccusage, const QJsonObject &chorus);

    QTemporaryDir m_dir;
    QString m_ccusage;
    QString m_chorus;
    QString m_claudeDir;      // CLAUDE_CONFIG_DIR for both programs
    bool m_selfCheck = false; // compare ccusage with itself (proves the harness)
};

void TestCcusageCompare::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_ccusage = qEnvironmentVariable("CHORUS_TEST_CCUSAGE");
    m_selfCheck = qEnvironmentVariableIntValue("CHORUS_CCUSAGE_SELF_CHECK") == 1;
    m_chorus = m_selfCheck ? m_ccusage : qEnvironmentVariable("CHORUS_TEST_PROGRAM");
    if (m_ccusage.isEmpty() || !QFileInfo(m_ccusage).isExecutable())
        return; // compare() says why it skips; the comparison's own test still runs
    QVERIFY2(!m_chorus.isEmpty(), "CHORUS_TEST_PROGRAM is not set (ctest sets it)");
    if (qEnvironmentVariableIntValue("CHORUS_CCUSAGE_KEEP") == 1) {
        m_dir.setAutoRemove(false);
        qInfo("keeping the corpus and outputs in %s", qPrintable(m_dir.path()));
    }
    for (const char *sub : {"home", "config", "cache", "cwd"})
        QVERIFY(QDir(m_dir.path()).mkpath(QLatin1String(sub)));

    // A corpus of one's own (a Claude config dir holding projects/), to narrow down a difference.
    m_claudeDir = qEnvironmentVariable("CHORUS_CCUSAGE_CORPUS");
    if (!m_claudeDir.isEmpty()) {
        QVERIFY2(QFileInfo(m_claudeDir + QLatin1String("/projects")).isDir(),
                 qPrintable(QLatin1String("CHORUS_CCUSAGE_CORPUS=") + m_claudeDir +
                            QLatin1String(" has no projects/ folder")));
        return;
    }
    m_claudeDir = m_dir.filePath(QStringLiteral("claude"));
    QElapsedTimer timer;
    timer.start();
    const TranscriptCorpus::Summary corpus =
        TranscriptCorpus::write(m_claudeDir + QLatin1String("/projects"), kSeed, kCorpusBytes);
    QVERIFY2(corpus.error.isEmpty(), qPrintable(corpus.error));
    qInfo("corpus: %lld bytes, %d files, %d sessions, %d API calls in %lld ms", corpus.bytes,
          corpus.files, corpus.sessions, corpus.apiCalls, timer.elapsed());
}

void TestCcusageCompare::compare_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("weekStart");
    const QStringList kinds = {QStringLiteral("daily"), QStringLiteral("weekly"),
                               QStringLiteral("monthly"), QStringLiteral("session"),
                               QStringLiteral("blocks")};
    const QStringList modes = {QStringLiteral("auto"), QStringLiteral("calculate"),
                               QStringLiteral("display")};
    const QStringList zones = {QStringLiteral("UTC"), QStringLiteral("America/New_York")};
    for (const QString &kind : kinds) {
        // Weekly once with the default week start (Sunday) and once starting on Monday.
        const QStringList weekStarts = kind == QLatin1String("weekly")
                                           ? QStringList{QString(), QStringLiteral("monday")}
                                           : QStringList{QString()};
        for (const QString &mode : modes) {
            for (const QString &zone : zones) {
                for (const QString &weekStart : weekStarts) {
                    const QString name =
                        kind + QLatin1Char(' ') + mode + QLatin1Char(' ') + zone +
                        (weekStart.isEmpty() ? QString() : QLatin1Char(' ') + weekStart);
                    QTest::newRow(qPrintable(name)) << kind << mode << zone << weekStart;
                }
            }
        }
    }
}

void TestCcusageCompare::compare()
{
    QFETCH(QString, kind);
    QFETCH(QString, mode);
    QFETCH(QString, zone);
    QFETCH(QString, weekStart);
    // In CI the comparison must run: a missing ccusage is a failure there, not a skip.
    if ((m_ccusage.isEmpty() || !QFileInfo(m_ccusage).isExecutable()) &&
        qEnvironmentVariableIsSet("CI"))
        QFAIL("CHORUS_TEST_CCUSAGE is not set or not an executable, and CI is: ./dev.sh test "
              "installs it");
    if (m_ccusage.isEmpty() || !QFileInfo(m_ccusage).isExecutable())
        QSKIP("CHORUS_TEST_CCUSAGE is not set or not an executable: `./dev.sh test` installs the "
              "pinned ccusage and sets it (or export CHORUS_TEST_CCUSAGE=<path to ccusage>)");

    // --offline: prices from ccusage's embedded snapshot, never from the network.
    QStringList ccusageArgs = {
        QStringLiteral("claude"), kind, QStringLiteral("--json"),     QStringLiteral("--offline"),
        QStringLiteral("--mode"), mode, QStringLiteral("--timezone"), zone};
    QStringList chorusArgs = {QStringLiteral("usage"), kind, QStringLiteral("--json"),
                              QLatin1String("--mode=") + mode, QLatin1String("--timezone=") + zone};
    if (!weekStart.isEmpty()) {
        ccusageArgs << QStringLiteral("--start-of-week") << weekStart;
        chorusArgs << QLatin1String("--start-of-week=") + weekStart;
    }
    if (m_selfCheck)
        chorusArgs = ccusageArgs;

    const Run theirs = run(m_ccusage, ccusageArgs);
    QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
    const Run ours = run(m_chorus, chorusArgs);
    QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));

    const QString label =
        QLatin1String("usage ") + kind + QLatin1String(" --mode=") + mode +
        QLatin1String(" --timezone=") + zone +
        (weekStart.isEmpty() ? QString() : QLatin1String(" --start-of-week=") + weekStart);
    const QStringList differences = usagediff::diff(kind, theirs.json, ours.json);
    if (!differences.isEmpty()) {
        keepOutputs(QString(label)
                        .replace(QLatin1Char(' '), QLatin1Char('_'))
                        .replace(QLatin1Char('/'), QLatin1Char('-')),
                    theirs.json, ours.json);
        QFAIL(qPrintable(label + QLatin1String(": chorus differs from ccusage in ") +
                         QString::number(differences.size()) + QLatin1String(" place(s):\n  ") +
                         differences.mid(0, 25).join(QLatin1String("\n  "))));
    }
    // Guard against two empty reports agreeing: the corpus spans three months and dozens of
    // days, sessions and blocks.
    const int atLeast = kind == QLatin1String("monthly")  ? 3
                        : kind == QLatin1String("weekly") ? 8
                                                          : 20;
    QVERIFY2(usagediff::rowCount(kind, theirs.json) >= atLeast,
             qPrintable(label + QLatin1String(": ccusage found almost nothing in the corpus")));
}

// The comparison itself must be able to fail: each kind of difference is reported, naming the
// row and the field.
void TestCcusageCompare::diffCatchesEachKindOfDifference()
{
    const QByteArray daily = R"({"daily":[{"date":"2026-03-01","inputTokens":10,"outputTokens":20,
        "cacheCreationTokens":30,"cacheReadTokens":40,"totalTokens":100,"totalCost":1.5,
        "modelsUsed":["m1","m2"],"modelBreakdowns":[{"modelName":"m1","inputTokens":10,
        "outputTokens":20,"cacheCreationTokens":30,"cacheReadTokens":40,"cost":1.5},
        {"modelName":"m2","inputTokens":0,"outputTokens":0,"cacheCreationTokens":0,
        "cacheReadTokens":0,"cost":0,"missingPricing":true}]}],
        "totals":{"inputTokens":10,"outputTokens":20,"cacheCreationTokens":30,"cacheReadTokens":40,
        "totalTokens":100,"totalCost":1.5,"unpricedModels":["m2"]}})";
    const QJsonObject base = QJsonDocument::fromJson(daily).object();
    QVERIFY(!base.isEmpty());
    QCOMPARE(usagediff::diff(QStringLiteral("daily"), base, base), QStringList());

    struct Case
    {
        QByteArray from, to, expect;
    };
    const QList<Case> cases = {
        {"\"outputTokens\":20,", "\"outputTokens\":21,", "2026-03-01: outputTokens"},
        {"\"totalCost\":1.5,", "\"totalCost\":1.51,", "2026-03-01: totalCost"},
        {"[\"m1\",\"m2\"]", "[\"m1\"]", "2026-03-01: modelsUsed"},
        {"\"cost\":1.5}", "\"cost\":1.4}", "2026-03-01: modelBreakdowns[m1]: cost"},
        {"\"cost\":0,\"missingPricing\":true", "\"cost\":0", "missingPricing"},
        {"\"unpricedModels\":[\"m2\"]", "\"unpricedModels\":[]", "totals: unpricedModels"},
        {"\"date\":\"2026-03-01\"", "\"date\":\"2026-03-02\"", "2026-03-01: missing"},
    };
    for (const Case &c : cases) {
        QByteArray changed = daily;
        QVERIFY2(changed.contains(c.from), c.from.constData());
        changed.replace(c.from, c.to);
        const QStringList d = usagediff::diff(QStringLiteral("daily"), base,
                                              QJsonDocument::fromJson(changed).object());
        QVERIFY2(d.join(QLatin1Char('\n')).contains(QLatin1String(c.expect)),
                 qPrintable(QLatin1String(c.expect) + QLatin1String(" not in: ") +
                            d.join(QLatin1Char('\n'))));
    }

    const QByteArray blocks = R"({"blocks":[{"id":"2026-03-01T10:00:00.000Z","isGap":false,
        "entries":3,"tokenCounts":{"inputTokens":1,"outputTokens":2,"cacheCreationInputTokens":3,
        "cacheReadInputTokens":4},"totalTokens":10,"costUSD":0.5,"models":["m1"]}]})";
    const QJsonObject b = QJsonDocument::fromJson(blocks).object();
    QCOMPARE(usagediff::diff(QStringLiteral("blocks"), b, b), QStringList());
    QByteArray changed = blocks;
    changed.replace("\"entries\":3", "\"entries\":4");
    QVERIFY(usagediff::diff(QStringLiteral("blocks"), b, QJsonDocument::fromJson(changed).object())
                .join(QLatin1Char('\n'))
                .contains(QLatin1String("2026-03-01T10:00:00.000Z: entries")));
}

QProcessEnvironment TestCcusageCompare::scratchEnvironment() const
{
    // Nothing of the user's: no config files, caches or Claude data reach either program. TZ is
    // a third zone, so a program that ignored --timezone would be caught.
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("TZ"), QStringLiteral("Asia/Kolkata"));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), m_claudeDir);
    return env;
}

Run TestCcusageCompare::run(const QString &program, const QStringList &args) const
{
    QProcess p;
    p.setProcessEnvironment(scratchEnvironment());
    p.setWorkingDirectory(m_dir.filePath(QStringLiteral("cwd")));
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    Run r;
    const QString command = program + QLatin1Char(' ') + args.join(QLatin1Char(' '));
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        r.error = command + QLatin1String(": did not finish in 120 s");
        return r;
    }
    const QByteArray err = p.readAllStandardError().left(2000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        r.error = command + QLatin1String(": exit ") + QString::number(p.exitCode()) +
                  QLatin1String(", stderr: ") + QString::fromUtf8(err);
        return r;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput(), &parseError);
    if (!doc.isObject())
        r.error = command + QLatin1String(": stdout is not a JSON object (") +
                  parseError.errorString() + QLatin1String("), stderr: ") + QString::fromUtf8(err);
    r.json = doc.object();
    return r;
}

// Both outputs go next to the corpus (kept with CHORUS_CCUSAGE_KEEP=1) for a closer look.
void TestCcusageCompare::keepOutputs(const QString &name, const QJsonObject &ccusage,
                                     const QJsonObject &chorus)
{
    const auto save = [this, &name](const char *who, const QJsonObject &json) {
        QFile f(
            m_dir.filePath(name + QLatin1Char('.') + QLatin1String(who) + QLatin1String(".json")));
        if (f.open(QIODevice::WriteOnly))
            f.write(QJsonDocument(json).toJson());
    };
    save("ccusage", ccusage);
    save("chorus", chorus);
}

QTEST_GUILESS_MAIN(TestCcusageCompare)
#include "tst_ccusagecompare.moc"
