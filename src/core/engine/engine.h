#pragma once

#include "agent/claudelocator.h"
#include "engine/enginelock.h"
#include "engine/enginesettings.h"
#include "engine/limittracker.h"
#include "engine/scheduler.h"
#include "environment.h"
#include "git/agentworkspace.h"
#include "git/merge.h"
#include "integration/branchsync.h"
#include "integration/cleanup.h"
#include "integration/gitexecutor.h"
#include "integration/mergequeue.h"
#include "model/approvalinfo.h"
#include "model/liveupdate.h"
#include "model/requests.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"

#include <QFuture>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QPromise>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace chorus {

class AgentSession;
struct BranchStatus;
class LocalHost;
struct LaunchSpec;
class Database;
class RoleCatalog;
class SessionStore;

// The engine: sessions, queue with a concurrency cap, approval broker, watchdog and
// recovery. It owns every agent process and is the only writer of the database.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(const QString &databasePath, QObject *parent = nullptr);
    ~Engine() override;

    // Takes the data directory's engine lock (open() does it too): one engine per data
    // directory. Fails, naming the other engine's pid and socket, when another holds it.
    Status lockDataDir();
    // Records the control socket clients reach this engine on (kept in the lock file).
    void setControlSocket(const QString &socket) { m_lock.setSocket(socket); }
    // Opens the database, loads roles and recovers sessions left by an earlier engine.
    Status open();
    // Problems found that do not stop the engine (a failed integrity check...), for `status`.
    // Storage failures are among them while they last.
    QStringList warnings() const;
    // What keeps Claude Code from running new agents, with the next step (empty: nothing
    // known): the CLI is not where this engine looks (its setting, its environment), or it is
    // not logged in (learned from a turn that failed for want of credentials; a turn that
    // succeeds clears it). The first of warnings() when there is one.
    QString claudeProblem() const;
    // Only the login half of claudeProblem().
    QString loginProblem() const { return m_loginProblem; }
    // What open() removed that an engine killed earlier left behind (see startupsweep.h).
    const QStringList &startupReport() const { return m_startupReport; }
    void setSettings(const EngineSettings &settings);
    const EngineSettings &settings() const { return m_settings; }
    // The environment agents start with when their client sent none (default: this process's).
    void setAgentEnvironment(const QProcessEnvironment &env) { m_env = env; }
    // The environment an agent's CLI gets: the environment of the client that spawned (or last
    // resumed) it in this engine's life, else the engine's own, less the deny list.
    QProcessEnvironment agentEnvironment(const QString &sessionId) const;
    // Where this engine's host finds Claude Code for an agent of a client with that environment
    // (empty: the engine's own), with `configured` as the claudePath setting: what a launch uses.
    Result<ClaudeLocation> locateClaude(const QString &configured,
                                        const QProcessEnvironment &client) const;
    // The environment the search above looks in.
    QProcessEnvironment locateEnvironment(const QProcessEnvironment &client) const
    {
        return client.isEmpty() ? m_env : client;
    }

    // A new agent. One that gets a worktree is recorded at once (state creating, not yet listed)
    // and answered once the worktree is made on the git executor; one without answers at once.
    QFuture<Result<SessionInfo>> spawn(const SpawnRequest &request);
    Status send(const QString &agent, const QString &text);
    Status interrupt(const QString &agent);
    Status stop(const QString &agent);
    // `environment`: the resuming client's, which the agent keeps from then on (empty: unchanged).
    Status resume(const QString &agent, const QString &task, const QProcessEnvironment &environment = {});
    // requestId <= 0: the agent's only (or oldest) pending request.
    Result<ApprovalInfo> answer(const QString &agent, qint64 requestId, bool allow, bool forSession,
                                const QString &message);
    // Stops every agent.
    void stopAll();

    // Git work on agents' branches (see integration/). Checked at once; a bad request answers an
    // error right away. The work runs on the engine's git thread, one operation at a time,
    // and the agents involved start no turn until it is done.
    QFuture<Result<MergeQueueReport>> mergeQueue(const MergeQueueOptions &options);
    QFuture<Result<SyncReport>> sync(const QStringList &agents, const QString &repo,
                                     const QString &into, bool rebase);
    QFuture<Result<CleanReport>> clean(const QStringList &agents, bool all, bool force);
    Status approveMerge(const QString &agent, bool approved);
    // Spawns a resolver agent for AGENT's conflicts with `into` (default: the repository's
    // current branch): its worktree starts from the target with AGENT's branch being merged in
    // (conflict markers in the files); its checkpoint commits the merge, which is then
    // reviewed and merged like any agent's branch.
    QFuture<Result<SessionInfo>> spawnResolver(const QString &agent, const QString &into);
    // The repository, branch and target an agent's review compares (for `chorus diff`).
    Result<QJsonObject> reviewTarget(const QString &agent, const QString &into) const;
    QJsonArray mergeHistory(const QString &agent) const;

    // AGENT is an id, a unique id prefix or a name.
    Result<SessionInfo> find(const QString &agent) const;
    QList<SessionInfo> sessions() const;
    QList<ApprovalInfo> pendingApprovals(const QString &sessionId = {}) const;
    QList<StoredEvent> events(const QString &sessionId, qint64 afterSeq, int limit) const;
    // The last `count` events of a session, in order.
    QList<StoredEvent> tailEvents(const QString &sessionId, int count) const;
    // What the agent writes now (an empty update when nothing is live or no such session).
    LiveUpdate liveSnapshot(const QString &sessionId) const;
    // The sessions whose process runs (those that may have something live).
    QStringList liveSessionIds() const;
    double costToday() const;
    RoleCatalog &roles();
    void reloadRoles();
    bool anyProcessAlive() const;
    // An agent's process runs, or one is being made, queued or in a turn (not idle, not over),
    // or git work is under way (a merge queue's check, a sync, a checkpoint): what keeps an
    // engine with no client from ending itself (engine/idleexit).
    bool hasLiveAgents() const;

    // Rate limits (engine_limits.cpp): each profile's windows and mode (normal, single,
    // paused), and the agents running, queued and waiting on a limit; the JSON of
    // `chorus limits --json`.
    QJsonObject limitsReport();
    // The user's "resume now" for a paused or single profile (empty: the default profile).
    Status resumeLimits(const QString &profile);
    // Windows learned outside an agent's stream (`chorus statusline`): their utilization and
    // reset, no mode change by themselves.
    void recordLimitWindows(const QString &profile, const QList<RateLimitWindow> &windows,
                            const QString &source);

Q_SIGNALS:
    void sessionChanged(const chorus::SessionInfo &info);
    // A profile's limit picture or mode changed.
    void limitsChanged();
    void settingsChanged(const chorus::EngineSettings &settings); // setSettings() was called
    void eventsStored(const QList<chorus::StoredEvent> &events);
    void approvalChanged(const chorus::ApprovalInfo &approval);
    // Coalesced per session (AgentSession::kLiveIntervalMs); never stored.
    void liveUpdated(const chorus::LiveUpdate &update);
    void warningsChanged(const QStringList &warnings);

private:
    AgentSession *session(const QString &agent, Error *error) const;
    AgentSession *addSession(const SessionInfo &info);
    // How the session's CLI is launched now (its role, client environment, settings, host).
    Result<LaunchSpec> launchSpec(const SessionInfo &info);
    void schedule();
    void recover();
    // engine_limits.cpp: the policy (constructor), the stored state (open()), each session's
    // limit signals (addSession()).
    void setUpLimits();
    void restoreLimits();
    void connectLimits(AgentSession *session);
    QString profileOf(const SessionInfo &info) const;
    void checkIntegrity();
    // Agents of a git operation: the named ones, or every isolated agent of `repo`.
    Result<QList<AgentSession *>> gitAgents(const QStringList &agents, const QString &repo) const;
    // What a git job's snapshot of an agent reads from the store besides its session.
    enum GitJobNeeds { NeedsNothing = 0, NeedsResults = 1, NeedsMergeRecords = 2 };
    AgentBranch branchOf(const AgentSession *s, int needs) const;
    // Runs `job` on the git executor over a snapshot of the agents (the idle ones held: no turn
    // starts while it runs), then `record` on the engine's thread with what it returned.
    template<class T>
    QFuture<Result<T>> runGitJob(const QList<AgentSession *> &agents,
                                 std::function<T(const QList<AgentBranch> &)> job,
                                 std::function<void(const T &)> record, int needs = NeedsNothing);
    // spawnResolver's second half, on the engine's thread once the git thread tried the merge.
    QFuture<Result<SessionInfo>> spawnResolverFor(AgentSession *s, const QString &target,
                                                  const BranchStatus &status);
    // The first of base-1, base-2, ... that checkNewName() allows.
    QString uniqueName(const QString &base) const;
    // The variables of a client's environment kept with its session (see agentEnvironment()).
    static QJsonObject keptEnvironment(const QProcessEnvironment &client);
    // A role prompt too long for the command line reaches the CLI through this file (0600),
    // written at each launch and removed when the agent is cleaned.
    QString rolePromptFile(const QString &sessionId) const;
    // Whether a new agent may be called `name`.
    Status checkNewName(const QString &name) const;
    // Where a spawn's worktree is made: *repoDir is the repository to discover from, or empty
    // when the agent works in its directory as given (not a repository, --no-worktree).
    Status planWorkspace(const SpawnRequest &req, SessionInfo *info, QString *repoDir);
    struct WorkspaceOutcome
    {
        Result<AgentWorkspace> workspace = AgentWorkspace{};
        QList<ConflictFile> conflicts; // of a merge begun in it (a resolver's)
        QString dir;                   // where the agent works in it (made)
    };
    // The executor made (or failed to make) a spawn's worktree: it becomes an agent, or its row
    // goes.
    Result<SessionInfo> workspaceMade(const QString &id, const SpawnRequest &req,
                                      const WorkspaceOutcome &o);
    // A new agent's session, recorded, with its task queued.
    Result<SessionInfo> addSpawned(const SessionInfo &info, const SpawnRequest &req);
    // Removes a spawn's worktree and branch (a spawn that failed after making them), on the
    // executor's worktree lane.
    QFuture<void> discardWorkspace(const SessionInfo &info);

    QString m_dbPath;
    EngineLock m_lock;
    QStringList m_warnings;
    QString m_loginProblem; // see claudeProblem()
    QStringList m_startupReport;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<RoleCatalog> m_roles;
    std::unique_ptr<LocalHost> m_host; // where agents run (see hosts/agenthost.h)
    EngineSettings m_settings;
    QProcessEnvironment m_env;
    QHash<QString, AgentSession *> m_sessions;
    QHash<QString, QProcessEnvironment> m_clientEnv; // session id -> its client's (memory only: it holds secrets)
    QList<AgentSession *> m_order; // creation order: FIFO for the queue
    struct Creation
    {
        SessionInfo info; // state creating
        QList<std::shared_ptr<QPromise<Result<SessionInfo>>>> waiters; // answered when it is made
    };
    // A future answered when the spawn `id` under way is done.
    QFuture<Result<SessionInfo>> waitForCreation(const QString &id);
    QHash<QString, Creation> m_creating; // spawns whose worktree the executor is making
    QTimer m_watchdog;
    Scheduler m_scheduler; // which session starts its next turn (see scheduler.h)
    LimitTracker m_limitTracker{m_scheduler.clock()}; // its rate-limit policy's picture
    bool m_shuttingDown = false;
    // Every repository write of the engine: the git thread, the checkpoint pool, the sessions
    // git work holds (see integration/gitexecutor.h). Last: destroyed first, it waits for them.
    GitExecutor m_executor;
};

} // namespace chorus
