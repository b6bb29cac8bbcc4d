#pragma once

#include "agent/agenttransport.h"
#include "agent/claudelocator.h"
#include "git/agentworkspace.h"
#include "result.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace chorus {

// Where agents run: the machine that has Claude Code, its transcripts, the agents' worktrees
// and their processes. The engine asks its host for each of these and never looks itself, so
// a host on another machine (SSH, a container) can take the local one's place.
// Implementations must be safe to call from the engine's worker threads (checkpoints, git).
class AgentHost
{
public:
    virtual ~AgentHost() = default;

    virtual QString name() const = 0;

    // The Claude Code CLI (see claudelocator.h); `env` is the agent's client's environment.
    virtual Result<ClaudeLocation> locateClaude(const QString &configured,
                                                const QProcessEnvironment &env) const = 0;
    // The CLI's transcript of a session ("" when it has none yet).
    virtual QString findTranscript(const QProcessEnvironment &env,
                                   const QString &claudeSessionId) const = 0;

    // An agent's branch and worktree (see agentworkspace.h), its turn-end commit, and its removal
    // (worktree and branch) when a spawn fails after creating it.
    virtual Result<AgentWorkspace> createWorkspace(const QString &repoPath,
                                                   const QString &agentName, const QString &base,
                                                   const QString &worktreesRoot) = 0;
    virtual Result<QString> checkpointWorkspace(const QString &worktree, const QString &role,
                                                const QString &agentName,
                                                const QString &summary) = 0;
    virtual void removeWorkspace(const QString &repoPath, const QString &worktree,
                                 const QString &branch) = 0;

    // Whether the process `handle` (AgentProcess::pid()) is still the CLI of that session.
    virtual bool processAlive(qint64 handle, const QString &claudeSessionId) const = 0;
    // Ends such a process left behind by an earlier engine (SIGTERM, then SIGKILL after 5 s), so
    // two processes never write one session (CLAUDE-CLI.md §5.1). Blocks until it is gone.
    virtual void endProcess(qint64 handle, const QString &claudeSessionId) = 0;

    // Whether makeTransport() can work (the shim is there...): an error says what to set.
    virtual Status checkTransport() const = 0;
    // The pipe a new agent process is started through.
    virtual std::unique_ptr<AgentTransport> makeTransport() = 0;
};

} // namespace chorus
