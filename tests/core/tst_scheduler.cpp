// The Scheduler alone: conditions, caps, priorities, policies and wakes, driven by a
// ManualClock (no sleeps, no processes).
#include "engine/scheduler.h"
#include "util/clock.h"

#include <QSet>
#include <QTest>

using namespace chorus;

namespace {

// A stand-in engine: which sessions want a turn, which hold a slot, which are held by git.
struct Fake
{
    ManualClock clock;
    Scheduler scheduler{&clock};
    QSet<QString> wants, running, held;
    QStringList admitted;

    Fake(int cap)
    {
        scheduler.addCondition(QStringLiteral("idle"),
                               [this](const QString &s) { return wants.contains(s); });
        scheduler.addCondition(QStringLiteral("git"),
                               [this](const QString &s) { return !held.contains(s); });
        scheduler.setSlotPredicate([this](const QString &s) { return running.contains(s); });
        scheduler.setAdmit([this](const QString &s) {
            admitted << s;
            wants.remove(s);
            running.insert(s);
        });
        scheduler.setGlobalCap(cap);
    }
    void add(const QString &s, int priority = 0, const QString &profile = {})
    {
        QueueEntry e;
        e.session = s;
        e.priority = priority;
        e.profile = profile;
        scheduler.enqueue(e);
    }
    void finish(const QString &s)
    {
        running.remove(s);
        scheduler.schedule();
    }
};

// Refuses everything until a time, then defers to the caps.
class NotBefore final : public SchedulingPolicy
{
public:
    explicit NotBefore(qint64 t) : m_t(t) {}
    Admission decide(const QueueEntry &e, const SchedulerView &v) override
    {
        if (v.now < m_t)
            return {false, QStringLiteral("limited"), m_t};
        return m_caps.decide(e, v);
    }

private:
    qint64 m_t;
    CapPolicy m_caps;
};

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstComeFirstServedUnderTheCap()
    {
        Fake f(2);
        for (const char *s : {"a", "b", "c"}) {
            f.add(QLatin1String(s));
            f.wants.insert(QLatin1String(s));
        }
        f.scheduler.schedule();
        QCOMPARE(f.admitted, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(f.scheduler.waitReason(QStringLiteral("c")).contains(QLatin1String("slot")));
        f.scheduler.schedule(); // nothing changed: nothing more starts
        QCOMPARE(f.admitted.size(), 2);
        f.finish(QStringLiteral("b"));
        QCOMPARE(f.admitted.last(), QStringLiteral("c"));
        QVERIFY(f.scheduler.waitReason(QStringLiteral("c")).isEmpty());
    }

    void aWaitingEntryDoesNotBlockThoseBehindIt()
    {
        Fake f(2);
        f.add(QStringLiteral("a"));
        f.add(QStringLiteral("b"));
        f.add(QStringLiteral("c"));
        f.wants = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        f.held = {QStringLiteral("a")};
        f.scheduler.schedule();
        QCOMPARE(f.admitted, (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(f.scheduler.waitReason(QStringLiteral("a")), QStringLiteral("git"));
        // The first condition that fails names the reason.
        f.wants.remove(QStringLiteral("a"));
        f.scheduler.schedule();
        QCOMPARE(f.scheduler.waitReason(QStringLiteral("a")), QStringLiteral("idle"));
    }

    void higherPriorityGoesFirstThenArrival()
    {
        Fake f(1);
        f.add(QStringLiteral("low1"));
        f.add(QStringLiteral("high"), 5);
        f.add(QStringLiteral("low2"));
        f.add(QStringLiteral("mid"), 1);
        QStringList order;
        for (const QueueEntry &e : f.scheduler.entries())
            order << e.session;
        QCOMPARE(order, (QStringList{QStringLiteral("high"), QStringLiteral("mid"),
                                     QStringLiteral("low1"), QStringLiteral("low2")}));
        f.wants = {QStringLiteral("low1"), QStringLiteral("high"), QStringLiteral("low2"),
                   QStringLiteral("mid")};
        f.scheduler.schedule();
        f.finish(QStringLiteral("high"));
        f.finish(QStringLiteral("mid"));
        f.finish(QStringLiteral("low1"));
        QCOMPARE(f.admitted, order);
        // Enqueued again, an entry goes behind the others of its priority.
        f.add(QStringLiteral("high"), 0);
        QCOMPARE(f.scheduler.entries().last().session, QStringLiteral("high"));
        QVERIFY(f.scheduler.entries().first().enqueuedAt > 0);
    }

    void profileCapsAndLiveChanges()
    {
        Fake f(3);
        f.scheduler.setProfileCap(QStringLiteral("work"), 1);
        f.add(QStringLiteral("w1"), 0, QStringLiteral("work"));
        f.add(QStringLiteral("w2"), 0, QStringLiteral("work"));
        f.add(QStringLiteral("p1"), 0, QStringLiteral("play"));
        f.wants = {QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("p1")};
        f.scheduler.schedule();
        QCOMPARE(f.admitted, (QStringList{QStringLiteral("w1"), QStringLiteral("p1")}));
        QVERIFY(f.scheduler.waitReason(QStringLiteral("w2")).contains(QLatin1String("work")));
        f.scheduler.setProfileCap(QStringLiteral("work"), 0); // removed: a pass follows
        QCOMPARE(f.admitted.last(), QStringLiteral("w2"));

        Fake g(1);
        g.add(QStringLiteral("a"));
        g.add(QStringLiteral("b"));
        g.wants = {QStringLiteral("a"), QStringLiteral("b")};
        g.scheduler.schedule();
        QCOMPARE(g.admitted.size(), 1);
        g.scheduler.setGlobalCap(2);
        QCOMPARE(g.admitted.size(), 2);
        // Lowering the cap stops nothing that runs; nothing new starts above it.
        g.scheduler.setGlobalCap(1);
        g.add(QStringLiteral("c"));
        g.wants.insert(QStringLiteral("c"));
        g.finish(QStringLiteral("a"));
        QCOMPARE(g.admitted.size(), 2);
        g.finish(QStringLiteral("b"));
        QCOMPARE(g.admitted.last(), QStringLiteral("c"));
    }

    void aPolicyRetryTimeWakesTheSchedulerThen()
    {
        Fake f(4);
        const qint64 t = f.clock.nowMs() + 60'000;
        f.scheduler.setPolicy(std::make_unique<NotBefore>(t));
        f.add(QStringLiteral("a"));
        f.add(QStringLiteral("b"));
        f.wants = {QStringLiteral("a"), QStringLiteral("b")};
        f.scheduler.schedule();
        f.scheduler.schedule();
        QVERIFY(f.admitted.isEmpty());
        QCOMPARE(f.scheduler.waitReason(QStringLiteral("a")), QStringLiteral("limited"));
        QCOMPARE(f.clock.pendingCalls(), 1); // one wake for the time, however many passes ask it
        f.clock.advance(59'999);
        QVERIFY(f.admitted.isEmpty());
        f.clock.advance(1);
        QCOMPARE(f.admitted, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(f.clock.pendingCalls(), 0);
    }

    void wakeAtRunsAPassThen()
    {
        Fake f(1);
        f.add(QStringLiteral("a"));
        f.scheduler.wakeAt(f.clock.nowMs() + 500);
        f.scheduler.wakeAt(f.clock.nowMs() + 100);
        f.wants.insert(QStringLiteral("a")); // becomes ready without anyone running a pass
        f.clock.advance(99);
        QVERIFY(f.admitted.isEmpty());
        f.clock.advance(1);
        QCOMPARE(f.admitted, QStringList{QStringLiteral("a")});
        QCOMPARE(f.clock.pendingCalls(), 1);
        f.clock.advance(1000);
        QCOMPARE(f.clock.pendingCalls(), 0);
    }

    void reentrantPassesAndHaltAdmitNothingTwice()
    {
        Fake f(5);
        f.add(QStringLiteral("a"));
        f.add(QStringLiteral("b"));
        f.wants = {QStringLiteral("a"), QStringLiteral("b")};
        int calls = 0;
        f.scheduler.setAdmit([&](const QString &s) {
            ++calls;
            f.admitted << s;
            f.scheduler.schedule(); // an admit that leads to another pass at once
            f.wants.remove(s);
            f.running.insert(s);
        });
        f.scheduler.schedule();
        QCOMPARE(calls, 2);

        Fake g(5);
        g.add(QStringLiteral("a"));
        g.wants.insert(QStringLiteral("a"));
        g.scheduler.halt();
        g.scheduler.schedule();
        g.scheduler.setGlobalCap(9);
        QVERIFY(g.admitted.isEmpty());
        g.scheduler.remove(QStringLiteral("a"));
        QVERIFY(!g.scheduler.contains(QStringLiteral("a")));
    }

    void aCallbackOfAGoneContextDoesNotRun()
    {
        ManualClock clock;
        int ran = 0;
        {
            QObject context;
            clock.callAt(&context, clock.nowMs() + 10, [&] { ++ran; });
        }
        QObject other;
        clock.callAt(&other, clock.nowMs() + 5, [&] { ran += 10; });
        clock.advance(20);
        QCOMPARE(ran, 10);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
