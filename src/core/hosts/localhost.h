#pragma once

#include "hosts/agenthost.h"

#include <optional>

namespace chorus {

// This machine: today's functions (claudelocator, agentworkspace, /proc) and child processes.
class LocalHost final : public AgentHost
{
public:
    enum class Transport { Process, Shim };

    // `shim`: the chorus executable with the agent-exec command (Shim transport only; empty:
    // the `chorus` beside this program, else the one on PATH).
    explicit LocalHost(Transport transport = Transport::Process, const QString &shim = {});

    // "process" or "shim" (anything else: none).
    static std::optional<Transport> transportFromName(const QString &name);
    Transport transport() const { return m_transport; }
    // Main thread only, like makeTransport().
    void setTransport(Transport transport, const QString &shim)
    {
        m_transport = transport;
        m_shim = shim;
    }
    // Where the shim is ("" when not found).
    QString shimPath() const;

    QString name() const override { return QStringLiteral("local"); }
    Result<ClaudeLocation> locateClaude(const QString &configured,
                                        const QProcessEnvironment &env) const override;
    QString findTranscript(const QProcessEnvironment &env,
                           const QString &claudeSessionId) const override;
    Result<AgentWorkspace> createWorkspace(const QString &repoPath, const QString &agentName,
                                           const QString &base,
                                           const QString &worktreesRoot) override;
    Result<QString> checkpointWorkspace(const QString &worktree, const QString &role,
                                        const QString &agentName, const QString &summary) override;
    void removeWorkspace(const QString &repoPath, const QString &worktree,
                         const QString &branch) override;
    bool processAlive(qint64 handle, const QString &claudeSessionId) const override;
    void endProcess(qint64 handle, const QString &claudeSessionId) override;
    Status checkTransport() const override;
    std::unique_ptr<AgentTransport> makeTransport() override;

private:
    Transport m_transport;
    QString m_shim;
};

} // namespace chorus
