#include "transcriptline.h"

#include "jsoncursor.h"

#include <cstring>

// The rules here are ccusage 20.0.24's, measured on its binary (docs/usage.md lists them):
// a line is read only when it holds the exact bytes "usage":{, it must then be strictly valid
// JSON, every field that is read has its type or the line is skipped, and a field read twice
// (a duplicate key) skips it too.

namespace chorus::usage {

namespace {

// The fields whose `null` makes ccusage skip the whole line, wherever in the line it is.
bool isNullSensitive(std::string_view name)
{
    static constexpr std::string_view names[] = {
        "id",
        "cwd",
        "model",
        "speed",
        "costUSD",
        "version",
        "sessionId",
        "requestId",
        "isApiErrorMessage",
        "cache_read_input_tokens",
        "cache_creation_input_tokens",
    };
    for (std::string_view n : names) {
        if (n == name)
            return true;
    }
    return false;
}

// ccusage's fast path: for each `:null` in the raw line, the quoted name just before it.
bool hasSensitiveNull(std::string_view line)
{
    size_t from = 0;
    while (true) {
        const size_t at = line.find(":null", from);
        if (at == std::string_view::npos)
            return false;
        from = at + 5;
        if (at < 2 || line[at - 1] != '"')
            continue;
        const size_t open = line.rfind('"', at - 2);
        if (open == std::string_view::npos)
            continue;
        if (isNullSensitive(line.substr(open + 1, at - 2 - open)))
            return true;
    }
}

struct Tokens
{
    quint64 input = 0;
    quint64 output = 0;
    quint64 cacheCreation = 0; // the flat count
    quint64 cacheRead = 0;
    quint64 ephemeral5m = 0;
    quint64 ephemeral1h = 0;
    bool hasInput = false;
    bool hasOutput = false;
    bool hasSplit = false; // a cache_creation object: its split replaces the flat count
};

struct Advisor
{
    Tokens tokens;
    std::string_view model;
    bool hasModel = false;
};

struct Message
{
    std::string_view id;
    std::string_view model;
    std::string_view speed;
    Tokens usage;
    std::vector<Advisor> advisors;
    bool hasId = false;
    bool hasModel = false;
    bool hasSpeed = false;
    bool hasUsage = false;
};

struct Record
{
    std::string_view timestamp;
    std::string_view sessionId;
    std::string_view requestId;
    std::string_view version;
    double costUsd = 0;
    Message message;
    bool hasTimestamp = false;
    bool hasSessionId = false;
    bool hasRequestId = false;
    bool hasVersion = false;
    bool hasCost = false;
    bool sidechain = false;
    bool apiError = false;
    bool hasMessage = false;
};

class LineReader
{
public:
    LineReader(std::string_view line, ParseScratch *scratch) : m_cursor(line), m_scratch(scratch) {}

    JsonCursor &cursor() { return m_cursor; }

    // A field read twice makes the line invalid: each read field has a bit in *seen.
    bool once(quint32 *seen, quint32 bit)
    {
        if (*seen & bit) {
            m_cursor.fail();
            return false;
        }
        *seen |= bit;
        return true;
    }

    bool text(std::string_view *out)
    {
        bool escaped = false;
        if (!m_cursor.string(out, &escaped))
            return false;
        if (escaped) {
            m_scratch->strings.push_back(std::make_unique<std::string>(JsonCursor::decode(*out)));
            *out = *m_scratch->strings.back();
        }
        return true;
    }

    void cacheSplit(Tokens *t)
    {
        quint32 seen = 0;
        bool first = true;
        std::string_view key;
        m_cursor.beginObject();
        while (m_cursor.nextKey(first, &key)) {
            if (key == "ephemeral_5m_input_tokens" && once(&seen, 1))
                m_cursor.unsignedInteger(&t->ephemeral5m);
            else if (key == "ephemeral_1h_input_tokens" && once(&seen, 2))
                m_cursor.unsignedInteger(&t->ephemeral1h);
            else
                m_cursor.skipValue();
        }
        t->hasSplit = true;
    }

    // The token fields of a usage object or of an advisor iteration; *isAdvisor and *model are
    // read only for iterations.
    void tokens(Tokens *t, std::vector<Advisor> *advisors, std::string_view *model = nullptr,
                bool *hasModel = nullptr, bool *isAdvisor = nullptr,
                std::string_view *speed = nullptr, bool *hasSpeed = nullptr)
    {
        quint32 seen = 0;
        bool first = true;
        std::string_view key;
        m_cursor.beginObject();
        while (m_cursor.nextKey(first, &key)) {
            if (key == "input_tokens" && once(&seen, 1)) {
                t->hasInput = m_cursor.unsignedInteger(&t->input);
            } else if (key == "output_tokens" && once(&seen, 2)) {
                t->hasOutput = m_cursor.unsignedInteger(&t->output);
            } else if (key == "cache_creation_input_tokens" && once(&seen, 4)) {
                m_cursor.unsignedInteger(&t->cacheCreation);
            } else if (key == "cache_read_input_tokens" && once(&seen, 8)) {
                m_cursor.unsignedInteger(&t->cacheRead);
            } else if (key == "cache_creation" && once(&seen, 16)) {
                cacheSplit(t);
            } else if (speed && key == "speed" && once(&seen, 32)) {
                *hasSpeed = text(speed);
            } else if (advisors && key == "iterations" && once(&seen, 64)) {
                iterations(advisors);
            } else if (model && key == "model" && once(&seen, 128)) {
                *hasModel = text(model);
            } else if (isAdvisor && key == "type" && once(&seen, 256)) {
                std::string_view type;
                text(&type);
                *isAdvisor = type == "advisor_message";
            } else {
                m_cursor.skipValue();
            }
        }
    }

    void iterations(std::vector<Advisor> *advisors)
    {
        if (m_cursor.peek() != '[') {
            m_cursor.skipValue();
            return;
        }
        m_cursor.beginArray();
        bool first = true;
        while (m_cursor.nextElement(first)) {
            if (m_cursor.peek() != '{') {
                m_cursor.skipValue();
                continue;
            }
            Advisor a;
            bool isAdvisor = false;
            tokens(&a.tokens, nullptr, &a.model, &a.hasModel, &isAdvisor);
            if (isAdvisor && a.tokens.hasInput && a.tokens.hasOutput)
                advisors->push_back(a);
        }
    }

    void message(Message *m)
    {
        if (m_cursor.peek() != '{') { // a user line's message can be anything here
            m_cursor.skipValue();
            return;
        }
        quint32 seen = 0;
        bool first = true;
        std::string_view key;
        m_cursor.beginObject();
        while (m_cursor.nextKey(first, &key)) {
            if (key == "id" && once(&seen, 1)) {
                m->hasId = typed('"') && text(&m->id);
            } else if (key == "model" && once(&seen, 2)) {
                m->hasModel = typed('"') && text(&m->model);
            } else if (key == "usage" && once(&seen, 4)) {
                if (typed('{')) {
                    m->hasUsage = true;
                    tokens(&m->usage, &m->advisors, nullptr, nullptr, nullptr, &m->speed,
                           &m->hasSpeed);
                }
            } else {
                m_cursor.skipValue();
            }
        }
    }

    // The next value must start with `open` (a string, an object); otherwise the line is
    // skipped, as ccusage does for a field of the wrong type.
    bool typed(char open)
    {
        if (m_cursor.peek() == open)
            return true;
        m_cursor.fail();
        return false;
    }

    // The fields of a line (or of data.message in the older progress shape).
    void record(Record *r, Record *data, int depth)
    {
        quint32 seen = 0;
        bool first = true;
        std::string_view key;
        m_cursor.beginObject();
        while (m_cursor.nextKey(first, &key)) {
            if (key == "timestamp" && once(&seen, 1)) {
                r->hasTimestamp = typed('"') && text(&r->timestamp);
            } else if (key == "sessionId" && once(&seen, 2)) {
                r->hasSessionId = typed('"') && text(&r->sessionId);
            } else if (key == "requestId" && once(&seen, 4)) {
                r->hasRequestId = typed('"') && text(&r->requestId);
            } else if (key == "version" && once(&seen, 8)) {
                r->hasVersion = typed('"') && text(&r->version);
            } else if (key == "costUSD" && once(&seen, 16)) {
                r->hasCost = m_cursor.number(&r->costUsd);
            } else if (key == "isSidechain" && once(&seen, 32)) {
                m_cursor.boolean(&r->sidechain);
            } else if (key == "isApiErrorMessage" && once(&seen, 64)) {
                m_cursor.boolean(&r->apiError);
            } else if (key == "message" && once(&seen, 128)) {
                r->hasMessage = true;
                message(&r->message);
            } else if (data && depth == 0 && key == "data" && once(&seen, 256)) {
                progressData(data);
            } else {
                m_cursor.skipValue();
            }
        }
    }

    // {"data":{"message":{…a record…}}}
    void progressData(Record *data)
    {
        if (m_cursor.peek() != '{') {
            m_cursor.skipValue();
            return;
        }
        quint32 seen = 0;
        bool first = true;
        std::string_view key;
        m_cursor.beginObject();
        while (m_cursor.nextKey(first, &key)) {
            if (key == "message" && once(&seen, 1) && m_cursor.peek() == '{')
                record(data, nullptr, 1);
            else
                m_cursor.skipValue();
        }
    }

private:
    JsonCursor m_cursor;
    ParseScratch *m_scratch;
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "1.2.3…": digits, a dot, digits, a dot, a digit.
bool versionLooksValid(std::string_view v)
{
    size_t i = 0;
    for (int part = 0; part < 2; ++part) {
        const size_t start = i;
        while (i < v.size() && isDigit(v[i]))
            ++i;
        if (i == start || i >= v.size() || v[i] != '.')
            return false;
        ++i;
    }
    return i < v.size() && isDigit(v[i]);
}

int digits(std::string_view s, size_t at, size_t n)
{
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (i >= s.size() || !isDigit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = int(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

void appendEntry(const Record &r, const Tokens &t, std::string_view model, bool hasModel,
                 bool advisor, qint64 timeMs, std::vector<LineUsage> *out)
{
    LineUsage u;
    u.timeMs = timeMs;
    u.input = t.input;
    u.output = t.output;
    u.cache5m = t.hasSplit ? t.ephemeral5m : t.cacheCreation;
    u.cache1h = t.hasSplit ? t.ephemeral1h : 0;
    u.cacheRead = t.cacheRead;
    u.model = model;
    u.hasModel = hasModel;
    u.messageId = r.message.id;
    u.hasMessageId = r.message.hasId;
    u.requestId = r.requestId;
    u.hasRequestId = r.hasRequestId;
    u.sessionId = r.sessionId;
    u.hasSessionId = r.hasSessionId;
    u.sidechain = r.sidechain;
    u.apiError = r.apiError;
    u.advisor = advisor;
    if (!advisor) {
        u.costUsd = r.costUsd;
        u.hasCost = r.hasCost;
        u.hasSpeed = r.message.hasSpeed;
        u.fast = r.message.hasSpeed && r.message.speed == "fast";
    }
    out->push_back(u);
}

} // namespace

bool parseTimestamp(std::string_view s, qint64 *ms)
{
    // YYYY-MM-DDTHH:MM:SS
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return false;
    const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    const int h = digits(s, 11, 2), mi = digits(s, 14, 2), sec = digits(s, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return false;
    size_t i = 19;
    int millis = 0;
    if (s[i] == '.') {
        millis = digits(s, i + 1, 3);
        if (millis < 0)
            return false;
        i += 4;
    }
    int offsetMinutes = 0;
    if (i < s.size() && s[i] == 'Z') {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        const int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
        if (oh < 0 || om < 0 || i + 3 >= s.size() || s[i + 3] != ':' || oh > 23 || om > 59)
            return false;
        offsetMinutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return false;
    }
    if (i != s.size())
        return false;
    const qint64 seconds =
        daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offsetMinutes * 60;
    *ms = seconds * 1000 + millis;
    return true;
}

int parseTranscriptLine(std::string_view line, std::vector<LineUsage> *out, ParseScratch *scratch)
{
    if (line.find(UsageMarker) == std::string_view::npos || hasSensitiveNull(line))
        return 0;
    scratch->strings.clear();
    LineReader reader(line, scratch);
    JsonCursor &c = reader.cursor();
    // ccusage reads a line that has "null" in it (anywhere, even in a string) with serde, which
    // refuses any duplicate key; other lines go through a path that minds only the fields read.
    if (line.find("null") != std::string_view::npos)
        c.rejectDuplicateKeys();
    if (c.peek() != '{')
        return 0;
    Record top;
    Record data;
    reader.record(&top, &data, 0);
    if (c.failed() || !c.atEnd())
        return 0;
    const Record &r = top.message.hasUsage ? top : data;
    const Message &m = r.message;
    if (!m.hasUsage || !m.usage.hasInput || !m.usage.hasOutput || !r.hasTimestamp)
        return 0;
    qint64 timeMs = 0;
    if (!parseTimestamp(r.timestamp, &timeMs))
        return 0;
    if ((r.hasVersion && !versionLooksValid(r.version)) ||
        (r.hasSessionId && r.sessionId.empty()) || (r.hasRequestId && r.requestId.empty()) ||
        (m.hasId && m.id.empty()) || (m.hasModel && m.model.empty()))
        return 0;
    if (m.hasSpeed && m.speed != "standard" && m.speed != "fast")
        return 0;
    const size_t first = out->size();
    qint64 limitResetMs = 0;
    if (r.apiError) {
        // The text is in the message's content; its epoch seconds follow the bar.
        constexpr std::string_view text = "usage limit reached|";
        const size_t at = line.find(text);
        quint64 seconds = 0;
        size_t i = at == std::string_view::npos ? line.size() : at + text.size();
        for (; i < line.size() && isDigit(line[i]) && seconds < 100'000'000'000ULL; ++i)
            seconds = seconds * 10 + quint64(line[i] - '0');
        limitResetMs = qint64(seconds) * 1000;
    }
    appendEntry(r, m.usage, m.model, m.hasModel, false, timeMs, out);
    for (const Advisor &a : m.advisors)
        appendEntry(r, a.tokens, a.model, a.hasModel, true, timeMs, out);
    for (size_t i = first; i < out->size(); ++i) {
        (*out)[i].progress = &r == &data;
        (*out)[i].limitResetMs = limitResetMs;
    }
    return 1 + int(m.advisors.size());
}

} // namespace chorus::usage
