#include "conflict/conflictset.h"

#include <QJsonArray>

#include <algorithm>

namespace chorus {

namespace {

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

} // namespace

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
    e.updateMarkers();
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
            e.updateMarkers();
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
