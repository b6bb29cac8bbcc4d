#include "conflict/conflictset.h"

#include "git/merge.h"

#include <QJsonArray>
#include <QStringDecoder>

namespace chorus {

namespace {

constexpr quint32 kSymlinkMode = 0120000;
constexpr quint32 kGitlinkMode = 0160000;

bool decodeText(const QByteArray &bytes, QString *out)
{
    if (bytes.size() > ConflictSet::kMaxTextBytes || bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    *out = decoder(bytes);
    return !decoder.hasError();
}

QString takeName(Take t)
{
    switch (t) {
    case Take::Ours:
        return QStringLiteral("ours");
    case Take::Theirs:
        return QStringLiteral("theirs");
    case Take::OursThenTheirs:
        return QStringLiteral("ours+theirs");
    case Take::TheirsThenOurs:
        break;
    }
    return QStringLiteral("theirs+ours");
}

std::optional<Take> takeFromName(const QString &name)
{
    for (Take t : {Take::Ours, Take::Theirs, Take::OursThenTheirs, Take::TheirsThenOurs})
        if (takeName(t) == name)
            return t;
    return std::nullopt;
}

QString choiceName(ConflictEntry::Choice c)
{
    switch (c) {
    case ConflictEntry::Choice::Ours:
        return QStringLiteral("ours");
    case ConflictEntry::Choice::Theirs:
        return QStringLiteral("theirs");
    case ConflictEntry::Choice::Delete:
        return QStringLiteral("delete");
    case ConflictEntry::Choice::None:
        break;
    }
    return {};
}

QString nameName(ConflictEntry::Name n)
{
    return n == ConflictEntry::Name::Agent ? QStringLiteral("agent") : QStringLiteral("target");
}

void updateMarkers(ConflictEntry *e)
{
    e->markersLeft = int(findMarkerBlocks(e->result, e->ownMarkers).size());
    e->hasMarkers = e->markersLeft > 0 || hasConflictMarkers(e->result, e->ownMarkers);
}

} // namespace

bool ConflictEntry::usesTextMerge() const
{
    return isText && readError.isEmpty() && !file.oursBlob.isEmpty() && !file.theirsBlob.isEmpty() &&
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
    return file.kind == QLatin1String("rename") && !file.oursPath.isEmpty() && !file.theirsPath.isEmpty() &&
           file.oursPath != file.theirsPath;
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

MarkerLabels ConflictSet::labels(const QString &branch, const QString &target)
{
    return {tr("%1 (target)").arg(target), tr("%1 (agent)").arg(branch)};
}

Result<ConflictSet::Loaded> ConflictSet::load(const QString &repo, const QString &branch, const QString &target)
{
    Loaded out;
    out.target = target;
    if (out.target.isEmpty()) {
        Result<QString> t = defaultMergeTarget(repo);
        if (!t)
            return t.error();
        out.target = *t;
    }
    Result<BranchStatus> status = branchStatus(repo, branch, out.target);
    if (!status)
        return status.error();
    out.status = *status;
    const MarkerLabels markerLabels = labels(branch, out.target);
    for (const ConflictFile &f : std::as_const(out.status.conflicts)) {
        ConflictEntry e;
        e.file = f;
        e.labels = markerLabels;
        auto read = [&](const QString &blob, quint32 mode, QByteArray *into) {
            if (blob.isEmpty())
                return;
            if (mode == kGitlinkMode) {
                e.readError = tr("%1 is a submodule").arg(f.path);
                return;
            }
            Result<QByteArray> r = readBlob(repo, blob);
            if (r)
                *into = *r;
            else
                e.readError = r.error().toString();
        };
        read(f.ancestorBlob, f.ancestorMode, &e.base);
        read(f.oursBlob, f.oursMode, &e.ours);
        read(f.theirsBlob, f.theirsMode, &e.theirs);
        QString base, ours, theirs;
        const bool symlink = f.ancestorMode == kSymlinkMode || f.oursMode == kSymlinkMode || f.theirsMode == kSymlinkMode;
        e.isText = !symlink && e.readError.isEmpty() && decodeText(e.base, &base) && decodeText(e.ours, &ours) &&
                   decodeText(e.theirs, &theirs);
        if (e.isText) {
            e.merge = ThreeWayMerge::compute(base, ours, theirs);
            e.ownMarkers = markerLikeLines(base) + markerLikeLines(ours) + markerLikeLines(theirs);
            e.result = e.initialResult();
            updateMarkers(&e);
        }
        out.entries.append(e);
    }
    return out;
}

ConflictSet::ConflictSet(QObject *parent) : QObject(parent) {}

void ConflictSet::reset(QList<ConflictEntry> entries)
{
    m_entries = std::move(entries);
    Q_EMIT entriesReset();
}

int ConflictSet::indexOf(const QString &path) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).file.path == path)
            return i;
    return -1;
}

void ConflictSet::setResult(int i, const QString &text)
{
    ConflictEntry &e = m_entries[i];
    if (e.result == text)
        return;
    e.result = text;
    e.touched = true;
    updateMarkers(&e);
    Q_EMIT entryChanged(i);
}

void ConflictSet::accept(int i)
{
    ConflictEntry &e = m_entries[i];
    if (e.touched)
        return;
    e.touched = true;
    Q_EMIT entryChanged(i);
}

void ConflictSet::setTake(int i, int chunk, Take take)
{
    ConflictEntry &e = m_entries[i];
    e.takes.insert(chunk, take);
    e.touched = true;
    Q_EMIT entryChanged(i);
}

void ConflictSet::setChoice(int i, ConflictEntry::Choice choice)
{
    ConflictEntry &e = m_entries[i];
    if (e.choice == choice)
        return;
    e.choice = choice;
    e.touched = true;
    Q_EMIT entryChanged(i);
}

void ConflictSet::setName(int i, ConflictEntry::Name name)
{
    ConflictEntry &e = m_entries[i];
    if (e.name == name || !e.hasNameChoice())
        return;
    e.name = name;
    e.touched = true;
    Q_EMIT entryChanged(i);
}

int ConflictSet::resolvedCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [](const ConflictEntry &e) { return e.isResolved(); }));
}

Resolutions ConflictSet::resolutions() const
{
    Resolutions out;
    for (const ConflictEntry &e : m_entries)
        if (e.isResolved())
            out.insert(e.resolvedPath(), e.resolution());
    return out;
}

bool ConflictSet::hasWork() const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(), [](const ConflictEntry &e) { return e.touched; });
}

QJsonObject ConflictSet::saveState() const
{
    QJsonArray files;
    for (const ConflictEntry &e : m_entries) {
        if (!e.touched)
            continue;
        QJsonObject f{{QStringLiteral("path"), e.file.path},
                      {QStringLiteral("ancestor"), e.file.ancestorBlob},
                      {QStringLiteral("ours"), e.file.oursBlob},
                      {QStringLiteral("theirs"), e.file.theirsBlob}};
        if (e.usesTextMerge()) {
            f.insert(QStringLiteral("result"), e.result);
            QJsonObject takes;
            for (auto it = e.takes.constBegin(); it != e.takes.constEnd(); ++it)
                takes.insert(QString::number(it.key()), takeName(it.value()));
            f.insert(QStringLiteral("takes"), takes);
        } else {
            f.insert(QStringLiteral("choice"), choiceName(e.choice));
            if (e.hasNameChoice()) // files saved before names could be chosen have none: the target's
                f.insert(QStringLiteral("name"), nameName(e.name));
        }
        files.append(f);
    }
    return {{QStringLiteral("version"), 1}, {QStringLiteral("files"), files}};
}

int ConflictSet::restoreState(const QJsonObject &state)
{
    if (state.value(QLatin1String("version")).toInt() != 1)
        return 0;
    int restored = 0;
    for (const QJsonValue &v : state.value(QLatin1String("files")).toArray()) {
        const QJsonObject f = v.toObject();
        const int i = indexOf(f.value(QLatin1String("path")).toString());
        if (i < 0)
            continue;
        ConflictEntry &e = m_entries[i];
        if (f.value(QLatin1String("ancestor")).toString() != e.file.ancestorBlob ||
            f.value(QLatin1String("ours")).toString() != e.file.oursBlob ||
            f.value(QLatin1String("theirs")).toString() != e.file.theirsBlob)
            continue; // the conflict changed since: what was typed no longer applies
        if (e.usesTextMerge()) {
            if (!f.contains(QLatin1String("result")))
                continue;
            e.result = f.value(QLatin1String("result")).toString();
            e.takes.clear();
            const QJsonObject takes = f.value(QLatin1String("takes")).toObject();
            const int chunks = int(e.merge.chunks().size());
            for (auto it = takes.constBegin(); it != takes.constEnd(); ++it) {
                bool ok = false;
                const int chunk = it.key().toInt(&ok);
                const std::optional<Take> t = takeFromName(it.value().toString());
                if (ok && t && chunk >= 0 && chunk < chunks)
                    e.takes.insert(chunk, *t);
            }
            updateMarkers(&e);
        } else {
            const QString c = f.value(QLatin1String("choice")).toString();
            e.choice = ConflictEntry::Choice::None;
            for (auto choice : {ConflictEntry::Choice::Ours, ConflictEntry::Choice::Theirs, ConflictEntry::Choice::Delete})
                if (c == choiceName(choice) && e.canChoose(choice))
                    e.choice = choice;
            const bool agentsName = f.value(QLatin1String("name")).toString() == nameName(ConflictEntry::Name::Agent);
            e.name = agentsName && e.hasNameChoice() ? ConflictEntry::Name::Agent : ConflictEntry::Name::Target;
        }
        e.touched = true;
        ++restored;
        Q_EMIT entryChanged(i);
    }
    return restored;
}

} // namespace chorus
