#include "rpc/engineservice.h"

#include "engine/engine.h"
#include "engine/enginesettings.h"
#include "git/merge.h"
#include "roles/rolecatalog.h"
#include "rpc/rpcconnection.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>

#include <sys/stat.h>

namespace chorus {

namespace {
QJsonObject errorData(const Error &e)
{
    QJsonObject data;
    if (!e.where.isEmpty())
        data.insert(QStringLiteral("where"), e.where);
    if (!e.hint.isEmpty())
        data.insert(QStringLiteral("hint"), e.hint);
    return data;
}
} // namespace

EngineService::EngineService(Engine *engine, QObject *parent) : QObject(parent), m_engine(engine)
{
    registerServiceMethods();
    registerAgentMethods(m_methods, engine);
    registerApprovalMethods(m_methods, engine);
    registerGitMethods(m_methods, engine);
    registerSettingsMethods(m_methods, engine);
    registerLimitMethods(m_methods, engine);
    connect(m_engine, &Engine::sessionChanged, this, [this](const SessionInfo &info) {
        // Each client gets the task with its first session.changed of a session and when it
        // changes; the others leave it out (the client keeps the one it has).
        QJsonObject withTask;
        QJsonObject withoutTask;
        for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
            if (!it->sessions)
                continue;
            const auto sent = it->taskSent.constFind(info.id);
            const bool known = sent != it->taskSent.constEnd() && *sent == info.task;
            QJsonObject &n = known ? withoutTask : withTask;
            if (n.isEmpty()) {
                QJsonObject session = info.toJson();
                if (known)
                    session.remove(QStringLiteral("task"));
                n = RpcConnection::notification(QString(rpc::notification::SessionChanged),
                                                QJsonObject{{QStringLiteral("session"), session}});
            }
            if (!known)
                it->taskSent.insert(info.id, info.task);
            notify(it.key(), n);
        }
    });
    connect(m_engine, &Engine::eventsStored, this, [this](const QList<StoredEvent> &events) {
        if (events.isEmpty())
            return;
        const QString sid = events.first().sessionId;
        QJsonObject n;
        for (RpcConnection *c : m_clients.keys()) {
            const Subscription sub = m_clients.value(c);
            if (!sub.allEvents && !sub.events.contains(sid))
                continue;
            if (n.isEmpty()) {
                QJsonArray arr;
                for (const StoredEvent &e : events)
                    arr.append(e.toJson());
                n = RpcConnection::notification(QString(rpc::notification::EventsStored),
                                                QJsonObject{{QStringLiteral("sessionId"), sid},
                                                            {QStringLiteral("events"), arr}});
            }
            notify(c, n);
        }
    });
    connect(m_engine, &Engine::liveUpdated, this, [this](const LiveUpdate &u) {
        QJsonObject n;
        for (RpcConnection *c : m_clients.keys()) {
            const Subscription sub = m_clients.value(c);
            if (!sub.partial || (!sub.allEvents && !sub.events.contains(u.sessionId)))
                continue;
            if (n.isEmpty())
                n = RpcConnection::notification(QString(rpc::notification::EventsPartial),
                                                rpc::toParams(u));
            notify(c, n);
        }
    });
    connect(m_engine, &Engine::limitsChanged, this, [this] {
        const QJsonObject n =
            RpcConnection::notification(QString(rpc::notification::LimitsChanged), QJsonObject());
        for (RpcConnection *c : m_clients.keys())
            if (m_clients.value(c).sessions)
                notify(c, n);
    });
    connect(m_engine, &Engine::approvalChanged, this, [this](const ApprovalInfo &a) {
        const QJsonObject n =
            RpcConnection::notification(QString(rpc::notification::ApprovalChanged),
                                        QJsonObject{{QStringLiteral("approval"), a.toJson()}});
        for (RpcConnection *c : m_clients.keys())
            if (m_clients.value(c).approvals || m_clients.value(c).sessions)
                notify(c, n);
    });
}

EngineService::~EngineService()
{
    if (m_server) {
        m_server->close();
        QLocalServer::removeServer(m_socketPath);
    }
}

Status EngineService::lockSocket(const QString &socketPath)
{
    if (m_lock && m_lock->isLocked() && m_socketPath == socketPath)
        return Ok{};
    m_socketPath = socketPath;
    m_lock = std::make_unique<QLockFile>(socketPath + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(100)) {
        // A lock whose owner has ended (a zombie nobody reaped counts) is stale.
        qint64 owner = 0;
        QString ownerHost, ownerApp;
        if (m_lock->getLockInfo(&owner, &ownerHost, &ownerApp)) {
            QFile status(QStringLiteral("/proc/%1/status").arg(owner));
            const bool gone = !status.open(QIODevice::ReadOnly) || status.readAll().contains("State:\tZ");
            if (gone && m_lock->removeStaleLockFile())
                m_lock->tryLock(100);
        }
    }
    if (!m_lock->isLocked()) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        return makeError(tr("another Chorus engine is already running (pid %1)").arg(pid), socketPath,
                         tr("Use it (the CLI and the GUI connect to it), or stop it with "
                            "`chorus daemon stop`."));
    }
    return Ok{};
}

Status EngineService::listen(const QString &socketPath)
{
    if (Status st = lockSocket(socketPath); !st)
        return st;
    if (Status st = startListening(); !st)
        return st;
    m_listenerCheck.setInterval(1000);
    connect(&m_listenerCheck, &QTimer::timeout, this, &EngineService::checkListener);
    m_listenerCheck.start();
    return Ok{};
}

Status EngineService::startListening()
{
    // We hold the lock: a socket file left here is stale (a killed engine, or our own listener
    // that Qt closed).
    QLocalServer::removeServer(m_socketPath);
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, &EngineService::onConnection);
    }
    if (!m_server->listen(m_socketPath))
        return makeError(tr("cannot listen on the control socket: %1").arg(m_server->errorString()),
                         m_socketPath);
    QFile::setPermissions(m_socketPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    struct stat st;
    m_socketInode =
        ::stat(QFile::encodeName(m_socketPath).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
    return Ok{};
}

void EngineService::checkListener()
{
    // Qt closes the listener (and deletes the socket file) when accept() fails, e.g. with
    // EMFILE; somebody may also delete the file. Either way the engine would run on unreachable.
    struct stat st;
    const bool fileOk = ::stat(QFile::encodeName(m_socketPath).constData(), &st) == 0 &&
                        quint64(st.st_ino) == m_socketInode;
    if (m_server->isListening() && fileOk)
        return;
    m_server->close();
    if (Status s = startListening(); !s)
        qWarning("chorus: the control socket is gone and cannot be made again yet: %s",
                 qPrintable(s.error().toString()));
    else
        qWarning("chorus: listening again on %s (the listener had closed or its file was removed)",
                 qPrintable(m_socketPath));
}

void EngineService::setLimits(int maxClients, qint64 maxBacklog)
{
    m_maxClients = qMax(1, maxClients);
    m_maxBacklog = qMax<qint64>(1024, maxBacklog);
}

void EngineService::notify(RpcConnection *conn, const QJsonObject &notification)
{
    auto it = m_clients.find(conn);
    if (it == m_clients.end())
        return;
    const qint64 backlog = conn->socket()->bytesToWrite();
    if (backlog > m_maxBacklog) {
        // A subscriber that stops reading (a paused `logs --follow | less`) must not grow the
        // engine without bound: it loses its subscriptions, once, with a notice, and re-syncs
        // from the sequence numbers it saw when it reads again.
        if (it->sessions || it->approvals || it->allEvents || !it->events.isEmpty()) {
            *it = Subscription{};
            conn->send(RpcConnection::notification(
                QString(rpc::notification::SubscriptionDropped),
                QJsonObject{{QStringLiteral("reason"),
                             tr("the client read too slowly (%1 bytes waiting)").arg(backlog)}}));
        }
        return;
    }
    conn->send(notification);
}

void EngineService::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_clients.size() >= m_maxClients) {
            // Past the cap (each client holds a file descriptor): refused with a reason, so
            // that the engine keeps descriptors for its agents and for the clients it has.
            const QJsonObject e = RpcConnection::error(
                QJsonValue::Null, rpc::Failed,
                tr("the Chorus engine has too many clients (%1)").arg(m_maxClients),
                QJsonObject{
                    {QStringLiteral("hint"),
                     tr("Close some `chorus logs --follow` or GUI windows, then try again.")}});
            socket->write(QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n');
            socket->flush();
            // The client closes once it has read the reason. Closing first with what it sent
            // still unread would reset the connection, and the reason would be lost with it.
            connect(socket, &QLocalSocket::readyRead, socket, [socket] { socket->readAll(); });
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(2000, socket, [socket] {
                socket->readAll();
                socket->disconnectFromServer();
            });
            continue;
        }
        auto *conn = new RpcConnection(socket, this);
        m_clients.insert(conn, {});
        connect(conn, &RpcConnection::messageReceived, this,
                [this, conn](const QJsonObject &req) { onRequest(conn, req); });
        connect(conn, &RpcConnection::disconnected, this, [this, conn] {
            m_clients.remove(conn);
            conn->deleteLater();
            Q_EMIT clientsChanged();
        });
        Q_EMIT clientsChanged();
    }
}

void EngineService::onRequest(RpcConnection *conn, const QJsonObject &request)
{
    const QJsonValue id = request.value(QLatin1String("id"));
    const QString method = request.value(QLatin1String("method")).toString();
    if (method.isEmpty()) {
        conn->send(RpcConnection::error(id, rpc::InvalidRequest, tr("no method")));
        return;
    }
    const bool notification = id.isUndefined() || id.isNull(); // no answer
    const MethodTable::Handler *handler = m_methods.find(method);
    if (!handler) {
        if (!notification)
            conn->send(RpcConnection::error(
                id, rpc::MethodNotFound, QStringLiteral("unknown method '%1'").arg(method),
                QJsonObject{{QStringLiteral("hint"),
                             tr("This engine (version %1) does not know it: is the client newer?")
                                 .arg(QStringLiteral(CHORUS_VERSION))}}));
        return;
    }
    const QJsonValue params = request.value(QLatin1String("params"));
    if (!params.isUndefined() && !params.isNull() && !params.isObject()) {
        if (!notification)
            conn->send(RpcConnection::error(
                id, rpc::InvalidParams, tr("%1: the params must be an object").arg(method),
                QJsonObject{{QStringLiteral("field"), QStringLiteral("params")}}));
        return;
    }
    const RequestContext context{conn,
                                 rpc::Caller::fromJson(request.value(QLatin1String("caller")))};
    MethodReply reply = (*handler)(context, params.toObject());
    if (reply.invalidParams) {
        if (!notification)
            conn->send(RpcConnection::error(
                id, rpc::InvalidParams, reply.now.error().message,
                QJsonObject{{QStringLiteral("field"), reply.now.error().where},
                            // Where, for clients that show `where: message` (the CLI).
                            {QStringLiteral("where"),
                             QString(method + QLatin1Char(' ') + reply.now.error().where)},
                            {QStringLiteral("hint"), reply.now.error().hint}}));
        return;
    }
    if (reply.later) {
        // Git work takes a while: the answer is sent when it is done, the engine goes on.
        QPointer<RpcConnection> c(conn);
        reply.later->then(this, [c, id, notification](const Result<QJsonValue> &r) {
            if (!c || notification)
                return;
            if (r)
                c->send(RpcConnection::result(id, *r));
            else
                c->send(
                    RpcConnection::error(id, rpc::Failed, r.error().message, errorData(r.error())));
        });
        return;
    }
    if (notification)
        return;
    if (reply.now)
        conn->send(RpcConnection::result(id, *reply.now));
    else
        conn->send(RpcConnection::error(id, rpc::Failed, reply.now.error().message,
                                        errorData(reply.now.error())));
}

void EngineService::registerServiceMethods()
{
    auto ok = [] { return MethodReply{QJsonValue(QJsonObject{{QStringLiteral("ok"), true}})}; };
    m_methods.add(rpc::method::EnginePing, [this](const RequestContext &ctx, const QJsonObject &) {
        rpc::PingReply ping;
        ping.pid = QCoreApplication::applicationPid();
        ping.version = QStringLiteral(CHORUS_VERSION);
        ping.socket = m_socketPath;
        ping.startup = m_engine->startupReport();
        ping.warnings = m_engine->warnings();
        ping.caller = ctx.caller;
        return MethodReply{QJsonValue(ping.toJson())};
    });
    m_methods.add(rpc::method::EngineShutdown,
                  [this, ok](const RequestContext &, const QJsonObject &) {
                      Q_EMIT shutdownRequested();
                      return ok();
                  });
    m_methods.add<rpc::SubscribeRequest>(
        rpc::method::Subscribe,
        std::function<Result<QJsonValue>(const rpc::SubscribeRequest &, const RequestContext &)>(
            [this](const rpc::SubscribeRequest &r,
                   const RequestContext &ctx) -> Result<QJsonValue> {
                Subscription &sub = m_clients[ctx.connection];
                if (r.sessions.value_or(false) && !sub.sessions)
                    sub.taskSent.clear(); // the tasks come again, with each session's next change
                sub.sessions = r.sessions.value_or(sub.sessions);
                sub.approvals = r.approvals.value_or(sub.approvals);
                sub.allEvents = sub.allEvents || r.allEvents;
                sub.partial = sub.partial || r.partial;
                for (const QString &id : r.events)
                    sub.events.insert(id);
                // A client that subscribes mid-message gets what is live now, then the rest.
                const QStringList live = r.allEvents ? m_engine->liveSessionIds() : r.events;
                if (sub.partial)
                    for (const QString &id : live) {
                        const LiveUpdate u = m_engine->liveSnapshot(id);
                        if (!u.step.kind.isEmpty() || !u.blocks.isEmpty())
                            notify(ctx.connection, RpcConnection::notification(
                                                       QString(rpc::notification::EventsPartial),
                                                       rpc::toParams(u)));
                    }
                return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
            }));
    m_methods.add<rpc::SubscribeRequest>(
        rpc::method::Unsubscribe,
        std::function<Result<QJsonValue>(const rpc::SubscribeRequest &, const RequestContext &)>(
            [this](const rpc::SubscribeRequest &r,
                   const RequestContext &ctx) -> Result<QJsonValue> {
                Subscription &sub = m_clients[ctx.connection];
                for (const QString &id : r.events)
                    sub.events.remove(id);
                return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
            }));
}

} // namespace chorus
