#pragma once

// Stored events in the shapes the Claude Code CLI and the engine write them (see
// CLAUDE-CLI.md §2), for the console tests and bench_console; and a dark palette with a
// contrast measure for the palette checks.

#include "model/storedevent.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

#include <cmath>

namespace chorus::test {

// A dark palette like the ones desktop themes set (Fusion draws with it).
inline QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Mid, QColor(0x24, 0x24, 0x24));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    return p;
}

inline double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG contrast ratio of two colours (1 to 21).
inline double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// A long Markdown answer of about `chars` characters: numbered paragraphs (each at least a
// line on screen), a heading and a code block now and then, and `last` as its last line.
inline QString longAnswer(qsizetype chars, const QString &last = QStringLiteral("The end."))
{
    QString out;
    out.reserve(chars + 200);
    for (int i = 1; out.size() < chars - last.size(); ++i) {
        if (i % 60 == 0)
            out += QStringLiteral("## Part %1\n\n").arg(i / 60);
        if (i % 45 == 0)
            out +=
                QStringLiteral("```cpp\nint step%1 = run(%1); // checked\nreturn step%1;\n```\n\n")
                    .arg(i);
        out += QStringLiteral("Paragraph %1: the quick brown fox jumps over the lazy dog, and the "
                              "build is **green** again.\n\n")
                   .arg(i);
    }
    return out + last;
}

class ConsoleEvents
{
public:
    explicit ConsoleEvents(QString sessionId = QStringLiteral("s-test"), qint64 firstSeq = 1)
        : m_sessionId(std::move(sessionId)), m_seq(firstSeq)
    {}

    qint64 nextSeq() const { return m_seq; }

    StoredEvent event(const QString &kind, const QString &subtype, const QJsonObject &json)
    {
        StoredEvent e;
        e.sessionId = m_sessionId;
        e.seq = m_seq++;
        e.ts = QStringLiteral("2026-11-24T08:06:38.529Z");
        e.kind = kind;
        e.subtype = subtype;
        e.raw = QJsonDocument(json).toJson(QJsonDocument::Compact);
        return e;
    }

    StoredEvent input(const QString &text)
    {
        return event(QStringLiteral("chorus"), QStringLiteral("input"),
                     {{QStringLiteral("type"), QStringLiteral("chorus")},
                      {QStringLiteral("subtype"), QStringLiteral("input")},
                      {QStringLiteral("text"), text}});
    }
    StoredEvent state(const QString &state, const QString &detail = {})
    {
        return event(QStringLiteral("chorus"), QStringLiteral("state"),
                     {{QStringLiteral("type"), QStringLiteral("chorus")},
                      {QStringLiteral("subtype"), QStringLiteral("state")},
                      {QStringLiteral("state"), state},
                      {QStringLiteral("detail"), detail}});
    }
    StoredEvent init()
    {
        return event(
            QStringLiteral("init"), QStringLiteral("init"),
            {{QStringLiteral("type"), QStringLiteral("system")},
             {QStringLiteral("subtype"), QStringLiteral("init")},
             {QStringLiteral("cwd"), QStringLiteral("/w/t1")},
             {QStringLiteral("session_id"), QStringLiteral("368d3e0a-8679-430f-af33-cadb795c735d")},
             {QStringLiteral("tools"), QJsonArray{QStringLiteral("Task"), QStringLiteral("Bash"),
                                                  QStringLiteral("Edit"), QStringLiteral("Read")}},
             {QStringLiteral("model"), QStringLiteral("claude-opus-5-5")},
             {QStringLiteral("permissionMode"), QStringLiteral("default")},
             {QStringLiteral("claude_code_version"), QStringLiteral("2.1.328")},
             {QStringLiteral("uuid"), QStringLiteral("7cf85225-f5ce-42ea-9a8b-d3b4a14281c1")}});
    }
    StoredEvent assistant(const QJsonObject &block, bool apiError = false)
    {
        const QString msgId = QStringLiteral("msg_fake_18801_%1").arg(m_seq);
        QJsonObject message{{QStringLiteral("id"), msgId},
                            {QStringLiteral("type"), QStringLiteral("message")},
                            {QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("model"), apiError ? QStringLiteral("<synthetic>")
                                                               : QStringLiteral("claude-opus-5-5")},
                            {QStringLiteral("content"), QJsonArray{block}},
                            {QStringLiteral("stop_reason"), QJsonValue()},
                            {QStringLiteral("stop_sequence"), QJsonValue()},
                            {QStringLiteral("usage"),
                             QJsonObject{{QStringLiteral("input_tokens"), 100},
                                         {QStringLiteral("output_tokens"), 20},
                                         {QStringLiteral("cache_creation_input_tokens"), 0},
                                         {QStringLiteral("cache_read_input_tokens"), 0}}},
                            {QStringLiteral("context_management"), QJsonValue()}};
        QJsonObject json{
            {QStringLiteral("type"), QStringLiteral("assistant")},
            {QStringLiteral("message"), message},
            {QStringLiteral("parent_tool_use_id"), QJsonValue()},
            {QStringLiteral("session_id"), QStringLiteral("03a9c9cd-f1db-4484-84b4-41d5f254c685")},
            {QStringLiteral("uuid"), QStringLiteral("3adc6e41-6126-4090-8378-3ef3812090e2")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-11-24T08:06:38.529Z")},
            {QStringLiteral("request_id"), QStringLiteral("req_fake_1795507598523")}};
        if (apiError) {
            json.insert(QStringLiteral("error"), QStringLiteral("rate_limit"));
            json.insert(QStringLiteral("is_api_error_message"), true);
            json.insert(QStringLiteral("api_error_status"), 429);
        }
        return event(QStringLiteral("assistant"), {}, json);
    }
    StoredEvent text(const QString &text)
    {
        return assistant(
            {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}});
    }
    StoredEvent thinking(const QString &text)
    {
        return assistant({{QStringLiteral("type"), QStringLiteral("thinking")},
                          {QStringLiteral("thinking"), text},
                          {QStringLiteral("signature"), QStringLiteral("fakesig")}});
    }
    StoredEvent apiError(const QString &text)
    {
        return assistant(
            {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}},
            true);
    }
    StoredEvent toolUse(const QString &id, const QString &name, const QJsonObject &input)
    {
        return assistant({{QStringLiteral("type"), QStringLiteral("tool_use")},
                          {QStringLiteral("id"), id},
                          {QStringLiteral("name"), name},
                          {QStringLiteral("input"), input}});
    }
    StoredEvent toolResult(const QString &id, const QString &content, bool isError = false)
    {
        const QJsonObject block{{QStringLiteral("tool_use_id"), id},
                                {QStringLiteral("type"), QStringLiteral("tool_result")},
                                {QStringLiteral("content"), content},
                                {QStringLiteral("is_error"), isError}};
        return event(
            QStringLiteral("user"), {},
            {{QStringLiteral("type"), QStringLiteral("user")},
             {QStringLiteral("message"),
              QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                          {QStringLiteral("content"), QJsonArray{block}}}},
             {QStringLiteral("parent_tool_use_id"), QJsonValue()},
             {QStringLiteral("session_id"), QStringLiteral("03a9c9cd-f1db-4484-84b4-41d5f254c685")},
             {QStringLiteral("uuid"), QStringLiteral("272edc15-2a4e-4a43-bb2e-0e4f3f8e1c11")},
             {QStringLiteral("timestamp"), QStringLiteral("2026-11-24T08:06:38.573Z")},
             {QStringLiteral("tool_use_result"),
              QJsonObject{{QStringLiteral("stdout"), content},
                          {QStringLiteral("stderr"), QString()},
                          {QStringLiteral("interrupted"), false}}}});
    }
    StoredEvent result(bool isError, const QString &text, int durationMs, double cost)
    {
        const QJsonObject usage{{QStringLiteral("input_tokens"), 100},
                                {QStringLiteral("cache_creation_input_tokens"), 0},
                                {QStringLiteral("cache_read_input_tokens"), 0},
                                {QStringLiteral("output_tokens"), 20}};
        const QJsonObject modelUsage{{QStringLiteral("inputTokens"), 100},
                                     {QStringLiteral("outputTokens"), 20},
                                     {QStringLiteral("cacheReadInputTokens"), 0},
                                     {QStringLiteral("cacheCreationInputTokens"), 0},
                                     {QStringLiteral("costUSD"), cost}};
        return event(
            QStringLiteral("result"),
            isError ? QStringLiteral("error_during_execution") : QStringLiteral("success"),
            {{QStringLiteral("type"), QStringLiteral("result")},
             {QStringLiteral("subtype"), QStringLiteral("success")},
             {QStringLiteral("is_error"), isError},
             {QStringLiteral("duration_ms"), durationMs},
             {QStringLiteral("duration_api_ms"), durationMs / 2},
             {QStringLiteral("num_turns"), 2},
             {QStringLiteral("result"), text},
             {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
             {QStringLiteral("session_id"), QStringLiteral("368d3e0a-8679-430f-af33-cadb795c735d")},
             {QStringLiteral("total_cost_usd"), cost},
             {QStringLiteral("usage"), usage},
             {QStringLiteral("modelUsage"),
              QJsonObject{{QStringLiteral("claude-opus-5-5"), modelUsage}}},
             {QStringLiteral("model_usage_since_last_result"),
              QJsonObject{{QStringLiteral("claude-opus-5-5"), modelUsage}}},
             {QStringLiteral("permission_denials"), QJsonArray()},
             {QStringLiteral("terminal_reason"),
              isError ? QStringLiteral("api_error") : QStringLiteral("completed")},
             {QStringLiteral("uuid"), QStringLiteral("a8b374dd-0000-4000-8000-000000000000")}});
    }
    StoredEvent permissionDenied(const QString &tool, const QString &message)
    {
        return event(QStringLiteral("system"), QStringLiteral("permission_denied"),
                     {{QStringLiteral("type"), QStringLiteral("system")},
                      {QStringLiteral("subtype"), QStringLiteral("permission_denied")},
                      {QStringLiteral("tool_name"), tool},
                      {QStringLiteral("tool_use_id"), QStringLiteral("toolu_denied")},
                      {QStringLiteral("message"), message}});
    }

    // One ordinary turn of about `size` events (at least 7): a follow-up, init, running, text,
    // Bash call and result, more tool round-trips to fill, a Markdown answer, the result
    // and idle.
    QList<StoredEvent> turn(int index, int size = 9)
    {
        QList<StoredEvent> out;
        out << input(
            QStringLiteral("Follow-up %1: please check the build and fix what fails.").arg(index));
        out << init() << state(QStringLiteral("running"));
        out << text(
            QStringLiteral("Let me look at the build output for turn %1 first.").arg(index));
        int round = 0;
        while (out.size() + 2 <= size - 3) {
            const QString id = QStringLiteral("toolu_fake_%1_%2").arg(index).arg(round++);
            out << toolUse(id, QStringLiteral("Bash"),
                           {{QStringLiteral("command"),
                             QStringLiteral("cmake --build build -j2 2>&1 | tail -20")},
                            {QStringLiteral("description"), QStringLiteral("Build")}});
            out << toolResult(
                id, QStringLiteral("[1/3] Building CXX object src/a.cpp.o\n[2/3] Linking\n"
                                   "[3/3] Done in %1 s")
                        .arg(round));
        }
        out << text(QStringLiteral(
            "The build passes now. I changed:\n\n- `src/a.cpp`: fixed the **null check**\n"
            "- `src/b.cpp`: renamed `foo()`\n\n```cpp\nif (!p)\n    return;\n```\n"));
        out << result(false, QStringLiteral("The build passes now."), 1234 + index, 0.0123);
        out << state(QStringLiteral("idle"));
        return out;
    }

    QList<StoredEvent> session(int count)
    {
        QList<StoredEvent> out;
        out.reserve(count);
        for (int t = 0; out.size() < count; ++t) {
            const QList<StoredEvent> one = turn(t, 14);
            for (const StoredEvent &e : one) {
                if (out.size() == count)
                    break;
                out << e;
            }
        }
        return out;
    }

private:
    QString m_sessionId;
    qint64 m_seq;
};

} // namespace chorus::test
