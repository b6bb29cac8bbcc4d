#pragma once

#include "args.h"

namespace chorus::cli {

// Review, sync, merge and clean of agents' branches.
int cmdDiff(const Args &a);
int cmdSync(const Args &a);
int cmdMerge(const Args &a);
int cmdApproveMerge(const Args &a);
int cmdClean(const Args &a);

} // namespace chorus::cli
