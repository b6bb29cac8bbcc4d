#include "review/diffsyntax.h"

#include "widgets/highlighter.h"

#include <QTextBlock>
#include <QTextDocument>

namespace chorus::diffsyntax {

namespace {
// Highlights `text` and returns the formats of each of its lines.
QList<Formats> highlightText(const QString &text, qsizetype lineCount, const QString &fileName,
                             const QPalette &palette)
{
    QList<Formats> out(lineCount);
    QTextDocument doc;
    doc.setUndoRedoEnabled(false);
    doc.setPlainText(text);
    // Attached to a document with text, the highlighter colours it at once (attached first, it
    // would wait for the event loop, when this document is gone).
    if (!Highlighter::attach(&doc, {}, fileName, palette))
        return out;
    qsizetype i = 0;
    for (QTextBlock b = doc.begin(); b.isValid() && i < lineCount; b = b.next(), ++i)
        if (b.layout())
            out[i] = b.layout()->formats();
    return out;
}
} // namespace

QList<Formats> highlight(const QList<DiffLine> &lines, const QString &fileName,
                         const QPalette &palette)
{
    QList<Formats> out(lines.size());
    // Each side as one text; which line of which side each diff line is.
    QString oldText, newText;
    QList<qsizetype> oldIndex, newIndex; // side line -> diff line
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const DiffLine &l = lines[i];
        if (l.kind == DiffLine::NoNewlineAtEnd)
            continue;
        if (l.kind != DiffLine::Added) {
            oldText += l.text + QLatin1Char('\n');
            oldIndex.append(i);
        }
        if (l.kind != DiffLine::Removed) {
            newText += l.text + QLatin1Char('\n');
            newIndex.append(i);
        }
    }
    const QList<Formats> oldFormats = highlightText(oldText, oldIndex.size(), fileName, palette);
    const QList<Formats> newFormats = highlightText(newText, newIndex.size(), fileName, palette);
    for (qsizetype k = 0; k < oldIndex.size(); ++k)
        if (lines[oldIndex[k]].kind == DiffLine::Removed)
            out[oldIndex[k]] = oldFormats[k];
    for (qsizetype k = 0; k < newIndex.size(); ++k)
        out[newIndex[k]] = newFormats[k];
    return out;
}

} // namespace chorus::diffsyntax
