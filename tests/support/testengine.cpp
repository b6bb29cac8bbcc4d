#include "testengine.h"

#include "fakeapi.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>

namespace chorus::test {

QProcessEnvironment testAgentEnvironment(const QString &root, const FakeApi &fake)
{
    QProcessEnvironment env = fake.claudeEnvironment(QDir(root).filePath(QStringLiteral("claude")));
    env.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("0"));
    return env;
}

EngineSettings testEngineSettings(const QString &root, const QString &claude)
{
    EngineSettings s;
    s.claudePath = claude;
    s.userRolesDir = QDir(root).filePath(QStringLiteral("roles")); // none: built-ins only
    // Agents at the engine's own priority: the suite's waits were measured so, and under
    // ctest -j a nice-10 agent can starve behind the other tests (tests of agentNice set it).
    s.agentNice = 0;
    if (qEnvironmentVariable("CHORUS_TEST_TRANSPORT") == QLatin1String("shim")) {
        s.agentTransport = QStringLiteral("shim");
        s.agentShim = qEnvironmentVariable("CHORUS_TEST_PROGRAM");
    }
    return s;
}

Result<SessionInfo> spawnNow(Engine &engine, const SpawnRequest &request, int timeoutMs)
{
    QFuture<Result<SessionInfo>> f = engine.spawn(request);
    QDeadlineTimer deadline(timeoutMs);
    while (!f.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!f.isFinished())
        return makeError(QStringLiteral("the spawn did not finish in %1 ms").arg(timeoutMs));
    return f.result();
}

std::unique_ptr<Engine> openTestEngine(const QString &root, const FakeApi &fake,
                                       const QString &claude, Status *status)
{
    const QDir dir(root);
    auto engine = std::make_unique<Engine>(dir.filePath(QStringLiteral("data/chorus.db")));
    engine->setAgentEnvironment(testAgentEnvironment(root, fake));
    engine->setSettings(testEngineSettings(root, claude));
    *status = engine->open();
    return engine;
}

} // namespace chorus::test
