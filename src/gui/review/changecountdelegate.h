#pragma once

#include <QStyledItemDelegate>

namespace chorus {

// Paints a "+12 −3" cell (FileTreeModel::AdditionsRole / DeletionsRole) in green and red.
class ChangeCountDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace chorus
