#pragma once

#include <QObject>

#include <functional>

namespace chorus {

class Clock;

// An engine with nothing to do ends itself, so that nothing lingers: once `busy` (an agent
// alive, a client connected) has been false for the timeout, expired() is emitted, once.
// `timeoutMs` is read at each check (a setting may change it; 0 or less: never). Checked on
// `clock` (a ManualClock in tests) every few seconds, and at once by check().
class IdleExit : public QObject
{
    Q_OBJECT
public:
    IdleExit(std::function<bool()> busy, std::function<qint64()> timeoutMs, Clock *clock,
             QObject *parent = nullptr);

    // Starts watching (the engine has just started: it is idle from now on unless busy).
    void start();
    // Looks again now (something may have ended); schedules the next look.
    void check();
    // When the engine became idle by the clock, or -1 while it is busy (or not started).
    qint64 idleSinceMs() const { return m_idleSince; }

    // How often it looks at most (a client that comes and goes faster is not seen, which is
    // fine: it has just shown the engine is wanted, and the idle time starts after it anyway).
    static constexpr qint64 kPollMs = 5000;

Q_SIGNALS:
    // Idle for `idleMs` >= the timeout; the owner ends the engine.
    void expired(qint64 idleMs);

private:
    void scheduleAt(qint64 atMs);

    std::function<bool()> m_busy;
    std::function<qint64()> m_timeoutMs;
    Clock *m_clock;
    qint64 m_idleSince = -1;
    quint64 m_generation = 0; // only the latest scheduled look runs
    bool m_started = false;
    bool m_expired = false;
};

} // namespace chorus
