#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace chorus {

// The inline editor for a line comment, placed by the DiffView under the line. Ctrl+Enter
// saves, Escape cancels.
class CommentEditor : public QFrame
{
    Q_OBJECT
public:
    explicit CommentEditor(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    void setEditing(bool existing); // "Save" instead of "Add comment"
    QPlainTextEdit *textEdit() const { return m_edit; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void submitted(const QString &text);
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();

    QPlainTextEdit *m_edit;
    QLabel *m_hint;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace chorus
