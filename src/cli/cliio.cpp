#include "cliio.h"

#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

namespace chorus::cli {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
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

} // namespace chorus::cli
