#include "engineclient.h"

#include "environment.h"
#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

namespace chorus {

EngineClient::EngineClient(QObject *parent) : QObject(parent), m_rpc(new RpcClient(this))
{
    connect(m_rpc, &RpcClient::notificationReceived, this, &EngineClient::onNotification);
    connect(m_rpc, &RpcClient::disconnected, this, [this] { Q_EMIT connectedChanged(false); });
}

EngineClient::~EngineClient() = default;

void EngineClient::mergeWithResolutions(const QString &agent, const QString &target,
                                        const Resolutions &resolutions,
                                        std::function<void(const Result<QJsonObject> &)> done)
{
    QJsonObject options{{QStringLiteral("strategy"), QStringLiteral("auto")},
                        {QStringLiteral("resolutions"), resolutionsToJson(resolutions)}};
    if (!target.isEmpty())
        options.insert(QStringLiteral("into"), target);
    mergeAgents({agent}, options, std::move(done));
}

void EngineClient::spawnResolver(const QString &agent, const QString &target,
                                 std::function<void(const Result<SessionInfo> &)> done)
{
    QJsonObject params{{QStringLiteral("agent"), agent}};
    if (!target.isEmpty())
        params.insert(QStringLiteral("into"), target);
    callObject(QStringLiteral("merge.resolve"), params, [done](const Result<QJsonObject> &r) {
        done(r ? Result<SessionInfo>(SessionInfo::fromJson(*r)) : Result<SessionInfo>(r.error()));
    });
}
QString EngineClient::daemonProgram()
{
    const QString configured = qEnvironmentVariable("CHORUS_PROGRAM");
    if (!configured.isEmpty())
        return configured;
    const QString sibling = QCoreApplication::applicationDirPath() + QStringLiteral("/chorus");
    if (QFileInfo(sibling).isExecutable())
        return sibling;
    // In the build tree the CLI sits in ../cli.
    const QString buildTree = QCoreApplication::applicationDirPath() + QStringLiteral("/../cli/chorus");
    if (QFileInfo(buildTree).isExecutable())
        return QFileInfo(buildTree).canonicalFilePath();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("chorus"));
    return onPath.isEmpty() ? sibling : onPath;
}

Status EngineClient::connectToEngine()
{
    if (Status s = m_rpc->connectOrStart(daemonProgram()); !s)
        return s;
    if (Status sub = subscribe(); !sub)
        return sub;
    const Result<QJsonValue> settings = m_rpc->callSync(QStringLiteral("settings.get"));
    if (settings)
        m_settings = settings->toObject();
    Q_EMIT connectedChanged(true);
    return Ok{};
}

Status EngineClient::subscribe()
{
    const Result<QJsonValue> sub = m_rpc->callSync(
        QStringLiteral("subscribe"),
        QJsonObject{{QStringLiteral("sessions"), true}, {QStringLiteral("approvals"), true}});
    if (!sub)
        return sub.error();
    for (const QString &id : m_watched.keys())
        m_rpc->call(QStringLiteral("subscribe"), QJsonObject{{QStringLiteral("events"), QJsonArray{id}}},
                    [](const Result<QJsonValue> &) {});
    refresh();
    return Ok{};
}

bool EngineClient::isConnected() const
{
    return m_rpc->isConnected();
}

void EngineClient::refresh()
{
    const Result<QJsonValue> r = m_rpc->callSync(QStringLiteral("agents.list"));
    if (!r) {
        Q_EMIT errorOccurred(r.error());
        return;
    }
    const QJsonObject o = r->toObject();
    for (const QJsonValue &v : o.value(QLatin1String("sessions")).toArray()) {
        const SessionInfo s = SessionInfo::fromJson(v.toObject());
        const bool known = m_sessions.contains(s.id);
        m_sessions.insert(s.id, s);
        if (!known) {
            m_order.append(s.id);
            Q_EMIT sessionAdded(s);
        } else {
            Q_EMIT sessionChanged(s);
        }
    }
    m_approvals.clear();
    QSet<QString> touched;
    for (const QJsonValue &v : o.value(QLatin1String("approvals")).toArray()) {
        const ApprovalInfo a = ApprovalInfo::fromJson(v.toObject());
        m_approvals.insert(a.id, a);
        touched.insert(a.sessionId);
    }
    for (const QString &id : std::as_const(touched))
        Q_EMIT approvalsChanged(id);
    m_costToday = o.value(QLatin1String("costToday")).toDouble();
    Q_EMIT costChanged(m_costToday);
}

QList<SessionInfo> EngineClient::sessions() const
{
    QList<SessionInfo> out;
    out.reserve(m_order.size());
    for (const QString &id : m_order)
        out.append(m_sessions.value(id));
    return out;
}

SessionInfo EngineClient::session(const QString &id) const
{
    return m_sessions.value(id);
}

QList<ApprovalInfo> EngineClient::pendingApprovals(const QString &sessionId) const
{
    QList<ApprovalInfo> out;
    for (const ApprovalInfo &a : m_approvals)
        if (sessionId.isEmpty() || a.sessionId == sessionId)
            out.append(a);
    std::sort(out.begin(), out.end(), [](const ApprovalInfo &a, const ApprovalInfo &b) { return a.id < b.id; });
    return out;
}

void EngineClient::onNotification(const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("session.changed")) {
        const SessionInfo s = SessionInfo::fromJson(params.value(QLatin1String("session")).toObject());
        const bool known = m_sessions.contains(s.id);
        const bool turnEnded = known && m_sessions.value(s.id).turns != s.turns;
        m_sessions.insert(s.id, s);
        if (known) {
            Q_EMIT sessionChanged(s);
        } else {
            m_order.append(s.id);
            Q_EMIT sessionAdded(s);
        }
        if (turnEnded) // cost moved: ask for today's total
            m_rpc->call(QStringLiteral("agents.list"), {}, [this](const Result<QJsonValue> &r) {
                if (!r)
                    return;
                m_costToday = r->toObject().value(QLatin1String("costToday")).toDouble();
                Q_EMIT costChanged(m_costToday);
            });
    } else if (method == QLatin1String("approval.changed")) {
        const ApprovalInfo a = ApprovalInfo::fromJson(params.value(QLatin1String("approval")).toObject());
        if (a.state == QLatin1String("pending"))
            m_approvals.insert(a.id, a);
        else
            m_approvals.remove(a.id);
        Q_EMIT approvalsChanged(a.sessionId);
    } else if (method == QLatin1String("subscription.dropped")) {
        // This window fell behind (it was busy or stopped): the engine dropped its
        // subscriptions. Subscribe again and let every view catch up from what it has — from
        // the event loop, not from inside this socket's read (a nested wait would get nothing).
        QTimer::singleShot(0, this, [this] {
            if (Status s = subscribe(); s)
                Q_EMIT connectedChanged(true);
            else
                Q_EMIT errorOccurred(s.error());
        });
    } else if (method == QLatin1String("events.stored")) {
        const QString sid = params.value(QLatin1String("sessionId")).toString();
        QList<StoredEvent> events;
        for (const QJsonValue &v : params.value(QLatin1String("events")).toArray())
            events.append(StoredEvent::fromJson(v.toObject()));
        Q_EMIT eventsArrived(sid, events);
    }
}

void EngineClient::simple(const QString &method, const QJsonObject &params, Done done)
{
    m_rpc->call(method, params, [this, done](const Result<QJsonValue> &r) {
        const Status s = r ? Status(Ok{}) : Status(r.error());
        if (!r)
            Q_EMIT errorOccurred(r.error());
        if (done)
            done(s);
    });
}

void EngineClient::spawn(const QJsonObject &request, std::function<void(const Result<SessionInfo> &)> done)
{
    QJsonObject params = request; // the agent works with this window's environment
    params.insert(QStringLiteral("environment"), environmentToJson(QProcessEnvironment::systemEnvironment()));
    callObject(QStringLiteral("agents.spawn"), params, [done](const Result<QJsonObject> &r) {
        done(r ? Result<SessionInfo>(SessionInfo::fromJson(*r)) : Result<SessionInfo>(r.error()));
    });
}

void EngineClient::send(const QString &id, const QString &text, Done done)
{
    simple(QStringLiteral("agents.send"), {{QStringLiteral("agent"), id}, {QStringLiteral("text"), text}}, done);
}

void EngineClient::interrupt(const QString &id, Done done)
{
    simple(QStringLiteral("agents.interrupt"), {{QStringLiteral("agent"), id}}, done);
}

void EngineClient::stop(const QString &id, Done done)
{
    simple(QStringLiteral("agents.stop"), {{QStringLiteral("agent"), id}}, done);
}

void EngineClient::resume(const QString &id, const QString &task, Done done)
{
    simple(QStringLiteral("agents.resume"),
           {{QStringLiteral("agent"), id},
            {QStringLiteral("task"), task},
            {QStringLiteral("environment"), environmentToJson(QProcessEnvironment::systemEnvironment())}},
           done);
}

void EngineClient::answer(const QString &id, qint64 approvalId, bool allow, bool forSession,
                          const QString &message, Done done)
{
    simple(QStringLiteral("agents.approve"),
           {{QStringLiteral("agent"), id},
            {QStringLiteral("requestId"), approvalId},
            {QStringLiteral("allow"), allow},
            {QStringLiteral("forSession"), forSession},
            {QStringLiteral("message"), message}},
           done);
}

void EngineClient::callObject(const QString &method, const QJsonObject &params,
                              std::function<void(const Result<QJsonObject> &)> done)
{
    m_rpc->call(method, params, [done](const Result<QJsonValue> &r) {
        if (!r)
            done(r.error());
        else
            done(r->toObject());
    });
}

void EngineClient::roles(std::function<void(const Result<QJsonObject> &)> done)
{
    callObject(QStringLiteral("roles.list"), {}, std::move(done));
}

void EngineClient::setSettings(const QJsonObject &changes, Done done)
{
    m_rpc->call(QStringLiteral("settings.set"), changes, [this, done](const Result<QJsonValue> &r) {
        if (r)
            m_settings = r->toObject();
        else
            Q_EMIT errorOccurred(r.error());
        if (done)
            done(r ? Status(Ok{}) : Status(r.error()));
    });
}

void EngineClient::listEvents(const QJsonObject &params, std::function<void(const QList<StoredEvent> &)> done)
{
    m_rpc->call(QStringLiteral("events.list"), params, [done](const Result<QJsonValue> &r) {
        QList<StoredEvent> events;
        if (r)
            for (const QJsonValue &v : r->toObject().value(QLatin1String("events")).toArray())
                events.append(StoredEvent::fromJson(v.toObject()));
        done(events);
    });
}

void EngineClient::fetchEvents(const QString &id, qint64 afterSeq, int limit,
                               std::function<void(const QList<StoredEvent> &)> done)
{
    listEvents({{QStringLiteral("agent"), id}, {QStringLiteral("afterSeq"), afterSeq}, {QStringLiteral("limit"), limit}},
               std::move(done));
}

void EngineClient::fetchTail(const QString &id, int count,
                             std::function<void(const QList<StoredEvent> &)> done)
{
    listEvents({{QStringLiteral("agent"), id}, {QStringLiteral("tail"), count}}, std::move(done));
}

void EngineClient::watch(const QString &id)
{
    if (m_watched[id]++ > 0)
        return;
    m_rpc->call(QStringLiteral("subscribe"), {{QStringLiteral("events"), QJsonArray{id}}},
                [](const Result<QJsonValue> &) {});
}

void EngineClient::unwatch(const QString &id)
{
    auto it = m_watched.find(id);
    if (it == m_watched.end() || --*it > 0)
        return;
    m_watched.erase(it);
    m_rpc->call(QStringLiteral("unsubscribe"), {{QStringLiteral("events"), QJsonArray{id}}},
                [](const Result<QJsonValue> &) {});
}

void EngineClient::reviewTarget(const QString &agent, const QString &into,
                                std::function<void(const Result<QJsonObject> &)> done)
{
    QJsonObject params{{QStringLiteral("agent"), agent}};
    if (!into.isEmpty())
        params.insert(QStringLiteral("into"), into);
    callObject(QStringLiteral("review.target"), params, std::move(done));
}

void EngineClient::approveMerge(const QString &agent, bool approved, Done done)
{
    simple(QStringLiteral("merge.approve"),
           {{QStringLiteral("agent"), agent}, {QStringLiteral("approved"), approved}}, done);
}

void EngineClient::mergeAgents(const QStringList &agents, const QJsonObject &options,
                               std::function<void(const Result<QJsonObject> &)> done)
{
    QJsonObject params = options;
    params.insert(QStringLiteral("agents"), QJsonArray::fromStringList(agents));
    callObject(QStringLiteral("merge.run"), params, std::move(done));
}

void EngineClient::mergeHistory(const QString &agent,
                                std::function<void(const Result<QJsonArray> &)> done)
{
    m_rpc->call(QStringLiteral("merge.history"), {{QStringLiteral("agent"), agent}},
                [done](const Result<QJsonValue> &r) {
                    if (!r)
                        done(r.error());
                    else
                        done(r->toArray());
                });
}

} // namespace chorus
