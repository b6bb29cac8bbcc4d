#include "mainwindow/pullrequestdialog.h"

#include "ui_pullrequestdialog.h"

#include "git/gitpush.h"
#include "mainwindow/pushdialog.h"
#include "style/palettecolors.h"

#include <QPushButton>

namespace chorus {

PullRequestDialog::PullRequestDialog(const SessionInfo &agent, const QString &base,
                                     const PullRequestDraft &draft, const QStringList &remotes,
                                     const Programs &programs, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PullRequestDialog>()), m_agent(agent),
      m_programs(programs), m_push(new BranchPush(this)), m_creator(new PullRequestCreator(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("pullRequestDialog"));
    m_ui->introLabel->setText(
        tr("Open a pull request from %1 with the GitHub CLI (gh), as you. Edit the draft made "
           "from the agent's task and its latest result.")
            .arg(agent.branch));
    m_ui->baseEdit->setText(base);
    m_ui->titleEdit->setText(draft.title);
    m_ui->titleEdit->setFocus();
    m_ui->bodyEdit->setPlainText(draft.body);
    m_ui->remoteCombo->addItems(remotes);
    m_ui->remoteCombo->setCurrentText(defaultRemote(remotes));
    if (remotes.isEmpty()) {
        m_ui->pushFirstCheck->setChecked(false);
        m_ui->pushFirstCheck->setEnabled(false);
        m_ui->pushFirstCheck->setToolTip(tr("The repository has no remote."));
        m_ui->remoteCombo->hide();
    }
    connect(m_ui->pushFirstCheck, &QCheckBox::toggled, m_ui->remoteCombo, &QWidget::setEnabled);
    m_ui->statusLabel->hide();
    m_createButton =
        m_ui->buttonBox->addButton(tr("&Create Pull Request"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setDefault(true);
    connect(m_createButton, &QPushButton::clicked, this, &PullRequestDialog::create);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PullRequestDialog::reject);
    connect(m_push, &BranchPush::finished, this, [this](const Result<QString> &pushed) {
        if (!pushed) {
            fail(pushed.error());
            return;
        }
        runGh();
    });
    connect(m_creator, &PullRequestCreator::finished, this, [this](const Result<QString> &url) {
        if (!url) {
            fail(url.error());
            return;
        }
        setBusy(false);
        m_url = *url;
        const bool link = m_url.startsWith(QStringLiteral("http"));
        setStatus(link ? tr("Opened <a href=\"%1\">%1</a>").arg(m_url.toHtmlEscaped())
                       : tr("gh said: %1").arg(m_url.toHtmlEscaped()),
                  successColor(palette()));
        m_createButton->hide();
        m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
        Q_EMIT created(m_url);
    });
}

PullRequestDialog::~PullRequestDialog() = default;

void PullRequestDialog::create()
{
    if (m_push->isRunning() || m_creator->isRunning())
        return;
    if (m_ui->titleEdit->text().trimmed().isEmpty() || m_ui->baseEdit->text().trimmed().isEmpty()) {
        setStatus(tr("A pull request needs a title and a branch to go into."),
                  errorColor(palette()));
        (m_ui->titleEdit->text().trimmed().isEmpty() ? m_ui->titleEdit : m_ui->baseEdit)
            ->setFocus();
        return;
    }
    setBusy(true);
    if (m_ui->pushFirstCheck->isChecked()) {
        setStatus(tr("Pushing %1 to %2…")
                      .arg(m_agent.branch, m_ui->remoteCombo->currentText())
                      .toHtmlEscaped(),
                  mutedTextColor(palette()));
        m_push->start(PushRequest{m_programs.git, agentGitDir(m_agent),
                                  m_ui->remoteCombo->currentText(), m_agent.branch});
        return;
    }
    runGh();
}

void PullRequestDialog::runGh()
{
    setStatus(tr("Opening the pull request…"), mutedTextColor(palette()));
    PullRequestRequest r;
    r.gh = m_programs.gh;
    r.repoDir = agentGitDir(m_agent);
    r.head = m_agent.branch;
    r.base = m_ui->baseEdit->text().trimmed();
    r.title = m_ui->titleEdit->text().trimmed();
    r.body = m_ui->bodyEdit->toPlainText();
    m_creator->start(r);
}

void PullRequestDialog::fail(const Error &error)
{
    setBusy(false);
    setStatus(error.toString().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
              errorColor(palette()));
    Q_EMIT created(error);
}

void PullRequestDialog::setBusy(bool busy)
{
    m_createButton->setEnabled(!busy);
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->titleEdit), static_cast<QWidget *>(m_ui->baseEdit),
          static_cast<QWidget *>(m_ui->bodyEdit), static_cast<QWidget *>(m_ui->pushFirstCheck)})
        w->setEnabled(!busy);
    m_ui->remoteCombo->setEnabled(!busy && m_ui->pushFirstCheck->isChecked());
    if (!busy && m_ui->remoteCombo->count() == 0)
        m_ui->pushFirstCheck->setEnabled(false);
}

void PullRequestDialog::setStatus(const QString &html, const QColor &color)
{
    QPalette p = m_ui->statusLabel->palette();
    p.setColor(QPalette::WindowText, color);
    m_ui->statusLabel->setPalette(p);
    m_ui->statusLabel->setText(html);
    m_ui->statusLabel->show();
}

QString PullRequestDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

void PullRequestDialog::reject()
{
    m_push->cancel();
    m_creator->cancel();
    QDialog::reject();
}

} // namespace chorus
