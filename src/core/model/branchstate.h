#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace chorus {

// Where an agent's branch stands after the engine's git work: its last merge, its last sync,
// its clean-up, a failing checkpoint, the merge a resolver agent is finishing, and the review
// approval. Kept with the session (on the wire and in the database inside the session's
// `options` object, under the keys "merge", "sync", "cleaned", "checkpoint", "resolving" and
// "mergeApproved", as before it was typed).
struct BranchState
{
    struct Merge
    {
        QString state; // merged, up-to-date, conflict, check-failed, refused, error
        QString strategy, target;
        QString commit;     // the target's commit after the merge
        QString branchHead; // the agent's commit that was merged (or tried)
        QString message, at;
    };
    struct Sync
    {
        QString state;         // as Merge::state
        QString with;          // the branch brought in
        QStringList conflicts; // paths
        QString message, at;
    };
    struct Cleaned
    {
        QString at;
        bool branchDeleted = false;
        QString archiveRef; // where an unmerged branch's commits were kept
    };
    struct CheckpointFailure
    {
        QString error, at;
    };
    struct Resolving
    {
        QString branch;       // the agent branch whose merge this resolver finishes
        QJsonArray conflicts; // the conflicting files as the merge reported them
    };

    std::optional<Merge> merge;
    std::optional<Sync> sync;
    std::optional<Cleaned> cleaned;
    std::optional<CheckpointFailure> checkpointFailure;
    std::optional<Resolving> resolving;
    bool mergeApproved = false;

    bool isCleaned() const { return cleaned.has_value(); }
    // In a word or two ("merged", "conflict", "sync conflict", "check failed", "approved",
    // "cleaned"); empty when nothing happened to the branch yet.
    QString note() const;

    // Adds the state's keys to `options` (and removes those of parts that are not set).
    void writeTo(QJsonObject &options) const;
    // Takes the state's keys out of `options`.
    static BranchState takeFrom(QJsonObject &options);
};

} // namespace chorus
