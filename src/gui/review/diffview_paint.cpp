// DiffView: painting.
#include "style/palettecolors.h"
#include "review/diffview.h"
#include "review/diffview_p.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextLayout>

#include <algorithm>

namespace chorus {

using namespace diffview;

namespace {
// Format ranges moved to display columns (tabs expanded) and clipped to [from, to).
QList<QTextLayout::FormatRange> clipped(const QList<QTextLayout::FormatRange> &formats,
                                        const QList<int> &map, int from, int to)
{
    QList<QTextLayout::FormatRange> out;
    for (const QTextLayout::FormatRange &f : formats) {
        const int last = int(map.size()) - 1;
        const int s = std::max(map[std::clamp(f.start, 0, last)], from);
        const int e = std::min(map[std::clamp(f.start + f.length, 0, last)], to);
        if (s < e)
            out.append({s - from, e - s, f.format});
    }
    return out;
}
} // namespace

void DiffView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), m_style.base);
    const int n = m_doc.rowCount();
    if (!m_hasDocument || n == 0) {
        paintMessage(p);
    } else {
        const int top = scrollY();
        const int height = viewport()->height();
        const int width = viewport()->width();
        for (int row = rowAt(top); row >= 0 && row < n && m_rowTop[row] < top + height; ++row) {
            const QRect rect(0, m_rowTop[row] - top, width, m_rowTop[row + 1] - m_rowTop[row]);
            const DiffRow &r = m_doc.row(row);
            switch (r.kind) {
            case DiffRow::Hunk:
            case DiffRow::Fold:
                paintHunkRow(p, r, rect);
                break;
            case DiffRow::Line:
                paintLineRow(p, row, rect);
                break;
            case DiffRow::Comment:
                paintCommentRow(p, row, rect);
                break;
            case DiffRow::Editor:
                paintCommentBox(p,
                                commentBox(row).translated(0, -top)); // the editor widget is on it
                break;
            }
        }
    }
    Q_EMIT painted();
}

void DiffView::paintMessage(QPainter &p)
{
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    const int width = std::min(area.width(), 520);
    QFont title = m_style.bold;
    if (title.pointSizeF() > 0)
        title.setPointSizeF(title.pointSizeF() * 1.2);
    const QFontMetrics tfm(title);
    const QFontMetrics fm(m_style.font);
    const QRect titleBox = tfm.boundingRect(QRect(0, 0, width, 1000),
                                            Qt::AlignHCenter | Qt::TextWordWrap, m_messageTitle);
    const QRect textBox = fm.boundingRect(QRect(0, 0, width, 1000),
                                          Qt::AlignHCenter | Qt::TextWordWrap, m_messageText);
    const int total =
        titleBox.height() + (m_messageText.isEmpty() ? 0 : m_style.pad + textBox.height());
    int y = area.top() + std::max(0, (area.height() - total) / 3);
    const int x = area.left() + (area.width() - width) / 2;
    p.setFont(title);
    p.setPen(m_style.text);
    p.drawText(QRect(x, y, width, titleBox.height()), Qt::AlignHCenter | Qt::TextWordWrap,
               m_messageTitle);
    y += titleBox.height() + m_style.pad;
    p.setFont(m_style.font);
    p.setPen(m_style.dim);
    p.drawText(QRect(x, y, width, textBox.height()), Qt::AlignHCenter | Qt::TextWordWrap,
               m_messageText);
}

void DiffView::paintHunkRow(QPainter &p, const DiffRow &r, const QRect &rect)
{
    const bool hover = r.kind == DiffRow::Fold && m_hoverRow >= 0 &&
                       m_doc.row(m_hoverRow).kind == DiffRow::Fold &&
                       m_doc.row(m_hoverRow).hunk == r.hunk;
    p.fillRect(rect, hover ? mix(m_style.hunkBackground, m_style.accent, 0.12)
                           : m_style.hunkBackground);
    const Columns c = columns(m_doc.mode() == DiffDocument::Mode::Unified ? Side::New : Side::Old);
    const int baseline = rect.top() + (rect.height() - m_style.lineHeight) / 2;
    QString header;
    if (r.hunk < m_doc.hunkCount())
        header = m_doc.file().hunks[r.hunk].header.trimmed();
    int x = c.text;
    if (r.kind == DiffRow::Fold) {
        QString fold;
        if (m_pendingExpand == r.hunk)
            fold = tr("Loading…");
        else if (r.count > 0)
            fold = tr("⋯ %n unchanged line(s)", nullptr, r.count);
        else
            fold = tr("⋯ more unchanged lines");
        p.setFont(m_style.font);
        p.setPen(m_style.foldText);
        const QRect textRect(x, baseline, rect.width() - x, m_style.lineHeight);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, fold);
        x += QFontMetrics(m_style.font).horizontalAdvance(fold) + 3 * m_style.charWidth;
        // The expand mark in the gutter.
        p.drawText(QRect(c.numbers, baseline, c.sign - c.numbers, m_style.lineHeight),
                   Qt::AlignCenter, QStringLiteral("↕"));
    }
    if (!header.isEmpty()) {
        p.setFont(m_style.mono);
        p.setPen(m_style.hunkText);
        p.drawText(QRect(x, baseline, std::max(0, rect.right() - x), m_style.lineHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(m_style.mono)
                       .elidedText(header, Qt::ElideRight, std::max(0, rect.right() - x)));
    }
}

void DiffView::paintLineRow(QPainter &p, int row, const QRect &rect)
{
    const DiffRow &r = m_doc.row(row);
    if (m_doc.mode() == DiffDocument::Mode::Unified) {
        paintHalf(p, row, r.left, Side::New, columns(Side::New), rect);
    } else {
        paintHalf(p, row, r.left, Side::Old, columns(Side::Old), rect);
        paintHalf(p, row, r.right, Side::New, columns(Side::New), rect);
        p.setPen(m_style.faint);
        const int half = columns(Side::New).left;
        p.drawLine(half, rect.top(), half, rect.bottom());
    }
    // The current change: a bar along its rows.
    if (m_currentRow >= 0 && row >= m_currentRow) {
        bool inBlock = true;
        for (int i = m_currentRow; i <= row && inBlock; ++i) {
            const DiffRow &b = m_doc.row(i);
            const bool changed = b.kind == DiffRow::Line &&
                                 ((b.left >= 0 && DiffDocument::isChange(m_doc.lines()[b.left])) ||
                                  (b.right >= 0 && DiffDocument::isChange(m_doc.lines()[b.right])));
            inBlock = changed || b.kind == DiffRow::Comment || b.kind == DiffRow::Editor;
        }
        if (inBlock)
            p.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), m_style.accent);
    }
}

void DiffView::paintHalf(QPainter &p, int row, int lineIndex, Side side, const Columns &c,
                         const QRect &rect)
{
    const QRect half(c.left, rect.top(), c.right - c.left, rect.height());
    const QRect gutter(c.left, rect.top(), c.text - c.left, rect.height());
    if (lineIndex < 0) {
        p.fillRect(half, m_style.filler);
        return;
    }
    const DiffLine &l = m_doc.lines()[lineIndex];
    QColor background = m_style.base, gutterColor = m_style.gutter, word;
    if (l.kind == DiffLine::Added) {
        background = m_style.addedBackground;
        gutterColor = m_style.addedGutter;
        word = m_style.addedWord;
    } else if (l.kind == DiffLine::Removed) {
        background = m_style.removedBackground;
        gutterColor = m_style.removedGutter;
        word = m_style.removedWord;
    }
    p.fillRect(half, background);
    p.fillRect(gutter, gutterColor);

    p.setFont(m_style.mono);
    const int top = rect.top();
    const bool marker = l.kind == DiffLine::NoNewlineAtEnd;
    auto number = [&](int x, int value) {
        if (value <= 0 || marker)
            return;
        p.drawText(QRect(x, top, m_numberWidth - m_style.pad, m_style.lineHeight),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(value));
    };
    p.setPen(m_style.dim);
    if (m_doc.mode() == DiffDocument::Mode::Unified) {
        number(c.numbers, l.kind == DiffLine::Added ? 0 : l.oldLine);
        number(c.numbers + m_numberWidth, l.kind == DiffLine::Removed ? 0 : l.newLine);
    } else {
        number(c.numbers, side == Side::Old ? l.oldLine : l.newLine);
    }
    const QRect signRect(c.sign, top, c.text - c.sign, m_style.lineHeight);
    if (l.kind == DiffLine::Added) {
        p.setPen(m_style.added);
        p.drawText(signRect, Qt::AlignCenter, QStringLiteral("+"));
    } else if (l.kind == DiffLine::Removed) {
        p.setPen(m_style.removed);
        p.drawText(signRect, Qt::AlignCenter, QStringLiteral("−"));
    }

    p.save();
    p.setClipRect(QRect(c.text, rect.top(), c.right - c.text, rect.height()));
    if (marker) {
        QFont italic = m_style.font;
        italic.setItalic(true);
        p.setFont(italic);
        p.setPen(m_style.dim);
        p.drawText(QRect(c.text, top, c.right - c.text, m_style.lineHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("No newline at end of file"));
    } else {
        paintText(p, row, lineIndex, side, c, top, word);
    }
    p.restore();

    // Continuation lines of a wrapped line.
    const int lines = visualLines(lineIndex, c);
    if (lines > 1) {
        p.setPen(m_style.dim);
        p.setFont(m_style.mono);
        for (int k = 1; k < lines; ++k)
            p.drawText(
                QRect(c.sign, top + k * m_style.lineHeight, c.text - c.sign, m_style.lineHeight),
                Qt::AlignCenter, QStringLiteral("↪"));
    }

    // The "+" that opens a comment, on the hovered line.
    const bool hovered =
        m_hoverRow == row && (m_doc.mode() == DiffDocument::Mode::Unified || m_hoverSide == side);
    if (hovered && !marker) {
        const int size = m_style.lineHeight - 2;
        const QRect button(c.sign + (c.text - c.sign - size) / 2, top + 1, size, size);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(m_style.accent);
        p.drawRoundedRect(button, 3, 3);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.setFont(m_style.bold);
        p.drawText(button, Qt::AlignCenter, QStringLiteral("+"));
        p.setRenderHint(QPainter::Antialiasing, false);
    }
}

void DiffView::paintText(QPainter &p, int row, int lineIndex, Side side, const Columns &c, int top,
                         const QColor &wordColor)
{
    const DiffLine &l = m_doc.lines()[lineIndex];
    QList<int> map;
    const QString display = expandTabs(l.text, &map);
    const int length = int(display.size());
    const int last = int(map.size()) - 1;
    // Intra-line changes and the selection, in display columns.
    QList<QPair<int, int>> words;
    for (const DiffRange &range : l.changed)
        words.append({map[std::clamp(range.start, 0, last)],
                      map[std::clamp(range.start + range.length, 0, last)]});
    int selFrom = -1, selTo = -1;
    if (m_anchor.row >= 0 && !(m_anchor == m_cursor) &&
        (m_doc.mode() == DiffDocument::Mode::Unified || m_selectionSide == side)) {
        const TextPos from = std::min(m_anchor, m_cursor), to = std::max(m_anchor, m_cursor);
        if (row >= from.row && row <= to.row) {
            selFrom = row == from.row ? from.col : 0;
            selTo = row == to.row ? std::min(to.col, length) : length;
            if (row != to.row)
                selTo = length + 1; // the line break is selected too
        }
    }
    const QList<QTextLayout::FormatRange> &syntax =
        lineIndex < m_formats.size() ? m_formats[lineIndex] : QList<QTextLayout::FormatRange>{};
    const QList<int> starts = wrapStarts(display, c.perLine);
    p.setPen(m_style.text);
    for (int k = 0; k < starts.size(); ++k) {
        const int from = starts[k];
        const int to = k + 1 < starts.size() ? starts[k + 1] : length;
        const int y = top + k * m_style.lineHeight;
        QTextLayout layout(display.mid(from, to - from), m_style.mono);
        layout.setCacheEnabled(false);
        layout.setFormats(clipped(syntax, map, from, to));
        layout.beginLayout();
        QTextLine line = layout.createLine();
        layout.endLayout();
        if (!line.isValid())
            continue;
        auto span = [&](int a, int b, const QColor &color) {
            a = std::max(a, from);
            b = std::min(b, to);
            if (a > b || (a == b && b != to))
                return;
            const qreal x1 = c.text + line.cursorToX(a - from);
            qreal x2 = c.text + line.cursorToX(b - from);
            if (a == b)
                x2 = x1 + m_style.charWidth / 2.0; // the selected line break
            p.fillRect(QRectF(x1, y, x2 - x1, m_style.lineHeight), color);
        };
        for (const auto &w : std::as_const(words))
            if (w.second > w.first)
                span(w.first, w.second, wordColor);
        if (selFrom >= 0) {
            if (selTo > length && to == length) { // through the line break
                span(selFrom, length, m_style.selection);
                span(length, length, m_style.selection);
            } else {
                span(selFrom, std::min(selTo, length), m_style.selection);
            }
        }
        layout.draw(&p, QPointF(c.text, y + 1));
    }
}

void DiffView::paintCommentBox(QPainter &p, const QRect &box, bool sent)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    // A sent comment is a record, not a draft: no fill of its own, a dashed border, a grey mark.
    p.fillPath(path, sent ? m_style.base : m_style.commentBackground);
    QPen border(m_style.commentBorder);
    if (sent)
        border.setStyle(Qt::DashLine);
    p.setPen(border);
    p.drawPath(path);
    p.restore();
    p.fillRect(QRect(box.left(), box.top() + 3, 3, box.height() - 6),
               sent ? m_style.faint : m_style.accent);
}

void DiffView::paintCommentRow(QPainter &p, int row, const QRect &rect)
{
    const DiffRow &r = m_doc.row(row);
    const ReviewComment &comment = m_doc.comments()[r.comment];
    const QRect box = commentBox(row).translated(0, -scrollY());
    Q_UNUSED(rect);
    const bool sent = comment.isSent();
    paintCommentBox(p, box, sent);

    const int pad = m_style.pad;
    const QRect header(box.left() + pad, box.top() + pad / 2, box.width() - 2 * pad,
                       m_style.textHeight + pad / 2);
    if (sent) {
        const bool moved = m_doc.rowOfLine(comment.side, comment.line) < 0;
        const QString title = moved ? tr("%1 · line %2 (not in this diff any more)")
                                          .arg(comment.sentLabel)
                                          .arg(comment.line)
                                    : comment.sentLabel;
        p.setFont(m_style.font);
        p.setPen(m_style.dim);
        p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(m_style.font).elidedText(title, Qt::ElideRight, header.width()));
        const QRect body(box.left() + pad, header.bottom() + 1, box.width() - 2 * pad,
                         box.bottom() - header.bottom() - pad);
        p.drawText(body, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, comment.text);
        return;
    }
    QString title = tr("Your comment");
    if (m_doc.rowOfLine(comment.side, comment.line) < 0)
        title = tr("Your comment on line %1 (not in this diff any more)").arg(comment.line);
    p.setFont(m_style.bold);
    p.setPen(m_style.text);
    p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
    const int titleWidth = QFontMetrics(m_style.bold).horizontalAdvance(title);
    const QDateTime when =
        QDateTime::fromString(comment.updatedAt, Qt::ISODateWithMs).toLocalTime();
    p.setFont(m_style.font);
    p.setPen(m_style.dim);
    if (when.isValid())
        p.drawText(header.adjusted(titleWidth + pad, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   QLocale().toString(when, QLocale::ShortFormat));
    p.setPen(m_style.foldText);
    p.drawText(commentLinkRect(row, false), Qt::AlignCenter, tr("Edit"));
    p.drawText(commentLinkRect(row, true), Qt::AlignCenter, tr("Delete"));

    p.setPen(m_style.text);
    const QRect body(box.left() + pad, header.bottom() + 1, box.width() - 2 * pad,
                     box.bottom() - header.bottom() - pad);
    p.drawText(body, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, comment.text);
}

} // namespace chorus
