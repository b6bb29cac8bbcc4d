// Branch moves: merging an agent's branch into its target and the target into the agent's
// branch (sync), archiving a branch's commits, the default target. A candidate is built in
// memory (branchstatus.cpp), checked (mergecheck.cpp), then the branch moves by
// compare-and-swap, its clean work tree updated with it.
#include "git/merge.h"

#include "git/gitrepository.h"
#include "git/merge_p.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>

#include <optional>

namespace chorus {

namespace {
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
        Result<ProcessOutcome> run = runCheck(repo.value(), out.candidate, req.check, req.checkRoot,
                                              req.checkTimeoutMs, cancel, req.checkEnvironment);
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

} // namespace chorus
