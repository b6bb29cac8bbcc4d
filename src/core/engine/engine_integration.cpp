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
#include "util/shellwords.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QPromise>
#include <QTimer>

namespace chorus {

namespace {
QFuture<GitReply> readyReply(GitReply reply)
{
    QPromise<GitReply> p;
    p.start();
    p.addResult(std::move(reply));
    p.finish();
    return p.future();
}


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
    return info.options.contains(QLatin1String("cleaned"));
}
} // namespace

QFuture<GitReply> failedGitReply(const Error &e)
{
    GitReply r;
    r.ok = false;
    r.error = e;
    return readyReply(r);
}

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
    b.approved = i.options.value(QLatin1String("mergeApproved")).toBool();
    if (needs & NeedsResults)
        b.results = m_store->resultTexts(i.id, 20);
    if (needs & NeedsMergeRecords) {
        for (const SessionStore::MergeRecord &m : m_store->merges(i.id)) {
            const QString head = m.detail.value(QLatin1String("branchHead")).toString();
            const bool in = m.state == QLatin1String("merged") || m.state == QLatin1String("up-to-date");
            if (m.kind == QLatin1String("merge") && in && !head.isEmpty() && !m.targetAfter.isEmpty())
                b.mergedHeads.insert(m.target, {head, m.targetAfter});
        }
    }
    return b;
}

QFuture<GitReply> Engine::runGitJob(const QList<AgentSession *> &agents,
                                    std::function<QJsonObject(const QList<AgentBranch> &)> job,
                                    std::function<void(const QJsonObject &)> record, int needs)
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
    QFuture<QJsonObject> work = m_executor.run([snapshot, job] { return job(snapshot); });
    return work.then(this, [this, held, record](const QJsonObject &result) {
        record(result);
        m_executor.release(held);
        schedule();
        GitReply r;
        r.value = result;
        return r;
    });
}

QFuture<GitReply> Engine::mergeQueue(const MergeQueueOptions &o)
{
    const std::optional<QueueStrategy> strategy = queueStrategyFromName(o.strategy);
    if (!strategy)
        return failedGitReply(makeError(tr("unknown merge strategy '%1'").arg(o.strategy), {},
                                tr("Use --strategy=review, auto, squash or rebase.")));
    if (!o.into.isEmpty() && !GitRepository::isValidBranchName(o.into))
        return failedGitReply(makeError(tr("'%1' is not a valid branch name").arg(o.into), QStringLiteral("--into")));
    if (!o.resolutions.isEmpty() && o.agents.size() != 1)
        return failedGitReply(makeError(tr("resolutions are for the conflicts of one agent; name exactly one")));
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
            return failedGitReply(makeError(tr("cannot read the check command: %1").arg(words.error().message),
                                    QStringLiteral("--check %1").arg(words.error().where), words.error().hint));
        req.check = *words;
    }
    Result<QList<AgentSession *>> agents = gitAgents(o.agents, o.repo);
    if (!agents)
        return failedGitReply(agents.error());
    // Named agents are merged in the order given; otherwise in the order they were spawned.
    const std::shared_ptr<const std::atomic_bool> cancel = m_executor.cancelFlag();
    const QString strategyName = queueStrategyName(*strategy);
    auto job = [req, cancel, strategyName](const QList<AgentBranch> &snapshot) {
        QJsonArray items;
        for (const QueueItem &i : runMergeQueue(snapshot, req, cancel.get()))
            items.append(i.toJson());
        return QJsonObject{{QStringLiteral("strategy"), strategyName},
                           {QStringLiteral("dryRun"), req.dryRun},
                           {QStringLiteral("items"), items}};
    };
    auto record = [this, strategyName](const QJsonObject &result) {
        if (result.value(QLatin1String("dryRun")).toBool())
            return;
        for (const QJsonValue &v : result.value(QLatin1String("items")).toArray()) {
            const QJsonObject item = v.toObject();
            AgentSession *s = m_sessions.value(item.value(QLatin1String("sessionId")).toString());
            if (!s)
                continue;
            const QString checkpoint = item.value(QLatin1String("checkpoint")).toString();
            const QJsonObject outcome = item.value(QLatin1String("outcome")).toObject();
            if (!outcome.isEmpty()) {
                SessionStore::MergeRecord m;
                m.sessionId = s->id();
                m.kind = QStringLiteral("merge");
                m.strategy = strategyName;
                m.branch = s->info().branch;
                m.target = outcome.value(QLatin1String("target")).toString();
                m.state = outcome.value(QLatin1String("state")).toString();
                m.targetBefore = outcome.value(QLatin1String("targetBefore")).toString();
                m.targetAfter = outcome.value(QLatin1String("targetAfter")).toString();
                m.detail = outcome;
                m_store->insertMerge(m);
            }
            s->note(QStringLiteral("merge"), item);
            const QString state = item.value(QLatin1String("state")).toString();
            if (state == QLatin1String("busy") || state == QLatin1String("waiting-review")) {
                if (!checkpoint.isEmpty())
                    s->updateGitState(checkpoint, {}, {});
                continue;
            }
            s->updateGitState(checkpoint, QStringLiteral("merge"),
                              QJsonObject{{QStringLiteral("state"), state},
                                          {QStringLiteral("strategy"), strategyName},
                                          {QStringLiteral("target"), outcome.value(QLatin1String("target"))},
                                          {QStringLiteral("commit"), outcome.value(QLatin1String("targetAfter"))},
                                          {QStringLiteral("branchHead"), outcome.value(QLatin1String("branchHead"))},
                                          {QStringLiteral("message"), item.value(QLatin1String("message"))},
                                          {QStringLiteral("at"), nowUtc()}});
        }
    };
    return runGitJob(*agents, job, record, *strategy == QueueStrategy::Squash ? NeedsResults : NeedsNothing);
}

QFuture<GitReply> Engine::sync(const QStringList &agentNames, const QString &repo, const QString &into, bool rebase)
{
    if (!into.isEmpty() && !GitRepository::isValidBranchName(into))
        return failedGitReply(makeError(tr("'%1' is not a valid branch name").arg(into), QStringLiteral("--into")));
    Result<QList<AgentSession *>> agents = gitAgents(agentNames, repo);
    if (!agents)
        return failedGitReply(agents.error());
    auto job = [into, rebase](const QList<AgentBranch> &snapshot) {
        QJsonArray items;
        for (const QueueItem &i : runSync(snapshot, into, rebase))
            items.append(i.toJson());
        return QJsonObject{{QStringLiteral("rebase"), rebase}, {QStringLiteral("items"), items}};
    };
    auto record = [this, rebase](const QJsonObject &result) {
        for (const QJsonValue &v : result.value(QLatin1String("items")).toArray()) {
            const QJsonObject item = v.toObject();
            AgentSession *s = m_sessions.value(item.value(QLatin1String("sessionId")).toString());
            if (!s)
                continue;
            const QJsonObject outcome = item.value(QLatin1String("outcome")).toObject();
            const QString state = item.value(QLatin1String("state")).toString();
            QString head = item.value(QLatin1String("checkpoint")).toString();
            if (state == QLatin1String("merged"))
                head = outcome.value(QLatin1String("targetAfter")).toString();
            if (!outcome.isEmpty()) {
                SessionStore::MergeRecord m;
                m.sessionId = s->id();
                m.kind = QStringLiteral("sync");
                m.strategy = rebase ? QStringLiteral("rebase") : QStringLiteral("merge");
                m.branch = outcome.value(QLatin1String("branch")).toString(); // what came in
                m.target = s->info().branch;
                m.state = state;
                m.targetBefore = outcome.value(QLatin1String("targetBefore")).toString();
                m.targetAfter = outcome.value(QLatin1String("targetAfter")).toString();
                m.detail = outcome;
                m_store->insertMerge(m);
            }
            s->note(QStringLiteral("sync"), item);
            if (state == QLatin1String("busy")) {
                if (!head.isEmpty())
                    s->updateGitState(head, {}, {});
                continue;
            }
            QJsonArray conflicts;
            for (const QJsonValue &c : outcome.value(QLatin1String("conflicts")).toArray())
                conflicts.append(c.toObject().value(QLatin1String("path")));
            s->updateGitState(head, QStringLiteral("sync"),
                              QJsonObject{{QStringLiteral("state"), state},
                                          {QStringLiteral("with"), outcome.value(QLatin1String("branch"))},
                                          {QStringLiteral("conflicts"), conflicts},
                                          {QStringLiteral("message"), item.value(QLatin1String("message"))},
                                          {QStringLiteral("at"), nowUtc()}});
        }
    };
    return runGitJob(*agents, job, record);
}

QFuture<GitReply> Engine::clean(const QStringList &agentNames, bool all, bool force)
{
    QList<AgentSession *> agents;
    if (agentNames.isEmpty()) {
        for (AgentSession *s : m_order)
            if (!s->info().worktree.isEmpty() && !cleaned(s->info()))
                agents << s;
    } else {
        Result<QList<AgentSession *>> named = gitAgents(agentNames, {});
        if (!named)
            return failedGitReply(named.error());
        agents = *named;
    }
    const bool mergedOnly = !all;
    auto job = [mergedOnly, force](const QList<AgentBranch> &snapshot) {
        QJsonArray items;
        qint64 freed = 0;
        for (const CleanItem &i : runClean(snapshot, {}, mergedOnly, force)) {
            items.append(i.toJson());
            freed += i.bytesFreed;
        }
        return QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("bytesFreed"), freed}};
    };
    auto record = [this](const QJsonObject &result) {
        for (const QJsonValue &v : result.value(QLatin1String("items")).toArray()) {
            const QJsonObject item = v.toObject();
            AgentSession *s = m_sessions.value(item.value(QLatin1String("sessionId")).toString());
            if (!s)
                continue;
            s->note(QStringLiteral("clean"), item);
            if (item.value(QLatin1String("state")).toString() != QLatin1String("removed"))
                continue;
            QFile::remove(rolePromptFile(s->id()));
            s->updateGitState(
                {}, QStringLiteral("cleaned"),
                QJsonObject{
                    {QStringLiteral("at"), nowUtc()},
                    {QStringLiteral("branchDeleted"), item.value(QLatin1String("branchDeleted"))},
                    {QStringLiteral("archiveRef"), item.value(QLatin1String("archiveRef"))}});
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
                  auto promise = std::make_shared<QPromise<GitReply>>();
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
                      runGitJob(agents, job, record, NeedsMergeRecords).then(this, [promise](const GitReply &r) {
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
    s->updateGitState({}, QStringLiteral("mergeApproved"), approved ? QJsonValue(true) : QJsonValue());
    s->note(QStringLiteral("merge_approval"), QJsonObject{{QStringLiteral("approved"), approved}});
    return Ok{};
}

QFuture<Result<SessionInfo>> Engine::spawnResolver(const QString &agent, const QString &into)
{
    auto fail = [](const Error &e) { return readySpawn(e); };
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
    QString target = into;
    if (target.isEmpty()) {
        const Result<QString> t = defaultMergeTarget(i.repo);
        if (!t)
            return fail(t.error());
        target = *t;
    }
    if (!GitRepository::isValidBranchName(target))
        return fail(
            makeError(tr("'%1' is not a valid branch name").arg(target), QStringLiteral("--into")));
    // Its latest work first, so the resolver merges all of it.
    if (!i.worktree.isEmpty() && QFileInfo(i.worktree).isDir()) {
        const Result<QString> c = checkpointWorkspace(i.worktree, i.role, i.name, tr("work in progress"));
        if (!c)
            return fail(c.error());
        if (!c->isEmpty())
            s->updateGitState(*c, {}, {});
    }
    const Result<BranchStatus> st = branchStatus(i.repo, i.branch, target);
    if (!st)
        return fail(st.error());
    if (st->merged)
        return fail(makeError(tr("%1 is already merged into %2").arg(i.branch, target), i.name));
    if (st->clean)
        return fail(makeError(
            tr("%1 merges into %2 without conflicts: nothing to resolve").arg(i.branch, target),
            i.name, tr("Merge it with `chorus merge %1`.").arg(i.name)));
    QStringList files;
    for (const ConflictFile &c : st->conflicts)
        files << QStringLiteral("- %1 (%2)").arg(c.path, c.kind);
    SpawnRequest req;
    req.role = QStringLiteral("resolver");
    req.repo = i.repo;
    req.dir = i.repo;
    req.base = target;
    req.mergeFrom = i.branch;
    req.name = i.name.left(54) + QStringLiteral("-resolver");
    for (int n = 2; find(req.name).ok(); ++n)
        req.name = i.name.left(50) + QStringLiteral("-resolver-%1").arg(n);
    req.task = tr("Resolve the conflicts of merging branch %1 (agent %2, a %3) into %4.\n\n"
                  "The merge is in progress in your worktree. These files have conflicts:\n%5\n\n"
                  "What %2 was asked to do:\n%6\n\n"
                  "See both sides with `git log --oneline %4..%1`, `git log --oneline %1..%4` and "
                  "`git diff %7 %1 -- FILE` / `git diff %7 %4 -- FILE`. Resolve every conflict, remove all "
                  "markers, build and test. Do not commit: Chorus commits the merge when you finish.")
                   .arg(i.branch, i.name, i.role, target, files.join(QLatin1Char('\n')), i.task, st->mergeBase.left(12));
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
