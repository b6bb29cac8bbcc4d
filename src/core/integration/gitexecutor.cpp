#include "integration/gitexecutor.h"

namespace chorus {

GitExecutor::GitExecutor()
{
    m_gitThread.setMaxThreadCount(1);
    m_workspaceThread.setMaxThreadCount(1);
    m_checkpointPool.setMaxThreadCount(2);
}

void GitExecutor::hold(const QStringList &ids)
{
    for (const QString &id : ids)
        m_held.insert(id);
}

void GitExecutor::release(const QStringList &ids)
{
    for (const QString &id : ids)
        m_held.remove(id);
}

} // namespace chorus
