#pragma once

#include <optional>

#include "result.h"

#include <QHash>
#include <QJsonObject>

#include "rpc/protocol.h"
#include <QJsonValue>
#include <QObject>

#include <functional>

namespace chorus {

class RpcConnection;

// A client of the engine's control socket, for the CLI (blocking calls) and the GUI
// (asynchronous calls and live notifications).
class RpcClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<QJsonValue> &)>;

    explicit RpcClient(QObject *parent = nullptr);
    ~RpcClient() override;

    // Connects to the engine at socketPath (default: paths::socketPath()).
    Status connectToEngine(const QString &socketPath = {}, int timeoutMs = 2000);
    // Connects, starting `daemonProgram daemon start` first when no engine answers.
    // The timeout covers `chorus daemon start`, which waits up to 30 s for the engine to open
    // its database and recover its agents.
    Status connectOrStart(const QString &daemonProgram, int timeoutMs = 40000);
    bool isConnected() const;
    void disconnectFromEngine();

    // Who this client is, sent with every request (default: setDefaultCaller()'s).
    void setCaller(const rpc::Caller &caller) { m_caller = caller; }
    // The identity of the clients of this process (the CLI's main sets "cli", the GUI's "gui").
    static void setDefaultCaller(const rpc::Caller &caller);

    // Returns the request id (0 when not connected: the callback has been called already).
    qint64 call(const QString &method, const QJsonObject &params, Callback callback);
    // Waits (running an event loop) for the answer; for the CLI and tests.
    Result<QJsonValue> callSync(const QString &method, const QJsonObject &params = {},
                                int timeoutMs = 30000);
    // The last callSync() got no answer in time (the request may still take effect: retry it
    // with the same request id where the method takes one).
    bool lastCallTimedOut() const { return m_lastCallTimedOut; }

Q_SIGNALS:
    void notificationReceived(const QString &method, const QJsonObject &params);
    void disconnected();

private:
    void onMessage(const QJsonObject &message);

    RpcConnection *m_connection = nullptr;
    QHash<qint64, Callback> m_pending;
    qint64 m_nextId = 0;
    bool m_lastCallTimedOut = false;
    std::optional<Error> m_serverError; // what the engine said when it refused this connection
    rpc::Caller m_caller;
};

// Turns a JSON-RPC error object into an Error (message, where, hint).
Error errorFromRpc(const QJsonObject &error);

} // namespace chorus
