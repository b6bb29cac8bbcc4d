#pragma once

#include "result.h"

#include <QString>

namespace chorus {

// Where Chorus keeps things. Each honours an override for tests and packaging.
namespace paths {
// $CHORUS_DATA_DIR, else $XDG_DATA_HOME/chorus (~/.local/share/chorus).
QString dataDir();
QString databasePath(); // dataDir()/chorus.db
// $XDG_CONFIG_HOME/chorus (~/.config/chorus).
QString configDir();
QString settingsFile(); // configDir()/chorus.conf
// $XDG_RUNTIME_DIR/chorus, else /tmp/chorus-<uid>; created 0700 and checked to be ours.
Result<QString> runtimeDir();
// runtimeDir()/engine.sock
Result<QString> socketPath();
QString daemonLogPath(); // dataDir()/daemon.log
} // namespace paths

} // namespace chorus
