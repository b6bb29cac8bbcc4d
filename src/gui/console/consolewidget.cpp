#include "consolewidget.h"

#include "agents/agentcommands.h"
#include "agents/stopconfirmation.h"
#include "client/engineclient.h"
#include "console/approvalbar.h"
#include "console/consoleinput.h"
#include "console/consolestyle.h"
#include "console/findbar.h"
#include "console/livestep.h"
#include "console/transcriptmodel.h"
#include "console/transcriptview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace chorus {

namespace {
QString stateTitle(SessionState s)
{
    switch (s) {
    case SessionState::Queued:
        return ConsoleWidget::tr("Queued");
    case SessionState::Starting:
        return ConsoleWidget::tr("Starting");
    case SessionState::Running:
        return ConsoleWidget::tr("Running");
    case SessionState::Waiting:
        return ConsoleWidget::tr("Waiting");
    case SessionState::Stalled:
        return ConsoleWidget::tr("Stalled");
    case SessionState::Idle:
        return ConsoleWidget::tr("Idle");
    case SessionState::Done:
        return ConsoleWidget::tr("Done");
    case SessionState::Failed:
        return ConsoleWidget::tr("Failed");
    case SessionState::Stopped:
        return ConsoleWidget::tr("Stopped");
    case SessionState::Interrupted:
        return ConsoleWidget::tr("Interrupted");
    case SessionState::Creating:
        return ConsoleWidget::tr("Creating");
    }
    return {};
}
} // namespace

ConsoleWidget::ConsoleWidget(EngineClient *client, const QString &sessionId, QWidget *parent,
                             bool readOnly)
    : QWidget(parent), m_client(client), m_sessionId(sessionId), m_readOnly(readOnly)
{
    setObjectName(QStringLiteral("consoleWidget"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    buildHeader(header);
    layout->addWidget(header);
    auto *rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(rule);

    m_findBar = new FindBar(this);
    m_findBar->hide();
    layout->addWidget(m_findBar);
    m_view = new TranscriptView(this);
    m_view->setObjectName(QStringLiteral("transcript"));
    layout->addWidget(m_view, 1);
    m_approvals = new ApprovalBar(client, sessionId, this);
    layout->addWidget(m_approvals);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("consoleError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int m = fontMetrics().height() / 3;
    m_error->setContentsMargins(m * 2, m, m * 2, 0);
    m_error->hide();
    layout->addWidget(m_error);
    if (!readOnly) {
        auto *box = new QWidget(this);
        buildInput(box);
        layout->addWidget(box);
    }

    new QShortcut(QKeySequence::Find, this, this, &ConsoleWidget::showFindBar,
                  Qt::WidgetWithChildrenShortcut);
    m_findBar->drive(this, [this](bool backwards, bool move) { search(backwards, move); });
    connect(m_findBar, &FindBar::closed, this, [this] {
        m_view->setHighlight({});
        m_view->setFocus();
    });

    connect(client, &EngineClient::eventsArrived, this, &ConsoleWidget::onEvents);
    connect(client, &EngineClient::liveUpdated, this, &ConsoleWidget::onLive);
    m_liveClock.setInterval(1000);
    connect(&m_liveClock, &QTimer::timeout, this, &ConsoleWidget::updateLiveLine);
    connect(client, &EngineClient::sessionChanged, this, &ConsoleWidget::onSessionChanged);
    connect(client, &EngineClient::sessionAdded, this, &ConsoleWidget::onSessionChanged);
    connect(client, &EngineClient::approvalsChanged, this, [this](const QString &id) {
        if (id == m_sessionId)
            m_approvals->refresh();
    });
    connect(client, &EngineClient::connectedChanged, this, [this](bool connected) {
        updateEmptyText();
        if (!connected || !m_loaded)
            return;
        // The engine came back (or resent what this window missed): catch up on what was
        // stored meanwhile.
        catchUp();
        updateState();
    });
    connect(m_view->model(), &TranscriptModel::flushed, this, &ConsoleWidget::updateEmptyText);

    updateState();
    applyColours();
    load();
}

void ConsoleWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void ConsoleWidget::applyColours()
{
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText, ConsoleStyle::fromWidget(font(), palette()).error);
    m_error->setPalette(errorPalette);
    updateState(); // the state dot
}

ConsoleWidget::~ConsoleWidget()
{
    if (m_watching && m_client)
        m_client->unwatch(m_sessionId);
}

void ConsoleWidget::buildHeader(QWidget *header)
{
    auto *row = new QHBoxLayout(header);
    const int m = fontMetrics().height() / 3;
    row->setContentsMargins(m * 2, m, m * 2, m);
    row->setSpacing(m * 2);
    m_stateDot = new QLabel(QStringLiteral("●"), header);
    m_stateDot->setObjectName(QStringLiteral("stateDot"));
    m_stateText = new QLabel(header);
    m_stateText->setObjectName(QStringLiteral("stateText"));
    m_stateText->setTextFormat(Qt::PlainText);
    m_stateText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row->addWidget(m_stateDot);
    row->addWidget(m_stateText, 1);

    m_interrupt = new QPushButton(tr("&Interrupt"), header);
    m_interrupt->setObjectName(QStringLiteral("interruptButton"));
    m_interrupt->setToolTip(tr("Stop the current turn; the agent stays and takes follow-ups"));
    m_stop = new QPushButton(tr("S&top"), header);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("End the agent's process; its work is kept and it can be resumed"));
    m_resume = new QPushButton(tr("&Resume"), header);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_resume->setToolTip(
        m_readOnly ? tr("Start the agent again where it left off")
                   : tr("Start the agent again where it left off (with the text below, if any)"));
    if (m_readOnly) {
        m_interrupt->hide();
        m_stop->hide();
    }
    row->addWidget(m_interrupt);
    row->addWidget(m_stop);
    row->addWidget(m_resume);
    m_header = row;

    // Both cut a running turn short: they ask first (see agents/stopconfirmation.h).
    connect(m_interrupt, &QPushButton::clicked, this, [this] {
        confirmStop(this, m_client->session(m_sessionId), true, [this] {
            runCommand(m_interrupt,
                       [this](Done done) { m_client->interrupt(m_sessionId, std::move(done)); });
        });
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        confirmStop(this, m_client->session(m_sessionId), false, [this] {
            runCommand(m_stop, [this](Done done) { m_client->stop(m_sessionId, std::move(done)); });
        });
    });
    connect(m_resume, &QPushButton::clicked, this, &ConsoleWidget::resume);
}

void ConsoleWidget::addHeaderAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    m_header->addWidget(button);
}

void ConsoleWidget::buildInput(QWidget *box)
{
    auto *row = new QHBoxLayout(box);
    const int m = fontMetrics().height() / 3;
    row->setContentsMargins(m * 2, m, m * 2, m * 2);
    row->setSpacing(m * 2);
    m_input = new ConsoleInput(box);
    m_input->setPlaceholderText(
        tr("Send a follow-up to the agent… (Ctrl+Enter sends, Enter is a new line)"));
    m_input->setAccessibleName(tr("Follow-up message"));
    m_send = new QPushButton(tr("&Send"), box);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send the message (Ctrl+Enter)"));
    row->addWidget(m_input, 1);
    row->addWidget(m_send, 0, Qt::AlignBottom);
    connect(m_input, &ConsoleInput::submitted, this, &ConsoleWidget::send);
    connect(m_send, &QPushButton::clicked, this, &ConsoleWidget::send);
}

void ConsoleWidget::load()
{
    if (!m_readOnly) {
        m_client->watch(m_sessionId);
        m_watching = true;
    }
    m_view->setEmptyText(tr("Loading the transcript…"));
    QPointer<ConsoleWidget> self(this);
    m_client->fetchTail(m_sessionId, kTailEvents, [self](const QList<StoredEvent> &events) {
        if (!self)
            return;
        TranscriptModel *model = self->m_view->model();
        model->appendEvents(events);
        model->appendEvents(self->m_early); // duplicates of the tail are skipped by seq
        self->m_early.clear();
        model->flush();
        self->m_loaded = true;
        self->updateEmptyText();
    });
}

void ConsoleWidget::onEvents(const QString &sessionId, const QList<StoredEvent> &events)
{
    if (sessionId != m_sessionId)
        return;
    if (m_loaded && !m_catchingUp)
        m_view->appendEvents(events);
    else
        m_early += events;
}

void ConsoleWidget::catchUp()
{
    // Live events that arrive while the gap is fetched wait in m_early: appended first, they
    // would move the last sequence number past the gap and the fetched events would be skipped.
    m_catchingUp = true;
    QPointer<ConsoleWidget> self(this);
    m_client->fetchEvents(
        m_sessionId, m_view->model()->lastSeq(), 0, [self](const QList<StoredEvent> &events) {
            if (!self)
                return;
            self->m_view->appendEvents(events);
            self->m_view->appendEvents(
                std::exchange(self->m_early, {})); // duplicates are skipped by seq
            self->m_catchingUp = false;
        });
}

void ConsoleWidget::onSessionChanged(const SessionInfo &info)
{
    if (info.id != m_sessionId)
        return;
    updateState();
    // A turn that ended or failed shows nothing live, even if its last update was lost.
    if (info.state != SessionState::Running && info.state != SessionState::Waiting &&
        info.state != SessionState::Stalled && info.state != SessionState::Starting)
        clearLive();
}

void ConsoleWidget::onLive(const LiveUpdate &update)
{
    if (update.sessionId != m_sessionId || m_readOnly)
        return;
    if (update.ended) {
        clearLive();
        return;
    }
    m_view->model()->appendLive(update);
    m_step = update.step;
    m_turnStartedAt = update.turnStartedAt;
    updateLiveLine();
    if (!m_liveClock.isActive())
        m_liveClock.start();
}

void ConsoleWidget::clearLive()
{
    m_liveClock.stop();
    if (m_step.kind.isEmpty() && m_view->model()->liveRowCount() == 0)
        return;
    m_step = {};
    m_turnStartedAt.clear();
    LiveUpdate ended;
    ended.sessionId = m_sessionId;
    ended.ended = true;
    m_view->model()->appendLive(ended);
    m_view->model()->setLiveLine({});
}

void ConsoleWidget::updateLiveLine()
{
    m_view->model()->setLiveLine(
        LiveStepText::format(m_step, m_turnStartedAt, QDateTime::currentDateTimeUtc()));
}

void ConsoleWidget::updateState()
{
    const SessionInfo s = m_client ? m_client->session(m_sessionId) : SessionInfo();
    const bool known = !s.id.isEmpty();
    m_view->setAgentName(s.name.isEmpty() ? m_sessionId.left(8) : s.name);
    const SessionState st = s.state;
    // The main window's actions follow the same rule (agents/agentcommands.h); an agent whose
    // worktree was cleaned up takes nothing more: the buttons say why.
    const AgentCommands can = AgentCommands::of(s, true);
    m_interrupt->setEnabled(can.interrupt);
    m_stop->setEnabled(can.stop);
    const QString cleaned = can.blocked;
    m_resume->setEnabled(can.resume);
    m_resume->setToolTip(
        !cleaned.isEmpty() ? cleaned
        : m_readOnly       ? tr("Start the agent again where it left off")
                     : tr("Start the agent again where it left off (with the text below, if any)"));
    if (m_send) {
        m_send->setEnabled(known && can.send);
        m_send->setToolTip(cleaned.isEmpty() ? tr("Send the message (Ctrl+Enter)") : cleaned);
        m_input->setEnabled(cleaned.isEmpty());
        m_input->setPlaceholderText(
            cleaned.isEmpty()
                ? tr("Send a follow-up to the agent… (Ctrl+Enter sends, Enter is a new line)")
                : cleaned);
    }

    const ConsoleStyle style = ConsoleStyle::fromWidget(font(), palette());
    QColor dot = style.dim;
    switch (st) {
    case SessionState::Running:
    case SessionState::Starting:
        dot = style.accent;
        break;
    case SessionState::Waiting:
    case SessionState::Stalled:
        dot = style.warning;
        break;
    case SessionState::Idle:
    case SessionState::Done:
        dot = style.success;
        break;
    case SessionState::Failed:
    case SessionState::Interrupted:
        dot = style.error;
        break;
    default:
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, dot);
    m_stateDot->setPalette(pal);
    // What keeps the agent from going on, and what to do about it, stays in view while it lasts.
    const bool blocked =
        (st == SessionState::Waiting && s.stateDetail == QLatin1String("storage")) ||
        (st == SessionState::Failed && s.stateDetail == QLatin1String("launch"));
    if (blocked)
        showError(s.error);
    else if (m_showingStateError)
        m_error->hide();
    m_showingStateError = blocked;
    if (!known) {
        m_stateText->setText(tr("Unknown agent %1").arg(m_sessionId.left(8)));
        return;
    }
    QString text = s.name.isEmpty() ? m_sessionId.left(8) : s.name;
    if (!s.role.isEmpty())
        text += QStringLiteral(" (") + s.role + QLatin1Char(')');
    text += QStringLiteral("  ·  ") + stateTitle(st);
    if (st == SessionState::Stopped && s.stateDetail == QLatin1String("user"))
        text += QLatin1Char(' ') + tr("by you");
    else if (st == SessionState::Waiting && s.stateDetail == QLatin1String("approval"))
        text += QStringLiteral(" — ") + tr("needs your approval");
    else if (!s.stateDetail.isEmpty())
        text += QStringLiteral(" — ") + s.stateDetail;
    text += QStringLiteral("  ·  ") + tr("%n turn(s)", nullptr, s.turns) +
            QStringLiteral("  ·  $") + QString::number(s.costUsd, 'f', 4);
    m_stateText->setText(text);
    m_stateText->setToolTip(s.error.isEmpty() ? s.task : s.error);
    updateEmptyText();
}

void ConsoleWidget::updateEmptyText()
{
    if (!m_loaded)
        return;
    if (m_client && !m_client->isConnected()) {
        // What is shown stays; what could not be fetched comes when the engine is back.
        m_view->setEmptyText(tr("The engine is not reachable"),
                             tr("The transcript loads when Chorus reconnects to its engine."));
        return;
    }
    if (m_readOnly) {
        m_view->setEmptyText(tr("No events recorded"),
                             tr("This session has no stored transcript."));
        return;
    }
    const SessionInfo s = m_client ? m_client->session(m_sessionId) : SessionInfo();
    if (!s.id.isEmpty() && s.state == SessionState::Queued)
        m_view->setEmptyText(
            tr("Queued"), tr("The agent starts when a slot is free. Its transcript appears here."));
    else
        m_view->setEmptyText(
            tr("Waiting for the agent"),
            tr("Its messages, tool calls and their results appear here as it works, with a "
               "footer for each turn."));
}

void ConsoleWidget::runCommand(QPushButton *button, const std::function<void(Done)> &command)
{
    if (!m_client)
        return;
    button->setEnabled(false);
    m_error->hide();
    QPointer<ConsoleWidget> self(this);
    command([self](const Status &status) {
        if (!self)
            return;
        if (!status)
            self->showError(status.error().toString());
        self->updateState();
    });
}

void ConsoleWidget::send()
{
    const QString text = m_input->toPlainText().trimmed();
    if (text.isEmpty() || !m_client || !m_send->isEnabled())
        return;
    m_send->setEnabled(false);
    m_error->hide();
    QPointer<ConsoleWidget> self(this);
    m_client->send(m_sessionId, text, [self, text](const Status &status) {
        if (!self)
            return;
        if (!status)
            self->showError(tr("Could not send the message: %1").arg(status.error().toString()));
        else if (self->m_input->toPlainText().trimmed() == text)
            self->m_input->clear();
        self->updateState();
    });
}

void ConsoleWidget::resume()
{
    const QString text = m_input ? m_input->toPlainText().trimmed() : QString();
    if (!m_watching && m_client) {
        // A read-only console goes live once its agent runs again.
        m_client->watch(m_sessionId);
        m_watching = true;
        catchUp();
    }
    QPointer<ConsoleWidget> self(this);
    runCommand(m_resume, [self, text](Done done) {
        self->m_client->resume(self->m_sessionId, text, [self, text, done](const Status &status) {
            if (self && status && self->m_input && self->m_input->toPlainText().trimmed() == text)
                self->m_input->clear();
            done(status);
        });
    });
}

void ConsoleWidget::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void ConsoleWidget::showFindBar()
{
    m_findBar->activate();
    if (!m_findBar->text().isEmpty())
        search(false, false);
}

void ConsoleWidget::search(bool backward, bool again)
{
    const QString text = m_findBar->text();
    if (!m_findBar->isVisible() && again && text.isEmpty())
        return;
    m_view->findNext(text, backward, !again);
    TranscriptModel *model = m_view->model();
    m_findBar->setResult(model->matchIndex(text, m_view->matchRow()), model->matchCount(text));
}

} // namespace chorus
