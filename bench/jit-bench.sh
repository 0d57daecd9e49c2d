#!/usr/bin/env bash
# jit-bench.sh — pgc eval's two engines, the interpreter and the JIT, and a
# standalone evaluator written by pgc build.
#
#   bench/jit-bench.sh            (after building pgc)
#
# For each size it generates that many projects and their actuals with
# pggen (--actuals), then runs on the same files, RUNS times each engine
# (alternating, so a change in the machine's load hits both alike):
#   PGC_TIMING=1 pgc eval DIR --actuals FILE --format csv -o OUT --engine=E
# PGC_TIMING makes pgc print wall milliseconds per phase (actuals,
# parse+check, lower, bind, compile, score, report, total; clock_gettime
# CLOCK_MONOTONIC), so the JIT's compile latency is measured apart from its
# scoring, in the same run.  The evaluator is built once per size
#   pgc build DIR -o EV                (its wall time: the "compile" column)
# and run as
#   PGC_TIMING=1 EV FILE --format csv -o OUT
# which prints the same phases (its "lower" is reading the built-in
# projects and binding their actuals; it parses nothing).  The table shows
# the median of each phase, the ratios interpreter ÷ engine of the score
# phase and of the whole run (for the evaluator: its run, the build apart),
# and the rules the compiled code handed back to the interpreter; every
# report must equal the interpreter's byte for byte.
#
# The crossover (where --engine=auto should start compiling) is worked out
# from the largest size: compile ms ÷ (score ms saved per actual row).
#
# Environment:
#   PGC      path to pgc                (default: ../build/pgc relative to this script)
#   SIZES    corpus sizes in projects   (default: "1000 10000 100000")
#   RUNS     runs per engine and size   (default: 3)
#   SEED     pggen seed                 (default: 1)
#   WEIGHTS  pggen --weights percentage (default: 10)
#   KEEP     1 = keep the generated files under bench/out/ (default: 0)
#   CC       C compiler for pggen       (default: cc)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PGC=${PGC:-$here/../build/pgc}
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
WEIGHTS=${WEIGHTS:-10}
KEEP=${KEEP:-0}
CC=${CC:-cc}

die() { echo "jit-bench: $*" >&2; exit 1; }

case $PGC in /*) ;; *) PGC=$PWD/$PGC ;; esac
[ -x "$PGC" ] || die "pgc not found at $PGC (build it first, or set PGC)"

mkdir -p "$here/out"
pggen=$here/out/pggen
if [ ! -x "$pggen" ] || [ "$here/pggen.c" -nt "$pggen" ]; then
    echo "jit-bench: building pggen" >&2
    $CC -std=c11 -O2 -o "$pggen" "$here/pggen.c" || die "cannot build pggen"
fi

fail=0
work=$(mktemp -d "$here/out/jit.XXXXXX")
cleanup() {
    if [ "$KEEP" = 1 ] || [ "$fail" != 0 ]; then
        echo "jit-bench: inputs and outputs kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

echo "pgc eval: interpreter and JIT; pgc build: a standalone evaluator"
echo "  pgc:     $PGC"
echo "  machine: $(uname -srm), $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
echo "  load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-minute load average at the start)"
echo "  seed:    $SEED, --weights $WEIGHTS; $RUNS runs per engine, medians"
echo

# phases LINE — the numbers of a PGC_TIMING line, space-separated:
# actuals parse lower bind compile score report total scored fell_back
phases() {
    sed -n 's/^pgc: timing (ms): actuals \([0-9.]*\), parse+check \([0-9.]*\), lower \([0-9.]*\), bind \([0-9.]*\), compile \([0-9.]*\), score \([0-9.]*\), report \([0-9.]*\), total \([0-9.]*\).*/\1 \2 \3 \4 \5 \6 \7 \8/p' <<<"$1"
    sed -n 's/.*rules compiled: \([0-9]*\) scored, \([0-9]*\) fell back.*/\1 \2/p' <<<"$1"
}

# median FILE COLUMN — the median of a column of numbers
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%8s %8s %-6s | %8s %8s %8s %8s %8s %8s %8s %9s | %6s %6s %s\n' \
    projects rows engine actuals parse lower bind compile score report total score× total× fell_back
last_rows=0 last_n=1 last_compile=0 last_saved=0
for n in $SIZES; do
    dir=$work/specs-$n csv=$work/actuals-$n.csv
    "$pggen" "$n" --seed "$SEED" --weights "$WEIGHTS" -o "$dir" --actuals "$csv"
    rows=$(($(wc -l <"$csv") - 1))
    : >"$work/interp-$n.t"
    : >"$work/jit-$n.t"
    : >"$work/built-$n.t"
    fb=0 bfb=0
    t0=$(date +%s%N)
    "$PGC" build "$dir" -o "$work/ev-$n" 2>"$work/build-$n.err" || { fail=1; die "pgc build failed on $n projects"; }
    build_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    for ((run = 1; run <= RUNS; run++)); do
        for e in interp jit built; do
            rc=0
            if [ "$e" = built ]; then
                PGC_TIMING=1 "$work/ev-$n" "$csv" --format csv -o "$work/$e-$n.csv" 2>"$work/$e-$n.err" || rc=$?
            else
                PGC_TIMING=1 "$PGC" eval "$dir" --actuals "$csv" --format csv -o "$work/$e-$n.csv" --engine=$e \
                    2>"$work/$e-$n.err" || rc=$?
            fi
            if [ "$rc" != 0 ]; then
                fail=1
                echo "  pgc eval --engine=$e failed on $n projects (exit $rc):" >&2
                grep -v ': warning: ' "$work/$e-$n.err" | head -n 20 >&2
                exit 1
            fi
            line=$(grep '^pgc: timing' "$work/$e-$n.err")
            read -r a p l b c s r t <<<"$(phases "$line" | head -n 1)"
            [ "$e" = built ] && c=$build_ms
            echo "$a $p $l $b $c $s $r $t" >>"$work/$e-$n.t"
            [ "$e" = jit ] && fb=$(phases "$line" | sed -n 2p | cut -d' ' -f2)
            [ "$e" = built ] && bfb=$(phases "$line" | sed -n 2p | cut -d' ' -f2)
        done
        cmp -s "$work/interp-$n.csv" "$work/jit-$n.csv" || { fail=1; die "the JIT's report differs at $n projects"; }
        cmp -s "$work/interp-$n.csv" "$work/built-$n.csv" || { fail=1; die "the evaluator's report differs at $n projects"; }
    done
    declare -A med=()
    for e in interp jit built; do
        for col in 1 2 3 4 5 6 7 8; do med[$e,$col]=$(median "$work/$e-$n.t" $col); done
    done
    for e in interp jit built; do
        sx=- tx=- f=-
        if [ "$e" != interp ]; then
            sx=$(awk -v a="${med[interp,6]}" -v b="${med[$e,6]}" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
            tx=$(awk -v a="${med[interp,8]}" -v b="${med[$e,8]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
            f=$fb
            [ "$e" = built ] && f=$bfb
        fi
        printf '%8d %8d %-6s | %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %9.1f | %6s %6s %s\n' "$n" "$rows" "$e" \
            "${med[$e,1]}" "${med[$e,2]}" "${med[$e,3]}" "${med[$e,4]}" "${med[$e,5]}" "${med[$e,6]}" "${med[$e,7]}" "${med[$e,8]}" \
            "$sx" "$tx" "$f"
    done
    last_rows=$rows last_n=$n last_compile=${med[jit,5]}
    last_saved=$(awk -v a="${med[interp,6]}" -v b="${med[jit,6]}" 'BEGIN { print a - b }')
    unset med
done

echo "(built: \"compile\" is the wall time of pgc build; its other phases are the evaluator's own run)"
# the seven examples: pgc build's latency on a small portfolio
examples=$here/../examples
if [ -d "$examples" ]; then
    : >"$work/ex.t"
    for ((run = 1; run <= RUNS; run++)); do
        t0=$(date +%s%N)
        "$PGC" build "$examples" -o "$work/ev-examples" 2>/dev/null || die "pgc build examples failed"
        echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$work/ex.t"
    done
    echo "pgc build of the seven examples: $(median "$work/ex.t" 1) ms (median of $RUNS), evaluator $(wc -c <"$work/ev-examples") bytes"
fi
echo
awk -v rows="$last_rows" -v n="$last_n" -v c="$last_compile" -v s="$last_saved" 'BEGIN {
    if (s <= 0) { print "crossover: the JIT saved no scoring time; --engine=auto should not compile"; exit }
    per = s / rows
    printf "crossover: compile %.0f ms; the JIT saves %.3f µs of scoring per actual row (at %d rows)\n", c, per * 1000, rows
    printf "           so it pays for itself from about %.0f actual rows (%.0f projects)\n", c / per, c / per / (rows / n)
}'
echo "  load:    $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
