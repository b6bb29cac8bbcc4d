#include "notify/traynotifier.h"

#include "style/icons.h"

#include <QSystemTrayIcon>

namespace chorus {

TrayNotifier::TrayNotifier(QObject *parent)
    : Notifier(parent), m_icon(new QSystemTrayIcon(icons::app(), this))
{
    const auto activateLatest = [this] {
        if (!m_open.isEmpty())
            Q_EMIT activated(m_open.last());
    };
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, activateLatest);
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [activateLatest](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    activateLatest();
            });
}

TrayNotifier::~TrayNotifier() = default;

bool TrayNotifier::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayNotifier::show(const QString &key, const Notification &n)
{
    m_open.removeAll(key);
    m_open.append(key);
    update();
    m_icon->showMessage(n.title, n.body,
                        n.urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

void TrayNotifier::close(const QString &key)
{
    if (m_open.removeAll(key) > 0)
        update();
}

void TrayNotifier::update()
{
    m_icon->setToolTip(tr("Chorus: %n agent(s) need you", nullptr, int(m_open.size())));
    m_icon->setVisible(!m_open.isEmpty());
}

} // namespace chorus
