#include "rpc/rpcconnection.h"

#include <QJsonDocument>

namespace chorus {

RpcConnection::RpcConnection(QLocalSocket *socket, QObject *parent)
    : QObject(parent), m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &RpcConnection::readAvailable);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        readAvailable(); // what the peer said last (a refusal, say) comes before the close
        Q_EMIT disconnected();
    });
}

bool RpcConnection::send(const QJsonObject &message)
{
    if (m_socket->state() != QLocalSocket::ConnectedState)
        return false;
    QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact);
    line.append('\n');
    return m_socket->write(line) == line.size();
}

void RpcConnection::readAvailable()
{
    const QList<QByteArray> lines = m_lines.feed(m_socket->readAll());
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (!doc.isObject()) {
            send(error(QJsonValue::Null, rpc::ParseError,
                       QStringLiteral("not a JSON object: %1").arg(err.errorString())));
            continue;
        }
        Q_EMIT messageReceived(doc.object());
    }
}

QJsonObject RpcConnection::request(qint64 id, const QString &method, const QJsonObject &params)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("method"), method},
            {QStringLiteral("params"), params}};
}

QJsonObject RpcConnection::notification(const QString &method, const QJsonObject &params)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("method"), method},
            {QStringLiteral("params"), params}};
}

QJsonObject RpcConnection::result(const QJsonValue &id, const QJsonValue &result)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("result"), result}};
}

QJsonObject RpcConnection::error(const QJsonValue &id, int code, const QString &message,
                                 const QJsonObject &data)
{
    QJsonObject err{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!data.isEmpty())
        err.insert(QStringLiteral("data"), data);
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("error"), err}};
}

} // namespace chorus
