#pragma once

#include "style/theme.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QToolBar;

namespace chorus {

// The main window's actions with their shortcuts, and the menus and toolbar that show
// them. Agent actions (open, interrupt, stop, resume, copy id) act on the current agent;
// MainWindow enables them for its state.
class MainActions : public QObject
{
    Q_OBJECT
public:
    explicit MainActions(QMainWindow *window);

    void buildMenus(QMainWindow *window);
    QToolBar *buildToolBar(QMainWindow *window);
    // The agent list's context menu: nullptr entries are separators.
    QList<QAction *> agentContextActions() const;
    void setTheme(Theme theme);
    // Re-tint the icons after a palette change.
    void updateIcons();
    // Resume's tooltip says why it is off (an agent whose worktree was cleaned up); empty: its
    // usual tooltip.
    void setResumeBlockedReason(const QString &why);
    // Archive's tooltip says why it is off; empty: its usual tooltip.
    void setArchiveBlockedReason(const QString &why);

    QAction *newAgent;
    QAction *openConsole;
    QAction *interrupt;
    QAction *stop;
    QAction *resume;
    QAction *copyId;
    QAction *history;
    QAction *settings;
    QAction *quit;
    // The console of the next agent that needs the user (notify/NotificationCenter).
    QAction *nextAttention;
    QAction *nextTab;
    QAction *previousTab;
    QAction *closeTab;
    QAction *showFinished;
    QAction *about;
    // Review (src/gui/review): the review window, and the same for the agent list's agent.
    QAction *review;
    QAction *reviewAgent;
    // Conflicts (src/gui/conflict): the three-way window for the agent list's agent.
    QAction *resolveConflicts;
    // The current agent's console stays a tab as the selection moves on (checkable).
    QAction *pinConsole;
    // Stop, clean the worktree the way `chorus clean` does, leave the agent to History.
    QAction *archive;
    // Ctrl+K: a popup to jump to an agent by name.
    QAction *jumpToAgent;
    // Help → Keyboard Shortcuts.
    QAction *shortcuts;
    QAction *themeSystem;
    QAction *themeLight;
    QAction *themeDark;

Q_SIGNALS:
    void themeRequested(chorus::Theme theme);

private:
    QAction *make(const QString &text, const QString &objectName);

    QString m_resumeToolTip;
    QString m_archiveToolTip;

    QActionGroup *m_themes;
    QMainWindow *m_window;
};

} // namespace chorus
