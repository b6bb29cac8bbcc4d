#pragma once

#include "model/sessioninfo.h"
#include "notify/notifier.h"
#include "notify/notifykind.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace chorus {

class EngineClient;

// Decides what to tell the user about the agents: it watches the EngineClient's sessions and
// approvals, keeps which agents need the user (one reason per agent, the latest), sends one
// desktop notification per agent and event through its Notifier (replaced by the agent's next
// event, closed when resolved or seen), and opens the right place when one is clicked.
// Quiet for the agent whose console the user is looking at, and for kinds switched off in
// Settings (those still count: the title and "Next Agent Needing Attention" show them).
class NotificationCenter : public QObject
{
    Q_OBJECT
public:
    // Where a click goes.
    enum class Target { Console, Review, Conflicts };
    Q_ENUM(Target)

    struct Attention
    {
        NotifyKind kind = NotifyKind::TurnEnded;
        Notification notification;
        Target target = Target::Console;
        QString mergeTarget;   // Conflicts: the branch the agent's branch conflicts with
        qint64 approvalId = 0; // Approval: the request it is about (0: not known yet)
        quint64 order = 0;     // when it was raised
    };

    // `notifier` may be null (nothing on the desktop; the count and the queue still work).
    NotificationCenter(EngineClient *client, Notifier *notifier, QObject *parent = nullptr);

    // The agent whose console the user is looking at now, in the active window (empty: none):
    // what it has to say is seen, not notified (an approval still counts until answered).
    void setViewing(const QString &sessionId);
    QString viewing() const { return m_viewing; }

    // The agents that need the user: approvals first, then in the order they asked.
    QStringList attentionQueue() const;
    int attentionCount() const { return int(attentionQueue().size()); }
    std::optional<Attention> attention(const QString &sessionId) const;
    // The agent after `current` in the queue (the first when `current` is not in it); empty
    // when none needs the user.
    QString nextAgent(const QString &current) const;
    // What clicking the agent's notification does: openRequested() for its place, and the
    // reason counts as seen (an approval stays until it is answered).
    void activate(const QString &sessionId);

    // Reads an agent's new state (the client's signals call it).
    void observe(const SessionInfo &info);

Q_SIGNALS:
    void attentionChanged(int count);
    // `mergeTarget`: for Conflicts, the branch it conflicts with.
    void openRequested(const QString &sessionId, chorus::NotificationCenter::Target target,
                       const QString &mergeTarget);
    // A notification went out while the user looks elsewhere: the taskbar entry asks for
    // attention.
    void alertRequested();

private:
    struct Seen
    {
        SessionState state = SessionState::Queued;
        int turns = 0;
        QString mergeAt, syncAt;
    };

    std::optional<Attention> branchEvent(const SessionInfo &info, const Seen &before) const;
    Attention make(const SessionInfo &info, NotifyKind kind, qint64 approvalId = 0) const;
    // Notify: tell the desktop; Quiet: only record it (what was there before Chorus looked);
    // Update: a better text for the event already told (its notification, if up, replaced).
    enum class Mode { Notify, Quiet, Update };
    // Records the reason, replacing the agent's previous one.
    void raise(const QString &sessionId, Attention attention, Mode mode);
    void clear(const QString &sessionId);
    void closeShown(const QString &sessionId);
    void countChanged();

    EngineClient *m_client;
    QPointer<Notifier> m_notifier;
    QHash<QString, Seen> m_seen;
    QHash<QString, Attention> m_attention;
    QSet<QString> m_shown; // agents with a desktop notification up
    QString m_viewing;
    quint64 m_order = 0;
    int m_lastCount = 0;
};

} // namespace chorus
