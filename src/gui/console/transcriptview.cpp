#include "transcriptview.h"

#include "console/transcriptmodel.h"

#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace chorus {

TranscriptView::TranscriptView(QWidget *parent)
    : QAbstractScrollArea(parent), m_model(new TranscriptModel(this))
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // a steady width: no re-wrap when it appears
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setAccessibleName(tr("Transcript"));

    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) {
                onDataChanged(tl.row(), br.row());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TranscriptView::onReset);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TranscriptView::onScrollValue);
    updateStyle();
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::appendEvents(const QList<StoredEvent> &events)
{
    m_model->appendEvents(events);
}

void TranscriptView::setEmptyText(const QString &title, const QString &detail)
{
    m_emptyTitle = title;
    m_emptyDetail = detail;
    if (m_model->rowCount() == 0)
        viewport()->update();
}

void TranscriptView::updateStyle()
{
    m_renderer.setStyle(ConsoleStyle::fromWidget(font(), palette()));
    verticalScrollBar()->setSingleStep(m_renderer.style().lineHeight);
    m_layoutWidth = -1; // re-estimates every row in relayout()
    relayout();
}

void TranscriptView::estimate(int first, int last, int width)
{
    for (int row = first; row <= last; ++row) {
        bool exact = false;
        const int h = m_renderer.estimateHeight(m_model->entry(row), width, &exact);
        m_geometry.setHeight(row, h, exact && width == m_layoutWidth);
    }
}

int TranscriptView::contentWidth() const
{
    return viewport()->width();
}

void TranscriptView::onRowsInserted(int first, int last)
{
    const int count = last - first + 1;
    m_geometry.insert(first, count, 0);
    estimate(first, last, m_layoutWidth > 0 ? m_layoutWidth : contentWidth());
    if (!m_stick && first <= m_anchorRow && m_geometry.count() > count)
        m_anchorRow += count;
    if (m_current >= first)
        m_current += count;
    if (m_matchRow >= first)
        m_matchRow += count;
    relayout();
}

void TranscriptView::onRowsRemoved(int first, int last)
{
    const int count = last - first + 1;
    m_geometry.remove(first, count);
    const auto shift = [&](int &row) {
        if (row > last)
            row -= count;
        else if (row >= first)
            row = -1;
    };
    if (m_anchorRow > last) {
        m_anchorRow -= count;
    } else if (m_anchorRow >= first) {
        m_anchorRow = first;
        m_anchorOffset = 0;
    }
    shift(m_current);
    shift(m_matchRow);
    relayout();
}

void TranscriptView::onDataChanged(int first, int last)
{
    last = qMin(last, m_geometry.count() - 1);
    first = qMax(0, first);
    for (int row = first; row <= last; ++row)
        m_renderer.invalidate(m_model->entry(row).id);
    estimate(first, last, m_layoutWidth > 0 ? m_layoutWidth : contentWidth());
    relayout();
}

void TranscriptView::onReset()
{
    m_geometry.clear();
    m_renderer.clearCache();
    m_stick = true;
    m_anchorRow = 0;
    m_anchorOffset = 0;
    m_current = -1;
    m_matchRow = -1;
    if (const int n = m_model->rowCount(); n > 0)
        onRowsInserted(0, n - 1);
    else
        relayout();
}

void TranscriptView::ensureMeasured(int row)
{
    if (!m_geometry.isExact(row))
        m_geometry.setHeight(row, m_renderer.height(m_model->entry(row), m_layoutWidth), true);
}

// Measures the rows that will be shown and places the scroll bar: at the bottom when
// following, otherwise so that the anchor row stays where it was on screen.
void TranscriptView::relayout()
{
    if (!isVisible()) {
        m_layoutPending = true;
        return;
    }
    m_layoutPending = false;
    const int w = contentWidth();
    if (w != m_layoutWidth) {
        // A small change keeps the old heights as estimates (cheap while the user drags);
        // the first layout or a big change estimates every row again.
        const bool big =
            m_layoutWidth <= 0 || w * 2 < m_layoutWidth * 3 / 2 || w * 2 > m_layoutWidth * 3;
        m_layoutWidth = w;
        m_geometry.invalidateAll();
        if (big && m_geometry.count() > 0)
            estimate(0, m_geometry.count() - 1, w);
    }
    const int n = m_geometry.count();
    const int vh = viewport()->height();
    const auto fillFromBottom = [&] {
        qint64 acc = 0;
        for (int row = n - 1; row >= 0 && acc < vh; --row) {
            ensureMeasured(row);
            acc += m_geometry.height(row);
        }
    };
    qint64 value = 0;
    if (n > 0 && m_stick) {
        fillFromBottom();
        value = m_geometry.total() - vh;
    } else if (n > 0) {
        m_anchorRow = qBound(0, m_anchorRow, n - 1);
        ensureMeasured(m_anchorRow);
        m_anchorOffset = qMin<qint64>(m_anchorOffset, m_geometry.height(m_anchorRow) - 1);
        qint64 acc = -m_anchorOffset;
        for (int row = m_anchorRow; row < n && acc < vh; ++row) {
            ensureMeasured(row);
            acc += m_geometry.height(row);
        }
        value = m_geometry.top(m_anchorRow) + m_anchorOffset;
        if (value >= m_geometry.total() - vh) { // the end is in view: follow new rows again
            fillFromBottom();
            value = m_geometry.total() - vh;
            m_stick = true;
        }
    }
    const qint64 maximum = qMax<qint64>(0, m_geometry.total() - vh);
    value = qBound<qint64>(0, value, maximum);
    QScrollBar *bar = verticalScrollBar();
    m_settingScroll = true;
    bar->setRange(0, int(qMin<qint64>(maximum, INT_MAX)));
    bar->setPageStep(vh);
    bar->setValue(int(value));
    m_settingScroll = false;
    viewport()->update();
}

void TranscriptView::onScrollValue(int value)
{
    if (m_settingScroll)
        return;
    m_stick = value >= verticalScrollBar()->maximum();
    if (!m_stick && m_geometry.count() > 0) {
        const int row = m_geometry.rowAt(value);
        setAnchor(row, value - m_geometry.top(row));
    }
    relayout();
}

void TranscriptView::setAnchor(int row, qint64 offset)
{
    m_anchorRow = row;
    m_anchorOffset = offset;
}

void TranscriptView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TranscriptView::scrollToBottom()
{
    m_stick = true;
    relayout();
}

void TranscriptView::scrollToRow(int row)
{
    if (row < 0 || row >= m_geometry.count())
        return;
    m_stick = false;
    setAnchor(row, -2 * m_renderer.style().lineHeight); // a little context above
    relayout();
}

void TranscriptView::setCurrentRow(int row)
{
    if (row == m_current)
        return;
    m_current = row;
    viewport()->update();
    Q_EMIT currentRowChanged(row);
}

QRect TranscriptView::rowRect(int row)
{
    if (row < 0 || row >= m_geometry.count())
        return {};
    if (m_layoutWidth > 0)
        ensureMeasured(row);
    const qint64 y = m_geometry.top(row) - verticalScrollBar()->value();
    return QRect(0, int(std::clamp<qint64>(y, INT_MIN / 2, INT_MAX / 2)), contentWidth(),
                 m_geometry.height(row));
}

QRect TranscriptView::toggleRect(int row)
{
    if (row < 0 || row >= m_geometry.count())
        return {};
    return m_renderer.toggleRect(m_model->entry(row), rowRect(row));
}

void TranscriptView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    if (m_layoutPending || m_layoutWidth != contentWidth())
        relayout();
    const int n = m_geometry.count();
    if (n == 0) {
        paintEmpty(&p);
        return;
    }
    const int vh = viewport()->height();
    const int w = contentWidth();
    const qint64 value = verticalScrollBar()->value();
    const ConsoleStyle &style = m_renderer.style();
    EntryRenderer::PaintOptions options;
    options.highlight = m_highlight;
    for (int row = m_geometry.rowAt(value); row < n; ++row) {
        ensureMeasured(row);
        const qint64 y = m_geometry.top(row) - value;
        if (y >= vh)
            break;
        const QRect r(0, int(y), w, m_geometry.height(row));
        if (row == m_matchRow)
            p.fillRect(r, style.currentMatch);
        else if (row == m_current && hasFocus())
            p.fillRect(r, style.currentRow);
        p.setClipRect(r.intersected(viewport()->rect()));
        m_renderer.paint(&p, r, m_model->entry(row), options);
        p.setClipping(false);
    }
}

void TranscriptView::paintEmpty(QPainter *p)
{
    const ConsoleStyle &s = m_renderer.style();
    const QRect area = viewport()->rect().adjusted(s.margin * 2, 0, -s.margin * 2, 0);
    const QString title = m_emptyTitle.isEmpty() ? tr("Nothing here yet") : m_emptyTitle;
    QFont big = s.bold;
    if (big.pointSizeF() > 0)
        big.setPointSizeF(big.pointSizeF() * 1.15);
    const QFontMetrics fm(big);
    const QRect detailRect =
        QFontMetrics(s.font).boundingRect(area, Qt::AlignHCenter | Qt::TextWordWrap, m_emptyDetail);
    const int total = fm.height() + (m_emptyDetail.isEmpty() ? 0 : s.pad + detailRect.height());
    int y = area.center().y() - total / 2;
    p->setFont(big);
    p->setPen(s.dim);
    p->drawText(QRect(area.x(), y, area.width(), fm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
                title);
    y += fm.height() + s.pad;
    if (!m_emptyDetail.isEmpty()) {
        p->setFont(s.font);
        p->drawText(QRect(area.x(), y, area.width(), detailRect.height()),
                    Qt::AlignHCenter | Qt::TextWordWrap, m_emptyDetail);
    }
}

void TranscriptView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void TranscriptView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    relayout();
}

void TranscriptView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::StyleChange)
        updateStyle();
}

} // namespace chorus
