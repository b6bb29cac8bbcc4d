#include "markdownstyle.h"

#include "console/consolestyle.h"
#include "widgets/highlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

namespace chorus {

namespace {

bool isCode(const QTextBlockFormat &f)
{
    return f.hasProperty(QTextFormat::BlockCodeFence) ||
           f.hasProperty(QTextFormat::BlockCodeLanguage) || f.nonBreakableLines();
}

// Colours the lines of one fenced block (`first` and the `count` blocks after it, one per
// line) as `info` says: the highlighter runs over the code on its own document, so its state
// carries from line to line as it does in Review, and its formats are merged into the
// console's document.
void highlightCode(const QTextBlock &first, int count, const QString &info, const QPalette &palette)
{
    const QString language = Highlighter::languageForFence(info);
    if (language.isEmpty())
        return;
    QStringList lines;
    lines.reserve(count);
    QTextBlock b = first;
    for (int i = 0; i < count && b.isValid(); ++i, b = b.next())
        lines << b.text();
    QTextDocument code;
    code.setUndoRedoEnabled(false);
    code.setPlainText(lines.join(QLatin1Char('\n')));
    if (!Highlighter::attach(&code, language, {}, palette))
        return;
    b = first;
    for (QTextBlock c = code.begin(); c.isValid() && b.isValid(); c = c.next(), b = b.next()) {
        const QList<QTextLayout::FormatRange> ranges = c.layout()->formats();
        for (const QTextLayout::FormatRange &r : ranges) {
            if (r.length <= 0)
                continue;
            QTextCursor cursor(b);
            cursor.setPosition(b.position() + r.start);
            cursor.setPosition(b.position() + qMin(r.start + r.length, b.length() - 1),
                               QTextCursor::KeepAnchor);
            QTextCharFormat colour;
            if (r.format.hasProperty(QTextFormat::ForegroundBrush))
                colour.setForeground(r.format.foreground());
            if (r.format.hasProperty(QTextFormat::FontWeight))
                colour.setFontWeight(r.format.fontWeight());
            if (r.format.hasProperty(QTextFormat::FontItalic))
                colour.setFontItalic(r.format.fontItalic());
            cursor.mergeCharFormat(colour);
        }
    }
}

void styleTable(QTextTable *table, const ConsoleStyle &s)
{
    QTextTableFormat f = table->format();
    f.setBorder(1);
    f.setBorderBrush(s.faint);
    f.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    f.setBorderCollapse(true);
    f.setCellSpacing(0);
    f.setCellPadding(qMax(2, s.pad / 2));
    f.setMargin(0);
    f.setTopMargin(s.gap);
    f.setBottomMargin(s.gap);
    table->setFormat(f);
    // The importer gives the first cell a paragraph's margins, and after a block quote an
    // empty first line, which push its text down and make the header row tall: cells get
    // neither.
    for (int row = 0; row < table->rows(); ++row) {
        for (int column = 0; column < table->columns(); ++column) {
            QTextTableCell cell = table->cellAt(row, column);
            for (int guard = 0; guard < 4; ++guard) {
                QTextCursor first = cell.firstCursorPosition();
                if (first.block() == cell.lastCursorPosition().block() ||
                    first.block().length() > 1)
                    break;
                first.deleteChar(); // the empty line's end: it joins the next
                cell = table->cellAt(row, column);
            }
            const int end = cell.lastCursorPosition().position();
            for (QTextBlock b = cell.firstCursorPosition().block();
                 b.isValid() && b.position() <= end; b = b.next()) {
                QTextBlockFormat margins = b.blockFormat();
                if (margins.topMargin() == 0 && margins.bottomMargin() == 0)
                    continue;
                margins.setTopMargin(0);
                margins.setBottomMargin(0);
                QTextCursor(b).setBlockFormat(margins);
            }
        }
    }
    // The importer marks no header row; GitHub's tables always have one, the first.
    for (int column = 0; column < table->columns(); ++column) {
        const QTextTableCell cell = table->cellAt(0, column);
        QTextCharFormat header = cell.format();
        header.setBackground(s.codeBackground);
        QTextTableCell(cell).setFormat(header);
        QTextCursor c = cell.firstCursorPosition();
        c.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        c.mergeCharFormat(bold);
    }
}

void styleTables(QTextFrame *frame, const ConsoleStyle &s)
{
    for (QTextFrame *child : frame->childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(child))
            styleTable(table, s);
        styleTables(child, s);
    }
}

} // namespace

bool styleMarkdown(QTextDocument *doc, const ConsoleStyle &s)
{
    bool quotes = false;
    QTextCursor edit(doc);
    edit.beginEditBlock();
    for (QTextBlock b = doc->begin(); b.isValid();) {
        QTextBlockFormat f = b.blockFormat();
        if (const int level = f.headingLevel(); level > 0) {
            QTextCursor c(b);
            c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat heading;
            heading.setProperty(QTextFormat::FontSizeAdjustment, level <= 2 ? 1 : 0);
            heading.setFontWeight(QFont::Bold);
            c.mergeCharFormat(heading);
            b = b.next();
            continue;
        }
        if (isCode(f)) {
            // One fenced block: its lines are consecutive blocks of the same fence.
            const QString info = f.property(QTextFormat::BlockCodeLanguage).toString();
            const QTextBlock first = b;
            int count = 0;
            for (; b.isValid() && isCode(b.blockFormat()) &&
                   b.blockFormat().property(QTextFormat::BlockCodeLanguage).toString() == info;
                 b = b.next(), ++count) {
                QTextBlockFormat code = b.blockFormat();
                code.setNonBreakableLines(false);
                code.setBackground(s.codeBackground);
                code.setLeftMargin(0);
                QTextCursor c(b);
                c.setBlockFormat(code);
                c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
                QTextCharFormat mono;
                mono.setFont(s.mono, QTextCharFormat::FontPropertiesSpecifiedOnly);
                c.mergeCharFormat(mono);
            }
            highlightCode(first, count, info, s.palette);
            continue;
        }
        if (f.hasProperty(QTextFormat::BlockQuoteLevel)) {
            const int level = f.intProperty(QTextFormat::BlockQuoteLevel);
            quotes = true;
            f.setLeftMargin(level * (s.pad + s.bar));
            f.setRightMargin(0);
            f.setProperty(QTextFormat::BlockQuoteLevel, level);
            QTextCursor c(b);
            c.setBlockFormat(f);
            c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat quote;
            quote.setForeground(s.dim);
            c.mergeCharFormat(quote);
        }
        // Inline code: the importer makes it fixed pitch; the console's mono font on a tint.
        // (Ranges first: a merge splits the fragments being walked.)
        QList<QPair<int, int>> inlineCode;
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().fontFixedPitch())
                inlineCode.append({fragment.position(), fragment.length()});
        }
        for (const auto &[position, length] : std::as_const(inlineCode)) {
            QTextCursor c(doc);
            c.setPosition(position);
            c.setPosition(position + length, QTextCursor::KeepAnchor);
            QTextCharFormat code;
            code.setFont(s.mono, QTextCharFormat::FontPropertiesSpecifiedOnly);
            code.setBackground(s.codeBackground);
            c.mergeCharFormat(code);
        }
        b = b.next();
    }
    styleTables(doc->rootFrame(), s);
    edit.endEditBlock();
    return quotes;
}

void paintQuoteBars(QPainter *p, const QTextDocument *doc, const ConsoleStyle &s)
{
    QAbstractTextDocumentLayout *layout = doc->documentLayout();
    p->save();
    p->setPen(Qt::NoPen);
    p->setBrush(s.faint);
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().intProperty(QTextFormat::BlockQuoteLevel);
        if (level <= 0)
            continue;
        const QRectF r = layout->blockBoundingRect(b);
        for (int i = 0; i < level; ++i)
            p->drawRect(QRectF(r.x() + i * (s.pad + s.bar), r.y(), s.bar, r.height()));
    }
    p->restore();
}

} // namespace chorus
