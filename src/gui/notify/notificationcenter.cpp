#include "notify/notificationcenter.h"

#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "settings/guisettings.h"
#include "util/textlines.h"

#include <algorithm>

namespace chorus {

namespace {
constexpr int kLine = 200; // a notification's line: at most this many characters
} // namespace

NotificationCenter::NotificationCenter(EngineClient *client, Notifier *notifier, QObject *parent)
    : QObject(parent), m_client(client), m_notifier(notifier)
{
    connect(client, &EngineClient::sessionAdded, this, &NotificationCenter::observe);
    connect(client, &EngineClient::sessionChanged, this, &NotificationCenter::observe);
    connect(client, &EngineClient::approvalsChanged, this,
            [this](const QString &id) { observe(m_client->session(id)); });
    if (notifier)
        connect(notifier, &Notifier::activated, this, &NotificationCenter::activate);
}

void NotificationCenter::observe(const SessionInfo &info)
{
    if (info.id.isEmpty())
        return;
    const QString id = info.id;
    const bool first = !m_seen.contains(id);
    const Seen before = m_seen.value(id);
    m_seen.insert(id, Seen{info.state, info.turns,
                           info.branchState.merge ? info.branchState.merge->at : QString(),
                           info.branchState.sync ? info.branchState.sync->at : QString()});
    const std::optional<Attention> current = attention(id);
    if (info.branchState.isCleaned()) {
        // Archived (or cleaned by `chorus clean`): off the list, nothing more to do there.
        if (current)
            clear(id);
        return;
    }

    // An approval outranks everything: the agent cannot go on without the user.
    const QList<ApprovalInfo> pending = m_client->pendingApprovals(id);
    if (!pending.isEmpty() ||
        (info.state == SessionState::Waiting && info.stateDetail == QLatin1String("approval"))) {
        const qint64 approvalId = pending.isEmpty() ? 0 : pending.first().id;
        if (current && current->kind == NotifyKind::Approval &&
            (approvalId == current->approvalId || approvalId == 0))
            return;
        // The request itself may come after the state: then only the text gets better.
        const bool sameRequest =
            current && current->kind == NotifyKind::Approval && current->approvalId == 0;
        raise(id, make(info, NotifyKind::Approval, approvalId),
              first         ? Mode::Quiet
              : sameRequest ? Mode::Update
                            : Mode::Notify);
        return;
    }
    if (current && current->kind == NotifyKind::Approval)
        clear(id); // answered (or cancelled)

    if (info.state == SessionState::Waiting && info.stateDetail == QLatin1String("rate-limit")) {
        if (!current || current->kind != NotifyKind::Limit)
            raise(id, make(info, NotifyKind::Limit), first ? Mode::Quiet : Mode::Notify);
        return;
    }
    if (first)
        return; // what happened before Chorus looked was not seen happening: no news

    if (const std::optional<Attention> branch = branchEvent(info, before)) {
        raise(id, *branch, Mode::Notify);
        return;
    }
    const bool moved = info.state != before.state || info.turns != before.turns;
    if (!moved)
        return;
    if (const std::optional<Attention> now = attention(id);
        now && (now->kind == NotifyKind::TurnEnded || now->kind == NotifyKind::Failed ||
                now->kind == NotifyKind::Limit))
        clear(id); // the agent moved on
    if (info.state == SessionState::Failed && before.state != SessionState::Failed)
        raise(id, make(info, NotifyKind::Failed), Mode::Notify);
    else if (info.state == SessionState::Idle && info.turns > 0 &&
             info.stateDetail != QLatin1String("interrupted") && // the user's own doing
             (before.state != SessionState::Idle || info.turns > before.turns))
        raise(id, make(info, NotifyKind::TurnEnded), Mode::Notify);
    // Running again, stopped: a conflict still stands until it is seen.
}

std::optional<NotificationCenter::Attention>
NotificationCenter::branchEvent(const SessionInfo &info, const Seen &before) const
{
    const BranchState &b = info.branchState;
    if (b.merge && b.merge->at != before.mergeAt) {
        if (b.merge->state == QLatin1String("conflict")) {
            Attention a = make(info, NotifyKind::Conflict);
            a.mergeTarget = b.merge->target;
            return a;
        }
        if (b.merge->state == QLatin1String("check-failed"))
            return make(info, NotifyKind::CheckFailed);
    }
    if (b.sync && b.sync->at != before.syncAt && b.sync->state == QLatin1String("conflict")) {
        Attention a = make(info, NotifyKind::Conflict);
        a.mergeTarget = b.sync->with;
        return a;
    }
    return std::nullopt;
}

NotificationCenter::Attention NotificationCenter::make(const SessionInfo &info, NotifyKind kind,
                                                       qint64 approvalId) const
{
    Attention a;
    a.kind = kind;
    a.approvalId = approvalId;
    Notification &n = a.notification;
    n.actionLabel = tr("Open Console");
    const QString name = info.name;
    switch (kind) {
    case NotifyKind::Approval: {
        n.urgent = true;
        n.title = tr("%1 needs your approval").arg(name);
        const QList<ApprovalInfo> pending = m_client->pendingApprovals(info.id);
        const ApprovalInfo request = pending.isEmpty() ? ApprovalInfo{} : pending.first();
        if (request.toolName.isEmpty())
            n.body = tr("%1 waits for you to allow or deny a tool.").arg(name);
        else if (const QString what = firstLine(request.description, kLine); what.isEmpty())
            n.body = tr("%1 asks to use %2.").arg(name, request.toolName);
        else
            n.body = tr("%1 asks to use %2: %3").arg(name, request.toolName, what);
        break;
    }
    case NotifyKind::TurnEnded:
        n.title = tr("%1 finished its turn").arg(name);
        n.body =
            tr("%1 waits for your next message. Task: %2").arg(name, firstLine(info.task, kLine));
        break;
    case NotifyKind::Failed: {
        n.title = tr("%1 failed").arg(name);
        const QString why = firstLine(info.error, kLine);
        n.body = why.isEmpty() ? tr("%1 stopped with an error; its console says more.").arg(name)
                               : tr("%1: %2").arg(name, why);
        break;
    }
    case NotifyKind::Conflict: {
        a.target = Target::Conflicts;
        n.actionLabel = tr("Resolve Conflicts");
        const BranchState &b = info.branchState;
        const bool merge = b.merge && b.merge->state == QLatin1String("conflict");
        const QString with = merge ? b.merge->target : (b.sync ? b.sync->with : QString());
        n.title = merge ? tr("%1's merge into %2 has conflicts").arg(name, with)
                        : tr("%1's sync with %2 has conflicts").arg(name, with);
        const QString why =
            firstLine(merge ? b.merge->message : (b.sync ? b.sync->message : QString()), kLine);
        n.body = why.isEmpty()
                     ? tr("%1: resolve the conflicts by hand or with a resolver agent.").arg(name)
                     : tr("%1: %2").arg(name, why);
        break;
    }
    case NotifyKind::CheckFailed: {
        a.target = Target::Review;
        n.actionLabel = tr("Open Review");
        n.title = tr("%1's merge check failed").arg(name);
        const QString why =
            info.branchState.merge ? firstLine(info.branchState.merge->message, kLine) : QString();
        n.body = why.isEmpty() ? tr("%1: its branch was not merged.").arg(name)
                               : tr("%1: %2").arg(name, why);
        break;
    }
    case NotifyKind::Limit:
        n.title = tr("%1 is paused by a rate limit").arg(name);
        if (const QString at = SessionFormat::resumeTime(info); !at.isEmpty())
            n.body = tr("The limit resets at %1; %2 goes on by itself then (`chorus limits resume` "
                        "goes on now).")
                         .arg(at, name);
        else
            n.body =
                tr("%1 goes on by itself when the API lets it; Claude Code retries.").arg(name);
        break;
    case NotifyKind::WorkflowGate:
        n.title = tr("%1 waits at a workflow gate").arg(name);
        n.body = tr("%1 goes on once you let the workflow pass.").arg(name);
        break;
    }
    return a;
}

void NotificationCenter::raise(const QString &sessionId, Attention attention, Mode mode)
{
    if (sessionId == m_viewing && attention.kind != NotifyKind::Approval) {
        // The user is looking at it: seen as it happens.
        clear(sessionId);
        return;
    }
    const quint64 order = mode == Mode::Update ? m_attention.value(sessionId).order : ++m_order;
    attention.order = order;
    const NotifyKind kind = attention.kind;
    const Notification notification = attention.notification;
    m_attention.insert(sessionId, std::move(attention));
    if (mode == Mode::Update) {
        if (m_shown.contains(sessionId) && m_notifier)
            m_notifier->show(sessionId, notification); // a better text for the same event
    } else if (mode == Mode::Quiet || sessionId == m_viewing || !guisettings::notifyEnabled(kind)) {
        closeShown(sessionId); // an older event's notification would say something stale
    } else {
        if (m_notifier) {
            m_notifier->show(sessionId, notification);
            m_shown.insert(sessionId);
        }
        Q_EMIT alertRequested();
    }
    countChanged();
}

void NotificationCenter::clear(const QString &sessionId)
{
    m_attention.remove(sessionId);
    closeShown(sessionId);
    countChanged();
}

void NotificationCenter::closeShown(const QString &sessionId)
{
    if (m_shown.remove(sessionId) && m_notifier)
        m_notifier->close(sessionId);
}

void NotificationCenter::countChanged()
{
    const int count = attentionCount();
    if (count == m_lastCount)
        return;
    m_lastCount = count;
    Q_EMIT attentionChanged(count);
}

void NotificationCenter::setViewing(const QString &sessionId)
{
    m_viewing = sessionId;
    const std::optional<Attention> a = attention(sessionId);
    if (!a)
        return;
    if (a->kind == NotifyKind::Approval)
        closeShown(sessionId); // seen, but it still needs an answer
    else
        clear(sessionId);
}

QStringList NotificationCenter::attentionQueue() const
{
    QList<std::pair<QString, Attention>> waiting;
    for (auto it = m_attention.cbegin(); it != m_attention.cend(); ++it)
        if (needsUser(it->kind))
            waiting.append({it.key(), it.value()});
    std::sort(waiting.begin(), waiting.end(), [](const auto &a, const auto &b) {
        const bool aApproval = a.second.kind == NotifyKind::Approval;
        const bool bApproval = b.second.kind == NotifyKind::Approval;
        if (aApproval != bApproval)
            return aApproval;
        return a.second.order < b.second.order;
    });
    QStringList ids;
    for (const auto &w : std::as_const(waiting))
        ids.append(w.first);
    return ids;
}

std::optional<NotificationCenter::Attention>
NotificationCenter::attention(const QString &sessionId) const
{
    const auto it = m_attention.constFind(sessionId);
    if (it == m_attention.cend())
        return std::nullopt;
    return *it;
}

QString NotificationCenter::nextAgent(const QString &current) const
{
    const QStringList queue = attentionQueue();
    if (queue.isEmpty())
        return {};
    const qsizetype at = queue.indexOf(current);
    return at < 0 ? queue.first() : queue.at((at + 1) % queue.size());
}

void NotificationCenter::activate(const QString &sessionId)
{
    const std::optional<Attention> a = attention(sessionId);
    if (a && a->kind != NotifyKind::Approval)
        clear(sessionId);
    else
        closeShown(sessionId);
    Q_EMIT openRequested(sessionId, a ? a->target : Target::Console,
                         a ? a->mergeTarget : QString());
}

} // namespace chorus
