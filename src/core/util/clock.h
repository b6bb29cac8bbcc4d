#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace chorus {

// Time as the engine's decisions see it: milliseconds and "call me at T". The system clock
// uses wall time and timers; a ManualClock lets tests move time by hand (no sleeps).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    // Calls `fn` (in `context`'s thread, not at all once `context` is gone) when the clock has
    // reached `atMs`; at once (on the next event-loop turn) when that is already past.
    virtual void callAt(QObject *context, qint64 atMs, std::function<void()> fn) = 0;

    // The process's system clock.
    static Clock *system();
};

// A clock that moves only when told: advance() runs what came due, in time order.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'000'000) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now; }
    void callAt(QObject *context, qint64 atMs, std::function<void()> fn) override;
    // Moves time on by `ms`, running each callback due on the way at its own time.
    void advance(qint64 ms);
    // Callbacks not yet due.
    int pendingCalls() const;

private:
    struct Call
    {
        qint64 at;
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    qint64 m_now;
    QList<Call> m_calls;
};

} // namespace chorus
