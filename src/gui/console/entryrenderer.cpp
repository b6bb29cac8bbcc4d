#include "entryrenderer.h"

#include "console/markdownstyle.h"
#include "console/toolpresentation.h"
#include "util/textlines.h"
#include "widgets/highlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;

constexpr int kCacheCost = 400;     // ≈ rows of short text kept laid out
constexpr int kEstimateScanChars = 20000;

bool isCard(Kind k)
{
    return k == Kind::ToolUse || k == Kind::ToolResult;
}

// The part of a text a row shows: all of it, or its first lines when it is folded.
QStringView shownPart(const TranscriptEntry &e, const QString &text, bool *folded)
{
    const qsizetype cut = e.showAll ? -1 : TextFold::cutPoint(text);
    *folded = cut >= 0;
    return *folded ? QStringView(text).left(cut) : QStringView(text);
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

int EntryRenderer::estimateText(const TranscriptEntry &e, const QString &full, int width,
                                int charWidth, int lineHeight) const
{
    bool folded = false;
    const QStringView text = shownPart(e, full, &folded);
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
    return int(qMin<qsizetype>(lines, 1 << 20)) * lineHeight + (folded ? foldLineHeight() : 0);
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
        if (!e.isError && !(e.expanded && !e.details.isEmpty()))
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
        return s.gap + estimateText(e, e.body, cw, s.charWidth, s.lineHeight) + s.gap;
    case Kind::Input:
        return s.gap + s.pad + s.smallHeight +
               estimateText(e, e.body, cw - s.bar - 2 * s.pad, s.charWidth, s.lineHeight) + s.pad +
               s.gap;
    case Kind::Thinking:
        return s.gap + s.lineHeight +
               estimateText(e, e.body, cw - s.lineHeight, s.charWidth, s.lineHeight) + s.gap;
    case Kind::Error:
        return s.gap + headerHeight(e) +
               estimateText(e, e.body, cw - 2 * s.pad, s.charWidth, s.lineHeight) + s.pad + s.gap;
    case Kind::TurnEnd:
        return s.gap + s.smallHeight +
               (e.isError ? estimateText(e, e.body, cw, s.charWidth, s.lineHeight) : 0) +
               (e.expanded ? estimateText(e, e.details, cw, s.charWidth, s.lineHeight) : 0) + s.gap;
    default:
        break;
    }
    // An open tool block: input and result in monospace.
    const int inner = cw - 2 * s.pad;
    return s.gap + headerHeight(e) + 2 * (s.smallHeight + s.pad) +
           estimateText(e, e.body, inner, s.monoCharWidth, s.lineHeight) +
           estimateText(e, e.result, inner, s.monoCharWidth, s.lineHeight) + s.gap;
}

int EntryRenderer::height(const TranscriptEntry &e, int width)
{
    bool exact = false;
    const int h = estimateHeight(e, width, &exact);
    return exact ? h : layoutFor(e, width)->height;
}

std::unique_ptr<QTextDocument> EntryRenderer::makeDoc(const QString &text, bool markdown,
                                                      const QFont &font, const QString &language,
                                                      const QString &fileName, bool code,
                                                      bool *quotes) const
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
        const bool hasQuotes = styleMarkdown(doc.get(), m_style);
        if (quotes)
            *quotes = hasQuotes;
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
    l.showAll = e.showAll;
    l.blocks.clear();
    struct Text
    {
        bool markdown = false;
        QFont font;
        QColor color;
        QString caption;
        bool code = false; // in a code box, highlighted when language or fileName says how
        QString language;
        QString fileName;
    };
    // Folds a long text unless the entry shows all: the document holds its first lines.
    const auto add = [&](const QString &full, const Text &t) {
        Block b;
        b.full = full;
        b.fold = e.showAll ? TextFold() : TextFold::of(full);
        b.doc = makeDoc(b.fold.isFolded() ? full.left(b.fold.shownChars) : full, t.markdown, t.font,
                        t.language, t.fileName, t.code, &b.quotes);
        b.color = t.color;
        b.caption = t.caption;
        b.codeBox = t.code;
        l.blocks.push_back(std::move(b));
    };
    switch (e.kind) {
    case Kind::Text:
        add(e.body, {true, s.font, s.text});
        break;
    case Kind::Input:
        add(e.body, {false, s.font, s.text});
        break;
    case Kind::Thinking:
        l.summary = summaryLine(e.body);
        if (e.expanded)
            add(e.body, {false, s.italic, s.dim});
        break;
    case Kind::Error:
        if (!e.body.isEmpty())
            add(e.body, {false, s.mono, s.text});
        break;
    case Kind::TurnEnd:
        if (e.isError) {
            const qsizetype nl = e.body.lastIndexOf(QLatin1Char('\n'));
            if (nl > 0)
                add(e.body.left(nl), {false, s.font, s.error});
        }
        if (e.expanded && !e.details.isEmpty())
            add(e.details, {false, s.small, s.dim});
        break;
    case Kind::ToolUse: {
        const ToolPresentation tp = ToolPresentation::forTool(e.title, e.body);
        l.summary = tp.summary;
        if (!e.expanded)
            break;
        if (!tp.code.isEmpty())
            add(tp.code,
                {false, s.mono, s.text, tr("Input"), true, tp.codeLanguage, tp.codeFileName});
        if (e.hasResult) {
            QString language = tp.resultLanguage;
            const QString trimmed = e.result.trimmed();
            if (language.isEmpty() && tp.resultFileName.isEmpty() &&
                (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))))
                language = QStringLiteral("JSON");
            add(e.result.isEmpty() ? tr("(no output)") : e.result,
                {false, s.mono, e.resultIsError ? s.error : (e.result.isEmpty() ? s.dim : s.text),
                 e.resultIsError ? tr("Error") : tr("Result"), true,
                 e.resultIsError ? QString() : language,
                 e.resultIsError ? QString() : tp.resultFileName});
        }
        break;
    }
    case Kind::ToolResult:
        l.summary = summaryLine(e.body);
        if (e.expanded)
            add(e.body, {false, s.mono, e.isError ? s.error : s.text, {}, true});
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
        y += qCeil(b.doc->size().height());
        if (b.fold.isFolded()) {
            b.foldY = y;
            placeFold(b, l.x, l.blockWidth);
            y += foldLineHeight();
        }
        y += gapBetween;
    }
    bool exact = false;
    const int single = estimateHeight(e, width, &exact);
    l.height = exact ? single : y + bottom;
}

EntryRenderer::Layout *EntryRenderer::layoutFor(const TranscriptEntry &e, int width)
{
    if (Layout *l = m_cache.object(e.id);
        l && l->expanded == e.expanded && l->hasResult == e.hasResult && l->showAll == e.showAll) {
        if (l->width != width)
            place(*l, e, width);
        return l;
    }
    auto l = std::make_unique<Layout>();
    build(*l, e);
    place(*l, e, width);
    qsizetype chars = 0;
    for (const Block &b : l->blocks)
        chars += b.doc->characterCount();
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
