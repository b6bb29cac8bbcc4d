#pragma once

#include <QWidget>

class QTreeView;
class QMenu;
class QModelIndex;

namespace chorus {

class AgentListModel;
class SessionFilterModel;

// The agent list: role icon, name, state, tokens, cost and elapsed time per agent,
// sortable by any column. Enter or a double-click opens the agent's console; the context
// menu offers the actions given to setContextActions().
class AgentListView : public QWidget
{
    Q_OBJECT
public:
    AgentListView(AgentListModel *model, QWidget *parent = nullptr);

    // The look and behaviour every list of sessions shares (rows, single selection, read-only).
    static void setUpSessionView(QTreeView *view);

    void setContextActions(const QList<QAction *> &actions);
    void setShowFinished(bool show);

    // The selected agent, or empty.
    QString currentSessionId() const;
    void selectSession(const QString &sessionId);

    QTreeView *view() const { return m_view; }
    SessionFilterModel *proxy() const { return m_proxy; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    void openRequested(const QString &sessionId);
    void currentSessionChanged(const QString &sessionId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showContextMenu(const QPoint &pos);
    void setupColumns();

    AgentListModel *m_model;
    SessionFilterModel *m_proxy;
    QTreeView *m_view;
    QList<QAction *> m_contextActions;
};

} // namespace chorus
