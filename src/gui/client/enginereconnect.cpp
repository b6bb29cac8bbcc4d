#include "client/enginereconnect.h"

#include <QtMath>

namespace chorus {

EngineReconnect::EngineReconnect(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_ticker.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_ticker.stop();
        ++m_attempts;
        Q_EMIT due();
    });
    connect(&m_ticker, &QTimer::timeout, this, [this] { Q_EMIT tick(secondsLeft()); });
}

qint64 EngineReconnect::delayMs(int attempt) const
{
    qint64 delay = m_firstMs;
    for (int i = 0; i < attempt && delay < m_maxMs; ++i)
        delay *= 2;
    return qMin(delay, m_maxMs);
}

void EngineReconnect::schedule()
{
    const qint64 delay = delayMs(m_attempts);
    m_deadline.setRemainingTime(delay);
    m_timer.start(int(delay));
    m_ticker.start();
    Q_EMIT tick(secondsLeft());
}

void EngineReconnect::reset()
{
    m_timer.stop();
    m_ticker.stop();
    m_attempts = 0;
}

void EngineReconnect::retryNow()
{
    m_timer.stop();
    m_ticker.stop();
    ++m_attempts;
    Q_EMIT due();
}

int EngineReconnect::secondsLeft() const
{
    if (!m_timer.isActive())
        return 0;
    return int(qCeil(qMax<qint64>(0, m_deadline.remainingTime()) / 1000.0));
}

void EngineReconnect::setDelays(qint64 firstMs, qint64 maxMs)
{
    m_firstMs = qMax<qint64>(1, firstMs);
    m_maxMs = qMax(m_firstMs, maxMs);
}

} // namespace chorus
