#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace chorus {

// Fonts, metrics and colours of the console, all derived from the widget's font and
// palette (so a dark palette and any DPI work).
struct ConsoleStyle
{
    QPalette palette;
    QFont font;
    QFont bold;
    QFont italic;
    QFont small;
    QFont mono;

    int lineHeight = 16;  // of `font`
    int smallHeight = 14; // of `small`
    int charWidth = 7;    // average, of `font`
    int monoCharWidth = 7;
    int margin = 12; // left and right of every row
    int gap = 5;     // above and below a row
    int pad = 8;     // inside cards
    int bar = 3;     // accent bars
    int radius = 4;

    QColor text;
    QColor dim;   // secondary text: states, footers, thinking
    QColor faint; // borders and separators
    QColor cardBackground;
    QColor codeBackground;
    QColor inputBackground;
    QColor accent;
    QColor link; // clickable words drawn by the console (a fold's "Show all")
    QColor error;
    QColor errorBackground;
    QColor success;
    QColor warning;
    QColor match;        // search matches
    QColor currentMatch; // the row of the current search match
    QColor currentRow;

    static ConsoleStyle fromWidget(const QFont &font, const QPalette &palette);
};

} // namespace chorus
