#include "review/branchdelegate.h"

#include "review/branchlistmodel.h"
#include "review/diffstyle.h"
#include "style/palettecolors.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace chorus {

namespace {
constexpr int kPad = 6;

// Draws `text` from x on the baseline row `rect`; returns the x after it.
int run(QPainter *p, int x, const QRect &rect, const QString &text, const QColor &color)
{
    p->setPen(color);
    const int w = p->fontMetrics().horizontalAdvance(text);
    p->drawText(QRect(x, rect.top(), std::max(0, rect.right() - x), rect.height()),
                Qt::AlignLeft | Qt::AlignVCenter, text);
    return x + w;
}

// A rounded badge ending at `right`; returns its left edge.
int badge(QPainter *p, int right, const QRect &line, const QString &text, const QColor &color,
          const QColor &base)
{
    const QFontMetrics fm = p->fontMetrics();
    const int w = fm.horizontalAdvance(text) + 2 * kPad;
    const int h = fm.height() + 2;
    const QRect box(right - w, line.top() + (line.height() - h) / 2, w, h);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(box), h / 2.0, h / 2.0);
    p->fillPath(path, mix(base, color, 0.18));
    p->setPen(mix(base, color, 0.55));
    p->drawPath(path);
    p->setPen(color);
    p->drawText(box, Qt::AlignCenter, text);
    p->restore();
    return box.left();
}
} // namespace

QSize BranchDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return QSize(fm.averageCharWidth() * 24, 3 * fm.lineSpacing() + 3 * kPad);
}

void BranchDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, p,
                       opt.widget); // background, selection, focus

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &pal = opt.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor base = selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base);
    const QColor dim = mix(text, base, 0.4);
    const QFontMetrics fm(opt.font);
    const int lh = fm.lineSpacing();
    const QRect r = opt.rect.adjusted(kPad, kPad, -kPad, -kPad);
    const QRect line1(r.left(), r.top(), r.width(), lh);
    const QRect line2(r.left(), r.top() + lh + kPad / 2, r.width(), lh);
    const QRect line3(r.left(), line2.bottom() + 1, r.width(), lh);

    p->save();
    p->setFont(opt.font);
    // Badges, right-aligned on the first line.
    int right = line1.right();
    const auto forecast = ReviewBranch::Forecast(index.data(BranchListModel::ForecastRole).toInt());
    const BranchListModel *model = qobject_cast<const BranchListModel *>(index.model());
    const ReviewBranch *b = model ? model->branchAt(index.row()) : nullptr;
    if (b) {
        QColor color = mutedTextColor(pal);
        if (forecast == ReviewBranch::Forecast::Clean)
            color = successColor(pal);
        else if (forecast == ReviewBranch::Forecast::Conflicts ||
                 forecast == ReviewBranch::Forecast::Error)
            color = errorColor(pal);
        else if (forecast == ReviewBranch::Forecast::Merged)
            color = toneFor(pal, 270, 120);
        if (selected)
            color = text;
        right = badge(p, right, line1, BranchListModel::forecastText(*b), color, base) - kPad / 2;
    }

    // Role icon and name.
    int x = line1.left();
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    const int iconSize = std::min(lh, 18);
    if (!icon.isNull()) {
        icon.paint(p, QRect(x, line1.top() + (lh - iconSize) / 2, iconSize, iconSize));
        x += iconSize + kPad;
    }
    QFont bold = opt.font;
    bold.setBold(true);
    p->setFont(bold);
    QColor roleColor = index.data(BranchListModel::RoleColorRole).value<QColor>();
    if (!roleColor.isValid() || selected)
        roleColor = text;
    const QString name = QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight,
                                                       std::max(0, right - kPad - x));
    run(p, x, line1, name, roleColor);
    if (index.data(BranchListModel::WorkingRole).toBool()) {
        p->setFont(opt.font);
        run(p, x + QFontMetrics(bold).horizontalAdvance(name) + kPad,
            QRect(line1.left(), line1.top(), right - kPad, lh), tr("working…"), dim);
    }

    // branch → target
    p->setFont(opt.font);
    const QString target = index.data(BranchListModel::TargetRole).toString();
    const QString where = index.data(BranchListModel::BranchRole).toString() +
                          QStringLiteral(" → ") + (target.isEmpty() ? QStringLiteral("…") : target);
    run(p, line2.left(), line2, fm.elidedText(where, Qt::ElideMiddle, line2.width()), dim);

    // ↑ahead ↓behind · files · +adds −dels, or why the branch cannot be read
    if (const QString error = index.data(BranchListModel::ErrorRole).toString(); !error.isEmpty()) {
        run(p, line3.left(), line3, fm.elidedText(error, Qt::ElideRight, line3.width()),
            selected ? text : errorColor(pal));
        p->restore();
        return;
    }
    QStringList parts;
    if (const QVariant ahead = index.data(BranchListModel::AheadRole); ahead.isValid())
        parts << QStringLiteral("↑%1 ↓%2")
                     .arg(ahead.toInt())
                     .arg(index.data(BranchListModel::BehindRole).toInt());
    if (const QVariant files = index.data(BranchListModel::FilesRole); files.isValid())
        parts << tr("%n file(s)", nullptr, files.toInt());
    // "approved" at the end of the last line, under the forecast's badge; the figures before it.
    QRect figures = line3;
    if (b && b->approved && forecast != ReviewBranch::Forecast::Merged)
        figures.setRight(badge(p, line3.right(), line3, tr("approved"),
                               selected ? text : toneFor(pal, 210, 160), base) -
                         kPad);
    x = run(p, figures.left(), figures, parts.join(QStringLiteral(" · ")), dim);
    if (const QVariant a = index.data(BranchListModel::AdditionsRole); a.isValid()) {
        x = run(p, x + fm.horizontalAdvance(QStringLiteral(" · ")), figures,
                QStringLiteral("+%1").arg(a.toInt()), selected ? text : successColor(pal));
        run(p, x + fm.horizontalAdvance(QLatin1Char(' ')), figures,
            QStringLiteral("−%1").arg(index.data(BranchListModel::DeletionsRole).toInt()),
            selected ? text : errorColor(pal));
    }
    p->restore();
}

} // namespace chorus
