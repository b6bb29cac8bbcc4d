#pragma once

#include <QObject>
#include <QString>

namespace chorus {

// One desktop notification as Chorus asks for it: what it says and what clicking it does
// (its default action, labelled `actionLabel` where the desktop shows actions as buttons).
struct Notification
{
    QString title;
    QString body;
    QString actionLabel;
    bool urgent = false; // needs the user before the agent can go on (an approval)

    bool operator==(const Notification &) const = default;
};

// Where notifications go: the desktop's notification service (DBusNotifier), a tray icon
// (TrayNotifier), or a test's fake. Notifications are addressed by the caller's key (one per
// agent): showing a key again replaces its notification, close() takes it away.
class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void show(const QString &key, const Notification &notification) = 0;
    virtual void close(const QString &key) = 0;

Q_SIGNALS:
    // The user clicked the notification (its default action).
    void activated(const QString &key);
};

} // namespace chorus
