#!/bin/sh
# build-diff.sh — interpreter = JIT = built evaluator, byte for byte.
#
# For each case, the same specs and actuals CSV go through
#     pgc eval --engine=interp      pgc eval --engine=jit      pgc build + ./evaluator
# and the three must agree exactly: exit status, stdout, and stderr — the
# evaluator's stderr compared with pgc eval's minus the specs' own warnings
# (those are pgc build's to print: the blocks `pgc check` prints).
#   1. every eval golden (a .pg under tests/ whose `# args:` line runs
#      eval); 实际 blocks become a CSV through `pgc eval --emit=actuals`;
#   2. each of the seven examples with its examples/actuals/*.csv, and the
#      whole portfolio, in every format, with and without --explain;
#   3. the generated boundary cases of tests/data/gen/cases.awk (300
#      projects, every rule at its edges) under 自评2020, 自评宽档 and the
#      every-operator test scheme, and the error cases of errors.sh;
#   4. 1,000 projects from bench/pggen.c with its actuals CSV.
# The interpreter runs with PGC_ACTUALS_DROP=1 and PGC_SPOOL_KEEP=1: the
# mapped actuals file's pages are let go after every row and read again
# from the file, and the report is moved to a temporary file after every
# spec file.
# Then the evaluator as a user meets it: no libgccjit (ldd), an empty
# environment, --help, --version (the pgc version and the specs' SHA-256),
# --template read back, usage errors; and pgc build's output written
# atomically (a bad spec, a missing directory, /dev/full: nothing written,
# the old file untouched, no temporary left).  Skips (77) when libgccjit
# cannot compile on this machine.
#
# DIFF_GEN, DIFF_PGGEN and DIFF_SEED change the generated sizes and the
# seed: `make check-slow` runs 3,000 generated and 20,000 pggen projects.
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
CC=${CC:-cc}
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-build-diff.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
runs=0
builds=0
fail() { echo "FAIL: $*"; status=1; }

# Drops from the second file the diagnostic blocks (a line that starts
# in column 1 and the indented lines after it) that the first file holds.
minus_blocks() {
    if [ ! -s "$1" ]; then
        cat "$2"
        return
    fi
    awk 'function flush() { if (blk != "") { if (cur == 1) seen[blk] = 1; else if (!(blk in seen)) printf "%s", blk } blk = "" }
         FNR == 1 { flush(); cur++ }
         /^[^ ]/ { flush() }
         { blk = blk $0 "\n" }
         END { flush() }' "$1" "$2"
}

# three BUILD-OPTS CSV SPEC... — builds the evaluator, then for every set
# of report options in $REPORTS (separated by ';') compares the three.
# Every warning is shown (--max-warnings=0): pgc eval's cap counts the
# specs' warnings (a 实际 block's W0504) with the actuals', an evaluator's
# only the actuals', so with the cap the two would show different ones.
three() {
    bopts=$1 csv=$2
    shift 2
    builds=$((builds + 1))
    copts=$(echo "$bopts" | sed 's/--scheme[ =][^ ]*//')
    # shellcheck disable=SC2086
    "$PGC" check --max-warnings=0 $copts "$@" >/dev/null 2>"$tmp/c.err"
    # shellcheck disable=SC2086
    if ! "$PGC" build --max-warnings=0 $bopts "$@" -o "$tmp/ev" >"$tmp/build.out" 2>"$tmp/build.err"; then
        fail "pgc build $bopts $* failed:"
        sed -n 1,10p "$tmp/build.err"
        return
    fi
    cmp -s "$tmp/c.err" "$tmp/build.err" || { fail "pgc build did not print the specs' warnings as pgc check does: $*"; diff "$tmp/c.err" "$tmp/build.err" | head -n 10; }
    old_ifs=$IFS
    IFS=';'
    # shellcheck disable=SC2086
    set -- "$@" -- $REPORTS
    IFS=$old_ifs
    specs=
    while [ "$1" != -- ]; do specs="$specs $1"; shift; done
    shift
    for ropts in "$@"; do
        runs=$((runs + 1))
        # shellcheck disable=SC2086
        PGC_ACTUALS_DROP=1 PGC_SPOOL_KEEP=1 "$PGC" eval --max-warnings=0 --engine=interp $bopts $ropts $specs --actuals "$csv" >"$tmp/i.out" 2>"$tmp/i.err"
        irc=$?
        # shellcheck disable=SC2086
        "$PGC" eval --max-warnings=0 --engine=jit $bopts $ropts $specs --actuals "$csv" >"$tmp/j.out" 2>"$tmp/j.err"
        jrc=$?
        # shellcheck disable=SC2086
        "$tmp/ev" --max-warnings=0 $ropts "$csv" >"$tmp/b.out" 2>"$tmp/b.err0"
        brc=$?
        # the evaluator names itself where pgc says "pgc:" (a note, an I/O error)
        sed 's/^ev: /pgc: /' "$tmp/b.err0" >"$tmp/b.err"
        minus_blocks "$tmp/c.err" "$tmp/i.err" >"$tmp/i.err2"
        what="$bopts $ropts$specs --actuals $csv"
        if [ "$irc" != "$jrc" ] || [ "$irc" != "$brc" ]; then
            fail "exit $irc (interp), $jrc (jit), $brc (built): $what"
            sed -n 1,10p "$tmp/b.err"
        elif ! cmp -s "$tmp/i.out" "$tmp/j.out"; then
            fail "stdout differs, interp vs jit: $what"
            diff "$tmp/i.out" "$tmp/j.out" | head -n 10
        elif ! cmp -s "$tmp/i.out" "$tmp/b.out"; then
            fail "stdout differs, interp vs built: $what"
            diff "$tmp/i.out" "$tmp/b.out" | head -n 10
        elif ! cmp -s "$tmp/i.err" "$tmp/j.err"; then
            fail "stderr differs, interp vs jit: $what"
            diff "$tmp/i.err" "$tmp/j.err" | head -n 10
        elif ! cmp -s "$tmp/i.err2" "$tmp/b.err"; then
            fail "stderr differs, interp vs built: $what"
            diff "$tmp/i.err2" "$tmp/b.err" | head -n 10
        fi
    done
}

# The actuals of specs with 实际 blocks, as a CSV file.
to_csv() {  # to_csv OUT BUILD-OPTS SPEC...
    out=$1 bopts=$2
    shift 2
    # shellcheck disable=SC2086
    "$PGC" eval --emit=actuals $bopts "$@" >"$out" 2>/dev/null
    [ -s "$out" ] || fail "--emit=actuals wrote nothing for $*"
}

# Can pgc build work here at all?  (libgccjit needs binutils, libgcc-12-dev, libc6-dev.)
ex=examples/交换平台运行费.pg
ex_csv=examples/actuals/交换平台运行费.csv
"$PGC" build "$ex" -o "$tmp/probe" >/dev/null 2>"$tmp/probe.err"
if [ $? = 2 ] && grep -q 'cannot compile' "$tmp/probe.err"; then
    skip "$(cat "$tmp/probe.err")"
fi

# ---- 1. the eval goldens ------------------------------------------------------------
for f in $(grep -l '^# args: eval' tests/*/*.pg); do
    args=$(sed -n '1,5s/^# args: eval//p' "$f" | head -n 1 | tr -d '\r')
    csv= bopts= ropts=
    # shellcheck disable=SC2086
    set -- $args
    while [ $# -gt 0 ]; do
        case $1 in
            --actuals) csv=$2; shift ;;
            --actuals=*) csv=${1#--actuals=} ;;
            -L|--scheme) bopts="$bopts $1 $2"; shift ;;
            -L*|--stdlib=*|--scheme=*) bopts="$bopts $1" ;;
            *) ropts="$ropts $1" ;;
        esac
        shift
    done
    if [ -z "$csv" ]; then
        csv="$tmp/golden.csv"
        to_csv "$csv" "$bopts" "$f"
    fi
    REPORTS="$ropts" three "$bopts" "$csv" "$f"
done

# ---- 2. the examples ------------------------------------------------------------------
all_formats="--format text;--format json;--format csv;--format md;--format html"
all_formats="$all_formats;--explain --format text;--explain --format json;--explain --format md;--explain --format html"
for f in examples/*.pg; do
    n=$(basename "$f" .pg)
    REPORTS=$all_formats three "" "examples/actuals/$n.csv" "$f"
done
REPORTS=$all_formats three "" examples/actuals/all.csv examples

# ---- 3. generated boundary and error cases --------------------------------------------------
mkdir -p "$tmp/gen" "$tmp/bad" || exit 99
awk -v SEED="${DIFF_SEED:-20240101}" -v N="${DIFF_GEN:-300}" -v DIR="$tmp/gen" -f tests/data/gen/cases.awk || { echo "FAIL: the generator failed"; exit 1; }
cases=$(grep -c '^            指标 ' "$tmp"/gen/*.pg | awk -F: '{ s += $2 } END { print s }')
to_csv "$tmp/gen.csv" "" "$tmp/gen"
for scheme in "" "--scheme 自评宽档" "-L tests/data/gen/std"; do
    REPORTS="--explain;--format json" three "$scheme" "$tmp/gen.csv" "$tmp/gen"
    [ "$irc" = 0 ] || { fail "the generated cases should score (exit $irc${scheme:+, $scheme})"; sed -n 1,10p "$tmp/i.err"; }
done
. tests/data/gen/errors.sh
error_cases "$tmp/bad"
for f in "$tmp"/bad/*.pg; do
    to_csv "$tmp/bad.csv" "" "$f"
    REPORTS="--explain" three "" "$tmp/bad.csv" "$f"
    REPORTS="--explain" three "-L tests/data/gen/std" "$tmp/bad.csv" "$f"
done

# ---- 4. pggen's portfolio ------------------------------------------------------------------
if command -v "$CC" >/dev/null 2>&1 && "$CC" -std=c11 -O2 -o "$tmp/pggen" bench/pggen.c 2>"$tmp/cc.err"; then
    "$tmp/pggen" "${DIFF_PGGEN:-1000}" --seed "${DIFF_SEED:-11}" --weights 20 --cost-level1 20 -o "$tmp/pggen-specs" --actuals "$tmp/pggen.csv" ||
        fail "pggen failed"
    REPORTS="--format csv;--format json;--format md;--format html;--explain" three "" "$tmp/pggen.csv" "$tmp/pggen-specs"
    [ "$irc" = 0 ] || fail "pggen's portfolio should score (exit $irc)"
    cases=$((cases + $(wc -l <"$tmp/pggen.csv") - 1))
else
    echo "note: no C compiler ($CC): pggen's portfolio skipped"
fi

# ---- the evaluator as a user meets it --------------------------------------------------------
"$PGC" build "$ex" -o "$tmp/ev" || fail "pgc build $ex exited $?"
if command -v ldd >/dev/null 2>&1; then
    ldd "$tmp/ev" | grep -q gccjit && fail "the evaluator links libgccjit: $(ldd "$tmp/ev")"
    ldd "$tmp/ev" | grep -q utf8proc && fail "the evaluator links libutf8proc dynamically"
fi
"$tmp/ev" "$ex_csv" >"$tmp/ref.out" || fail "the evaluator exited $?"
env -i "$tmp/ev" "$ex_csv" >"$tmp/env.out" 2>"$tmp/env.err" || fail "the evaluator in an empty environment exited $?"
cmp -s "$tmp/ref.out" "$tmp/env.out" || fail "the evaluator prints something else in an empty environment"
"$tmp/ev" --help >"$tmp/help.out" || fail "--help exited $?"
grep -q '^Usage: ev \[OPTION\]... ACTUALS.csv' "$tmp/help.out" || fail "--help: $(head -n 1 "$tmp/help.out")"
"$tmp/ev" --version >"$tmp/v1" || fail "--version exited $?"
grep -q "built by pgc [0-9]" "$tmp/v1" || fail "--version names no pgc version: $(cat "$tmp/v1")"
grep -q 'specs: 1 project in 1 file, sha256 [0-9a-f]\{64\}$' "$tmp/v1" || fail "--version: $(cat "$tmp/v1")"
"$PGC" build "$ex" -o "$tmp/ev2" && "$tmp/ev2" --version | sed 's/^ev2:/ev:/' >"$tmp/v2"
cmp -s "$tmp/v1" "$tmp/v2" || fail "two builds of the same spec differ in --version"
sed 's/电费缴纳完成率 = 100%/电费缴纳完成率 = 99%/' "$ex" >"$tmp/changed.pg"
"$PGC" build "$tmp/changed.pg" -o "$tmp/ev3" && "$tmp/ev3" --version >"$tmp/v3"
[ "$(sed -n 's/.*sha256 //p' "$tmp/v1")" != "$(sed -n 's/.*sha256 //p' "$tmp/v3")" ] ||
    fail "a changed spec has the same hash"
# the evaluator holds the lines its diagnostics quote (a project's, an
# indicator's), not the rest of the specs: not this comment, not the
# 年度总体目标
printf '# 这一行注释不应进入评分程序\n' >"$tmp/commented.pg"
cat "$ex" >>"$tmp/commented.pg"
"$PGC" build "$tmp/commented.pg" -o "$tmp/ev4" || fail "pgc build of a commented spec exited $?"
grep -q '这一行注释不应进入评分程序' "$tmp/ev4" && fail "the evaluator holds a comment of the specs"
line=$(grep -m1 '指标 电费缴纳完成率' "$ex")
grep -qF "$line" "$tmp/ev4" || fail "the evaluator lacks the indicator line its diagnostics quote: $line"
grep -qF '为卡中心系统运行所需用电提供保障' "$ex" || fail "the 年度总体目标 of $ex changed: change this test"
grep -qF '为卡中心系统运行所需用电提供保障' "$tmp/ev4" && fail "the evaluator holds the 年度总体目标"
# the template to fill in: every indicator and the budget rows; read back
# unfilled it is refused, row by row
"$tmp/ev" --template >"$tmp/template.csv" || fail "--template exited $?"
nind=$(grep -c '^ *指标 ' "$ex")
[ "$(wc -l <"$tmp/template.csv")" -eq $((nind + 3)) ] ||
    fail "--template wrote $(wc -l <"$tmp/template.csv") lines, not $((nind + 3))"
grep -q '^交换平台运行费,产出指标,数量指标,电费缴纳完成率,= 100%,,,,' "$tmp/template.csv" ||
    fail "--template: $(sed -n 2p "$tmp/template.csv")"
"$tmp/ev" "$tmp/template.csv" >"$tmp/t.out" 2>"$tmp/t.err"
[ $? = 1 ] || fail "an unfilled template should exit 1"
[ "$(grep -c 'E0507' "$tmp/t.err")" -eq $((nind + 1)) ] || fail "an unfilled template: $(head -n 3 "$tmp/t.err")"
[ -s "$tmp/t.out" ] && fail "an unfilled template printed a report"
# usage errors: exit 2 and a hint
for args in "" "a.csv b.csv" "--format=pdf $ex_csv" "--bogus" "x.pg" "--template x.csv"; do
    # shellcheck disable=SC2086
    "$tmp/ev" $args >"$tmp/u.out" 2>"$tmp/u.err"
    rc=$?
    [ "$rc" = 2 ] || fail "./ev $args exited $rc, not 2"
    [ -s "$tmp/u.err" ] || fail "./ev $args said nothing"
done
"$tmp/ev" "$tmp/nonexistent.csv" 2>"$tmp/u.err"
[ $? = 2 ] && grep -q 'nonexistent.csv: cannot read' "$tmp/u.err" || fail "a missing actuals file: $(cat "$tmp/u.err")"
# a full disk: exit 2 and said, for a report kept in memory and one moved
# to a temporary file as it grew
if [ -c /dev/full ]; then
    for keep in '' 1; do
        PGC_SPOOL_KEEP=$keep "$tmp/ev" "$ex_csv" >/dev/full 2>"$tmp/u.err"
        [ $? = 2 ] && grep -q 'ev: cannot write to standard output: No space left on device' "$tmp/u.err" ||
            fail "./ev > /dev/full (PGC_SPOOL_KEEP=$keep): $(cat "$tmp/u.err")"
        PGC_SPOOL_KEEP=$keep "$tmp/ev" "$ex_csv" -o /dev/full 2>"$tmp/u.err"
        [ $? = 2 ] && grep -q 'No space left on device' "$tmp/u.err" ||
            fail "./ev -o /dev/full (PGC_SPOOL_KEEP=$keep): $(cat "$tmp/u.err")"
    done
fi

# ---- pgc build's output: atomic, clear errors ---------------------------------------------------
cp "$tmp/ev" "$tmp/keep"
printf '项目 坏 {\n    年度 2023\n' >"$tmp/bad.pg"
"$PGC" build "$tmp/bad.pg" -o "$tmp/keep" >/dev/null 2>&1
[ $? = 1 ] || fail "pgc build of a bad spec should exit 1"
cmp -s "$tmp/ev" "$tmp/keep" || fail "pgc build of a bad spec changed the output file"
"$PGC" build "$ex" -o "$tmp/no/such/dir/ev" 2>"$tmp/e.err"
[ $? = 2 ] && grep -q 'its directory does not exist' "$tmp/e.err" || fail "-o in a missing directory: $(cat "$tmp/e.err")"
"$PGC" build "$ex" -o "$tmp" 2>"$tmp/e.err"
[ $? = 2 ] && grep -q 'Is a directory' "$tmp/e.err" || fail "-o DIR: $(cat "$tmp/e.err")"
if [ -c /dev/full ]; then
    "$PGC" build "$ex" -o /dev/full 2>"$tmp/e.err"
    [ $? = 2 ] && grep -q 'No space left on device' "$tmp/e.err" || fail "-o /dev/full: $(cat "$tmp/e.err")"
    [ -c /dev/full ] || fail "pgc build -o /dev/full replaced the device"
fi
"$PGC" build "$ex" >/dev/null 2>&1
[ $? = 2 ] || fail "pgc build without -o should exit 2"
"$PGC" build -o "$tmp/x" >/dev/null 2>&1
[ $? = 2 ] || fail "pgc build without specs should exit 2"
ls "$tmp" | grep -q 'pgc-' && fail "temporary files left behind: $(ls "$tmp" | grep 'pgc-')"

echo "build-diff: $builds evaluators built, $runs three-way comparisons, $cases generated cases"
exit $status
