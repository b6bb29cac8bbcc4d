#include "review/localreviewsource.h"

#include "git/conflict.h"
#include "git/merge.h"

#include <QThreadPool>
#include <QtConcurrent/qtconcurrenttask.h>

namespace chorus {

namespace {
constexpr quint32 kGitlinkMode = 0160000;

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// The conflicts of merging `branch` into `target` (branchStatus), the versions of each file
// from its blobs.
Result<BranchConflicts> readConflicts(const QString &repo, const QString &branch,
                                      const QString &target, const std::atomic_bool *cancel)
{
    BranchConflicts out;
    out.target = target;
    if (out.target.isEmpty()) {
        Result<QString> t = defaultMergeTarget(repo);
        if (!t)
            return t.error();
        out.target = *t;
    }
    Result<BranchStatus> status = branchStatus(repo, branch, out.target);
    if (!status)
        return status.error();
    out.status = *status;
    const MarkerLabels labels = ConflictEntry::markerLabels(branch, out.target);
    for (const ConflictFile &f : std::as_const(out.status.conflicts)) {
        if (isCancelled(cancel))
            return makeError(LocalReviewSource::tr("cancelled"), branch);
        QString readError;
        auto read = [&](const QString &blob, quint32 mode) {
            if (blob.isEmpty())
                return QByteArray();
            if (mode == kGitlinkMode) {
                readError = LocalReviewSource::tr("%1 is a submodule").arg(f.path);
                return QByteArray();
            }
            Result<QByteArray> r = readBlob(repo, blob);
            if (!r) {
                readError = r.error().toString();
                return QByteArray();
            }
            return *r;
        };
        const QByteArray base = read(f.ancestorBlob, f.ancestorMode);
        const QByteArray ours = read(f.oursBlob, f.oursMode);
        const QByteArray theirs = read(f.theirsBlob, f.theirsMode);
        out.entries.append(ConflictEntry::fromVersions(f, base, ours, theirs, labels, readError));
    }
    return out;
}

} // namespace

LocalReviewSource::LocalReviewSource(QObject *parent, QThreadPool *pool)
    : ReviewSource(parent), m_pool(pool ? pool : QThreadPool::globalInstance())
{}

LocalReviewSource::~LocalReviewSource()
{
    // Before the continuations go with this object: reads that poll the flag stop early.
    cancelAll();
}

template<typename T, typename Work>
void LocalReviewSource::run(const Ticket &ticket, Priority priority, Work &&work)
{
    // Pool priorities follow Priority's order (Background 0 ... Interactive 3).
    QtConcurrent::task(std::forward<Work>(work))
        .onThreadPool(*m_pool)
        .withPriority(int(priority))
        .spawn()
        .then(this, [this, ticket](const Result<T> &result) { deliver(ticket, result); });
}

void LocalReviewSource::startBranchDiff(const Ticket &ticket, const QString &repo,
                                        const QString &branch, const QString &into,
                                        Priority priority)
{
    run<DiffSummary>(ticket, priority, [repo, branch, into, cancel = ticket.cancel] {
        return diffBranch(repo, branch, into, cancel.get());
    });
}

void LocalReviewSource::startBranchStatus(const Ticket &ticket, const QString &repo,
                                          const QString &branch, const QString &into,
                                          const QList<RecordedMerge> &recorded, Priority priority)
{
    run<BranchStanding>(ticket, priority,
                        [repo, branch, into, recorded]() -> Result<BranchStanding> {
                            Result<BranchStatus> status = branchStatus(repo, branch, into);
                            if (!status)
                                return status.error();
                            return BranchStanding{*status, mergedState(repo, *status, recorded)};
                        });
}

void LocalReviewSource::startFileDiff(const Ticket &ticket, const QString &repo,
                                      const QString &baseCommit, const QString &headCommit,
                                      const QString &path, int contextLines, Priority priority)
{
    run<FileDiff>(ticket, priority,
                  [repo, baseCommit, headCommit, path, contextLines, cancel = ticket.cancel] {
                      return diffFile(repo, baseCommit, headCommit, path, contextLines,
                                      cancel.get());
                  });
}

void LocalReviewSource::startConflicts(const Ticket &ticket, const QString &repo,
                                       const QString &branch, const QString &target,
                                       Priority priority)
{
    run<BranchConflicts>(ticket, priority, [repo, branch, target, cancel = ticket.cancel] {
        return readConflicts(repo, branch, target, cancel.get());
    });
}

} // namespace chorus
