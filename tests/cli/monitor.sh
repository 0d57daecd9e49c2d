#!/bin/sh
# monitor.sh — pgc monitor, the 执行监控表 of mid-year monitoring.
#
#   The seed project 敬老卡制作费 after 6 months (examples/actuals/
#   monitor-06.csv): spending at 30% of its budget (序时进度 50%), a count on
#   pace for 70% of its target, a rate above its ≥ target, one indicator
#   marked 完全不可能 — the budget row and that indicator are 红, the
#   count is 红, the rate 绿, each with its arithmetic in --explain
#   (golden monitor.out, text); the other six projects are 未填报, and the
#   portfolio's dashboard (lights, the rates' histogram, the furthest
#   behind, subtotals) ends the text report;
#   json, csv, md and html say the same lights, and so does the workbook
#   (-o FILE.xlsx, read back with openpyxl: a summary sheet, numbers as
#   numbers with their formats, the lights coloured, merged 一级 cells);
#   the same figures as 监控 blocks (tests/data/monitor/blocks.pg), given
#   with --actuals or beside the project, monitor the same, and pgc fmt
#   keeps them;
#   a built evaluator's --monitor prints the same bytes in every format,
#   and pgc build --monitor-scheme carries a user's 监控方案 into it;
#   a user's 监控方案 (--scheme) moves the lights; a broken one is refused;
#   bad mid-year actuals are reported at their cells (monitor-bad.err:
#   a year-end row, a 完成目标可能性 of no kind, a forecast in the wrong
#   unit, a reason of no kind, spending out of order, lights without a
#   reason), and year-end actuals refuse the monitoring rows (E0514), as
#   pgc check does in 实际 and 监控 blocks, with their attributes;
#   --through is 1 to 12.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
tmp=${TMPDIR:-/tmp}/pgc-monitor.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
golden() {      # golden FILE GOT WHAT
    cmp -s "tests/cli/$1" "$2" || { fail "$3: differs from tests/cli/$1"; diff -u "tests/cli/$1" "$2" | head -n 40; }
}
d=tests/data/monitor
m6=examples/actuals/monitor-06.csv

# the done-when case, as text with its explanations
"$PGC" monitor -q examples --actuals $m6 --through 6 --explain >"$tmp/m.out" 2>"$tmp/m.err"
st=$?
[ $st = 0 ] || fail "pgc monitor examples: exit $st: $(head -n 5 "$tmp/m.err")"
golden monitor.out "$tmp/m.out" "the 执行监控表 after 6 months"

# every light as json: the case's, and 未填报 for the other six
"$PGC" monitor -q examples -a $m6 -n 6 -f json -e >"$tmp/m.json" 2>/dev/null || fail "--format json: exit $?"
"$py" - "$tmp/m.json" <<'EOF' || fail "the lights in json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["through"] == 6 and d["count"] == 7, (d["through"], d["count"])
ps = {p["project"]: p for p in d["projects"]}
for name, p in ps.items():
    if name != "敬老卡制作费":
        assert not p["reported"] and p["light"] == "未填报", name
p = ps["敬老卡制作费"]
f = p["funds"]
assert f["light"] == "红" and f["rate"] == 30 and f["pace"] == 50, f
assert "落后 20.00 个百分点" in f["explain"], f["explain"]
ind = {i["name"]: i for i in p["indicators"]}
assert ind["敬老卡制发卡数量"]["light"] in ("黄", "红"), ind["敬老卡制发卡数量"]
assert ind["敬老卡制发卡数量"]["gap_points"] == 30, ind["敬老卡制发卡数量"]
assert "按序时" in ind["敬老卡制发卡数量"]["explain"]
assert ind["敬老卡一次合格率"]["light"] == "绿", ind["敬老卡一次合格率"]
assert ind["市民满意度"]["light"] == "红" and "完全不可能" in ind["市民满意度"]["explain"]
assert ind["市民满意度"]["reason_kind"] == "人员保障"
assert p["light"] == "红" and p["counts"] == {"绿": 8, "黄": 0, "红": 2, "未填报": 0}, p["counts"]
EOF
"$PGC" monitor -q examples -a $m6 -n 6 -f csv >"$tmp/m.csv" 2>/dev/null || fail "--format csv: exit $?"
grep -q '^敬老卡制作费,预算执行,"3,353,000.00","1,005,900.00",30.00%,"2,011,800.00",,红,' "$tmp/m.csv" ||
    fail "the csv's funds row: $(grep 预算执行 "$tmp/m.csv")"
[ "$(grep -c ',未填报,' "$tmp/m.csv")" = 6 ] || fail "the csv has not six 未填报 projects"
"$PGC" monitor -q examples -a $m6 -n 6 -f md >"$tmp/m.md" 2>/dev/null || fail "--format md: exit $?"
grep -q '| 市民满意度 | ≥ 90% |  | 85% | 完全不可能 | 红 |' "$tmp/m.md" || fail "the md's 市民满意度 row"
"$PGC" monitor -q examples -a $m6 -n 6 -f html >"$tmp/m.html" 2>/dev/null || fail "--format html: exit $?"
[ "$(grep -o 'class="light red"' "$tmp/m.html" | wc -l)" = 4 ] || fail "the html has not 4 red lights"

# the workbook: a summary sheet, then a sheet per project; numbers as numbers, lights coloured
if "$py" -c 'import openpyxl' 2>/dev/null; then
    "$PGC" monitor -q examples -a $m6 -n 6 -o "$tmp/m.xlsx" 2>/dev/null || fail "-o m.xlsx: exit $?"
    "$py" - "$tmp/m.xlsx" <<'EOF' || fail "the workbook as openpyxl reads it"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[0] == "汇总" and len(wb.sheetnames) == 8, wb.sheetnames
s = wb["汇总"]
rows = {r[0]: r for r in s.iter_rows(min_row=4, values_only=True)}
head = [c.value for c in s[3]]
assert head[:7] == ["项目", "主管部门", "实施单位", "年度", "预警", "执行率", "序时进度"], head
r = rows["敬老卡制作费"]
assert r[4] == "红" and r[5] == 0.3 and r[6] == 0.5 and r[7] == 1005900 and r[12] == 2, r
assert sum(1 for x in rows.values() if x[4] == "未填报") == 6
j = wb["敬老卡制作费"]
assert j["B6"].value == 3353000 and j["B6"].number_format == "#,##0.00", j["B6"].value
assert j["E6"].value == 0.3 and j["E6"].number_format == "0.00%"
assert j["H6"].value == "红" and j["H6"].fill.fgColor.rgb.endswith("EF9A9A"), j["H6"].fill.fgColor.rgb
lights = {j.cell(row=k, column=3).value: j.cell(row=k, column=8) for k in range(8, 18)}
assert lights["敬老卡一次合格率"].value == "绿" and lights["敬老卡一次合格率"].fill.fgColor.rgb.endswith("C8E6C9")
assert lights["市民满意度"].value == "红" and lights["敬老卡制发卡数量"].value == "红"
assert "A8:A12" in [str(m) for m in j.merged_cells.ranges]
EOF
else
    [ "${CI-}" = true ] && fail "under CI=true python3-openpyxl must be installed"
    echo "note: python3-openpyxl is not installed: the workbook not read back"
fi

# a user's 监控方案: 20 points behind is 黄 under 宽松
"$PGC" monitor -q examples/敬老卡制作费.pg $d/lenient.pg --scheme 宽松 -a $m6 -n 6 -f json \
    >"$tmp/l.json" 2>/dev/null || fail "--scheme 宽松: exit $?"
grep -q '"light":"黄"}' "$tmp/l.json" || fail "under 宽松 the funds are not 黄"
"$PGC" monitor -q examples -s 没有 -a $m6 -n 6 >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown 监控方案 is not a usage error"

# a built evaluator monitors byte for byte as pgc
"$PGC" build examples -o "$tmp/ev" >/dev/null 2>"$tmp/build.err"
if [ $? = 2 ] && grep -q 'cannot compile' "$tmp/build.err"; then
    echo "note: pgc build cannot compile here: the evaluator's --monitor not compared"
    [ "${CI-}" = true ] && fail "under CI=true pgc build must work: $(cat "$tmp/build.err")"
else
    for f in text json csv md html; do
        "$PGC" monitor -q examples -a $m6 -n 6 -e -f $f >"$tmp/p.$f" 2>/dev/null
        "$tmp/ev" --monitor --through 6 -e -f $f $m6 >"$tmp/e.$f" 2>"$tmp/e.err" ||
            fail "evaluator --monitor -f $f: exit $?: $(head -n 3 "$tmp/e.err")"
        cmp -s "$tmp/p.$f" "$tmp/e.$f" || fail "evaluator --monitor -f $f differs from pgc monitor"
    done
    "$tmp/ev" --monitor $m6 >/dev/null 2>&1
    [ $? = 2 ] || fail "evaluator --monitor without --through is not a usage error"
    "$PGC" build -q examples/敬老卡制作费.pg $d/lenient.pg --monitor-scheme 宽松 -o "$tmp/ev2" 2>/dev/null ||
        fail "pgc build --monitor-scheme 宽松: exit $?"
    "$tmp/ev2" --monitor -n 6 -f json $m6 2>/dev/null | grep -q '"light":"黄"}' ||
        fail "the evaluator built with 宽松 does not light the funds 黄"
fi

# 监控 blocks: the same figures in .pg, beside the project or given with --actuals
"$PGC" monitor -q examples/敬老卡制作费.pg -a $m6 -n 6 -e -f json >"$tmp/csv.json" 2>/dev/null
"$PGC" monitor -q examples/敬老卡制作费.pg -a $d/blocks.pg -n 6 -e -f json >"$tmp/blk.json" 2>/dev/null ||
    fail "--actuals blocks.pg: exit $?"
cmp -s "$tmp/csv.json" "$tmp/blk.json" || fail "the 监控 blocks of blocks.pg do not monitor as monitor-06.csv"
cat examples/敬老卡制作费.pg $d/blocks.pg >"$tmp/jlk.pg"
"$PGC" check "$tmp/jlk.pg" >/dev/null 2>&1 || fail "pgc check: a project with its 监控 block: exit $?"
"$PGC" monitor -q "$tmp/jlk.pg" -n 6 -e -f json >"$tmp/beside.json" 2>/dev/null || fail "a 监控 block beside: exit $?"
cmp -s "$tmp/csv.json" "$tmp/beside.json" || fail "the 监控 block beside the project does not monitor as the CSV"
"$PGC" fmt "$tmp/jlk.pg" >"$tmp/fmt.pg" && "$PGC" monitor -q "$tmp/fmt.pg" -n 6 -e -f json >"$tmp/fmt.json" 2>/dev/null &&
    cmp -s "$tmp/csv.json" "$tmp/fmt.json" || fail "pgc fmt changes what a 监控 block says"

# bad mid-year actuals, and a broken 监控方案
langs=C
[ "${PGC_NLS-}" = yes ] && langs="C zh_CN.UTF-8"
for lang in $langs; do
    sfx=err
    [ $lang = C ] || sfx=zh.err
    {
        LC_ALL=$lang "$PGC" monitor -q examples/敬老卡制作费.pg -n 6 -a $d/bad.csv
        echo "exit $?"
        LC_ALL=$lang "$PGC" monitor -q examples/敬老卡制作费.pg $d/broken.pg -n 6 -a $m6
        echo "exit $?"
        LC_ALL=$lang "$PGC" eval -q examples/敬老卡制作费.pg -a $m6 2>&1 | grep -A 3 E0514
        cat examples/敬老卡制作费.pg $d/bad-block.pg >"$tmp/blocks.pg"
        (cd "$tmp" && LC_ALL=$lang "$PGC" check blocks.pg)
        echo "exit $?"
    } >"$tmp/bad.$sfx" 2>&1
    golden monitor-bad.$sfx "$tmp/bad.$sfx" "bad mid-year actuals ($lang)"
done

# --through
for n in 0 13 x 6x; do
    "$PGC" monitor examples -a $m6 --through $n >/dev/null 2>"$tmp/u.err"
    [ $? = 2 ] && grep -q "1 to 12" "$tmp/u.err" || fail "--through $n: $(cat "$tmp/u.err")"
done
"$PGC" monitor examples -a $m6 >/dev/null 2>"$tmp/u.err"
[ $? = 2 ] && grep -q "no --through" "$tmp/u.err" || fail "no --through: $(cat "$tmp/u.err")"
exit $failed
