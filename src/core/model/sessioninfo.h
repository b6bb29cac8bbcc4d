#pragma once

#include "model/branchstate.h"
#include "model/tokencounts.h"

#include <QJsonObject>
#include <QString>

namespace chorus {

// queued -> starting -> running <-> waiting(approval | rate-limit) / stalled -> idle
//   -> done | failed | stopped | interrupted   (interrupted -> resumed -> running)
enum class SessionState {
    Queued,
    Starting,
    Running,
    Waiting,
    Stalled,
    Idle,
    Done,
    Failed,
    Stopped,
    Interrupted,
    Creating, // its worktree is being made (the row owns what a kill leaves; not yet an agent)
};

QString stateName(SessionState s);
SessionState stateFromName(const QString &name, bool *ok = nullptr);
// A turn is in flight (or about to be): these states hold a concurrency slot.
bool isActive(SessionState s);
// The agent has no process and will not get one without a resume.
bool isFinal(SessionState s);

// One agent session: what `chorus status --json` prints and what the sessions table holds.
struct SessionInfo
{
    QString id;
    QString name;
    QString role;
    QString task;
    QString dir;
    QString model;
    SessionState state = SessionState::Queued;
    QString stateDetail; // "approval", "rate-limit", a stall reason...
    QString claudeSessionId;
    qint64 pid = 0;
    int turns = 0;
    TokenCounts tokens;
    double costUsd = 0;
    QString createdAt;
    QString startedAt;
    QString endedAt;
    QString error;
    int restarts = 0;
    QJsonObject options; // spawn options kept for resume (without the branch state's keys)
    // Isolation (empty when the agent works in place):
    QString repo;       // the user's repository
    QString branch;     // chorus/<name>
    QString worktree;   // the agent's worktree (dir is inside it)
    QString head;       // the branch's head after the last checkpoint
    QString baseCommit; // where the branch started
    QString warning;    // e.g. "works in place" for a role that edits, without --in-place
    BranchState branchState; // where the branch stands after the engine's git work

    // It works in its directory itself, with no branch or worktree of its own (not a
    // repository, --no-worktree, --in-place); `inPlace` in the JSON.
    bool worksInPlace() const { return branch.isEmpty() && worktree.isEmpty(); }

    // `options` with the branch state's keys: what the wire and the database hold.
    QJsonObject optionsWithBranchState() const;

    QJsonObject toJson() const;
    static SessionInfo fromJson(const QJsonObject &o);
};

} // namespace chorus
