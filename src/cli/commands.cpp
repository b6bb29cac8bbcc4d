#include "clitext.h"
#include "commands.h"

#include "agentexec.h"
#include "args.h"
#include "cliio.h"
#include "daemon.h"
#include "engine/enginesettings.h"
#include "gitcommands.h"
#include "limitcommands.h"
#include "model/approvalinfo.h"
#include "model/sessioninfo.h"
#include "model/storedevent.h"
#include "paths.h"
#include "render.h"
#include "roles/rolecatalog.h"
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"
#include "usagecommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSet>
#include <QTextStream>
#include <QTimeZone>
#include <QTimer>

#include <unistd.h>
#include <QUuid>

#include <functional>

namespace chorus::cli {

namespace {

bool settled(const SessionInfo &s)
{
    return s.state == SessionState::Idle || isFinal(s.state);
}

// --- spawn -------------------------------------------------------------------------
// Calls `method` with `params` (which starts an agent and answers its SessionInfo), then with
// --wait waits until the agent's first turn is over and checkpointed.
int startAgent(const Args &a, QLatin1String method, const QJsonObject &params)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const bool wait = a.has(QStringLiteral("wait"));
    QString myId;
    QString myTask;
    std::optional<SessionInfo> final;
    bool approvalHintShown = false;
    QEventLoop loop;
    if (wait) {
        QObject::connect(&client, &RpcClient::notificationReceived, &loop,
                         [&](const QString &notification, const QJsonObject &p) {
                             if (notification != rpc::notification::SessionChanged)
                                 return;
                             const SessionInfo s =
                                 rpc::changedSession(p, [&](const QString &) { return myTask; });
                             if (s.id != myId)
                                 return;
                             if (s.state == SessionState::Waiting && s.stateDetail == QLatin1String("approval") &&
                                 !approvalHintShown) {
                                 approvalHintShown = true;
                                 err() << Cli::tr("%1 is waiting for approval: chorus approve %1 [--deny]").arg(s.name)
                                       << Qt::endl;
                             }
                             if (settled(s) && s.turns > 0) {
                                 final = s;
                                 loop.quit();
                             } else if (isFinal(s.state)) {
                                 final = s;
                                 loop.quit();
                             }
                         });
        QObject::connect(&client, &RpcClient::disconnected, &loop, [&] { loop.quit(); });
        const Result<QJsonValue> sub =
            call(client, rpc::method::Subscribe,
                 rpc::toParams(rpc::SubscribeRequest{true, std::nullopt, false, {}}));
        if (!sub)
            return fail(sub.error());
    }
    // A spawn carries a request id: a retry after a timeout is the same spawn. A resolve has
    // none and waits for the git thread (behind a merge queue's checks, maybe): it is asked once
    // and waited for.
    const bool retryable = params.contains(QLatin1String("requestId"));
    Result<QJsonValue> r = call(client, method, params, retryable ? 30000 : kLongCall);
    for (int retry = 0;
         retryable && retry < 3 && !r && client.lastCallTimedOut() && client.isConnected(); ++retry)
        r = call(client, method, params);
    if (!r)
        return fail(r.error());
    const SessionInfo spawned = SessionInfo::fromJson(r->toObject());
    myId = spawned.id;
    myTask = spawned.task;
    if (!spawned.warning.isEmpty()) {
        err() << Cli::tr("warning: %1 %2").arg(spawned.name, spawned.warning) << Qt::endl;
        if (spawned.worksInPlace())
            err() << Cli::tr("  To give it a branch and worktree of its own, start it in a git "
                             "repository "
                             "(--dir=DIR or --repo=DIR); to have it work in place and not be "
                             "warned, pass "
                             "--in-place.")
                  << Qt::endl;
    }
    if (!wait) {
        if (a.has(QStringLiteral("json")))
            printJson(spawned.toJson());
        else
            out() << Cli::tr("Spawned %1 (%2, id %3), state %4.")
                         .arg(spawned.name, spawned.role, spawned.id.left(8), stateName(spawned.state))
                  << Qt::endl;
        return 0;
    }
    // Who it is and where it works, at once: a turn can take long, and meanwhile the user can
    // look at its worktree or follow it. With --json, stdout keeps the one final object.
    {
        TermStream &early = a.has(QStringLiteral("json")) ? err() : out();
        early << Cli::tr("Spawned %1 (%2, id %3).")
                     .arg(spawned.name, spawned.role, spawned.id.left(8))
              << '\n';
        if (spawned.worksInPlace())
            early << Cli::tr("  works in %1 (in place, no branch of its own)").arg(spawned.dir)
                  << '\n';
        else
            early << Cli::tr("  works in %1 on branch %2")
                         .arg(spawned.worktree.isEmpty() ? spawned.dir : spawned.worktree,
                              spawned.branch)
                  << '\n';
        early << Cli::tr("  waiting for its turn to end (follow it: chorus logs %1 --follow)")
                     .arg(spawned.name)
              << Qt::endl;
    }
    // The agent may have settled before we looked.
    const Result<QJsonValue> now =
        call(client, rpc::method::AgentsGet, rpc::toParams(rpc::AgentRequest{myId}));
    if (now) {
        const SessionInfo s = SessionInfo::fromJson(now->toObject());
        if ((settled(s) && s.turns > 0) || isFinal(s.state))
            final = s;
    }
    if (!final)
        loop.exec();
    if (!final)
        return fail(makeError(Cli::tr("lost the connection to the engine while waiting"), spawned.name));
    if (a.has(QStringLiteral("json")))
        printJson(final->toJson());
    else {
        out() << Cli::tr("%1 is %2 after %n turn(s), $%3.", nullptr, final->turns)
                     .arg(final->name, stateName(final->state))
                     .arg(final->costUsd, 0, 'f', 4)
              << Qt::endl;
        if (!final->error.isEmpty())
            err() << final->error << Qt::endl;
    }
    return final->state == SessionState::Idle || final->state == SessionState::Done ? 0 : 1;
}

int cmdSpawn(const Args &a)
{
    if (!a.values.contains(QStringLiteral("task"))) {
        err() << Cli::tr("chorus spawn: --task=TEXT is required") << Qt::endl;
        return 2;
    }
    SpawnRequest request;
    request.role = a.positional.value(0);
    request.task = a.value(QStringLiteral("task"));
    request.dir = QDir(a.value(QStringLiteral("dir"), QDir::currentPath())).absolutePath();
    request.name = a.value(QStringLiteral("name"));
    request.model = a.value(QStringLiteral("model"));
    if (a.values.contains(QStringLiteral("repo")))
        request.repo = QDir(a.value(QStringLiteral("repo"))).absolutePath();
    request.base = a.value(QStringLiteral("base"));
    request.noWorktree = a.has(QStringLiteral("no-worktree"));
    request.inPlace = a.has(QStringLiteral("in-place"));
    // The request carries an id of its own: when the engine is too busy to answer in time (a
    // large checkout), asking again with the same id returns the first spawn's agent, never a
    // second one.
    request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The agent works with this shell's environment (less the engine's deny list), not with
    // whatever environment the engine happened to be started from.
    request.environment = QProcessEnvironment::systemEnvironment();
    return startAgent(a, rpc::method::AgentsSpawn, rpc::toParams(request));
}

int cmdResolve(const Args &a)
{
    return startAgent(
        a, rpc::method::MergeResolve,
        rpc::toParams(rpc::TargetRequest{a.positional.value(0), a.value(QStringLiteral("into"))}));
}

// --- status ------------------------------------------------------------------------
int cmdStatus(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const Result<QJsonValue> r = call(client, rpc::method::AgentsList);
    if (!r)
        return fail(r.error());
    const rpc::AgentList list = rpc::AgentList::fromJson(r->toObject());
    const QList<SessionInfo> &sessions = list.sessions;
    if (a.has(QStringLiteral("json"))) {
        QJsonArray agents, approvals;
        for (const SessionInfo &s : sessions) {
            QJsonObject agent = s.toJson();
            // An agent waiting for a rate limit to reset: when it goes on by itself.
            if (const qint64 at = s.options.value(QLatin1String("resumesAt")).toInteger();
                at > 0 && s.state == SessionState::Waiting)
                agent.insert(QStringLiteral("resumesAt"),
                             QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc())
                                 .toString(Qt::ISODateWithMs));
            agents.append(agent);
        }
        for (const ApprovalInfo &ap : list.approvals)
            approvals.append(ap.toJson());
        printJson(
            QJsonObject{{QStringLiteral("agents"), agents},
                        {QStringLiteral("approvals"), approvals},
                        {QStringLiteral("costToday"), list.costToday},
                        {QStringLiteral("warnings"), QJsonArray::fromStringList(list.warnings)}});
        return 0;
    }
    // What the engine found wrong with itself (storage, integrity) comes first.
    for (const QString &w : list.warnings)
        out() << Cli::tr("engine: %1").arg(w) << '\n';
    if (sessions.isEmpty()) {
        out() << Cli::tr("No agents yet. Start one with: chorus spawn builder --task=\"...\"") << Qt::endl;
        return 0;
    }
    out() << renderStatusTable(sessions, outputWidth());
    for (const SessionInfo &s : sessions)
        if (!s.warning.isEmpty())
            out() << Cli::tr("warning: %1 %2").arg(s.name, s.warning) << '\n';
    for (const SessionInfo &s : sessions)
        if (const auto &cp = s.branchState.checkpointFailure; cp && !s.branchState.isCleaned())
            out() << Cli::tr("error: %1 could not commit its work at %2: %3")
                         .arg(s.name, cp->at, cp->error)
                  << '\n';
    if (!list.approvals.isEmpty()) {
        out() << '\n' << Cli::tr("Waiting for approval:") << '\n';
        for (const ApprovalInfo &ap : list.approvals) {
            QString name = ap.sessionId.left(8);
            for (const SessionInfo &s : sessions)
                if (s.id == ap.sessionId)
                    name = s.name;
            out() << QStringLiteral("  #%1 %2 %3: %4\n").arg(ap.id).arg(name, ap.toolName, ap.description);
            out() << QStringLiteral("      chorus approve %1 --request=%2 [--deny]\n").arg(name).arg(ap.id);
        }
    }
    out() << '\n' << Cli::tr("Today: $%1").arg(list.costToday, 0, 'f', 4) << Qt::endl;
    return 0;
}

// --- logs --------------------------------------------------------------------------
int cmdLogs(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const bool json = a.has(QStringLiteral("json"));
    const bool follow = a.has(QStringLiteral("follow"));
    const QString role = a.value(QStringLiteral("role"));
    QHash<QString, QString> names; // id -> name, the sessions shown
    QHash<QString, qint64> lastSeq;
    const Result<QJsonValue> list = call(client, rpc::method::AgentsList);
    if (!list)
        return fail(list.error());
    const QList<SessionInfo> all = rpc::AgentList::fromJson(list->toObject()).sessions;
    if (!a.positional.isEmpty()) {
        const Result<QJsonValue> one = call(client, rpc::method::AgentsGet,
                                            rpc::toParams(rpc::AgentRequest{a.positional.first()}));
        if (!one)
            return fail(one.error());
        const SessionInfo s = SessionInfo::fromJson(one->toObject());
        names.insert(s.id, s.name);
    } else {
        for (const SessionInfo &s : all)
            if (role.isEmpty() || s.role == role)
                names.insert(s.id, s.name);
    }
    const bool prefixed = a.positional.isEmpty();
    auto print = [&](const StoredEvent &e) {
        if (e.seq <= lastSeq.value(e.sessionId))
            return;
        lastSeq[e.sessionId] = e.seq;
        if (json) {
            printJsonLine(e.toJson());
            return;
        }
        const QString text = renderEvent(e, prefixed ? QLatin1Char('[') + names.value(e.sessionId) + QStringLiteral("] ") : QString());
        if (!text.isEmpty())
            out() << text << Qt::endl;
    };
    QEventLoop loop;
    bool engineLost = false;
    // While sync() lists what is stored, live events wait: printed first, they would move
    // lastSeq past the ones being listed, which would then be skipped.
    bool syncing = false;
    QList<StoredEvent> early;
    if (follow) {
        QObject::connect(&client, &RpcClient::notificationReceived, &loop,
                         [&](const QString &method, const QJsonObject &p) {
                             if (method == rpc::notification::SessionChanged && prefixed) {
                                 const SessionInfo s = SessionInfo::fromJson(p.value(QLatin1String("session")).toObject());
                                 if (!names.contains(s.id) && (role.isEmpty() || s.role == role))
                                     names.insert(s.id, s.name);
                                 return;
                             }
                             if (method != rpc::notification::EventsStored)
                                 return;
                             for (const QJsonValue &v : p.value(QLatin1String("events")).toArray()) {
                                 const StoredEvent e = StoredEvent::fromJson(v.toObject());
                                 if (!names.contains(e.sessionId))
                                     continue;
                                 if (syncing)
                                     early.append(e); // after the stored events being listed
                                 else
                                     print(e);
                             }
                         });
        QObject::connect(&client, &RpcClient::disconnected, &loop, [&] {
            engineLost = true;
            loop.quit();
        });
    }
    // Subscribes (with --follow), then prints what is stored after what was printed. Run again
    // when the engine dropped the subscription because this reader fell behind.
    auto sync = [&]() -> Status {
        syncing = true;
        const auto done = qScopeGuard([&] {
            syncing = false;
            for (const StoredEvent &e : std::exchange(early, {}))
                print(e); // what the list already printed is skipped by seq
        });
        if (follow) {
            // All agents' events (and new agents), or the one agent's.
            const rpc::SubscribeRequest sub{prefixed, std::nullopt, prefixed,
                                            prefixed ? QStringList()
                                                     : QStringList{names.keys().first()}};
            if (const Result<QJsonValue> s =
                    call(client, rpc::method::Subscribe, rpc::toParams(sub));
                !s)
                return s.error();
        }
        for (auto it = names.constBegin(); it != names.constEnd(); ++it) {
            rpc::EventsRequest request;
            request.agent = it.key();
            request.afterSeq = lastSeq.value(it.key());
            const Result<QJsonValue> ev =
                call(client, rpc::method::EventsList, rpc::toParams(request));
            if (!ev)
                return ev.error();
            for (const StoredEvent &e : rpc::EventsReply::fromJson(ev->toObject()).events)
                print(e);
        }
        return Ok{};
    };
    if (follow) {
        QObject::connect(&client, &RpcClient::notificationReceived, &loop,
                         [&](const QString &method, const QJsonObject &) {
                             if (method != rpc::notification::SubscriptionDropped)
                                 return;
                             QTimer::singleShot(0, &loop, [&] {
                                 if (Status st = sync(); !st)
                                     loop.exit(fail(st.error()));
                             });
                         });
    }
    if (Status st = sync(); !st)
        return fail(st.error());
    int rc = 0;
    if (follow && !engineLost)
        rc = loop.exec();
    if (engineLost) // following ends only when interrupted; anything else is a failure
        return fail(makeError(
            Cli::tr("lost the connection to the engine: it stopped or died"), {},
            Cli::tr("See %1 for why, then run chorus logs --follow again (it starts the engine).")
                .arg(paths::daemonLogPath())));
    return rc;
}

// --- approve -----------------------------------------------------------------------
int cmdApprove(const Args &a)
{
    RpcClient client;
    if (!connectEngine(client))
        return 1;
    const bool deny = a.has(QStringLiteral("deny"));
    const rpc::ApproveRequest request{
        a.positional.value(0), a.value(QStringLiteral("request")).toLongLong(), !deny,
        a.has(QStringLiteral("for-session")), a.value(QStringLiteral("message"))};
    const Result<QJsonValue> r = call(client, rpc::method::AgentsApprove, rpc::toParams(request));
    if (!r)
        return fail(r.error());
    const ApprovalInfo ap = ApprovalInfo::fromJson(r->toObject());
    out() << (deny ? Cli::tr("Denied #%1 (%2).") : Cli::tr("Allowed #%1 (%2).")).arg(ap.id).arg(ap.toolName) << Qt::endl;
    return 0;
}

// --- roles -------------------------------------------------------------------------
int cmdRoles(const Args &a)
{
    RoleCatalog catalog;
    const EngineSettings settings = loadEngineSettings();
    if (settings.userRolesDir.isEmpty())
        catalog.load();
    else
        catalog.load({settings.userRolesDir});
    for (const Error &e : catalog.errors())
        err() << Cli::tr("warning: ") << e.toString() << Qt::endl;
    if (a.positional.value(0) == QLatin1String("show")) {
        const QString name = a.positional.value(1);
        const Role *role = catalog.find(name);
        if (!role)
            return fail(makeError(Cli::tr("there is no role named '%1'").arg(name), {},
                                  Cli::tr("Known roles: %1").arg(catalog.names().join(QStringLiteral(", ")))));
        printJson(role->toJson());
        return 0;
    }
    if (!a.positional.isEmpty()) {
        err() << Cli::tr("chorus roles: unknown subcommand '%1' (use: chorus roles [show NAME])").arg(a.positional.first())
              << Qt::endl;
        return 2;
    }
    if (a.has(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const Role &r : catalog.roles())
            arr.append(r.toJson());
        printJson(arr);
        return 0;
    }
    for (const Role &r : catalog.roles())
        out() << QStringLiteral("%1  %2  [%3]%4\n")
                     .arg(r.name.leftJustified(12), r.description,
                          permissionModeName(r.permissionMode),
                          r.isBuiltIn() ? QString() : QStringLiteral("  (") + r.source + QLatin1Char(')'));
    out().flush();
    return 0;
}

struct Command
{
    CommandSpec spec;
    std::function<int(const Args &)> run;
};

QList<Command> commands()
{
    auto agent = [](const Args &a) { return a.positional.value(0); };
    return {
        {{QStringLiteral("spawn"),
          QStringLiteral(
              "ROLE --task=TEXT [--dir=DIR] [--repo=DIR] [--base=REV] [--no-worktree] [--in-place] "
              "[--name=NAME] [--model=M] [--wait] [--json]"),
          Cli::tr(
              "Starts an agent with ROLE on TASK in DIR (default: the current directory). In a git "
              "repository the agent gets its own branch chorus/NAME and worktree; your own working "
              "tree is never touched."),
          {QStringLiteral("task"), QStringLiteral("dir"), QStringLiteral("name"),
           QStringLiteral("model"), QStringLiteral("repo"), QStringLiteral("base")},
          {QStringLiteral("wait"), QStringLiteral("json"), QStringLiteral("no-worktree"),
           QStringLiteral("in-place")},
          1,
          1,
          Cli::tr(
              "  --task=TEXT     what the agent should do (required)\n"
              "  --dir=DIR       the directory it works in\n"
              "  --repo=DIR      the git repository to isolate it in (default: the one holding "
              "DIR)\n"
              "  --base=REV      where its branch starts (default: the current branch's head);\n"
              "                  another agent's branch works: --base=chorus/architect-1\n"
              "  --no-worktree   work in DIR itself, without a branch of its own\n"
              "  --in-place      work in DIR itself and mean it (implies --no-worktree): no "
              "warning\n"
              "                  that a role which can edit files changes DIR directly\n"
              "  --name=NAME     its name (default: ROLE-N)\n"
              "  --model=M       a model for this agent (default: the role's)\n"
              "  --wait          wait until its first turn ends and is checkpointed; exit 1 if it "
              "failed\n"
              "  --json          print the agent as JSON")},
         cmdSpawn},
        {{QStringLiteral("status"),
          QStringLiteral("[--json]"),
          Cli::tr("Lists the agents, their state, tokens and cost, and open approval requests."),
          {},
          {QStringLiteral("json")},
          0,
          0,
          {}},
         cmdStatus},
        {{QStringLiteral("logs"),
          QStringLiteral("[AGENT] [--role=ROLE] [--follow] [--json]"),
          Cli::tr("Prints what agents did: one AGENT, or all (optionally of one ROLE)."),
          {QStringLiteral("role")},
          {QStringLiteral("follow"), QStringLiteral("json")},
          0,
          1,
          Cli::tr("  --follow      keep printing new events until interrupted\n"
                  "  --json        one stored event per line, as JSON")},
         cmdLogs},
        {{QStringLiteral("send"),
          QStringLiteral("AGENT TEXT"),
          Cli::tr("Sends a follow-up message to an agent (it runs when the agent is free)."),
          {},
          {},
          2,
          2,
          {}},
         [agent](const Args &a) {
             return simpleCall(rpc::method::AgentsSend,
                               rpc::toParams(rpc::SendRequest{agent(a), a.positional.value(1)}),
                               Cli::tr("Sent."));
         }},
        {{QStringLiteral("approve"),
          QStringLiteral("AGENT [--deny] [--request=ID] [--for-session] [--message=TEXT]"),
          Cli::tr("Answers an agent's tool permission request (the oldest, or ID)."),
          {QStringLiteral("request"), QStringLiteral("message")},
          {QStringLiteral("deny"), QStringLiteral("for-session")},
          1,
          1,
          Cli::tr("  --deny          refuse instead of allowing\n"
                  "  --request=ID    which request (see chorus status)\n"
                  "  --for-session   also allow this tool for the rest of the session\n"
                  "  --message=TEXT  the reason given to the agent when denying")},
         cmdApprove},
        {{QStringLiteral("interrupt"),
          QStringLiteral("AGENT"),
          Cli::tr("Interrupts the agent's running turn."),
          {},
          {},
          1,
          1,
          {}},
         [agent](const Args &a) {
             return simpleCall(rpc::method::AgentsInterrupt,
                               rpc::toParams(rpc::AgentRequest{agent(a)}),
                               Cli::tr("Interrupt sent."));
         }},
        {{QStringLiteral("stop"),
          QStringLiteral("AGENT|--all"),
          Cli::tr("Stops an agent (or all of them)."),
          {},
          {QStringLiteral("all")},
          0,
          1,
          {}},
         [agent](const Args &a) {
             if (a.has(QStringLiteral("all")) == !a.positional.isEmpty()) {
                 err() << Cli::tr("chorus stop: give an AGENT or --all") << Qt::endl;
                 return 2;
             }
             return simpleCall(rpc::method::AgentsStop,
                               rpc::toParams(rpc::StopRequest{agent(a), a.has(QStringLiteral("all"))}),
                               Cli::tr("Stopping."));
         }},
        {{QStringLiteral("resume"),
          QStringLiteral("AGENT [--task=TEXT]"),
          Cli::tr("Resumes an agent's session (after it stopped, failed or was interrupted)."),
          {QStringLiteral("task")},
          {},
          1,
          1,
          {}},
         [agent](const Args &a) {
             // With this shell's environment, as a spawn from it sends.
             return simpleCall(rpc::method::AgentsResume,
                               rpc::toParams(rpc::ResumeRequest{
                                   agent(a), a.value(QStringLiteral("task")),
                                   QProcessEnvironment::systemEnvironment()}),
                               Cli::tr("Resuming."));
         }},
        {{QStringLiteral("diff"),
          QStringLiteral("AGENT [--stat] [--into=BRANCH] [--json]"),
          Cli::tr("Shows what AGENT's branch changed since it left the target (what a merge would "
                  "bring)."),
          {QStringLiteral("into")},
          {QStringLiteral("stat"), QStringLiteral("json")},
          1,
          1,
          Cli::tr(
              "  --stat          one line per file with its +/- counts\n"
              "  --into=BRANCH   compare with BRANCH (default: the repository's current branch)\n"
              "  --json          files, hunks and lines as JSON")},
         cmdDiff},
        {{QStringLiteral("sync"),
          QStringLiteral("[AGENT...] [--repo=DIR] [--into=BRANCH] [--rebase] [--json]"),
          Cli::tr("Checkpoints the agents of a repository, then brings the target branch into each "
                  "agent's branch. "
                  "An agent whose sync conflicts keeps its branch as it was and is flagged."),
          {QStringLiteral("repo"), QStringLiteral("into")},
          {QStringLiteral("rebase"), QStringLiteral("json")},
          0,
          -1,
          Cli::tr(
              "  --repo=DIR      the repository (default: the one holding the current directory)\n"
              "  --into=BRANCH   the branch to bring in (default: the repository's current "
              "branch)\n"
              "  --rebase        replay each agent's commits on the target instead of merging it "
              "in\n"
              "  --json          the report as JSON")},
         cmdSync},
        {{QStringLiteral("merge"),
          QStringLiteral("[AGENT...] [--strategy=review|auto|squash|rebase] [--into=BRANCH] "
                         "[--check=CMD] [--yes] [--json]"),
          Cli::tr("Merges agents' branches into the target one at a time (a merge queue). A "
                  "conflict or a "
                  "failing check never moves the target and never loses an agent's branch."),
          {QStringLiteral("strategy"), QStringLiteral("into"), QStringLiteral("check"),
           QStringLiteral("repo")},
          {QStringLiteral("yes"), QStringLiteral("json")},
          0,
          -1,
          Cli::tr("  --strategy=S    auto (default): a merge commit for each branch that merges "
                  "cleanly;\n"
                  "                  squash: one commit per agent; rebase: replay its commits, "
                  "then fast-forward;\n"
                  "                  review: only branches approved in review (or with chorus "
                  "approve-merge)\n"
                  "  --into=BRANCH   the target (default: the repository's current branch)\n"
                  "  --check=CMD     run CMD (split like a shell would, never run by one) in a "
                  "temporary\n"
                  "                  worktree of each candidate; only a passing candidate moves "
                  "the target\n"
                  "  --repo=DIR      the repository, when no AGENT is named (default: the current "
                  "one)\n"
                  "  --yes           do not ask first (needed when stdin is not a terminal)\n"
                  "  --json          the report as JSON")},
         cmdMerge},
        {{QStringLiteral("approve-merge"),
          QStringLiteral("AGENT [--revoke]"),
          Cli::tr(
              "Approves AGENT's branch for `chorus merge --strategy=review` (or withdraws it)."),
          {},
          {QStringLiteral("revoke")},
          1,
          1,
          {}},
         cmdApproveMerge},
        {{QStringLiteral("resolve"),
          QStringLiteral("AGENT [--into=BRANCH] [--wait] [--json]"),
          Cli::tr("Spawns a resolver agent for AGENT's merge conflicts: it starts from the target "
                  "with AGENT's "
                  "branch being merged in, resolves the conflicts, and its branch (the merge) is "
                  "reviewed and "
                  "merged like any agent's."),
          {QStringLiteral("into")},
          {QStringLiteral("wait"), QStringLiteral("json")},
          1,
          1,
          Cli::tr("  --into=BRANCH   the target (default: the repository's current branch)\n"
                  "  --wait          wait until its first turn ends and is checkpointed\n"
                  "  --json          print the resolver agent as JSON")},
         cmdResolve},
        {{QStringLiteral("clean"),
          QStringLiteral("[AGENT...] [--merged|--all] [--force] [--json]"),
          Cli::tr("Removes the worktrees of agents that are not working and reports the disk "
                  "freed. A merged "
                  "branch is deleted with its worktree; an unmerged branch is kept unless --force, "
                  "and even "
                  "then its commits stay reachable under refs/chorus/archive/."),
          {},
          {QStringLiteral("merged"), QStringLiteral("all"), QStringLiteral("force"),
           QStringLiteral("json")},
          0,
          -1,
          Cli::tr("  --merged        only agents whose branch is merged (the default)\n"
                  "  --all           every agent that is not working (unmerged branches are kept)\n"
                  "  --force         also delete unmerged branches (archived first)\n"
                  "  --json          the report as JSON")},
         cmdClean},
        {{QStringLiteral("roles"),
          QStringLiteral("[show NAME] [--json]"),
          Cli::tr("Lists the roles (built-in and yours), or shows one."),
          {},
          {QStringLiteral("json")},
          0,
          2,
          {}},
         cmdRoles},
        {{QStringLiteral("usage"),
          QStringLiteral(
              "[daily|weekly|monthly|session|blocks] [--since=YYYYMMDD] [--until=YYYYMMDD] "
              "[--timezone=TZ] [--mode=auto|calculate|display] [--breakdown] [--json]"),
          Cli::tr("Claude Code's token use and cost, from the transcripts of every Claude config "
                  "directory (CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude), also of "
                  "sessions outside Chorus. Counted as ccusage counts it; --json keeps ccusage's "
                  "field names."),
          {QStringLiteral("since"), QStringLiteral("until"), QStringLiteral("timezone"),
           QStringLiteral("mode"), QStringLiteral("order"), QStringLiteral("start-of-week")},
          {QStringLiteral("breakdown"), QStringLiteral("json")},
          0,
          1,
          Cli::tr(
              "  daily           one row per day (the default); weekly, monthly: per week, month\n"
              "  session         one row per Claude session, costliest first\n"
              "  blocks          the 5-hour windows, started at the first message's hour\n"
              "  --since, --until  only these days (YYYYMMDD, inclusive, in --timezone)\n"
              "  --timezone=TZ   the zone days are counted in (IANA name; default: the system's)\n"
              "  --mode=M        auto: the cost the transcript logged, else computed (default);\n"
              "                  calculate: always computed from the prices; display: logged only\n"
              "  --order=asc|desc  oldest or newest first\n"
              "  --start-of-week=DAY  the day weeks start on (default: sunday)\n"
              "  --breakdown     a line per model under each row\n"
              "  --json          the report as JSON\n"
              "Prices: built in, overridden per model by ~/.config/chorus/pricing.json.")},
         cmdUsage},
        {{QStringLiteral("limits"),
          QStringLiteral("[resume [PROFILE]] [--json]"),
          Cli::tr("Claude's rate-limit windows per profile as Claude last reported them (use, "
                  "reset, status), the profile's mode (normal; single: one turn at a time after a "
                  "warning; paused until a reset), and the agents running, queued and waiting on a "
                  "limit. `resume` lifts a pause or single mode now."),
          {},
          {QStringLiteral("json")},
          0,
          2,
          {}},
         cmdLimits},
        {{QStringLiteral("statusline"),
          QStringLiteral("< CLAUDE-STATUS-JSON"),
          Cli::tr(
              "For Claude Code's statusLine setting: prints one line (window use, reset, "
              "Chorus's agents) and gives a running engine the rate limits Claude Code passes "
              "on stdin, so your own sessions feed `chorus limits` too. Never starts the engine."),
          {},
          {},
          0,
          0,
          {}},
         cmdStatusline},
        {{QStringLiteral("daemon"),
          QStringLiteral("[start|stop|status|run]"),
          Cli::tr("Controls the Chorus engine. Clients start it when needed; `run` keeps it in the "
                  "foreground."),
          {},
          {},
          0,
          1,
          {}},
         daemonCommand},
        {{QStringLiteral("agent-exec"),
          QStringLiteral("< LAUNCH-LINE"),
          Cli::tr("Plumbing for agent hosts: reads one JSON launch line on stdin ({\"program\", "
                  "\"arguments\", "
                  "\"environment\", \"workingDirectory\"}) and execs that program, no shell, with "
                  "stdin "
                  "and stdout passed through."),
          {},
          {},
          0,
          0,
          {}},
         [](const Args &) { return agentExec(STDIN_FILENO); }},
    };
}

QString usage(const QList<Command> &cmds)
{
    QString s = Cli::tr("usage: chorus COMMAND [ARGS]\n\nRuns a team of Claude Code agents.\n\nCommands:\n");
    for (const Command &c : cmds)
        s += QStringLiteral("  %1 %2\n").arg(c.spec.name.leftJustified(14), c.spec.synopsis);
    s += Cli::tr("\nAGENT is an id, a unique id prefix or a name. `chorus help COMMAND` for details.\n");
    return s;
}
} // namespace

int run(const QStringList &argv)
{
    const QList<Command> cmds = commands();
    if (argv.isEmpty() || argv.first() == QLatin1String("--help") || argv.first() == QLatin1String("-h")) {
        (argv.isEmpty() ? err() : out()) << usage(cmds);
        return argv.isEmpty() ? 2 : 0;
    }
    if (argv.first() == QLatin1String("--version")) {
        out() << QStringLiteral("chorus %1\n").arg(QStringLiteral(CHORUS_VERSION));
        return 0;
    }
    QString name = argv.first();
    QStringList rest = argv.mid(1);
    if (name == QLatin1String("help")) {
        if (rest.isEmpty()) {
            out() << usage(cmds);
            return 0;
        }
        name = rest.first();
        rest = {QStringLiteral("--help")};
    }
    for (const Command &c : cmds) {
        if (c.spec.name != name)
            continue;
        Args args;
        QString error;
        if (!parseArgs(rest, c.spec, &args, &error)) {
            err() << QStringLiteral("chorus %1: ").arg(name) << error << '\n' << helpText(c.spec);
            return 2;
        }
        if (args.has(QStringLiteral("help"))) {
            out() << helpText(c.spec);
            return 0;
        }
        return c.run(args);
    }
    err() << Cli::tr("chorus: unknown command '%1'\n\n").arg(name) << usage(cmds);
    return 2;
}

} // namespace chorus::cli
