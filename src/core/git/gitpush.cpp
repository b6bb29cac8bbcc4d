#include "git/gitpush.h"

#include "git/gitcommon_p.h"
#include "util/externalcommand.h"

#include <QDir>

#include <algorithm>

namespace chorus {

QStringList gitPushArguments(const QString &remote, const QString &branch)
{
    const QString ref = QStringLiteral("refs/heads/") + branch;
    // "--": a remote's name (read from the repository's config) is never taken for an option.
    return {QStringLiteral("push"),
            QStringLiteral("--progress"),
            QStringLiteral("--set-upstream"),
            QStringLiteral("--"),
            remote,
            ref + QLatin1Char(':') + ref};
}

Result<QStringList> listRemotes(const QString &path)
{
    ensureInit();
    git_repository *raw = nullptr;
    if (git_repository_open_ext(&raw, QFile::encodeName(path).constData(), 0, nullptr) != 0)
        return gitError(GitText::tr("not a git repository"), path);
    const RepoPtr repo(raw);
    git_strarray names{};
    if (git_remote_list(&names, repo.get()) != 0)
        return gitError(GitText::tr("could not read the repository's remotes"), path);
    QStringList out;
    for (size_t i = 0; i < names.count; ++i)
        out << QString::fromUtf8(names.strings[i]);
    git_strarray_dispose(&names);
    out.sort();
    return out;
}

QString defaultRemote(const QStringList &remotes)
{
    if (remotes.contains(QStringLiteral("origin")))
        return QStringLiteral("origin");
    return remotes.value(0);
}

QString gitMessage(const QString &standardError, int maxLines)
{
    QStringList kept;
    const QStringList lines = QString(standardError)
                                  .replace(QLatin1Char('\r'), QLatin1Char('\n'))
                                  .split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        // Progress ("Writing objects:  50% (2/4)", "Total 3 (delta 0)…"): not the message.
        static const QStringList progress{
            QStringLiteral("Enumerating objects:"),     QStringLiteral("Counting objects:"),
            QStringLiteral("Delta compression"),        QStringLiteral("Compressing objects:"),
            QStringLiteral("Writing objects:"),         QStringLiteral("Total "),
            QStringLiteral("remote: Resolving deltas:")};
        if (std::any_of(progress.cbegin(), progress.cend(),
                        [&line](const QString &p) { return line.startsWith(p); }))
            continue;
        kept << line;
    }
    if (kept.size() > maxLines)
        kept = kept.mid(kept.size() - maxLines);
    return kept.join(QLatin1Char('\n'));
}

BranchPush::BranchPush(QObject *parent) : QObject(parent), m_command(new ExternalCommand(this))
{
    connect(m_command, &ExternalCommand::progress, this, &BranchPush::progress);
    connect(m_command, &ExternalCommand::finished, this, &BranchPush::done);
}

BranchPush::~BranchPush() = default;

bool BranchPush::isRunning() const
{
    return m_command->isRunning();
}

void BranchPush::start(const PushRequest &request)
{
    m_request = request;
    if (request.remote.isEmpty()) {
        const Result<CommandOutcome> error = makeError(
            tr("the repository has no remote to push %1 to").arg(request.branch),
            request.workingDir,
            tr("Add one (git remote add origin URL) in the repository, then push again."));
        done(error);
        return;
    }
    m_command->start(request.git, gitPushArguments(request.remote, request.branch),
                     request.workingDir, {QStringLiteral("GIT_TERMINAL_PROMPT=0")});
}

void BranchPush::cancel()
{
    m_command->cancel();
}

void BranchPush::done(const Result<CommandOutcome> &outcome)
{
    const QString what = tr("git push of %1 to %2").arg(m_request.branch, m_request.remote);
    if (!outcome) {
        Q_EMIT finished(makeError(what + QStringLiteral(": ") + outcome.error().message,
                                  outcome.error().where, outcome.error().hint));
        return;
    }
    const QString message = gitMessage(outcome->standardError);
    if (outcome->exitCode != 0) {
        Q_EMIT finished(makeError(
            tr("%1 failed (exit code %2):\n%3")
                .arg(what)
                .arg(outcome->exitCode)
                .arg(message.isEmpty() ? tr("(git said nothing)") : message),
            m_request.workingDir,
            tr("Nothing changed on this machine. If the remote has commits the branch lacks, "
               "bring them in first; if it asked for credentials, set up a credential helper "
               "or an SSH key (git push from a terminal in this folder shows the same).")));
        return;
    }
    Q_EMIT finished(message);
}

} // namespace chorus
