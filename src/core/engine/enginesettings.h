#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace chorus {

// What the engine's behaviour can be set to, with the limits each value is held to
// (fromJson() applies them: to settings.set from a client and to the settings file alike).
struct EngineSettings
{
    int maxConcurrent = 4;        // turns running at once
    int stallSeconds = 300;       // no output for this long during a turn -> stalled
    bool resumeOnRecovery = true; // resume interrupted agents when the engine starts
    int autoRestarts = 0;         // resume a crashed agent up to this many times
    int idleSeconds = 600;        // an idle agent's process is closed after this long (0: never);
                                  // the next message resumes the session
    // The engine ends itself after this long with no agent alive and no client connected
    // (0: never); a client starts it again when it needs it.
    int idleExitMinutes = 15;
    int maxLineKiB = 64 * 1024;   // a longer stdout line of an agent is dropped (and noted)
    // Agent processes run at this nice value (0-19, 0: as the engine), and so does the engine's
    // scheduling group (util/autogroup.h): with many agents streaming, the desktop (the GUI
    // among it) still gets a CPU when it needs one. 19: nice 10 or 15 still left the GUI waiting
    // for a CPU for 0.2-0.6 s with 16 agents on 2 cores (bench_live); 19, under 40 ms.
    int agentNice = 19;
    // A turn starts only while each known window of its profile, plus one turn's share, stays
    // under this percentage (50-100); see engine/limittracker.h.
    int admitThreshold = 95;
    // CLAUDE_CODE_MAX_RETRIES for agents whose environment does not set it (0-10): the CLI's
    // own 10 retries wait up to 3 minutes inside a turn; Chorus backs off between turns.
    int cliMaxRetries = 3;
    QString claudePath;           // empty: search (see claudelocator.h)
    QString userRolesDir;         // empty: $XDG_CONFIG_HOME/chorus/roles
    // Variables never passed to agents, besides kDefaultEnvDeny: names, or prefixes ending in '*'.
    QStringList envDeny;
    // How agent processes are started: "process" (a child process) or "shim" (through
    // `chorus agent-exec`, as a remote host would); agentShim: that chorus executable (empty:
    // the one beside this program, else on PATH).
    QString agentTransport = QStringLiteral("process");
    QString agentShim;

    static EngineSettings fromJson(const QJsonObject &o);
    QJsonObject toJson() const;
};

// Engine settings live in paths::settingsFile() (INI), group [engine]. The daemon is the
// writer; the GUI changes them through the engine (settings.set).
EngineSettings loadEngineSettings(const QString &file = {});
bool saveEngineSettings(const EngineSettings &settings, const QString &file = {});

} // namespace chorus
