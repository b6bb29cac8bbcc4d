#pragma once

#include <QString>
#include <QtGlobal>

namespace chorus::test {

// Writes a synthetic tree of Claude Code transcripts (`<projectsDir>/<project>/<session>.jsonl`
// plus `<session>/subagents/agent-*.jsonl`) shaped like what Claude Code 2.1.x writes: big
// tool-result user lines carry most of the bytes; every API call is one assistant line per
// content block, each repeating the call's usage. It mixes in, at fixed rates, the cases a usage
// counter must get right: streamed duplicates, sidechain replays, forks, missing requestId,
// `<synthetic>` and API-error lines, old lines with costUSD, the 5m/1h cache split, messages
// above 200k tokens, a model nobody prices and malformed lines.
//
// The same seed and size give the same bytes. All timestamps lie between 2026-02-15 and
// 2026-04-16 (spanning the US daylight-saving change of 2026-03-08), so no 5-hour block is
// active. Lines are built by appending bytes, which writes 1 GiB in seconds (the benchmark's
// corpus); tests use tens of MB.
class TranscriptCorpus
{
public:
    struct Summary
    {
        QString error; // empty on success: what could not be written, and where
        qint64 bytes = 0;
        int files = 0;
        int sessions = 0;
        int apiCalls = 0; // distinct assistant messages written (before any duplicate)
    };

    // Writes at least targetBytes (the last session is finished) under projectsDir, which is
    // created when missing.
    static Summary write(const QString &projectsDir, quint64 seed, qint64 targetBytes);
};

} // namespace chorus::test
