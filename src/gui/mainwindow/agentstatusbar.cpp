#include "mainwindow/agentstatusbar.h"

#include "agents/sessionformat.h"
#include "client/engineclient.h"

#include <QLabel>
#include <QMouseEvent>
#include <QStatusBar>

namespace chorus {

AgentStatusBar::AgentStatusBar(EngineClient *client, QStatusBar *bar)
    : QObject(bar), m_client(client), m_bar(bar), m_running(new QLabel(bar)),
      m_queued(new QLabel(bar)), m_waiting(new QLabel(bar)), m_cost(new QLabel(bar))
{
    m_running->setObjectName(QStringLiteral("runningCount"));
    m_queued->setObjectName(QStringLiteral("queuedCount"));
    m_waiting->setObjectName(QStringLiteral("waitingCount"));
    m_cost->setObjectName(QStringLiteral("costToday"));
    m_waiting->setToolTip(tr("Agents waiting for your approval or for a rate limit to reset. "
                             "Click to go to the next agent that needs you."));
    m_waiting->setCursor(Qt::PointingHandCursor);
    m_waiting->installEventFilter(this);
    m_cost->setToolTip(tr("What today's turns cost, by the API prices of the models used"));
    for (QLabel *l : {m_running, m_queued, m_waiting, m_cost}) {
        l->setContentsMargins(6, 0, 6, 0);
        bar->addPermanentWidget(l);
    }

    connect(client, &EngineClient::sessionAdded, this, &AgentStatusBar::update);
    connect(client, &EngineClient::sessionChanged, this, &AgentStatusBar::update);
    connect(client, &EngineClient::costChanged, this, &AgentStatusBar::update);
    connect(client, &EngineClient::errorOccurred, this, &AgentStatusBar::showError);
    update();
}

void AgentStatusBar::update()
{
    int running = 0;
    int queued = 0;
    int waiting = 0;
    for (const SessionInfo &s : m_client->sessions()) {
        if (s.state == SessionState::Queued)
            ++queued;
        else if (s.state == SessionState::Waiting)
            ++waiting;
        else if (isActive(s.state))
            ++running;
    }
    m_running->setText(tr("%n running", nullptr, running));
    m_queued->setText(tr("%n queued", nullptr, queued));
    m_waiting->setText(tr("%n waiting", nullptr, waiting));
    QFont f = m_waiting->font();
    f.setBold(waiting > 0); // someone may need you
    m_waiting->setFont(f);
    m_cost->setText(tr("Today: %1").arg(SessionFormat::cost(m_client->costToday())));
}

bool AgentStatusBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_waiting && event->type() == QEvent::MouseButtonRelease &&
        static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        Q_EMIT waitingClicked();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void AgentStatusBar::showError(const Error &error)
{
    m_bar->showMessage(error.toString().replace(QLatin1Char('\n'), QLatin1Char(' ')), 15000);
}

} // namespace chorus
