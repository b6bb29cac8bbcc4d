#pragma once

#include <QList>
#include <QString>

namespace chorus {

// What an agent is doing right now, between two stored events: the text and thinking of the
// message the model is writing (not stored until the message is finished) and the current
// step of its turn. The engine sends these as `events.partial` notifications; nothing of it
// is stored, so a killed engine loses only an unfinished message's deltas.
struct LiveBlock
{
    int index = 0;      // the content block's index in its message
    QString kind;       // "text" or "thinking"
    qsizetype from = 0; // where `text` starts in the block's text (UTF-16 units)
    QString text;       // the block's text from `from` on (a client that has less ignores it)
};

struct LiveStep
{
    // "" (nothing live), "requesting" (waiting for the model), "writing", "thinking",
    // "preparing" (the model writes a tool call), "tool" (a tool runs), "approval" (a tool
    // waits for the user), or a status the CLI reports (e.g. "compacting").
    QString kind;
    QString tool;   // the tool's name ("preparing", "tool", "approval")
    QString detail; // its input in one line (a command, a path), at most kMaxDetail
    QString since;  // when this step began (UTC, ISO 8601)

    static constexpr int kMaxDetail = 160;
    bool operator==(const LiveStep &) const = default;
};

struct LiveUpdate
{
    QString sessionId;
    QString messageId;     // the model message being written (empty between messages)
    QString turnStartedAt; // when the turn's message was written to the agent (UTC)
    LiveStep step;
    QList<LiveBlock> blocks; // only blocks that changed (or, in a snapshot, all unfinished)
    bool snapshot = false;   // everything live now (a client that just subscribed)
    bool ended = false;      // the turn is over: clear what is shown
};

} // namespace chorus
