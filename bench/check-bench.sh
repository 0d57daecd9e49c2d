#!/usr/bin/env bash
# check-bench.sh — benchmark `pgc check`.
#
#   bench/check-bench.sh            (after building pgc at the top of the tree)
#
# 1. Throughput: generates corpora of 1k, 10k and 100k projects with pggen and
#    times `pgc check DIR` on each (wall time and peak RSS from /usr/bin/time).
# 2. Single-form latency: runs `pgc check` on a one-project file $RUNS times
#    and reports the median wall time per invocation, process start included,
#    next to `jq . tiny.json` and `true` measured the same way.
#
# Environment:
#   PGC     path to pgc               (default: ../build/pgc relative to this script)
#   SIZES   corpus sizes in projects  (default: "1000 10000 100000")
#   SEED    pggen seed                (default: 1)
#   RUNS    invocations per latency measurement (default: 200)
#   KEEP    1 = keep the generated corpora under bench/out/ (default: 0)
#   CC      C compiler for pggen      (default: cc)
#
# Exits non-zero if `pgc check` fails (non-zero exit) on any generated input.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PGC=${PGC:-$here/../build/pgc}
SIZES=${SIZES:-"1000 10000 100000"}
SEED=${SEED:-1}
RUNS=${RUNS:-200}
KEEP=${KEEP:-0}
CC=${CC:-cc}

die() { echo "check-bench: $*" >&2; exit 1; }

# Install a Debian package, as root, only when the tool is missing.
need() {   # need TEST-COMMAND PACKAGE
    local probe=$1 pkg=$2
    if eval "$probe" >/dev/null 2>&1; then return 0; fi
    [ "$(id -u)" = 0 ] || die "'$pkg' is missing; install it (apt-get install $pkg)"
    echo "check-bench: installing $pkg" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$pkg" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$pkg" >/dev/null; } ||
        die "could not install $pkg"
    eval "$probe" >/dev/null 2>&1 || die "$pkg installed but still not usable"
}

need '[ -x /usr/bin/time ]' time
need 'command -v jq' jq

case $PGC in /*) ;; *) PGC=$PWD/$PGC ;; esac
[ -x "$PGC" ] || die "pgc not found at $PGC (build it first, or set PGC)"

# --- pggen -------------------------------------------------------------------
mkdir -p "$here/out"
pggen=$here/out/pggen
if [ ! -x "$pggen" ] || [ "$here/pggen.c" -nt "$pggen" ]; then
    echo "check-bench: building pggen" >&2
    $CC -std=c11 -O2 -o "$pggen" "$here/pggen.c" || die "cannot build pggen"
fi

fail=0
work=$(mktemp -d "$here/out/run.XXXXXX")
# Keep the corpora when asked to, or when pgc failed on them (to look into).
cleanup() {
    if [ "$KEEP" = 1 ] || [ "$fail" != 0 ]; then
        echo "check-bench: inputs and outputs kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

echo "pgc check benchmark"
echo "  pgc:     $PGC"
echo "  machine: $(uname -srm), $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
echo "  seed:    $SEED"
echo

# --- throughput on whole corpora ----------------------------------------------
echo "Corpus check: pgc check DIR   (MB = 2^20 bytes; wall and peak RSS from /usr/bin/time)"
printf '%9s %6s %8s %8s %9s %12s %9s\n' projects files MB wall_s MB/s projects/s RSS_MB
for n in $SIZES; do
    dir=$work/corpus-$n
    "$pggen" "$n" --seed "$SEED" -o "$dir"
    files=$(find "$dir" -name '*.pg' | wc -l)
    bytes=$(find "$dir" -name '*.pg' -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')

    rc=0
    /usr/bin/time -f '%e %M' -o "$work/time-$n" \
        "$PGC" check "$dir" >"$work/stdout-$n" 2>"$work/stderr-$n" || rc=$?
    # On failure /usr/bin/time writes a status line first; the figures are last.
    read -r wall rss_kb < <(tail -n1 "$work/time-$n")

    awk -v n="$n" -v f="$files" -v b="$bytes" -v w="$wall" -v k="$rss_kb" -v rc="$rc" 'BEGIN {
        mb = b / 1048576
        if (w > 0) { mbs = sprintf("%9.1f", mb / w); ps = sprintf("%12.0f", n / w) }
        else       { mbs = sprintf("%9s", "-");      ps = sprintf("%12s", "-") }
        printf "%9d %6d %8.1f %8.2f %s %s %9.1f%s\n", n, f, mb, w, mbs, ps, k / 1024,
               rc == 0 ? "" : "   FAILED (exit " rc ")"
    }'
    if [ "$rc" != 0 ]; then
        fail=1
        echo "  pgc check $dir failed (exit $rc); first lines of its output:" >&2
        head -n 20 "$work/stderr-$n" "$work/stdout-$n" >&2 || true
    fi
done
echo

# --- single-form latency ------------------------------------------------------
single=$work/single.pg
"$pggen" 1 --seed "$SEED" >"$single"
printf '{"a": 1}\n' >"$work/tiny.json"
true_bin=$(type -P true) || die "no external true"

rc=0
"$PGC" check "$single" >"$work/single.out" 2>&1 || rc=$?
if [ "$rc" != 0 ]; then
    fail=1
    echo "check-bench: pgc check $single failed (exit $rc):" >&2
    head -n 20 "$work/single.out" >&2
fi

# median_ms CMD... — run CMD $RUNS times (after 5 warm-up runs), timing each
# invocation with date +%s%N.  Sets $med to the median in ms and $bad to the
# number of invocations that exited non-zero.
median_ms() {
    local i t0 t1 out=$work/ns
    : >"$out"
    bad=0
    for ((i = 0; i < 5; i++)); do "$@" >/dev/null 2>&1 || :; done
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || bad=$((bad + 1))
        t1=$(date +%s%N)
        echo $((t1 - t0)) >>"$out"
    done
    med=$(sort -n "$out" | awk '{ a[NR] = $1 }
        END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
              printf "%.3f", m / 1e6 }')
}

median_ms "$true_bin";                 t_true=$med
median_ms jq . "$work/tiny.json";      t_jq=$med
median_ms "$PGC" check "$single";      t_pgc=$med
if [ "$bad" != 0 ]; then
    fail=1
    echo "check-bench: $bad of $RUNS single-form runs of pgc check failed" >&2
fi

echo "Single-form check: median wall ms per invocation over $RUNS runs, process start included"
echo "  ($(wc -c <"$single") bytes, 1 project; each timing includes one date(1) fork, as does the 'true' row)"
printf '  %-24s %10s %9s %9s\n' command median_ms x_true x_jq
for row in "true:$t_true" "jq . tiny.json:$t_jq" "pgc check single.pg:$t_pgc"; do
    label=${row%:*} ms=${row##*:}
    awk -v l="$label" -v m="$ms" -v t="$t_true" -v j="$t_jq" 'BEGIN {
        printf "  %-24s %10.3f %9.2f %9.2f\n", l, m, (t > 0 ? m / t : 0), (j > 0 ? m / j : 0)
    }'
done
awk -v p="$t_pgc" -v t="$t_true" 'BEGIN { printf "  pgc over true: %+.3f ms\n", p - t }'

if [ "$fail" != 0 ]; then
    echo "check-bench: FAILED: pgc check did not accept the generated input" >&2
    exit 1
fi
