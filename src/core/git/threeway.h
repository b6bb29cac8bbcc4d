#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace chorus {

// A line-based three-way merge (diff3) of a common ancestor ("base") and two versions made
// from it: "ours" (the merge target) and "theirs" (the agent's branch). Pure data, no
// widgets: it runs on any thread.
//
// Each side is diffed against the base. Where only one side changed lines, the merge takes
// that side; where both changed the same or touching base lines (as git does) and the
// results differ, the chunk is a conflict. A conflict is narrowed to the lines the two sides
// disagree on (lines both sides have in the same place become a Both chunk between them).
// Lines keep their terminators ("\n", "\r\n"), so line endings and a missing final newline
// survive the merge byte for byte.

// Lines [start, start + count) of one side.
struct LineRange
{
    int start = 0;
    int count = 0;
    int end() const { return start + count; }
    friend bool operator==(const LineRange &, const LineRange &) = default;
};

struct MergeChunk
{
    enum class Kind {
        Unchanged, // all three agree
        Ours,      // only the target changed these lines: the target's lines are taken
        Theirs,    // only the agent changed them: the agent's lines are taken
        Both,      // both made the same change
        Conflict,  // both changed them differently: the user decides
    };
    Kind kind = Kind::Unchanged;
    LineRange base, ours, theirs;
};

enum class MergeSide { Base, Ours, Theirs };

// How a conflict chunk is resolved by one of the quick choices.
enum class Take { Ours, Theirs, OursThenTheirs, TheirsThenOurs };

// The text split into lines that keep their terminators; the last line may have none.
QStringList splitLines(const QString &text);
// Appends `piece` to `text`, first ending text's last line with `eol` when it has no
// terminator (only a file's last line can lack one), so that lines never run together.
void appendLines(QString *text, const QString &piece, const QString &eol);

class ThreeWayMerge
{
public:
    ThreeWayMerge() = default;
    static ThreeWayMerge compute(const QString &base, const QString &ours, const QString &theirs);

    const QList<MergeChunk> &chunks() const { return m_chunks; }
    const QStringList &lines(MergeSide side) const;
    // The indexes (into chunks()) of the conflicts, in order.
    const QList<int> &conflicts() const { return m_conflicts; }
    int conflictCount() const { return int(m_conflicts.size()); }

    // The lines of a range of one side, joined.
    QString text(MergeSide side, const LineRange &range) const;
    // What a chunk contributes to the merge: its merged text; a conflict chunk needs `take`.
    QString mergedText(int chunk, Take take = Take::Ours) const;
    // The whole merge with every conflict resolved by `take` (mostly for tests).
    QString mergedText(Take allConflicts) const;

    // The line of `to` that corresponds to `line` of `from` (for scrolling the panes together).
    int mapLine(MergeSide from, int line, MergeSide to) const;

    // "\r\n" when most of the lines end so, else "\n".
    QString lineEnding() const { return m_eol; }

private:
    QStringList m_base, m_ours, m_theirs;
    QList<MergeChunk> m_chunks;
    QList<int> m_conflicts; // both found once, by compute()
    QString m_eol = QStringLiteral("\n");
};

// The ranges of a line diff of a against b where a[aStart, aEnd) became b[bStart, bEnd).
struct LineHunk
{
    int aStart = 0, aEnd = 0, bStart = 0, bEnd = 0;
};
// A minimal line diff (Myers), exact on equal lines; falls back to one large hunk beyond a
// few thousand differences.
QList<LineHunk> diffLines(const QStringList &a, const QStringList &b);

} // namespace chorus
