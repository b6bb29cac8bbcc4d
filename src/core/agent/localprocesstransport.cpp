#include "agent/localprocesstransport.h"

#include "childguard.h"

#include <unistd.h>

namespace chorus {

LocalProcessTransport::LocalProcessTransport(QObject *parent) : AgentTransport(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            &LocalProcessTransport::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { Q_EMIT stderrReceived(m_process.readAllStandardError()); });
    connect(&m_process, &QProcess::started, this, &AgentTransport::started);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            Q_EMIT startFailed(m_process.errorString());
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        readStdout();
        if (const QByteArray err = m_process.readAllStandardError(); !err.isEmpty())
            Q_EMIT stderrReceived(err);
        const QByteArray rest = m_lines.takeRemainder();
        if (!rest.isEmpty())
            Q_EMIT linesReceived({rest});
        reportDroppedLines();
        Q_EMIT finished(code, status == QProcess::CrashExit);
    });
}

LocalProcessTransport::~LocalProcessTransport()
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

void LocalProcessTransport::start(const LaunchSpec &spec)
{
    startProcess(spec, spec.program, spec.arguments, spec.environment);
}

void LocalProcessTransport::startProcess(const LaunchSpec &spec, const QString &program,
                                         const QStringList &arguments,
                                         const QProcessEnvironment &environment)
{
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    m_process.setWorkingDirectory(spec.workingDirectory);
    m_process.setProcessEnvironment(environment);
    m_lines = LineSplitter(spec.maxLineBytes);
    // It must not outlive the engine: a kill -9 leaves no one to stop it.
    const pid_t engine = ::getpid();
    const int nice = spec.nice;
    m_process.setChildProcessModifier([engine, nice] {
        childguard::dieWithParent(engine);
        childguard::lowerPriority(nice);
    });
    m_process.start(QIODevice::ReadWrite);
}

bool LocalProcessTransport::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

qint64 LocalProcessTransport::processHandle() const
{
    return m_process.processId();
}

bool LocalProcessTransport::writeRaw(const QByteArray &bytes)
{
    // Before `started`, QProcess keeps what is written and sends it once the process runs.
    if (m_process.state() == QProcess::NotRunning)
        return false;
    return m_process.write(bytes) == bytes.size();
}

bool LocalProcessTransport::writeLine(const QByteArray &line)
{
    if (m_process.state() != QProcess::Running)
        return false;
    return writeRaw(line + '\n');
}

void LocalProcessTransport::closeInput()
{
    if (m_process.state() == QProcess::Running)
        m_process.closeWriteChannel();
}

void LocalProcessTransport::terminate()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.terminate();
}

void LocalProcessTransport::kill()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.kill();
}

bool LocalProcessTransport::waitForFinished(int ms)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    return m_process.waitForFinished(qMax(1, ms));
}

void LocalProcessTransport::readStdout()
{
    const QByteArray data = m_process.readAllStandardOutput();
    if (data.isEmpty())
        return;
    const QList<QByteArray> lines = m_lines.feed(data);
    reportDroppedLines();
    if (!lines.isEmpty())
        Q_EMIT linesReceived(lines);
}

void LocalProcessTransport::reportDroppedLines()
{
    for (const qsizetype bytes : m_lines.takeDroppedSizes())
        Q_EMIT lineDropped(bytes);
}

} // namespace chorus
