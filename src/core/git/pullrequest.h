#pragma once

#include "result.h"

#include <QObject>
#include <QStringList>

class QTemporaryFile;

namespace chorus {

class ExternalCommand;
struct CommandOutcome;

// A pull request as the user is about to open it.
struct PullRequestDraft
{
    QString title;
    QString body;
};

// The first draft, from what the agent was asked and what it reported: the title is the task's
// first line (at most 72 characters), the body the task, the agent's latest result and where it
// came from. `results` are the agent's final result messages, oldest first; the last counts.
PullRequestDraft draftPullRequest(const QString &agentName, const QString &branch,
                                  const QString &task, const QStringList &results);

struct PullRequestRequest
{
    QString gh = QStringLiteral("gh"); // the program (tests put a fake here)
    QString repoDir;                   // where gh runs: the agent's repository
    QString head;                      // the agent's branch, already on the remote
    QString base;                      // the branch it is to be merged into
    QString title;
    QString body;
};

// `pr create --head HEAD --base BASE --title TITLE --body-file FILE`.
QStringList ghPrCreateArguments(const PullRequestRequest &request, const QString &bodyFile);

// The pull request's address in what `gh pr create` printed (its last https:// line).
QString pullRequestUrl(const QString &ghOutput);

// Opens a pull request with the user's own `gh` (its login and its idea of the repository's
// GitHub remote apply), the body passed in a private temporary file; GH_PROMPT_DISABLED and
// GIT_TERMINAL_PROMPT keep it from asking anything.
class PullRequestCreator : public QObject
{
    Q_OBJECT
public:
    explicit PullRequestCreator(QObject *parent = nullptr);
    ~PullRequestCreator() override;

    void start(const PullRequestRequest &request);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // Success: the pull request's URL (or gh's whole output when it printed none).
    void finished(const chorus::Result<QString> &url);

private:
    void done(const Result<CommandOutcome> &outcome);

    ExternalCommand *m_command;
    QTemporaryFile *m_bodyFile = nullptr;
    PullRequestRequest m_request;
};

} // namespace chorus
