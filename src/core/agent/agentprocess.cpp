#include "agent/agentprocess.h"

#include "childguard.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

#include <unistd.h>

namespace chorus {

namespace {
constexpr qsizetype kStderrTail = 16 * 1024;
}

AgentProcess::AgentProcess(QObject *parent) : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &AgentProcess::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &AgentProcess::readStderr);
    connect(&m_process, &QProcess::started, this, [this] {
        m_lastOutput.start();
        Q_EMIT started();
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            Q_EMIT startFailed(m_process.errorString());
    });
    connect(&m_process, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) {
                readStdout();
                readStderr();
                QList<StreamEvent> last;
                const QByteArray rest = m_lines.takeRemainder();
                if (!rest.isEmpty())
                    last.append(decodeStreamLine(rest));
                if (!last.isEmpty())
                    Q_EMIT eventsReceived(last);
                reportDroppedLines();
                Q_EMIT finished(code, status == QProcess::CrashExit);
            });
}

AgentProcess::~AgentProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(2000)) {
            m_process.terminate();
            if (!m_process.waitForFinished(3000))
                m_process.kill();
            m_process.waitForFinished(1000);
        }
    }
}

void AgentProcess::start(const LaunchSpec &spec)
{
    m_process.setProgram(spec.program);
    m_process.setArguments(spec.arguments);
    m_process.setWorkingDirectory(spec.workingDirectory);
    m_process.setProcessEnvironment(spec.environment);
    m_lines = LineSplitter(spec.maxLineBytes);
    m_stopping = false;
    // It must not outlive the engine: a kill -9 leaves no one to stop it.
    const pid_t engine = ::getpid();
    m_process.setChildProcessModifier([engine] { childguard::dieWithParent(engine); });
    m_process.start(QIODevice::ReadWrite);
}

bool AgentProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

qint64 AgentProcess::pid() const
{
    return m_process.processId();
}

bool AgentProcess::writeLine(const QJsonObject &obj)
{
    if (m_process.state() != QProcess::Running)
        return false;
    QByteArray line = QJsonDocument(obj).toJson(QJsonDocument::Compact);
    line.append('\n');
    return m_process.write(line) == line.size();
}

bool AgentProcess::sendUserMessage(const QString &text, const QString &uuid)
{
    QJsonObject msg{
        {QStringLiteral("type"), QStringLiteral("user")},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                     {QStringLiteral("content"), text}}},
        {QStringLiteral("parent_tool_use_id"), QJsonValue::Null},
        {QStringLiteral("session_id"), QString()},
    };
    if (!uuid.isEmpty())
        msg.insert(QStringLiteral("uuid"), uuid);
    return writeLine(msg);
}

QString AgentProcess::sendControlRequest(const QJsonObject &request)
{
    const QString id = QStringLiteral("chorus-%1-%2")
                           .arg(++m_nextRequest)
                           .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const bool ok = writeLine(QJsonObject{{QStringLiteral("type"), QStringLiteral("control_request")},
                                          {QStringLiteral("request_id"), id},
                                          {QStringLiteral("request"), request}});
    return ok ? id : QString();
}

bool AgentProcess::sendControlResponse(const QString &requestId, const QJsonObject &response)
{
    return writeLine(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("control_response")},
        {QStringLiteral("response"),
         QJsonObject{{QStringLiteral("subtype"), QStringLiteral("success")},
                     {QStringLiteral("request_id"), requestId},
                     {QStringLiteral("response"), response}}}});
}

void AgentProcess::closeInput()
{
    if (m_process.state() == QProcess::Running)
        m_process.closeWriteChannel();
}

void AgentProcess::stop(int graceMs)
{
    if (m_process.state() == QProcess::NotRunning || m_stopping)
        return;
    m_stopping = true;
    closeInput();
    QTimer::singleShot(graceMs, this, [this] {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        QTimer::singleShot(3000, this, [this] {
            if (m_process.state() != QProcess::NotRunning)
                m_process.kill();
        });
    });
}

void AgentProcess::terminateNow()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.disconnect(this);
    m_stopping = true;
    m_process.closeWriteChannel();
    m_process.terminate();
}

void AgentProcess::waitGone(int msLeft)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    if (!m_process.waitForFinished(qMax(1, msLeft))) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString AgentProcess::stderrTail() const
{
    return QString::fromUtf8(m_stderr).trimmed();
}

qint64 AgentProcess::msSinceOutput() const
{
    return m_lastOutput.isValid() ? m_lastOutput.elapsed() : 0;
}

void AgentProcess::readStdout()
{
    const QByteArray data = m_process.readAllStandardOutput();
    if (data.isEmpty())
        return;
    const QList<QByteArray> lines = m_lines.feed(data);
    reportDroppedLines();
    if (lines.isEmpty())
        return;
    m_lastOutput.restart();
    QList<StreamEvent> batch;
    batch.reserve(lines.size());
    for (const QByteArray &line : lines) {
        if (!line.trimmed().isEmpty())
            batch.append(decodeStreamLine(line));
    }
    if (!batch.isEmpty())
        Q_EMIT eventsReceived(batch);
}

void AgentProcess::reportDroppedLines()
{
    for (const qsizetype bytes : m_lines.takeDroppedSizes())
        Q_EMIT lineDropped(bytes);
}

void AgentProcess::readStderr()
{
    m_stderr.append(m_process.readAllStandardError());
    if (m_stderr.size() > kStderrTail)
        m_stderr = m_stderr.right(kStderrTail);
}

} // namespace chorus
