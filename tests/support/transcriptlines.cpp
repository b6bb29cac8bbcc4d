#include "transcriptlines.h"

#include <array>

namespace chorus::test::transcript {

namespace {

const QByteArray kNl = QByteArrayLiteral("\\n"); // an escaped newline inside a JSON string

void num(QByteArray &out, qint64 n)
{
    out += QByteArray::number(n);
}

void quoted(QByteArray &out, const QByteArray &s)
{
    out += '"';
    out += s;
    out += '"';
}

// `"name":"value"` (value JSON-safe).
void field(QByteArray &out, const char *name, const QByteArray &value)
{
    out += '"';
    out += name;
    out += "\":";
    quoted(out, value);
}

void field(QByteArray &out, const char *name, qint64 value)
{
    out += '"';
    out += name;
    out += "\":";
    num(out, value);
}

void twoDigits(QByteArray &out, int v)
{
    out += char('0' + v / 10);
    out += char('0' + v % 10);
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm): formatting by hand keeps
// a gigabyte of timestamps cheap and independent of the Qt version's QDateTime API.
void civilFromDays(qint64 z, int *y, int *m, int *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    *d = int(doy - (153 * mp + 2) / 5 + 1);
    *m = int(mp < 10 ? mp + 3 : mp - 9);
    *y = int(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

// The fields that open every user, assistant and attachment line, as Claude Code orders them.
void appendHead(QByteArray &out, const LineContext &ctx, const QByteArray &parentUuid,
                Quirk quirk = Quirk::None)
{
    out += "{\"parentUuid\":";
    if (parentUuid.isEmpty())
        out += "null";
    else
        quoted(out, parentUuid);
    out += ",\"isSidechain\":";
    if (quirk == Quirk::StringSidechain)
        out += ctx.sidechain ? "\"true\"" : "\"false\"";
    else
        out += ctx.sidechain ? "true" : "false";
    out += ",\"userType\":\"external\",";
    field(out, "cwd", ctx.cwd);
    out += ',';
    field(out, "sessionId", ctx.sessionId);
    out += ',';
    field(out, "version", ctx.version);
    out += ',';
    field(out, "gitBranch", ctx.gitBranch);
    if (!ctx.agentId.isEmpty()) {
        out += ',';
        field(out, "agentId", ctx.agentId);
    }
}

void appendUsage(QByteArray &out, const Usage &u, Quirk quirk)
{
    out += quirk == Quirk::SpaceBeforeUsage ? "\"usage\": {" : "\"usage\":{";
    field(out, "input_tokens", u.input);
    out += ',';
    field(out, "cache_creation_input_tokens", u.cache5m + u.cache1h + u.flatCreationSkew);
    out += ',';
    field(out, "cache_read_input_tokens", u.cacheRead);
    if (u.cacheObject) {
        out += ",\"cache_creation\":{";
        field(out, "ephemeral_5m_input_tokens", u.cache5m);
        out += ',';
        field(out, "ephemeral_1h_input_tokens", u.cache1h);
        out += '}';
    }
    out += ',';
    field(out, "output_tokens", u.output);
    out += ",\"service_tier\":\"standard\"";
    if (u.fast)
        out += ",\"speed\":\"fast\"";
    if (u.iterations) {
        out += ",\"iterations\":[{\"type\":\"message\",";
        field(out, "input_tokens", u.input);
        out += ',';
        field(out, "output_tokens", u.output);
        out += ",\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0}";
        if (!u.advisorModel.isEmpty()) {
            out += ",{\"type\":\"advisor_message\",";
            field(out, "model", u.advisorModel);
            out += ',';
            field(out, "input_tokens", u.advisorInput);
            out += ',';
            field(out, "output_tokens", u.advisorOutput);
            out += ',';
            field(out, "cache_read_input_tokens", u.advisorCacheRead);
            out += ",\"cache_creation_input_tokens\":0}";
        }
        out += ']';
    }
    out += '}';
}

void appendBlock(QByteArray &out, Rng &rng, const TextPool &pool, const ApiCall &call, Block b)
{
    switch (b) {
    case Block::Thinking:
        out += "{\"type\":\"thinking\",\"thinking\":\"";
        pool.append(out, rng, rng.between(200, 1500));
        out += "\",";
        field(out, "signature", rng.hex(96));
        out += '}';
        break;
    case Block::Text:
        out += "{\"type\":\"text\",\"text\":\"";
        pool.append(out, rng, rng.between(40, 900));
        out += "\"}";
        break;
    case Block::ToolUse:
        out += "{\"type\":\"tool_use\",";
        field(out, "id", call.toolId);
        out += ',';
        field(out, "name", call.toolName);
        out += ",\"input\":{\"command\":\"";
        pool.append(out, rng, rng.between(20, 200));
        out += "\"}}";
        break;
    }
}

// The `"message":{...}` object of one assistant line: block `i` of the call.
void appendMessage(QByteArray &out, Rng &rng, const TextPool &pool, const ApiCall &call,
                   qsizetype i, const Usage &usage, Quirk quirk)
{
    const bool last = i + 1 == call.blocks.size();
    out += "\"message\":{";
    if (!call.messageId.isEmpty()) {
        field(out, "id", call.messageId);
        out += ',';
    }
    out += "\"type\":\"message\",\"role\":\"assistant\",";
    field(out, "model", call.model);
    out += ",\"content\":[";
    appendBlock(out, rng, pool, call, call.blocks[i]);
    out += "],\"stop_reason\":";
    if (!last)
        out += "null";
    else
        out += call.blocks.last() == Block::ToolUse ? "\"tool_use\"" : "\"end_turn\"";
    out += ",\"stop_sequence\":null,";
    appendUsage(out, usage, quirk);
    out += '}';
}

} // namespace

quint64 Rng::next()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

QByteArray Rng::hex(int digits)
{
    static const char kHex[] = "0123456789abcdef";
    QByteArray s(digits, Qt::Uninitialized);
    for (int i = 0; i < digits; ++i)
        s[i] = kHex[next() & 15];
    return s;
}

QByteArray Rng::uuid()
{
    QByteArray u = hex(32);
    u[12] = '4';                // version 4 (random)
    u[16] = "89ab"[next() & 3]; // the RFC 4122 variant
    return u.left(8) + '-' + u.mid(8, 4) + '-' + u.mid(12, 4) + '-' + u.mid(16, 4) + '-' +
           u.mid(20);
}

TextPool::TextPool(Rng &rng)
{
    // Source-like lines with the escapes and non-ASCII text real tool output has. None contains
    // `:null` or `"usage":{`, which ccusage's line filters look for.
    static const std::array<const char *, 12> kShapes = {
        "    let %s = compute(%s, %d);",
        "fn %s(input: &str) -> Result<%s, Error> {",
        "  if (!%s) { return \\\"%s failed: %d\\\"; }",
        "src/%s/%s.cpp:%d: warning: unused variable \\u2018%s\\u2019",
        "%s\\t%s\\t%d\\tok",
        "// TODO(%s): handle the %s case \\u2192 see #%d",
        "test %s::%s ... ok (%d ms)",
        "C:\\\\Users\\\\%s\\\\%s.txt %d bytes",
        "  \\\"%s\\\": \\\"%s\\\", \\\"n\\\": %d,",
        "déjà vu: %s → %s (%d×)",
        "$ git log --oneline -n %d -- %s/%s",
        "✓ %s passed, %s skipped in %d.0 s",
    };
    static const std::array<const char *, 16> kWords = {
        "buffer", "session", "render", "parser", "index",  "worker", "config", "cursor",
        "engine", "model",   "value",  "token",  "branch", "commit", "queue",  "result"};
    while (m_text.size() < 256 * 1024) {
        m_lineStarts.append(m_text.size());
        QByteArray line = kShapes[rng.below(qint64(kShapes.size()))];
        while (line.contains("%s"))
            line.replace(line.indexOf("%s"), 2, kWords[rng.below(qint64(kWords.size()))]);
        line.replace("%d", QByteArray::number(rng.below(5000)));
        m_text += line;
        m_text += kNl;
    }
    m_lineStarts.append(m_text.size());
}

void TextPool::append(QByteArray &out, Rng &rng, qint64 approxBytes) const
{
    const qsizetype lines = m_lineStarts.size() - 1;
    qsizetype first = qsizetype(rng.below(lines));
    while (approxBytes > 0) {
        // Whole lines from `first` on, as one copy; wrap around at the pool's end.
        const qsizetype from = m_lineStarts[first];
        qsizetype last = first;
        while (last < lines && m_lineStarts[last + 1] - from < approxBytes)
            ++last;
        const qsizetype to = m_lineStarts[qMin(last + 1, lines)];
        out.append(m_text.constData() + from, to - from);
        approxBytes -= to - from;
        first = 0;
    }
}

QByteArray timestamp(qint64 ms, Quirk quirk)
{
    if (quirk == Quirk::OffsetTime)
        ms += 2 * 3600 * 1000; // written as local time at +02:00
    const qint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    const qint64 inDay = ms - days * 86400000;
    int y, m, d;
    civilFromDays(days, &y, &m, &d);
    QByteArray s;
    s.reserve(32);
    s += QByteArray::number(y);
    s += '-';
    twoDigits(s, m);
    s += '-';
    twoDigits(s, d);
    s += 'T';
    twoDigits(s, int(inDay / 3600000));
    s += ':';
    twoDigits(s, int(inDay / 60000 % 60));
    s += ':';
    twoDigits(s, int(inDay / 1000 % 60));
    s += '.';
    s += char('0' + inDay % 1000 / 100);
    twoDigits(s, int(inDay % 100));
    if (quirk == Quirk::MicrosecondTime)
        s += "417";
    s += quirk == Quirk::OffsetTime ? "+02:00" : "Z";
    return s;
}

QByteArray appendApiCall(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                         const ApiCall &call, const QByteArray &parentUuid, const QByteArray &eol,
                         Quirk quirk)
{
    QByteArray parent = parentUuid;
    qint64 ms = call.ms;
    for (qsizetype i = 0; i < call.blocks.size(); ++i) {
        const bool last = i + 1 == call.blocks.size();
        const QByteArray uuid = rng.uuid();
        Usage usage = call.usage;
        if (call.partialFirst && !last)
            usage.output = 1 + usage.output / 8;
        appendHead(out, ctx, parent, quirk);
        out += ',';
        appendMessage(out, rng, pool, call, i, usage, quirk);
        if (!call.requestId.isEmpty()) {
            out += ',';
            field(out, "requestId", call.requestId);
        }
        out += ",\"type\":\"assistant\",";
        field(out, "uuid", uuid);
        out += ',';
        field(out, "timestamp", timestamp(ms, quirk));
        if (quirk == Quirk::NullCost)
            out += ",\"costUSD\":null";
        else if (call.costUsd >= 0)
            out += ",\"costUSD\":" + QByteArray::number(call.costUsd, 'f', 8);
        out += '}';
        out += eol;
        parent = uuid;
        ms += rng.between(40, 400);
    }
    return parent;
}

QByteArray appendPrompt(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                        const QByteArray &parentUuid, const QByteArray &eol)
{
    static const std::array<const char *, 6> kPrompts = {
        "Fix the failing test in the parser and explain the cause.",
        "Add a --json option to the report command.",
        "Why does the build take so long? Profile it.",
        "Refactor the session store into smaller functions.",
        "Review the last commit for thread-safety problems.",
        "Write the migration for the new column and a test for it.",
    };
    const QByteArray uuid = rng.uuid();
    appendHead(out, ctx, parentUuid);
    out += ",\"type\":\"user\",\"message\":{\"role\":\"user\",";
    field(out, "content", kPrompts[rng.below(qint64(kPrompts.size()))]);
    out += "},";
    field(out, "uuid", uuid);
    out += ',';
    field(out, "timestamp", timestamp(ms));
    out += ',';
    field(out, "promptId", rng.uuid());
    out += '}';
    out += eol;
    return uuid;
}

QByteArray appendToolResult(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                            qint64 ms, const QByteArray &toolId, qint64 resultBytes,
                            const QByteArray &parentUuid, const QByteArray &eol)
{
    // Claude Code keeps the result twice: in the message and in toolUseResult.
    QByteArray text;
    pool.append(text, rng, resultBytes / 2);
    const QByteArray uuid = rng.uuid();
    appendHead(out, ctx, parentUuid);
    out += ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{";
    field(out, "tool_use_id", toolId);
    out += ",\"type\":\"tool_result\",\"content\":\"";
    out += text;
    out += "\",\"is_error\":false}]},";
    field(out, "uuid", uuid);
    out += ',';
    field(out, "timestamp", timestamp(ms));
    out += ",\"toolUseResult\":{\"stdout\":\"";
    out += text;
    out += "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},";
    field(out, "sourceToolAssistantUUID", parentUuid);
    out += '}';
    out += eol;
    return uuid;
}

QByteArray appendSynthetic(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                           const QByteArray &text, bool apiError, qint64 tokens,
                           const QByteArray &parentUuid, const QByteArray &eol)
{
    const QByteArray uuid = rng.uuid();
    appendHead(out, ctx, parentUuid);
    out += ",\"type\":\"assistant\",";
    field(out, "uuid", uuid);
    out += ',';
    field(out, "timestamp", timestamp(ms));
    out += ",\"message\":{";
    field(out, "id", rng.uuid());
    out += ",\"container\":null,\"model\":\"<synthetic>\",\"role\":\"assistant\","
           "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"\",\"type\":\"message\","
           "\"usage\":{";
    field(out, "input_tokens", tokens);
    out += ",\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
           "\"server_tool_use\":{\"web_search_requests\":0,\"web_fetch_requests\":0},"
           "\"service_tier\":null,\"cache_creation\":{\"ephemeral_1h_input_tokens\":0,"
           "\"ephemeral_5m_input_tokens\":0}},\"content\":[{\"type\":\"text\",";
    field(out, "text", text);
    out += "}]}";
    if (apiError)
        out += ",\"isApiErrorMessage\":true";
    out += '}';
    out += eol;
    return uuid;
}

void appendProgress(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                    const ApiCall &call, const QByteArray &agentId, const QByteArray &toolId,
                    const QByteArray &parentUuid, const QByteArray &eol)
{
    appendHead(out, ctx, parentUuid);
    out += ",\"type\":\"progress\",\"data\":{\"message\":{\"type\":\"assistant\",";
    appendMessage(out, rng, pool, call, 0, call.usage, Quirk::None);
    if (!call.requestId.isEmpty()) {
        out += ',';
        field(out, "requestId", call.requestId);
    }
    out += ',';
    field(out, "uuid", rng.uuid());
    out += ',';
    field(out, "timestamp", timestamp(call.ms));
    out += "},\"normalizedMessages\":[],\"type\":\"agent_progress\",\"prompt\":\"\",";
    field(out, "agentId", agentId);
    out += "},";
    field(out, "toolUseID", QByteArrayLiteral("agent_msg_") + rng.hex(24));
    out += ',';
    field(out, "parentToolUseID", toolId);
    out += ',';
    field(out, "uuid", rng.uuid());
    out += ',';
    field(out, "timestamp", timestamp(call.ms + 100));
    out += '}';
    out += eol;
}

void appendSummary(QByteArray &out, Rng &rng, const QByteArray &leafUuid, const QByteArray &eol)
{
    static const std::array<const char *, 4> kTitles = {
        "Parser test fix and root cause", "JSON output for reports", "Build profiling: linker time",
        "Session store refactor"};
    out += "{\"type\":\"summary\",";
    field(out, "summary", kTitles[rng.below(qint64(kTitles.size()))]);
    out += ',';
    field(out, "leafUuid", leafUuid);
    out += '}';
    out += eol;
}

void appendCostState(QByteArray &out, const LineContext &ctx, qint64 ms, const QByteArray &model,
                     const Usage &total, const QByteArray &eol)
{
    // Cumulative per session: a counter that added these up would count everything twice.
    out += "{\"type\":\"cost-state\",\"totalCostUSD\":";
    out += QByteArray::number(double(total.output) * 15e-6 + double(total.input) * 3e-6, 'f', 6);
    out += ",\"totalAPIDuration\":";
    num(out, total.output * 9);
    out += ",\"modelUsage\":{";
    quoted(out, model);
    out += ":{";
    field(out, "inputTokens", total.input);
    out += ',';
    field(out, "outputTokens", total.output);
    out += ',';
    field(out, "cacheReadInputTokens", total.cacheRead);
    out += ',';
    field(out, "cacheCreationInputTokens", total.cache5m + total.cache1h);
    out += "}},";
    field(out, "sessionId", ctx.sessionId);
    out += ',';
    field(out, "timestamp", timestamp(ms));
    out += '}';
    out += eol;
}

void appendAttachment(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                      const QByteArray &parentUuid, const QByteArray &eol)
{
    appendHead(out, ctx, parentUuid);
    out += ",\"type\":\"attachment\",\"attachment\":{\"type\":\"date\",";
    field(out, "content", timestamp(ms).left(10));
    out += "},";
    field(out, "uuid", rng.uuid());
    out += ',';
    field(out, "timestamp", timestamp(ms));
    out += '}';
    out += eol;
}

} // namespace chorus::test::transcript
