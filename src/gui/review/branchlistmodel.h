#pragma once

#include "git/branchstatus.h"
#include "git/diff.h"
#include "model/sessioninfo.h"

#include <QAbstractListModel>
#include <QColor>
#include <QIcon>
#include <QPointer>

namespace chorus {

class EngineClient;
class KnownRoles;
class ReviewSource;
struct BranchStanding;

// One agent branch under review: what the engine says about it, and what git says (read by a
// ReviewSource).
struct ReviewBranch
{
    QString sessionId, name, role;
    QString repo, branch, head; // head: the session's head when last refreshed
    QString baseCommit;         // where the branch started
    QString note;               // BranchState::note()
    QString mergeState;         // BranchState::merge: merged, conflict, ...
    QList<RecordedMerge> recordedMerges; // its last merge, when it went in
    Merged merged = Merged::No;          // by the one rule (mergedState), when the status is known
    bool approved = false;
    bool working = false; // a turn is in flight
    QString target;       // what it would merge into (review.target)
    QString readRepo, readBranch; // what review.target says to read: the repository, the branch

    int generation = 0; // bumped by every refresh; an older review.target answer is dropped
    bool summaryKnown = false;
    DiffSummary summary; // the files the branch changed (no hunks)
    bool statusKnown = false;
    BranchStatus status; // ahead/behind, merged, conflict forecast
    QString error;       // why the branch could not be read

    // What a row takes from its session (the rest is computed from git): names, heads, its
    // note, approval, and its last merge as a recorded merge when that merge went in.
    void takeSession(const SessionInfo &info);

    enum class Forecast { Unknown, Clean, Conflicts, Merged, NoChanges, Error };
    Forecast forecast() const;
};

// The agents that have a branch to review (isolated, not cleaned), with ahead/behind their
// target, files and lines changed and a merge forecast. A ReviewSource reads the files and then
// the forecast, keyed by session id; a branch is recomputed when its agent's head or merge state
// changes (its reads still outstanding are dropped).
class BranchListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        BranchRole,
        TargetRole,
        RoleColorRole,
        AheadRole,
        BehindRole,
        FilesRole,
        AdditionsRole,
        DeletionsRole,
        ForecastRole, // ReviewBranch::Forecast as int
        ConflictsRole,
        ApprovedRole,
        WorkingRole,
        ErrorRole,
    };

    BranchListModel(EngineClient *client, KnownRoles *roles, ReviewSource *source,
                    QObject *parent = nullptr);
    ~BranchListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    int rowOf(const QString &sessionId) const;
    const ReviewBranch *branch(const QString &sessionId) const;
    const ReviewBranch *branchAt(int row) const;

    // This agent's branch is computed before the others (the one on screen).
    void setPriority(const QString &sessionId);
    // Recomputes one branch, or all (e.g. after the target moved).
    void refresh(const QString &sessionId);
    void refreshAll();

    // The badge text of a branch ("merges cleanly", "2 conflicts", "merged"...).
    static QString forecastText(const ReviewBranch &b);

Q_SIGNALS:
    // A new file list (summary) for the branch arrived.
    void summaryChanged(const QString &sessionId);

private:
    void sync();
    void onSessionChanged(const SessionInfo &info);
    void compute(const QString &sessionId);
    void startJobs(const QString &sessionId, int generation, const Result<QJsonObject> &target);
    void onSummaryLoaded(const QString &sessionId, const Result<DiffSummary> &summary);
    void onStatusLoaded(const QString &sessionId, const Result<BranchStanding> &standing);
    // The branch if `generation` is still its latest refresh.
    ReviewBranch *current(const QString &sessionId, int generation);
    void emitChanged(const QString &sessionId);
    static bool reviewable(const SessionInfo &info);

    EngineClient *m_client;
    KnownRoles *m_roles;
    QPointer<ReviewSource> m_source;
    QList<ReviewBranch> m_rows;
    QString m_priority;
};

} // namespace chorus
