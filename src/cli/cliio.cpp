#include "cliio.h"

#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <sys/ioctl.h>
#include <unistd.h>

namespace chorus::cli {

QString visibleControls(QStringView text)
{
    QString shown;
    qsizetype copied = 0; // text[0, copied) is in shown
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        QString escape;
        if (c < 0x20) {
            if (c == u'\n' || c == u'\t' ||
                (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n'))
                continue;
            escape = QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        } else if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
                   (c >= 0x2066 && c <= 0x2069)) {
            escape = QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
        } else {
            continue;
        }
        shown += text.mid(copied, i - copied) + escape;
        copied = i + 1;
    }
    if (copied == 0)
        return text.toString();
    return shown + text.mid(copied);
}

TermStream &TermStream::operator<<(QStringView text)
{
    m_stream << visibleControls(text);
    return *this;
}

TermStream &TermStream::operator<<(const Styled &text)
{
    if (!text.sgr)
        return *this << text.text;
    m_stream << QStringLiteral("\x1b[") << QLatin1String(text.sgr) << QLatin1Char('m')
             << visibleControls(text.text) << QStringLiteral("\x1b[0m");
    return *this;
}

TermStream &out()
{
    static TermStream s(stdout);
    return s;
}

TermStream &err()
{
    static TermStream s(stderr);
    return s;
}

int fail(const Error &e)
{
    err() << QStringLiteral("chorus: ") << e.toString() << Qt::endl;
    return 1;
}

void printJson(const QJsonValue &v)
{
    const QByteArray text = v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)
                                         : QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented);
    out() << QString::fromUtf8(text);
    out().flush();
}

void printJsonLine(const QJsonObject &o)
{
    out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    out().flush();
}

bool connectEngine(RpcClient &client)
{
    if (Status s = client.connectOrStart(QCoreApplication::applicationFilePath()); !s) {
        fail(s.error());
        return false;
    }
    return true;
}

Result<QJsonValue> call(RpcClient &client, const QString &method, const QJsonObject &params, int timeoutMs)
{
    return client.callSync(method, params, timeoutMs);
}

int simpleCall(const QString &method, const QJsonObject &params, const QString &done)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const Result<QJsonValue> r = call(client, method, params);
    if (!r)
        return fail(r.error());
    if (!done.isEmpty())
        out() << done << Qt::endl;
    return 0;
}

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

bool stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}

int outputWidth()
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    if (ok && columns > 0)
        return columns;
    struct winsize ws = {};
    if (stdoutIsTerminal() && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

} // namespace chorus::cli
