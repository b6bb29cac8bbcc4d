#pragma once

#include "result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <vector>

namespace chorus::usage {

// A transcript file under a Claude config dir's projects/.
struct TranscriptFile
{
    QString path;
    QString project; // projects/PROJECT/...
    QString session; // projects/P/SESSION.jsonl, projects/P/SESSION/**.jsonl
    qint64 size = 0;
};

// One counted usage entry, compact: ids are kept as hashes (they are only compared).
struct Entry
{
    enum Flag : quint16 {
        HasMessageId = 1,
        HasRequestId = 2,
        HasSessionId = 4,
        HasCost = 8,
        Sidechain = 16,
        ApiError = 32,
        HasSpeed = 64,
        Fast = 128,
        Advisor = 256,  // belongs to the entry before it (see LineUsage::advisor)
        Progress = 512, // from the older progress shape (see LineUsage::progress)
    };

    qint64 timeMs = 0;
    quint64 input = 0;
    quint64 output = 0;
    quint64 cache5m = 0;
    quint64 cache1h = 0;
    quint64 cacheRead = 0;
    double loggedCost = 0;
    qint64 limitResetMs = 0; // see LineUsage::limitResetMs
    quint64 messageKey = 0;
    quint64 requestKey = 0;
    quint64 sessionKey = 0;
    qint32 model = -1; // index into ScanResult::models; -1: the line named none
    qint32 file = -1;  // index into ScanResult::files
    quint16 flags = 0;

    bool has(Flag f) const { return flags & f; }
    quint64 tokens() const { return input + output + cache5m + cache1h + cacheRead; }
};

struct ScanResult
{
    std::vector<TranscriptFile> files;
    std::vector<Entry> entries; // in file order (sorted paths), then line order
    QStringList models;
    qint64 bytesRead = 0;
    qint64 longLinesSkipped = 0; // lines over MaxLineBytes, not read
};

// Lines longer than this are skipped and counted (ccusage would read them).
inline constexpr qint64 MaxLineBytes = 64 * 1024 * 1024;

// The Claude config dirs to read, found as ccusage finds them: CLAUDE_CONFIG_DIR
// (comma-separated; each a config dir or its projects/; only those with a projects/ count, and
// none counting is an error), else $XDG_CONFIG_HOME/claude (~/.config/claude) and ~/.claude.
Result<QStringList> claudeConfigDirs(const QProcessEnvironment &env);

// Every *.jsonl under each dir's projects/, sorted by path; symbolic links are not followed.
std::vector<TranscriptFile> findTranscripts(const QStringList &configDirs);

// Reads every file on `threads` threads (a large file is split between them) and returns the
// entries in file and line order. Memory stays bounded by the entries, not the files.
ScanResult scanTranscripts(std::vector<TranscriptFile> files, int threads = 2);

} // namespace chorus::usage
