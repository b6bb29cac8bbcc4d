#pragma once

#include "notify/notifier.h"

#include <QHash>
#include <QStringList>

class QSystemTrayIcon;

namespace chorus {

// Notifications as a tray icon's balloon messages, where the desktop has a tray but no
// notification service. The icon shows while a notification is open; clicking the message
// or the icon activates the latest one.
class TrayNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit TrayNotifier(QObject *parent = nullptr);
    ~TrayNotifier() override;

    static bool isAvailable();

    void show(const QString &key, const Notification &notification) override;
    void close(const QString &key) override;

private:
    void update();

    QSystemTrayIcon *m_icon;
    QStringList m_open; // keys, oldest first
};

} // namespace chorus
