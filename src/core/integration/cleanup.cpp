#include "integration/cleanup.h"

#include "agent/toolprocesses.h"
#include "git/agentworkspace.h"
#include "git/gitrepository.h"
#include "integration/integration_p.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>

namespace chorus {

namespace {
void addMessage(CleanItem *item, const QString &text)
{
    item->message += (item->message.isEmpty() ? QString() : QStringLiteral("; ")) + text;
}
} // namespace

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
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!archiveRef.isEmpty())
        o.insert(QStringLiteral("archiveRef"), archiveRef);
    if (!savedRef.isEmpty())
        o.insert(QStringLiteral("savedRef"), savedRef);
    return o;
}

QJsonObject CleanReport::toJson() const
{
    QJsonArray a;
    for (const CleanItem &i : items)
        a.append(i.toJson());
    return {{QStringLiteral("items"), a}, {QStringLiteral("bytesFreed"), bytesFreed}};
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
            item.reason = QStringLiteral("working");
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
            item.reason = QStringLiteral("unmerged");
            item.message = notAWorktree ? wedgedWarning(a)
                                        : JobText::tr("not merged; `chorus clean --all` removes "
                                                      "its worktree and keeps its branch");
            out << item;
            continue;
        }
        if (a.processAlive && !a.worktree.isEmpty() && QFileInfo(a.worktree).isDir()) {
            item.state = QStringLiteral("kept");
            item.reason = QStringLiteral("running");
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
