#pragma once

#include "result.h"

#include <QMainWindow>
#include <QHash>
#include <QPointer>

class QSplitter;
class QStackedWidget;

namespace chorus {

class AgentListModel;
class AgentListView;
class AgentStatusBar;
class ClaudeBanner;
class ConsoleTabs;
class EmptyStateWidget;
class EngineClient;
class HistoryWindow;
class KnownRoles;
class MainActions;
class NewAgentDialog;
class NotificationCenter;
class Notifier;
class ConflictWindow;
class ReviewWindow;
class SettingsDialog;

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
    void openConsole(const QString &sessionId);
    // Opens the console of the next agent that needs the user (after the current one).
    void showNextAttention();

    // The parts, for tests.
    MainActions *actions() const { return m_actions; }
    AgentListModel *agentModel() const { return m_model; }
    AgentListView *agentList() const { return m_list; }
    ConsoleTabs *consoles() const { return m_consoles; }
    AgentStatusBar *statusSummary() const { return m_status; }
    ClaudeBanner *claudeBanner() const { return m_claudeBanner; }
    NotificationCenter *notifications() const { return m_notifications; }
    KnownRoles *roles() const { return m_roles; }
    QWidget *currentPage() const;
    EmptyStateWidget *enginePage() const { return m_enginePage; }
    EmptyStateWidget *welcomePage() const { return m_welcomePage; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setupActions();
    void showEngineError(const Error &error);
    void updatePage();
    void updateActions();
    void updateTitle(int attention);
    // Tells the notification center which console the user is looking at.
    void updateViewing();
    QString currentAgent() const;
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
    QStackedWidget *m_pages;
    EmptyStateWidget *m_enginePage;
    EmptyStateWidget *m_welcomePage;
    QSplitter *m_workspace;
    AgentListView *m_list;
    ConsoleTabs *m_consoles;
    AgentStatusBar *m_status;
    ClaudeBanner *m_claudeBanner;
    NotificationCenter *m_notifications;
    QPointer<HistoryWindow> m_history;
    QPointer<ReviewWindow> m_review;
    QList<QPointer<ConflictWindow>> m_conflicts; // open three-way windows (closed ones are null)
    bool m_connecting = false;
};

} // namespace chorus
