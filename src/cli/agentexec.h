#pragma once

namespace chorus::cli {

// `chorus agent-exec`: reads one JSON object from the first line of stdin
//   {"program": P, "arguments": [..], "environment": {NAME: VALUE, ..}, "workingDirectory": D}
// then execs P with those arguments (execv: no shell, not even for a script without #!), the
// environment additions on top of its own, in D, with stdin/stdout/stderr passed through. Reads
// stdin one byte at a time up to the newline, so nothing meant for the program is taken. On bad
// input: a message on stderr and exit 2; a program that cannot be run: 127 (not found) or 126.
int agentExec(int inputFd);

} // namespace chorus::cli
