#pragma once

// Shared by the merge files of src/core/git (branchstatus.cpp, conflict.cpp, merge.cpp,
// mergecheck.cpp): commit lookups, conflicts read from a merge index, and the candidates a
// merge is built as in memory before any branch moves. Private to chorus-core (never included
// outside src/core/git).

#include "git/conflict.h"
#include "git/gitcommon_p.h"
#include "result.h"
#include "util/processrunner.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace chorus {

class GitRepository;

struct Oid
{
    git_oid id{};
    QString hex() const { return oidString(&id); }
};

Result<CommitPtr> lookupCommit(git_repository *repo, const git_oid &id, const QString &where);
// A revision's commit.
Result<Oid> resolve(git_repository *repo, const QString &rev, const QString &where);
// A local branch's commit.
Result<Oid> branchHead(git_repository *repo, const QString &branch, const QString &where);

// The conflicts left in a merge index, with their three versions (conflict.cpp).
QList<ConflictFile> conflictsOf(git_index *index);
// The options of every merge Chorus makes: renames are found.
git_merge_options mergeOptions();

struct Candidate
{
    Oid commit;
    QList<ConflictFile> conflicts;
    QString conflictCommit;
    bool empty = false; // nothing to bring in
};

// What a candidate merge is built for. A forecast only finds conflicts and whether the merge
// would change anything (it writes no tree or commit; libgit2 may store merged file contents,
// which gc removes); Merge and Squash make no commit when the merge would change nothing;
// SyncMerge always commits (the agent's branch then has the target in its history).
enum class Build { Forecast, Merge, Squash, SyncMerge };

// A merge (two parents) or squash (one parent) of `theirs` into `ours`, built in memory, with
// the given resolutions of its conflicts (branchstatus.cpp).
Result<Candidate> mergeCandidate(git_repository *repo, const git_oid &ours, const git_oid &theirs,
                                 Build build, const QString &message, const QString &where,
                                 const Resolutions &resolutions = {});
// The commits of `tip` that `onto` lacks, replayed one by one on `onto` (branchstatus.cpp).
Result<Candidate> rebaseCandidate(git_repository *repo, const git_oid &tip, const git_oid &onto,
                                  const QString &where);

// Runs `command` in a temporary worktree with `commit` checked out, detached on a temporary
// branch that is removed afterwards like the worktree (mergecheck.cpp).
Result<ProcessOutcome> runCheck(GitRepository &repo, const QString &commit,
                                const QStringList &command, const QString &root, int timeoutMs,
                                const std::atomic_bool *cancel, const QStringList &environment);

} // namespace chorus
