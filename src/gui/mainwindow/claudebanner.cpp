#include "mainwindow/claudebanner.h"

#include "client/engineclient.h"
#include "style/palettecolors.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

namespace chorus {

ClaudeBanner::ClaudeBanner(EngineClient *client, QWidget *parent)
    : QFrame(parent), m_client(client), m_icon(new QLabel(this)), m_title(new QLabel(this)),
      m_text(new QLabel(this)), m_settings(new QPushButton(tr("Open &Settings…"), this)),
      m_recheck(new QPushButton(tr("Check &Again"), this))
{
    setObjectName(QStringLiteral("claudeBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_title->setObjectName(QStringLiteral("claudeBannerTitle"));
    m_text->setObjectName(QStringLiteral("claudeBannerText"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse); // paths and commands to copy
    m_icon->setAlignment(Qt::AlignTop);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_settings);
    buttons->addWidget(m_recheck);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(10, 8, 10, 8);
    row->setSpacing(10);
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addLayout(texts, 1);
    row->addLayout(buttons);

    connect(m_settings, &QPushButton::clicked, this, &ClaudeBanner::settingsRequested);
    connect(m_recheck, &QPushButton::clicked, this, &ClaudeBanner::recheck);
    updateColors();
    hide();
}

void ClaudeBanner::recheck()
{
    // One question at a time; asked again while one is out, it is asked once more after the
    // answer. (Dropping the older answer instead could leave every answer dropped while an
    // agent's updates keep asking, and the banner never showing what the engine knows.)
    if (m_checking) {
        m_again = true;
        return;
    }
    m_checking = true;
    m_recheck->setEnabled(false);
    QPointer<ClaudeBanner> self(this);
    // Unset path: the engine's own setting, in this window's environment (as its spawns send).
    m_client->locateClaude(std::nullopt, [self](const Result<rpc::ClaudeLocationReply> &r) {
        if (!self)
            return;
        self->m_checking = false;
        self->m_recheck->setEnabled(true);
        if (r)
            self->present(*r);
        else
            self->hide(); // no engine: the main window's engine page says so
        if (std::exchange(self->m_again, false))
            self->recheck(); // `checked` comes with the answer to the latest question
        else
            Q_EMIT self->checked();
    });
}

void ClaudeBanner::present(const rpc::ClaudeLocationReply &reply)
{
    if (reply.path.isEmpty() && reply.configured) {
        // A configured path that is wrong: the engine's own words name it and what to do.
        m_title->setText(tr("Agents cannot start: the Claude Code path set for Chorus is wrong"));
        m_text->setText(reply.error);
    } else if (reply.path.isEmpty()) {
        QStringList tried;
        for (const QJsonValue &c : reply.candidates)
            tried.append(
                QDir::toNativeSeparators(c.toObject().value(QLatin1String("path")).toString()));
        m_title->setText(tr("Agents cannot start: Claude Code (claude) was not found"));
        m_text->setText(
            tr("The engine looked in: %1.\nInstall it with: npm install -g "
               "@anthropic-ai/claude-code — then run claude once in a terminal to log in. "
               "Or set its path in Settings.")
                .arg(tried.join(QStringLiteral(", "))));
    } else if (!reply.loginProblem.isEmpty()) {
        m_title->setText(tr("Agents cannot work: Claude Code is not logged in"));
        m_text->setText(reply.loginProblem);
    } else {
        QFrame::hide();
        return;
    }
    QFrame::show();
}

QString ClaudeBanner::title() const
{
    return m_title->text();
}

QString ClaudeBanner::message() const
{
    return m_text->text();
}

void ClaudeBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColors();
}

void ClaudeBanner::updateColors()
{
    // A warm tint of the window colour, so both themes keep their text readable.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    QPalette p = palette();
    const QColor tint = mix(base.color(QPalette::Window), warningColor(base), 0.18);
    if (p.color(QPalette::Window) != tint) {
        p.setColor(QPalette::Window, tint);
        setPalette(p);
    }
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
}

} // namespace chorus
