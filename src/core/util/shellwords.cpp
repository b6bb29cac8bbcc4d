#include "util/shellwords.h"

#include <QCoreApplication>

#include <algorithm>

namespace chorus {

namespace {
class ShellText
{
    Q_DECLARE_TR_FUNCTIONS(ShellWords)
};
} // namespace

Result<QStringList> splitShellWords(const QString &command)
{
    QStringList words;
    QString word;
    bool inWord = false;
    const qsizetype n = command.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = command.at(i);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\\')) {
            if (i + 1 >= n)
                return makeError(ShellText::tr("the command ends with a lone backslash"),
                                 ShellText::tr("column %1").arg(i + 1), ShellText::tr("Remove it or quote it."));
            if (command.at(i + 1) != QLatin1Char('\n')) // backslash-newline joins lines
                word += command.at(i + 1);
            ++i;
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = command.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0)
                return makeError(ShellText::tr("a single quote is not closed"), ShellText::tr("column %1").arg(i + 1),
                                 ShellText::tr("Close it with another '."));
            word += command.mid(i + 1, end - i - 1);
            i = end;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            for (; j < n && command.at(j) != QLatin1Char('"'); ++j) {
                if (command.at(j) == QLatin1Char('\\') && j + 1 < n &&
                    QStringLiteral("\"\\$`\n").contains(command.at(j + 1))) {
                    if (command.at(j + 1) != QLatin1Char('\n'))
                        word += command.at(j + 1);
                    ++j;
                } else {
                    word += command.at(j);
                }
            }
            if (j >= n)
                return makeError(ShellText::tr("a double quote is not closed"), ShellText::tr("column %1").arg(i + 1),
                                 ShellText::tr("Close it with another \"."));
            i = j;
        } else {
            word += c;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QString joinShellWords(const QStringList &words)
{
    static const QString safe = QStringLiteral("@%+=:,./-_{}");
    QStringList out;
    out.reserve(words.size());
    for (const QString &w : words) {
        const bool plain = !w.isEmpty() && std::all_of(w.cbegin(), w.cend(), [](QChar c) {
            return (c.unicode() < 128 && c.isLetterOrNumber()) || safe.contains(c);
        });
        if (plain) {
            out << w;
            continue;
        }
        QString quoted = w;
        quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
        out << QLatin1Char('\'') + quoted + QLatin1Char('\'');
    }
    return out.join(QLatin1Char(' '));
}

} // namespace chorus
