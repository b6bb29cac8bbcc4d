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
#include "widgets/builtinhighlighter.h"
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
    {"json", "JSON"},
    {"jsonl", "JSON"},
    {"sh", "Bash"},
    {"bash", "Bash"},
    {"zsh", "Zsh"},
    {"c", "C"},
    {"h", "C++"},
    {"cc", "C++"},
    {"cpp", "C++"},
    {"cxx", "C++"},
    {"hpp", "C++"},
    {"hh", "C++"},
    {"py", "Python"},
    {"js", "JavaScript"},
    {"mjs", "JavaScript"},
    {"cjs", "JavaScript"},
    {"jsx", "JavaScript React (JSX)"},
    {"ts", "TypeScript"},
    {"tsx", "TypeScript React (TSX)"},
    {"yaml", "YAML"},
    {"yml", "YAML"},
    {"diff", "Diff"},
    {"patch", "Diff"},
    {"md", "Markdown"},
    {"rs", "Rust"},
    {"go", "Go"},
    {"java", "Java"},
    {"cmake", "CMake"},
    {"toml", "TOML"},
    {"xml", "XML"},
    {"html", "HTML"},
    {"css", "CSS"},
    {"sql", "SQL"},
    {"qml", "QML"},
    {"ini", "INI Files"},
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

QString Highlighter::languageForFence(const QString &info)
{
    // The info string's first word ("```python title=x.py" is Python).
    const QString word = info.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    if (word.isEmpty())
        return {};
    struct Alias
    {
        const char *name;
        const char *language;
    };
    static constexpr Alias kAliases[] = {
        {"shell", "Bash"},
        {"console", "Bash"},
        {"shellsession", "Bash"},
        {"javascript", "JavaScript"},
        {"typescript", "TypeScript"},
        {"python3", "Python"},
        {"c++", "C++"},
        {"golang", "Go"},
        {"patch", "Diff"},
    };
    for (const Alias &a : kAliases)
        if (word == QLatin1String(a.name))
            return QLatin1String(a.language);
    for (const Extension &e : kExtensions)
        if (word == QLatin1String(e.suffix) ||
            word.compare(QLatin1String(e.language), Qt::CaseInsensitive) == 0)
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
    const KSyntaxHighlighting::Definition def = language.isEmpty()
                                                    ? repo.definitionForFileName(fileName)
                                                    : repo.definitionForName(language);
    if (!def.isValid())
        return false;
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(doc);
    highlighter->setTheme(repo.defaultTheme(isDark(palette)
                                                ? KSyntaxHighlighting::Repository::DarkTheme
                                                : KSyntaxHighlighting::Repository::LightTheme));
    highlighter->setDefinition(def); // highlights what the document already holds, now
    return true;
}

#else // the built-in highlighter

bool Highlighter::attach(QTextDocument *doc, const QString &language, const QString &fileName,
                         const QPalette &palette)
{
    using Lang = BuiltinHighlighter::Lang;
    const Lang lang = BuiltinHighlighter::langFromName(
        language.isEmpty() ? languageForFileName(fileName) : language);
    if (lang == Lang::None)
        return false;
    auto *highlighter = new BuiltinHighlighter(doc, lang, palette);
    if (!doc->isEmpty())
        highlighter->rehighlight(); // now, not on the next turn of the event loop
    return true;
}

#endif

} // namespace chorus
