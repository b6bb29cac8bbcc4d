#include "review/reviewwindow.h"

#include "agents/knownroles.h"
#include "client/engineclient.h"
#include "review/branchdelegate.h"
#include "review/branchlistmodel.h"
#include "review/changecountdelegate.h"
#include "review/filetreemodel.h"
#include "review/localreviewsource.h"
#include "review/messagebar.h"
#include "review/reviewstore.h"
#include "settings/guisettings.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace chorus {

namespace {
const QByteArray kSideBySide = "side-by-side";
const QByteArray kUnified = "unified";

QLabel *paneTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setContentsMargins(2, 2, 2, 2);
    return label;
}
} // namespace

ReviewWindow::ReviewWindow(EngineClient *client, KnownRoles *roles, QWidget *parent)
    : QWidget(parent, Qt::Window), m_client(client), m_source(new LocalReviewSource(this)),
      m_branchModel(new BranchListModel(client, roles, m_source, this)),
      m_fileModel(new FileTreeModel(this))
{
    setObjectName(QStringLiteral("reviewWindow"));
    setWindowTitle(tr("Review — Chorus"));
    createActions();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("reviewSplitter"));
    m_splitter->addWidget(buildBranchPane());
    m_splitter->addWidget(buildFilePane());
    m_splitter->addWidget(buildDiffPane());
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_splitter);

    connect(m_branchModel, &BranchListModel::summaryChanged, this, &ReviewWindow::onSummaryChanged);
    connect(m_branchModel, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_branchModel->rowOf(m_agent);
                if (row < topLeft.row() || row > bottomRight.row())
                    return; // another branch: nothing on screen depends on it
                updateTitle();
                updateActions();
            });
    connect(m_branchModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_agent.isEmpty() && m_branchModel->rowCount() > 0)
            selectAgent(m_branchModel->branchAt(0)->sessionId);
    });
    connect(m_branchModel, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_agent.isEmpty() && m_branchModel->rowOf(m_agent) < 0) {
            m_agent.clear();
            fillFiles(false);
        }
        updateActions();
    });
    connect(m_client, &EngineClient::connectedChanged, this, &ReviewWindow::updateActions);
    connect(m_source, &ReviewSource::fileDiffLoaded, this,
            [this](const QString &key, quint64, const Result<FileDiff> &diff) {
                onFileDiffLoaded(key, diff);
            });

    const bool sideBySide = guisettings::state(QStringLiteral("reviewMode")) == kSideBySide;
    (sideBySide ? m_sideBySide : m_unified)->setChecked(true);
    restoreWindowState();
    renderContext();
    if (m_branchModel->rowCount() > 0)
        selectAgent(m_branchModel->branchAt(0)->sessionId);
    else
        fillFiles(false);
    updateActions();
}

ReviewWindow::~ReviewWindow()
{
    m_source->cancelAll(); // running reads stop early; nothing arrives any more
}

void ReviewWindow::createActions()
{
    auto make = [this](const QString &text, const QString &name, const QKeySequence &key,
                       const QString &tip) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setToolTip(
                QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        } else {
            a->setToolTip(tip);
        }
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        return a;
    };
    m_unified = make(tr("Unified"), QStringLiteral("reviewUnified"), {},
                     tr("Old and new lines one under the other"));
    m_sideBySide = make(tr("Side by Side"), QStringLiteral("reviewSideBySide"), {},
                        tr("The old file on the left, the new one on the right"));
    auto *modes = new QActionGroup(this);
    for (QAction *a : {m_unified, m_sideBySide}) {
        a->setCheckable(true);
        modes->addAction(a);
    }
    connect(m_unified, &QAction::triggered, this, [this] { setMode(DiffDocument::Mode::Unified); });
    connect(m_sideBySide, &QAction::triggered, this,
            [this] { setMode(DiffDocument::Mode::SideBySide); });

    m_previousChange =
        make(tr("↑ Previous Change"), QStringLiteral("reviewPreviousChange"),
             QKeySequence(Qt::SHIFT | Qt::Key_F7), tr("Go to the previous change in this file"));
    m_nextChange = make(tr("↓ Next Change"), QStringLiteral("reviewNextChange"),
                        QKeySequence(Qt::Key_F7), tr("Go to the next change in this file"));
    m_previousFile = make(tr("Previous File"), QStringLiteral("reviewPreviousFile"),
                          QKeySequence(Qt::ALT | Qt::Key_Up), tr("Show the previous file"));
    m_nextFile = make(tr("Next File"), QStringLiteral("reviewNextFile"),
                      QKeySequence(Qt::ALT | Qt::Key_Down), tr("Show the next file"));
    m_viewedAction =
        make(tr("Viewed"), QStringLiteral("reviewViewed"), {},
             tr("Mark this file as viewed; it is unmarked when the agent changes it again"));
    m_viewedAction->setCheckable(true);
    // The toolbar shows short labels (the menus' and tooltips' stay whole), so every action
    // fits beside the diff at 1024x700.
    m_previousChange->setIconText(tr("↑ Change"));
    m_nextChange->setIconText(tr("↓ Change"));
    m_previousFile->setIconText(tr("↑ File"));
    m_nextFile->setIconText(tr("↓ File"));
    m_refresh = make(tr("Refresh"), QStringLiteral("reviewRefresh"), QKeySequence(Qt::Key_F5),
                     tr("Read the branches again (e.g. after the target branch moved)"));
    auto *close = make(tr("Close"), QStringLiteral("reviewClose"),
                       QKeySequence(Qt::CTRL | Qt::Key_W), tr("Close"));

    connect(m_nextChange, &QAction::triggered, this, [this] { m_view->nextChange(); });
    connect(m_previousChange, &QAction::triggered, this, [this] { m_view->previousChange(); });
    connect(m_nextFile, &QAction::triggered, this, [this] { stepFile(1); });
    connect(m_previousFile, &QAction::triggered, this, [this] { stepFile(-1); });
    connect(m_viewedAction, &QAction::triggered, this, [this](bool viewed) {
        if (!m_file.isEmpty()) {
            m_fileModel->setViewed(m_file, viewed);
            onViewedToggled(m_file, viewed);
        }
    });
    connect(m_refresh, &QAction::triggered, m_branchModel, &BranchListModel::refreshAll);
    connect(close, &QAction::triggered, this, &QWidget::close);
}

QWidget *ReviewWindow::buildBranchPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(paneTitle(tr("Agent branches"), pane));
    m_branchView = new QListView(pane);
    m_branchView->setObjectName(QStringLiteral("reviewBranches"));
    m_branchView->setModel(m_branchModel);
    m_branchView->setItemDelegate(new BranchDelegate(m_branchView));
    m_branchView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_branchView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_branchView->setUniformItemSizes(true);
    m_branchView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows elide instead
    m_branchView->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    layout->addWidget(m_branchView, 1);
    connect(m_branchView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReviewWindow::onBranchSelected);
    return pane;
}

QWidget *ReviewWindow::buildFilePane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filesHeader = paneTitle(tr("Files"), pane);
    m_filesHeader->setObjectName(QStringLiteral("reviewFilesHeader"));
    layout->addWidget(m_filesHeader);
    m_fileView = new QTreeView(pane);
    m_fileView->setObjectName(QStringLiteral("reviewFiles"));
    m_fileView->setModel(m_fileModel);
    m_fileView->setUniformRowHeights(true);
    m_fileView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fileView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fileView->setAllColumnsShowFocus(true);
    m_fileView->setTextElideMode(Qt::ElideMiddle); // keeps file names' ends
    m_fileView->setItemDelegateForColumn(FileTreeModel::ChangesColumn,
                                         new ChangeCountDelegate(m_fileView));
    QHeaderView *header = m_fileView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(FileTreeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FileTreeModel::StatusColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FileTreeModel::ChangesColumn, QHeaderView::Interactive);
    m_fileView->setColumnWidth(FileTreeModel::ChangesColumn,
                               fontMetrics().horizontalAdvance(QStringLiteral("+8888 −8888")));
    m_fileView->setMinimumWidth(fontMetrics().averageCharWidth() * 34);
    layout->addWidget(m_fileView, 1);
    connect(m_fileView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_quietSelection && current.isValid() &&
                    !current.data(FileTreeModel::IsDirectoryRole).toBool() &&
                    current.data(FileTreeModel::PathRole).toString() != m_file)
                    showFile(current.data(FileTreeModel::PathRole).toString(), false);
            });
    connect(m_fileModel, &FileTreeModel::viewedToggled, this, &ReviewWindow::onViewedToggled);
    return pane;
}

QWidget *ReviewWindow::buildDiffPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = m_toolBar = new QToolBar(pane);
    bar->setObjectName(QStringLiteral("reviewToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_unified);
    bar->addAction(m_sideBySide);
    bar->addSeparator();
    bar->addAction(m_previousChange);
    bar->addAction(m_nextChange);
    bar->addSeparator();
    bar->addAction(m_previousFile);
    bar->addAction(m_nextFile);
    bar->addSeparator();
    bar->addAction(m_viewedAction);
    layout->addWidget(bar);
    // The diff's side never gets narrower than its toolbar: no action goes into the overflow
    // menu; the branch and file lists give up their room first (the window fits 1024 wide).
    pane->setMinimumWidth(bar->sizeHint().width());
    layout->addWidget(buildContextPanel(pane));
    m_fileTitle = new QLabel(pane);
    m_fileTitle->setObjectName(QStringLiteral("reviewFileTitle"));
    m_fileTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileTitle->setTextFormat(Qt::RichText);
    m_fileTitle->setContentsMargins(2, 0, 2, 2);
    // Long paths are elided to the width there is (updateTitle()), never widening the window.
    m_fileTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_fileTitle->installEventFilter(this);
    layout->addWidget(m_fileTitle);
    m_view = new DiffView(pane);
    layout->addWidget(m_view, 1);
    m_message = new MessageBar(pane);
    layout->addWidget(m_message);

    auto *actions = new QHBoxLayout;
    m_request = new QPushButton(tr("Request Changes"), pane);
    m_request->setObjectName(QStringLiteral("reviewRequestChanges"));
    m_request->setToolTip(
        tr("Send your comments to the agent as one follow-up message; it works on them in "
           "its next turn"));
    m_approve = new QPushButton(tr("Approve for Merge"), pane);
    m_approve->setObjectName(QStringLiteral("reviewApprove"));
    m_merge = new QPushButton(tr("Merge Now…"), pane);
    m_merge->setObjectName(QStringLiteral("reviewMerge"));
    m_merge->setToolTip(tr("Merge this branch into its target now"));
    actions->addWidget(m_request);
    actions->addStretch(1);
    actions->addWidget(m_approve);
    actions->addWidget(m_merge);
    layout->addLayout(actions);

    connect(m_request, &QPushButton::clicked, this, &ReviewWindow::requestChanges);
    connect(m_approve, &QPushButton::clicked, this, &ReviewWindow::toggleApproval);
    connect(m_merge, &QPushButton::clicked, this, &ReviewWindow::confirmMerge);
    connect(m_view, &DiffView::expandRequested, this, &ReviewWindow::loadFullText);
    connect(m_view, &DiffView::commentSubmitted, this, &ReviewWindow::onCommentSubmitted);
    connect(m_view, &DiffView::commentDeleteRequested, this, &ReviewWindow::onCommentDelete);
    return pane;
}

ReviewStore *ReviewWindow::store(const QString &sessionId)
{
    if (sessionId.isEmpty())
        return nullptr;
    std::shared_ptr<ReviewStore> &s = m_stores[sessionId];
    if (!s) {
        s = std::make_shared<ReviewStore>(sessionId);
        if (!s->loadError().message.isEmpty())
            showStoreError(s->loadError());
    }
    return s.get();
}

void ReviewWindow::selectAgent(const QString &sessionId)
{
    const int row = m_branchModel->rowOf(sessionId);
    if (row < 0)
        return;
    const QModelIndex index = m_branchModel->index(row);
    if (!m_branchView->selectionModel()->isSelected(index))
        m_branchView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    else if (m_agent != sessionId)
        onBranchSelected();
}

void ReviewWindow::onBranchSelected()
{
    const QModelIndexList rows = m_branchView->selectionModel()->selectedRows();
    const QString id =
        rows.isEmpty() ? QString() : rows.first().data(BranchListModel::IdRole).toString();
    if (id == m_agent)
        return;
    m_view->submitOpenEditor(); // a comment being typed is kept
    m_agent = id;
    m_file.clear();
    m_shownBase.clear();
    m_shownHead.clear();
    m_message->hide();
    m_branchModel->setPriority(id);
    store(id);
    fillFiles(false);
    showContext();
    updateActions();
    if (!id.isEmpty())
        showLastMerge(id);
}

void ReviewWindow::onSummaryChanged(const QString &sessionId)
{
    if (sessionId != m_agent)
        return;
    const ReviewBranch *b = m_branchModel->branch(sessionId);
    if (!b || (b->summary.baseCommit == m_shownBase && b->summary.headCommit == m_shownHead))
        return; // nothing new to show
    fillFiles(true);
}

void ReviewWindow::updateTitle()
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    setWindowTitle(b ? tr("Review %1 — Chorus").arg(b->name) : tr("Review — Chorus"));
    const int files = m_fileModel->files().size();
    m_filesHeader->setText(
        files == 0 ? tr("Files")
                   : tr("Files · %1 of %n viewed", nullptr, files).arg(m_fileModel->viewedCount()));
    const FileDiff *f = m_fileModel->file(m_file);
    if (!f) {
        m_fileTitle->setToolTip({});
        m_fileTitle->setText(b ? tr("%1 → %2").arg(b->branch.toHtmlEscaped(),
                                                   b->target.isEmpty() ? QStringLiteral("…")
                                                                       : b->target.toHtmlEscaped())
                               : QString());
        return;
    }
    QString tail = QStringLiteral(" · %1").arg(FileTreeModel::statusLetter(*f));
    if (!f->binary)
        tail += QStringLiteral(" · +%1 −%2").arg(f->additions).arg(f->deletions);
    if (f->modeChanged())
        tail +=
            QStringLiteral(" · ") + tr("mode %1 → %2").arg(f->oldMode, 0, 8).arg(f->newMode, 0, 8);
    const bool moved = f->status == FileDiff::Renamed || f->status == FileDiff::Copied;
    // The paths share what the tail leaves (the old path at most 40%), elided in the middle.
    QFont bold = m_fileTitle->font();
    bold.setBold(true);
    const QFontMetrics fm = m_fileTitle->fontMetrics();
    const int room =
        std::max(80, m_fileTitle->contentsRect().width() - fm.horizontalAdvance(tail) -
                         (moved ? fm.horizontalAdvance(QStringLiteral(" ← ")) : 0) - 8);
    QString title =
        QStringLiteral("<b>%1</b>")
            .arg(QFontMetrics(bold)
                     .elidedText(f->path(), Qt::ElideMiddle, moved ? room * 6 / 10 : room)
                     .toHtmlEscaped());
    if (moved)
        title += QStringLiteral(" ← ") +
                 fm.elidedText(f->oldPath, Qt::ElideMiddle, room * 4 / 10).toHtmlEscaped();
    m_fileTitle->setText(title + tail.toHtmlEscaped());
    m_fileTitle->setToolTip(moved ? f->path() + QStringLiteral(" ← ") + f->oldPath : f->path());
}

bool ReviewWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_fileTitle && event->type() == QEvent::Resize)
        updateTitle();
    return QWidget::eventFilter(watched, event);
}

void ReviewWindow::updateActions()
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    const bool connected = m_client->isConnected();
    ReviewStore *s = b ? store(m_agent) : nullptr;
    const int comments = s ? int(s->comments().size()) : 0;
    m_request->setText(comments ? tr("Request Changes (%1)").arg(comments) : tr("Request Changes"));
    m_request->setEnabled(connected && comments > 0);
    const bool merged = b && (b->forecast() == ReviewBranch::Forecast::Merged ||
                              b->forecast() == ReviewBranch::Forecast::NoChanges);
    m_approve->setText(b && b->approved ? tr("Withdraw Approval") : tr("Approve for Merge"));
    m_approve->setToolTip(b && b->approved
                              ? tr("This branch is no longer approved for merging")
                              : tr("Mark this branch as reviewed and ready to merge (`chorus merge "
                                   "--strategy=review` merges approved branches)"));
    m_approve->setEnabled(connected && b && !merged);
    m_merge->setEnabled(connected && b && !merged && !m_merging && b->summaryKnown &&
                        !b->summary.files.isEmpty());
    const bool hasFile = m_view->hasDocument();
    m_nextChange->setEnabled(hasFile);
    m_previousChange->setEnabled(hasFile);
    m_viewedAction->setEnabled(!m_file.isEmpty());
    m_viewedAction->setChecked(m_fileModel->isViewed(m_file));
    const QStringList order = m_fileModel->orderedPaths();
    const qsizetype at = order.indexOf(m_file);
    m_nextFile->setEnabled(!order.isEmpty() && at + 1 < order.size());
    m_previousFile->setEnabled(at > 0);
}

void ReviewWindow::setMode(DiffDocument::Mode mode)
{
    m_view->setMode(mode);
    guisettings::setState(QStringLiteral("reviewMode"),
                          mode == DiffDocument::Mode::SideBySide ? kSideBySide : kUnified);
    (mode == DiffDocument::Mode::SideBySide ? m_sideBySide : m_unified)->setChecked(true);
}

void ReviewWindow::stepFile(int delta)
{
    const QStringList order = m_fileModel->orderedPaths();
    if (order.isEmpty())
        return;
    const qsizetype at = order.indexOf(m_file);
    const qsizetype next = at < 0 ? 0 : at + delta;
    if (next >= 0 && next < order.size())
        selectFile(order[next]);
}

void ReviewWindow::restoreWindowState()
{
    if (!restoreGeometry(guisettings::state(QStringLiteral("reviewGeometry"))))
        resize(1400, 860);
    if (!m_splitter->restoreState(guisettings::state(QStringLiteral("reviewSplitter"))))
        m_splitter->setSizes({290, 380, 730});
}

void ReviewWindow::closeEvent(QCloseEvent *event)
{
    m_view->submitOpenEditor(); // nothing typed is lost
    guisettings::setState(QStringLiteral("reviewGeometry"), saveGeometry());
    guisettings::setState(QStringLiteral("reviewSplitter"), m_splitter->saveState());
    QWidget::closeEvent(event);
}

void ReviewWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_message->updateColors();
    QWidget::changeEvent(event);
}

} // namespace chorus
