// Conflicted paths: read from a merge index, to and from JSON with their resolutions; a merge
// begun in a work tree with markers; the blobs of a conflict's three versions.
#include "git/conflict.h"

#include "git/gitrepository.h"
#include "git/merge_p.h"

#include <QFile>
#include <QJsonObject>
#include <QSet>

#include <git2/sys/index.h>

namespace chorus {

namespace {
using AnnotatedPtr = Handle<git_annotated_commit, git_annotated_commit_free>;
using ConflictIterPtr = Handle<git_index_conflict_iterator, git_index_conflict_iterator_free>;

QString entryPath(const git_index_entry *e)
{
    return e ? QString::fromUtf8(e->path) : QString();
}

QString entryBlob(const git_index_entry *e)
{
    return e ? oidString(&e->id) : QString();
}
} // namespace

// The conflicts left in a merge index, with their three versions. Renames that conflict are
// recorded by libgit2 as NAME entries (ancestor, ours and theirs paths) over several index
// paths; each becomes one conflict of kind "rename".
QList<ConflictFile> conflictsOf(git_index *index)
{
    QList<ConflictFile> out;
    QSet<QString> covered;
    for (size_t i = 0, n = git_index_name_entrycount(index); i < n; ++i) {
        const git_index_name_entry *name = git_index_name_get_byindex(index, i);
        ConflictFile c;
        c.kind = QStringLiteral("rename");
        c.ancestorPath = QString::fromUtf8(name->ancestor ? name->ancestor : "");
        c.oursPath = QString::fromUtf8(name->ours ? name->ours : "");
        c.theirsPath = QString::fromUtf8(name->theirs ? name->theirs : "");
        auto stage = [&](const QString &path, int which, QString *blob, quint32 *mode) {
            if (path.isEmpty())
                return;
            const git_index_entry *e[3] = {nullptr, nullptr, nullptr};
            const QByteArray p = path.toUtf8();
            if (git_index_conflict_get(&e[0], &e[1], &e[2], index, p.constData()) == 0 && e[which]) {
                *blob = oidString(&e[which]->id);
                *mode = e[which]->mode;
            }
            covered.insert(path);
        };
        stage(c.ancestorPath, 0, &c.ancestorBlob, &c.ancestorMode);
        stage(c.oursPath, 1, &c.oursBlob, &c.oursMode);
        stage(c.theirsPath, 2, &c.theirsBlob, &c.theirsMode);
        c.path = !c.oursPath.isEmpty() ? c.oursPath : !c.theirsPath.isEmpty() ? c.theirsPath : c.ancestorPath;
        out.append(c);
    }
    git_index_conflict_iterator *rawIt = nullptr;
    if (git_index_conflict_iterator_new(&rawIt, index) != 0)
        return out;
    ConflictIterPtr it(rawIt);
    const git_index_entry *anc = nullptr, *ours = nullptr, *theirs = nullptr;
    while (git_index_conflict_next(&anc, &ours, &theirs, it.get()) == 0) {
        ConflictFile c;
        c.ancestorPath = entryPath(anc);
        c.oursPath = entryPath(ours);
        c.theirsPath = entryPath(theirs);
        c.path = !c.oursPath.isEmpty() ? c.oursPath : !c.theirsPath.isEmpty() ? c.theirsPath : c.ancestorPath;
        if (covered.contains(c.path))
            continue;
        c.ancestorBlob = entryBlob(anc);
        c.oursBlob = entryBlob(ours);
        c.theirsBlob = entryBlob(theirs);
        c.ancestorMode = anc ? anc->mode : 0;
        c.oursMode = ours ? ours->mode : 0;
        c.theirsMode = theirs ? theirs->mode : 0;
        if (!anc && ours && theirs)
            c.kind = QStringLiteral("add/add");
        else if (anc && ours && !theirs)
            c.kind = QStringLiteral("modify/delete");
        else if (anc && !ours && theirs)
            c.kind = QStringLiteral("delete/modify");
        else
            c.kind = QStringLiteral("content");
        out.append(c);
    }
    return out;
}

QJsonObject ConflictFile::toJson() const
{
    QJsonObject o{{QStringLiteral("path"), path}, {QStringLiteral("kind"), kind}};
    auto side = [&](const char *key, const QString &p, const QString &blob, quint32 mode) {
        if (!p.isEmpty())
            o.insert(QLatin1String(key), QJsonObject{{QStringLiteral("path"), p},
                                                      {QStringLiteral("blob"), blob},
                                                      {QStringLiteral("mode"), QString::number(mode, 8)}});
    };
    side("ancestor", ancestorPath, ancestorBlob, ancestorMode);
    side("ours", oursPath, oursBlob, oursMode);
    side("theirs", theirsPath, theirsBlob, theirsMode);
    return o;
}

QStringList ConflictFile::names() const
{
    QStringList out;
    for (const QString &p : {path, oursPath, theirsPath})
        if (!p.isEmpty() && !out.contains(p))
            out << p;
    return out;
}

QJsonObject resolutionsToJson(const Resolutions &resolutions)
{
    QJsonObject out;
    for (auto it = resolutions.constBegin(); it != resolutions.constEnd(); ++it) {
        if (it.value())
            out.insert(it.key(), QJsonObject{{QStringLiteral("content"), QString::fromLatin1(it.value()->toBase64())}});
        else
            out.insert(it.key(), QJsonObject{{QStringLiteral("delete"), true}});
    }
    return out;
}

std::optional<Resolutions> resolutionsFromJson(const QJsonObject &json, QString *badPath)
{
    Resolutions out;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QJsonObject r = it.value().toObject();
        const auto content = QByteArray::fromBase64Encoding(r.value(QLatin1String("content")).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (r.value(QLatin1String("delete")).toBool()) {
            out.insert(it.key(), std::nullopt);
        } else if (r.value(QLatin1String("content")).isString() && content) {
            out.insert(it.key(), *content);
        } else {
            *badPath = it.key();
            return std::nullopt;
        }
    }
    return out;
}

ConflictFile ConflictFile::fromJson(const QJsonObject &o)
{
    ConflictFile c;
    c.path = o.value(QLatin1String("path")).toString();
    c.kind = o.value(QLatin1String("kind")).toString();
    auto side = [&](const char *key, QString &p, QString &blob, quint32 &mode) {
        const QJsonObject s = o.value(QLatin1String(key)).toObject();
        p = s.value(QLatin1String("path")).toString();
        blob = s.value(QLatin1String("blob")).toString();
        mode = s.value(QLatin1String("mode")).toString().toUInt(nullptr, 8);
    };
    side("ancestor", c.ancestorPath, c.ancestorBlob, c.ancestorMode);
    side("ours", c.oursPath, c.oursBlob, c.oursMode);
    side("theirs", c.theirsPath, c.theirsBlob, c.theirsMode);
    return c;
}

Result<QList<ConflictFile>> beginMerge(const QString &worktree, const QString &branch)
{
    Result<GitRepository> repo = GitRepository::open(worktree);
    if (!repo)
        return repo.error();
    git_repository *raw = repo->raw();
    if (git_repository_state(raw) != GIT_REPOSITORY_STATE_NONE)
        return makeError(GitText::tr("a merge, rebase or cherry-pick is already in progress"), worktree);
    git_annotated_commit *rawHead = nullptr;
    const QByteArray spec = branch.toUtf8();
    if (git_annotated_commit_from_revspec(&rawHead, raw, spec.constData()) != 0)
        return gitError(GitText::tr("unknown branch or revision '%1'").arg(branch), worktree);
    AnnotatedPtr head(rawHead);
    const git_merge_options mopts = mergeOptions();
    git_checkout_options copts;
    git_checkout_options_init(&copts, GIT_CHECKOUT_OPTIONS_VERSION);
    copts.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
    const git_annotated_commit *heads[] = {head.get()};
    if (git_merge(raw, heads, 1, &mopts, &copts) != 0)
        return gitError(GitText::tr("cannot start merging %1").arg(branch), worktree);
    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, raw) != 0)
        return gitError(GitText::tr("cannot read the index"), worktree);
    IndexPtr index(rawIndex);
    const QList<ConflictFile> conflicts = conflictsOf(index.get());
    // The conflicted paths, for the checkpoint that finishes the merge (see commitAll): they
    // must be free of markers however many checkpoints come first.
    QFile list(conflictListPath(raw));
    if (list.open(QIODevice::WriteOnly)) {
        for (const ConflictFile &c : conflicts)
            for (const QString &p : c.names())
                list.write(p.toUtf8() + '\n');
    }
    return conflicts;
}

Result<QByteArray> readBlob(const QString &repoPath, const QString &blobId)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    git_oid id;
    const QByteArray hex = blobId.toLatin1();
    if (git_oid_fromstr(&id, hex.constData()) != 0)
        return makeError(GitText::tr("'%1' is not an object id").arg(blobId), repo->workDir());
    git_blob *raw = nullptr;
    if (git_blob_lookup(&raw, repo->raw(), &id) != 0)
        return gitError(GitText::tr("no blob %1").arg(blobId), repo->workDir());
    BlobPtr blob(raw);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

} // namespace chorus
