#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace chorus {

// A one-line message over the review's actions: what a merge, an approval or a change request
// did, coloured by how it went, until closed or replaced.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Information, Success, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    // With `actionText`, a button that runs `action` (and closes the bar).
    void showMessage(Kind kind, const QString &text, const QString &actionText = {},
                     std::function<void()> action = {});
    QString text() const;
    Kind kind() const { return m_kind; }
    // Colours from the parent's palette again (after a theme change).
    void updateColors();

private:
    QLabel *m_label;
    QToolButton *m_close;
    QPushButton *m_action;
    std::function<void()> m_onAction;
    Kind m_kind = Kind::Information;
};

} // namespace chorus
