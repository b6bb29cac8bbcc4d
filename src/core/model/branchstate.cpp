#include "model/branchstate.h"

#include <QCoreApplication>

namespace chorus {

namespace {
const QLatin1String kMerge("merge"), kSync("sync"), kCleaned("cleaned"), kCheckpoint("checkpoint"),
    kResolving("resolving"), kMergeApproved("mergeApproved");

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// An empty text is left out (as an absent field was before the state was typed).
void insertText(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

template<class T>
void put(QJsonObject &options, QLatin1String key, const std::optional<T> &part,
         QJsonObject (*encode)(const T &))
{
    if (part)
        options.insert(key, encode(*part));
    else
        options.remove(key);
}

QJsonObject encodeMerge(const BranchState::Merge &m)
{
    QJsonObject o{{QStringLiteral("state"), m.state},
                  {QStringLiteral("strategy"), m.strategy},
                  {QStringLiteral("message"), m.message},
                  {QStringLiteral("at"), m.at}};
    insertText(o, "target", m.target);
    insertText(o, "commit", m.commit);
    insertText(o, "branchHead", m.branchHead);
    return o;
}

QJsonObject encodeSync(const BranchState::Sync &s)
{
    QJsonObject o{{QStringLiteral("state"), s.state},
                  {QStringLiteral("conflicts"), QJsonArray::fromStringList(s.conflicts)},
                  {QStringLiteral("message"), s.message},
                  {QStringLiteral("at"), s.at}};
    insertText(o, "with", s.with);
    return o;
}

QJsonObject encodeCleaned(const BranchState::Cleaned &c)
{
    QJsonObject o{{QStringLiteral("at"), c.at}, {QStringLiteral("branchDeleted"), c.branchDeleted}};
    insertText(o, "archiveRef", c.archiveRef);
    return o;
}

QJsonObject encodeCheckpoint(const BranchState::CheckpointFailure &c)
{
    return {{QStringLiteral("error"), c.error}, {QStringLiteral("at"), c.at}};
}

QJsonObject encodeResolving(const BranchState::Resolving &r)
{
    return {{QStringLiteral("branch"), r.branch}, {QStringLiteral("conflicts"), r.conflicts}};
}
} // namespace

QString BranchState::note() const
{
    auto tr = [](const char *s) { return QCoreApplication::translate("chorus::BranchState", s); };
    if (cleaned)
        return tr("cleaned");
    if (checkpointFailure)
        return tr("checkpoint failed");
    if (sync && sync->state == QLatin1String("conflict"))
        return tr("sync conflict");
    const QString m = merge ? merge->state : QString();
    if (m == QLatin1String("merged") || m == QLatin1String("up-to-date"))
        return tr("merged");
    if (m == QLatin1String("conflict"))
        return tr("conflict");
    if (m == QLatin1String("check-failed"))
        return tr("check failed");
    if (m == QLatin1String("refused"))
        return tr("merge refused");
    if (mergeApproved)
        return tr("approved");
    return {};
}

void BranchState::writeTo(QJsonObject &options) const
{
    put(options, kMerge, merge, &encodeMerge);
    put(options, kSync, sync, &encodeSync);
    put(options, kCleaned, cleaned, &encodeCleaned);
    put(options, kCheckpoint, checkpointFailure, &encodeCheckpoint);
    put(options, kResolving, resolving, &encodeResolving);
    if (mergeApproved)
        options.insert(kMergeApproved, true);
    else
        options.remove(kMergeApproved);
}

BranchState BranchState::takeFrom(QJsonObject &options)
{
    BranchState b;
    if (options.contains(kMerge)) {
        const QJsonObject o = options.take(kMerge).toObject();
        b.merge = Merge{text(o, "state"),      text(o, "strategy"), text(o, "target"), text(o, "commit"),
                        text(o, "branchHead"), text(o, "message"),  text(o, "at")};
    }
    if (options.contains(kSync)) {
        const QJsonObject o = options.take(kSync).toObject();
        Sync s{text(o, "state"), text(o, "with"), {}, text(o, "message"), text(o, "at")};
        for (const QJsonValue &v : o.value(QLatin1String("conflicts")).toArray())
            s.conflicts << v.toString();
        b.sync = s;
    }
    if (options.contains(kCleaned)) {
        const QJsonObject o = options.take(kCleaned).toObject();
        b.cleaned = Cleaned{text(o, "at"), o.value(QLatin1String("branchDeleted")).toBool(), text(o, "archiveRef")};
    }
    if (options.contains(kCheckpoint)) {
        const QJsonObject o = options.take(kCheckpoint).toObject();
        b.checkpointFailure = CheckpointFailure{text(o, "error"), text(o, "at")};
    }
    if (options.contains(kResolving)) {
        const QJsonObject o = options.take(kResolving).toObject();
        b.resolving = Resolving{text(o, "branch"), o.value(QLatin1String("conflicts")).toArray()};
    }
    b.mergeApproved = options.take(kMergeApproved).toBool();
    return b;
}

} // namespace chorus
