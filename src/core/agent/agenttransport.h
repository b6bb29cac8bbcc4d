#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <memory>

namespace chorus {

// How to start one agent process: a program and an argument list (never a shell string).
struct LaunchSpec
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;           // the whole environment the program gets
    bool resume = false;                       // continues a session the CLI has a transcript of
    qsizetype maxLineBytes = 64 * 1024 * 1024; // longer stdout lines are dropped (and reported)
    // The process's nice value (0-19; never a higher priority than the engine's): agents are
    // background work (see the agentNice setting).
    int nice = 0;
};

// The pipe to one agent process, wherever it runs: start it, write lines to its stdin, read
// lines from its stdout, end it. What the lines mean (stream-json) is AgentProcess's business.
// Implementations: LocalProcessTransport (a child process), ShimTransport (the same through
// `chorus agent-exec`, what a remote host runs on its side).
class AgentTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // "process", "shim", ... (shown in the agent's launch event).
    virtual QString kind() const = 0;
    virtual void start(const LaunchSpec &spec) = 0;
    virtual bool isRunning() const = 0;
    // What the agent's host finds the process by later (a local pid; 0: unknown).
    virtual qint64 processHandle() const = 0;
    // Writes one line (the newline is added); false when the process cannot take it.
    virtual bool writeLine(const QByteArray &line) = 0;
    virtual void closeInput() = 0;
    // SIGTERM (the CLI ends its tools and exits), and SIGKILL.
    virtual void terminate() = 0;
    virtual void kill() = 0;
    // Blocks up to `ms` for the process to end (an engine shutting down); true when it has.
    virtual bool waitForFinished(int ms) = 0;

Q_SIGNALS:
    void started();
    void startFailed(const QString &error);
    // Whole stdout lines, without their newline, as they came in one read. At the end, an
    // unterminated last line comes as a line of its own before finished().
    void linesReceived(const QList<QByteArray> &lines);
    // A stdout line longer than the spec's maxLineBytes was dropped; `bytes` is its length.
    void lineDropped(qint64 bytes);
    void stderrReceived(const QByteArray &data);
    // crashed: killed by a signal.
    void finished(int exitCode, bool crashed);
};

using TransportFactory = std::function<std::unique_ptr<AgentTransport>()>;

} // namespace chorus
