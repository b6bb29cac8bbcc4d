#pragma once

#include "review/reviewsource.h"

class QThreadPool;

namespace chorus {

// The review reads of a repository on this machine: libgit2 (git/diff, git/branchstatus,
// git/conflict) on a thread pool, each read with its own repository handle.
class LocalReviewSource : public ReviewSource
{
    Q_OBJECT
public:
    // `pool`: where the reads run (the global pool when null). Reads still running when the
    // source goes are cancelled; their results are dropped.
    explicit LocalReviewSource(QObject *parent = nullptr, QThreadPool *pool = nullptr);
    ~LocalReviewSource() override;

protected:
    void startBranchDiff(const Ticket &ticket, const QString &repo, const QString &branch,
                         const QString &into, Priority priority) override;
    void startBranchStatus(const Ticket &ticket, const QString &repo, const QString &branch,
                           const QString &into, const QList<RecordedMerge> &recorded,
                           Priority priority) override;
    void startFileDiff(const Ticket &ticket, const QString &repo, const QString &baseCommit,
                       const QString &headCommit, const QString &path, int contextLines,
                       Priority priority) override;
    void startConflicts(const Ticket &ticket, const QString &repo, const QString &branch,
                        const QString &target, Priority priority) override;

private:
    template<typename T, typename Work>
    void run(const Ticket &ticket, Priority priority, Work &&work);

    QThreadPool *m_pool;
};

} // namespace chorus
