#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;

namespace chorus {

// The console's find bar (Ctrl+F): a search field, "n of m", next / previous and close.
// Enter finds the next match, Shift+Enter the previous one, Escape closes the bar.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    QString text() const;
    QLineEdit *lineEdit() const { return m_edit; }
    // Shows the bar with the field focused and its text selected.
    void activate();
    // current: 1-based index of the match shown (0: none); total: rows that match.
    void setResult(int current, int total);
    // What a host of the bar wires the same way: F3 / Shift+F3 anywhere in `host`, typing, Enter
    // and Shift+Enter in the bar, all call `search(backwards, move)` (move: to the next match;
    // typing searches from where it is).
    void drive(QWidget *host, std::function<void(bool backwards, bool move)> search);

Q_SIGNALS:
    void textEdited(const QString &text);
    void findNext();
    void findPrevious();
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QLabel *m_status;
};

} // namespace chorus
