#include "agents/sessionfiltermodel.h"

#include "agents/agentlistmodel.h"
#include "agents/repositorygroupmodel.h"

#include <QDateTime>

namespace chorus {

namespace {
bool isGroup(const QModelIndex &i)
{
    return i.data(RepositoryGroupModel::IsGroupRole).toBool();
}
} // namespace

SessionFilterModel::SessionFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AgentListModel::SortRole);
    setDynamicSortFilter(true);
    // A group header shows while one of its agents passes.
    setRecursiveFilteringEnabled(true);
    // Idle agents cross the idle limit as time goes by, with no change of their own.
    m_idleTimer.setInterval(30 * 1000);
    connect(&m_idleTimer, &QTimer::timeout, this, &SessionFilterModel::invalidateFilter);
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
    updateIdleTimer();
    invalidateFilter();
}

void SessionFilterModel::setIdleLimitMinutes(int minutes)
{
    minutes = qMax(0, minutes);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    updateIdleTimer();
    if (m_hideFinished)
        invalidateFilter();
}

void SessionFilterModel::updateIdleTimer()
{
    if (m_hideFinished && m_idleMinutes > 0)
        m_idleTimer.start();
    else
        m_idleTimer.stop();
}

void SessionFilterModel::setWaitingFirst(bool on)
{
    if (on == m_waitingFirst)
        return;
    m_waitingFirst = on;
    invalidate();
}

void SessionFilterModel::sort(int column, Qt::SortOrder order)
{
    const bool changed = column != m_column;
    m_column = column;
    QSortFilterProxyModel::sort(qMax(0, column), order);
    if (changed)
        invalidate(); // column -1 and 0 both sort column 0: the base class saw no change
}

QVariant SessionFilterModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole && index.column() == 0 && isGroup(index))
        return tr("%1 · %n agent(s)", "a repository's folder name and its agents listed",
                  rowCount(index))
            .arg(QSortFilterProxyModel::data(index, role).toString());
    return QSortFilterProxyModel::data(index, role);
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
    // A group header passes through its agents (recursive filtering), never by itself.
    return !isGroup(i) && passes(i);
}

bool SessionFilterModel::passes(const QModelIndex &i) const
{
    const auto state = SessionState(i.data(AgentListModel::StateRole).toInt());
    if (m_hideFinished) {
        if (isFinal(state))
            return false;
        if (state == SessionState::Idle && m_idleMinutes > 0) {
            const QDateTime since = i.data(AgentListModel::IdleSinceRole).toDateTime();
            if (since.isValid() &&
                since.secsTo(QDateTime::currentDateTimeUtc()) > qint64(m_idleMinutes) * 60)
                return false;
        }
    }
    if (m_hideArchived && i.data(AgentListModel::ArchivedRole).toBool())
        return false;
    if (m_state && state != *m_state)
        return false;
    if (!m_role.isEmpty() && i.data(AgentListModel::RoleNameRole).toString() != m_role)
        return false;
    if (!m_text.isEmpty()) {
        // A plain substring: "a+b(" finds that text; nothing is a pattern.
        const auto has = [this, &i](int role) {
            return i.data(role).toString().contains(m_text, Qt::CaseInsensitive);
        };
        if (!has(AgentListModel::SortRole) // the lower-cased name
            && !has(AgentListModel::RoleNameRole) && !has(AgentListModel::TaskRole) &&
            !has(AgentListModel::BranchRole))
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

bool SessionFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The fixed orders (groups by name, waiting first, creation order) read the same both
    // ways: descending sorts by lessThan(right, left), so swap back.
    QModelIndex a = left;
    QModelIndex b = right;
    if (sortOrder() == Qt::DescendingOrder)
        std::swap(a, b);
    if (isGroup(a) || isGroup(b))
        return a.data(AgentListModel::SortRole).toString() <
               b.data(AgentListModel::SortRole).toString();
    if (m_waitingFirst) {
        const int wa = a.data(AgentListModel::AttentionRole).toInt();
        const int wb = b.data(AgentListModel::AttentionRole).toInt();
        if (wa != wb)
            return wa < wb;
    }
    if (m_column < 0)
        return a.row() < b.row(); // creation order (within a group)
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace chorus
