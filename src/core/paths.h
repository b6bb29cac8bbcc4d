#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

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

// Makes DIR private to its owner: creates it (and missing parents) 0700, tightens an existing
// DIR to 0700 when tightenDir, and each of FILES (names in DIR) that exists to 0600. The data
// directory holds stored tool output (API keys, .env contents).
Status makePrivateDir(const QString &dir, const QStringList &files = {}, bool tightenDir = true);
// The data directory made private, with the database, its WAL and SHM, and daemon.log.
Status makeDataDirPrivate();
} // namespace paths

} // namespace chorus
