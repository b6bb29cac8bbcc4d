#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace chorus::test {

// The Claude Code CLI binary for tests, from $CHORUS_TEST_CLAUDE (`./dev.sh test` sets it).
// Returns an empty string and fills *message when it is unset or not executable, so a test can
// `QFAIL(qPrintable(message))`.
QString testClaudePath(QString *message = nullptr);

// The outcome of one CLI process run to completion.
struct ClaudeRun
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray stdOut;
    QByteArray stdErr;
    QList<QJsonObject> lines; // stdout lines that parsed as JSON objects

    QJsonObject result() const; // the last `"type":"result"` line, or {}
    QList<QJsonObject> ofType(const QString &type) const;
    QString describe() const; // exit status, stderr and the tail of stdout, for failure messages
};

// Runs `program args` in `workDir` with `env`, stdin closed, and waits up to timeoutMs
// (then kills it and sets timedOut).
ClaudeRun runClaude(const QString &program, const QStringList &args, const QString &workDir,
                    const QProcessEnvironment &env, int timeoutMs = 120000);

} // namespace chorus::test
