#pragma once

#include "agent/agenttransport.h"
#include "util/linesplitter.h"

#include <QProcess>

namespace chorus {

// An agent process that is a child of this one (QProcess). It dies with the engine: a kill -9
// of the engine leaves no one to stop it.
class LocalProcessTransport : public AgentTransport
{
    Q_OBJECT
public:
    explicit LocalProcessTransport(QObject *parent = nullptr);
    ~LocalProcessTransport() override;

    QString kind() const override { return QStringLiteral("process"); }
    void start(const LaunchSpec &spec) override;
    bool isRunning() const override;
    qint64 processHandle() const override;
    bool writeLine(const QByteArray &line) override;
    void closeInput() override;
    void terminate() override;
    void kill() override;
    bool waitForFinished(int ms) override;

protected:
    // Starts `program arguments` in the spec's directory, with `environment`.
    void startProcess(const LaunchSpec &spec, const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment);
    bool writeRaw(const QByteArray &bytes);

private:
    void readStdout();
    void reportDroppedLines();

    QProcess m_process;
    LineSplitter m_lines;
};

} // namespace chorus
