#include "git/gitrepository.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "git/gitcommon_p.h"

#include <git2.h>

#include <vector>

namespace chorus {

struct GitRepository::Private
{
    RepoPtr repo;
    QString path;
};

GitRepository::GitRepository() : d(std::make_unique<Private>()) {}

git_repository *GitRepository::raw() const
{
    return d->repo.get();
}
GitRepository::~GitRepository() = default;
GitRepository::GitRepository(GitRepository &&) noexcept = default;
GitRepository &GitRepository::operator=(GitRepository &&) noexcept = default;

Result<GitRepository> GitRepository::discover(const QString &path)
{
    ensureInit();
    git_repository *raw = nullptr;
    const QByteArray p = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    if (git_repository_open_ext(&raw, p.constData(), 0, nullptr) != 0)
        return gitError(GitText::tr("not inside a git repository"), path,
                        GitText::tr("Pass --repo=DIR with a git repository, or --no-worktree to work in place."));
    GitRepository r;
    r.d->repo.reset(raw);
    r.d->path = r.workDir();
    if (git_repository_is_bare(raw))
        return makeError(GitText::tr("the repository is bare (it has no work tree)"), path);
    return r;
}

Result<GitRepository> GitRepository::open(const QString &path)
{
    ensureInit();
    git_repository *raw = nullptr;
    const QByteArray p = QFile::encodeName(path);
    if (git_repository_open(&raw, p.constData()) != 0)
        return gitError(GitText::tr("cannot open the git repository"), path);
    GitRepository r;
    r.d->repo.reset(raw);
    r.d->path = path;
    return r;
}

QString GitRepository::workDir() const
{
    const char *wd = git_repository_workdir(d->repo.get());
    QString s = wd ? QFile::decodeName(wd) : QString();
    while (s.size() > 1 && s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

QString GitRepository::commonDir() const
{
    return QDir(QFile::decodeName(git_repository_commondir(d->repo.get()))).canonicalPath();
}

QString GitRepository::id() const
{
    const QString dir = QDir(commonDir()).canonicalPath();
    QString base = QFileInfo(dir.endsWith(QLatin1String("/.git")) ? dir.chopped(5) : dir).fileName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QByteArray hash = QCryptographicHash::hash(dir.toUtf8(), QCryptographicHash::Sha1).toHex().left(10);
    return base + QLatin1Char('-') + QString::fromLatin1(hash);
}

QString GitRepository::currentBranch() const
{
    git_reference *raw = nullptr;
    if (git_repository_head(&raw, d->repo.get()) != 0)
        return {};
    RefPtr head(raw);
    if (!git_reference_is_branch(head.get()))
        return {};
    return QString::fromUtf8(git_reference_shorthand(head.get()));
}

bool GitRepository::isHeadUnborn() const
{
    return git_repository_head_unborn(d->repo.get()) == 1;
}

Result<QString> GitRepository::resolveCommit(const QString &rev) const
{
    git_object *raw = nullptr;
    const QByteArray spec = rev.toUtf8();
    if (git_revparse_single(&raw, d->repo.get(), spec.constData()) != 0)
        return gitError(GitText::tr("unknown revision '%1'").arg(rev), workDir(),
                        GitText::tr("Name a branch, tag or commit that exists in this repository."));
    ObjectPtr obj(raw);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0)
        return gitError(GitText::tr("'%1' is not a commit").arg(rev), workDir());
    ObjectPtr commit(peeled);
    return oidString(git_object_id(commit.get()));
}

Result<QString> GitRepository::headCommit() const
{
    if (isHeadUnborn())
        return makeError(GitText::tr("the repository has no commits yet"), workDir(),
                         GitText::tr("Make a first commit, then start the agent."));
    return resolveCommit(QStringLiteral("HEAD"));
}

bool GitRepository::branchExists(const QString &name) const
{
    git_reference *raw = nullptr;
    const QByteArray n = name.toUtf8();
    if (git_branch_lookup(&raw, d->repo.get(), n.constData(), GIT_BRANCH_LOCAL) != 0)
        return false;
    git_reference_free(raw);
    return true;
}

QStringList GitRepository::branches(const QString &prefix) const
{
    QStringList out;
    git_branch_iterator *rawIt = nullptr;
    if (git_branch_iterator_new(&rawIt, d->repo.get(), GIT_BRANCH_LOCAL) != 0)
        return out;
    git_reference *raw = nullptr;
    git_branch_t type;
    while (git_branch_next(&raw, &type, rawIt) == 0) {
        const QString name = QString::fromUtf8(git_reference_shorthand(raw));
        git_reference_free(raw);
        if (name.startsWith(prefix))
            out << name;
    }
    git_branch_iterator_free(rawIt);
    return out;
}

Result<bool> GitRepository::hasCommitsOfItsOwn(const QString &branch) const
{
    const QString full = QStringLiteral("refs/heads/") + branch;
    const Result<QString> tip = resolveCommit(full);
    if (!tip)
        return tip.error();
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, d->repo.get()) != 0)
        return gitError(GitText::tr("cannot walk the history"), workDir());
    RevwalkPtr walk(rawWalk);
    git_oid id;
    const QByteArray hex = tip->toLatin1();
    git_oid_fromstr(&id, hex.constData());
    if (git_revwalk_push(walk.get(), &id) != 0)
        return gitError(GitText::tr("cannot walk the history"), workDir());
    git_reference_iterator *rawIt = nullptr;
    if (git_reference_iterator_new(&rawIt, d->repo.get()) != 0)
        return gitError(GitText::tr("cannot list the refs"), workDir());
    git_reference *raw = nullptr;
    while (git_reference_next(&raw, rawIt) == 0) {
        RefPtr ref(raw);
        if (QString::fromUtf8(git_reference_name(ref.get())) == full)
            continue;
        git_object *peeled = nullptr;
        if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0)
            continue; // a ref to a blob or tree, or broken: it reaches no commit
        ObjectPtr commit(peeled);
        git_revwalk_hide(walk.get(), git_object_id(commit.get()));
    }
    git_reference_iterator_free(rawIt);
    git_oid next;
    return git_revwalk_next(&next, walk.get()) == 0;
}

bool GitRepository::isValidBranchName(const QString &name)
{
    ensureInit();
    int valid = 0;
    const QByteArray n = name.toUtf8();
    return git_branch_name_is_valid(&valid, n.constData()) == 0 && valid;
}

Status GitRepository::createBranch(const QString &name, const QString &commit)
{
    if (!isValidBranchName(name))
        return makeError(GitText::tr("'%1' is not a valid branch name").arg(name), workDir());
    git_oid oid;
    const QByteArray hex = commit.toLatin1();
    if (git_oid_fromstr(&oid, hex.constData()) != 0)
        return gitError(GitText::tr("bad commit id '%1'").arg(commit), workDir());
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, d->repo.get(), &oid) != 0)
        return gitError(GitText::tr("no commit %1").arg(commit), workDir());
    CommitPtr c(rawCommit);
    git_reference *raw = nullptr;
    const QByteArray n = name.toUtf8();
    if (git_branch_create(&raw, d->repo.get(), n.constData(), c.get(), 0) != 0)
        return gitError(GitText::tr("cannot create branch %1").arg(name), workDir());
    git_reference_free(raw);
    return Ok{};
}

Status GitRepository::deleteBranch(const QString &name)
{
    git_reference *raw = nullptr;
    const QByteArray n = name.toUtf8();
    if (git_branch_lookup(&raw, d->repo.get(), n.constData(), GIT_BRANCH_LOCAL) != 0)
        return gitError(GitText::tr("no branch %1").arg(name), workDir());
    RefPtr ref(raw);
    if (git_branch_delete(ref.get()) != 0)
        return gitError(GitText::tr("cannot delete branch %1").arg(name), workDir());
    return Ok{};
}

namespace {
int findAttributesFile(const char *, const git_tree_entry *entry, void *payload)
{
    if (qstrcmp(git_tree_entry_name(entry), ".gitattributes") != 0)
        return 0;
    *static_cast<bool *>(payload) = true;
    return -1; // found: stop the walk
}

bool nonEmptyFile(const QString &path)
{
    const QFileInfo f(path);
    return f.isFile() && f.size() > 0;
}

// Whether checking `commit` out could change any file's bytes (CRLF conversion, ident): some
// attributes are in effect (a .gitattributes in its tree, the repository's info/attributes,
// the user's or the system's attributes file) or core.autocrlf is on. When none are, the
// checkout skips the filters and the attribute lookups they make for every file, which cost
// more than half of a large checkout. Any doubt keeps the filters.
bool checkoutNeedsFilters(git_repository *repo, git_commit *commit)
{
    git_config *rawConfig = nullptr;
    if (git_repository_config_snapshot(&rawConfig, repo) != 0)
        return true;
    ConfigPtr config(rawConfig);
    int autocrlf = 0;
    const int rc = git_config_get_bool(&autocrlf, config.get(), "core.autocrlf");
    if (rc == 0 ? autocrlf != 0 : rc != GIT_ENOTFOUND) // true, or "input" (not a boolean)
        return true;
    // The attribute files libgit2 reads: core.attributesFile, else "attributes" in its XDG
    // folders; "gitattributes" in its system folders; the repository's info/attributes.
    QStringList files;
    auto inSearchPath = [&files](int level, const QString &name) {
        git_buf value = GIT_BUF_INIT;
        if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level, &value) != 0) {
            git_buf_dispose(&value);
            files << QString(); // unknown: counts as present
            return;
        }
        const QString paths = QFile::decodeName(QByteArray(value.ptr, qsizetype(value.size)));
        git_buf_dispose(&value);
        for (const QString &dir : paths.split(QLatin1Char(':'), Qt::SkipEmptyParts))
            files << dir + QLatin1Char('/') + name;
    };
    git_buf attributesFile = GIT_BUF_INIT;
    if (git_config_get_path(&attributesFile, config.get(), "core.attributesFile") == 0) {
        files << QFile::decodeName(attributesFile.ptr);
        git_buf_dispose(&attributesFile);
    } else {
        git_buf_dispose(&attributesFile);
        inSearchPath(GIT_CONFIG_LEVEL_XDG, QStringLiteral("attributes"));
    }
    inSearchPath(GIT_CONFIG_LEVEL_SYSTEM, QStringLiteral("gitattributes"));
    files << QFile::decodeName(git_repository_commondir(repo)) + QStringLiteral("info/attributes");
    for (const QString &f : std::as_const(files))
        if (f.isEmpty() || nonEmptyFile(f))
            return true;
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit) != 0)
        return true;
    TreePtr tree(rawTree);
    bool found = false;
    const int walked = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, findAttributesFile, &found);
    return found || walked != 0; // a walk that failed: keep the filters
}
} // namespace

Status GitRepository::addWorktree(const QString &name, const QString &path, const QString &branch)
{
    git_reference *rawRef = nullptr;
    const QByteArray b = branch.toUtf8();
    if (git_branch_lookup(&rawRef, d->repo.get(), b.constData(), GIT_BRANCH_LOCAL) != 0)
        return gitError(GitText::tr("no branch %1").arg(branch), workDir());
    RefPtr ref(rawRef);
    git_worktree_add_options opts;
    git_worktree_add_options_init(&opts, GIT_WORKTREE_ADD_OPTIONS_VERSION);
    opts.ref = ref.get();
    git_object *rawCommit = nullptr;
    if (git_reference_peel(&rawCommit, ref.get(), GIT_OBJECT_COMMIT) != 0)
        return gitError(GitText::tr("cannot read branch %1").arg(branch), workDir());
    ObjectPtr commit(rawCommit);
    opts.checkout_options.disable_filters =
        checkoutNeedsFilters(d->repo.get(), reinterpret_cast<git_commit *>(commit.get())) ? 0 : 1;
    git_worktree *rawWt = nullptr;
    const QByteArray n = name.toUtf8();
    const QByteArray p = QFile::encodeName(path);
    // libgit2 leaves what it made when the add fails half-way (the record, the folder, part of
    // the checkout): an orphan record would block the name for ever.
    const QString record = adminDir(name);
    const bool recordThere = QFileInfo::exists(record), folderThere = QFileInfo::exists(path);
    if (git_worktree_add(&rawWt, d->repo.get(), n.constData(), p.constData(), &opts) != 0) {
        const Error e = gitError(GitText::tr("cannot create the worktree"), path);
        if (!folderThere)
            QDir(path).removeRecursively();
        if (!recordThere && !record.isEmpty())
            QDir(record).removeRecursively();
        return e;
    }
    git_worktree_free(rawWt);
    return Ok{};
}

QString GitRepository::adminDir(const QString &name) const
{
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.startsWith(QLatin1Char('.')))
        return {};
    return QFile::decodeName(git_repository_commondir(d->repo.get())) +
           QStringLiteral("worktrees/") + name;
}

bool GitRepository::worktreeNameTaken(const QString &name) const
{
    const QString record = adminDir(name);
    return record.isEmpty() || QFileInfo::exists(record);
}

QStringList GitRepository::pruneStaleWorktrees(const QString &root)
{
    const QString under = QDir::cleanPath(QFileInfo(root).absoluteFilePath()) + QLatin1Char('/');
    const QString canonicalUnder = QFileInfo(root).canonicalFilePath() + QLatin1Char('/');
    const QDir records(QFile::decodeName(git_repository_commondir(d->repo.get())) +
                       QStringLiteral("worktrees"));
    QStringList pruned;
    const auto names = records.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : names) {
        const QString record = records.filePath(name);
        if (QFileInfo::exists(record + QStringLiteral("/locked")))
            continue;
        QFile gitdir(record + QStringLiteral("/gitdir"));
        bool stale = false;
        if (!gitdir.exists()) {
            // Half-made (a creation killed or failed before it wrote the file); a creation in
            // progress writes it within moments.
            const QDateTime made = QFileInfo(record).lastModified();
            stale = made.isValid() && made.secsTo(QDateTime::currentDateTime()) > 60;
        } else if (gitdir.open(QIODevice::ReadOnly)) {
            const QString dotGit = QFile::decodeName(gitdir.readAll().trimmed());
            const QString folder = QDir::cleanPath(QFileInfo(dotGit).absolutePath());
            const QString inside = folder + QLatin1Char('/');
            const bool ours = inside.startsWith(under) ||
                              (canonicalUnder.size() > 1 && inside.startsWith(canonicalUnder));
            stale = ours && inside != under && !QFileInfo(dotGit).isFile();
        }
        if (stale && QDir(record).removeRecursively())
            pruned << name;
    }
    return pruned;
}

Status GitRepository::removeWorktree(const QString &path)
{
    // The same folder however it is spelt (symlinks, a trailing slash, a folder already gone).
    auto same = [](const QString &a, const QString &b) {
        const QString ca = QFileInfo(a).canonicalFilePath(), cb = QFileInfo(b).canonicalFilePath();
        if (!ca.isEmpty() && !cb.isEmpty())
            return ca == cb;
        return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
    };
    // Git's records of it, found by path before the folder goes (its path resolves until then).
    std::vector<WorktreePtr> records;
    git_strarray names{};
    const bool listed = git_worktree_list(&names, d->repo.get()) == 0;
    for (size_t i = 0; listed && i < names.count; ++i) {
        git_worktree *raw = nullptr;
        if (git_worktree_lookup(&raw, d->repo.get(), names.strings[i]) != 0)
            continue;
        WorktreePtr wt(raw);
        if (same(QFile::decodeName(git_worktree_path(wt.get())), path))
            records.push_back(std::move(wt));
    }
    if (listed)
        git_strarray_dispose(&names);
    // The folder first, its .git file before anything in it: a kill part-way leaves a folder
    // that is plainly no worktree (`chorus clean` saves and removes it) and a record git calls
    // prunable, never a worktree with files missing that a checkpoint would commit as deleted,
    // nor a folder whose record is gone while its .git file still points at it.
    Status result = Ok{};
    const QFileInfo dotGit(path + QStringLiteral("/.git"));
    if (dotGit.isFile() && !QFile::remove(dotGit.filePath()))
        result = makeError(GitText::tr("cannot delete the worktree folder"), path,
                           GitText::tr("Check its permissions, then run `chorus clean` again."));
    else if (QFileInfo(path).isDir() && !QDir(path).removeRecursively())
        result = makeError(GitText::tr("cannot delete the worktree folder"), path,
                           GitText::tr("Check its permissions, then run `chorus clean` again."));
    if (!listed && result)
        return gitError(GitText::tr("cannot list the worktrees"), workDir());
    for (const WorktreePtr &wt : std::as_const(records)) {
        git_worktree_prune_options opts;
        git_worktree_prune_options_init(&opts, GIT_WORKTREE_PRUNE_OPTIONS_VERSION);
        opts.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED;
        if (git_worktree_prune(wt.get(), &opts) != 0 && result)
            result = gitError(GitText::tr("cannot remove worktree %1").arg(path), workDir());
    }
    return result;
}

namespace {
// Whether a file still holds git conflict markers ("<<<<<<< " and ">>>>>>> " lines).
bool hasConflictMarkers(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray data = f.read(8 * 1024 * 1024);
    auto hasLine = [&](const char *marker) {
        const QByteArray line = QByteArray("\n").append(marker);
        return data.startsWith(marker) || data.contains(line);
    };
    return hasLine("<<<<<<< ") && hasLine(">>>>>>> ");
}

int collectMergeHead(const git_oid *oid, void *payload)
{
    static_cast<QList<git_oid> *>(payload)->append(*oid);
    return 0;
}
} // namespace

Result<QString> GitRepository::commitAll(const QString &message, const QString &authorName,
                                         const QString &authorEmail)
{
    git_repository *repo = d->repo.get();
    // A merge in progress (a resolver's worktree) is finished by this commit once no file
    // holds conflict markers any more; until then its work is committed like any other.
    QList<git_oid> mergeHeads;
    const QString conflictList = conflictListPath(repo);
    if (git_repository_state(repo) == GIT_REPOSITORY_STATE_MERGE) {
        git_repository_mergehead_foreach(repo, collectMergeHead, &mergeHeads);
        // The files that were conflicted (recorded by beginMerge) and whatever changed since.
        const Result<QStringList> changed = changedFiles();
        QStringList paths = changed ? *changed : QStringList();
        QFile list(conflictList);
        if (list.open(QIODevice::ReadOnly))
            for (const QByteArray &line : list.readAll().split('\n'))
                if (!line.isEmpty())
                    paths << QString::fromUtf8(line);
        for (const QString &path : std::as_const(paths))
            if (hasConflictMarkers(workDir() + QLatin1Char('/') + path)) {
                mergeHeads.clear();
                break;
            }
    }
    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repo) != 0)
        return gitError(GitText::tr("cannot read the index"), workDir());
    IndexPtr index(rawIndex);
    char star[] = "*";
    char *patterns[] = {star};
    const git_strarray all = {patterns, 1};
    if (git_index_update_all(index.get(), &all, nullptr, nullptr) != 0 ||
        git_index_add_all(index.get(), &all, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0)
        return gitError(GitText::tr("cannot stage the changes"), workDir(),
                        GitText::tr("Is another git process holding the index lock (index.lock)?"));
    git_oid treeId;
    if (git_index_write_tree(&treeId, index.get()) != 0)
        return gitError(GitText::tr("cannot write the tree"), workDir());

    std::vector<CommitPtr> parents;
    if (!isHeadUnborn()) {
        git_object *rawHead = nullptr;
        if (git_revparse_single(&rawHead, repo, "HEAD^{commit}") != 0)
            return gitError(GitText::tr("cannot read HEAD"), workDir());
        parents.emplace_back(reinterpret_cast<git_commit *>(rawHead));
        if (mergeHeads.isEmpty() && git_oid_equal(git_commit_tree_id(parents.front().get()), &treeId))
            return QString(); // nothing changed: no commit
    }
    for (const git_oid &id : std::as_const(mergeHeads)) {
        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, repo, &id) != 0)
            return gitError(GitText::tr("cannot read the commit being merged"), workDir());
        parents.emplace_back(raw);
    }
    if (git_index_write(index.get()) != 0)
        return gitError(GitText::tr("cannot write the index"), workDir());
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo, &treeId) != 0)
        return gitError(GitText::tr("cannot read the tree"), workDir());
    TreePtr tree(rawTree);
    git_signature *rawSig = nullptr;
    const QByteArray an = authorName.toUtf8(), ae = authorEmail.toUtf8();
    if (git_signature_now(&rawSig, an.constData(), ae.constData()) != 0)
        return gitError(GitText::tr("bad author"), workDir());
    SigPtr sig(rawSig);
    std::vector<const git_commit *> parentPtrs;
    for (const CommitPtr &p : parents)
        parentPtrs.push_back(p.get());
    git_oid commitId;
    const QByteArray msg = message.toUtf8();
    if (git_commit_create(&commitId, repo, "HEAD", sig.get(), sig.get(), "UTF-8", msg.constData(), tree.get(),
                          parentPtrs.size(), parentPtrs.empty() ? nullptr : parentPtrs.data()) != 0)
        return gitError(GitText::tr("cannot commit"), workDir());
    if (!mergeHeads.isEmpty()) {
        git_repository_state_cleanup(repo); // the merge is done: MERGE_HEAD and MERGE_MSG go
        QFile::remove(conflictList);
    }
    return oidString(&commitId);
}

bool GitRepository::isMidOperation() const
{
    return git_repository_state(d->repo.get()) != GIT_REPOSITORY_STATE_NONE;
}

Result<QStringList> GitRepository::changedFiles() const
{
    git_status_options opts;
    git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, d->repo.get(), &opts) != 0)
        return gitError(GitText::tr("cannot read the status"), workDir());
    StatusListPtr list(raw);
    QStringList out;
    const size_t n = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < n; ++i) {
        const git_status_entry *e = git_status_byindex(list.get(), i);
        const git_diff_delta *delta = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        if (delta && delta->new_file.path)
            out << QString::fromUtf8(delta->new_file.path);
    }
    return out;
}

} // namespace chorus
