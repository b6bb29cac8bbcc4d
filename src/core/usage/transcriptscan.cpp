#include "transcriptscan.h"

#include "transcriptline.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <unistd.h>

namespace chorus::usage {

namespace {

// A file is read in parts of at most this size, so two threads share a large file.
constexpr qint64 PartBytes = 32 * 1024 * 1024;
constexpr size_t ReadBytes = 4 * 1024 * 1024;

QString expandHome(QString path, const QString &home)
{
    if (path == QLatin1String("~"))
        return home;
    if (path.startsWith(QLatin1String("~/")))
        return home + path.mid(1);
    return path;
}

bool hasProjects(const QString &dir)
{
    return QFileInfo(dir + QStringLiteral("/projects")).isDir();
}

// Looks model names up by string_view without building a std::string per entry.
struct NameHash
{
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameIndex = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;

// A part of a file: the lines that start in [begin, end).
struct Part
{
    int file = 0;
    qint64 begin = 0;
    qint64 end = 0;
};

struct PartResult
{
    std::vector<Entry> entries;
    std::vector<std::string> models; // this part's model names; Entry::model indexes them
    qint64 bytesRead = 0;
    qint64 longLines = 0;
};

// A read buffer that is never zero-filled (std::vector's resize cleared 4 MiB per read: a
// third of a scan's time) and is reused by every part a thread reads.
class ReadBuffer
{
public:
    char *data() { return m_data.get(); }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear() { m_size = 0; }
    // Room for `n` more bytes at data() + size().
    char *grow(size_t n)
    {
        if (m_capacity - m_size < n) {
            const size_t capacity = std::max(m_capacity * 2, m_size + n);
            auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
            if (m_size > 0)
                std::memcpy(bigger.get(), m_data.get(), m_size);
            m_data = std::move(bigger);
            m_capacity = capacity;
        }
        return m_data.get() + m_size;
    }
    void added(size_t n) { m_size += n; }
    void dropFront(size_t n)
    {
        std::memmove(m_data.get(), m_data.get() + n, m_size - n);
        m_size -= n;
    }

private:
    std::unique_ptr<char[]> m_data;
    size_t m_capacity = 0;
    size_t m_size = 0;
};

class PartReader
{
public:
    PartReader(const Part &part, PartResult *out, ReadBuffer *buffer) : m_part(part), m_out(out), m_buf(*buffer) {}

    void read(const QString &path)
    {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return; // vanished or unreadable since it was listed: nothing to count
        // Start one byte early: the line that byte ends (if it is a newline, just it) belongs
        // to the part before.
        qint64 offset = m_part.begin > 0 ? m_part.begin - 1 : 0;
        bool skipFirst = m_part.begin > 0;
        ReadBuffer &buf = m_buf;
        buf.clear();
        qint64 bufOffset = offset; // file offset of buf[0]
        bool skippingLong = false;
        while (true) {
            const ssize_t n = ::pread(fd, buf.grow(ReadBytes), ReadBytes, offset);
            if (n < 0 && errno == EINTR)
                continue;
            buf.added(size_t(std::max<ssize_t>(n, 0)));
            if (n > 0) {
                offset += n;
                m_out->bytesRead += n;
            }
            const bool eof = n <= 0;
            // The complete lines in buf (all of it at the end of the file).
            const char *data = buf.data();
            const void *lastNl = buf.empty() ? nullptr : ::memrchr(data, '\n', buf.size());
            size_t complete = lastNl ? size_t(static_cast<const char *>(lastNl) - data) + 1 : 0;
            if (eof)
                complete = buf.size();
            size_t from = 0;
            if (skipFirst || skippingLong) {
                const void *nl = ::memchr(data, '\n', complete);
                if (!nl && !eof) { // still inside the line to skip
                    bufOffset += qint64(buf.size());
                    buf.clear();
                    continue;
                }
                from = nl ? size_t(static_cast<const char *>(nl) - data) + 1 : complete;
                skipFirst = false;
                skippingLong = false;
            }
            const bool done = lines(data, from, complete, bufOffset);
            if (done || eof)
                break;
            // Keep the partial last line.
            buf.dropFront(complete);
            bufOffset += qint64(complete);
            if (qint64(buf.size()) > MaxLineBytes) {
                ++m_out->longLines;
                bufOffset += qint64(buf.size());
                buf.clear();
                skippingLong = true;
            }
        }
        ::close(fd);
    }

private:
    // Handles the lines in data[from, to) that start before the part's end; true when a line
    // at or past the end was reached (the part is done).
    bool lines(const char *data, size_t from, size_t to, qint64 dataOffset)
    {
        const std::string_view marker = UsageMarker;
        size_t p = from;
        while (p < to) {
            if (dataOffset + qint64(p) >= m_part.end)
                return true;
            // Only lines holding the marker are looked at: find it, then its line.
            const void *m = ::memmem(data + p, to - p, marker.data(), marker.size());
            if (!m)
                break;
            const size_t at = size_t(static_cast<const char *>(m) - data);
            const void *before = at > p ? ::memrchr(data + p, '\n', at - p) : nullptr;
            const size_t lineStart =
                before ? size_t(static_cast<const char *>(before) - data) + 1 : p;
            if (dataOffset + qint64(lineStart) >= m_part.end)
                return true;
            const void *after = ::memchr(data + at, '\n', to - at);
            const size_t lineEnd = after ? size_t(static_cast<const char *>(after) - data) : to;
            line(std::string_view(data + lineStart, lineEnd - lineStart));
            p = lineEnd + 1;
        }
        return dataOffset + qint64(to) >= m_part.end;
    }

    void line(std::string_view text)
    {
        m_usage.clear();
        if (parseTranscriptLine(text, &m_usage, &m_scratch) == 0)
            return;
        for (const LineUsage &u : m_usage)
            m_out->entries.push_back(entry(u));
    }

    Entry entry(const LineUsage &u)
    {
        const std::hash<std::string_view> hash;
        Entry e;
        e.timeMs = u.timeMs;
        e.input = u.input;
        e.output = u.output;
        e.cache5m = u.cache5m;
        e.cache1h = u.cache1h;
        e.cacheRead = u.cacheRead;
        e.file = m_part.file;
        e.limitResetMs = u.limitResetMs;
        if (u.hasCost) {
            e.loggedCost = u.costUsd;
            e.flags |= Entry::HasCost;
        }
        if (u.hasMessageId) {
            e.messageKey = hash(u.messageId);
            e.flags |= Entry::HasMessageId;
        }
        if (u.hasRequestId) {
            e.requestKey = hash(u.requestId);
            e.flags |= Entry::HasRequestId;
        }
        if (u.hasSessionId) {
            e.sessionKey = hash(u.sessionId);
            e.flags |= Entry::HasSessionId;
        }
        if (u.sidechain)
            e.flags |= Entry::Sidechain;
        if (u.apiError)
            e.flags |= Entry::ApiError;
        if (u.hasSpeed)
            e.flags |= Entry::HasSpeed;
        if (u.fast)
            e.flags |= Entry::Fast;
        if (u.advisor)
            e.flags |= Entry::Advisor;
        if (u.progress)
            e.flags |= Entry::Progress;
        if (u.hasModel) {
            const auto it = m_modelIndex.find(u.model);
            if (it != m_modelIndex.end()) {
                e.model = it->second;
            } else {
                e.model = int(m_out->models.size());
                m_out->models.emplace_back(u.model);
                m_modelIndex.emplace(m_out->models.back(), e.model);
            }
        }
        return e;
    }

    Part m_part;
    PartResult *m_out;
    ReadBuffer &m_buf;
    std::vector<LineUsage> m_usage;
    ParseScratch m_scratch;
    NameIndex m_modelIndex; // name -> index in m_out->models
};

} // namespace

Result<QStringList> claudeConfigDirs(const QProcessEnvironment &env)
{
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    QStringList dirs;
    const auto add = [&](const QString &dir) {
        const QString clean = QDir::cleanPath(dir);
        if (hasProjects(clean) && !dirs.contains(clean))
            dirs.append(clean);
    };
    if (env.contains(QStringLiteral("CLAUDE_CONFIG_DIR"))) {
        const QString value = env.value(QStringLiteral("CLAUDE_CONFIG_DIR"));
        for (QString part : value.split(QLatin1Char(','))) {
            part = expandHome(part.trimmed(), home);
            if (part.isEmpty())
                continue;
            const QFileInfo info(part);
            if (info.fileName() == QLatin1String("projects") && info.isDir())
                part = info.absolutePath();
            add(part);
        }
        if (dirs.isEmpty())
            return makeError(
                QCoreApplication::translate(
                    "Usage", "no Claude data directory found in CLAUDE_CONFIG_DIR (%1)")
                    .arg(value),
                QStringLiteral("CLAUDE_CONFIG_DIR"),
                QCoreApplication::translate(
                    "Usage", "Set it to Claude config directories that hold a projects/ "
                             "folder (comma-separated), or unset it to read ~/.claude."));
        return dirs;
    }
    const QString xdg = env.value(QStringLiteral("XDG_CONFIG_HOME"));
    add((xdg.isEmpty() ? home + QStringLiteral("/.config") : xdg) + QStringLiteral("/claude"));
    add(home + QStringLiteral("/.claude"));
    return dirs;
}

std::vector<TranscriptFile> findTranscripts(const QStringList &configDirs)
{
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, TranscriptFile>> found;
    for (const QString &dir : configDirs) {
        const fs::path root = fs::path(QFile::encodeName(dir).toStdString()) / "projects";
        std::error_code ec;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied,
                                            ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::directory_entry &entry = *it;
            std::error_code ignored;
            if (entry.is_symlink(ignored) || !entry.is_regular_file(ignored) ||
                entry.path().extension() != ".jsonl")
                continue;
            const fs::path rel = entry.path().lexically_relative(root);
            TranscriptFile f;
            f.path = QFile::decodeName(entry.path().c_str());
            auto part = rel.begin();
            if (std::distance(rel.begin(), rel.end()) >= 2) {
                f.project = QFile::decodeName(part->c_str());
                ++part;
            }
            const fs::path session = std::next(part) == rel.end() ? part->stem() : *part;
            f.session = QFile::decodeName(session.c_str());
            f.size = qint64(entry.file_size(ignored));
            found.emplace_back(entry.path().string(), f);
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<TranscriptFile> files;
    files.reserve(found.size());
    for (auto &f : found)
        files.push_back(std::move(f.second));
    return files;
}

ScanResult scanTranscripts(std::vector<TranscriptFile> files, int threads)
{
    std::vector<Part> parts;
    for (int i = 0; i < int(files.size()); ++i) {
        const qint64 size = files[size_t(i)].size;
        qint64 begin = 0;
        do {
            // The last part of a file takes whatever the file has grown to since it was listed.
            const qint64 end =
                size - begin > PartBytes ? begin + PartBytes : std::numeric_limits<qint64>::max();
            parts.push_back({i, begin, end});
            begin = end;
        } while (begin < size);
    }
    std::vector<PartResult> results(parts.size());
    std::atomic<size_t> next{0};
    const auto work = [&] {
        ReadBuffer buffer;
        for (size_t i = next++; i < parts.size(); i = next++)
            PartReader(parts[i], &results[i], &buffer).read(files[size_t(parts[i].file)].path);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, threads); ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();

    ScanResult out;
    NameIndex modelIndex;
    size_t total = 0;
    for (const PartResult &r : results)
        total += r.entries.size();
    out.entries.reserve(total);
    for (PartResult &r : results) {
        std::vector<int> remap(r.models.size());
        for (size_t m = 0; m < r.models.size(); ++m) {
            const auto [it, added] = modelIndex.emplace(r.models[m], int(out.models.size()));
            if (added)
                out.models.append(QString::fromStdString(r.models[m]));
            remap[m] = it->second;
        }
        for (Entry e : r.entries) {
            if (e.model >= 0)
                e.model = remap[size_t(e.model)];
            out.entries.push_back(e);
        }
        out.bytesRead += r.bytesRead;
        out.longLinesSkipped += r.longLines;
    }
    out.files = std::move(files);
    return out;
}

} // namespace chorus::usage
