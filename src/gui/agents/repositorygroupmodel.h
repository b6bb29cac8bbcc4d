#pragma once

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QPair>

namespace chorus {

// The agent list's rows grouped by the repository each agent works in (AgentListModel's
// GroupKeyRole): a header row per repository (its folder name, tooltip the path) with its
// agents as children, in creation order. Flat (the source's rows as they are) when grouping
// is off or all agents share one repository. The SessionFilterModel above it filters and
// sorts within each group and hides a group none of whose agents passes.
//
// The source only appends rows (a new session) and changes them: those become row
// insertions here. Anything else it does (reset, removal, move, layout change) and a
// session changing repository rebuild the whole tree with a reset: rare events.
class RepositoryGroupModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    enum DataRole {
        IsGroupRole = Qt::UserRole + 100, // bool: a group header row
    };

    explicit RepositoryGroupModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    void setGroupingEnabled(bool enabled);
    bool isGroupingEnabled() const { return m_enabled; }
    // Whether header rows are shown now (enabled and more than one repository).
    bool isGrouped() const { return m_grouped; }
    int groupCount() const { return int(m_groups.size()); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Group
    {
        QString key;     // the repository's path
        QString label;   // its folder name
        QList<int> rows; // source rows, in creation order
    };

    QString keyOf(int sourceRow) const;
    // Files the source's rows first..last into groups (no signals).
    void file(int first, int last);
    void rebuild(); // everything again, inside a reset
    void beginRebuild();
    void endRebuild();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    bool isGroupIndex(const QModelIndex &index) const
    {
        return m_grouped && index.isValid() && index.internalId() == 0;
    }

    QList<Group> m_groups;
    QHash<QString, int> m_groupByKey;
    QList<QPair<int, int>> m_where; // source row -> (group, position in it)
    bool m_enabled = true;
    bool m_grouped = false;
    bool m_resetting = false;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace chorus
