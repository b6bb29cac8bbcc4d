#include "fakesteps.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace chorus::test {

namespace {

int seconds(const QJsonValue &v)
{
    return std::max(0, qRound(v.toDouble() * 1000.0));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sse(const char *event, const QJsonObject &data)
{
    return QByteArray("event: ") + event + "\ndata: " + compact(data) + "\n\n";
}

QString errorTypeForStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 408:
        return QStringLiteral("timeout_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return QStringLiteral("api_error");
    }
}

int statusForErrorType(const QString &type)
{
    if (type == QLatin1String("overloaded_error"))
        return 529;
    if (type == QLatin1String("rate_limit_error"))
        return 429;
    if (type == QLatin1String("invalid_request_error"))
        return 400;
    return 500;
}

// Splits `text` into n pieces of similar length without cutting surrogate pairs.
QStringList splitText(const QString &text, int n)
{
    QStringList out;
    n = std::clamp(n, 1, std::max<int>(1, int(text.size())));
    const qsizetype step = text.size() / n;
    qsizetype pos = 0;
    for (int i = 0; i < n; ++i) {
        qsizetype end = (i == n - 1) ? text.size() : pos + step;
        if (end > pos && end < text.size() && text.at(end - 1).isHighSurrogate())
            ++end;
        out.append(text.mid(pos, end - pos));
        pos = end;
    }
    return out;
}

// One content block of an assistant message, before rendering.
struct Block
{
    QString type; // "thinking", "text", "tool_use"
    QString text; // thinking or text
    QString toolId;
    QString toolName;
    QJsonObject toolInput;
};

struct Message
{
    QList<Block> blocks;
    QString stopReason;
    int chunks = 1;
    int delayMs = 0;
};

Message messageFor(const QJsonObject &step, const StepContext &ctx)
{
    Message m;
    m.chunks = std::max(1, step.value(QLatin1String("chunks")).toInt(1));
    m.delayMs = seconds(step.value(QLatin1String("delay")));
    const QString thinking = step.value(QLatin1String("thinking")).toString();
    if (!thinking.isEmpty())
        m.blocks.append(Block{QStringLiteral("thinking"), thinking, {}, {}, {}});
    const QString text = step.value(QLatin1String("text")).toString();
    if (!text.isEmpty())
        m.blocks.append(Block{QStringLiteral("text"), text, {}, {}, {}});

    QJsonArray tools = step.value(QLatin1String("tools")).toArray();
    if (step.contains(QLatin1String("tool")))
        tools.prepend(step);
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QJsonObject t = tools.at(i).toObject();
        QString id = t.value(QLatin1String("id")).toString();
        if (id.isEmpty())
            id = QLatin1String("toolu_fake_") + QString::fromLatin1(ctx.messageId) + u'_' +
                 QString::number(i);
        m.blocks.append(Block{QStringLiteral("tool_use"),
                              {},
                              id,
                              t.value(QLatin1String("tool")).toString(),
                              t.value(QLatin1String("input")).toObject()});
    }
    m.stopReason =
        step.value(QLatin1String("stop_reason"))
            .toString(tools.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use"));
    return m;
}

QJsonObject messageHead(const StepContext &ctx, const QJsonObject &usage)
{
    return QJsonObject{{QLatin1String("id"), QString::fromLatin1(ctx.messageId)},
                       {QLatin1String("type"), QLatin1String("message")},
                       {QLatin1String("role"), QLatin1String("assistant")},
                       {QLatin1String("model"), ctx.model},
                       {QLatin1String("content"), QJsonArray()},
                       {QLatin1String("stop_reason"), QJsonValue::Null},
                       {QLatin1String("stop_sequence"), QJsonValue::Null},
                       {QLatin1String("usage"), usage}};
}

QJsonObject blockStart(const Block &b)
{
    if (b.type == QLatin1String("thinking"))
        return {{QLatin1String("type"), b.type},
                {QLatin1String("thinking"), QString()},
                {QLatin1String("signature"), QString()}};
    if (b.type == QLatin1String("text"))
        return {{QLatin1String("type"), b.type}, {QLatin1String("text"), QString()}};
    return {{QLatin1String("type"), b.type},
            {QLatin1String("id"), b.toolId},
            {QLatin1String("name"), b.toolName},
            {QLatin1String("input"), QJsonObject()}};
}

QJsonObject blockFinal(const Block &b)
{
    if (b.type == QLatin1String("thinking"))
        return {{QLatin1String("type"), b.type},
                {QLatin1String("thinking"), b.text},
                {QLatin1String("signature"), QLatin1String("fakesig")}};
    if (b.type == QLatin1String("text"))
        return {{QLatin1String("type"), b.type}, {QLatin1String("text"), b.text}};
    QJsonObject o = blockStart(b);
    o.insert(QLatin1String("input"), b.toolInput);
    return o;
}

QJsonObject delta(int index, const QJsonObject &d)
{
    return {{QLatin1String("type"), QLatin1String("content_block_delta")},
            {QLatin1String("index"), index},
            {QLatin1String("delta"), d}};
}

void appendBlock(HttpResponse &r, int index, const Block &b, const Message &m)
{
    const bool tool = b.type == QLatin1String("tool_use");
    r.append(
        sse("content_block_start", {{QLatin1String("type"), QLatin1String("content_block_start")},
                                    {QLatin1String("index"), index},
                                    {QLatin1String("content_block"), blockStart(b)}}),
        tool ? m.delayMs : 0);
    if (b.type == QLatin1String("thinking")) {
        r.append(sse("content_block_delta",
                     delta(index, {{QLatin1String("type"), QLatin1String("thinking_delta")},
                                   {QLatin1String("thinking"), b.text}})));
        r.append(sse("content_block_delta",
                     delta(index, {{QLatin1String("type"), QLatin1String("signature_delta")},
                                   {QLatin1String("signature"), QLatin1String("fakesig")}})));
    } else if (b.type == QLatin1String("text")) {
        for (const QString &piece : splitText(b.text, m.chunks))
            r.append(sse("content_block_delta",
                         delta(index, {{QLatin1String("type"), QLatin1String("text_delta")},
                                       {QLatin1String("text"), piece}})),
                     m.delayMs);
    } else {
        const QString json =
            QString::fromUtf8(QJsonDocument(b.toolInput).toJson(QJsonDocument::Compact));
        // Like the real API: an empty fragment first, then the JSON in pieces.
        QStringList pieces{QString()};
        pieces += splitText(json, json.size() > 8 ? 2 : 1);
        for (const QString &piece : std::as_const(pieces))
            r.append(sse("content_block_delta",
                         delta(index, {{QLatin1String("type"), QLatin1String("input_json_delta")},
                                       {QLatin1String("partial_json"), piece}})));
    }
    r.append(
        sse("content_block_stop", {{QLatin1String("type"), QLatin1String("content_block_stop")},
                                   {QLatin1String("index"), index}}));
}

void setStreamHeaders(HttpResponse &r, const StepContext &ctx)
{
    r.status = 200;
    r.framing = HttpResponse::Framing::Chunked;
    r.setHeader("content-type", "text/event-stream; charset=utf-8");
    r.setHeader("cache-control", "no-cache");
    r.setHeader("request-id", ctx.requestId);
}

void applyHeaders(HttpResponse &r, const QJsonObject &headers)
{
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QJsonValue v = it.value();
        const QString value = v.isDouble() ? QString::number(v.toDouble()) : v.toString();
        r.setHeader(it.key().toLatin1(), value.toUtf8());
    }
}

QJsonObject messageStart(const StepContext &ctx, const QJsonObject &usage)
{
    return {{QLatin1String("type"), QLatin1String("message_start")},
            {QLatin1String("message"), messageHead(ctx, usage)}};
}

HttpResponse renderMessage(const QJsonObject &step, const StepContext &ctx)
{
    const Message m = messageFor(step, ctx);
    const QJsonObject usage = usageFor(step);
    HttpResponse r;
    if (!ctx.stream) {
        QJsonObject body = messageHead(ctx, usage);
        QJsonArray content;
        int delayMs = 0;
        for (const Block &b : m.blocks) {
            content.append(blockFinal(b));
            if (b.type == QLatin1String("text"))
                delayMs += m.delayMs * m.chunks;
            else if (b.type == QLatin1String("tool_use"))
                delayMs += m.delayMs;
        }
        body.insert(QLatin1String("content"), content);
        body.insert(QLatin1String("stop_reason"), m.stopReason);
        r = HttpResponse::json(200, body);
        r.headDelayMs = delayMs;
        r.setHeader("request-id", ctx.requestId);
        applyHeaders(r, step.value(QLatin1String("resp_headers")).toObject());
        return r;
    }
    setStreamHeaders(r, ctx);
    applyHeaders(r, step.value(QLatin1String("resp_headers")).toObject());
    r.append(sse("message_start", messageStart(ctx, usage)));
    r.append(sse("ping", {{QLatin1String("type"), QLatin1String("ping")}}));
    for (int i = 0; i < m.blocks.size(); ++i)
        appendBlock(r, i, m.blocks.at(i), m);
    r.append(sse(
        "message_delta",
        {{QLatin1String("type"), QLatin1String("message_delta")},
         {QLatin1String("delta"), QJsonObject{{QLatin1String("stop_reason"), m.stopReason},
                                              {QLatin1String("stop_sequence"), QJsonValue::Null}}},
         {QLatin1String("usage"), QJsonObject{{QLatin1String("output_tokens"),
                                               usage.value(QLatin1String("output_tokens"))}}}}));
    r.append(sse("message_stop", {{QLatin1String("type"), QLatin1String("message_stop")}}));
    return r;
}

HttpResponse renderHttpError(const QJsonObject &step, const StepContext &ctx)
{
    const int status = step.value(QLatin1String("http_error")).toInt(500);
    const QString type =
        step.value(QLatin1String("error_type")).toString(errorTypeForStatus(status));
    const QString message =
        step.value(QLatin1String("message"))
            .toString(QLatin1String("fake ") + QString::number(status) + u' ' + type);
    HttpResponse r = errorResponse(status, type, message, ctx.requestId);
    applyHeaders(r, step.value(QLatin1String("headers")).toObject());
    return r;
}

HttpResponse renderSseError(const QJsonObject &step, const StepContext &ctx)
{
    const QString type = step.value(QLatin1String("sse_error")).toString();
    const QString message =
        step.value(QLatin1String("message")).toString(QLatin1String("fake ") + type);
    if (!ctx.stream) // the non-streaming fallback gets the matching HTTP status
        return errorResponse(statusForErrorType(type), type, message, ctx.requestId);
    HttpResponse r;
    setStreamHeaders(r, ctx);
    r.append(sse("message_start", messageStart(ctx, usageFor(step))));
    r.append(
        sse("error", {{QLatin1String("type"), QLatin1String("error")},
                      {QLatin1String("error"), QJsonObject{{QLatin1String("type"), type},
                                                           {QLatin1String("message"), message}}}}));
    return r;
}

HttpResponse renderMalformed(const QJsonObject &step, const StepContext &ctx)
{
    const QString how = step.value(QLatin1String("malformed")).toString();
    static const QStringList variants{QStringLiteral("garbage"), QStringLiteral("badjson"),
                                      QStringLiteral("truncate"), QStringLiteral("close"),
                                      QStringLiteral("nostop")};
    if (!variants.contains(how))
        return errorResponse(500, QStringLiteral("api_error"),
                             QLatin1String("fake: unknown malformed variant ") + how,
                             ctx.requestId);
    HttpResponse r;
    if (how == QLatin1String("close")) {
        r.sendHead = false;
        r.ending = HttpResponse::Ending::Abort;
        return r;
    }
    if (how == QLatin1String("garbage")) {
        r.setHeader("content-type", "text/html");
        r.setHeader("request-id", ctx.requestId);
        r.append("<html><body>this is not the Messages API (fake garbage)</body></html>\n");
        return r;
    }
    const QJsonObject usage = usageFor(step);
    const Block text{QStringLiteral("text"),
                     step.value(QLatin1String("text")).toString(QStringLiteral("Partial answer")),
                     {},
                     {},
                     {}};
    if (!ctx.stream) { // the CLI's non-streaming retry
        QJsonObject body = messageHead(ctx, usage);
        body.insert(QLatin1String("content"), QJsonArray{blockFinal(text)});
        const QByteArray json = compact(body);
        r = HttpResponse::jsonValue(200, how == QLatin1String("badjson") ? QByteArray("{not json!!")
                                                                         : json);
        r.setHeader("request-id", ctx.requestId);
        if (how == QLatin1String("truncate")) { // announce everything, send half
            r.parts = {HttpResponse::Part{0, json.left(json.size() / 2)}};
            r.contentLength = json.size();
            r.ending = HttpResponse::Ending::Close;
        }
        return r;
    }
    setStreamHeaders(r, ctx);
    if (how == QLatin1String("badjson")) {
        r.append(sse("message_start", messageStart(ctx, usage)));
        r.append("event: content_block_start\ndata: {not json!!\n\n");
        return r;
    }
    if (how == QLatin1String("truncate")) {
        r.append(sse("message_start", messageStart(ctx, usage)));
        r.append(sse("content_block_start",
                     {{QLatin1String("type"), QLatin1String("content_block_start")},
                      {QLatin1String("index"), 0},
                      {QLatin1String("content_block"), blockStart(text)}}));
        r.ending = HttpResponse::Ending::Close;
        return r;
    }
    // nostop: a complete text block, then the stream ends without message_delta/message_stop
    r.append(sse("message_start", messageStart(ctx, usage)));
    appendBlock(r, 0, text, Message{});
    return r;
}
HttpResponse renderStall(const QJsonObject &step, const StepContext &ctx)
{
    HttpResponse r;
    setStreamHeaders(r, ctx);
    const Block text{QStringLiteral("text"),
                     step.value(QLatin1String("text")).toString(QStringLiteral("Thinking about")),
                     {},
                     {},
                     {}};
    r.append(sse("message_start", messageStart(ctx, usageFor(step))));
    r.append(
        sse("content_block_start", {{QLatin1String("type"), QLatin1String("content_block_start")},
                                    {QLatin1String("index"), 0},
                                    {QLatin1String("content_block"), blockStart(text)}}));
    r.append(
        sse("content_block_delta", delta(0, {{QLatin1String("type"), QLatin1String("text_delta")},
                                             {QLatin1String("text"), text.text}})));
    r.endDelayMs = seconds(step.value(QLatin1String("stall")));
    r.ending = HttpResponse::Ending::Abort;
    return r;
}

} // namespace

QJsonObject usageFor(const QJsonObject &step)
{
    QJsonObject usage{{QLatin1String("input_tokens"), 100},
                      {QLatin1String("output_tokens"), 20},
                      {QLatin1String("cache_creation_input_tokens"), 0},
                      {QLatin1String("cache_read_input_tokens"), 0}};
    const QJsonObject custom = step.value(QLatin1String("usage")).toObject();
    for (auto it = custom.begin(); it != custom.end(); ++it)
        usage.insert(it.key(), it.value());
    return usage;
}

QString stepKind(const QJsonObject &step)
{
    for (const char *k : {"http_error", "sse_error", "malformed", "hang", "stall"}) {
        if (step.contains(QLatin1String(k)))
            return QLatin1String(k);
    }
    if (step.contains(QLatin1String("tool")) || step.contains(QLatin1String("tools")))
        return QStringLiteral("tool");
    if (step.contains(QLatin1String("text")) || step.contains(QLatin1String("thinking")))
        return QStringLiteral("text");
    return {};
}

bool isErrorStep(const QJsonObject &step)
{
    const QString kind = stepKind(step);
    return kind != QLatin1String("text") && kind != QLatin1String("tool") && !kind.isEmpty();
}

HttpResponse errorResponse(int status, const QString &type, const QString &message,
                           const QByteArray &requestId)
{
    HttpResponse r = HttpResponse::json(
        status, {{QLatin1String("type"), QLatin1String("error")},
                 {QLatin1String("error"),
                  QJsonObject{{QLatin1String("type"), type}, {QLatin1String("message"), message}}},
                 {QLatin1String("request_id"), QString::fromLatin1(requestId)}});
    if (!requestId.isEmpty())
        r.setHeader("request-id", requestId);
    return r;
}

HttpResponse renderStep(const QJsonObject &step, const StepContext &ctx)
{
    const QString kind = stepKind(step);
    if (kind == QLatin1String("text") || kind == QLatin1String("tool"))
        return renderMessage(step, ctx);
    if (kind == QLatin1String("http_error"))
        return renderHttpError(step, ctx);
    if (kind == QLatin1String("sse_error"))
        return renderSseError(step, ctx);
    if (kind == QLatin1String("malformed"))
        return renderMalformed(step, ctx);
    if (kind == QLatin1String("stall") && ctx.stream)
        return renderStall(step, ctx);
    if (kind == QLatin1String("hang") || kind == QLatin1String("stall")) {
        HttpResponse r;
        r.sendHead = false;
        r.endDelayMs = seconds(step.value(kind));
        r.ending = HttpResponse::Ending::Abort;
        return r;
    }
    const QString shown = QString::fromUtf8(compact(step));
    const QJsonObject fallback{
        {QLatin1String("text"), QString(QLatin1String("[fake] unknown step: ") + shown)}};
    return renderMessage(fallback, ctx);
}

} // namespace chorus::test
