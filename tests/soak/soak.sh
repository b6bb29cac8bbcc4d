#!/usr/bin/env bash
# Soak run of Chorus: 16 agents doing continuous turns against the fake Messages API with a GUI
# attached, random kill -9 of the engine and of agents, then checks that every line the fake
# sent is stored exactly once, no agent lost its task, the database is intact and memory is
# flat. What runs and what must hold: the header of tests/soak/soak.cpp.
#
# Usage: tests/soak/soak.sh [MINUTES] [chorus-soak options: --agents=N --kill-every=MIN-MAX
#        --max-concurrent=N --seed=N]          (./dev.sh soak MINUTES builds and runs this)
# Environment: CHORUS_BUILD_DIR (default: build), CHORUS_TEST_CLAUDE (the Claude Code CLI).
# Output: figures on stdout; report, RSS samples, kills and the fake's log in
# $CHORUS_BUILD_DIR/soak/<date>/ (plus the database and daemon.log when it fails).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CHORUS_BUILD_DIR:-build}
case "$build" in /*) ;; *) build=$root/$build ;; esac
minutes=${1:-5}
[ $# -gt 0 ] && shift

soak=$build/tests/soak/chorus-soak
for f in "$soak" "$build/src/cli/chorus" "$build/src/gui/chorus-gui"; do
    [ -x "$f" ] || { echo "soak.sh: $f is missing: build first (./dev.sh soak does)" >&2; exit 2; }
done
[ -x "${CHORUS_TEST_CLAUDE:-}" ] ||
    { echo "soak.sh: set CHORUS_TEST_CLAUDE to the Claude Code CLI (./dev.sh soak installs it)" >&2; exit 2; }

export CHORUS_TEST_PROGRAM=$build/src/cli/chorus
out=$build/soak/$(date +%Y%m%d-%H%M%S)
exec "$soak" --minutes="$minutes" --out="$out" --gui="$build/src/gui/chorus-gui" "$@"
