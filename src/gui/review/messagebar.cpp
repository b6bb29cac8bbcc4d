#include "review/messagebar.h"

#include "review/diffstyle.h"
#include "style/palettecolors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace chorus {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this)), m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("reviewMessage"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("reviewMessageText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close this message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    m_action->setObjectName(QStringLiteral("reviewMessageAction"));
    m_action->hide();
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        if (m_onAction)
            m_onAction();
    });
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text, const QString &actionText, std::function<void()> action)
{
    m_kind = kind;
    m_label->setText(text);
    m_onAction = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && m_onAction);
    updateColors();
    show();
}

QString MessageBar::text() const
{
    return isVisible() ? m_label->text() : QString();
}

void MessageBar::updateColors()
{
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    QColor tone = toneFor(base, 215, 150);
    switch (m_kind) {
    case Kind::Information:
        break;
    case Kind::Success:
        tone = successColor(base);
        break;
    case Kind::Warning:
        tone = warningColor(base);
        break;
    case Kind::Error:
        tone = errorColor(base);
        break;
    }
    QPalette p = base;
    const QColor window = base.color(QPalette::Base);
    p.setColor(QPalette::Window, mix(window, tone, isDark(base) ? 0.22 : 0.14));
    p.setColor(QPalette::WindowText, base.color(QPalette::Text));
    setPalette(p);
}

} // namespace chorus
