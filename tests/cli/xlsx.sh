#!/bin/sh
# xlsx.sh — pgc eval and pgc render --format xlsx, read back with openpyxl
# (tests/data/xlsx/read.py).  The 自评表 workbook of the seven examples
# holds what pgc eval prints for the same run: the summary sheet first,
# its figures those of --format csv, then a sheet per project whose every
# figure, text and merged 一级/二级 cell is that of --format json — numbers
# as numbers, exactly (7.14, not 7.140000000000001), with their number
# formats — on A4 with print titles; the 申报表 workbook of the examples
# holds what --format md draws.  Both are compared whole with a golden
# dump of what openpyxl reads (tests/data/xlsx/*.dump).  Sheet names
# Excel would refuse are made valid and unique; -j, -o FILE.xlsx and
# SOURCE_DATE_EPOCH; and the errors: no -o, -o - to a terminal, a
# directory that does not exist, a failing run, a built evaluator —
# each exit 2 (1 for bad actuals) with nothing written and no temporary
# file left; libxlsxwriter is loaded only to write a workbook.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
[ -x $py ] || py=$(command -v python3) || skip "no python3"
$py -c 'import openpyxl' 2>/dev/null || skip "python3-openpyxl is not installed (apt-get install python3-openpyxl)"
tmp=${TMPDIR:-/tmp}/pgc-xlsx.$$
rm -rf "$tmp"
mkdir -p "$tmp/scratch" || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
read=tests/data/xlsx/read.py
data=tests/data/xlsx
acts=examples/actuals/all.csv

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
# pgc's own temporary files go to $tmp/scratch: none may be left there
TMPDIR=$tmp/scratch
export TMPDIR
clean() {
    [ -z "$(ls -A "$tmp/scratch")" ] || { fail "$1 left a temporary file: $(ls -A "$tmp/scratch")"; rm -f "$tmp/scratch"/*; }
}
# run WANT_EXIT ARGS... — runs pgc, keeps stdout and stderr.
run() {
    want=$1
    shift
    last="pgc $*"
    "$PGC" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { fail "$last: exit $got, expected $want"; sed 's/^/    /' "$tmp/err" | head -n 5; }
    clean "$last"
}
has() { grep -q -e "$2" "$tmp/$1" || fail "$last: std$1 lacks '$2'"; }
empty() { [ ! -s "$tmp/$1" ] || { fail "$last: std$1 is not empty"; head -c 300 "$tmp/$1"; echo; }; }
is_xlsx() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = 'PK003004' ] || fail "$last: $1 is no workbook"; }
# same_dump A.xlsx B.xlsx — openpyxl reads the same from both
same_dump() {
    $py $read dump "$1" >"$tmp/d1" && $py $read dump "$2" >"$tmp/d2" && cmp -s "$tmp/d1" "$tmp/d2" ||
        { fail "$last: $2 differs from $1"; diff "$tmp/d1" "$tmp/d2" | head -n 10; }
}

# ---- the 自评表 of the seven examples ----------------------------------------------
"$PGC" eval examples --actuals $acts --format csv >"$tmp/all.csv" 2>/dev/null || fail "eval --format csv: exit $?"
"$PGC" eval examples --actuals $acts --format json >"$tmp/all.json" 2>/dev/null || fail "eval --format json: exit $?"
"$PGC" eval examples --actuals $acts --format csv 2>"$tmp/csv.err" >/dev/null
run 0 eval examples --actuals $acts --format xlsx -o "$tmp/自评表.xlsx"
empty out
cmp -s "$tmp/err" "$tmp/csv.err" || fail "$last: its warnings are not those of --format csv"
is_xlsx "$tmp/自评表.xlsx"
$py $read eval "$tmp/自评表.xlsx" "$tmp/all.csv" "$tmp/all.json" || fail "the 自评表 workbook is not the report"
$py $read dump "$tmp/自评表.xlsx" >"$tmp/eval.dump" || fail "read.py dump: exit $?"
cmp -s $data/eval.dump "$tmp/eval.dump" ||
    { fail "the 自评表 workbook differs from $data/eval.dump"; diff -u $data/eval.dump "$tmp/eval.dump" | head -n 30; }
# --explain: a column 评分说明, the JSON's explanations
"$PGC" eval examples --actuals $acts --explain --format json >"$tmp/explain.json" 2>/dev/null
run 0 eval examples --actuals $acts --explain --format xlsx -o "$tmp/explain.xlsx"
$py $read eval "$tmp/explain.xlsx" "$tmp/all.csv" "$tmp/explain.json" || fail "the --explain workbook is not the report"
grep -q '^J9 评分说明$' "$tmp/eval.dump" && fail "a column 评分说明 without --explain"
$py $read dump "$tmp/explain.xlsx" | grep -q '^J9 评分说明$' || fail "--explain: no column 评分说明"
# one process with -j (the same workbook); -o FILE.xlsx chooses xlsx
run 0 eval -j2 examples --actuals $acts --format xlsx -o "$tmp/j2.xlsx"
same_dump "$tmp/自评表.xlsx" "$tmp/j2.xlsx"
run 0 eval examples --actuals $acts -o "$tmp/chosen.xlsx"
is_xlsx "$tmp/chosen.xlsx"
same_dump "$tmp/自评表.xlsx" "$tmp/chosen.xlsx"
run 0 eval examples --actuals $acts --format csv -o "$tmp/told.xlsx"
cmp -s "$tmp/told.xlsx" "$tmp/all.csv" || fail "$last: --format csv did not win over the .xlsx of -o"
# SOURCE_DATE_EPOCH: the same bytes twice
SOURCE_DATE_EPOCH=1700000000 "$PGC" eval examples --actuals $acts -o "$tmp/r1.xlsx" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$PGC" eval examples --actuals $acts -o "$tmp/r2.xlsx" 2>/dev/null
cmp -s "$tmp/r1.xlsx" "$tmp/r2.xlsx" || fail "SOURCE_DATE_EPOCH: two runs wrote different bytes"
# -o - to a pipe: the workbook on stdout
last='pgc eval --format xlsx -o - | …'
"$PGC" eval examples --actuals $acts --format xlsx -o - 2>/dev/null | cat >"$tmp/piped.xlsx"
is_xlsx "$tmp/piped.xlsx"
same_dump "$tmp/自评表.xlsx" "$tmp/piped.xlsx"

# ---- the 申报表 of the seven examples ----------------------------------------------
"$PGC" render examples --format md >"$tmp/all.md" 2>/dev/null || fail "render --format md: exit $?"
run 0 render examples --format xlsx -o "$tmp/申报表.xlsx"
empty out
has err 'W0404'
$py $read render "$tmp/申报表.xlsx" "$tmp/all.md" || fail "the 申报表 workbook is not the forms"
$py $read dump "$tmp/申报表.xlsx" >"$tmp/render.dump" || fail "read.py dump: exit $?"
cmp -s $data/render.dump "$tmp/render.dump" ||
    { fail "the 申报表 workbook differs from $data/render.dump"; diff -u $data/render.dump "$tmp/render.dump" | head -n 30; }
run 0 render examples -o "$tmp/chosen.xlsx"
same_dump "$tmp/申报表.xlsx" "$tmp/chosen.xlsx"
last='pgc render --format xlsx -o - | …'
"$PGC" render examples --format xlsx -o - 2>/dev/null | cat >"$tmp/piped.xlsx"
same_dump "$tmp/申报表.xlsx" "$tmp/piped.xlsx"

# ---- sheet names Excel would refuse; amounts in 万元, and beyond a double ----------
run 0 eval $data/names.pg -o "$tmp/names.xlsx"
$py $read names "$tmp/names.xlsx" >"$tmp/names.out"
cmp -s $data/names.expected "$tmp/names.out" ||
    { fail "the sheets of names.pg"; diff -u $data/names.expected "$tmp/names.out"; }
run 0 render $data/names.pg -o "$tmp/names-r.xlsx"
# the same names; the 申报表's heading row, repeated on every page, is its 12th
$py $read names "$tmp/names-r.xlsx" >"$tmp/names-r.out"
sed 's/\$9:\$9$/$12:$12/' $data/names.expected | cmp -s - "$tmp/names-r.out" ||
    { fail "render: the sheets of names.pg"; cat "$tmp/names-r.out"; }
$py $read dump "$tmp/names.xlsx" >"$tmp/names.dump"
# sheet S's line L of the dump is there
in_sheet() {
    S="== sheet $1" L=$2 awk '$0 == ENVIRON["S"] { on = 1; next } /^== sheet / { on = 0 }
        on && $0 == ENVIRON["L"] { f = 1 } END { exit !f }' "$tmp/names.dump" || fail "sheet $1 lacks: $2"
}
in_sheet 万元项目 'A5 项目资金\n（万元）'
in_sheet 万元项目 'E6 n:89.97456 [#,##0.00####]'
in_sheet 万元项目 'G6 n:0.9997 [0.00%]'
in_sheet 汇总 'K13 n:899745.6 [#,##0.00]'
in_sheet 大额项目 'E6 12,345,678,901,234.56'
in_sheet 汇总 'K14 12,345,678,901,234.56'

# ---- errors: exit 2, nothing written ------------------------------------------------
run 2 eval examples --actuals $acts --format xlsx
has err '--format xlsx writes a binary file: name it with -o FILE'
has err "Try 'pgc help eval'"
empty out
run 2 render examples --format xlsx
has err '--format xlsx writes a binary file'
empty out
LC_ALL=zh_CN.UTF-8 "$PGC" eval examples --format xlsx 2>"$tmp/err"
grep -q '二进制文件' "$tmp/err" || fail "no -o, in Chinese: $(cat "$tmp/err")"
# -o - to a terminal
$py - "$PGC" >"$tmp/tty.out" <<'EOF'
import os, pty, subprocess, sys
for cmd in (['eval', 'examples', '--actuals', 'examples/actuals/all.csv', '--format', 'xlsx', '-o', '-'],
            ['render', 'examples', '--format', 'xlsx', '-o', '-']):
    m, s = pty.openpty()
    p = subprocess.run([sys.argv[1]] + cmd, stdout=s, stderr=subprocess.PIPE)
    os.close(s)
    os.set_blocking(m, False)
    try:
        written = len(os.read(m, 1 << 16))
    except OSError:
        written = 0
    print(p.returncode, written, p.stderr.decode().splitlines()[-2])
EOF
cat >"$tmp/tty.want" <<'EOF'
2 0 pgc: eval: --format xlsx does not write a binary file to a terminal: name a file with -o FILE, or redirect standard output
2 0 pgc: render: --format xlsx does not write a binary file to a terminal: name a file with -o FILE, or redirect standard output
EOF
cmp -s "$tmp/tty.want" "$tmp/tty.out" || { fail "-o - to a terminal"; diff "$tmp/tty.want" "$tmp/tty.out"; }
clean "-o - to a terminal"
# a directory that does not exist, a directory, /dev/full
for cmd in "eval examples --actuals $acts" "render examples"; do
    # shellcheck disable=SC2086
    run 2 $cmd --format xlsx -o "$tmp/no/such/dir/x.xlsx"
    has err 'its directory does not exist'
    [ -e "$tmp/no" ] && fail "$last: made $tmp/no"
    # shellcheck disable=SC2086
    run 2 $cmd --format xlsx -o "$tmp/scratch"
    has err 'Is a directory'
    if [ -c /dev/full ]; then
        # shellcheck disable=SC2086
        run 2 $cmd --format xlsx -o /dev/full
        has err 'No space left on device'
    fi
    # no temporary directory: said before anything is read
    # shellcheck disable=SC2086
    TMPDIR=$tmp/none "$PGC" $cmd --format xlsx -o "$tmp/x.xlsx" >/dev/null 2>"$tmp/err"
    [ $? = 2 ] && grep -q "cannot make a temporary file in $tmp/none" "$tmp/err" ||
        fail "TMPDIR that does not exist: $(cat "$tmp/err")"
    [ -e "$tmp/x.xlsx" ] && fail "TMPDIR that does not exist: wrote $tmp/x.xlsx"
done
# no libxlsxwriter to load: said, with the package to install
run 0 eval examples --actuals $acts -o "$tmp/x.xlsx"
[ -e "$tmp/x.xlsx" ] || fail "$last: no workbook"
rm -f "$tmp/x.xlsx"
PGC_LIBXLSXWRITER=$tmp/none.so "$PGC" eval examples --actuals $acts -o "$tmp/x.xlsx" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "pgc: eval: --format xlsx needs libxlsxwriter: install the Debian package 'libxlsxwriter4'" "$tmp/err" ||
    fail "no libxlsxwriter: $(cat "$tmp/err")"
[ -e "$tmp/x.xlsx" ] && fail "no libxlsxwriter: wrote $tmp/x.xlsx"
PGC_LIBXLSXWRITER=libz.so.1 "$PGC" render examples -o "$tmp/x.xlsx" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "pgc: render: --format xlsx needs libxlsxwriter: libz.so.1 has no " "$tmp/err" ||
    fail "a library that is not libxlsxwriter: $(cat "$tmp/err")"
# and the other formats, the other commands, never load it
PGC_LIBXLSXWRITER=$tmp/none.so "$PGC" eval examples --actuals $acts --format csv >/dev/null 2>&1 ||
    fail "--format csv loads libxlsxwriter"
ldd "$PGC" 2>/dev/null | grep -q 'libxlsxwriter' && fail "pgc is linked with libxlsxwriter"
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    run 2 eval examples --actuals $acts --format xlsx -o "$tmp/ro/x.xlsx"
    [ -z "$(ls -A "$tmp/ro")" ] || fail "$last: left $(ls -A "$tmp/ro")"
fi
ls "$tmp" | grep -q 'pgc-' && fail "-o left a temporary file beside its target: $(ls "$tmp")"
# a failing run: exit 1, the file there unchanged
echo old >"$tmp/keep.xlsx"
printf '项目,指标,实际完成值\n交换平台运行费,电费缴纳完成率,12 天\n' >"$tmp/bad.csv"
run 1 eval examples/交换平台运行费.pg --actuals "$tmp/bad.csv" --format xlsx -o "$tmp/keep.xlsx"
[ "$(cat "$tmp/keep.xlsx")" = old ] || fail "a failing eval replaced the workbook"
printf '项目 甲 {\n    年度 2023\n}\n' >"$tmp/bad.pg"
run 1 render examples "$tmp/bad.pg" -o "$tmp/keep.xlsx"
[ "$(cat "$tmp/keep.xlsx")" = old ] || fail "a failing render replaced the workbook"
# a built evaluator knows the name, and refuses it
if "$PGC" build examples -o "$tmp/ev" >/dev/null 2>"$tmp/err"; then
    "$tmp/ev" $acts --format xlsx -o "$tmp/ev.xlsx" >"$tmp/out" 2>"$tmp/err"
    [ $? = 2 ] || fail "an evaluator's --format xlsx: not exit 2"
    grep -q 'ev: a built evaluator does not write xlsx' "$tmp/err" || fail "an evaluator's --format xlsx: $(cat "$tmp/err")"
    [ -e "$tmp/ev.xlsx" ] && fail "an evaluator's --format xlsx wrote a file"
    "$tmp/ev" $acts --format pdf 2>"$tmp/err"
    grep -q "unknown format 'pdf' (text, json, csv, md or html)$" "$tmp/err" ||
        fail "an evaluator's formats: $(cat "$tmp/err")"
else
    fail "pgc build examples: $(head -n 3 "$tmp/err")"
fi
clean "the errors"
exit $failed
