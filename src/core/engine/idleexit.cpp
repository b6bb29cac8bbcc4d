#include "engine/idleexit.h"

#include "util/clock.h"

namespace chorus {

IdleExit::IdleExit(std::function<bool()> busy, std::function<qint64()> timeoutMs, Clock *clock,
                   QObject *parent)
    : QObject(parent), m_busy(std::move(busy)), m_timeoutMs(std::move(timeoutMs)), m_clock(clock)
{}

void IdleExit::start()
{
    m_started = true;
    check();
}

void IdleExit::check()
{
    if (!m_started || m_expired)
        return;
    const qint64 now = m_clock->nowMs();
    const qint64 timeout = m_timeoutMs();
    // A short timeout (a test's) is looked at often enough to end near its time.
    const qint64 poll = timeout > 0 ? qBound<qint64>(50, timeout / 4, kPollMs) : kPollMs;
    if (m_busy()) {
        m_idleSince = -1;
        scheduleAt(now + poll);
        return;
    }
    if (m_idleSince < 0)
        m_idleSince = now;
    if (timeout > 0 && now - m_idleSince >= timeout) {
        m_expired = true;
        Q_EMIT expired(now - m_idleSince);
        return;
    }
    scheduleAt(timeout > 0 ? qMin(m_idleSince + timeout, now + poll) : now + poll);
}

void IdleExit::scheduleAt(qint64 atMs)
{
    const quint64 generation = ++m_generation;
    m_clock->callAt(this, atMs, [this, generation] {
        if (generation == m_generation)
            check();
    });
}

} // namespace chorus
