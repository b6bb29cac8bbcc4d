#include "agent/livetracker.h"

#include <QJsonArray>

namespace chorus {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

LiveStep makeStep(const char *kind, const QString &now, const QString &tool = {},
                  const QString &detail = {})
{
    return LiveStep{QString::fromLatin1(kind), tool, detail, now};
}

bool isSubagent(const QJsonObject &line)
{
    const QJsonValue parent = line.value(QLatin1String("parent_tool_use_id"));
    return !parent.isUndefined() && !parent.isNull();
}
} // namespace

QString toolInputSummary(const QJsonObject &input)
{
    static const char *const keys[] = {"command", "file_path", "path",        "pattern",
                                       "url",     "query",     "description", "prompt"};
    QString text;
    for (const char *key : keys) {
        text = input.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            break;
    }
    text = text.simplified();
    if (text.size() > LiveStep::kMaxDetail)
        text = text.left(LiveStep::kMaxDetail - 1) + QChar(0x2026);
    return text;
}

void LiveTracker::beginTurn(const QString &now)
{
    if (m_turnStartedAt.isEmpty())
        m_turnStartedAt = now;
    m_ended = false;
    setStep(makeStep("requesting", now));
}

bool LiveTracker::endTurn()
{
    const bool wasLive = isLive() || !m_blocks.isEmpty();
    m_turnStartedAt.clear();
    m_messageId.clear();
    m_blocks.clear();
    m_step = {};
    m_stepChanged = false;
    m_ended = m_ended || wasLive;
    return wasLive;
}

bool LiveTracker::toolRuns(const QString &tool, const QJsonObject &input, const QString &now)
{
    return setStep(makeStep("tool", now, tool, toolInputSummary(input)));
}

bool LiveTracker::setStep(const LiveStep &step)
{
    if (m_step.kind == step.kind && m_step.tool == step.tool && m_step.detail == step.detail)
        return false;
    m_step = step;
    m_stepChanged = true;
    return true;
}

LiveTracker::Block *LiveTracker::block(int index, const QString &kind)
{
    for (Block &b : m_blocks)
        if (b.index == index)
            return b.kind == kind ? &b : nullptr;
    m_blocks.append(Block{index, kind, {}, 0, false});
    return &m_blocks.last();
}

bool LiveTracker::feed(const StreamEvent &ev, const QString &now)
{
    if (isSubagent(ev.json))
        return false; // a subagent's own stream: its lines are stored, its step is its tool's
    switch (ev.kind) {
    case EventKind::Partial:
        return onStreamEvent(ev.json.value(QLatin1String("event")).toObject(), now);
    case EventKind::System:
        if (ev.subtype == QLatin1String("status")) {
            const QString status = str(ev.json, "status");
            if (status.isEmpty())
                return false; // a status that ends (null): the next line says what follows
            if (m_turnStartedAt.isEmpty())
                m_turnStartedAt = now;
            return setStep(LiveStep{status, {}, {}, now});
        }
        return false;
    case EventKind::Assistant:
        return finishBlock(ev.json.value(QLatin1String("message")).toObject(), now);
    case EventKind::User: {
        const QJsonArray content = ev.json.value(QLatin1String("message"))
                                       .toObject()
                                       .value(QLatin1String("content"))
                                       .toArray();
        for (const QJsonValue &c : content)
            if (str(c.toObject(), "type") == QLatin1String("tool_result"))
                return setStep(makeStep("requesting", now));
        return false;
    }
    case EventKind::ControlRequest: {
        ToolPermissionRequest req;
        if (!parseToolPermissionRequest(ev.json, &req))
            return false;
        return setStep(makeStep("approval", now, req.toolName, toolInputSummary(req.input)));
    }
    case EventKind::Result:
        return endTurn();
    default:
        return false;
    }
}

bool LiveTracker::onStreamEvent(const QJsonObject &event, const QString &now)
{
    const QString type = str(event, "type");
    const int index = event.value(QLatin1String("index")).toInt(-1);
    if (m_turnStartedAt.isEmpty() && !type.isEmpty())
        m_turnStartedAt = now; // a turn the engine did not start (a resume's own work)
    if (type == QLatin1String("message_start")) {
        m_messageId = str(event.value(QLatin1String("message")).toObject(), "id");
        m_blocks.clear();
        m_stepChanged = true; // a new message id goes out
        setStep(makeStep("requesting", now));
        return true;
    }
    const bool blockEvent =
        type == QLatin1String("content_block_start") || type == QLatin1String("content_block_delta");
    if (blockEvent && index < 0)
        return false; // a block without its index: nowhere to put it
    if (type == QLatin1String("content_block_start")) {
        const QJsonObject cb = event.value(QLatin1String("content_block")).toObject();
        const QString kind = str(cb, "type");
        if (kind == QLatin1String("text")) {
            block(index, kind);
            return setStep(makeStep("writing", now));
        }
        if (kind == QLatin1String("thinking") || kind == QLatin1String("redacted_thinking")) {
            block(index, QStringLiteral("thinking"));
            return setStep(makeStep("thinking", now));
        }
        if (kind == QLatin1String("tool_use") || kind == QLatin1String("server_tool_use"))
            return setStep(makeStep("preparing", now, str(cb, "name")));
        return false;
    }
    if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = event.value(QLatin1String("delta")).toObject();
        const QString dtype = str(delta, "type");
        QString kind;
        QString text;
        if (dtype == QLatin1String("text_delta")) {
            kind = QStringLiteral("text");
            text = str(delta, "text");
        } else if (dtype == QLatin1String("thinking_delta")) {
            kind = QStringLiteral("thinking");
            text = str(delta, "thinking");
        } else {
            return false; // input_json_delta, signature_delta, citations...: nothing to show
        }
        Block *b = block(index, kind);
        bool changed =
            setStep(makeStep(kind == QLatin1String("text") ? "writing" : "thinking", now));
        if (b && !b->done && !text.isEmpty() && b->text.size() < kMaxBlockChars) {
            b->text += text.left(kMaxBlockChars - b->text.size());
            changed = true;
        }
        return changed;
    }
    if (type == QLatin1String("content_block_stop")) {
        for (Block &b : m_blocks)
            if (b.index == index)
                b.done = true;
        return false;
    }
    if (type == QLatin1String("message_stop")) {
        // An interrupted stream abandons its unfinished blocks: they will never be stored.
        const QJsonObject abandoned = event.value(QLatin1String("abandoned_blocks")).toObject();
        if (abandoned.isEmpty())
            return false;
        const int from = abandoned.value(QLatin1String("from_block_index")).toInt();
        bool changed = false;
        for (Block &b : m_blocks)
            if (b.index >= from && !b.done) {
                b.done = true;
                changed = true;
            }
        return changed;
    }
    return false; // message_delta, ping, and whatever a later CLI adds
}

bool LiveTracker::finishBlock(const QJsonObject &message, const QString &now)
{
    const QJsonArray content = message.value(QLatin1String("content")).toArray();
    const bool sameMessage = str(message, "id") == m_messageId;
    bool changed = false;
    for (const QJsonValue &v : content) {
        const QJsonObject c = v.toObject();
        QString kind = str(c, "type");
        if (kind == QLatin1String("redacted_thinking"))
            kind = QStringLiteral("thinking");
        if (kind == QLatin1String("tool_use") || kind == QLatin1String("server_tool_use")) {
            const QString tool = str(c, "name");
            changed |= setStep(makeStep(
                "tool", now, tool, toolInputSummary(c.value(QLatin1String("input")).toObject())));
            continue;
        }
        if (!sameMessage)
            continue;
        // One assistant line per finished block, in order: the first unfinished block of
        // that kind is the one now stored.
        for (Block &b : m_blocks) {
            if (!b.done && b.kind == kind) {
                b.done = true;
                changed = true;
                break;
            }
        }
    }
    return changed;
}

bool LiveTracker::hasUpdate() const
{
    if (m_ended || m_stepChanged)
        return true;
    for (const Block &b : m_blocks)
        if (!b.done && b.text.size() > b.sent)
            return true;
    return false;
}

LiveUpdate LiveTracker::takeUpdate()
{
    LiveUpdate u;
    u.messageId = m_messageId;
    u.turnStartedAt = m_turnStartedAt;
    u.step = m_step;
    u.ended = m_ended && !isLive();
    for (Block &b : m_blocks) {
        if (b.done || b.text.size() <= b.sent)
            continue;
        u.blocks.append(LiveBlock{b.index, b.kind, b.sent, b.text.mid(b.sent)});
        b.sent = b.text.size();
    }
    m_stepChanged = false;
    m_ended = false;
    return u;
}

LiveUpdate LiveTracker::snapshot() const
{
    LiveUpdate u;
    u.snapshot = true;
    u.messageId = m_messageId;
    u.turnStartedAt = m_turnStartedAt;
    u.step = m_step;
    for (const Block &b : m_blocks)
        if (!b.done && !b.text.isEmpty())
            u.blocks.append(LiveBlock{b.index, b.kind, 0, b.text});
    return u;
}

} // namespace chorus
