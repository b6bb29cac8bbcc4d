// The D-Bus notifier against a fake org.freedesktop.Notifications service on a private
// session bus (dbus-daemon started by the test; skipped where there is none): the real Notify
// call with its action, replacement by id, CloseNotification, the ActionInvoked round trip,
// and a bus without the service falling back quietly.
#include "notify/dbusnotifier.h"
#include "notify/desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace chorus;

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

// The notification service as a desktop runs it, reduced to what Chorus calls.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString appName;
        uint replacesId = 0;
        QString summary, body;
        QStringList actions;
        QVariantMap hints;
    };

    explicit FakeNotificationServer(const QDBusConnection &bus) : m_bus(bus) {}

    void invokeAction(uint id, const QString &action)
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(kPath, kService, QStringLiteral("ActionInvoked"));
        signal << id << action;
        m_bus.send(signal);
    }

    QList<Call> calls;
    QList<uint> closedIds;

public Q_SLOTS:
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    uint Notify(const QString &appName, uint replacesId, const QString & /*icon*/,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int /*timeout*/)
    {
        calls.append({appName, replacesId, summary, body, actions, hints});
        return replacesId ? replacesId : ++m_lastId;
    }
    void CloseNotification(uint id) { closedIds.append(id); }

private:
    QDBusConnection m_bus;
    uint m_lastId = 40;
};
} // namespace

class TestDBusNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void missingServiceFallsBackQuietly();
    void notifyActionRoundTrip();

private:
    QProcess m_daemon;
    QString m_address;
};

void TestDBusNotifier::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (Debian: dbus-daemon): no private bus to test on");
    m_daemon.setProgram(daemon);
    m_daemon.setArguments({QStringLiteral("--session"), QStringLiteral("--nofork"),
                           QStringLiteral("--nopidfile"), QStringLiteral("--print-address=1")});
    m_daemon.start();
    QVERIFY2(m_daemon.waitForStarted(10000), qPrintable(m_daemon.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 10000);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY2(m_address.startsWith(QLatin1String("unix:")), qPrintable(m_address));
    // This process's session bus is the private one (read at its first use, below).
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestDBusNotifier::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished(5000);
    }
}

void TestDBusNotifier::missingServiceFallsBackQuietly()
{
    // No one serves notifications on the bus yet: the first call fails, once, and the desktop
    // notifier falls back (no tray offscreen: to nothing) with one line.
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(kService));
    DBusNotifier direct(QDBusConnection::sessionBus());
    QSignalSpy failed(&direct, &DBusNotifier::failed);
    direct.show(QStringLiteral("a"),
                {QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("Open")});
    QTRY_VERIFY(!direct.isUsable());
    QCOMPARE(failed.count(), 1);
    // It sends nothing more: no second failure, no second line.
    direct.show(QStringLiteral("b"),
                {QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("Open")});
    QVERIFY(!failed.wait(300));
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("ServiceUnknown")),
             qPrintable(failed.first().first().toString()));

    QTest::ignoreMessage(QtInfoMsg,
                         QRegularExpression(QStringLiteral("^Chorus: no desktop notification "
                                                           "service \\(.*ServiceUnknown.*\\); ")));
    DesktopNotifier desktop;
    QCOMPARE(desktop.backend(), QStringLiteral("dbus"));
    desktop.show(QStringLiteral("a"),
                 {QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("Open")});
    QTRY_COMPARE(desktop.backend(), QStringLiteral("none"));
    desktop.show(QStringLiteral("b"),
                 {QStringLiteral("t"), QStringLiteral("b"), QStringLiteral("Open")});
    desktop.close(QStringLiteral("a"));
}

void TestDBusNotifier::notifyActionRoundTrip()
{
    // The service on its own connection, as a desktop's would be.
    QDBusConnection serverBus =
        QDBusConnection::connectToBus(m_address, QStringLiteral("fake-notification-server"));
    QVERIFY(serverBus.isConnected());
    FakeNotificationServer server(serverBus);
    QVERIFY(serverBus.registerObject(kPath, &server, QDBusConnection::ExportAllSlots));
    QVERIFY(serverBus.registerService(kService));

    DBusNotifier notifier(QDBusConnection::sessionBus());
    QSignalSpy activated(&notifier, &Notifier::activated);
    Notification n{QStringLiteral("planner needs your approval"),
                   QStringLiteral("planner asks to use Write: design.md"),
                   QStringLiteral("Open Console"), true};
    notifier.show(QStringLiteral("agent-1"), n);
    QTRY_COMPARE(server.calls.size(), 1);
    const FakeNotificationServer::Call call = server.calls.first();
    QCOMPARE(call.appName, QStringLiteral("Chorus"));
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.summary, n.title);
    QCOMPARE(call.body, n.body);
    QCOMPARE(call.actions,
             (QStringList{QStringLiteral("default"), QStringLiteral("Open Console")}));
    QCOMPARE(call.hints.value(QStringLiteral("urgency")).toInt(), 2);
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(),
             QStringLiteral("chorus"));

    // The same agent again replaces its notification (the service's id comes back).
    n.title = QStringLiteral("planner failed");
    n.urgent = false;
    // (Before the service's id came back, the show waits for it: replaced either way.)
    notifier.show(QStringLiteral("agent-1"), n);
    QTRY_COMPARE(server.calls.size(), 2);
    QCOMPARE(server.calls.at(1).replacesId, 41u);
    QCOMPARE(server.calls.at(1).hints.value(QStringLiteral("urgency")).toInt(), 1);

    // Another application's notification clicked is none of ours; ours is.
    server.invokeAction(7, QStringLiteral("default"));
    server.invokeAction(41, QStringLiteral("default"));
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("agent-1"));

    // Closing it closes the service's notification by its id.
    notifier.close(QStringLiteral("agent-1"));
    QTRY_COMPARE(server.closedIds, QList<uint>{41u});

    // Two shows in a row before the first answer: one notification, replaced, never two.
    notifier.show(QStringLiteral("agent-2"), n);
    notifier.show(QStringLiteral("agent-2"), n);
    QTRY_COMPARE(server.calls.size(), 4);
    QCOMPARE(server.calls.at(2).replacesId, 0u);
    QCOMPARE(server.calls.at(3).replacesId, 42u);

    serverBus.unregisterService(kService);
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-notification-server"));
}

QTEST_MAIN(TestDBusNotifier)
#include "tst_dbusnotifier.moc"
