#pragma once

#include "result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace chorus {

// Finds the Claude Code CLI: the configured path, then $CHORUS_CLAUDE, then PATH, then the
// usual install places (~/.claude/local/claude, the npm global prefix, ~/.local/bin).
// When nothing is found the error names every place that was tried.
struct ClaudeLocation
{
    QString path;
    QString source; // "setting", "CHORUS_CLAUDE", "PATH", ...
};

Result<ClaudeLocation> locateClaude(const QString &configured,
                                    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

// The places locateClaude() looks, in order, as (source, path) pairs.
QList<QPair<QString, QString>> claudeCandidates(const QString &configured,
                                                const QProcessEnvironment &env);

// The transcript the CLI keeps for a session, or an empty string when it has none (yet):
// $CLAUDE_CONFIG_DIR (default ~/.claude) /projects/*/<session-id>.jsonl. `--resume` only
// works when it exists; `--session-id` only when it does not.
QString findClaudeTranscript(const QProcessEnvironment &env, const QString &sessionId);

// Whether the transcript at `path` holds the user message the CLI was given with that `uuid`
// (the CLI keeps a client uuid on its transcript line). The CLI prints `system/init` before it
// writes the message there, so only the transcript says whether a killed CLI kept a message.
bool transcriptHasUserMessage(const QString &path, const QString &uuid);

} // namespace chorus
