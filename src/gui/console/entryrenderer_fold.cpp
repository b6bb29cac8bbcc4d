// EntryRenderer: long texts folded (TextFold) under a fold line with their size, "Show all"
// and "Open in viewer"; where the links are and what a viewer shows.
#include "entryrenderer.h"

#include <QFontMetrics>
#include <QPainter>

namespace chorus {

// The fold line under a folded text: "… 4,213 more lines (203 KB in all)", then its links.
// The links keep their width; the label is elided when the row is narrow.
void EntryRenderer::placeFold(Block &b, int x, int width) const
{
    const QFontMetrics fm(m_style.small);
    QFont link = m_style.small;
    link.setUnderline(true);
    const QFontMetrics linkMetrics(link);
    const int showWidth = linkMetrics.horizontalAdvance(tr("Show all")) + 1;
    const int viewerWidth = linkMetrics.horizontalAdvance(tr("Open in viewer")) + 1;
    const int sep = fm.horizontalAdvance(QStringLiteral("  ·  "));
    const int labelWidth = fm.horizontalAdvance(foldLabel(b.fold) + QStringLiteral("  —  "));
    const int links = showWidth + sep + viewerWidth;
    const int left = x + qBound(0, labelWidth, qMax(0, width - links));
    const int h = m_style.lineHeight;
    const int top = b.foldY + (foldLineHeight() - h) / 2;
    b.showAll = QRect(left, top, showWidth, h);
    b.openViewer = QRect(left + showWidth + sep, top, viewerWidth, h);
}

QString EntryRenderer::foldLabel(const TextFold &fold)
{
    return tr("… %Ln more lines (%1 in all)", nullptr,
              int(qMin<qsizetype>(fold.hiddenLines, INT_MAX)))
        .arg(formatTextSize(fold.totalBytes));
}

QList<EntryRenderer::Part> EntryRenderer::parts(const TranscriptEntry &e, int width)
{
    QList<Part> out;
    if (width <= 0)
        return out;
    bool exact = false;
    estimateHeight(e, width, &exact);
    if (exact)
        return out; // a one-line row or a closed block: no text laid out
    for (const Block &b : layoutFor(e, width)->blocks)
        out.append({b.full, b.caption, b.fold.isFolded()});
    return out;
}

QRect EntryRenderer::foldLinkRect(const TranscriptEntry &e, const QRect &rect, FoldLink link)
{
    bool exact = false;
    estimateHeight(e, rect.width(), &exact);
    if (e.showAll || rect.width() <= 0 || exact || link == FoldLink::None)
        return {};
    for (const Block &b : layoutFor(e, rect.width())->blocks)
        if (b.fold.isFolded())
            return (link == FoldLink::ShowAll ? b.showAll : b.openViewer)
                .translated(rect.topLeft());
    return {};
}

EntryRenderer::FoldLink EntryRenderer::foldLinkAt(const TranscriptEntry &e, const QRect &rect,
                                                  const QPoint &pos, int *part)
{
    if (e.showAll || rect.width() <= 0)
        return FoldLink::None;
    bool exact = false;
    estimateHeight(e, rect.width(), &exact);
    if (exact)
        return FoldLink::None; // nothing laid out, so nothing folded
    const Layout *l = layoutFor(e, rect.width());
    const QPoint at = pos - rect.topLeft();
    for (size_t i = 0; i < l->blocks.size(); ++i) {
        const Block &b = l->blocks[i];
        if (!b.fold.isFolded())
            continue;
        const FoldLink link = b.showAll.contains(at)      ? FoldLink::ShowAll
                              : b.openViewer.contains(at) ? FoldLink::OpenViewer
                                                          : FoldLink::None;
        if (link == FoldLink::None)
            continue;
        if (part)
            *part = int(i);
        return link;
    }
    return FoldLink::None;
}

void EntryRenderer::paintFold(QPainter *p, const QRect &line, const QPoint &origin,
                              const Block &b) const
{
    const ConsoleStyle &s = m_style;
    const QRect show = b.showAll.translated(origin);
    const QRect viewer = b.openViewer.translated(origin);
    // The label and its dash end where the first link starts (elided only when placeFold had
    // to narrow them: a little slack, since a text's width and its parts' sum may differ).
    if (show.x() > line.x())
        drawLine(p, QRect(line.x(), show.y(), show.x() - line.x() + s.charWidth, show.height()),
                 foldLabel(b.fold) + QStringLiteral("  —  "), s.small, s.dim, {});
    QFont link = s.small;
    link.setUnderline(true);
    drawLine(p, show, tr("Show all"), link, s.link, {});
    drawLine(p, QRect(show.right() + 1, show.y(), viewer.x() - show.right() - 1, show.height()),
             QStringLiteral("·"), s.small, s.dim, {}, Qt::AlignHCenter);
    drawLine(p, viewer, tr("Open in viewer"), link, s.link, {});
}

} // namespace chorus
