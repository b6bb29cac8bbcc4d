#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace chorus::usage {

// A strict, allocation-free JSON reader over one line. It validates everything it passes over
// (RFC 8259 syntax, escapes, UTF-8, nesting depth) as serde_json does, but decodes only what
// the caller asks for; everything else is skipped. Any error sets failed and stays set: the
// caller checks it once at the end instead of after every step.
class JsonCursor
{
public:
    explicit JsonCursor(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size())
    {}

    // serde_json's strictness about duplicate keys in every object, read or skipped (ccusage
    // applies it to lines that contain the bytes "null"; see transcriptline.cpp).
    void rejectDuplicateKeys() { m_uniqueKeys = true; }

    bool failed() const { return m_failed; }
    void fail() { m_failed = true; }

    void skipSpace();
    // True when only whitespace is left.
    bool atEnd();
    // Consumes `c` (after whitespace); false (without failing) when the next byte is not `c`.
    bool consume(char c);
    char peek();

    // Object iteration: beginObject(), then nextKey(first, &key) until it returns false (at the
    // closing brace, or on an error); `first` is the caller's, starting true. Arrays alike.
    bool beginObject();
    bool nextKey(bool &first, std::string_view *key);
    bool beginArray();
    bool nextElement(bool &first);

    // A string's raw content (between the quotes, escapes not decoded); *escaped says whether
    // it had any.
    bool string(std::string_view *raw, bool *escaped);
    // The string decoded into *out.
    static std::string decode(std::string_view raw);
    // A non-negative integer that fits 64 bits; fails on anything else (100.0, -1, 1e3).
    bool unsignedInteger(quint64 *value);
    bool number(double *value);
    bool boolean(bool *value);
    // Any value, checked and skipped.
    void skipValue() { skipValue(0); }

private:
    void skipValue(int depth);
    bool skipNumber();
    bool literal(std::string_view word);

    const char *m_p;
    const char *m_end;
    bool m_failed = false;
    bool m_uniqueKeys = false;
    // The keys of an object so far: a list while it is small, a hash set past that (a hostile
    // line with 100k keys would otherwise take minutes).
    class KeySet
    {
    public:
        bool insert(std::string_view key); // false: already there
    private:
        std::vector<std::string_view> m_list;
        std::unordered_set<std::string_view> m_set;
    };
    std::vector<KeySet> m_keys; // per open object, with m_uniqueKeys
};

} // namespace chorus::usage
