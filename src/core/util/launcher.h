#pragma once

#include "result.h"

#include <QFuture>
#include <QStringList>

namespace chorus {

// A program of the user's started for them and left running on its own (an editor, a terminal):
// an argument list, never a shell.
struct LaunchRequest
{
    QStringList arguments; // the program (a path, or a name looked up on PATH), then its arguments
    QString workingDir;
    int watchMs = 2000; // how long a quick failure is waited for
};

struct LaunchOutcome
{
    bool stillRunning = false; // it was still running when the watch ended (a terminal window)
    QString output;            // what it wrote meanwhile (stdout and stderr, the end)
};

// Starts the program in a session of its own (it outlives Chorus; stdin is /dev/null) and
// watches it for `watchMs`: one that exits 0 in that time (an editor's launcher handing the
// folder to a running window) or is still running succeeds. An error: it could not start (not
// found, not executable, no such folder), or it exited non-zero or was killed by a signal
// within the watch; the message names the program, the exit code and the end of what it wrote,
// `where` is the command line. Its output is read (and dropped) for as long as it keeps the
// pipe open, and it is reaped when it ends, on a thread of its own.
QFuture<Result<LaunchOutcome>> launchDetached(const LaunchRequest &request);

// `arguments` with every "{dir}" replaced by `dir` (also inside a word:
// --working-directory={dir}).
QStringList expandDirPlaceholder(const QStringList &arguments, const QString &dir);

} // namespace chorus
