#!/usr/bin/env bash
# Chorus developer entry point.
#   ./dev.sh run      install what is missing, build, start chorus-gui
#   ./dev.sh test     install what is missing, build, run every test (exit status = result)
#   ./dev.sh package  build the .deb with CPack
#   ./dev.sh build    install what is missing and build
#   ./dev.sh deps     install what is missing (Debian packages) and nothing else
#   ./dev.sh bench    build and run the benchmarks under tests/bench
#   ./dev.sh soak [MINUTES]  build and run the soak test (tests/soak, default 5 minutes)
#   ./dev.sh asan     build with ASan + UBSan in build-asan and run every test under them
#   ./dev.sh fuzz [SECONDS]  build the libFuzzer targets (clang) in build-fuzz, run each SECONDS (60)
# Environment: CHORUS_BUILD_DIR (default: build), CHORUS_BUILD_TYPE (default: RelWithDebInfo),
#              CHORUS_TEST_CLAUDE (use this claude binary for tests instead of installing one),
#              CHORUS_TEST_CCUSAGE (use this ccusage binary for tests instead of installing one).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
# With ccache, paths inside the checkout are hashed relative to it: a fresh clone elsewhere (CI)
# reuses what an earlier build compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$here}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

CLAUDE_CODE_VERSION=2.1.328
# ccusage, whose reports `chorus usage` must match (tests/usage/tst_ccusagecompare).
CCUSAGE_VERSION=20.0.24
build_dir=${CHORUS_BUILD_DIR:-build}
build_type=${CHORUS_BUILD_TYPE:-RelWithDebInfo}

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $* (install sudo or run as root)"; fi
}

codename() { . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-unknown}"; }

# Debian packages needed to build, test and run Chorus.
packages() {
    echo build-essential cmake ninja-build pkg-config git ccache
    echo qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools
    echo qt6-l10n-tools qt6-svg-dev libgl-dev libgit2-dev libyaml-cpp-dev
    echo xvfb xauth
    # A private session bus for the notification test (tst_dbusnotifier; skipped without it).
    echo dbus-daemon
    # KSyntaxHighlighting (KF6) exists from Debian 13 on; Debian 12 uses the built-in highlighter.
    if apt-cache show libkf6syntaxhighlighting-dev >/dev/null 2>&1; then
        echo libkf6syntaxhighlighting-dev
    fi
}

# What ./dev.sh fuzz needs on top (clang and its libFuzzer runtime); not in packages(), which
# the Debian 13 check installs too.
fuzz_packages() {
    echo clang libclang-rt-dev
}

# install_packages [LIST-FUNCTION]: the packages of packages() (default) or of another list.
install_packages() {
    command -v dpkg-query >/dev/null || { say "not a Debian system: skipping package installation"; return; }
    local list=${1:-packages}
    local missing=()
    for p in $($list); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
        # libkf6 may only show up after the first apt-get update: check again.
        for p in $($list); do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
                as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p"
        done
    fi
}

# The pinned Claude Code CLI, for tests. Its native binary is run directly.
claude_dir() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/chorus/claude-code/$CLAUDE_CODE_VERSION"; }
install_claude() {
    if [ -n "${CHORUS_TEST_CLAUDE:-}" ]; then
        [ -x "$CHORUS_TEST_CLAUDE" ] || die "CHORUS_TEST_CLAUDE=$CHORUS_TEST_CLAUDE is not an executable"
        return
    fi
    local arch dir bin
    case "$(uname -m)" in
        x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) die "no Claude Code build for $(uname -m)" ;;
    esac
    dir=$(claude_dir)
    bin="$dir/node_modules/@anthropic-ai/claude-code-linux-$arch/claude"
    if [ ! -x "$bin" ]; then
        command -v npm >/dev/null || { say "installing npm"; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
        say "installing Claude Code CLI $CLAUDE_CODE_VERSION into $dir"
        mkdir -p "$dir"
        npm install --prefix "$dir" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
            "@anthropic-ai/claude-code@$CLAUDE_CODE_VERSION" \
            "@anthropic-ai/claude-code-linux-$arch@$CLAUDE_CODE_VERSION" >&2
        [ -x "$bin" ] || die "the Claude Code install did not produce $bin"
    fi
    export CHORUS_TEST_CLAUDE="$bin"
}

# The pinned ccusage, for the usage comparison test. Its native binary is run directly.
ccusage_dir() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/chorus/ccusage/$CCUSAGE_VERSION"; }
install_ccusage() {
    if [ -n "${CHORUS_TEST_CCUSAGE:-}" ]; then
        [ -x "$CHORUS_TEST_CCUSAGE" ] || die "CHORUS_TEST_CCUSAGE=$CHORUS_TEST_CCUSAGE is not an executable"
        return
    fi
    local arch dir bin
    case "$(uname -m)" in
        x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) die "no ccusage build for $(uname -m)" ;;
    esac
    dir=$(ccusage_dir)
    bin="$dir/node_modules/@ccusage/ccusage-linux-$arch/bin/ccusage"
    if [ ! -x "$bin" ]; then
        command -v npm >/dev/null || { say "installing npm"; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
        say "installing ccusage $CCUSAGE_VERSION into $dir"
        mkdir -p "$dir"
        npm install --prefix "$dir" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
            "ccusage@$CCUSAGE_VERSION" "@ccusage/ccusage-linux-$arch@$CCUSAGE_VERSION" >&2
        [ -f "$bin" ] || die "the ccusage install did not produce $bin"
        # npm leaves the platform binary without its run bit (the wrapper's postinstall would
        # set it, and --ignore-scripts skips that).
        chmod +x "$bin"
    fi
    [ "$("$bin" --version 2>/dev/null)" = "ccusage $CCUSAGE_VERSION" ] ||
        die "$bin is not ccusage $CCUSAGE_VERSION (it says: $("$bin" --version 2>&1 | head -n1))"
    export CHORUS_TEST_CCUSAGE="$bin"
}

# configure [CMAKE-ARGS...]: configures $build_dir once (again when CI's -Werror changes).
configure() {
    local werror=OFF launcher=()
    [ -n "${CI:-}" ] && werror=ON
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$build_dir/build.ninja" ] || [ "$werror" != "$(cat "$build_dir/.werror" 2>/dev/null)" ]; then
        say "configuring $build_dir"
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DCHORUS_WERROR="$werror" \
            -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${launcher[@]}" "$@"
        echo "$werror" >"$build_dir/.werror"
    fi
}

# build [TARGETS...]: everything by default.
build() {
    configure
    say "building"
    local targets=()
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
}

# The sanitizers' settings for every test and fuzz run: stop at the first finding, and skip
# the third-party leaks and reports listed in tests/sanitizers (each says why).
sanitizer_env() {
    export ASAN_OPTIONS="detect_leaks=1"
    export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitizers/ubsan.supp"
}

cmd=${1:-}
case "$cmd" in
    run)
        install_packages
        build
        shift
        exec "$build_dir/src/gui/chorus-gui" "$@"
        ;;
    test)
        install_packages
        install_claude
        install_ccusage
        build
        say "testing (claude: $CHORUS_TEST_CLAUDE, ccusage: $CHORUS_TEST_CCUSAGE)"
        cd "$build_dir"
        exec ctest --output-on-failure --timeout 600 -j "$(nproc)" -LE benchmark
        ;;
    build)
        install_packages
        build
        ;;
    deps)
        install_packages
        ;;
    bench)
        install_packages
        install_claude
        install_ccusage
        build
        export CHORUS_TEST_PROGRAM="$here/$build_dir/src/cli/chorus"
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" # the GUI benchmarks need no display
        for b in "$build_dir"/tests/bench/bench_*; do
            [ -x "$b" ] && { say "$(basename "$b")"; "$b"; }
        done
        ;;
    soak)
        install_packages
        install_claude
        install_ccusage
        build
        export CHORUS_BUILD_DIR="$build_dir"
        exec tests/soak/soak.sh "${2:-5}" "${@:3}"
        ;;
    asan)
        install_packages
        install_claude
        install_ccusage
        build_dir=${CHORUS_ASAN_BUILD_DIR:-build-asan}
        configure -DCHORUS_SANITIZE=ON
        build
        sanitizer_env
        say "testing under ASan + UBSan (claude: $CHORUS_TEST_CLAUDE, ccusage: $CHORUS_TEST_CCUSAGE)"
        cd "$build_dir"
        exec ctest --output-on-failure --timeout 1200 -j "$(nproc)" -LE benchmark
        ;;
    fuzz)
        seconds=${2:-60}
        case "$seconds" in '' | *[!0-9]*) die "fuzz: SECONDS must be a number, not '$seconds'" ;; esac
        install_packages
        install_packages fuzz_packages
        build_dir=${CHORUS_FUZZ_BUILD_DIR:-build-fuzz}
        build_type=Debug
        CC=clang CXX=clang++ configure -DCHORUS_FUZZ=ON -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
        build fuzz-targets
        sanitizer_env
        fuzz_dir="$here/tests/fuzz"
        out="$here/$build_dir/fuzz-out"
        mkdir -p "$out"
        jobs=$(nproc)
        say "fuzzing each target for ${seconds}s, $jobs at a time (findings go to $out)"
        # Each target: a scratch corpus seeded from the checked-in one (new inputs stay out of
        # the source tree), its own log; any crash, leak, timeout or failed check fails.
        fuzz_one() {
            local name=$1 work="$out/$1"
            rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
            cp "$fuzz_dir/corpus/$name"/* "$work/corpus/"
            [ -d "$fuzz_dir/regressions/$name" ] && cp "$fuzz_dir/regressions/$name"/* "$work/corpus/"
            "$here/$build_dir/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
                -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" \
                >"$work/log" 2>&1
        }
        names=$(sed -n 's/^set(CHORUS_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
        [ -n "$names" ] || die "no CHORUS_FUZZ_TARGETS in tests/fuzz/CMakeLists.txt"
        failed=() pids=() started=()
        for name in $names; do
            fuzz_one "$name" & pids+=($!) started+=("$name")
            if [ ${#pids[@]} -ge "$jobs" ]; then
                wait "${pids[0]}" || failed+=("${started[0]}")
                pids=("${pids[@]:1}") started=("${started[@]:1}")
            fi
        done
        for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${started[$i]}"); done
        for name in $names; do
            printf '%-14s %s\n' "$name" "$(grep -E '^(Done|stat::number_of_executed_units)' "$out/$name/log" | tr '\n' ' ')" >&2
        done
        if [ ${#failed[@]} -gt 0 ]; then
            for name in "${failed[@]}"; do
                say "fuzz_$name found something (log: $out/$name/log)"
                tail -n 40 "$out/$name/log" >&2
                ls -1 "$out/$name/artifacts" >&2
            done
            die "fuzzing failed: ${failed[*]}; check the input in under tests/fuzz/regressions/<target>/ with the fix"
        fi
        say "fuzzing: no finding"
        ;;
    package)
        install_packages
        build
        say "packaging"
        (cd "$build_dir" && cpack -G DEB)
        ls -1 "$build_dir"/*.deb
        ;;
    *)
        sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
        [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || [ "$cmd" = --help ] || exit 2
        ;;
esac
