#include "mainwindow/pushdialog.h"

#include "ui_pushdialog.h"

#include "git/gitpush.h"
#include "style/palettecolors.h"

#include <QDir>
#include <QPushButton>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace chorus {

QString agentGitDir(const SessionInfo &agent)
{
    if (!agent.worktree.isEmpty() && QDir(agent.worktree).exists())
        return agent.worktree;
    return agent.repo.isEmpty() ? agent.dir : agent.repo;
}

PushDialog::PushDialog(const SessionInfo &agent, const QStringList &remotes, const QString &git,
                       QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PushDialog>()), m_agent(agent), m_git(git),
      m_push(new BranchPush(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("pushDialog"));
    m_ui->introLabel->setText(
        tr("Push the branch of %1 with your own git, so that your credentials, SSH settings and "
           "hooks apply. The remote keeps the same branch name and the branch tracks it.")
            .arg(agent.name));
    m_ui->branchLabel->setText(agent.branch);
    m_ui->remoteCombo->addItems(remotes);
    m_ui->remoteCombo->setCurrentText(defaultRemote(remotes));
    m_ui->remoteCombo->setEnabled(remotes.size() > 1);
    m_ui->statusLabel->setTextFormat(Qt::PlainText); // git's and the remote's words, as they are
    m_ui->statusLabel->hide();
    m_pushButton = m_ui->buttonBox->addButton(tr("&Push"), QDialogButtonBox::AcceptRole);
    m_pushButton->setObjectName(QStringLiteral("pushButton"));
    m_pushButton->setDefault(true);
    connect(m_pushButton, &QPushButton::clicked, this, &PushDialog::push);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PushDialog::reject);
    connect(m_push, &BranchPush::progress, this, &PushDialog::showProgress);
    connect(m_push, &BranchPush::finished, this, &PushDialog::finished);
}

PushDialog::~PushDialog() = default;

void PushDialog::push()
{
    if (m_push->isRunning())
        return;
    m_ui->outputView->clear();
    m_lastProgress.clear();
    m_ui->statusLabel->setText(
        tr("Pushing %1 to %2…").arg(m_agent.branch, m_ui->remoteCombo->currentText()));
    m_ui->statusLabel->setPalette(palette());
    m_ui->statusLabel->show();
    m_pushButton->setEnabled(false);
    m_ui->remoteCombo->setEnabled(false);
    m_push->start(
        PushRequest{m_git, agentGitDir(m_agent), m_ui->remoteCombo->currentText(), m_agent.branch});
}

void PushDialog::finished(const Result<QString> &result)
{
    m_pushButton->setEnabled(true);
    m_ui->remoteCombo->setEnabled(m_ui->remoteCombo->count() > 1);
    QPalette p = m_ui->statusLabel->palette();
    if (result) {
        if (m_ui->outputView->document()->isEmpty()) // else its lines came as progress
            m_ui->outputView->appendPlainText(*result);
        p.setColor(QPalette::WindowText, successColor(palette()));
        m_ui->statusLabel->setText(
            tr("Pushed %1 to %2.").arg(m_agent.branch, m_ui->remoteCombo->currentText()));
        m_pushButton->setText(tr("&Push Again"));
    } else {
        p.setColor(QPalette::WindowText, errorColor(palette()));
        m_ui->statusLabel->setText(result.error().toString());
    }
    m_ui->statusLabel->setPalette(p);
    Q_EMIT pushed(result);
}

void PushDialog::showProgress(const QString &line)
{
    // git redraws a counter ("Writing objects:  40% (2/5)") in place: so does the view.
    const QString label = line.section(QLatin1Char(':'), 0, 0);
    if (line.contains(QLatin1Char('%')) && m_lastProgress == label) {
        QTextCursor c(m_ui->outputView->document()->lastBlock());
        c.select(QTextCursor::BlockUnderCursor);
        c.removeSelectedText();
    }
    m_lastProgress = line.contains(QLatin1Char('%')) ? label : QString();
    m_ui->outputView->appendPlainText(line);
}

QString PushDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QString PushDialog::output() const
{
    return m_ui->outputView->toPlainText();
}

void PushDialog::reject()
{
    m_push->cancel(); // nothing when it is not running
    QDialog::reject();
}

} // namespace chorus
