#pragma once

#include "model/sessioninfo.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace chorus {

class EngineClient;
class KnownRoles;

// Every session the engine knows (EngineClient::sessions()), one row each in creation
// order, kept current from the client's signals. The agent list and History show different
// columns of it through their own SessionFilterModel (the agent list through a
// RepositoryGroupModel first). The Elapsed column ticks once a second, and only while some
// session holds a running turn.
class AgentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        RoleColumn,
        StateColumn,
        TaskColumn,
        TokensColumn,
        CostColumn,
        ElapsedColumn,
        CreatedColumn,
        BranchColumn, // the agent's branch (empty when it works in place)
        MergeColumn,  // where the branch stands: merged, conflict, check failed...
        ColumnCount,
    };
    enum DataRole {
        SortRole = Qt::UserRole + 1, // a raw value to sort by
        IdRole,
        StateRole,    // int(SessionState)
        RoleNameRole, // the agent's role
        CreatedRole,  // QDateTime, local time
        TaskRole,
        BranchRole,    // the agent's branch
        GroupKeyRole,  // the repository it works in (its folder when not in one)
        AttentionRole, // int: 0 waits for an approval, 1 idle (waits for a message), 2 neither
        IdleSinceRole, // QDateTime (UTC) the turn ended, for an idle agent; else invalid
        ArchivedRole, // bool: its worktree was cleaned up (Archive, `chorus clean`)
    };
    // What AttentionRole holds: how much the agent waits for the user.
    enum Attention { NeedsApproval, NeedsMessage, NeedsNothing };
    static Attention attention(const SessionInfo &s);
    // The task's first non-empty line.
    static QString taskLine(const QString &task);

    AgentListModel(EngineClient *client, KnownRoles *roles, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    SessionInfo session(int row) const { return m_sessions.value(row); }
    int rowOf(const QString &id) const { return m_rows.value(id, -1); }
    // For tests: whether the Elapsed column is ticking.
    bool isTicking() const { return m_tick.isActive(); }

private:
    void reload();
    void add(const SessionInfo &info);
    void update(const SessionInfo &info);
    void updateTicking();
    void tick();
    QVariant display(const SessionInfo &s, int column) const;
    QVariant sortValue(const SessionInfo &s, int column) const;
    QString toolTip(const SessionInfo &s) const;

    EngineClient *m_client;
    KnownRoles *m_roles;
    QList<SessionInfo> m_sessions;
    QHash<QString, int> m_rows;
    QTimer m_tick;
};

} // namespace chorus
