#include "engine/startupsweep.h"

#include "agent/toolprocesses.h"
#include "git/agentworkspace.h"
#include "git/gitrepository.h"
#include "git/merge.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <map>

namespace chorus {

namespace {
class SweepText
{
    Q_DECLARE_TR_FUNCTIONS(StartupSweep)
};

QString cleanPath(const QString &p)
{
    return QDir::cleanPath(QFileInfo(p).absoluteFilePath());
}

bool isUnder(const QString &path, const QString &root)
{
    return cleanPath(path).startsWith(cleanPath(root) + QLatin1Char('/'));
}

qint64 ageSecs(const QString &path)
{
    return QFileInfo(path).lastModified().secsTo(QDateTime::currentDateTime());
}

// The git directory a linked worktree's .git file points at (".../.git/worktrees/<name>").
QString gitDirOf(const QString &folder)
{
    QFile f(folder + QStringLiteral("/.git"));
    if (!QFileInfo(f.fileName()).isFile() || !f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = f.readLine(8192).trimmed();
    if (!line.startsWith("gitdir:"))
        return {};
    const QString dir = QFile::decodeName(line.mid(7).trimmed());
    return cleanPath(QFileInfo(dir).isAbsolute() ? dir : folder + QLatin1Char('/') + dir);
}

// The repository's common dir (".git") from a worktree's git directory.
QString commonDirOf(const QString &gitDir)
{
    QDir d(gitDir);
    if (gitDir.isEmpty() || !d.cdUp() || d.dirName() != QLatin1String("worktrees") || !d.cdUp())
        return {};
    return d.canonicalPath();
}

// One of git's worktree records (<common>/worktrees/<name>).
struct Record
{
    QString name, dir, folder, branch;
};

QList<Record> recordsOf(const QString &commonDir)
{
    QList<Record> out;
    const QDir root(commonDir + QStringLiteral("/worktrees"));
    const auto names = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : names) {
        Record r;
        r.name = name;
        r.dir = root.filePath(name);
        QFile gitdir(r.dir + QStringLiteral("/gitdir"));
        if (gitdir.open(QIODevice::ReadOnly))
            r.folder = cleanPath(QFileInfo(QFile::decodeName(gitdir.readAll().trimmed())).path());
        QFile head(r.dir + QStringLiteral("/HEAD"));
        if (head.open(QIODevice::ReadOnly)) {
            const QByteArray h = head.readAll().trimmed();
            if (h.startsWith("ref: refs/heads/"))
                r.branch = QString::fromUtf8(h.mid(16));
        }
        out << r;
    }
    return out;
}

class Sweep
{
public:
    Sweep(const QString &dataDir, const QList<SessionInfo> &sessions)
        : m_dataDir(dataDir), m_sessions(sessions)
    {}

    QStringList run()
    {
        for (const SessionInfo &s : m_sessions) {
            if (!s.repo.isEmpty())
                if (const Result<GitRepository> r = GitRepository::discover(s.repo))
                    addRepo(r->commonDir());
            if (!s.worktree.isEmpty()) {
                m_owned.insert(cleanPath(s.worktree));
                if (const QString c = QFileInfo(s.worktree).canonicalFilePath(); !c.isEmpty())
                    m_owned.insert(c);
            }
        }
        sweepChecks();
        sweepWorktrees();
        sweepLocks();
        sweepTemporaryFiles();
        sweepPromptFiles();
        return m_report;
    }

private:
    GitRepository *repo(const QString &commonDir)
    {
        if (commonDir.isEmpty())
            return nullptr;
        auto it = m_repos.find(commonDir);
        if (it == m_repos.end()) {
            Result<GitRepository> r = GitRepository::open(commonDir);
            if (!r)
                return nullptr;
            it = m_repos.emplace(commonDir, std::move(r).value()).first;
        }
        return &it->second;
    }
    void addRepo(const QString &commonDir) { repo(commonDir); }

    // Merge checks: nothing in them is anyone's work (a candidate commit and its checkout).
    void sweepChecks()
    {
        const QString checks = m_dataDir + QStringLiteral("/checks");
        const QDir dir(checks);
        const auto leftovers = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QString &name : leftovers)
            addRepo(commonDirOf(gitDirOf(dir.filePath(name))));
        for (auto &[common, r] : m_repos) {
            QSet<QString> recorded; // chorus-check-<token> names git has a record of
            for (const Record &rec : recordsOf(common)) {
                if (!rec.name.startsWith(QLatin1String("chorus-check-")))
                    continue;
                if (!isUnder(rec.folder, checks)) { // another engine's (another data dir)
                    recorded.insert(rec.name);
                    continue;
                }
                r.removeWorktree(rec.folder);
                if (QFileInfo::exists(rec.dir)) // the record of a folder already gone
                    QDir(rec.dir).removeRecursively();
                m_report
                    << SweepText::tr(
                           "removed the worktree of a merge check cut short: %1 (repository %2)")
                           .arg(rec.folder, r.workDir());
            }
            for (const QString &branch : r.branches(QStringLiteral("chorus-check/"))) {
                const QString token = branch.mid(int(qstrlen("chorus-check/")));
                if (recorded.contains(QStringLiteral("chorus-check-") + token))
                    continue;
                if (r.deleteBranch(branch))
                    m_report << SweepText::tr(
                                    "removed branch %1 of a merge check cut short (repository %2)")
                                    .arg(branch, r.workDir());
            }
        }
        for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
            if (QDir(dir.filePath(name)).removeRecursively())
                m_report << SweepText::tr("removed the folder of a merge check cut short: %1")
                                .arg(dir.filePath(name));
    }

    // Worktrees under <dataDir>/worktrees/<repo-id>/ that no session owns.
    void sweepWorktrees()
    {
        const QDir root(m_dataDir + QStringLiteral("/worktrees"));
        QStringList unowned;
        for (const QString &repoDir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir byRepo(root.filePath(repoDir));
            for (const QString &name :
                 byRepo.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
                const QString folder = cleanPath(byRepo.filePath(name));
                if (!m_owned.contains(folder) &&
                    !m_owned.contains(QFileInfo(folder).canonicalFilePath()))
                    unowned << folder;
            }
        }
        if (unowned.isEmpty())
            return;
        if (m_sessions.isEmpty()) { // a new or replaced database: these may be another's agents
            m_report << SweepText::tr("left %n worktree folder(s) under %1 alone: no agent in this "
                                      "database owns them, "
                                      "and it has no agents at all (was it replaced?)",
                                      nullptr, int(unowned.size()))
                            .arg(root.path());
            return;
        }
        for (const QString &folder : std::as_const(unowned))
            sweepUnowned(folder);
    }

    void sweepUnowned(const QString &folder)
    {
        const QString common = commonDirOf(gitDirOf(folder));
        GitRepository *r = repo(common);
        if (!r) {
            // No .git file: a worktree cut short before git wrote it holds nothing yet.
            if (QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden) &&
                QDir().rmdir(folder))
                m_report << SweepText::tr("removed an empty worktree folder no agent owns: %1")
                                .arg(folder);
            else
                m_report << SweepText::tr(
                                "left %1 alone: no agent owns it, and it is not a git worktree")
                                .arg(folder);
            return;
        }
        Record rec;
        for (const Record &x : recordsOf(common))
            if (x.folder == folder || x.dir == gitDirOf(folder))
                rec = x;
        if (!rec.branch.startsWith(QLatin1String("chorus/")) || !r->branchExists(rec.branch)) {
            m_report
                << SweepText::tr(
                       "left %1 alone: no agent owns it, and it has no chorus/ branch checked out")
                       .arg(folder);
            return;
        }
        // Nothing is lost: files new or changed in it, and commits only its branch has, are
        // kept under refs/chorus/archive/ before it goes.
        QStringList kept;
        const Result<QString> saved =
            saveFolder(r->workDir(), folder, rec.branch,
                       SweepText::tr("Files left in %1\n\nSaved by Chorus at start-up: no agent "
                                     "owned this worktree (a spawn cut short).\n")
                           .arg(folder));
        const Result<bool> own = r->hasCommitsOfItsOwn(rec.branch);
        if (!saved || !own) {
            m_report
                << SweepText::tr(
                       "left %1 alone: no agent owns it, but what is in it cannot be saved: %2")
                       .arg(folder, !saved ? saved.error().toString() : own.error().toString());
            return;
        }
        if (!saved->isEmpty())
            kept << *saved;
        if (*own) {
            const Result<QString> archived = archiveBranch(r->workDir(), rec.branch);
            if (!archived) {
                m_report
                    << SweepText::tr(
                           "left %1 alone: no agent owns it, but its branch cannot be archived: %2")
                           .arg(folder, archived.error().toString());
                return;
            }
            kept << *archived;
        }
        const Status removed = r->removeWorktree(folder);
        const Status deleted = removed ? r->deleteBranch(rec.branch) : removed;
        QString line =
            SweepText::tr(
                "removed worktree %1 and branch %2, which no agent owns (a spawn cut short)")
                .arg(folder, rec.branch);
        if (!kept.isEmpty())
            line += SweepText::tr("; what they held is kept under %1")
                        .arg(kept.join(QStringLiteral(", ")));
        if (!deleted)
            line += QStringLiteral("; ") + deleted.error().toString();
        m_report << line;
    }

    // A checkpoint killed while it held the index lock of its worktree would fail every later
    // checkpoint. No agent runs yet; a lock a few seconds old is not being written.
    void sweepLocks()
    {
        for (const SessionInfo &s : m_sessions) {
            if (s.worktree.isEmpty() || s.branchState.isCleaned())
                continue;
            const QString gitDir = gitDirOf(s.worktree);
            if (gitDir.isEmpty() || commonDirOf(gitDir).isEmpty())
                continue;
            const QString lock = gitDir + QStringLiteral("/index.lock");
            if (QFileInfo(lock).isFile() && ageSecs(lock) >= 2 && QFile::remove(lock))
                m_report << SweepText::tr("removed a stale index lock of %1's worktree: %2")
                                .arg(s.name, lock);
        }
    }

    // The temporary file of an atomic write (QSaveFile: "<name>.XXXXXX") the GUI was killed in.
    void sweepTemporaryFiles()
    {
        static const QRegularExpression temp(QStringLiteral("^.+\\.json\\.[A-Za-z0-9]{6}$"));
        for (const QString &sub : {QStringLiteral("review"), QStringLiteral("conflicts")}) {
            const QDir dir(m_dataDir + QLatin1Char('/') + sub);
            for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
                const QString path = dir.filePath(name);
                if (temp.match(name).hasMatch() && ageSecs(path) > 600 && QFile::remove(path))
                    m_report << SweepText::tr("removed a stale temporary file: %1").arg(path);
            }
        }
    }

    // Role prompts too long for a command line (<dataDir>/prompts/<agent>.md) are written at
    // every launch; no agent runs yet, so none is needed now (and a cleaned agent's is gone).
    void sweepPromptFiles()
    {
        const QDir dir(m_dataDir + QStringLiteral("/prompts"));
        for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files))
            QFile::remove(dir.filePath(name));
    }

    QString m_dataDir;
    const QList<SessionInfo> &m_sessions;
    QSet<QString> m_owned;
    std::map<QString, GitRepository> m_repos; // by common dir
    QStringList m_report;
};
} // namespace

QStringList sweepLeftovers(const QString &dataDir, const QList<SessionInfo> &sessions)
{
    return Sweep(dataDir, sessions).run();
}

QStringList endLeftoverToolProcesses(const QList<SessionInfo> &sessions)
{
    QSet<QString> ids;
    QHash<QString, QString> names;
    for (const SessionInfo &s : sessions) {
        ids.insert(s.id);
        names.insert(s.id, s.name);
    }
    QStringList report;
    const QHash<QString, int> ended = endMarkedProcesses(ids);
    for (auto it = ended.constBegin(); it != ended.constEnd(); ++it)
        report << SweepText::tr("ended %n process(es) left running by %1", nullptr, it.value())
                      .arg(names.value(it.key()));
    report.sort();
    return report;
}

} // namespace chorus
