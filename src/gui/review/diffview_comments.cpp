// DiffView: the inline comment editor.
#include "review/diffview.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QScrollBar>

namespace chorus {

CommentEditor *DiffView::openCommentEditor(Side side, int line, const QString &commentId)
{
    if (!m_hasDocument || line <= 0)
        return nullptr;
    if (m_doc.hasEditor())
        submitOpenEditor(); // what was typed there is kept
    if (!m_editor) {
        m_editor = new CommentEditor(viewport());
        connect(m_editor, &CommentEditor::submitted, this, &DiffView::saveEditor);
        connect(m_editor, &CommentEditor::cancelled, this, [this] {
            closeEditor();
            setFocus();
        });
    }
    QString text;
    for (const ReviewComment &c : m_doc.comments())
        if (c.id == commentId && !commentId.isEmpty())
            text = c.text;
    m_editor->setText(text);
    m_editor->setEditing(!commentId.isEmpty());
    m_doc.openEditor(side, line, commentId);
    relayout();
    const int row = m_doc.editorRow();
    if (row >= 0) {
        const QRect r = rowRect(row);
        if (r.bottom() > viewport()->height() || r.top() < 0)
            verticalScrollBar()->setValue(m_rowTop[row + 1] - viewport()->height() +
                                          m_style.lineHeight);
    }
    placeEditor();
    m_editor->show();
    m_editor->setFocus();
    viewport()->update();
    return m_editor;
}

DiffView::CommentDraft DiffView::commentDraft() const
{
    CommentDraft d;
    if (!m_editor || !m_doc.hasEditor())
        return d;
    d.side = m_doc.editorSide();
    d.line = m_doc.editorLine();
    d.commentId = m_doc.editorCommentId();
    d.text = m_editor->text();
    return d;
}

void DiffView::restoreCommentDraft(const CommentDraft &draft)
{
    if (draft.line <= 0)
        return;
    if (CommentEditor *editor = openCommentEditor(draft.side, draft.line, draft.commentId))
        editor->setText(draft.text);
}

void DiffView::submitOpenEditor()
{
    if (m_editor && m_doc.hasEditor() && !m_editor->text().trimmed().isEmpty())
        saveEditor(m_editor->text().trimmed());
}

void DiffView::saveEditor(const QString &text)
{
    ReviewComment c;
    const QString id = m_doc.editorCommentId();
    for (const ReviewComment &existing : m_doc.comments())
        if (existing.id == id)
            c = existing;
    c.id = id;
    c.path = m_doc.file().path();
    c.side = m_doc.editorSide();
    c.line = m_doc.editorLine();
    if (const DiffLine *l = m_doc.line(m_doc.rowOfLine(c.side, c.line), c.side))
        c.lineText = l->text;
    c.text = text;
    const bool hadFocus = m_editor && m_editor->isAncestorOf(QApplication::focusWidget());
    closeEditor();
    Q_EMIT commentSubmitted(c);
    if (hadFocus)
        setFocus();
}

void DiffView::closeEditor()
{
    if (m_editor) {
        m_editor->hide();
        m_editor->deleteLater();
        m_editor = nullptr;
    }
    if (m_doc.hasEditor()) {
        const int scroll = scrollY();
        m_doc.closeEditor();
        relayout();
        verticalScrollBar()->setValue(scroll);
        viewport()->update();
    }
}

void DiffView::placeEditor()
{
    if (!m_editor)
        return;
    const int row = m_doc.editorRow();
    if (row < 0) {
        m_editor->hide();
        return;
    }
    // Inside the box the view paints for it (paintEditorRow()).
    m_editor->setGeometry(commentBox(row).translated(0, -scrollY()).adjusted(4, 1, -1, -1));
}

} // namespace chorus
