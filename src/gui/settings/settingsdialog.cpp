#include "settings/settingsdialog.h"

#include "ui_settingsdialog.h"

#include "client/engineclient.h"
#include "paths.h"
#include "settings/guisettings.h"
#include "settings/toolcommands.h"
#include "style/palettecolors.h"
#include "util/shellwords.h"

#include <QDir>
#include <QFileDialog>
#include <QJsonObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QTimer>

namespace chorus {

namespace {
// The notification check boxes by kind (the workflow gate has none until workflows run).
QList<std::pair<NotifyKind, QCheckBox *>> notifyChecks(const Ui::SettingsDialog &ui)
{
    return {{NotifyKind::Approval, ui.notifyApprovalCheck},
            {NotifyKind::TurnEnded, ui.notifyTurnEndedCheck},
            {NotifyKind::Failed, ui.notifyFailedCheck},
            {NotifyKind::Limit, ui.notifyLimitCheck},
            {NotifyKind::Conflict, ui.notifyConflictCheck},
            {NotifyKind::CheckFailed, ui.notifyCheckFailedCheck}};
}

QString describeSource(const QString &source)
{
    if (source == QLatin1String("setting"))
        return SettingsDialog::tr("the path above");
    if (source == QLatin1String("CHORUS_CLAUDE"))
        return SettingsDialog::tr("the CHORUS_CLAUDE environment variable");
    if (source == QLatin1String("PATH"))
        return SettingsDialog::tr("PATH");
    return SettingsDialog::tr("the usual install place %1").arg(source);
}
} // namespace

SettingsDialog::SettingsDialog(EngineClient *client, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SettingsDialog>()), m_client(client)
{
    m_ui->setupUi(this);
    m_ui->defaultModelCombo->addItem(tr("default"), QString());
    for (const char *alias : {"opus", "sonnet", "haiku"})
        m_ui->defaultModelCombo->addItem(QLatin1String(alias), QLatin1String(alias));
    m_ui->themeCombo->addItem(tr("System"), themeKey(Theme::System));
    m_ui->themeCombo->addItem(tr("Light"), themeKey(Theme::Light));
    m_ui->themeCombo->addItem(tr("Dark"), themeKey(Theme::Dark));
    m_ui->rolesDirEdit->setPlaceholderText(
        QDir::toNativeSeparators(paths::configDir() + QStringLiteral("/roles")));
    m_ui->errorLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Save"));

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->claudePathEdit, &QLineEdit::textChanged, this,
            &SettingsDialog::updateClaudeStatus);
    connect(m_ui->claudeBrowseButton, &QPushButton::clicked, this, &SettingsDialog::browseClaude);
    connect(m_ui->dataDirBrowseButton, &QPushButton::clicked, this, &SettingsDialog::browseDataDir);
    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    const QJsonObject s = m_client->settings();
    m_ui->claudePathEdit->setText(s.value(QLatin1String("claudePath")).toString());
    m_ui->maxConcurrentSpin->setValue(s.value(QLatin1String("maxConcurrent")).toInt(4));
    m_ui->stallSpin->setValue(s.value(QLatin1String("stallSeconds")).toInt(300));
    m_ui->resumeOnRecoveryCheck->setChecked(
        s.value(QLatin1String("resumeOnRecovery")).toBool(true));
    m_ui->autoRestartsSpin->setValue(s.value(QLatin1String("autoRestarts")).toInt(0));
    m_ui->idleExitSpin->setValue(s.value(QLatin1String("idleExitMinutes")).toInt(15));
    // -1: an engine from before the setting (it would refuse the key: the box is not shown).
    m_agentNice =
        s.contains(QLatin1String("agentNice")) ? s.value(QLatin1String("agentNice")).toInt() : -1;
    m_ui->lowPriorityCheck->setVisible(m_agentNice >= 0);
    m_ui->lowPriorityCheck->setChecked(m_agentNice != 0);
    m_ui->rolesDirEdit->setText(s.value(QLatin1String("userRolesDir")).toString());

    const QString model = guisettings::defaultModel();
    const int modelIndex = m_ui->defaultModelCombo->findData(model);
    if (modelIndex >= 0)
        m_ui->defaultModelCombo->setCurrentIndex(modelIndex);
    else
        m_ui->defaultModelCombo->setEditText(model);
    m_ui->themeCombo->setCurrentIndex(
        qMax(0, m_ui->themeCombo->findData(themeKey(guisettings::theme()))));
    m_ui->confirmStopCheck->setChecked(guisettings::confirmStop());
    m_ui->idleHideSpin->setValue(guisettings::idleAgentHideMinutes());
    loadToolCommands();
    for (const auto &[kind, check] : notifyChecks(*m_ui))
        check->setChecked(guisettings::notifyEnabled(kind));

    const QString override = guisettings::dataDirOverride();
    m_initialDataDir = override.isEmpty() ? paths::dataDir() : override;
    m_ui->dataDirEdit->setText(QDir::toNativeSeparators(m_initialDataDir));
    m_ui->dataDirNote->setText(tr("Chorus keeps its database, agent worktrees and logs here (now: "
                                  "%1). A new folder is used the next time the engine starts: when "
                                  "it has ended by itself (idle, above), or after \"chorus daemon "
                                  "stop\" once your agents are done. Sessions stay in the old "
                                  "folder.")
                                   .arg(QDir::toNativeSeparators(paths::dataDir())));
    QPalette muted = m_ui->dataDirNote->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_ui->dataDirNote->setPalette(muted);
    updateClaudeStatus();
}

void SettingsDialog::loadToolCommands()
{
    for (auto [edit, tool] : {std::pair{m_ui->editorCommandEdit, toolcommands::Tool::Editor},
                              std::pair{m_ui->terminalCommandEdit, toolcommands::Tool::Terminal}}) {
        edit->setText(joinShellWords(toolcommands::storedCommand(tool)));
        const QStringList found = toolcommands::defaultCommand(tool);
        edit->setPlaceholderText(found.isEmpty() ? tr("none found: enter a command")
                                                 : joinShellWords(found));
    }
    QPalette muted = m_ui->toolsNote->palette();
    muted.setColor(QPalette::WindowText, mutedTextColor(palette()));
    m_ui->toolsNote->setPalette(muted);
}

bool SettingsDialog::checkToolCommands()
{
    for (auto [edit, name] : {std::pair{m_ui->editorCommandEdit, tr("The editor command")},
                              std::pair{m_ui->terminalCommandEdit, tr("The terminal command")}}) {
        const Result<QStringList> words = splitShellWords(edit->text());
        if (words)
            continue;
        setMessage(m_ui->errorLabel,
                   tr("%1 cannot be read, at %2: %3. %4")
                       .arg(name, words.error().where, words.error().message, words.error().hint),
                   errorColor(palette()));
        edit->setFocus();
        return false;
    }
    return true;
}

void SettingsDialog::setMessage(QLabel *label, const QString &text, const QColor &color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void SettingsDialog::updateClaudeStatus()
{
    // The engine launches the agents: it is asked where Claude is, in its own environment.
    const QString configured = QDir::fromNativeSeparators(m_ui->claudePathEdit->text().trimmed());
    const int generation = ++m_claudeGeneration;
    m_claudeOk = false; // until the engine says (accept() waits for the answer)
    QPointer<SettingsDialog> self(this);
    m_client->locateClaude(configured,
                           [self, generation](const Result<rpc::ClaudeLocationReply> &r) {
                               if (self && generation == self->m_claudeGeneration)
                                   self->showClaudeStatus(r);
                           });
}

void SettingsDialog::showClaudeStatus(const Result<rpc::ClaudeLocationReply> &r)
{
    m_claudeChecked = m_claudeGeneration;
    if (!r) {
        m_claudeOk = true; // the engine checks again when it launches an agent
        setMessage(m_ui->claudeStatus,
                   tr("Could not ask the engine where Claude Code is: %1").arg(r.error().message),
                   errorColor(palette()));
        return;
    }
    m_claudeOk = !r->path.isEmpty();
    if (m_claudeOk && !r->loginProblem.isEmpty()) {
        // Found, but an agent's turn failed for want of credentials: say so, whole.
        setMessage(
            m_ui->claudeStatus,
            tr("The engine finds %1\n(from %2)\n%3")
                .arg(QDir::toNativeSeparators(r->path), describeSource(r->source), r->loginProblem),
            warningColor(palette()));
        return;
    }
    if (m_claudeOk) {
        setMessage(m_ui->claudeStatus,
                   tr("The engine finds %1\n(from %2)")
                       .arg(QDir::toNativeSeparators(r->path), describeSource(r->source)),
                   successColor(palette()));
        return;
    }
    if (r->configured) {
        // A configured path that is wrong: the search stops there.
        setMessage(m_ui->claudeStatus, r->error, errorColor(palette()));
        return;
    }
    QStringList tried;
    for (const QJsonValue &c : r->candidates)
        tried.append(QStringLiteral("  • %1").arg(
            QDir::toNativeSeparators(c.toObject().value(QLatin1String("path")).toString())));
    setMessage(m_ui->claudeStatus,
               tr("The Claude Code CLI (claude) was not found. Tried:\n%1\nInstall it with \"npm "
                  "install -g "
                  "@anthropic-ai/claude-code\" and run \"claude\" once in a terminal to log in, "
                  "or enter its path above.")
                   .arg(tried.join(QLatin1Char('\n'))),
               errorColor(palette()));
}

QString SettingsDialog::claudeStatusText() const
{
    return m_ui->claudeStatus->text();
}

void SettingsDialog::browseClaude()
{
    const QString current = m_ui->claudePathEdit->text().trimmed();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Claude Code CLI"), current.isEmpty() ? QDir::homePath() : current);
    if (!file.isEmpty())
        m_ui->claudePathEdit->setText(QDir::toNativeSeparators(file));
}

void SettingsDialog::browseDataDir()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Data Folder"), m_ui->dataDirEdit->text());
    if (!dir.isEmpty())
        m_ui->dataDirEdit->setText(QDir::toNativeSeparators(dir));
}

void SettingsDialog::accept()
{
    if (m_busy)
        return;
    if (m_claudeChecked != m_claudeGeneration) {
        // The engine has not answered for the path as it is now: wait for it (a local socket,
        // milliseconds), then decide.
        QPointer<SettingsDialog> self(this);
        QTimer::singleShot(20, this, [self] {
            if (self)
                self->accept();
        });
        return;
    }
    if (!m_claudeOk && !m_ui->claudePathEdit->text().trimmed().isEmpty()) {
        setMessage(m_ui->errorLabel,
                   tr("The Claude Code CLI path is not an executable file. Fix it, or clear "
                      "it to let Chorus search for the CLI."),
                   errorColor(palette()));
        m_ui->claudePathEdit->setFocus();
        return;
    }
    if (!checkToolCommands())
        return;
    setMessage(m_ui->errorLabel, {}, {});
    QJsonObject changes{
        {QStringLiteral("claudePath"),
         QDir::fromNativeSeparators(m_ui->claudePathEdit->text().trimmed())},
        {QStringLiteral("maxConcurrent"), m_ui->maxConcurrentSpin->value()},
        {QStringLiteral("stallSeconds"), m_ui->stallSpin->value()},
        {QStringLiteral("resumeOnRecovery"), m_ui->resumeOnRecoveryCheck->isChecked()},
        {QStringLiteral("autoRestarts"), m_ui->autoRestartsSpin->value()},
        {QStringLiteral("idleExitMinutes"), m_ui->idleExitSpin->value()},
        {QStringLiteral("userRolesDir"),
         QDir::fromNativeSeparators(m_ui->rolesDirEdit->text().trimmed())},
    };
    // A value set in the file (1-19) stays while the box stays ticked.
    if (m_agentNice >= 0)
        changes.insert(QStringLiteral("agentNice"), m_ui->lowPriorityCheck->isChecked()
                                                        ? (m_agentNice > 0 ? m_agentNice : 19)
                                                        : 0);
    m_busy = true;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(false);
    QPointer<SettingsDialog> self(this);
    m_client->setSettings(changes, [self](const Status &status) {
        if (self)
            self->saved(status);
    });
}

void SettingsDialog::saved(const Status &status)
{
    m_busy = false;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(true);
    if (!status) {
        setMessage(m_ui->errorLabel,
                   tr("The engine did not take the settings: %1").arg(status.error().toString()),
                   errorColor(palette()));
        return;
    }
    saveGuiSettings();
    QDialog::accept();
}

void SettingsDialog::saveGuiSettings()
{
    QString model = m_ui->defaultModelCombo->currentText().trimmed();
    const int i = m_ui->defaultModelCombo->currentIndex();
    if (i >= 0 && m_ui->defaultModelCombo->itemText(i) == model)
        model = m_ui->defaultModelCombo->currentData().toString();
    guisettings::setDefaultModel(model);
    guisettings::setTheme(themeFromKey(m_ui->themeCombo->currentData().toString()));
    guisettings::setConfirmStop(m_ui->confirmStopCheck->isChecked());
    guisettings::setIdleAgentHideMinutes(m_ui->idleHideSpin->value());
    for (auto [edit, tool] : {std::pair{m_ui->editorCommandEdit, toolcommands::Tool::Editor},
                              std::pair{m_ui->terminalCommandEdit, toolcommands::Tool::Terminal}})
        toolcommands::setStoredCommand(tool, splitShellWords(edit->text()).value());
    for (const auto &[kind, check] : notifyChecks(*m_ui))
        guisettings::setNotifyEnabled(kind, check->isChecked());
    const QString dataDir = QDir::fromNativeSeparators(m_ui->dataDirEdit->text().trimmed());
    if (dataDir != m_initialDataDir)
        guisettings::setDataDirOverride(dataDir == paths::dataDir() ? QString() : dataDir);
}

} // namespace chorus
