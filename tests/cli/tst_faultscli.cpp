// Faults seen through the `chorus` CLI and daemon (issue 7): real processes, the pinned Claude
// Code CLI and the fake Messages API.
#include "engine/enginelock.h"
#include "enginefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

using chorus::test::EngineFixture;

class TestFaultsCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void oneEngineWhateverTheRuntimeDirectory();

private:
    EngineFixture m_fx;
};

void TestFaultsCli::init()
{
    QString error;
    QVERIFY2(m_fx.setUp(&error), qPrintable(error));
}

void TestFaultsCli::cleanup()
{
    m_fx.tearDown();
}

// Defect 2: from a shell without XDG_RUNTIME_DIR (ssh, su, cron), or with another one, a
// second engine started on the same database and took the first one's agents.
void TestFaultsCli::oneEngineWhateverTheRuntimeDirectory()
{
    auto r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("start")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 pid = m_fx.daemonPid();
    QVERIFY(pid > 0);
    const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    const QString other = m_fx.root() + QStringLiteral("/other-run");
    QVERIFY(QDir().mkpath(other));
    QFile::setPermissions(other,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (const QByteArray &runtime : {other.toUtf8(), QByteArray()}) {
        if (runtime.isEmpty())
            qunsetenv("XDG_RUNTIME_DIR");
        else
            qputenv("XDG_RUNTIME_DIR", runtime);
        // A second engine refuses, naming the first.
        r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("run")}, 10000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QString::number(pid)), qPrintable(r.describe()));
        // A client finds the first one through the data directory, and starts no other.
        r = m_fx.chorus({QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = m_fx.chorus({QStringLiteral("daemon"), QStringLiteral("status")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QString::number(pid)), qPrintable(r.describe()));
    }
    qputenv("XDG_RUNTIME_DIR", savedRuntime);
    const std::optional<chorus::EngineLock::Holder> holder =
        chorus::EngineLock::holder(m_fx.dataDir());
    QVERIFY(holder);
    QCOMPARE(holder->pid, pid);
    QCOMPARE(holder->socket, m_fx.socketPath());
    QCOMPARE(m_fx.daemonPid(), pid);
}

QTEST_GUILESS_MAIN(TestFaultsCli)
#include "tst_faultscli.moc"
