// Rate limits end to end: real Claude Code CLIs against the fake API in gateway
// (subscription-like) mode. A warning makes the profile single (one turn at a time) and a later
// clean turn normal again; a rejection pauses it, queued work waits, and the limited agent goes
// on by itself after the reset with "continue" and finishes; the pause survives an engine
// restart; an API key's 429 waits with Chorus (not the CLI) and nothing is lost.
#include "claudetest.h"
#include "engine/engine.h"
#include "fakeapi.h"
#include "ratelimitsteps.h"
#include "testengine.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace chorus;
using namespace chorus::test;

class TestLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void warningMakesOneTurnAtATime();
    void rejectionPausesAndTheAgentGoesOnAfterTheReset();
    void pauseSurvivesARestart();
    void apiKeyRateLimitWaitsWithChorus();

private:
    void openEngine(FakeApi::Auth auth);
    SessionInfo info(const QString &id) { return *m_engine->find(id); }
    // Until `done` holds (events processed meanwhile); false on timeout.
    bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (done())
                return true;
            QTest::qWait(20);
        }
        return done();
    }
    SessionInfo spawn(const QString &name, const QJsonArray &steps)
    {
        SpawnRequest r;
        r.role = QStringLiteral("architect");
        // No steps: the fake's queue answers (m_fake.enqueue), in the order requests come.
        r.task = steps.isEmpty()
                     ? QStringLiteral("Work.")
                     : QStringLiteral("Work. @@fake ") +
                           QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
        r.dir = m_work;
        r.name = name;
        r.inPlace = true;
        const Result<SessionInfo> s = spawnNow(*m_engine, r);
        return s ? *s : SessionInfo();
    }
    QJsonObject profile()
    {
        return m_engine->limitsReport()
            .value(QLatin1String("profiles"))
            .toArray()
            .first()
            .toObject();
    }
    QJsonObject window(const QString &type)
    {
        for (const QJsonValue &w : profile().value(QLatin1String("windows")).toArray())
            if (w[QLatin1String("type")].toString() == type)
                return w.toObject();
        return {};
    }
    bool idleAfter(const QString &id, int turns)
    {
        const SessionInfo s = info(id);
        return s.state == SessionState::Idle && s.turns >= turns;
    }
    QStringList inputsSent(const QString &id)
    {
        QStringList out;
        for (const StoredEvent &e : m_engine->events(id, 0, 0)) {
            const QJsonObject o = QJsonDocument::fromJson(e.raw).object();
            if (e.kind == QLatin1String("chorus") &&
                o.value(QLatin1String("subtype")).toString() == QLatin1String("input"))
                out << o.value(QLatin1String("text")).toString();
        }
        return out;
    }

    QString m_claude;
    FakeApi m_fake;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Engine> m_engine;
    QString m_work;
};

void TestLimits::initTestCase()
{
    QString why;
    m_claude = testClaudePath(&why);
    if (m_claude.isEmpty())
        QFAIL(qPrintable(why));
    QString err;
    QVERIFY2(m_fake.start(&err), qPrintable(err));
}

void TestLimits::init()
{
    m_fake.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_work = m_tmp->filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(m_work));
}

void TestLimits::cleanup()
{
    m_engine.reset();
    m_tmp.reset();
}

void TestLimits::openEngine(FakeApi::Auth auth)
{
    m_engine = std::make_unique<Engine>(m_tmp->filePath(QStringLiteral("data/chorus.db")));
    QProcessEnvironment env =
        m_fake.claudeEnvironment(m_tmp->filePath(QStringLiteral("claude")), auth);
    env.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("0"));
    m_engine->setAgentEnvironment(env);
    m_engine->setSettings(testEngineSettings(m_tmp->path(), m_claude));
    const Status st = m_engine->open();
    QVERIFY2(st.ok(), qPrintable(st.error().toString()));
}

void TestLimits::warningMakesOneTurnAtATime()
{
    openEngine(FakeApi::Auth::Gateway);
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 3 * 3600;
    const QJsonObject warning = unifiedHeaders({0.92, reset, QStringLiteral("allowed"), 0.9});
    const SessionInfo first =
        spawn(QStringLiteral("first"), {textWithLimits(QStringLiteral("one"), warning)});
    QVERIFY(waitFor([&] { return idleAfter(first.id, 1); }));
    QVERIFY(waitFor([&] {
        return profile().value(QLatin1String("mode")).toString() == QLatin1String("single");
    }));
    QCOMPARE(window(QStringLiteral("five_hour")).value(QLatin1String("status")).toString(),
             QStringLiteral("allowed_warning"));
    QCOMPARE(window(QStringLiteral("five_hour")).value(QLatin1String("source")).toString(),
             QStringLiteral("official"));
    QVERIFY(
        qAbs(window(QStringLiteral("five_hour")).value(QLatin1String("utilization")).toDouble() -
             0.92) < 1e-9);

    // Two agents now: the second waits for the first's turn (slow: 4 chunks 0.4 s apart).
    QJsonObject slow = textWithLimits(QStringLiteral("two"), warning);
    slow.insert(QStringLiteral("chunks"), 4);
    slow.insert(QStringLiteral("delay"), 0.4);
    const SessionInfo a = spawn(QStringLiteral("a"), {slow});
    const SessionInfo b =
        spawn(QStringLiteral("b"), {textWithLimits(QStringLiteral("three"), warning)});
    bool sawWaiting = false;
    QVERIFY(waitFor([&] {
        const QJsonArray queued = m_engine->limitsReport().value(QLatin1String("queued")).toArray();
        for (const QJsonValue &q : queued)
            if (q[QLatin1String("reason")].toString().contains(QLatin1String("one turn at a time")))
                sawWaiting = true;
        return idleAfter(a.id, 1) && idleAfter(b.id, 1);
    }));
    QVERIFY(sawWaiting);
    QVERIFY(info(a.id).turns == 1 && info(b.id).turns == 1);

    // A turn without a warning: normal again.
    const SessionInfo c =
        spawn(QStringLiteral("c"),
              {textWithLimits(QStringLiteral("four"), unifiedHeaders({0.3, reset}))});
    QVERIFY(waitFor([&] { return idleAfter(c.id, 1); }));
    QVERIFY(waitFor([&] {
        return profile().value(QLatin1String("mode")).toString() == QLatin1String("normal");
    }));
}

void TestLimits::rejectionPausesAndTheAgentGoesOnAfterTheReset()
{
    openEngine(FakeApi::Auth::Gateway);
    // Far enough ahead for a slow first turn (sanitizers, a loaded CI), near enough to wait for.
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 15;
    m_fake.enqueue(usageLimitRejection(reset));
    m_fake.enqueue(
        QJsonObject{{QStringLiteral("text"), QStringLiteral("finished after the reset")}});
    m_fake.enqueue(QJsonObject{{QStringLiteral("text"), QStringLiteral("b done")}});
    const SessionInfo a = spawn(QStringLiteral("limited"), {});
    QVERIFY(waitFor([&] {
        const SessionInfo s = info(a.id);
        return s.state == SessionState::Waiting && s.stateDetail == QLatin1String("rate-limit") &&
               s.turns == 1;
    }));
    QCOMPARE(profile().value(QLatin1String("mode")).toString(), QStringLiteral("paused"));
    // At the reset (at least 5 s ahead: a reset already near or past still waits a moment).
    const qint64 resumes =
        QDateTime::fromString(profile().value(QLatin1String("resumesAt")).toString(),
                              Qt::ISODateWithMs)
            .toSecsSinceEpoch();
    QVERIFY2(resumes >= reset && resumes <= reset + 5,
             qPrintable(QString::number(resumes - reset)));
    const QJsonArray waiting = m_engine->limitsReport().value(QLatin1String("waiting")).toArray();
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting[0][QLatin1String("name")].toString(), QStringLiteral("limited"));

    // New work waits too, with the reason; nothing is sent meanwhile.
    const int requestsBefore = m_fake.mainRequestCount();
    const SessionInfo b = spawn(QStringLiteral("queued"), {});
    QTest::qWait(1000);
    QCOMPARE(m_fake.mainRequestCount(), requestsBefore);
    QVERIFY(m_engine->limitsReport().value(QLatin1String("queued")).toArray().size() == 1);

    // After the reset both finish by themselves; the limited one was told to continue.
    const bool finished = waitFor([&] { return idleAfter(a.id, 2) && idleAfter(b.id, 1); }, 90000);
    if (!finished) {
        for (const QString &id : {a.id, b.id}) {
            qWarning() << info(id).name << stateName(info(id).state) << info(id).stateDetail
                       << info(id).turns << m_engine->limitsReport();
            for (const StoredEvent &e : m_engine->events(id, 0, 0))
                qWarning() << e.kind << e.raw.left(300);
        }
    }
    QVERIFY(finished);
    QVERIFY2(inputsSent(a.id).contains(QStringLiteral("continue")),
             qPrintable(inputsSent(a.id).join(QLatin1Char('|'))));
    QVERIFY(waitFor([&] {
        return profile().value(QLatin1String("mode")).toString() == QLatin1String("normal");
    }));
    QVERIFY(!info(a.id).options.contains(QLatin1String("resumesAt")));
}

void TestLimits::pauseSurvivesARestart()
{
    openEngine(FakeApi::Auth::Gateway);
    // The old engine's teardown (up to 5 s) and the new one's start fit before the reset.
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 20;
    m_fake.enqueue(usageLimitRejection(reset));
    m_fake.enqueue(QJsonObject{{QStringLiteral("text"), QStringLiteral("back")}});
    const SessionInfo a = spawn(QStringLiteral("limited"), {});
    QVERIFY(waitFor([&] {
        return info(a.id).stateDetail == QLatin1String("rate-limit") && info(a.id).turns == 1;
    }));
    const QString resumesAt = profile().value(QLatin1String("resumesAt")).toString();

    m_engine.reset(); // the engine goes; a new one opens the same database
    openEngine(FakeApi::Auth::Gateway);
    QCOMPARE(profile().value(QLatin1String("mode")).toString(), QStringLiteral("paused"));
    QCOMPARE(profile().value(QLatin1String("resumesAt")).toString(), resumesAt);
    QCOMPARE(info(a.id).state, SessionState::Waiting);
    QCOMPARE(info(a.id).stateDetail, QStringLiteral("rate-limit"));
    QVERIFY(waitFor([&] { return idleAfter(a.id, 2); }, 90000));
    QVERIFY(inputsSent(a.id).contains(QStringLiteral("continue")));
}

void TestLimits::apiKeyRateLimitWaitsWithChorus()
{
    openEngine(FakeApi::Auth::ApiKey);
    m_fake.enqueue(apiKey429());
    m_fake.enqueue(QJsonObject{{QStringLiteral("text"), QStringLiteral("through")}});
    const SessionInfo a = spawn(QStringLiteral("keyed"), {});
    QVERIFY(waitFor([&] {
        return info(a.id).stateDetail == QLatin1String("rate-limit") && info(a.id).turns == 1;
    }));
    const QJsonObject p = profile();
    QCOMPARE(p.value(QLatin1String("mode")).toString(), QStringLiteral("paused"));
    const qint64 wait =
        QDateTime::fromString(p.value(QLatin1String("resumesAt")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch() -
        QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(wait > 15000 && wait < 40000, qPrintable(QString::number(wait))); // 30 s ± 25 %
    QVERIFY(p.value(QLatin1String("reason")).toString().contains(QLatin1String("429")));
    // The user does not wait: resume now, and the agent goes on with its task.
    QVERIFY(m_engine->resumeLimits(QString()).ok());
    QVERIFY(waitFor([&] { return idleAfter(a.id, 2); }));
    QVERIFY(inputsSent(a.id).contains(QStringLiteral("continue")));
    QCOMPARE(profile().value(QLatin1String("mode")).toString(), QStringLiteral("normal"));
}

QTEST_MAIN(TestLimits)
#include "tst_limits.moc"
