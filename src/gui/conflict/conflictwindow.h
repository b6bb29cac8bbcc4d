#pragma once

#include "model/sessioninfo.h"
#include "result.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace chorus {

class ChoiceView;
class ConflictListModel;
class ConflictSet;
class EmptyStateWidget;
class EngineClient;
class ReviewSource;
class TextMergeView;
struct BranchConflicts;

// Resolving an agent's merge conflicts with a target by hand. Left: the conflicted files;
// right: a three-way merge for text files, a choice for the others; bottom: merge with these
// resolutions (through the engine), or hand the conflicts to a resolver agent.
//
// The conflicts are read by a ReviewSource (requestConflicts: off the UI thread, nothing is
// written to the repository). What the user resolved survives closing the window: it is kept in
// paths::dataDir()/conflicts/<session id>-<target>.json and restored for every file whose
// three versions are still the same.
class ConflictWindow : public QWidget
{
    Q_OBJECT
public:
    // `target` empty: the repository's default merge target (its current branch).
    ConflictWindow(EngineClient *client, const SessionInfo &agent, const QString &target,
                   QWidget *parent = nullptr);
    ~ConflictWindow() override;

    SessionInfo agent() const { return m_agent; }
    QString target() const { return m_target; } // known once loaded when none was given
    bool isLoading() const { return m_loading; }
    // Computes the conflicts again (the target or the branch moved), keeping the user's work
    // for the files whose conflict is unchanged.
    void reload();
    // Where the user's work for this agent and target is kept.
    static QString stateFilePath(const QString &sessionId, const QString &target);

    // The parts, for tests.
    ConflictSet *conflicts() const { return m_set; }
    QTreeView *fileList() const { return m_list; }
    TextMergeView *textView() const { return m_text; }
    ChoiceView *choiceView() const { return m_choice; }
    EmptyStateWidget *messagePage() const { return m_message; }
    QWidget *currentPage() const;
    QPushButton *mergeButton() const { return m_merge; }
    QPushButton *resolverButton() const { return m_resolver; }
    QLabel *statusLabel() const { return m_status; }
    void selectFile(int index);
    int currentFile() const;

Q_SIGNALS:
    // The conflicts were loaded (or could not be: messagePage() says why).
    void loaded();
    // The engine merged the agent's branch into the target.
    void merged(const QString &sessionId, const QString &target);
    // A resolver agent was started; its branch is reviewed and merged like any other.
    void resolverStarted(const chorus::SessionInfo &resolver);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildHeader();
    QWidget *buildBottom();
    void onLoaded(const Result<BranchConflicts> &r);
    void showFile(int index);
    void stepFile(int direction);
    void updateStatus();
    void saveState();  // when something changed since the last save
    void writeState(); // the user's work to the state file, now
    void mergeNow();
    void onMergeAnswer(const Result<QJsonObject> &answer);
    void startResolver();
    void showOutcome(int icon, const QString &title, const QString &text, const QString &details = {},
                     bool closeAfter = false);
    void setBusy(bool busy);

    EngineClient *m_client;
    SessionInfo m_agent;
    QString m_target;
    ReviewSource *m_source;
    ConflictSet *m_set;
    ConflictListModel *m_model;
    QLabel *m_title = nullptr;
    QPushButton *m_reload = nullptr;
    QStackedWidget *m_pages;
    EmptyStateWidget *m_message;
    QSplitter *m_splitter;
    QTreeView *m_list;
    QStackedWidget *m_editors;
    TextMergeView *m_text;
    ChoiceView *m_choice;
    QLabel *m_status = nullptr;
    QPushButton *m_resolver = nullptr;
    QPushButton *m_merge = nullptr;
    QTimer *m_saveTimer;
    bool m_loading = false;
    bool m_busy = false;
    bool m_clean = false; // loaded, nothing conflicts
};

} // namespace chorus
