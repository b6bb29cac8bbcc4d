#pragma once

#include "notify/notifier.h"

#include <QDBusConnection>
#include <QHash>

#include <optional>

class QDBusError;

namespace chorus {

class NotificationsProxy;

// Notifications through the freedesktop notification service (org.freedesktop.Notifications
// on the session bus): Notify with the default action, replaced by key (replaces_id),
// CloseNotification; ActionInvoked on one of ours is activated(). A call that fails (no bus,
// no service) ends it: failed() once, and it sends nothing more.
class DBusNotifier : public Notifier
{
    Q_OBJECT
public:
    // `bus`: the session bus, or a test's private one.
    explicit DBusNotifier(const QDBusConnection &bus, QObject *parent = nullptr);
    ~DBusNotifier() override;

    void show(const QString &key, const Notification &notification) override;
    void close(const QString &key) override;

    // False once the service did not answer (or there is no bus).
    bool isUsable() const { return !m_failed; }

Q_SIGNALS:
    void failed(const QString &reason);

private:
    // One key's notification: the service's id once it answered.
    struct Entry
    {
        uint id = 0;
        bool pending = false;             // a Notify call is out
        std::optional<Notification> next; // shown once it is answered
        bool closeWhenAnswered = false;
    };

    void send(const QString &key, const Notification &notification);
    void answered(const QString &key, uint id, const QDBusError &error);
    void fail(const QString &reason);
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

    NotificationsProxy *m_proxy;
    QHash<QString, Entry> m_entries;
    QHash<uint, QString> m_keys; // the service's id -> key
    bool m_markup = false;       // the service reads markup in bodies: escape ours
    bool m_failed = false;
};

} // namespace chorus
