#pragma once

#include <QAbstractTableModel>

namespace chorus {

class ConflictSet;

// The conflicted files of a ConflictSet as a table: path, what kind of conflict, whether it
// is resolved. Follows the set's signals.
class ConflictListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, KindColumn, StateColumn, ColumnCount };

    explicit ConflictListModel(ConflictSet *set, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "both changed", "agent deleted", ...: a conflict kind in words.
    static QString kindLabel(const QString &kind);
    static QString kindExplanation(const QString &kind);

private:
    ConflictSet *m_set;
};

} // namespace chorus
