#pragma once

#include <QPlainTextEdit>

namespace chorus {

// The follow-up box: Enter is a new line, Ctrl+Enter sends.
class ConsoleInput : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ConsoleInput(QWidget *parent = nullptr);

    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace chorus
