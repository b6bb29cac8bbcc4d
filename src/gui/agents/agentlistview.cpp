#include "agents/agentlistview.h"

#include "agents/agentlistmodel.h"
#include "agents/sessionfiltermodel.h"
#include "agents/sessionformat.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace chorus {

void AgentListView::setUpSessionView(QTreeView *view)
{
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

AgentListView::AgentListView(AgentListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new SessionFilterModel(this)),
      m_view(new QTreeView(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setHideArchived(true); // History lists them
    m_view->setObjectName(QStringLiteral("agentList"));
    m_view->setModel(m_proxy);
    setUpSessionView(m_view);
    // Agent names often differ only at the end (builder-3, builder-12): keep both ends.
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAllColumnsShowFocus(true);
    m_view->installEventFilter(this);
    // Creation order until the user picks a column; clicking the sorted column a third
    // time returns to it.
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->header()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);
    setupColumns();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openRequested(index.data(AgentListModel::IdRole).toString());
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &AgentListView::showContextMenu);
    // Selection, not just the current row: focusing the view makes a row current unselected,
    // and clicking that row then changes only the selection.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT currentSessionChanged(currentSessionId()); });
}

void AgentListView::setupColumns()
{
    QHeaderView *h = m_view->header();
    h->setStretchLastSection(false);
    h->setSectionsMovable(true);
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setSectionResizeMode(AgentListModel::NameColumn, QHeaderView::Stretch);
    h->setMinimumSectionSize(40);
    for (int c :
         {AgentListModel::RoleColumn, AgentListModel::TaskColumn, AgentListModel::CreatedColumn})
        m_view->setColumnHidden(c, true);
    // Widths from what the columns show (translated), not from guesses in pixels.
    const QFontMetrics fm = m_view->fontMetrics();
    auto header = [this, &fm](int column) {
        return fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28;
    };
    int stateWidth = 0;
    for (auto s : {SessionState::Interrupted, SessionState::Waiting, SessionState::Starting,
                   SessionState::Stopped})
        stateWidth = qMax(stateWidth, fm.horizontalAdvance(SessionFormat::stateLabel(s)));
    for (const char *detail : {"approval", "rate-limit"}) {
        SessionInfo waiting;
        waiting.state = SessionState::Waiting;
        waiting.stateDetail = QLatin1String(detail);
        stateWidth = qMax(stateWidth, fm.horizontalAdvance(SessionFormat::stateText(waiting)));
    }
    m_view->setColumnWidth(AgentListModel::StateColumn,
                           qMax(header(AgentListModel::StateColumn), stateWidth + 40));
    m_view->setColumnWidth(AgentListModel::TokensColumn,
                           qMax(header(AgentListModel::TokensColumn),
                                fm.horizontalAdvance(SessionFormat::tokens(99900)) + 16));
    m_view->setColumnWidth(AgentListModel::CostColumn,
                           qMax(header(AgentListModel::CostColumn),
                                fm.horizontalAdvance(SessionFormat::cost(0.123)) + 16));
    m_view->setColumnWidth(AgentListModel::ElapsedColumn,
                           qMax(header(AgentListModel::ElapsedColumn),
                                fm.horizontalAdvance(SessionFormat::duration(3599)) + 16));
}

void AgentListView::setContextActions(const QList<QAction *> &actions)
{
    m_contextActions = actions;
}

void AgentListView::setShowFinished(bool show)
{
    m_proxy->setHideFinished(!show);
}

QString AgentListView::currentSessionId() const
{
    // The selected row (single selection), which is what the user sees highlighted.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AgentListModel::IdRole).toString();
}

void AgentListView::selectSession(const QString &sessionId)
{
    const int row = m_model->rowOf(sessionId);
    if (row < 0)
        return;
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!i.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    m_view->scrollTo(i);
}

void AgentListView::showContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos);
    if (!i.isValid() || m_contextActions.isEmpty())
        return;
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    QMenu menu(this);
    for (QAction *a : std::as_const(m_contextActions)) {
        if (a)
            menu.addAction(a);
        else
            menu.addSeparator();
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool AgentListView::eventFilter(QObject *watched, QEvent *event)
{
    // Enter opens the console even on platforms where it does not activate items.
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            const QString id = currentSessionId();
            if (!id.isEmpty()) {
                Q_EMIT openRequested(id);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

QByteArray AgentListView::saveState() const
{
    return m_view->header()->saveState();
}

void AgentListView::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->header()->restoreState(state);
    // Hidden columns belong to History; keep them hidden whatever was saved.
    for (int c :
         {AgentListModel::RoleColumn, AgentListModel::TaskColumn, AgentListModel::CreatedColumn})
        m_view->setColumnHidden(c, true);
}

} // namespace chorus
