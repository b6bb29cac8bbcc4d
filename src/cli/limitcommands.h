#pragma once

#include "args.h"

namespace chorus::cli {

// `chorus limits [resume [PROFILE]] [--json]`: each profile's rate-limit windows and mode.
int cmdLimits(const Args &a);
// `chorus statusline`: Claude Code's statusLine command; records the windows it passes on
// stdin with a running engine and prints one line.
int cmdStatusline(const Args &a);

} // namespace chorus::cli
