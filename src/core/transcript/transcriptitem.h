#pragma once

#include "model/storedevent.h"

#include <QList>
#include <QString>

namespace chorus {

// A stored event as a person reads it: the CLI's `logs` and the GUI console both
// build on this, so they say the same thing about the same line.
struct TranscriptItem
{
    enum class Kind {
        Input,      // a message Chorus sent to the agent (task, follow-up)
        Text,       // assistant text (Markdown)
        Thinking,   // assistant thinking
        ToolUse,    // a tool call: title = tool name, body = input (JSON)
        ToolResult, // its result: body = output text
        Approval,   // a permission request or its answer
        TurnEnd,    // result line: footer with duration, tokens, cost
        State,      // state changes and other engine notes
        Error,      // errors, crashes, unreadable lines
        System,     // other CLI lines worth a line (retries, init)
    };
    Kind kind = Kind::System;
    QString title;
    QString body;
    QString toolUseId; // ToolUse/ToolResult pairing
    bool isError = false;
    bool stoppedByUser = false; // TurnEnd, State: a stop the user asked for, not a failure
    // What the CLI reported for its own diagnosis (`[ede_diagnostic] …`, `aborted_streaming`),
    // in plain words: the console shows it only on request, `logs` not at all (--json has it).
    QString details;
    qint64 seq = 0;
    QString ts;
};

// Decodes one stored event into zero or more items (an assistant line holds one block;
// a user line may hold several tool results). Lines with nothing to show give none.
QList<TranscriptItem> transcriptItems(const StoredEvent &event);

QString transcriptKindName(TranscriptItem::Kind kind);

} // namespace chorus
