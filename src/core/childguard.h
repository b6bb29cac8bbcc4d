#pragma once

#include <sys/types.h>

// Children that end with the engine, however it ends (a kill -9 included).
namespace chorus::childguard {

// For QProcess::setChildProcessModifier (it runs between fork and exec; Qt 6.4 runs it in a
// child that shares the parent's memory, so it makes only system calls): the kernel kills
// this process (SIGKILL) when the thread that started it ends — the engine's main thread,
// which lives as long as the engine. `parent` is the engine's pid, read before the fork: a
// child whose parent is already gone exits at once.
void dieWithParent(pid_t parent);

// Sets this process's nice value to `nice` when that is a lower priority than it has (never
// a higher one), for the same place. Agents get the agentNice setting so: within the engine's
// scheduling group, the engine's own thread comes before them (see util/autogroup.h for the
// group against the desktop).
void lowerPriority(int nice);

// A program started under a supervisor: a process of its own between the caller and the
// program, a child subreaper, so whatever the program starts stays below it even after
// `setsid` or a double fork. The supervisor
//  - ends when the program has ended, after killing everything the program left running,
//    with the program's exit status (or its signal);
//  - on SIGTERM, or when the thread that started it ends (the engine was killed), kills the
//    program and everything below it, then ends.
// The program runs in `dir` in a process group of its own, with stdin from /dev/null and
// stdout and stderr into one pipe. It needs a real fork (a supervisor that outlives the exec),
// which QProcess does not give on Qt 6.4, so this forks itself; the children make only
// async-signal-safe calls and everything is prepared before: `path` is absolute, `argv` ends
// with a null pointer. The caller reads `output` and waits for `supervisor` (waitpid) and,
// to stop it early, sends the supervisor SIGTERM. The thread that calls this must live until
// the supervisor has ended (a git worker thread blocked in the check does).
struct Supervised
{
    pid_t supervisor = -1; // -1: nothing started (see startError)
    int output = -1;       // read end of the program's stdout and stderr (close it)
    int startError = 0;    // errno of a program that could not start (chdir or exec)
};
// `envp` (ending with a null pointer) is the program's environment; nullptr: this process's.
Supervised startSupervised(const char *path, char *const argv[], const char *dir, char *const envp[] = nullptr);

} // namespace chorus::childguard
