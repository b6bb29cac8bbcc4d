#pragma once

#include "git/diff.h"

#include <QList>
#include <QTextLayout>

class QPalette;

namespace chorus {

// Syntax colours for the lines of a diff, by the file's type (widgets/highlighter.h). Each side
// is highlighted as one text (context and removed lines for the old side, context and added
// lines for the new), so multi-line constructs inside a hunk come out right.
namespace diffsyntax {
using Formats = QList<QTextLayout::FormatRange>;
// One entry per line of `lines` (empty where nothing applies or the type is unknown).
QList<Formats> highlight(const QList<DiffLine> &lines, const QString &fileName,
                         const QPalette &palette);
} // namespace diffsyntax

} // namespace chorus
