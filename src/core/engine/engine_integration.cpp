// The engine's git operations: merge queue, sync, clean and review approval. The git work
// itself is in integration/ and runs on the git executor's thread; here the agents are chosen,
// held (no turn starts while their branch moves) and the outcome recorded.
#include "engine/engine.h"

#include "engine/agentsession.h"
#include "git/agentworkspace.h"
#include "git/branchstatus.h"
#include "git/gitrepository.h"
#include "integration/branchsync.h"
#include "integration/cleanup.h"
#include "integration/mergequeue.h"
#include "store/database.h"
#include "store/sessionstore.h"
#include "util/readyfuture.h"
#include "util/shellwords.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QPromise>
#include <QTimer>

namespace chorus {

namespace {

QString canonicalWorkDir(const QString &path)
{
    const Result<GitRepository> repo = GitRepository::discover(path);
    if (!repo)
        return {};
    // Inside an agent's worktree, the repository is still the user's (the main work tree).
    const Result<GitRepository> main = GitRepository::open(repo->commonDir());
    const QString dir = main && !main->workDir().isEmpty() ? main->workDir() : repo->workDir();
    return QDir(dir).canonicalPath();
}

bool busy(const AgentSession *s)
{
    return s->turnInFlight() || s->hasPendingInput() || s->checkpointing() || isActive(s->info().state);
}

bool cleaned(const SessionInfo &info)
{
    return info.branchState.isCleaned();
}

template<class T> QFuture<Result<T>> failed(const Error &e)
{
    return readyFuture(Result<T>(e));
}
} // namespace

Result<QList<AgentSession *>> Engine::gitAgents(const QStringList &agents, const QString &repo) const
{
    QList<AgentSession *> out;
    for (const QString &name : agents) {
        Error e;
        AgentSession *s = session(name, &e);
        if (!s)
            return e;
        if (s->info().repo.isEmpty() || s->info().branch.isEmpty())
            return makeError(tr("agent %1 works in place, without a branch of its own").arg(s->info().name),
                             s->info().dir, tr("Only agents spawned in a git repository have a branch to merge."));
        if (cleaned(s->info()))
            return makeError(tr("agent %1 was cleaned up (its worktree is gone)").arg(s->info().name), s->info().branch);
        if (!out.contains(s))
            out << s;
    }
    if (!agents.isEmpty())
        return out;
    const QString dir = canonicalWorkDir(repo.isEmpty() ? QDir::currentPath() : repo);
    if (dir.isEmpty())
        return makeError(tr("not inside a git repository"), repo.isEmpty() ? QDir::currentPath() : repo,
                         tr("Name the agents, or pass --repo=DIR with the repository they work in."));
    for (AgentSession *s : m_order)
        if (!s->info().branch.isEmpty() && !cleaned(s->info()) && QDir(s->info().repo).canonicalPath() == dir)
            out << s;
    if (out.isEmpty())
        return makeError(tr("no agent works in this repository"), dir,
                         tr("Spawn one with `chorus spawn ROLE --repo=%1 --task=...`.").arg(dir));
    return out;
}

AgentBranch Engine::branchOf(const AgentSession *s, int needs) const
{
    const SessionInfo &i = s->info();
    AgentBranch b;
    b.sessionId = i.id;
    b.name = i.name;
    b.role = i.role;
    b.task = i.task;
    b.repo = i.repo;
    b.branch = i.branch;
    b.worktree = i.worktree;
    b.busy = busy(s) || m_executor.holds(i.id);
    b.processAlive = s->processAlive();
    b.approved = i.branchState.mergeApproved;
    if (needs & NeedsResults)
        b.results = m_store->resultTexts(i.id, 20);
    if (needs & NeedsMergeRecords) {
        for (const SessionStore::MergeRecord &m : m_store->merges(i.id)) {
            const bool in = m.state == QLatin1String("merged") || m.state == QLatin1String("up-to-date");
            if (m.kind == QLatin1String("merge") && in)
                b.recordedMerges << RecordedMerge{m.target, m.branchHead(), m.targetAfter};
        }
    }
    return b;
}

template<class T>
QFuture<Result<T>> Engine::runGitJob(const QList<AgentSession *> &agents,
                                     std::function<T(const QList<AgentBranch> &)> job,
                                     std::function<void(const T &)> record, int needs)
{
    QList<AgentBranch> snapshot;
    QStringList held;
    for (AgentSession *s : agents) {
        snapshot << branchOf(s, needs);
        if (!snapshot.last().busy) {
            m_executor.hold({s->id()});
            held << s->id();
        }
    }
    QFuture<T> work = m_executor.run([snapshot, job] { return job(snapshot); });
    return work.then(this, [this, held, record](const T &result) {
        record(result);
        m_executor.release(held);
        schedule();
        return Result<T>(result);
    });
}

QFuture<Result<MergeQueueReport>> Engine::mergeQueue(const MergeQueueOptions &o)
{
    auto fail = [](const Error &e) { return failed<MergeQueueReport>(e); };
    const std::optional<QueueStrategy> strategy = queueStrategyFromName(o.strategy);
    if (!strategy)
        return fail(makeError(tr("unknown merge strategy '%1'").arg(o.strategy), {},
                              tr("Use --strategy=review, auto, squash or rebase.")));
    if (!o.into.isEmpty() && !GitRepository::isValidBranchName(o.into))
        return fail(
            makeError(tr("'%1' is not a valid branch name").arg(o.into), QStringLiteral("--into")));
    if (!o.resolutions.isEmpty() && o.agents.size() != 1)
        return fail(
            makeError(tr("resolutions are for the conflicts of one agent; name exactly one")));
    MergeQueueRequest req;
    req.resolutions = o.resolutions;
    req.strategy = *strategy;
    req.target = o.into;
    req.dryRun = o.dryRun;
    req.checkRoot = QFileInfo(m_dbPath).absolutePath() + QStringLiteral("/checks");
    // Checks run with the same environment policy as agents: the engine's, less the deny list.
    req.checkEnvironment = filterEnvironment(m_env, kDefaultEnvDeny + m_settings.envDeny).toStringList();
    if (!o.check.trimmed().isEmpty()) {
        Result<QStringList> words = splitShellWords(o.check);
        if (!words)
            return fail(makeError(
                tr("cannot read the check command: %1").arg(words.error().message),
                QStringLiteral("--check %1").arg(words.error().where), words.error().hint));
        req.check = *words;
    }
    Result<QList<AgentSession *>> agents = gitAgents(o.agents, o.repo);
    if (!agents)
        return fail(agents.error());
    // Named agents are merged in the order given; otherwise in the order they were spawned.
    const std::shared_ptr<const std::atomic_bool> cancel = m_executor.cancelFlag();
    const QString strategyName = queueStrategyName(*strategy);
    std::function<MergeQueueReport(const QList<AgentBranch> &)> job =
        [req, cancel](const QList<AgentBranch> &snapshot) {
            return MergeQueueReport{req.strategy, req.dryRun,
                                    runMergeQueue(snapshot, req, cancel.get())};
        };
    std::function<void(const MergeQueueReport &)> record = [this, strategyName](
                                                               const MergeQueueReport &report) {
        if (report.dryRun)
            return;
        for (const QueueItem &item : report.items) {
            AgentSession *s = m_sessions.value(item.sessionId);
            if (!s)
                continue;
            const MergeOutcome &outcome = item.outcome;
            if (item.attempted) {
                SessionStore::MergeRecord m;
                m.sessionId = s->id();
                m.kind = QStringLiteral("merge");
                m.strategy = strategyName;
                m.branch = s->info().branch;
                m.target = outcome.target;
                m.state = outcome.stateName();
                m.targetBefore = outcome.targetBefore;
                m.targetAfter = outcome.targetAfter;
                m.detail = outcome.toJson();
                m_store->insertMerge(m);
            }
            s->note(QStringLiteral("merge"), item.toJson());
            if (item.state == QLatin1String("busy") ||
                item.state == QLatin1String("waiting-review")) {
                if (!item.checkpoint.isEmpty())
                    s->updateGitState(item.checkpoint);
                continue;
            }
            BranchState::Merge merge{item.state, strategyName, {}, {}, {}, item.message, nowUtc()};
            if (item.attempted) {
                merge.target = outcome.target;
                merge.commit = outcome.targetAfter;
                merge.branchHead = outcome.branchHead;
            }
            s->updateGitState(item.checkpoint, [&merge](BranchState &b) { b.merge = merge; });
        }
    };
    return runGitJob(*agents, job, record, *strategy == QueueStrategy::Squash ? NeedsResults : NeedsNothing);
}

QFuture<Result<SyncReport>> Engine::sync(const QStringList &agentNames, const QString &repo,
                                         const QString &into, bool rebase)
{
    if (!into.isEmpty() && !GitRepository::isValidBranchName(into))
        return failed<SyncReport>(
            makeError(tr("'%1' is not a valid branch name").arg(into), QStringLiteral("--into")));
    Result<QList<AgentSession *>> agents = gitAgents(agentNames, repo);
    if (!agents)
        return failed<SyncReport>(agents.error());
    std::function<SyncReport(const QList<AgentBranch> &)> job =
        [into, rebase](const QList<AgentBranch> &snapshot) {
            return SyncReport{rebase, runSync(snapshot, into, rebase)};
        };
    std::function<void(const SyncReport &)> record = [this](const SyncReport &report) {
        for (const QueueItem &item : report.items) {
            AgentSession *s = m_sessions.value(item.sessionId);
            if (!s)
                continue;
            const MergeOutcome &outcome = item.outcome;
            const QString head =
                item.state == QLatin1String("merged") ? outcome.targetAfter : item.checkpoint;
            if (item.attempted) {
                SessionStore::MergeRecord m;
                m.sessionId = s->id();
                m.kind = QStringLiteral("sync");
                m.strategy = report.rebase ? QStringLiteral("rebase") : QStringLiteral("merge");
                m.branch = outcome.branch; // what came in
                m.target = s->info().branch;
                m.state = item.state;
                m.targetBefore = outcome.targetBefore;
                m.targetAfter = outcome.targetAfter;
                m.detail = outcome.toJson();
                m_store->insertMerge(m);
            }
            s->note(QStringLiteral("sync"), item.toJson());
            if (item.state == QLatin1String("busy")) {
                if (!head.isEmpty())
                    s->updateGitState(head);
                continue;
            }
            BranchState::Sync sync{item.state, outcome.branch, {}, item.message, nowUtc()};
            for (const ConflictFile &c : outcome.conflicts)
                sync.conflicts << c.path;
            s->updateGitState(head, [&sync](BranchState &b) { b.sync = sync; });
        }
    };
    return runGitJob(*agents, job, record);
}

QFuture<Result<CleanReport>> Engine::clean(const QStringList &agentNames, bool all, bool force)
{
    QList<AgentSession *> agents;
    if (agentNames.isEmpty()) {
        for (AgentSession *s : m_order)
            if (!s->info().worktree.isEmpty() && !cleaned(s->info()))
                agents << s;
    } else {
        Result<QList<AgentSession *>> named = gitAgents(agentNames, {});
        if (!named)
            return failed<CleanReport>(named.error());
        agents = *named;
    }
    const bool mergedOnly = !all;
    std::function<CleanReport(const QList<AgentBranch> &)> job =
        [mergedOnly, force](const QList<AgentBranch> &snapshot) {
            CleanReport report;
            report.items = runClean(snapshot, {}, mergedOnly, force);
            for (const CleanItem &i : std::as_const(report.items))
                report.bytesFreed += i.bytesFreed;
            return report;
        };
    std::function<void(const CleanReport &)> record = [this](const CleanReport &report) {
        for (const CleanItem &item : report.items) {
            AgentSession *s = m_sessions.value(item.sessionId);
            if (!s)
                continue;
            s->note(QStringLiteral("clean"), item.toJson());
            if (item.state != QLatin1String("removed"))
                continue;
            QFile::remove(rolePromptFile(s->id()));
            const BranchState::Cleaned cleaned{nowUtc(), item.branchDeleted, item.archiveRef};
            s->updateGitState({}, [&cleaned](BranchState &b) { b.cleaned = cleaned; });
        }
    };
    // An idle agent's process is closed first: nothing may work in a worktree being removed.
    // A working agent is reported and kept. With --merged only the agents that will go are
    // closed; which those are is found on the git thread (it reads their branches). An agent
    // whose process still runs when the clean does is kept.
    QList<AgentBranch> live;
    for (AgentSession *s : std::as_const(agents))
        if (!busy(s) && s->processAlive())
            live << branchOf(s, NeedsMergeRecords);
    if (live.isEmpty())
        return runGitJob(agents, job, record, NeedsMergeRecords);
    QFuture<QStringList> going = m_executor.run([live, mergedOnly] {
        QStringList ids;
        for (const AgentBranch &b : live) {
            if (mergedOnly) {
                const Result<QString> target = defaultMergeTarget(b.repo);
                const Result<Merged> merged = target ? isMerged(b, *target) : Result<Merged>(target.error());
                if (!merged || *merged == Merged::No)
                    continue;
            }
            ids << b.sessionId;
        }
        return ids;
    });
    return going
        .then(this,
              [this, agents, job, record](const QStringList &ids) {
                  QList<AgentSession *> closing;
                  for (const QString &id : ids) {
                      AgentSession *s = m_sessions.value(id);
                      if (s && !busy(s) && s->processAlive()) {
                          s->stop();
                          closing << s;
                      }
                  }
                  if (closing.isEmpty())
                      return runGitJob(agents, job, record, NeedsMergeRecords);
                  // Wait (up to 10 s) for the closing processes to end, then clean.
                  auto promise = std::make_shared<QPromise<Result<CleanReport>>>();
                  promise->start();
                  auto *timer = new QTimer(this);
                  auto started = std::make_shared<QDeadlineTimer>(10000);
                  connect(timer, &QTimer::timeout, this, [=, this] {
                      bool alive = false;
                      for (AgentSession *s : closing)
                          alive = alive || s->processAlive() || s->checkpointing();
                      if (alive && !started->hasExpired())
                          return;
                      timer->deleteLater();
                      runGitJob(agents, job, record, NeedsMergeRecords)
                          .then(this, [promise](const Result<CleanReport> &r) {
                              promise->addResult(r);
                              promise->finish();
                          });
                  });
                  timer->start(100);
                  return promise->future();
              })
        .unwrap();
}

Status Engine::approveMerge(const QString &agent, bool approved)
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    if (s->info().branch.isEmpty())
        return makeError(tr("agent %1 works in place, without a branch of its own").arg(s->info().name), s->info().dir);
    s->updateGitState({}, [approved](BranchState &b) { b.mergeApproved = approved; });
    s->note(QStringLiteral("merge_approval"), QJsonObject{{QStringLiteral("approved"), approved}});
    return Ok{};
}

namespace {
// What the git thread found before a resolver is spawned.
struct ResolverPlan
{
    Result<QString> checkpoint = QString(); // the agent's work in progress, committed first
    Result<QString> target = QString();
    Result<BranchStatus> status = BranchStatus{};
};
} // namespace

QFuture<Result<SessionInfo>> Engine::spawnResolver(const QString &agent, const QString &into)
{
    auto fail = [](const Error &e) { return readyFuture(Result<SessionInfo>(e)); };
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return fail(e);
    const SessionInfo i = s->info();
    if (i.repo.isEmpty() || i.branch.isEmpty() || cleaned(i))
        return fail(
            makeError(tr("agent %1 has no branch to merge").arg(i.name), i.dir,
                      tr("Only agents spawned in a git repository have a branch to merge.")));
    if (busy(s) || m_executor.holds(i.id))
        return fail(
            makeError(tr("agent %1 is working; resolve its conflicts when it is idle").arg(i.name),
                      i.branch));
    if (!into.isEmpty() && !GitRepository::isValidBranchName(into))
        return fail(
            makeError(tr("'%1' is not a valid branch name").arg(into), QStringLiteral("--into")));
    // On the git thread, the agent held (no turn starts meanwhile): its latest work is committed
    // first, so that the resolver merges all of it, then the merge is tried in memory.
    m_executor.hold({i.id});
    const QString summary = tr("work in progress");
    QFuture<ResolverPlan> work = m_executor.run([i, into, summary] {
        ResolverPlan p;
        if (!i.worktree.isEmpty() && QFileInfo(i.worktree).isDir())
            p.checkpoint = checkpointWorkspace(i.worktree, i.role, i.name, summary);
        if (!p.checkpoint)
            return p;
        p.target = into.isEmpty() ? defaultMergeTarget(i.repo) : Result<QString>(into);
        if (p.target)
            p.status = branchStatus(i.repo, i.branch, *p.target);
        return p;
    });
    QPointer<AgentSession> asker(s);
    return work
        .then(this,
              [this, asker, i](const ResolverPlan &p) {
                  m_executor.release({i.id});
                  schedule();
                  if (!asker)
                      return readyFuture(
                          Result<SessionInfo>(makeError(tr("agent %1 was removed").arg(i.name))));
                  if (p.checkpoint && !p.checkpoint->isEmpty())
                      asker->updateGitState(*p.checkpoint);
                  Error error;
                  if (!p.checkpoint)
                      error = p.checkpoint.error();
                  else if (!p.target)
                      error = p.target.error();
                  else if (!p.status)
                      error = p.status.error();
                  if (!error.message.isEmpty())
                      return readyFuture(Result<SessionInfo>(error));
                  return spawnResolverFor(asker, *p.target, *p.status);
              })
        .unwrap();
}

QFuture<Result<SessionInfo>> Engine::spawnResolverFor(AgentSession *s, const QString &target,
                                                      const BranchStatus &st)
{
    auto fail = [](const Error &e) { return readyFuture(Result<SessionInfo>(e)); };
    const SessionInfo &i = s->info();
    if (st.merged)
        return fail(makeError(tr("%1 is already merged into %2").arg(i.branch, target), i.name));
    if (st.clean)
        return fail(makeError(
            tr("%1 merges into %2 without conflicts: nothing to resolve").arg(i.branch, target),
            i.name, tr("Merge it with `chorus merge %1`.").arg(i.name)));
    QStringList files;
    for (const ConflictFile &c : st.conflicts)
        files << QStringLiteral("- %1 (%2)").arg(c.path, c.kind);
    SpawnRequest req;
    req.role = QStringLiteral("resolver");
    req.repo = i.repo;
    req.dir = i.repo;
    req.base = target;
    req.mergeFrom = i.branch;
    req.name = i.name.left(54) + QStringLiteral("-resolver");
    for (int n = 2; !checkNewName(req.name) && n < 10000; ++n)
        req.name = i.name.left(50) + QStringLiteral("-resolver-%1").arg(n);
    req.task =
        tr("Resolve the conflicts of merging branch %1 (agent %2, a %3) into %4.\n\n"
           "The merge is in progress in your worktree. These files have conflicts:\n%5\n\n"
           "What %2 was asked to do:\n%6\n\n"
           "See both sides with `git log --oneline %4..%1`, `git log --oneline %1..%4` and "
           "`git diff %7 %1 -- FILE` / `git diff %7 %4 -- FILE`. Resolve every conflict, remove "
           "all "
           "markers, build and test. Do not commit: Chorus commits the merge when you finish.")
            .arg(i.branch, i.name, i.role, target, files.join(QLatin1Char('\n')), i.task,
                 st.mergeBase.left(12));
    QPointer<AgentSession> asker(s);
    return spawn(req).then(this, [asker, target](const Result<SessionInfo> &r) {
        if (r && asker)
            asker->note(QStringLiteral("resolver"),
                        QJsonObject{{QStringLiteral("agent"), r->name},
                                    {QStringLiteral("target"), target}});
        return r;
    });
}

Result<QJsonObject> Engine::reviewTarget(const QString &agent, const QString &into) const
{
    Error e;
    AgentSession *s = session(agent, &e);
    if (!s)
        return e;
    const SessionInfo &i = s->info();
    if (i.repo.isEmpty() || i.branch.isEmpty())
        return makeError(tr("agent %1 works in place, without a branch of its own").arg(i.name), i.dir,
                         tr("Only agents spawned in a git repository have a branch to review."));
    QString target = into;
    if (target.isEmpty()) {
        const Result<QString> t = defaultMergeTarget(i.repo);
        target = t ? *t : i.baseCommit; // detached or unborn HEAD: compare with where it began
    }
    const Result<GitRepository> repo = GitRepository::discover(i.repo);
    const bool branchThere = repo && repo->branchExists(i.branch);
    return QJsonObject{{QStringLiteral("repo"), i.repo},
                       {QStringLiteral("branch"), branchThere ? i.branch : i.head},
                       {QStringLiteral("target"), target},
                       {QStringLiteral("head"), i.head},
                       {QStringLiteral("baseCommit"), i.baseCommit}};
}

QJsonArray Engine::mergeHistory(const QString &agent) const
{
    Error e;
    AgentSession *s = session(agent, &e);
    QJsonArray out;
    if (!s)
        return out;
    for (const SessionStore::MergeRecord &m : m_store->merges(s->id()))
        out.append(m.toJson());
    return out;
}

} // namespace chorus
