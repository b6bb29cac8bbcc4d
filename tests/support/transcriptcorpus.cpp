#include "transcriptcorpus.h"

#include "transcriptlines.h"

#include <QDir>
#include <QFile>

#include <array>

namespace chorus::test {

using namespace transcript;

namespace {

constexpr qint64 kWindowStartMs = 1771113600000; // 2026-02-15T00:00:00Z
constexpr qint64 kWindowDays = 60;
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qsizetype kFlushBytes = 8 * 1024 * 1024;

struct Share
{
    const char *name;
    int weight;
};

// Models ccusage 20.0.24 prices, and one nobody does.
constexpr std::array<Share, 6> kModels = {{{"claude-sonnet-4-5-20250929", 30},
                                           {"claude-opus-4-5-20251101", 20},
                                           {"claude-opus-4-6", 15},
                                           {"claude-sonnet-4-20250514", 15},
                                           {"claude-haiku-4-5-20251001", 12},
                                           {"acme-model-1", 8}}};
constexpr const char *kSubagentModel = "claude-haiku-4-5-20251001";
constexpr std::array<Share, 5> kTools = {
    {{"Bash", 35}, {"Read", 25}, {"Edit", 15}, {"Grep", 13}, {"Task", 12}}};

template<std::size_t N> const char *pick(Rng &rng, const std::array<Share, N> &shares)
{
    int total = 0;
    for (const Share &s : shares)
        total += s.weight;
    qint64 r = rng.below(total);
    for (const Share &s : shares) {
        if (r < s.weight)
            return s.name;
        r -= s.weight;
    }
    return shares[0].name;
}

// A value from one of a few ranges, each with its chance in per mille: heavy-tailed sizes
// without floating point, so a seed gives the same corpus on every machine.
struct Range
{
    int permille;
    qint64 lo, hi;
};
template<std::size_t N> qint64 draw(Rng &rng, const std::array<Range, N> &ranges)
{
    qint64 r = rng.below(1000);
    for (const Range &g : ranges) {
        if (r < g.permille)
            return rng.between(g.lo, g.hi);
        r -= g.permille;
    }
    return ranges[0].lo;
}

constexpr std::array<Range, 4> kSessionBytes = {{{550, 50'000, 300'000},
                                                 {350, 300'000, 1'000'000},
                                                 {90, 1'000'000, 3'000'000},
                                                 {10, 3'000'000, 8'000'000}}};
constexpr std::array<Range, 3> kToolResultBytes = {
    {{650, 150, 3'000}, {270, 3'000, 24'000}, {80, 24'000, 120'000}}};
constexpr std::array<Range, 3> kOutputTokens = {
    {{700, 20, 600}, {250, 600, 4'000}, {50, 4'000, 16'000}}};

// The projects sessions are spread over: the directory is the cwd with every character that is
// not a letter or a digit replaced by '-', as Claude Code names it.
constexpr std::array<const char *, 8> kProjectCwds = {
    "/home/dev/src/chorus",      "/home/dev/src/web-app",  "/work/wt-feature.x",
    "/home/dev/src/my_lib-v2.0", "/home/dev/notes",        "/srv/build/ci-runner",
    "/home/dev/src/chorus/docs", "/home/dev/scratch/a b c"};

QByteArray projectDirName(const QByteArray &cwd)
{
    QByteArray name = cwd;
    for (char &c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            c = '-';
    }
    return name;
}

// Buffers one output file and writes it in large pieces.
class OutFile
{
public:
    bool open(const QString &path, QString *error)
    {
        m_file.setFileName(path);
        if (!QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/')))) ||
            !m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error =
                QLatin1String("cannot write ") + path + QLatin1String(": ") + m_file.errorString();
            return false;
        }
        return true;
    }
    QByteArray &buffer() { return m_buffer; }
    // Writes the buffer once it is large (or always with force); adds the bytes to *written.
    bool flush(qint64 *written, QString *error, bool force = false)
    {
        if (!force && m_buffer.size() < kFlushBytes)
            return true;
        if (m_file.write(m_buffer) != m_buffer.size()) {
            *error = QLatin1String("cannot write ") + m_file.fileName() + QLatin1String(": ") +
                     m_file.errorString();
            return false;
        }
        *written += m_buffer.size();
        m_buffer.clear();
        return true;
    }

private:
    QFile m_file;
    QByteArray m_buffer;
};

struct Project
{
    QByteArray cwd;
    QString dir;
    QList<ApiCall> lastSessionCalls; // the start of the last session, for forks
};

struct Session
{
    LineContext ctx;
    QByteArray eol;
    QByteArray model;
    QString dir; // <project>/<sessionId>, where its subagent files go
    qint64 ms = 0;
    QByteArray leaf; // uuid of the last line written
    Usage total;     // for the cost-state lines
    qint64 context = 0;
    qint64 contextLimit = 0;
    int cacheMode = 0; // 0: 5-minute writes, 1: 1-hour writes, 2: both
    bool old = false;  // a 1.0.x session: costUSD on every line, no cache_creation object
    QList<ApiCall> calls;
};

class CorpusWriter
{
public:
    CorpusWriter(const QString &projectsDir, quint64 seed, qint64 targetBytes)
        : m_rng(seed), m_pool(m_rng), m_root(projectsDir), m_target(targetBytes)
    {
        for (const char *cwd : kProjectCwds)
            m_projects.append(
                {cwd, m_root + QLatin1Char('/') + QLatin1String(projectDirName(cwd)), {}});
    }

    TranscriptCorpus::Summary run()
    {
        while (m_summary.bytes < m_target && m_summary.error.isEmpty())
            writeSession(m_projects[qsizetype(m_rng.below(m_projects.size()))]);
        return m_summary;
    }

private:
    void writeSession(Project &project);
    void writeTurn(Session &s, OutFile &out);
    ApiCall makeCall(Session &s, bool lastOfTurn);
    void writeSubagent(Session &s, const ApiCall &task, QByteArray &parentOut);
    void writeEndOfTurn(Session &s, QByteArray &out);
    void writeMalformed(QByteArray &out, const QByteArray &eol);
    Quirk pickQuirk();
    double oldCostUsd(const Usage &u);

    Rng m_rng;
    TextPool m_pool;
    QString m_root;
    qint64 m_target;
    QList<Project> m_projects;
    TranscriptCorpus::Summary m_summary;
};

void CorpusWriter::writeSession(Project &project)
{
    Session s;
    s.ctx.sessionId = m_rng.uuid();
    s.ctx.cwd = project.cwd;
    s.old = m_rng.permille(150);
    s.ctx.version =
        s.old ? QByteArrayLiteral("1.0.83")
              : (m_rng.permille(300) ? QByteArrayLiteral("2.0.76") : QByteArrayLiteral("2.1.328"));
    s.ctx.gitBranch = m_rng.permille(500) ? QByteArrayLiteral("main")
                                          : QByteArrayLiteral("feature/") + m_rng.hex(4);
    s.eol = m_rng.permille(50) ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    s.model = pick(m_rng, kModels);
    s.dir = project.dir + QLatin1Char('/') + QLatin1String(s.ctx.sessionId);
    s.contextLimit = m_rng.permille(150) ? 600'000 : 170'000; // some run with a 1M context
    s.cacheMode = int(m_rng.below(3));
    s.ms = kWindowStartMs + m_rng.below(kWindowDays * kDay);

    OutFile out;
    if (!out.open(s.dir + QLatin1String(".jsonl"), &m_summary.error))
        return;
    ++m_summary.files;
    ++m_summary.sessions;

    // A fork (claude --resume --fork-session) starts with a copy of its parent's history: the
    // same message ids, request ids and times under the new session id.
    if (!project.lastSessionCalls.isEmpty() && m_rng.permille(100)) {
        for (const ApiCall &call : std::as_const(project.lastSessionCalls)) {
            s.leaf = appendApiCall(out.buffer(), m_rng, m_pool, s.ctx, call, s.leaf, s.eol);
            s.ms = qMax(s.ms, call.ms + kMinute);
        }
    }
    const qint64 sessionBytes = draw(m_rng, kSessionBytes);
    qint64 written = 0;
    const qint64 windowEnd = kWindowStartMs + kWindowDays * kDay;
    while (written + out.buffer().size() < sessionBytes && s.ms < windowEnd &&
           m_summary.error.isEmpty()) {
        writeTurn(s, out);
        if (!out.flush(&written, &m_summary.error))
            return;
    }
    if (m_rng.permille(500))
        appendSummary(out.buffer(), m_rng, s.leaf, s.eol);
    // A crash mid-write leaves a last line cut short, after its usage began.
    if (m_rng.permille(50)) {
        QByteArray line;
        appendApiCall(line, m_rng, m_pool, s.ctx, makeCall(s, true), s.leaf, s.eol);
        out.buffer() += line.left(line.indexOf("\"usage\":{") + 30);
    }
    out.flush(&written, &m_summary.error, true);
    m_summary.bytes += written;
    project.lastSessionCalls = s.calls.mid(0, 20);
}

void CorpusWriter::writeTurn(Session &s, OutFile &out)
{
    // Mostly minutes apart; sometimes hours (a new 5-hour block) or days (a resumed session).
    const qint64 r = m_rng.below(1000);
    s.ms += r < 30   ? m_rng.between(1, 3) * kDay
            : r < 80 ? m_rng.between(5, 9) * kHour
                     : m_rng.between(1, 25) * kMinute;
    QByteArray &buf = out.buffer();
    s.leaf = appendPrompt(buf, m_rng, s.ctx, s.ms, s.leaf, s.eol);
    if (m_rng.permille(300))
        appendAttachment(buf, m_rng, s.ctx, s.ms, s.leaf, s.eol);
    const int calls = int(m_rng.between(1, 6));
    for (int i = 0; i < calls; ++i) {
        s.ms += m_rng.between(800, 6000);
        const ApiCall call = makeCall(s, i + 1 == calls);
        s.leaf = appendApiCall(buf, m_rng, m_pool, s.ctx, call, s.leaf, s.eol, pickQuirk());
        s.ms += call.blocks.size() * 300 + call.usage.output * 15;
        ++m_summary.apiCalls;
        if (s.calls.size() < 20)
            s.calls.append(call);
        if (call.toolId.isEmpty())
            continue;
        if (call.toolName == "Task")
            writeSubagent(s, call, buf);
        const qint64 bytes = draw(m_rng, kToolResultBytes);
        s.ms += m_rng.between(200, 30000);
        s.leaf =
            appendToolResult(buf, m_rng, m_pool, s.ctx, s.ms, call.toolId, bytes, s.leaf, s.eol);
        s.context += bytes / 8; // about 4 bytes a token, and the text is there twice
    }
    writeEndOfTurn(s, buf);
    if (m_rng.permille(10))
        writeMalformed(buf, s.eol);
}

ApiCall CorpusWriter::makeCall(Session &s, bool lastOfTurn)
{
    ApiCall c;
    c.messageId = m_rng.permille(5) ? QByteArray() : QByteArrayLiteral("msg_01") + m_rng.hex(22);
    c.requestId = m_rng.permille(30) ? QByteArray() : QByteArrayLiteral("req_011C") + m_rng.hex(20);
    c.model = m_rng.permille(30) ? QByteArray(pick(m_rng, kModels)) : s.model; // a /model switch
    c.ms = s.ms;

    Usage &u = c.usage;
    u.output = draw(m_rng, kOutputTokens);
    // Prompt caching: what was cached is read back, what is new is written to the cache.
    qint64 fresh = m_rng.between(200, 4000) + s.context / 50;
    if (s.context + fresh > s.contextLimit) { // compaction: a new, small context
        s.context = 0;
        fresh = m_rng.between(15'000, 40'000);
    }
    u.cacheRead = s.context;
    u.input = m_rng.permille(700) ? m_rng.between(1, 30) : m_rng.between(100, 8000);
    if (m_rng.permille(10)) // an uncached prompt above the 200k pricing threshold
        u.input = m_rng.between(200'001, 320'000);
    const qint64 oneHour = s.cacheMode == 0 ? 0 : s.cacheMode == 1 ? fresh : fresh * 7 / 10;
    u.cache1h = oneHour;
    u.cache5m = fresh - oneHour;
    u.cacheObject = !s.old;
    if (u.cacheObject && m_rng.permille(5))
        u.flatCreationSkew = m_rng.between(1, 999);
    u.fast = !s.old && c.model == "claude-opus-4-6" && m_rng.permille(60);
    u.iterations = s.ctx.version == "2.1.328" && m_rng.permille(120);
    if (u.iterations && m_rng.permille(150)) { // the advisor tool: another model's call inside
        u.advisorModel = m_rng.permille(500) ? "claude-opus-4-5-20251101" : "claude-opus-4-6";
        u.advisorInput = m_rng.between(500, 5000);
        u.advisorOutput = m_rng.between(100, 1500);
        u.advisorCacheRead = m_rng.between(0, 20000);
    }
    s.context += fresh + u.output;
    s.total.input += u.input;
    s.total.output += u.output;
    s.total.cacheRead += u.cacheRead;
    s.total.cache5m += u.cache5m + u.cache1h;
    if (s.old)
        c.costUsd = oldCostUsd(u);

    if (m_rng.permille(300))
        c.blocks.append(Block::Thinking);
    if (m_rng.permille(600) || lastOfTurn)
        c.blocks.append(Block::Text);
    if (!lastOfTurn) {
        c.blocks.append(Block::ToolUse);
        c.toolId = QByteArrayLiteral("toolu_01") + m_rng.hex(22);
        c.toolName = pick(m_rng, kTools);
    }
    c.partialFirst = c.blocks.size() > 1 && m_rng.permille(100);
    return c;
}

// Old versions wrote their own cost estimate; it need not match any price table, so it is a
// rough one with noise (auto and display modes report it as it is).
double CorpusWriter::oldCostUsd(const Usage &u)
{
    const double estimate = double(u.input) * 3e-6 + double(u.output) * 15e-6 +
                            double(u.cache5m + u.cache1h) * 3.75e-6 + double(u.cacheRead) * 0.3e-6;
    return estimate * double(m_rng.between(80, 120)) / 100.0;
}

// A subagent runs in its own file beside the session. It starts by replaying the parent's Task
// call as a sidechain copy (same message id, new request id), which must count once. Under 2.0
// the parent's file also shows each of the subagent's calls as a `progress` line; a few of those
// calls are found nowhere else.
void CorpusWriter::writeSubagent(Session &s, const ApiCall &task, QByteArray &parentOut)
{
    Session sub = s;
    sub.ctx.sidechain = true;
    sub.ctx.agentId = m_rng.hex(8);
    sub.model = m_rng.permille(700) ? QByteArray(kSubagentModel) : s.model;
    sub.context = 0;
    sub.calls.clear();
    sub.leaf.clear();
    OutFile out;
    const QString path = s.dir + QLatin1String("/subagents/agent-") +
                         QLatin1String(sub.ctx.agentId) + QLatin1String(".jsonl");
    if (!out.open(path, &m_summary.error))
        return;
    ++m_summary.files;
    QByteArray &buf = out.buffer();
    sub.leaf = appendPrompt(buf, m_rng, sub.ctx, sub.ms, {}, sub.eol);
    if (!task.messageId.isEmpty() && m_rng.permille(600)) {
        ApiCall replay = task;
        replay.requestId = QByteArrayLiteral("req_011C") + m_rng.hex(20);
        if (m_rng.permille(100)) // a larger copy still loses to the main-chain line
            replay.usage.output *= 2;
        sub.leaf = appendApiCall(buf, m_rng, m_pool, sub.ctx, replay, sub.leaf, sub.eol);
    }
    const int calls = int(m_rng.between(2, 5));
    for (int i = 0; i < calls; ++i) {
        sub.ms += m_rng.between(500, 4000);
        const ApiCall call = makeCall(sub, i + 1 == calls);
        sub.leaf = appendApiCall(buf, m_rng, m_pool, sub.ctx, call, sub.leaf, sub.eol);
        if (s.ctx.version == "2.0.76") {
            ApiCall shown = call;
            if (m_rng.permille(100)) {
                shown.messageId = QByteArrayLiteral("msg_01") + m_rng.hex(22);
                shown.requestId = QByteArrayLiteral("req_011C") + m_rng.hex(20);
            }
            appendProgress(parentOut, m_rng, m_pool, s.ctx, shown, sub.ctx.agentId, task.toolId,
                           s.leaf, s.eol);
        }
        sub.ms += call.blocks.size() * 300 + call.usage.output * 10;
        if (!call.toolId.isEmpty()) {
            sub.ms += m_rng.between(100, 5000);
            sub.leaf = appendToolResult(buf, m_rng, m_pool, sub.ctx, sub.ms, call.toolId,
                                        m_rng.between(100, 8000), sub.leaf, sub.eol);
        }
    }
    m_summary.apiCalls += calls; // the replay is not a call of its own
    s.ms = sub.ms;
    qint64 written = 0;
    out.flush(&written, &m_summary.error, true);
    m_summary.bytes += written;
}

// After a turn: now and then a `<synthetic>` line, and the cumulative cost-state line 2.1
// writes.
void CorpusWriter::writeEndOfTurn(Session &s, QByteArray &out)
{
    s.ms += m_rng.between(100, 2000);
    const qint64 r = m_rng.below(1000);
    if (r < 10) {
        s.leaf = appendSynthetic(out, m_rng, s.ctx, s.ms, "No response requested.", false, 0,
                                 s.leaf, s.eol);
    } else if (r < 20) {
        s.leaf = appendSynthetic(out, m_rng, s.ctx, s.ms,
                                 "API Error: 529 {\\\"type\\\":\\\"overloaded_error\\\"}", true, 0,
                                 s.leaf, s.eol);
    } else if (r < 23) { // rare: a synthetic line that does carry tokens
        s.leaf = appendSynthetic(out, m_rng, s.ctx, s.ms, "API Error: Request was aborted.", true,
                                 m_rng.between(12, 500), s.leaf, s.eol);
    } else if (r < 26) { // the subscription limit, with the reset time blocks report
        const qint64 reset = (s.ms / kHour + m_rng.between(1, 4)) * 3600;
        s.leaf = appendSynthetic(out, m_rng, s.ctx, s.ms,
                                 "Claude AI usage limit reached|" + QByteArray::number(reset), true,
                                 0, s.leaf, s.eol);
    }
    if (s.ctx.version == "2.1.328")
        appendCostState(out, s.ctx, s.ms, s.model, s.total, s.eol);
}

void CorpusWriter::writeMalformed(QByteArray &out, const QByteArray &eol)
{
    switch (m_rng.below(4)) {
    case 0:
        out += "this is not json";
        break;
    case 1:
        out += "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":5,";
        break;
    case 2:
        out += "{\"type\":\"assistant\"}} trailing";
        break;
    default:
        break; // an empty line
    }
    out += eol;
}

// One spelling ccusage skips (or, for +02:00 times, reads) on about 1% of calls.
Quirk CorpusWriter::pickQuirk()
{
    switch (m_rng.below(1000)) {
    case 0:
    case 1:
        return Quirk::SpaceBeforeUsage;
    case 2:
    case 3:
        return Quirk::MicrosecondTime;
    case 4:
    case 5:
    case 6:
        return Quirk::OffsetTime;
    case 7:
        return Quirk::NullCost;
    case 8:
        return Quirk::StringSidechain;
    default:
        return Quirk::None;
    }
}

} // namespace

TranscriptCorpus::Summary TranscriptCorpus::write(const QString &projectsDir, quint64 seed,
                                                  qint64 targetBytes)
{
    return CorpusWriter(projectsDir, seed, targetBytes).run();
}

} // namespace chorus::test
