#include "engine/engine.h"
#include "util/clock.h"

#include "agent/claudecommand.h"
#include "agent/claudelocator.h"
#include "agent/toolprocesses.h"
#include "engine/agentsession.h"
#include "engine/startupsweep.h"
#include "git/agentworkspace.h"
#include "git/gitrepository.h"
#include "git/merge.h"
#include "hosts/localhost.h"
#include "privatefile.h"
#include "roles/role.h"
#include "roles/rolecatalog.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "util/readyfuture.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QThread>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <csignal>
#include <sys/types.h>

namespace chorus {

Engine::Engine(const QString &databasePath, QObject *parent)
    : QObject(parent), m_dbPath(databasePath), m_db(std::make_unique<Database>()),
      m_roles(std::make_unique<RoleCatalog>()), m_host(std::make_unique<LocalHost>()),
      m_env(QProcessEnvironment::systemEnvironment())
{
    // What a session needs before its next turn may start; then the caps decide.
    m_scheduler.addCondition(tr("nothing to send"), [this](const QString &id) {
        const AgentSession *s = m_sessions.value(id);
        return s && s->hasPendingInput() && !s->turnInFlight();
    });
    // Its branch is being committed, merged or synced: the turn waits for that.
    m_scheduler.addCondition(tr("waiting for a git operation on its branch"),
                             [this](const QString &id) {
                                 const AgentSession *s = m_sessions.value(id);
                                 return !m_executor.holds(id) && !s->checkpointing();
                             });
    // Nothing starts that could not be stored.
    m_scheduler.addCondition(
        tr("paused: the database cannot be written"),
        [this](const QString &id) { return !m_sessions.value(id)->storageBroken(); });
    m_scheduler.setSlotPredicate([this](const QString &id) {
        const AgentSession *s = m_sessions.value(id);
        // One waiting for a limit to reset runs nothing: it holds no slot.
        return s && isActive(s->info().state) && !s->waitingOnLimit();
    });
    setUpLimits();
    m_scheduler.setAdmit([this](const QString &id) { m_sessions.value(id)->admit(); });
    m_scheduler.setGlobalCap(m_settings.maxConcurrent);
    m_watchdog.setInterval(1000);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        bool storageWasBroken = false, storageBroken = false;
        for (AgentSession *s : std::as_const(m_order)) {
            if (s->storageBroken()) {
                storageWasBroken = true;
                storageBroken = !s->retryStorage() || storageBroken;
            }
        }
        if (storageWasBroken && !storageBroken)
            Q_EMIT warningsChanged(warnings());
        for (AgentSession *s : std::as_const(m_order)) {
            s->checkStall(qint64(m_settings.stallSeconds) * 1000);
            // A session whose branch a git operation holds keeps its process until that is
            // done: its process-end checkpoint must not touch the worktree meanwhile.
            if (m_settings.idleSeconds > 0 && !m_executor.holds(s->id()))
                s->checkIdle(qint64(m_settings.idleSeconds) * 1000);
        }
        // A pause ends on the wall clock: a timer set for it can be late or early when the
        // clock jumps (a suspend, an NTP step), so look each second once one is due.
        if (const qint64 next = m_limitTracker.nextResumeMs();
            next > 0 && m_scheduler.clock()->nowMs() >= next)
            schedule();
    });
}

Engine::~Engine()
{
    // All agents' processes get SIGTERM at once (a CLI exits within ~1.5 s even with a running
    // Bash tool), then up to 5 s in all before SIGKILL. Sessions that were working keep their
    // active state in the database: the next engine marks them interrupted and resumes them.
    // A git operation under way is cancelled (a running check is killed); nothing has moved
    // unless it finished.
    m_shuttingDown = true; // nothing new is admitted from here on
    m_scheduler.halt();
    m_executor.cancelAll();
    m_executor.waitForDone();
    for (AgentSession *s : std::as_const(m_order))
        s->beginShutdown();
    QDeadlineTimer deadline(5000);
    for (AgentSession *s : std::as_const(m_order))
        s->finishShutdown(int(deadline.remainingTime()));
    // What their tools started ends with them (in process groups of its own, it got no signal).
    QSet<QString> ids;
    for (AgentSession *s : std::as_const(m_order))
        ids.insert(s->id());
    endMarkedProcesses(ids);
    // A commit under way is finished, never cut off; a turn whose result came just before is
    // finished too (its state stored), so the next engine does not resume an agent that was done.
    for (int round = 0; round < 20; ++round) {
        m_executor.waitForCheckpoints();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
        bool pending = false;
        for (AgentSession *s : std::as_const(m_order))
            pending = pending || s->checkpointing();
        if (!pending)
            break;
    }
    qDeleteAll(m_order);
    m_order.clear();
    m_sessions.clear();
}

RoleCatalog &Engine::roles()
{
    return *m_roles;
}

void Engine::reloadRoles()
{
    if (m_settings.userRolesDir.isEmpty())
        m_roles->load();
    else
        m_roles->load({m_settings.userRolesDir});
}

void Engine::setSettings(const EngineSettings &settings)
{
    m_settings = settings;
    // New launches go through the transport set; agents running keep theirs.
    m_host->setTransport(LocalHost::transportFromName(settings.agentTransport)
                             .value_or(LocalHost::Transport::Process),
                         settings.agentShim);
    reloadRoles();
    for (AgentSession *s : std::as_const(m_order))
        s->setAutoRestarts(m_settings.autoRestarts);
    m_limitTracker.setAdmitThreshold(m_settings.admitThreshold / 100.0);
    m_scheduler.setGlobalCap(m_settings.maxConcurrent); // a pass follows
    Q_EMIT settingsChanged(m_settings);
}

Status Engine::lockDataDir()
{
    return m_lock.acquire(QFileInfo(m_dbPath).absolutePath());
}

Status Engine::open()
{
    if (Status l = lockDataDir(); !l)
        return l; // before anything reads or recovers the sessions of another engine
    if (Status s = m_db->open(m_dbPath); !s)
        return s;
    checkIntegrity();
    m_store = std::make_unique<SessionStore>(m_db.get());
    const QList<SessionInfo> sessions = m_store->sessions();
    // First what the agents' tools left running when the last engine was killed: nothing may
    // write in a worktree while the sweep and the recovery look at it.
    m_startupReport = endLeftoverToolProcesses(sessions);
    m_startupReport += sweepLeftovers(QFileInfo(m_dbPath).absolutePath(), sessions);
    reloadRoles();
    for (const SessionInfo &info : sessions) { // read once, above
        if (info.state == SessionState::Creating) {
            // A spawn cut short while its worktree was made: it never became an agent. What the
            // checkout left was archived and removed by the sweep above (no agent owns it).
            m_store->removeSession(info.id);
            m_startupReport << tr("dropped the spawn of %1, cut short while its worktree was made "
                                  "(start it again)")
                                   .arg(info.name);
            continue;
        }
        addSession(info);
    }
    restoreLimits(); // before recovery: a pause outlives the engine
    recover();
    m_watchdog.start();
    schedule();
    return Ok{};
}

void Engine::checkIntegrity()
{
    // PRAGMA quick_check reads the whole file: on its own connection, off the engine's thread.
    const QString path = m_dbPath;
    QtConcurrent::run([path] {
        Database db;
        if (Status s = db.open(path, true); !s)
            return s.error().toString();
        return db.quickCheck();
    }).then(this, [this, path](const QString &problem) {
        if (problem.isEmpty())
            return;
        const QString w =
            tr("the database failed its integrity check (PRAGMA quick_check): %1 — %2. "
               "Back it up now; `sqlite3 %2 .recover` can save what is readable.")
                .arg(problem, path);
        qWarning("chorus: %s", qPrintable(w));
        m_warnings << w;
        Q_EMIT warningsChanged(m_warnings);
    });
}

namespace {
// What of a client's environment is kept with the session (nothing secret): where the CLI keeps
// its transcripts and settings, which API it talks to, where programs are. After an engine
// restart the agent finds its conversation again with these.
const char *const kKeptVariables[] = {"CLAUDE_CONFIG_DIR", "HOME", "ANTHROPIC_BASE_URL", "PATH"};
} // namespace

QProcessEnvironment Engine::agentEnvironment(const QString &sessionId) const
{
    QProcessEnvironment env = m_env;
    if (auto it = m_clientEnv.constFind(sessionId); it != m_clientEnv.constEnd()) {
        env = *it;
    } else if (AgentSession *s = m_sessions.value(sessionId)) {
        const QJsonObject kept = s->info().options.value(QLatin1String("environment")).toObject();
        for (auto k = kept.constBegin(); k != kept.constEnd(); ++k)
            env.insert(k.key(), k.value().toString());
    }
    return filterEnvironment(env, kDefaultEnvDeny + m_settings.envDeny);
}

Result<ClaudeLocation> Engine::locateClaude(const QString &configured,
                                            const QProcessEnvironment &client) const
{
    return m_host->locateClaude(configured, locateEnvironment(client));
}

QJsonObject Engine::keptEnvironment(const QProcessEnvironment &client)
{
    QJsonObject kept;
    for (const char *name : kKeptVariables)
        if (client.contains(QLatin1String(name)))
            kept.insert(QLatin1String(name), client.value(QLatin1String(name)));
    return kept;
}

QString Engine::rolePromptFile(const QString &sessionId) const
{
    return QFileInfo(m_dbPath).absolutePath() + QStringLiteral("/prompts/") + sessionId +
           QStringLiteral(".md");
}

Result<LaunchSpec> Engine::launchSpec(const SessionInfo &s)
{
    const Role *role = m_roles->find(s.role);
    if (!role)
        return makeError(tr("the role '%1' does not exist (any more)").arg(s.role), s.name,
                         tr("Add it back to your roles folder, or start a new agent."));
    const QProcessEnvironment env = agentEnvironment(s.id);
    if (Status ok = checkRoleCanRun(*role, env, isRunningAsRoot()); !ok)
        return ok.error();
    if (Status t = m_host->checkTransport(); !t)
        return t.error();
    // CHORUS_CLAUDE of the client names the binary, though the agent never sees it.
    Result<ClaudeLocation> claude =
        m_host->locateClaude(m_settings.claudePath, m_clientEnv.value(s.id, m_env));
    if (!claude)
        return claude.error();
    if (!QFileInfo(s.dir).isDir())
        return makeError(tr("the agent's directory does not exist"), s.dir,
                         tr("Restore the directory, or start a new agent elsewhere."));
    ClaudeCommand how;
    how.program = claude->path;
    // Resume exactly when the CLI has the conversation: a process killed before it wrote
    // its transcript cannot be resumed, and a new one cannot reuse an id that has one.
    how.resume = !m_host->findTranscript(env, s.claudeSessionId).isEmpty();
    if (needsSystemPromptFile(*role)) {
        how.systemPromptFile = rolePromptFile(s.id);
        if (Status w = writePrivateFile(how.systemPromptFile, role->systemPrompt.toUtf8()); !w)
            return w.error();
    }
    how.environment = env;
    how.maxLineBytes = qsizetype(m_settings.maxLineKiB) * 1024;
    how.nice = m_settings.agentNice;
    // Chorus, not the CLI, waits out rate limits (between turns, with the scheduler).
    if (!how.environment.contains(QStringLiteral("CLAUDE_CODE_MAX_RETRIES")))
        how.environment.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"),
                               QString::number(m_settings.cliMaxRetries));
    return claudeCommand(*role, s, how);
}

AgentSession *Engine::addSession(const SessionInfo &info)
{
    auto launcher = [this](const SessionInfo &s) { return launchSpec(s); };
    auto *session = new AgentSession(info, m_store.get(), launcher, this);
    session->setTranscriptLocator([this](const SessionInfo &s) {
        return m_host->findTranscript(agentEnvironment(s.id), s.claudeSessionId);
    });
    session->setHost(m_host.get());
    session->setAutoRestarts(m_settings.autoRestarts);
    session->setCheckpointPool(m_executor.checkpointPool());
    connect(session, &AgentSession::changed, this, &Engine::sessionChanged);
    connect(session, &AgentSession::eventsStored, this, &Engine::eventsStored);
    connect(session, &AgentSession::approvalChanged, this, &Engine::approvalChanged);
    connect(session, &AgentSession::liveUpdated, this, &Engine::liveUpdated);
    connect(session, &AgentSession::slotReleased, this, &Engine::schedule, Qt::QueuedConnection);
    connectLimits(session);
    connect(
        session, &AgentSession::claudeLoginChecked, this,
        [this, session](bool loggedIn, const QString &said) {
            const QString problem =
                loggedIn
                    ? QString()
                    : tr("Claude Code is not logged in: %1's turn failed for want of credentials "
                         "(\"%2\"). Run `claude` once in a terminal and log in with /login (or "
                         "set ANTHROPIC_API_KEY for the engine), then start the agent again.")
                          .arg(session->info().name, said.left(200));
            if (problem == m_loginProblem)
                return;
            m_loginProblem = problem;
            Q_EMIT warningsChanged(warnings());
        });
    m_sessions.insert(info.id, session);
    m_order.append(session);
    m_scheduler.enqueue({info.id});
    return session;
}

void Engine::recover()
{
    for (AgentSession *s : std::as_const(m_order)) {
        const SessionInfo &info = s->info();
        // A message marked as being written counts too: the engine may have died between
        // writing it and storing the state that says so.
        const bool hadProcess =
            isActive(info.state) ||
            (!isFinal(info.state) && info.options.contains(QLatin1String("unconfirmedUuid")));
        if (!hadProcess) {
            // No process of this engine asked these: answering them would reach nobody.
            s->cancelApprovals(tr("Chorus restarted: the process that asked is gone"));
            continue;
        }
        m_host->endProcess(info.pid, info.claudeSessionId);
        if (s->waitingOnLimit() && !info.options.contains(QLatin1String("unconfirmedUuid"))) {
            s->recoverLimitWait(); // still waiting for the reset, "continue" still queued
            continue;
        }
        if (s->recoverEndedTurn())
            continue; // its turn had ended: nothing to resume, nothing to pay twice
        s->requeueUnconfirmedInput(m_settings.resumeOnRecovery);
        s->markInterrupted(tr("Chorus's engine stopped while this agent was working (its process "
                              "is gone)."));
        if (m_settings.resumeOnRecovery) {
            s->note(QStringLiteral("recover"), {});
            if (!s->hasPendingInput())
                s->enqueueInput(tr("Your previous run was interrupted (Chorus restarted). Continue "
                                   "the task where you left off."));
        }
    }
}

void Engine::schedule()
{
    if (!m_shuttingDown)
        m_scheduler.schedule();
}

QString Engine::uniqueName(const QString &base) const
{
    // Each agent (or spawn under way) rules out at most two names (its own, one its id starts
    // with): one of these is free, unless `base` makes no valid name at all (the spawn says so).
    const qsizetype tries = 2 * m_order.size() + m_creating.size() + 1;
    for (qsizetype n = 1; n <= tries; ++n) {
        const QString number = QLatin1Char('-') + QString::number(n);
        const QString name = base.left(64 - number.size()) + number; // a long role name fits
        if (checkNewName(name))
            return name;
    }
    return base.left(62) + QStringLiteral("-1");
}

QFuture<Result<SessionInfo>> Engine::spawn(const SpawnRequest &req)
{
    auto ready = [](const Result<SessionInfo> &r) { return readyFuture(r); };
    if (!req.requestId.isEmpty()) {
        // A retry of a request that took effect (its client gave up waiting): the same agent.
        for (AgentSession *s : std::as_const(m_order))
            if (s->info().options.value(QLatin1String("requestId")).toString() == req.requestId)
                return ready(s->info());
        for (auto c = m_creating.cbegin(); c != m_creating.cend(); ++c)
            if (c->info.options.value(QLatin1String("requestId")).toString() == req.requestId)
                return waitForCreation(c.key());
    }
    const Role *role = m_roles->find(req.role);
    if (!role)
        return ready(makeError(tr("there is no role named '%1'").arg(req.role), {},
                               tr("Known roles: %1. See `chorus roles`.")
                                   .arg(m_roles->names().join(QStringLiteral(", ")))));
    if (req.task.trimmed().isEmpty())
        return ready(makeError(tr("the task is empty"), {},
                               tr("Say what the agent should do with --task=TEXT.")));
    const QFileInfo dir(req.dir.isEmpty() ? QDir::currentPath() : req.dir);
    if (!dir.isDir())
        return ready(makeError(tr("the directory does not exist"), dir.filePath(),
                               tr("Create it or pass an existing one with --dir=DIR.")));
    const QString name = req.name.isEmpty() ? uniqueName(role->name) : req.name;
    if (Status n = checkNewName(name); !n)
        return ready(n.error());
    SessionInfo info;
    info.dir = dir.canonicalFilePath();
    info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.claudeSessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.name = name;
    info.role = role->name;
    info.task = req.task;
    info.model = req.model.isEmpty() ? role->model : req.model;
    info.state = SessionState::Queued;
    info.createdAt = nowUtc();
    info.options.insert(QStringLiteral("requestedModel"), req.model);
    if (!req.requestId.isEmpty())
        info.options.insert(QStringLiteral("requestId"), req.requestId);
    if (!req.environment.isEmpty())
        info.options.insert(QStringLiteral("environment"), keptEnvironment(req.environment));

    QString repoDir;
    if (Status plan = planWorkspace(req, &info, &repoDir); !plan)
        return ready(plan.error());
    if (repoDir.isEmpty()) { // no worktree to make: an agent at once
        // It works in the folder itself. One that can edit files is worth a warning, unless
        // the client said that is what it wants (--in-place, the GUI's confirmation).
        if (canEditFiles(*role) && !req.inPlace)
            info.warning =
                tr("works in place: it edits %1 itself, with no branch or worktree of "
                   "its own, so its changes cannot be reviewed or merged apart from yours")
                    .arg(info.dir);
        if (Status s = m_store->insertSession(info); !s)
            return ready(s.error());
        return ready(addSpawned(info, req));
    }
    // The session is recorded before any git work: a kill mid-checkout leaves a row that owns
    // what it left (the next start removes both), never a worktree nobody knows of.
    info.state = SessionState::Creating;
    if (Status s = m_store->insertSession(info); !s)
        return ready(s.error());
    // The checkout (seconds in a large repository) runs on the git executor's worktree lane, not
    // on the event loop: the engine answers and stores events meanwhile.
    AgentHost *host = m_host.get();
    const QString worktrees = QFileInfo(m_dbPath).absolutePath() + QStringLiteral("/worktrees");
    const QString base = req.base, mergeFrom = req.mergeFrom;
    const std::shared_ptr<const std::atomic_bool> cancel = m_executor.cancelFlag();
    // Recorded before the job starts: a job done at once has its continuation run right away
    // (then() on a finished future calls it directly in this thread).
    m_creating.insert(info.id, Creation{info, {}});
    QFuture<Result<SessionInfo>> answer = waitForCreation(info.id);
    QFuture<WorkspaceOutcome> work =
        m_executor.runWorkspace([host, repoDir, name, base, worktrees, mergeFrom, cancel,
                                 dir = info.dir, repoGiven = !req.repo.isEmpty()] {
            WorkspaceOutcome o;
            if (cancel->load()) { // the engine is stopping: nothing is made, the row goes
                o.workspace =
                    makeError(QStringLiteral("the engine stopped before the worktree was made"));
                return o;
            }
            o.workspace = host->createWorkspace(repoDir, name, base, worktrees);
            if (o.workspace) {
                // The agent works in the same sub-directory of its worktree as dir is of the
                // repository.
                const AgentWorkspace &ws = *o.workspace;
                const QString rel = repoGiven ? QString() : QDir(ws.repo).relativeFilePath(dir);
                o.dir = rel.isEmpty() || rel == QLatin1String(".") ||
                                rel.startsWith(QLatin1String(".."))
                            ? ws.worktree
                            : QDir(ws.worktree).filePath(rel);
                QDir().mkpath(o.dir);
            }
            if (o.workspace && !mergeFrom.isEmpty()) {
                const Result<QList<ConflictFile>> conflicts =
                    beginMerge(o.workspace->worktree, mergeFrom);
                if (conflicts) {
                    o.conflicts = *conflicts;
                } else {
                    host->removeWorkspace(o.workspace->repo, o.workspace->worktree,
                                          o.workspace->branch);
                    o.workspace = conflicts.error();
                }
            }
            return o;
        });
    const QString id = info.id;
    work.then(this, [this, id, req](const WorkspaceOutcome &o) {
        // Every caller waiting for this spawn (a retry with its request id too) gets the answer.
        const QList<std::shared_ptr<QPromise<Result<SessionInfo>>>> waiters =
            m_creating.value(id).waiters;
        const Result<SessionInfo> r = workspaceMade(id, req, o);
        for (const auto &w : waiters) {
            w->addResult(r);
            w->finish();
        }
    });
    return answer;
}

QFuture<Result<SessionInfo>> Engine::waitForCreation(const QString &id)
{
    // One promise per caller: a QFuture keeps only one continuation.
    auto promise = std::make_shared<QPromise<Result<SessionInfo>>>();
    promise->start();
    m_creating[id].waiters.append(promise);
    return promise->future();
}

Status Engine::checkNewName(const QString &name) const
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!valid.match(name).hasMatch())
        return makeError(tr("'%1' is not a valid agent name").arg(name), {},
                         tr("Use letters, digits, '.', '_' and '-' (at most 64), starting with a "
                            "letter or digit."));
    for (const Creation &c : m_creating)
        if (c.info.name == name)
            return makeError(tr("an agent named '%1' already exists").arg(name), c.info.id,
                             tr("Choose another --name, or leave it out for an automatic one."));
    for (AgentSession *s : m_order) {
        if (s->info().name == name)
            return makeError(tr("an agent named '%1' already exists").arg(name), s->id(),
                             tr("Choose another --name, or leave it out for an automatic one."));
        // A name wins over an id prefix when an agent is looked up: such a name would
        // take the other agent's place in every command that used that prefix.
        if (name.size() >= 4 && s->id().startsWith(name, Qt::CaseInsensitive))
            return makeError(
                tr("'%1' is the start of agent %2's id").arg(name, s->info().name), s->id(),
                tr("Choose another --name: commands that name an agent by an id prefix "
                   "would reach the wrong one."));
    }
    return Ok{};
}

Result<SessionInfo> Engine::workspaceMade(const QString &id, const SpawnRequest &req,
                                          const WorkspaceOutcome &o)
{
    SessionInfo info = m_creating.take(id).info;
    if (!o.workspace) {
        m_store->removeSession(id); // nothing was made: nothing to own
        return o.workspace.error();
    }
    const AgentWorkspace &ws = *o.workspace;
    info.dir = o.dir;
    info.repo = ws.repo;
    info.branch = ws.branch;
    info.worktree = ws.worktree;
    info.baseCommit = ws.baseCommit;
    info.head = ws.baseCommit;
    if (!req.mergeFrom.isEmpty()) {
        QJsonArray paths;
        for (const ConflictFile &c : o.conflicts)
            paths.append(c.toJson());
        info.branchState.resolving = BranchState::Resolving{req.mergeFrom, paths};
    }
    info.state = SessionState::Queued;
    if (Status s = m_store->updateSession(info); !s) {
        // The row goes once the worktree has (until then it owns it, for the next start).
        discardWorkspace(info).then(this, [this, id] { m_store->removeSession(id); });
        return s.error();
    }
    return addSpawned(info, req);
}

Result<SessionInfo> Engine::addSpawned(const SessionInfo &info, const SpawnRequest &req)
{
    if (!req.environment.isEmpty())
        m_clientEnv.insert(info.id, req.environment);
    AgentSession *session = addSession(info);
    if (Status s = session->enqueueInput(req.task); !s)
        return s.error();
    Q_EMIT sessionChanged(session->info());
    schedule();
    return session->info();
}

Status Engine::planWorkspace(const SpawnRequest &req, SessionInfo *info, QString *repoDir)
{
    if (req.noWorktree || req.inPlace) {
        if (!req.base.isEmpty())
            return makeError(tr("--base needs a worktree; it cannot be used with %1")
                                 .arg(req.inPlace ? QStringLiteral("--in-place")
                                                  : QStringLiteral("--no-worktree")),
                             {}, tr("Leave out --base, or let the agent have its own worktree."));
        return Ok{};
    }
    const QString dir = req.repo.isEmpty() ? info->dir : QFileInfo(req.repo).absoluteFilePath();
    Result<GitRepository> repo = GitRepository::discover(dir);
    if (!repo) {
        if (!req.repo.isEmpty() || !req.base.isEmpty())
            return repo.error(); // isolation was asked for explicitly
        return Ok{};             // not a repository: the agent works in the directory as given
    }
    *repoDir = dir;
    return Ok{};
}

QFuture<void> Engine::discardWorkspace(const SessionInfo &info)
{
    AgentHost *host = m_host.get();
    return m_executor.runWorkspace(
        [host, repo = info.repo, worktree = info.worktree, branch = info.branch] {
            if (!worktree.isEmpty())
                host->removeWorkspace(repo, worktree, branch);
        });
}

AgentSession *Engine::session(const QString &agent, Error *error) const
{
    if (auto it = m_sessions.constFind(agent); it != m_sessions.constEnd())
        return *it;
    QList<AgentSession *> byPrefix;
    for (AgentSession *s : m_order) {
        if (s->info().name == agent)
            return s;
        if (agent.size() >= 4 && s->id().startsWith(agent))
            byPrefix.append(s);
    }
    if (byPrefix.size() == 1)
        return byPrefix.first();
    if (byPrefix.size() > 1) {
        QStringList names;
        for (AgentSession *s : byPrefix)
            names << s->info().name;
        *error = makeError(tr("'%1' matches several agents: %2").arg(agent, names.join(QStringLiteral(", "))),
                           {}, tr("Use a longer id prefix or the name."));
        return nullptr;
    }
    *error = makeError(tr("no agent '%1'").arg(agent), {},
                       tr("`chorus status` lists agents by id and name."));
    return nullptr;
}

Result<SessionInfo> Engine::find(const QString &agent) const
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    return s->info();
}

QList<SessionInfo> Engine::sessions() const
{
    QList<SessionInfo> out;
    out.reserve(m_order.size());
    for (AgentSession *s : m_order)
        out.append(s->info());
    return out;
}

namespace {
// An agent whose worktree was cleaned takes no more messages: there is nowhere for it to work.
// The error says where its work is now and how to go on from there.
Status refuseIfCleaned(const SessionInfo &info)
{
    const std::optional<BranchState::Cleaned> &cleaned = info.branchState.cleaned;
    if (!cleaned)
        return Ok{};
    // A word a shell reads as one: quoted when it holds anything but the plain characters.
    const auto word = [](const QString &w) -> QString {
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
        return plain.match(w).hasMatch()
                   ? w
                   : QLatin1Char('\'') +
                         QString(w).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                         QLatin1Char('\'');
    };
    const auto spawn = [&](const QString &base) -> QString { // QString: no builder of locals
        QString cmd = QStringLiteral("chorus spawn ") + word(info.role) +
                      QStringLiteral(" --repo=") + word(info.repo);
        if (!base.isEmpty())
            cmd += QStringLiteral(" --base=") + word(base);
        return cmd + QStringLiteral(" --task=\"...\"");
    };
    const QString message =
        Engine::tr("its worktree was cleaned up; it cannot take messages or be resumed");
    QString hint;
    if (!cleaned->branchDeleted && !info.branch.isEmpty())
        hint = Engine::tr("Its branch %1 is kept: start a new agent from it with `%2`.")
                   .arg(info.branch, spawn(info.branch));
    else if (!cleaned->archiveRef.isEmpty())
        hint = Engine::tr("Its commits are kept under %1: start a new agent from them with `%2`.")
                   .arg(cleaned->archiveRef, spawn(cleaned->archiveRef));
    else
        hint =
            Engine::tr(
                "Its branch was merged and deleted: start a new agent from the target with `%1`.")
                .arg(spawn({}));
    return makeError(message, info.name, hint);
}
} // namespace

Status Engine::send(const QString &agent, const QString &text)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    if (Status st = refuseIfCleaned(s->info()); !st)
        return st;
    if (text.trimmed().isEmpty())
        return makeError(tr("the message is empty"), s->info().name);
    if (Status st = s->enqueueInput(text); !st)
        return st;
    schedule();
    return Ok{};
}

Status Engine::resume(const QString &agent, const QString &task, const QProcessEnvironment &environment)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    if (Status st = refuseIfCleaned(s->info()); !st)
        return st;
    if (!environment.isEmpty()) {
        m_clientEnv.insert(s->id(), environment);
        s->setOption(QStringLiteral("environment"), keptEnvironment(environment));
    }
    if (s->processAlive() && s->turnInFlight())
        return makeError(tr("the agent is already running"), s->info().name);
    // What a failed launch set aside is sent first; without it the agent is asked to go on.
    QStringList texts = s->takeDroppedInputs();
    if (!task.isEmpty())
        texts << task;
    else if (texts.isEmpty())
        texts << tr("Continue the task where you left off.");
    for (const QString &text : std::as_const(texts))
        if (Status st = s->enqueueInput(text); !st)
            return st;
    schedule();
    return Ok{};
}

Status Engine::interrupt(const QString &agent)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    return s->interrupt();
}

Status Engine::stop(const QString &agent)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    s->stop(true);
    schedule();
    return Ok{};
}

void Engine::stopAll()
{
    for (AgentSession *s : std::as_const(m_order))
        if (s->processAlive() || s->hasPendingInput())
            s->stop(true);
}

Result<ApprovalInfo> Engine::answer(const QString &agent, qint64 requestId, bool allow,
                                    bool forSession, const QString &message)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    const QList<ApprovalInfo> pending = s->pendingApprovals();
    if (pending.isEmpty())
        return makeError(tr("the agent has no pending approval request"), s->info().name);
    ApprovalInfo target = pending.first();
    if (requestId > 0) {
        auto it = std::find_if(pending.begin(), pending.end(),
                               [&](const ApprovalInfo &a) { return a.id == requestId; });
        if (it == pending.end())
            return makeError(tr("no pending request %1").arg(requestId), s->info().name,
                             tr("`chorus status` lists the open requests."));
        target = *it;
    }
    if (Status st = s->answer(target.id, allow, forSession, message); !st)
        return st.error();
    target.state = allow ? QStringLiteral("allowed") : QStringLiteral("denied");
    return target;
}

QList<ApprovalInfo> Engine::pendingApprovals(const QString &sessionId) const
{
    return m_store->approvals(sessionId, true);
}

QList<StoredEvent> Engine::events(const QString &sessionId, qint64 afterSeq, int limit) const
{
    return m_store->events(sessionId, afterSeq, limit);
}

QStringList Engine::liveSessionIds() const
{
    QStringList ids;
    for (const AgentSession *s : m_order)
        if (s->processAlive())
            ids.append(s->id());
    return ids;
}

LiveUpdate Engine::liveSnapshot(const QString &sessionId) const
{
    if (const AgentSession *s = m_sessions.value(sessionId))
        return s->liveSnapshot();
    LiveUpdate none;
    none.sessionId = sessionId;
    none.snapshot = true;
    return none;
}

QList<StoredEvent> Engine::tailEvents(const QString &sessionId, int count) const
{
    return m_store->tailEvents(sessionId, count);
}

QString Engine::claudeProblem() const
{
    // The engine's own view (its setting, its environment): what `chorus status` reports. A
    // client's agents may carry another environment; claude.locate answers for that one.
    if (const Result<ClaudeLocation> found = m_host->locateClaude(m_settings.claudePath, m_env);
        !found)
        return tr("Claude Code cannot be started, so agents cannot run: %1")
            .arg(found.error().toString());
    return m_loginProblem;
}

QStringList Engine::warnings() const
{
    QStringList out = m_warnings;
    if (const QString claude = claudeProblem(); !claude.isEmpty())
        out.prepend(claude);
    QStringList paused;
    QString error;
    for (AgentSession *s : m_order) {
        if (s->storageBroken()) {
            paused << s->info().name;
            error = s->storageError();
        }
    }
    if (!paused.isEmpty())
        out << tr("cannot write the database %1 (%2): %3 paused with their output held. Free disk "
                  "space in "
                  "%4 (or fix its permissions); Chorus retries every second and goes on by itself.")
                   .arg(m_dbPath, error, paused.join(QStringLiteral(", ")),
                        QFileInfo(m_dbPath).absolutePath());
    return out;
}

double Engine::costToday() const
{
    const QDateTime midnight(QDate::currentDate(), QTime(0, 0));
    return m_store->costSince(midnight.toUTC().toString(Qt::ISODateWithMs));
}

bool Engine::anyProcessAlive() const
{
    for (AgentSession *s : m_order)
        if (s->processAlive())
            return true;
    return false;
}

bool Engine::hasLiveAgents() const
{
    if (m_executor.isBusy()) // a merge queue's check, a sync, a checkpoint: not idle
        return true;
    for (AgentSession *s : m_order) {
        const SessionState state = s->info().state;
        if (s->processAlive() || state == SessionState::Creating || state == SessionState::Queued ||
            isActive(state))
            return true;
    }
    return false;
}

} // namespace chorus
