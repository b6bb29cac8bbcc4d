#include "rpc/protocol.h"

#include "environment.h"

#include <QCoreApplication>

#include <algorithm>
#include <climits>
#include <cmath>

namespace chorus::rpc {

namespace {
QString key(const char *k)
{
    return QLatin1String(k);
}
} // namespace

// --- caller ----------------------------------------------------------------------------
QJsonObject Caller::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kind}};
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    return o;
}

Caller Caller::fromJson(const QJsonValue &v)
{
    Caller c;
    const QJsonObject o = v.toObject();
    if (o.value(QLatin1String("kind")).isString())
        c.kind = o.value(QLatin1String("kind")).toString();
    c.name = o.value(QLatin1String("name")).toString();
    return c;
}

// --- params ----------------------------------------------------------------------------
bool ParamReader::present(const char *k, QJsonValue *v) const
{
    *v = m_params.value(QLatin1String(k));
    return !v->isUndefined() && !v->isNull();
}

void ParamReader::bad(const char *k, const char *what)
{
    if (m_badField.isEmpty()) {
        m_badField = key(k);
        m_badWhat = QLatin1String(what);
    }
}

QString ParamReader::string(const char *k, const QString &fallback)
{
    QJsonValue v;
    if (!present(k, &v))
        return fallback;
    if (!v.isString())
        bad(k, "a string");
    return v.toString(fallback);
}

bool ParamReader::boolean(const char *k, bool fallback)
{
    QJsonValue v;
    if (!present(k, &v))
        return fallback;
    if (!v.isBool())
        bad(k, "true or false");
    return v.toBool(fallback);
}

qint64 ParamReader::integer(const char *k, qint64 fallback)
{
    QJsonValue v;
    if (!present(k, &v))
        return fallback;
    // A whole number; JSON numbers are doubles, so 2^53 is as far as one is exact (and casting a
    // larger double to an integer is undefined).
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::abs(d) > 9007199254740992.0 ||
        d != std::trunc(d)) {
        bad(k, "a whole number");
        return fallback;
    }
    return qint64(d);
}

QStringList ParamReader::strings(const char *k)
{
    QJsonValue v;
    if (!present(k, &v))
        return {};
    QStringList out;
    if (!v.isArray()) {
        bad(k, "a list of strings");
        return out;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString()) {
            bad(k, "a list of strings");
            return {};
        }
        out << item.toString();
    }
    return out;
}

QJsonObject ParamReader::object(const char *k)
{
    QJsonValue v;
    if (!present(k, &v))
        return {};
    if (!v.isObject())
        bad(k, "an object");
    return v.toObject();
}

bool ParamReader::starOrStrings(const char *k, QStringList *list)
{
    QJsonValue v;
    if (!present(k, &v))
        return false;
    if (v.isString() && v.toString() == QLatin1String("*"))
        return true;
    if (!v.isArray()) {
        bad(k, "\"*\" or a list of session ids");
        return false;
    }
    *list = strings(k);
    return false;
}

Status ParamReader::status() const
{
    if (m_badField.isEmpty())
        return Ok{};
    return makeError(QCoreApplication::translate("Protocol", "%1: the parameter '%2' must be %3")
                         .arg(m_method, m_badField, m_badWhat),
                     m_badField,
                     QCoreApplication::translate(
                         "Protocol", "src/core/rpc/protocol.h lists each method's parameters."));
}

// --- request codecs --------------------------------------------------------------------
namespace {
void putIf(QJsonObject *o, const char *k, const QString &v)
{
    if (!v.isEmpty())
        o->insert(key(k), v);
}
} // namespace

QJsonObject toParams(const SpawnRequest &r)
{
    QJsonObject o{{QStringLiteral("role"), r.role}, {QStringLiteral("task"), r.task}};
    putIf(&o, "dir", r.dir);
    putIf(&o, "name", r.name);
    putIf(&o, "model", r.model);
    putIf(&o, "repo", r.repo);
    putIf(&o, "base", r.base);
    if (r.noWorktree)
        o.insert(QStringLiteral("noWorktree"), true);
    if (r.inPlace)
        o.insert(QStringLiteral("inPlace"), true);
    putIf(&o, "requestId", r.requestId);
    if (!r.environment.isEmpty())
        o.insert(QStringLiteral("environment"), environmentToJson(r.environment));
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, SpawnRequest *r)
{
    ParamReader in(p, method);
    r->role = in.string("role");
    r->task = in.string("task");
    r->dir = in.string("dir");
    r->name = in.string("name");
    r->model = in.string("model");
    r->repo = in.string("repo");
    r->base = in.string("base");
    r->noWorktree = in.boolean("noWorktree");
    r->inPlace = in.boolean("inPlace");
    r->requestId = in.string("requestId");
    r->environment = environmentFromJson(in.object("environment"));
    return in.status();
}

QJsonObject toParams(const MergeQueueOptions &r)
{
    QJsonObject o{{QStringLiteral("agents"), QJsonArray::fromStringList(r.agents)},
                  {QStringLiteral("strategy"), r.strategy}};
    putIf(&o, "repo", r.repo);
    putIf(&o, "into", r.into);
    putIf(&o, "check", r.check);
    if (r.dryRun)
        o.insert(QStringLiteral("dryRun"), true);
    if (!r.resolutions.isEmpty())
        o.insert(QStringLiteral("resolutions"), resolutionsToJson(r.resolutions));
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, MergeQueueOptions *r)
{
    ParamReader in(p, method);
    r->agents = in.strings("agents");
    r->repo = in.string("repo");
    r->strategy = in.string("strategy", QStringLiteral("auto"));
    r->into = in.string("into");
    r->check = in.string("check");
    r->dryRun = in.boolean("dryRun");
    const QJsonObject resolutions = in.object("resolutions");
    if (Status s = in.status(); !s)
        return s;
    QString badPath;
    const std::optional<Resolutions> res = resolutionsFromJson(resolutions, &badPath);
    if (!res)
        return makeError(
            QCoreApplication::translate(
                "Protocol", "the resolution of %1 is neither base64 content nor a deletion")
                .arg(badPath),
            QStringLiteral("resolutions"));
    r->resolutions = *res;
    return Ok{};
}

QJsonObject toParams(const AgentRequest &r)
{
    return {{QStringLiteral("agent"), r.agent}};
}

Status fromParams(const QJsonObject &p, QLatin1String method, AgentRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    return in.status();
}

QJsonObject toParams(const SendRequest &r)
{
    return {{QStringLiteral("agent"), r.agent}, {QStringLiteral("text"), r.text}};
}

Status fromParams(const QJsonObject &p, QLatin1String method, SendRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->text = in.string("text");
    return in.status();
}

QJsonObject toParams(const StopRequest &r)
{
    if (r.all)
        return {{QStringLiteral("all"), true}};
    return {{QStringLiteral("agent"), r.agent}};
}

Status fromParams(const QJsonObject &p, QLatin1String method, StopRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->all = in.boolean("all");
    return in.status();
}

QJsonObject toParams(const ResumeRequest &r)
{
    QJsonObject o{{QStringLiteral("agent"), r.agent}};
    putIf(&o, "task", r.task);
    if (!r.environment.isEmpty())
        o.insert(QStringLiteral("environment"), environmentToJson(r.environment));
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, ResumeRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->task = in.string("task");
    r->environment = environmentFromJson(in.object("environment"));
    return in.status();
}

QJsonObject toParams(const ApproveRequest &r)
{
    QJsonObject o{{QStringLiteral("agent"), r.agent},
                  {QStringLiteral("requestId"), r.requestId},
                  {QStringLiteral("allow"), r.allow},
                  {QStringLiteral("forSession"), r.forSession}};
    putIf(&o, "message", r.message);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, ApproveRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->requestId = in.integer("requestId");
    r->allow = in.boolean("allow", true);
    r->forSession = in.boolean("forSession");
    r->message = in.string("message");
    return in.status();
}

QJsonObject toParams(const EventsRequest &r)
{
    QJsonObject o{{QStringLiteral("agent"), r.agent}};
    if (r.tail > 0)
        o.insert(QStringLiteral("tail"), r.tail);
    if (r.afterSeq > 0)
        o.insert(QStringLiteral("afterSeq"), r.afterSeq);
    if (r.limit > 0)
        o.insert(QStringLiteral("limit"), r.limit);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, EventsRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->tail = int(std::clamp<qint64>(in.integer("tail"), 0, INT_MAX));
    r->afterSeq = in.integer("afterSeq");
    r->limit = int(std::clamp<qint64>(in.integer("limit"), 0, INT_MAX));
    return in.status();
}

QJsonObject toParams(const SubscribeRequest &r)
{
    QJsonObject o;
    if (r.sessions)
        o.insert(QStringLiteral("sessions"), *r.sessions);
    if (r.approvals)
        o.insert(QStringLiteral("approvals"), *r.approvals);
    if (r.allEvents)
        o.insert(QStringLiteral("events"), QStringLiteral("*"));
    else if (!r.events.isEmpty())
        o.insert(QStringLiteral("events"), QJsonArray::fromStringList(r.events));
    if (r.partial)
        o.insert(QStringLiteral("partial"), true);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, SubscribeRequest *r)
{
    ParamReader in(p, method);
    // null is absent, as for every other parameter: it leaves the subscription as it is.
    if (in.has("sessions"))
        r->sessions = in.boolean("sessions");
    if (in.has("approvals"))
        r->approvals = in.boolean("approvals");
    r->allEvents = in.starOrStrings("events", &r->events);
    r->partial = in.boolean("partial");
    return in.status();
}

QJsonObject toParams(const LiveUpdate &u)
{
    QJsonArray blocks;
    for (const LiveBlock &b : u.blocks)
        blocks.append(QJsonObject{{QStringLiteral("index"), b.index},
                                  {QStringLiteral("kind"), b.kind},
                                  {QStringLiteral("from"), qint64(b.from)},
                                  {QStringLiteral("text"), b.text}});
    QJsonObject o{{QStringLiteral("sessionId"), u.sessionId},
                  {QStringLiteral("messageId"), u.messageId},
                  {QStringLiteral("turnStartedAt"), u.turnStartedAt},
                  {QStringLiteral("step"), QJsonObject{{QStringLiteral("kind"), u.step.kind},
                                                       {QStringLiteral("tool"), u.step.tool},
                                                       {QStringLiteral("detail"), u.step.detail},
                                                       {QStringLiteral("since"), u.step.since}}},
                  {QStringLiteral("blocks"), blocks}};
    if (u.snapshot)
        o.insert(QStringLiteral("snapshot"), true);
    if (u.ended)
        o.insert(QStringLiteral("ended"), true);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, LiveUpdate *u)
{
    ParamReader in(p, method);
    u->sessionId = in.string("sessionId");
    u->messageId = in.string("messageId");
    u->turnStartedAt = in.string("turnStartedAt");
    u->snapshot = in.boolean("snapshot");
    u->ended = in.boolean("ended");
    const QJsonObject step = in.object("step");
    ParamReader stepIn(step, method);
    u->step.kind = stepIn.string("kind");
    u->step.tool = stepIn.string("tool");
    u->step.detail = stepIn.string("detail");
    u->step.since = stepIn.string("since");
    if (Status s = in.status(); !s)
        return s;
    if (Status s = stepIn.status(); !s)
        return makeError(s.error().message, QStringLiteral("step.") + s.error().where,
                         s.error().hint);
    const QJsonValue blocks = p.value(QLatin1String("blocks"));
    if (!blocks.isUndefined() && !blocks.isArray())
        return makeError(QStringLiteral("%1: \"blocks\" must be an array").arg(method),
                         QStringLiteral("blocks"), {});
    const QJsonArray arr = blocks.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString where = QStringLiteral("blocks[%1]").arg(i);
        if (!arr.at(i).isObject())
            return makeError(QStringLiteral("%1: %2 must be an object").arg(method, where), where,
                             {});
        ParamReader bin(arr.at(i).toObject(), method);
        LiveBlock b;
        b.index = int(std::clamp<qint64>(bin.integer("index"), 0, INT_MAX));
        b.kind = bin.string("kind");
        b.from = qsizetype(std::clamp<qint64>(bin.integer("from"), 0, INT_MAX));
        b.text = bin.string("text");
        if (Status s = bin.status(); !s)
            return makeError(s.error().message, where + QLatin1Char('.') + s.error().where,
                             s.error().hint);
        u->blocks.append(b);
    }
    return Ok{};
}

QJsonObject toParams(const MergeApproveRequest &r)
{
    return {{QStringLiteral("agent"), r.agent}, {QStringLiteral("approved"), r.approved}};
}

Status fromParams(const QJsonObject &p, QLatin1String method, MergeApproveRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->approved = in.boolean("approved", true);
    return in.status();
}

QJsonObject toParams(const TargetRequest &r)
{
    QJsonObject o{{QStringLiteral("agent"), r.agent}};
    putIf(&o, "into", r.into);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, TargetRequest *r)
{
    ParamReader in(p, method);
    r->agent = in.string("agent");
    r->into = in.string("into");
    return in.status();
}

QJsonObject toParams(const SyncRequest &r)
{
    QJsonObject o{{QStringLiteral("agents"), QJsonArray::fromStringList(r.agents)},
                  {QStringLiteral("rebase"), r.rebase}};
    putIf(&o, "repo", r.repo);
    putIf(&o, "into", r.into);
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, SyncRequest *r)
{
    ParamReader in(p, method);
    r->agents = in.strings("agents");
    r->repo = in.string("repo");
    r->into = in.string("into");
    r->rebase = in.boolean("rebase");
    return in.status();
}

QJsonObject toParams(const CleanRequest &r)
{
    return {{QStringLiteral("agents"), QJsonArray::fromStringList(r.agents)},
            {QStringLiteral("all"), r.all},
            {QStringLiteral("force"), r.force}};
}

Status fromParams(const QJsonObject &p, QLatin1String method, CleanRequest *r)
{
    ParamReader in(p, method);
    r->agents = in.strings("agents");
    r->all = in.boolean("all");
    r->force = in.boolean("force");
    return in.status();
}

QJsonObject toParams(const ClaudeLocateRequest &r)
{
    QJsonObject o;
    if (r.claudePath)
        o.insert(QStringLiteral("claudePath"), *r.claudePath);
    if (!r.environment.isEmpty())
        o.insert(QStringLiteral("environment"), environmentToJson(r.environment));
    return o;
}

Status fromParams(const QJsonObject &p, QLatin1String method, ClaudeLocateRequest *r)
{
    ParamReader in(p, method);
    // An empty path is one (no setting: look in the usual places); a missing one is the setting.
    if (const QJsonValue v = p.value(QLatin1String("claudePath")); !v.isUndefined() && !v.isNull())
        r->claudePath = in.string("claudePath");
    r->environment = environmentFromJson(in.object("environment"));
    return in.status();
}

// --- replies ---------------------------------------------------------------------------
QJsonObject PingReply::toJson() const
{
    return {{QStringLiteral("pid"), pid},
            {QStringLiteral("version"), version},
            {QStringLiteral("socket"), socket},
            {QStringLiteral("startup"), QJsonArray::fromStringList(startup)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
            {QStringLiteral("caller"), caller.toJson()}};
}

namespace {
QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}
} // namespace

PingReply PingReply::fromJson(const QJsonObject &o)
{
    PingReply r;
    r.pid = o.value(QLatin1String("pid")).toInteger();
    r.version = o.value(QLatin1String("version")).toString();
    r.socket = o.value(QLatin1String("socket")).toString();
    r.startup = stringsOf(o.value(QLatin1String("startup")));
    r.warnings = stringsOf(o.value(QLatin1String("warnings")));
    r.caller = Caller::fromJson(o.value(QLatin1String("caller")));
    return r;
}

QJsonObject AgentList::toJson() const
{
    QJsonArray s, a;
    for (const SessionInfo &i : sessions)
        s.append(i.toJson());
    for (const ApprovalInfo &i : approvals)
        a.append(i.toJson());
    return {{QStringLiteral("sessions"), s},
            {QStringLiteral("approvals"), a},
            {QStringLiteral("costToday"), costToday},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
            {QStringLiteral("maxConcurrent"), maxConcurrent}};
}

AgentList AgentList::fromJson(const QJsonObject &o)
{
    AgentList r;
    for (const QJsonValue &v : o.value(QLatin1String("sessions")).toArray())
        r.sessions << SessionInfo::fromJson(v.toObject());
    for (const QJsonValue &v : o.value(QLatin1String("approvals")).toArray())
        r.approvals << ApprovalInfo::fromJson(v.toObject());
    r.costToday = o.value(QLatin1String("costToday")).toDouble();
    r.warnings = stringsOf(o.value(QLatin1String("warnings")));
    r.maxConcurrent = o.value(QLatin1String("maxConcurrent")).toInt();
    return r;
}

QJsonObject EventsReply::toJson() const
{
    QJsonArray arr;
    for (const StoredEvent &e : events)
        arr.append(e.toJson());
    return {{QStringLiteral("sessionId"), sessionId}, {QStringLiteral("events"), arr}};
}

EventsReply EventsReply::fromJson(const QJsonObject &o)
{
    EventsReply r;
    r.sessionId = o.value(QLatin1String("sessionId")).toString();
    for (const QJsonValue &v : o.value(QLatin1String("events")).toArray())
        r.events << StoredEvent::fromJson(v.toObject());
    return r;
}

QJsonObject ClaudeLocationReply::toJson() const
{
    return {{QStringLiteral("path"), path},
            {QStringLiteral("source"), source},
            {QStringLiteral("error"), error},
            {QStringLiteral("configured"), configured},
            {QStringLiteral("candidates"), candidates},
            {QStringLiteral("loginProblem"), loginProblem}};
}

ClaudeLocationReply ClaudeLocationReply::fromJson(const QJsonObject &o)
{
    ClaudeLocationReply r;
    r.path = o.value(QLatin1String("path")).toString();
    r.source = o.value(QLatin1String("source")).toString();
    r.error = o.value(QLatin1String("error")).toString();
    r.configured = o.value(QLatin1String("configured")).toBool();
    r.candidates = o.value(QLatin1String("candidates")).toArray();
    r.loginProblem = o.value(QLatin1String("loginProblem")).toString();
    return r;
}

SessionInfo changedSession(const QJsonObject &params,
                           const std::function<QString(const QString &id)> &knownTask)
{
    const QJsonObject session = params.value(QLatin1String("session")).toObject();
    SessionInfo s = SessionInfo::fromJson(session);
    if (!session.contains(QLatin1String("task")))
        s.task = knownTask(s.id);
    return s;
}

} // namespace chorus::rpc
