#include "git/merge.h"

#include "childguard.h"
#include "git/gitcommon_p.h"
#include "git/gitrepository.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <git2/sys/index.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace chorus {

namespace {
using AnnotatedPtr = Handle<git_annotated_commit, git_annotated_commit_free>;
using ConflictIterPtr = Handle<git_index_conflict_iterator, git_index_conflict_iterator_free>;

constexpr qsizetype kMaxCheckOutput = 1024 * 1024;

struct Oid
{
    git_oid id{};
    QString hex() const { return oidString(&id); }
};

Result<CommitPtr> lookupCommit(git_repository *repo, const git_oid &id, const QString &where)
{
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) != 0)
        return gitError(GitText::tr("cannot read commit %1").arg(oidString(&id)), where);
    return CommitPtr(raw);
}

Result<Oid> resolve(git_repository *repo, const QString &rev, const QString &where)
{
    git_object *raw = nullptr;
    const QByteArray spec = rev.toUtf8();
    if (git_revparse_single(&raw, repo, spec.constData()) != 0)
        return gitError(GitText::tr("unknown branch or revision '%1'").arg(rev), where,
                        GitText::tr("Name a branch that exists in this repository (see `git branch`)."));
    ObjectPtr obj(raw);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0)
        return gitError(GitText::tr("'%1' is not a commit").arg(rev), where);
    ObjectPtr commit(peeled);
    Oid o;
    git_oid_cpy(&o.id, git_object_id(commit.get()));
    return o;
}

// A local branch's ref name and commit.
Result<Oid> branchHead(git_repository *repo, const QString &branch, const QString &where)
{
    if (!GitRepository::isValidBranchName(branch))
        return makeError(GitText::tr("'%1' is not a valid branch name").arg(branch), where,
                         GitText::tr("Branch names cannot contain spaces, '..', '~', '^', ':' or end in '.lock'."));
    git_reference *raw = nullptr;
    const QByteArray name = branch.toUtf8();
    if (git_branch_lookup(&raw, repo, name.constData(), GIT_BRANCH_LOCAL) != 0)
        return gitError(GitText::tr("there is no branch '%1'").arg(branch), where,
                        GitText::tr("Name a local branch (see `git branch`)."));
    RefPtr ref(raw);
    git_reference *resolved = nullptr;
    if (git_reference_resolve(&resolved, ref.get()) != 0)
        return gitError(GitText::tr("cannot read branch '%1'").arg(branch), where);
    RefPtr direct(resolved);
    Oid o;
    git_oid_cpy(&o.id, git_reference_target(direct.get()));
    return o;
}

QString entryPath(const git_index_entry *e)
{
    return e ? QString::fromUtf8(e->path) : QString();
}

QString entryBlob(const git_index_entry *e)
{
    return e ? oidString(&e->id) : QString();
}

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

git_merge_options mergeOptions()
{
    git_merge_options opts;
    git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
    opts.flags = GIT_MERGE_FIND_RENAMES;
    return opts;
}

// Who commits merges: the repository's configured user, else Chorus.
Result<SigPtr> committer(git_repository *repo)
{
    git_signature *raw = nullptr;
    if (git_signature_default(&raw, repo) == 0)
        return SigPtr(raw);
    if (git_signature_now(&raw, "Chorus", "chorus@localhost") != 0)
        return gitError(GitText::tr("cannot make a commit signature"), {});
    return SigPtr(raw);
}

struct Candidate
{
    Oid commit;
    QList<ConflictFile> conflicts;
    QString conflictCommit;
    bool empty = false; // nothing to bring in
};

// A merge (two parents) or squash (one parent) of `theirs` into `ours`, built in memory.
// Replaces the conflicts in `index` with the given resolutions. Conflicts without one are
// returned (the index then still has them).
Result<QList<ConflictFile>> applyResolutions(git_repository *repo, git_index *index,
                                             const Resolutions &resolutions,
                                             const QString &where)
{
    const QList<ConflictFile> conflicts = conflictsOf(index);
    QSet<QString> conflicted; // a rename conflict may be resolved under any of its names
    for (const ConflictFile &c : conflicts)
        for (const QString &p : c.names())
            conflicted.insert(p);
    for (auto it = resolutions.constBegin(); it != resolutions.constEnd(); ++it)
        if (!conflicted.contains(it.key()))
            return makeError(GitText::tr("'%1' is not in conflict in this merge").arg(it.key()), where,
                             GitText::tr("Resolve only the files the merge reports as conflicted."));
    QList<ConflictFile> unresolved;
    for (const ConflictFile &c : conflicts) {
        QString target = c.path;
        auto res = resolutions.constFind(c.path);
        for (const QString &p : {c.oursPath, c.theirsPath})
            if (res == resolutions.constEnd() && !p.isEmpty() && (res = resolutions.constFind(p)) != resolutions.constEnd())
                target = p;
        if (res == resolutions.constEnd()) {
            unresolved << c;
            continue;
        }
        for (const QString &p : {c.ancestorPath, c.oursPath, c.theirsPath}) {
            if (p.isEmpty())
                continue;
            const QByteArray path = p.toUtf8();
            git_index_conflict_remove(index, path.constData());
        }
        if (!res->has_value())
            continue; // resolved by deleting it
        git_oid blob;
        const QByteArray &content = **res;
        if (git_blob_create_from_buffer(&blob, repo, content.constData(), size_t(content.size())) != 0)
            return gitError(GitText::tr("cannot store the resolution of %1").arg(target), where);
        git_index_entry entry{};
        const QByteArray path = target.toUtf8();
        entry.path = path.constData();
        entry.mode = c.oursMode ? c.oursMode : c.theirsMode ? c.theirsMode : quint32(GIT_FILEMODE_BLOB);
        entry.id = blob;
        if (git_index_add(index, &entry) != 0)
            return gitError(GitText::tr("cannot stage the resolution of %1").arg(target), where);
    }
    return unresolved;
}

// What a candidate merge is built for. A forecast only finds conflicts and whether the merge
// would change anything (it writes no tree or commit; libgit2 may store merged file contents,
// which gc removes); Merge and Squash make no commit when the merge would change nothing;
// SyncMerge always commits (the agent's branch then has the target in its history).
enum class Build { Forecast, Merge, Squash, SyncMerge };

Result<Candidate> mergeCandidate(git_repository *repo, const git_oid &ours, const git_oid &theirs,
                                 Build build, const QString &message, const QString &where,
                                 const Resolutions &resolutions = {})
{
    Result<CommitPtr> oursCommit = lookupCommit(repo, ours, where);
    if (!oursCommit)
        return oursCommit.error();
    Result<CommitPtr> theirsCommit = lookupCommit(repo, theirs, where);
    if (!theirsCommit)
        return theirsCommit.error();
    const git_merge_options opts = mergeOptions();
    git_index *rawIndex = nullptr;
    if (git_merge_commits(&rawIndex, repo, oursCommit->get(), theirsCommit->get(), &opts) != 0)
        return gitError(GitText::tr("cannot merge"), where);
    IndexPtr index(rawIndex);
    Candidate c;
    if (!resolutions.isEmpty()) {
        Result<QList<ConflictFile>> left = applyResolutions(repo, index.get(), resolutions, where);
        if (!left)
            return left.error();
        c.conflicts = *left;
        if (!c.conflicts.isEmpty())
            return c;
    }
    if (git_index_has_conflicts(index.get())) {
        c.conflicts = conflictsOf(index.get());
        return c;
    }
    if (build == Build::Forecast) {
        git_tree *rawOurs = nullptr;
        if (git_commit_tree(&rawOurs, oursCommit->get()) != 0)
            return gitError(GitText::tr("cannot read the merged tree"), where);
        TreePtr oursTree(rawOurs);
        git_diff *rawDiff = nullptr;
        if (git_diff_tree_to_index(&rawDiff, repo, oursTree.get(), index.get(), nullptr) != 0)
            return gitError(GitText::tr("cannot compare the merged tree"), where);
        DiffPtr diff(rawDiff);
        c.empty = git_diff_num_deltas(diff.get()) == 0;
        return c;
    }
    const bool squash = build == Build::Squash;
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, index.get(), repo) != 0)
        return gitError(GitText::tr("cannot write the merged tree"), where);
    // Nothing to bring in. (Hand-made resolutions that keep only the target's side still make
    // their merge commit: the agent's commits then stay in the target's history.)
    const bool nothingNew = build == Build::Squash || (build == Build::Merge && resolutions.isEmpty());
    if (nothingNew && git_oid_equal(&treeId, git_commit_tree_id(oursCommit->get()))) {
        c.empty = true;
        c.commit.id = ours;
        return c;
    }
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo, &treeId) != 0)
        return gitError(GitText::tr("cannot read the merged tree"), where);
    TreePtr tree(rawTree);
    Result<SigPtr> sig = committer(repo);
    if (!sig)
        return sig.error();
    const git_commit *parents[] = {oursCommit->get(), theirsCommit->get()};
    const QByteArray msg = message.toUtf8();
    if (git_commit_create(&c.commit.id, repo, nullptr, sig->get(), sig->get(), "UTF-8", msg.constData(), tree.get(),
                          squash ? 1 : 2, parents) != 0)
        return gitError(GitText::tr("cannot create the merge commit"), where);
    return c;
}

// The commits of `tip` that `onto` lacks, replayed one by one on `onto`, each keeping its
// author and message. A merge commit among them is an error (its resolution would be lost).
Result<Candidate> rebaseCandidate(git_repository *repo, const git_oid &tip, const git_oid &onto,
                                  const QString &where)
{
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, repo) != 0)
        return gitError(GitText::tr("cannot walk the history"), where);
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    if (git_revwalk_push(walk.get(), &tip) != 0 || git_revwalk_hide(walk.get(), &onto) != 0)
        return gitError(GitText::tr("cannot walk the history"), where);
    Result<SigPtr> sig = committer(repo);
    if (!sig)
        return sig.error();
    Result<CommitPtr> current = lookupCommit(repo, onto, where);
    if (!current)
        return current.error();
    CommitPtr head = std::move(current).value();
    const git_merge_options opts = mergeOptions();
    Candidate c;
    c.empty = true;
    QList<git_oid> commits;
    for (git_oid id; git_revwalk_next(&id, walk.get()) == 0;)
        commits << id;
    for (const git_oid &id : std::as_const(commits)) {
        Result<CommitPtr> commit = lookupCommit(repo, id, where);
        if (!commit)
            return commit.error();
        if (git_commit_parentcount(commit->get()) > 1) // replaying would drop what the merge resolved
            return makeError(GitText::tr("the branch contains a merge commit (%1), which a rebase cannot replay")
                                 .arg(oidString(&id).left(10)),
                             where, GitText::tr("Use a merge instead: --strategy=auto or squash (or sync without --rebase)."));
    }
    for (const git_oid &next : std::as_const(commits)) {
        Result<CommitPtr> pick = lookupCommit(repo, next, where);
        if (!pick)
            return pick.error();
        git_index *rawIndex = nullptr;
        if (git_cherrypick_commit(&rawIndex, repo, pick->get(), head.get(), 0, &opts) != 0)
            return gitError(GitText::tr("cannot replay commit %1").arg(oidString(&next)), where);
        IndexPtr index(rawIndex);
        if (git_index_has_conflicts(index.get())) {
            c.conflicts = conflictsOf(index.get());
            c.conflictCommit = oidString(&next);
            return c;
        }
        git_oid treeId;
        if (git_index_write_tree_to(&treeId, index.get(), repo) != 0)
            return gitError(GitText::tr("cannot write the replayed tree"), where);
        if (git_oid_equal(&treeId, git_commit_tree_id(head.get())))
            continue; // already on the target
        git_tree *rawTree = nullptr;
        if (git_tree_lookup(&rawTree, repo, &treeId) != 0)
            return gitError(GitText::tr("cannot read the replayed tree"), where);
        TreePtr tree(rawTree);
        const git_commit *parents[] = {head.get()};
        git_oid created;
        if (git_commit_create(&created, repo, nullptr, git_commit_author(pick->get()), sig->get(), "UTF-8",
                              git_commit_message(pick->get()), tree.get(), 1, parents) != 0)
            return gitError(GitText::tr("cannot create the replayed commit"), where);
        Result<CommitPtr> made = lookupCommit(repo, created, where);
        if (!made)
            return made.error();
        head = std::move(made).value();
        c.empty = false;
    }
    git_oid_cpy(&c.commit.id, git_commit_id(head.get()));
    return c;
}

// A work tree (the main one or a linked worktree) that has `branch` checked out.
struct Checkout
{
    RepoPtr repo;
    QString path;
};

std::optional<Checkout> findCheckout(git_repository *repo, const QString &branch)
{
    const QByteArray refName = QByteArray("refs/heads/") + branch.toUtf8();
    auto checkedOutIn = [&](RepoPtr r) -> std::optional<Checkout> {
        if (!r || git_repository_is_bare(r.get()))
            return std::nullopt;
        git_reference *rawHead = nullptr;
        if (git_reference_lookup(&rawHead, r.get(), "HEAD") != 0)
            return std::nullopt;
        RefPtr head(rawHead);
        if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC ||
            refName != git_reference_symbolic_target(head.get()))
            return std::nullopt;
        QString path = QFile::decodeName(git_repository_workdir(r.get()));
        while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
            path.chop(1);
        return Checkout{std::move(r), path};
    };
    git_repository *rawMain = nullptr;
    if (git_repository_open(&rawMain, git_repository_commondir(repo)) == 0)
        if (auto c = checkedOutIn(RepoPtr(rawMain)))
            return c;
    git_strarray names{};
    if (git_worktree_list(&names, repo) != 0)
        return std::nullopt;
    std::optional<Checkout> found;
    for (size_t i = 0; i < names.count && !found; ++i) {
        git_worktree *rawWt = nullptr;
        if (git_worktree_lookup(&rawWt, repo, names.strings[i]) != 0)
            continue;
        WorktreePtr wt(rawWt);
        if (git_worktree_validate(wt.get()) != 0)
            continue; // its directory is gone
        git_repository *rawRepo = nullptr;
        if (git_repository_open_from_worktree(&rawRepo, wt.get()) != 0)
            continue;
        found = checkedOutIn(RepoPtr(rawRepo));
    }
    git_strarray_dispose(&names);
    return found;
}

// Tracked files with uncommitted changes (staged or not) in a work tree.
Result<QStringList> dirtyFiles(git_repository *repo, const QString &where)
{
    git_status_options opts;
    git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, repo, &opts) != 0)
        return gitError(GitText::tr("cannot read the status of the work tree"), where);
    StatusListPtr list(raw);
    QStringList out;
    for (size_t i = 0, n = git_status_list_entrycount(list.get()); i < n; ++i) {
        const git_status_entry *e = git_status_byindex(list.get(), i);
        const git_diff_delta *d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
        if (d)
            out << QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path);
    }
    return out;
}

Result<TreePtr> treeOf(git_repository *repo, const git_oid &commit, const QString &where)
{
    Result<CommitPtr> c = lookupCommit(repo, commit, where);
    if (!c)
        return c.error();
    git_tree *raw = nullptr;
    if (git_commit_tree(&raw, c->get()) != 0)
        return gitError(GitText::tr("cannot read the tree of %1").arg(oidString(&commit)), where);
    return TreePtr(raw);
}

// Moves `branch` from `before` to `after` (compare-and-swap). When a work tree has it checked
// out, that work tree must be clean and is updated to `after` first; otherwise nothing moves
// and `refusal` says why.
Status advanceBranch(git_repository *repo, const QString &branch, const git_oid &before, const git_oid &after,
                     const QString &logMessage, QString *refusal, QString *updatedWorkTree)
{
    const QString where = QFile::decodeName(git_repository_commondir(repo));
    // The branch may have moved since the candidate was built (a long check): then nothing is
    // touched, not even its work tree.
    if (Result<Oid> now = branchHead(repo, branch, where); !now || !git_oid_equal(&now->id, &before)) {
        *refusal = GitText::tr("'%1' moved while the merge was prepared; run the merge again.").arg(branch);
        return Ok{};
    }
    std::optional<Checkout> checkout = findCheckout(repo, branch);
    if (checkout) {
        Result<QStringList> dirty = dirtyFiles(checkout->repo.get(), checkout->path);
        if (!dirty)
            return dirty.error();
        if (!dirty->isEmpty()) {
            const QStringList shown = dirty->mid(0, 5);
            *refusal = GitText::tr("'%1' is checked out in %2, which has uncommitted changes (%3%4). Commit or "
                                   "stash them there, then run the merge again.")
                           .arg(branch, checkout->path, shown.join(QStringLiteral(", ")),
                                dirty->size() > shown.size() ? GitText::tr(", and %n more", nullptr,
                                                                           int(dirty->size() - shown.size()))
                                                             : QString());
            return Ok{};
        }
        const QString lock = QFile::decodeName(git_repository_path(checkout->repo.get())) + QStringLiteral("index.lock");
        if (QFile::exists(lock)) {
            *refusal = GitText::tr("the index of %1 is locked (%2): another git process is using it. Let it "
                                   "finish (or remove the stale lock file), then run the merge again.")
                           .arg(checkout->path, lock);
            return Ok{};
        }
        // Objects handed to a checkout must come from the work tree's own repository handle.
        Result<TreePtr> oldTree = treeOf(checkout->repo.get(), before, where);
        if (!oldTree)
            return oldTree.error();
        Result<TreePtr> newTree = treeOf(checkout->repo.get(), after, where);
        if (!newTree)
            return newTree.error();
        git_checkout_options opts;
        git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
        opts.checkout_strategy = GIT_CHECKOUT_SAFE;
        opts.baseline = oldTree->get();
        if (git_checkout_tree(checkout->repo.get(), reinterpret_cast<git_object *>(newTree->get()), &opts) != 0) {
            const QString why = lastError();
            opts.baseline = newTree->get(); // undo whatever part of it was written
            const bool undone =
                git_checkout_tree(checkout->repo.get(), reinterpret_cast<git_object *>(oldTree->get()), &opts) == 0;
            *refusal = undone ? GitText::tr("cannot update the work tree %1 that has '%2' checked out: %3. Nothing "
                                            "was changed; move the files in the way, then run the merge again.")
                                    .arg(checkout->path, branch, why)
                              : GitText::tr("cannot update the work tree %1 that has '%2' checked out: %3. The branch "
                                            "did not move, but the work tree may be partly updated: check `git status` "
                                            "there and `git checkout -- .` to restore it.")
                                    .arg(checkout->path, branch, why);
            return Ok{};
        }
        *updatedWorkTree = checkout->path;
    }
    const QByteArray refName = QByteArray("refs/heads/") + branch.toUtf8();
    const QByteArray log = logMessage.toUtf8();
    git_reference *rawRef = nullptr;
    if (git_reference_create_matching(&rawRef, repo, refName.constData(), &after, 1, &before, log.constData()) != 0) {
        const QString why = lastError();
        if (checkout) { // put the work tree back where its branch still is
            Result<TreePtr> oldTree = treeOf(checkout->repo.get(), before, where);
            Result<TreePtr> newTree = treeOf(checkout->repo.get(), after, where);
            if (oldTree && newTree) {
                git_checkout_options opts;
                git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
                opts.checkout_strategy = GIT_CHECKOUT_SAFE;
                opts.baseline = newTree->get();
                git_checkout_tree(checkout->repo.get(), reinterpret_cast<git_object *>(oldTree->get()), &opts);
            }
            updatedWorkTree->clear();
        }
        *refusal = GitText::tr("'%1' moved while the merge was prepared (%2); run the merge again.").arg(branch, why);
        return Ok{};
    }
    git_reference_free(rawRef);
    return Ok{};
}

// Splits off the last kMaxCheckOutput bytes.
QString tail(const QByteArray &out)
{
    return QString::fromUtf8(out.size() > kMaxCheckOutput ? out.right(kMaxCheckOutput) : out);
}

struct CheckRun
{
    int exitCode = 0;
    bool timedOut = false;
    bool cancelled = false;
    QString output;
};

// Runs `command` in a temporary worktree with `commit` checked out (detached on a temporary
// branch that is removed afterwards, like the worktree).
Result<CheckRun> runCheck(GitRepository &repo, const QString &commit, const QStringList &command,
                          const QString &root, int timeoutMs, const std::atomic_bool *cancel,
                          const QStringList &environment)
{
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    const QString branch = QStringLiteral("chorus-check/") + token;
    const QString name = QStringLiteral("chorus-check-") + token;
    const QString dir = QDir(root).filePath(name);
    if (!QDir().mkpath(root))
        return makeError(GitText::tr("cannot create the folder for the check's worktree"), root);
    if (Status s = repo.createBranch(branch, commit); !s)
        return s.error();
    if (Status s = repo.addWorktree(name, dir, branch); !s) {
        repo.deleteBranch(branch);
        return s.error();
    }
    CheckRun run;
    Error startError;
    bool started = false;
    auto cannotStart = [&](const QString &why) {
        return makeError(
            GitText::tr("the check command cannot start: %1").arg(why),
            command.join(QLatin1Char(' ')),
            GitText::tr("Give a program that exists (with its path if it is not on PATH); "
                        "the command runs without a shell."));
    };
    // Everything the fork needs is made before it (see childguard.h).
    const QString &first = command.first();
    const QString program = first.contains(QLatin1Char('/'))
                                ? QDir(dir).absoluteFilePath(first)
                                : QStandardPaths::findExecutable(first);
    if (program.isEmpty()) {
        startError = cannotStart(GitText::tr("%1 is not on PATH").arg(first));
    } else {
        const QByteArray path = QFile::encodeName(program), workDir = QFile::encodeName(dir);
        QList<QByteArray> args;
        for (const QString &a : command)
            args << QFile::encodeName(a);
        std::vector<char *> argv;
        for (QByteArray &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        QList<QByteArray> envs;
        for (const QString &e : environment)
            envs << e.toLocal8Bit();
        std::vector<char *> envp;
        for (QByteArray &e : envs)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        // Under a supervisor: whatever the check starts, even in a session of its own, ends
        // with it (before its worktree goes), and all of it ends with the engine.
        const childguard::Supervised child =
            childguard::startSupervised(path.constData(), argv.data(), workDir.constData(),
                                        envs.isEmpty() ? nullptr : envp.data());
        int status = 0;
        if (child.supervisor > 0 && child.startError != 0) {
            ::close(child.output);
            while (::waitpid(child.supervisor, &status, 0) < 0 && errno == EINTR) {
            }
        }
        if (child.supervisor < 0 || child.startError != 0) {
            startError = cannotStart(QString::fromLocal8Bit(::strerror(child.startError)));
        } else {
            started = true;
            QByteArray out;
            auto readSome = [&](int waitMs) { // false at the end of the output
                pollfd pfd{child.output, POLLIN, 0};
                if (::poll(&pfd, 1, waitMs) <= 0)
                    return true;
                char buf[65536];
                const ssize_t n = ::read(child.output, buf, sizeof buf);
                if (n > 0) {
                    out.append(buf, n);
                    if (out.size() > 2 * kMaxCheckOutput)
                        out = out.right(kMaxCheckOutput);
                }
                return n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN));
            };
            auto ended = [&] {
                return ::waitpid(child.supervisor, &status, WNOHANG) == child.supervisor;
            };
            QDeadlineTimer deadline(timeoutMs);
            bool open = true, done = false;
            while (!done) {
                if (open)
                    open = readSome(200);
                else
                    QThread::msleep(50);
                done = ended();
                if (!done && (deadline.hasExpired() || (cancel && cancel->load()))) {
                    run.timedOut = deadline.hasExpired();
                    run.cancelled = !run.timedOut;
                    ::kill(child.supervisor,
                           SIGTERM); // it kills the check and all below it, then ends
                    const QDeadlineTimer grace(10000);
                    while (!(done = ended()) && !grace.hasExpired())
                        QThread::msleep(20);
                    if (!done) {
                        ::kill(child.supervisor, SIGKILL);
                        while (::waitpid(child.supervisor, &status, 0) < 0 && errno == EINTR) {
                        }
                    }
                    done = true;
                }
            }
            // What it left running was ended by the supervisor: the output ends now.
            for (int i = 0; open && i < 50; ++i)
                open = readSome(100);
            ::close(child.output);
            run.output = tail(out);
            run.exitCode =
                run.timedOut || run.cancelled || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
        }
    }
    repo.removeWorktree(dir);
    repo.deleteBranch(branch);
    if (!started)
        return startError;
    return run;
}

Result<MergeOutcome> applyCandidate(GitRepository &repo, MergeOutcome out, const Oid &before, const Candidate &c,
                                    const QString &logMessage)
{
    git_repository *raw = repo.raw();
    if (!c.conflicts.isEmpty()) {
        out.state = MergeOutcome::Conflict;
        out.conflicts = c.conflicts;
        out.conflictCommit = c.conflictCommit;
        return out;
    }
    if (c.empty || git_oid_equal(&c.commit.id, &before.id)) {
        out.state = MergeOutcome::UpToDate;
        return out;
    }
    QString refusal;
    if (Status s = advanceBranch(raw, out.target, before.id, c.commit.id, logMessage, &refusal, &out.updatedWorkTree);
        !s)
        return s.error();
    if (!refusal.isEmpty()) {
        out.state = MergeOutcome::Refused;
        out.reason = refusal;
        return out;
    }
    out.state = MergeOutcome::Merged;
    out.targetAfter = c.commit.hex();
    return out;
}
} // namespace

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

std::optional<MergeStrategy> mergeStrategyFromName(const QString &name)
{
    if (name == QLatin1String("merge"))
        return MergeStrategy::Merge;
    if (name == QLatin1String("squash"))
        return MergeStrategy::Squash;
    if (name == QLatin1String("rebase"))
        return MergeStrategy::Rebase;
    return std::nullopt;
}

QString mergeStrategyName(MergeStrategy s)
{
    switch (s) {
    case MergeStrategy::Merge: return QStringLiteral("merge");
    case MergeStrategy::Squash: return QStringLiteral("squash");
    case MergeStrategy::Rebase: return QStringLiteral("rebase");
    }
    return {};
}

QString MergeOutcome::stateName() const
{
    switch (state) {
    case Merged: return QStringLiteral("merged");
    case UpToDate: return QStringLiteral("up-to-date");
    case Conflict: return QStringLiteral("conflict");
    case CheckFailed: return QStringLiteral("check-failed");
    case Refused: return QStringLiteral("refused");
    }
    return {};
}

QJsonObject MergeOutcome::toJson() const
{
    QJsonObject o{{QStringLiteral("state"), stateName()},
                  {QStringLiteral("branch"), branch},
                  {QStringLiteral("target"), target},
                  {QStringLiteral("branchHead"), branchHead},
                  {QStringLiteral("targetBefore"), targetBefore},
                  {QStringLiteral("targetAfter"), targetAfter}};
    if (!candidate.isEmpty())
        o.insert(QStringLiteral("candidate"), candidate);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!conflicts.isEmpty()) {
        QJsonArray a;
        for (const ConflictFile &c : conflicts)
            a.append(c.toJson());
        o.insert(QStringLiteral("conflicts"), a);
    }
    if (!conflictCommit.isEmpty())
        o.insert(QStringLiteral("conflictCommit"), conflictCommit);
    if (checkRan) {
        o.insert(QStringLiteral("checkExitCode"), checkExitCode);
        o.insert(QStringLiteral("checkOutput"), checkOutput);
    }
    if (!updatedWorkTree.isEmpty())
        o.insert(QStringLiteral("updatedWorkTree"), updatedWorkTree);
    return o;
}

Result<BranchStatus> branchStatus(const QString &repoPath, const QString &branch, const QString &target)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    git_repository *raw = repo->raw();
    const QString where = repo->workDir();
    Result<Oid> head = resolve(raw, branch, where);
    if (!head)
        return head.error();
    Result<Oid> targetHead = resolve(raw, target, where);
    if (!targetHead)
        return targetHead.error();
    BranchStatus st;
    st.branch = branch;
    st.target = target;
    st.head = head->hex();
    st.targetHead = targetHead->hex();
    git_oid base;
    if (git_merge_base(&base, raw, &head->id, &targetHead->id) != 0)
        return gitError(GitText::tr("'%1' and '%2' have no common history").arg(branch, target), where);
    st.mergeBase = oidString(&base);
    size_t ahead = 0, behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, raw, &head->id, &targetHead->id) != 0)
        return gitError(GitText::tr("cannot count commits"), where);
    st.ahead = int(ahead);
    st.behind = int(behind);
    st.merged = ahead == 0;
    if (!st.merged) {
        Result<Candidate> c = mergeCandidate(raw, targetHead->id, head->id, Build::Forecast, QString(), where);
        if (!c)
            return c.error();
        st.conflicts = c->conflicts;
        st.clean = st.conflicts.isEmpty();
        st.contained = st.clean && c->empty;
        st.merged = st.contained;
    }
    return st;
}

Result<bool> reachableFrom(const QString &repoPath, const QString &commit, const QString &rev)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    const QString where = repo->workDir();
    Result<Oid> tip = resolve(repo->raw(), rev, where);
    if (!tip)
        return tip.error();
    git_oid id;
    const QByteArray hex = commit.toLatin1();
    if (commit.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.constData()) != 0)
        return makeError(GitText::tr("'%1' is not a commit id").arg(commit), where);
    if (git_oid_equal(&id, &tip->id))
        return true;
    const int rc = git_graph_descendant_of(repo->raw(), &tip->id, &id);
    if (rc < 0) // not in this repository (any more)
        return false;
    return rc == 1;
}

Result<MergeOutcome> mergeBranch(const MergeRequest &req, const std::atomic_bool *cancel)
{
    Result<GitRepository> repo = GitRepository::discover(req.repo);
    if (!repo)
        return repo.error();
    git_repository *raw = repo->raw();
    const QString where = repo->workDir();
    MergeOutcome out;
    out.branch = req.branch;
    out.target = req.target;
    if (out.target.isEmpty()) {
        Result<QString> t = defaultMergeTarget(req.repo);
        if (!t)
            return t.error();
        out.target = *t;
    }
    Result<Oid> source = resolve(raw, req.branch, where);
    if (!source)
        return source.error();
    Result<Oid> before = branchHead(raw, out.target, where);
    if (!before)
        return before.error();
    out.branchHead = source->hex();
    out.targetBefore = out.targetAfter = before->hex();
    git_oid base;
    if (git_merge_base(&base, raw, &source->id, &before->id) != 0)
        return gitError(GitText::tr("'%1' and '%2' have no common history").arg(req.branch, out.target), where);
    if (git_oid_equal(&base, &source->id)) { // already in the target
        out.state = MergeOutcome::UpToDate;
        return out;
    }
    if (!req.resolutions.isEmpty() && req.strategy == MergeStrategy::Rebase)
        return makeError(GitText::tr("resolutions apply to a merge or a squash, not to a rebase"), req.branch,
                         GitText::tr("Merge with --strategy=auto or squash."));
    Result<Candidate> c = Candidate{};
    if (req.strategy == MergeStrategy::Rebase && git_oid_equal(&base, &before->id))
        c->commit = *source; // the target has not moved since the branch began: fast-forward
    else if (req.strategy == MergeStrategy::Rebase)
        c = rebaseCandidate(raw, source->id, before->id, where);
    else
        c = mergeCandidate(raw, before->id, source->id,
                           req.strategy == MergeStrategy::Squash ? Build::Squash : Build::Merge, req.message, where,
                           req.resolutions);
    if (!c)
        return c.error();
    if (c->conflicts.isEmpty() && !c->empty)
        out.candidate = c->commit.hex();
    if (cancel && cancel->load())
        return makeError(GitText::tr("cancelled"), req.branch);
    if (!req.check.isEmpty() && c->conflicts.isEmpty() && !c->empty) {
        Result<CheckRun> run = runCheck(repo.value(), out.candidate, req.check, req.checkRoot, req.checkTimeoutMs, cancel,
                                          req.checkEnvironment);
        if (!run)
            return run.error();
        out.checkRan = true;
        out.checkExitCode = run->exitCode;
        out.checkOutput = run->output;
        if (run->cancelled)
            return makeError(GitText::tr("the merge was cancelled while its check ran (the engine stopped)"),
                             req.branch, GitText::tr("Run the merge again."));
        if (run->timedOut || run->exitCode != 0) {
            out.state = MergeOutcome::CheckFailed;
            out.reason = run->timedOut ? GitText::tr("the check did not finish in %n s", nullptr, req.checkTimeoutMs / 1000)
                                       : GitText::tr("the check failed (exit code %1)").arg(run->exitCode);
            return out;
        }
    }
    const QString log = QStringLiteral("chorus: %1 %2").arg(mergeStrategyName(req.strategy), req.branch);
    return applyCandidate(repo.value(), out, *before, *c, log);
}

Result<MergeOutcome> syncBranch(const QString &repoPath, const QString &branch, const QString &target, bool rebase)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    git_repository *raw = repo->raw();
    const QString where = repo->workDir();
    MergeOutcome out;
    out.branch = target; // what comes in
    out.target = branch; // what moves
    Result<Oid> before = branchHead(raw, branch, where);
    if (!before)
        return before.error();
    Result<Oid> upstream = resolve(raw, target, where);
    if (!upstream)
        return upstream.error();
    out.branchHead = upstream->hex();
    out.targetBefore = out.targetAfter = before->hex();
    git_oid base;
    if (git_merge_base(&base, raw, &before->id, &upstream->id) != 0)
        return gitError(GitText::tr("'%1' and '%2' have no common history").arg(branch, target), where);
    if (git_oid_equal(&base, &upstream->id)) {
        out.state = MergeOutcome::UpToDate;
        return out;
    }
    Candidate c;
    if (git_oid_equal(&base, &before->id)) {
        c.commit = *upstream; // nothing of its own yet: fast-forward
    } else {
        Result<Candidate> built = rebase ? rebaseCandidate(raw, before->id, upstream->id, where)
                                         : mergeCandidate(raw, before->id, upstream->id, Build::SyncMerge,
                                                          GitText::tr("Merge %1 into %2").arg(target, branch), where);
        if (!built)
            return built.error();
        c = *built;
        if (rebase && c.empty && c.conflicts.isEmpty())
            c.commit = *upstream; // all of its commits were already on the target
    }
    if (c.conflicts.isEmpty())
        out.candidate = c.commit.hex();
    const QString log = QStringLiteral("chorus: sync with %1").arg(target);
    return applyCandidate(repo.value(), out, *before, c, log);
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

Result<QString> archiveBranch(const QString &repoPath, const QString &branch)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    Result<Oid> head = branchHead(repo->raw(), branch, repo->workDir());
    if (!head)
        return head.error();
    const QString name = QStringLiteral("refs/chorus/archive/%1/%2")
                             .arg(branch, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
    const QByteArray n = name.toUtf8();
    const QByteArray log = QByteArray("chorus: archive ") + branch.toUtf8();
    git_reference *raw = nullptr;
    if (git_reference_create(&raw, repo->raw(), n.constData(), &head->id, 0, log.constData()) != 0)
        return gitError(GitText::tr("cannot keep the branch's commits under %1").arg(name), repo->workDir());
    git_reference_free(raw);
    return name;
}

Result<QString> defaultMergeTarget(const QString &repoPath)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    Result<GitRepository> main = GitRepository::open(repo->commonDir());
    GitRepository &r = main ? main.value() : repo.value();
    const QString branch = r.currentBranch();
    if (branch.isEmpty())
        return makeError(r.isHeadUnborn() ? GitText::tr("the repository has no commits yet")
                                          : GitText::tr("the repository's HEAD is detached (no current branch)"),
                         repo->workDir(), GitText::tr("Name the branch to merge into with --into=BRANCH."));
    return branch;
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
