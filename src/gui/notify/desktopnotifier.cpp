#include "notify/desktopnotifier.h"

#include "notify/traynotifier.h"

#ifdef CHORUS_HAVE_QTDBUS
#include "notify/dbusnotifier.h"
#endif

#include <QDebug>

namespace chorus {

DesktopNotifier::DesktopNotifier(QObject *parent) : Notifier(parent)
{
#ifdef CHORUS_HAVE_QTDBUS
    auto *dbus = new DBusNotifier(QDBusConnection::sessionBus(), this);
    if (dbus->isUsable()) {
        connect(dbus, &DBusNotifier::failed, this, &DesktopNotifier::fallBack);
        use(dbus);
        return;
    }
    delete dbus;
    fallBack(tr("no D-Bus session bus"));
#else
    fallBack(tr("built without Qt D-Bus"));
#endif
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::use(Notifier *notifier)
{
    m_current = notifier;
    connect(notifier, &Notifier::activated, this, &Notifier::activated);
}

void DesktopNotifier::fallBack(const QString &reason)
{
    if (m_current)
        m_current->deleteLater();
    m_current = nullptr;
    m_tray = TrayNotifier::isAvailable();
    // One line, once: a desktop without notifications is no error.
    qInfo().noquote() << tr("Chorus: no desktop notification service (%1); %2")
                             .arg(reason, m_tray ? tr("using the tray icon")
                                                 : tr("the window title and the taskbar tell "
                                                      "when agents need you"));
    if (!m_tray)
        return;
    use(new TrayNotifier(this));
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it)
        m_current->show(it.key(), it.value());
}

QString DesktopNotifier::backend() const
{
    if (!m_current)
        return QStringLiteral("none");
    return m_tray ? QStringLiteral("tray") : QStringLiteral("dbus");
}

void DesktopNotifier::show(const QString &key, const Notification &notification)
{
    m_open.insert(key, notification);
    if (m_current)
        m_current->show(key, notification);
}

void DesktopNotifier::close(const QString &key)
{
    m_open.remove(key);
    if (m_current)
        m_current->close(key);
}

} // namespace chorus
