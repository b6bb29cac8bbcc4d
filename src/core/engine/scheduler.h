#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

namespace chorus {

class Clock;

// One thing that wants turns: today an agent session (later a workflow's step too).
struct QueueEntry
{
    QString session;
    int priority = 0;      // higher first; equal priorities go first come, first served
    QString runId;         // the workflow run it belongs to (empty: none)
    QString profile;       // whose limits apply (empty: the default profile)
    qint64 enqueuedAt = 0; // on the scheduler's clock; set by enqueue() when 0 (for policies)
};

// What a policy sees of the engine when it decides on one entry.
struct SchedulerView
{
    qint64 now = 0;
    int active = 0; // entries holding a slot, admitted ones of this pass included
    QHash<QString, int> activeByProfile;
    int globalCap = 1;               // <= 0: no cap
    QHash<QString, int> profileCaps; // a profile missing (or <= 0): no cap of its own
};

struct Admission
{
    bool admit = false;
    QString reason;     // why it waits (shown to the user)
    qint64 retryAt = 0; // > 0: look again then even if nothing else happens
};

// Decides whether a ready entry starts now. The default admits by the caps; a rate-limit
// policy (the usage issue) wraps it.
class SchedulingPolicy
{
public:
    virtual ~SchedulingPolicy() = default;
    virtual Admission decide(const QueueEntry &entry, const SchedulerView &view) = 0;
};

class CapPolicy final : public SchedulingPolicy
{
public:
    Admission decide(const QueueEntry &entry, const SchedulerView &view) override;
};

// The queue of the engine: which session starts its next turn, and when. Entries stay queued
// for their session's life; injected conditions say whether one is ready (it has input, its
// branch is not held by git, ...), a policy says whether a ready one may start now, and
// `admit` starts it. Nothing here knows about processes, git or the database.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    using Predicate = std::function<bool(const QString &session)>;

    explicit Scheduler(Clock *clock = nullptr, QObject *parent = nullptr);
    ~Scheduler() override;

    Clock *clock() const { return m_clock; }

    // Caps, adjustable live (a pass follows).
    void setGlobalCap(int cap);
    int globalCap() const { return m_globalCap; }
    void setProfileCap(const QString &profile, int cap);      // <= 0 removes it
    void setPolicy(std::unique_ptr<SchedulingPolicy> policy); // null: CapPolicy

    // A condition an entry must meet to be considered, named for the reason it waits.
    // Checked in the order added.
    void addCondition(const QString &reason, Predicate ready);
    // Whether an entry's session holds a slot now (counts against the caps).
    void setSlotPredicate(Predicate holdsSlot) { m_holdsSlot = std::move(holdsSlot); }
    // Starts an admitted entry's turn.
    void setAdmit(std::function<void(const QString &session)> admit) { m_admit = std::move(admit); }

    void enqueue(QueueEntry entry);
    void remove(const QString &session);
    bool contains(const QString &session) const;
    QList<QueueEntry> entries() const; // in the order passes look at them

    // Looks at every entry once and admits what may start. Re-entrant calls do nothing.
    void schedule();
    // Runs a pass when the clock reaches `atMs` (each time asked for gets its pass).
    void wakeAt(qint64 atMs);
    // From here on nothing is admitted (an engine shutting down).
    void halt() { m_halted = true; }

    // Why an entry did not start in the last pass (empty: it started, held a slot, or was not
    // looked at).
    QString waitReason(const QString &session) const { return m_waitReasons.value(session); }

private:
    struct Condition
    {
        QString reason;
        Predicate ready;
    };

    Clock *m_clock;
    std::unique_ptr<SchedulingPolicy> m_policy;
    QList<QueueEntry> m_entries; // sorted: priority (desc), then arrival
    QList<Condition> m_conditions;
    Predicate m_holdsSlot;
    std::function<void(const QString &)> m_admit;
    int m_globalCap = 1;
    QHash<QString, int> m_profileCaps;
    QHash<QString, QString> m_waitReasons;
    QSet<qint64> m_armedWakes; // times a wake is set for
    bool m_scheduling = false;
    bool m_halted = false;
};

} // namespace chorus
