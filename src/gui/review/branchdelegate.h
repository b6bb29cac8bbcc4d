#pragma once

#include <QStyledItemDelegate>

namespace chorus {

// A row of the review's branch list: role icon and name in the role's colour, the merge
// forecast badge (and "approved"), then branch → target, ahead/behind, files and +/−.
class BranchDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace chorus
