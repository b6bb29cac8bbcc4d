#include "agent/agentprocess.h"

#include "agent/localprocesstransport.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

namespace chorus {

namespace {
constexpr qsizetype kStderrTail = 16 * 1024;
}

AgentProcess::AgentProcess(std::unique_ptr<AgentTransport> transport, QObject *parent)
    : QObject(parent), m_transport(transport ? transport.release() : new LocalProcessTransport)
{
    m_transport->setParent(this);
    connect(m_transport, &AgentTransport::linesReceived, this, &AgentProcess::onLines);
    connect(m_transport, &AgentTransport::lineDropped, this, &AgentProcess::lineDropped);
    connect(m_transport, &AgentTransport::stderrReceived, this, [this](const QByteArray &data) {
        m_stderr.append(data);
        if (m_stderr.size() > kStderrTail)
            m_stderr = m_stderr.right(kStderrTail);
    });
    connect(m_transport, &AgentTransport::started, this, [this] {
        m_lastOutput.start();
        Q_EMIT started();
    });
    connect(m_transport, &AgentTransport::startFailed, this, &AgentProcess::startFailed);
    connect(m_transport, &AgentTransport::finished, this, &AgentProcess::finished);
}

AgentProcess::~AgentProcess()
{
    m_transport->disconnect(this);
    delete m_transport; // ends a process still running (see LocalProcessTransport)
}

void AgentProcess::start(const LaunchSpec &spec)
{
    m_stopping = false;
    m_transport->start(spec);
}

bool AgentProcess::isRunning() const
{
    return m_transport->isRunning();
}

qint64 AgentProcess::pid() const
{
    return m_transport->processHandle();
}

bool AgentProcess::writeLine(const QJsonObject &obj)
{
    return m_transport->writeLine(QJsonDocument(obj).toJson(QJsonDocument::Compact));
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
    m_transport->closeInput();
}

void AgentProcess::stop(int graceMs)
{
    if (!m_transport->isRunning() || m_stopping)
        return;
    m_stopping = true;
    closeInput();
    QTimer::singleShot(graceMs, this, [this] {
        if (!m_transport->isRunning())
            return;
        m_transport->terminate();
        QTimer::singleShot(3000, this, [this] { m_transport->kill(); });
    });
}

void AgentProcess::terminateNow()
{
    if (!m_transport->isRunning())
        return;
    m_transport->disconnect(this);
    m_stopping = true;
    m_transport->closeInput();
    m_transport->terminate();
}

void AgentProcess::waitGone(int msLeft)
{
    if (!m_transport->waitForFinished(msLeft)) {
        m_transport->kill();
        m_transport->waitForFinished(1000);
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

void AgentProcess::onLines(const QList<QByteArray> &lines)
{
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

} // namespace chorus
