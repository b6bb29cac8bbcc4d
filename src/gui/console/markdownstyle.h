#pragma once

class QPainter;
class QTextDocument;

namespace chorus {

struct ConsoleStyle;

// Styles a document that QTextDocument::setMarkdown() filled, for the console's palette:
// headings a little larger and bold (not the importer's huge sizes); fenced code in the
// monospace font on a tint, wrapped rather than cut at the right edge, and coloured by the
// highlighter Review uses when its info string names a language ("```python", "```ts");
// inline code on the same tint; block quotes indented less, in the secondary colour, with a
// bar (paintQuoteBars); tables with collapsed borders in the separator colour, padded cells and a
// bold, tinted header row. Returns whether the document has block quotes (paintQuoteBars() draws
// their bars).
bool styleMarkdown(QTextDocument *doc, const ConsoleStyle &style);

// Draws the bars left of a styled document's block quotes; the painter's origin is the
// document's top left.
void paintQuoteBars(QPainter *p, const QTextDocument *doc, const ConsoleStyle &style);

} // namespace chorus
