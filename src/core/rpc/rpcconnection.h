#pragma once

#include "util/linesplitter.h"

#include <QJsonObject>
#include <QLocalSocket>
#include <QObject>

namespace chorus {

// One newline-delimited JSON-RPC 2.0 stream over a local socket.
class RpcConnection : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of socket.
    explicit RpcConnection(QLocalSocket *socket, QObject *parent = nullptr);

    bool send(const QJsonObject &message);
    QLocalSocket *socket() const { return m_socket; }
    bool isConnected() const { return m_socket->state() == QLocalSocket::ConnectedState; }

    static QJsonObject request(qint64 id, const QString &method, const QJsonObject &params);
    static QJsonObject notification(const QString &method, const QJsonObject &params);
    static QJsonObject result(const QJsonValue &id, const QJsonValue &result);
    static QJsonObject error(const QJsonValue &id, int code, const QString &message,
                             const QJsonObject &data = {});

Q_SIGNALS:
    void messageReceived(const QJsonObject &message);
    void disconnected();

private:
    void readAvailable();

    QLocalSocket *m_socket;
    LineSplitter m_lines{256 * 1024 * 1024};
};

namespace rpc {
// JSON-RPC error codes used by Chorus.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;
constexpr int InvalidParams = -32602;
constexpr int Failed = -32000; // the engine refused: message + data {where, hint}
} // namespace rpc

} // namespace chorus
