#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace chorus {

// Fonts, metrics and colours of the diff view, derived from the widget's font and palette so
// that light and dark themes and any DPI work.
struct DiffStyle
{
    QFont font; // proportional: headers, comments, messages
    QFont bold;
    QFont mono;          // code and line numbers
    int lineHeight = 16; // one line of code
    int charWidth = 8;   // of `mono`
    int textHeight = 16; // one line of `font`
    int pad = 6;

    QColor base;
    QColor text;
    QColor dim;
    QColor faint;
    QColor gutter; // line numbers' background
    QColor addedBackground;
    QColor addedGutter;
    QColor addedWord; // the changed part of an added line
    QColor removedBackground;
    QColor removedGutter;
    QColor removedWord;
    QColor filler; // side by side: where a side has no line
    QColor hunkBackground;
    QColor hunkText;
    QColor foldText;
    QColor commentBackground;
    QColor commentBorder;
    QColor selection;
    QColor accent; // the current change, hover marks
    QColor added;  // "+" marks and counts
    QColor removed;

    static DiffStyle fromWidget(const QFont &font, const QPalette &palette);
};

} // namespace chorus
