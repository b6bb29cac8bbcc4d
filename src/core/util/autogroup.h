#pragma once

#include <QString>

namespace chorus::autogroup {

// Where the kernel weighs the CPU by session (Linux's autogroup: each session is one group,
// and a session's processes share its weight), agents streaming at full speed would weigh as
// much as the whole desktop. The engine, which leads a session of its own when `chorus daemon
// start` started it, gives its group the agents' nice value (at start and when the setting
// changes), so the engine and its agents together yield to the desktop. Within the group, the
// engine's thread comes before its agents (their process nice, childguard::lowerPriority). A
// process below it that starts a session of its own (setsid) leaves the group.

// Whether this process leads its session (its group would be nobody else's).
bool leadsSession();

// Writes `nice` (0-19) to `file` (the session's group: /proc/self/autogroup); 0, or the
// errno: EAGAIN when a group's nice was set in the last 100 ms (the kernel's limit for all its
// unprivileged users together: try again later), EPERM for a negative nice without the right,
// ENOENT for a kernel without autogroup.
int setNice(int nice, const QString &file = QStringLiteral("/proc/self/autogroup"));

// The group's nice value from `file` ("/autogroup-123 nice 10"); -1 when it cannot be read.
int nice(const QString &file = QStringLiteral("/proc/self/autogroup"));

} // namespace chorus::autogroup
