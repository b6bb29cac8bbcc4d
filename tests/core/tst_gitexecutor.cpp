// The GitExecutor alone: git work one at a time on one thread, in order; held sessions; the
// cancel flag; the checkpoint pool.
#include "integration/gitexecutor.h"

#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace chorus;

class TestGitExecutor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gitWorkRunsOneAtATimeInOrderOnOneThread()
    {
        GitExecutor executor;
        std::atomic_int running{0};
        std::atomic_bool overlapped{false};
        QList<QFuture<QPair<int, QThread *>>> jobs;
        for (int i = 0; i < 20; ++i)
            jobs << executor.run([i, &running, &overlapped] {
                if (running.fetch_add(1) != 0)
                    overlapped = true;
                volatile unsigned spin = 0; // unsigned: it wraps, never overflows
                for (unsigned k = 0; k < 100000; ++k)
                    spin = spin + k;
                running.fetch_sub(1);
                return qMakePair(i, QThread::currentThread());
            });
        // The pool is waited for first: QFuture::waitForFinished() would run a job not yet
        // started in this thread (Qt steals it), which is not how the engine uses the executor.
        executor.waitForDone();
        QList<int> order;
        QSet<QThread *> threads;
        for (QFuture<QPair<int, QThread *>> &f : jobs) {
            order << f.result().first;
            threads.insert(f.result().second);
        }
        QVERIFY(!overlapped);
        QList<int> expected;
        for (int i = 0; i < 20; ++i)
            expected << i;
        QCOMPARE(order, expected);
        QCOMPARE(threads.size(), 1);
        QVERIFY(!threads.contains(QThread::currentThread()));
    }

    void heldSessionsAreHeldUntilReleased()
    {
        GitExecutor executor;
        const QString a = QStringLiteral("a"), b = QStringLiteral("b");
        QVERIFY(!executor.holds(a));
        executor.hold({a, b});
        QVERIFY(executor.holds(a));
        QVERIFY(executor.holds(b));
        executor.release({a});
        QVERIFY(!executor.holds(a));
        QVERIFY(executor.holds(b));
        executor.release({b});
        QVERIFY(!executor.holds(b));
    }

    void cancelAllIsSeenByWorkUnderWay()
    {
        GitExecutor executor;
        const std::shared_ptr<const std::atomic_bool> cancel = executor.cancelFlag();
        QVERIFY(!cancel->load());
        std::atomic_bool started{false};
        QFuture<bool> work = executor.run([cancel, &started] {
            started = true;
            while (!cancel->load())
                QThread::yieldCurrentThread();
            return true;
        });
        QTRY_VERIFY(started.load());
        executor.cancelAll();
        executor.waitForDone();
        QVERIFY(work.isFinished());
        QVERIFY(work.result());
        QVERIFY(executor.cancelFlag()->load());
    }

    void checkpointsRunOnTheirOwnPool()
    {
        GitExecutor executor;
        QThreadPool *pool = executor.checkpointPool();
        QVERIFY(pool);
        QVERIFY(pool != QThreadPool::globalInstance());
        QCOMPARE(pool->maxThreadCount(), 2);
        std::atomic_bool ran{false};
        pool->start([&ran] { ran = true; });
        executor.waitForCheckpoints();
        QVERIFY(ran.load());
    }
};

QTEST_GUILESS_MAIN(TestGitExecutor)
#include "tst_gitexecutor.moc"
