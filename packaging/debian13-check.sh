#!/usr/bin/env bash
# Build and run the whole Chorus test suite on Debian 13 "trixie" (Qt 6.8, KF6
# KSyntaxHighlighting, libgit2 1.9) inside a cached debootstrap chroot.
#
#   packaging/debian13-check.sh        (as root; .ci/run calls it after ./dev.sh test)
#
# How it works:
#   1. The chroot lives outside the repo ($CHORUS_DEBIAN13_ROOT, default
#      /var/cache/chorus/debian13-chroot). It is debootstrapped (minbase) into a temp dir
#      next to it and renamed into place only when complete.
#   2. Packages come from dev.sh's own packages() function; the chroot is refreshed
#      (apt-get update, dist-upgrade, install) when that list changes, when the stamp is
#      older than $CHORUS_DEBIAN13_REFRESH_DAYS (default 7) or when CHORUS_DEBIAN13_REFRESH=1.
#   3. Every run copies the source tree (git ls-files -co --exclude-standard) into a fresh
#      /var/tmp/chorus-src in the chroot; the build dir /var/tmp/chorus-build-d13 is kept.
#   4. The host's pinned Claude Code and ccusage binaries (installed by ./dev.sh test) are
#      bind-mounted read-only and passed as CHORUS_TEST_CLAUDE and CHORUS_TEST_CCUSAGE; then
#      `./dev.sh build` and `./dev.sh test` run in the chroot with a clean environment.
#      Exit status = tests.
#   5. All mounts are made in a private mount namespace and unmounted by a trap.
#
# Environment: CHORUS_DEBIAN13_ROOT, CHORUS_DEBIAN13_MIRROR (default http://deb.debian.org/debian),
#   CHORUS_DEBIAN13_REFRESH=1 (force apt refresh), CHORUS_DEBIAN13_REFRESH_DAYS (default 7),
#   CHORUS_DEBIAN13_CLEAN_BUILD=1 (wipe the chroot's build dir first), CI, CHORUS_BUILD_TYPE.
set -euo pipefail

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
note() { printf 'debian13-check: %s\n' "$*" >&2; }
die() { printf 'debian13-check: error: %s\n' "$*" >&2; exit 1; }

# Root's usual PATH even when started from a reduced environment (chroot, mount live in sbin).
export PATH="/usr/local/sbin:/usr/sbin:/sbin:$PATH"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"

suite=trixie
root=${CHORUS_DEBIAN13_ROOT:-/var/cache/chorus/debian13-chroot}
case "$root" in /*) ;; *) die "CHORUS_DEBIAN13_ROOT must be an absolute path" ;; esac
root=$(realpath -m "$root")   # as /proc/self/mountinfo spells it
mirror=${CHORUS_DEBIAN13_MIRROR:-http://deb.debian.org/debian}
refresh_days=${CHORUS_DEBIAN13_REFRESH_DAYS:-7}
# Paths inside the chroot.
c_src=/var/tmp/chorus-src
c_build=/var/tmp/chorus-build-d13
c_claude=/opt/chorus/claude
c_ccusage=/opt/chorus/ccusage
c_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Bump when the base configuration written below changes: forces a refresh.
setup_version=1

[ "$(id -u)" -eq 0 ] ||
    die "must run as root (it uses debootstrap, chroot and mount). Run it as root, e.g.: sudo $self"
case "$root" in
    "" | / | /usr | /var | /var/cache | /tmp | /root | /home) die "refusing CHORUS_DEBIAN13_ROOT=${CHORUS_DEBIAN13_ROOT}" ;;
esac
[ -f "$repo/dev.sh" ] || die "cannot find dev.sh in $repo"

# ---------------------------------------------------------------- timing
declare -a summary=()
step_name="" step_t0=0
fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
step() {
    step_end
    step_name=$1 step_t0=$SECONDS
    say "debian13: $step_name"
}
step_end() {
    [ -n "$step_name" ] || return 0
    local d=$((SECONDS - step_t0)) st=${1:-ok}
    say "debian13: $step_name: $st in $(fmt_secs $d)"
    summary+=("$(printf '%-28s %-8s %s' "$step_name" "$st" "$(fmt_secs $d)")")
    step_name=""
}

# ---------------------------------------------------------------- mounts and cleanup
# Everything mounted under a directory, deepest first (from /proc/self/mountinfo).
mounts_under() {
    local dir=$1
    awk -v d="$dir" '{ m = $5; gsub(/\\040/, " ", m); if (m == d || index(m, d "/") == 1) print m }' \
        /proc/self/mountinfo | sort -r
}
umount_under() {
    local dir=$1 m
    while IFS= read -r m; do
        [ -n "$m" ] || continue
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || note "could not unmount $m"
    done < <(mounts_under "$dir")
}
# Kill processes whose root directory is inside $1 (daemons a test or postinst left behind).
kill_chroot_procs() {
    local dir=$1 p r pids=()
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        if [ "$r" = "$dir" ] || [ "${r#"$dir"/}" != "$r" ]; then pids+=("${p#/proc/}"); fi
    done
    [ ${#pids[@]} -gt 0 ] || return 0
    note "killing processes left in $dir: ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 1
    kill -KILL "${pids[@]}" 2>/dev/null || true
    sleep 0.2
}

child=""          # process group of the running step (see run_step)
mounted_root=""   # chroot with our mounts
tmp_root=""       # half-made chroot being debootstrapped
cleanup_done=""
cleanup() {
    [ -z "$cleanup_done" ] || return 0
    cleanup_done=1
    if [ -n "$child" ]; then
        kill -TERM -- "-$child" 2>/dev/null || true
        sleep 1
        kill -KILL -- "-$child" 2>/dev/null || true
        child=""
    fi
    local d
    for d in "$mounted_root" "$tmp_root"; do
        [ -n "$d" ] || continue
        kill_chroot_procs "$d"
        umount_under "$d"
        if [ -n "$(mounts_under "$d")" ]; then
            note "WARNING: mounts left under $d:"; mounts_under "$d" >&2
        fi
    done
    if [ -n "$tmp_root" ] && [ -d "$tmp_root" ] && [ -z "$(mounts_under "$tmp_root")" ]; then
        rm -rf --one-file-system "$tmp_root"
    fi
}
# shellcheck disable=SC2317  # invoked from traps
on_signal() {
    local sig=$1 code=$2
    trap - INT TERM HUP
    [ -n "$step_name" ] && step_end "$sig"
    note "interrupted by SIG$sig: cleaning up"
    cleanup
    exit "$code"
}
trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
trap 'on_signal HUP 129' HUP

# Run a command in its own process group, interruptibly (bash runs traps during `wait`,
# not while a foreground child runs), so that a signal kills the whole step.
run_step() {
    local rc=0
    # The lock (fd 9) stays open in the step: if this script is SIGKILLed, the next run waits
    # for the orphaned step instead of deleting files under it.
    setsid "$@" </dev/null &
    child=$!
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

# Run a command inside the chroot with a clean environment.
in_chroot() {
    local envs=(PATH="$c_path" HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}"
        DEBIAN_FRONTEND=noninteractive CHORUS_TEST_CLAUDE="$c_claude" CHORUS_TEST_CCUSAGE="$c_ccusage"
        CHORUS_BUILD_DIR="$c_build")
    [ -n "${CI+set}" ] && envs+=(CI="$CI")
    [ -n "${CHORUS_BUILD_TYPE:-}" ] && envs+=(CHORUS_BUILD_TYPE="$CHORUS_BUILD_TYPE")
    run_step chroot "$mounted_root" /usr/bin/env -i "${envs[@]}" "$@"
}

# ---------------------------------------------------------------- private mount namespace
# Re-run in a private mount namespace: our mounts are invisible to the host and vanish with
# the process even if it is SIGKILLed. The EXIT trap unmounts them anyway.
if [ -z "${CHORUS_DEBIAN13_IN_NS:-}" ]; then
    if unshare --mount --propagation private true 2>/dev/null; then
        trap - EXIT INT TERM HUP
        CHORUS_DEBIAN13_IN_NS=1 exec unshare --mount --propagation private -- "$self" "$@"
    fi
    note "unshare --mount is not available: mounting in the host namespace (the trap unmounts)"
fi

# ---------------------------------------------------------------- host prerequisites
total_t0=$SECONDS
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
command -v gpgv >/dev/null || need+=(gpgv)
command -v setsid >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || die "missing ${need[*]} and no apt-get to install them"
    step "installing ${need[*]} on the host"
    run_step env DEBIAN_FRONTEND=noninteractive apt-get update -q
    run_step env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
    step_end
fi
[ -e /usr/share/debootstrap/scripts/$suite ] ||
    die "this debootstrap ($(dpkg-query -W -f='${Version}' debootstrap 2>/dev/null)) has no $suite script; upgrade debootstrap"

# The pinned Claude Code binary the host's ./dev.sh test installed (version read from dev.sh).
claude_version=$(sed -n 's/^CLAUDE_CODE_VERSION=\([^[:space:]]*\).*/\1/p' "$repo/dev.sh" | head -n1)
[ -n "$claude_version" ] || die "cannot read CLAUDE_CODE_VERSION from $repo/dev.sh"
case "$(uname -m)" in
    x86_64) claude_arch=x64 ;; aarch64) claude_arch=arm64 ;; *) die "no Claude Code build for $(uname -m)" ;;
esac
host_claude="${XDG_CACHE_HOME:-$HOME/.cache}/chorus/claude-code/$claude_version/node_modules/@anthropic-ai/claude-code-linux-$claude_arch/claude"
[ -x "$host_claude" ] ||
    die "the Claude Code CLI $claude_version is not installed at $host_claude; run ./dev.sh test first (it installs it)"
# The pinned ccusage the same way (tests/usage compares `chorus usage` with it).
ccusage_version=$(sed -n 's/^CCUSAGE_VERSION=\([^[:space:]]*\).*/\1/p' "$repo/dev.sh" | head -n1)
[ -n "$ccusage_version" ] || die "cannot read CCUSAGE_VERSION from $repo/dev.sh"
host_ccusage="${XDG_CACHE_HOME:-$HOME/.cache}/chorus/ccusage/$ccusage_version/node_modules/@ccusage/ccusage-linux-$claude_arch/bin/ccusage"
[ -x "$host_ccusage" ] ||
    die "ccusage $ccusage_version is not installed at $host_ccusage; run ./dev.sh test first (it installs it)"

# dev.sh's packages() function is the package list (evaluated inside the chroot).
packages_fn=$(sed -n '/^packages() *{/,/^}/p' "$repo/dev.sh")
[ -n "$packages_fn" ] || note "no packages() in dev.sh: leaving package installation to dev.sh"

# One run at a time per chroot.
mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
if ! flock -n 9; then
    note "waiting for another debian13-check using $root"
    flock 9
fi

# ---------------------------------------------------------------- the chroot
marker=.chorus-debian13
for stale in "$root".tmp.*; do
    [ -d "$stale" ] || continue
    note "removing the unfinished chroot $stale"
    kill_chroot_procs "$stale"
    umount_under "$stale"
    [ -z "$(mounts_under "$stale")" ] || die "$stale still has mounts; unmount them by hand"
    rm -rf --one-file-system "$stale"
done
if [ -e "$root" ] && [ ! -f "$root/$marker" ]; then
    die "$root exists but is not a chroot made by this script (no $marker): remove it or set CHORUS_DEBIAN13_ROOT"
fi

if [ ! -e "$root" ]; then
    step "debootstrap $suite (minbase) into $root"
    tmp_root=$(mktemp -d "$root.tmp.XXXXXX")
    chmod 755 "$tmp_root"
    arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    if ! run_step debootstrap --variant=minbase --arch="$arch" --components=main \
        --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
        "$suite" "$tmp_root" "$mirror"; then
        step_end FAILED
        if [ -f "$tmp_root/debootstrap/debootstrap.log" ]; then
            note "last lines of debootstrap.log:"
            tail -n 25 "$tmp_root/debootstrap/debootstrap.log" >&2
        fi
        die "debootstrap of $suite from $mirror failed"
    fi
    # Base configuration.
    rm -f "$tmp_root/etc/apt/sources.list"
    security_mirror=${mirror%/debian}/debian-security
    [ "$security_mirror" != "$mirror/debian-security" ] || security_mirror=http://deb.debian.org/debian-security
    cat >"$tmp_root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    cat >"$tmp_root/etc/apt/apt.conf.d/90chorus" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Retries "3";
EOF
    echo force-unsafe-io >"$tmp_root/etc/dpkg/dpkg.cfg.d/90chorus-unsafe-io"
    printf '#!/bin/sh\n# chroot: never start services\nexit 101\n' >"$tmp_root/usr/sbin/policy-rc.d"
    chmod 755 "$tmp_root/usr/sbin/policy-rc.d"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$tmp_root/etc/hosts"
    grep -q "VERSION_CODENAME=$suite" "$tmp_root/etc/os-release" ||
        die "the new chroot is not Debian $suite: $(grep PRETTY_NAME "$tmp_root/etc/os-release")"
    date -u +%FT%TZ >"$tmp_root/$marker"
    umount_under "$tmp_root"
    mv -T "$tmp_root" "$root"
    tmp_root=""
    step_end
fi

# ---------------------------------------------------------------- mounts
mount_chroot() {
    local r=$1
    mounted_root=$r
    mount -t proc -o nosuid,nodev,noexec proc "$r/proc"
    mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$r/sys"
    mount --bind /dev "$r/dev"
    # In the host namespace (no unshare), keep mounts below from propagating back to /dev.
    mount --make-rslave "$r/dev" 2>/dev/null || true
    mkdir -p "$r/dev/pts" "$r/dev/shm" "$r/tmp"
    mount --bind /dev/pts "$r/dev/pts"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/dev/shm"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/tmp"
    mkdir -p "$r$(dirname "$c_claude")"
    [ -f "$r$c_claude" ] || : >"$r$c_claude"
    mount --bind "$host_claude" "$r$c_claude"
    mount -o remount,bind,ro "$r$c_claude"
    [ -f "$r$c_ccusage" ] || : >"$r$c_ccusage"
    mount --bind "$host_ccusage" "$r$c_ccusage"
    mount -o remount,bind,ro "$r$c_ccusage"
    # Fresh DNS configuration (never write through a symlink into the host).
    rm -f "$r/etc/resolv.conf"
    cp -L /etc/resolv.conf "$r/etc/resolv.conf"
}
mount_chroot "$root"

# ---------------------------------------------------------------- packages
stamp_dir=$root/var/lib/chorus-debian13
stamp=$stamp_dir/refresh.stamp
want_stamp="setup=$setup_version packages=$(printf '%s' "$packages_fn" | sha256sum | cut -c1-16)"
# shellcheck disable=SC2016  # dpkg-query format
installed_sum() { chroot "$root" dpkg-query -W -f='${Package} ${Version}\n' | sha256sum; }
refresh=""
if [ "${CHORUS_DEBIAN13_REFRESH:-}" = 1 ]; then
    refresh="CHORUS_DEBIAN13_REFRESH=1"
elif [ ! -f "$stamp" ]; then
    refresh="first run"
elif [ "$(cat "$stamp")" != "$want_stamp" ]; then
    refresh="package list changed"
elif [ -n "$(find "$stamp" -mtime +"$refresh_days" 2>/dev/null)" ]; then
    refresh="last refresh more than $refresh_days days ago"
fi
if [ -n "$refresh" ]; then
    step "package install/refresh ($refresh)"
    rm -f "$stamp"
    pkgs_before=$(installed_sum)
    # shellcheck disable=SC2016
    in_chroot bash -euo pipefail -c '
        eval "$1"
        dpkg --configure -a
        apt-get update -q
        apt-get -y -q -o Dpkg::Options::=--force-confold dist-upgrade
        pkgs=""
        if [ -n "$1" ]; then pkgs=$(packages | tr "\n" " "); fi
        [ -z "$pkgs" ] || apt-get install -y -q --no-install-recommends $pkgs
        apt-get autoremove -y -q --purge
        apt-get clean
        echo "debian13: $(. /etc/os-release; echo "$PRETTY_NAME"), Qt $(dpkg-query -W -f="\${Version}" qt6-base-dev 2>/dev/null || echo "?"), libgit2 $(dpkg-query -W -f="\${Version}" libgit2-dev 2>/dev/null || echo "?"), KF6 SyntaxHighlighting $(dpkg-query -W -f="\${Version}" libkf6syntaxhighlighting-dev 2>/dev/null || echo "not installed")"
    ' packages-step "$packages_fn" || { step_end FAILED; die "package installation in the chroot failed"; }
    mkdir -p "$stamp_dir"
    printf '%s\n' "$want_stamp" >"$stamp.new" && mv -f "$stamp.new" "$stamp"
    # New or upgraded system packages (Qt, compiler, KF6): start from a clean build dir, as
    # dev.sh only configures a build dir once.
    pkgs_now=$(installed_sum)
    if [ "$pkgs_now" != "$pkgs_before" ] && [ -e "$root$c_build" ]; then
        note "system packages changed: removing the build dir $c_build"
        rm -rf --one-file-system "${root:?}$c_build"
    fi
    step_end
fi
if [ "${CHORUS_DEBIAN13_CLEAN_BUILD:-}" = 1 ]; then
    rm -rf --one-file-system "${root:?}$c_build"
fi

# ---------------------------------------------------------------- sources
step "copying sources to $c_src"
rm -rf --one-file-system "${root:?}$c_src"
mkdir -p "$root$c_src"
if git -C "$repo" -c safe.directory="$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked and untracked-but-not-ignored files that exist (a file may be mid-deletion).
    # tar keeps the mtimes, so the kept build dir only rebuilds what changed.
    git -C "$repo" -c safe.directory="$repo" ls-files -z -co --exclude-standard |
        while IFS= read -r -d '' f; do
            if [ -e "$repo/$f" ] || [ -L "$repo/$f" ]; then printf '%s\0' "$f"; fi
        done |
        tar -C "$repo" --null --no-recursion -T - -cf - |
        tar -C "$root$c_src" --no-same-owner -xf -
else
    tar -C "$repo" --exclude='./build*' --exclude=./.git --exclude=./.cache -cf - . |
        tar -C "$root$c_src" --no-same-owner -xf -
fi
note "$(find "$root$c_src" -type f | wc -l) files copied"
step_end

# ---------------------------------------------------------------- build and test
build_rc=0 test_rc=0
step "build (./dev.sh build, CI=${CI:-})"
in_chroot bash -c "cd $c_src && exec ./dev.sh build" || build_rc=$?
if [ "$build_rc" -ne 0 ]; then
    step_end "FAILED($build_rc)"
else
    step_end
    step "tests (./dev.sh test)"
    in_chroot bash -c "cd $c_src && exec ./dev.sh test" || test_rc=$?
    if [ "$test_rc" -ne 0 ]; then step_end "FAILED($test_rc)"; else step_end; fi
fi

cleanup
summary+=("$(printf '%-28s %-8s %s' total "" "$(fmt_secs $((SECONDS - total_t0)))")")
say "debian13: summary"
printf '  %s\n' "${summary[@]}" >&2
if [ "$build_rc" -ne 0 ]; then
    note "the build failed on Debian $suite"
    exit "$build_rc"
fi
if [ "$test_rc" -eq 0 ]; then note "all tests passed on Debian $suite"; else note "tests failed on Debian $suite"; fi
exit "$test_rc"
