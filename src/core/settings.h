#pragma once

#include "engine/engine.h"

namespace chorus {

// Engine settings live in paths::settingsFile() (INI), group [engine]. The daemon is the
// writer; the GUI changes them through the engine (settings.set).
EngineSettings loadEngineSettings(const QString &file = {});
bool saveEngineSettings(const EngineSettings &settings, const QString &file = {});

} // namespace chorus
