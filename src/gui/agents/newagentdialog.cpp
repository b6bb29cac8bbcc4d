#include "agents/newagentdialog.h"

#include "ui_newagentdialog.h"

#include "agents/knownroles.h"
#include "client/engineclient.h"
#include "settings/guisettings.h"
#include "style/palettecolors.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace chorus {

NewAgentDialog::NewAgentDialog(EngineClient *client, KnownRoles *roles, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::NewAgentDialog>()), m_client(client),
      m_roles(roles)
{
    m_ui->setupUi(this);
    m_ui->modelCombo->addItem(tr("default"), QString());
    for (const char *alias : {"opus", "sonnet", "haiku"})
        m_ui->modelCombo->addItem(QLatin1String(alias), QLatin1String(alias));
    const QString model = guisettings::defaultModel();
    if (!model.isEmpty()) {
        const int i = m_ui->modelCombo->findData(model);
        if (i >= 0)
            m_ui->modelCombo->setCurrentIndex(i);
        else
            m_ui->modelCombo->setEditText(model);
    }
    m_ui->directoryEdit->setText(QDir::toNativeSeparators(guisettings::lastDirectory()));
    m_ui->taskEdit->setMinimumHeight(m_ui->taskEdit->fontMetrics().lineSpacing() * 6);
    for (QLabel *l : {m_ui->taskError, m_ui->directoryError, m_ui->errorLabel})
        l->hide();
    QPalette muted = m_ui->roleDescription->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_ui->roleDescription->setPalette(muted);

    // The engine's rule for names; typing anything else is refused right away.
    m_ui->nameEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")), m_ui->nameEdit));
    setBusy(false);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewAgentDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &NewAgentDialog::reject);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &NewAgentDialog::browse);
    connect(m_ui->roleCombo, &QComboBox::currentIndexChanged, this,
            &NewAgentDialog::updateRoleDetails);
    connect(m_ui->taskEdit, &QPlainTextEdit::textChanged, this,
            [this] { setError(m_ui->taskError, {}); });
    connect(m_ui->directoryEdit, &QLineEdit::textChanged, this,
            [this] { setError(m_ui->directoryError, {}); });
    connect(roles, &KnownRoles::changed, this, &NewAgentDialog::fillRoles);
    fillRoles();
    roles->refresh(); // pick up role files added since
    m_ui->taskEdit->setFocus();
}

NewAgentDialog::~NewAgentDialog() = default;

void NewAgentDialog::setRole(const QString &role)
{
    m_wantedRole = role;
    const int i = m_ui->roleCombo->findData(role);
    if (i >= 0)
        m_ui->roleCombo->setCurrentIndex(i);
}

void NewAgentDialog::setTask(const QString &task)
{
    m_ui->taskEdit->setPlainText(task);
}

void NewAgentDialog::setDirectory(const QString &dir)
{
    m_ui->directoryEdit->setText(QDir::toNativeSeparators(dir));
}

void NewAgentDialog::fillRoles()
{
    const QString current = m_ui->roleCombo->currentData().toString();
    QSignalBlocker block(m_ui->roleCombo);
    m_ui->roleCombo->clear();
    for (const QString &name : m_roles->names()) {
        m_ui->roleCombo->addItem(m_roles->icon(name), name, name);
        m_ui->roleCombo->setItemData(m_ui->roleCombo->count() - 1, m_roles->description(name),
                                     Qt::ToolTipRole);
    }
    // Keep the user's choice; else the requested role; else builder, the everyday one.
    for (const QString &want : {current, m_wantedRole, QStringLiteral("builder")}) {
        const int i = want.isEmpty() ? -1 : m_ui->roleCombo->findData(want);
        if (i >= 0) {
            m_ui->roleCombo->setCurrentIndex(i);
            break;
        }
    }
    updateRoleDetails();
}

void NewAgentDialog::updateRoleDetails()
{
    const QString role = m_ui->roleCombo->currentData().toString();
    if (role.isEmpty()) {
        if (!m_roles->loadError().isEmpty())
            m_ui->roleDescription->setText(
                tr("The engine could not list the roles: %1").arg(m_roles->loadError()));
        else
            m_ui->roleDescription->setText(m_roles->isLoaded() ? tr("The engine knows no roles.")
                                                               : tr("Loading roles…"));
        m_ui->nameEdit->setPlaceholderText(QString());
        return;
    }
    QString description = m_roles->description(role);
    if (const int broken = int(m_roles->errors().size()); broken > 0)
        description +=
            QLatin1Char('\n') +
            tr("%n role file(s) could not be read and are not listed; `chorus roles` shows why.",
               nullptr, broken);
    m_ui->roleDescription->setText(description);
    // The name the engine will choose: <role>-<n>, the first one not taken.
    QSet<QString> taken;
    for (const SessionInfo &s : m_client->sessions())
        taken.insert(s.name);
    int n = 1;
    while (taken.contains(role + QLatin1Char('-') + QString::number(n)))
        ++n;
    m_ui->nameEdit->setPlaceholderText(tr("Automatic: %1-%2").arg(role).arg(n));
}

void NewAgentDialog::setError(QLabel *label, const QString &message)
{
    if (message.isEmpty()) {
        label->hide();
        label->clear();
        return;
    }
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, errorColor(palette()));
    label->setPalette(p);
    label->setText(message);
    label->show();
}

bool NewAgentDialog::validate()
{
    bool ok = true;
    QWidget *firstBad = nullptr;
    if (m_ui->roleCombo->currentData().toString().isEmpty()) {
        setError(m_ui->errorLabel,
                 tr("Choose a role. If the list is empty, the engine could not load any "
                    "role files: see `chorus roles`."));
        firstBad = m_ui->roleCombo;
        ok = false;
    }
    if (m_ui->taskEdit->toPlainText().trimmed().isEmpty()) {
        setError(m_ui->taskError,
                 tr("Describe the task: the agent starts with it as its first message."));
        if (!firstBad)
            firstBad = m_ui->taskEdit;
        ok = false;
    }
    const QString dir = m_ui->directoryEdit->text().trimmed();
    if (dir.isEmpty()) {
        setError(m_ui->directoryError, tr("Choose the directory the agent works in."));
        if (!firstBad)
            firstBad = m_ui->directoryEdit;
        ok = false;
    } else if (!QFileInfo(QDir::fromNativeSeparators(dir)).isDir()) {
        setError(m_ui->directoryError, tr("%1 is not an existing directory.").arg(dir));
        if (!firstBad)
            firstBad = m_ui->directoryEdit;
        ok = false;
    }
    if (firstBad)
        firstBad->setFocus();
    return ok;
}

void NewAgentDialog::browse()
{
    const QString start = m_ui->directoryEdit->text().trimmed();
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Directory for the Agent"), start.isEmpty() ? QDir::homePath() : start);
    if (!dir.isEmpty())
        m_ui->directoryEdit->setText(QDir::toNativeSeparators(dir));
}

void NewAgentDialog::accept()
{
    if (m_busy)
        return;
    setError(m_ui->errorLabel, {});
    if (!validate())
        return;
    QString model = m_ui->modelCombo->currentText().trimmed();
    if (m_ui->modelCombo->currentIndex() >= 0 &&
        m_ui->modelCombo->itemText(m_ui->modelCombo->currentIndex()) == model)
        model = m_ui->modelCombo->currentData().toString(); // "default" means none
    SpawnRequest request;
    request.role = m_ui->roleCombo->currentData().toString();
    request.task = m_ui->taskEdit->toPlainText().trimmed();
    request.dir = QDir::fromNativeSeparators(m_ui->directoryEdit->text().trimmed());
    request.name = m_ui->nameEdit->text().trimmed();
    request.model = model;
    setBusy(true);
    QPointer<NewAgentDialog> self(this);
    m_client->spawn(request, [self](const Result<SessionInfo> &r) {
        if (self)
            self->spawned(r);
    });
}

void NewAgentDialog::spawned(const Result<SessionInfo> &result)
{
    setBusy(false);
    if (!result) {
        const Error &e = result.error();
        QString text = tr("The engine could not start the agent: %1").arg(e.message);
        if (!e.where.isEmpty())
            text += QStringLiteral(" (%1)").arg(e.where);
        if (!e.hint.isEmpty())
            text += QLatin1Char('\n') + e.hint;
        setError(m_ui->errorLabel, text);
        return;
    }
    m_created = *result;
    guisettings::setLastDirectory(
        QDir::fromNativeSeparators(m_ui->directoryEdit->text().trimmed()));
    QDialog::accept();
}

void NewAgentDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(busy ? tr("Starting…") : tr("Start"));
}

} // namespace chorus
