#!/bin/sh
# pgc eval on the seven examples and their sample actuals
# (examples/actuals/): each project's 自评表 with --explain, and the whole
# portfolio in every format, compared with the golden reports in
# tests/eval/examples/ (all.txt, all.md, all.json, all.html: with the
# portfolio's summary, dash.c's).  Also: -o writes the same bytes atomically, and the
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
for fmt in text json csv md html; do
    ext=$fmt
    [ "$fmt" = text ] && ext=txt
    "$PGC" eval examples --actuals examples/actuals/all.csv --format $fmt > "$tmp/all.$ext" 2>/dev/null ||
        fail "portfolio eval --format $fmt exited $?"
    cmp -s "$tmp/all.$ext" "tests/eval/examples/all.$ext" ||
        { fail "portfolio report ($fmt) differs"; diff -u "tests/eval/examples/all.$ext" "$tmp/all.$ext" | head -n 30; }
    "$PGC" eval examples --actuals examples/actuals/all.csv --format $fmt -o "$tmp/o.$ext" 2>/dev/null ||
        fail "-o exited $?"
    cmp -s "$tmp/o.$ext" "tests/eval/examples/all.$ext" || fail "-o wrote other bytes ($fmt)"
done
# one project: its form alone, no summary, in every format
for fmt in text json md html; do
    "$PGC" eval examples/交换平台运行费.pg --actuals examples/actuals/all.csv --format $fmt > "$tmp/one" 2>/dev/null
    [ -s "$tmp/one" ] || fail "one project, $fmt: no report"
    grep -q '项目支出绩效自评汇总' "$tmp/one" && fail "one project's $fmt report has a summary"
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
