#include "integration/integration_p.h"

#include "git/agentworkspace.h"

#include <QFileInfo>
#include <QStringList>

namespace chorus {

QueueItem itemFor(const AgentBranch &a)
{
    QueueItem item;
    item.sessionId = a.sessionId;
    item.name = a.name;
    item.branch = a.branch;
    item.repo = a.repo;
    return item;
}

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

bool checkpointFirst(const AgentBranch &a, QueueItem *item, QString *skipped)
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

} // namespace chorus
