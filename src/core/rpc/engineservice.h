#pragma once

#include "engine/engine.h"
#include "result.h"
#include "rpc/methodtable.h"

#include <QHash>
#include <QJsonObject>
#include <QLockFile>
#include <QObject>
#include <QSet>
#include <QTimer>

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

    // Takes the engine lock and listens. Fails when another engine is running. Listens again
    // by itself when the listener closes (accept() failed: EMFILE) or the socket file is gone.
    Status listen(const QString &socketPath);
    // Only the lock of listen(): the daemon takes it before it opens the engine (whose recovery
    // starts agents), and listens once the engine is open.
    Status lockSocket(const QString &socketPath);
    QString socketPath() const { return m_socketPath; }

    // Bounds on clients (defaults: kMaxClients, kMaxClientBacklog). A client past maxClients
    // is refused with an error; one whose unread output passes maxBacklog bytes loses its
    // event subscriptions (it gets a "subscription.dropped" notice and re-syncs from the last
    // sequence number it saw). What waits for it is then bounded by maxBacklog, one
    // notification and the answers to its own requests.
    void setLimits(int maxClients, qint64 maxBacklog);
    static constexpr int kMaxClients = 256;
    static constexpr qint64 kMaxClientBacklog = 16 * 1024 * 1024;
    int clientCount() const { return int(m_clients.size()); }

Q_SIGNALS:
    // A client asked the engine to shut down.
    void shutdownRequested();
    // A client connected or went away (clientCount() changed).
    void clientsChanged();

private:
    struct Subscription
    {
        bool sessions = false;
        bool approvals = false;
        bool allEvents = false;
        bool partial = false; // also events.partial for those sessions
        QSet<QString> events; // session ids
        // Each session's task as this client's last session.changed carried it: the next
        // leaves out a task that has not changed (a pasted spec of 50 KiB would otherwise go
        // out on each change of state, tokens or head). Implicitly shared with the engine's.
        QHash<QString, QString> taskSent;
    };

    void onConnection();
    // Sends a notification to a subscriber, bounding what waits unread for it.
    void notify(RpcConnection *conn, const QJsonObject &notification);
    void checkListener();
    Status startListening();
    void onRequest(RpcConnection *conn, const QJsonObject &request);
    // The service's own methods (ping, shutdown, subscriptions); the features' are in
    // enginemethods.cpp.
    void registerServiceMethods();

    Engine *m_engine;
    MethodTable m_methods;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    QString m_socketPath;
    QHash<RpcConnection *, Subscription> m_clients;
    int m_maxClients = kMaxClients;
    qint64 m_maxBacklog = kMaxClientBacklog;
    QTimer m_listenerCheck;
    quint64 m_socketInode = 0;
};

} // namespace chorus
