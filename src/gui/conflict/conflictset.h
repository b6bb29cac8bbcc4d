#pragma once

#include "git/conflict.h"
#include "review/conflictentry.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

namespace chorus {

// The conflicts of one agent's branch with a target, and the user's resolutions, on the GUI
// thread. The entries are read off it by a ReviewSource (requestConflicts).
class ConflictSet : public QObject
{
    Q_OBJECT
public:
    explicit ConflictSet(QObject *parent = nullptr);

    void reset(QList<ConflictEntry> entries);
    int size() const { return int(m_entries.size()); }
    const ConflictEntry &at(int i) const { return m_entries.at(i); }
    int indexOf(const QString &path) const;

    // The editor's text for a text merge; `take` records a quick choice behind it.
    void setResult(int i, const QString &text);
    void setTake(int i, int chunk, Take take);
    // Takes a text merge's result as it is (for a file without conflicting lines).
    void accept(int i);
    void setChoice(int i, ConflictEntry::Choice choice);
    void setName(int i, ConflictEntry::Name name); // only for entries with hasNameChoice()

    int resolvedCount() const;
    bool allResolved() const { return resolvedCount() == size(); }
    // Every resolved file: path (its resolvedPath) -> content, or nullopt to delete it.
    Resolutions resolutions() const;

    // The user's work, for a file that survives closing the window. Entries are matched on
    // restore by path and the three blob ids: a conflict that changed starts afresh.
    QJsonObject saveState() const;
    int restoreState(const QJsonObject &state); // returns the number of files restored
    bool hasWork() const;

Q_SIGNALS:
    void entryChanged(int index);
    void entriesReset();

private:
    QList<ConflictEntry> m_entries;
};

} // namespace chorus
