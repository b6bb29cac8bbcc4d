#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

// Builders for single Claude Code transcript lines, used by TranscriptCorpus. They append bytes
// to a buffer (no JSON library) because the benchmark corpus is a gigabyte. Every string passed
// in must already be JSON-safe: ids, model names and the escaped text of TextPool.
namespace chorus::test::transcript {

// SplitMix64: tiny, fast, and the same sequence on every platform and standard library (unlike
// std::uniform_int_distribution), so a seed names one corpus everywhere.
class Rng
{
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next();
    qint64 below(qint64 n) { return n <= 1 ? 0 : qint64(next() % quint64(n)); }
    qint64 between(qint64 lo, qint64 hi) { return lo + below(hi - lo + 1); } // both inclusive
    bool permille(int p) { return below(1000) < p; }
    QByteArray hex(int digits);
    QByteArray uuid();

private:
    quint64 m_state;
};

// A few hundred KB of already-escaped source-like text, cut at line ends so that any slice is a
// valid JSON string body. Tool results and assistant text are slices of it.
class TextPool
{
public:
    explicit TextPool(Rng &rng);
    void append(QByteArray &out, Rng &rng, qint64 approxBytes) const;

private:
    QByteArray m_text;
    QList<qsizetype> m_lineStarts;
};

// Fields every line of one transcript file shares.
struct LineContext
{
    QByteArray sessionId;
    QByteArray cwd;
    QByteArray version; // "2.1.328"; "1.0.x" for old sessions, whose lines carry costUSD
    QByteArray gitBranch;
    QByteArray agentId; // set in subagent files
    bool sidechain = false;
};

struct Usage
{
    qint64 input = 0;
    qint64 output = 0;
    qint64 cache5m = 0;
    qint64 cache1h = 0;
    qint64 cacheRead = 0;
    bool cacheObject = true;     // 2.x writes cache_creation{5m,1h}; 1.0.x only the flat count
    qint64 flatCreationSkew = 0; // added to the flat count only (counters must use the object)
    bool fast = false;
    // usage.iterations (2.1): the call's own steps, and an advisor model's call inside it,
    // which counts as an entry of its own.
    bool iterations = false;
    QByteArray advisorModel; // empty: no advisor_message iteration
    qint64 advisorInput = 0;
    qint64 advisorOutput = 0;
    qint64 advisorCacheRead = 0;
};

enum class Block { Thinking, Text, ToolUse };

// One API call: written as one assistant line per content block, all repeating its usage.
struct ApiCall
{
    QByteArray messageId; // empty: the lines have no message.id
    QByteArray requestId; // empty: no requestId
    QByteArray model;
    Usage usage;
    double costUsd = -1; // < 0: no costUSD field
    qint64 ms = 0;       // time of the first line; each further block is 40-400 ms later
    QList<Block> blocks;
    bool partialFirst = false; // earlier lines carry a smaller output count (as once streamed)
    QByteArray toolId;         // the ToolUse block's id
    QByteArray toolName;
};

// Odd spellings ccusage skips; at most one per line, chosen by the caller.
enum class Quirk { None, SpaceBeforeUsage, MicrosecondTime, OffsetTime, NullCost, StringSidechain };

QByteArray timestamp(qint64 ms, Quirk quirk = Quirk::None);

// Appends the call's lines (each ends with eol); returns the uuid of the last one.
QByteArray appendApiCall(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                         const ApiCall &call, const QByteArray &parentUuid, const QByteArray &eol,
                         Quirk quirk = Quirk::None);
QByteArray appendPrompt(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                        const QByteArray &parentUuid, const QByteArray &eol);
QByteArray appendToolResult(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                            qint64 ms, const QByteArray &toolId, qint64 resultBytes,
                            const QByteArray &parentUuid, const QByteArray &eol);
// A `<synthetic>` assistant line: an API error (isApiErrorMessage, the text given) or Claude
// Code's own "No response requested." Its usage is zero unless `tokens` says otherwise.
QByteArray appendSynthetic(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                           const QByteArray &text, bool apiError, qint64 tokens,
                           const QByteArray &parentUuid, const QByteArray &eol);
// A 2.0 `progress` line in the parent's file that carries a subagent's call in the older
// {"data":{"message":{...}}} shape.
void appendProgress(QByteArray &out, Rng &rng, const TextPool &pool, const LineContext &ctx,
                    const ApiCall &call, const QByteArray &agentId, const QByteArray &toolId,
                    const QByteArray &parentUuid, const QByteArray &eol);
void appendSummary(QByteArray &out, Rng &rng, const QByteArray &leafUuid, const QByteArray &eol);
void appendCostState(QByteArray &out, const LineContext &ctx, qint64 ms, const QByteArray &model,
                     const Usage &total, const QByteArray &eol);
void appendAttachment(QByteArray &out, Rng &rng, const LineContext &ctx, qint64 ms,
                      const QByteArray &parentUuid, const QByteArray &eol);

} // namespace chorus::test::transcript
