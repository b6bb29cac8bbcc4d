#!/usr/bin/env bash
# Chorus developer entry point.
#   ./dev.sh run      install what is missing, build, start chorus-gui
#   ./dev.sh test     install what is missing, build, run every test (exit status = result)
#   ./dev.sh package  build the .deb with CPack
#   ./dev.sh build    install what is missing and build
#   ./dev.sh deps     install what is missing (Debian packages) and nothing else
#   ./dev.sh bench    build and run the benchmarks under tests/bench
#   ./dev.sh soak [MINUTES]  build and run the soak test (tests/soak, default 5 minutes)
# Environment: CHORUS_BUILD_DIR (default: build), CHORUS_BUILD_TYPE (default: RelWithDebInfo),
#              CHORUS_TEST_CLAUDE (use this claude binary for tests instead of installing one).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

CLAUDE_CODE_VERSION=2.1.328
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
    echo build-essential cmake ninja-build pkg-config git
    echo qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools
    echo qt6-l10n-tools qt6-svg-dev libgl-dev libgit2-dev libyaml-cpp-dev
    echo xvfb xauth
    # KSyntaxHighlighting (KF6) exists from Debian 13 on; Debian 12 uses the built-in highlighter.
    if apt-cache show libkf6syntaxhighlighting-dev >/dev/null 2>&1; then
        echo libkf6syntaxhighlighting-dev
    fi
}

install_packages() {
    command -v dpkg-query >/dev/null || { say "not a Debian system: skipping package installation"; return; }
    local missing=()
    for p in $(packages); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
        # libkf6 may only show up after the first apt-get update: check again.
        for p in $(packages); do
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

configure() {
    local werror=OFF
    [ -n "${CI:-}" ] && werror=ON
    if [ ! -f "$build_dir/build.ninja" ] || [ "$werror" != "$(cat "$build_dir/.werror" 2>/dev/null)" ]; then
        say "configuring $build_dir"
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DCHORUS_WERROR="$werror" \
            -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
        echo "$werror" >"$build_dir/.werror"
    fi
}

build() {
    configure
    say "building"
    cmake --build "$build_dir" --parallel "$(nproc)"
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
        build
        say "testing (claude: $CHORUS_TEST_CLAUDE)"
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
        build
        export CHORUS_BUILD_DIR="$build_dir"
        exec tests/soak/soak.sh "${2:-5}" "${@:3}"
        ;;
    package)
        install_packages
        build
        say "packaging"
        (cd "$build_dir" && cpack -G DEB)
        ls -1 "$build_dir"/*.deb
        ;;
    *)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
        [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || [ "$cmd" = --help ] || exit 2
        ;;
esac
