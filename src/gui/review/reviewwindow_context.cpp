// ReviewWindow: the agent's task and its latest result, above the diff.
#include "review/reviewwindow.h"

#include "agent/streamevent.h"
#include "client/engineclient.h"
#include "review/branchlistmodel.h"
#include "settings/guisettings.h"
#include "util/textlines.h"

#include <QJsonDocument>
#include <QPointer>
#include <QScrollBar>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace chorus {

namespace {
constexpr int kContextEvents = 400; // how far back the latest result is looked for
const QString kContextState = QStringLiteral("reviewContextShown");

} // namespace

QWidget *ReviewWindow::buildContextPanel(QWidget *parent)
{
    auto *panel = new QWidget(parent);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(2);
    m_contextToggle = new QToolButton(panel);
    m_contextToggle->setObjectName(QStringLiteral("reviewContextToggle"));
    m_contextToggle->setCheckable(true);
    m_contextToggle->setAutoRaise(true);
    m_contextToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_contextToggle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // elided, never wider
    m_contextToggle->setToolTip(tr("Show or hide the agent's task and its latest result"));
    layout->addWidget(m_contextToggle);
    m_context = new QTextBrowser(panel);
    m_context->setObjectName(QStringLiteral("reviewContext"));
    m_context->setOpenLinks(false);
    m_context->setFrameShape(QFrame::StyledPanel);
    m_context->setMaximumHeight(fontMetrics().lineSpacing() * 9);
    layout->addWidget(m_context);

    const QByteArray shown = guisettings::state(kContextState);
    m_contextToggle->setChecked(shown != "0");
    m_context->setVisible(m_contextToggle->isChecked());
    m_contextToggle->setArrowType(m_contextToggle->isChecked() ? Qt::DownArrow : Qt::RightArrow);
    connect(m_contextToggle, &QToolButton::toggled, this, [this](bool on) {
        m_context->setVisible(on);
        m_contextToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        guisettings::setState(kContextState, on ? "1" : "0");
    });
    connect(m_client, &EngineClient::sessionChanged, this, [this](const SessionInfo &info) {
        if (info.id == m_agent && (info.turns != m_contextTurns || info.task != m_contextTask))
            showContext(); // a turn ended (or a follow-up started): its result is the latest
    });
    return panel;
}

void ReviewWindow::showContext()
{
    const SessionInfo s = m_agent.isEmpty() ? SessionInfo{} : m_client->session(m_agent);
    m_contextTask = s.task;
    m_contextTurns = s.turns;
    m_contextResult.clear();
    m_contextResultError = false;
    m_contextLoading = !m_agent.isEmpty();
    renderContext();
    if (m_agent.isEmpty())
        return;
    const QString agent = m_agent;
    const quint64 generation = ++m_contextGeneration;
    QPointer<ReviewWindow> self(this);
    m_client->fetchTail(
        agent, kContextEvents, [self, agent, generation](const QList<StoredEvent> &events) {
            if (!self || self->m_contextGeneration != generation || self->m_agent != agent)
                return; // another agent (or a newer read) is shown by now
            self->m_contextLoading = false;
            for (auto it = events.crbegin(); it != events.crend(); ++it) {
                if (it->kind != QStringLiteral("result"))
                    continue;
                const ResultInfo r = parseResult(QJsonDocument::fromJson(it->raw).object());
                self->m_contextResult = r.text.trimmed();
                self->m_contextResultError = r.isError;
                break;
            }
            self->renderContext();
        });
}

void ReviewWindow::renderContext()
{
    const QString task = m_contextTask.trimmed();
    m_contextToggle->setText(task.isEmpty() ? tr("Task and latest result")
                                            : tr("Task: %1").arg(summaryLine(task)));
    m_contextToggle->setEnabled(!m_agent.isEmpty());
    auto para = [](const QString &text) {
        return QStringLiteral("<p style=\"white-space: pre-wrap; margin-top: 0\">%1</p>")
            .arg(text.toHtmlEscaped());
    };
    QString html;
    if (!m_agent.isEmpty()) {
        html += QStringLiteral("<p style=\"margin-bottom: 2px\"><b>%1</b></p>").arg(tr("Task"));
        html += para(task.isEmpty() ? tr("(no task: the agent was started without one)") : task);
        html += QStringLiteral("<p style=\"margin-bottom: 2px\"><b>%1</b></p>")
                    .arg(m_contextResultError ? tr("Latest result (the turn failed)")
                                              : tr("Latest result"));
        if (m_contextLoading)
            html += para(tr("Loading…"));
        else if (m_contextResult.isEmpty())
            html += para(tr("No turn has ended yet."));
        else
            html += para(m_contextResult);
    }
    const int scroll = m_context->verticalScrollBar() ? m_context->verticalScrollBar()->value() : 0;
    m_context->setHtml(html);
    m_context->verticalScrollBar()->setValue(scroll);
}

QString ReviewWindow::contextText() const
{
    return m_context->toPlainText();
}

} // namespace chorus
