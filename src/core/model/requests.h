#pragma once

#include "git/conflict.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace chorus {

// What clients ask the engine for, as the engine takes it (the wire codecs are in
// rpc/protocol.h).

struct SpawnRequest
{
    QString role;
    QString task;
    QString dir;
    QString name;  // empty: <role>-<n>
    QString model; // empty: the role's
    QString repo;  // a git repository to isolate the agent in (default: the one holding dir)
    QString base;  // the revision its branch starts from (default: the current branch's head)
    bool noWorktree = false; // work in dir itself, without a branch of its own
    // The client knows the agent will work in dir itself (no worktree: dir is not a repository,
    // or noWorktree) and means it: the CLI's --in-place, the GUI after its confirmation. Implies
    // noWorktree; the agent is still marked "in place", only the spawn's warning is not needed.
    bool inPlace = false;
    QString mergeFrom;       // a branch to start merging into the new worktree (a resolver's job)
    QString requestId; // the client's id for this request: the same id again returns the same agent
    // The spawning client's environment (empty: the engine's own); see Engine::agentEnvironment().
    QProcessEnvironment environment;
};

struct MergeQueueOptions
{
    QStringList agents; // names or ids; empty: every unmerged agent of `repo`
    QString repo;       // the repository (any path inside it) when no agents are named
    QString strategy = QStringLiteral("auto"); // review, auto, squash, rebase
    QString into;        // the target branch; empty: the repository's current branch
    QString check;       // a command line run on each candidate before the target moves
    bool dryRun = false; // only say what would happen
    // Hand-made resolutions of the conflicts of one named agent (path -> content, or
    // nullopt to delete the path); see MergeRequest::resolutions.
    Resolutions resolutions;
};

} // namespace chorus
