#pragma once

#include "git/branchstatus.h"
#include "git/conflict.h"
#include "git/conflictmarkers.h"
#include "git/threeway.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>

#include <optional>

namespace chorus {

// One conflicted file: its three versions and what the user made of it.
struct ConflictEntry
{
    enum class Choice { None, Ours, Theirs, Delete };
    // Rename conflicts: the name the kept version gets (file.path is the target's name).
    enum class Name { Target, Agent };

    ConflictFile file;
    QByteArray base, ours, theirs; // empty where a side has no version
    QString readError;             // a version could not be read: only a choice is offered
    bool isText = false;           // every version is UTF-8 without NUL bytes and not huge
    ThreeWayMerge merge;           // text files
    QSet<QString> ownMarkers;      // marker-like lines the versions have themselves
    MarkerLabels labels;

    // Text merges: the result as the editor holds it ("\n" line ends) and the quick choices
    // behind it (chunk index -> take); markersLeft is the number of marker blocks left.
    QString result;
    QHash<int, Take> takes;
    int markersLeft = 0;     // marker blocks
    bool hasMarkers = false; // any marker line (also one outside a block)
    // Other files (binary, deleted on one side, renamed): the user's choice.
    Choice choice = Choice::None;
    Name name = Name::Target;
    bool touched = false; // the user changed something: worth keeping

    // Content and add/add conflicts of text files are merged line by line; the rest is a
    // choice between the versions.
    bool usesTextMerge() const;
    bool isResolved() const;
    // The resolved content (nullopt: delete the file). Only for resolved entries.
    std::optional<QByteArray> resolution() const;
    // The result before any edit: marker blocks for every conflict.
    QString initialResult() const;
    // Which choices make sense (a side without a version cannot be kept).
    bool canChoose(Choice c) const;
    // A rename conflict whose sides gave the file different names: either can be kept.
    bool hasNameChoice() const;
    // Where the resolution goes: the agent's name when chosen, else file.path. The core
    // resolves a rename conflict under whichever of its names the resolution is given for.
    QString resolvedPath() const;
};

// The conflicts of one agent's branch with a target, and the user's resolutions. Loading is
// a plain function for a worker thread; the rest lives on the GUI thread.
class ConflictSet : public QObject
{
    Q_OBJECT
public:
    struct Loaded
    {
        QString target; // resolved (the default target when none was asked for)
        BranchStatus status;
        QList<ConflictEntry> entries;
    };
    // branchStatus + readBlob + the three-way merges. Any thread.
    static Result<Loaded> load(const QString &repo, const QString &branch, const QString &target);
    static MarkerLabels labels(const QString &branch, const QString &target);
    // Files larger than this are not merged line by line.
    static constexpr qsizetype kMaxTextBytes = 4 * 1024 * 1024;

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
