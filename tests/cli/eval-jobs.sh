#!/bin/sh
# eval-jobs.sh — pgc eval -j and a built evaluator's -j: several
# processes write exactly what one writes (the report, stderr, the exit
# status), in every format, with --explain, --strict and the warnings'
# cap; the report's joins (the CSV header once, the JSON commas and count,
# the text and Markdown blank lines), the actuals that no spec takes
# (counted across the parts) and a spec with errors among them; and
# --jobs is checked.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-eval-jobs.$$
rm -rf "$tmp"
mkdir -p "$tmp/specs/a" "$tmp/specs/b" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C.UTF-8
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# Over 256 KB of specs (below that pgc eval does not start a second
# process): the examples under new project names (敬老卡制作费7), in two
# directories, and their actuals renamed alike, plus the rows of projects
# that no spec declares (N0501, or E0501 with --strict).
head -n 1 examples/actuals/all.csv >"$tmp/all.csv"
n=0
while [ "$(cat "$tmp"/specs/*/*.pg 2>/dev/null | wc -c)" -lt 300000 ]; do
    n=$((n + 1))
    d=a
    [ $((n % 2)) = 0 ] && d=b
    for f in examples/*.pg; do
        sed "s/^项目 \(.*\) {\$/项目 \1$n {/" "$f" >"$tmp/specs/$d/$n-$(basename "$f")" || exit 99
    done
    tail -n +2 examples/actuals/all.csv | sed "s/^\([^,]*\),/\1$n,/" >>"$tmp/all.csv"
done
tail -n +2 examples/actuals/all.csv | sed "s/^\([^,]*\),/\1-nowhere,/" >>"$tmp/all.csv"
nprojects=$((n * 7))

run() {     # run OUT ERR ARGS...: pgc eval ARGS, the exit status in $rc
    out=$1 err=$2
    shift 2
    "$PGC" eval "$@" >"$out" 2>"$err"
    rc=$?
}

same_as_one() {     # same_as_one ARGS...: -j1 and -j2, -j3, -j8 alike
    run "$tmp/out1" "$tmp/err1" -j1 "$@"
    rc1=$rc
    for j in 2 3 8; do
        run "$tmp/out" "$tmp/err" -j$j "$@"
        what="eval -j$j $*"
        [ "$rc" = "$rc1" ] || fail "$what: exit $rc, with -j1 $rc1"
        cmp -s "$tmp/out" "$tmp/out1" || { fail "$what: stdout differs from -j1"; diff "$tmp/out1" "$tmp/out" | head -n 5; }
        cmp -s "$tmp/err" "$tmp/err1" || { fail "$what: stderr differs from -j1"; diff "$tmp/err1" "$tmp/err" | head -n 5; }
    done
}

for fmt in text json csv md html; do
    same_as_one --format=$fmt "$tmp/specs" --actuals "$tmp/all.csv"
    [ "$rc1" = 0 ] || { fail "eval --format=$fmt: exit $rc1"; cat "$tmp/err1"; }
done
same_as_one --format=json "$tmp/specs" --actuals "$tmp/all.csv"
grep -q "\"count\":$nprojects}" "$tmp/out1" || fail "eval --format=json: not \"count\":$nprojects"
same_as_one --format=csv "$tmp/specs" --actuals "$tmp/all.csv"
[ "$(grep -c '^项目,' "$tmp/out1")" = 1 ] || fail "eval --format=csv: not one header"
[ "$(wc -l <"$tmp/out1")" = $((nprojects + 1)) ] || fail "eval --format=csv: not $nprojects rows"
grep -q 'N0501' "$tmp/err1" || fail "eval: no N0501 for the rows of the -nowhere projects"
same_as_one --explain --max-warnings=3 "$tmp/specs/b" "$tmp/specs/a" --actuals "$tmp/all.csv"
same_as_one --strict --format=json "$tmp/specs" --actuals "$tmp/all.csv"
[ "$rc1" = 1 ] || fail "eval --strict: exit $rc1, expected 1 (E0501)"
[ -s "$tmp/out1" ] && fail "eval --strict: a report was written despite the errors"
# -o FILE: the same file, written once
for j in 1 2; do
    "$PGC" eval -j$j -q "$tmp/specs" --actuals "$tmp/all.csv" -o "$tmp/report$j.txt" 2>/dev/null || fail "eval -j$j -o: exit $?"
done
cmp -s "$tmp/report1.txt" "$tmp/report2.txt" || fail "eval -o: -j2's report differs from -j1's"
# a spec with an error among them: exit 1 and no report, as with -j1
printf '项目 坏 {\n    年度 二〇二三\n}\n' >"$tmp/specs/b/zz-bad.pg"
same_as_one "$tmp/specs" --actuals "$tmp/all.csv"
[ "$rc1" = 1 ] || fail "eval with a bad spec: exit $rc1, expected 1"
rm -f "$tmp/specs/b/zz-bad.pg"
# a built evaluator of the same specs: -j2, -j3 as -j1, and as pgc eval
"$PGC" build -q "$tmp/specs" -o "$tmp/ev" >"$tmp/build.out" 2>&1 || { fail "pgc build: exit $?"; cat "$tmp/build.out"; }
for args in "--format=text --explain" "--format=json --explain" "--format=csv" "--strict --format=csv" "--max-warnings=2"; do
    # shellcheck disable=SC2086
    "$tmp/ev" -j1 $args "$tmp/all.csv" >"$tmp/out1" 2>"$tmp/err1"
    rc1=$?
    for j in 2 3; do
        # shellcheck disable=SC2086
        "$tmp/ev" -j$j $args "$tmp/all.csv" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        what="evaluator -j$j $args"
        [ "$rc" = "$rc1" ] || fail "$what: exit $rc, with -j1 $rc1"
        cmp -s "$tmp/out" "$tmp/out1" || { fail "$what: stdout differs from -j1"; diff "$tmp/out1" "$tmp/out" | head -n 5; }
        cmp -s "$tmp/err" "$tmp/err1" || { fail "$what: stderr differs from -j1"; diff "$tmp/err1" "$tmp/err" | head -n 5; }
    done
done
"$tmp/ev" -j2 --format=json --explain "$tmp/all.csv" >"$tmp/out" 2>/dev/null
"$PGC" eval -j1 --format=json --explain "$tmp/specs" --actuals "$tmp/all.csv" >"$tmp/out1" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out1" || fail "evaluator -j2: its report differs from pgc eval's"
"$tmp/ev" --jobs=0 "$tmp/all.csv" >/dev/null 2>"$tmp/err"
[ $? = 2 ] || fail "evaluator --jobs=0: not exit 2"
grep -q -- '--jobs takes a number from 1 to 64' "$tmp/err" || fail "evaluator --jobs=0: no message"
# --jobs
for bad in 0 -1 65 x ''; do
    "$PGC" eval --jobs="$bad" examples/ >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "eval --jobs='$bad': exit $rc, expected 2"
    grep -q -- '--jobs takes a number from 1 to 64' "$tmp/err" || fail "eval --jobs='$bad': no message"
done
[ "$failed" = 0 ] && echo "PASS: pgc eval -j writes what -j1 writes ($nprojects projects, every format)"
exit "$failed"
