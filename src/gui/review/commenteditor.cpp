#include "review/commenteditor.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace chorus {

CommentEditor::CommentEditor(QWidget *parent)
    : QFrame(parent), m_edit(new QPlainTextEdit(this)), m_hint(new QLabel(this)),
      m_save(new QPushButton(tr("Add Comment"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("commentEditor"));
    setFrameShape(QFrame::NoFrame); // the diff view paints the comment box around it
    m_edit->setObjectName(QStringLiteral("commentText"));
    m_edit->setPlaceholderText(tr("What should the agent change here?"));
    m_edit->setTabChangesFocus(true);
    const int lines = 4;
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * lines + 2 * m_edit->frameWidth() +
                           8);
    m_edit->installEventFilter(this);
    m_hint->setText(tr("Ctrl+Enter to save, Esc to cancel"));
    m_hint->setEnabled(false);
    m_save->setObjectName(QStringLiteral("commentSave"));
    m_save->setDefault(true);
    m_save->setEnabled(false);
    m_cancel->setObjectName(QStringLiteral("commentCancel"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_edit);
    layout->addLayout(buttons);

    connect(m_edit, &QPlainTextEdit::textChanged, this,
            [this] { m_save->setEnabled(!m_edit->toPlainText().trimmed().isEmpty()); });
    connect(m_save, &QPushButton::clicked, this, &CommentEditor::submit);
    connect(m_cancel, &QPushButton::clicked, this, &CommentEditor::cancelled);
    setFocusProxy(m_edit);
}

void CommentEditor::setText(const QString &text)
{
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
}

QString CommentEditor::text() const
{
    return m_edit->toPlainText();
}

void CommentEditor::setEditing(bool existing)
{
    m_save->setText(existing ? tr("Save") : tr("Add Comment"));
}

void CommentEditor::submit()
{
    const QString t = m_edit->toPlainText().trimmed();
    if (!t.isEmpty())
        Q_EMIT submitted(t);
}

bool CommentEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            submit();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT cancelled();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace chorus
