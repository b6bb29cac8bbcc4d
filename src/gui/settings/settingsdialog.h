#pragma once

#include "rpc/protocol.h"

#include "result.h"

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui {
class SettingsDialog;
}

namespace chorus {

class EngineClient;

// Settings (forms/settingsdialog.ui). Engine settings (Claude CLI path, concurrency, stall
// timeout, recovery, roles folder) go to the engine through EngineClient::setSettings;
// the GUI's own (default model, theme, data folder) go to guisettings. OK closes only
// when the engine took the change; its error stays in the dialog.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(EngineClient *client, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void accept() override;

    // What the Claude path field currently resolves to, as shown under it.
    QString claudeStatusText() const;

private:
    void load();
    void updateClaudeStatus();
    void showClaudeStatus(const Result<rpc::ClaudeLocationReply> &reply);
    void browseClaude();
    void browseDataDir();
    void setMessage(QLabel *label, const QString &text, const QColor &color);
    void saved(const Status &status);
    void saveGuiSettings();
    // The editor and terminal commands (settings/toolcommands): shown as command lines, the
    // default found on this system as placeholder; a line that cannot be split is refused.
    void loadToolCommands();
    bool checkToolCommands();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    EngineClient *m_client;
    QString m_initialDataDir;
    bool m_claudeOk = true;
    int m_claudeGeneration = 0; // the last check asked of the engine
    int m_claudeChecked = 0;    // the last one answered
    bool m_busy = false;
    int m_agentNice = -1; // the engine's agentNice when the dialog opened (-1: it has none)
};

} // namespace chorus
