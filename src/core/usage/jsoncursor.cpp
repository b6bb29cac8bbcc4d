#include "jsoncursor.h"

#include <charconv>
#include <cstring>
#include <limits>

namespace chorus::usage {

namespace {

// serde_json's recursion limit: deeper input is an error, not a stack overflow.
constexpr int MaxDepth = 128;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Appends code point `cp` as UTF-8.
void appendUtf8(std::string &out, quint32 cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// The length of the valid UTF-8 sequence starting at p (lead byte >= 0x80), or 0.
int utf8Length(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    int n = 0;
    quint32 min = 0;
    quint32 cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (end - p < n)
        return 0;
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

// Reads \uXXXX at p (p points after the backslash-u); -1 when not four hex digits.
int readHex4(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
        const int h = hexValue(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

} // namespace

bool JsonCursor::KeySet::insert(std::string_view key)
{
    constexpr size_t ListMax = 16;
    if (m_set.empty()) {
        for (std::string_view k : m_list) {
            if (k == key)
                return false;
        }
        if (m_list.size() < ListMax) {
            m_list.push_back(key);
            return true;
        }
        m_set.insert(m_list.begin(), m_list.end());
        m_list.clear();
    }
    return m_set.insert(key).second;
}

void JsonCursor::skipSpace()
{
    while (m_p < m_end && isSpace(*m_p))
        ++m_p;
}

bool JsonCursor::atEnd()
{
    skipSpace();
    return m_p == m_end;
}

char JsonCursor::peek()
{
    skipSpace();
    return m_p < m_end ? *m_p : '\0';
}

bool JsonCursor::consume(char c)
{
    if (peek() != c || m_p == m_end)
        return false;
    ++m_p;
    return true;
}

bool JsonCursor::beginObject()
{
    if (!consume('{'))
        fail();
    else if (m_uniqueKeys)
        m_keys.emplace_back();
    return !m_failed;
}

bool JsonCursor::nextKey(bool &first, std::string_view *key)
{
    if (m_failed)
        return false;
    const bool wasFirst = first;
    first = false;
    if (consume('}')) {
        if (m_uniqueKeys && !m_keys.empty())
            m_keys.pop_back();
        return false;
    }
    if (!wasFirst && !consume(',')) {
        fail();
        return false;
    }
    bool escaped = false;
    if (!string(key, &escaped) || !consume(':')) {
        fail();
        return false;
    }
    if (m_uniqueKeys && !m_keys.empty() && !m_keys.back().insert(*key)) {
        fail();
        return false;
    }
    return true;
}

bool JsonCursor::beginArray()
{
    if (!consume('['))
        fail();
    return !m_failed;
}

bool JsonCursor::nextElement(bool &first)
{
    if (m_failed)
        return false;
    if (first) {
        first = false;
        return !consume(']');
    }
    if (consume(']'))
        return false;
    if (!consume(',')) {
        fail();
        return false;
    }
    return true;
}

bool JsonCursor::string(std::string_view *raw, bool *escaped)
{
    *escaped = false;
    if (!consume('"')) {
        fail();
        return false;
    }
    const char *start = m_p;
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            *raw = std::string_view(start, size_t(m_p - start));
            ++m_p;
            return true;
        }
        if (c < 0x20)
            break;
        if (c == '\\') {
            *escaped = true;
            if (++m_p == m_end)
                break;
            const char e = *m_p;
            if (e == 'u') {
                const int hi = readHex4(m_p + 1, m_end);
                if (hi < 0)
                    break;
                m_p += 5;
                if (hi >= 0xDC00 && hi <= 0xDFFF)
                    break; // a lone trailing surrogate
                if (hi >= 0xD800 && hi <= 0xDBFF) {
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        break;
                    const int lo = readHex4(m_p + 2, m_end);
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        break;
                    m_p += 6;
                }
                continue;
            }
            if (!std::strchr("\"\\/bfnrt", e) || e == '\0')
                break;
            ++m_p;
            continue;
        }
        if (c >= 0x80) {
            const int n = utf8Length(reinterpret_cast<const unsigned char *>(m_p),
                                     reinterpret_cast<const unsigned char *>(m_end));
            if (n == 0)
                break;
            m_p += n;
            continue;
        }
        ++m_p;
    }
    fail();
    return false;
}

std::string JsonCursor::decode(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    const char *p = raw.data();
    const char *end = p + raw.size();
    while (p < end) {
        if (*p != '\\') {
            out += *p++;
            continue;
        }
        ++p; // validated by string(): an escape is complete
        const char e = *p++;
        switch (e) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            quint32 cp = quint32(readHex4(p, end));
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                const quint32 lo = quint32(readHex4(p + 2, end));
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            out += e;
            break;
        }
    }
    return out;
}

bool JsonCursor::skipNumber()
{
    const char *p = m_p;
    if (p < m_end && *p == '-')
        ++p;
    if (p == m_end)
        return false;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    } else {
        return false;
    }
    if (p < m_end && *p == '.') {
        ++p;
        if (p == m_end || *p < '0' || *p > '9')
            return false;
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < m_end && (*p == '+' || *p == '-'))
            ++p;
        if (p == m_end || *p < '0' || *p > '9')
            return false;
        while (p < m_end && *p >= '0' && *p <= '9')
            ++p;
    }
    m_p = p;
    return true;
}

bool JsonCursor::unsignedInteger(quint64 *value)
{
    skipSpace();
    const char *start = m_p;
    if (!skipNumber()) {
        fail();
        return false;
    }
    quint64 v = 0;
    for (const char *p = start; p < m_p; ++p) {
        if (*p < '0' || *p > '9') { // a sign, a fraction or an exponent
            fail();
            return false;
        }
        const quint64 digit = quint64(*p - '0');
        if (v > (std::numeric_limits<quint64>::max() - digit) / 10) {
            fail();
            return false;
        }
        v = v * 10 + digit;
    }
    *value = v;
    return true;
}

bool JsonCursor::number(double *value)
{
    skipSpace();
    const char *start = m_p;
    if (!skipNumber()) {
        fail();
        return false;
    }
    // The grammar is checked. from_chars, not strtod: strtod follows the C locale, which Qt sets
    // from the environment (a German one reads "0.25" as 0).
    // Out of a double's range (1e400) is an error, as serde_json's.
    if (std::from_chars(start, m_p, *value).ec != std::errc()) {
        fail();
        return false;
    }
    return true;
}

bool JsonCursor::literal(std::string_view word)
{
    if (size_t(m_end - m_p) < word.size() || std::memcmp(m_p, word.data(), word.size()) != 0)
        return false;
    m_p += word.size();
    return true;
}

bool JsonCursor::boolean(bool *value)
{
    skipSpace();
    if (literal("true"))
        *value = true;
    else if (literal("false"))
        *value = false;
    else
        fail();
    return !m_failed;
}

void JsonCursor::skipValue(int depth)
{
    if (m_failed)
        return;
    if (depth >= MaxDepth) {
        fail();
        return;
    }
    switch (peek()) {
    case '{': {
        beginObject();
        bool first = true;
        std::string_view key;
        while (nextKey(first, &key))
            skipValue(depth + 1);
        return;
    }
    case '[': {
        ++m_p;
        bool first = true;
        while (nextElement(first))
            skipValue(depth + 1);
        return;
    }
    case '"': {
        std::string_view raw;
        bool escaped = false;
        string(&raw, &escaped);
        return;
    }
    case 't':
        if (!literal("true"))
            fail();
        return;
    case 'f':
        if (!literal("false"))
            fail();
        return;
    case 'n':
        if (!literal("null"))
            fail();
        return;
    default:
        if (!skipNumber())
            fail();
        return;
    }
}

} // namespace chorus::usage
