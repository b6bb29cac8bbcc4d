#pragma once

#include "args.h"

namespace chorus::cli {

// chorus daemon [start|stop|status|run]
int daemonCommand(const Args &args);
// Runs the engine in this process until it is asked to stop (SIGTERM, SIGINT, engine.shutdown).
int runDaemon();

} // namespace chorus::cli
