#pragma once

#include <QString>

class QPalette;
class QTextDocument;

namespace chorus {

// Syntax colouring for code the GUI shows (tool blocks in the console, diffs in review).
// With KSyntaxHighlighting (CHORUS_HAVE_KSYNTAXHIGHLIGHTING) it uses its definitions and
// the light or dark default theme; otherwise a small built-in highlighter for JSON, shell,
// C/C++, Python, JavaScript/TypeScript, YAML and diffs. Colours follow the palette.
class Highlighter
{
public:
    // Colours `doc` as `language` (a name such as "JSON", "Bash", "C++", "Python", "Diff")
    // or, when language is empty, by fileName's extension. The highlighter is a child of
    // doc. Text already in doc is coloured at once, later text as it changes.
    // Returns false (and attaches nothing) when no language matches.
    static bool attach(QTextDocument *doc, const QString &language, const QString &fileName,
                       const QPalette &palette);

    // The language name attach() understands for a file name ("a/b.py" -> "Python"), or "".
    static QString languageForFileName(const QString &fileName);

    // The language name attach() understands for a Markdown code fence's info string
    // ("python", "py", "ts", "c++", "shell", "JSON"), or "" for none or an unknown one.
    static QString languageForFence(const QString &info);

    // True when the palette's window is dark (text lighter than the base).
    static bool isDark(const QPalette &palette);
};

} // namespace chorus
