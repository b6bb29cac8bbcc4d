#pragma once

#include "console/consolestyle.h"
#include "console/textfold.h"
#include "console/transcriptentry.h"

#include <QCache>
#include <QCoreApplication>
#include <QList>
#include <QRect>
#include <QTextDocument>

#include <memory>
#include <vector>

class QPainter;

namespace chorus {

// Lays out and paints one transcript row: Markdown for assistant text, cards for tool calls
// (collapsible, code highlighted), dimmed thinking, error cards, one-line states and turn
// footers. A long text is folded (TextFold) unless the entry says showAll: its first lines,
// then a fold line with its size and two links, "Show all" and "Open in viewer". Text layouts
// (QTextDocument) are cached per row and width, for the few hundred rows most recently shown; rows
// that need no text layout have exact heights without one, the others an estimate until they are
// measured.
class EntryRenderer
{
    Q_DECLARE_TR_FUNCTIONS(chorus::EntryRenderer)
public:
    EntryRenderer();
    ~EntryRenderer();

    void setStyle(const ConsoleStyle &style);
    const ConsoleStyle &style() const { return m_style; }

    // A cheap height; *exact tells whether it is the real one.
    int estimateHeight(const TranscriptEntry &e, int width, bool *exact) const;
    // The real height at width (lays the row out).
    int height(const TranscriptEntry &e, int width);

    struct PaintOptions
    {
        QString highlight; // search text to mark
    };
    void paint(QPainter *p, const QRect &rect, const TranscriptEntry &e,
               const PaintOptions &options);

    // The header that expands / collapses a tool block or thinking (row coordinates as rect).
    QRect toggleRect(const TranscriptEntry &e, const QRect &rect) const;
    // The link under pos in a row's text, or "".
    QString linkAt(const TranscriptEntry &e, const QRect &rect, const QPoint &pos);

    // A text of a row as a viewer shows it: all of it, and the caption of its block
    // ("Input", "Result"; empty for a row's only text).
    struct Part
    {
        QString text;
        QString caption;
        bool folded = false;
    };
    // The row's texts as laid out at width (none for a closed tool block or a one-line row).
    QList<Part> parts(const TranscriptEntry &e, int width);
    enum class FoldLink { None, ShowAll, OpenViewer };
    // The fold link under pos, and the index of its part in parts().
    FoldLink foldLinkAt(const TranscriptEntry &e, const QRect &rect, const QPoint &pos,
                        int *part = nullptr);
    // Where the first folded part's link is (row coordinates as rect; empty: none).
    QRect foldLinkRect(const TranscriptEntry &e, const QRect &rect, FoldLink link);
    // "… 4,213 more lines (203 KB in all)": the fold line's words before its links.
    static QString foldLabel(const TextFold &fold);

    void invalidate(quint64 id) { m_cache.remove(id); }
    void clearCache() { m_cache.clear(); }

private:
    struct Block
    {
        std::unique_ptr<QTextDocument> doc;
        QString caption; // small label above, e.g. "Input", "Result"
        QColor color;
        bool codeBox = false;
        bool quotes = false; // Markdown with block quotes: their bars are painted
        int captionY = 0;
        int y = 0;
        QString full; // the whole text (the document may hold only its first lines)
        TextFold fold;
        int foldY = 0;             // the fold line, in row coordinates
        QRect showAll, openViewer; // its links, in row coordinates
    };
    struct Layout
    {
        int width = -1;
        bool expanded = false;
        bool hasResult = false;
        bool showAll = false;
        int x = 0; // of the blocks
        int blockWidth = 0;
        int height = 0;
        QString summary; // tool blocks: one line for the header
        std::vector<Block> blocks;
    };

    Layout *layoutFor(const TranscriptEntry &e, int width);
    void build(Layout &l, const TranscriptEntry &e) const;
    void place(Layout &l, const TranscriptEntry &e, int width) const;
    std::unique_ptr<QTextDocument> makeDoc(const QString &text, bool markdown, const QFont &font,
                                           const QString &language = {},
                                           const QString &fileName = {}, bool code = false,
                                           bool *quotes = nullptr) const;
    int headerHeight(const TranscriptEntry &e) const;
    int lineRowHeight() const { return m_style.gap + m_style.smallHeight + m_style.gap; }
    // A text's estimated height (its first lines and the fold line when it is folded).
    int estimateText(const TranscriptEntry &e, const QString &text, int width, int charWidth,
                     int lineHeight) const;
    int foldLineHeight() const { return m_style.lineHeight + m_style.gap; }
    void placeFold(Block &b, int x, int width) const;
    // line: where the fold line is; origin: the row's top left (the links are row-relative).
    void paintFold(QPainter *p, const QRect &line, const QPoint &origin, const Block &b) const;

    void paintBlocks(QPainter *p, const QRect &rect, const Layout &l,
                     const QString &highlight) const;
    void paintToolHeader(QPainter *p, const QRect &header, const TranscriptEntry &e,
                         const Layout &l, const QString &highlight) const;
    int drawLine(QPainter *p, const QRect &r, const QString &text, const QFont &font,
                 const QColor &color, const QString &highlight,
                 Qt::Alignment align = Qt::AlignLeft) const;
    void drawDisclosure(QPainter *p, const QRect &r, bool expanded) const;

    ConsoleStyle m_style;
    QCache<quint64, Layout> m_cache;
};

} // namespace chorus
