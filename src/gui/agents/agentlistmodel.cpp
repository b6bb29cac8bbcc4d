#include "agents/agentlistmodel.h"

#include "agents/knownroles.h"
#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "style/icons.h"
#include "style/palettecolors.h"
#include "util/textlines.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace chorus {

AgentListModel::AgentListModel(EngineClient *client, KnownRoles *roles, QObject *parent)
    : QAbstractTableModel(parent), m_client(client), m_roles(roles)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AgentListModel::tick);
    connect(client, &EngineClient::sessionAdded, this, &AgentListModel::add);
    connect(client, &EngineClient::sessionChanged, this, &AgentListModel::update);
    connect(roles, &KnownRoles::changed, this, [this] {
        if (!m_sessions.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_sessions.size()) - 1, ColumnCount - 1),
                               {Qt::DecorationRole});
    });
    reload();
}

void AgentListModel::reload()
{
    beginResetModel();
    m_sessions = m_client->sessions();
    m_rows.clear();
    for (int i = 0; i < m_sessions.size(); ++i)
        m_rows.insert(m_sessions.at(i).id, i);
    endResetModel();
    updateTicking();
}

void AgentListModel::add(const SessionInfo &info)
{
    if (m_rows.contains(info.id)) {
        update(info);
        return;
    }
    const int row = int(m_sessions.size());
    beginInsertRows({}, row, row);
    m_sessions.append(info);
    m_rows.insert(info.id, row);
    endInsertRows();
    updateTicking();
}

void AgentListModel::update(const SessionInfo &info)
{
    const int row = m_rows.value(info.id, -1);
    if (row < 0) {
        add(info);
        return;
    }
    m_sessions[row] = info;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    updateTicking();
}

void AgentListModel::updateTicking()
{
    const bool anyActive = std::any_of(m_sessions.cbegin(), m_sessions.cend(),
                                       [](const SessionInfo &s) { return isActive(s.state); });
    if (anyActive && !m_tick.isActive())
        m_tick.start();
    else if (!anyActive)
        m_tick.stop();
}

void AgentListModel::tick()
{
    for (int row = 0; row < m_sessions.size(); ++row) {
        if (isActive(m_sessions.at(row).state)) {
            const QModelIndex i = index(row, ElapsedColumn);
            Q_EMIT dataChanged(i, i, {Qt::DisplayRole, SortRole});
        }
    }
}

int AgentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int AgentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_sessions.size())
        return {};
    const SessionInfo &s = m_sessions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return m_roles->icon(s.role);
        if (index.column() == StateColumn)
            return icons::dot(stateColor(s.state, QGuiApplication::palette()));
        return {};
    case Qt::ToolTipRole:
        return toolTip(s);
    case Qt::TextAlignmentRole:
        if (index.column() == TokensColumn || index.column() == CostColumn ||
            index.column() == ElapsedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortValue(s, index.column());
    case IdRole:
        return s.id;
    case StateRole:
        return int(s.state);
    case RoleNameRole:
        return s.role;
    case CreatedRole:
        return SessionFormat::createdLocal(s);
    case TaskRole:
        return s.task;
    case BranchRole:
        return s.branch;
    case GroupKeyRole:
        return s.repo.isEmpty() ? s.dir : s.repo;
    case AttentionRole:
        return int(attention(s));
    case IdleSinceRole:
        return s.state == SessionState::Idle && !s.endedAt.isEmpty()
                   ? QDateTime::fromString(s.endedAt, Qt::ISODateWithMs)
                   : QDateTime();
    case ArchivedRole:
        return s.branchState.isCleaned();
    default:
        return {};
    }
}

QVariant AgentListModel::display(const SessionInfo &s, int column) const
{
    switch (column) {
    case NameColumn:
        return s.name;
    case RoleColumn:
        return s.role;
    case StateColumn:
        return SessionFormat::stateText(s);
    case TaskColumn:
        // One line: the table cell elides the rest; the tooltip has it all.
        return taskLine(s.task);
    case TokensColumn:
        return SessionFormat::tokens(s.tokens.total());
    case CostColumn:
        return SessionFormat::cost(s.costUsd);
    case ElapsedColumn:
        return SessionFormat::duration(
            SessionFormat::elapsedSeconds(s, QDateTime::currentDateTimeUtc()));
    case CreatedColumn:
        return QLocale().toString(SessionFormat::createdLocal(s), QLocale::ShortFormat);
    case BranchColumn:
        return s.branch;
    case MergeColumn:
        return s.branchState.note();
    default:
        return {};
    }
}

AgentListModel::Attention AgentListModel::attention(const SessionInfo &s)
{
    if (s.state == SessionState::Waiting && s.stateDetail == QLatin1String("approval"))
        return NeedsApproval;
    return s.state == SessionState::Idle ? NeedsMessage : NeedsNothing;
}

QString AgentListModel::taskLine(const QString &task)
{
    return firstLine(task).simplified();
}

QVariant AgentListModel::sortValue(const SessionInfo &s, int column) const
{
    switch (column) {
    case NameColumn:
        return s.name.toLower();
    case RoleColumn:
        return s.role;
    case StateColumn:
        return int(s.state);
    case TaskColumn:
        return s.task.toLower();
    case TokensColumn:
        return s.tokens.total();
    case CostColumn:
        return s.costUsd;
    case ElapsedColumn:
        return SessionFormat::elapsedSeconds(s, QDateTime::currentDateTimeUtc());
    case CreatedColumn:
        return s.createdAt; // ISO 8601 UTC sorts as text
    case BranchColumn:
        return s.branch.toLower();
    case MergeColumn:
        return s.branchState.note();
    default:
        return {};
    }
}

QString AgentListModel::toolTip(const SessionInfo &s) const
{
    QString tip = QStringLiteral("<b>%1</b> · %2 · %3")
                      .arg(s.name.toHtmlEscaped(), s.role.toHtmlEscaped(),
                           SessionFormat::stateText(s).toHtmlEscaped());
    if (!s.task.isEmpty()) {
        QString task = s.task;
        if (task.size() > 400)
            task = task.left(400) + QChar(0x2026);
        tip += QStringLiteral("<br>") +
               task.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    }
    tip += QStringLiteral("<br>") + tr("Tokens: %1 in, %2 out, %3 cache read, %4 cache write")
                                        .arg(QLocale().toString(s.tokens.input),
                                             QLocale().toString(s.tokens.output),
                                             QLocale().toString(s.tokens.cacheRead),
                                             QLocale().toString(s.tokens.cacheWrite));
    if (!s.error.isEmpty())
        tip += QStringLiteral("<br>") + tr("Error: %1").arg(s.error.toHtmlEscaped());
    if (!s.branch.isEmpty()) {
        const QString note = s.branchState.note();
        tip += QStringLiteral("<br>") + (note.isEmpty() ? tr("Branch: %1").arg(s.branch.toHtmlEscaped())
                                                        : tr("Branch: %1 (%2)").arg(s.branch.toHtmlEscaped(),
                                                                                   note.toHtmlEscaped()));
    }
    tip += QStringLiteral("<br><small>%1</small>").arg(s.dir.toHtmlEscaped());
    return tip;
}

QVariant AgentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Agent");
    case RoleColumn:
        return tr("Role");
    case StateColumn:
        return tr("State");
    case TaskColumn:
        return tr("Task");
    case TokensColumn:
        return tr("Tokens");
    case CostColumn:
        return tr("Cost");
    case ElapsedColumn:
        return tr("Elapsed");
    case CreatedColumn:
        return tr("Created");
    case BranchColumn:
        return tr("Branch");
    case MergeColumn:
        return tr("Merge");
    default:
        return {};
    }
}

} // namespace chorus
