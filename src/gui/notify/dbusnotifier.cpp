#include "notify/dbusnotifier.h"

#include <QDBusAbstractInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace chorus {

// The service's interface: calls by name, its two signals as Qt signals (QDBusAbstractInterface
// subscribes to a D-Bus signal when its Qt signal gets connected).
class NotificationsProxy : public QDBusAbstractInterface
{
    Q_OBJECT
public:
    NotificationsProxy(const QDBusConnection &bus, QObject *parent)
        : QDBusAbstractInterface(QStringLiteral("org.freedesktop.Notifications"),
                                 QStringLiteral("/org/freedesktop/Notifications"),
                                 "org.freedesktop.Notifications", bus, parent)
    {}

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

namespace {
const QString kDefaultAction = QStringLiteral("default");
}

DBusNotifier::DBusNotifier(const QDBusConnection &bus, QObject *parent)
    : Notifier(parent), m_proxy(new NotificationsProxy(bus, this))
{
    if (!bus.isConnected()) {
        m_failed = true; // nothing to report to anyone yet: the owner asks isUsable()
        return;
    }
    connect(m_proxy, &NotificationsProxy::ActionInvoked, this, &DBusNotifier::onActionInvoked);
    connect(m_proxy, &NotificationsProxy::NotificationClosed, this, &DBusNotifier::onClosed);
    // Whether bodies are markup (then "<" and "&" in an agent's text must be escaped).
    auto *watcher =
        new QDBusPendingCallWatcher(m_proxy->asyncCall(QStringLiteral("GetCapabilities")), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        if (!reply.isError())
            m_markup = reply.value().contains(QLatin1String("body-markup"));
    });
}

DBusNotifier::~DBusNotifier() = default;

void DBusNotifier::show(const QString &key, const Notification &notification)
{
    if (m_failed)
        return;
    Entry &e = m_entries[key];
    e.closeWhenAnswered = false;
    if (e.pending) {
        e.next = notification; // replaces the one on its way once the service gives its id
        return;
    }
    send(key, notification);
}

void DBusNotifier::send(const QString &key, const Notification &n)
{
    Entry &e = m_entries[key];
    e.pending = true;
    const QVariantMap hints{
        {QStringLiteral("urgency"), QVariant::fromValue(uchar(n.urgent ? 2 : 1))},
        {QStringLiteral("desktop-entry"), QStringLiteral("chorus")},
    };
    const QDBusPendingCall call = m_proxy->asyncCall(
        QStringLiteral("Notify"), QStringLiteral("Chorus"), e.id, QStringLiteral("chorus"), n.title,
        m_markup ? n.body.toHtmlEscaped() : n.body, QStringList{kDefaultAction, n.actionLabel},
        hints, int(-1));
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                answered(key, reply.isError() ? 0 : reply.value(), reply.error());
            });
}

void DBusNotifier::answered(const QString &key, uint id, const QDBusError &error)
{
    if (m_failed)
        return;
    if (error.isValid()) {
        fail(error.name() + QStringLiteral(": ") + error.message());
        return;
    }
    Entry &e = m_entries[key];
    e.pending = false;
    if (e.id != id)
        m_keys.remove(e.id);
    e.id = id;
    m_keys.insert(id, key);
    if (e.next) {
        const Notification next = *e.next;
        e.next.reset();
        send(key, next);
    } else if (e.closeWhenAnswered) {
        close(key);
    }
}

void DBusNotifier::close(const QString &key)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || m_failed)
        return;
    if (it->pending) {
        it->next.reset();
        it->closeWhenAnswered = true;
        return;
    }
    m_proxy->asyncCall(QStringLiteral("CloseNotification"), it->id);
    m_keys.remove(it->id);
    m_entries.erase(it);
}

void DBusNotifier::fail(const QString &reason)
{
    m_failed = true;
    m_entries.clear();
    m_keys.clear();
    Q_EMIT failed(reason);
}

void DBusNotifier::onActionInvoked(uint id, const QString &action)
{
    // Every application's notifications are announced: only ours count.
    const QString key = m_keys.value(id);
    if (!key.isEmpty() && action == kDefaultAction)
        Q_EMIT activated(key);
}

void DBusNotifier::onClosed(uint id, uint /*reason*/)
{
    const QString key = m_keys.take(id);
    if (key.isEmpty())
        return;
    // Gone on the desktop (expired, dismissed, clicked): showing the key again makes a new one.
    const auto it = m_entries.find(key);
    if (it != m_entries.end() && it->id == id && !it->pending)
        m_entries.erase(it);
}

} // namespace chorus

#include "dbusnotifier.moc"
