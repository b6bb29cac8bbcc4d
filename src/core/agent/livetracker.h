#pragma once

#include "agent/streamevent.h"
#include "model/liveupdate.h"

#include <QList>
#include <QString>

namespace chorus {

// Follows one agent's stream (with --include-partial-messages) and keeps what is live: the
// unfinished text and thinking blocks of the message being written, and the turn's current
// step. It is fed every line in order, stored ones included (a stored `assistant` line
// finishes its block, a tool call starts a step, a `result` ends the turn); it keeps no
// timer, so the caller decides how often takeUpdate() goes out. Unknown stream_event types
// and subagents' lines (parent_tool_use_id set) change nothing.
class LiveTracker
{
public:
    // A block's text is kept up to this many characters; the stored message has it all.
    static constexpr qsizetype kMaxBlockChars = 4 * 1024 * 1024;

    // A message was written to the agent at `now` (UTC, ISO 8601): its turn starts.
    void beginTurn(const QString &now);
    // Feeds one line; true when something live changed. `now`: when it was read.
    bool feed(const StreamEvent &ev, const QString &now);
    // A tool the user allowed runs from `now` (the CLI says nothing until its result).
    bool toolRuns(const QString &tool, const QJsonObject &input, const QString &now);
    // The turn ended (result, process gone): true when something was live.
    bool endTurn();

    bool isLive() const { return !m_turnStartedAt.isEmpty() || !m_step.kind.isEmpty(); }
    // What changed since the last takeUpdate() (marks it sent); ended when the turn ended.
    LiveUpdate takeUpdate();
    bool hasUpdate() const;
    // Everything live now, every unfinished block from its start (sends nothing).
    LiveUpdate snapshot() const;

private:
    struct Block
    {
        int index = 0;
        QString kind;
        QString text;
        qsizetype sent = 0; // how much of text went out in updates
        bool done = false;
    };
    Block *block(int index, const QString &kind);
    bool onStreamEvent(const QJsonObject &event, const QString &now);
    bool finishBlock(const QJsonObject &assistant, const QString &now);
    bool setStep(const LiveStep &step);

    QString m_turnStartedAt;
    QString m_messageId;
    LiveStep m_step;
    QList<Block> m_blocks;
    bool m_stepChanged = false;
    bool m_ended = false; // the turn ended since the last update
};

// A tool's input in one line for a live step: the command, path, pattern... (empty if none).
QString toolInputSummary(const QJsonObject &input);

} // namespace chorus
