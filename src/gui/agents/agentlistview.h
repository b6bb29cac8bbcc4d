#pragma once

#include <QWidget>

class QAction;
class QLineEdit;
class QMenu;
class QModelIndex;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace chorus {

class AgentListModel;
class EmptyStateWidget;
class RepositoryGroupModel;
class SessionFilterModel;

// The agent list: a filter field (name, role, task, branch), then the agents with role
// icon, name, state, tokens, cost and elapsed time, sortable by any column, optionally
// grouped by repository and with agents that wait for the user on top. More columns (role,
// task, branch, merge, created) come from the header's context menu. Enter or a
// double-click opens the agent's console; the context menu offers the actions given to
// setContextActions(). The grouping, waiting-first and idle-limit choices are GUI settings.
class AgentListView : public QWidget
{
    Q_OBJECT
public:
    AgentListView(AgentListModel *model, QWidget *parent = nullptr);

    // The look and behaviour every list of sessions shares (rows, single selection, read-only).
    static void setUpSessionView(QTreeView *view);

    void setContextActions(const QList<QAction *> &actions);
    void setShowFinished(bool show);
    // Reads the list's settings again (the idle limit, after the Settings dialog).
    void applySettings();

    // The selected agent, or empty.
    QString currentSessionId() const;
    // Selects the agent's row; when it is not listed, clears the selection and returns false.
    bool selectSession(const QString &sessionId);

    QTreeView *view() const { return m_view; }
    SessionFilterModel *proxy() const { return m_proxy; }
    RepositoryGroupModel *groups() const { return m_groups; }
    QLineEdit *filterEdit() const { return m_filter; }
    EmptyStateWidget *emptyState() const { return m_empty; }
    QAction *groupAction() const { return m_groupAction; }
    QAction *waitingFirstAction() const { return m_waitingFirstAction; }
    // One checkable action per column that can be shown or hidden (the header's menu).
    QList<QAction *> columnActions() const { return m_columnActions; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    void openRequested(const QString &sessionId);
    void currentSessionChanged(const QString &sessionId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showContextMenu(const QPoint &pos);
    void showHeaderMenu(const QPoint &pos);
    void setupColumns();
    void setupOptions();
    void syncColumnActions();
    // Spans and expands the group header rows among `first`..`last` (all: -1).
    void decorateGroups(int first = 0, int last = -1);
    void updateEmptyState();

    AgentListModel *m_model;
    RepositoryGroupModel *m_groups;
    SessionFilterModel *m_proxy;
    QLineEdit *m_filter;
    QToolButton *m_options;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    EmptyStateWidget *m_empty;
    QAction *m_groupAction;
    QAction *m_waitingFirstAction;
    QList<QAction *> m_columnActions;
    QList<QAction *> m_contextActions;
    QString m_keepSelected; // the selection across a reset of the rows
};

} // namespace chorus
