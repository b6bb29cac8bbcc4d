#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

namespace chorus {

// When the engine is lost (or cannot be reached), the GUI tries again by itself, with back-off:
// 1 s, 2 s, 4 s ... at most 30 s between tries. The owner calls schedule() after a loss or a
// failed try and reset() once connected; due() says when to try, tick() counts down for the
// page that shows it. A try can start the engine again (EngineClient::connectToEngine).
class EngineReconnect : public QObject
{
    Q_OBJECT
public:
    explicit EngineReconnect(QObject *parent = nullptr);

    // The wait before try `n` (0-based): first * 2^n, at most `max`.
    qint64 delayMs(int attempt) const;
    // Schedules the next try after the back-off of the tries so far.
    void schedule();
    // Connected: the next loss starts again from the first delay.
    void reset();
    // Tries at once (the page's "Retry now"), counting as a try.
    void retryNow();
    bool isScheduled() const { return m_timer.isActive(); }
    // Whole seconds until the next try (rounded up; 0 when none is scheduled).
    int secondsLeft() const;
    int attempts() const { return m_attempts; }

    // The back-off (default 1 s doubling to 30 s); tests make it short.
    void setDelays(qint64 firstMs, qint64 maxMs);

Q_SIGNALS:
    // Time to try.
    void due();
    // Once a second while a try is scheduled, and at once when one is.
    void tick(int secondsLeft);

private:
    QTimer m_timer;
    QTimer m_ticker;
    QDeadlineTimer m_deadline;
    int m_attempts = 0;
    qint64 m_firstMs = 1000;
    qint64 m_maxMs = 30000;
};

} // namespace chorus
