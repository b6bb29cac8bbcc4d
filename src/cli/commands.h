#pragma once

#include <QStringList>

namespace chorus::cli {

// Runs `chorus ARGS...` (argv without the program name). Returns the exit status:
// 0 success, 1 failure, 2 bad usage.
int run(const QStringList &argv);

} // namespace chorus::cli
