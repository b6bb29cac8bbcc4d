#include "review/diffdocument.h"

#include <QCryptographicHash>
#include <QMultiMap>

#include <algorithm>

namespace chorus {

namespace {
constexpr int kContext = 3; // the context diffFile() gives by default

// The last line number a hunk covers on the old side (its start when it has none).
int oldEnd(const DiffHunk &h)
{
    return h.oldLines == 0 ? h.oldStart : h.oldStart + h.oldLines - 1;
}

bool onOldSide(const DiffLine &l)
{
    return l.kind == DiffLine::Context || l.kind == DiffLine::Removed;
}

bool onNewSide(const DiffLine &l)
{
    return l.kind == DiffLine::Context || l.kind == DiffLine::Added;
}
} // namespace

DiffDocument::DiffDocument(FileDiff file, Mode mode) : m_file(std::move(file)), m_mode(mode)
{
    rebuild();
}

void DiffDocument::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    rebuild();
}

const DiffLine *DiffDocument::line(int row, ReviewComment::Side side) const
{
    if (row < 0 || row >= m_rows.size() || m_rows[row].kind != DiffRow::Line)
        return nullptr;
    const DiffRow &r = m_rows[row];
    if (m_mode == Mode::SideBySide) {
        const int i = side == ReviewComment::Old ? r.left : r.right;
        return i >= 0 ? &m_lines[i] : nullptr;
    }
    const DiffLine &l = m_lines[r.left];
    if (l.kind == DiffLine::NoNewlineAtEnd)
        return &l;
    const bool there = side == ReviewComment::Old ? onOldSide(l) : onNewSide(l);
    return there ? &l : nullptr;
}

int DiffDocument::rowOfLine(ReviewComment::Side side, int number) const
{
    return (side == ReviewComment::Old ? m_oldRow : m_newRow).value(number, -1);
}

DiffDocument::Gap DiffDocument::gap(int g) const
{
    const QList<DiffHunk> &hunks = m_file.hunks;
    Gap out;
    out.oldStart = g == 0 ? 1 : oldEnd(hunks[g - 1]) + 1;
    if (g < hunks.size()) {
        const DiffHunk &h = hunks[g];
        const int end = h.oldLines == 0 ? h.oldStart : h.oldStart - 1;
        out.count = std::max(0, end - out.oldStart + 1);
        return out;
    }
    if (hunks.isEmpty())
        return out;
    if (m_hasFull) {
        for (const DiffLine &l : m_full)
            if (l.kind == DiffLine::Context && l.oldLine >= out.oldStart)
                ++out.count;
        return out;
    }
    // Without the whole text: xdiff gives up to kContext lines of trailing context; fewer, or
    // the "no newline" marker, mean the file ends there.
    const QList<DiffLine> &last = hunks.constLast().lines;
    int trailing = 0;
    for (qsizetype i = last.size() - 1; i >= 0; --i) {
        if (last[i].kind == DiffLine::NoNewlineAtEnd)
            return out;
        if (last[i].kind != DiffLine::Context)
            break;
        ++trailing;
    }
    out.unknown = trailing >= kContext && m_file.status != FileDiff::Deleted &&
                  m_file.status != FileDiff::Added;
    return out;
}

QList<DiffLine> DiffDocument::gapLines(const Gap &g) const
{
    QList<DiffLine> out;
    const int last = g.oldStart + g.count - 1;
    for (const DiffLine &l : m_full) {
        if (l.oldLine < g.oldStart || l.oldLine > last)
            continue;
        if (l.kind == DiffLine::Context || (l.kind == DiffLine::NoNewlineAtEnd && l.newLine > 0))
            out.append(l);
    }
    return out;
}

void DiffDocument::setFullText(const FileDiff &whole)
{
    m_full.clear();
    for (const DiffHunk &h : whole.hunks)
        m_full.append(h.lines);
    m_hasFull = true;
    rebuild();
}

bool DiffDocument::expand(int g)
{
    if (g < 0 || g > hunkCount())
        return false;
    if (!m_hasFull)
        return false;
    m_expanded.insert(g);
    rebuild();
    return true;
}

void DiffDocument::setComments(const QList<ReviewComment> &comments)
{
    m_comments = comments;
    std::sort(m_comments.begin(), m_comments.end(), ReviewComment::lessThan);
    rebuild();
}

void DiffDocument::openEditor(ReviewComment::Side side, int line, const QString &commentId)
{
    m_editorSide = side;
    m_editorLine = line;
    m_editorComment = commentId;
    rebuild();
}

void DiffDocument::closeEditor()
{
    if (m_editorLine == 0)
        return;
    m_editorLine = 0;
    m_editorComment.clear();
    rebuild();
}

int DiffDocument::editorRow() const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].kind == DiffRow::Editor)
            return i;
    return -1;
}

void DiffDocument::appendLineRows(const QList<DiffLine> &lines, QList<SideBySideRow> pairs,
                                  QList<DiffRow> &out)
{
    const int offset = int(m_lines.size());
    m_lines.append(lines);
    if (m_mode == Mode::Unified) {
        for (int i = 0; i < lines.size(); ++i) {
            DiffRow r;
            r.left = offset + i;
            out.append(r);
        }
        return;
    }
    for (const SideBySideRow &p : pairs) {
        DiffRow r;
        r.left = p.left >= 0 ? offset + p.left : -1;
        r.right = p.right >= 0 ? offset + p.right : -1;
        out.append(r);
    }
}

void DiffDocument::rebuild()
{
    m_lines.clear();
    QList<DiffRow> base;
    const QList<DiffHunk> &hunks = m_file.hunks;
    auto contextPairs = [](qsizetype n) {
        QList<SideBySideRow> pairs;
        for (int i = 0; i < n; ++i)
            pairs.append({i, i});
        return pairs;
    };
    auto addGap = [&](int g) -> bool { // true when the gap's lines were shown
        const Gap gp = gap(g);
        if (gp.count == 0 && !gp.unknown)
            return false;
        if (m_expanded.contains(g) && m_hasFull) {
            const QList<DiffLine> lines = gapLines(gp);
            appendLineRows(lines, contextPairs(lines.size()), base);
            return true;
        }
        DiffRow r;
        r.kind = DiffRow::Fold;
        r.hunk = g;
        r.count = gp.count;
        base.append(r);
        return true;
    };
    for (int h = 0; h < hunks.size(); ++h) {
        if (!addGap(h)) {
            DiffRow r;
            r.kind = DiffRow::Hunk;
            r.hunk = h;
            base.append(r);
        }
        appendLineRows(hunks[h].lines,
                       m_mode == Mode::SideBySide ? sideBySide(hunks[h]) : QList<SideBySideRow>{},
                       base);
    }
    if (!hunks.isEmpty())
        addGap(int(hunks.size()));
    placeComments(base);
}

void DiffDocument::placeComments(const QList<DiffRow> &base)
{
    // Where each line number is shown, in the rows without comments.
    auto keyOf = [this](const DiffRow &r, ReviewComment::Side side) -> int {
        if (r.kind != DiffRow::Line)
            return 0;
        if (m_mode == Mode::SideBySide) {
            const int i = side == ReviewComment::Old ? r.left : r.right;
            if (i < 0)
                return 0;
            const DiffLine &l = m_lines[i];
            if (l.kind == DiffLine::NoNewlineAtEnd)
                return 0;
            return side == ReviewComment::Old ? l.oldLine : l.newLine;
        }
        const DiffLine &l = m_lines[r.left];
        if (side == ReviewComment::Old)
            return onOldSide(l) ? l.oldLine : 0;
        return onNewSide(l) ? l.newLine : 0;
    };
    QHash<int, int> oldBase, newBase;
    for (int i = 0; i < base.size(); ++i) {
        if (const int o = keyOf(base[i], ReviewComment::Old); o > 0 && !oldBase.contains(o))
            oldBase.insert(o, i);
        if (const int n = keyOf(base[i], ReviewComment::New); n > 0 && !newBase.contains(n))
            newBase.insert(n, i);
    }
    auto anchorOf = [&](ReviewComment::Side side, int line) {
        return (side == ReviewComment::Old ? oldBase : newBase).value(line, -1);
    };
    QMultiMap<int, int> byAnchor; // base row (-1: not shown) -> comment
    for (int c = 0; c < m_comments.size(); ++c)
        byAnchor.insert(anchorOf(m_comments[c].side, m_comments[c].line), c);
    const int editorAnchor = m_editorLine > 0 ? anchorOf(m_editorSide, m_editorLine) : -2;

    m_rows.clear();
    m_rows.reserve(base.size() + m_comments.size() + 1);
    auto emitNotes = [&](int anchor) {
        bool editorPlaced = false;
        const QList<int> notes = byAnchor.values(anchor);
        for (auto it = notes.crbegin(); it != notes.crend(); ++it) { // values() is newest first
            DiffRow r;
            r.side = m_comments[*it].side;
            r.comment = *it;
            const bool editing = anchor == editorAnchor && m_comments[*it].id == m_editorComment;
            r.kind = editing ? DiffRow::Editor : DiffRow::Comment;
            editorPlaced = editorPlaced || editing;
            m_rows.append(r);
        }
        if (anchor == editorAnchor && !editorPlaced && m_editorComment.isEmpty()) {
            DiffRow r;
            r.kind = DiffRow::Editor;
            r.side = m_editorSide;
            m_rows.append(r);
        }
    };
    emitNotes(-1);
    for (int i = 0; i < base.size(); ++i) {
        m_rows.append(base[i]);
        emitNotes(i);
    }

    m_oldRow.clear();
    m_newRow.clear();
    m_changeStarts.clear();
    bool inChange = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        DiffRow &r = m_rows[i];
        if (r.kind == DiffRow::Hunk || r.kind == DiffRow::Fold) {
            inChange = false;
            continue;
        }
        if (r.kind != DiffRow::Line)
            continue;
        if (const int o = keyOf(r, ReviewComment::Old); o > 0 && !m_oldRow.contains(o))
            m_oldRow.insert(o, i);
        if (const int n = keyOf(r, ReviewComment::New); n > 0 && !m_newRow.contains(n))
            m_newRow.insert(n, i);
        const bool changed = (r.left >= 0 && isChange(m_lines[r.left])) ||
                             (r.right >= 0 && isChange(m_lines[r.right]));
        r.changeStart = changed && !inChange;
        if (r.changeStart)
            m_changeStarts.append(i);
        inChange = changed;
    }
}

int DiffDocument::nextChange(int fromRow) const
{
    const auto it = std::upper_bound(m_changeStarts.cbegin(), m_changeStarts.cend(), fromRow);
    return it == m_changeStarts.cend() ? -1 : *it;
}

int DiffDocument::previousChange(int fromRow) const
{
    const auto it = std::lower_bound(m_changeStarts.cbegin(), m_changeStarts.cend(), fromRow);
    return it == m_changeStarts.cbegin() ? -1 : *(it - 1);
}

QList<int> DiffDocument::changeStarts() const
{
    return m_changeStarts;
}

QString changeFingerprint(const FileDiff &file)
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    const QString key = QStringLiteral("%1\n%2\n%3\n%4 %5\n%6\n%7")
                            .arg(int(file.status))
                            .arg(file.oldPath, file.newPath, QString::number(file.oldMode, 8),
                                 QString::number(file.newMode, 8), file.oldBlob, file.newBlob);
    h.addData(key.toUtf8());
    return QString::fromLatin1(h.result().toHex());
}

} // namespace chorus
