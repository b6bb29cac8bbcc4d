#!/usr/bin/env bash
# Re-records the expected-*.json files of every case from a real ccusage binary.
#   tests/data/usage/record.sh /path/to/ccusage [case...]
# The fixtures were recorded with ccusage 20.0.24 (npm: ccusage@20.0.24 @ccusage/ccusage-linux-x64@20.0.24,
# binary node_modules/@ccusage/ccusage-linux-x64/bin/ccusage, installed without its run bit: chmod +x).
# ccusage runs offline (embedded prices), in a clean environment, with a scratch HOME, XDG dirs and cwd,
# so no user config (./.ccusage/ccusage.json, ~/.config/claude) can leak in.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 /path/to/ccusage [case...]" >&2
    exit 2
fi
ccusage=$(realpath "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/cfg" "$scratch/cache" "$scratch/cwd"

echo "recording with $("$ccusage" --version 2>/dev/null || echo 'ccusage (unknown version)')" >&2

# run <case dir> <output file> <ccusage args...>
run() {
    local dir=$1 out=$2
    shift 2
    (cd "$scratch/cwd" && env -i PATH=/usr/bin:/bin HOME="$scratch" XDG_CONFIG_HOME="$scratch/cfg" \
        XDG_CACHE_HOME="$scratch/cache" CLAUDE_CONFIG_DIR="$dir" "$ccusage" "$@") >"$scratch/raw.json"
    python3 -c 'import json, sys
data = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(json.dumps(data, indent=2) + "\n")' "$scratch/raw.json" "$dir/$out"
}

if [ $# -gt 0 ]; then cases=("$@"); else cases=(); for d in "$here"/*/; do cases+=("$(basename "$d")"); done; fi
for c in "${cases[@]}"; do
    dir="$here/$c"
    [ -d "$dir/projects" ] || { echo "skipping $c: no projects/" >&2; continue; }
    run "$dir" expected-daily.json           claude daily --json --offline --timezone UTC --mode auto --breakdown
    run "$dir" expected-daily-calculate.json claude daily --json --offline --timezone UTC --mode calculate --breakdown
    run "$dir" expected-daily-display.json   claude daily --json --offline --timezone UTC --mode display --breakdown
    run "$dir" expected-session.json         claude session --json --offline --timezone UTC --mode auto
    run "$dir" expected-blocks.json          claude blocks --json --offline --timezone UTC --mode auto
    echo "recorded $c" >&2
done
