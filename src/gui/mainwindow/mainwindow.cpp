#include "mainwindow/mainwindow.h"

#include "agents/agentcommands.h"
#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "agents/knownroles.h"
#include "agents/newagentdialog.h"
#include "agents/sessionformat.h"
#include "agents/stopconfirmation.h"
#include "client/engineclient.h"
#include "client/enginereconnect.h"
#include "conflict/conflictwindow.h"
#include "console/consolewidget.h"
#include "history/historywindow.h"
#include "mainwindow/agentarchiver.h"
#include "mainwindow/agentjumper.h"
#include "mainwindow/agentactions.h"
#include "mainwindow/agentstatusbar.h"
#include "mainwindow/claudebanner.h"
#include "mainwindow/consoletabs.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/shortcutsdialog.h"
#include "notify/notificationcenter.h"
#include "review/reviewwindow.h"
#include "settings/guisettings.h"
#include "settings/settingsdialog.h"
#include "style/icons.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace chorus {

MainWindow::MainWindow(EngineClient *client, QWidget *parent, Notifier *notifier)
    : QMainWindow(parent), m_client(client), m_roles(new KnownRoles(client, this)),
      m_model(new AgentListModel(client, m_roles, this)), m_actions(new MainActions(this)),
      m_agentActions(new AgentActions(client, this)), m_pages(new QStackedWidget(this)),
      m_enginePage(new EmptyStateWidget(m_pages)), m_welcomePage(new EmptyStateWidget(m_pages)),
      m_workspace(new QSplitter(Qt::Horizontal, m_pages)),
      m_list(new AgentListView(m_model, m_workspace)),
      m_consoles(new ConsoleTabs(client, m_roles, m_workspace)),
      m_status(new AgentStatusBar(client, statusBar())), m_claudeBanner(new ClaudeBanner(client)),
      m_archiver(new AgentArchiver(client, this)),
      m_notifications(new NotificationCenter(client, notifier, this)),
      m_reconnect(new EngineReconnect(this))
{
    if (notifier && !notifier->parent())
        notifier->setParent(m_notifications);
    setWindowTitle(tr("Chorus"));
    setWindowIcon(icons::app());
    setObjectName(QStringLiteral("mainWindow"));

    m_enginePage->setObjectName(QStringLiteral("enginePage"));
    m_enginePage->setIcon(icons::app());
    m_welcomePage->setObjectName(QStringLiteral("welcomePage"));
    m_welcomePage->setIcon(icons::app());
    m_welcomePage->setTitle(tr("No agents yet"));
    m_welcomePage->setText(tr("An agent is a Claude Code session that works on one task in its own "
                              "branch. Start one, then follow its work live here."));
    m_welcomePage->setButtonText(tr("New Agent…"));
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_workspace->addWidget(m_list);
    m_workspace->addWidget(m_consoles);
    m_workspace->setStretchFactor(0, 2);
    m_workspace->setStretchFactor(1, 3);
    m_workspace->setChildrenCollapsible(false);
    m_list->setMinimumWidth(260);
    m_pages->addWidget(m_enginePage);
    m_pages->addWidget(m_welcomePage);
    m_pages->addWidget(m_workspace);
    // The banner (hidden unless Claude Code cannot run agents) above whatever page is shown.
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_claudeBanner);
    column->addWidget(m_pages, 1);
    setCentralWidget(central);

    setupActions();
    qApp->installEventFilter(this);
    connect(m_welcomePage, &EmptyStateWidget::buttonClicked, this, &MainWindow::showNewAgentDialog);
    connect(m_enginePage, &EmptyStateWidget::buttonClicked, m_reconnect,
            &EngineReconnect::retryNow);
    connect(m_reconnect, &EngineReconnect::due, this, &MainWindow::connectToEngine);
    connect(m_reconnect, &EngineReconnect::tick, this, &MainWindow::showReconnectCountdown);
    // One current agent: a click in the list shows its console (the preview, or its pinned
    // tab); a tab brought forward selects its agent. Enter or a double-click pins the console
    // and puts the focus in it.
    connect(m_list, &AgentListView::openRequested, this, [this](const QString &id) {
        openConsole(id);
        m_consoles->setPinned(id, true);
    });
    connect(m_list, &AgentListView::currentSessionChanged, this, &MainWindow::followSelection);
    connect(m_consoles, &ConsoleTabs::currentSessionChanged, this, [this](const QString &id) {
        if (!id.isEmpty())
            m_list->selectSession(id);
        updateActions();
        updateViewing();
    });
    connect(m_archiver, &AgentArchiver::archived, this,
            [this](const QString &id, const QString &summary) {
                m_consoles->closeSession(id);
                statusBar()->showMessage(summary, 8000);
                updateActions();
            });
    connect(m_archiver, &AgentArchiver::failed, this,
            [this](const QString &, const QString &message) {
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Archive"), message,
                                            QMessageBox::Ok, this);
                box->setObjectName(QStringLiteral("archiveError"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            });
    connect(m_notifications, &NotificationCenter::attentionChanged, this, &MainWindow::updateTitle);
    connect(m_notifications, &NotificationCenter::alertRequested, this, [this] {
        if (!isActiveWindow())
            QApplication::alert(this); // the taskbar entry asks for attention
    });
    connect(m_notifications, &NotificationCenter::openRequested, this,
            [this](const QString &id, NotificationCenter::Target target, const QString &into) {
                if (isMinimized())
                    showNormal();
                raise();
                activateWindow();
                switch (target) {
                case NotificationCenter::Target::Console:
                    openConsole(id);
                    break;
                case NotificationCenter::Target::Review:
                    showReview(id);
                    break;
                case NotificationCenter::Target::Conflicts:
                    if (!showConflicts(id, into))
                        showReview(id);
                    break;
                }
            });
    connect(m_status, &AgentStatusBar::waitingClicked, this, &MainWindow::showNextAttention);
    // A new state (e.g. idle after a turn) changes what the agent actions can do.
    connect(client, &EngineClient::sessionChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePage);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updatePage);
    connect(m_claudeBanner, &ClaudeBanner::settingsRequested, this, &MainWindow::showSettings);
    // Asked again when it may have changed: a new engine, an agent that could not start or
    // failed (for want of a login?), a turn that worked while the banner shows a problem.
    const auto recheckClaude = [this](const SessionInfo &info) {
        if (info.state == SessionState::Failed ||
            (info.state == SessionState::Idle && m_claudeBanner->isVisible()))
            m_claudeBanner->recheck();
    };
    // (A session first seen already failed comes as added, not changed.)
    connect(client, &EngineClient::sessionAdded, this, recheckClaude);
    connect(client, &EngineClient::sessionChanged, this, recheckClaude);
    connect(client, &EngineClient::connectedChanged, this, [this](bool connected) {
        if (connected)
            m_claudeBanner->recheck();
        else
            m_claudeBanner->hide(); // the engine page says what is wrong
        if (!connected && !m_connecting)
            showEngineError(makeError(tr("the connection to the Chorus engine was lost"), {},
                                      tr("Your agents keep running if the engine does. Chorus "
                                         "reconnects by itself (starting the engine again if it "
                                         "has ended); History stays open meanwhile.")));
        updateActions();
    });

    m_enginePage->setTitle(tr("Connecting to the Chorus engine…"));
    m_pages->setCurrentWidget(m_enginePage);
    restoreWindowState();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupActions()
{
    m_actions->buildMenus(this);
    m_actions->buildToolBar(this);
    if (auto *agentMenu = menuBar()->findChild<QMenu *>(QStringLiteral("agentMenu")))
        m_agentActions->addToMenu(agentMenu);
    m_list->setContextActions(m_actions->agentContextActions() + m_agentActions->contextActions());
    connect(m_agentActions, &AgentActions::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 4000); });
    m_actions->setTheme(guisettings::theme());
    m_actions->showFinished->setChecked(guisettings::showFinishedAgents());
    m_list->setShowFinished(m_actions->showFinished->isChecked());

    connect(m_actions->newAgent, &QAction::triggered, this, &MainWindow::showNewAgentDialog);
    connect(m_actions->openConsole, &QAction::triggered, this,
            [this] { openConsole(currentAgent()); });
    m_consoles->setPinAction(m_actions->pinConsole);
    connect(m_actions->pinConsole, &QAction::triggered, this,
            [this](bool pinned) { m_consoles->setPinned(m_consoles->currentSessionId(), pinned); });
    connect(m_actions->archive, &QAction::triggered, this, &MainWindow::archiveCurrent);
    connect(m_actions->jumpToAgent, &QAction::triggered, this, &MainWindow::jumpToAgent);
    connect(m_actions->shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_actions->interrupt, &QAction::triggered, this,
            [this] { stopCurrent(true); });
    connect(m_actions->stop, &QAction::triggered, this,
            [this] { stopCurrent(false); });
    connect(m_actions->resume, &QAction::triggered, this, &MainWindow::resumeCurrent);
    connect(m_actions->copyId, &QAction::triggered, this, &MainWindow::copyCurrentId);
    connect(m_actions->history, &QAction::triggered, this, &MainWindow::showHistory);
    connect(m_actions->review, &QAction::triggered, this, [this] { showReview(currentAgent()); });
    connect(m_actions->reviewAgent, &QAction::triggered, this,
            [this] { showReview(currentAgent()); });
    connect(m_actions->resolveConflicts, &QAction::triggered, this,
            [this] { showConflicts(currentAgent()); });
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(m_actions->quit, &QAction::triggered, this, &MainWindow::close);
    connect(m_actions->nextAttention, &QAction::triggered, this, &MainWindow::showNextAttention);
    connect(m_actions->nextTab, &QAction::triggered, m_consoles, &ConsoleTabs::nextTab);
    connect(m_actions->previousTab, &QAction::triggered, m_consoles, &ConsoleTabs::previousTab);
    connect(m_actions->closeTab, &QAction::triggered, m_consoles, &ConsoleTabs::closeCurrent);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::about);
    connect(m_actions->showFinished, &QAction::toggled, this, [this](bool show) {
        m_list->setShowFinished(show);
        guisettings::setShowFinishedAgents(show);
    });
    connect(m_actions, &MainActions::themeRequested, this, [this](Theme theme) {
        applyTheme(theme);
        guisettings::setTheme(theme);
        m_actions->setTheme(theme);
    });
}

void MainWindow::connectToEngine()
{
    m_connecting = true;
    m_enginePage->setTitle(tr("Connecting to the Chorus engine…"));
    m_enginePage->setText(QString());
    m_enginePage->setButtonText(QString());
    m_pages->setCurrentWidget(m_enginePage);
    const Status status = m_client->connectToEngine();
    m_connecting = false;
    if (!status) {
        showEngineError(status.error());
        return;
    }
    m_wasConnected = true;
    m_reconnect->reset();
    m_status->update();
    updatePage();
    updateActions();
}

void MainWindow::showEngineError(const Error &error)
{
    m_enginePage->setTitle(tr("Chorus cannot reach its engine"));
    const QString program = EngineClient::daemonProgram();
    QString text = error.toString();
    if (!QFileInfo(program).isExecutable())
        text += QStringLiteral("\n\n") +
                tr("%1 is not an executable program. Install Chorus completely, or "
                   "point CHORUS_PROGRAM at the chorus command.")
                    .arg(program);
    m_enginePage->setText(text + QStringLiteral("\n\n") +
                          tr("The engine (chorus daemon) runs the agents; Chorus starts it when it "
                             "is not running."));
    m_enginePage->setButtonText(tr("&Retry Now"));
    m_pages->setCurrentWidget(m_enginePage);
    updateActions();
    m_reconnect->schedule(); // its first tick sets the title
}

void MainWindow::showReconnectCountdown(int secondsLeft)
{
    if (m_client->isConnected() || m_connecting)
        return;
    m_enginePage->setTitle(
        m_wasConnected
            ? tr("Engine lost — reconnecting in %n s…", nullptr, secondsLeft)
            : tr("Chorus cannot reach its engine — trying again in %n s…", nullptr, secondsLeft));
}

void MainWindow::updatePage()
{
    if (!m_client->isConnected())
        return; // the engine page stays until a connection succeeds
    m_pages->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_welcomePage)
                                                       : m_workspace);
    updateViewing();
}

void MainWindow::updateViewing()
{
    const bool looking = isActiveWindow() && m_pages->currentWidget() == m_workspace;
    m_notifications->setViewing(looking ? m_consoles->currentSessionId() : QString());
}

void MainWindow::updateTitle(int attention)
{
    // "(2) Chorus": how many agents need the user, also on the taskbar.
    setWindowTitle(attention > 0 ? tr("(%1) Chorus").arg(attention) : tr("Chorus"));
}

void MainWindow::showNextAttention()
{
    const QString id = m_notifications->nextAgent(currentAgent());
    if (id.isEmpty()) {
        statusBar()->showMessage(tr("No agent needs your attention."), 4000);
        return;
    }
    openConsole(id);
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

QString MainWindow::currentAgent() const
{
    const QString id = m_list->currentSessionId();
    return id.isEmpty() ? m_consoles->currentSessionId() : id;
}

void MainWindow::updateActions()
{
    const bool connected = m_client->isConnected();
    const QString id = currentAgent();
    // The same rule as the console's header (agents/agentcommands.h).
    const AgentCommands can = AgentCommands::of(m_client->session(id), connected);
    m_actions->newAgent->setEnabled(connected);
    m_actions->openConsole->setEnabled(can.known);
    m_actions->copyId->setEnabled(!id.isEmpty());
    m_actions->interrupt->setEnabled(can.interrupt);
    m_actions->stop->setEnabled(can.stop);
    // An agent whose worktree was cleaned up takes nothing more; the tooltip says why.
    m_actions->resume->setEnabled(can.resume);
    m_actions->setResumeBlockedReason(can.blocked);
    m_actions->archive->setEnabled(can.archive);
    m_actions->setArchiveBlockedReason(can.archiveBlocked);
    m_actions->history->setEnabled(true); // read from what the window knows, engine or not
    m_actions->review->setEnabled(connected);
    m_actions->reviewAgent->setEnabled(can.review);
    m_actions->resolveConflicts->setEnabled(can.review);
    m_actions->jumpToAgent->setEnabled(connected);
    m_actions->settings->setEnabled(connected);
    m_agentActions->setAgent(can.known ? id : QString(), connected);
}

void MainWindow::followSelection(const QString &sessionId)
{
    if (!sessionId.isEmpty())
        m_consoles->openConsole(sessionId);
    updateActions();
}

void MainWindow::archiveCurrent()
{
    const QString id = currentAgent();
    if (!id.isEmpty())
        m_archiver->archive(id);
}

void MainWindow::jumpToAgent()
{
    if (!m_jumper) {
        m_jumper = new AgentJumper(m_model, this);
        connect(m_jumper, &AgentJumper::agentChosen, this, &MainWindow::openConsole);
    }
    m_jumper->popup(m_pages);
}

void MainWindow::stopCurrent(bool interrupt)
{
    const QString id = currentAgent();
    if (id.isEmpty())
        return;
    confirmStop(this, m_client->session(id), interrupt, [this, id, interrupt] {
        // Failures reach the status bar through errorOccurred.
        if (interrupt)
            m_client->interrupt(id);
        else
            m_client->stop(id);
    });
}

void MainWindow::resumeCurrent()
{
    const QString id = currentAgent();
    if (id.isEmpty())
        return;
    m_client->resume(id, QString());
    openConsole(id);
}

void MainWindow::copyCurrentId()
{
    const QString id = currentAgent();
    if (id.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(id);
    statusBar()->showMessage(tr("Copied the session id of %1.").arg(m_client->session(id).name),
                             4000);
}

void MainWindow::openConsole(const QString &sessionId)
{
    if (sessionId.isEmpty() || m_client->session(sessionId).id.isEmpty())
        return;
    m_consoles->openConsole(sessionId);
    m_list->selectSession(sessionId);
    updatePage();
    updateActions();
    m_consoles->focusCurrent();
}

NewAgentDialog *MainWindow::showNewAgentDialog()
{
    auto *dialog = new NewAgentDialog(m_client, m_roles, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { openConsole(dialog->createdSession().id); });
    dialog->open();
    return dialog;
}

HistoryWindow *MainWindow::showHistory()
{
    if (!m_history) {
        m_history = new HistoryWindow(m_client, m_model, m_roles, this);
        connect(m_history, &HistoryWindow::consoleRequested, this, [this](const QString &id) {
            openConsole(id);
            raise();
            activateWindow();
        });
    }
    m_history->show();
    m_history->raise();
    m_history->activateWindow();
    return m_history;
}

ReviewWindow *MainWindow::showReview(const QString &sessionId)
{
    if (!m_review) {
        m_review = new ReviewWindow(m_client, m_roles, this);
        connect(m_review, &ReviewWindow::resolveConflictsRequested, this,
                [this](const QString &id, const QString &target) { showConflicts(id, target); });
    }
    if (!sessionId.isEmpty())
        m_review->selectAgent(sessionId);
    m_review->show();
    m_review->raise();
    m_review->activateWindow();
    return m_review;
}

ConflictWindow *MainWindow::showConflicts(const QString &sessionId, const QString &target)
{
    const SessionInfo agent = m_client->session(sessionId);
    if (agent.id.isEmpty() || agent.branch.isEmpty())
        return nullptr;
    // One window per agent and target: a request without a target takes any of the agent's.
    m_conflicts.removeAll(nullptr);
    ConflictWindow *window = nullptr;
    for (ConflictWindow *w : std::as_const(m_conflicts))
        if (w->agent().id == agent.id && (target.isEmpty() || w->target() == target))
            window = w;
    if (!window) {
        window = new ConflictWindow(m_client, agent, target, this);
        m_conflicts.append(window);
        window->setAttribute(Qt::WA_DeleteOnClose);
        connect(window, &ConflictWindow::resolverStarted, this,
                [this](const SessionInfo &resolver) { openConsole(resolver.id); });
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

SettingsDialog *MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        const Theme theme = guisettings::theme();
        applyTheme(theme);
        m_actions->setTheme(theme);
        m_claudeBanner->recheck(); // the path to Claude may be another now
        m_list->applySettings();
    });
    dialog->open();
    return dialog;
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Chorus"),
                       tr("<h3>Chorus %1</h3><p>Runs a team of headless Claude Code agents in "
                          "parallel, each on its own branch, and shows what each one does.</p>")
                           .arg(QStringLiteral(CHORUS_VERSION)));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+K is "delete to the end of the line" in Qt's text fields on Linux, which would take
    // it from Jump to Agent in the console's input and the list's filter: in this window the
    // fields leave it to the shortcut (the override event is not delivered, so not accepted).
    if (event->type() == QEvent::ShortcutOverride) {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && widget->window() == this &&
            QKeySequence(static_cast<QKeyEvent *>(event)->keyCombination()) ==
                m_actions->jumpToAgent->shortcut())
            return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_actions->updateIcons();
    if (event->type() == QEvent::ActivationChange)
        updateViewing();
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(guisettings::state(QStringLiteral("geometry"))))
        resize(1200, 760);
    restoreState(guisettings::state(QStringLiteral("windowState")));
    if (!m_workspace->restoreState(guisettings::state(QStringLiteral("workspaceSplitter"))))
        m_workspace->setSizes({540, 660});
    m_list->restoreState(guisettings::state(QStringLiteral("agentListColumns")));
}

void MainWindow::saveWindowState()
{
    guisettings::setState(QStringLiteral("geometry"), saveGeometry());
    guisettings::setState(QStringLiteral("windowState"), saveState());
    guisettings::setState(QStringLiteral("workspaceSplitter"), m_workspace->saveState());
    guisettings::setState(QStringLiteral("agentListColumns"), m_list->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (m_history)
        m_history->close();
    if (m_review)
        m_review->close();
    event->accept();
}

} // namespace chorus
