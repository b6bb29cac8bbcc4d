#pragma once

#include "git/conflict.h"
#include "model/approvalinfo.h"
#include "model/requests.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"
#include "rpc/protocol.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace chorus {

class RpcClient;

// The GUI's view of the engine: a cache of sessions and pending approvals kept current
// by the engine's notifications, plus asynchronous commands. Widgets use this and never
// the socket, the database or processes directly.
class EngineClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Status &)>;

    explicit EngineClient(QObject *parent = nullptr);
    ~EngineClient() override;

    // Connects (starting `chorus daemon` next to this executable, or on PATH, when needed),
    // subscribes and loads the sessions. Emits connectedChanged().
    Status connectToEngine();
    bool isConnected() const;

    QList<SessionInfo> sessions() const; // creation order
    SessionInfo session(const QString &id) const;
    QList<ApprovalInfo> pendingApprovals(const QString &sessionId = {}) const;
    double costToday() const { return m_costToday; }
    // The engine's rate-limit picture (limits.get: profiles, their windows and mode), kept up to
    // date from limits.changed; empty before the first answer or from an engine without it.
    QJsonObject limits() const { return m_limits; }
    QJsonObject settings() const { return m_settings; }
    // Where the engine (which launches the agents) finds Claude Code with `claudePath` as its
    // setting (unset: the engine's own setting); an error when the engine cannot be asked.
    void locateClaude(const std::optional<QString> &claudePath,
                      std::function<void(const Result<rpc::ClaudeLocationReply> &)> done);

    // The request is sent with this process's environment (the agent works with it).
    void spawn(SpawnRequest request, std::function<void(const Result<SessionInfo> &)> done);
    void send(const QString &id, const QString &text, Done done = {});
    void interrupt(const QString &id, Done done = {});
    void stop(const QString &id, Done done = {});
    void resume(const QString &id, const QString &task, Done done = {});
    void answer(const QString &id, qint64 approvalId, bool allow, bool forSession,
                const QString &message = {}, Done done = {});
    void roles(std::function<void(const Result<QJsonObject> &)> done);
    void setSettings(const QJsonObject &changes, Done done = {});

    // Stored events after afterSeq (all: limit 0), then live ones through eventsArrived()
    // once watch() was called for the session.
    void fetchEvents(const QString &id, qint64 afterSeq, int limit,
                     std::function<void(const QList<StoredEvent> &)> done);
    // The last `count` stored events (for opening a console on a long session).
    void fetchTail(const QString &id, int count, std::function<void(const QList<StoredEvent> &)> done);
    // Counted: every watch() needs its unwatch(); live events stop after the last one.
    void watch(const QString &id);
    void unwatch(const QString &id);

    // The path of the `chorus` executable used to start the engine.
    static QString daemonProgram();

    // review.target: what an agent's branch is reviewed against. Answers {repo, branch (its
    // head when the branch is gone), target (empty `into`: the repository's current branch),
    // head, baseCommit}.
    void reviewTarget(const QString &agent, const QString &into,
                      std::function<void(const Result<QJsonObject> &)> done);
    // merge.approve: approves the agent's branch for merging (or withdraws the approval).
    void approveMerge(const QString &agent, bool approved, Done done = {});
    // merge.run for the named agents; `options` may hold repo, strategy ("auto", "squash",
    // "rebase", "review"), into, check and dryRun. Answered when the merge is done (it can take
    // long): {strategy, dryRun, items: [{name, state, message, outcome: {conflicts, ...}}]}.
    void mergeAgents(const QStringList &agents, const QJsonObject &options,
                     std::function<void(const Result<QJsonObject> &)> done);
    // merge.history: the agent's merges and syncs, oldest first.
    void mergeHistory(const QString &agent, std::function<void(const Result<QJsonArray> &)> done);
    // merge.run for one agent into `target` with hand-made resolutions of its conflicts
    // (path -> the resolved content, or nullopt to delete the path). Answers the engine's
    // report: {items: [{name, state: "merged" | "conflict" | "check-failed" | "refused" | ...,
    // message, outcome: {conflicts, reason, targetAfter, ...}}]}.
    void mergeWithResolutions(const QString &agent, const QString &target,
                              const Resolutions &resolutions,
                              std::function<void(const Result<QJsonObject> &)> done);
    // agents.clean (what `chorus clean` runs) for the named agents: removes their worktrees with
    // the engine's safety (`all` false: only merged ones; `force`: an unmerged branch is deleted,
    // its commits kept under refs/chorus/archive/). Answers {items: [{sessionId, name, branch,
    // state: "removed" | "kept" | "error", reason, merged, branchDeleted, archiveRef, message}],
    // bytesFreed}.
    void clean(const QStringList &agents, bool all, bool force,
               std::function<void(const Result<QJsonObject> &)> done);
    // merge.resolve: starts a resolver agent for the agent's conflicts with `target`.
    void spawnResolver(const QString &agent, const QString &target,
                       std::function<void(const Result<SessionInfo> &)> done);

Q_SIGNALS:
    void connectedChanged(bool connected);
    void sessionAdded(const chorus::SessionInfo &info);
    void sessionChanged(const chorus::SessionInfo &info);
    void approvalsChanged(const QString &sessionId);
    void eventsArrived(const QString &sessionId, const QList<chorus::StoredEvent> &events);
    // What a watched agent writes now (events.partial; never stored): its unfinished
    // message's text and thinking, and its turn's current step.
    void liveUpdated(const chorus::LiveUpdate &update);
    void costChanged(double costToday);
    void limitsChanged();
    // A command failed: for the status bar / a message box.
    void errorOccurred(const chorus::Error &error);


private:
    // Subscribes to sessions, approvals and the watched consoles' events; refreshes the list.
    Status subscribe();
    void onNotification(const QString &method, const QJsonObject &params);
    void refresh();
    void simple(const QString &method, const QJsonObject &params, Done done);
    // A call whose reply is an object (or an error).
    void callObject(const QString &method, const QJsonObject &params,
                    std::function<void(const Result<QJsonObject> &)> done);
    void listEvents(const rpc::EventsRequest &request,
                    std::function<void(const QList<StoredEvent> &)> done);

    RpcClient *m_rpc;
    QHash<QString, SessionInfo> m_sessions;
    QStringList m_order;
    QHash<qint64, ApprovalInfo> m_approvals;
    QHash<QString, int> m_watched; // session id -> consoles watching it
    double m_costToday = 0;
    QJsonObject m_limits;
    void fetchLimits();
    QJsonObject m_settings;
};

} // namespace chorus
