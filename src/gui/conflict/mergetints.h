#pragma once

#include "git/conflictmarkers.h"
#include "git/threeway.h"

#include <QList>
#include <QPalette>
#include <QTextEdit>

class QTextDocument;

namespace chorus {

// The line tints of the merge view, from the palette (light and dark alike): the target's
// changes blue, the agent's green, changes both made violet, conflicts orange (the current
// one stronger).
namespace mergetints {

// The base, target and agent panes (docs and out in that order): every changed chunk of the
// merge on the sides it concerns. currentNumber: the #N of the current conflict, 0 for none.
void paneTints(const ThreeWayMerge &merge, int currentNumber, QTextDocument *const docs[3], const QPalette &palette,
               QList<QTextEdit::ExtraSelection> out[3]);

// The result: marker lines in the conflict tint, the target's section of a block in its tint,
// the agent's in its. current: the index of the current block, -1 for none.
QList<QTextEdit::ExtraSelection> resultTints(QTextDocument *doc, const QList<MarkerBlock> &blocks, int current,
                                             const QPalette &palette);

} // namespace mergetints

} // namespace chorus
