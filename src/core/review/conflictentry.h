#pragma once

#include "git/conflict.h"
#include "git/conflictmarkers.h"
#include "git/threeway.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace chorus {

// One conflicted file: its three versions and what the user made of it. Plain data over the
// three-way merge (git/threeway, git/conflictmarkers): made on any thread by a ReviewSource,
// edited on the GUI thread through a ConflictSet.
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

    // Files larger than this are not merged line by line.
    static constexpr qsizetype kMaxTextBytes = 4 * 1024 * 1024;

    // The entry of `file` from its versions' contents: merged line by line (the result with
    // marker blocks for every conflict) when all three are text. `readError`: a version could
    // not be read (only a choice is then offered). Any thread.
    static ConflictEntry fromVersions(const ConflictFile &file, const QByteArray &base,
                                      const QByteArray &ours, const QByteArray &theirs,
                                      const MarkerLabels &labels, const QString &readError = {});
    // The marker lines' labels for merging `branch` into `target`.
    static MarkerLabels markerLabels(const QString &branch, const QString &target);

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
    // markersLeft and hasMarkers again, after `result` changed.
    void updateMarkers();
};

} // namespace chorus
