#pragma once

#include <QString>
#include <QStringList>

namespace chorus {

// What a folder is, for whoever is about to start an agent in it (the New Agent dialog reads it
// off the UI thread): whether it is inside a git repository, and which branches an agent's own
// branch could start from.
struct RepositoryInfo
{
    QString path; // the folder asked about
    bool isRepository = false;
    QString workDir;         // the repository's work tree (may be a parent of path)
    QString currentBranch;   // empty when HEAD is detached or unborn
    QString headCommit;      // short id of HEAD; empty when unborn
    bool headUnborn = false; // a repository without a commit yet
    QStringList branches;    // local branches: the current one first, then by name
    QString error;           // why it is not one (libgit2's words), when the folder exists
};

// Reads `path` with libgit2. Never throws; safe on any thread (each call opens its own handle).
RepositoryInfo readRepositoryInfo(const QString &path);

} // namespace chorus
