#!/bin/sh
# pgc eval on the seven examples and their sample actuals
# (examples/actuals/): each project's 自评表 with --explain, and the whole
# portfolio in every format, compared with the golden reports in
# tests/eval/examples/.  Also: -o writes the same bytes atomically, and the
# report of a failing run is not written at all.
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-evex.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
for f in examples/*.pg; do
    n=$(basename "$f" .pg)
    "$PGC" eval "$f" --actuals "examples/actuals/$n.csv" --explain > "$tmp/out" 2>/dev/null ||
        fail "pgc eval $f exited $?"
    cmp -s "$tmp/out" "tests/eval/examples/$n.txt" ||
        { fail "report of $n differs"; diff -u "tests/eval/examples/$n.txt" "$tmp/out" | head -n 30; }
done
for fmt in json csv md html; do
    "$PGC" eval examples --actuals examples/actuals/all.csv --format $fmt > "$tmp/all.$fmt" 2>/dev/null ||
        fail "portfolio eval --format $fmt exited $?"
    cmp -s "$tmp/all.$fmt" "tests/eval/examples/all.$fmt" ||
        { fail "portfolio report ($fmt) differs"; diff -u "tests/eval/examples/all.$fmt" "$tmp/all.$fmt" | head -n 30; }
    "$PGC" eval examples --actuals examples/actuals/all.csv --format $fmt -o "$tmp/o.$fmt" 2>/dev/null ||
        fail "-o exited $?"
    cmp -s "$tmp/o.$fmt" "tests/eval/examples/all.$fmt" || fail "-o wrote other bytes ($fmt)"
done
# a failing run writes nothing, not even over an existing file
echo old > "$tmp/keep.csv"
printf '项目,指标,实际完成值\n交换平台运行费,电费缴纳完成率,12 天\n' > "$tmp/bad.csv"
"$PGC" eval examples/交换平台运行费.pg --actuals "$tmp/bad.csv" -o "$tmp/keep.csv" 2>/dev/null
[ $? -eq 1 ] || fail "eval with bad actuals should exit 1"
[ "$(cat "$tmp/keep.csv")" = old ] || fail "a failing eval replaced the output file"
"$PGC" eval examples/交换平台运行费.pg --actuals "$tmp/bad.csv" > "$tmp/stdout" 2>/dev/null
[ -s "$tmp/stdout" ] && fail "a failing eval printed a report"
exit $status
