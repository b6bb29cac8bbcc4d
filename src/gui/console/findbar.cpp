#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QToolButton>

namespace chorus {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("findBar"));
    auto *layout = new QHBoxLayout(this);
    const int m = fontMetrics().height() / 3;
    layout->setContentsMargins(m * 2, m, m * 2, m);
    layout->setSpacing(m);
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setPlaceholderText(tr("Find in transcript"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *previous = new QToolButton(this);
    previous->setObjectName(QStringLiteral("findPrevious"));
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    previous->setArrowType(Qt::UpArrow);
    previous->setAutoRaise(true);
    auto *next = new QToolButton(this);
    next->setObjectName(QStringLiteral("findNext"));
    next->setText(tr("Next"));
    next->setToolTip(tr("Next match (Enter)"));
    next->setArrowType(Qt::DownArrow);
    next->setAutoRaise(true);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("findClose"));
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the find bar (Escape)"));
    close->setAutoRaise(true);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(close);
    connect(m_edit, &QLineEdit::textEdited, this, &FindBar::textEdited);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::activate()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::setResult(int current, int total)
{
    if (m_edit->text().isEmpty())
        m_status->clear();
    else if (total == 0)
        m_status->setText(tr("No matches"));
    else
        m_status->setText(tr("%1 of %n", nullptr, total).arg(current));
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT findPrevious();
            else
                Q_EMIT findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hide();
            Q_EMIT closed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::drive(QWidget *host, std::function<void(bool backwards, bool move)> search)
{
    new QShortcut(
        QKeySequence::FindNext, host, host, [search] { search(false, true); },
        Qt::WidgetWithChildrenShortcut);
    new QShortcut(
        QKeySequence::FindPrevious, host, host, [search] { search(true, true); },
        Qt::WidgetWithChildrenShortcut);
    connect(this, &FindBar::textEdited, host, [search] { search(false, false); });
    connect(this, &FindBar::findNext, host, [search] { search(false, true); });
    connect(this, &FindBar::findPrevious, host, [search] { search(true, true); });
}

} // namespace chorus
