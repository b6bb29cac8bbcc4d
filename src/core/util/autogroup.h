#pragma once

#include <QString>

namespace chorus::autogroup {

// Where the kernel weighs the CPU by session (Linux's autogroup: each session is one group,
// and a session's processes share its weight), agents streaming at full speed would weigh as
// much as the whole desktop. The engine, which leads a session of its own when it was started
// as a daemon, gives its group the agents' nice value once at start, so the engine and its
// agents together yield to the desktop. Within the group, the engine's thread comes before
// its agents (their process nice, childguard::lowerPriority).

// Whether this process leads its session (its group would be nobody else's).
bool leadsSession();

// Writes `nice` (0-19) to `file` (the session's group: /proc/self/autogroup); 0, or the
// errno: EAGAIN when any group's nice was set in the last 100 ms (the kernel's limit for an
// unprivileged user: try again later), EPERM for a higher priority than the group has, ENOENT
// for a kernel without autogroup.
int setNice(int nice, const QString &file = QStringLiteral("/proc/self/autogroup"));

// The group's nice value from `file` ("/autogroup-123 nice 10"); -1 when it cannot be read.
int nice(const QString &file = QStringLiteral("/proc/self/autogroup"));

} // namespace chorus::autogroup
