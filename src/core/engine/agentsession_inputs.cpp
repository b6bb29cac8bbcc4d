// AgentSession: its inputs — queued (stored first), written one at a time, marked until the
// CLI's transcript has them, put back or set aside when a process dies first.
#include "engine/agentsession.h"

#include "agent/claudelocator.h"
#include "store/database.h"
#include "store/sessionstore.h"

#include <QJsonArray>
#include <QUuid>

#include <algorithm>

namespace chorus {

Status AgentSession::enqueueInput(const QString &text)
{
    Result<qint64> id = m_store->insertInput(m_info.id, text);
    if (!id)
        return id.error();
    m_pending.append({*id, text});
    note(QStringLiteral("input"), QJsonObject{{QStringLiteral("text"), text}});
    m_stopping = false;
    return Ok{};
}

qsizetype AgentSession::setInputsAside(const std::optional<QPair<qint64, QString>> &first)
{
    // Oldest first: `first` (a message its process never answered), then what still waits.
    // Inputs with id 0 are the task put back by launch(), which does that again next time.
    QJsonArray dropped = m_info.options.value(QLatin1String("droppedInputs")).toArray();
    if (first && first->first == 0)
        m_info.options.insert(QStringLiteral("taskNotKept"), true); // launch() puts it back
    const bool waitsToo =
        first && std::any_of(m_pending.cbegin(), m_pending.cend(),
                             [&](const auto &p) { return p.first == first->first; });
    if (first && first->first != 0 && !waitsToo)
        dropped.append(first->second);
    for (const auto &[inputId, text] : std::as_const(m_pending))
        if (inputId != 0)
            dropped.append(text);
    m_pending.clear();
    m_store->dropInputs(m_info.id);
    if (!dropped.isEmpty())
        m_info.options.insert(QStringLiteral("droppedInputs"), dropped);
    return dropped.size();
}

QStringList AgentSession::takeDroppedInputs()
{
    QStringList out;
    for (const QJsonValue &v : m_info.options.take(QStringLiteral("droppedInputs")).toArray())
        out << v.toString();
    if (!out.isEmpty())
        persist();
    return out;
}

void AgentSession::writeNextInput()
{
    if (m_pending.isEmpty() || m_inFlight > 0 || !processAlive())
        return;
    if (storageBroken())
        return; // retryStorage() goes on once writing works
    const auto [inputId, text] = m_pending.first();
    // Stored before it is sent, in this order: the mark that it may not be kept (recovery sends
    // it again unless the CLI's transcript has it, see requeueUnconfirmedInput()), then that it
    // was sent (not sent, and paid for, a second time after a restart).
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_info.options.insert(QStringLiteral("unconfirmedInput"), inputId);
    m_info.options.insert(QStringLiteral("unconfirmedUuid"), uuid);
    // No longer waiting for a limit from here on: a restart now treats it as a message being
    // written (sent again unless the transcript has it), not as a wait.
    m_info.options.remove(QStringLiteral("resumesAt"));
    if (inputId == 0)
        m_info.options.remove(QStringLiteral("taskNotKept")); // the mark above takes over
    persist();
    if (storageBroken())
        return;
    if (inputId > 0) {
        if (Status st = m_store->markInputSent(inputId); !st) {
            holdForStorage(st.error());
            return;
        }
    }
    if (!m_process->sendUserMessage(text, uuid)) {
        // The process is going away (onFinished() takes it from here): still waiting.
        if (inputId > 0)
            m_store->markInputPending(inputId);
        forgetUnconfirmed();
        return;
    }
    m_pending.removeFirst();
    ++m_inFlight;
    m_turnRateLimit.reset();
    // Until the turn's result, a process that dies may not have kept the message: its
    // transcript says (see finishProcess()).
    m_unconfirmed = SentInput{inputId, text, uuid};
    setState(SessionState::Running);
    persist();
    beginLiveTurn();
}

bool AgentSession::requeueUnconfirmedInput(bool resume)
{
    const QJsonValue id = m_info.options.take(QStringLiteral("unconfirmedInput"));
    const QString uuid = m_info.options.take(QStringLiteral("unconfirmedUuid")).toString();
    m_unconfirmed.reset();
    if (id.isUndefined())
        return false;
    if (cliKept(uuid)) {
        persist();
        return false; // the turn was cut: the conversation has the message, it is continued
    }
    // The engine died with the message written but not in the CLI's transcript: a resumed CLI
    // would not know it. It is sent again (or kept for `chorus resume`) rather than lost.
    const qint64 inputId = id.toInteger();
    if (inputId > 0) {
        // Pending again (it may still be: the engine can die before it was marked sent), in
        // its place among what waits behind it.
        m_store->markInputPending(inputId);
        m_pending = m_store->pendingInputs(m_info.id);
        if (!resume)
            setInputsAside({});
    } else if (resume) {
        putTaskBack();
    } else {
        setInputsAside(qMakePair(qint64(0), m_info.task));
    }
    note(QStringLiteral("input_requeued"), QJsonObject{{QStringLiteral("input"), inputId}});
    persist();
    return resume;
}

bool AgentSession::cliKept(const QString &uuid) const
{
    // Without a way to read the transcript, the message is sent again: a repeat is paid for,
    // a loss is not recoverable.
    return m_transcript && transcriptHasUserMessage(m_transcript(m_info), uuid);
}

void AgentSession::putTaskBack()
{
    // Marked as well, so that a kill before it is written again does not lose it.
    m_info.options.insert(QStringLiteral("taskNotKept"), true);
    if (m_pending.isEmpty() || m_pending.first() != qMakePair(qint64(0), m_info.task))
        m_pending.prepend({0, m_info.task}); // once, however often the start is retried
}

void AgentSession::forgetUnconfirmed()
{
    m_unconfirmed.reset();
    m_info.options.remove(QStringLiteral("unconfirmedInput"));
    m_info.options.remove(QStringLiteral("unconfirmedUuid"));
}

} // namespace chorus
