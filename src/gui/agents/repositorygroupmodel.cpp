#include "agents/repositorygroupmodel.h"

#include "agents/agentlistmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QSet>

namespace chorus {

RepositoryGroupModel::RepositoryGroupModel(QObject *parent) : QAbstractProxyModel(parent) {}

void RepositoryGroupModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        using M = QAbstractItemModel;
        const auto begin = [this] { beginRebuild(); };
        const auto end = [this] { endRebuild(); };
        m_connections = {
            connect(source, &M::rowsInserted, this, &RepositoryGroupModel::onRowsInserted),
            connect(source, &M::dataChanged, this, &RepositoryGroupModel::onDataChanged),
            connect(source, &M::modelAboutToBeReset, this, begin),
            connect(source, &M::modelReset, this, end),
            connect(source, &M::rowsAboutToBeRemoved, this, begin),
            connect(source, &M::rowsRemoved, this, end),
            connect(source, &M::rowsAboutToBeMoved, this, begin),
            connect(source, &M::rowsMoved, this, end),
            connect(source, &M::layoutAboutToBeChanged, this, begin),
            connect(source, &M::layoutChanged, this, end),
        };
    }
    rebuild();
    endResetModel();
}

void RepositoryGroupModel::setGroupingEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    beginResetModel();
    m_enabled = enabled;
    m_grouped = m_enabled && m_groups.size() > 1;
    endResetModel();
}

QString RepositoryGroupModel::keyOf(int sourceRow) const
{
    return sourceModel()->index(sourceRow, 0).data(AgentListModel::GroupKeyRole).toString();
}

void RepositoryGroupModel::file(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QString key = keyOf(row);
        int g = m_groupByKey.value(key, -1);
        if (g < 0) {
            g = int(m_groups.size());
            const QString name = QFileInfo(QDir::cleanPath(key)).fileName();
            m_groups.append({key, name.isEmpty() ? key : name, {}});
            m_groupByKey.insert(key, g);
        }
        m_where.append({g, int(m_groups[g].rows.size())});
        m_groups[g].rows.append(row);
    }
}

void RepositoryGroupModel::rebuild()
{
    m_groups.clear();
    m_groupByKey.clear();
    m_where.clear();
    file(0, sourceModel() ? sourceModel()->rowCount() - 1 : -1);
    m_grouped = m_enabled && m_groups.size() > 1;
}

void RepositoryGroupModel::beginRebuild()
{
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void RepositoryGroupModel::endRebuild()
{
    rebuild();
    if (m_resetting)
        endResetModel();
    m_resetting = false;
}

void RepositoryGroupModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    const bool append = !parent.isValid() && first == m_where.size();
    QSet<QString> newKeys;
    if (append) {
        for (int row = first; row <= last; ++row) {
            const QString key = keyOf(row);
            if (!m_groupByKey.contains(key))
                newKeys.insert(key);
        }
    }
    // Headers appear (the second repository) or rows come between others: all again.
    if (!append || (!m_grouped && m_enabled && m_groups.size() + newKeys.size() > 1)) {
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    if (!m_grouped) {
        beginInsertRows({}, first, last);
        file(first, last);
        endInsertRows();
        return;
    }
    for (int row = first; row <= last; ++row) {
        const int g = m_groupByKey.value(keyOf(row), -1);
        if (g >= 0) {
            const int position = int(m_groups.at(g).rows.size());
            beginInsertRows(index(g, 0), position, position);
            file(row, row);
        } else {
            beginInsertRows({}, int(m_groups.size()), int(m_groups.size()));
            file(row, row);
        }
        endInsertRows();
    }
}

void RepositoryGroupModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                         const QList<int> &roles)
{
    if (m_resetting || topLeft.parent().isValid())
        return;
    const bool keyMayChange = roles.isEmpty() || roles.contains(AgentListModel::GroupKeyRole);
    const int last = qMin(bottomRight.row(), int(m_where.size()) - 1);
    if (keyMayChange) {
        for (int row = topLeft.row(); row <= last; ++row) {
            if (keyOf(row) != m_groups.at(m_where.at(row).first).key) {
                beginResetModel();
                rebuild();
                endResetModel();
                return;
            }
        }
    }
    QAbstractItemModel *source = sourceModel();
    for (int row = topLeft.row(); row <= last; ++row)
        Q_EMIT dataChanged(mapFromSource(source->index(row, topLeft.column())),
                           mapFromSource(source->index(row, bottomRight.column())), roles);
}

QModelIndex RepositoryGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount())
        return {};
    if (!m_grouped) {
        if (parent.isValid() || row >= m_where.size())
            return {};
        return createIndex(row, column, quintptr(0));
    }
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (!isGroupIndex(parent) || row >= m_groups.at(parent.row()).rows.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RepositoryGroupModel::parent(const QModelIndex &child) const
{
    if (!m_grouped || !child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

QModelIndex RepositoryGroupModel::sibling(int row, int column, const QModelIndex &idx) const
{
    return index(row, column, parent(idx));
}

int RepositoryGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!m_grouped)
        return parent.isValid() ? 0 : int(m_where.size());
    if (!parent.isValid())
        return int(m_groups.size());
    return isGroupIndex(parent) && parent.column() == 0 ? int(m_groups.at(parent.row()).rows.size())
                                                        : 0;
}

int RepositoryGroupModel::columnCount(const QModelIndex &) const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

bool RepositoryGroupModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QModelIndex RepositoryGroupModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel())
        return {};
    if (!m_grouped)
        return sourceModel()->index(proxyIndex.row(), proxyIndex.column());
    if (proxyIndex.internalId() == 0)
        return {}; // a group header
    const Group &g = m_groups.at(int(proxyIndex.internalId() - 1));
    return sourceModel()->index(g.rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex RepositoryGroupModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= m_where.size())
        return {};
    if (!m_grouped)
        return createIndex(sourceIndex.row(), sourceIndex.column(), quintptr(0));
    const auto [group, position] = m_where.at(sourceIndex.row());
    return createIndex(position, sourceIndex.column(), quintptr(group + 1));
}

QVariant RepositoryGroupModel::data(const QModelIndex &index, int role) const
{
    if (role == IsGroupRole)
        return isGroupIndex(index);
    if (!isGroupIndex(index))
        return QAbstractProxyModel::data(index, role);
    const Group &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? g.label : QVariant();
    case Qt::ToolTipRole:
        return QDir::toNativeSeparators(g.key);
    case Qt::FontRole: {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case AgentListModel::GroupKeyRole:
        return g.key;
    case AgentListModel::SortRole:
        return g.label.toLower();
    default:
        return {};
    }
}

QVariant RepositoryGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return sourceModel() ? sourceModel()->headerData(section, orientation, role) : QVariant();
}

Qt::ItemFlags RepositoryGroupModel::flags(const QModelIndex &index) const
{
    if (isGroupIndex(index))
        return Qt::ItemIsEnabled; // a header: not selectable
    return QAbstractProxyModel::flags(index);
}

} // namespace chorus
