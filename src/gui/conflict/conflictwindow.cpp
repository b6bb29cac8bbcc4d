#include "conflict/conflictwindow.h"

#include "client/engineclient.h"
#include "client/jsonfile.h"
#include "conflict/choiceview.h"
#include "conflict/conflictlistmodel.h"
#include "conflict/conflictset.h"
#include "conflict/textmergeview.h"
#include "paths.h"
#include "review/localreviewsource.h"
#include "settings/guisettings.h"
#include "style/palettecolors.h"
#include "widgets/emptystatewidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace chorus {

namespace {

QJsonObject readJsonFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

QString ConflictWindow::stateFilePath(const QString &sessionId, const QString &target)
{
    // A branch name may hold '/': keep the file name one path component.
    const QString safeTarget = QString::fromLatin1(QUrl::toPercentEncoding(target));
    return paths::dataDir() + QStringLiteral("/conflicts/") + sessionId + QLatin1Char('-') + safeTarget +
           QStringLiteral(".json");
}

ConflictWindow::ConflictWindow(EngineClient *client, const SessionInfo &agent,
                               const QString &target, QWidget *parent)
    : QWidget(parent, Qt::Window), m_client(client), m_agent(agent), m_target(target),
      m_source(new LocalReviewSource(this)), m_set(new ConflictSet(this)),
      m_model(new ConflictListModel(m_set, this)), m_pages(new QStackedWidget(this)),
      m_message(new EmptyStateWidget(m_pages)), m_splitter(new QSplitter(Qt::Horizontal, m_pages)),
      m_list(new QTreeView(m_splitter)), m_editors(new QStackedWidget(m_splitter)),
      m_text(new TextMergeView(m_set, m_editors)), m_choice(new ChoiceView(m_set, m_editors)),
      m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("conflictWindow"));
    setWindowTitle(tr("Conflicts of %1 — Chorus").arg(agent.name));

    m_list->setObjectName(QStringLiteral("conflictFiles"));
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(ConflictListModel::PathColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(ConflictListModel::KindColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ConflictListModel::StateColumn, QHeaderView::ResizeToContents);
    m_list->setMinimumWidth(fontMetrics().averageCharWidth() * 30);

    m_editors->addWidget(m_text);
    m_editors->addWidget(m_choice);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_editors);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_pages->addWidget(m_message);
    m_pages->addWidget(m_splitter);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(m_pages, 1);
    layout->addWidget(buildBottom());

    auto *close = new QAction(this);
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showFile(current.isValid() ? current.row() : -1); });
    connect(m_set, &ConflictSet::entryChanged, this, [this] {
        updateStatus();
        m_saveTimer->start();
    });
    connect(m_message, &EmptyStateWidget::buttonClicked, this, &ConflictWindow::reload); // "Try Again"
    connect(m_text, &TextMergeView::nextFileRequested, this, [this] { stepFile(+1); });
    connect(m_text, &TextMergeView::previousFileRequested, this, [this] { stepFile(-1); });
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(800);
    connect(m_saveTimer, &QTimer::timeout, this, &ConflictWindow::writeState);
    connect(m_source, &ReviewSource::conflictsLoaded, this,
            [this](const QString &, quint64, const Result<BranchConflicts> &r) { onLoaded(r); });

    if (!restoreGeometry(guisettings::state(QStringLiteral("conflictGeometry"))))
        resize(1400, 900);
    if (!m_splitter->restoreState(guisettings::state(QStringLiteral("conflictSplitter"))))
        m_splitter->setSizes({fontMetrics().averageCharWidth() * 60, width()});
    reload();
}

ConflictWindow::~ConflictWindow()
{
    m_source->cancelAll(); // a load still running is dropped
    m_text->flush();
    saveState();
}

QWidget *ConflictWindow::buildHeader()
{
    auto *header = new QWidget(this);
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("conflictTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_title, 1);
    m_reload = new QPushButton(tr("Re&load"), header);
    m_reload->setShortcut(QKeySequence(Qt::Key_F5));
    m_reload->setToolTip(tr("Compute the conflicts again, keeping what you resolved (F5)"));
    connect(m_reload, &QPushButton::clicked, this, &ConflictWindow::reload);
    row->addWidget(m_reload);
    return header;
}

QWidget *ConflictWindow::buildBottom()
{
    auto *bottom = new QWidget(this);
    auto *row = new QHBoxLayout(bottom);
    row->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(bottom);
    m_status->setObjectName(QStringLiteral("conflictStatus"));
    row->addWidget(m_status, 1);
    m_resolver = new QPushButton(tr("Resolve with an A&gent"), bottom);
    m_resolver->setObjectName(QStringLiteral("conflictResolver"));
    m_resolver->setToolTip(tr("Start a resolver agent on these conflicts; its branch is then reviewed and merged "
                              "like any agent's"));
    m_merge = new QPushButton(tr("&Merge with These Resolutions"), bottom);
    m_merge->setObjectName(QStringLiteral("conflictMerge"));
    m_merge->setDefault(true);
    m_merge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    row->addWidget(m_resolver);
    row->addWidget(m_merge);
    connect(m_merge, &QPushButton::clicked, this, &ConflictWindow::mergeNow);
    connect(m_resolver, &QPushButton::clicked, this, &ConflictWindow::startResolver);
    return bottom;
}

QWidget *ConflictWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void ConflictWindow::reload()
{
    if (m_loading)
        return;
    m_text->flush();
    saveState(); // read back when the conflicts arrive, for the files that did not change
    m_loading = true;
    m_message->setTitle(tr("Looking for conflicts…"));
    m_message->setText(tr("Merging %1 into %2 in memory; nothing is written.")
                           .arg(m_agent.branch, m_target.isEmpty() ? tr("the current branch") : m_target));
    m_message->setButtonText({});
    m_pages->setCurrentWidget(m_message);
    updateStatus();
    m_source->requestConflicts(m_agent.id, m_agent.repo, m_agent.branch, m_target,
                               ReviewSource::Priority::Background);
}

void ConflictWindow::onLoaded(const Result<BranchConflicts> &r)
{
    m_loading = false;
    const QString selectedPath = currentFile() >= 0 ? m_set->at(currentFile()).file.path : QString();
    m_clean = false;
    if (!r) {
        m_set->reset({});
        m_message->setTitle(tr("Cannot compute the conflicts"));
        m_message->setText(r.error().toString());
        m_message->setButtonText(tr("Try Again"));
        m_pages->setCurrentWidget(m_message);
        updateStatus();
        Q_EMIT loaded();
        return;
    }
    m_target = r->target;
    m_title->setText(tr("Merging <b>%1</b> into <b>%2</b>").arg(m_agent.branch.toHtmlEscaped(), m_target.toHtmlEscaped()));
    m_text->setNames(m_agent.branch, m_target);
    m_choice->setNames(m_agent.branch, m_target);
    m_set->reset(r->entries);
    const QJsonObject saved = readJsonFile(stateFilePath(m_agent.id, m_target)); // earlier work
    if (m_set->restoreState(saved.value(QLatin1String("resolutions")).toObject()) == 0 &&
        !saved.isEmpty())
        QFile::remove(stateFilePath(m_agent.id, m_target)); // nothing in it applies any more
    if (m_set->size() == 0) {
        m_clean = true;
        const BranchStatus &s = r->status;
        m_message->setTitle(s.merged ? tr("Already merged") : tr("No conflicts: it merges cleanly"));
        m_message->setText(s.merged ? tr("%1 is already in %2.").arg(m_agent.branch, m_target)
                                    : tr("%1 merges into %2 without conflicts.").arg(m_agent.branch, m_target));
        m_message->setButtonText({});
        m_pages->setCurrentWidget(m_message);
        updateStatus();
        Q_EMIT loaded();
        return;
    }
    m_pages->setCurrentWidget(m_splitter);
    int select = m_set->indexOf(selectedPath);
    for (int i = 0; i < m_set->size() && select < 0; ++i)
        if (!m_set->at(i).isResolved())
            select = i;
    selectFile(select < 0 ? 0 : select);
    updateStatus();
    Q_EMIT loaded();
}

void ConflictWindow::selectFile(int index)
{
    m_list->setCurrentIndex(m_model->index(index, 0));
}

int ConflictWindow::currentFile() const
{
    const QModelIndex i = m_list->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void ConflictWindow::showFile(int index)
{
    m_text->flush();
    if (index < 0 || index >= m_set->size()) {
        m_text->showEntry(-1);
        return;
    }
    if (m_set->at(index).usesTextMerge()) {
        m_text->showEntry(index);
        m_editors->setCurrentWidget(m_text);
    } else {
        m_text->showEntry(-1);
        m_choice->showEntry(index);
        m_editors->setCurrentWidget(m_choice);
    }
}

void ConflictWindow::stepFile(int direction)
{
    const int n = m_set->size();
    const int from = currentFile();
    for (int step = 1; step < n; ++step) {
        const int i = ((from + direction * step) % n + n) % n;
        if (!m_set->at(i).isResolved()) {
            selectFile(i);
            if (m_set->at(i).usesTextMerge())
                m_text->goToFirstConflict(direction < 0);
            return;
        }
    }
}

void ConflictWindow::updateStatus()
{
    const int n = m_set->size();
    const int resolved = m_set->resolvedCount();
    QString text;
    QColor color = palette().color(QPalette::WindowText);
    if (m_loading) {
        text = tr("Looking for conflicts…");
    } else if (m_clean) {
        text = tr("Nothing to resolve.");
    } else if (n > 0 && resolved == n) {
        text = tr("Every file is resolved.");
        color = successColor(palette());
    } else if (n > 0) {
        text = tr("Files resolved: %1 of %2.").arg(resolved).arg(n);
        color = warningColor(palette());
    }
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, color);
    m_status->setPalette(p);
    const bool ready = !m_loading && !m_busy && (m_clean || (n > 0 && resolved == n));
    m_merge->setEnabled(ready);
    m_merge->setToolTip(ready ? tr("Merge %1 into %2 with these resolutions (Ctrl+Return)").arg(m_agent.branch, m_target)
                              : tr("Resolve every file first"));
    m_resolver->setEnabled(!m_loading && !m_busy && n > 0);
    m_reload->setEnabled(!m_loading && !m_busy);
}

void ConflictWindow::saveState()
{
    // Every change starts the timer and a save stops it: not running, nothing new to keep.
    if (!m_saveTimer->isActive())
        return;
    m_saveTimer->stop();
    writeState();
}

void ConflictWindow::writeState()
{
    if (m_target.isEmpty() || m_agent.id.isEmpty())
        return;
    const QString path = stateFilePath(m_agent.id, m_target);
    if (!m_set->hasWork())
        return;
    const QJsonObject state{{QStringLiteral("session"), m_agent.id},
                            {QStringLiteral("branch"), m_agent.branch},
                            {QStringLiteral("target"), m_target},
                            {QStringLiteral("resolutions"), m_set->saveState()}};
    if (QString error; !writeJsonFile(path, state, &error))
        qWarning("cannot keep the conflict resolutions in %s: %s", qPrintable(path), qPrintable(error));
}

void ConflictWindow::setBusy(bool busy)
{
    m_busy = busy;
    updateStatus();
    if (busy)
        m_status->setText(tr("Merging…"));
}

void ConflictWindow::mergeNow()
{
    m_text->flush();
    if (m_busy || m_loading || !(m_clean || m_set->allResolved()))
        return;
    saveState();
    setBusy(true);
    QPointer<ConflictWindow> self(this);
    m_client->mergeWithResolutions(m_agent.id, m_target, m_set->resolutions(),
                                   [self](const Result<QJsonObject> &r) {
                                       if (self)
                                           self->onMergeAnswer(r);
                                   });
}

void ConflictWindow::onMergeAnswer(const Result<QJsonObject> &answer)
{
    setBusy(false);
    if (!answer) {
        showOutcome(QMessageBox::Warning, tr("Merge failed"),
                    tr("The engine could not merge %1: %2").arg(m_agent.branch, answer.error().toString()));
        return;
    }
    // (no item: the engine merged nothing, and the state stays empty)
    const QJsonObject item = answer->value(QLatin1String("items")).toArray().at(0).toObject();
    const QString state = item.value(QLatin1String("state")).toString();
    const QJsonObject outcome = item.value(QLatin1String("outcome")).toObject();
    const QString message = item.value(QLatin1String("message")).toString();
    const QString reason = outcome.value(QLatin1String("reason")).toString();
    QString text = message;
    if (!reason.isEmpty() && !text.contains(reason))
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + reason;
    if (state == QLatin1String("merged") || state == QLatin1String("up-to-date")) {
        QFile::remove(stateFilePath(m_agent.id, m_target));
        m_set->reset({}); // nothing left to keep
        Q_EMIT merged(m_agent.id, m_target);
        showOutcome(QMessageBox::Information, tr("Merged"),
                    tr("%1 was merged into %2.").arg(m_agent.branch, m_target), text, true);
        return;
    }
    if (state == QLatin1String("conflict")) {
        const int left = int(outcome.value(QLatin1String("conflicts")).toArray().size());
        showOutcome(QMessageBox::Warning, tr("Still in conflict"),
                    tr("Conflicts these resolutions do not cover: %n. The branch or the target probably "
                       "moved. The conflicts are computed again; what you resolved is kept where it still "
                       "applies.",
                       nullptr, left),
                    text);
        reload();
        return;
    }
    const QString details = outcome.value(QLatin1String("checkOutput")).toString().right(4000);
    showOutcome(QMessageBox::Warning, tr("Not merged"),
                tr("%1 was not merged (%2). Your resolutions are kept.").arg(m_agent.branch, state) +
                    (text.isEmpty() ? QString() : QStringLiteral("\n\n") + text),
                details);
}

void ConflictWindow::showOutcome(int icon, const QString &title, const QString &text, const QString &details,
                                 bool closeAfter)
{
    auto *box = new QMessageBox(QMessageBox::Icon(icon), title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("conflictOutcome"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty())
        box->setDetailedText(details);
    if (closeAfter)
        connect(box, &QMessageBox::finished, this, &QWidget::close);
    box->open();
}

void ConflictWindow::startResolver()
{
    m_text->flush();
    saveState();
    setBusy(true);
    m_status->setText(tr("Starting a resolver agent…"));
    QPointer<ConflictWindow> self(this);
    m_client->spawnResolver(m_agent.id, m_target, [self](const Result<SessionInfo> &r) {
        if (!self)
            return;
        self->setBusy(false);
        if (!r) {
            self->showOutcome(QMessageBox::Warning, tr("No resolver started"),
                              tr("The resolver agent could not be started: %1").arg(r.error().toString()));
            return;
        }
        Q_EMIT self->resolverStarted(*r);
        self->showOutcome(QMessageBox::Information, tr("Resolver started"),
                          tr("The resolver agent %1 works on these conflicts in branch %2. When it is done, "
                             "review and merge its branch like any agent's.")
                              .arg(r->name, r->branch));
    });
}

void ConflictWindow::closeEvent(QCloseEvent *event)
{
    m_text->flush();
    saveState();
    guisettings::setState(QStringLiteral("conflictGeometry"), saveGeometry());
    guisettings::setState(QStringLiteral("conflictSplitter"), m_splitter->saveState());
    QWidget::closeEvent(event);
}

} // namespace chorus
