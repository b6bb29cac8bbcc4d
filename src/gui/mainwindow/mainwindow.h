#pragma once

#include "result.h"

#include <QMainWindow>
#include <QHash>
#include <QPointer>

class QSplitter;
class QStackedWidget;

namespace chorus {

class AgentArchiver;
class AgentJumper;
class AgentActions;
class AgentListModel;
class AgentListView;
class AgentStatusBar;
class ClaudeBanner;
class ConsoleTabs;
class EmptyStateWidget;
class EngineClient;
class EngineReconnect;
class HistoryWindow;
class KnownRoles;
class MainActions;
class NewAgentDialog;
class NotificationCenter;
class Notifier;
class ConflictWindow;
class ReviewWindow;
class SettingsDialog;
class ShortcutsDialog;

// The main window: the agent list beside the live consoles, menus, toolbar and status
// bar. It talks to the engine only through the EngineClient it is given; the parts
// (actions, list, consoles, status bar, dialogs) are their own classes.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `notifier`: where desktop notifications go (main.cpp: the desktop's; the window takes
    // it); none: only the title, the taskbar entry and the status bar tell.
    explicit MainWindow(EngineClient *client, QWidget *parent = nullptr,
                        Notifier *notifier = nullptr);
    ~MainWindow() override;

    // Connects to the engine (starting it when needed); on failure shows why, with Retry.
    void connectToEngine();

    NewAgentDialog *showNewAgentDialog();
    HistoryWindow *showHistory();
    // The review window, with this agent's branch selected (if it has one).
    ReviewWindow *showReview(const QString &sessionId = {});
    // The three-way conflict window of an agent against `target` (empty: the repository's
    // current branch); one window per agent and target.
    ConflictWindow *showConflicts(const QString &sessionId, const QString &target = {});
    SettingsDialog *showSettings();
    ShortcutsDialog *showShortcuts();
    // Makes the agent the current one: selected in the list, its console in front.
    void openConsole(const QString &sessionId);
    // The agent the toolbar, the menus and the console in front act on: the one selected in the
    // list, or (when the list shows none, e.g. a hidden finished agent) the console in front.
    QString currentAgent() const;
    // Opens the console of the next agent that needs the user (after the current one).
    void showNextAttention();

    // The parts, for tests.
    MainActions *actions() const { return m_actions; }
    AgentActions *agentActions() const { return m_agentActions; }
    AgentListModel *agentModel() const { return m_model; }
    AgentListView *agentList() const { return m_list; }
    ConsoleTabs *consoles() const { return m_consoles; }
    AgentStatusBar *statusSummary() const { return m_status; }
    ClaudeBanner *claudeBanner() const { return m_claudeBanner; }
    AgentArchiver *archiver() const { return m_archiver; }
    AgentJumper *jumper() const { return m_jumper; }
    NotificationCenter *notifications() const { return m_notifications; }
    KnownRoles *roles() const { return m_roles; }
    QWidget *currentPage() const;
    EmptyStateWidget *enginePage() const { return m_enginePage; }
    EmptyStateWidget *welcomePage() const { return m_welcomePage; }
    // Tries again by itself, with back-off, while the engine cannot be reached.
    EngineReconnect *reconnect() const { return m_reconnect; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Lets the window's own shortcuts win over a text field's (Ctrl+K).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupActions();
    // Says why the engine cannot be reached and schedules the next try.
    void showEngineError(const Error &error);
    void showReconnectCountdown(int secondsLeft);
    void updatePage();
    void updateActions();
    // The list's selection moved: the console follows it.
    void followSelection(const QString &sessionId);
    void archiveCurrent();
    void jumpToAgent();
    void updateTitle(int attention);
    // Tells the notification center which console the user is looking at.
    void updateViewing();
    // Stop or Interrupt the current agent, asking first when that cuts a turn short.
    void stopCurrent(bool interrupt);
    void resumeCurrent();
    void copyCurrentId();
    void about();
    void restoreWindowState();
    void saveWindowState();

    EngineClient *m_client;
    KnownRoles *m_roles;
    AgentListModel *m_model;
    MainActions *m_actions;
    AgentActions *m_agentActions; // open, copy, push, pull request (agentactions.h)
    QStackedWidget *m_pages;
    EmptyStateWidget *m_enginePage;
    EmptyStateWidget *m_welcomePage;
    QSplitter *m_workspace;
    AgentListView *m_list;
    ConsoleTabs *m_consoles;
    AgentStatusBar *m_status;
    ClaudeBanner *m_claudeBanner;
    AgentArchiver *m_archiver;
    AgentJumper *m_jumper = nullptr;
    NotificationCenter *m_notifications;
    QPointer<HistoryWindow> m_history;
    QPointer<ReviewWindow> m_review;
    QList<QPointer<ConflictWindow>> m_conflicts; // open three-way windows (closed ones are null)
    EngineReconnect *m_reconnect;
    bool m_connecting = false;
    bool m_wasConnected = false; // the engine was reached once: a loss, not a first failure
};

} // namespace chorus
