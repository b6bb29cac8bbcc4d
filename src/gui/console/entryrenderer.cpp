#include "entryrenderer.h"

#include "console/toolpresentation.h"
#include "widgets/highlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;

constexpr int kMaxShownLines = 500; // per code block; the rest is summarised
constexpr int kCacheCost = 400;     // ≈ rows of short text kept laid out
constexpr int kEstimateScanChars = 20000;

QString limitLines(const QString &text, int maxLines)
{
    qsizetype at = -1;
    for (int i = 0; i < maxLines; ++i) {
        at = text.indexOf(QLatin1Char('\n'), at + 1);
        if (at < 0)
            return text;
    }
    const qsizetype more = text.count(QLatin1Char('\n'), Qt::CaseSensitive) - maxLines + 1;
    return text.left(at) + QLatin1Char('\n') +
           EntryRenderer::tr("… %n more lines (copy the block to get all of it)", nullptr,
                             int(more));
}

QString firstLine(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype nl = t.indexOf(QLatin1Char('\n'));
    return nl < 0 ? t : t.left(nl) + QStringLiteral(" …");
}

bool isCard(Kind k)
{
    return k == Kind::ToolUse || k == Kind::ToolResult;
}
} // namespace

EntryRenderer::EntryRenderer() : m_cache(kCacheCost) {}

EntryRenderer::~EntryRenderer() = default;

void EntryRenderer::setStyle(const ConsoleStyle &style)
{
    m_style = style;
    m_cache.clear();
}

int EntryRenderer::headerHeight(const TranscriptEntry &e) const
{
    return isCard(e.kind) || e.kind == Kind::Error ? m_style.lineHeight + m_style.pad
                                                   : m_style.lineHeight;
}

int EntryRenderer::estimateText(const QString &text, int width, int charWidth, int lineHeight) const
{
    const qsizetype perLine = qMax(1, width / qMax(1, charWidth));
    const qsizetype n = qMin<qsizetype>(text.size(), kEstimateScanChars);
    qsizetype lines = 0;
    qsizetype run = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            lines += 1 + run / perLine;
            run = 0;
        } else {
            ++run;
        }
    }
    lines += 1 + run / perLine;
    if (text.size() > n)
        lines = lines * text.size() / n;
    return int(qMin<qsizetype>(lines, 1 << 20)) * lineHeight;
}

int EntryRenderer::estimateHeight(const TranscriptEntry &e, int width, bool *exact) const
{
    const ConsoleStyle &s = m_style;
    const int cw = width - 2 * s.margin;
    *exact = true;
    if (e.hiddenNote)
        return lineRowHeight();
    switch (e.kind) {
    case Kind::State:
    case Kind::System:
    case Kind::Approval:
        return lineRowHeight();
    case Kind::TurnEnd:
        if (!e.isError)
            return lineRowHeight();
        break;
    case Kind::Thinking:
        if (!e.expanded)
            return s.gap + s.lineHeight + s.gap;
        break;
    case Kind::ToolUse:
    case Kind::ToolResult:
        if (!e.expanded)
            return s.gap + headerHeight(e) + s.gap;
        break;
    default:
        break;
    }
    *exact = false;
    switch (e.kind) {
    case Kind::Text:
        return s.gap + estimateText(e.body, cw, s.charWidth, s.lineHeight) + s.gap;
    case Kind::Input:
        return s.gap + s.pad + s.smallHeight +
               estimateText(e.body, cw - s.bar - 2 * s.pad, s.charWidth, s.lineHeight) + s.pad +
               s.gap;
    case Kind::Thinking:
        return s.gap + s.lineHeight +
               estimateText(e.body, cw - s.lineHeight, s.charWidth, s.lineHeight) + s.gap;
    case Kind::Error:
        return s.gap + headerHeight(e) +
               estimateText(e.body, cw - 2 * s.pad, s.charWidth, s.lineHeight) + s.pad + s.gap;
    case Kind::TurnEnd:
        return s.gap + s.smallHeight + estimateText(e.body, cw, s.charWidth, s.lineHeight) + s.gap;
    default:
        break;
    }
    // An open tool block: input and result in monospace.
    const int inner = cw - 2 * s.pad;
    return s.gap + headerHeight(e) + 2 * (s.smallHeight + s.pad) +
           estimateText(e.body, inner, s.monoCharWidth, s.lineHeight) +
           estimateText(e.result, inner, s.monoCharWidth, s.lineHeight) + s.gap;
}

int EntryRenderer::height(const TranscriptEntry &e, int width)
{
    bool exact = false;
    const int h = estimateHeight(e, width, &exact);
    return exact ? h : layoutFor(e, width)->height;
}

std::unique_ptr<QTextDocument> EntryRenderer::makeDoc(const QString &text, bool markdown,
                                                      const QFont &font, const QString &language,
                                                      const QString &fileName, bool code) const
{
    auto doc = std::make_unique<QTextDocument>();
    doc->setUndoRedoEnabled(false);
    doc->setDefaultFont(font);
    doc->setDocumentMargin(code ? qMax(3, m_style.pad / 2) : 0);
    QTextOption option = doc->defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    if (code && (!language.isEmpty() || !fileName.isEmpty()))
        Highlighter::attach(doc.get(), language, fileName,
                            m_style.palette); // before the text: no re-run
    if (markdown) {
        doc->setMarkdown(text, QTextDocument::MarkdownDialectGitHub);
        // Code blocks: tinted and wrapped rather than cut at the right edge. Headings: a
        // little larger and bold, not the importer's huge sizes.
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            QTextBlockFormat f = b.blockFormat();
            if (const int level = f.headingLevel(); level > 0) {
                QTextCursor c(b);
                c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
                QTextCharFormat heading;
                heading.setProperty(QTextFormat::FontSizeAdjustment, level <= 2 ? 1 : 0);
                heading.setFontWeight(QFont::Bold);
                c.mergeCharFormat(heading);
                continue;
            }
            if (!f.hasProperty(QTextFormat::BlockCodeFence) &&
                !f.hasProperty(QTextFormat::BlockCodeLanguage) && !f.nonBreakableLines())
                continue;
            f.setNonBreakableLines(false);
            f.setBackground(m_style.codeBackground);
            QTextCursor(b).setBlockFormat(f);
        }
    } else {
        doc->setPlainText(text);
    }
    return doc;
}

void EntryRenderer::build(Layout &l, const TranscriptEntry &e) const
{
    const ConsoleStyle &s = m_style;
    l.expanded = e.expanded;
    l.hasResult = e.hasResult;
    l.blocks.clear();
    const auto add = [&l](std::unique_ptr<QTextDocument> doc, const QColor &color,
                          const QString &caption = {}, bool codeBox = false) {
        Block b;
        b.doc = std::move(doc);
        b.color = color;
        b.caption = caption;
        b.codeBox = codeBox;
        l.blocks.push_back(std::move(b));
    };
    switch (e.kind) {
    case Kind::Text:
        add(makeDoc(e.body, true, s.font), s.text);
        break;
    case Kind::Input:
        add(makeDoc(e.body, false, s.font), s.text);
        break;
    case Kind::Thinking:
        l.summary = firstLine(e.body);
        if (e.expanded)
            add(makeDoc(e.body, false, s.italic), s.dim);
        break;
    case Kind::Error:
        if (!e.body.isEmpty())
            add(makeDoc(limitLines(e.body, kMaxShownLines), false, s.mono), s.text);
        break;
    case Kind::TurnEnd:
        if (e.isError) {
            const qsizetype nl = e.body.lastIndexOf(QLatin1Char('\n'));
            if (nl > 0)
                add(makeDoc(e.body.left(nl), false, s.font), s.error);
        }
        break;
    case Kind::ToolUse: {
        const ToolPresentation tp = ToolPresentation::forTool(e.title, e.body);
        l.summary = tp.summary;
        if (!e.expanded)
            break;
        if (!tp.code.isEmpty())
            add(makeDoc(limitLines(tp.code, kMaxShownLines), false, s.mono, tp.codeLanguage,
                        tp.codeFileName, true),
                s.text, tr("Input"), true);
        if (e.hasResult) {
            QString language = tp.resultLanguage;
            const QString trimmed = e.result.trimmed();
            if (language.isEmpty() && tp.resultFileName.isEmpty() &&
                (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))))
                language = QStringLiteral("JSON");
            const QString text =
                e.result.isEmpty() ? tr("(no output)") : limitLines(e.result, kMaxShownLines);
            add(makeDoc(text, false, s.mono, e.resultIsError ? QString() : language,
                        e.resultIsError ? QString() : tp.resultFileName, true),
                e.resultIsError ? s.error : (e.result.isEmpty() ? s.dim : s.text),
                e.resultIsError ? tr("Error") : tr("Result"), true);
        }
        break;
    }
    case Kind::ToolResult:
        l.summary = firstLine(e.body);
        if (e.expanded)
            add(makeDoc(limitLines(e.body, kMaxShownLines), false, s.mono, {}, {}, true),
                e.isError ? s.error : s.text, {}, true);
        break;
    default:
        break;
    }
}

// Positions the blocks at width and sets the row height (the geometry estimateHeight()
// approximates).
void EntryRenderer::place(Layout &l, const TranscriptEntry &e, int width) const
{
    const ConsoleStyle &s = m_style;
    const int cw = qMax(40, width - 2 * s.margin);
    l.width = width;
    int y = s.gap;
    int bottom = s.gap;
    int gapBetween = 0;
    switch (e.kind) {
    case Kind::Input:
        l.x = s.margin + s.bar + s.pad;
        l.blockWidth = cw - s.bar - 2 * s.pad;
        y += s.pad + s.smallHeight;
        bottom += s.pad;
        break;
    case Kind::Thinking:
        l.x = s.margin + s.lineHeight;
        l.blockWidth = cw - s.lineHeight;
        y += s.lineHeight;
        break;
    case Kind::Error:
        l.x = s.margin + s.bar + s.pad;
        l.blockWidth = cw - s.bar - 2 * s.pad;
        y += headerHeight(e);
        bottom += s.pad;
        break;
    case Kind::TurnEnd:
        l.x = s.margin;
        l.blockWidth = cw;
        y += s.smallHeight;
        break;
    case Kind::ToolUse:
    case Kind::ToolResult:
        l.x = s.margin + s.pad;
        l.blockWidth = cw - 2 * s.pad;
        y += headerHeight(e);
        bottom += s.pad / 2;
        gapBetween = s.pad / 2;
        break;
    default:
        l.x = s.margin;
        l.blockWidth = cw;
        break;
    }
    l.blockWidth = qMax(20, l.blockWidth);
    for (Block &b : l.blocks) {
        if (!b.caption.isEmpty()) {
            b.captionY = y;
            y += s.smallHeight;
        }
        b.doc->setTextWidth(l.blockWidth);
        b.y = y;
        y += qCeil(b.doc->size().height()) + gapBetween;
    }
    bool exact = false;
    const int single = estimateHeight(e, width, &exact);
    l.height = exact ? single : y + bottom;
}

EntryRenderer::Layout *EntryRenderer::layoutFor(const TranscriptEntry &e, int width)
{
    if (Layout *l = m_cache.object(e.id);
        l && l->expanded == e.expanded && l->hasResult == e.hasResult) {
        if (l->width != width)
            place(*l, e, width);
        return l;
    }
    auto l = std::make_unique<Layout>();
    build(*l, e);
    place(*l, e, width);
    const qsizetype chars = e.body.size() + (e.expanded ? e.result.size() : 0);
    const int cost = int(qMin<qsizetype>(kCacheCost / 8, 1 + chars / 2000));
    Layout *raw = l.get();
    m_cache.insert(e.id, l.release(), cost);
    return raw;
}

QRect EntryRenderer::toggleRect(const TranscriptEntry &e, const QRect &rect) const
{
    if (!e.isCollapsible() || e.hiddenNote)
        return {};
    const int left = rect.x() + m_style.margin;
    return QRect(left, rect.y() + m_style.gap, rect.width() - 2 * m_style.margin, headerHeight(e));
}

QString EntryRenderer::linkAt(const TranscriptEntry &e, const QRect &rect, const QPoint &pos)
{
    if (e.kind != Kind::Text)
        return {};
    const Layout *l = layoutFor(e, rect.width());
    for (const Block &b : l->blocks) {
        const QPoint origin(rect.x() + l->x, rect.y() + b.y);
        const QRectF area(origin, b.doc->size());
        if (area.contains(pos))
            return b.doc->documentLayout()->anchorAt(QPointF(pos - origin));
    }
    return {};
}

} // namespace chorus
