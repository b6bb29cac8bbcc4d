#pragma once

#include "agent/streamevent.h"
#include "engine/scheduler.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace chorus {

class Clock;

// One usage window of a profile as last known.
struct LimitWindow
{
    QString type;            // five_hour, seven_day, ...
    double utilization = -1; // 0..1 (more with overage); -1: unknown
    qint64 resetsAtMs = 0;
    QString status; // allowed | allowed_warning | rejected; empty: unknown
    QString source; // official (Claude said so) | statusline | estimate
    qint64 updatedAtMs = 0;
    double turnCost = -1; // the window's utilization one turn adds (learned); -1: not yet

    QJsonObject toJson() const;
    static LimitWindow fromJson(const QJsonObject &o);
};

enum class LimitMode { Normal, Single, Paused };
QString limitModeName(LimitMode m);

// What the scheduler knows about one profile's limits.
struct ProfileLimits
{
    QString profile;
    LimitMode mode = LimitMode::Normal;
    qint64 resumesAtMs = 0;  // paused: when the profile may work again
    QString reason;          // why it is not normal (shown to the user)
    QString window;          // the window that put it there (empty: an API 429)
    bool probing = false;    // single after a pause: the first turn's success makes it normal
    bool overridden = false; // the user resumed it: the admission threshold is off until a reset
    bool guessed = false;    // paused until a time Chorus chose (no reset known, a back-off)
    int backoffAttempt = 0;  // consecutive API 429s
    QHash<QString, LimitWindow> windows;

    QJsonObject toJson() const;
    static ProfileLimits fromJson(const QJsonObject &o);
};

// The rate-limit picture of every profile and the modes it puts them in (CLAUDE-CLI.md §6.3):
// `allowed_warning` → single (one turn at a time) until a later `allowed` or the window's
// reset; `rejected`, a usage-limit error or an API 429 → paused until the reset (a 429: an
// exponential back-off with jitter); after a pause the first turn goes alone (single), and
// its success makes the profile normal. Time is the injected clock's. Changes are announced
// with changed(), which the engine stores and broadcasts.
class LimitTracker : public QObject
{
    Q_OBJECT
public:
    explicit LimitTracker(Clock *clock, QObject *parent = nullptr);

    // A turn is admitted while every window leaves room for one: its utilization plus one
    // turn's share stays under this (0..1, default 0.95).
    void setAdmitThreshold(double threshold) { m_threshold = threshold; }
    double admitThreshold() const { return m_threshold; }

    // What a restarted engine stored.
    void restore(const QList<ProfileLimits> &profiles);

    // Claude's own signal for a profile (source "official"), or a reading passed on by
    // `chorus statusline` (no status: the windows change, the mode does not). True when the
    // picture changed (then changed() was emitted).
    bool rateLimitEvent(const QString &profile, const RateLimitInfo &info, const QString &source);
    // A turn ended on a usage limit that resets at `resetsAtMs` (0: unknown; then in an hour).
    void limitReached(const QString &profile, const QString &window, qint64 resetsAtMs);
    // A turn ended on an API 429 (no reset given): back off.
    void apiRateLimited(const QString &profile);
    // A turn of the profile ended well.
    void turnSucceeded(const QString &profile);
    // The user's "resume now".
    void resumeNow(const QString &profile);

    // Whether the profile exists (the default one always does).
    bool knows(const QString &profile) const;
    // The profile's state now (modes past their time are moved on first).
    ProfileLimits state(const QString &profile);
    QList<ProfileLimits> all();
    // When a paused profile next needs a look (0: none paused).
    qint64 nextResumeMs() const;

    // Whether one more turn of `profile` may start with `activeForProfile` of its turns running.
    Admission admit(const QString &profile, int activeForProfile);

    // The longest a pause may last; a reset further ahead is clamped and noted.
    static constexpr qint64 kMaxPauseMs = 8LL * 24 * 3600 * 1000;
    // A reset already past when it is learned: the profile waits this long.
    static constexpr qint64 kPastResetMs = 5000;

Q_SIGNALS:
    void changed(const ProfileLimits &profile);

private:
    ProfileLimits &entry(const QString &profile);
    void refresh(ProfileLimits &p);
    // `guess`: no reset is known (a back-off, an hour): a known reset may end it sooner.
    // Returns false (and changes nothing) when the pause already runs longer.
    bool pause(ProfileLimits &p, qint64 untilMs, const QString &reason, const QString &window,
               bool guess);
    void announce(const ProfileLimits &p) { Q_EMIT changed(p); }

    Clock *m_clock;
    double m_threshold = 0.95;
    QHash<QString, ProfileLimits> m_profiles;
};

// The rate-limit SchedulingPolicy: the caps first (CapPolicy), then the profile's limits.
class RateLimitPolicy final : public SchedulingPolicy
{
public:
    explicit RateLimitPolicy(LimitTracker *tracker) : m_tracker(tracker) {}
    Admission decide(const QueueEntry &entry, const SchedulerView &view) override;

private:
    LimitTracker *m_tracker;
    CapPolicy m_caps;
};

// The profile an agent runs under when none is named.
inline const QString kDefaultProfile = QStringLiteral("default");

} // namespace chorus
