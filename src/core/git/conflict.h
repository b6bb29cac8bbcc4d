#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chorus {

// The conflicts of a merge: what a conflicted path is, its hand-made resolutions, a merge begun
// in a work tree with conflict markers, and the blobs of the three versions.

// One conflicted path of a merge: its three versions (blob ids; empty where a side has none).
struct ConflictFile
{
    QString path;
    QString kind; // "content", "add/add", "modify/delete" (target changed, branch deleted),
                  // "delete/modify", "rename"
    QString ancestorPath, oursPath, theirsPath;
    QString ancestorBlob, oursBlob, theirsBlob;
    quint32 ancestorMode = 0, oursMode = 0, theirsMode = 0;

    // The names it goes by (path, the target's and the agent's), each once.
    QStringList names() const;
    QJsonObject toJson() const;
    static ConflictFile fromJson(const QJsonObject &o);
};

// Hand-made resolutions of conflicted paths: the content a path gets, or nullopt to delete it.
using Resolutions = QHash<QString, std::optional<QByteArray>>;
// Their form on the wire: {path: {"content": base64} | {"delete": true}}. Reading fails on an
// entry that is neither, naming its path in `badPath`.
QJsonObject resolutionsToJson(const Resolutions &resolutions);
std::optional<Resolutions> resolutionsFromJson(const QJsonObject &json, QString *badPath);

// Starts merging `branch` into the branch checked out at `worktree`, as `git merge` would:
// MERGE_HEAD is set and conflicted files get conflict markers. The next checkpoint of the
// worktree with no markers left commits the merge (see GitRepository::commitAll). Returns
// the conflicts (empty when it merged cleanly; the merge then still waits for that commit).
Result<QList<ConflictFile>> beginMerge(const QString &worktree, const QString &branch);

// The contents of a blob (for the three versions of a conflict).
Result<QByteArray> readBlob(const QString &repoPath, const QString &blobId);

} // namespace chorus
