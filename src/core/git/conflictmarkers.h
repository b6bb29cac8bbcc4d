#pragma once

#include "git/threeway.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace chorus {

// The result of a three-way merge as the user edits it: unresolved conflicts appear as
// git-style marker blocks,
//
//   <<<<<<< main (target) #2
//   the target's lines
//   =======
//   the agent's lines
//   >>>>>>> chorus/x (agent) #2
//
// where #2 is the conflict's number (1-based, in ThreeWayMerge::conflicts() order). The text
// is the truth: a file counts as resolved once no marker line is left in it, however the
// user got there. Pure functions, no widgets.

struct MarkerLabels
{
    QString ours;   // e.g. "main (target)"
    QString theirs; // e.g. "chorus/x (agent)"
};

// The merge with the conflicts in `takes` (by chunk index) resolved and the others as
// marker blocks. Line endings are the merge's (ThreeWayMerge::lineEnding()).
QString renderWithMarkers(const ThreeWayMerge &merge, const QHash<int, Take> &takes,
                          const MarkerLabels &labels);

struct MarkerBlock
{
    qsizetype start = 0; // where the opening marker line starts
    qsizetype end = 0;   // after the closing marker line (and its terminator), or the text's end
    int number = 0;      // the #N of the opening line; 0 when it has none
    QString ours;        // the lines between the opening marker and ======= (or |||||||)
    QString theirs;      // the lines between ======= and the closing marker
    bool closed = false; // a closing marker was found
};

// The marker-like lines ("<<<<<<<...", ">>>>>>>...", without terminator) a text has of its
// own: in a file that contains such lines anyway they are not conflicts.
QSet<QString> markerLikeLines(const QString &text);

// The marker blocks of `text`, in order. Opening lines in `own` are not markers.
QList<MarkerBlock> findMarkerBlocks(const QString &text, const QSet<QString> &own = {});

// True when `text` has a conflict marker line ("<<<<<<<" or ">>>>>>>") that is not in `own`.
// This is what stops an unresolved conflict from being saved.
bool hasConflictMarkers(const QString &text, const QSet<QString> &own = {});

// Text as an editor holds it (QTextDocument): "\r\n" becomes "\n".
QString toEditorText(const QString &text);
// Editor text back to the file's line endings.
QString fromEditorText(const QString &text, const QString &eol);

} // namespace chorus
