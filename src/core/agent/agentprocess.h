#pragma once

#include "agent/streamevent.h"
#include "util/linesplitter.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace chorus {

struct LaunchSpec
{
    QString program;
    QStringList arguments; // never a shell string
    QString workingDirectory;
    QProcessEnvironment environment;
    bool resume = false; // continues a session the CLI has a transcript of
    qsizetype maxLineBytes = 64 * 1024 * 1024; // longer stdout lines are dropped (and reported)
};

// One long-lived `claude -p --input-format stream-json --output-format stream-json` process.
// Reads stdout as NDJSON (partial lines carried over, bounded length) and emits decoded
// events in batches, one batch per read. Writes only whole JSON lines to stdin.
class AgentProcess : public QObject
{
    Q_OBJECT
public:
    explicit AgentProcess(QObject *parent = nullptr);
    ~AgentProcess() override;

    void start(const LaunchSpec &spec);
    bool isRunning() const;
    qint64 pid() const;

    bool sendUserMessage(const QString &text, const QString &uuid = {});
    // Sends {"type":"control_request","request_id":<new id>,"request":request}; returns the id.
    QString sendControlRequest(const QJsonObject &request);
    // Answers a control request of the CLI (can_use_tool).
    bool sendControlResponse(const QString &requestId, const QJsonObject &response);

    void closeInput();
    // Graceful stop: close stdin, then SIGTERM after graceMs, then SIGKILL 3 s later.
    void stop(int graceMs = 5000);

    // For an engine shutdown: SIGTERM now (the CLI exits with 143 at once, ending its tools),
    // then waitGone() with the time left; no more signals are emitted.
    void terminateNow();
    void waitGone(int msLeft);

    QString stderrTail() const;
    // Milliseconds since the last stdout line (or since start).
    qint64 msSinceOutput() const;

Q_SIGNALS:
    void started();
    void eventsReceived(const QList<chorus::StreamEvent> &batch);
    void startFailed(const QString &error);
    // A stdout line longer than the spec's maxLineBytes was dropped; `bytes` is its length.
    void lineDropped(qint64 bytes);
    // crashed: killed by a signal (QProcess::CrashExit).
    void finished(int exitCode, bool crashed);

private:
    void readStdout();
    void readStderr();
    void reportDroppedLines();
    bool writeLine(const QJsonObject &obj);

    QProcess m_process;
    LineSplitter m_lines;
    QByteArray m_stderr;
    QElapsedTimer m_lastOutput;
    int m_nextRequest = 0;
    bool m_stopping = false;
};

} // namespace chorus
