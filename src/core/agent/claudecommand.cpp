#include "agent/claudecommand.h"

#include "agent/toolprocesses.h"

#include <QJsonDocument>

namespace chorus {

QStringList cliArguments(const Role &role, const QString &modelOverride,
                         const QString &systemPromptFile)
{
    const QChar comma(u',');
    QStringList args;
    if (role.tools)
        args << QStringLiteral("--tools") << role.tools->join(comma); // "" = no built-in tools
    if (!role.allowedTools.isEmpty())
        args << QStringLiteral("--allowedTools") << role.allowedTools.join(comma);
    if (!role.disallowedTools.isEmpty())
        args << QStringLiteral("--disallowedTools") << role.disallowedTools.join(comma);

    args << QStringLiteral("--permission-mode") << cliPermissionMode(role.permissionMode);
    if (usesPromptTool(role.permissionMode))
        args << QStringLiteral("--permission-prompt-tool") << QStringLiteral("stdio");

    const QString model = modelOverride.isEmpty() ? role.model : modelOverride;
    if (!model.isEmpty())
        args << QStringLiteral("--model") << model;
    if (role.maxTurns > 0)
        args << QStringLiteral("--max-turns") << QString::number(role.maxTurns);
    if (!systemPromptFile.isEmpty())
        args << QStringLiteral("--append-system-prompt-file") << systemPromptFile;
    else if (!role.systemPrompt.isEmpty())
        args << QStringLiteral("--append-system-prompt") << role.systemPrompt;
    if (!role.mcpServers.isEmpty()) {
        const QJsonObject config{{QStringLiteral("mcpServers"), role.mcpServers}};
        args << QStringLiteral("--mcp-config")
             << QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact))
             << QStringLiteral("--strict-mcp-config");
    }
    return args;
}

bool needsSystemPromptFile(const Role &role)
{
    return role.systemPrompt.toUtf8().size() > kMaxInlineSystemPrompt;
}

LaunchSpec claudeCommand(const Role &role, const SessionInfo &s, const ClaudeCommand &how)
{
    LaunchSpec spec;
    spec.resume = how.resume;
    spec.program = how.program;
    spec.arguments = {QStringLiteral("-p"),
                      QStringLiteral("--input-format"),
                      QStringLiteral("stream-json"),
                      QStringLiteral("--output-format"),
                      QStringLiteral("stream-json"),
                      QStringLiteral("--verbose"),
                      QStringLiteral("--include-partial-messages"), // live only, never stored
                      how.resume ? QStringLiteral("--resume") : QStringLiteral("--session-id"),
                      s.claudeSessionId};
    spec.arguments += cliArguments(
        role, s.options.value(QLatin1String("requestedModel")).toString(), how.systemPromptFile);
    spec.workingDirectory = s.dir;
    spec.environment = how.environment;
    spec.environment.insert(QLatin1String(kAgentProcessMark), s.id);
    spec.maxLineBytes = how.maxLineBytes;
    spec.nice = how.nice;
    return spec;
}

} // namespace chorus
