#include "engine/scheduler.h"

#include "util/clock.h"

#include <algorithm>

namespace chorus {

Admission CapPolicy::decide(const QueueEntry &entry, const SchedulerView &view)
{
    if (view.globalCap > 0 && view.active >= view.globalCap)
        return {false, QObject::tr("waiting for a free slot (%n running)", nullptr, view.active),
                0};
    const int cap = view.profileCaps.value(entry.profile);
    if (cap > 0 && view.activeByProfile.value(entry.profile) >= cap)
        return {false, QObject::tr("waiting for a free slot of profile '%1'").arg(entry.profile),
                0};
    return {true, {}, 0};
}

Scheduler::Scheduler(Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock ? clock : Clock::system()),
      m_policy(std::make_unique<CapPolicy>())
{}

Scheduler::~Scheduler() = default;

void Scheduler::setGlobalCap(int cap)
{
    m_globalCap = cap;
    schedule();
}

void Scheduler::setProfileCap(const QString &profile, int cap)
{
    if (cap > 0)
        m_profileCaps.insert(profile, cap);
    else
        m_profileCaps.remove(profile);
    schedule();
}

void Scheduler::setPolicy(std::unique_ptr<SchedulingPolicy> policy)
{
    m_policy = policy ? std::move(policy) : std::make_unique<CapPolicy>();
    schedule();
}

void Scheduler::addCondition(const QString &reason, Predicate ready)
{
    m_conditions.append({reason, std::move(ready)});
}

void Scheduler::enqueue(QueueEntry entry)
{
    remove(entry.session);
    if (entry.enqueuedAt == 0)
        entry.enqueuedAt = m_clock->nowMs();
    // After every entry of its priority or higher: first come, first served (by arrival, not by
    // a wall clock that may step back).
    auto at = std::upper_bound(
        m_entries.begin(), m_entries.end(), entry,
        [](const QueueEntry &a, const QueueEntry &b) { return a.priority > b.priority; });
    m_entries.insert(at, entry);
}

void Scheduler::remove(const QString &session)
{
    m_entries.removeIf([&](const QueueEntry &e) { return e.session == session; });
    m_waitReasons.remove(session);
}

bool Scheduler::contains(const QString &session) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const QueueEntry &e) { return e.session == session; });
}

QList<QueueEntry> Scheduler::entries() const
{
    return m_entries;
}

void Scheduler::wakeAt(qint64 atMs)
{
    if (m_armedWakes.contains(atMs))
        return; // the same time asked again (a policy's retry time, pass after pass)
    m_armedWakes.insert(atMs);
    m_clock->callAt(this, atMs, [this, atMs] {
        m_armedWakes.remove(atMs);
        schedule();
    });
}

void Scheduler::schedule()
{
    if (m_scheduling || m_halted)
        return;
    m_scheduling = true;
    SchedulerView view;
    view.now = m_clock->nowMs();
    view.globalCap = m_globalCap;
    view.profileCaps = m_profileCaps;
    for (const QueueEntry &e : std::as_const(m_entries)) {
        if (m_holdsSlot && m_holdsSlot(e.session)) {
            ++view.active;
            ++view.activeByProfile[e.profile];
        }
    }
    qint64 retryAt = 0;
    // A copy: admitting may change the queue (a session that ends at once, ...).
    const QList<QueueEntry> entries = m_entries;
    for (const QueueEntry &e : entries) {
        if (m_holdsSlot && m_holdsSlot(e.session)) {
            m_waitReasons.remove(e.session);
            continue;
        }
        QString reason;
        for (const Condition &c : std::as_const(m_conditions)) {
            if (!c.ready(e.session)) {
                reason = c.reason;
                break;
            }
        }
        if (reason.isEmpty()) {
            const Admission a = m_policy->decide(e, view);
            if (a.admit) {
                ++view.active;
                ++view.activeByProfile[e.profile];
                m_waitReasons.remove(e.session);
                if (m_admit)
                    m_admit(e.session);
                continue;
            }
            reason = a.reason;
            if (a.retryAt > 0 && (retryAt == 0 || a.retryAt < retryAt))
                retryAt = a.retryAt;
        }
        m_waitReasons.insert(e.session, reason);
    }
    m_scheduling = false;
    if (retryAt > 0)
        wakeAt(retryAt);
}

} // namespace chorus
