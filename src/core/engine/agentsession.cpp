#include "engine/agentsession.h"

#include "git/agentworkspace.h"
#include "store/database.h"
#include "store/sessionstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace chorus {

namespace {
constexpr int kStopGraceMs = 3000;

// The next step for a failed turn, from what the CLI said.
QString nextStep(const ResultInfo &r)
{
    if (r.text.contains(QLatin1String("Not logged in")) || r.text.contains(QLatin1String("Invalid API key")) ||
        r.apiErrorStatus == 401 || r.apiErrorStatus == 403)
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
}

AgentSession::~AgentSession() = default;

void AgentSession::store(QList<StoredEvent> &events)
{
    if (Status s = m_store->appendEvents(events); !s) {
        qWarning("chorus: cannot store events of %s: %s", qPrintable(m_info.id),
                 qPrintable(s.error().toString()));
        return;
    }
    Q_EMIT eventsStored(events);
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

void AgentSession::updateGitState(const QString &head, const QString &optionKey, const QJsonValue &optionValue)
{
    if (!head.isEmpty())
        m_info.head = head;
    if (!optionKey.isEmpty()) {
        if (optionValue.isNull() || optionValue.isUndefined())
            m_info.options.remove(optionKey);
        else
            m_info.options.insert(optionKey, optionValue);
    }
    persist();
}

void AgentSession::persist()
{
    if (Status s = m_store->updateSession(m_info); !s)
        qWarning("chorus: cannot store session %s: %s", qPrintable(m_info.id),
                 qPrintable(s.error().toString()));
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

Status AgentSession::enqueueInput(const QString &text)
{
    Result<qint64> id = m_store->insertInput(m_info.id, text);
    if (!id)
        return id.error();
    m_pending.append({*id, text});
    note(QStringLiteral("input"), QJsonObject{{QStringLiteral("text"), text}});
    m_stopping = false;
    m_launchFailed = false; // new input is a new attempt
    return Ok{};
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
        m_info.error = spec.error().toString();
        m_launchFailed = true;
        setState(SessionState::Failed);
        persist();
        Q_EMIT slotReleased();
        return;
    }
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new AgentProcess(this);
    connect(m_process, &AgentProcess::eventsReceived, this, &AgentSession::onEvents);
    connect(m_process, &AgentProcess::finished, this, &AgentSession::onFinished);
    connect(m_process, &AgentProcess::started, this, [this] {
        m_info.pid = m_process->pid();
        persist();
        writeNextInput();
    });
    connect(m_process, &AgentProcess::startFailed, this, [this](const QString &err) {
        m_info.error = tr("could not start the Claude Code CLI: %1").arg(err);
        m_inFlight = 0;
        m_launchFailed = true;
        setState(SessionState::Failed);
        persist();
        Q_EMIT slotReleased();
    });
    const bool resume = spec->resume;
    const bool hadConversation = m_info.turns > 0 || m_info.options.value(QLatin1String("hasTranscript")).toBool() ||
                                 m_pending.isEmpty() || m_pending.first().second != m_info.task;
    if (!resume && hadConversation) {
        // The CLI never kept what was said (its process was killed first): start the
        // conversation again from the task rather than continue from nothing.
        note(QStringLiteral("transcript_missing"), QJsonObject{{QStringLiteral("claudeSessionId"), m_info.claudeSessionId}});
        m_info.options.remove(QStringLiteral("hasTranscript"));
        if (m_pending.isEmpty() || m_pending.first() != qMakePair(qint64(0), m_info.task))
            m_pending.prepend({0, m_info.task}); // once, however often the start is retried
    }
    m_info.error.clear();
    setState(SessionState::Starting, resume ? QStringLiteral("resume") : QString());
    persist();
    note(QStringLiteral("launch"),
         QJsonObject{{QStringLiteral("program"), spec->program},
                     {QStringLiteral("arguments"), QJsonArray::fromStringList(spec->arguments)},
                     {QStringLiteral("cwd"), spec->workingDirectory}});
    m_process->start(*spec);
}

void AgentSession::writeNextInput()
{
    if (m_pending.isEmpty() || m_inFlight > 0 || !processAlive())
        return;
    const auto [inputId, text] = m_pending.first();
    if (!m_process->sendUserMessage(text))
        return; // the process is going away; onFinished() takes it from here
    m_pending.removeFirst();
    m_store->markInputSent(inputId);
    ++m_inFlight;
    setState(SessionState::Running);
    persist();
}

void AgentSession::onEvents(const QList<StreamEvent> &batch)
{
    QList<StoredEvent> events;
    events.reserve(batch.size());
    const QString ts = nowUtc();
    for (const StreamEvent &ev : batch)
        events.append(StoredEvent{m_info.id, 0, ts, eventKindName(ev.kind), ev.subtype, ev.raw});
    store(events); // stored before anything acts on it
    for (const StreamEvent &ev : batch)
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
    checkpointThen(r.text, [this, r] { finishTurn(r); }); // before anyone sees the turn as over
}

void AgentSession::finishTurn(const ResultInfo &r)
{
    m_inFlight = qMax(0, m_inFlight - 1);
    ++m_info.turns;
    m_info.tokens += r.tokens;
    m_info.costUsd += r.costUsd;
    m_store->insertUsage(m_info.id, m_info.role, r);
    if (m_interruptRequested) {
        m_interruptRequested = false;
        m_info.error.clear();
        setState(SessionState::Idle, QStringLiteral("interrupted"));
    } else if (r.isError) {
        m_info.error = r.text.isEmpty() ? r.subtype : r.text;
        if (const QString hint = nextStep(r); !hint.isEmpty())
            m_info.error += QLatin1Char('\n') + hint;
        setState(SessionState::Failed, r.terminalReason);
    } else {
        m_info.error.clear();
        setState(SessionState::Idle);
    }
    persist();
    if (!m_stopping)
        Q_EMIT slotReleased();
}

void AgentSession::handlePermissionRequest(const StreamEvent &ev)
{
    ToolPermissionRequest req;
    if (!parseToolPermissionRequest(ev.json, &req))
        return; // other control requests are not used by Chorus
    ApprovalInfo a;
    a.sessionId = m_info.id;
    a.requestId = req.requestId;
    a.toolName = req.toolName;
    a.input = req.input;
    a.description = req.description;
    a.createdAt = nowUtc();
    if (m_sessionAllowedTools.contains(req.toolName)) {
        a.state = QStringLiteral("allowed");
        a.forSession = true;
        a.message = tr("allowed for this session");
        a.answeredAt = a.createdAt;
        if (Result<qint64> id = m_store->insertApproval(a))
            a.id = *id;
        m_process->sendControlResponse(req.requestId,
                                       QJsonObject{{QStringLiteral("behavior"), QStringLiteral("allow")},
                                                   {QStringLiteral("updatedInput"), req.input}});
        Q_EMIT approvalChanged(a);
        return;
    }
    if (Result<qint64> id = m_store->insertApproval(a))
        a.id = *id;
    setState(SessionState::Waiting, QStringLiteral("approval"));
    Q_EMIT approvalChanged(a);
}

QList<ApprovalInfo> AgentSession::pendingApprovals() const
{
    return m_store->approvals(m_info.id, true);
}

Status AgentSession::answer(qint64 approvalId, bool allow, bool forSession, const QString &message)
{
    const QList<ApprovalInfo> pending = pendingApprovals();
    auto it = std::find_if(pending.begin(), pending.end(),
                           [&](const ApprovalInfo &a) { return a.id == approvalId; });
    if (it == pending.end())
        return makeError(tr("no pending approval request %1").arg(approvalId), m_info.name,
                         tr("See `chorus status` for the open requests."));
    if (!processAlive())
        return makeError(tr("the agent's process has ended; the request can no longer be answered"),
                         m_info.name);
    ApprovalInfo a = *it;
    QJsonObject response;
    if (allow) {
        response = {{QStringLiteral("behavior"), QStringLiteral("allow")},
                    {QStringLiteral("updatedInput"), a.input}};
        if (forSession)
            m_sessionAllowedTools.insert(a.toolName);
    } else {
        response = {{QStringLiteral("behavior"), QStringLiteral("deny")},
                    {QStringLiteral("message"),
                     message.isEmpty() ? tr("The user denied this in Chorus.") : message}};
    }
    if (!m_process->sendControlResponse(a.requestId, response))
        return makeError(tr("could not write to the agent's process"), m_info.name);
    a.state = allow ? QStringLiteral("allowed") : QStringLiteral("denied");
    a.forSession = allow && forSession;
    a.message = message;
    a.answeredAt = nowUtc();
    m_store->updateApproval(a);
    note(QStringLiteral("approval"), a.toJson());
    Q_EMIT approvalChanged(a);
    if (m_info.state == SessionState::Waiting && pendingApprovals().isEmpty())
        setState(SessionState::Running);
    persist();
    return Ok{};
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

void AgentSession::stop()
{
    m_stopping = true;
    m_store->dropInputs(m_info.id);
    m_pending.clear();
    for (ApprovalInfo a : pendingApprovals()) {
        a.state = QStringLiteral("cancelled");
        a.answeredAt = nowUtc();
        m_store->updateApproval(a);
        Q_EMIT approvalChanged(a);
    }
    if (processAlive()) {
        if (m_inFlight > 0 && !checkpointing()) // a turn whose result came is not interrupted
            m_process->sendControlRequest(QJsonObject{{QStringLiteral("subtype"), QStringLiteral("interrupt")}});
        m_process->stop(kStopGraceMs);
        return;
    }
    const bool wasActive = isActive(m_info.state);
    setState(m_info.state == SessionState::Idle && m_info.error.isEmpty() ? SessionState::Done
                                                                          : SessionState::Stopped);
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
    auto work = [worktree, role, name, summary] {
        if (worktree.isEmpty())
            return CheckpointOutcome{};
        const Result<QString> c = checkpointWorkspace(worktree, role, name, summary);
        return c ? CheckpointOutcome{*c, {}} : CheckpointOutcome{{}, c.error().toString()};
    };
    QFuture<CheckpointOutcome> f = m_checkpointPool ? QtConcurrent::run(m_checkpointPool, work) : QtConcurrent::run(work);
    f.then(this, [this, then = std::move(job.then)](const CheckpointOutcome &o) {
        if (!o.error.isEmpty()) {
            note(QStringLiteral("checkpoint_failed"), QJsonObject{{QStringLiteral("error"), o.error}});
            qWarning("chorus: checkpoint of %s failed: %s", qPrintable(m_info.name), qPrintable(o.error));
        } else if (!o.commit.isEmpty()) {
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
    // Whatever the process left in the worktree is kept, however it ended.
    // Whether it was stopped is decided now: a message sent meanwhile must not turn a stop
    // into a crash.
    const bool stopping = m_stopping;
    checkpointThen(crashed || exitCode != 0 ? tr("work in progress (the process ended)") : tr("work in progress"),
                   [this, exitCode, crashed, stopping] { finishProcess(exitCode, crashed, stopping); });
}

void AgentSession::finishProcess(int exitCode, bool crashed, bool stopping)
{
    const bool unfinished = m_inFlight > 0;
    m_inFlight = 0;
    if (stopping) {
        setState(!unfinished && m_info.state == SessionState::Idle && m_info.error.isEmpty()
                     ? SessionState::Done
                     : SessionState::Stopped);
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
