#include "approvalbar.h"
#include "style/palettecolors.h"

#include "client/engineclient.h"
#include "console/consolestyle.h"
#include "console/toolpresentation.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSet>

namespace chorus {

ApprovalBar::ApprovalBar(EngineClient *client, const QString &sessionId, QWidget *parent)
    : QWidget(parent), m_client(client), m_sessionId(sessionId), m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("approvalBar"));
    const int m = fontMetrics().height() / 3;
    m_layout->setContentsMargins(m * 2, m, m * 2, m);
    m_layout->setSpacing(m);
    refresh();
}

void ApprovalBar::refresh()
{
    const QList<ApprovalInfo> pending = m_client->pendingApprovals(m_sessionId);
    QSet<qint64> ids;
    for (const ApprovalInfo &a : pending) {
        ids.insert(a.id);
        if (!m_cards.contains(a.id)) {
            QWidget *card = makeCard(a);
            m_layout->addWidget(card);
            m_cards.insert(a.id, card);
        }
    }
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (ids.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->deleteLater();
        it = m_cards.erase(it);
    }
    setVisible(!m_cards.isEmpty());
}

QWidget *ApprovalBar::makeCard(const ApprovalInfo &a)
{
    const ConsoleStyle style = ConsoleStyle::fromWidget(font(), palette());
    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("approvalCard"));
    card->setProperty("approvalId", a.id);
    card->setFrameShape(QFrame::StyledPanel);
    card->setAutoFillBackground(true);

    auto *layout = new QHBoxLayout(card);
    const int m = style.pad;
    layout->setContentsMargins(m, m / 2, m, m / 2);
    layout->setSpacing(m);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    auto *title = new QLabel(card);
    title->setObjectName(QStringLiteral("approvalTitle"));
    title->setTextFormat(Qt::PlainText);
    title->setText(tr("⚠ %1 wants permission to run").arg(a.toolName));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    const QString input =
        QString::fromUtf8(QJsonDocument(a.input).toJson(QJsonDocument::Indented)).trimmed();
    QString detail = ToolPresentation::forTool(a.toolName, input).summary;
    if (!a.description.isEmpty() && a.description != detail)
        detail = detail.isEmpty() ? a.description : a.description + QStringLiteral("\n") + detail;
    auto *what = new QLabel(card);
    what->setObjectName(QStringLiteral("approvalDetail"));
    what->setTextFormat(Qt::PlainText);
    what->setWordWrap(true);
    what->setText(detail);
    what->setToolTip(input);
    what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *error = new QLabel(card);
    error->setObjectName(QStringLiteral("approvalError"));
    error->setWordWrap(true);
    error->hide();
    text->addWidget(title);
    text->addWidget(what);
    text->addWidget(error);
    layout->addLayout(text, 1);

    auto *allow = new QPushButton(tr("&Allow"), card);
    allow->setObjectName(QStringLiteral("allowButton"));
    allow->setToolTip(tr("Let the agent run this once"));
    auto *session = new QPushButton(tr("Allow for &Session"), card);
    session->setObjectName(QStringLiteral("allowSessionButton"));
    session->setToolTip(tr("Allow %1 for the rest of this agent's session").arg(a.toolName));
    auto *deny = new QPushButton(tr("&Deny"), card);
    deny->setObjectName(QStringLiteral("denyButton"));
    deny->setToolTip(tr("Refuse; the agent is told you denied it"));
    for (QPushButton *b : {allow, session, deny})
        layout->addWidget(b, 0, Qt::AlignVCenter);

    const qint64 id = a.id;
    connect(allow, &QPushButton::clicked, this,
            [this, card, id] { answer(card, id, true, false); });
    connect(session, &QPushButton::clicked, this,
            [this, card, id] { answer(card, id, true, true); });
    connect(deny, &QPushButton::clicked, this,
            [this, card, id] { answer(card, id, false, false); });
    applyColours(card);
    return card;
}

// A warm tint that reads on light and dark palettes; redone when the palette changes.
void ApprovalBar::applyColours(QWidget *card)
{
    const ConsoleStyle style = ConsoleStyle::fromWidget(font(), palette());
    QPalette pal = palette();
    pal.setColor(QPalette::Window,
                 mix(style.palette.color(QPalette::Base), style.warning, 0.14));
    pal.setColor(QPalette::WindowText, style.text);
    card->setPalette(pal);
    if (auto *error = card->findChild<QLabel *>(QStringLiteral("approvalError"))) {
        QPalette errorPal = pal;
        errorPal.setColor(QPalette::WindowText, style.error);
        error->setPalette(errorPal);
    }
}

void ApprovalBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        for (QWidget *card : std::as_const(m_cards))
            applyColours(card);
}

void ApprovalBar::answer(QWidget *card, qint64 id, bool allow, bool forSession)
{
    const QList<QPushButton *> buttons = card->findChildren<QPushButton *>();
    for (QPushButton *b : buttons)
        b->setEnabled(false);
    QPointer<QWidget> guard(card);
    m_client->answer(m_sessionId, id, allow, forSession, {}, [guard](const Status &status) {
        if (!guard || status)
            return; // the card goes when approvalsChanged says the request is settled
        for (QPushButton *b : guard->findChildren<QPushButton *>())
            b->setEnabled(true);
        if (auto *error = guard->findChild<QLabel *>(QStringLiteral("approvalError"))) {
            error->setText(tr("Could not answer: %1").arg(status.error().toString()));
            error->show();
        }
    });
}

} // namespace chorus
