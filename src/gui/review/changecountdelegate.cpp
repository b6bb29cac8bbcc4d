#include "review/changecountdelegate.h"

#include "review/filetreemodel.h"
#include "style/palettecolors.h"

#include <QApplication>
#include <QPainter>

namespace chorus {

void ChangeCountDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);
    if (index.data(FileTreeModel::NoCountsRole).toBool())
        return;
    const bool selected = opt.state & QStyle::State_Selected;
    const QString adds =
        QStringLiteral("+%1").arg(index.data(FileTreeModel::AdditionsRole).toInt());
    const QString dels =
        QStringLiteral("−%1").arg(index.data(FileTreeModel::DeletionsRole).toInt());
    const QFontMetrics fm(opt.font);
    const QRect r =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget).adjusted(0, 0, -4, 0);
    const int delsWidth = fm.horizontalAdvance(dels);
    const int gap = fm.horizontalAdvance(QLatin1Char(' '));
    p->save();
    p->setFont(opt.font);
    const QColor text = opt.palette.color(QPalette::HighlightedText);
    p->setPen(selected ? text : errorColor(opt.palette));
    p->drawText(QRect(r.right() - delsWidth, r.top(), delsWidth + 1, r.height()),
                Qt::AlignRight | Qt::AlignVCenter, dels);
    p->setPen(selected ? text : successColor(opt.palette));
    p->drawText(QRect(r.left(), r.top(), std::max(0, r.width() - delsWidth - gap), r.height()),
                Qt::AlignRight | Qt::AlignVCenter, adds);
    p->restore();
}

} // namespace chorus
