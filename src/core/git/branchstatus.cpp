// Where a branch stands against its target, and the candidates a merge is built as: a merge,
// squash or rebase made in memory (objects only; no ref or work tree is touched). Branch
// status forecasts with them; branch moves (merge.cpp) build the candidate they then apply.
#include "git/branchstatus.h"

#include "git/gitrepository.h"
#include "git/merge_p.h"

#include <QSet>

namespace chorus {

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

git_merge_options mergeOptions()
{
    git_merge_options opts;
    git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
    opts.flags = GIT_MERGE_FIND_RENAMES;
    return opts;
}

namespace {
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
} // namespace

Result<Candidate> mergeCandidate(git_repository *repo, const git_oid &ours, const git_oid &theirs,
                                 Build build, const QString &message, const QString &where,
                                 const Resolutions &resolutions)
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

Merged mergedState(const QString &repoPath, const BranchStatus &status,
                   const QList<RecordedMerge> &records)
{
    if (status.merged)
        return status.contained ? Merged::ByContent : Merged::ByHistory;
    for (const RecordedMerge &r : records) {
        if (r.target != status.target || r.branchHead != status.head || r.targetCommit.isEmpty())
            continue;
        // A record that cannot be read (a commit id from an older engine...) says nothing.
        if (const Result<bool> kept = reachableFrom(repoPath, r.targetCommit, status.target);
            kept && *kept)
            return Merged::ByContent;
    }
    return Merged::No;
}

} // namespace chorus
