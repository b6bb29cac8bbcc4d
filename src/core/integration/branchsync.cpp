#include "integration/branchsync.h"

#include "integration/integration_p.h"

#include <QHash>
#include <QStringList>

namespace chorus {

QJsonObject SyncReport::toJson() const
{
    return {{QStringLiteral("rebase"), rebase}, {QStringLiteral("items"), chorus::toJson(items)}};
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

} // namespace chorus
