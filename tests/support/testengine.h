#pragma once

#include "engine/engine.h"

#include <QString>

#include <memory>

namespace chorus::test {

class FakeApi;

// The engine the in-process tests start from: <root>/data/chorus.db, its agents run the pinned
// CLI (`claude`) against `fake` with <root>/claude as their scratch home and no API retries,
// roles from the built-ins only (<root>/roles stays empty). Opened; *status says how.
std::unique_ptr<Engine> openTestEngine(const QString &root, const FakeApi &fake,
                                       const QString &claude, Status *status);
// Its settings: the CLI, the roles folder, and the agent transport CHORUS_TEST_TRANSPORT names
// ("shim": through `chorus agent-exec` of $CHORUS_TEST_PROGRAM; unset: child processes).
EngineSettings testEngineSettings(const QString &root, const QString &claude);
// Engine::spawn, waited for (an agent with a worktree is answered once the git executor has
// made it).
Result<SessionInfo> spawnNow(Engine &engine, const SpawnRequest &request, int timeoutMs = 120000);
// The environment those agents get (for a test that changes it and needs it back).
QProcessEnvironment testAgentEnvironment(const QString &root, const FakeApi &fake);

} // namespace chorus::test
