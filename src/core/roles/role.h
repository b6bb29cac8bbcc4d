#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace chorus {

// How an agent's tool requests are decided. Each maps to a Claude CLI
// --permission-mode (CLAUDE-CLI.md §4.1); see cliArguments().
enum class PermissionMode {
    Ask,         // CLI `default`; anything the CLI would prompt for goes to the approval broker
    AcceptEdits, // CLI `acceptEdits`; file edits in the worktree run, the rest goes to the broker
    Plan,        // CLI `plan`; read-only exploration, the rest goes to the broker
    Deny,        // CLI `dontAsk`; anything that would need approval is refused, nobody is asked
    // CLI `bypassPermissions`: everything runs unasked (only disallowedTools still apply).
    // Never a built-in default. The CLI refuses it when run as root unless IS_SANDBOX=1 is
    // in its environment; Chorus never sets that for you (see checkRoleCanRun()).
    BypassPermissions,
};

// The spelling in role files: ask, acceptEdits, plan, deny, bypassPermissions.
QString permissionModeName(PermissionMode mode);
std::optional<PermissionMode> permissionModeFromName(const QString &name);
// The value for the CLI's --permission-mode.
QString cliPermissionMode(PermissionMode mode);
// Whether the CLI can ask us (the approval broker) about requests the mode does not decide.
bool usesPromptTool(PermissionMode mode);
// All role-file spellings, in declaration order ("ask, acceptEdits, …" for messages).
QStringList permissionModeNames();

// What an agent is for and what it may do: one YAML file (resources/roles/*.yml for the
// built-ins, $XDG_CONFIG_HOME/chorus/roles/*.yml for the user's own).
struct Role
{
    QString name; // [a-z0-9][a-z0-9_-]*, at most 64 characters
    QString description;
    QString systemPrompt; // appended to Claude's own system prompt
    // The built-in tools that exist at all (--tools). Unset = the CLI's default set;
    // an empty list = no built-in tools.
    std::optional<QStringList> tools;
    QStringList allowedTools;    // pre-approved rules, e.g. "Bash(git log *)" (--allowedTools)
    QStringList disallowedTools; // removed or refused rules (--disallowedTools)
    PermissionMode permissionMode = PermissionMode::Ask;
    QString model;          // empty = the CLI's default
    int maxTurns = 0;       // 0 = no limit
    QJsonObject mcpServers; // server name -> MCP server config object
    QString color;          // "#rrggbb" or empty; for the GUI
    QString icon;           // a short icon name or empty; for the GUI
    QString source;         // the file it was read from (":/roles/…" for built-ins)

    bool isBuiltIn() const { return source.startsWith(QLatin1String(":/")); }
    QJsonObject toJson() const;
};

// Whether an agent of this role can change files: its permission mode lets edits run (asked
// or not: every mode but plan and deny) and its tools include one that writes (Write, Edit,
// MultiEdit, NotebookEdit, Bash; an unset list is the CLI's default set, which does). Such an
// agent working in place (no worktree of its own) edits the user's folder itself.
bool canEditFiles(const Role &role);

// Role names and icon names: [a-z0-9][a-z0-9_-]*, at most 64 characters.
bool isValidRoleName(const QString &name);

// Parses one role file. fileName is used for error locations (`file:line:col: message`,
// 1-based) and as the default name (its base name) when the file has no `name`.
// Never throws.
Result<Role> parseRole(const QByteArray &yaml, const QString &fileName);

// Whether the CLI will accept the role's permission mode in this environment: as root,
// bypassPermissions needs IS_SANDBOX=1, which Chorus never sets by itself. The error
// names the role and says what to do.
Status checkRoleCanRun(const Role &role, const QProcessEnvironment &env, bool runningAsRoot);
bool isRunningAsRoot();

} // namespace chorus
