#include "engine/agentsession.h"

#include "hosts/agenthost.h"

#include "agent/toolprocesses.h"
#include "git/agentworkspace.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "usage/limittext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace chorus {

namespace {
constexpr int kStopGraceMs = 3000;

// The next step for a failed turn, from what the CLI said.
QString nextStep(const ResultInfo &r)
{
    if (isAuthFailure(r))
        return AgentSession::tr("Log in with `claude` in a terminal (or set ANTHROPIC_API_KEY for the "
                                "engine), then resume the agent.");
    if (r.apiErrorStatus == 429)
        return AgentSession::tr("The API is rate-limiting you: resume the agent later.");
    if (r.apiErrorStatus >= 500 || r.text.contains(QLatin1String("529")))
        return AgentSession::tr("The API had a temporary problem: resume the agent in a moment.");
    if (r.subtype == QLatin1String("error_max_turns"))
        return AgentSession::tr("The role's maxTurns was reached: send a follow-up to continue.");
    return {};
}
} // namespace

AgentSession::AgentSession(const SessionInfo &info, SessionStore *store, Launcher launcher,
                           QObject *parent)
    : QObject(parent), m_info(info), m_store(store), m_launcher(std::move(launcher))
{
    m_pending = m_store->pendingInputs(m_info.id);
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(kLiveIntervalMs);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_live.hasUpdate())
            sendLive();
    });
}

AgentSession::~AgentSession() = default;

void AgentSession::store(QList<StoredEvent> &events)
{
    if (storageBroken()) {
        m_held += events; // behind what already waits, in order
        return;
    }
    if (Status s = m_store->appendEvents(events); !s) {
        m_held += events;
        holdForStorage(s.error());
        return;
    }
    Q_EMIT eventsStored(events);
}

void AgentSession::holdForStorage(const Error &error)
{
    if (storageBroken())
        return;
    // Nothing is acted on that was not stored: the CLI's output is held here, no input is
    // written and no turn starts, until the database takes writes again (retryStorage()).
    qWarning("chorus: cannot write the database for %s: %s (agent paused, output held)",
             qPrintable(m_info.name), qPrintable(error.toString()));
    m_storageError = error.message;
    m_beforeHold = {m_info.state, m_info.stateDetail, m_info.error};
    m_info.error = tr("cannot write the database: %1. Free disk space (or fix the data directory's "
                      "permissions); "
                      "the agent is paused with its output held and goes on by itself when writing "
                      "works again.")
                       .arg(error.message);
    setState(SessionState::Waiting, QStringLiteral("storage"));
    Q_EMIT changed(m_info);
}

bool AgentSession::retryStorage()
{
    if (!storageBroken())
        return true;
    QList<StoredEvent> held = m_held;
    if (!m_store->appendEvents(held))
        return false;
    for (qsizetype i = 0; i < m_heldUsage.size(); ++i) {
        if (!m_store->insertUsage(m_info.id, m_info.role, m_heldUsage[i])) {
            m_heldUsage.remove(0, i);
            m_held.clear();
            Q_EMIT eventsStored(held);
            return false;
        }
    }
    m_heldUsage.clear();
    m_held.clear();
    m_storageError.clear();
    Q_EMIT eventsStored(held);
    note(QStringLiteral("storage_recovered"), {});
    if (m_info.state == SessionState::Waiting && m_info.stateDetail == QLatin1String("storage")) {
        m_info.error = m_beforeHold.error;
        setState(m_beforeHold.state, m_beforeHold.detail);
    }
    // Now that it is stored, what the CLI said meanwhile is acted on, in order.
    const QList<StreamEvent> actions = std::exchange(m_heldStream, {});
    for (const StreamEvent &ev : actions)
        handleEvent(ev);
    persist();
    if (storageBroken())
        return false;
    if (processAlive() && m_inFlight == 0)
        writeNextInput();  // a process that started meanwhile still waits for its input
    Q_EMIT slotReleased(); // inputs held back meanwhile may go now
    return true;
}

void AgentSession::note(const QString &subtype, const QJsonObject &data)
{
    QJsonObject obj = data;
    obj.insert(QStringLiteral("type"), QStringLiteral("chorus"));
    obj.insert(QStringLiteral("subtype"), subtype);
    QList<StoredEvent> events{StoredEvent{m_info.id, 0, nowUtc(), QStringLiteral("chorus"), subtype,
                                          QJsonDocument(obj).toJson(QJsonDocument::Compact)}};
    store(events);
}

void AgentSession::updateGitState(const QString &head,
                                  const std::function<void(BranchState &)> &change)
{
    if (!head.isEmpty())
        m_info.head = head;
    if (change)
        change(m_info.branchState);
    persist();
}

void AgentSession::setOption(const QString &key, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        m_info.options.remove(key);
    else
        m_info.options.insert(key, value);
    persist();
}

void AgentSession::persist()
{
    if (storageBroken()) {
        Q_EMIT changed(m_info); // stored by retryStorage()
        return;
    }
    if (Status s = m_store->updateSession(m_info); !s)
        holdForStorage(s.error());
    Q_EMIT changed(m_info);
}

void AgentSession::setState(SessionState s, const QString &detail)
{
    if (m_info.state == s && m_info.stateDetail == detail)
        return;
    m_info.state = s;
    m_info.stateDetail = detail;
    if (s == SessionState::Running && m_info.startedAt.isEmpty())
        m_info.startedAt = nowUtc();
    if (isFinal(s) || s == SessionState::Idle)
        m_info.endedAt = nowUtc();
    else
        m_info.endedAt.clear();
    note(QStringLiteral("state"),
         QJsonObject{{QStringLiteral("state"), stateName(s)}, {QStringLiteral("detail"), detail}});
}

void AgentSession::admit()
{
    if (m_pending.isEmpty())
        return;
    if (!processAlive()) {
        launch();
        return;
    }
    writeNextInput();
}

void AgentSession::launch()
{
    Result<LaunchSpec> spec = m_launcher(m_info);
    if (!spec) {
        failLaunch(spec.error().toString());
        return;
    }
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new AgentProcess(m_host ? m_host->makeTransport() : nullptr, this);
    connect(m_process, &AgentProcess::eventsReceived, this, &AgentSession::onEvents);
    connect(m_process, &AgentProcess::lineDropped, this, [this](qint64 bytes) {
        // Too long to keep (memory stays bounded), but never dropped without a trace.
        note(QStringLiteral("line_dropped"), QJsonObject{{QStringLiteral("bytes"), bytes}});
        qWarning("chorus: %s printed a %lld-byte line, longer than the limit (maxLineKiB): dropped",
                 qPrintable(m_info.name), qlonglong(bytes));
    });
    connect(m_process, &AgentProcess::finished, this, &AgentSession::onFinished);
    connect(m_process, &AgentProcess::started, this, [this] {
        m_info.pid = m_process->pid();
        persist();
        writeNextInput();
    });
    connect(m_process, &AgentProcess::startFailed, this,
            [this, program = spec->program](const QString &err) {
                failLaunch(tr("could not start the Claude Code CLI (%1): %2").arg(program, err));
            });
    const bool resume = spec->resume;
    const bool hadConversation = m_info.turns > 0 || m_info.options.value(QLatin1String("hasTranscript")).toBool() ||
                                 m_pending.isEmpty() || m_pending.first().second != m_info.task;
    if (!resume && hadConversation) {
        // The CLI never kept what was said (its process was killed first): start the
        // conversation again from the task rather than continue from nothing.
        note(QStringLiteral("transcript_missing"), QJsonObject{{QStringLiteral("claudeSessionId"), m_info.claudeSessionId}});
        m_info.options.remove(QStringLiteral("hasTranscript"));
        putTaskBack();
    } else if (m_info.options.value(QLatin1String("taskNotKept")).toBool()) {
        putTaskBack(); // a transcript without the task in it (see requeueUnconfirmedInput())
    }
    m_info.error.clear();
    m_liveRequests.clear(); // requests of an earlier process can no longer be answered
    setState(SessionState::Starting, resume ? QStringLiteral("resume") : QString());
    persist();
    note(QStringLiteral("launch"),
         QJsonObject{{QStringLiteral("program"), spec->program},
                     {QStringLiteral("arguments"), QJsonArray::fromStringList(spec->arguments)},
                     {QStringLiteral("cwd"), spec->workingDirectory},
                     {QStringLiteral("transport"), m_process->transportKind()}});
    m_process->start(*spec);
}

void AgentSession::failLaunch(const QString &error)
{
    // A start that cannot work is never retried by itself (that loop burned a core and the
    // disk): the agent fails once, with the reason, and its waiting inputs are set aside. They
    // stay in the event log and in options.droppedInputs; `chorus resume` sends them.
    const qsizetype dropped = setInputsAside({});
    m_inFlight = 0;
    m_info.pid = 0;
    m_info.error =
        error + QLatin1Char('\n') +
        tr("Fix the cause, then resume the agent (Resume, or `chorus resume %1`): its waiting "
           "messages are sent then.")
            .arg(m_info.name);
    note(QStringLiteral("launch_failed"),
         QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("dropped"), dropped}});
    setState(SessionState::Failed, QStringLiteral("launch"));
    persist();
    Q_EMIT slotReleased();
}

void AgentSession::onEvents(const QList<StreamEvent> &batch)
{
    // The lines --include-partial-messages adds (stream_event, system/status) are live only:
    // never stored (the finished message is, as an `assistant` line), only broadcast.
    QList<StreamEvent> kept;
    QList<StoredEvent> events;
    kept.reserve(batch.size());
    events.reserve(batch.size());
    const QString ts = nowUtc();
    for (const StreamEvent &ev : batch) {
        if (isLiveOnly(ev))
            continue;
        kept.append(ev);
        events.append(StoredEvent{m_info.id, 0, ts, eventKindName(ev.kind), ev.subtype, ev.raw});
    }
    // The whole read goes through the tracker first, in order: a block whose `assistant` line is
    // in this read is finished before anything of it goes out, so a client never gets a live
    // piece of a message after the stored message.
    bool liveChange = false;
    for (const StreamEvent &ev : batch)
        liveChange = m_live.feed(ev, ts) || liveChange;
    if (!events.isEmpty())
        store(events); // stored before anything acts on it
    if (liveChange)
        liveChanged();
    if (events.isEmpty()) {
        if (m_info.state == SessionState::Stalled) {
            setState(SessionState::Running); // it streams again
            persist();
        }
        return;
    }
    if (storageBroken()) {
        m_heldStream += kept; // acted on once stored
        Q_EMIT changed(m_info);
        return;
    }
    for (const StreamEvent &ev : std::as_const(kept))
        handleEvent(ev);
    persist();
}

void AgentSession::handleEvent(const StreamEvent &ev)
{
    switch (ev.kind) {
    case EventKind::Init:
        if (!m_info.options.value(QLatin1String("hasTranscript")).toBool())
            m_info.options.insert(QStringLiteral("hasTranscript"), true);
        if (const QString model = ev.json.value(QLatin1String("model")).toString(); !model.isEmpty())
            m_info.model = model;
        if (m_info.state == SessionState::Starting || m_info.state == SessionState::Stalled)
            setState(SessionState::Running);
        break;
    case EventKind::Result:
        handleResult(ev);
        break;
    case EventKind::ControlRequest:
        handlePermissionRequest(ev);
        break;
    case EventKind::ControlCancel: {
        const QString requestId = ev.json.value(QLatin1String("request_id")).toString();
        m_liveRequests.remove(requestId);
        for (ApprovalInfo a : m_store->approvals(m_info.id)) {
            if (a.requestId != requestId)
                continue;
            a.state = QStringLiteral("cancelled");
            a.answeredAt = nowUtc();
            m_store->updateApproval(a);
            Q_EMIT approvalChanged(a);
        }
        if (m_info.state == SessionState::Waiting && pendingApprovals().isEmpty())
            setState(SessionState::Running);
        break;
    }
    case EventKind::RateLimit: {
        RateLimitInfo info;
        if (parseRateLimitInfo(ev.json.value(QLatin1String("rate_limit_info")).toObject(),
                               QDateTime::currentMSecsSinceEpoch(), &info)) {
            m_turnRateLimit = info;
            Q_EMIT rateLimitSeen(info);
        }
        break;
    }
    case EventKind::ApiRetry: {
        const int status = ev.json.value(QLatin1String("error_status")).toInt();
        const int attempt = ev.json.value(QLatin1String("attempt")).toInt();
        if (status == 429)
            setState(SessionState::Waiting, QStringLiteral("rate-limit"));
        else
            setState(SessionState::Running, tr("retrying (attempt %1)").arg(attempt));
        break;
    }
    case EventKind::Assistant:
    case EventKind::User:
        if (m_info.state == SessionState::Stalled ||
            (m_info.state == SessionState::Waiting && m_info.stateDetail != QLatin1String("approval")) ||
            (m_info.state == SessionState::Running && !m_info.stateDetail.isEmpty()))
            setState(SessionState::Running);
        break;
    default:
        if (m_info.state == SessionState::Stalled)
            setState(SessionState::Running);
        break;
    }
}

void AgentSession::handleResult(const StreamEvent &ev)
{
    const ResultInfo r = parseResult(ev.json);
    if (r.subtype.isEmpty()) {
        // Not a turn's end the CLI would write (no subtype): kept in the log, acted on by nobody.
        note(QStringLiteral("result_ignored"),
             QJsonObject{{QStringLiteral("reason"), QStringLiteral("no subtype")}});
        return;
    }
    if (r.clamped)
        note(QStringLiteral("usage_clamped"),
             QJsonObject{{QStringLiteral("usage"), ev.json.value(QLatin1String("usage"))},
                         {QStringLiteral("modelUsage"),
                          ev.json.value(QLatin1String("model_usage_since_last_result"))}});
    recordUsage(r);
    if (m_inFlight == 0) {
        // A second result for one input (background work the CLI finished on its own): its
        // tokens were spent, but it is no turn of ours and changes no state.
        note(QStringLiteral("extra_result"), QJsonObject{{QStringLiteral("subtype"), r.subtype}});
        return;
    }
    --m_inFlight;
    ++m_info.turns;
    if (isAuthFailure(r))
        Q_EMIT claudeLoginChecked(false, r.text);
    else if (!r.isError)
        Q_EMIT claudeLoginChecked(true, {});
    if (!r.isError)
        Q_EMIT turnSucceeded();
    const qint64 resumesAt = m_interruptRequested ? 0 : answerLimit(r);
    forgetUnconfirmed(); // the turn ended: its message was kept, whatever happens next
    // The turn is over: its result and usage are stored now, before its checkpoint, with the
    // state it ends in. A kill during the commit then loses neither, and the next engine
    // finishes the checkpoint instead of paying for the turn again (recoverEndedTurn()).
    QJsonObject end;
    if (m_interruptRequested) {
        m_interruptRequested = false;
        end = {{QStringLiteral("state"), stateName(SessionState::Idle)},
               {QStringLiteral("detail"), QStringLiteral("interrupted")}};
    } else if (resumesAt > 0) {
        // Not a failure: the work goes on when the limit resets ("continue", stored now).
        end = {{QStringLiteral("state"), stateName(SessionState::Waiting)},
               {QStringLiteral("detail"), QStringLiteral("rate-limit")},
               {QStringLiteral("error"), r.text}};
        m_info.options.insert(QStringLiteral("resumesAt"), resumesAt);
        if (Status st = enqueueInput(QStringLiteral("continue")); !st)
            holdForStorage(st.error());
    } else if (r.isError) {
        QString error = r.text.isEmpty() ? r.subtype : r.text;
        if (const QString hint = nextStep(r); !hint.isEmpty())
            error += QLatin1Char('\n') + hint;
        end = {{QStringLiteral("state"), stateName(SessionState::Failed)},
               {QStringLiteral("detail"), r.terminalReason},
               {QStringLiteral("error"), error}};
    } else {
        end = {{QStringLiteral("state"), stateName(SessionState::Idle)}};
    }
    end.insert(QStringLiteral("summary"), r.text.left(4000));
    m_info.options.insert(QStringLiteral("turnEnd"), end);
    persist();
    checkpointThen(r.text, [this] { finishTurn(); }); // before anyone sees the turn as over
}

qint64 AgentSession::answerLimit(const ResultInfo &r)
{
    if (!m_limitHandler || !r.isError)
        return 0;
    LimitHit hit;
    const bool rejected = m_turnRateLimit && m_turnRateLimit->status == QLatin1String("rejected");
    // The text is the fallback: older CLIs, or no rate_limit_event before the error.
    const std::optional<usage::LimitText> text =
        usage::parseLimitText(r.text, QDateTime::currentDateTime());
    if (isUsageLimit(r) || rejected || text) {
        hit.usageLimit = true;
        if (rejected || (m_turnRateLimit && isUsageLimit(r))) {
            hit.window = m_turnRateLimit->rateLimitType;
            hit.resetsAtMs = m_turnRateLimit->resetsAtMs;
        }
        if (text) {
            if (hit.window.isEmpty())
                hit.window = text->window;
            if (hit.resetsAtMs <= 0)
                hit.resetsAtMs = text->resetsAtMs;
        }
    } else if (!isApiRateLimit(r)) {
        return 0;
    }
    return m_limitHandler(hit);
}

bool AgentSession::waitingOnLimit() const
{
    return m_info.state == SessionState::Waiting &&
           m_info.stateDetail == QLatin1String("rate-limit") && m_inFlight == 0 &&
           m_info.options.contains(QLatin1String("resumesAt"));
}

void AgentSession::recoverLimitWait()
{
    m_info.pid = 0; // the process went with the old engine; the next turn resumes the session
    note(QStringLiteral("recover_limit_wait"), {});
    persist();
}

void AgentSession::recordUsage(const ResultInfo &r)
{
    m_info.tokens += r.tokens;
    m_info.costUsd += r.costUsd;
    if (storageBroken()) {
        m_heldUsage.append(r);
        return;
    }
    if (Status s = m_store->insertUsage(m_info.id, m_info.role, r); !s) {
        m_heldUsage.append(r);
        holdForStorage(s.error());
    }
}

void AgentSession::finishTurn()
{
    const QJsonObject end = m_info.options.take(QStringLiteral("turnEnd")).toObject();
    const SessionState state = stateFromName(end.value(QLatin1String("state")).toString());
    m_info.error = end.value(QLatin1String("error")).toString();
    setState(state, end.value(QLatin1String("detail")).toString());
    persist();
    if (!m_stopping)
        Q_EMIT slotReleased();
}

bool AgentSession::recoverEndedTurn()
{
    if (!m_info.options.contains(QLatin1String("turnEnd")))
        return false;
    // The engine was killed after the turn's result was stored, during its checkpoint.
    m_info.pid = 0;
    note(QStringLiteral("recover_checkpoint"), {});
    const QString summary = m_info.options.value(QLatin1String("turnEnd"))
                                .toObject()
                                .value(QLatin1String("summary"))
                                .toString();
    checkpointThen(summary, [this] { finishTurn(); });
    return true;
}

Status AgentSession::interrupt()
{
    if (!processAlive() || m_inFlight == 0 || checkpointing())
        return makeError(tr("the agent is not running a turn"), m_info.name,
                         tr("Nothing to interrupt; use `chorus send` to give it work."));
    m_interruptRequested = true;
    if (m_process->sendControlRequest(QJsonObject{{QStringLiteral("subtype"), QStringLiteral("interrupt")}})
            .isEmpty())
        return makeError(tr("could not write to the agent's process"), m_info.name);
    note(QStringLiteral("interrupt"), {});
    return Ok{};
}

void AgentSession::stop(bool byUser)
{
    m_stopping = true;
    m_stoppedByUser = byUser;
    m_stopCutTurn = false;
    m_store->dropInputs(m_info.id);
    m_pending.clear();
    cancelApprovals(tr("the agent was stopped"));
    if (processAlive()) {
        if (m_inFlight > 0 && !checkpointing()) { // a turn whose result came is not interrupted
            // Its result (aborted) ends the turn as an interrupt, not as a failure.
            m_stopCutTurn = true;
            m_interruptRequested = true;
            m_process->sendControlRequest(QJsonObject{{QStringLiteral("subtype"), QStringLiteral("interrupt")}});
        }
        m_process->stop(kStopGraceMs);
        return;
    }
    const bool wasActive = isActive(m_info.state);
    if (m_info.state == SessionState::Idle && m_info.error.isEmpty())
        setState(SessionState::Done);
    else
        setState(SessionState::Stopped, byUser ? QStringLiteral("user") : QString());
    persist();
    if (wasActive)
        Q_EMIT slotReleased();
}

namespace {
struct CheckpointOutcome
{
    QString commit; // empty: nothing changed (or it failed)
    QString error;
};
} // namespace

void AgentSession::checkpointThen(const QString &summary, std::function<void()> then)
{
    if (m_info.worktree.isEmpty() && !checkpointing()) {
        then();
        return;
    }
    m_checkpointQueue.append({summary, std::move(then)});
    if (!m_checkpointRunning)
        startNextCheckpoint();
}

void AgentSession::startNextCheckpoint()
{
    if (m_checkpointQueue.isEmpty()) {
        m_checkpointRunning = false;
        Q_EMIT slotReleased(); // turns held back meanwhile may start now
        return;
    }
    m_checkpointRunning = true;
    CheckpointJob job = m_checkpointQueue.takeFirst();
    const QString worktree = m_info.worktree, role = m_info.role, name = m_info.name, summary = job.summary;
    AgentHost *host = m_host;
    auto work = [worktree, role, name, summary, host] {
        if (worktree.isEmpty())
            return CheckpointOutcome{};
        const Result<QString> c = host ? host->checkpointWorkspace(worktree, role, name, summary)
                                       : checkpointWorkspace(worktree, role, name, summary);
        return c ? CheckpointOutcome{*c, {}} : CheckpointOutcome{{}, c.error().toString()};
    };
    QFuture<CheckpointOutcome> f = m_checkpointPool ? QtConcurrent::run(m_checkpointPool, work) : QtConcurrent::run(work);
    f.then(this, [this, then = std::move(job.then)](const CheckpointOutcome &o) {
        if (!o.error.isEmpty()) {
            note(QStringLiteral("checkpoint_failed"), QJsonObject{{QStringLiteral("error"), o.error}});
            qWarning("chorus: checkpoint of %s failed: %s", qPrintable(m_info.name), qPrintable(o.error));
            // On the session until a checkpoint works again: `status` shows work not committed.
            updateGitState({}, [&o](BranchState &b) {
                b.checkpointFailure = BranchState::CheckpointFailure{o.error, nowUtc()};
            });
        } else if (m_info.branchState.checkpointFailure) {
            updateGitState({}, [](BranchState &b) { b.checkpointFailure.reset(); });
        }
        if (o.error.isEmpty() && !o.commit.isEmpty()) {
            m_info.head = o.commit;
            note(QStringLiteral("checkpoint"), QJsonObject{{QStringLiteral("commit"), o.commit},
                                                           {QStringLiteral("branch"), m_info.branch}});
        }
        then();
        startNextCheckpoint();
    });
}

void AgentSession::onFinished(int exitCode, bool crashed)
{
    m_info.pid = 0;
    endLiveTurn(); // what was unfinished is not stored: a resumed CLI writes it again
    // Whether it was stopped is decided now: a message sent meanwhile must not turn a stop
    // into a crash.
    const bool stopping = m_stopping;
    // What its tools started ends with a CLI that crashed or was stopped, before the
    // checkpoint reads the worktree (a CLI closed when idle leaves what it started on purpose,
    // until the engine stops).
    if (crashed || exitCode != 0 || m_inFlight > 0 || stopping) {
        const int ended = endMarkedProcesses({m_info.id}).value(m_info.id);
        if (ended > 0)
            note(QStringLiteral("tools_ended"), QJsonObject{{QStringLiteral("processes"), ended}});
    }
    // Whatever the process left in the worktree is kept, however it ended.
    checkpointThen(crashed || exitCode != 0 ? tr("work in progress (the process ended)") : tr("work in progress"),
                   [this, exitCode, crashed, stopping] { finishProcess(exitCode, crashed, stopping); });
}

void AgentSession::finishProcess(int exitCode, bool crashed, bool stopping)
{
    const bool unfinished = m_inFlight > 0;
    m_inFlight = 0;
    cancelApprovals(tr("the agent's process ended before the request was answered"));
    if (stopping) {
        if (!unfinished && !m_stopCutTurn && m_info.state == SessionState::Idle &&
            m_info.error.isEmpty())
            setState(SessionState::Done);
        else
            setState(SessionState::Stopped, m_stoppedByUser ? QStringLiteral("user") : QString());
        m_stopCutTurn = false;
    } else if (unfinished && m_unconfirmed && !cliKept(m_unconfirmed->uuid)) {
        // The process died before its transcript kept the message it was given (it prints
        // `system/init` first): a resumed CLI would not know it. It goes back to the queue when
        // the agent restarts by itself, else it is set aside for `chorus resume`, never lost.
        const SentInput sent = *m_unconfirmed;
        const qint64 inputId = sent.id;
        const QString text = sent.text;
        forgetUnconfirmed();
        const QString tail = m_process ? m_process->stderrTail().right(2000) : QString();
        m_info.error =
            (crashed ? tr("the Claude Code CLI was killed before it kept the message")
                     : tr("the Claude Code CLI exited with code %1 before it kept the message")
                           .arg(exitCode)) +
            (tail.isEmpty() ? QString() : QStringLiteral(":\n") + tail);
        note(QStringLiteral("crash"), QJsonObject{{QStringLiteral("exitCode"), exitCode},
                                                  {QStringLiteral("crashed"), crashed},
                                                  {QStringLiteral("stderr"), tail},
                                                  {QStringLiteral("unconfirmedInput"), inputId}});
        setState(SessionState::Failed, QStringLiteral("crash"));
        if (m_info.restarts < m_autoRestarts) {
            ++m_info.restarts;
            if (inputId > 0) {
                m_store->markInputPending(inputId);
                m_pending.prepend({inputId, text});
            } else {
                putTaskBack();
            }
            note(QStringLiteral("input_requeued"), QJsonObject{{QStringLiteral("input"), inputId}});
        } else {
            setInputsAside(qMakePair(inputId, text)); // in order, with what waited behind it
        }
    } else if (unfinished || (exitCode != 0 && m_info.turns == 0)) {
        const QString tail = m_process ? m_process->stderrTail().right(2000) : QString();
        m_info.error = (crashed ? tr("the Claude Code CLI was killed before finishing the turn")
                                : tr("the Claude Code CLI exited with code %1 before finishing the turn")
                                      .arg(exitCode)) +
                       (tail.isEmpty() ? QString() : QStringLiteral(":\n") + tail);
        note(QStringLiteral("crash"), QJsonObject{{QStringLiteral("exitCode"), exitCode},
                                                  {QStringLiteral("crashed"), crashed},
                                                  {QStringLiteral("stderr"), tail}});
        setState(SessionState::Failed, QStringLiteral("crash"));
        if (m_info.restarts < m_autoRestarts && m_info.options.value(QLatin1String("hasTranscript")).toBool()) {
            ++m_info.restarts;
            enqueueInput(tr("Your previous run was cut off (the process ended unexpectedly). "
                            "Continue the task where you left off."));
        }
    }
    forgetUnconfirmed();
    persist();
    Q_EMIT slotReleased();
}

void AgentSession::beginShutdown()
{
    if (m_process)
        m_process->terminateNow();
}

void AgentSession::finishShutdown(int msLeft)
{
    if (m_process)
        m_process->waitGone(msLeft);
}

void AgentSession::markInterrupted(const QString &why)
{
    m_info.pid = 0;
    cancelApprovals(tr("Chorus restarted: the process that asked is gone"));
    m_info.error = why;
    setState(SessionState::Interrupted);
    persist();
}

void AgentSession::checkIdle(qint64 idleMs)
{
    if (!processAlive() || m_inFlight > 0 || !m_pending.isEmpty() || m_stopping || isActive(m_info.state))
        return;
    if (m_process->msSinceOutput() < idleMs || !pendingApprovals().isEmpty())
        return;
    note(QStringLiteral("idle_close"), {});
    m_process->closeInput();
}

void AgentSession::checkStall(qint64 stallMs)
{
    if (m_info.state != SessionState::Running || !processAlive() || m_inFlight == 0)
        return;
    const qint64 silent = m_process->msSinceOutput();
    if (silent < stallMs)
        return;
    setState(SessionState::Stalled, tr("no output for %1 s").arg(silent / 1000));
    persist();
}

} // namespace chorus
