#pragma once

#include "result.h"

#include <QStringList>

namespace chorus {

// Splits a command line into arguments once, by the POSIX shell's quoting rules: blanks
// separate words; '...' is literal; "..." keeps blanks and lets \ escape " \ $ ` and newline;
// \ outside quotes escapes the next character. Nothing is expanded ($VAR, globs, ~) and no
// shell ever runs it. An unterminated quote or a trailing \ is an error naming the column.
Result<QStringList> splitShellWords(const QString &command);

// The inverse, for showing an argument list as one line that splitShellWords() reads back to
// the same list: a word of only safe characters as is, any other in single quotes ('\'' for a
// quote inside), an empty word as ''.
QString joinShellWords(const QStringList &words);

} // namespace chorus
