#include "mainwindow/agentstatusbar.h"

#include "agents/sessionformat.h"
#include "client/engineclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QStatusBar>

namespace chorus {

AgentStatusBar::AgentStatusBar(EngineClient *client, QStatusBar *bar)
    : QObject(bar), m_client(client), m_bar(bar), m_running(new QLabel(bar)),
      m_queued(new QLabel(bar)), m_waiting(new QLabel(bar)), m_cost(new QLabel(bar)),
      m_limit(new QLabel(bar))
{
    m_limit->setObjectName(QStringLiteral("limitUse"));
    m_limit->setContentsMargins(6, 0, 6, 0);
    m_limit->hide();
    bar->addPermanentWidget(m_limit);
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
    connect(client, &EngineClient::limitsChanged, this, &AgentStatusBar::updateLimits);
    update();
    updateLimits();
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

void AgentStatusBar::updateLimits()
{
    // "5h 62%" (the default profile's 5-hour window); bold, with the mode, when it is not normal.
    const QJsonArray profiles = m_client->limits().value(QLatin1String("profiles")).toArray();
    QString text;
    QStringList tip;
    bool notNormal = false;
    for (const QJsonValue &pv : profiles) {
        const QJsonObject p = pv.toObject();
        const QString mode = p.value(QLatin1String("mode")).toString();
        const QString reason = p.value(QLatin1String("reason")).toString();
        tip << tr("Profile %1: %2").arg(p.value(QLatin1String("name")).toString(), mode) +
                   (reason.isEmpty() ? QString() : QStringLiteral(" \u2014 ") + reason);
        for (const QJsonValue &wv : p.value(QLatin1String("windows")).toArray()) {
            const QJsonObject w = wv.toObject();
            const QJsonValue u = w.value(QLatin1String("utilization"));
            if (!u.isDouble())
                continue;
            const QString type = w.value(QLatin1String("type")).toString();
            const QDateTime reset = QDateTime::fromString(
                w.value(QLatin1String("resetsAt")).toString(), Qt::ISODateWithMs);
            tip << QStringLiteral("  %1: %2%%3")
                       .arg(type)
                       .arg(qRound(u.toDouble() * 100))
                       .arg(reset.isValid() ? tr(", resets %1")
                                                  .arg(QLocale().toString(reset.toLocalTime(),
                                                                          QLocale::ShortFormat))
                                            : QString());
            if (type == QLatin1String("five_hour") && text.isEmpty())
                text = tr("5h %1%").arg(qRound(u.toDouble() * 100));
        }
        if (mode != QLatin1String("normal")) {
            notNormal = true;
            text = (text.isEmpty() ? QString() : text + QStringLiteral(" \u00b7 ")) +
                   (mode == QLatin1String("paused") ? tr("paused") : tr("one at a time"));
        }
    }
    m_limit->setText(text);
    m_limit->setToolTip(tip.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                        tr("`chorus limits` in a terminal says more."));
    QFont f = m_limit->font();
    f.setBold(notNormal);
    m_limit->setFont(f);
    m_limit->setVisible(!text.isEmpty());
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
