// DiffView: mouse and keyboard.
#include "review/diffview.h"
#include "review/diffview_p.h"

#include <QApplication>
#include <QClipboard>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

namespace chorus {

using namespace diffview;

DiffView::Hit DiffView::hitTest(const QPoint &pos) const
{
    Hit hit;
    const int y = pos.y() + scrollY();
    const int n = m_doc.rowCount();
    if (!m_hasDocument || n == 0 || y < 0 || y >= m_rowTop[n])
        return hit;
    hit.row = rowAt(y);
    hit.side = m_doc.mode() == DiffDocument::Mode::Unified || pos.x() >= viewport()->width() / 2
                   ? Side::New
                   : Side::Old;
    const Columns c = columns(hit.side);
    hit.gutter = pos.x() >= c.left && pos.x() < c.text;
    const DiffRow &r = m_doc.row(hit.row);
    if (r.kind != DiffRow::Line)
        return hit;
    const int index = lineIndex(r, hit.side);
    if (index < 0)
        return hit;
    const QString display = expandTabs(m_doc.lines()[index].text);
    const QList<int> starts = wrapStarts(display, c.perLine);
    const int sub =
        std::clamp((y - m_rowTop[hit.row]) / m_style.lineHeight, 0, int(starts.size()) - 1);
    const int from = starts[sub];
    const int to = sub + 1 < starts.size() ? starts[sub + 1] : int(display.size());
    const int inLine = int(std::lround(double(pos.x() - c.text) / m_style.charWidth));
    hit.col = std::clamp(from + inLine, from, to);
    return hit;
}

int DiffView::lineIndex(const DiffRow &r, Side side) const
{
    return m_doc.mode() == DiffDocument::Mode::Unified || side == Side::Old ? r.left : r.right;
}

void DiffView::openEditorAt(const Hit &hit)
{
    if (hit.row < 0 || m_doc.row(hit.row).kind != DiffRow::Line)
        return;
    const DiffRow &r = m_doc.row(hit.row);
    const int index = lineIndex(r, hit.side);
    if (index < 0)
        return;
    const DiffLine &l = m_doc.lines()[index];
    if (l.kind == DiffLine::NoNewlineAtEnd)
        return;
    // A removed line is commented on the old side; any other on the branch's.
    if (l.kind == DiffLine::Removed)
        openCommentEditor(Side::Old, l.oldLine);
    else
        openCommentEditor(Side::New, l.newLine);
}

void DiffView::expandGap(int gap)
{
    if (m_doc.hasFullText()) {
        const ViewState state = viewState();
        m_doc.expand(gap);
        rehighlight();
        relayout();
        restoreViewState(state);
        m_currentRow = -1;
        viewport()->update();
        return;
    }
    if (m_pendingExpand >= 0)
        return; // already asked
    m_pendingExpand = gap;
    viewport()->update();
    Q_EMIT expandRequested(gap);
}

void DiffView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPoint pos = event->position().toPoint();
    const Hit hit = hitTest(pos);
    if (hit.row < 0) {
        clearSelection();
        viewport()->update();
        return;
    }
    const DiffRow &r = m_doc.row(hit.row);
    switch (r.kind) {
    case DiffRow::Fold:
        expandGap(r.hunk);
        return;
    case DiffRow::Comment: {
        const ReviewComment c = m_doc.comments()[r.comment];
        if (commentLinkRect(hit.row, false).contains(pos))
            openCommentEditor(c.side, c.line, c.id);
        else if (commentLinkRect(hit.row, true).contains(pos))
            Q_EMIT commentDeleteRequested(c.id);
        return;
    }
    case DiffRow::Line:
        if (hit.gutter) {
            openEditorAt(hit);
            return;
        }
        m_selectionSide = hit.side;
        m_anchor = m_cursor = TextPos{hit.row, hit.col};
        m_selecting = true;
        viewport()->update();
        return;
    case DiffRow::Hunk:
    case DiffRow::Editor:
        return;
    }
}

void DiffView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!m_selecting) {
        updateHover(pos);
        return;
    }
    // Keep the selection on the side it started on.
    const int x = m_doc.mode() == DiffDocument::Mode::Unified ? pos.x()
                  : m_selectionSide == Side::Old ? std::min(pos.x(), viewport()->width() / 2 - 1)
                                                 : std::max(pos.x(), viewport()->width() / 2);
    QPoint clampedPos(x, std::clamp(pos.y(), 0, viewport()->height() - 1));
    if (pos.y() < 0)
        verticalScrollBar()->setValue(scrollY() - m_style.lineHeight);
    else if (pos.y() >= viewport()->height())
        verticalScrollBar()->setValue(scrollY() + m_style.lineHeight);
    const Hit hit = hitTest(clampedPos);
    if (hit.row >= 0 && !(TextPos{hit.row, hit.col} == m_cursor)) {
        m_cursor = TextPos{hit.row, hit.col};
        viewport()->update();
    }
}

void DiffView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_selecting) {
        m_selecting = false;
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (clipboard->supportsSelection() && !selectedText().isEmpty())
            clipboard->setText(selectedText(), QClipboard::Selection);
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void DiffView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const Hit hit = hitTest(event->position().toPoint());
    if (hit.row < 0 || hit.gutter || m_doc.row(hit.row).kind != DiffRow::Line) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    // Select the word under the pointer.
    const DiffRow &r = m_doc.row(hit.row);
    const int index = lineIndex(r, hit.side);
    if (index < 0)
        return;
    const QString display = expandTabs(m_doc.lines()[index].text);
    auto word = [&display](int i) {
        return i >= 0 && i < display.size() &&
               (display[i].isLetterOrNumber() || display[i] == QLatin1Char('_'));
    };
    int from = hit.col, to = hit.col;
    while (word(from - 1))
        --from;
    while (word(to))
        ++to;
    m_selectionSide = hit.side;
    m_anchor = {hit.row, from};
    m_cursor = {hit.row, to};
    m_selecting = false;
    viewport()->update();
}

void DiffView::updateHover(const QPoint &pos)
{
    const Hit hit = hitTest(pos);
    int row = -1;
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (hit.row >= 0) {
        const DiffRow &r = m_doc.row(hit.row);
        if (r.kind == DiffRow::Line) {
            row = hit.row;
            shape = hit.gutter ? Qt::PointingHandCursor : Qt::IBeamCursor;
        } else if (r.kind == DiffRow::Fold) {
            row = hit.row;
            shape = Qt::PointingHandCursor;
        } else if (r.kind == DiffRow::Comment && (commentLinkRect(hit.row, false).contains(pos) ||
                                                  commentLinkRect(hit.row, true).contains(pos))) {
            shape = Qt::PointingHandCursor;
        }
    }
    viewport()->setCursor(shape);
    if (row != m_hoverRow || hit.side != m_hoverSide) {
        m_hoverRow = row;
        m_hoverSide = hit.side;
        viewport()->update();
    }
}

void DiffView::leaveEvent(QEvent *event)
{
    if (m_hoverRow >= 0) {
        m_hoverRow = -1;
        viewport()->update();
    }
    QAbstractScrollArea::leaveEvent(event);
}

bool DiffView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const Hit hit = hitTest(help->pos());
        QString tip;
        if (hit.row >= 0) {
            const DiffRow &r = m_doc.row(hit.row);
            if (r.kind == DiffRow::Fold)
                tip = tr("Show the unchanged lines");
            else if (r.kind == DiffRow::Line && hit.gutter)
                tip = tr("Comment on this line");
        }
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void DiffView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copy();
        return;
    }
    if (event == QKeySequence::SelectAll) {
        selectAll();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Up:
        bar->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Down:
        bar->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_PageUp:
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_Home:
        bar->setValue(bar->minimum());
        return;
    case Qt::Key_End:
        bar->setValue(bar->maximum());
        return;
    case Qt::Key_Escape:
        if (m_anchor.row >= 0) {
            clearSelection();
            viewport()->update();
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QString DiffView::selectedText() const
{
    if (m_anchor.row < 0 || m_anchor == m_cursor)
        return {};
    const TextPos from = std::min(m_anchor, m_cursor);
    const TextPos to = std::max(m_anchor, m_cursor);
    QStringList out;
    for (int row = from.row; row <= to.row && row < m_doc.rowCount(); ++row) {
        const DiffRow &r = m_doc.row(row);
        if (r.kind != DiffRow::Line)
            continue;
        const int index = lineIndex(r, m_selectionSide);
        if (index < 0 || m_doc.lines()[index].kind == DiffLine::NoNewlineAtEnd)
            continue;
        const QString &text = m_doc.lines()[index].text;
        QList<int> map;
        expandTabs(text, &map);
        const int start = row == from.row ? sourceIndex(map, from.col) : 0;
        const int end = row == to.row ? sourceIndex(map, to.col) : int(text.size());
        out << text.mid(start, std::max(0, end - start));
    }
    return out.join(QLatin1Char('\n'));
}

void DiffView::copy()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void DiffView::selectAll()
{
    int first = -1, last = -1;
    for (int row = 0; row < m_doc.rowCount(); ++row) {
        if (m_doc.row(row).kind != DiffRow::Line)
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first < 0)
        return;
    m_anchor = {first, 0};
    m_cursor = {last, 1 << 20};
    viewport()->update();
}

} // namespace chorus
