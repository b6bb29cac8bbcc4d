#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <memory>

struct git_repository;

namespace chorus {

// A git repository through libgit2 (no libgit2 type in this header). Every call returns
// a Result or Status whose error carries libgit2's message and the repository path.
class GitRepository
{
public:
    GitRepository();
    ~GitRepository();
    GitRepository(GitRepository &&) noexcept;
    GitRepository &operator=(GitRepository &&) noexcept;

    // Opens the repository containing `path` (searching parent directories).
    static Result<GitRepository> discover(const QString &path);
    // Opens exactly `path` (a work tree root or a worktree).
    static Result<GitRepository> open(const QString &path);

    QString workDir() const;   // with a trailing slash removed
    QString commonDir() const; // the main repository's .git (shared by its worktrees)
    // A stable id of the repository (from its common dir), for folder names.
    QString id() const;

    // The current branch's short name; empty when HEAD is detached or unborn.
    QString currentBranch() const;
    bool isHeadUnborn() const;
    // Full hex id of the commit REV resolves to (branch, tag, sha, HEAD~2, ...).
    Result<QString> resolveCommit(const QString &rev) const;
    Result<QString> headCommit() const;
    bool branchExists(const QString &name) const;
    Status createBranch(const QString &name, const QString &commit);
    Status deleteBranch(const QString &name);
    // The local branches whose names start with `prefix` (e.g. "chorus-check/").
    QStringList branches(const QString &prefix) const;
    // Whether `branch` holds commits no other ref (branch, tag, archive ref...) reaches.
    Result<bool> hasCommitsOfItsOwn(const QString &branch) const;
    // Whether git would accept `name` as a branch name (refs/heads/<name>).
    static bool isValidBranchName(const QString &name);

    // Adds a linked worktree `name` at `path` with `branch` checked out. On failure nothing
    // it made is left: neither the folder nor git's record (.git/worktrees/<name>), so the
    // name can be used again.
    Status addWorktree(const QString &name, const QString &path, const QString &branch);
    // Whether git has a record of a worktree called `name` (.git/worktrees/<name>), live or not.
    bool worktreeNameTaken(const QString &name) const;
    // Forgets the stale records git calls prunable that no one can be using: a record without
    // its gitdir file (a creation that failed half-way), and a record of a folder under `root`
    // that is gone or no longer a worktree. Locked records and anything else are kept.
    // Returns the names of the records removed.
    QStringList pruneStaleWorktrees(const QString &root);
    // Deletes the linked worktree at `path`: its directory and git's record of it (found by
    // its path, whatever its name). A directory git no longer knows is deleted alone; a record
    // whose directory is already gone is pruned.
    Status removeWorktree(const QString &path);

    // Stages everything in the work tree (new, changed and deleted files, honouring
    // .gitignore) and commits it on HEAD. Returns the new commit id, or an empty string when
    // nothing changed (no commit is made then).
    Result<QString> commitAll(const QString &message, const QString &authorName,
                              const QString &authorEmail);
    // A merge (or rebase, cherry-pick...) is in progress in this work tree.
    bool isMidOperation() const;
    // Files with uncommitted changes (staged or not, untracked included, ignored excluded).
    Result<QStringList> changedFiles() const;

    // The libgit2 handle, for the other files of src/core/git (owned by this object).
    git_repository *raw() const;

private:
    // Where git keeps its record of the linked worktree `name` (empty for a name it cannot be).
    QString adminDir(const QString &name) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chorus
