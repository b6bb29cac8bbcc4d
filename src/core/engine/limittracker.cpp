#include "engine/limittracker.h"

#include "util/clock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace chorus {

namespace {

constexpr qint64 kNoResetPauseMs = 3600 * 1000;  // a limit with no reset time: try in an hour
constexpr qint64 kBackoffBaseMs = 30 * 1000;     // an API 429: 30 s, 1 min, 2 min, ...
constexpr qint64 kBackoffMaxMs = 15 * 60 * 1000; // ... at most 15 min
constexpr double kDefaultTurnCost = 0.01;        // one turn's share of a window until learned

QString windowName(const QString &type)
{
    if (type == QLatin1String("five_hour"))
        return LimitTracker::tr("5-hour");
    if (type == QLatin1String("seven_day"))
        return LimitTracker::tr("weekly");
    if (type.startsWith(QLatin1String("seven_day_")))
        return LimitTracker::tr("weekly %1").arg(type.mid(10));
    return type.isEmpty() ? LimitTracker::tr("usage") : type;
}

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm"));
}

} // namespace

QString limitModeName(LimitMode m)
{
    switch (m) {
    case LimitMode::Normal:
        return QStringLiteral("normal");
    case LimitMode::Single:
        return QStringLiteral("single");
    case LimitMode::Paused:
        return QStringLiteral("paused");
    }
    return {};
}

QJsonObject LimitWindow::toJson() const
{
    return {{QStringLiteral("type"), type},           {QStringLiteral("utilization"), utilization},
            {QStringLiteral("resetsAt"), resetsAtMs}, {QStringLiteral("status"), status},
            {QStringLiteral("source"), source},       {QStringLiteral("updatedAt"), updatedAtMs},
            {QStringLiteral("turnCost"), turnCost}};
}

LimitWindow LimitWindow::fromJson(const QJsonObject &o)
{
    LimitWindow w;
    w.type = o.value(QLatin1String("type")).toString();
    w.utilization = o.value(QLatin1String("utilization")).toDouble(-1);
    w.resetsAtMs = o.value(QLatin1String("resetsAt")).toInteger();
    w.status = o.value(QLatin1String("status")).toString();
    w.source = o.value(QLatin1String("source")).toString();
    w.updatedAtMs = o.value(QLatin1String("updatedAt")).toInteger();
    w.turnCost = o.value(QLatin1String("turnCost")).toDouble(-1);
    return w;
}

QJsonObject ProfileLimits::toJson() const
{
    QJsonArray ws;
    for (const LimitWindow &w : windows)
        ws.append(w.toJson());
    return {{QStringLiteral("profile"), profile},
            {QStringLiteral("mode"), limitModeName(mode)},
            {QStringLiteral("resumesAt"), resumesAtMs},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("window"), window},
            {QStringLiteral("probing"), probing},
            {QStringLiteral("overridden"), overridden},
            {QStringLiteral("guessed"), guessed},
            {QStringLiteral("backoffAttempt"), backoffAttempt},
            {QStringLiteral("windows"), ws}};
}

ProfileLimits ProfileLimits::fromJson(const QJsonObject &o)
{
    ProfileLimits p;
    p.profile = o.value(QLatin1String("profile")).toString();
    const QString mode = o.value(QLatin1String("mode")).toString();
    p.mode = mode == QLatin1String("paused")   ? LimitMode::Paused
             : mode == QLatin1String("single") ? LimitMode::Single
                                               : LimitMode::Normal;
    p.resumesAtMs = o.value(QLatin1String("resumesAt")).toInteger();
    p.reason = o.value(QLatin1String("reason")).toString();
    p.window = o.value(QLatin1String("window")).toString();
    p.probing = o.value(QLatin1String("probing")).toBool();
    p.overridden = o.value(QLatin1String("overridden")).toBool();
    p.guessed = o.value(QLatin1String("guessed")).toBool();
    p.backoffAttempt = qBound(0, o.value(QLatin1String("backoffAttempt")).toInt(), 64);
    for (const QJsonValue &v : o.value(QLatin1String("windows")).toArray()) {
        const LimitWindow w = LimitWindow::fromJson(v.toObject());
        if (!w.type.isEmpty())
            p.windows.insert(w.type, w);
    }
    return p;
}

LimitTracker::LimitTracker(Clock *clock, QObject *parent) : QObject(parent), m_clock(clock) {}

void LimitTracker::restore(const QList<ProfileLimits> &profiles)
{
    for (const ProfileLimits &p : profiles) {
        if (!p.profile.isEmpty())
            m_profiles.insert(p.profile, p);
    }
}

ProfileLimits &LimitTracker::entry(const QString &profile)
{
    const QString name = profile.isEmpty() ? kDefaultProfile : profile;
    auto it = m_profiles.find(name);
    if (it == m_profiles.end()) {
        it = m_profiles.insert(name, ProfileLimits());
        it->profile = name;
    }
    return *it;
}

bool LimitTracker::pause(ProfileLimits &p, qint64 untilMs, const QString &reason,
                         const QString &window, bool guess)
{
    const qint64 now = m_clock->nowMs();
    // A reset already past (a clock that jumped, an old text) still waits a moment; one years
    // ahead (a bad value) waits at most kMaxPauseMs.
    untilMs = std::clamp(untilMs, now + kPastResetMs, now + kMaxPauseMs);
    // A pause until a known reset is never shortened by a later signal: a weekly limit until
    // Friday stays, whatever a 5-hour text or a 429 of another agent's turn says meanwhile. One
    // until a time Chorus guessed gives way to a reset Claude named.
    if (p.mode == LimitMode::Paused && p.resumesAtMs > untilMs && (guess || !p.guessed))
        return false;
    p.resumesAtMs = untilMs;
    p.guessed = guess;
    p.window = window;
    p.mode = LimitMode::Paused;
    p.reason = reason;
    p.probing = false;
    p.overridden = false;
    return true;
}

namespace {
// A profile's state without the times readings came: what a change is.
QJsonObject comparable(const ProfileLimits &p)
{
    QJsonObject o = p.toJson();
    QJsonArray windows;
    for (QJsonValue w : o.value(QLatin1String("windows")).toArray()) {
        QJsonObject wo = w.toObject();
        wo.remove(QStringLiteral("updatedAt"));
        windows.append(wo);
    }
    o.insert(QStringLiteral("windows"), windows);
    return o;
}
} // namespace

bool LimitTracker::rateLimitEvent(const QString &profile, const RateLimitInfo &info,
                                  const QString &source)
{
    ProfileLimits &p = entry(profile);
    refresh(p);
    const QJsonObject before = comparable(p);
    const qint64 now = m_clock->nowMs();
    for (const RateLimitWindow &rw : info.windows) {
        LimitWindow &w = p.windows[rw.type];
        w.type = rw.type;
        // What one turn adds to the window: learned from consecutive readings of the same
        // window period (the same reset), smoothed.
        const bool official = source == QLatin1String("official");
        const bool samePeriod = rw.resetsAtMs == 0 || rw.resetsAtMs == w.resetsAtMs;
        if (official && w.source == QLatin1String("official") && rw.utilization >= 0 &&
            w.utilization >= 0 && rw.utilization > w.utilization && samePeriod) {
            const double delta = std::min(rw.utilization - w.utilization, 0.25);
            w.turnCost = w.turnCost < 0 ? delta : 0.7 * w.turnCost + 0.3 * delta;
        }
        // Within one window period use only grows: a reading that says less (an idle
        // interactive session's status line, another account's) does not lower it.
        if (rw.utilization >= 0 &&
            (!samePeriod || w.resetsAtMs == 0 || rw.utilization >= w.utilization || official))
            w.utilization = rw.utilization;
        if (rw.resetsAtMs > 0)
            w.resetsAtMs = rw.resetsAtMs;
        if (!rw.status.isEmpty())
            w.status = rw.status;
        w.source = source;
        w.updatedAtMs = now;
    }
    const QString window = info.rateLimitType.isEmpty() ? p.window : info.rateLimitType;
    const qint64 resetsAt =
        info.resetsAtMs > 0 ? info.resetsAtMs : p.windows.value(window).resetsAtMs;
    // Paid extra usage lets the work go on past a rejected window: no pause for that.
    const bool overage = info.usingOverage || info.overageStatus == QLatin1String("allowed") ||
                         info.overageStatus == QLatin1String("allowed_warning");
    if (info.status == QLatin1String("rejected") && !overage) {
        pause(p, resetsAt > 0 ? resetsAt : now + kNoResetPauseMs,
              resetsAt > 0
                  ? tr("the %1 limit is reached; it resets at %2")
                        .arg(windowName(window), clockTime(resetsAt))
                  : tr("the %1 limit is reached; trying again in an hour").arg(windowName(window)),
              window, resetsAt <= 0);
    } else if (info.status == QLatin1String("allowed_warning")) {
        if (p.mode == LimitMode::Normal && !p.overridden) {
            p.mode = LimitMode::Single;
            p.window = window;
            const double used = p.windows.value(window).utilization;
            p.reason = used >= 0 ? tr("the %1 window is %2% used: one turn at a time")
                                       .arg(windowName(window))
                                       .arg(qRound(used * 100))
                                 : tr("the %1 window is nearly used: one turn at a time")
                                       .arg(windowName(window));
        }
    } else if (info.status == QLatin1String("allowed")) {
        // A turn went through without a warning: the profile is in the clear (a pause the
        // user did not override ends too, since Claude says so).
        if (p.mode != LimitMode::Normal &&
            !(p.mode == LimitMode::Paused && source != QLatin1String("official"))) {
            p.mode = LimitMode::Normal;
            p.reason.clear();
            p.resumesAtMs = 0;
            p.probing = false;
        }
    }
    // Stored and broadcast only when something changed: a status line runs on every redraw.
    if (comparable(p) == before)
        return false;
    announce(p);
    return true;
}

void LimitTracker::limitReached(const QString &profile, const QString &window, qint64 resetsAtMs)
{
    ProfileLimits &p = entry(profile);
    if (!window.isEmpty()) {
        LimitWindow &w = p.windows[window];
        w.type = window;
        w.utilization = std::max(w.utilization, 1.0);
        w.status = QStringLiteral("rejected");
        if (resetsAtMs > 0)
            w.resetsAtMs = resetsAtMs;
        if (w.source.isEmpty())
            w.source = QStringLiteral("official");
        w.updatedAtMs = m_clock->nowMs();
    }
    // An event already paused it until a reset: the error names the same limit.
    if (p.mode == LimitMode::Paused && resetsAtMs <= 0) {
        announce(p);
        return;
    }
    pause(p, resetsAtMs > 0 ? resetsAtMs : m_clock->nowMs() + kNoResetPauseMs,
          resetsAtMs > 0
              ? tr("the %1 limit is reached; it resets at %2")
                    .arg(windowName(window), clockTime(resetsAtMs))
              : tr("the %1 limit is reached; trying again in an hour").arg(windowName(window)),
          window, resetsAtMs <= 0);
    announce(p);
}

void LimitTracker::apiRateLimited(const QString &profile)
{
    ProfileLimits &p = entry(profile);
    refresh(p);
    // Agents that hit it together (one pause already running for it) are one step, not N.
    if (p.mode == LimitMode::Paused && p.window.isEmpty()) {
        announce(p);
        return;
    }
    const int attempt = p.backoffAttempt + 1;
    const qint64 base = std::min(kBackoffBaseMs << std::min(attempt - 1, 10), kBackoffMaxMs);
    // ±25 % so agents that hit it together do not come back together.
    const double jitter = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
    const qint64 delay = qint64(double(base) * jitter);
    if (pause(p, m_clock->nowMs() + delay,
              tr("the API is rate limiting (429): trying again in %1 s").arg((delay + 999) / 1000),
              QString(), true))
        p.backoffAttempt = attempt;
    announce(p);
}

void LimitTracker::turnSucceeded(const QString &profile)
{
    ProfileLimits &p = entry(profile);
    const bool wasProbing = p.probing;
    if (p.backoffAttempt == 0 && !(p.mode == LimitMode::Single && p.probing))
        return; // nothing changes: no need to store or announce
    p.backoffAttempt = 0;
    if (p.mode == LimitMode::Single && wasProbing) {
        p.mode = LimitMode::Normal;
        p.reason.clear();
        p.probing = false;
    }
    announce(p);
}

void LimitTracker::resumeNow(const QString &profile)
{
    ProfileLimits &p = entry(profile);
    p.mode = LimitMode::Normal;
    p.reason.clear();
    p.resumesAtMs = 0;
    p.probing = false;
    p.backoffAttempt = 0;
    // Until the limit's window resets (or the next rejection): the user knows best. A 429's
    // back-off has no window: resuming it lifts the pause and nothing more.
    p.overridden = !p.window.isEmpty();
    announce(p);
}

void LimitTracker::refresh(ProfileLimits &p)
{
    const qint64 now = m_clock->nowMs();
    bool changed = false;
    for (LimitWindow &w : p.windows) {
        if (w.resetsAtMs > 0 && w.resetsAtMs <= now) {
            // The window started over: what it said no longer holds.
            w.utilization = 0;
            w.status.clear();
            w.resetsAtMs = 0; // the share one turn takes (turnCost) stays learned
            changed = true;
            p.overridden = false;
            if (p.window == w.type) {
                if (p.mode == LimitMode::Single && !p.probing) {
                    p.mode = LimitMode::Normal;
                    p.reason.clear();
                }
            }
        }
    }
    if (p.mode == LimitMode::Paused && now >= p.resumesAtMs) {
        // The first turn after a pause goes alone: a team does not start at the reset together.
        p.mode = LimitMode::Single;
        p.probing = true;
        p.resumesAtMs = 0;
        p.reason = tr("the limit has reset: one turn first, then all");
        changed = true;
    }
    if (changed)
        announce(p);
}

bool LimitTracker::knows(const QString &profile) const
{
    return profile.isEmpty() || profile == kDefaultProfile || m_profiles.contains(profile);
}

ProfileLimits LimitTracker::state(const QString &profile)
{
    ProfileLimits &p = entry(profile);
    refresh(p);
    return p;
}

QList<ProfileLimits> LimitTracker::all()
{
    QList<ProfileLimits> out;
    for (ProfileLimits &p : m_profiles) {
        refresh(p);
        out.append(p);
    }
    std::sort(out.begin(), out.end(),
              [](const ProfileLimits &a, const ProfileLimits &b) { return a.profile < b.profile; });
    return out;
}

qint64 LimitTracker::nextResumeMs() const
{
    qint64 next = 0;
    for (const ProfileLimits &p : m_profiles) {
        if (p.mode == LimitMode::Paused && (next == 0 || p.resumesAtMs < next))
            next = p.resumesAtMs;
    }
    return next;
}

Admission LimitTracker::admit(const QString &profile, int activeForProfile)
{
    ProfileLimits &p = entry(profile);
    refresh(p);
    if (p.mode == LimitMode::Paused)
        return {false, tr("paused: %1").arg(p.reason), p.resumesAtMs};
    if (p.mode == LimitMode::Single && activeForProfile > 0)
        return {false, tr("waiting: %1").arg(p.reason), 0};
    if (p.overridden)
        return {true, {}, 0};
    const qint64 now = m_clock->nowMs();
    for (const LimitWindow &w : std::as_const(p.windows)) {
        if (w.utilization < 0 || w.resetsAtMs <= now)
            continue;
        const double share = w.turnCost >= 0 ? w.turnCost : kDefaultTurnCost;
        if (w.utilization + share >= m_threshold)
            return {
                false,
                tr("waiting: the %1 window is %2% used, too full for another turn; it resets at %3")
                    .arg(windowName(w.type))
                    .arg(qRound(w.utilization * 100))
                    .arg(clockTime(w.resetsAtMs)),
                w.resetsAtMs};
    }
    return {true, {}, 0};
}

Admission RateLimitPolicy::decide(const QueueEntry &entry, const SchedulerView &view)
{
    const Admission caps = m_caps.decide(entry, view);
    if (!caps.admit)
        return caps;
    return m_tracker->admit(entry.profile, view.activeByProfile.value(entry.profile));
}

} // namespace chorus
