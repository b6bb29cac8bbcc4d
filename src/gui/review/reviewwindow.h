#pragma once

#include "review/diffdocument.h"
#include "review/diffview.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QToolBar;
class QToolButton;
class QTreeView;

namespace chorus {

class BranchListModel;
class DiffView;
class EngineClient;
class FileTreeModel;
class KnownRoles;
class MessageBar;
class ReviewSource;
class ReviewStore;

// Reviewing what the agents did: their branches (left) with ahead/behind, size and a merge
// forecast; the selected branch's files as a tree with "viewed" marks (middle); the selected
// file's diff with line comments (right); and below it, what to do about the branch: send the
// comments back as one follow-up message, approve it for merging, or merge it now.
class ReviewWindow : public QWidget
{
    Q_OBJECT
public:
    ReviewWindow(EngineClient *client, KnownRoles *roles, QWidget *parent = nullptr);
    ~ReviewWindow() override;

    void selectAgent(const QString &sessionId);
    QString currentAgent() const { return m_agent; }
    void selectFile(const QString &path);
    QString currentFile() const { return m_file; }
    // The notes (viewed marks, comments) of an agent.
    ReviewStore *store(const QString &sessionId);

    // The parts, for tests.
    BranchListModel *branchModel() const { return m_branchModel; }
    FileTreeModel *fileModel() const { return m_fileModel; }
    DiffView *diffView() const { return m_view; }
    MessageBar *messageBar() const { return m_message; }
    QPushButton *requestChangesButton() const { return m_request; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *mergeButton() const { return m_merge; }
    QAction *unifiedAction() const { return m_unified; }
    QAction *sideBySideAction() const { return m_sideBySide; }
    QAction *nextChangeAction() const { return m_nextChange; }
    QAction *previousChangeAction() const { return m_previousChange; }
    QAction *nextFileAction() const { return m_nextFile; }
    QAction *previousFileAction() const { return m_previousFile; }
    QAction *viewedAction() const { return m_viewedAction; }
    QToolBar *toolBar() const { return m_toolBar; }
    // The agent's task and latest result (collapsible, above the diff).
    QToolButton *contextToggle() const { return m_contextToggle; }
    QString contextText() const;
    bool contextLoading() const { return m_contextLoading; }

Q_SIGNALS:
    // The file tree of an agent's branch was filled.
    void filesShown(const QString &sessionId);
    // A file's diff (or its message: binary, unchanged...) is in the diff view.
    void fileShown(const QString &path);
    // The user wants to resolve the agent's conflicts with `target` (see ConflictWindow).
    void resolveConflictsRequested(const QString &sessionId, const QString &target);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Esc that no part of the window took (a selection in the diff, a comment being written)
    // closes the window.
    void keyPressEvent(QKeyEvent *event) override;

private:
    // reviewwindow.cpp: layout, agents, settings
    QWidget *buildBranchPane();
    QWidget *buildFilePane();
    QWidget *buildDiffPane();
    void createActions();
    void onBranchSelected();
    void onSummaryChanged(const QString &sessionId);
    void updateTitle();
    void updateActions();
    void setMode(DiffDocument::Mode mode);
    void stepFile(int delta);
    void restoreWindowState();

    // reviewwindow_files.cpp: the file tree, the diff, viewed marks, comments
    void fillFiles(bool keepFile);
    void showFile(const QString &path, bool keepView);
    void onFileDiffLoaded(const QString &key, const Result<FileDiff> &diff);
    void onFileLoaded(const QString &path, const Result<FileDiff> &diff,
                      const DiffView::ViewState *keep);
    void loadFullText(int gap);
    void onViewedToggled(const QString &path, bool viewed);
    void onCommentSubmitted(const ReviewComment &comment);
    void onCommentDelete(const QString &id);
    void showStoreError(const Error &error);

    // reviewwindow_context.cpp: the agent's task and latest result
    QWidget *buildContextPanel(QWidget *parent);
    // Shows the current agent's task at once and reads its latest result (asynchronously).
    void showContext();
    void renderContext();

    // reviewwindow_actions.cpp: request changes, approval, merge
    void requestChanges();
    void toggleApproval();
    void confirmMerge();
    void runMerge(const QString &sessionId);
    void showMergeResult(const QString &name, const QJsonObject &result);
    // The agent's last merge attempt (merge.history), if any.
    void showLastMerge(const QString &sessionId);

    // What the file being loaded is shown with when it arrives.
    struct FileLoad
    {
        QString path;
        bool keepView = false; // the view's position is kept
        bool reload = false;   // the same file again: a comment being typed stays open
        DiffView::ViewState state;
        DiffView::CommentDraft draft;
    };

    EngineClient *m_client;
    ReviewSource *m_source; // the branches' and files' reads, for the branch list too
    BranchListModel *m_branchModel;
    FileTreeModel *m_fileModel;
    QListView *m_branchView = nullptr;
    QTreeView *m_fileView = nullptr;
    QLabel *m_filesHeader = nullptr;
    QLabel *m_fileTitle = nullptr;
    DiffView *m_view = nullptr;
    MessageBar *m_message = nullptr;
    QPushButton *m_request = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_merge = nullptr;
    QSplitter *m_splitter = nullptr;
    QAction *m_unified = nullptr;
    QAction *m_sideBySide = nullptr;
    QAction *m_nextChange = nullptr;
    QAction *m_previousChange = nullptr;
    QAction *m_nextFile = nullptr;
    QAction *m_previousFile = nullptr;
    QAction *m_viewedAction = nullptr;
    QAction *m_refresh = nullptr;
    QToolBar *m_toolBar = nullptr;
    QToolButton *m_contextToggle = nullptr;
    QTextBrowser *m_context = nullptr;
    QString m_contextTask, m_contextResult;
    bool m_contextResultError = false;
    bool m_contextLoading = false;
    quint64 m_contextGeneration = 0;
    int m_contextTurns = 0;

    QString m_agent;
    QString m_file;
    QString m_shownBase, m_shownHead;       // what the file tree shows
    QHash<QString, std::shared_ptr<ReviewStore>> m_stores; // session id -> its notes
    FileLoad m_fileLoad;
    bool m_merging = false;
    bool m_quietSelection = false; // the tree is being refilled: its selection changes are ours
};

} // namespace chorus
