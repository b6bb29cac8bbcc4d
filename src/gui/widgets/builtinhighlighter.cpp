#include "builtinhighlighter.h"
#include "style/palettecolors.h"

#include "widgets/highlighter.h"

#include <QPalette>

#include <algorithm>

namespace chorus {

namespace {
using Lang = BuiltinHighlighter::Lang;

// Sorted keyword lists (binary searched).
std::vector<QLatin1String> sortedWords(std::initializer_list<const char *> words)
{
    std::vector<QLatin1String> out;
    for (const char *w : words)
        out.emplace_back(w);
    std::sort(out.begin(), out.end(), [](QLatin1String a, QLatin1String b) { return a < b; });
    return out;
}

const std::vector<QLatin1String> &keywords(Lang lang)
{
    static const std::vector<QLatin1String> json = sortedWords({"true", "false", "null"});
    static const std::vector<QLatin1String> shell =
        sortedWords({"if",    "then",     "else",  "elif", "fi",  "for",      "while",  "until",
                     "do",    "done",     "case",  "esac", "in",  "function", "return", "export",
                     "local", "set",      "unset", "echo", "cd",  "exit",     "source", "true",
                     "false", "readonly", "shift", "trap", "test"});
    static const std::vector<QLatin1String> cpp = sortedWords(
        {"auto",     "bool",       "break",    "case",     "catch",   "char",      "class",
         "const",    "constexpr",  "continue", "default",  "delete",  "do",        "double",
         "else",     "enum",       "explicit", "extern",   "false",   "float",     "for",
         "friend",   "if",         "inline",   "int",      "long",    "namespace", "new",
         "noexcept", "nullptr",    "operator", "override", "private", "protected", "public",
         "return",   "short",      "signed",   "sizeof",   "static",  "struct",    "switch",
         "template", "this",       "throw",    "true",     "try",     "typedef",   "typename",
         "union",    "unsigned",   "using",    "virtual",  "void",    "volatile",  "while",
         "fn",       "let",        "mut",      "impl",     "pub",     "use",       "mod",
         "func",     "package",    "import",   "var",      "type",    "interface", "final",
         "extends",  "implements", "match",    "self",     "Self",    "trait",     "where"});
    static const std::vector<QLatin1String> python = sortedWords(
        {"and",      "as",     "assert", "async",  "await",  "break",  "class",   "continue",
         "def",      "del",    "elif",   "else",   "except", "False",  "finally", "for",
         "from",     "global", "if",     "import", "in",     "is",     "lambda",  "None",
         "nonlocal", "not",    "or",     "pass",   "raise",  "return", "True",    "try",
         "while",    "with",   "yield",  "self"});
    static const std::vector<QLatin1String> js = sortedWords(
        {"async",   "await",  "break",    "case", "catch",  "class",   "const",      "continue",
         "default", "delete", "do",       "else", "export", "extends", "false",      "finally",
         "for",     "from",   "function", "if",   "import", "in",      "instanceof", "interface",
         "let",     "new",    "null",     "of",   "return", "static",  "super",      "switch",
         "this",    "throw",  "true",     "try",  "type",   "typeof",  "undefined",  "var",
         "void",    "while",  "yield"});
    static const std::vector<QLatin1String> yaml =
        sortedWords({"true", "false", "null", "yes", "no", "on", "off"});
    static const std::vector<QLatin1String> none;
    switch (lang) {
    case Lang::Json:
        return json;
    case Lang::Shell:
        return shell;
    case Lang::Cpp:
        return cpp;
    case Lang::Python:
        return python;
    case Lang::JavaScript:
        return js;
    case Lang::Yaml:
        return yaml;
    case Lang::Diff:
    case Lang::None:
        break;
    }
    return none;
}

} // namespace

BuiltinHighlighter::Lang BuiltinHighlighter::langFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("json"))
        return Lang::Json;
    if (n == QLatin1String("bash") || n == QLatin1String("shell") || n == QLatin1String("sh") ||
        n == QLatin1String("zsh"))
        return Lang::Shell;
    if (n == QLatin1String("c++") || n == QLatin1String("c") || n == QLatin1String("cpp") ||
        n == QLatin1String("rust") || n == QLatin1String("go") || n == QLatin1String("java") ||
        n == QLatin1String("qml"))
        return Lang::Cpp;
    if (n == QLatin1String("python"))
        return Lang::Python;
    if (n.startsWith(QLatin1String("javascript")) || n.startsWith(QLatin1String("typescript")))
        return Lang::JavaScript;
    if (n == QLatin1String("yaml") || n == QLatin1String("toml") || n == QLatin1String("ini files"))
        return Lang::Yaml;
    if (n == QLatin1String("diff"))
        return Lang::Diff;
    return Lang::None;
}

BuiltinHighlighter::BuiltinHighlighter(QTextDocument *doc, Lang lang, const QPalette &palette)
    : QSyntaxHighlighter(doc), m_lang(lang), m_words(keywords(lang))
{
    const bool dark = Highlighter::isDark(palette);
    // Hues chosen per palette darkness so they read on either background.
    const auto pick = [dark](const char *light, const char *darkColor) {
        return QColor(QLatin1String(dark ? darkColor : light));
    };
    fmt(Fmt::Keyword).setForeground(pick("#8e24aa", "#c792ea"));
    fmt(Fmt::String).setForeground(pick("#2e7d32", "#a5d6a7"));
    fmt(Fmt::Number).setForeground(pick("#c2185b", "#f78c6c"));
    fmt(Fmt::Key).setForeground(pick("#1565c0", "#82aaff"));
    fmt(Fmt::Preprocessor).setForeground(pick("#00838f", "#89ddff"));
    fmt(Fmt::Variable).setForeground(pick("#ad5700", "#ffcb6b"));
    fmt(Fmt::Comment)
        .setForeground(mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45));
    fmt(Fmt::Comment).setFontItalic(true);
    const QColor base = palette.color(QPalette::Base);
    fmt(Fmt::Added).setForeground(pick("#1b5e20", "#a5d6a7"));
    fmt(Fmt::Added).setBackground(mix(base, QColor(QLatin1String("#4caf50")), dark ? 0.18 : 0.12));
    fmt(Fmt::Removed).setForeground(pick("#b71c1c", "#ef9a9a"));
    fmt(Fmt::Removed)
        .setBackground(mix(base, QColor(QLatin1String("#f44336")), dark ? 0.18 : 0.10));
    fmt(Fmt::Hunk).setForeground(pick("#1565c0", "#82aaff"));
}

bool BuiltinHighlighter::isKeyword(QStringView word) const
{
    struct Less
    {
        bool operator()(QLatin1String a, QStringView b) const { return b.compare(a) > 0; }
        bool operator()(QStringView a, QLatin1String b) const { return a.compare(b) < 0; }
    };
    return std::binary_search(m_words.begin(), m_words.end(), word, Less{});
}

void BuiltinHighlighter::highlightDiff(const QString &text)
{
    if (text.startsWith(QLatin1String("@@")))
        setFormat(0, int(text.size()), fmt(Fmt::Hunk));
    else if (text.startsWith(QLatin1Char('+')))
        setFormat(0, int(text.size()), fmt(Fmt::Added));
    else if (text.startsWith(QLatin1Char('-')))
        setFormat(0, int(text.size()), fmt(Fmt::Removed));
}

// Continues a construct left open by the previous line; returns where plain code resumes
// (text.size() when it is still open, with the block state set).
int BuiltinHighlighter::closeBlock(const QString &text, int from, int searchFrom, BlockState state)
{
    const QLatin1String end(state == InBlockComment   ? "*/"
                            : state == InTripleDouble ? "\"\"\""
                                                      : "'''");
    const int at = int(text.indexOf(end, searchFrom));
    const int stop = at < 0 ? int(text.size()) : at + int(end.size());
    setFormat(from, stop - from, fmt(state == InBlockComment ? Fmt::Comment : Fmt::String));
    if (at < 0)
        setCurrentBlockState(state);
    return stop;
}

int BuiltinHighlighter::scanString(const QString &text, int i)
{
    const QChar quote = text.at(i);
    int j = i + 1;
    while (j < text.size()) {
        const QChar c = text.at(j);
        const bool escapes = !(quote == QLatin1Char('\'') && m_lang == Lang::Shell);
        if (c == QLatin1Char('\\') && escapes && j + 1 < text.size()) {
            j += 2;
            continue;
        }
        ++j;
        if (c == quote)
            break;
    }
    return j;
}

bool BuiltinHighlighter::lineCommentAt(const QString &text, int i) const
{
    const QChar c = text.at(i);
    switch (m_lang) {
    case Lang::Cpp:
    case Lang::JavaScript:
        return c == QLatin1Char('/') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('/');
    case Lang::Shell:
    case Lang::Yaml:
        return c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace());
    case Lang::Python:
        return c == QLatin1Char('#');
    case Lang::Json:
    case Lang::Diff:
    case Lang::None:
        break;
    }
    return false;
}

void BuiltinHighlighter::highlightBlock(const QString &text)
{
    if (m_lang == Lang::Diff) {
        highlightDiff(text);
        return;
    }
    setCurrentBlockState(Plain);
    const int n = int(text.size());
    int i = 0;
    const int prev = previousBlockState();
    if (prev == InBlockComment || prev == InTripleDouble || prev == InTripleSingle) {
        i = closeBlock(text, 0, 0, BlockState(prev));
        if (currentBlockState() != Plain)
            return;
    }
    const bool cLike = m_lang == Lang::Cpp || m_lang == Lang::JavaScript;
    bool lineStart = true; // only spaces so far
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (lineCommentAt(text, i)) {
            setFormat(i, n - i, fmt(Fmt::Comment));
            return;
        }
        if (m_lang == Lang::Cpp && lineStart && c == QLatin1Char('#')) {
            setFormat(i, n - i, fmt(Fmt::Preprocessor));
            return;
        }
        lineStart = false;
        if (cLike && c == QLatin1Char('/') && i + 1 < n && text.at(i + 1) == QLatin1Char('*')) {
            i = closeBlock(text, i, i + 2, InBlockComment);
            if (currentBlockState() != Plain)
                return;
            continue;
        }
        if (m_lang == Lang::Python && (c == QLatin1Char('"') || c == QLatin1Char('\'')) &&
            QStringView(text).mid(i, 3) == QString(3, c)) {
            const BlockState st = c == QLatin1Char('"') ? InTripleDouble : InTripleSingle;
            const int at = int(text.indexOf(QString(3, c), i + 3));
            if (at < 0) {
                setFormat(i, n - i, fmt(Fmt::String));
                setCurrentBlockState(st);
                return;
            }
            setFormat(i, at + 3 - i, fmt(Fmt::String));
            i = at + 3;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') ||
            (c == QLatin1Char('`') && (m_lang == Lang::JavaScript || m_lang == Lang::Shell))) {
            const int j = scanString(text, i);
            int k = j;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool key = (m_lang == Lang::Json || m_lang == Lang::Yaml) && k < n &&
                             text.at(k) == QLatin1Char(':');
            setFormat(i, j - i, fmt(key ? Fmt::Key : Fmt::String));
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('-') && m_lang == Lang::Json && i + 1 < n &&
                            text.at(i + 1).isDigit())) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('.') ||
                             text.at(j) == QLatin1Char('_')))
                ++j;
            setFormat(i, j - i, fmt(Fmt::Number));
            i = j;
            continue;
        }
        if (m_lang == Lang::Shell && c == QLatin1Char('$') && i + 1 < n) {
            int j = i + 1;
            if (text.at(j) == QLatin1Char('{')) {
                const int close = int(text.indexOf(QLatin1Char('}'), j));
                j = close < 0 ? n : close + 1;
            } else {
                while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_')))
                    ++j;
                if (j == i + 1 && j < n) // $?, $#, $@ ...
                    ++j;
            }
            setFormat(i, j - i, fmt(Fmt::Variable));
            i = j;
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_') ||
                             (m_lang == Lang::Yaml && text.at(j) == QLatin1Char('-'))))
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (m_lang == Lang::Yaml && j < n && text.at(j) == QLatin1Char(':'))
                setFormat(i, j - i, fmt(Fmt::Key));
            else if (isKeyword(word))
                setFormat(i, j - i, fmt(Fmt::Keyword));
            i = j;
            continue;
        }
        ++i;
    }
}

} // namespace chorus
