#include "mainwindow/agentarchiver.h"

#include "client/engineclient.h"
#include "model/sessioninfo.h"

#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace chorus {

namespace {
// How long a stopped agent may take to end before the archive gives up.
constexpr int kStopWaitMs = 20000;

QString nameOf(const SessionInfo &s)
{
    return s.name.isEmpty() ? s.id.left(8) : s.name;
}
} // namespace

AgentArchiver::AgentArchiver(EngineClient *client, QWidget *parent)
    : QObject(parent), m_client(client), m_parent(parent)
{}

void AgentArchiver::archive(const QString &sessionId)
{
    const SessionInfo s = m_client->session(sessionId);
    if (s.id.isEmpty())
        return;
    // Idle agents' processes the engine closes itself; a turn in flight (or one about to start)
    // is stopped first, after a question.
    if (isFinal(s.state) || s.state == SessionState::Idle) {
        clean(s.id, false);
        return;
    }
    const QString name = nameOf(s);
    ask(QStringLiteral("archiveStopQuestion"), tr("Archive %1").arg(name),
        tr("%1 is working. Stop it and archive it?").arg(name),
        tr("The turn ends where it is; what the agent did so far is committed on its branch. Then "
           "its worktree is removed and it moves to History."),
        tr("Stop and Archive"), [this, s] { stopThenClean(s); });
}

void AgentArchiver::stopThenClean(const SessionInfo &agent)
{
    const QString id = agent.id;
    if (const SessionState now = m_client->session(id).state;
        isFinal(now) || now == SessionState::Idle) {
        clean(id, false); // it ended while the question was open
        return;
    }
    // Lives until the agent ended (then the clean runs), the stop failed, or the wait ran out.
    auto *wait = new QObject(this);
    auto *timer = new QTimer(wait);
    timer->setSingleShot(true);
    connect(m_client, &EngineClient::sessionChanged, wait,
            [this, id, wait, timer](const SessionInfo &info) {
                if (info.id != id || (!isFinal(info.state) && info.state != SessionState::Idle))
                    return;
                QObject::disconnect(m_client, nullptr, wait, nullptr);
                timer->stop();
                wait->deleteLater();
                clean(id, false);
            });
    connect(timer, &QTimer::timeout, wait, [this, id, wait, name = nameOf(agent)] {
        wait->deleteLater();
        Q_EMIT failed(id, tr("%1 did not stop within %2 seconds; nothing was archived. Stop it, "
                             "then archive it again.")
                              .arg(name)
                              .arg(kStopWaitMs / 1000));
    });
    timer->start(kStopWaitMs);
    m_client->stop(id, [this, id, guard = QPointer<QObject>(wait)](const Status &s) {
        if (s || !guard)
            return;
        guard->deleteLater();
        Q_EMIT failed(id, s.error().toString());
    });
}

void AgentArchiver::clean(const QString &sessionId, bool all)
{
    // all=false: only a merged agent goes (the engine's rule for "merged"); all=true: the
    // worktree goes and an unmerged branch stays, never --force (which would delete the branch).
    m_client->clean({sessionId}, all, false, [this, sessionId, all](const Result<QJsonObject> &r) {
        onReport(sessionId, all, r);
    });
}

void AgentArchiver::onReport(const QString &sessionId, bool all, const Result<QJsonObject> &r)
{
    if (!r) {
        Q_EMIT failed(sessionId, r.error().toString());
        return;
    }
    const SessionInfo s = m_client->session(sessionId);
    QJsonObject item;
    for (const QJsonValue &v : r->value(QLatin1String("items")).toArray())
        if (v.toObject().value(QLatin1String("sessionId")).toString() == sessionId)
            item = v.toObject();
    const QString state = item.value(QLatin1String("state")).toString();
    const QString message = item.value(QLatin1String("message")).toString();
    if (state == QLatin1String("removed")) {
        const QString branch = item.value(QLatin1String("branch")).toString();
        QString summary;
        if (item.value(QLatin1String("branchDeleted")).toBool())
            summary = item.contains(QLatin1String("archiveRef"))
                          ? tr("Archived %1: worktree removed, branch %2 merged and deleted, its "
                               "commits kept under %3.")
                                .arg(nameOf(s), branch,
                                     item.value(QLatin1String("archiveRef")).toString())
                          : tr("Archived %1: worktree removed, branch %2 merged and deleted.")
                                .arg(nameOf(s), branch);
        else
            summary = tr("Archived %1: worktree removed, branch %2 kept.").arg(nameOf(s), branch);
        Q_EMIT archived(sessionId, summary);
        return;
    }
    if (state == QLatin1String("kept") &&
        item.value(QLatin1String("reason")).toString() == QLatin1String("unmerged") && !all) {
        askUnmerged(s);
        return;
    }
    Q_EMIT failed(sessionId, message.isEmpty()
                                 ? tr("The engine did not archive %1 (%2).").arg(nameOf(s), state)
                                 : tr("%1 was not archived: %2").arg(nameOf(s), message));
}

void AgentArchiver::askUnmerged(const SessionInfo &agent)
{
    const QString name = nameOf(agent);
    const QString id = agent.id;
    ask(QStringLiteral("archiveUnmergedQuestion"), tr("Archive %1").arg(name),
        tr("The branch %1 is not merged. Archive %2 anyway?").arg(agent.branch, name),
        tr("Archiving removes the agent's worktree (%1). The branch %2 is kept in %3 with all its "
           "commits: you can still review and merge it, or start a new agent from it. The agent "
           "stays in History.")
            .arg(agent.worktree, agent.branch, agent.repo),
        tr("Archive, Keep Branch"), [this, id] { clean(id, true); });
}

QMessageBox *AgentArchiver::ask(const QString &objectName, const QString &title,
                                const QString &text, const QString &details, const QString &yes,
                                std::function<void()> go)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, m_parent);
    box->setObjectName(objectName);
    box->setInformativeText(details);
    QPushButton *accept = box->addButton(yes, QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("archiveButton"));
    box->setDefaultButton(qobject_cast<QPushButton *>(box->button(QMessageBox::Cancel)));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [accept, go = std::move(go)](QAbstractButton *clicked) {
                if (clicked == accept)
                    go();
            });
    m_question = box;
    box->open();
    return box;
}

} // namespace chorus
