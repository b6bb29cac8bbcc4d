#include "git/conflictmarkers.h"

#include <QRegularExpression>

namespace chorus {

namespace {

const QString kOpen = QStringLiteral("<<<<<<<");
const QString kBase = QStringLiteral("|||||||");
const QString kSeparator = QStringLiteral("=======");
const QString kClose = QStringLiteral(">>>>>>>");

QString withoutTerminator(const QString &line)
{
    qsizetype n = line.size();
    if (n > 0 && line.at(n - 1) == QLatin1Char('\n'))
        --n;
    if (n > 0 && line.at(n - 1) == QLatin1Char('\r'))
        --n;
    return line.left(n);
}

bool isSeparator(const QString &bare)
{
    return bare.startsWith(kSeparator) && bare.mid(kSeparator.size()).trimmed().isEmpty();
}

int numberOf(const QString &openLine)
{
    static const QRegularExpression re(QStringLiteral("#(\\d+)\\s*$"));
    const QRegularExpressionMatch m = re.match(openLine);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace

QString renderWithMarkers(const ThreeWayMerge &merge, const QHash<int, Take> &takes,
                          const MarkerLabels &labels)
{
    const QString eol = merge.lineEnding();
    QString out;
    int number = 0;
    const QList<MergeChunk> &chunks = merge.chunks();
    for (int i = 0; i < chunks.size(); ++i) {
        if (chunks.at(i).kind != MergeChunk::Kind::Conflict) {
            appendLines(&out, merge.mergedText(i), eol);
            continue;
        }
        ++number;
        if (auto it = takes.constFind(i); it != takes.constEnd()) {
            appendLines(&out, merge.mergedText(i, *it), eol);
            continue;
        }
        const QString n = QStringLiteral(" #%1").arg(number);
        appendLines(&out, kOpen + QLatin1Char(' ') + labels.ours + n + eol, eol);
        appendLines(&out, merge.text(MergeSide::Ours, chunks.at(i).ours), eol);
        appendLines(&out, kSeparator + eol, eol);
        appendLines(&out, merge.text(MergeSide::Theirs, chunks.at(i).theirs), eol);
        appendLines(&out, kClose + QLatin1Char(' ') + labels.theirs + n + eol, eol);
    }
    return out;
}

QSet<QString> markerLikeLines(const QString &text)
{
    QSet<QString> out;
    for (const QString &line : splitLines(text)) {
        if (line.startsWith(kOpen) || line.startsWith(kClose))
            out.insert(withoutTerminator(line));
    }
    return out;
}

QList<MarkerBlock> findMarkerBlocks(const QString &text, const QSet<QString> &own)
{
    QList<MarkerBlock> out;
    const QStringList lines = splitLines(text);
    enum class In { Nothing, Ours, Base, Theirs } in = In::Nothing;
    MarkerBlock block;
    qsizetype pos = 0;
    auto finish = [&](qsizetype end, bool closed) {
        block.end = end;
        block.closed = closed;
        out.append(block);
        in = In::Nothing;
    };
    for (const QString &line : lines) {
        const QString bare = withoutTerminator(line);
        const bool opening = line.startsWith(kOpen) && !own.contains(bare);
        if (opening) {
            if (in != In::Nothing)
                finish(pos, false);
            block = MarkerBlock{};
            block.start = pos;
            block.number = numberOf(bare);
            in = In::Ours;
        } else if (in != In::Nothing && line.startsWith(kClose) && !own.contains(bare)) {
            finish(pos + line.size(), true);
        } else if (in == In::Ours && line.startsWith(kBase)) {
            in = In::Base;
        } else if ((in == In::Ours || in == In::Base) && isSeparator(bare)) {
            in = In::Theirs;
        } else if (in == In::Ours) {
            block.ours += line;
        } else if (in == In::Theirs) {
            block.theirs += line;
        }
        pos += line.size();
    }
    if (in != In::Nothing)
        finish(pos, false);
    return out;
}

bool hasConflictMarkers(const QString &text, const QSet<QString> &own)
{
    for (const QString &line : splitLines(text)) {
        if ((line.startsWith(kOpen) || line.startsWith(kClose)) && !own.contains(withoutTerminator(line)))
            return true;
    }
    return false;
}

QString toEditorText(const QString &text)
{
    QString out = text;
    out.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return out;
}

QString fromEditorText(const QString &text, const QString &eol)
{
    if (eol == QLatin1String("\n"))
        return text;
    QString out = text;
    out.replace(QLatin1Char('\n'), eol);
    return out;
}

} // namespace chorus
