#pragma once

#include "agent/localprocesstransport.h"

namespace chorus {

// Starts an agent through `chorus agent-exec`: the shim reads the launch (program, argument
// list, environment additions, directory) as one JSON line on its stdin and execs the program
// with stdin and stdout passed through. It is what an SSH or container host runs on the far
// side, so a launch never goes through a remote shell; locally it proves that seam.
class ShimTransport final : public LocalProcessTransport
{
    Q_OBJECT
public:
    // `shim`: the chorus executable that has the agent-exec command.
    explicit ShimTransport(const QString &shim, QObject *parent = nullptr);

    QString kind() const override { return QStringLiteral("shim"); }
    void start(const LaunchSpec &spec) override;

    // The first line the shim reads for `spec`.
    static QByteArray launchLine(const LaunchSpec &spec);

private:
    QString m_shim;
};

} // namespace chorus
