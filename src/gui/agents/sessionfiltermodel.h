#pragma once

#include "model/sessioninfo.h"

#include <QDate>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <optional>

namespace chorus {

// Sorting and filtering over AgentListModel (or a RepositoryGroupModel over it): by role,
// state, free text (name, role, task or branch: a plain substring, any case; no pattern
// syntax), creation date range, and whether finished (and long idle) sessions show at all.
// Sorts by the model's SortRole; with no sort column it keeps creation order. "Waiting
// first" puts agents that wait for the user on top whatever the sort: those waiting for an
// approval, then idle ones. Group header rows show while one of their agents passes, with
// the count of those that do; groups sort by name.
class SessionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilterModel(QObject *parent = nullptr);

    void setRole(const QString &role); // empty: any
    void setState(std::optional<SessionState> state);
    void setText(const QString &text);
    QString text() const { return m_text; }
    // Inclusive local dates; an invalid date leaves that end open.
    void setDateRange(const QDate &from, const QDate &to);
    // Hides finished agents, and idle ones whose turn ended more than the idle limit ago.
    void setHideFinished(bool hide);
    bool hidesFinished() const { return m_hideFinished; }
    // Minutes after which a hidden-finished list hides an idle agent too; 0: never.
    void setIdleLimitMinutes(int minutes);
    int idleLimitMinutes() const { return m_idleMinutes; }
    void setWaitingFirst(bool on);
    bool isWaitingFirst() const { return m_waitingFirst; }

    // column -1: creation order (sorted still, for waiting-first and the groups).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Archived agents (worktree cleaned up) are left out: the agent list; History keeps them.
    void setHideArchived(bool hide);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool passes(const QModelIndex &i) const;
    void updateIdleTimer();

    QString m_role;
    std::optional<SessionState> m_state;
    QString m_text;
    QDate m_from;
    QDate m_to;
    bool m_hideFinished = false;
    int m_idleMinutes = 0;
    bool m_waitingFirst = false;
    int m_column = -1;  // the column asked for; -1 creation order
    QTimer m_idleTimer; // idle agents pass the limit as time goes by
    bool m_hideArchived = false;
};

} // namespace chorus
