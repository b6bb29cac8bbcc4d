#include "agents/sessionfiltermodel.h"

#include "agents/agentlistmodel.h"

#include <QDateTime>

namespace chorus {

SessionFilterModel::SessionFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AgentListModel::SortRole);
    setDynamicSortFilter(true);
}

void SessionFilterModel::setRole(const QString &role)
{
    if (role == m_role)
        return;
    m_role = role;
    invalidateFilter();
}

void SessionFilterModel::setState(std::optional<SessionState> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

void SessionFilterModel::setText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

void SessionFilterModel::setDateRange(const QDate &from, const QDate &to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateFilter();
}

void SessionFilterModel::setHideFinished(bool hide)
{
    if (hide == m_hideFinished)
        return;
    m_hideFinished = hide;
    invalidateFilter();
}

void SessionFilterModel::setHideArchived(bool hide)
{
    if (hide == m_hideArchived)
        return;
    m_hideArchived = hide;
    invalidateFilter();
}

bool SessionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = SessionState(i.data(AgentListModel::StateRole).toInt());
    if (m_hideFinished && isFinal(state))
        return false;
    if (m_hideArchived && i.data(AgentListModel::ArchivedRole).toBool())
        return false;
    if (m_state && state != *m_state)
        return false;
    if (!m_role.isEmpty() && i.data(AgentListModel::RoleNameRole).toString() != m_role)
        return false;
    if (!m_text.isEmpty()) {
        const QString name = i.data(AgentListModel::SortRole).toString(); // lower-cased name
        const QString task = i.data(AgentListModel::TaskRole).toString();
        if (!name.contains(m_text, Qt::CaseInsensitive) &&
            !task.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    if (m_from.isValid() || m_to.isValid()) {
        const QDate created = i.data(AgentListModel::CreatedRole).toDateTime().date();
        if (m_from.isValid() && created < m_from)
            return false;
        if (m_to.isValid() && created > m_to)
            return false;
    }
    return true;
}

} // namespace chorus
