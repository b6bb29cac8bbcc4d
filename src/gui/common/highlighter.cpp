#include "highlighter.h"

#include <QFileInfo>
#include <QPalette>
#include <QTextDocument>

#ifdef CHORUS_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#else
#include <QSyntaxHighlighter>

#include <algorithm>
#include <array>
#include <vector>
#endif

namespace chorus {

namespace {

struct Extension
{
    const char *suffix;
    const char *language;
};

// Suffixes (lower case) to the language names KSyntaxHighlighting uses.
constexpr Extension kExtensions[] = {
    {"json", "JSON"},     {"jsonl", "JSON"},        {"sh", "Bash"},       {"bash", "Bash"},
    {"zsh", "Zsh"},       {"c", "C"},               {"h", "C++"},         {"cc", "C++"},
    {"cpp", "C++"},       {"cxx", "C++"},           {"hpp", "C++"},       {"hh", "C++"},
    {"py", "Python"},     {"js", "JavaScript"},     {"mjs", "JavaScript"}, {"cjs", "JavaScript"},
    {"jsx", "JavaScript React (JSX)"}, {"ts", "TypeScript"}, {"tsx", "TypeScript React (TSX)"},
    {"yaml", "YAML"},     {"yml", "YAML"},          {"diff", "Diff"},     {"patch", "Diff"},
    {"md", "Markdown"},   {"rs", "Rust"},           {"go", "Go"},         {"java", "Java"},
    {"cmake", "CMake"},   {"toml", "TOML"},         {"xml", "XML"},       {"html", "HTML"},
    {"css", "CSS"},       {"sql", "SQL"},           {"qml", "QML"},       {"ini", "INI Files"},
};

} // namespace

bool Highlighter::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QString Highlighter::languageForFileName(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (info.fileName() == QLatin1String("CMakeLists.txt"))
        return QStringLiteral("CMake");
    if (info.fileName() == QLatin1String("Makefile"))
        return QStringLiteral("Makefile");
    const QString suffix = info.suffix().toLower();
    for (const Extension &e : kExtensions)
        if (suffix == QLatin1String(e.suffix))
            return QLatin1String(e.language);
    return {};
}

#ifdef CHORUS_HAVE_KSYNTAXHIGHLIGHTING

namespace {
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
} // namespace

bool Highlighter::attach(QTextDocument *doc, const QString &language, const QString &fileName,
                         const QPalette &palette)
{
    KSyntaxHighlighting::Repository &repo = repository();
    const KSyntaxHighlighting::Definition def =
        language.isEmpty() ? repo.definitionForFileName(fileName) : repo.definitionForName(language);
    if (!def.isValid())
        return false;
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(doc);
    highlighter->setTheme(repo.defaultTheme(isDark(palette) ? KSyntaxHighlighting::Repository::DarkTheme
                                                            : KSyntaxHighlighting::Repository::LightTheme));
    highlighter->setDefinition(def);
    return true;
}

#else // the built-in highlighter

namespace {

enum class Lang { None, Json, Shell, Cpp, Python, JavaScript, Yaml, Diff };
enum class Fmt { Keyword, String, Comment, Number, Key, Preprocessor, Variable, Added, Removed, Hunk, Count };
enum BlockState { Plain = 0, InBlockComment = 1, InTripleDouble = 2, InTripleSingle = 3 };

Lang langFromName(const QString &name)
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
    static const std::vector<QLatin1String> shell = sortedWords(
        {"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
         "function", "return", "export", "local", "set", "unset", "echo", "cd", "exit", "source", "true",
         "false", "readonly", "shift", "trap", "test"});
    static const std::vector<QLatin1String> cpp = sortedWords(
        {"auto", "bool", "break", "case", "catch", "char", "class", "const", "constexpr", "continue",
         "default", "delete", "do", "double", "else", "enum", "explicit", "extern", "false", "float",
         "for", "friend", "if", "inline", "int", "long", "namespace", "new", "noexcept", "nullptr",
         "operator", "override", "private", "protected", "public", "return", "short", "signed", "sizeof",
         "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typename",
         "union", "unsigned", "using", "virtual", "void", "volatile", "while", "fn", "let", "mut", "impl",
         "pub", "use", "mod", "func", "package", "import", "var", "type", "interface", "final", "extends",
         "implements", "match", "self", "Self", "trait", "where"});
    static const std::vector<QLatin1String> python = sortedWords(
        {"and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
         "else", "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is",
         "lambda", "None", "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while",
         "with", "yield", "self"});
    static const std::vector<QLatin1String> js = sortedWords(
        {"async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete",
         "do", "else", "export", "extends", "false", "finally", "for", "from", "function", "if", "import",
         "in", "instanceof", "interface", "let", "new", "null", "of", "return", "static", "super", "switch",
         "this", "throw", "true", "try", "type", "typeof", "undefined", "var", "void", "while", "yield"});
    static const std::vector<QLatin1String> yaml = sortedWords({"true", "false", "null", "yes", "no", "on", "off"});
    static const std::vector<QLatin1String> none;
    switch (lang) {
    case Lang::Json: return json;
    case Lang::Shell: return shell;
    case Lang::Cpp: return cpp;
    case Lang::Python: return python;
    case Lang::JavaScript: return js;
    case Lang::Yaml: return yaml;
    case Lang::Diff:
    case Lang::None: break;
    }
    return none;
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

class BuiltinHighlighter final : public QSyntaxHighlighter
{
public:
    BuiltinHighlighter(QTextDocument *doc, Lang lang, const QPalette &palette)
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
        fmt(Fmt::Comment).setForeground(mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45));
        fmt(Fmt::Comment).setFontItalic(true);
        const QColor base = palette.color(QPalette::Base);
        fmt(Fmt::Added).setForeground(pick("#1b5e20", "#a5d6a7"));
        fmt(Fmt::Added).setBackground(mix(base, QColor(QLatin1String("#4caf50")), dark ? 0.18 : 0.12));
        fmt(Fmt::Removed).setForeground(pick("#b71c1c", "#ef9a9a"));
        fmt(Fmt::Removed).setBackground(mix(base, QColor(QLatin1String("#f44336")), dark ? 0.18 : 0.10));
        fmt(Fmt::Hunk).setForeground(pick("#1565c0", "#82aaff"));
    }

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat &fmt(Fmt f) { return m_formats[size_t(f)]; }
    bool isKeyword(QStringView word) const
    {
        struct Less
        {
            bool operator()(QLatin1String a, QStringView b) const { return b.compare(a) > 0; }
            bool operator()(QStringView a, QLatin1String b) const { return a.compare(b) < 0; }
        };
        return std::binary_search(m_words.begin(), m_words.end(), word, Less{});
    }
    void highlightDiff(const QString &text);
    int closeBlock(const QString &text, int from, int searchFrom, BlockState state);
    int scanString(const QString &text, int i);
    bool lineCommentAt(const QString &text, int i) const;

    Lang m_lang;
    const std::vector<QLatin1String> &m_words;
    std::array<QTextCharFormat, size_t(Fmt::Count)> m_formats;
};

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
    const QLatin1String end(state == InBlockComment ? "*/" : state == InTripleDouble ? "\"\"\"" : "'''");
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
    case Lang::None: break;
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
            const bool key = (m_lang == Lang::Json || m_lang == Lang::Yaml) && k < n && text.at(k) == QLatin1Char(':');
            setFormat(i, j - i, fmt(key ? Fmt::Key : Fmt::String));
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('-') && m_lang == Lang::Json && i + 1 < n && text.at(i + 1).isDigit())) {
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

} // namespace

bool Highlighter::attach(QTextDocument *doc, const QString &language, const QString &fileName,
                         const QPalette &palette)
{
    const Lang lang = langFromName(language.isEmpty() ? languageForFileName(fileName) : language);
    if (lang == Lang::None)
        return false;
    new BuiltinHighlighter(doc, lang, palette);
    return true;
}

#endif

} // namespace chorus
