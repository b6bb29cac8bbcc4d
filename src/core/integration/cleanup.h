#pragma once

#include "integration/agentbranch.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

// One agent's line in a clean's report.
struct CleanItem
{
    QString sessionId, name, branch, worktree;
    QString state; // removed, kept, error
    // Why a kept one was kept: "working" (a turn or git work holds it), "unmerged" (cleaning
    // only merged agents), "running" (its process still runs). A client asks the user about
    // "unmerged" and says the others.
    QString reason;
    bool merged = false;
    bool branchDeleted = false;
    QString archiveRef;
    QString savedRef; // the files of a folder that was no longer a worktree, committed there
    qint64 bytesFreed = 0;
    QString message;

    QJsonObject toJson() const;
};

// What a clean did, one item per agent, and the bytes it freed in all.
struct CleanReport
{
    QList<CleanItem> items;
    qint64 bytesFreed = 0;

    QJsonObject toJson() const;
};

// Removes the agents' worktrees. A merged branch is deleted with it; an unmerged one is kept
// unless `force`, and then its commits stay under refs/chorus/archive/. With `mergedOnly`, an
// unmerged agent is left entirely alone. Runs on the git executor's thread over a snapshot of
// the agents.
QList<CleanItem> runClean(const QList<AgentBranch> &agents, const QString &target, bool mergedOnly, bool force);

// Bytes of the regular files under `dir` (symlinks not followed).
qint64 diskUsage(const QString &dir);

} // namespace chorus
