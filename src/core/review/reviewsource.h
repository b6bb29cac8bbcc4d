#pragma once

#include "git/branchstatus.h"
#include "git/diff.h"
#include "result.h"
#include "review/conflictentry.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <array>
#include <atomic>
#include <memory>

namespace chorus {

// Where a branch stands against its target (ReviewSource::requestBranchStatus).
struct BranchStanding
{
    BranchStatus status;
    // Whether everything on it is in the target, by the one rule (mergedState), counting the
    // merges asked about.
    Merged merged = Merged::No;
};

// What merging a branch into a target now would conflict on (ReviewSource::requestConflicts).
struct BranchConflicts
{
    QString target; // resolved: the repository's default target when none was asked for
    BranchStatus status;
    QList<ConflictEntry> entries; // with their three versions, merged line by line where text
};

// The reads behind the review and conflict windows: a branch's files, where it stands, one
// file's diff, a merge's conflicts. Nothing here writes a repository or touches a widget.
//
// Every read is asynchronous. A request names its kind and a key the caller chooses (a
// session id, "the file on screen") and returns its id; the result signal carries the key and
// that id. A newer request of the same kind and key supersedes the older one: the older one is
// cancelled and its result is never delivered, even when it finishes later. cancel(key),
// cancelAll() and destroying the source drop what is outstanding. Results arrive on the
// source's thread, never before the request returned.
//
// Implementations start the work in the start*() functions and hand each result to deliver(),
// which drops the stale ones. LocalReviewSource reads with libgit2 on a thread pool.
class ReviewSource : public QObject
{
    Q_OBJECT
public:
    enum class Kind { BranchDiff, BranchStatus, FileDiff, Conflicts };
    // How soon a read is wanted: the file on screen before the branch list on screen, before
    // the other branches, before the merge forecasts.
    enum class Priority { Background, Normal, Foreground, Interactive };

    explicit ReviewSource(QObject *parent = nullptr);
    ~ReviewSource() override;

    // The files `branch` changed since its merge base with `into`, with +/- counts, no hunks.
    quint64 requestBranchDiff(const QString &key, const QString &repo, const QString &branch,
                              const QString &into, Priority priority);
    // Ahead/behind, whether it would merge cleanly now (a merge in memory), and whether it is
    // merged, given the merges the engine recorded for it.
    quint64 requestBranchStatus(const QString &key, const QString &repo, const QString &branch,
                                const QString &into, const QList<RecordedMerge> &recorded,
                                Priority priority);
    // One file between two commits with its hunks, `contextLines` around each change (a large
    // number gives the whole file).
    quint64 requestFileDiff(const QString &key, const QString &repo, const QString &baseCommit,
                            const QString &headCommit, const QString &path, int contextLines,
                            Priority priority);
    // The conflicts of merging `branch` into `target` (empty: the repository's default), with
    // the three versions of every conflicted file. Nothing is written.
    quint64 requestConflicts(const QString &key, const QString &repo, const QString &branch,
                             const QString &target, Priority priority);

    // The id of the request of this kind and key still outstanding; 0 when there is none.
    quint64 pending(Kind kind, const QString &key) const;
    // Drops (and cancels) the outstanding requests for `key` of every kind.
    void cancel(const QString &key);
    // Drops (and cancels) every outstanding request.
    void cancelAll();

Q_SIGNALS:
    void branchDiffLoaded(const QString &key, quint64 request,
                          const chorus::Result<chorus::DiffSummary> &diff);
    void branchStatusLoaded(const QString &key, quint64 request,
                            const chorus::Result<chorus::BranchStanding> &standing);
    void fileDiffLoaded(const QString &key, quint64 request,
                        const chorus::Result<chorus::FileDiff> &file);
    void conflictsLoaded(const QString &key, quint64 request,
                         const chorus::Result<chorus::BranchConflicts> &conflicts);

protected:
    // One request as an implementation sees it: `cancel` is set once it is superseded or
    // cancelled (work that can stop early polls it; its result would be dropped anyway).
    struct Ticket
    {
        Kind kind = Kind::BranchDiff;
        QString key;
        quint64 id = 0;
        std::shared_ptr<const std::atomic_bool> cancel;
    };

    virtual void startBranchDiff(const Ticket &ticket, const QString &repo, const QString &branch,
                                 const QString &into, Priority priority) = 0;
    virtual void startBranchStatus(const Ticket &ticket, const QString &repo, const QString &branch,
                                   const QString &into, const QList<RecordedMerge> &recorded,
                                   Priority priority) = 0;
    virtual void startFileDiff(const Ticket &ticket, const QString &repo, const QString &baseCommit,
                               const QString &headCommit, const QString &path, int contextLines,
                               Priority priority) = 0;
    virtual void startConflicts(const Ticket &ticket, const QString &repo, const QString &branch,
                                const QString &target, Priority priority) = 0;

    // A request's result, on the source's thread and after start*() returned: emitted when the
    // request is still the latest of its kind and key, dropped otherwise.
    void deliver(const Ticket &ticket, const Result<DiffSummary> &diff);
    void deliver(const Ticket &ticket, const Result<BranchStanding> &standing);
    void deliver(const Ticket &ticket, const Result<FileDiff> &file);
    void deliver(const Ticket &ticket, const Result<BranchConflicts> &conflicts);

private:
    struct Pending
    {
        quint64 id = 0;
        std::shared_ptr<std::atomic_bool> cancel;
    };
    static constexpr int kKinds = 4;

    Ticket begin(Kind kind, const QString &key);
    // Whether `ticket` is still the latest of its kind and key; it is then no longer pending.
    bool take(const Ticket &ticket);

    std::array<QHash<QString, Pending>, kKinds> m_pending; // by Kind
    quint64 m_lastId = 0;
};

} // namespace chorus
