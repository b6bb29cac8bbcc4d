#pragma once

#include <QFuture>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>
#include <type_traits>
#include <utility>

namespace chorus {

// The one executor of the engine's repository writes. Git work (merge queue, sync, clean) runs
// on its one thread, one operation at a time; new agents' worktrees on a lane of their own;
// turn-end checkpoints run on its checkpoint pool (one at a time per agent: AgentSession sees to
// that). The sessions whose branch git work is on are held until it is done: the engine starts no
// turn on them (so no turn-end checkpoint) and does not close their idle process (no process-end
// checkpoint). Used from the engine's thread only; what it runs must not touch the engine.
class GitExecutor
{
public:
    GitExecutor();
    GitExecutor(const GitExecutor &) = delete;
    GitExecutor &operator=(const GitExecutor &) = delete;

    // Runs `work` on the git thread, after what was queued before it.
    template<class Work> QFuture<std::invoke_result_t<std::decay_t<Work>>> run(Work &&work)
    {
        return QtConcurrent::run(&m_gitThread, std::forward<Work>(work));
    }

    // Runs a spawn's worktree creation on a lane of its own (one at a time), so that a new agent
    // never waits behind a merge queue's checks: a new worktree touches only its own new branch
    // and folder.
    template<class Work> QFuture<std::invoke_result_t<std::decay_t<Work>>> runWorkspace(Work &&work)
    {
        return QtConcurrent::run(&m_workspaceThread, std::forward<Work>(work));
    }

    // The sessions git work is on.
    void hold(const QStringList &ids);
    void release(const QStringList &ids);
    bool holds(const QString &id) const { return m_held.contains(id); }
    // Whether git work is under way: a session held, or a job on any of the threads.
    bool isBusy() const
    {
        return !m_held.isEmpty() || m_gitThread.activeThreadCount() > 0 ||
               m_workspaceThread.activeThreadCount() > 0 ||
               m_checkpointPool.activeThreadCount() > 0;
    }

    // Where agents' turn-end checkpoints run.
    QThreadPool *checkpointPool() { return &m_checkpointPool; }

    // Set by cancelAll(): long git work (a merge queue, its checks) reads it and stops.
    std::shared_ptr<const std::atomic_bool> cancelFlag() const { return m_cancel; }

    // Shutdown: cancelAll() first, then waitForDone() (the git thread), then, once nothing can
    // start one, waitForCheckpoints().
    void cancelAll() { m_cancel->store(true); }
    void waitForDone()
    {
        m_gitThread.waitForDone();
        m_workspaceThread.waitForDone();
    }
    void waitForCheckpoints() { m_checkpointPool.waitForDone(); }

private:
    QSet<QString> m_held;         // sessions a git operation is working on
    QThreadPool m_gitThread;      // one thread: git operations run one at a time
    QThreadPool m_workspaceThread; // one thread: new agents' worktrees
    QThreadPool m_checkpointPool; // turn-end checkpoints of agents (one at a time per agent)
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace chorus
