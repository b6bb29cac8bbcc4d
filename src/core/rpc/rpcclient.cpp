#include "rpc/rpcclient.h"

#include "engine/enginelock.h"
#include "paths.h"
#include "rpc/rpcconnection.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLocalSocket>
#include <QProcess>
#include <QThread>
#include <QTimer>

namespace chorus {

Error errorFromRpc(const QJsonObject &error)
{
    const QJsonObject data = error.value(QLatin1String("data")).toObject();
    return makeError(error.value(QLatin1String("message")).toString(),
                     data.value(QLatin1String("where")).toString(),
                     data.value(QLatin1String("hint")).toString());
}

namespace {
rpc::Caller &defaultCaller()
{
    static rpc::Caller caller;
    return caller;
}
} // namespace

void RpcClient::setDefaultCaller(const rpc::Caller &caller)
{
    defaultCaller() = caller;
}

RpcClient::RpcClient(QObject *parent) : QObject(parent), m_caller(defaultCaller()) {}

RpcClient::~RpcClient() = default;

Status RpcClient::connectToEngine(const QString &socketPath, int timeoutMs)
{
    QString path = socketPath;
    if (path.isEmpty()) {
        Result<QString> p = paths::socketPath();
        if (!p)
            return p.error();
        path = *p;
    }
    auto *socket = new QLocalSocket;
    socket->connectToServer(path);
    if (!socket->waitForConnected(timeoutMs) && socketPath.isEmpty()) {
        // The engine of this data directory may listen elsewhere (it was started from a shell
        // with another runtime directory): its lock file says where.
        const std::optional<EngineLock::Holder> holder = EngineLock::holder(paths::dataDir());
        if (holder && !holder->socket.isEmpty() && holder->socket != path) {
            path = holder->socket;
            socket->abort();
            socket->connectToServer(path);
            socket->waitForConnected(timeoutMs);
        }
    }
    if (socket->state() != QLocalSocket::ConnectedState) {
        const QString err = socket->errorString();
        delete socket;
        return makeError(tr("cannot connect to the Chorus engine (%1)").arg(err), path,
                         tr("Start it with `chorus daemon start`."));
    }
    delete m_connection;
    m_connection = new RpcConnection(socket, this);
    connect(m_connection, &RpcConnection::messageReceived, this, &RpcClient::onMessage);
    connect(m_connection, &RpcConnection::disconnected, this, [this] {
        const auto pending = std::exchange(m_pending, {});
        const Error closed = m_serverError
                                 ? *m_serverError
                                 : makeError(tr("the Chorus engine closed the connection"));
        for (const Callback &cb : pending)
            cb(closed);
        Q_EMIT disconnected();
    });
    return Ok{};
}

Status RpcClient::connectOrStart(const QString &daemonProgram, int timeoutMs)
{
    if (connectToEngine({}, 500))
        return Ok{};
    QProcess starter;
    starter.setProgram(daemonProgram);
    starter.setArguments({QStringLiteral("daemon"), QStringLiteral("start")});
    starter.setStandardOutputFile(QProcess::nullDevice());
    starter.start();
    if (!starter.waitForStarted(timeoutMs))
        return makeError(tr("cannot run the Chorus engine program: %1").arg(starter.errorString()),
                         daemonProgram, tr("Check that chorus is installed next to chorus-gui or on PATH."));
    if (!starter.waitForFinished(timeoutMs))
        return makeError(tr("starting the Chorus engine timed out"), daemonProgram,
                         tr("See %1 for what went wrong.").arg(paths::daemonLogPath()));
    if (starter.exitStatus() != QProcess::NormalExit || starter.exitCode() != 0) {
        if (connectToEngine({}, 500)) // another client started it first
            return Ok{};
        // What `chorus daemon start` said names the cause (a data folder that cannot be
        // written, the log's last lines); a GUI has no terminal to show it otherwise.
        const QString said = QString::fromUtf8(starter.readAllStandardError()).trimmed();
        if (!said.isEmpty())
            return makeError(tr("the Chorus engine did not start:\n%1").arg(said), daemonProgram);
        return makeError(tr("the Chorus engine did not start"), daemonProgram,
                         tr("See %1 for what went wrong.").arg(paths::daemonLogPath()));
    }
    return connectToEngine({}, 2000);
}

bool RpcClient::isConnected() const
{
    return m_connection && m_connection->isConnected();
}

void RpcClient::disconnectFromEngine()
{
    delete m_connection;
    m_connection = nullptr;
}

qint64 RpcClient::call(const QString &method, const QJsonObject &params, Callback callback)
{
    if (!isConnected()) {
        callback(makeError(tr("not connected to the Chorus engine")));
        return 0;
    }
    const qint64 id = ++m_nextId;
    m_pending.insert(id, std::move(callback));
    QJsonObject request = RpcConnection::request(id, method, params);
    request.insert(QStringLiteral("caller"), m_caller.toJson());
    m_connection->send(request);
    return id;
}

Result<QJsonValue> RpcClient::callSync(const QString &method, const QJsonObject &params,
                                       int timeoutMs)
{
    std::optional<Result<QJsonValue>> answer;
    QEventLoop loop;
    const qint64 id = call(method, params, [&](const Result<QJsonValue> &r) {
        answer = r;
        loop.quit();
    });
    if (!answer) {
        QTimer timer;
        timer.setSingleShot(true);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        loop.exec();
    }
    m_pending.remove(id); // never call back into this frame after it returned
    m_lastCallTimedOut = !answer;
    if (!answer)
        return makeError(tr("the Chorus engine did not answer '%1' in time").arg(method));
    return *answer;
}

void RpcClient::onMessage(const QJsonObject &message)
{
    if (message.contains(QLatin1String("method")) && !message.contains(QLatin1String("id"))) {
        Q_EMIT notificationReceived(message.value(QLatin1String("method")).toString(),
                                    message.value(QLatin1String("params")).toObject());
        return;
    }
    if (message.value(QLatin1String("id")).isNull() && message.contains(QLatin1String("error"))) {
        // Not an answer to a call: the engine refuses this connection (too many clients) or
        // could not read what was sent. Said again to every call it closes.
        m_serverError = errorFromRpc(message.value(QLatin1String("error")).toObject());
        for (const Callback &cb : std::exchange(m_pending, {}))
            cb(*m_serverError);
        m_connection->socket()->disconnectFromServer();
        return;
    }
    const qint64 id = message.value(QLatin1String("id")).toInteger();
    Callback cb = m_pending.take(id);
    if (!cb)
        return;
    if (message.contains(QLatin1String("error")))
        cb(errorFromRpc(message.value(QLatin1String("error")).toObject()));
    else
        cb(message.value(QLatin1String("result")));
}

} // namespace chorus
