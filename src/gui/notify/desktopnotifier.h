#pragma once

#include "notify/notifier.h"

#include <QHash>
#include <QPointer>

namespace chorus {

class DBusNotifier;

// The desktop's notifications: the freedesktop notification service on the session bus when
// it answers (and Chorus was built with Qt D-Bus); else a tray icon where the desktop has a
// tray; else nothing (the window title and the taskbar entry still tell). Falling back is
// quiet: one line on stderr, no dialog.
class DesktopNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    void show(const QString &key, const Notification &notification) override;
    void close(const QString &key) override;

    // "dbus", "tray" or "none".
    QString backend() const;

private:
    void use(Notifier *notifier);
    void fallBack(const QString &reason);

    QPointer<Notifier> m_current;
    bool m_tray = false;
    QHash<QString, Notification> m_open; // shown again by the fallback
};

} // namespace chorus
