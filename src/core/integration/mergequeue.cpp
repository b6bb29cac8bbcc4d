#include "integration/mergequeue.h"

#include "git/branchstatus.h"
#include "git/gitrepository.h"
#include "integration/integration_p.h"
#include "util/textlines.h"

#include <QHash>

namespace chorus {

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

QJsonObject MergeQueueReport::toJson() const
{
    return {{QStringLiteral("strategy"), queueStrategyName(strategy)},
            {QStringLiteral("dryRun"), dryRun},
            {QStringLiteral("items"), chorus::toJson(items)}};
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

} // namespace chorus
