#include "widgets/emptystatewidget.h"

#include "style/palettecolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace chorus {

EmptyStateWidget::EmptyStateWidget(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_title(new QLabel(this)),
      m_text(new QLabel(this)), m_button(new QPushButton(this))
{
    // A centred column at most ~80 characters wide; word-wrapped labels inside it get the
    // column's whole width (and so their full height), the stretches around it the rest.
    auto *column = new QWidget(this);
    column->setMaximumWidth(fontMetrics().averageCharWidth() * 80);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    for (QLabel *l : {m_icon, m_title, m_text}) {
        l->setParent(column);
        l->setAlignment(Qt::AlignCenter);
        l->setWordWrap(true);
        inner->addWidget(l);
    }
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    inner->addSpacing(8);
    m_button->setParent(column);
    inner->addWidget(m_button, 0, Qt::AlignHCenter);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
    m_icon->hide();
    m_button->hide();
    connect(m_button, &QPushButton::clicked, this, &EmptyStateWidget::buttonClicked);
    updateColors();
}

void EmptyStateWidget::setIcon(const QIcon &icon)
{
    m_iconSource = icon;
    m_icon->setPixmap(icon.pixmap(64, 64));
    m_icon->setVisible(!icon.isNull());
}

void EmptyStateWidget::setTitle(const QString &title)
{
    m_title->setText(title);
}

void EmptyStateWidget::setText(const QString &text)
{
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

void EmptyStateWidget::setButtonText(const QString &text)
{
    m_button->setText(text);
    m_button->setVisible(!text.isEmpty());
}

QString EmptyStateWidget::title() const
{
    return m_title->text();
}

QString EmptyStateWidget::text() const
{
    return m_text->text();
}

void EmptyStateWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateColors();
    QWidget::changeEvent(event);
}

void EmptyStateWidget::updateColors()
{
    QPalette p = m_text->palette();
    p.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_text->setPalette(p);
}

} // namespace chorus
