// The engine's JSON-RPC methods, by feature. Each decodes its params with protocol.h and
// answers with a typed reply's JSON; the plumbing (socket, subscriptions) is EngineService's.
#include "engine/engine.h"
#include "engine/enginesettings.h"
#include "hosts/localhost.h"
#include "roles/rolecatalog.h"
#include "rpc/methodtable.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cmath>

namespace chorus {

namespace {
Result<QJsonValue> sessionReply(const Result<SessionInfo> &r)
{
    if (!r)
        return r.error();
    return QJsonValue(r->toJson());
}

Result<QJsonValue> okReply(const Status &s)
{
    if (!s)
        return s.error();
    return QJsonValue(QJsonObject{{QStringLiteral("ok"), true}});
}

// An answer that comes when the engine's work is done (a spawn's worktree made, git work), as
// JSON: only here, at the wire, are typed results turned into JSON.
template<class T> LaterReply later(QFuture<Result<T>> f)
{
    return f.then([](const Result<T> &r) {
        if (!r)
            return Result<QJsonValue>(r.error());
        return Result<QJsonValue>(QJsonValue(r->toJson()));
    });
}

template<class Req>
using Fn = std::function<Result<QJsonValue>(const Req &, const RequestContext &)>;
} // namespace

void registerAgentMethods(MethodTable &t, Engine *e)
{
    using namespace rpc;
    t.addLater<SpawnRequest>(method::AgentsSpawn,
                             [e](const SpawnRequest &r) { return later(e->spawn(r)); });
    t.add(method::AgentsList, [e](const RequestContext &, const QJsonObject &) {
        AgentList list;
        list.sessions = e->sessions();
        list.approvals = e->pendingApprovals();
        list.costToday = e->costToday();
        list.warnings = e->warnings();
        list.maxConcurrent = e->settings().maxConcurrent;
        return MethodReply{QJsonValue(list.toJson())};
    });
    t.add<AgentRequest>(method::AgentsGet,
                        Fn<AgentRequest>([e](const AgentRequest &r, const RequestContext &) {
                            return sessionReply(e->find(r.agent));
                        }));
    t.add<SendRequest>(method::AgentsSend,
                       Fn<SendRequest>([e](const SendRequest &r, const RequestContext &) {
                           return okReply(e->send(r.agent, r.text));
                       }));
    t.add<AgentRequest>(method::AgentsInterrupt,
                        Fn<AgentRequest>([e](const AgentRequest &r, const RequestContext &) {
                            return okReply(e->interrupt(r.agent));
                        }));
    t.add<StopRequest>(method::AgentsStop,
                       Fn<StopRequest>([e](const StopRequest &r, const RequestContext &) {
                           if (r.all) {
                               e->stopAll();
                               return okReply(Ok{});
                           }
                           return okReply(e->stop(r.agent));
                       }));
    t.add<ResumeRequest>(method::AgentsResume,
                         Fn<ResumeRequest>([e](const ResumeRequest &r, const RequestContext &) {
                             return okReply(e->resume(r.agent, r.task, r.environment));
                         }));
    t.add<EventsRequest>(method::EventsList,
                         Fn<EventsRequest>([e](const EventsRequest &r, const RequestContext &) {
                             const Result<SessionInfo> s = e->find(r.agent);
                             if (!s)
                                 return Result<QJsonValue>(s.error());
                             EventsReply reply;
                             reply.sessionId = s->id;
                             reply.events = r.tail > 0 ? e->tailEvents(s->id, r.tail)
                                                       : e->events(s->id, r.afterSeq, r.limit);
                             return Result<QJsonValue>(QJsonValue(reply.toJson()));
                         }));
    t.add(method::RolesList, [e](const RequestContext &, const QJsonObject &) {
        e->reloadRoles();
        QJsonArray roles;
        for (const Role &r : e->roles().roles())
            roles.append(r.toJson());
        QJsonArray errors;
        for (const Error &err : e->roles().errors())
            errors.append(err.toString());
        return MethodReply{QJsonValue(
            QJsonObject{{QStringLiteral("roles"), roles}, {QStringLiteral("errors"), errors}})};
    });
}

void registerApprovalMethods(MethodTable &t, Engine *e)
{
    using namespace rpc;
    t.add<ApproveRequest>(method::AgentsApprove,
                          Fn<ApproveRequest>([e](const ApproveRequest &r, const RequestContext &) {
                              const Result<ApprovalInfo> a =
                                  e->answer(r.agent, r.requestId, r.allow, r.forSession, r.message);
                              if (!a)
                                  return Result<QJsonValue>(a.error());
                              return Result<QJsonValue>(QJsonValue(a->toJson()));
                          }));
}

void registerGitMethods(MethodTable &t, Engine *e)
{
    using namespace rpc;
    t.addLater<MergeQueueOptions>(
        method::MergeRun, [e](const MergeQueueOptions &o) { return later(e->mergeQueue(o)); });
    t.addLater<SyncRequest>(method::RepoSync, [e](const SyncRequest &r) {
        return later(e->sync(r.agents, r.repo, r.into, r.rebase));
    });
    t.addLater<CleanRequest>(method::AgentsClean, [e](const CleanRequest &r) {
        return later(e->clean(r.agents, r.all, r.force));
    });
    t.add<MergeApproveRequest>(
        method::MergeApprove,
        Fn<MergeApproveRequest>([e](const MergeApproveRequest &r, const RequestContext &) {
            return okReply(e->approveMerge(r.agent, r.approved));
        }));
    t.addLater<TargetRequest>(method::MergeResolve, [e](const TargetRequest &r) {
        return later(e->spawnResolver(r.agent, r.into));
    });
    t.add<AgentRequest>(method::MergeHistory,
                        Fn<AgentRequest>([e](const AgentRequest &r, const RequestContext &) {
                            return Result<QJsonValue>(QJsonValue(e->mergeHistory(r.agent)));
                        }));
    t.add<TargetRequest>(method::ReviewTarget,
                         Fn<TargetRequest>([e](const TargetRequest &r, const RequestContext &) {
                             const Result<QJsonObject> target = e->reviewTarget(r.agent, r.into);
                             if (!target)
                                 return Result<QJsonValue>(target.error());
                             return Result<QJsonValue>(QJsonValue(*target));
                         }));
}

void registerSettingsMethods(MethodTable &t, Engine *e)
{
    using namespace rpc;
    t.add(method::SettingsGet, [e](const RequestContext &, const QJsonObject &) {
        return MethodReply{QJsonValue(e->settings().toJson())};
    });
    t.add(method::SettingsSet, [e](const RequestContext &, const QJsonObject &p) {
        QJsonObject merged = e->settings().toJson();
        // Each value has its setting's type; an unknown name is refused rather than dropped.
        for (auto it = p.constBegin(); it != p.constEnd(); ++it) {
            const QJsonValue current = merged.value(it.key());
            // A list may also come as one comma-separated string (as in the settings file).
            const bool listAsString = current.isArray() && it->isString();
            // The numeric settings are whole numbers; the transport is one of its names.
            const bool badNumber = current.isDouble() && it->isDouble() &&
                                   it->toDouble() != std::trunc(it->toDouble());
            const bool badTransport = it.key() == QLatin1String("agentTransport") &&
                                      it->isString() &&
                                      !LocalHost::transportFromName(it->toString());
            if (badNumber || badTransport)
                return MethodReply{
                    makeError(QCoreApplication::translate("Protocol",
                                                          "%1: '%2' is not a valid value of %3")
                                  .arg(QString(method::SettingsSet), it->toVariant().toString(),
                                       it.key()),
                              it.key(),
                              badTransport
                                  ? QCoreApplication::translate("Protocol", "Use process or shim.")
                                  : QCoreApplication::translate("Protocol", "Use a whole number.")),
                    std::nullopt, true};
            if (current.isUndefined() || (current.type() != it->type() && !listAsString))
                return MethodReply{
                    makeError(QCoreApplication::translate(
                                  "Protocol", "%1: the setting '%2' is unknown or not %3")
                                  .arg(QString(method::SettingsSet), it.key(),
                                       current.isUndefined() ? QStringLiteral("known")
                                       : current.isBool()    ? QStringLiteral("true or false")
                                       : current.isDouble()  ? QStringLiteral("a number")
                                       : current.isArray()   ? QStringLiteral("a list")
                                                             : QStringLiteral("a string")),
                              it.key(),
                              QCoreApplication::translate(
                                  "Protocol", "settings.get lists the settings and their values.")),
                    std::nullopt, true};
            merged.insert(it.key(), it.value());
        }
        e->setSettings(EngineSettings::fromJson(merged));
        if (!saveEngineSettings(e->settings()))
            return MethodReply{makeError(QCoreApplication::translate(
                "EngineService", "the settings are in effect but could not be saved"))};
        return MethodReply{QJsonValue(e->settings().toJson())};
    });
    t.add<ClaudeLocateRequest>(
        method::ClaudeLocate,
        Fn<ClaudeLocateRequest>([e](const ClaudeLocateRequest &r, const RequestContext &) {
            // Where the engine, which launches the agents, finds Claude Code: not the asking
            // client's own environment (agents the client starts get that one).
            const QString configured = r.claudePath.value_or(e->settings().claudePath);
            const QProcessEnvironment env = e->locateEnvironment(r.environment);
            ClaudeLocationReply reply;
            reply.configured =
                !configured.isEmpty() || !env.value(QStringLiteral("CHORUS_CLAUDE")).isEmpty();
            const Result<ClaudeLocation> found = e->locateClaude(configured, env);
            if (found) {
                reply.path = found->path;
                reply.source = found->source;
            } else {
                reply.error = found.error().toString();
            }
            reply.loginProblem = e->loginProblem();
            for (const auto &[source, path] : claudeCandidates(configured, env))
                reply.candidates.append(QJsonObject{{QStringLiteral("source"), source},
                                                    {QStringLiteral("path"), path}});
            return Result<QJsonValue>(QJsonValue(reply.toJson()));
        }));
}

void registerLimitMethods(MethodTable &t, Engine *e)
{
    using namespace rpc;
    t.add(method::LimitsGet, [e](const RequestContext &, const QJsonObject &) {
        return MethodReply{QJsonValue(e->limitsReport())};
    });
    t.add(method::LimitsResume, [e](const RequestContext &, const QJsonObject &p) {
        ParamReader r(p, method::LimitsResume);
        const QString profile = r.string("profile");
        if (Status s = r.status(); !s)
            return MethodReply{s.error(), std::nullopt, true};
        if (Status s = e->resumeLimits(profile); !s)
            return MethodReply{s.error()};
        return MethodReply{QJsonValue(e->limitsReport())};
    });
    // {"profile", "source", "windows": {"five_hour": {"utilization": 0..1, "resetsAt": epoch s}}}
    t.add(method::LimitsRecord, [e](const RequestContext &, const QJsonObject &p) {
        ParamReader r(p, method::LimitsRecord);
        const QString profile = r.string("profile");
        const QString source = r.string("source", QStringLiteral("statusline"));
        const QJsonObject windows = r.object("windows");
        if (Status s = r.status(); !s)
            return MethodReply{s.error(), std::nullopt, true};
        QList<RateLimitWindow> list;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (auto it = windows.begin(); it != windows.end() && list.size() < 16; ++it) {
            // Claude's window names only: any other key would gate turns on a made-up window.
            if (it.key() != QLatin1String("five_hour") && it.key() != QLatin1String("seven_day") &&
                !it.key().startsWith(QLatin1String("seven_day_")))
                continue;
            const QJsonObject w = it.value().toObject();
            const double u = w.value(QLatin1String("utilization")).toDouble(-1);
            const double reset = w.value(QLatin1String("resetsAt")).toDouble(0);
            RateLimitWindow rw;
            rw.type = it.key().left(64);
            rw.utilization = u >= 0 && u <= 10 ? u : -1;
            // Epoch seconds within a year: a value out of that range is not trusted.
            rw.resetsAtMs = reset > 1.5e9 && reset * 1000 < double(now) + 366.0 * 86400000
                                ? qint64(reset * 1000)
                                : 0;
            list.append(rw);
        }
        e->recordLimitWindows(profile, list, source.left(32));
        return MethodReply{QJsonValue(QJsonObject{{QStringLiteral("recorded"), int(list.size())}})};
    });
}

} // namespace chorus
