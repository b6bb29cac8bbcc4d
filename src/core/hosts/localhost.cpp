#include "hosts/localhost.h"

#include "agent/localprocesstransport.h"
#include "agent/shimtransport.h"
#include "git/gitrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace chorus {

LocalHost::LocalHost(Transport transport, const QString &shim)
    : m_transport(transport), m_shim(shim)
{}

std::optional<LocalHost::Transport> LocalHost::transportFromName(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String("process"))
        return Transport::Process;
    if (name == QLatin1String("shim"))
        return Transport::Shim;
    return std::nullopt;
}

QString LocalHost::shimPath() const
{
    if (!m_shim.isEmpty())
        return QFileInfo(m_shim).isExecutable() ? m_shim : QString();
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/chorus");
    if (QFileInfo(beside).isExecutable() && !QFileInfo(beside).isDir())
        return beside;
    return QStandardPaths::findExecutable(QStringLiteral("chorus"));
}

Result<ClaudeLocation> LocalHost::locateClaude(const QString &configured,
                                               const QProcessEnvironment &env) const
{
    return chorus::locateClaude(configured, env);
}

QString LocalHost::findTranscript(const QProcessEnvironment &env,
                                  const QString &claudeSessionId) const
{
    return findClaudeTranscript(env, claudeSessionId);
}

Result<AgentWorkspace> LocalHost::createWorkspace(const QString &repoPath, const QString &agentName,
                                                  const QString &base, const QString &worktreesRoot)
{
    return createAgentWorkspace(repoPath, agentName, base, worktreesRoot);
}

Result<QString> LocalHost::checkpointWorkspace(const QString &worktree, const QString &role,
                                               const QString &agentName, const QString &summary)
{
    return chorus::checkpointWorkspace(worktree, role, agentName, summary);
}

void LocalHost::removeWorkspace(const QString &repoPath, const QString &worktree,
                                const QString &branch)
{
    Result<GitRepository> repo = GitRepository::discover(repoPath);
    if (!repo)
        return;
    repo->removeWorktree(worktree);
    repo->deleteBranch(branch);
}

bool LocalHost::processAlive(qint64 pid, const QString &claudeSessionId) const
{
    if (pid <= 0)
        return false;
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.readAll().contains(claudeSessionId.toUtf8());
}

void LocalHost::endProcess(qint64 pid, const QString &claudeSessionId)
{
    if (!processAlive(pid, claudeSessionId))
        return;
    ::kill(pid_t(pid), SIGTERM);
    for (int i = 0; i < 50 && processAlive(pid, claudeSessionId); ++i)
        QThread::msleep(100);
    if (processAlive(pid, claudeSessionId))
        ::kill(pid_t(pid), SIGKILL);
}

Status LocalHost::checkTransport() const
{
    if (m_transport == Transport::Shim && shimPath().isEmpty())
        return makeError(
            QCoreApplication::translate("LocalHost",
                                        "the agent shim (chorus agent-exec) was not found"),
            m_shim.isEmpty() ? QStringLiteral("PATH") : m_shim,
            QCoreApplication::translate("LocalHost", "Set agentShim to the chorus executable, or "
                                                     "agentTransport=process."));
    return Ok{};
}

std::unique_ptr<AgentTransport> LocalHost::makeTransport()
{
    if (m_transport == Transport::Shim)
        return std::make_unique<ShimTransport>(shimPath());
    return std::make_unique<LocalProcessTransport>();
}

} // namespace chorus
