#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <atomic>

namespace chorus {

// What an agent's branch changed: the branch's head against its merge base with the target
// (what a merge would bring in), as files -> hunks -> lines. Everything here is plain data,
// computed by free functions that open their own repository handle, so they can run on any
// thread; each takes an optional cancel flag that is polled between files/hunks.

struct DiffRange // a changed span inside a line, in UTF-16 code units of DiffLine::text
{
    int start = 0;
    int length = 0;
};

struct DiffLine
{
    // NoNewlineAtEnd is git's "\ No newline at end of file" marker after the last line of a
    // side; its oldLine/newLine repeat that line's numbers on the side(s) it applies to.
    enum Kind : quint8 { Context, Added, Removed, NoNewlineAtEnd };
    Kind kind = Context;
    int oldLine = 0; // 1-based; 0 when the line is not on that side
    int newLine = 0;
    QString text;    // without the line ending ("\n" or "\r\n"); invalid UTF-8 becomes U+FFFD
    QList<DiffRange> changed; // intra-line changes (Added/Removed lines paired with a counterpart)
};

struct DiffHunk
{
    int oldStart = 0, oldLines = 0, newStart = 0, newLines = 0;
    QString header; // the "@@ ... @@ context" line
    QList<DiffLine> lines;
};

struct FileDiff
{
    enum Status : quint8 { Added, Deleted, Modified, Renamed, Copied, TypeChanged };
    Status status = Modified;
    QString oldPath, newPath; // oldPath is empty for Added, newPath for Deleted
    quint32 oldMode = 0, newMode = 0; // 0100644, 0100755, 0120000 (link), 0160000 (submodule)
    bool binary = false;
    int similarity = 0; // renames/copies, percent
    int additions = 0, deletions = 0;
    QString oldBlob, newBlob; // the two versions' blob ids (empty where a side has none)
    QList<DiffHunk> hunks; // filled by diffFile() (and by a DiffDetail::Patch summary)

    QString path() const { return newPath.isEmpty() ? oldPath : newPath; }
    bool modeChanged() const { return oldMode && newMode && oldMode != newMode; }
};

struct DiffSummary
{
    QString repo;       // work tree root of the repository
    QString branch;     // what is reviewed (a branch name or any rev)
    QString target;     // what it would merge into
    QString headCommit; // the branch's head
    QString baseCommit; // merge base of branch and target (the old side of every file)
    QList<FileDiff> files; // sorted by path, without hunks
    int additions = 0, deletions = 0;
};

// The files changed on `branch` since its merge base with `target` (rename detection on),
// with per-file +/- counts; with DiffDetail::Patch also every text file's hunks (3 lines of
// context, as diffFile() gives them), in the same pass. A cancelled call returns an error
// whose message says so.
enum class DiffDetail { Summary, Patch };
Result<DiffSummary> diffBranch(const QString &repoPath, const QString &branch, const QString &target,
                               const std::atomic_bool *cancel = nullptr,
                               DiffDetail detail = DiffDetail::Summary);

// One file of a summary with all its hunks and intra-line ranges. `contextLines` around each
// change (3 like git; a large number gives the whole file, for unfolding).
Result<FileDiff> diffFile(const QString &repoPath, const QString &baseCommit, const QString &headCommit,
                          const QString &path, int contextLines = 3, const std::atomic_bool *cancel = nullptr);

// Intra-line change ranges for a removed/added pair of lines: the common prefix and suffix are
// unchanged, the rest is marked (on word boundaries when that keeps it readable).
void markIntraLine(DiffLine &removed, DiffLine &added);

// Side-by-side rows of a hunk: removed and added runs are paired up line by line; unpaired
// lines leave the other side empty (index -1). Indices point into hunk.lines.
struct SideBySideRow
{
    int left = -1;
    int right = -1;
};
QList<SideBySideRow> sideBySide(const DiffHunk &hunk);

} // namespace chorus
