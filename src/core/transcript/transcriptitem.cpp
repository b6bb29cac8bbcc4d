#include "transcript/transcriptitem.h"

#include "agent/streamevent.h"
#include "model/approvalinfo.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace chorus {

namespace {
class TranscriptText
{
    Q_DECLARE_TR_FUNCTIONS(Transcript)
};
} // namespace

namespace {

QString toolResultText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &v : content.toArray()) {
        const QJsonObject b = v.toObject();
        if (b.value(QLatin1String("type")).toString() == QLatin1String("text"))
            parts << b.value(QLatin1String("text")).toString();
        else
            parts << QStringLiteral("[%1]").arg(b.value(QLatin1String("type")).toString());
    }
    return parts.join(QLatin1Char('\n'));
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)).trimmed();
}

void assistantItems(const QJsonObject &json, QList<TranscriptItem> &out)
{
    const QJsonObject msg = json.value(QLatin1String("message")).toObject();
    const bool apiError = json.value(QLatin1String("is_api_error_message")).toBool() ||
                          msg.value(QLatin1String("model")).toString() == QLatin1String("<synthetic>");
    for (const QJsonValue &v : msg.value(QLatin1String("content")).toArray()) {
        const QJsonObject block = v.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        TranscriptItem item;
        if (type == QLatin1String("text")) {
            item.kind = apiError ? TranscriptItem::Kind::Error : TranscriptItem::Kind::Text;
            item.isError = apiError;
            item.body = block.value(QLatin1String("text")).toString();
        } else if (type == QLatin1String("thinking")) {
            item.kind = TranscriptItem::Kind::Thinking;
            item.body = block.value(QLatin1String("thinking")).toString();
        } else if (type == QLatin1String("tool_use")) {
            item.kind = TranscriptItem::Kind::ToolUse;
            item.title = block.value(QLatin1String("name")).toString();
            item.body = compactJson(block.value(QLatin1String("input")).toObject());
            item.toolUseId = block.value(QLatin1String("id")).toString();
        } else {
            continue;
        }
        out.append(item);
    }
}

void userItems(const QJsonObject &json, QList<TranscriptItem> &out)
{
    const QJsonValue content = json.value(QLatin1String("message")).toObject().value(QLatin1String("content"));
    for (const QJsonValue &v : content.toArray()) {
        const QJsonObject block = v.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        TranscriptItem item;
        if (type == QLatin1String("tool_result")) {
            item.kind = TranscriptItem::Kind::ToolResult;
            item.toolUseId = block.value(QLatin1String("tool_use_id")).toString();
            item.body = toolResultText(block.value(QLatin1String("content")));
            item.isError = block.value(QLatin1String("is_error")).toBool();
        } else if (type == QLatin1String("text")) {
            const QString text = block.value(QLatin1String("text")).toString();
            if (!text.startsWith(QLatin1String("[Request interrupted")))
                continue;
            item.kind = TranscriptItem::Kind::State;
            item.body = text;
        } else {
            continue;
        }
        out.append(item);
    }
}

// One `[ede_diagnostic] key=value …` line of the CLI in plain words, with the line itself.
QString diagnosticInWords(const QString &line)
{
    QHash<QString, QString> values;
    const QString rest = line.mid(line.indexOf(QLatin1Char(']')) + 1).trimmed();
    for (const QString &pair : rest.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq > 0)
            values.insert(pair.left(eq), pair.mid(eq + 1));
    }
    QStringList words;
    const auto known = [](const QString &v) { return !v.isEmpty() && v != QLatin1String("n/a"); };
    if (const QString who = values.value(QStringLiteral("result_type")); known(who))
        words << TranscriptText::tr("the last message of the conversation was the %1's").arg(who);
    if (const QString what = values.value(QStringLiteral("last_content_type")); known(what))
        words << TranscriptText::tr("its last part was %1").arg(what);
    const QString stop = values.value(QStringLiteral("stop_reason"));
    if (stop == QLatin1String("null"))
        words << TranscriptText::tr("the model had not finished its answer");
    else if (known(stop))
        words << TranscriptText::tr("the model stopped with \"%1\"").arg(stop);
    QString out = TranscriptText::tr("Claude Code noted where the turn ended");
    if (!words.isEmpty())
        out += QStringLiteral(": ") + words.join(QStringLiteral(", "));
    return out + QStringLiteral(".\n") + TranscriptText::tr("(Its own words: %1)").arg(line);
}

TranscriptItem turnEnd(const QJsonObject &json)
{
    const ResultInfo r = parseResult(json);
    TranscriptItem item;
    item.kind = TranscriptItem::Kind::TurnEnd;
    // A turn the CLI abandoned: Chorus asks for that only when you interrupt or stop it.
    const bool aborted = r.terminalReason.startsWith(QLatin1String("aborted_"));
    item.stoppedByUser = aborted;
    item.isError = r.isError && !aborted;
    item.title = aborted     ? TranscriptText::tr("Stopped by you")
                 : r.isError ? TranscriptText::tr("Turn failed")
                             : TranscriptText::tr("Turn done");
    item.body = TranscriptText::tr("%1 s · %2 in / %3 out tokens · $%4")
                    .arg(double(r.durationMs) / 1000.0, 0, 'f', 1)
                    .arg(r.tokens.input + r.tokens.cacheRead + r.tokens.cacheWrite)
                    .arg(r.tokens.output)
                    .arg(r.costUsd, 0, 'f', 4);
    // The CLI's diagnostics are for whoever debugs it; the rest of an error is the user's.
    QStringList said, details;
    if (r.isError)
        for (const QString &line : r.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1String("[ede_diagnostic]")))
                details << diagnosticInWords(line);
            else if (!aborted)
                said << line;
        }
    if (r.terminalReason == QLatin1String("aborted_streaming"))
        details.prepend(
            TranscriptText::tr("The turn was stopped while the model was still answering "
                               "(aborted_streaming); what it had written is kept above."));
    else if (r.terminalReason == QLatin1String("aborted_tools"))
        details.prepend(
            TranscriptText::tr("The turn was stopped while a tool was running "
                               "(aborted_tools); the tool and what it started were ended."));
    else if (aborted)
        details.prepend(TranscriptText::tr("The turn was stopped (%1).").arg(r.terminalReason));
    item.details = details.join(QLatin1Char('\n'));
    if (isAuthFailure(r))
        item.body = TranscriptText::tr("Claude Code is not logged in. Run `claude` once in a "
                                       "terminal and log in with /login (or set ANTHROPIC_API_KEY "
                                       "for the engine), then start the agent again.") +
                    QLatin1Char('\n') + item.body;
    if (!said.isEmpty())
        item.body = said.join(QLatin1Char('\n')) + QLatin1Char('\n') + item.body;
    return item;
}

void chorusItems(const QJsonObject &json, const QString &subtype, QList<TranscriptItem> &out)
{
    TranscriptItem item;
    if (subtype == QLatin1String("input")) {
        item.kind = TranscriptItem::Kind::Input;
        item.body = json.value(QLatin1String("text")).toString();
    } else if (subtype == QLatin1String("state")) {
        item.kind = TranscriptItem::Kind::State;
        item.title = json.value(QLatin1String("state")).toString();
        item.body = json.value(QLatin1String("detail")).toString();
        if (item.title == QLatin1String("stopped") && item.body == QLatin1String("user")) {
            item.stoppedByUser = true;
            item.body = TranscriptText::tr("by you");
        }
    } else if (subtype == QLatin1String("crash")) {
        item.kind = TranscriptItem::Kind::Error;
        item.isError = true;
        item.title = TranscriptText::tr("The Claude Code process ended unexpectedly (exit code %1)")
                         .arg(json.value(QLatin1String("exitCode")).toInt());
        item.body = json.value(QLatin1String("stderr")).toString();
    } else if (subtype == QLatin1String("approval")) {
        const ApprovalInfo a = ApprovalInfo::fromJson(json);
        item.kind = TranscriptItem::Kind::Approval;
        item.title = a.state == QLatin1String("allowed") ? TranscriptText::tr("Allowed %1").arg(a.toolName)
                                                          : TranscriptText::tr("Denied %1").arg(a.toolName);
        item.isError = a.state != QLatin1String("allowed");
        item.body = a.message;
    } else if (subtype == QLatin1String("checkpoint")) {
        item.kind = TranscriptItem::Kind::State;
        item.title = TranscriptText::tr("checkpoint %1 on %2")
                         .arg(json.value(QLatin1String("commit")).toString().left(10),
                              json.value(QLatin1String("branch")).toString());
    } else if (subtype == QLatin1String("checkpoint_failed")) {
        item.kind = TranscriptItem::Kind::Error;
        item.isError = true;
        item.title = TranscriptText::tr("checkpoint failed: the agent's changes are not committed yet");
        item.body = json.value(QLatin1String("error")).toString();
    } else if (subtype == QLatin1String("launch_failed")) {
        // Why no Claude Code process started (the CLI not found, a role it refuses...), with
        // what was tried and the next step: the same words as the agent's error.
        item.kind = TranscriptItem::Kind::Error;
        item.isError = true;
        item.title = TranscriptText::tr("The agent could not start");
        item.body = json.value(QLatin1String("error")).toString();
    } else if (subtype == QLatin1String("interrupt")) {
        item.kind = TranscriptItem::Kind::State;
        item.title = TranscriptText::tr("interrupt requested");
    } else if (subtype == QLatin1String("recover")) {
        item.kind = TranscriptItem::Kind::State;
        item.title = TranscriptText::tr("resuming after an engine restart");
    } else {
        return; // launch details and other notes are for --json readers
    }
    out.append(item);
}
} // namespace

QList<TranscriptItem> transcriptItems(const StoredEvent &event)
{
    QList<TranscriptItem> out;
    const QJsonObject json = QJsonDocument::fromJson(event.raw).object();
    if (event.kind == QLatin1String("assistant")) {
        assistantItems(json, out);
    } else if (event.kind == QLatin1String("user")) {
        userItems(json, out);
    } else if (event.kind == QLatin1String("result")) {
        out.append(turnEnd(json));
    } else if (event.kind == QLatin1String("chorus")) {
        chorusItems(json, event.subtype, out);
    } else if (event.kind == QLatin1String("control_request") &&
               event.subtype == QLatin1String("can_use_tool")) {
        ToolPermissionRequest req;
        parseToolPermissionRequest(json, &req);
        TranscriptItem item;
        item.kind = TranscriptItem::Kind::Approval;
        item.title = TranscriptText::tr("%1 needs approval").arg(req.toolName);
        item.body = req.description.isEmpty() ? compactJson(req.input) : req.description;
        out.append(item);
    } else if (event.kind == QLatin1String("api_retry")) {
        TranscriptItem item;
        item.kind = TranscriptItem::Kind::System;
        item.title = TranscriptText::tr("API retry %1/%2 (%3) in %4 s")
                         .arg(json.value(QLatin1String("attempt")).toInt())
                         .arg(json.value(QLatin1String("max_retries")).toInt())
                         .arg(json.value(QLatin1String("error")).toString())
                         .arg(json.value(QLatin1String("retry_delay_ms")).toDouble() / 1000.0, 0, 'f', 1);
        out.append(item);
    } else if (event.kind == QLatin1String("init")) {
        TranscriptItem item;
        item.kind = TranscriptItem::Kind::System;
        item.title = TranscriptText::tr("session started · %1 · %2")
                         .arg(json.value(QLatin1String("model")).toString(),
                              json.value(QLatin1String("cwd")).toString());
        out.append(item);
    } else if (event.kind == QLatin1String("system") && event.subtype == QLatin1String("permission_denied")) {
        TranscriptItem item; // the CLI refused a tool call by its own rules
        item.kind = TranscriptItem::Kind::Approval;
        item.isError = true;
        item.title = TranscriptText::tr("Denied %1").arg(json.value(QLatin1String("tool_name")).toString());
        item.body = json.value(QLatin1String("message")).toString();
        out.append(item);
    } else if (event.kind == QLatin1String("system") && event.subtype == QLatin1String("model_fallback")) {
        TranscriptItem item;
        item.kind = TranscriptItem::Kind::System;
        item.title = json.value(QLatin1String("content")).toString();
        out.append(item);
    } else if (event.kind == QLatin1String("invalid")) {
        TranscriptItem item;
        item.kind = TranscriptItem::Kind::Error;
        item.isError = true;
        item.title = TranscriptText::tr("unreadable output line (not JSON)");
        item.body = QString::fromUtf8(event.raw.left(2000));
        out.append(item);
    }
    for (TranscriptItem &item : out) {
        item.seq = event.seq;
        item.ts = event.ts;
    }
    return out;
}

QString transcriptKindName(TranscriptItem::Kind kind)
{
    switch (kind) {
    case TranscriptItem::Kind::Input: return QStringLiteral("input");
    case TranscriptItem::Kind::Text: return QStringLiteral("text");
    case TranscriptItem::Kind::Thinking: return QStringLiteral("thinking");
    case TranscriptItem::Kind::ToolUse: return QStringLiteral("tool_use");
    case TranscriptItem::Kind::ToolResult: return QStringLiteral("tool_result");
    case TranscriptItem::Kind::Approval: return QStringLiteral("approval");
    case TranscriptItem::Kind::TurnEnd: return QStringLiteral("turn_end");
    case TranscriptItem::Kind::State: return QStringLiteral("state");
    case TranscriptItem::Kind::Error: return QStringLiteral("error");
    case TranscriptItem::Kind::System: return QStringLiteral("system");
    }
    return QStringLiteral("system");
}

} // namespace chorus
