// The engine's idle exit on a clock moved by hand: busy (an agent alive, a client connected)
// holds it off; idle for the whole timeout ends it, once; a setting of 0 never does.
#include "engine/enginesettings.h"
#include "engine/idleexit.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace chorus;

class TestIdleExit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idleForTheTimeoutEnds();
    void busyHoldsItOffAndIdleTimeStartsAfter();
    void zeroNeverEndsUntilSetAgain();
    void settingHasDefaultAndLimits();
};

namespace {
constexpr qint64 kMinute = 60 * 1000;
}

void TestIdleExit::idleForTheTimeoutEnds()
{
    ManualClock clock;
    IdleExit idle([] { return false; }, [] { return 15 * kMinute; }, &clock);
    QSignalSpy expired(&idle, &IdleExit::expired);
    idle.start();
    QCOMPARE(idle.idleSinceMs(), clock.nowMs());
    clock.advance(15 * kMinute - 1);
    QCOMPARE(expired.size(), 0);
    clock.advance(1);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(expired.first().first().toLongLong(), 15 * kMinute);
    clock.advance(60 * kMinute); // once
    QCOMPARE(expired.size(), 1);
    QCOMPARE(clock.pendingCalls(), 0);
}

void TestIdleExit::busyHoldsItOffAndIdleTimeStartsAfter()
{
    ManualClock clock;
    bool agentAlive = true;
    bool clientConnected = false;
    IdleExit idle([&] { return agentAlive || clientConnected; }, [] { return 15 * kMinute; },
                  &clock);
    QSignalSpy expired(&idle, &IdleExit::expired);
    idle.start();
    QCOMPARE(idle.idleSinceMs(), -1);
    clock.advance(60 * kMinute); // an agent works for an hour
    QCOMPARE(expired.size(), 0);
    agentAlive = false;
    clientConnected = true; // then a GUI stays connected
    clock.advance(60 * kMinute);
    QCOMPARE(expired.size(), 0);
    QCOMPARE(idle.idleSinceMs(), -1);
    clientConnected = false; // it closes; seen at the next look, at most kPollMs later
    const qint64 closedAt = clock.nowMs();
    clock.advance(IdleExit::kPollMs);
    QVERIFY(idle.idleSinceMs() >= closedAt && idle.idleSinceMs() <= closedAt + IdleExit::kPollMs);
    const qint64 since = idle.idleSinceMs();
    // A client that comes back before the end starts the count again.
    clock.advance(10 * kMinute);
    clientConnected = true;
    idle.check();
    QCOMPARE(idle.idleSinceMs(), -1);
    clientConnected = false;
    idle.check();
    QVERIFY(idle.idleSinceMs() > since);
    const qint64 again = idle.idleSinceMs();
    clock.advance(15 * kMinute - 1);
    QCOMPARE(expired.size(), 0);
    clock.advance(1);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(clock.nowMs() - again, 15 * kMinute);
}

void TestIdleExit::zeroNeverEndsUntilSetAgain()
{
    ManualClock clock;
    qint64 timeout = 0;
    IdleExit idle([] { return false; }, [&] { return timeout; }, &clock);
    QSignalSpy expired(&idle, &IdleExit::expired);
    idle.start();
    clock.advance(7 * 24 * 60 * kMinute);
    QCOMPARE(expired.size(), 0);
    QVERIFY(clock.pendingCalls() > 0); // it still looks, for a setting that changes
    timeout = 1 * kMinute;             // idle for a week already: ends at the next look
    clock.advance(IdleExit::kPollMs);
    QCOMPARE(expired.size(), 1);
}

void TestIdleExit::settingHasDefaultAndLimits()
{
    QCOMPARE(EngineSettings().idleExitMinutes, 15);
    QCOMPARE(EngineSettings::fromJson({}).idleExitMinutes, 15);
    QCOMPARE(EngineSettings::fromJson({{QStringLiteral("idleExitMinutes"), 0}}).idleExitMinutes, 0);
    QCOMPARE(EngineSettings::fromJson({{QStringLiteral("idleExitMinutes"), -5}}).idleExitMinutes,
             0);
    QCOMPARE(EngineSettings::fromJson({{QStringLiteral("idleExitMinutes"), 90}})
                 .toJson()
                 .value(QLatin1String("idleExitMinutes"))
                 .toInt(),
             90);
}

QTEST_GUILESS_MAIN(TestIdleExit)
#include "tst_idleexit.moc"
