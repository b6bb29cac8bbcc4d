#pragma once

#include "result.h"

#include <QObject>
#include <QStringList>

class QProcess;

namespace chorus {

// How a program run by ExternalCommand ended (it started and exited by itself).
struct CommandOutcome
{
    int exitCode = 0;
    QString standardOutput; // at most kMaxOutput characters, the end
    QString standardError;  // the same
};

// A user's own command-line tool (git push, gh) run asynchronously from an argument list,
// never a shell: in a folder, with a few environment additions, stdin closed and in a session of
// its own (no controlling terminal, so nothing can stop to ask for a password on one), its
// output kept bounded. For the few places the product runs a tool of the user's (see
// docs/architecture.md); the engine's own children go through childguard instead.
class ExternalCommand : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxOutput = 64 * 1024;

    explicit ExternalCommand(QObject *parent = nullptr);
    ~ExternalCommand() override; // ends a program still running

    // Starts `program` (a path, or a name looked up on PATH). `environment` holds NAME=value
    // additions to this process's environment. Exactly one finished() follows, maybe at once
    // (a program not found).
    void start(const QString &program, const QStringList &arguments, const QString &workingDir,
               const QStringList &environment = {});
    // Ends the program (SIGTERM, then SIGKILL after 3 s); finished() carries an error.
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // A line the program wrote to stderr (progress: git ends those with \r, taken as lines).
    void progress(const QString &line);
    // The program ran to its end: its exit code and output (non-zero is an outcome, not an
    // error). An error: it could not start, crashed, or was cancelled.
    void finished(const chorus::Result<chorus::CommandOutcome> &outcome);

private:
    void readError();
    void done(const Result<CommandOutcome> &outcome);

    QProcess *m_process = nullptr;
    QString m_command; // as shown in errors
    QString m_stdout;
    QString m_stderr;
    QByteArray m_partial; // stderr after the last line end
    bool m_cancelled = false;
};

} // namespace chorus
