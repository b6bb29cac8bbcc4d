#include "review/conflictentry.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <algorithm>

namespace chorus {

namespace {

class ConflictText
{
    Q_DECLARE_TR_FUNCTIONS(ConflictEntry)
};

constexpr quint32 kSymlinkMode = 0120000;

bool decodeText(const QByteArray &bytes, QString *out)
{
    if (bytes.size() > ConflictEntry::kMaxTextBytes || bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    *out = decoder(bytes);
    return !decoder.hasError();
}

} // namespace

ConflictEntry ConflictEntry::fromVersions(const ConflictFile &file, const QByteArray &base,
                                          const QByteArray &ours, const QByteArray &theirs,
                                          const MarkerLabels &labels, const QString &readError)
{
    ConflictEntry e;
    e.file = file;
    e.labels = labels;
    e.base = base;
    e.ours = ours;
    e.theirs = theirs;
    e.readError = readError;
    QString baseText, oursText, theirsText;
    const bool symlink = file.ancestorMode == kSymlinkMode || file.oursMode == kSymlinkMode ||
                         file.theirsMode == kSymlinkMode;
    e.isText = !symlink && e.readError.isEmpty() && decodeText(e.base, &baseText) &&
               decodeText(e.ours, &oursText) && decodeText(e.theirs, &theirsText);
    if (e.isText) {
        e.merge = ThreeWayMerge::compute(baseText, oursText, theirsText);
        e.ownMarkers =
            markerLikeLines(baseText) + markerLikeLines(oursText) + markerLikeLines(theirsText);
        e.result = e.initialResult();
        e.updateMarkers();
    }
    return e;
}

MarkerLabels ConflictEntry::markerLabels(const QString &branch, const QString &target)
{
    return {ConflictText::tr("%1 (target)").arg(target),
            ConflictText::tr("%1 (agent)").arg(branch)};
}

void ConflictEntry::updateMarkers()
{
    markersLeft = int(findMarkerBlocks(result, ownMarkers).size());
    hasMarkers = markersLeft > 0 || hasConflictMarkers(result, ownMarkers);
}

bool ConflictEntry::usesTextMerge() const
{
    return isText && readError.isEmpty() && !file.oursBlob.isEmpty() &&
           !file.theirsBlob.isEmpty() &&
           (file.kind == QLatin1String("content") || file.kind == QLatin1String("add/add"));
}

bool ConflictEntry::isResolved() const
{
    // git saw a conflict the line merge did not find (it aligns lines differently): the
    // result is only taken once the user looked at it (accepted or edited it).
    if (usesTextMerge())
        return !hasMarkers && (merge.conflictCount() > 0 || touched);
    return choice != Choice::None && canChoose(choice);
}

bool ConflictEntry::canChoose(Choice c) const
{
    switch (c) {
    case Choice::Ours:
        return !file.oursBlob.isEmpty() && readError.isEmpty();
    case Choice::Theirs:
        return !file.theirsBlob.isEmpty() && readError.isEmpty();
    case Choice::Delete:
        return true;
    case Choice::None:
        break;
    }
    return false;
}

bool ConflictEntry::hasNameChoice() const
{
    return file.kind == QLatin1String("rename") && !file.oursPath.isEmpty() &&
           !file.theirsPath.isEmpty() && file.oursPath != file.theirsPath;
}

QString ConflictEntry::resolvedPath() const
{
    return name == Name::Agent && hasNameChoice() ? file.theirsPath : file.path;
}

std::optional<QByteArray> ConflictEntry::resolution() const
{
    if (!usesTextMerge()) {
        if (choice == Choice::Ours)
            return ours;
        if (choice == Choice::Theirs)
            return theirs;
        return std::nullopt;
    }
    // Untouched by hand: byte for byte what the quick choices make (mixed line endings and
    // all). Edited: the editor's text with the file's line ending.
    const QList<int> conflicts = merge.conflicts();
    const bool allTaken = std::all_of(conflicts.cbegin(), conflicts.cend(),
                                      [this](int chunk) { return takes.contains(chunk); });
    if (allTaken) {
        const QString exact = renderWithMarkers(merge, takes, labels);
        if (toEditorText(exact) == result)
            return exact.toUtf8();
    }
    return fromEditorText(result, merge.lineEnding()).toUtf8();
}

QString ConflictEntry::initialResult() const
{
    return toEditorText(renderWithMarkers(merge, {}, labels));
}

} // namespace chorus
