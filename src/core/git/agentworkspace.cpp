#include "git/agentworkspace.h"

#include "git/gitcommon_p.h"
#include "git/gitrepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <git2/sys/repository.h>

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

    // Records of our worktrees whose folders are gone would otherwise hold their names.
    repo->pruneStaleWorktrees(worktreesRoot);
    // git names the worktree's record after its folder: both must be free.
    QString dir = QDir(worktreesRoot).filePath(ws.repoId + QLatin1Char('/') + agentName);
    for (int n = 2; QFileInfo::exists(dir) || repo->worktreeNameTaken(QFileInfo(dir).fileName());
         ++n)
        dir = QDir(worktreesRoot).filePath(QStringLiteral("%1/%2-%3").arg(ws.repoId, agentName).arg(n));
    ws.worktree = dir;
    if (!QDir().mkpath(QFileInfo(dir).absolutePath()))
        return makeError(WorkspaceText::tr("cannot create the worktrees folder"), QFileInfo(dir).absolutePath());

    if (Status s = repo->createBranch(branch, ws.baseCommit); !s)
        return s.error();
    const QString wtName = QFileInfo(dir).fileName();
    if (Status s = repo->addWorktree(wtName, dir, branch); !s) {
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

bool isWorktreeFolder(const QString &folder)
{
    const Result<GitRepository> repo = GitRepository::open(folder);
    if (!repo)
        return false;
    const QString dir = QFileInfo(folder).canonicalFilePath();
    return !dir.isEmpty() && QFileInfo(repo->workDir()).canonicalFilePath() == dir;
}

Result<QString> saveFolder(const QString &repoPath, const QString &folder, const QString &branch,
                           const QString &message)
{
    // A handle of its own whose work tree is the folder and whose index lives in memory: the
    // repository's own index and work tree are never touched.
    Result<GitRepository> main = GitRepository::discover(repoPath);
    if (!main)
        return main.error();
    Result<GitRepository> opened = GitRepository::open(main->commonDir());
    if (!opened)
        return opened.error();
    git_repository *repo = opened->raw();
    const QByteArray wd = QFile::encodeName(QFileInfo(folder).absoluteFilePath());
    if (git_repository_set_workdir(repo, wd.constData(), 0) != 0)
        return gitError(WorkspaceText::tr("cannot read the folder"), folder);
    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0)
        return gitError(WorkspaceText::tr("cannot make an index"), folder);
    IndexPtr index(rawIndex);
    if (git_repository_set_index(repo, index.get()) != 0)
        return gitError(WorkspaceText::tr("cannot make an index"), folder);

    const bool branchThere = !branch.isEmpty() && opened->branchExists(branch);
    const Result<QString> parentId =
        branchThere ? opened->resolveCommit(QStringLiteral("refs/heads/") + branch)
                    : opened->headCommit();
    CommitPtr parent;
    if (parentId) {
        git_oid oid;
        git_commit *raw = nullptr;
        const QByteArray hex = parentId->toLatin1();
        if (git_oid_fromstr(&oid, hex.constData()) != 0 || git_commit_lookup(&raw, repo, &oid) != 0)
            return gitError(WorkspaceText::tr("cannot read commit %1").arg(*parentId), folder);
        parent.reset(raw);
        git_tree *rawTree = nullptr;
        if (git_commit_tree(&rawTree, parent.get()) != 0)
            return gitError(WorkspaceText::tr("cannot read commit %1").arg(*parentId), folder);
        TreePtr tree(rawTree);
        if (git_index_read_tree(index.get(), tree.get()) != 0)
            return gitError(WorkspaceText::tr("cannot read commit %1").arg(*parentId), folder);
    }
    char star[] = "*";
    char *patterns[] = {star};
    const git_strarray all = {patterns, 1};
    // New and changed files only: a file missing from the folder may be one a removal cut
    // short had deleted already, not one the agent deleted.
    auto present = [](const char *path, const char *, void *payload) -> int {
        const QString file =
            *static_cast<const QString *>(payload) + QLatin1Char('/') + QFile::decodeName(path);
        return QFileInfo(file).exists() || QFileInfo(file).isSymLink() ? 0
                                                                       : 1; // 1: leave the entry
    };
    QString root = QFileInfo(folder).absoluteFilePath();
    if (git_index_add_all(index.get(), &all, GIT_INDEX_ADD_DEFAULT, present, &root) != 0)
        return gitError(WorkspaceText::tr("cannot read the folder's files"), folder);
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, index.get(), repo) != 0)
        return gitError(WorkspaceText::tr("cannot write the folder's files into the repository"),
                        folder);
    if (parent && git_oid_equal(git_commit_tree_id(parent.get()), &treeId))
        return QString(); // nothing the branch does not have
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo, &treeId) != 0)
        return gitError(WorkspaceText::tr("cannot read the tree"), folder);
    TreePtr tree(rawTree);
    git_signature *rawSig = nullptr;
    if (git_signature_now(&rawSig, "Chorus", "chorus@agents.chorus.invalid") != 0)
        return gitError(WorkspaceText::tr("bad author"), folder);
    SigPtr sig(rawSig);
    const git_commit *parents[] = {parent.get()};
    git_oid commitId;
    const QByteArray msg = message.toUtf8();
    if (git_commit_create(&commitId, repo, nullptr, sig.get(), sig.get(), "UTF-8", msg.constData(),
                          tree.get(), parent ? 1 : 0, parent ? parents : nullptr) != 0)
        return gitError(WorkspaceText::tr("cannot commit the folder's files"), folder);
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QString name = QStringLiteral("refs/chorus/archive/%1/%2-folder")
                             .arg(branch.isEmpty() ? QFileInfo(folder).fileName() : branch, stamp);
    const QByteArray n = name.toUtf8();
    const QByteArray log = QByteArray("chorus: save folder ") + wd;
    git_reference *rawRef = nullptr;
    if (git_reference_create(&rawRef, repo, n.constData(), &commitId, 0, log.constData()) != 0)
        return gitError(WorkspaceText::tr("cannot keep the folder's files under %1").arg(name),
                        folder);
    git_reference_free(rawRef);
    return name;
}

} // namespace chorus
