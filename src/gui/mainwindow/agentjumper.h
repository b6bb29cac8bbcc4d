#pragma once

#include <QFrame>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace chorus {

class AgentListModel;

// Ctrl+K: a popup over the main window to jump to an agent by typing part of its name. Up and
// Down move among the matches, Enter picks one (the first when none is chosen), Esc closes.
class AgentJumper : public QFrame
{
    Q_OBJECT
public:
    AgentJumper(AgentListModel *model, QWidget *parent);

    // Shows it at the top of `over`, empty, with the focus in the search box.
    void popup(QWidget *over);
    QLineEdit *searchBox() const { return m_search; }
    QListView *matches() const { return m_list; }

Q_SIGNALS:
    void agentChosen(const QString &sessionId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose();
    void moveCurrent(int step);

    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QListView *m_list;
};

} // namespace chorus
