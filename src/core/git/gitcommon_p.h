#pragma once

// Shared by the files of src/core/git: RAII handles for libgit2 objects and error helpers.
// Private to chorus-core (never included outside src/core/git).

#include "result.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <git2.h>

#include <memory>

namespace chorus {

class GitText
{
    Q_DECLARE_TR_FUNCTIONS(Git)
};

// libgit2 is initialised once per process and never shut down (it is cheap and other
// threads may still use it at exit). Objects are not re-hashed on every read, as git does not
// either (`git fsck` checks them): that hashing cost a quarter of a large diff's time.
inline void ensureInit()
{
    static const int once = [] {
        const int n = git_libgit2_init();
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        return n;
    }();
    Q_UNUSED(once)
}

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
template<typename T, void (*Free)(T *)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Handle<git_repository, git_repository_free>;
using RefPtr = Handle<git_reference, git_reference_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using SigPtr = Handle<git_signature, git_signature_free>;
using WorktreePtr = Handle<git_worktree, git_worktree_free>;
using StatusListPtr = Handle<git_status_list, git_status_list_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using PatchPtr = Handle<git_patch, git_patch_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using ConfigPtr = Handle<git_config, git_config_free>;

// The paths a merge left conflicted in a work tree (written by beginMerge, read by the
// checkpoint that finishes the merge): a file in its git directory, one path per line.
inline QString conflictListPath(git_repository *repo)
{
    return QFile::decodeName(git_repository_path(repo)) + QStringLiteral("CHORUS_CONFLICTS");
}

inline QString lastError()
{
    const git_error *e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message) : GitText::tr("unknown libgit2 error");
}

inline Error gitError(const QString &what, const QString &where, const QString &hint = {})
{
    return makeError(what + QStringLiteral(": ") + lastError(), where, hint);
}

inline QString oidString(const git_oid *oid)
{
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, oid);
    return QString::fromLatin1(buf);
}

} // namespace chorus
