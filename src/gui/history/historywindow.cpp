#include "history/historywindow.h"

#include "agents/agentlistmodel.h"
#include "agents/agentlistview.h"
#include "agents/knownroles.h"
#include "agents/sessionfiltermodel.h"
#include "agents/sessionformat.h"
#include "client/engineclient.h"
#include "console/consolewidget.h"
#include "settings/guisettings.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace chorus {

namespace {
constexpr SessionState kStates[] = {
    SessionState::Queued,  SessionState::Starting,   SessionState::Running, SessionState::Waiting,
    SessionState::Stalled, SessionState::Idle,       SessionState::Done,    SessionState::Failed,
    SessionState::Stopped, SessionState::Interrupted};
}

HistoryWindow::HistoryWindow(EngineClient *client, AgentListModel *model, KnownRoles *roles,
                             QWidget *parent)
    : QWidget(parent, Qt::Window), m_client(client), m_model(model), m_roles(roles),
      m_proxy(new SessionFilterModel(this)), m_view(new QTreeView(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("historyWindow"));
    setWindowTitle(tr("History — Chorus"));
    m_proxy->setSourceModel(model);

    m_view->setObjectName(QStringLiteral("historyList"));
    m_view->setModel(m_proxy);
    AgentListView::setUpSessionView(m_view);
    m_view->setAllColumnsShowFocus(true);
    m_view->setColumnHidden(AgentListModel::ElapsedColumn, true);
    m_view->setColumnHidden(AgentListModel::BranchColumn, true);
    m_view->setColumnHidden(AgentListModel::MergeColumn, true);
    m_view->header()->setSortIndicator(AgentListModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true); // newest first
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(AgentListModel::TaskColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    const QFontMetrics fm = fontMetrics();
    m_view->setColumnWidth(AgentListModel::NameColumn, fm.averageCharWidth() * 24);
    m_view->setColumnWidth(AgentListModel::RoleColumn, fm.averageCharWidth() * 11);
    m_view->setColumnWidth(AgentListModel::StateColumn,
                           fm.horizontalAdvance(QStringLiteral("interrupted")) + 40);
    m_view->setColumnWidth(AgentListModel::TokensColumn, fm.averageCharWidth() * 9);
    m_view->setColumnWidth(AgentListModel::CostColumn, fm.averageCharWidth() * 9);
    const QString sampleDate =
        QLocale().toString(QDateTime(QDate(2000, 12, 28), QTime(23, 59)), QLocale::ShortFormat);
    m_view->setColumnWidth(AgentListModel::CreatedColumn, fm.horizontalAdvance(sampleDate) + 24);

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(buildDetails());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildFilterBar());
    layout->addWidget(m_splitter, 1);
    m_count->setObjectName(QStringLiteral("historyCount"));
    layout->addWidget(m_count);

    auto *close = new QAction(this);
    close->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)});
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);

    // Selection, not just the current row: focusing the view makes a row current unselected,
    // and clicking that row then changes only the selection.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showTranscript(currentSessionId());
        updateDetails();
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &i) {
        Q_EMIT consoleRequested(i.data(AgentListModel::IdRole).toString());
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &HistoryWindow::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &HistoryWindow::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &HistoryWindow::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &HistoryWindow::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &HistoryWindow::updateDetails);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryWindow::fillRoles);
    connect(roles, &KnownRoles::changed, this, &HistoryWindow::fillRoles);

    fillRoles();
    updateCount();
    updateDetails();
    if (!restoreGeometry(guisettings::state(QStringLiteral("historyGeometry"))))
        resize(1000, 700);
    m_splitter->restoreState(guisettings::state(QStringLiteral("historySplitter")));
}

HistoryWindow::~HistoryWindow() = default;

QWidget *HistoryWindow::buildFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    m_text = new QLineEdit(bar);
    m_text->setObjectName(QStringLiteral("historyText"));
    m_text->setPlaceholderText(tr("Filter by name or task"));
    m_text->setClearButtonEnabled(true);
    row->addWidget(m_text, 3);

    m_role = new QComboBox(bar);
    m_role->setObjectName(QStringLiteral("historyRole"));
    m_role->setToolTip(tr("Only sessions with this role"));
    row->addWidget(m_role, 1);

    m_state = new QComboBox(bar);
    m_state->setObjectName(QStringLiteral("historyState"));
    m_state->setToolTip(tr("Only sessions in this state"));
    m_state->addItem(tr("All states"), -1);
    for (SessionState s : kStates)
        m_state->addItem(SessionFormat::stateLabel(s), int(s));
    row->addWidget(m_state, 1);

    m_dateEnabled = new QCheckBox(tr("Created from"), bar);
    m_dateEnabled->setObjectName(QStringLiteral("historyDateEnabled"));
    row->addWidget(m_dateEnabled);
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), bar);
    m_to = new QDateEdit(QDate::currentDate(), bar);
    m_from->setObjectName(QStringLiteral("historyFrom"));
    m_to->setObjectName(QStringLiteral("historyTo"));
    auto *toLabel = new QLabel(tr("to"), bar);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setEnabled(false);
    }
    row->addWidget(m_from);
    row->addWidget(toLabel);
    row->addWidget(m_to);

    connect(m_text, &QLineEdit::textChanged, this, &HistoryWindow::applyFilters);
    connect(m_role, &QComboBox::currentIndexChanged, this, &HistoryWindow::applyFilters);
    connect(m_state, &QComboBox::currentIndexChanged, this, &HistoryWindow::applyFilters);
    connect(m_dateEnabled, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilters();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &HistoryWindow::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &HistoryWindow::applyFilters);
    return bar;
}

QWidget *HistoryWindow::buildDetails()
{
    auto *details = new QWidget(this);
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(details);
    m_title->setObjectName(QStringLiteral("historyTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_title, 1);
    m_openLive = new QPushButton(tr("Open &Console"), details);
    m_openLive->setToolTip(tr("Follow this agent in a live console in the main window"));
    m_resume = new QPushButton(tr("&Resume"), details);
    m_resume->setObjectName(QStringLiteral("historyResume"));
    m_resume->setToolTip(tr("Continue this session where it left off"));
    header->addWidget(m_openLive);
    header->addWidget(m_resume);
    layout->addLayout(header);

    m_transcriptPages = new QStackedWidget(details);
    m_transcriptHint = new EmptyStateWidget(m_transcriptPages);
    m_transcriptHint->setTitle(tr("No session selected"));
    m_transcriptHint->setText(tr("Select a session above to read its transcript."));
    m_transcriptPages->addWidget(m_transcriptHint);
    layout->addWidget(m_transcriptPages, 1);

    connect(m_resume, &QPushButton::clicked, this, &HistoryWindow::resumeCurrent);
    connect(m_openLive, &QPushButton::clicked, this, [this] {
        if (const QString id = currentSessionId(); !id.isEmpty())
            Q_EMIT consoleRequested(id);
    });
    return details;
}

void HistoryWindow::fillRoles()
{
    QStringList names = m_roles->names();
    for (const SessionInfo &s : m_client->sessions())
        if (!names.contains(s.role))
            names.append(s.role);
    names.sort();
    QStringList current;
    for (int i = 1; i < m_role->count(); ++i)
        current.append(m_role->itemData(i).toString());
    if (current == names && m_role->count() > 0)
        return;
    const QString selected = m_role->currentData().toString();
    QSignalBlocker block(m_role);
    m_role->clear();
    m_role->addItem(tr("All roles"), QString());
    for (const QString &name : std::as_const(names))
        m_role->addItem(m_roles->icon(name), name, name);
    m_role->setCurrentIndex(qMax(0, m_role->findData(selected)));
}

void HistoryWindow::applyFilters()
{
    m_proxy->setText(m_text->text());
    m_proxy->setRole(m_role->currentData().toString());
    const int state = m_state->currentData().toInt();
    m_proxy->setState(state < 0 ? std::nullopt : std::optional<SessionState>(SessionState(state)));
    if (m_dateEnabled->isChecked())
        m_proxy->setDateRange(m_from->date(), m_to->date());
    else
        m_proxy->setDateRange({}, {});
    updateCount();
}

void HistoryWindow::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("Sessions: %n", nullptr, total)
                                    : tr("Sessions shown: %1 of %n", nullptr, total).arg(shown));
}

QString HistoryWindow::currentSessionId() const
{
    // The selected row (single selection), which is what the user sees highlighted.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AgentListModel::IdRole).toString();
}

void HistoryWindow::selectSession(const QString &sessionId)
{
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(m_model->rowOf(sessionId), 0));
    if (i.isValid())
        m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
}

void HistoryWindow::showTranscript(const QString &sessionId)
{
    if (m_transcript && m_transcript->sessionId() == sessionId)
        return;
    if (m_transcript) {
        m_transcriptPages->removeWidget(m_transcript);
        m_transcript->deleteLater();
    }
    if (sessionId.isEmpty()) {
        m_transcriptPages->setCurrentWidget(m_transcriptHint);
        return;
    }
    m_transcript = new ConsoleWidget(m_client, sessionId, m_transcriptPages, /*readOnly=*/true);
    m_transcriptPages->addWidget(m_transcript);
    m_transcriptPages->setCurrentWidget(m_transcript);
}

void HistoryWindow::updateDetails()
{
    const SessionInfo s = m_client->session(currentSessionId());
    const bool known = !s.id.isEmpty();
    m_resume->setEnabled(known && m_client->isConnected() &&
                         (s.state == SessionState::Idle || isFinal(s.state)));
    m_openLive->setEnabled(known);
    if (!known) {
        m_title->clear();
        return;
    }
    m_title->setText(tr("<b>%1</b> · %2 · %3 · %4 · %5")
                         .arg(s.name.toHtmlEscaped(), s.role.toHtmlEscaped(),
                              SessionFormat::stateText(s).toHtmlEscaped(),
                              SessionFormat::cost(s.costUsd), s.dir.toHtmlEscaped()));
}

void HistoryWindow::resumeCurrent()
{
    const QString id = currentSessionId();
    if (id.isEmpty())
        return;
    m_client->resume(id, QString());
    Q_EMIT consoleRequested(id);
}

void HistoryWindow::closeEvent(QCloseEvent *event)
{
    guisettings::setState(QStringLiteral("historyGeometry"), saveGeometry());
    guisettings::setState(QStringLiteral("historySplitter"), m_splitter->saveState());
    QWidget::closeEvent(event);
}

} // namespace chorus
