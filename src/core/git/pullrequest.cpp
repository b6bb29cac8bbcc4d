#include "git/pullrequest.h"

#include "git/gitpush.h"
#include "util/externalcommand.h"
#include "util/textlines.h"

#include <QDir>
#include <QTemporaryFile>

namespace chorus {

namespace {
constexpr int kMaxTitle = 72;
}

PullRequestDraft draftPullRequest(const QString &agentName, const QString &branch,
                                  const QString &task, const QStringList &results)
{
    PullRequestDraft d;
    const QString trimmedTask = task.trimmed();
    QString title = firstLine(trimmedTask);
    if (title.isEmpty())
        title = branch;
    if (title.size() > kMaxTitle)
        title = title.left(kMaxTitle - 1).trimmed() + QChar(0x2026);
    d.title = title;

    QStringList parts;
    if (!trimmedTask.isEmpty())
        parts << QStringLiteral("## Task\n\n") + trimmedTask;
    QString latest;
    for (auto it = results.crbegin(); it != results.crend() && latest.isEmpty(); ++it)
        latest = it->trimmed();
    if (!latest.isEmpty())
        parts << QStringLiteral("## Result\n\n") + latest;
    parts << PullRequestCreator::tr("Made by the Chorus agent %1 on the branch `%2`.")
                 .arg(agentName, branch);
    d.body = parts.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
    return d;
}

QStringList ghPrCreateArguments(const PullRequestRequest &request, const QString &bodyFile)
{
    // Values joined to their options: a title that starts with "-" stays the title.
    return {QStringLiteral("pr"),
            QStringLiteral("create"),
            QStringLiteral("--head=") + request.head,
            QStringLiteral("--base=") + request.base,
            QStringLiteral("--title=") + request.title,
            QStringLiteral("--body-file"),
            bodyFile};
}

QString pullRequestUrl(const QString &ghOutput)
{
    const QStringList lines = ghOutput.split(QLatin1Char('\n'));
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (line.startsWith(QStringLiteral("https://")) ||
            line.startsWith(QStringLiteral("http://")))
            return line;
    }
    return {};
}

PullRequestCreator::PullRequestCreator(QObject *parent)
    : QObject(parent), m_command(new ExternalCommand(this))
{
    connect(m_command, &ExternalCommand::finished, this, &PullRequestCreator::done);
}

PullRequestCreator::~PullRequestCreator() = default;

bool PullRequestCreator::isRunning() const
{
    return m_command->isRunning();
}

void PullRequestCreator::start(const PullRequestRequest &request)
{
    m_request = request;
    delete m_bodyFile;
    m_bodyFile =
        new QTemporaryFile(QDir::tempPath() + QStringLiteral("/chorus-pr-XXXXXX.md"), this);
    if (!m_bodyFile->open() || m_bodyFile->write(request.body.toUtf8()) < 0 ||
        !m_bodyFile->flush()) {
        const Result<CommandOutcome> error =
            makeError(tr("could not write the pull request's description to a temporary file: %1")
                          .arg(m_bodyFile->errorString()),
                      QDir::tempPath(), tr("Check that the temporary folder is writable."));
        done(error);
        return;
    }
    m_command->start(request.gh, ghPrCreateArguments(request, m_bodyFile->fileName()),
                     request.repoDir,
                     {QStringLiteral("GH_PROMPT_DISABLED=1"),
                      QStringLiteral("GIT_TERMINAL_PROMPT=0"), QStringLiteral("NO_COLOR=1")});
}

void PullRequestCreator::cancel()
{
    m_command->cancel();
}

void PullRequestCreator::done(const Result<CommandOutcome> &outcome)
{
    if (m_bodyFile) {
        m_bodyFile->deleteLater();
        m_bodyFile = nullptr;
    }
    const QString what = tr("gh pr create for %1 into %2").arg(m_request.head, m_request.base);
    if (!outcome) {
        Q_EMIT finished(makeError(what + QStringLiteral(": ") + outcome.error().message,
                                  outcome.error().where, outcome.error().hint));
        return;
    }
    if (outcome->exitCode != 0) {
        const QString said =
            gitMessage(outcome->standardError + QLatin1Char('\n') + outcome->standardOutput);
        Q_EMIT finished(makeError(
            tr("%1 failed (exit code %2):\n%3")
                .arg(what)
                .arg(outcome->exitCode)
                .arg(said.isEmpty() ? tr("(gh said nothing)") : said),
            m_request.repoDir,
            tr("Push the branch first, check `gh auth status`, or open the pull request on the "
               "website.")));
        return;
    }
    const QString url = pullRequestUrl(outcome->standardOutput);
    Q_EMIT finished(url.isEmpty() ? outcome->standardOutput.trimmed() : url);
}

} // namespace chorus
