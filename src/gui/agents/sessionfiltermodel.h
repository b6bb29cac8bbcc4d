#pragma once

#include "model/sessioninfo.h"

#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>

namespace chorus {

// Sorting and filtering over AgentListModel: by role, state, free text (name or task),
// creation date range, and whether finished sessions show at all. Sorts by the model's
// SortRole; with no sort column it keeps creation order.
class SessionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilterModel(QObject *parent = nullptr);

    void setRole(const QString &role); // empty: any
    void setState(std::optional<SessionState> state);
    void setText(const QString &text);
    // Inclusive local dates; an invalid date leaves that end open.
    void setDateRange(const QDate &from, const QDate &to);
    void setHideFinished(bool hide);
    // Archived agents (worktree cleaned up) are left out: the agent list; History keeps them.
    void setHideArchived(bool hide);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_role;
    std::optional<SessionState> m_state;
    QString m_text;
    QDate m_from;
    QDate m_to;
    bool m_hideFinished = false;
    bool m_hideArchived = false;
};

} // namespace chorus
