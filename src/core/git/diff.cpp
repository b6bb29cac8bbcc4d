#include "git/diff.h"

#include "git/gitcommon_p.h"
#include "git/gitrepository.h"

#include <algorithm>
#include <climits>

namespace chorus {

namespace {

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelledError(const QString &where)
{
    return makeError(GitText::tr("cancelled"), where);
}

// Aborts a tree diff between two entries when the caller cancels.
int progressCancel(const git_diff *, const char *, const char *, void *payload)
{
    return isCancelled(static_cast<const std::atomic_bool *>(payload)) ? GIT_EUSER : 0;
}

Result<GitRepository> openRepo(const QString &repoPath)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo) {
        Error e = repo.error();
        e.hint = GitText::tr("Choose a folder inside a git repository.");
        return e;
    }
    return repo;
}

// HEAD is unborn and there is no reference at all. (git_repository_is_empty() fails in
// libgit2 1.5 when init.defaultBranch is not configured.)
bool hasNoCommits(git_repository *repo)
{
    if (git_repository_head_unborn(repo) != 1)
        return false;
    git_reference_iterator *it = nullptr;
    if (git_reference_iterator_new(&it, repo) != 0)
        return false;
    git_reference *ref = nullptr;
    const bool none = git_reference_next(&ref, it) == GIT_ITEROVER;
    git_reference_free(ref);
    git_reference_iterator_free(it);
    return none;
}

// The commit `rev` resolves to; `what` names the argument in the error ("unknown branch '%1'").
Result<CommitPtr> lookupCommit(git_repository *repo, const QString &rev, const QString &what,
                               const QString &where)
{
    git_object *raw = nullptr;
    const QByteArray spec = rev.toUtf8();
    if (rev.isEmpty() || git_revparse_single(&raw, repo, spec.constData()) != 0) {
        if (hasNoCommits(repo))
            return makeError(GitText::tr("the repository has no commits yet"), where,
                             GitText::tr("Make a first commit, then review the branch."));
        return gitError(what.arg(rev), where,
                        GitText::tr("Name a branch, tag or commit that exists in this repository "
                                    "(it may have been deleted or renamed)."));
    }
    ObjectPtr obj(raw);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0)
        return gitError(GitText::tr("'%1' is not a commit").arg(rev), where);
    return CommitPtr(reinterpret_cast<git_commit *>(peeled));
}

git_diff_options diffOptions(int contextLines, const std::atomic_bool *cancel)
{
    git_diff_options o;
    git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    // A file that became a symlink (or back) is one TypeChanged delta, not a delete + add.
    o.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    // xdiff handles any context; cap it so its line arithmetic cannot overflow.
    o.context_lines = uint32_t(std::clamp(contextLines, 0, INT_MAX / 4));
    o.interhunk_lines = 0;
    if (cancel) {
        o.progress_cb = progressCancel;
        o.payload = const_cast<std::atomic_bool *>(cancel);
    }
    return o;
}

// Options for hunks shown to a person: placed like git's (indent heuristic).
git_diff_options patchOptions(int contextLines, const std::atomic_bool *cancel)
{
    git_diff_options o = diffOptions(contextLines, cancel);
    o.flags |= GIT_DIFF_INDENT_HEURISTIC;
    return o;
}

Result<DiffPtr> treeDiff(git_repository *repo, git_commit *oldCommit, git_commit *newCommit,
                         const git_diff_options &opts, bool findRenames,
                         const std::atomic_bool *cancel, const QString &where)
{
    git_tree *rawOld = nullptr, *rawNew = nullptr;
    if (git_commit_tree(&rawOld, oldCommit) != 0)
        return gitError(
            GitText::tr("cannot read the tree of %1").arg(oidString(git_commit_id(oldCommit))),
            where);
    TreePtr oldTree(rawOld);
    if (git_commit_tree(&rawNew, newCommit) != 0)
        return gitError(
            GitText::tr("cannot read the tree of %1").arg(oidString(git_commit_id(newCommit))),
            where);
    TreePtr newTree(rawNew);
    git_diff *raw = nullptr;
    if (git_diff_tree_to_tree(&raw, repo, oldTree.get(), newTree.get(), &opts) != 0) {
        if (isCancelled(cancel))
            return cancelledError(where);
        return gitError(GitText::tr("cannot compare the trees"), where);
    }
    DiffPtr diff(raw);
    if (findRenames) {
        git_diff_find_options find;
        git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
        find.flags =
            GIT_DIFF_FIND_RENAMES; // copies off: they are costly and rarely what an agent did
        if (git_diff_find_similar(diff.get(), &find) != 0)
            return gitError(GitText::tr("cannot detect renamed files"), where);
    }
    if (isCancelled(cancel))
        return cancelledError(where);
    return diff;
}

FileDiff::Status statusOf(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
        return FileDiff::Added;
    case GIT_DELTA_DELETED:
        return FileDiff::Deleted;
    case GIT_DELTA_RENAMED:
        return FileDiff::Renamed;
    case GIT_DELTA_COPIED:
        return FileDiff::Copied;
    case GIT_DELTA_TYPECHANGE:
        return FileDiff::TypeChanged;
    default:
        return FileDiff::Modified;
    }
}

// Status, paths and modes of one file.
FileDiff fileFromDelta(const git_diff_delta *d)
{
    FileDiff f;
    f.status = statusOf(d->status);
    if (f.status != FileDiff::Added) {
        f.oldPath = QString::fromUtf8(d->old_file.path);
        f.oldMode = d->old_file.mode;
    }
    if (f.status != FileDiff::Deleted) {
        f.newPath = QString::fromUtf8(d->new_file.path);
        f.newMode = d->new_file.mode;
    }
    if (f.status == FileDiff::Renamed || f.status == FileDiff::Copied)
        f.similarity = d->similarity;
    if (!git_oid_is_zero(&d->old_file.id))
        f.oldBlob = oidString(&d->old_file.id);
    if (!git_oid_is_zero(&d->new_file.id))
        f.newBlob = oidString(&d->new_file.id);
    return f;
}

// Binary flag and +/- counts from the file's patch.
void addStats(FileDiff &f, git_patch *patch)
{
    f.binary = (git_patch_get_delta(patch)->flags & GIT_DIFF_FLAG_BINARY) != 0;
    if (!f.binary) {
        size_t context = 0, additions = 0, deletions = 0;
        git_patch_line_stats(&context, &additions, &deletions, patch);
        f.additions = int(additions);
        f.deletions = int(deletions);
    }
}

bool isBlobMode(uint16_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
           mode == GIT_FILEMODE_LINK;
}

// The patch of delta `idx`. libgit2 loads no content for a type change (a file that became a
// symlink): those two blobs are compared directly, so the counts are git's.
Result<PatchPtr> makePatch(git_repository *repo, git_diff *diff, size_t idx,
                           const git_diff_options &opts, const QString &where)
{
    const git_diff_delta *d = git_diff_get_delta(diff, idx);
    const QString path = QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path);
    git_patch *raw = nullptr;
    if (d->status == GIT_DELTA_TYPECHANGE && isBlobMode(d->old_file.mode) &&
        isBlobMode(d->new_file.mode)) {
        git_blob *rawOld = nullptr, *rawNew = nullptr;
        if (git_blob_lookup(&rawOld, repo, &d->old_file.id) != 0)
            return gitError(GitText::tr("cannot read the old version of %1").arg(path), where);
        BlobPtr oldBlob(rawOld);
        if (git_blob_lookup(&rawNew, repo, &d->new_file.id) != 0)
            return gitError(GitText::tr("cannot read the new version of %1").arg(path), where);
        BlobPtr newBlob(rawNew);
        if (git_patch_from_blobs(&raw, oldBlob.get(), d->old_file.path, newBlob.get(),
                                 d->new_file.path, &opts) != 0)
            return gitError(GitText::tr("cannot compare %1").arg(path), where);
    } else if (git_patch_from_diff(&raw, diff, idx) != 0) {
        return gitError(GitText::tr("cannot compare %1").arg(path), where);
    }
    if (!raw)
        return makeError(GitText::tr("cannot compare %1").arg(path), where);
    return PatchPtr(raw);
}

// The line's text without "\n" or "\r\n". Invalid UTF-8 becomes U+FFFD.
QString lineText(const char *content, size_t len)
{
    if (len > 0 && content[len - 1] == '\n')
        --len;
    if (len > 0 && content[len - 1] == '\r')
        --len;
    return QString::fromUtf8(content, qsizetype(len));
}

Status fillHunks(git_patch *patch, FileDiff &file, const std::atomic_bool *cancel,
                 const QString &where)
{
    const size_t hunkCount = git_patch_num_hunks(patch);
    file.hunks.reserve(qsizetype(hunkCount));
    for (size_t h = 0; h < hunkCount; ++h) {
        if (isCancelled(cancel))
            return cancelledError(where);
        const git_diff_hunk *gh = nullptr;
        size_t lineCount = 0;
        if (git_patch_get_hunk(&gh, &lineCount, patch, h) != 0)
            return gitError(GitText::tr("cannot read the changes of %1").arg(file.path()), where);
        DiffHunk hunk;
        hunk.oldStart = gh->old_start;
        hunk.oldLines = gh->old_lines;
        hunk.newStart = gh->new_start;
        hunk.newLines = gh->new_lines;
        hunk.header = lineText(gh->header, gh->header_len);
        hunk.lines.reserve(qsizetype(lineCount));
        for (size_t l = 0; l < lineCount; ++l) {
            const git_diff_line *gl = nullptr;
            if (git_patch_get_line_in_hunk(&gl, patch, h, l) != 0)
                return gitError(GitText::tr("cannot read the changes of %1").arg(file.path()),
                                where);
            DiffLine line;
            switch (gl->origin) {
            case GIT_DIFF_LINE_ADDITION:
                line.kind = DiffLine::Added;
                break;
            case GIT_DIFF_LINE_DELETION:
                line.kind = DiffLine::Removed;
                break;
            case GIT_DIFF_LINE_CONTEXT_EOFNL:
            case GIT_DIFF_LINE_ADD_EOFNL:
            case GIT_DIFF_LINE_DEL_EOFNL:
                line.kind = DiffLine::NoNewlineAtEnd;
                break;
            default:
                line.kind = DiffLine::Context;
                break;
            }
            if (line.kind == DiffLine::NoNewlineAtEnd) {
                // The marker belongs to the line before it, on that line's side(s).
                line.text = lineText(gl->content, gl->content_len).trimmed();
                if (!hunk.lines.isEmpty()) {
                    const DiffLine &prev = hunk.lines.constLast();
                    line.oldLine = prev.kind == DiffLine::Added ? 0 : prev.oldLine;
                    line.newLine = prev.kind == DiffLine::Removed ? 0 : prev.newLine;
                }
            } else {
                line.text = lineText(gl->content, gl->content_len);
                line.oldLine = std::max(0, gl->old_lineno);
                line.newLine = std::max(0, gl->new_lineno);
            }
            hunk.lines.append(std::move(line));
        }
        const QList<SideBySideRow> rows = sideBySide(hunk);
        for (const SideBySideRow &row : rows) {
            if (row.left >= 0 && row.right >= 0 && hunk.lines[row.left].kind == DiffLine::Removed &&
                hunk.lines[row.right].kind == DiffLine::Added)
                markIntraLine(hunk.lines[row.left], hunk.lines[row.right]);
        }
        file.hunks.append(std::move(hunk));
    }
    return Ok{};
}

// Which side a NoNewlineAtEnd marker belongs to.
enum class Side { Old, New, Both };
Side markerSide(const QList<DiffLine> &lines, qsizetype i)
{
    const DiffLine &m = lines[i];
    if (m.oldLine > 0 && m.newLine == 0)
        return Side::Old;
    if (m.newLine > 0 && m.oldLine == 0)
        return Side::New;
    if ((m.oldLine == 0 && m.newLine == 0) && i > 0) { // no numbers: go by the line before
        if (lines[i - 1].kind == DiffLine::Removed)
            return Side::Old;
        if (lines[i - 1].kind == DiffLine::Added)
            return Side::New;
    }
    return Side::Both;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

Result<DiffSummary> diffBranch(const QString &repoPath, const QString &branch,
                               const QString &target, const std::atomic_bool *cancel, DiffDetail detail)
{
    Result<GitRepository> repo = openRepo(repoPath);
    if (!repo)
        return repo.error();
    git_repository *r = repo->raw();
    DiffSummary summary;
    summary.repo = repo->workDir();
    summary.branch = branch;
    summary.target = target;
    const QString &where = summary.repo;

    Result<CommitPtr> head = lookupCommit(r, branch, GitText::tr("unknown branch '%1'"), where);
    if (!head)
        return head.error();
    Result<CommitPtr> into =
        lookupCommit(r, target, GitText::tr("unknown target branch '%1'"), where);
    if (!into)
        return into.error();
    git_oid baseId;
    const int rc =
        git_merge_base(&baseId, r, git_commit_id(head->get()), git_commit_id(into->get()));
    if (rc == GIT_ENOTFOUND)
        return makeError(
            GitText::tr("'%1' and '%2' have no common history (no merge base)").arg(branch, target),
            where, GitText::tr("Compare the branch with the branch it was created from."));
    if (rc != 0)
        return gitError(
            GitText::tr("cannot find the merge base of '%1' and '%2'").arg(branch, target), where);
    git_commit *rawBase = nullptr;
    if (git_commit_lookup(&rawBase, r, &baseId) != 0)
        return gitError(GitText::tr("cannot read the merge base %1").arg(oidString(&baseId)),
                        where);
    CommitPtr base(rawBase);
    summary.headCommit = oidString(git_commit_id(head->get()));
    summary.baseCommit = oidString(&baseId);

    // A summary needs no context: the counts do not depend on it and xdiff emits less.
    const bool hunks = detail == DiffDetail::Patch;
    const git_diff_options opts = hunks ? patchOptions(3, cancel) : diffOptions(0, cancel);
    Result<DiffPtr> diff = treeDiff(r, base.get(), head->get(), opts, true, cancel, where);
    if (!diff)
        return diff.error();
    const size_t n = git_diff_num_deltas(diff->get());
    summary.files.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i) {
        if (isCancelled(cancel))
            return cancelledError(where);
        Result<PatchPtr> patch = makePatch(r, diff->get(), i, opts, where);
        if (!patch)
            return patch.error();
        FileDiff f = fileFromDelta(git_diff_get_delta(diff->get(), i));
        addStats(f, patch->get());
        if (hunks && !f.binary)
            if (Status s = fillHunks(patch->get(), f, cancel, where); !s)
                return s.error();
        summary.additions += f.additions;
        summary.deletions += f.deletions;
        summary.files.append(std::move(f));
    }
    std::stable_sort(summary.files.begin(), summary.files.end(),
                     [](const FileDiff &a, const FileDiff &b) { return a.path() < b.path(); });
    return summary;
}

Result<FileDiff> diffFile(const QString &repoPath, const QString &baseCommit,
                          const QString &headCommit, const QString &path, int contextLines,
                          const std::atomic_bool *cancel)
{
    Result<GitRepository> repo = openRepo(repoPath);
    if (!repo)
        return repo.error();
    git_repository *r = repo->raw();
    const QString where = repo->workDir() + QLatin1Char(':') + path;
    Result<CommitPtr> base =
        lookupCommit(r, baseCommit, GitText::tr("unknown base commit '%1'"), where);
    if (!base)
        return base.error();
    Result<CommitPtr> head =
        lookupCommit(r, headCommit, GitText::tr("unknown head commit '%1'"), where);
    if (!head)
        return head.error();

    const QByteArray wanted = path.toUtf8();
    auto findDelta = [&wanted](git_diff *diff) -> qsizetype {
        qsizetype byOldPath = -1;
        const size_t n = git_diff_num_deltas(diff);
        for (size_t i = 0; i < n; ++i) {
            const git_diff_delta *d = git_diff_get_delta(diff, i);
            if (d->new_file.path && wanted == d->new_file.path && d->status != GIT_DELTA_DELETED)
                return qsizetype(i);
            if (byOldPath < 0 && d->old_file.path && wanted == d->old_file.path)
                byOldPath = qsizetype(i);
        }
        return byOldPath;
    };

    const git_diff_options opts = patchOptions(contextLines, cancel);
    // First only `path` (a literal path, no glob): no other file is compared or read.
    QByteArray pathBuf = wanted;
    char *pathspec[] = {pathBuf.data()};
    git_diff_options onePath = opts;
    onePath.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    onePath.pathspec = {pathspec, 1};
    Result<DiffPtr> diff = treeDiff(r, base->get(), head->get(), onePath, false, cancel, where);
    if (!diff)
        return diff.error();
    qsizetype idx = findDelta(diff->get());
    if (idx < 0)
        return makeError(GitText::tr("no changes in this file between %1 and %2")
                             .arg(baseCommit.left(10), headCommit.left(10)),
                         where, GitText::tr("Reload the list of changed files."));
    const git_delta_t status = git_diff_get_delta(diff->get(), size_t(idx))->status;
    if (status == GIT_DELTA_ADDED || status == GIT_DELTA_DELETED) {
        // It may be one side of a rename: pair it like diffBranch() does, over the whole tree
        // diff (rename detection reads only added and deleted files).
        diff = treeDiff(r, base->get(), head->get(), opts, true, cancel, where);
        if (!diff)
            return diff.error();
        idx = findDelta(diff->get());
        if (idx < 0)
            return makeError(GitText::tr("no changes in this file"), where);
    }
    Result<PatchPtr> patch = makePatch(r, diff->get(), size_t(idx), opts, where);
    if (!patch)
        return patch.error();
    FileDiff file = fileFromDelta(git_diff_get_delta(diff->get(), size_t(idx)));
    addStats(file, patch->get());
    if (Status s = fillHunks(patch->get(), file, cancel, where); !s)
        return s.error();
    return file;
}

// Prefix and suffix common to both lines are unchanged; the middle is the change. A change
// that starts or ends inside a word is widened to the whole word (a renamed identifier reads
// better whole), unless that makes the marks cover most of the line. Pairs that differ in more
// than 70% of the longer line get no marks: the whole line is the change.
void markIntraLine(DiffLine &removed, DiffLine &added)
{
    removed.changed.clear();
    added.changed.clear();
    const QString &a = removed.text;
    const QString &b = added.text;
    const qsizetype la = a.size(), lb = b.size();
    const qsizetype shorter = std::min(la, lb);
    qsizetype prefix = 0;
    while (prefix < shorter && a[prefix] == b[prefix])
        ++prefix;
    if (prefix > 0 && a[prefix - 1].isHighSurrogate()) // never split a surrogate pair
        --prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && a[la - 1 - suffix] == b[lb - 1 - suffix])
        ++suffix;
    if (suffix > 0 && a[la - suffix].isLowSurrogate())
        --suffix;
    qsizetype aEnd = la - suffix, bEnd = lb - suffix;
    if (prefix == aEnd && prefix == bEnd)
        return; // identical
    const qsizetype longer = std::max(la, lb);
    auto tooMuch = [longer](qsizetype changed) { return changed * 10 > longer * 7; };
    if (tooMuch(std::max(aEnd - prefix, bEnd - prefix)))
        return;

    // Word boundaries. Prefix and suffix are the same text on both sides, so widening moves the
    // start (end) by the same amount on both.
    qsizetype start = prefix;
    const bool midWordStart =
        start > 0 && isWordChar(a[start - 1]) &&
        ((start < aEnd && isWordChar(a[start])) || (start < bEnd && isWordChar(b[start])));
    if (midWordStart)
        while (start > 0 && isWordChar(a[start - 1]))
            --start;
    qsizetype grow = 0;
    const bool midWordEnd =
        aEnd < la && isWordChar(a[aEnd]) &&
        ((aEnd > start && isWordChar(a[aEnd - 1])) || (bEnd > start && isWordChar(b[bEnd - 1])));
    if (midWordEnd)
        while (aEnd + grow < la && isWordChar(a[aEnd + grow]))
            ++grow;
    if (!tooMuch(std::max(aEnd + grow - start, bEnd + grow - start))) {
        prefix = start;
        aEnd += grow;
        bEnd += grow;
    }
    if (aEnd > prefix)
        removed.changed.append({int(prefix), int(aEnd - prefix)});
    if (bEnd > prefix)
        added.changed.append({int(prefix), int(bEnd - prefix)});
}

QList<SideBySideRow> sideBySide(const DiffHunk &hunk)
{
    const QList<DiffLine> &lines = hunk.lines;
    QList<SideBySideRow> rows;
    rows.reserve(lines.size());
    QList<int> removed, added;
    qsizetype i = 0;
    while (i < lines.size()) {
        const DiffLine::Kind kind = lines[i].kind;
        if (kind == DiffLine::Context ||
            (kind == DiffLine::NoNewlineAtEnd && markerSide(lines, i) == Side::Both)) {
            rows.append({int(i), int(i)});
            ++i;
            continue;
        }
        // A change block: removed lines, then added lines, each side possibly ending with its
        // "no newline" marker. Lines pair up index-wise; markers get rows of their own, last.
        removed.clear();
        added.clear();
        int oldMarker = -1, newMarker = -1;
        for (; i < lines.size(); ++i) {
            const DiffLine::Kind k = lines[i].kind;
            if (k == DiffLine::Context)
                break;
            if (k == DiffLine::Removed) {
                if (!added.isEmpty() || newMarker >= 0 || oldMarker >= 0)
                    break; // removed after added: the next block
                removed.append(int(i));
            } else if (k == DiffLine::Added) {
                if (newMarker >= 0)
                    break;
                added.append(int(i));
            } else {
                const Side side = markerSide(lines, i);
                if (side == Side::Both)
                    break;
                (side == Side::Old ? oldMarker : newMarker) = int(i);
            }
        }
        const qsizetype pairs = std::max(removed.size(), added.size());
        for (qsizetype k = 0; k < pairs; ++k)
            rows.append({k < removed.size() ? removed[k] : -1, k < added.size() ? added[k] : -1});
        if (oldMarker >= 0)
            rows.append({oldMarker, -1});
        if (newMarker >= 0)
            rows.append({-1, newMarker});
    }
    return rows;
}

} // namespace chorus
