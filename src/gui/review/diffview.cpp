#include "review/diffview.h"

#include "review/diffview_p.h"

#include <QFontMetrics>
#include <QScrollBar>

#include <algorithm>

namespace chorus {

using namespace diffview;

DiffView::DiffView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("diffView"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long lines wrap
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);
    updateStyle();
    showMessage(tr("No file selected"), tr("Choose a file on the left to see its changes."));
}

DiffView::~DiffView() = default;

void DiffView::updateStyle()
{
    m_style = DiffStyle::fromWidget(font(), palette());
}

void DiffView::setDocument(DiffDocument document)
{
    closeEditor();
    m_doc = std::move(document);
    m_hasDocument = true;
    m_currentRow = -1;
    m_pendingExpand = -1;
    m_hoverRow = -1;
    clearSelection();
    rehighlight();
    relayout();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void DiffView::showMessage(const QString &title, const QString &text)
{
    closeEditor();
    m_doc = DiffDocument();
    m_hasDocument = false;
    m_formats.clear();
    m_displayLength.clear();
    m_messageTitle = title;
    m_messageText = text;
    m_currentRow = -1;
    m_pendingExpand = -1;
    clearSelection();
    relayout();
    viewport()->update();
}

void DiffView::setMode(DiffDocument::Mode mode)
{
    if (mode == m_doc.mode())
        return;
    const ViewState state = viewState();
    // The current change, by its line, so it stays current in the other layout.
    Side currentSide = Side::New;
    int currentLine = 0;
    if (const DiffLine *l = m_doc.line(m_currentRow, Side::Old); l && l->kind != DiffLine::Added) {
        currentSide = Side::Old;
        currentLine = l->oldLine;
    } else if (const DiffLine *n = m_doc.line(m_currentRow, Side::New)) {
        currentLine = n->newLine;
    }
    m_doc.setMode(mode);
    clearSelection();
    relayout();
    restoreViewState(state);
    m_currentRow = currentLine > 0 ? m_doc.rowOfLine(currentSide, currentLine) : -1;
    placeEditor();
    viewport()->update();
}

void DiffView::setComments(const QList<ReviewComment> &comments)
{
    if (!m_hasDocument)
        return;
    const int scroll = verticalScrollBar()->value();
    m_doc.setComments(comments);
    relayout();
    verticalScrollBar()->setValue(scroll);
    placeEditor();
    viewport()->update();
}

void DiffView::setFullText(const FileDiff &whole)
{
    if (!m_hasDocument)
        return;
    const ViewState state = viewState();
    m_doc.setFullText(whole);
    if (m_pendingExpand >= 0)
        m_doc.expand(m_pendingExpand);
    m_pendingExpand = -1;
    rehighlight();
    relayout();
    restoreViewState(state);
    m_currentRow = -1;
    placeEditor();
    viewport()->update();
}

void DiffView::rehighlight()
{
    m_formats = diffsyntax::highlight(m_doc.lines(), m_doc.file().path(), palette());
    m_displayLength.resize(m_doc.lines().size());
    for (qsizetype i = 0; i < m_doc.lines().size(); ++i)
        m_displayLength[i] = displayLength(m_doc.lines()[i].text);
}

DiffView::Columns DiffView::columns(Side side) const
{
    Columns c;
    const int width = viewport()->width();
    const int signWidth = 2 * m_style.charWidth;
    if (m_doc.mode() == DiffDocument::Mode::Unified) {
        c.left = 0;
        c.right = width;
        c.numbers = 0;
        c.sign = 2 * m_numberWidth;
    } else {
        const int half = width / 2;
        c.left = side == Side::Old ? 0 : half;
        c.right = side == Side::Old ? half : width;
        c.numbers = c.left;
        c.sign = c.left + m_numberWidth;
    }
    c.text = c.sign + signWidth;
    c.perLine = std::max(10, (c.right - c.text - m_style.pad) / m_style.charWidth);
    return c;
}

int DiffView::visualLines(int lineIndex, const Columns &c) const
{
    if (lineIndex < 0 || lineIndex >= m_displayLength.size())
        return 1;
    if (m_displayLength[lineIndex] <= c.perLine)
        return 1;
    return int(wrapStarts(expandTabs(m_doc.lines()[lineIndex].text), c.perLine).size());
}

int DiffView::commentHeight(const ReviewComment &c, int width) const
{
    const QFontMetrics fm(m_style.font);
    const QRect body = fm.boundingRect(QRect(0, 0, std::max(40, width - 2 * m_style.pad), 1 << 20),
                                       Qt::TextWordWrap, c.text);
    return m_style.pad + m_style.textHeight + m_style.pad / 2 + body.height() + m_style.pad;
}

DiffView::Side DiffView::rowSide(int row) const
{
    const DiffRow &r = m_doc.row(row);
    if (m_doc.mode() == DiffDocument::Mode::Unified)
        return Side::New;
    return r.side;
}

QRect DiffView::commentBox(int row) const
{
    const Columns c = columns(rowSide(row));
    const int top = m_rowTop[row] + m_style.pad / 2;
    const int height = m_rowTop[row + 1] - m_rowTop[row] - m_style.pad;
    return QRect(c.sign, top, std::max(60, c.right - c.sign - m_style.pad), std::max(10, height));
}

int DiffView::rowHeight(int row) const
{
    const DiffRow &r = m_doc.row(row);
    switch (r.kind) {
    case DiffRow::Hunk:
    case DiffRow::Fold:
        return m_style.lineHeight + 8;
    case DiffRow::Line:
        if (m_doc.mode() == DiffDocument::Mode::Unified)
            return visualLines(r.left, columns(Side::New)) * m_style.lineHeight;
        return std::max(visualLines(r.left, columns(Side::Old)),
                        visualLines(r.right, columns(Side::New))) *
               m_style.lineHeight;
    case DiffRow::Comment: {
        const Columns c = columns(rowSide(row));
        return commentHeight(m_doc.comments()[r.comment], c.right - c.sign - m_style.pad) +
               m_style.pad;
    }
    case DiffRow::Editor:
        return (m_editor ? m_editor->sizeHint().height() : 120) + m_style.pad + 2;
    }
    return m_style.lineHeight;
}

void DiffView::relayout()
{
    int maxLine = 0;
    for (const DiffLine &l : m_doc.lines())
        maxLine = std::max({maxLine, l.oldLine, l.newLine});
    const int digits = std::max(3, int(QString::number(maxLine).size()));
    m_numberWidth = digits * m_style.charWidth + 2 * m_style.pad;
    const int n = m_doc.rowCount();
    m_rowTop.resize(n + 1);
    int y = 0;
    for (int i = 0; i < n; ++i) {
        m_rowTop[i] = y;
        y += rowHeight(i);
    }
    m_rowTop[n] = y;
    updateScrollBars();
    placeEditor();
}

void DiffView::updateScrollBars()
{
    const int total = m_rowTop.isEmpty() ? 0 : m_rowTop.constLast();
    const int page = viewport()->height();
    verticalScrollBar()->setRange(0, std::max(0, total + m_style.lineHeight - page));
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(m_style.lineHeight);
}

int DiffView::scrollY() const
{
    return verticalScrollBar()->value();
}

int DiffView::rowAt(int y) const
{
    const int n = m_doc.rowCount();
    if (n == 0)
        return -1;
    const auto it = std::upper_bound(m_rowTop.cbegin(), m_rowTop.cbegin() + n, y);
    return std::clamp(int(it - m_rowTop.cbegin()) - 1, 0, n - 1);
}

int DiffView::firstVisibleRow() const
{
    return rowAt(scrollY());
}

QRect DiffView::rowRect(int row) const
{
    if (row < 0 || row >= m_doc.rowCount())
        return {};
    return QRect(0, m_rowTop[row] - scrollY(), viewport()->width(),
                 m_rowTop[row + 1] - m_rowTop[row]);
}

QRect DiffView::numberRect(int row, Side side) const
{
    const QRect r = rowRect(row);
    if (r.isNull())
        return {};
    const Columns c = columns(side);
    if (m_doc.mode() == DiffDocument::Mode::Unified) {
        const int x = side == Side::Old ? 0 : m_numberWidth;
        return QRect(x, r.top(), m_numberWidth, m_style.lineHeight);
    }
    return QRect(c.numbers, r.top(), m_numberWidth, m_style.lineHeight);
}

QRect DiffView::commentLinkRect(int row, bool deleteLink) const
{
    if (row < 0 || row >= m_doc.rowCount() || m_doc.row(row).kind != DiffRow::Comment)
        return {};
    if (m_doc.comments()[m_doc.row(row).comment].isSent())
        return {}; // read-only: neither edited nor deleted
    const QRect box = commentBox(row).translated(0, -scrollY());
    const QFontMetrics fm(m_style.font);
    const int del = fm.horizontalAdvance(tr("Delete")) + 2 * m_style.pad;
    const int edit = fm.horizontalAdvance(tr("Edit")) + 2 * m_style.pad;
    const int top = box.top() + m_style.pad / 2;
    if (deleteLink)
        return QRect(box.right() - m_style.pad / 2 - del, top, del,
                     m_style.textHeight + m_style.pad / 2);
    return QRect(box.right() - m_style.pad / 2 - del - edit, top, edit,
                 m_style.textHeight + m_style.pad / 2);
}

void DiffView::scrollToRow(int row)
{
    if (row < 0 || row >= m_doc.rowCount())
        return;
    verticalScrollBar()->setValue(m_rowTop[row] - viewport()->height() / 4);
}

void DiffView::setCurrentRow(int row)
{
    if (row == m_currentRow)
        return;
    m_currentRow = row;
    viewport()->update();
}

bool DiffView::nextChange()
{
    const int top = firstVisibleRow();
    const QRect current = rowRect(m_currentRow);
    const bool visible =
        current.isValid() && current.bottom() >= 0 && current.top() < viewport()->height();
    const int next = m_doc.nextChange(visible ? m_currentRow : top - 1);
    if (next < 0)
        return false;
    setCurrentRow(next);
    scrollToRow(next);
    return true;
}

bool DiffView::previousChange()
{
    const QRect current = rowRect(m_currentRow);
    const bool visible =
        current.isValid() && current.bottom() >= 0 && current.top() < viewport()->height();
    const int previous = m_doc.previousChange(visible ? m_currentRow : firstVisibleRow());
    if (previous < 0)
        return false;
    setCurrentRow(previous);
    scrollToRow(previous);
    return true;
}

DiffView::ViewState DiffView::viewState() const
{
    ViewState s;
    s.scroll = scrollY();
    const int n = m_doc.rowCount();
    for (int row = firstVisibleRow(); row >= 0 && row < n; ++row) {
        if (const DiffLine *l = m_doc.line(row, Side::New); l && l->newLine > 0) {
            s.newLine = l->newLine;
            s.offset = scrollY() - m_rowTop[row];
            break;
        }
        if (m_rowTop[row] > scrollY() + viewport()->height())
            break;
    }
    return s;
}

void DiffView::restoreViewState(const ViewState &state)
{
    const int row = state.newLine > 0 ? m_doc.rowOfLine(Side::New, state.newLine) : -1;
    verticalScrollBar()->setValue(row >= 0 ? m_rowTop[row] + state.offset : state.scroll);
}

void DiffView::clearSelection()
{
    m_anchor = m_cursor = TextPos{};
    m_selecting = false;
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    const ViewState state = viewState();
    relayout();
    restoreViewState(state);
}

void DiffView::scrollContentsBy(int, int)
{
    placeEditor();
    viewport()->update();
}

void DiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        updateStyle();
        if (m_hasDocument && event->type() == QEvent::PaletteChange) // the syntax colours follow the palette
            rehighlight();
        relayout();
        viewport()->update();
    }
    QAbstractScrollArea::changeEvent(event);
}

} // namespace chorus
