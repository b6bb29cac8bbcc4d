#include "roles/role.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <unistd.h>

#include <algorithm>

namespace chorus {

namespace {
struct RoleText
{
    Q_DECLARE_TR_FUNCTIONS(chorus::Role)
};

struct ModeSpelling
{
    PermissionMode mode;
    const char *name;
    const char *cli;
};

constexpr ModeSpelling kModes[] = {
    {PermissionMode::Ask, "ask", "default"},
    {PermissionMode::AcceptEdits, "acceptEdits", "acceptEdits"},
    {PermissionMode::Plan, "plan", "plan"},
    {PermissionMode::Deny, "deny", "dontAsk"},
    {PermissionMode::BypassPermissions, "bypassPermissions", "bypassPermissions"},
};

const ModeSpelling &spelling(PermissionMode mode)
{
    for (const ModeSpelling &s : kModes) {
        if (s.mode == mode)
            return s;
    }
    return kModes[0];
}

} // namespace

bool canEditFiles(const Role &role)
{
    if (role.permissionMode == PermissionMode::Plan || role.permissionMode == PermissionMode::Deny)
        return false;
    if (!role.tools)
        return true;
    static const QStringList writers{QStringLiteral("Write"), QStringLiteral("Edit"),
                                     QStringLiteral("MultiEdit"), QStringLiteral("NotebookEdit"),
                                     QStringLiteral("Bash")};
    return std::any_of(role.tools->cbegin(), role.tools->cend(),
                       [](const QString &tool) { return writers.contains(tool); });
}

// Whether the CLI can ask us (the approval broker) about requests the mode does not decide.
bool usesPromptTool(PermissionMode mode)
{
    switch (mode) {
    case PermissionMode::Ask:
    case PermissionMode::AcceptEdits:
    case PermissionMode::Plan:
        return true;
    case PermissionMode::Deny:
    case PermissionMode::BypassPermissions:
        return false;
    }
    return false;
}

QString permissionModeName(PermissionMode mode)
{
    return QLatin1String(spelling(mode).name);
}

QString cliPermissionMode(PermissionMode mode)
{
    return QLatin1String(spelling(mode).cli);
}

std::optional<PermissionMode> permissionModeFromName(const QString &name)
{
    for (const ModeSpelling &s : kModes) {
        if (name == QLatin1String(s.name))
            return s.mode;
    }
    return std::nullopt;
}

QStringList permissionModeNames()
{
    QStringList names;
    for (const ModeSpelling &s : kModes)
        names << QLatin1String(s.name);
    return names;
}

bool isValidRoleName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("\\A[a-z0-9][a-z0-9_-]{0,63}\\z"));
    return re.match(name).hasMatch();
}

QJsonObject Role::toJson() const
{
    QJsonObject o{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("systemPrompt"), systemPrompt},
        {QStringLiteral("allowedTools"), QJsonArray::fromStringList(allowedTools)},
        {QStringLiteral("disallowedTools"), QJsonArray::fromStringList(disallowedTools)},
        {QStringLiteral("permissionMode"), permissionModeName(permissionMode)},
        {QStringLiteral("model"), model},
        {QStringLiteral("maxTurns"), maxTurns},
        {QStringLiteral("mcpServers"), mcpServers},
        {QStringLiteral("color"), color},
        {QStringLiteral("icon"), icon},
        {QStringLiteral("source"), source},
    };
    if (tools)
        o.insert(QStringLiteral("tools"), QJsonArray::fromStringList(*tools));
    return o;
}

bool isRunningAsRoot()
{
    return ::geteuid() == 0;
}

Status checkRoleCanRun(const Role &role, const QProcessEnvironment &env, bool runningAsRoot)
{
    if (role.permissionMode == PermissionMode::BypassPermissions && runningAsRoot &&
        env.value(QStringLiteral("IS_SANDBOX")) != QLatin1String("1")) {
        return makeError(
            RoleText::tr("the Claude CLI refuses permission mode bypassPermissions when it runs "
                         "as root"),
            role.source.isEmpty() ? role.name : role.source,
            RoleText::tr("Run Chorus as a normal user, or use the permission mode acceptEdits "
                         "in role '%1'. Only inside a disposable sandbox set IS_SANDBOX=1 in the "
                         "environment yourself; Chorus never sets it.")
                .arg(role.name));
    }
    return Ok{};
}

} // namespace chorus
