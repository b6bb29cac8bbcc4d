// ReviewWindow: the file tree, the diff on screen, viewed marks and comments.
#include "review/reviewwindow.h"

#include "review/branchlistmodel.h"
#include "review/filetreemodel.h"
#include "review/messagebar.h"
#include "review/reviewsource.h"
#include "review/reviewstore.h"

#include <QAction>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>

#include <functional>
#include <limits>
#include <utility>

namespace chorus {

namespace {
// The window's reads (ReviewSource keys; the branch list's are session ids): the file on
// screen, and its whole text when the user unfolds it.
const QString kShownFile = QStringLiteral("shown file");
const QString kWholeFile = QStringLiteral("whole file");

// Why a file has no lines to show.
QString noLinesText(const FileDiff &f)
{
    if (f.status == FileDiff::Renamed)
        return ReviewWindow::tr("Renamed from %1 without changes to its content.").arg(f.oldPath);
    if (f.status == FileDiff::Copied)
        return ReviewWindow::tr("Copied from %1 without changes.").arg(f.oldPath);
    if (f.modeChanged())
        return ReviewWindow::tr("Only its mode changed: %1 → %2.")
            .arg(f.oldMode, 0, 8)
            .arg(f.newMode, 0, 8);
    if (f.status == FileDiff::Added)
        return ReviewWindow::tr("A new, empty file.");
    if (f.status == FileDiff::Deleted)
        return ReviewWindow::tr("An empty file was deleted.");
    return ReviewWindow::tr("No lines changed.");
}
} // namespace

void ReviewWindow::fillFiles(bool keepFile)
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    if (!b || !b->summaryKnown) {
        // A file of the branch shown before may still be loading: it must not land here.
        m_source->cancel(kShownFile);
        m_source->cancel(kWholeFile);
        m_fileLoad = {};
        m_fileModel->clear();
        m_file.clear();
        m_shownBase.clear();
        m_shownHead.clear();
        if (!b && m_branchModel->rowCount() == 0)
            m_view->showMessage(
                tr("Nothing to review yet"),
                tr("Agents started in a git repository work on branches of their own; their "
                   "branches appear here."));
        else if (!b)
            m_view->showMessage(tr("No branch selected"),
                                tr("Choose an agent's branch on the left."));
        else if (!b->error.isEmpty())
            m_view->showMessage(tr("Cannot read %1").arg(b->branch), b->error);
        else
            m_view->showMessage(tr("Reading %1…").arg(b->branch));
        updateTitle();
        updateActions();
        return;
    }
    // What the tree showed: collapsed folders and the file on screen.
    QSet<QString> collapsed;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_fileModel->rowCount(parent); ++row) {
            const QModelIndex i = m_fileModel->index(row, 0, parent);
            if (!i.data(FileTreeModel::IsDirectoryRole).toBool())
                continue;
            if (!m_fileView->isExpanded(i))
                collapsed.insert(i.data(FileTreeModel::PathRole).toString());
            walk(i);
        }
    };
    if (keepFile)
        walk({});
    const QString keep = keepFile ? m_file : QString();
    const int treeScroll = m_fileView->verticalScrollBar()->value();
    m_shownBase = b->summary.baseCommit;
    m_shownHead = b->summary.headCommit;

    // A viewed mark holds while neither version of its file has changed.
    ReviewStore *s = store(m_agent);
    QSet<QString> viewed;
    for (const FileDiff &f : b->summary.files)
        if (s->isViewed(f.path(), changeFingerprint(f)))
            viewed.insert(f.path());
    {
        const QScopedValueRollback quiet(m_quietSelection, true);
        m_fileModel->setFiles(b->summary.files, viewed);
        m_fileView->expandAll();
        walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < m_fileModel->rowCount(parent); ++row) {
                const QModelIndex i = m_fileModel->index(row, 0, parent);
                if (collapsed.contains(i.data(FileTreeModel::PathRole).toString()))
                    m_fileView->collapse(i);
                walk(i);
            }
        };
        if (!collapsed.isEmpty())
            walk({});
        if (keepFile)
            m_fileView->verticalScrollBar()->setValue(treeScroll);
    }
    Q_EMIT filesShown(m_agent);

    if (!keep.isEmpty() && m_fileModel->file(keep)) {
        {
            const QScopedValueRollback quiet(m_quietSelection, true);
            m_fileView->setCurrentIndex(m_fileModel->indexOf(keep));
        }
        // The same versions on both sides: the diff on screen stays as it is, folds and all.
        const bool unchanged = m_view->hasDocument() && m_view->document().file().path() == keep &&
                               changeFingerprint(m_view->document().file()) == changeFingerprint(*m_fileModel->file(keep));
        if (!unchanged)
            showFile(keep, true);
    } else if (b->summary.files.isEmpty()) {
        m_file.clear();
        m_view->showMessage(tr("No changes"),
                            tr("%1 changes nothing against %2.").arg(b->branch, b->target));
    } else {
        m_file.clear();
        selectFile(m_fileModel->orderedPaths().constFirst());
    }
    updateTitle();
    updateActions();
}

void ReviewWindow::selectFile(const QString &path)
{
    const QModelIndex i = m_fileModel->indexOf(path);
    if (!i.isValid())
        return;
    m_fileView->setCurrentIndex(i);
    m_fileView->scrollTo(i);
}

void ReviewWindow::showFile(const QString &path, bool keepView)
{
    // The same file again (the branch moved): a comment being typed stays open; another
    // file: it is saved.
    const bool reload = keepView && path == m_file;
    DiffView::CommentDraft draft;
    if (reload)
        draft = m_view->commentDraft();
    else
        m_view->submitOpenEditor();
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    const FileDiff *f = m_fileModel->file(path);
    if (!b || !f)
        return;
    const DiffView::ViewState state = m_view->viewState();
    m_file = path;
    updateTitle();
    updateActions();
    m_source->cancel(kWholeFile); // the previous file's
    if (f->binary) {
        m_source->cancel(kShownFile);
        m_view->showMessage(tr("Binary file"),
                            tr("%1 is a binary file; its content is not shown.").arg(path));
        updateActions();
        Q_EMIT fileShown(path);
        return;
    }
    m_fileLoad = FileLoad{path, keepView, reload, state, draft};
    const quint64 request = m_source->requestFileDiff(kShownFile, b->summary.repo,
                                                      b->summary.baseCommit, b->summary.headCommit,
                                                      path, 3, ReviewSource::Priority::Interactive);
    // A slow file says so; a fast one (or the same file again) replaces the old one without a
    // flash.
    if (reload)
        return;
    QTimer::singleShot(150, this, [this, request, path] {
        if (m_source->pending(ReviewSource::Kind::FileDiff, kShownFile) == request)
            m_view->showMessage(tr("Loading %1…").arg(path));
    });
}

void ReviewWindow::onFileDiffLoaded(const QString &key, const Result<FileDiff> &diff)
{
    if (key == kWholeFile) {
        if (diff)
            m_view->setFullText(*diff);
        else
            m_message->showMessage(MessageBar::Kind::Error, diff.error().toString());
        return;
    }
    if (key != kShownFile)
        return;
    const FileLoad load = std::exchange(m_fileLoad, {});
    DiffView::CommentDraft latest;
    if (load.reload) // what was typed meanwhile counts (unless "Loading…" replaced the editor)
        latest = m_view->commentDraft().line > 0 ? m_view->commentDraft() : load.draft;
    else
        m_view->submitOpenEditor(); // opened on the previous file while this one loaded
    onFileLoaded(load.path, diff, load.keepView ? &load.state : nullptr);
    if (m_view->hasDocument())
        m_view->restoreCommentDraft(latest);
    else if (!latest.text.trimmed().isEmpty()) // nowhere to show it: keep it as a comment
        onCommentSubmitted(ReviewComment{latest.commentId,
                                         load.path,
                                         latest.side,
                                         latest.line,
                                         {},
                                         latest.text.trimmed(),
                                         {},
                                         {}});
}

void ReviewWindow::onFileLoaded(const QString &path, const Result<FileDiff> &diff,
                                const DiffView::ViewState *keep)
{
    if (!diff) {
        m_view->showMessage(tr("Cannot show %1").arg(path), diff.error().toString());
        updateActions();
        Q_EMIT fileShown(path);
        return;
    }
    ReviewStore *s = store(m_agent);
    if (diff->hunks.isEmpty()) {
        m_view->showMessage(path, noLinesText(*diff));
    } else {
        DiffDocument doc(*diff, m_sideBySide->isChecked() ? DiffDocument::Mode::SideBySide
                                                          : DiffDocument::Mode::Unified);
        doc.setComments(s->shownComments(path));
        m_view->setDocument(std::move(doc));
        if (keep)
            m_view->restoreViewState(*keep);
    }
    updateTitle();
    updateActions();
    Q_EMIT fileShown(path);
}

void ReviewWindow::loadFullText(int)
{
    const ReviewBranch *b = m_branchModel->branch(m_agent);
    if (!b || m_file.isEmpty())
        return;
    m_source->requestFileDiff(kWholeFile, b->summary.repo, b->summary.baseCommit,
                              b->summary.headCommit, m_file, std::numeric_limits<int>::max(),
                              ReviewSource::Priority::Interactive);
}

void ReviewWindow::onViewedToggled(const QString &path, bool viewed)
{
    ReviewStore *s = store(m_agent);
    if (!s)
        return;
    updateTitle();
    updateActions();
    if (!viewed) {
        if (Status st = s->setViewed(path, {}, false); !st)
            showStoreError(st.error());
        return;
    }
    if (const FileDiff *f = m_fileModel->file(path))
        if (Status st = s->setViewed(path, changeFingerprint(*f), true); !st)
            showStoreError(st.error());
}

void ReviewWindow::onCommentSubmitted(const ReviewComment &comment)
{
    ReviewStore *s = store(m_agent);
    if (!s)
        return;
    if (comment.id.isEmpty()) {
        if (Result<QString> id = s->addComment(comment); !id)
            showStoreError(id.error());
    } else if (Status st = s->updateComment(comment.id, comment.text); !st) {
        showStoreError(st.error());
    }
    m_view->setComments(s->shownComments(m_file));
    updateActions();
}

void ReviewWindow::onCommentDelete(const QString &id)
{
    ReviewStore *s = store(m_agent);
    if (!s)
        return;
    if (Status st = s->removeComment(id); !st)
        showStoreError(st.error());
    m_view->setComments(s->shownComments(m_file));
    updateActions();
}

void ReviewWindow::showStoreError(const Error &error)
{
    m_message->showMessage(MessageBar::Kind::Error, error.toString());
}

} // namespace chorus
