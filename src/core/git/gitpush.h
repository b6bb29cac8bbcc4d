#pragma once

#include "result.h"

#include <QObject>
#include <QStringList>

namespace chorus {

class ExternalCommand;
struct CommandOutcome;

// What a push is: an agent's branch to one of its repository's remotes.
struct PushRequest
{
    QString git = QStringLiteral("git"); // the program (tests put another git here)
    QString workingDir;                  // the agent's worktree, or its repository
    QString remote;
    QString branch;
};

// `push --progress --set-upstream REMOTE refs/heads/BRANCH:refs/heads/BRANCH`: the branch under
// the same name, tracked from then on.
QStringList gitPushArguments(const QString &remote, const QString &branch);

// The repository's remotes (origin, upstream…), sorted, read with libgit2 from the repository
// holding `path`; empty when there is none.
Result<QStringList> listRemotes(const QString &path);

// The remote a push goes to unless the user picks another: origin when there is one, else the
// first (listRemotes() sorts them); empty when there is none.
QString defaultRemote(const QStringList &remotes);

// The last lines of a git command's stderr worth showing: its progress lines ("Counting
// objects: 40% …", "Writing objects") left out, at most `maxLines`.
QString gitMessage(const QString &standardError, int maxLines = 20);

// Pushes with the user's own `git` (the one place the product runs the git CLI, so the user's
// credential helpers, SSH configuration and hooks apply; see docs/architecture.md), in a session
// of its own with GIT_TERMINAL_PROMPT=0: a missing credential fails at once instead of waiting
// for a password prompt nobody sees. A push the remote refuses changes nothing on this machine.
class BranchPush : public QObject
{
    Q_OBJECT
public:
    explicit BranchPush(QObject *parent = nullptr);
    ~BranchPush() override;

    void start(const PushRequest &request);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void progress(const QString &line);
    // Success: what git and the remote said (GitHub's "Create a pull request" link, …); an
    // error: why not, with the remote's own message.
    void finished(const chorus::Result<QString> &message);

private:
    void done(const Result<CommandOutcome> &outcome);

    ExternalCommand *m_command;
    PushRequest m_request;
};

} // namespace chorus
