#pragma once

#include "agent/streamevent.h"

#include "agent/agentprocess.h"
#include "agent/livetracker.h"
#include "model/approvalinfo.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"

#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <optional>

namespace chorus {

class AgentHost;
class SessionStore;

// One agent: its row, its process, its turn bookkeeping and its approvals.
// Every stdout line is stored (one transaction per read) before anything else
// looks at it; state changes are stored as "chorus" events too.
class AgentSession : public QObject
{
    Q_OBJECT
public:
    using Launcher = std::function<Result<LaunchSpec>(const SessionInfo &)>;
    // Where the CLI keeps the session's transcript (empty when it has none).
    using TranscriptLocator = std::function<QString(const SessionInfo &)>;

    AgentSession(const SessionInfo &info, SessionStore *store, Launcher launcher,
                 QObject *parent = nullptr);
    ~AgentSession() override;

    const SessionInfo &info() const { return m_info; }
    QString id() const { return m_info.id; }

    // Queues a user message (stored first); it is written when the agent can take it.
    Status enqueueInput(const QString &text);
    bool hasPendingInput() const { return !m_pending.isEmpty(); }
    // The inputs a failed launch set aside (oldest first); they are forgotten here.
    QStringList takeDroppedInputs();
    // Starts the next turn: launches (or resumes) the process if needed and writes the
    // oldest pending input. The engine calls this when a concurrency slot is free.
    void admit();
    bool processAlive() const { return m_process && m_process->isRunning(); }
    bool turnInFlight() const { return m_inFlight > 0; }

    Status interrupt();
    // Stops the agent: interrupts a running turn, closes stdin, then terminates. `byUser`: the
    // user asked for it (chorus stop, the GUI): the agent ends `stopped` with detail "user"
    // ("stopped by you"), a turn it cut short included, never `failed`.
    void stop(bool byUser = false);
    Status answer(qint64 approvalId, bool allow, bool forSession, const QString &message);
    QList<ApprovalInfo> pendingApprovals() const;
    // Cancels the pending requests (all, or the one with that CLI request id), saying why.
    void cancelApprovals(const QString &why, const QString &requestId = {});

    // Engine shutdown: terminate the process without recording anything more; the session
    // keeps its state, so the next engine finds it active and recovers it.
    void beginShutdown();
    void finishShutdown(int msLeft);

    // Recovery of a turn whose result was stored but whose checkpoint was cut off (the engine
    // was killed): the checkpoint is made and the turn ends as it would have. False when the
    // session had no such turn.
    bool recoverEndedTurn();
    // Recovery: a message written to a process that died before its transcript kept it goes
    // back to the front of the queue (resume), or is set aside for `chorus resume`. True when
    // it did (the turn is then not "continued": it starts again from that message).
    bool requeueUnconfirmedInput(bool resume);
    // Whether a message the CLI was given is in its transcript (see cliKept()).
    void setTranscriptLocator(TranscriptLocator locator) { m_transcript = std::move(locator); }
    // Marks the session interrupted (its process vanished with an earlier daemon).
    void markInterrupted(const QString &why);
    // Watchdog: called periodically by the engine.
    void checkStall(qint64 stallMs);
    // Closes the process of an agent idle for longer than idleMs (it exits within ~60 ms);
    // the session stays as it is and a new message resumes it.
    void checkIdle(qint64 idleMs);
    void setAutoRestarts(int n) { m_autoRestarts = n; }

    // A turn that ended on a limit: a subscription's usage limit (with the window and reset
    // Claude named, when it did), else an API 429.
    struct LimitHit
    {
        bool usageLimit = false;
        QString window;
        qint64 resetsAtMs = 0;
    };
    // Answers a limit hit (the engine's LimitTracker): returns when the agent may go on (UTC
    // ms). Without one, a limit fails the turn like any error.
    using LimitHandler = std::function<qint64(const LimitHit &)>;
    void setLimitHandler(LimitHandler handler) { m_limitHandler = std::move(handler); }
    // Waiting for a limit to reset, with "continue" queued: it holds no slot, and a restarted
    // engine keeps it waiting (recoverLimitWait()) instead of calling it interrupted.
    bool waitingOnLimit() const;
    void recoverLimitWait();
    // Where checkpoints are made (off the engine's thread; default: the global pool).
    void setCheckpointPool(QThreadPool *pool) { m_checkpointPool = pool; }
    // Where the agent runs: its processes' transport and its checkpoints (null: this machine).
    void setHost(AgentHost *host) { m_host = host; }
    // A checkpoint is being made or waits its turn: no new turn starts meanwhile.
    bool checkpointing() const { return m_checkpointRunning || !m_checkpointQueue.isEmpty(); }
    // The database refused a write: the agent is paused (waiting/storage) with what was not
    // stored held in memory. retryStorage() writes it and acts on it; false while it still fails.
    bool storageBroken() const { return !m_storageError.isEmpty(); }
    QString storageError() const { return m_storageError; }
    bool retryStorage();
    // A note in the session's event stream (kind "chorus").
    void note(const QString &subtype, const QJsonObject &data);
    // The engine's git work moved the agent's branch (`head`, when not empty) or changed what is
    // known of it (`change` edits its merge/sync/clean state, review approval...). Stored, then
    // announced.
    void updateGitState(const QString &head, const std::function<void(BranchState &)> &change = {});
    // Sets (or, with a null value, removes) one of the options kept for resume. Stored, then
    // announced.
    void setOption(const QString &key, const QJsonValue &value);

    // What the agent writes now and its turn's current step (never stored): for a client that
    // subscribes mid-message. liveUpdated() sends the changes, at most every kLiveIntervalMs.
    LiveUpdate liveSnapshot() const;
    static constexpr int kLiveIntervalMs = 50;

Q_SIGNALS:
    void changed(const chorus::SessionInfo &info);
    void eventsStored(const QList<chorus::StoredEvent> &events);
    void approvalChanged(const chorus::ApprovalInfo &approval);
    // The session no longer holds a concurrency slot (turn ended, process gone...).
    void slotReleased();
    void liveUpdated(const chorus::LiveUpdate &update);
    // A turn ended that says whether the CLI's credentials work: false when it failed for
    // want of them (isAuthFailure(); `said` is the CLI's words), true when it succeeded.
    void claudeLoginChecked(bool loggedIn, const QString &said);
    // Claude's rate_limit_event, as it came.
    void rateLimitSeen(const chorus::RateLimitInfo &info);
    // A turn ended without an error.
    void turnSucceeded();

private:
    void onEvents(const QList<StreamEvent> &batch);
    void onFinished(int exitCode, bool crashed);
    void handleEvent(const StreamEvent &ev);
    void handleResult(const StreamEvent &ev);
    void handlePermissionRequest(const StreamEvent &ev);
    void setState(SessionState s, const QString &detail = {});
    // Commits what the agent changed in its worktree (no-op without one or without changes) on
    // the checkpoint pool, then runs `then` on this thread. Checkpoints of one session run one
    // at a time, in order, so a turn's state changes only after its work is committed.
    void checkpointThen(const QString &summary, std::function<void()> then);
    void startNextCheckpoint();
    void finishTurn();
    void recordUsage(const ResultInfo &r);
    // A failed turn that hit a limit goes to the limit handler: when the agent may go on (0: not a
    // limit).
    qint64 answerLimit(const ResultInfo &r);
    void finishProcess(int exitCode, bool crashed, bool stopping);
    void persist();
    void holdForStorage(const Error &error);
    void launch();
    // The process could not be started: failed once, inputs set aside, never re-admitted.
    void failLaunch(const QString &error);
    // Moves `first` and every waiting input to options.droppedInputs (for `chorus resume`);
    // returns how many are set aside in all.
    qsizetype setInputsAside(const std::optional<QPair<qint64, QString>> &first);
    void writeNextInput();
    // The CLI kept the message written with this uuid: its transcript has it. A process killed
    // after `system/init` but before it wrote the message there resumes without it.
    bool cliKept(const QString &uuid) const;
    void forgetUnconfirmed();
    // The task (input 0) goes to the front of the queue, marked options.taskNotKept until it
    // is written again (launch() puts it back while the mark is there).
    void putTaskBack();
    void store(QList<StoredEvent> &events);
    // Live (agentsession_live.cpp): what the tracker (m_live) learnt goes out at once when
    // nothing went out in the last kLiveIntervalMs, else when that interval ends.
    void liveChanged();
    void sendLive();
    void beginLiveTurn();
    void endLiveTurn();
    void liveToolApproved(const QString &tool, const QJsonObject &input);

    SessionInfo m_info;
    SessionStore *m_store;
    Launcher m_launcher;
    AgentProcess *m_process = nullptr;
    QList<QPair<qint64, QString>> m_pending; // stored inputs not yet written
    int m_inFlight = 0;                      // inputs written without a result yet
    bool m_stopping = false;
    bool m_stoppedByUser = false; // the stop under way was the user's
    bool m_stopCutTurn = false;   // the stop under way interrupted a running turn
    bool m_interruptRequested = false;
    int m_autoRestarts = 0;
    LimitHandler m_limitHandler;
    std::optional<RateLimitInfo> m_turnRateLimit; // the last rate_limit_event of the running turn
    QSet<QString> m_sessionAllowedTools; // "allow for this session"
    QSet<QString> m_liveRequests;        // permission requests the current process waits on
    // The message of the turn in flight (written, its result not read yet): the input id (0 for
    // the task), its text and the uuid it was sent with. Persisted as options.unconfirmedInput
    // and options.unconfirmedUuid, so recovery can tell whether the CLI kept it.
    struct SentInput
    {
        qint64 id = 0;
        QString text;
        QString uuid;
    };
    std::optional<SentInput> m_unconfirmed;
    TranscriptLocator m_transcript;
    // While the database refuses writes: what waits to be stored, and to be acted on.
    QString m_storageError;
    QList<StoredEvent> m_held;
    QList<StreamEvent> m_heldStream;
    QList<ResultInfo> m_heldUsage;
    struct
    {
        SessionState state = SessionState::Queued;
        QString detail;
        QString error;
    } m_beforeHold;
    struct CheckpointJob
    {
        QString summary;
        std::function<void()> then;
    };
    QList<CheckpointJob> m_checkpointQueue;
    bool m_checkpointRunning = false;
    QThreadPool *m_checkpointPool = nullptr;
    AgentHost *m_host = nullptr;
    LiveTracker m_live;
    QTimer m_liveTimer;
};

} // namespace chorus
