#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <atomic>

namespace chorus {

// What to run: a program and its arguments, never a shell.
struct ProcessRequest
{
    // The program, then its arguments. A program named without a '/' is looked up on PATH;
    // one with a '/' is taken relative to `workingDir`.
    QStringList arguments;
    QString workingDir;
    QStringList environment; // NAME=value entries it runs with; empty: this process's
    int timeoutMs = -1;      // < 0: no limit
    const std::atomic_bool *cancel = nullptr; // set it to stop the program early
    qsizetype maxOutput = 1024 * 1024;        // how much of the output is kept (the end)
};

struct ProcessOutcome
{
    int exitCode = 0; // -1 when it timed out, was cancelled or was ended by a signal
    bool timedOut = false;
    bool cancelled = false;
    QString output; // stdout and stderr, interleaved: at most maxOutput bytes, the end
};

// Runs a program to its end on the calling thread, which blocks until then (a worker thread:
// the git thread runs merge checks with it). The program runs under childguard's supervisor
// (see childguard.h): whatever it starts, even in a session of its own, ends with it, and all
// of it ends with the engine; the calling thread must live until it returns. On timeout or
// cancel the supervisor is sent SIGTERM (it ends the program and all below it), SIGKILL after
// 10 s. A program that exits non-zero is an outcome; an error is a program that cannot start
// (not found, or its chdir or exec failed): the message says why, `where` is the command line.
Result<ProcessOutcome> runProcess(const ProcessRequest &req);

} // namespace chorus
