#include "agent/shimtransport.h"

#include "agent/toolprocesses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chorus {

ShimTransport::ShimTransport(const QString &shim, QObject *parent)
    : LocalProcessTransport(parent), m_shim(shim)
{}

QByteArray ShimTransport::launchLine(const LaunchSpec &spec)
{
    QJsonObject environment;
    const QStringList keys = spec.environment.keys();
    for (const QString &k : keys)
        environment.insert(k, spec.environment.value(k));
    const QJsonObject launch{
        {QStringLiteral("program"), spec.program},
        {QStringLiteral("arguments"), QJsonArray::fromStringList(spec.arguments)},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("workingDirectory"), spec.workingDirectory}};
    return QJsonDocument(launch).toJson(QJsonDocument::Compact);
}

void ShimTransport::start(const LaunchSpec &spec)
{
    // The shim starts with (almost) nothing of its own: the agent's whole environment comes as
    // the launch's additions, as it would to a host far away. Only the agent mark is set on
    // the shim too, so that a shim stuck before its exec is found with the agent's processes.
    QProcessEnvironment shimEnv;
    shimEnv.insert(QLatin1String(kAgentProcessMark),
                   spec.environment.value(QLatin1String(kAgentProcessMark)));
    startProcess(spec, m_shim, {QStringLiteral("agent-exec")}, shimEnv);
    // Kept by QProcess until the shim runs; the agent's own lines follow it.
    writeRaw(launchLine(spec) + '\n');
}

} // namespace chorus
