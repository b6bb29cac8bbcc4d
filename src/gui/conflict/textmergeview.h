#pragma once

#include "git/conflictmarkers.h"
#include "git/threeway.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTextDocument;
class QTimer;
class QToolButton;

namespace chorus {

class ConflictSet;

// A text file's three-way merge: the base, target and agent versions side by side (their
// changed lines tinted, scrolled together) over the editable result, in which unresolved
// conflicts are git-style marker blocks. The quick choices (take target / agent / both)
// replace the marker block at or after the cursor; the user may also edit freely. Each file
// keeps its own documents, so undo history and cursor survive switching files.
class TextMergeView : public QWidget
{
    Q_OBJECT
public:
    explicit TextMergeView(ConflictSet *set, QWidget *parent = nullptr);
    ~TextMergeView() override;

    void setNames(const QString &branch, const QString &target);
    void showEntry(int index);
    // Pushes the editor's text into the set now (it otherwise follows edits after a pause).
    void flush();

    // Resolves the current conflict (the marker block at or after the cursor) and moves on.
    void take(Take take);
    // Moves to the next / previous marker block; at the last one asks for the next file
    // (nextFileRequested) or wraps around. False when the file has no conflict left.
    bool nextConflict();
    bool previousConflict();
    // Puts the cursor on the file's first (or last) marker block.
    void goToFirstConflict(bool last = false);
    // The index of the current marker block, or -1.
    int currentBlock() const;
    QList<MarkerBlock> blocks() const;

    // The parts, for tests.
    QPlainTextEdit *pane(MergeSide side) const;
    QPlainTextEdit *resultEditor() const { return m_result; }
    QLabel *conflictLabel() const { return m_conflictLabel; }
    QAction *takeAction(Take take) const;
    QAction *nextAction() const { return m_next; }
    QAction *previousAction() const { return m_previous; }
    QToolButton *acceptButton() const { return m_accept; }

Q_SIGNALS:
    void nextFileRequested();
    void previousFileRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct FileDocs
    {
        QPointer<QTextDocument> panes[3];
        QPointer<QTextDocument> result;
        int cursor = -1; // the result's cursor when the file was left; -1: never shown
    };
    QWidget *buildPanes();
    QWidget *buildResult();
    QAction *makeAction(const QString &text, const QList<QKeySequence> &keys, const QString &tip);
    FileDocs &docsFor(int index);
    void clearDocs();
    void onEntryChanged(int index);
    bool otherFileUnresolved() const;
    void goToBlock(const MarkerBlock &block);
    void scrollPanesTo(int number);
    void updateCurrent();
    void updateHighlights(const QList<MarkerBlock> &blocks, int current);
    int blockAt(const QList<MarkerBlock> &blocks) const; // the block under the cursor, or -1
    void syncScroll(int fromPane, int value);
    QString editorText() const;

    ConflictSet *m_set;
    int m_index = -1;
    int m_currentNumber = 0; // the #N of the current marker block
    struct PaneTintKey // what the panes' tints were made for
    {
        int index = -1, number = 0;
        qint64 palette = 0;
        bool operator==(const PaneTintKey &) const = default;
    };
    PaneTintKey m_tinted;
    QHash<int, FileDocs> m_docs;
    QLabel *m_paneTitles[3] = {};
    QPlainTextEdit *m_panes[3] = {};
    QSplitter *m_splitter = nullptr;
    QLabel *m_conflictLabel = nullptr;
    QLabel *m_resultTitle = nullptr;
    QPlainTextEdit *m_result = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_next = nullptr;
    QAction *m_takes[4] = {};
    QToolButton *m_accept = nullptr;
    QTimer *m_flushTimer;
    QTimer *m_highlightTimer;
    bool m_syncingScroll = false;
    bool m_flushing = false;
};

} // namespace chorus
