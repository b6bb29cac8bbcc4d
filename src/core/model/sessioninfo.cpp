#include "model/sessioninfo.h"

#include <QCoreApplication>

#include <array>

namespace chorus {

namespace {
struct StateName
{
    SessionState state;
    const char *name;
};
constexpr std::array<StateName, 11> kStates{{
    {SessionState::Queued, "queued"},
    {SessionState::Starting, "starting"},
    {SessionState::Running, "running"},
    {SessionState::Waiting, "waiting"},
    {SessionState::Stalled, "stalled"},
    {SessionState::Idle, "idle"},
    {SessionState::Done, "done"},
    {SessionState::Failed, "failed"},
    {SessionState::Stopped, "stopped"},
    {SessionState::Interrupted, "interrupted"},
    {SessionState::Creating, "creating"},
}};
} // namespace

QString stateName(SessionState s)
{
    for (const auto &e : kStates)
        if (e.state == s)
            return QLatin1String(e.name);
    return QStringLiteral("unknown");
}

SessionState stateFromName(const QString &name, bool *ok)
{
    for (const auto &e : kStates) {
        if (name == QLatin1String(e.name)) {
            if (ok)
                *ok = true;
            return e.state;
        }
    }
    if (ok)
        *ok = false;
    return SessionState::Failed;
}

bool isActive(SessionState s)
{
    return s == SessionState::Starting || s == SessionState::Running ||
           s == SessionState::Waiting || s == SessionState::Stalled;
}

bool isFinal(SessionState s)
{
    return s == SessionState::Done || s == SessionState::Failed || s == SessionState::Stopped ||
           s == SessionState::Interrupted;
}

QJsonObject SessionInfo::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("role"), role},
        {QStringLiteral("task"), task},
        {QStringLiteral("dir"), dir},
        {QStringLiteral("model"), model},
        {QStringLiteral("state"), stateName(state)},
        {QStringLiteral("stateDetail"), stateDetail},
        {QStringLiteral("claudeSessionId"), claudeSessionId},
        {QStringLiteral("pid"), pid},
        {QStringLiteral("turns"), turns},
        {QStringLiteral("tokens"), QJsonObject{{QStringLiteral("input"), tokens.input},
                                               {QStringLiteral("output"), tokens.output},
                                               {QStringLiteral("cacheRead"), tokens.cacheRead},
                                               {QStringLiteral("cacheWrite"), tokens.cacheWrite}}},
        {QStringLiteral("costUsd"), costUsd},
        {QStringLiteral("createdAt"), createdAt},
        {QStringLiteral("startedAt"), startedAt.isEmpty() ? QJsonValue() : QJsonValue(startedAt)},
        {QStringLiteral("endedAt"), endedAt.isEmpty() ? QJsonValue() : QJsonValue(endedAt)},
        {QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error)},
        {QStringLiteral("restarts"), restarts},
        {QStringLiteral("repo"), repo.isEmpty() ? QJsonValue() : QJsonValue(repo)},
        {QStringLiteral("branch"), branch.isEmpty() ? QJsonValue() : QJsonValue(branch)},
        {QStringLiteral("worktree"), worktree.isEmpty() ? QJsonValue() : QJsonValue(worktree)},
        {QStringLiteral("head"), head.isEmpty() ? QJsonValue() : QJsonValue(head)},
        {QStringLiteral("baseCommit"),
         baseCommit.isEmpty() ? QJsonValue() : QJsonValue(baseCommit)},
        {QStringLiteral("inPlace"), worksInPlace()},
        {QStringLiteral("warning"), warning.isEmpty() ? QJsonValue() : QJsonValue(warning)},
        {QStringLiteral("options"), optionsWithBranchState()},
    };
}

QJsonObject SessionInfo::optionsWithBranchState() const
{
    QJsonObject o = options;
    branchState.writeTo(o);
    return o;
}

SessionInfo SessionInfo::fromJson(const QJsonObject &o)
{
    SessionInfo s;
    s.id = o.value(QLatin1String("id")).toString();
    s.name = o.value(QLatin1String("name")).toString();
    s.role = o.value(QLatin1String("role")).toString();
    s.task = o.value(QLatin1String("task")).toString();
    s.dir = o.value(QLatin1String("dir")).toString();
    s.model = o.value(QLatin1String("model")).toString();
    s.state = stateFromName(o.value(QLatin1String("state")).toString());
    s.stateDetail = o.value(QLatin1String("stateDetail")).toString();
    s.claudeSessionId = o.value(QLatin1String("claudeSessionId")).toString();
    s.pid = o.value(QLatin1String("pid")).toInteger();
    s.turns = o.value(QLatin1String("turns")).toInt();
    const QJsonObject t = o.value(QLatin1String("tokens")).toObject();
    s.tokens.input = t.value(QLatin1String("input")).toInteger();
    s.tokens.output = t.value(QLatin1String("output")).toInteger();
    s.tokens.cacheRead = t.value(QLatin1String("cacheRead")).toInteger();
    s.tokens.cacheWrite = t.value(QLatin1String("cacheWrite")).toInteger();
    s.costUsd = o.value(QLatin1String("costUsd")).toDouble();
    s.createdAt = o.value(QLatin1String("createdAt")).toString();
    s.startedAt = o.value(QLatin1String("startedAt")).toString();
    s.endedAt = o.value(QLatin1String("endedAt")).toString();
    s.error = o.value(QLatin1String("error")).toString();
    s.restarts = o.value(QLatin1String("restarts")).toInt();
    s.repo = o.value(QLatin1String("repo")).toString();
    s.branch = o.value(QLatin1String("branch")).toString();
    s.worktree = o.value(QLatin1String("worktree")).toString();
    s.head = o.value(QLatin1String("head")).toString();
    s.baseCommit = o.value(QLatin1String("baseCommit")).toString();
    s.warning = o.value(QLatin1String("warning")).toString();
    s.options = o.value(QLatin1String("options")).toObject();
    s.branchState = BranchState::takeFrom(s.options);
    return s;
}

} // namespace chorus
