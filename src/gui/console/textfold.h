#pragma once

#include <QString>

namespace chorus {

// Where the console folds a long text: after kFoldLines lines or kFoldChars characters,
// at a line end when there is one. A text only folds when it is clearly longer than that
// (a quarter more), so a fold never hides just a few lines.
struct TextFold
{
    static constexpr int kFoldLines = 200;
    static constexpr int kFoldChars = 16 * 1024;

    qsizetype shownChars = -1; // the length of the part shown; -1: the text is not folded
    qsizetype hiddenLines = 0; // lines not shown (a line cut in the middle counts)
    qint64 totalBytes = 0;     // the whole text's size in UTF-8 (when folded)

    bool isFolded() const { return shownChars >= 0; }

    // Only where it would be cut (reads at most about kFoldChars characters): for estimates.
    static qsizetype cutPoint(const QString &text);
    // Where it is cut, what is hidden and the text's size (reads all of it).
    static TextFold of(const QString &text);
};

// "203 KB": a size for the fold line and the viewer.
QString formatTextSize(qint64 bytes);

} // namespace chorus
