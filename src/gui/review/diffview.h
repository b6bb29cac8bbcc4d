#pragma once

#include "review/commenteditor.h"
#include "review/diffdocument.h"
#include "review/diffstyle.h"
#include "review/diffsyntax.h"

#include <QAbstractScrollArea>
#include <QPointer>

class QTextLayout;

namespace chorus {

// One file's diff, painted row by row (no widget per line, no text document), unified or side
// by side. Long lines wrap (after a space or punctuation near the right edge, else at it), so
// nothing is hidden; a mark in the sign column shows the continuation. Line numbers, syntax
// colours, intra-line changes, hunk headers, folded unchanged regions that expand on a click,
// inline comments with their editor, change navigation and a text selection that copies.
class DiffView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    using Side = ReviewComment::Side;

    explicit DiffView(QWidget *parent = nullptr);
    ~DiffView() override;

    // Shows a file (the editor is closed, the selection cleared, the view scrolled to the top).
    void setDocument(DiffDocument document);
    const DiffDocument &document() const { return m_doc; }
    bool hasDocument() const { return m_hasDocument; }
    // No file: a centred message instead (nothing selected, binary file, loading, an error...).
    void showMessage(const QString &title, const QString &text = {});
    QString messageTitle() const { return m_messageTitle; }
    QString messageText() const { return m_messageText; }

    DiffDocument::Mode mode() const { return m_doc.mode(); }
    void setMode(DiffDocument::Mode mode);

    // The file's comments, shown under their lines (the editor, if open, stays open).
    void setComments(const QList<ReviewComment> &comments);
    // The whole file's text (after expandRequested()): expands the gap that asked for it.
    void setFullText(const FileDiff &whole);

    // Change navigation: moves to the next/previous block of changes and makes it current.
    bool nextChange();
    bool previousChange();
    int currentRow() const { return m_currentRow; }
    void scrollToRow(int row);
    int firstVisibleRow() const;

    // The comment editor under a line (commentId: edit that comment). Returns it.
    CommentEditor *openCommentEditor(Side side, int line, const QString &commentId = {});
    CommentEditor *commentEditor() const { return m_editor; }
    // Saves what the open editor holds as a comment (commentSubmitted), if anything.
    void submitOpenEditor();
    // The open editor and what is typed in it, to reopen it after the file is reloaded.
    struct CommentDraft
    {
        Side side = Side::New;
        int line = 0; // 0: no editor open
        QString commentId;
        QString text;
    };
    CommentDraft commentDraft() const;
    void restoreCommentDraft(const CommentDraft &draft);

    QString selectedText() const;
    void copy();
    void selectAll();

    // Where things are, in viewport coordinates (for tests and the benchmark).
    QRect rowRect(int row) const;
    QRect numberRect(int row, Side side) const; // a click here comments on that line
    QRect commentLinkRect(int row, bool deleteLink) const;

    // What stays when the same file is shown again after a reload.
    struct ViewState
    {
        int newLine = 0; // the first line shown (new side), or 0
        int offset = 0;  // pixels of it scrolled out
        int scroll = 0;
    };
    ViewState viewState() const;
    void restoreViewState(const ViewState &state);

Q_SIGNALS:
    // The whole file is needed to expand gap `gap`: answer with setFullText().
    void expandRequested(int gap);
    // A new comment (id empty) or a changed one.
    void commentSubmitted(const chorus::ReviewComment &comment);
    void commentDeleteRequested(const QString &commentId);
    void painted();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Columns // horizontal geometry of one half (unified: the whole width)
    {
        int left = 0;     // where the half starts
        int numbers = 0;  // line numbers (one or two columns) start
        int sign = 0;     // "+"/"-" column
        int text = 0;     // code starts
        int right = 0;    // the half ends
        int perLine = 80; // characters per visual line
    };
    struct Hit
    {
        int row = -1;
        Side side = Side::New;
        bool gutter = false; // line numbers or the sign column
        int col = 0;         // display column in the row's text (over all its visual lines)
    };
    struct TextPos
    {
        int row = -1;
        int col = 0;
        bool operator<(const TextPos &o) const
        {
            return row < o.row || (row == o.row && col < o.col);
        }
        bool operator==(const TextPos &o) const { return row == o.row && col == o.col; }
    };

    // diffview.cpp
    void updateStyle();
    void rehighlight();
    void relayout();
    void updateScrollBars();
    void placeEditor();
    Columns columns(Side side) const;
    int rowHeight(int row) const;
    int visualLines(int lineIndex, const Columns &c) const;
    int commentHeight(const ReviewComment &c, int width) const;
    int rowAt(int y) const; // content y
    int scrollY() const;
    QRect commentBox(int row) const; // content coordinates
    Side rowSide(int row) const;
    void setCurrentRow(int row);
    void saveEditor(const QString &text);
    void closeEditor();
    void clearSelection();

    // diffview_paint.cpp
    void paintMessage(QPainter &p);
    void paintHunkRow(QPainter &p, const DiffRow &r, const QRect &rect);
    void paintLineRow(QPainter &p, int row, const QRect &rect);
    void paintHalf(QPainter &p, int row, int lineIndex, Side side, const Columns &c,
                   const QRect &rect);
    void paintText(QPainter &p, int row, int lineIndex, Side side, const Columns &c, int top,
                   const QColor &wordColor);
    void paintCommentBox(QPainter &p, const QRect &box, bool sent = false);
    void paintCommentRow(QPainter &p, int row, const QRect &rect);

    // diffview_input.cpp
    Hit hitTest(const QPoint &pos) const;
    // The index in m_doc.lines() of the line row `r` shows on `side` (-1: none there).
    int lineIndex(const DiffRow &r, Side side) const;
    void expandGap(int gap);
    void openEditorAt(const Hit &hit);
    void updateHover(const QPoint &pos);

    DiffDocument m_doc;
    bool m_hasDocument = false;
    QList<diffsyntax::Formats> m_formats;
    QList<int> m_displayLength; // per line: its length with tabs expanded
    QList<int> m_rowTop;        // per row, and the total at the end
    int m_numberWidth = 30;
    DiffStyle m_style;
    QString m_messageTitle, m_messageText;

    int m_currentRow = -1;
    int m_pendingExpand = -1;
    int m_hoverRow = -1;
    Side m_hoverSide = Side::New;
    TextPos m_anchor, m_cursor; // the selection, on one side
    Side m_selectionSide = Side::New;
    bool m_selecting = false;
    QPointer<CommentEditor> m_editor;
};

} // namespace chorus
