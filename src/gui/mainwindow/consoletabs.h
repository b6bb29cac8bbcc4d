#pragma once

#include <QList>
#include <QSet>
#include <QStackedWidget>

class QAction;
class QMenu;
class QTabWidget;
class QToolButton;

namespace chorus {

class ConsoleWidget;
class EmptyStateWidget;
class EngineClient;
class KnownRoles;
struct SessionInfo;

// The live consoles. One preview console follows the current agent: showing another agent's
// console replaces it. A pinned console stays as its own tab while the selection moves on; the
// corner button lists the open tabs. Consoles that leave the preview are kept (a few, hidden) and
// reused when their agent is shown again, so following the selection stays cheap.
class ConsoleTabs : public QStackedWidget
{
    Q_OBJECT
public:
    // Unpinned consoles kept for reuse besides the one shown.
    static constexpr int kKeptConsoles = 4;

    ConsoleTabs(EngineClient *client, KnownRoles *roles, QWidget *parent = nullptr);

    // Brings the agent's console forward: its pinned tab, else the preview (replaced).
    void openConsole(const QString &sessionId);
    // Pinned: its console stays a tab as the selection moves on. Unpinning the console in front
    // makes it the preview again; unpinning another closes its tab.
    void setPinned(const QString &sessionId, bool pinned);
    bool isPinned(const QString &sessionId) const { return m_pinned.contains(sessionId); }
    // The action each console shows in its header to pin it (checked: the one in front is).
    void setPinAction(QAction *pin);
    // Closes the agent's console for good (an archived agent), pinned or not.
    void closeSession(const QString &sessionId);
    void closeConsole(int index);
    void closeCurrent();
    void nextTab();
    void previousTab();

    int count() const;
    QString currentSessionId() const;
    QString previewSessionId() const { return m_preview; }
    // The console shown in a tab (pinned or the preview), or nullptr.
    ConsoleWidget *console(const QString &sessionId) const;
    // How many consoles exist (in tabs and kept for reuse): bounded by the pins + kKeptConsoles
    // + 1.
    int consoleCount() const;
    QTabWidget *tabs() const { return m_tabs; }
    QToolButton *tabListButton() const { return m_listButton; }
    // The corner button's menu, one entry per open tab; filled when it opens.
    QMenu *tabListMenu() const { return m_listMenu; }
    // Focuses the console in front (its input box when it has one).
    void focusCurrent();

Q_SIGNALS:
    // The agent whose console is in front, or empty when none is.
    void currentSessionChanged(const QString &sessionId);

protected:
    void changeEvent(QEvent *event) override;

private:
    int indexOf(const QString &sessionId) const;
    ConsoleWidget *takeKept(const QString &sessionId);
    void keep(ConsoleWidget *console);
    void updateTab(const SessionInfo &info);
    void updateTabs();
    void updatePage();
    void fillTabList();
    // Announces the console in front when it changed (not during a swap of tabs).
    void announce();

    EngineClient *m_client;
    KnownRoles *m_roles;
    QTabWidget *m_tabs;
    EmptyStateWidget *m_hint;
    QToolButton *m_listButton;
    QMenu *m_listMenu;
    QAction *m_pin = nullptr;
    QSet<QString> m_pinned;
    QString m_preview;             // the agent whose console is the preview tab, or empty
    QList<ConsoleWidget *> m_kept; // hidden unpinned consoles, most recently shown first
    QString m_announced;
    bool m_swapping = false;
};

} // namespace chorus
