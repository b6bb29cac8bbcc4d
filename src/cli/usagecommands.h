#pragma once

#include "args.h"

namespace chorus::cli {

// `chorus usage daily|weekly|monthly|session|blocks`: Claude Code's usage from its transcripts,
// counted as ccusage counts it.
int cmdUsage(const Args &a);

} // namespace chorus::cli
