#include "consoleinput.h"

#include <QKeyEvent>

namespace chorus {

ConsoleInput::ConsoleInput(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("consoleInput"));
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize ConsoleInput::sizeHint() const
{
    const int lines = 3;
    const int h = fontMetrics().lineSpacing() * lines +
                  2 * (frameWidth() + int(document()->documentMargin())) + 2;
    return {QPlainTextEdit::sizeHint().width(), h};
}

void ConsoleInput::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ControlModifier)) {
        Q_EMIT submitted();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace chorus
