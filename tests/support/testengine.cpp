#include "testengine.h"

#include "fakeapi.h"

#include <QDir>

namespace chorus::test {

QProcessEnvironment testAgentEnvironment(const QString &root, const FakeApi &fake)
{
    QProcessEnvironment env = fake.claudeEnvironment(QDir(root).filePath(QStringLiteral("claude")));
    env.insert(QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("0"));
    return env;
}

std::unique_ptr<Engine> openTestEngine(const QString &root, const FakeApi &fake,
                                       const QString &claude, Status *status)
{
    const QDir dir(root);
    auto engine = std::make_unique<Engine>(dir.filePath(QStringLiteral("data/chorus.db")));
    engine->setAgentEnvironment(testAgentEnvironment(root, fake));
    EngineSettings s;
    s.claudePath = claude;
    s.userRolesDir = dir.filePath(QStringLiteral("roles")); // none: built-ins only
    engine->setSettings(s);
    *status = engine->open();
    return engine;
}

} // namespace chorus::test
