// Speed of an agent's isolation: createAgentWorkspace (branch + worktree + .worktreeinclude)
// on a repository of 10,000 files, against `git worktree add -b` on the same repository in the
// same run. Medians of 6 runs, alternating which goes first. Usage: bench_worktree [files]
#include "git/agentworkspace.h"
#include "gitfixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace chorus;
using chorus::test::GitFixture;

namespace {
double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int files = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir tmp;
    const QString repo = GitFixture(tmp.path()).makeRepo(QStringLiteral("repo"));
    // 10,000 files of ~1 KiB in 100 directories, one commit.
    QByteArray body;
    for (int i = 0; i < 16; ++i)
        body += "int line_" + QByteArray::number(i) + " = 0; // some ordinary source text here\n";
    for (int i = 0; i < files; ++i) {
        const QString path = QStringLiteral("%1/src/d%2/file%3.c").arg(repo).arg(i % 100).arg(i);
        if (!GitFixture::write(path, QByteArray("// file ") + QByteArray::number(i) + '\n' + body)) {
            out << "cannot write " << path << Qt::endl;
            return 1;
        }
    }
    GitFixture::write(repo + QStringLiteral("/.env"), "SECRET=x\n");
    GitFixture::write(repo + QStringLiteral("/.worktreeinclude"), ".env\n");
    GitFixture::commit(repo, QStringLiteral("many files"));
    const QString root = tmp.filePath(QStringLiteral("worktrees"));
    QList<double> chorusMs, gitMs;
    QString agentDir; // the first agent's worktree
    // Alternating which goes first: the file system's state (recently freed inodes) weighs on
    // whoever creates files first.
    for (int run = 0; run < 6; ++run) {
        for (int which = 0; which < 2; ++which) {
            const bool ours = (run + which) % 2 == 0;
            QElapsedTimer t;
            t.start();
            if (ours) {
                const Result<AgentWorkspace> ws =
                    createAgentWorkspace(repo, QStringLiteral("agent-%1").arg(run), {}, root);
                chorusMs << t.nsecsElapsed() / 1e6;
                if (!ws) {
                    out << "createAgentWorkspace failed: " << ws.error().toString() << Qt::endl;
                    return 1;
                }
                if (agentDir.isEmpty())
                    agentDir = ws->worktree;
            } else {
                int code = -1;
                GitFixture::git(repo, {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"),
                                       QStringLiteral("-b"), QStringLiteral("plain-%1").arg(run),
                                       root + QStringLiteral("/plain-%1").arg(run)}, // same parent folder
                                &code);
                gitMs << t.nsecsElapsed() / 1e6;
                if (code != 0) {
                    out << "git worktree add failed" << Qt::endl;
                    return 1;
                }
            }
        }
    }
    // A turn-end checkpoint in such a worktree (it runs on the engine's thread): nothing
    // changed, and one file changed.
    QList<double> idleMs, oneMs;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        const Result<QString> none = checkpointWorkspace(agentDir, QStringLiteral("builder"), QStringLiteral("agent"), QStringLiteral("nothing"));
        idleMs << t.nsecsElapsed() / 1e6;
        GitFixture::write(agentDir + QStringLiteral("/src/d1/file1.c"), QByteArray("// changed ") + QByteArray::number(run) + '\n');
        t.start();
        const Result<QString> one = checkpointWorkspace(agentDir, QStringLiteral("builder"), QStringLiteral("agent"), QStringLiteral("one file"));
        oneMs << t.nsecsElapsed() / 1e6;
        if (!none || !one || one->isEmpty()) {
            out << "checkpoint failed in " << agentDir << Qt::endl;
            return 1;
        }
    }
    out << QStringLiteral("checkpoint of a %1-file worktree: nothing changed %2 ms, one file changed %3 ms (medians of 5)")
               .arg(files)
               .arg(median(idleMs), 0, 'f', 1)
               .arg(median(oneMs), 0, 'f', 1)
        << Qt::endl;
    out << QStringLiteral("worktree for a %1-file repository: createAgentWorkspace %2 ms, git worktree add %3 ms "
                          "(medians of 6, alternating; ratio %4)")
               .arg(files)
               .arg(median(chorusMs), 0, 'f', 1)
               .arg(median(gitMs), 0, 'f', 1)
               .arg(median(chorusMs) / median(gitMs), 0, 'f', 2)
        << Qt::endl;
    return 0;
}
