#pragma once

#include <QString>

namespace chorus {

// The first line of `text` that is not blank, trimmed: a task's or a message's headline (the
// agent list, `chorus status`, notifications, commit messages, a pull request's title). Longer
// than `max` characters (max > 0), it is cut with "…".
QString firstLine(const QString &text, int max = 0);

// The text's first line with " …" after it when more lines follow: a one-line summary of a
// block that can be opened (the console's rows, Review's task header).
QString summaryLine(const QString &text);

} // namespace chorus
