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

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

EngineService::EngineService(Engine *engine, QObject *parent) : QObject(parent), m_engine(engine)
{
    connect(m_engine, &Engine::sessionChanged, this, [this](const SessionInfo &info) {
        const QJsonObject n = RpcConnection::notification(
            QStringLiteral("session.changed"), QJsonObject{{QStringLiteral("session"), info.toJson()}});
        for (RpcConnection *c : m_clients.keys())
            if (m_clients.value(c).sessions)
                notify(c, n);
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
                n = RpcConnection::notification(QStringLiteral("events.stored"),
                                                QJsonObject{{QStringLiteral("sessionId"), sid},
                                                            {QStringLiteral("events"), arr}});
            }
            notify(c, n);
        }
    });
    connect(m_engine, &Engine::approvalChanged, this, [this](const ApprovalInfo &a) {
        const QJsonObject n = RpcConnection::notification(
            QStringLiteral("approval.changed"), QJsonObject{{QStringLiteral("approval"), a.toJson()}});
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
                QStringLiteral("subscription.dropped"),
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
        });
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
    const QJsonObject params = request.value(QLatin1String("params")).toObject();
    if (std::optional<QFuture<GitReply>> pending = dispatchGit(method, params)) {
        // Git work takes a while: the answer is sent when it is done, the engine goes on.
        QPointer<RpcConnection> c(conn);
        pending->then(this, [c, id](const GitReply &r) {
            if (!c || id.isUndefined() || id.isNull())
                return;
            if (r.ok)
                c->send(RpcConnection::result(id, r.value));
            else
                c->send(RpcConnection::error(id, rpc::Failed, r.error.message, errorData(r.error)));
        });
        return;
    }
    const Result<QJsonValue> r = dispatch(conn, method, params);
    if (id.isUndefined() || id.isNull())
        return; // a notification: no answer
    if (r)
        conn->send(RpcConnection::result(id, *r));
    else if (r.error().message.startsWith(QLatin1String("unknown method")))
        conn->send(RpcConnection::error(id, rpc::MethodNotFound, r.error().message));
    else
        conn->send(RpcConnection::error(id, rpc::Failed, r.error().message, errorData(r.error())));
}

std::optional<QFuture<GitReply>> EngineService::dispatchGit(const QString &method, const QJsonObject &p)
{
    auto strings = [&](const char *key) {
        QStringList out;
        for (const QJsonValue &v : p.value(QLatin1String(key)).toArray())
            out << v.toString();
        return out;
    };
    if (method == QLatin1String("merge.run")) {
        MergeQueueOptions o;
        o.agents = strings("agents");
        o.repo = str(p, "repo");
        o.strategy = p.value(QLatin1String("strategy")).toString(QStringLiteral("auto"));
        o.into = str(p, "into");
        o.check = str(p, "check");
        o.dryRun = p.value(QLatin1String("dryRun")).toBool();
        QString badPath;
        const std::optional<Resolutions> res =
            resolutionsFromJson(p.value(QLatin1String("resolutions")).toObject(), &badPath);
        if (!res)
            return failedGitReply(makeError(tr("the resolution of %1 is neither base64 content nor a deletion").arg(badPath),
                                            QStringLiteral("merge.run resolutions")));
        o.resolutions = *res;
        return m_engine->mergeQueue(o);
    }
    if (method == QLatin1String("repo.sync"))
        return m_engine->sync(strings("agents"), str(p, "repo"), str(p, "into"), p.value(QLatin1String("rebase")).toBool());
    if (method == QLatin1String("agents.clean"))
        return m_engine->clean(strings("agents"), p.value(QLatin1String("all")).toBool(),
                               p.value(QLatin1String("force")).toBool());
    return std::nullopt;
}

Result<QJsonValue> EngineService::dispatch(RpcConnection *conn, const QString &method,
                                           const QJsonObject &p)
{
    auto sessionResult = [](const Result<SessionInfo> &r) -> Result<QJsonValue> {
        if (!r)
            return r.error();
        return QJsonValue(r->toJson());
    };
    auto statusResult = [](const Status &s) -> Result<QJsonValue> {
        if (!s)
            return s.error();
        return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
    };

    if (method == QLatin1String("engine.ping"))
        return QJsonValue(QJsonObject{
            {QStringLiteral("pid"), QCoreApplication::applicationPid()},
            {QStringLiteral("version"), QStringLiteral(CHORUS_VERSION)},
            {QStringLiteral("socket"), m_socketPath},
            {QStringLiteral("startup"), QJsonArray::fromStringList(m_engine->startupReport())},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(m_engine->warnings())}});
    if (method == QLatin1String("engine.shutdown")) {
        Q_EMIT shutdownRequested();
        return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (method == QLatin1String("subscribe")) {
        Subscription &sub = m_clients[conn];
        sub.sessions = p.value(QLatin1String("sessions")).toBool(sub.sessions);
        sub.approvals = p.value(QLatin1String("approvals")).toBool(sub.approvals);
        const QJsonValue ev = p.value(QLatin1String("events"));
        if (ev.isString() && ev.toString() == QLatin1String("*"))
            sub.allEvents = true;
        for (const QJsonValue &v : ev.toArray())
            sub.events.insert(v.toString());
        return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (method == QLatin1String("unsubscribe")) {
        Subscription &sub = m_clients[conn];
        for (const QJsonValue &v : p.value(QLatin1String("events")).toArray())
            sub.events.remove(v.toString());
        return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (method == QLatin1String("agents.spawn")) {
        SpawnRequest req{str(p, "role"), str(p, "task"), str(p, "dir"), str(p, "name"), str(p, "model"),
                         str(p, "repo"), str(p, "base"), p.value(QLatin1String("noWorktree")).toBool()};
        req.requestId = str(p, "requestId");
        req.environment = environmentFromJson(p.value(QLatin1String("environment")).toObject());
        return sessionResult(m_engine->spawn(req));
    }
    if (method == QLatin1String("agents.list")) {
        QJsonArray sessions;
        for (const SessionInfo &s : m_engine->sessions())
            sessions.append(s.toJson());
        QJsonArray approvals;
        for (const ApprovalInfo &a : m_engine->pendingApprovals())
            approvals.append(a.toJson());
        return QJsonValue(QJsonObject{
            {QStringLiteral("sessions"), sessions},
            {QStringLiteral("approvals"), approvals},
            {QStringLiteral("costToday"), m_engine->costToday()},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(m_engine->warnings())},
            {QStringLiteral("maxConcurrent"), m_engine->settings().maxConcurrent}});
    }
    if (method == QLatin1String("agents.get"))
        return sessionResult(m_engine->find(str(p, "agent")));
    if (method == QLatin1String("agents.send"))
        return statusResult(m_engine->send(str(p, "agent"), str(p, "text")));
    if (method == QLatin1String("agents.interrupt"))
        return statusResult(m_engine->interrupt(str(p, "agent")));
    if (method == QLatin1String("agents.stop")) {
        if (p.value(QLatin1String("all")).toBool()) {
            m_engine->stopAll();
            return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
        }
        return statusResult(m_engine->stop(str(p, "agent")));
    }
    if (method == QLatin1String("agents.resume"))
        return statusResult(m_engine->resume(str(p, "agent"), str(p, "task"),
                                             environmentFromJson(p.value(QLatin1String("environment")).toObject())));
    if (method == QLatin1String("agents.approve")) {
        const Result<ApprovalInfo> r = m_engine->answer(
            str(p, "agent"), p.value(QLatin1String("requestId")).toInteger(),
            p.value(QLatin1String("allow")).toBool(true), p.value(QLatin1String("forSession")).toBool(),
            str(p, "message"));
        if (!r)
            return r.error();
        return QJsonValue(r->toJson());
    }
    if (method == QLatin1String("events.list")) {
        const Result<SessionInfo> s = m_engine->find(str(p, "agent"));
        if (!s)
            return s.error();
        QJsonArray arr;
        const int tail = p.value(QLatin1String("tail")).toInt(0);
        const auto events = tail > 0 ? m_engine->tailEvents(s->id, tail)
                                     : m_engine->events(s->id, p.value(QLatin1String("afterSeq")).toInteger(),
                                                        p.value(QLatin1String("limit")).toInt(0));
        for (const StoredEvent &e : events)
            arr.append(e.toJson());
        return QJsonValue(QJsonObject{{QStringLiteral("sessionId"), s->id}, {QStringLiteral("events"), arr}});
    }
    if (method == QLatin1String("merge.approve"))
        return statusResult(m_engine->approveMerge(str(p, "agent"), p.value(QLatin1String("approved")).toBool(true)));
    if (method == QLatin1String("merge.resolve"))
        return sessionResult(m_engine->spawnResolver(str(p, "agent"), str(p, "into")));
    if (method == QLatin1String("merge.history"))
        return QJsonValue(m_engine->mergeHistory(str(p, "agent")));
    if (method == QLatin1String("review.target")) {
        const Result<QJsonObject> r = m_engine->reviewTarget(str(p, "agent"), str(p, "into"));
        if (!r)
            return r.error();
        return QJsonValue(*r);
    }
    if (method == QLatin1String("roles.list")) {
        m_engine->reloadRoles();
        QJsonArray roles;
        for (const Role &r : m_engine->roles().roles())
            roles.append(r.toJson());
        QJsonArray errors;
        for (const Error &e : m_engine->roles().errors())
            errors.append(e.toString());
        return QJsonValue(QJsonObject{{QStringLiteral("roles"), roles}, {QStringLiteral("errors"), errors}});
    }
    if (method == QLatin1String("settings.get"))
        return QJsonValue(m_engine->settings().toJson());
    if (method == QLatin1String("settings.set")) {
        QJsonObject merged = m_engine->settings().toJson();
        for (auto it = p.constBegin(); it != p.constEnd(); ++it)
            merged.insert(it.key(), it.value());
        m_engine->setSettings(EngineSettings::fromJson(merged));
        if (!saveEngineSettings(m_engine->settings()))
            return makeError(tr("the settings are in effect but could not be saved"));
        return QJsonValue(m_engine->settings().toJson());
    }
    return makeError(QStringLiteral("unknown method '%1'").arg(method));
}

} // namespace chorus
