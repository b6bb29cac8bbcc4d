// The check of a merge: a command run on the candidate commit, in a temporary worktree, before
// the target moves (MergeRequest::check). The process itself is util/processrunner's.
#include "git/gitrepository.h"
#include "git/merge_p.h"

#include <QDir>
#include <QUuid>

namespace chorus {

namespace {
constexpr qsizetype kMaxCheckOutput = 1024 * 1024; // MergeOutcome::checkOutput
} // namespace

// The worktree and its branch are removed when the check has ended, and with it whatever it
// started (see runProcess).
Result<ProcessOutcome> runCheck(GitRepository &repo, const QString &commit,
                                const QStringList &command, const QString &root, int timeoutMs,
                                const std::atomic_bool *cancel, const QStringList &environment)
{
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    const QString branch = QStringLiteral("chorus-check/") + token;
    const QString name = QStringLiteral("chorus-check-") + token;
    const QString dir = QDir(root).filePath(name);
    if (!QDir().mkpath(root))
        return makeError(GitText::tr("cannot create the folder for the check's worktree"), root);
    if (Status s = repo.createBranch(branch, commit); !s)
        return s.error();
    if (Status s = repo.addWorktree(name, dir, branch); !s) {
        repo.deleteBranch(branch);
        return s.error();
    }
    ProcessRequest process;
    process.arguments = command;
    process.workingDir = dir;
    process.environment = environment;
    process.timeoutMs = timeoutMs;
    process.cancel = cancel;
    process.maxOutput = kMaxCheckOutput;
    Result<ProcessOutcome> run = runProcess(process);
    repo.removeWorktree(dir);
    repo.deleteBranch(branch);
    if (!run)
        return makeError(
            GitText::tr("the check command cannot start: %1").arg(run.error().message),
            command.join(QLatin1Char(' ')),
            GitText::tr("Give a program that exists (with its path if it is not on PATH); "
                        "the command runs without a shell."));
    return run;
}

} // namespace chorus
