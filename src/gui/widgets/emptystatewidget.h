#pragma once

#include <QIcon>
#include <QWidget>

class QLabel;
class QPushButton;

namespace chorus {

// A centred message for a place that has nothing to show yet: an icon, a title, a line of
// explanation and optionally one button that says what to do next.
class EmptyStateWidget : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyStateWidget(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    // An empty text hides the button.
    void setButtonText(const QString &text);

    QString title() const;
    QString text() const;
    QPushButton *button() const { return m_button; }

Q_SIGNALS:
    void buttonClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColors();

    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button;
    QIcon m_iconSource;
};

} // namespace chorus
