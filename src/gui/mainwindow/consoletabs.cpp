#include "mainwindow/consoletabs.h"

#include "agents/knownroles.h"
#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "style/icons.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

namespace chorus {

ConsoleTabs::ConsoleTabs(EngineClient *client, KnownRoles *roles, QWidget *parent)
    : QStackedWidget(parent), m_client(client), m_roles(roles), m_tabs(new QTabWidget(this)),
      m_hint(new EmptyStateWidget(this)), m_listButton(new QToolButton(m_tabs)),
      m_listMenu(new QMenu(m_listButton))
{
    m_hint->setObjectName(QStringLiteral("consoleHint"));
    m_hint->setTitle(tr("No console open"));
    m_hint->setText(
        tr("Select an agent in the list to follow its work live and send it "
           "follow-ups. Pin its console to keep it as a tab while you look at others."));
    m_tabs->setObjectName(QStringLiteral("consoleTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    m_listButton->setObjectName(QStringLiteral("consoleListButton"));
    m_listButton->setAutoRaise(true);
    m_listButton->setArrowType(Qt::DownArrow);
    m_listButton->setToolTip(tr("The open consoles"));
    m_listButton->setPopupMode(QToolButton::InstantPopup);
    m_listButton->setMenu(m_listMenu);
    m_listMenu->setObjectName(QStringLiteral("consoleListMenu"));
    m_tabs->setCornerWidget(m_listButton, Qt::TopRightCorner);
    addWidget(m_hint);
    addWidget(m_tabs);

    connect(m_listMenu, &QMenu::aboutToShow, this, &ConsoleTabs::fillTabList);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ConsoleTabs::closeConsole);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ConsoleTabs::announce);
    connect(client, &EngineClient::sessionChanged, this, &ConsoleTabs::updateTab);
    connect(roles, &KnownRoles::changed, this, &ConsoleTabs::updateTabs);
    updatePage();
}

void ConsoleTabs::changeEvent(QEvent *event)
{
    QStackedWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateTabs(); // the preview's dimmed title
}

void ConsoleTabs::updateTabs()
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *c = qobject_cast<ConsoleWidget *>(m_tabs->widget(i)))
            updateTab(m_client->session(c->sessionId()));
}

int ConsoleTabs::indexOf(const QString &sessionId) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *c = qobject_cast<ConsoleWidget *>(m_tabs->widget(i));
            c && c->sessionId() == sessionId)
            return i;
    return -1;
}

ConsoleWidget *ConsoleTabs::takeKept(const QString &sessionId)
{
    for (int i = 0; i < m_kept.size(); ++i)
        if (m_kept.at(i)->sessionId() == sessionId)
            return m_kept.takeAt(i);
    return nullptr;
}

void ConsoleTabs::keep(ConsoleWidget *console)
{
    console->hide();
    m_kept.prepend(console);
    while (m_kept.size() > kKeptConsoles)
        m_kept.takeLast()->deleteLater();
}

void ConsoleTabs::openConsole(const QString &sessionId)
{
    if (sessionId.isEmpty())
        return;
    int index = indexOf(sessionId);
    if (index < 0) {
        m_swapping = true;
        ConsoleWidget *console = takeKept(sessionId);
        if (!console) {
            console = new ConsoleWidget(m_client, sessionId, m_tabs);
            if (m_pin)
                console->addHeaderAction(m_pin);
        }
        // The preview makes room: its console is kept for when its agent comes back.
        const int previewIndex = m_preview.isEmpty() ? -1 : indexOf(m_preview);
        if (previewIndex >= 0) {
            auto *old = qobject_cast<ConsoleWidget *>(m_tabs->widget(previewIndex));
            index = m_tabs->insertTab(previewIndex, console, QString());
            m_tabs->setCurrentIndex(index);
            m_tabs->removeTab(previewIndex + 1);
            keep(old);
        } else {
            index = m_tabs->addTab(console, QString());
        }
        m_preview = sessionId;
        updateTab(m_client->session(sessionId));
        m_swapping = false;
    }
    m_tabs->setCurrentIndex(index);
    updatePage();
    announce();
}

void ConsoleTabs::setPinned(const QString &sessionId, bool pinned)
{
    const int index = indexOf(sessionId);
    if (index < 0 || pinned == isPinned(sessionId))
        return;
    if (pinned) {
        m_pinned.insert(sessionId);
        if (m_preview == sessionId)
            m_preview.clear();
    } else {
        m_pinned.remove(sessionId);
        if (index == m_tabs->currentIndex()) {
            // It becomes the preview again; the old preview (if any) is kept aside.
            if (const int old = m_preview.isEmpty() ? -1 : indexOf(m_preview); old >= 0) {
                m_swapping = true;
                auto *console = qobject_cast<ConsoleWidget *>(m_tabs->widget(old));
                m_tabs->removeTab(old);
                keep(console);
                m_swapping = false;
            }
            m_preview = sessionId;
        } else {
            closeConsole(index);
        }
    }
    updateTab(m_client->session(sessionId));
    announce();
}

void ConsoleTabs::setPinAction(QAction *pin)
{
    m_pin = pin;
}

void ConsoleTabs::closeSession(const QString &sessionId)
{
    m_pinned.remove(sessionId);
    if (m_preview == sessionId)
        m_preview.clear();
    if (ConsoleWidget *kept = takeKept(sessionId))
        kept->deleteLater();
    const int index = indexOf(sessionId);
    if (index < 0)
        return;
    QWidget *w = m_tabs->widget(index);
    m_tabs->removeTab(index);
    w->deleteLater();
    updatePage();
    announce();
}

void ConsoleTabs::closeConsole(int index)
{
    auto *console = qobject_cast<ConsoleWidget *>(m_tabs->widget(index));
    if (!console)
        return;
    const QString id = console->sessionId();
    m_pinned.remove(id);
    if (m_preview == id)
        m_preview.clear();
    m_tabs->removeTab(index);
    keep(console);
    updatePage();
    announce();
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

int ConsoleTabs::consoleCount() const
{
    return m_tabs->count() + int(m_kept.size());
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

void ConsoleTabs::focusCurrent()
{
    if (QWidget *w = m_tabs->currentWidget())
        w->setFocus();
}

void ConsoleTabs::announce()
{
    if (m_swapping)
        return;
    const QString id = currentSessionId();
    if (m_pin) {
        m_pin->setEnabled(!id.isEmpty());
        m_pin->setChecked(isPinned(id));
    }
    if (id == m_announced)
        return;
    m_announced = id;
    Q_EMIT currentSessionChanged(id);
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
    const bool preview = info.id == m_preview;
    // A pinned tab shows a pin before its icon.
    QWidget *marker = m_tabs->tabBar()->tabButton(i, QTabBar::LeftSide);
    if (isPinned(info.id)) {
        auto *pin = qobject_cast<QLabel *>(marker);
        if (!pin) {
            pin = new QLabel(m_tabs->tabBar());
            pin->setObjectName(QStringLiteral("pinMarker"));
            pin->setToolTip(tr("Pinned: stays as the selection moves"));
            m_tabs->tabBar()->setTabButton(i, QTabBar::LeftSide, pin);
        }
        const int size = m_tabs->tabBar()->fontMetrics().height();
        pin->setPixmap(icons::action(QStringLiteral("pin")).pixmap(size, size)); // this palette's
    } else if (marker) {
        m_tabs->tabBar()->setTabButton(i, QTabBar::LeftSide, nullptr);
        marker->deleteLater();
    }
    // The preview's title is dimmed: it is replaced when another agent is selected.
    m_tabs->tabBar()->setTabTextColor(i, preview ? palette().color(QPalette::PlaceholderText)
                                                 : QColor());
    const QString state =
        tr("%1 (%2) — %3").arg(info.name, info.role, SessionFormat::stateText(info));
    m_tabs->setTabToolTip(
        i, preview ? tr("%1\nFollows the selection; Pin keeps it as a tab.").arg(state) : state);
}

void ConsoleTabs::fillTabList()
{
    m_listMenu->clear();
    if (m_tabs->count() == 0) {
        m_listMenu->addAction(tr("No console open"))->setEnabled(false);
        return;
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *c = qobject_cast<ConsoleWidget *>(m_tabs->widget(i));
        if (!c)
            continue;
        const SessionInfo info = m_client->session(c->sessionId());
        const QString name = info.name.isEmpty() ? c->sessionId().left(8) : info.name;
        const QString text =
            isPinned(c->sessionId())
                ? tr("%1 — %2").arg(name, SessionFormat::stateText(info))
                : tr("%1 — %2 (preview)").arg(name, SessionFormat::stateText(info));
        QAction *a = m_listMenu->addAction(m_roles->icon(info.role), text);
        a->setCheckable(true);
        a->setChecked(i == m_tabs->currentIndex());
        a->setData(c->sessionId());
        const QString id = c->sessionId();
        connect(a, &QAction::triggered, this, [this, id] {
            if (const int index = indexOf(id); index >= 0)
                m_tabs->setCurrentIndex(index);
        });
    }
}

void ConsoleTabs::updatePage()
{
    setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_hint);
}

} // namespace chorus
