#include "git/threeway.h"

#include <QHash>

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

namespace chorus {

namespace {

// Beyond this many differences the diff stops looking for the shortest script.
constexpr int kMaxEditDistance = 2000;

using Matches = std::vector<std::pair<int, int>>;

// Myers' greedy algorithm on a[0, n) and b[0, m): appends the matched pairs (offset by
// aOff/bOff) in order. False (and nothing appended) when it would exceed kMaxEditDistance.
bool myers(const int *a, int n, const int *b, int m, int aOff, int bOff, Matches *out)
{
    const int max = n + m;
    if (max == 0)
        return true;
    const int off = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace; // trace[d]: v[-d..d] after step d
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        if (d > kMaxEditDistance)
            return false;
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                             : v[off + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[off + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
        trace.emplace_back(v.begin() + off - d, v.begin() + off + d + 1);
    }
    Matches back;
    int x = n, y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &pv = trace[size_t(d - 1)];
        auto at = [&](int k) { return pv[size_t(k + d - 1)]; };
        const int k = x - y;
        const int prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const int prevX = at(prevK);
        const int midX = prevK == k + 1 ? prevX : prevX + 1;
        const int midY = midX - k;
        while (x > midX && y > midY) {
            --x;
            --y;
            back.emplace_back(x, y);
        }
        x = prevX;
        y = prevX - prevK;
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        back.emplace_back(x, y);
    }
    for (auto it = back.rbegin(); it != back.rend(); ++it)
        out->emplace_back(it->first + aOff, it->second + bOff);
    return true;
}

QString joined(const QStringList &lines, const LineRange &r)
{
    QString out;
    for (int i = r.start; i < r.end(); ++i)
        out += lines.at(i);
    return out;
}

} // namespace

void appendLines(QString *text, const QString &piece, const QString &eol)
{
    if (piece.isEmpty())
        return;
    if (!text->isEmpty() && !text->endsWith(QLatin1Char('\n')))
        *text += eol;
    *text += piece;
}

QStringList splitLines(const QString &text)
{
    QStringList out;
    qsizetype from = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            out.append(text.mid(from, i + 1 - from));
            from = i + 1;
        }
    }
    if (from < text.size())
        out.append(text.mid(from));
    return out;
}

QList<LineHunk> diffLines(const QStringList &a, const QStringList &b)
{
    // Lines become ids (equal lines, equal ids) so that the diff compares integers.
    QHash<QString, int> ids;
    auto intern = [&ids](const QString &l) {
        auto it = ids.constFind(l);
        if (it != ids.constEnd())
            return *it;
        const int id = int(ids.size());
        ids.insert(l, id);
        return id;
    };
    std::vector<int> x, y;
    x.reserve(size_t(a.size()));
    y.reserve(size_t(b.size()));
    for (const QString &l : a)
        x.push_back(intern(l));
    for (const QString &l : b)
        y.push_back(intern(l));
    const int n = int(x.size()), m = int(y.size());

    int pre = 0;
    while (pre < n && pre < m && x[size_t(pre)] == y[size_t(pre)])
        ++pre;
    int suf = 0;
    while (suf < n - pre && suf < m - pre && x[size_t(n - 1 - suf)] == y[size_t(m - 1 - suf)])
        ++suf;

    Matches matches;
    for (int i = 0; i < pre; ++i)
        matches.emplace_back(i, i);
    // Over the limit: the middle stays one hunk.
    myers(x.data() + pre, n - pre - suf, y.data() + pre, m - pre - suf, pre, pre, &matches);
    for (int i = 0; i < suf; ++i)
        matches.emplace_back(n - suf + i, m - suf + i);

    QList<LineHunk> hunks;
    int pa = 0, pb = 0;
    for (const auto &[i, j] : matches) {
        if (i > pa || j > pb)
            hunks.append({pa, i, pb, j});
        pa = i + 1;
        pb = j + 1;
    }
    if (pa < n || pb < m)
        hunks.append({pa, n, pb, m});
    return hunks;
}

ThreeWayMerge ThreeWayMerge::compute(const QString &base, const QString &ours, const QString &theirs)
{
    ThreeWayMerge m;
    m.m_base = splitLines(base);
    m.m_ours = splitLines(ours);
    m.m_theirs = splitLines(theirs);
    const QList<LineHunk> ho = diffLines(m.m_base, m.m_ours);
    const QList<LineHunk> ht = diffLines(m.m_base, m.m_theirs);

    // offO/offT: a side's line index minus the base's, outside the hunks seen so far.
    int io = 0, it = 0, basePos = 0, offO = 0, offT = 0;
    auto addUnchanged = [&](int upTo) {
        if (upTo > basePos) {
            const int n = upTo - basePos;
            m.m_chunks.append({MergeChunk::Kind::Unchanged, {basePos, n}, {basePos + offO, n}, {basePos + offT, n}});
        }
        basePos = upTo;
    };
    while (io < ho.size() || it < ht.size()) {
        const int start = std::min(io < ho.size() ? ho[io].aStart : INT_MAX, it < ht.size() ? ht[it].aStart : INT_MAX);
        addUnchanged(start);
        const int offO0 = offO, offT0 = offT;
        int end = start;
        bool changedO = false, changedT = false;
        // A region grows over every hunk of either side that overlaps or touches it.
        for (;;) {
            if (io < ho.size() && ho[io].aStart <= end) {
                const LineHunk &h = ho[io++];
                end = std::max(end, h.aEnd);
                offO += (h.bEnd - h.bStart) - (h.aEnd - h.aStart);
                changedO = true;
            } else if (it < ht.size() && ht[it].aStart <= end) {
                const LineHunk &h = ht[it++];
                end = std::max(end, h.aEnd);
                offT += (h.bEnd - h.bStart) - (h.aEnd - h.aStart);
                changedT = true;
            } else {
                break;
            }
        }
        const LineRange b{start, end - start};
        const LineRange o{start + offO0, end + offO - (start + offO0)};
        const LineRange t{start + offT0, end + offT - (start + offT0)};
        basePos = end;
        if (!changedT) {
            m.m_chunks.append({MergeChunk::Kind::Ours, b, o, t});
            continue;
        }
        if (!changedO) {
            m.m_chunks.append({MergeChunk::Kind::Theirs, b, o, t});
            continue;
        }
        // Both changed: narrow the conflict to where the two results differ.
        const QStringList os = m.m_ours.mid(o.start, o.count);
        const QStringList ts = m.m_theirs.mid(t.start, t.count);
        const QList<LineHunk> inner = diffLines(os, ts);
        if (inner.isEmpty()) {
            m.m_chunks.append({MergeChunk::Kind::Both, b, o, t});
            continue;
        }
        // The base region goes with the first conflict; the chunks around it get none.
        bool baseGiven = false;
        auto baseFor = [&](bool conflict) {
            if (conflict && !baseGiven) {
                baseGiven = true;
                return b;
            }
            return LineRange{baseGiven ? b.end() : b.start, 0};
        };
        int po = 0, pt = 0;
        for (const LineHunk &h : inner) {
            if (h.aStart > po)
                m.m_chunks.append({MergeChunk::Kind::Both, baseFor(false), {o.start + po, h.aStart - po},
                                   {t.start + pt, h.bStart - pt}});
            m.m_chunks.append({MergeChunk::Kind::Conflict, baseFor(true), {o.start + h.aStart, h.aEnd - h.aStart},
                               {t.start + h.bStart, h.bEnd - h.bStart}});
            po = h.aEnd;
            pt = h.bEnd;
        }
        if (po < o.count)
            m.m_chunks.append({MergeChunk::Kind::Both, baseFor(false), {o.start + po, o.count - po},
                               {t.start + pt, t.count - pt}});
    }
    addUnchanged(int(m.m_base.size()));
    for (int i = 0; i < m.m_chunks.size(); ++i)
        if (m.m_chunks.at(i).kind == MergeChunk::Kind::Conflict)
            m.m_conflicts.append(i);
    // "\r\n" when most lines end so.
    int crlf = 0, lf = 0;
    for (const QStringList *side : {&m.m_ours, &m.m_theirs, &m.m_base}) {
        for (const QString &l : *side) {
            if (l.endsWith(QLatin1String("\r\n")))
                ++crlf;
            else if (l.endsWith(QLatin1Char('\n')))
                ++lf;
        }
    }
    m.m_eol = crlf > lf ? QStringLiteral("\r\n") : QStringLiteral("\n");
    return m;
}

const QStringList &ThreeWayMerge::lines(MergeSide side) const
{
    switch (side) {
    case MergeSide::Base:
        return m_base;
    case MergeSide::Ours:
        return m_ours;
    case MergeSide::Theirs:
        break;
    }
    return m_theirs;
}

QString ThreeWayMerge::text(MergeSide side, const LineRange &range) const
{
    return joined(lines(side), range);
}

QString ThreeWayMerge::mergedText(int chunk, Take take) const
{
    const MergeChunk &c = m_chunks.at(chunk);
    switch (c.kind) {
    case MergeChunk::Kind::Unchanged:
        return text(MergeSide::Base, c.base);
    case MergeChunk::Kind::Theirs:
        return text(MergeSide::Theirs, c.theirs);
    case MergeChunk::Kind::Ours:
    case MergeChunk::Kind::Both:
        return text(MergeSide::Ours, c.ours);
    case MergeChunk::Kind::Conflict:
        break;
    }
    const QString o = text(MergeSide::Ours, c.ours);
    const QString t = text(MergeSide::Theirs, c.theirs);
    QString out;
    switch (take) {
    case Take::Ours:
        return o;
    case Take::Theirs:
        return t;
    case Take::OursThenTheirs:
        appendLines(&out, o, lineEnding());
        appendLines(&out, t, lineEnding());
        return out;
    case Take::TheirsThenOurs:
        appendLines(&out, t, lineEnding());
        appendLines(&out, o, lineEnding());
        return out;
    }
    return out;
}

QString ThreeWayMerge::mergedText(Take allConflicts) const
{
    QString out;
    const QString eol = lineEnding();
    for (int i = 0; i < m_chunks.size(); ++i)
        appendLines(&out, mergedText(i, allConflicts), eol);
    return out;
}

int ThreeWayMerge::mapLine(MergeSide from, int line, MergeSide to) const
{
    auto range = [](const MergeChunk &c, MergeSide s) {
        return s == MergeSide::Base ? c.base : s == MergeSide::Ours ? c.ours : c.theirs;
    };
    for (const MergeChunk &c : m_chunks) {
        const LineRange f = range(c, from);
        if (line >= f.start && line < f.end()) {
            const LineRange t = range(c, to);
            return t.count == 0 ? t.start : t.start + std::min(line - f.start, t.count - 1);
        }
    }
    return int(lines(to).size());
}

} // namespace chorus
