#pragma once

// The wire protocol of the control socket, in one place: method and notification names, and
// codecs between each request or reply type and its JSON-RPC params. The CLI, the GUI's
// EngineClient and the engine's handler table all use these; nobody else spells a key.

#include "model/approvalinfo.h"
#include "model/liveupdate.h"
#include "model/requests.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QStringList>

#include <functional>
#include <optional>

namespace chorus::rpc {

namespace method {
inline constexpr QLatin1String EnginePing{"engine.ping"};
inline constexpr QLatin1String EngineShutdown{"engine.shutdown"};
inline constexpr QLatin1String Subscribe{"subscribe"};
inline constexpr QLatin1String Unsubscribe{"unsubscribe"};
inline constexpr QLatin1String AgentsSpawn{"agents.spawn"};
inline constexpr QLatin1String AgentsList{"agents.list"};
inline constexpr QLatin1String AgentsGet{"agents.get"};
inline constexpr QLatin1String AgentsSend{"agents.send"};
inline constexpr QLatin1String AgentsInterrupt{"agents.interrupt"};
inline constexpr QLatin1String AgentsStop{"agents.stop"};
inline constexpr QLatin1String AgentsResume{"agents.resume"};
inline constexpr QLatin1String AgentsApprove{"agents.approve"};
inline constexpr QLatin1String AgentsClean{"agents.clean"};
inline constexpr QLatin1String EventsList{"events.list"};
inline constexpr QLatin1String MergeRun{"merge.run"};
inline constexpr QLatin1String MergeApprove{"merge.approve"};
inline constexpr QLatin1String MergeResolve{"merge.resolve"};
inline constexpr QLatin1String MergeHistory{"merge.history"};
inline constexpr QLatin1String RepoSync{"repo.sync"};
inline constexpr QLatin1String ReviewTarget{"review.target"};
inline constexpr QLatin1String RolesList{"roles.list"};
inline constexpr QLatin1String SettingsGet{"settings.get"};
inline constexpr QLatin1String SettingsSet{"settings.set"};
inline constexpr QLatin1String ClaudeLocate{"claude.locate"};
inline constexpr QLatin1String LimitsGet{"limits.get"};
inline constexpr QLatin1String LimitsResume{"limits.resume"};
inline constexpr QLatin1String LimitsRecord{"limits.record"};
} // namespace method

namespace notification {
inline constexpr QLatin1String SessionChanged{"session.changed"};
inline constexpr QLatin1String EventsStored{"events.stored"};
inline constexpr QLatin1String ApprovalChanged{"approval.changed"};
inline constexpr QLatin1String SubscriptionDropped{"subscription.dropped"};
// A profile's rate-limit picture or mode changed ({} : ask limits.get); to session subscribers.
inline constexpr QLatin1String LimitsChanged{"limits.changed"};
// What an agent writes now (LiveUpdate): only to clients subscribed to that session's events
// with "partial": true; coalesced by the engine (at most ~20 a second per session).
inline constexpr QLatin1String EventsPartial{"events.partial"};
} // namespace notification

// Who sent a request: every request carries it as a top-level "caller" member
// ({"kind": "cli"|"gui"|"agent"|..., "name": ...}); agents' messages to each other need it.
struct Caller
{
    QString kind = QStringLiteral("unknown");
    QString name; // an agent's name; a program's for others (optional)

    QJsonObject toJson() const;
    static Caller fromJson(const QJsonValue &v);
};

// Reads a request's params, checking each field's type. The first wrong field makes status()
// an error naming it (JSON-RPC -32602, data {"field"}); a missing field is its default.
class ParamReader
{
public:
    ParamReader(const QJsonObject &params, QLatin1String method)
        : m_params(params), m_method(method)
    {}

    QString string(const char *key, const QString &fallback = {});
    bool boolean(const char *key, bool fallback = false);
    qint64 integer(const char *key, qint64 fallback = 0);
    QStringList strings(const char *key);
    QJsonObject object(const char *key);
    // "*" or a list of strings.
    bool starOrStrings(const char *key, QStringList *list);
    // Whether the field is given (null counts as not given).
    bool has(const char *key) const
    {
        QJsonValue v;
        return present(key, &v);
    }

    // Ok, or the first bad field (Error::where: its name).
    Status status() const;

private:
    bool present(const char *key, QJsonValue *v) const;
    void bad(const char *key, const char *what);

    QJsonObject m_params;
    QLatin1String m_method;
    QString m_badField;
    QString m_badWhat;
};

// --- requests --------------------------------------------------------------------------
struct AgentRequest // agents.get, agents.interrupt, merge.history
{
    QString agent;
};
struct SendRequest
{
    QString agent;
    QString text;
};
struct StopRequest
{
    QString agent;
    bool all = false;
};
struct ResumeRequest
{
    QString agent;
    QString task;
    QProcessEnvironment environment;
};
struct ApproveRequest
{
    QString agent;
    qint64 requestId = 0; // <= 0: the oldest pending request
    bool allow = true;
    bool forSession = false;
    QString message;
};
struct EventsRequest
{
    QString agent;
    int tail = 0; // > 0: the last `tail` events
    qint64 afterSeq = 0;
    int limit = 0;
};
struct SubscribeRequest
{
    std::optional<bool> sessions;
    std::optional<bool> approvals;
    bool allEvents = false;
    QStringList events; // session ids
    // Also `events.partial` for those sessions (a snapshot of what is live comes at once).
    bool partial = false;
};
struct MergeApproveRequest
{
    QString agent;
    bool approved = true;
};
struct TargetRequest // merge.resolve, review.target
{
    QString agent;
    QString into;
};
struct SyncRequest
{
    QStringList agents;
    QString repo;
    QString into;
    bool rebase = false;
};
struct CleanRequest
{
    QStringList agents;
    bool all = false;
    bool force = false;
};
struct ClaudeLocateRequest
{
    std::optional<QString> claudePath; // a path to check; unset: the engine's setting
    QProcessEnvironment environment;   // the client's, as it sends with a spawn
};

QJsonObject toParams(const SpawnRequest &r);
QJsonObject toParams(const MergeQueueOptions &r);
QJsonObject toParams(const AgentRequest &r);
QJsonObject toParams(const SendRequest &r);
QJsonObject toParams(const StopRequest &r);
QJsonObject toParams(const ResumeRequest &r);
QJsonObject toParams(const ApproveRequest &r);
QJsonObject toParams(const EventsRequest &r);
QJsonObject toParams(const SubscribeRequest &r);
QJsonObject toParams(const MergeApproveRequest &r);
QJsonObject toParams(const TargetRequest &r);
QJsonObject toParams(const SyncRequest &r);
QJsonObject toParams(const CleanRequest &r);
QJsonObject toParams(const ClaudeLocateRequest &r);

// fromParams(params, method, &request): Ok, or the error of the first bad field (Error::where
// is the field's name; the service answers it as JSON-RPC -32602).
Status fromParams(const QJsonObject &p, QLatin1String method, SpawnRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, MergeQueueOptions *r);
Status fromParams(const QJsonObject &p, QLatin1String method, AgentRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, SendRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, StopRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, ResumeRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, ApproveRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, EventsRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, SubscribeRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, MergeApproveRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, TargetRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, SyncRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, CleanRequest *r);
Status fromParams(const QJsonObject &p, QLatin1String method, ClaudeLocateRequest *r);

// events.partial: {sessionId, messageId, turnStartedAt, step: {kind, tool, detail, since},
// blocks: [{index, kind: "text"|"thinking", from, text}], snapshot, ended}. A client applies
// a block's text at `from` (it replaces what the client has from there on) and ignores a
// block whose `from` is past what it has.
QJsonObject toParams(const LiveUpdate &u);
Status fromParams(const QJsonObject &p, QLatin1String method, LiveUpdate *u);

// --- replies ---------------------------------------------------------------------------
struct PingReply
{
    qint64 pid = 0;
    QString version;
    QString socket;
    QStringList startup; // what the start-up sweep removed
    QStringList warnings;
    Caller caller; // who the engine took the asking client for

    QJsonObject toJson() const;
    static PingReply fromJson(const QJsonObject &o);
};

struct AgentList
{
    QList<SessionInfo> sessions;
    QList<ApprovalInfo> approvals;
    double costToday = 0;
    QStringList warnings;
    int maxConcurrent = 0;

    QJsonObject toJson() const;
    static AgentList fromJson(const QJsonObject &o);
};

struct EventsReply
{
    QString sessionId;
    QList<StoredEvent> events;

    QJsonObject toJson() const;
    static EventsReply fromJson(const QJsonObject &o);
};

// claude.locate: where the engine finds the Claude Code CLI (it launches the agents).
struct ClaudeLocationReply
{
    QString path;            // empty: not found
    QString source;          // "setting", "CHORUS_CLAUDE", "PATH", ...
    QString error;           // why not, naming every place tried
    bool configured = false; // a path (setting or CHORUS_CLAUDE) decided where to look
    QJsonArray candidates;   // [{source, path}] in the order they are tried
    // Why the CLI found cannot work for now (not logged in, from an agent's failed turn; see
    // Engine::claudeProblem()), empty when nothing is known against it.
    QString loginProblem;

    QJsonObject toJson() const;
    static ClaudeLocationReply fromJson(const QJsonObject &o);
};

// The session of a session.changed notice. Its task is left out when the client had it already
// (EngineService sends each client a session's task once, and again when it changes):
// `knownTask(id)` gives the one the client has then.
SessionInfo changedSession(const QJsonObject &params,
                           const std::function<QString(const QString &id)> &knownTask);

} // namespace chorus::rpc
