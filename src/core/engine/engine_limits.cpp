// Engine: rate limits. The LimitTracker keeps each profile's windows and mode; the scheduler's
// RateLimitPolicy asks it before any turn starts; sessions report what Claude said
// (rate_limit_event), and turns that ended on a limit wait for the reset with "continue" queued.
#include "engine/agentsession.h"
#include "engine/engine.h"
#include "store/database.h"
#include "store/sessionstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace chorus {

namespace {

QJsonValue isoOrNull(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

LimitEventRecord recordOf(const QString &profile, const QString &source, const QString &sessionId,
                          const RateLimitInfo &info)
{
    LimitEventRecord e;
    e.profile = profile;
    e.source = source;
    e.sessionId = sessionId;
    e.status = info.status;
    e.window = info.rateLimitType;
    e.resetsAtMs = info.resetsAtMs;
    e.utilization = info.utilization;
    QJsonObject windows;
    for (const RateLimitWindow &w : info.windows)
        windows.insert(w.type, QJsonObject{{QStringLiteral("utilization"), w.utilization},
                                           {QStringLiteral("resetsAt"), w.resetsAtMs},
                                           {QStringLiteral("status"), w.status}});
    e.detail = QJsonObject{{QStringLiteral("windows"), windows},
                           {QStringLiteral("overageStatus"), info.overageStatus},
                           {QStringLiteral("usingOverage"), info.usingOverage}};
    return e;
}

} // namespace

void Engine::setUpLimits()
{
    m_scheduler.setPolicy(std::make_unique<RateLimitPolicy>(&m_limitTracker));
    connect(&m_limitTracker, &LimitTracker::changed, this, [this](const ProfileLimits &p) {
        if (m_store) // stored before it is announced: a restarted engine keeps a pause
            m_store->limitStore().saveProfile(p.profile, p.toJson());
        Q_EMIT limitsChanged();
        // A profile back to normal (or single) may admit what waited: a pass, after this event.
        QMetaObject::invokeMethod(this, &Engine::schedule, Qt::QueuedConnection);
    });
}

void Engine::restoreLimits()
{
    m_limitTracker.setAdmitThreshold(m_settings.admitThreshold / 100.0);
    QList<ProfileLimits> profiles;
    for (const QJsonObject &o : m_store->limitStore().profiles())
        profiles.append(ProfileLimits::fromJson(o));
    m_limitTracker.restore(profiles);
}

QString Engine::profileOf(const SessionInfo &) const
{
    return kDefaultProfile; // profiles of their own come with the profiles setting
}

void Engine::connectLimits(AgentSession *session)
{
    connect(session, &AgentSession::rateLimitSeen, this,
            [this, session](const RateLimitInfo &info) {
                const QString profile = profileOf(session->info());
                m_store->limitStore().addEvent(
                    recordOf(profile, QStringLiteral("official"), session->info().id, info));
                m_limitTracker.rateLimitEvent(profile, info, QStringLiteral("official"));
            });
    connect(session, &AgentSession::turnSucceeded, this,
            [this, session] { m_limitTracker.turnSucceeded(profileOf(session->info())); });
    session->setLimitHandler([this, session](const AgentSession::LimitHit &hit) {
        const QString profile = profileOf(session->info());
        LimitEventRecord e;
        e.profile = profile;
        e.source = QStringLiteral("error");
        e.sessionId = session->info().id;
        e.status = hit.usageLimit ? QStringLiteral("rejected") : QStringLiteral("limited");
        e.window = hit.window;
        e.resetsAtMs = hit.resetsAtMs;
        m_store->limitStore().addEvent(e);
        if (hit.usageLimit)
            m_limitTracker.limitReached(profile, hit.window, hit.resetsAtMs);
        else
            m_limitTracker.apiRateLimited(profile);
        return m_limitTracker.state(profile).resumesAtMs;
    });
}

QJsonObject Engine::limitsReport()
{
    QJsonArray profiles;
    for (const ProfileLimits &p : m_limitTracker.all()) {
        QJsonArray windows;
        QList<LimitWindow> sorted = p.windows.values();
        std::sort(sorted.begin(), sorted.end(),
                  [](const LimitWindow &a, const LimitWindow &b) { return a.type < b.type; });
        for (const LimitWindow &w : sorted)
            windows.append(
                QJsonObject{{QStringLiteral("type"), w.type},
                            {QStringLiteral("utilization"),
                             w.utilization >= 0 ? QJsonValue(w.utilization) : QJsonValue()},
                            {QStringLiteral("resetsAt"), isoOrNull(w.resetsAtMs)},
                            {QStringLiteral("status"), w.status},
                            {QStringLiteral("source"), w.source},
                            {QStringLiteral("updatedAt"), isoOrNull(w.updatedAtMs)}});
        profiles.append(QJsonObject{{QStringLiteral("name"), p.profile},
                                    {QStringLiteral("mode"), limitModeName(p.mode)},
                                    {QStringLiteral("resumesAt"), isoOrNull(p.resumesAtMs)},
                                    {QStringLiteral("reason"), p.reason},
                                    {QStringLiteral("windows"), windows}});
    }
    if (profiles.isEmpty()) // nothing heard yet: the default profile, normal, no windows
        profiles.append(QJsonObject{{QStringLiteral("name"), kDefaultProfile},
                                    {QStringLiteral("mode"), limitModeName(LimitMode::Normal)},
                                    {QStringLiteral("resumesAt"), QJsonValue()},
                                    {QStringLiteral("reason"), QString()},
                                    {QStringLiteral("windows"), QJsonArray()}});
    QJsonArray running, queued, waiting;
    for (AgentSession *s : std::as_const(m_order)) {
        const SessionInfo &info = s->info();
        const QJsonObject agent{{QStringLiteral("id"), info.id},
                                {QStringLiteral("name"), info.name},
                                {QStringLiteral("profile"), profileOf(info)}};
        if (s->waitingOnLimit()) {
            QJsonObject a = agent;
            a.insert(QStringLiteral("resumesAt"),
                     isoOrNull(info.options.value(QLatin1String("resumesAt")).toInteger()));
            a.insert(QStringLiteral("reason"), m_scheduler.waitReason(info.id));
            waiting.append(a);
        } else if (s->turnInFlight()) {
            running.append(agent);
        } else if (s->hasPendingInput() && !isFinal(info.state)) {
            QJsonObject a = agent;
            a.insert(QStringLiteral("reason"), m_scheduler.waitReason(info.id));
            queued.append(a);
        }
    }
    const UsageStore::Wasted wasted =
        m_store ? m_store->usageStore().wastedSince(
                      QDateTime::currentDateTimeUtc().addDays(-7).toString(Qt::ISODateWithMs))
                : UsageStore::Wasted();
    return {{QStringLiteral("profiles"), profiles},
            {QStringLiteral("running"), running},
            {QStringLiteral("queued"), queued},
            {QStringLiteral("waiting"), waiting},
            {QStringLiteral("wastedLast7Days"),
             QJsonObject{{QStringLiteral("turns"), wasted.turns},
                         {QStringLiteral("tokens"), double(wasted.tokens)},
                         {QStringLiteral("costUsd"), wasted.costUsd}}}};
}

Status Engine::resumeLimits(const QString &profile)
{
    const QString name = profile.isEmpty() ? kDefaultProfile : profile;
    if (!m_limitTracker.knows(name)) {
        QStringList known;
        for (const ProfileLimits &p : m_limitTracker.all())
            known << p.profile;
        if (!known.contains(kDefaultProfile))
            known.prepend(kDefaultProfile);
        return makeError(tr("no profile named %1").arg(name), name,
                         tr("Profiles: %1.").arg(known.join(QStringLiteral(", "))));
    }
    m_limitTracker.resumeNow(name);
    m_store->limitStore().addEvent(
        {name, QStringLiteral("user"), QString(), QStringLiteral("resumed"), QString(), 0, -1, {}});
    schedule();
    return Ok{};
}

void Engine::recordLimitWindows(const QString &profile, const QList<RateLimitWindow> &windows,
                                const QString &source)
{
    if (windows.isEmpty())
        return;
    RateLimitInfo info; // no status: the windows change, the mode does not
    info.windows = windows;
    const QString name = profile.isEmpty() ? kDefaultProfile : profile;
    if (!m_limitTracker.rateLimitEvent(name, info, source))
        return; // the same reading again (a status line redraws often): nothing to keep
    LimitEventRecord e = recordOf(name, source, QString(), info);
    e.status = QStringLiteral("reading");
    m_store->limitStore().addEvent(e);
}

} // namespace chorus
