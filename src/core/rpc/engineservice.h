#pragma once

#include "engine/engine.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QLockFile>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

class QLocalServer;

namespace chorus {

class RpcConnection;

// Serves the engine on the control socket: newline-delimited JSON-RPC 2.0, with
// subscriptions for live session changes, events and approval requests.
class EngineService : public QObject
{
    Q_OBJECT
public:
    EngineService(Engine *engine, QObject *parent = nullptr);
    ~EngineService() override;

    // Takes the engine lock and listens. Fails when another engine is running.
    Status listen(const QString &socketPath);
    QString socketPath() const { return m_socketPath; }

Q_SIGNALS:
    // A client asked the engine to shut down.
    void shutdownRequested();

private:
    struct Subscription
    {
        bool sessions = false;
        bool approvals = false;
        bool allEvents = false;
        QSet<QString> events; // session ids
    };

    void onConnection();
    void onRequest(RpcConnection *conn, const QJsonObject &request);
    Result<QJsonValue> dispatch(RpcConnection *conn, const QString &method, const QJsonObject &params);
    // The methods answered later (git work); nullopt for every other method.
    std::optional<QFuture<GitReply>> dispatchGit(const QString &method, const QJsonObject &params);
    void broadcastSession(const QJsonObject &session);

    Engine *m_engine;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    QString m_socketPath;
    QHash<RpcConnection *, Subscription> m_clients;
};

} // namespace chorus
