#include "mainwindow/consoletabs.h"

#include "agents/knownroles.h"
#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "widgets/emptystatewidget.h"

#include <QTabBar>
#include <QTabWidget>

namespace chorus {

ConsoleTabs::ConsoleTabs(EngineClient *client, KnownRoles *roles, QWidget *parent)
    : QStackedWidget(parent), m_client(client), m_roles(roles), m_tabs(new QTabWidget(this)),
      m_hint(new EmptyStateWidget(this))
{
    m_hint->setObjectName(QStringLiteral("consoleHint"));
    m_hint->setTitle(tr("No console open"));
    m_hint->setText(tr("Double-click an agent in the list, or select it and press Enter, to follow "
                       "its work live and send it follow-ups."));
    m_tabs->setObjectName(QStringLiteral("consoleTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    addWidget(m_hint);
    addWidget(m_tabs);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ConsoleTabs::closeConsole);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { Q_EMIT currentSessionChanged(currentSessionId()); });
    connect(client, &EngineClient::sessionChanged, this, &ConsoleTabs::updateTab);
    connect(roles, &KnownRoles::changed, this, [this] {
        for (int i = 0; i < m_tabs->count(); ++i)
            if (auto *c = qobject_cast<ConsoleWidget *>(m_tabs->widget(i)))
                updateTab(m_client->session(c->sessionId()));
    });
    updatePage();
}

int ConsoleTabs::indexOf(const QString &sessionId) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *c = qobject_cast<ConsoleWidget *>(m_tabs->widget(i));
            c && c->sessionId() == sessionId)
            return i;
    return -1;
}

void ConsoleTabs::openConsole(const QString &sessionId)
{
    if (sessionId.isEmpty())
        return;
    int index = indexOf(sessionId);
    if (index < 0) {
        auto *console = new ConsoleWidget(m_client, sessionId, m_tabs);
        index = m_tabs->addTab(console, QString());
        updateTab(m_client->session(sessionId));
    }
    m_tabs->setCurrentIndex(index);
    updatePage();
    m_tabs->currentWidget()->setFocus();
}

void ConsoleTabs::closeConsole(int index)
{
    QWidget *w = m_tabs->widget(index);
    if (!w)
        return;
    m_tabs->removeTab(index);
    w->deleteLater();
    updatePage();
    if (m_tabs->count() == 0)
        Q_EMIT currentSessionChanged(QString());
}

void ConsoleTabs::closeCurrent()
{
    if (m_tabs->count() > 0)
        closeConsole(m_tabs->currentIndex());
}

void ConsoleTabs::nextTab()
{
    if (m_tabs->count() > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
}

void ConsoleTabs::previousTab()
{
    if (m_tabs->count() > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
}

int ConsoleTabs::count() const
{
    return m_tabs->count();
}

QString ConsoleTabs::currentSessionId() const
{
    auto *c = qobject_cast<ConsoleWidget *>(m_tabs->currentWidget());
    return c ? c->sessionId() : QString();
}

ConsoleWidget *ConsoleTabs::console(const QString &sessionId) const
{
    const int i = indexOf(sessionId);
    return i < 0 ? nullptr : qobject_cast<ConsoleWidget *>(m_tabs->widget(i));
}

void ConsoleTabs::updateTab(const SessionInfo &info)
{
    const int i = indexOf(info.id);
    if (i < 0)
        return;
    // Long names would make a few tabs fill the bar: keep each to a readable width.
    const QString name = info.name.isEmpty() ? info.id.left(8) : info.name;
    const int width = m_tabs->tabBar()->fontMetrics().averageCharWidth() * 28;
    m_tabs->setTabText(i, m_tabs->tabBar()->fontMetrics().elidedText(name, Qt::ElideMiddle, width));
    m_tabs->setTabIcon(i, m_roles->icon(info.role));
    m_tabs->setTabToolTip(
        i, tr("%1 (%2) — %3").arg(info.name, info.role, SessionFormat::stateText(info)));
}

void ConsoleTabs::updatePage()
{
    setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_hint);
}

} // namespace chorus
