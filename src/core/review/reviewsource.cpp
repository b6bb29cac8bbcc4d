#include "review/reviewsource.h"

namespace chorus {

ReviewSource::ReviewSource(QObject *parent) : QObject(parent) {}

ReviewSource::~ReviewSource()
{
    cancelAll();
}

ReviewSource::Ticket ReviewSource::begin(Kind kind, const QString &key)
{
    Pending &slot = m_pending[size_t(kind)][key];
    if (slot.cancel)
        slot.cancel->store(true); // superseded: it stops early if it can; its result is dropped
    slot.id = ++m_lastId;
    slot.cancel = std::make_shared<std::atomic_bool>(false);
    return Ticket{kind, key, slot.id, slot.cancel};
}

bool ReviewSource::take(const Ticket &ticket)
{
    QHash<QString, Pending> &slots = m_pending[size_t(ticket.kind)];
    const auto it = slots.constFind(ticket.key);
    if (it == slots.cend() || it->id != ticket.id)
        return false;
    slots.erase(it);
    return true;
}

quint64 ReviewSource::pending(Kind kind, const QString &key) const
{
    return m_pending[size_t(kind)].value(key).id;
}

void ReviewSource::cancel(const QString &key)
{
    for (QHash<QString, Pending> &slots : m_pending) {
        const auto it = slots.constFind(key);
        if (it == slots.cend())
            continue;
        it->cancel->store(true);
        slots.erase(it);
    }
}

void ReviewSource::cancelAll()
{
    for (QHash<QString, Pending> &slots : m_pending) {
        for (const Pending &p : std::as_const(slots))
            p.cancel->store(true);
        slots.clear();
    }
}

quint64 ReviewSource::requestBranchDiff(const QString &key, const QString &repo,
                                        const QString &branch, const QString &into,
                                        Priority priority)
{
    const Ticket ticket = begin(Kind::BranchDiff, key);
    startBranchDiff(ticket, repo, branch, into, priority);
    return ticket.id;
}

quint64 ReviewSource::requestBranchStatus(const QString &key, const QString &repo,
                                          const QString &branch, const QString &into,
                                          const QList<RecordedMerge> &recorded, Priority priority)
{
    const Ticket ticket = begin(Kind::BranchStatus, key);
    startBranchStatus(ticket, repo, branch, into, recorded, priority);
    return ticket.id;
}

quint64 ReviewSource::requestFileDiff(const QString &key, const QString &repo,
                                      const QString &baseCommit, const QString &headCommit,
                                      const QString &path, int contextLines, Priority priority)
{
    const Ticket ticket = begin(Kind::FileDiff, key);
    startFileDiff(ticket, repo, baseCommit, headCommit, path, contextLines, priority);
    return ticket.id;
}

quint64 ReviewSource::requestConflicts(const QString &key, const QString &repo,
                                       const QString &branch, const QString &target,
                                       Priority priority)
{
    const Ticket ticket = begin(Kind::Conflicts, key);
    startConflicts(ticket, repo, branch, target, priority);
    return ticket.id;
}

void ReviewSource::deliver(const Ticket &ticket, const Result<DiffSummary> &diff)
{
    Q_ASSERT(ticket.kind == Kind::BranchDiff);
    if (take(ticket))
        Q_EMIT branchDiffLoaded(ticket.key, ticket.id, diff);
}

void ReviewSource::deliver(const Ticket &ticket, const Result<BranchStanding> &standing)
{
    Q_ASSERT(ticket.kind == Kind::BranchStatus);
    if (take(ticket))
        Q_EMIT branchStatusLoaded(ticket.key, ticket.id, standing);
}

void ReviewSource::deliver(const Ticket &ticket, const Result<FileDiff> &file)
{
    Q_ASSERT(ticket.kind == Kind::FileDiff);
    if (take(ticket))
        Q_EMIT fileDiffLoaded(ticket.key, ticket.id, file);
}

void ReviewSource::deliver(const Ticket &ticket, const Result<BranchConflicts> &conflicts)
{
    Q_ASSERT(ticket.kind == Kind::Conflicts);
    if (take(ticket))
        Q_EMIT conflictsLoaded(ticket.key, ticket.id, conflicts);
}

} // namespace chorus
