#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>
#include <vector>

class QPalette;

namespace chorus {

// Syntax colouring without KSyntaxHighlighting: a small lexer for JSON, shell, C-like
// languages, Python, JavaScript/TypeScript, YAML-like files and diffs (keywords, strings,
// comments, numbers, keys), with colours chosen for the palette's lightness.
class BuiltinHighlighter final : public QSyntaxHighlighter
{
public:
    enum class Lang { None, Json, Shell, Cpp, Python, JavaScript, Yaml, Diff };
    // "JSON", "Bash", "C++", "Python", "TypeScript", "YAML", "Diff"... (any case).
    static Lang langFromName(const QString &name);

    BuiltinHighlighter(QTextDocument *doc, Lang lang, const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum class Fmt {
        Keyword,
        String,
        Comment,
        Number,
        Key,
        Preprocessor,
        Variable,
        Added,
        Removed,
        Hunk,
        Count
    };
    enum BlockState { Plain = 0, InBlockComment = 1, InTripleDouble = 2, InTripleSingle = 3 };

    QTextCharFormat &fmt(Fmt f) { return m_formats[size_t(f)]; }
    bool isKeyword(QStringView word) const;
    void highlightDiff(const QString &text);
    int closeBlock(const QString &text, int from, int searchFrom, BlockState state);
    int scanString(const QString &text, int i);
    bool lineCommentAt(const QString &text, int i) const;

    Lang m_lang;
    const std::vector<QLatin1String> &m_words;
    std::array<QTextCharFormat, size_t(Fmt::Count)> m_formats;
};

} // namespace chorus
