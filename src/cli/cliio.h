#pragma once

#include <type_traits>

#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringBuilder>
#include <QStringView>
#include <QTextStream>

#include <cstdio>

namespace chorus {
class RpcClient;
}

namespace chorus::cli {

// Text as a terminal should show it. Every control character a terminal acts on becomes a
// visible escape: C0 controls other than newline and tab (a carriage return too, unless it ends a
// line) as \x1b, DEL and C1 controls as \u009b, and the bidi overrides and isolates
// (U+202A-202E, U+2066-2069) as \u202e. Stored or model-written text then cannot retitle the
// window, clear the screen, write the clipboard (OSC 52), move the cursor over a line or make an
// approval line read differently. The \uXXXX form is JSON's own escape and JSON text has no raw
// C0 controls, so JSON stays JSON that parses to the same values.
QString visibleControls(QStringView text);

// Text in a terminal colour (an SGR code such as "32"), or plain when sgr is null. The only way
// the CLI writes an escape sequence of its own; the text in it is shown with visibleControls().
struct Styled
{
    QString text;
    const char *sgr = nullptr;
};

// Where the CLI prints: everything written is passed through visibleControls(), so no printer
// can forget it.
class TermStream
{
public:
    explicit TermStream(FILE *file) : m_stream(file) {}

    TermStream &operator<<(QStringView text);
    TermStream &operator<<(const QString &text) { return *this << QStringView(text); }
    TermStream &operator<<(QLatin1String text) { return *this << QString(text); }
    TermStream &operator<<(QChar c) { return *this << QStringView(&c, 1); }
    TermStream &operator<<(QLatin1Char c) { return *this << QChar(c); }
    TermStream &operator<<(char c) { return *this << QChar::fromLatin1(c); }
    // Numbers would silently become characters through the overloads above: format them first.
    template<typename T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, char>) TermStream &
    operator<<(T) = delete;
    template<typename A, typename B> TermStream &operator<<(const QStringBuilder<A, B> &text)
    {
        return *this << QString(text);
    }
    TermStream &operator<<(const Styled &text);
    // Qt::endl, Qt::flush
    TermStream &operator<<(QTextStream &(*manipulator)(QTextStream &))
    {
        m_stream << manipulator;
        return *this;
    }
    void flush() { m_stream.flush(); }

private:
    QTextStream m_stream;
};

// Output and engine access shared by the CLI's commands.
TermStream &out();
TermStream &err();
// Prints "chorus: <error>" (with its place and next step) and returns exit status 1.
int fail(const Error &e);
void printJson(const QJsonValue &v);
void printJsonLine(const QJsonObject &o);
// Connects to the engine, starting it when needed; prints the error when it cannot.
bool connectEngine(RpcClient &client);
// For calls that wait on the engine's git work (merges run checks): no practical limit.
inline constexpr int kLongCall = 24 * 60 * 60 * 1000;
Result<QJsonValue> call(RpcClient &client, const QString &method, const QJsonObject &params = {},
                        int timeoutMs = 30000);
// A command that needs only one RPC call and prints `done` after it.
int simpleCall(const QString &method, const QJsonObject &params, const QString &done);
// Whether stdin/stdout are terminals.
bool stdinIsTerminal();
bool stdoutIsTerminal();
// How wide a line of the output may be: COLUMNS when set, else the terminal's width, else 0 (no
// limit: the output goes to a file or a pipe).
int outputWidth();

} // namespace chorus::cli
