#pragma once

#include "engine/approvalinfo.h"
#include "engine/sessioninfo.h"
#include "result.h"
#include "store/storedevent.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QTimer>

#include <memory>

namespace chorus {

class AgentSession;
class Database;
class RoleCatalog;
class SessionStore;

struct EngineSettings
{
    int maxConcurrent = 4;        // turns running at once
    int stallSeconds = 300;       // no output for this long during a turn -> stalled
    bool resumeOnRecovery = true; // resume interrupted agents when the engine starts
    int autoRestarts = 0;         // resume a crashed agent up to this many times
    int idleSeconds = 600;        // an idle agent's process is closed after this long (0: never);
                                  // the next message resumes the session
    QString claudePath;           // empty: search (see claudelocator.h)
    QString userRolesDir;         // empty: $XDG_CONFIG_HOME/chorus/roles

    static EngineSettings fromJson(const QJsonObject &o);
    QJsonObject toJson() const;
};

struct SpawnRequest
{
    QString role;
    QString task;
    QString dir;
    QString name;  // empty: <role>-<n>
    QString model; // empty: the role's
    QString repo;  // a git repository to isolate the agent in (default: the one holding dir)
    QString base;  // the revision its branch starts from (default: the current branch's head)
    bool noWorktree = false; // work in dir itself, without a branch of its own
};

// The engine: sessions, queue with a concurrency cap, approval broker, watchdog and
// recovery. It owns every agent process and is the only writer of the database.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(const QString &databasePath, QObject *parent = nullptr);
    ~Engine() override;

    // Opens the database, loads roles and recovers sessions left by an earlier engine.
    Status open();
    void setSettings(const EngineSettings &settings);
    const EngineSettings &settings() const { return m_settings; }
    // The environment agents start with (default: this process's).
    void setAgentEnvironment(const QProcessEnvironment &env) { m_env = env; }

    Result<SessionInfo> spawn(const SpawnRequest &request);
    Status send(const QString &agent, const QString &text);
    Status interrupt(const QString &agent);
    Status stop(const QString &agent);
    Status resume(const QString &agent, const QString &task);
    // requestId <= 0: the agent's only (or oldest) pending request.
    Result<ApprovalInfo> answer(const QString &agent, qint64 requestId, bool allow, bool forSession,
                                const QString &message);
    // Stops every agent.
    void stopAll();

    // AGENT is an id, a unique id prefix or a name.
    Result<SessionInfo> find(const QString &agent) const;
    QList<SessionInfo> sessions() const;
    QList<ApprovalInfo> pendingApprovals(const QString &sessionId = {}) const;
    QList<StoredEvent> events(const QString &sessionId, qint64 afterSeq, int limit) const;
    // The last `count` events of a session, in order.
    QList<StoredEvent> tailEvents(const QString &sessionId, int count) const;
    double costToday() const;
    RoleCatalog &roles();
    void reloadRoles();
    bool anyProcessAlive() const;

Q_SIGNALS:
    void sessionChanged(const chorus::SessionInfo &info);
    void eventsStored(const QList<chorus::StoredEvent> &events);
    void approvalChanged(const chorus::ApprovalInfo &approval);

private:
    AgentSession *session(const QString &agent, Error *error) const;
    AgentSession *addSession(const SessionInfo &info);
    void schedule();
    void recover();
    QString uniqueName(const QString &base) const;
    // Gives the agent its own branch and worktree when it works in a git repository.
    Status isolate(const SpawnRequest &req, const QString &name, SessionInfo *info);

    QString m_dbPath;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<RoleCatalog> m_roles;
    EngineSettings m_settings;
    QProcessEnvironment m_env;
    QHash<QString, AgentSession *> m_sessions;
    QList<AgentSession *> m_order; // creation order: FIFO for the queue
    QTimer m_watchdog;
    bool m_scheduling = false;
};

} // namespace chorus
