#pragma once

#include "transcript/transcriptitem.h"

#include <QString>

namespace chorus {

// One row of a console transcript: a TranscriptItem as shown, with a tool call and its
// result joined into one block (by toolUseId).
struct TranscriptEntry
{
    using Kind = TranscriptItem::Kind;

    quint64 id = 0; // unique within its model, increasing with arrival
    Kind kind = Kind::System;
    bool isError = false;
    bool stoppedByUser = false; // TurnEnd, State: a stop the user asked for (not a failure)
    bool expanded = false;      // tool blocks, thinking, a turn end's details: open or one line
    bool hasResult = false;     // ToolUse: its result arrived (joined into `result`)
    bool resultIsError = false; // ToolUse: that result is an error
    bool hiddenNote = false;    // the "earlier events not shown" row
    bool showAll = false;       // a long text shown whole, not folded (TextFold)
    bool live = false;          // what the agent writes now; replaced by the stored message
    int liveIndex = -1;         // live: the block's index in its message
    qint64 seq = 0;
    QString ts;
    QString title;
    QString body;
    QString result;
    QString toolUseId;
    QString details;   // TurnEnd: the CLI's diagnostics in plain words, shown when expanded
    QString eventKind; // StoredEvent::kind of the line it came from
    QString liveMessage; // live: the message's id

    bool isCollapsible() const
    {
        return kind == Kind::ToolUse || kind == Kind::ToolResult || kind == Kind::Thinking ||
               (kind == Kind::TurnEnd && !details.isEmpty());
    }
    bool contains(const QString &needle) const
    {
        return title.contains(needle, Qt::CaseInsensitive) ||
               body.contains(needle, Qt::CaseInsensitive) ||
               result.contains(needle, Qt::CaseInsensitive);
    }
    // Title, body and result as plain text (copy, accessibility, tests).
    QString plainText() const
    {
        QString out = title;
        for (const QString *part : {&body, &result}) {
            if (part->isEmpty())
                continue;
            if (!out.isEmpty())
                out += QLatin1Char('\n');
            out += *part;
        }
        return out;
    }
};

} // namespace chorus
