#pragma once

#include "notify/notifykind.h"
#include "style/theme.h"

#include <QByteArray>
#include <QString>

namespace chorus {

// The GUI's own settings: group [GUI] of paths::settingsFile() (the engine keeps its
// [engine] group in the same file and is its only writer; these keys are ours).
namespace guisettings {
Theme theme();
void setTheme(Theme theme);

// The model the New agent dialog starts with; empty = the role's default.
QString defaultModel();
void setDefaultModel(const QString &model);

// The repository the last agent was started in (empty: none yet, or it is gone).
QString lastDirectory();
void setLastDirectory(const QString &dir);

// A data directory chosen in Settings: empty = the default. Applied by
// applyDataDirOverride() before the engine is started.
QString dataDirOverride();
void setDataDirOverride(const QString &dir);
// Sets CHORUS_DATA_DIR from the override, unless the environment already sets it.
void applyDataDirOverride();

// Whether Stop and Interrupt ask before they cut a running turn short (default: yes).
bool confirmStop();
void setConfirmStop(bool confirm);

// Whether an event of this kind gets a desktop notification (default: yes).
bool notifyEnabled(NotifyKind kind);
void setNotifyEnabled(NotifyKind kind, bool enabled);

bool showFinishedAgents();
void setShowFinishedAgents(bool show);

// The agent list: grouped by repository when agents work in more than one (default: yes),
// agents waiting for the user on top (default: yes), and how many minutes an idle agent
// stays listed while finished agents are hidden (default 60; 0: idle agents always show).
bool groupAgentsByRepository();
void setGroupAgentsByRepository(bool group);
bool waitingAgentsFirst();
void setWaitingAgentsFirst(bool first);
int idleAgentHideMinutes();
void setIdleAgentHideMinutes(int minutes);

// Opaque widget state (geometry, header and splitter states) by key.
QByteArray state(const QString &key);
void setState(const QString &key, const QByteArray &value);
} // namespace guisettings

} // namespace chorus
