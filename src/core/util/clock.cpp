#include "util/clock.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace chorus {

namespace {
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    void callAt(QObject *context, qint64 atMs, std::function<void()> fn) override
    {
        const qint64 wait = std::clamp<qint64>(atMs - nowMs(), 0, std::numeric_limits<int>::max());
        QTimer::singleShot(std::chrono::milliseconds(wait), context, std::move(fn));
    }
};
} // namespace

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

void ManualClock::callAt(QObject *context, qint64 atMs, std::function<void()> fn)
{
    m_calls.append({atMs, context, std::move(fn)});
}

void ManualClock::advance(qint64 ms)
{
    const qint64 target = m_now + ms;
    for (;;) {
        // The earliest call due by the target; calls it schedules while running count too.
        auto next = std::min_element(m_calls.begin(), m_calls.end(),
                                     [](const Call &a, const Call &b) { return a.at < b.at; });
        if (next == m_calls.end() || next->at > target)
            break;
        Call call = *next;
        m_calls.erase(next);
        m_now = std::max(m_now, call.at);
        if (call.context)
            call.fn();
    }
    m_now = target;
}

int ManualClock::pendingCalls() const
{
    return int(m_calls.size());
}

} // namespace chorus
