#include "agents/newagentdialog.h"

#include "ui_newagentdialog.h"

#include "agents/knownroles.h"
#include "client/engineclient.h"
#include "settings/guisettings.h"
#include "style/palettecolors.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QKeySequence>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShortcut>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace chorus {

NewAgentDialog::NewAgentDialog(EngineClient *client, KnownRoles *roles, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::NewAgentDialog>()), m_client(client),
      m_roles(roles), m_checkTimer(new QTimer(this))
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
    m_ui->taskEdit->setMinimumHeight(m_ui->taskEdit->fontMetrics().lineSpacing() * 6);
    for (QLabel *l : {m_ui->taskError, m_ui->directoryError, m_ui->errorLabel})
        l->hide();
    QPalette muted = m_ui->roleDescription->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_ui->roleDescription->setPalette(muted);
    m_ui->repoStatus->setPalette(muted);

    // The folder is read off the UI thread, a moment after the typing stops.
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(150);
    connect(m_checkTimer, &QTimer::timeout, this, &NewAgentDialog::checkDirectory);
    // The last repository used; on first use an empty field that asks for one (never $HOME).
    m_ui->directoryEdit->setText(QDir::toNativeSeparators(guisettings::lastDirectory()));
    updateRepositoryStatus();
    checkDirectory();

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
    connect(m_ui->directoryEdit, &QLineEdit::textChanged, this, [this] {
        setError(m_ui->directoryError, {});
        m_repoKnown = false;
        ++m_repoGeneration; // an answer for the old text is stale now
        updateRepositoryStatus();
        m_checkTimer->start();
    });
    connect(m_ui->baseCombo, &QComboBox::currentTextChanged, this,
            &NewAgentDialog::updateRepositoryStatus);
    connect(m_ui->noWorktreeCheck, &QCheckBox::toggled, this,
            &NewAgentDialog::updateRepositoryStatus);
    // Ctrl+Enter starts the agent from anywhere in the dialog (the task box included).
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *start = new QShortcut(keys, this);
        start->setContext(Qt::WindowShortcut);
        connect(start, &QShortcut::activated, this, &NewAgentDialog::accept);
    }
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setToolTip(tr("Start the agent (Ctrl+Enter)"));
    connect(roles, &KnownRoles::changed, this, &NewAgentDialog::fillRoles);
    fillRoles();
    roles->refresh(); // pick up role files added since
    m_ui->taskEdit->setFocus();
}

NewAgentDialog::~NewAgentDialog() = default;

void NewAgentDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() != QEvent::PaletteChange || !m_ui->repoStatus)
        return; // (or still in setupUi())
    // A new theme: the muted and warning texts take its colours.
    QPalette muted = m_ui->roleDescription->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_ui->roleDescription->setPalette(muted);
    updateRepositoryStatus();
}

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
    m_checkTimer->stop();
    checkDirectory(); // at once: whoever sets it wants to see it
}

QString NewAgentDialog::folder() const
{
    return QDir::fromNativeSeparators(m_ui->directoryEdit->text().trimmed());
}

void NewAgentDialog::checkDirectory()
{
    const int generation = ++m_repoGeneration;
    const QString path = folder();
    QtConcurrent::run(&readRepositoryInfo, path)
        .then(this, [this, generation](const RepositoryInfo &info) {
            if (generation == m_repoGeneration)
                repositoryRead(info);
        });
}

void NewAgentDialog::repositoryRead(const RepositoryInfo &info)
{
    const bool sameRepository =
        m_repoKnown && m_repo.isRepository && info.isRepository && m_repo.workDir == info.workDir;
    m_repo = info;
    m_repoKnown = true;
    if (!sameRepository) {
        // The current branch first (the default base), then the others.
        QSignalBlocker block(m_ui->baseCombo);
        m_ui->baseCombo->clear();
        m_ui->baseCombo->addItems(info.branches);
        m_ui->baseCombo->setCurrentIndex(info.currentBranch.isEmpty() ? -1 : 0);
        if (info.currentBranch.isEmpty())
            m_ui->baseCombo->setEditText(QString());
        m_ui->baseCombo->lineEdit()->setPlaceholderText(
            info.isRepository && !info.headUnborn && info.currentBranch.isEmpty()
                ? tr("HEAD (detached at %1)").arg(info.headCommit)
                : QString());
    }
    updateRepositoryStatus();
    Q_EMIT repositoryChecked();
    if (std::exchange(m_acceptWhenKnown, false)) {
        setBusy(false);
        accept();
    }
}

bool NewAgentDialog::worksInPlace() const
{
    return m_repoKnown && (!m_repo.isRepository || m_ui->noWorktreeCheck->isChecked());
}

QString NewAgentDialog::repositoryText() const
{
    return m_ui->repoStatus->text();
}

void NewAgentDialog::updateRepositoryStatus()
{
    const bool repository = m_repoKnown && m_repo.isRepository;
    m_ui->baseCombo->setEnabled(repository && !m_ui->noWorktreeCheck->isChecked());
    m_ui->noWorktreeCheck->setEnabled(repository);
    QColor color = mutedTextColor(palette());
    QString text;
    if (folder().isEmpty()) {
        text = tr("Choose the git repository the agent works on: it gets a branch and a "
                  "worktree of its own there, and your checkout is left alone.");
    } else if (!m_repoKnown) {
        text = tr("Reading the folder…");
    } else if (!QFileInfo(folder()).isDir()) {
        text.clear(); // Start says what is wrong
    } else if (!m_repo.isRepository) {
        color = warningColor(palette());
        text = tr("Not a git repository: the agent works in this folder itself, with no branch "
                  "of its own and nothing to review or undo in Chorus.");
    } else if (m_ui->noWorktreeCheck->isChecked()) {
        color = warningColor(palette());
        text =
            tr("Git repository %1. The agent works in this folder itself, on your checkout "
               "(%2), shared with you and other agents.")
                .arg(QDir::toNativeSeparators(m_repo.workDir),
                     m_repo.currentBranch.isEmpty() ? tr("detached HEAD") : m_repo.currentBranch);
    } else if (m_repo.headUnborn) {
        color = warningColor(palette());
        text = tr("Git repository %1 without a commit yet: make a first commit for the agent's "
                  "branch to start from.")
                   .arg(QDir::toNativeSeparators(m_repo.workDir));
    } else {
        const QString base = m_ui->baseCombo->currentText().trimmed();
        QString from;
        if (base.isEmpty())
            from = tr("the detached HEAD (%1)").arg(m_repo.headCommit);
        else if (base == m_repo.currentBranch)
            from = tr("%1, the current branch (%2)").arg(base, m_repo.headCommit);
        else
            from = base;
        text = tr("Git repository %1. The agent starts from %2, on a branch and in a worktree "
                  "of its own.")
                   .arg(QDir::toNativeSeparators(m_repo.workDir), from);
    }
    QPalette p = m_ui->repoStatus->palette();
    p.setColor(QPalette::WindowText, color);
    m_ui->repoStatus->setPalette(p);
    m_ui->repoStatus->setText(text);
    m_ui->repoStatus->setVisible(!text.isEmpty());
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
        setError(m_ui->directoryError,
                 tr("Choose the folder the agent works in: a git repository, ideally."));
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
        this, tr("Repository for the Agent"), start.isEmpty() ? QDir::homePath() : start);
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
    if (!m_repoKnown) {
        // The folder is still being read: go on once it is (the UI never waits for git).
        m_acceptWhenKnown = true;
        m_checkTimer->stop();
        checkDirectory();
        setBusy(true, tr("Checking…"));
        return;
    }
    QString model = m_ui->modelCombo->currentText().trimmed();
    if (m_ui->modelCombo->currentIndex() >= 0 &&
        m_ui->modelCombo->itemText(m_ui->modelCombo->currentIndex()) == model)
        model = m_ui->modelCombo->currentData().toString(); // "default" means none
    SpawnRequest request;
    request.role = m_ui->roleCombo->currentData().toString();
    request.task = m_ui->taskEdit->toPlainText().trimmed();
    request.dir = folder();
    request.name = m_ui->nameEdit->text().trimmed();
    request.model = model;
    if (m_repo.isRepository) {
        request.noWorktree = m_ui->noWorktreeCheck->isChecked();
        const QString base = m_ui->baseCombo->currentText().trimmed();
        if (!request.noWorktree && !base.isEmpty() && base != m_repo.currentBranch)
            request.base = base; // the current branch is the engine's default
    }
    if (worksInPlace() && m_roles->canEdit(request.role)) {
        confirmInPlace(request);
        return;
    }
    send(request);
}

void NewAgentDialog::confirmInPlace(SpawnRequest request)
{
    const QString path = QDir::toNativeSeparators(request.dir);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Edit the Folder in Place?"),
                                m_repo.isRepository
                                    ? tr("The %1 agent will edit %2 in place, on your checkout: no "
                                         "branch or worktree of its own.")
                                          .arg(request.role, path)
                                    : tr("%1 is not a git repository. The %2 agent will edit this "
                                         "folder in place.")
                                          .arg(path, request.role),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("inPlaceConfirmation"));
    box->setInformativeText(tr("It changes files there without asking, and Chorus can neither "
                               "review nor undo what it does. Choose a git repository for an "
                               "agent that works on a branch of its own."));
    QPushButton *edit = box->addButton(tr("Edit in Place"), QMessageBox::AcceptRole);
    edit->setObjectName(QStringLiteral("editInPlaceButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirm = box;
    connect(box, &QMessageBox::finished, this, [this, box, edit, request]() mutable {
        if (box->clickedButton() != edit)
            return;             // cancelled: the form stays as it was
        request.inPlace = true; // the user saw where it works and said so
        send(request);
    });
    box->open();
}

void NewAgentDialog::send(const SpawnRequest &request)
{
    m_request = request;
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
    if (m_repo.isRepository) // the next dialog starts here; a folder used in place never
        guisettings::setLastDirectory(m_request.dir);
    QDialog::accept();
}

void NewAgentDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setText(busy ? (text.isEmpty() ? tr("Starting…") : text) : tr("Start"));
}

} // namespace chorus
