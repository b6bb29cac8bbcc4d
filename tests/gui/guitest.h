#pragma once

#include "client/engineclient.h"

#include <QDebug>
#include <QJsonObject>
#include <QTest>

#include <optional>

namespace chorus::test {

// Spawns an agent through the GUI's EngineClient and waits for the engine's answer.
// Returns an empty SessionInfo (and warns) when the spawn failed.
inline SessionInfo spawnAgent(EngineClient &client, const QString &role, const QString &task,
                              const QString &dir, const QString &name = {})
{
    std::optional<Result<SessionInfo>> result;
    SpawnRequest request;
    request.role = role;
    request.task = task;
    request.dir = dir;
    request.name = name;
    client.spawn(request, [&](const Result<SessionInfo> &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000) || !*result) {
        qWarning() << "spawn failed:"
                   << (result ? result->error().toString() : QStringLiteral("no answer"));
        return {};
    }
    return result->value();
}

} // namespace chorus::test
