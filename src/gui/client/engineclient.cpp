#include "engineclient.h"
#include "rpc/protocol.h"

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
    MergeQueueOptions options;
    options.agents = {agent};
    options.into = target;
    options.resolutions = resolutions;
    callObject(rpc::method::MergeRun, rpc::toParams(options), std::move(done));
}

void EngineClient::spawnResolver(const QString &agent, const QString &target,
                                 std::function<void(const Result<SessionInfo> &)> done)
{
    callObject(rpc::method::MergeResolve, rpc::toParams(rpc::TargetRequest{agent, target}),
               [done](const Result<QJsonObject> &r) {
                   done(r ? Result<SessionInfo>(SessionInfo::fromJson(*r))
                          : Result<SessionInfo>(r.error()));
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
    const Result<QJsonValue> settings = m_rpc->callSync(rpc::method::SettingsGet);
    if (settings)
        m_settings = settings->toObject();
    Q_EMIT connectedChanged(true);
    return Ok{};
}

Status EngineClient::subscribe()
{
    const Result<QJsonValue> sub = m_rpc->callSync(
        rpc::method::Subscribe, rpc::toParams(rpc::SubscribeRequest{true, true, false, {}}));
    if (!sub)
        return sub.error();
    for (const QString &id : m_watched.keys())
        m_rpc->call(rpc::method::Subscribe,
                    rpc::toParams(rpc::SubscribeRequest{{}, {}, false, {id}, true}),
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
    const Result<QJsonValue> r = m_rpc->callSync(rpc::method::AgentsList);
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
    fetchLimits();
}

void EngineClient::fetchLimits()
{
    m_rpc->call(rpc::method::LimitsGet, {}, [this](const Result<QJsonValue> &r) {
        if (!r) // an engine from before limits: nothing to show
            return;
        m_limits = r->toObject();
        Q_EMIT limitsChanged();
    });
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
    if (method == rpc::notification::SessionChanged) {
        const SessionInfo s = rpc::changedSession(
            params, [this](const QString &id) { return m_sessions.value(id).task; });
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
            m_rpc->call(rpc::method::AgentsList, {}, [this](const Result<QJsonValue> &r) {
                if (!r)
                    return;
                m_costToday = r->toObject().value(QLatin1String("costToday")).toDouble();
                Q_EMIT costChanged(m_costToday);
            });
    } else if (method == rpc::notification::LimitsChanged) {
        fetchLimits();
    } else if (method == rpc::notification::ApprovalChanged) {
        const ApprovalInfo a = ApprovalInfo::fromJson(params.value(QLatin1String("approval")).toObject());
        if (a.state == QLatin1String("pending"))
            m_approvals.insert(a.id, a);
        else
            m_approvals.remove(a.id);
        Q_EMIT approvalsChanged(a.sessionId);
    } else if (method == rpc::notification::SubscriptionDropped) {
        // This window fell behind (it was busy or stopped): the engine dropped its
        // subscriptions. Subscribe again and let every view catch up from what it has — from
        // the event loop, not from inside this socket's read (a nested wait would get nothing).
        QTimer::singleShot(0, this, [this] {
            if (Status s = subscribe(); s)
                Q_EMIT connectedChanged(true);
            else
                Q_EMIT errorOccurred(s.error());
        });
    } else if (method == rpc::notification::EventsStored) {
        const QString sid = params.value(QLatin1String("sessionId")).toString();
        QList<StoredEvent> events;
        for (const QJsonValue &v : params.value(QLatin1String("events")).toArray())
            events.append(StoredEvent::fromJson(v.toObject()));
        Q_EMIT eventsArrived(sid, events);
    } else if (method == rpc::notification::EventsPartial) {
        LiveUpdate u;
        if (Status st = rpc::fromParams(params, rpc::notification::EventsPartial, &u); !st) {
            qWarning("chorus: ignored a malformed %s notification: %s",
                     qPrintable(QString(rpc::notification::EventsPartial)),
                     qPrintable(st.error().toString()));
            return;
        }
        if (m_watched.contains(u.sessionId))
            Q_EMIT liveUpdated(u);
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

void EngineClient::spawn(SpawnRequest request,
                         std::function<void(const Result<SessionInfo> &)> done)
{
    request.environment =
        QProcessEnvironment::systemEnvironment(); // the agent works with this window's
    callObject(rpc::method::AgentsSpawn, rpc::toParams(request),
               [done](const Result<QJsonObject> &r) {
                   done(r ? Result<SessionInfo>(SessionInfo::fromJson(*r))
                          : Result<SessionInfo>(r.error()));
               });
}

void EngineClient::locateClaude(const std::optional<QString> &claudePath,
                                std::function<void(const Result<rpc::ClaudeLocationReply> &)> done)
{
    // With this window's environment, as a spawn from it sends.
    callObject(rpc::method::ClaudeLocate,
               rpc::toParams(
                   rpc::ClaudeLocateRequest{claudePath, QProcessEnvironment::systemEnvironment()}),
               [done](const Result<QJsonObject> &r) {
                   done(r ? Result<rpc::ClaudeLocationReply>(rpc::ClaudeLocationReply::fromJson(*r))
                          : Result<rpc::ClaudeLocationReply>(r.error()));
               });
}

void EngineClient::send(const QString &id, const QString &text, Done done)
{
    simple(rpc::method::AgentsSend, rpc::toParams(rpc::SendRequest{id, text}), done);
}

void EngineClient::interrupt(const QString &id, Done done)
{
    simple(rpc::method::AgentsInterrupt, rpc::toParams(rpc::AgentRequest{id}), done);
}

void EngineClient::stop(const QString &id, Done done)
{
    simple(rpc::method::AgentsStop, rpc::toParams(rpc::StopRequest{id, false}), done);
}

void EngineClient::resume(const QString &id, const QString &task, Done done)
{
    simple(rpc::method::AgentsResume,
           rpc::toParams(rpc::ResumeRequest{id, task, QProcessEnvironment::systemEnvironment()}),
           done);
}

void EngineClient::answer(const QString &id, qint64 approvalId, bool allow, bool forSession,
                          const QString &message, Done done)
{
    simple(rpc::method::AgentsApprove,
           rpc::toParams(rpc::ApproveRequest{id, approvalId, allow, forSession, message}), done);
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
    callObject(rpc::method::RolesList, {}, std::move(done));
}

void EngineClient::setSettings(const QJsonObject &changes, Done done)
{
    m_rpc->call(rpc::method::SettingsSet, changes, [this, done](const Result<QJsonValue> &r) {
        if (r)
            m_settings = r->toObject();
        else
            Q_EMIT errorOccurred(r.error());
        if (done)
            done(r ? Status(Ok{}) : Status(r.error()));
    });
}

void EngineClient::listEvents(const rpc::EventsRequest &request,
                              std::function<void(const QList<StoredEvent> &)> done)
{
    m_rpc->call(
        rpc::method::EventsList, rpc::toParams(request), [done](const Result<QJsonValue> &r) {
            done(r ? rpc::EventsReply::fromJson(r->toObject()).events : QList<StoredEvent>());
        });
}

void EngineClient::fetchEvents(const QString &id, qint64 afterSeq, int limit,
                               std::function<void(const QList<StoredEvent> &)> done)
{
    listEvents(rpc::EventsRequest{id, 0, afterSeq, limit}, std::move(done));
}

void EngineClient::fetchTail(const QString &id, int count,
                             std::function<void(const QList<StoredEvent> &)> done)
{
    listEvents(rpc::EventsRequest{id, count, 0, 0}, std::move(done));
}

void EngineClient::watch(const QString &id)
{
    if (m_watched[id]++ > 0)
        return;
    m_rpc->call(rpc::method::Subscribe,
                rpc::toParams(rpc::SubscribeRequest{{}, {}, false, {id}, true}),
                [](const Result<QJsonValue> &) {});
}

void EngineClient::unwatch(const QString &id)
{
    auto it = m_watched.find(id);
    if (it == m_watched.end() || --*it > 0)
        return;
    m_watched.erase(it);
    m_rpc->call(rpc::method::Unsubscribe, rpc::toParams(rpc::SubscribeRequest{{}, {}, false, {id}}),
                [](const Result<QJsonValue> &) {});
}

void EngineClient::reviewTarget(const QString &agent, const QString &into,
                                std::function<void(const Result<QJsonObject> &)> done)
{
    callObject(rpc::method::ReviewTarget, rpc::toParams(rpc::TargetRequest{agent, into}),
               std::move(done));
}

void EngineClient::approveMerge(const QString &agent, bool approved, Done done)
{
    simple(rpc::method::MergeApprove, rpc::toParams(rpc::MergeApproveRequest{agent, approved}),
           done);
}

void EngineClient::mergeAgents(const QStringList &agents, const QJsonObject &options,
                               std::function<void(const Result<QJsonObject> &)> done)
{
    QJsonObject params = options;
    params.insert(QStringLiteral("agents"), QJsonArray::fromStringList(agents));
    callObject(rpc::method::MergeRun, params, std::move(done));
}

void EngineClient::clean(const QStringList &agents, bool all, bool force,
                         std::function<void(const Result<QJsonObject> &)> done)
{
    callObject(rpc::method::AgentsClean, rpc::toParams(rpc::CleanRequest{agents, all, force}),
               std::move(done));
}

void EngineClient::mergeHistory(const QString &agent,
                                std::function<void(const Result<QJsonArray> &)> done)
{
    m_rpc->call(rpc::method::MergeHistory, rpc::toParams(rpc::AgentRequest{agent}),
                [done](const Result<QJsonValue> &r) {
                    if (!r)
                        done(r.error());
                    else
                        done(r->toArray());
                });
}

} // namespace chorus
