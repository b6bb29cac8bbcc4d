#pragma once

#include "agent/agenttransport.h"
#include "agent/streamevent.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace chorus {

// The stream-json protocol of one long-lived `claude -p --input-format stream-json
// --output-format stream-json` process, over a transport (a local child process, the agent
// shim, later a remote host): decodes its stdout lines into events, emitted in batches (one
// per read), and writes whole JSON lines to its stdin.
class AgentProcess : public QObject
{
    Q_OBJECT
public:
    // null: a LocalProcessTransport.
    explicit AgentProcess(std::unique_ptr<AgentTransport> transport = nullptr,
                          QObject *parent = nullptr);
    ~AgentProcess() override;

    void start(const LaunchSpec &spec);
    QString transportKind() const { return m_transport->kind(); }
    bool isRunning() const;
    // What the host finds the process by (a local pid).
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
    // crashed: killed by a signal.
    void finished(int exitCode, bool crashed);

private:
    void onLines(const QList<QByteArray> &lines);
    bool writeLine(const QJsonObject &obj);

    AgentTransport *m_transport; // owned (a child)
    QByteArray m_stderr;
    QElapsedTimer m_lastOutput;
    int m_nextRequest = 0;
    bool m_stopping = false;
};

} // namespace chorus
