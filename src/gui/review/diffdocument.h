#pragma once

#include "git/diff.h"
#include "review/reviewcomment.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace chorus {

// One row of the diff view.
struct DiffRow
{
    enum Kind : quint8 {
        Hunk,    // a hunk's "@@ … @@" header, nothing hidden before it
        Fold,    // unchanged lines hidden before hunk `hunk` (or at the end): click to expand
        Line,    // a line (unified) or a pair of lines (side by side)
        Comment, // a reviewer's comment under the line it is about
        Editor,  // the comment editor, under its line
    };
    Kind kind = Line;
    bool changeStart = false; // Line: the first row of a block of added/removed lines
    ReviewComment::Side side = ReviewComment::New; // Comment, Editor: the half it belongs to
    int left = -1;    // Line: unified: the line (index into lines()); side by side: the old side's
    int right = -1;   // Line, side by side: the new side's line; -1 where a side has none
    int hunk = -1;    // Hunk, Fold: the hunk the row stands before (hunk count: the file's end)
    int count = 0;    // Fold: unchanged lines hidden; 0 when not known yet (the rest of the file)
    int comment = -1; // Comment: index into comments(); Editor: the comment edited, -1: a new one
};

// The rows a DiffView paints for one file: hunks, folded unchanged regions, lines paired for
// side-by-side, comments and the comment editor, and where each block of changes starts.
// Plain data built from a FileDiff (no widgets), so tests can check exactly what is shown.
class DiffDocument
{
public:
    enum class Mode { Unified, SideBySide };

    DiffDocument() = default;
    explicit DiffDocument(FileDiff file, Mode mode = Mode::Unified);

    const FileDiff &file() const { return m_file; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // Every line shown, in order: the hunks' lines and any expanded context.
    const QList<DiffLine> &lines() const { return m_lines; }
    const QList<DiffRow> &rows() const { return m_rows; }
    int rowCount() const { return int(m_rows.size()); }
    const DiffRow &row(int i) const { return m_rows[i]; }
    // The line of a Line row on one side (unified: the row's line when it exists on that side;
    // a context line exists on both). nullptr when that side has none.
    const DiffLine *line(int row, ReviewComment::Side side) const;
    // The row showing line `number` of a side, or -1.
    int rowOfLine(ReviewComment::Side side, int number) const;

    // Unchanged regions. Gap g lies before hunk g; gap hunkCount() after the last hunk.
    int hunkCount() const { return int(m_file.hunks.size()); }
    // Whether the whole file's text is known (setFullText), so any gap can be expanded.
    bool hasFullText() const { return m_hasFull; }
    // `whole` is the same file diffed with a context larger than the file (diffFile).
    void setFullText(const FileDiff &whole);
    // Shows the unchanged lines of a gap. False without the full text: load it, then call again.
    bool expand(int gap);

    // Comments of this file (ReviewStore) shown under their lines; comments whose line is not
    // in the diff any more come first.
    void setComments(const QList<ReviewComment> &comments);
    const QList<ReviewComment> &comments() const { return m_comments; }
    // The editor row under a line, for a new comment (commentId empty) or in place of one.
    void openEditor(ReviewComment::Side side, int line, const QString &commentId = {});
    void closeEditor();
    bool hasEditor() const { return m_editorLine > 0; }
    ReviewComment::Side editorSide() const { return m_editorSide; }
    int editorLine() const { return m_editorLine; }
    QString editorCommentId() const { return m_editorComment; }
    int editorRow() const;

    // Navigation between blocks of changes: the next/previous block's first row, or -1.
    int nextChange(int fromRow) const;
    int previousChange(int fromRow) const;
    QList<int> changeStarts() const;

    static bool isChange(const DiffLine &line)
    {
        return line.kind == DiffLine::Added || line.kind == DiffLine::Removed;
    }

private:
    struct Gap
    {
        int oldStart = 1;
        int count = 0; // 0 with `unknown`: the rest of the file
        bool unknown = false;
    };
    Gap gap(int g) const;
    QList<DiffLine> gapLines(const Gap &gap) const;
    void rebuild();
    void appendLineRows(const QList<DiffLine> &lines, QList<SideBySideRow> pairs,
                        QList<DiffRow> &out);
    void placeComments(const QList<DiffRow> &base);

    FileDiff m_file;
    Mode m_mode = Mode::Unified;
    QList<DiffLine> m_full; // the whole file's lines, when known
    bool m_hasFull = false;
    QSet<int> m_expanded;
    QList<ReviewComment> m_comments;
    ReviewComment::Side m_editorSide = ReviewComment::New;
    int m_editorLine = 0;
    QString m_editorComment;

    QList<DiffLine> m_lines;
    QList<DiffRow> m_rows;
    QHash<int, int> m_oldRow; // old line number -> row
    QHash<int, int> m_newRow; // new line number -> row
    QList<int> m_changeStarts;
};

// A fingerprint of what a file's change is (status, paths, modes and the blob ids of both
// versions): known with the file list, different once either version of the file changes.
QString changeFingerprint(const FileDiff &file);

} // namespace chorus
