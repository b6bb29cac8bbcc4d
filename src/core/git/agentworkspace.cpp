#include "git/agentworkspace.h"

#include "git/gitrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace chorus {

namespace {
class WorkspaceText
{
    Q_DECLARE_TR_FUNCTIONS(Workspace)
};

bool copyRecursively(const QString &from, const QString &to)
{
    const QFileInfo fi(from);
    if (fi.isSymLink())
        return QFile::link(fi.symLinkTarget(), to);
    if (fi.isFile()) {
        QDir().mkpath(QFileInfo(to).absolutePath());
        QFile::remove(to);
        return QFile::copy(from, to);
    }
    if (!fi.isDir())
        return false;
    QDir().mkpath(to);
    bool ok = true;
    const auto entries = QDir(from).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &e : entries)
        ok = copyRecursively(e.filePath(), to + QLatin1Char('/') + e.fileName()) && ok;
    return ok;
}

// .worktreeinclude: one path or glob per line, relative to the repository root ('#' comments).
Status copyIncludes(const QString &repo, const QString &worktree)
{
    QFile list(repo + QStringLiteral("/.worktreeinclude"));
    if (!list.exists())
        return Ok{};
    if (!list.open(QIODevice::ReadOnly))
        return makeError(WorkspaceText::tr("cannot read .worktreeinclude"), list.fileName());
    int lineNo = 0;
    const QDir root(repo);
    for (const QByteArray &raw : list.readAll().split('\n')) {
        ++lineNo;
        QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        while (line.startsWith(QLatin1Char('/')))
            line.remove(0, 1);
        if (line.contains(QLatin1String("..")))
            return makeError(WorkspaceText::tr("paths in .worktreeinclude must stay inside the repository"),
                             list.fileName() + QLatin1Char(':') + QString::number(lineNo));
        const QFileInfo rel(line);
        const QString dirPart = rel.path() == QLatin1String(".") ? QString() : rel.path();
        const QDir dir(root.filePath(dirPart));
        const QStringList names = line.contains(QLatin1Char('*')) || line.contains(QLatin1Char('?'))
                                      ? dir.entryList({rel.fileName()}, QDir::AllEntries | QDir::Hidden |
                                                                            QDir::NoDotAndDotDot)
                                      : QStringList{rel.fileName()};
        for (const QString &name : names) {
            const QString relPath = dirPart.isEmpty() ? name : dirPart + QLatin1Char('/') + name;
            const QString src = root.filePath(relPath);
            if (!QFileInfo::exists(src))
                continue; // listed but absent: nothing to copy
            if (!copyRecursively(src, worktree + QLatin1Char('/') + relPath))
                return makeError(WorkspaceText::tr("cannot copy %1 into the worktree").arg(relPath),
                                 list.fileName() + QLatin1Char(':') + QString::number(lineNo));
        }
    }
    return Ok{};
}
} // namespace

Result<AgentWorkspace> createAgentWorkspace(const QString &repoPath, const QString &agentName,
                                            const QString &base, const QString &worktreesRoot)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return repo.error();
    AgentWorkspace ws;
    ws.repo = repo->workDir();
    ws.repoId = repo->id();
    Result<QString> baseCommit = base.isEmpty() ? repo->headCommit() : repo->resolveCommit(base);
    if (!baseCommit)
        return baseCommit.error();
    ws.baseCommit = *baseCommit;

    QString branch = QStringLiteral("chorus/") + agentName;
    if (!GitRepository::isValidBranchName(branch))
        return makeError(WorkspaceText::tr("'%1' would not be a valid branch name").arg(branch), ws.repo,
                         WorkspaceText::tr("Choose an agent name without '..', a trailing '.' or '.lock'."));
    for (int n = 2; repo->branchExists(branch); ++n)
        branch = QStringLiteral("chorus/%1-%2").arg(agentName).arg(n);
    ws.branch = branch;

    QString dir = QDir(worktreesRoot).filePath(ws.repoId + QLatin1Char('/') + agentName);
    for (int n = 2; QFileInfo::exists(dir); ++n)
        dir = QDir(worktreesRoot).filePath(QStringLiteral("%1/%2-%3").arg(ws.repoId, agentName).arg(n));
    ws.worktree = dir;
    if (!QDir().mkpath(QFileInfo(dir).absolutePath()))
        return makeError(WorkspaceText::tr("cannot create the worktrees folder"), QFileInfo(dir).absolutePath());

    if (Status s = repo->createBranch(branch, ws.baseCommit); !s)
        return s.error();
    // libgit2 names the worktree's admin folder after `name`; keep it unique like the folder.
    const QString wtName = QFileInfo(dir).fileName();
    if (Status s = repo->addWorktree(wtName, dir, branch); !s) {
        QDir(dir).removeRecursively();
        repo->deleteBranch(branch);
        return s.error();
    }
    if (Status s = copyIncludes(ws.repo, dir); !s) {
        repo->removeWorktree(dir);
        repo->deleteBranch(branch);
        return s.error();
    }
    return ws;
}

Result<QString> checkpointWorkspace(const QString &worktree, const QString &role,
                                    const QString &agentName, const QString &summary)
{
    Result<GitRepository> repo = GitRepository::open(worktree);
    if (!repo)
        return repo.error();
    QString firstLine = summary.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (firstLine.size() > 72)
        firstLine = firstLine.left(71) + QChar(0x2026);
    if (firstLine.isEmpty())
        firstLine = WorkspaceText::tr("checkpoint");
    const QString message = QStringLiteral("%1 %2: %3\n\nCheckpoint by Chorus at the end of a turn.\n")
                                .arg(role, agentName, firstLine);
    return repo->commitAll(message, QStringLiteral("Chorus %1 agent").arg(role),
                           QStringLiteral("%1@agents.chorus.invalid").arg(role));
}

} // namespace chorus
