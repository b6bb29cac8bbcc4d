#include "conflict/mergetints.h"

#include "style/palettecolors.h"

#include <QTextBlock>
#include <QTextDocument>

namespace chorus::mergetints {

namespace {

// Tints for changed lines: a hue per meaning, light enough to read syntax colours through.
enum class Tint { OursChange, TheirsChange, BothChange, Conflict, CurrentConflict };

QColor tint(const QPalette &palette, Tint t)
{
    const bool dark = isDark(palette);
    int hue = 30;
    int alpha = dark ? 70 : 55;
    switch (t) {
    case Tint::OursChange:
        hue = 210;
        break;
    case Tint::TheirsChange:
        hue = 130;
        break;
    case Tint::BothChange:
        hue = 275;
        break;
    case Tint::Conflict:
        break;
    case Tint::CurrentConflict:
        alpha = dark ? 130 : 115;
        break;
    }
    QColor c = toneFor(palette, hue, 200);
    c.setAlpha(alpha);
    return c;
}

// Tints whole lines: one empty cursor per line, as for a current-line highlight (a
// selection over several lines would paint its last line only as far as its text).
void tintLines(QList<QTextEdit::ExtraSelection> *out, QTextDocument *doc, int firstLine, int lineCount,
               const QColor &color)
{
    QTextBlock block = doc->findBlockByNumber(firstLine);
    for (int i = 0; i < lineCount && block.isValid(); ++i, block = block.next()) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(color);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        out->append(s);
    }
}

} // namespace

void paneTints(const ThreeWayMerge &merge, int currentNumber, QTextDocument *const docs[3], const QPalette &palette,
               QList<QTextEdit::ExtraSelection> out[3])
{
    int number = 0;
    for (const MergeChunk &c : merge.chunks()) {
        if (c.kind == MergeChunk::Kind::Unchanged)
            continue;
        Tint t = Tint::BothChange;
        if (c.kind == MergeChunk::Kind::Ours)
            t = Tint::OursChange;
        else if (c.kind == MergeChunk::Kind::Theirs)
            t = Tint::TheirsChange;
        else if (c.kind == MergeChunk::Kind::Conflict)
            t = ++number == currentNumber ? Tint::CurrentConflict : Tint::Conflict;
        const LineRange ranges[3] = {c.base, c.ours, c.theirs};
        for (int i = 0; i < 3; ++i) {
            // The base shows every change; a side only the ones it took part in.
            const bool shown = i == 0 || c.kind == MergeChunk::Kind::Conflict || c.kind == MergeChunk::Kind::Both ||
                               (i == 1 && c.kind == MergeChunk::Kind::Ours) ||
                               (i == 2 && c.kind == MergeChunk::Kind::Theirs);
            if (shown)
                tintLines(&out[i], docs[i], ranges[i].start, ranges[i].count, tint(palette, t));
        }
    }
}

QList<QTextEdit::ExtraSelection> resultTints(QTextDocument *doc, const QList<MarkerBlock> &blocks, int current,
                                             const QPalette &palette)
{
    QList<QTextEdit::ExtraSelection> out;
    for (int i = 0; i < blocks.size(); ++i) {
        const MarkerBlock &block = blocks.at(i);
        const int first = doc->findBlock(int(block.start)).blockNumber();
        const int last = doc->findBlock(int(std::max(block.start, block.end - 1))).blockNumber();
        const int oursLines = int(splitLines(block.ours).size());
        const int theirsLines = int(splitLines(block.theirs).size());
        const QColor marker = tint(palette, i == current ? Tint::CurrentConflict : Tint::Conflict);
        for (int line = first; line <= last; ++line) {
            const bool ours = line > first && line <= first + oursLines;
            const bool theirs = block.closed && line < last && line >= last - theirsLines;
            tintLines(&out, doc, line, 1,
                      ours ? tint(palette, Tint::OursChange) : theirs ? tint(palette, Tint::TheirsChange) : marker);
        }
    }
    return out;
}

} // namespace chorus::mergetints
