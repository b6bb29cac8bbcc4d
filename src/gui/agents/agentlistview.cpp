#include "agents/agentlistview.h"

#include "agents/agentlistmodel.h"
#include "agents/repositorygroupmodel.h"
#include "agents/sessionfiltermodel.h"
#include "settings/guisettings.h"
#include "widgets/emptystatewidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace chorus {

namespace {
// The columns the user may show or hide; the name and the state always show.
constexpr int kOptionalColumns[] = {
    AgentListModel::RoleColumn,    AgentListModel::TaskColumn,    AgentListModel::BranchColumn,
    AgentListModel::MergeColumn,   AgentListModel::TokensColumn,  AgentListModel::CostColumn,
    AgentListModel::ElapsedColumn, AgentListModel::CreatedColumn,
};
// Tokens too: at 30 agents the list is about who needs you (the tooltip and Today's cost in
// the status bar have the figures).
constexpr int kHiddenByDefault[] = {AgentListModel::RoleColumn,   AgentListModel::TaskColumn,
                                    AgentListModel::BranchColumn, AgentListModel::MergeColumn,
                                    AgentListModel::TokensColumn, AgentListModel::CreatedColumn};

// A task reads from its start: elide at the end (names and branches keep both ends).
class ElideRightDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideRight;
    }
};
} // namespace

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
    : QWidget(parent), m_model(model), m_groups(new RepositoryGroupModel(this)),
      m_proxy(new SessionFilterModel(this)), m_filter(new QLineEdit(this)),
      m_options(new QToolButton(this)), m_stack(new QStackedWidget(this)),
      m_view(new QTreeView(m_stack)), m_empty(new EmptyStateWidget(m_stack)),
      m_groupAction(new QAction(tr("&Group by Repository"), this)),
      m_waitingFirstAction(new QAction(tr("&Waiting Agents First"), this))
{
    m_groups->setSourceModel(model);
    m_proxy->setSourceModel(m_groups);
    m_proxy->setHideArchived(true); // History lists them
    m_view->setObjectName(QStringLiteral("agentList"));
    m_view->setModel(m_proxy);
    setUpSessionView(m_view);
    // Agent names often differ only at the end (builder-3, builder-12): keep both ends.
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setItemDelegateForColumn(AgentListModel::TaskColumn, new ElideRightDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAllColumnsShowFocus(true);
    m_view->installEventFilter(this);
    // Creation order until the user picks a column; clicking the sorted column a third
    // time returns to it.
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->header()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);
    setupColumns();

    m_filter->setObjectName(QStringLiteral("agentFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, role, task or branch"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_empty->setObjectName(QStringLiteral("agentListEmpty"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    setupOptions();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(4);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_options);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        updateEmptyState(); // its text names the filter, also when the rows stay as they were
    });
    connect(m_empty, &EmptyStateWidget::buttonClicked, m_filter, &QLineEdit::clear);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(AgentListModel::IdRole).toString();
        if (!id.isEmpty())
            Q_EMIT openRequested(id);
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &AgentListView::showContextMenu);
    // Selection, not just the current row: focusing the view makes a row current unselected,
    // and clicking that row then changes only the selection.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT currentSessionChanged(currentSessionId()); });

    // Group headers span the row and start expanded; a reset (grouping turned on or off)
    // keeps the selected agent.
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keepSelected = currentSessionId(); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        decorateGroups();
        if (!m_keepSelected.isEmpty())
            selectSession(m_keepSelected);
        m_keepSelected.clear();
        updateEmptyState();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                if (!under.isValid())
                    decorateGroups(first, last);
                updateEmptyState();
            });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &AgentListView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] {
        decorateGroups();
        updateEmptyState();
    });
    applySettings();
    decorateGroups();
    updateEmptyState();
}

void AgentListView::setupOptions()
{
    m_groupAction->setObjectName(QStringLiteral("actionGroupByRepository"));
    m_groupAction->setCheckable(true);
    m_groupAction->setToolTip(
        tr("Agents under a header per repository, when they work in more than one"));
    m_waitingFirstAction->setObjectName(QStringLiteral("actionWaitingFirst"));
    m_waitingFirstAction->setCheckable(true);
    m_waitingFirstAction->setToolTip(
        tr("Agents that wait for an approval, then idle ones, above the others"));
    m_groupAction->setChecked(guisettings::groupAgentsByRepository());
    m_waitingFirstAction->setChecked(guisettings::waitingAgentsFirst());
    m_groups->setGroupingEnabled(m_groupAction->isChecked());
    m_proxy->setWaitingFirst(m_waitingFirstAction->isChecked());
    connect(m_groupAction, &QAction::toggled, this, [this](bool on) {
        m_groups->setGroupingEnabled(on);
        guisettings::setGroupAgentsByRepository(on);
    });
    connect(m_waitingFirstAction, &QAction::toggled, this, [this](bool on) {
        m_proxy->setWaitingFirst(on);
        guisettings::setWaitingAgentsFirst(on);
    });

    for (int column : kOptionalColumns) {
        auto *a = new QAction(m_model->headerData(column, Qt::Horizontal).toString(), this);
        a->setObjectName(QStringLiteral("actionColumn%1").arg(column));
        a->setCheckable(true);
        a->setData(column);
        connect(a, &QAction::toggled, this,
                [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
        m_columnActions.append(a);
    }
    syncColumnActions();

    auto *menu = new QMenu(m_options);
    menu->addAction(m_groupAction);
    menu->addAction(m_waitingFirstAction);
    QMenu *columns = menu->addMenu(tr("&Columns"));
    columns->addActions(m_columnActions);
    m_options->setObjectName(QStringLiteral("agentListOptions"));
    m_options->setText(tr("View"));
    m_options->setToolTip(tr("Grouping, order and columns of the agent list"));
    m_options->setPopupMode(QToolButton::InstantPopup);
    m_options->setMenu(menu);

    m_view->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->header(), &QHeaderView::customContextMenuRequested, this,
            &AgentListView::showHeaderMenu);
}

void AgentListView::syncColumnActions()
{
    for (QAction *a : std::as_const(m_columnActions)) {
        const QSignalBlocker block(a);
        a->setChecked(!m_view->isColumnHidden(a->data().toInt()));
    }
}

void AgentListView::applySettings()
{
    m_proxy->setIdleLimitMinutes(guisettings::idleAgentHideMinutes());
    updateEmptyState();
}

void AgentListView::setupColumns()
{
    QHeaderView *h = m_view->header();
    h->setStretchLastSection(false);
    h->setSectionsMovable(true);
    h->setMinimumSectionSize(40);
    // The name gets the room; the short columns are as wide as what they show now, the free
    // text ones (task, branch) start at a useful width the user may change.
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(AgentListModel::NameColumn, QHeaderView::Stretch);
    h->setSectionResizeMode(AgentListModel::BranchColumn, QHeaderView::Interactive);
    h->setSectionResizeMode(AgentListModel::TaskColumn, QHeaderView::Interactive);
    const QFontMetrics fm = m_view->fontMetrics();
    m_view->setColumnWidth(AgentListModel::BranchColumn, fm.averageCharWidth() * 22);
    m_view->setColumnWidth(AgentListModel::TaskColumn, fm.averageCharWidth() * 30);
    for (int c : kHiddenByDefault)
        m_view->setColumnHidden(c, true);
}

void AgentListView::decorateGroups(int first, int last)
{
    const bool grouped = m_groups->isGrouped();
    // The branch arrow lets a repository fold; a flat list needs no room for it, and the
    // agents under a header need only a little indentation.
    m_view->setRootIsDecorated(grouped);
    m_view->setIndentation(grouped ? qMax(12, m_view->fontMetrics().height() * 3 / 4) : 20);
    if (!grouped)
        return;
    if (last < 0)
        last = m_proxy->rowCount() - 1;
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_proxy->index(row, 0);
        if (!i.data(RepositoryGroupModel::IsGroupRole).toBool())
            continue;
        m_view->setFirstColumnSpanned(row, {}, true);
        m_view->expand(i);
    }
}

void AgentListView::updateEmptyState()
{
    int shown = 0;
    for (int row = 0; row < m_proxy->rowCount() && shown == 0; ++row) {
        const QModelIndex i = m_proxy->index(row, 0);
        shown += i.data(RepositoryGroupModel::IsGroupRole).toBool() ? m_proxy->rowCount(i) : 1;
    }
    if (shown > 0 || m_model->rowCount() == 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    const QString text = m_filter->text().trimmed();
    if (!text.isEmpty()) {
        m_empty->setTitle(tr("No agent matches “%1”").arg(text));
        m_empty->setText(tr("The filter looks for this text in names, roles, tasks and branches. "
                            "Esc in the filter field clears it."));
        m_empty->setButtonText(tr("&Clear Filter"));
    } else {
        m_empty->setTitle(tr("No agent to show"));
        const int minutes = m_proxy->idleLimitMinutes();
        m_empty->setText(minutes > 0 ? tr("Finished agents and agents idle for more than %n "
                                          "minute(s) are hidden: View → Show Finished Agents "
                                          "shows them.",
                                          nullptr, minutes)
                                     : tr("Finished agents are hidden: View → Show Finished "
                                          "Agents shows them."));
        m_empty->setButtonText(QString());
    }
    m_stack->setCurrentWidget(m_empty);
}

void AgentListView::setContextActions(const QList<QAction *> &actions)
{
    m_contextActions = actions;
}

void AgentListView::setShowFinished(bool show)
{
    m_proxy->setHideFinished(!show);
    updateEmptyState();
}

QString AgentListView::currentSessionId() const
{
    // The selected row (single selection), which is what the user sees highlighted.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AgentListModel::IdRole).toString();
}

bool AgentListView::selectSession(const QString &sessionId)
{
    const int row = m_model->rowOf(sessionId);
    const QModelIndex i =
        row < 0 ? QModelIndex()
                : m_proxy->mapFromSource(m_groups->mapFromSource(m_model->index(row, 0)));
    if (!i.isValid()) {
        // Not listed (hidden by the filter, Show Finished or Archive): nothing stays selected,
        // so no other agent passes for the current one.
        m_view->selectionModel()->clearSelection();
        return false;
    }
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    m_view->scrollTo(i);
    return true;
}

void AgentListView::showContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos);
    if (!i.isValid() || m_contextActions.isEmpty() ||
        i.data(RepositoryGroupModel::IsGroupRole).toBool())
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

void AgentListView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    menu.addActions(m_columnActions);
    menu.exec(m_view->header()->mapToGlobal(pos));
}

bool AgentListView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Esc clears the filter (before any window shortcut takes Esc); Down goes to the list.
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                m_filter->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down && event->type() == QEvent::KeyPress) {
            m_view->setFocus();
            if (currentSessionId().isEmpty()) {
                QModelIndex first = m_proxy->index(0, 0);
                if (first.data(RepositoryGroupModel::IsGroupRole).toBool())
                    first = m_proxy->index(0, 0, first);
                if (first.isValid())
                    m_view->selectionModel()->setCurrentIndex(
                        first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            }
            return true;
        }
    }
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
    if (!state.isEmpty() && m_view->header()->restoreState(state)) {
        // The name always shows and takes the room, whatever was saved.
        m_view->setColumnHidden(AgentListModel::NameColumn, false);
        m_view->setColumnHidden(AgentListModel::StateColumn, false);
        m_view->header()->setSectionResizeMode(AgentListModel::NameColumn, QHeaderView::Stretch);
    }
    syncColumnActions();
}

} // namespace chorus
