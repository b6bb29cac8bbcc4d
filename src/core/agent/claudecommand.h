#pragma once

#include "agent/agenttransport.h"
#include "model/sessioninfo.h"
#include "roles/role.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace chorus {

// The role's portion of a `claude` argument list (the caller adds -p, the stream-json
// flags, the session id…). One list element per argument, never a shell string:
//   --tools A,B  --allowedTools A,B  --disallowedTools A,B   (only when set / non-empty)
//   --permission-mode <cliPermissionMode()>
//   --permission-prompt-tool stdio   (ask, acceptEdits, plan: needs --input-format stream-json)
//   --model M (modelOverride if not empty, else the role's)  --max-turns N
//   --append-system-prompt TEXT   (or --append-system-prompt-file FILE when systemPromptFile is
//                                  set: a prompt too long for one argument, MAX_ARG_STRLEN)
//   --mcp-config {"mcpServers":{…}} --strict-mcp-config   (only with mcpServers)
// The list flags are variadic in the CLI: put positional arguments before them.
QStringList cliArguments(const Role &role, const QString &modelOverride = {},
                         const QString &systemPromptFile = {});
// Longer system prompts than this (UTF-8 bytes) go to the CLI through a file: Linux refuses a
// single argument of 128 KiB or more (E2BIG).
constexpr qsizetype kMaxInlineSystemPrompt = 64 * 1024;

// How one launch of an agent's CLI is made, besides its role and session.
struct ClaudeCommand
{
    QString program;          // the claude binary (see claudelocator.h)
    bool resume = false;      // the CLI has the session's transcript: --resume, else --session-id
    QString systemPromptFile; // where a prompt longer than kMaxInlineSystemPrompt was written
    QProcessEnvironment environment; // the agent's whole environment
    qsizetype maxLineBytes = 64 * 1024 * 1024;
    int nice = 0; // see LaunchSpec::nice
};

// Whether the role's system prompt reaches the CLI through a file
// (ClaudeCommand::systemPromptFile).
bool needsSystemPromptFile(const Role &role);

// The launch of an agent: `claude -p --input-format stream-json --output-format stream-json
// --verbose (--resume|--session-id) ID` + cliArguments(), in the session's directory, with the
// agent mark (kAgentProcessMark = the session id) added to its environment.
LaunchSpec claudeCommand(const Role &role, const SessionInfo &session, const ClaudeCommand &how);

} // namespace chorus
