#include "engine/gitjobs.h"

#include "agent/toolprocesses.h"
#include "git/agentworkspace.h"
#include "git/branchstatus.h"
#include "git/gitrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>

namespace chorus {

namespace {
class JobText
{
    Q_DECLARE_TR_FUNCTIONS(GitJobs)
};

QString firstLine(const QString &text, int max = 72)
{
    QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > max)
        line = line.left(max - 1) + QChar(0x2026);
    return line;
}

QueueItem itemFor(const AgentBranch &a)
{
    QueueItem item;
    item.sessionId = a.sessionId;
    item.name = a.name;
    item.branch = a.branch;
    item.repo = a.repo;
    return item;
}

// The agent's worktree folder is there but git cannot use it as a worktree any more (its .git
// file or git's record of it deleted, or a removal cut short): nothing in it can be committed.
bool wedged(const AgentBranch &a)
{
    return !a.worktree.isEmpty() && QFileInfo(a.worktree).isDir() && !isWorktreeFolder(a.worktree);
}

QString wedgedWarning(const AgentBranch &a)
{
    return JobText::tr(
               "warning: %1 is no longer a git worktree, so what is in it was not committed; "
               "`chorus clean --all %2` saves it under refs/chorus/archive/ and removes it")
        .arg(a.worktree, a.name);
}

// Commits whatever the agent left uncommitted (its turn-end checkpoint normally has). With
// `skipped`, a worktree folder git no longer knows is passed over with a warning there.
bool checkpointFirst(const AgentBranch &a, QueueItem *item, QString *skipped = nullptr)
{
    if (a.worktree.isEmpty() || !QFileInfo(a.worktree).isDir())
        return true;
    if (skipped && wedged(a)) {
        *skipped = wedgedWarning(a);
        return true;
    }
    const Result<QString> c = checkpointWorkspace(a.worktree, a.role, a.name, JobText::tr("work in progress"));
    if (!c) {
        item->state = QStringLiteral("error");
        item->message = c.error().toString();
        return false;
    }
    item->checkpoint = *c;
    return true;
}

// The branch to merge into: `given`, else the repository's current branch (looked up once per
// repository of a run: `known` keeps them). Sets the item's error when there is none.
bool targetFor(const AgentBranch &a, const QString &given, QueueItem *item, QString *target,
               QHash<QString, QString> *known)
{
    *target = given.isEmpty() ? known->value(a.repo) : given;
    if (!target->isEmpty())
        return true;
    const Result<QString> t = defaultMergeTarget(a.repo);
    if (!t) {
        item->state = QStringLiteral("error");
        item->message = t.error().toString();
        return false;
    }
    *target = *t;
    known->insert(a.repo, *t);
    return true;
}

void addMessage(CleanItem *item, const QString &text)
{
    item->message += (item->message.isEmpty() ? QString() : QStringLiteral("; ")) + text;
}

QString describe(const MergeOutcome &o)
{
    switch (o.state) {
    case MergeOutcome::Merged:
        return o.updatedWorkTree.isEmpty()
                   ? JobText::tr("%1 is now %2").arg(o.target, o.targetAfter.left(10))
                   : JobText::tr("%1 is now %2 (work tree %3 updated)").arg(o.target, o.targetAfter.left(10), o.updatedWorkTree);
    case MergeOutcome::UpToDate:
        return JobText::tr("nothing to bring into %1").arg(o.target);
    case MergeOutcome::Conflict: {
        QStringList paths;
        for (const ConflictFile &c : o.conflicts)
            paths << QStringLiteral("%1 (%2)").arg(c.path, c.kind);
        return JobText::tr("conflicts in %1; %2 was not changed").arg(paths.join(QStringLiteral(", ")), o.target);
    }
    case MergeOutcome::CheckFailed:
    case MergeOutcome::Refused:
        return o.reason;
    }
    return {};
}
} // namespace

QJsonObject QueueItem::toJson() const
{
    QJsonObject o{{QStringLiteral("sessionId"), sessionId}, {QStringLiteral("name"), name},
                  {QStringLiteral("branch"), branch},       {QStringLiteral("repo"), repo},
                  {QStringLiteral("state"), state},         {QStringLiteral("message"), message}};
    if (!checkpoint.isEmpty())
        o.insert(QStringLiteral("checkpoint"), checkpoint);
    if (!warning.isEmpty())
        o.insert(QStringLiteral("warning"), warning);
    if (attempted)
        o.insert(QStringLiteral("outcome"), outcome.toJson());
    return o;
}

QJsonObject CleanItem::toJson() const
{
    QJsonObject o{{QStringLiteral("sessionId"), sessionId},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("branch"), branch},
                  {QStringLiteral("worktree"), worktree},
                  {QStringLiteral("state"), state},
                  {QStringLiteral("merged"), merged},
                  {QStringLiteral("branchDeleted"), branchDeleted},
                  {QStringLiteral("bytesFreed"), bytesFreed},
                  {QStringLiteral("message"), message}};
    if (!archiveRef.isEmpty())
        o.insert(QStringLiteral("archiveRef"), archiveRef);
    if (!savedRef.isEmpty())
        o.insert(QStringLiteral("savedRef"), savedRef);
    return o;
}

std::optional<QueueStrategy> queueStrategyFromName(const QString &name)
{
    if (name == QLatin1String("review"))
        return QueueStrategy::Review;
    if (name == QLatin1String("auto"))
        return QueueStrategy::Auto;
    if (name == QLatin1String("squash"))
        return QueueStrategy::Squash;
    if (name == QLatin1String("rebase"))
        return QueueStrategy::Rebase;
    return std::nullopt;
}

QString queueStrategyName(QueueStrategy s)
{
    switch (s) {
    case QueueStrategy::Review: return QStringLiteral("review");
    case QueueStrategy::Auto: return QStringLiteral("auto");
    case QueueStrategy::Squash: return QStringLiteral("squash");
    case QueueStrategy::Rebase: return QStringLiteral("rebase");
    }
    return {};
}

QString mergeCommitMessage(const AgentBranch &a, const QString &target)
{
    QString msg = JobText::tr("Merge %1 into %2: %3").arg(a.branch, target, firstLine(a.task, 50));
    msg += QStringLiteral("\n\n") + JobText::tr("Agent %1 (%2).").arg(a.name, a.role);
    return msg;
}

QString squashCommitMessage(const AgentBranch &a)
{
    QString msg = QStringLiteral("%1 %2: %3\n\n").arg(a.role, a.name, firstLine(a.task, 60));
    msg += JobText::tr("Task:") + QLatin1Char('\n') + a.task.trimmed() + QLatin1Char('\n');
    QStringList results;
    for (const QString &r : a.results)
        if (const QString line = firstLine(r, 200); !line.isEmpty())
            results << QStringLiteral("- ") + line;
    if (!results.isEmpty())
        msg += QLatin1Char('\n') + JobText::tr("Results:") + QLatin1Char('\n') + results.join(QLatin1Char('\n')) +
               QLatin1Char('\n');
    msg += QLatin1Char('\n') + JobText::tr("Squashed from %1 by Chorus.").arg(a.branch);
    return msg;
}

Result<Merged> isMerged(const AgentBranch &a, const QString &target)
{
    const Result<BranchStatus> st = branchStatus(a.repo, a.branch, target);
    if (!st)
        return st.error();
    if (st->merged)
        return st->contained ? Merged::ByContent : Merged::ByHistory;
    for (auto it = a.mergedHeads.constFind(target); it != a.mergedHeads.constEnd() && it.key() == target; ++it)
        if (it->first == st->head)
            if (const Result<bool> kept = reachableFrom(a.repo, it->second, target); kept && *kept)
                return Merged::ByContent;
    return Merged::No;
}

QList<QueueItem> runMergeQueue(const QList<AgentBranch> &agents, const MergeQueueRequest &req,
                               const std::atomic_bool *cancel)
{
    QList<QueueItem> out;
    QHash<QString, QString> targets; // repo -> target
    for (const AgentBranch &a : agents) {
        QueueItem item = itemFor(a);
        if (cancel && cancel->load()) {
            item.state = QStringLiteral("error");
            item.message = JobText::tr("cancelled before its turn");
            out << item;
            continue;
        }
        if (a.busy) {
            item.state = QStringLiteral("busy");
            item.message = JobText::tr("is running a turn; merge it when it is idle");
            out << item;
            continue;
        }
        if (req.strategy == QueueStrategy::Review && !a.approved) {
            item.state = QStringLiteral("waiting-review");
            item.message = JobText::tr("not approved yet: review it, or `chorus approve-merge %1`").arg(a.name);
            out << item;
            continue;
        }
        QString skipped;
        if (!req.dryRun && !checkpointFirst(a, &item, &skipped)) {
            out << item;
            continue;
        }
        if (!a.worktree.isEmpty()) {
            if (const Result<GitRepository> wt = GitRepository::open(a.worktree); wt && wt->isMidOperation()) {
                item.state = QStringLiteral("busy");
                item.message = JobText::tr("its merge is not finished (conflict markers are left in %1); let it "
                                           "finish, or resolve them there")
                                   .arg(a.worktree);
                out << item;
                continue;
            }
        }
        QString target;
        if (!targetFor(a, req.target, &item, &target, &targets)) {
            out << item;
            continue;
        }
        if (req.dryRun) {
            const Result<BranchStatus> st = branchStatus(a.repo, a.branch, target);
            item.state = !st ? QStringLiteral("error") : st->merged ? QStringLiteral("up-to-date")
                                                     : st->clean    ? QStringLiteral("clean")
                                                                    : QStringLiteral("conflict");
            item.message = !st ? st.error().toString()
                               : JobText::tr("%n commit(s) ahead, ", nullptr, st->ahead) +
                                     JobText::tr("%n behind %1", nullptr, st->behind).arg(target);
            out << item;
            continue;
        }
        MergeRequest m;
        m.repo = a.repo;
        m.branch = a.branch;
        m.target = target;
        m.strategy = req.strategy == QueueStrategy::Squash   ? MergeStrategy::Squash
                     : req.strategy == QueueStrategy::Rebase ? MergeStrategy::Rebase
                                                             : MergeStrategy::Merge;
        m.message = m.strategy == MergeStrategy::Squash ? squashCommitMessage(a) : mergeCommitMessage(a, target);
        m.check = req.check;
        m.checkRoot = req.checkRoot;
        m.checkEnvironment = req.checkEnvironment;
        m.resolutions = req.resolutions;
        const Result<MergeOutcome> r = mergeBranch(m, cancel);
        if (!r) {
            item.state = QStringLiteral("error");
            item.message = r.error().toString();
        } else {
            item.attempted = true;
            item.outcome = *r;
            item.state = r->stateName();
            item.message = describe(*r);
        }
        if (!skipped.isEmpty()) {
            item.warning = skipped;
            item.message += QStringLiteral("; ") + skipped;
        }
        out << item;
    }
    return out;
}

QList<QueueItem> runSync(const QList<AgentBranch> &agents, const QString &target, bool rebase)
{
    QList<QueueItem> out;
    QHash<QString, QString> targets; // repo -> target
    for (const AgentBranch &a : agents) {
        QueueItem item = itemFor(a);
        if (a.busy) {
            item.state = QStringLiteral("busy");
            item.message = JobText::tr("is running a turn; sync it when it is idle");
            out << item;
            continue;
        }
        if (!checkpointFirst(a, &item)) {
            out << item;
            continue;
        }
        QString into;
        if (!targetFor(a, target, &item, &into, &targets)) {
            out << item;
            continue;
        }
        const Result<MergeOutcome> r = syncBranch(a.repo, a.branch, into, rebase);
        if (!r) {
            item.state = QStringLiteral("error");
            item.message = r.error().toString();
        } else {
            item.attempted = true;
            item.outcome = *r;
            item.state = r->stateName();
            item.message = r->state == MergeOutcome::Conflict
                               ? JobText::tr("conflicts with %1 in %2; the branch was left as it was")
                                     .arg(into, [&] {
                                         QStringList p;
                                         for (const ConflictFile &c : r->conflicts)
                                             p << c.path;
                                         return p.join(QStringLiteral(", "));
                                     }())
                               : describe(*r);
        }
        out << item;
    }
    return out;
}

qint64 diskUsage(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QList<CleanItem> runClean(const QList<AgentBranch> &agents, const QString &target, bool mergedOnly, bool force)
{
    QList<CleanItem> out;
    QHash<QString, QString> targets; // repo -> target
    for (const AgentBranch &a : agents) {
        CleanItem item;
        item.sessionId = a.sessionId;
        item.name = a.name;
        item.branch = a.branch;
        item.worktree = a.worktree;
        if (a.busy) {
            item.state = QStringLiteral("kept");
            item.message = JobText::tr("is working; stop it first");
            out << item;
            continue;
        }
        const bool notAWorktree = wedged(a);
        QueueItem scratch;
        if (!notAWorktree && !checkpointFirst(a, &scratch)) {
            item.state = QStringLiteral("error");
            item.message = scratch.message;
            out << item;
            continue;
        }
        Result<GitRepository> repo = GitRepository::discover(a.repo);
        if (!repo) {
            item.state = QStringLiteral("error");
            item.message = repo.error().toString();
            out << item;
            continue;
        }
        const bool branchThere = repo->branchExists(a.branch);
        Merged merged = Merged::No;
        if (branchThere) {
            QueueItem noTarget; // none: it counts as not merged
            if (QString into; targetFor(a, target, &noTarget, &into, &targets))
                if (const Result<Merged> m = isMerged(a, into))
                    merged = *m;
        }
        item.merged = merged != Merged::No;
        if (mergedOnly && branchThere && !item.merged) {
            item.state = QStringLiteral("kept");
            item.message = notAWorktree ? wedgedWarning(a)
                                        : JobText::tr("not merged; `chorus clean --all` removes "
                                                      "its worktree and keeps its branch");
            out << item;
            continue;
        }
        if (a.processAlive && !a.worktree.isEmpty() && QFileInfo(a.worktree).isDir()) {
            item.state = QStringLiteral("kept");
            item.message = JobText::tr("its process is still running; stop it first (`chorus stop %1`)").arg(a.name);
            out << item;
            continue;
        }
        // What its tools left running (a server started before its CLI was closed for being
        // idle) must not write in a worktree being removed: it ends, and what it wrote is
        // committed.
        if (endMarkedProcesses({a.sessionId}).value(a.sessionId) > 0 && !notAWorktree &&
            !checkpointFirst(a, &scratch)) {
            item.state = QStringLiteral("error");
            item.message = scratch.message;
            out << item;
            continue;
        }
        // A folder git no longer knows as a worktree: what is in it is kept under the archive
        // ref first (unless --force), as nothing can commit it on the branch.
        if (notAWorktree && !force) {
            const Result<QString> saved =
                saveFolder(a.repo, a.worktree, a.branch,
                           JobText::tr("%1 %2: files left in its folder\n\nSaved by `chorus clean` "
                                       "from %3, which was no "
                                       "longer a git worktree.\n")
                               .arg(a.role, a.name, a.worktree));
            if (!saved) {
                item.state = QStringLiteral("error");
                item.message =
                    JobText::tr(
                        "%1 is no longer a git worktree and what is in it cannot be saved: %2; "
                        "`chorus clean --force %3` removes it without saving")
                        .arg(a.worktree, saved.error().toString(), a.name);
                out << item;
                continue;
            }
            item.savedRef = *saved;
        }
        // The worktree goes first; its commits are all on the branch (checkpointed above).
        if (!a.worktree.isEmpty() && QFileInfo(a.worktree).isDir()) {
            item.bytesFreed = diskUsage(a.worktree);
            if (Status s = repo->removeWorktree(a.worktree); !s) {
                item.state = QStringLiteral("error");
                item.message = s.error().toString();
                out << item;
                continue;
            }
        } else if (!a.worktree.isEmpty()) {
            repo->removeWorktree(a.worktree); // its folder is gone already: git's record of it too
        }
        item.state = QStringLiteral("removed");
        if (notAWorktree)
            item.message = item.savedRef.isEmpty()
                               ? JobText::tr("its folder was no longer a git worktree; removed%1")
                                     .arg(force ? JobText::tr(" without saving (--force)")
                                                : JobText::tr(" (nothing in it was new)"))
                               : JobText::tr("its folder was no longer a git worktree; what was in "
                                             "it is saved under %1")
                                     .arg(item.savedRef);
        if (branchThere && (item.merged || force)) {
            // Its commits stay reachable unless they are in the target's history: a branch
            // merged by a squash or rebase (or unmerged, with --force) is archived first.
            if (merged != Merged::ByHistory) {
                const Result<QString> ref = archiveBranch(a.repo, a.branch);
                if (!ref) {
                    addMessage(&item, ref.error().toString());
                    out << item;
                    continue;
                }
                item.archiveRef = *ref;
            }
            if (Status s = repo->deleteBranch(a.branch); s)
                item.branchDeleted = true;
            else
                addMessage(&item, s.error().toString());
        } else if (branchThere) {
            addMessage(
                &item,
                JobText::tr(
                    "branch %1 kept (not merged; --force deletes it and keeps its commits under "
                    "refs/chorus/archive/)")
                    .arg(a.branch));
        }
        out << item;
    }
    return out;
}

} // namespace chorus
