#!/bin/sh
# template-xlsx.sh — the actuals to fill in, as a workbook, and read back.
#
#   pgc eval --emit=template --format xlsx and a built evaluator's
#   --template --format xlsx write the same bytes (as their CSV templates
#   are the same), and openpyxl sees what a unit sees (tests/data/office/
#   template.py check; golden template-xlsx.out): one sheet, targets locked,
#   the cells to fill in shaded and open, a drop-down of each qualitative
#   target's scale, frozen and printed header, A4 landscape;
#   filled in by openpyxl from examples/actuals/all.csv as a person types
#   into Excel (figures as text, rates as numbers with a percent format,
#   全年执行数 as a number with #,##0.00, a text target's 得分), it scores
#   byte for byte as the CSV does, by the interpreter, the JIT and the
#   evaluator;
#   a bad figure is reported at its sheet and cell (template-xlsx.err), by
#   pgc and the evaluator alike; a document, or a second sheet, is said so.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
"$py" -c 'import openpyxl' 2>/dev/null || skip "python3-openpyxl is not installed"
tmp=${TMPDIR:-/tmp}/pgc-template-xlsx.$$
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

"$PGC" build examples -o "$tmp/ev" >/dev/null 2>"$tmp/build.err"
if [ $? = 2 ] && grep -q 'cannot compile' "$tmp/build.err"; then
    skip "$(cat "$tmp/build.err")"
fi
[ -x "$tmp/ev" ] || { fail "pgc build examples: $(cat "$tmp/build.err")"; exit 1; }

# the same template from pgc and from the evaluator, CSV and workbook
"$PGC" eval examples --emit=template >"$tmp/t1.csv" 2>/dev/null || fail "pgc eval --emit=template: exit $?"
"$tmp/ev" --template >"$tmp/t2.csv" || fail "evaluator --template: exit $?"
cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || fail "the CSV templates of pgc and the evaluator differ"
head -n 1 "$tmp/t1.csv" | grep -q '^项目,一级指标,二级指标,指标,年度指标值,实际完成值,分值,得分,偏差原因' ||
    fail "the CSV template's header: $(head -n 1 "$tmp/t1.csv")"
"$PGC" eval examples --emit=template --format xlsx -o "$tmp/t1.xlsx" 2>/dev/null || fail "pgc eval --emit=template --format xlsx: exit $?"
"$tmp/ev" --template --format xlsx -o "$tmp/t2.xlsx" || fail "evaluator --template --format xlsx: exit $?"
cmp -s "$tmp/t1.xlsx" "$tmp/t2.xlsx" || fail "the workbook templates of pgc and the evaluator differ"
"$py" tests/data/office/template.py check "$tmp/t1.xlsx" >"$tmp/check.out" || fail "openpyxl cannot read the template"
golden template-xlsx.out "$tmp/check.out" "the template as openpyxl reads it"

# filled in as a person does, it scores as the CSV
"$py" tests/data/office/template.py fill "$tmp/t1.xlsx" examples/actuals/all.csv "$tmp/filled.xlsx" || exit 99
"$PGC" eval examples --actuals examples/actuals/all.csv >"$tmp/csv.out" 2>/dev/null
for engine in interp jit; do
    "$PGC" eval examples --engine=$engine --actuals "$tmp/filled.xlsx" >"$tmp/x.out" 2>/dev/null
    rc=$?
    [ "$rc" = 0 ] || fail "pgc eval --engine=$engine --actuals filled.xlsx: exit $rc"
    cmp -s "$tmp/csv.out" "$tmp/x.out" || { fail "--engine=$engine: the filled-in workbook scores otherwise than all.csv"; diff "$tmp/csv.out" "$tmp/x.out" | head -n 10; }
done
"$tmp/ev" "$tmp/filled.xlsx" >"$tmp/ev.out" || fail "evaluator filled.xlsx: exit $?"
cmp -s "$tmp/csv.out" "$tmp/ev.out" || { fail "the evaluator scores the workbook otherwise than all.csv"; diff "$tmp/csv.out" "$tmp/ev.out" | head -n 10; }
for f in json csv; do
    "$PGC" eval examples --actuals examples/actuals/all.csv --format $f >"$tmp/a.$f" 2>/dev/null
    "$tmp/ev" --format $f "$tmp/filled.xlsx" >"$tmp/b.$f"
    cmp -s "$tmp/a.$f" "$tmp/b.$f" || fail "--format $f: the workbook and the CSV differ"
done

# a bad figure, at its cell
"$py" - "$tmp/filled.xlsx" "$tmp/bad.xlsx" <<'PY' || exit 99
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
ws["F3"].value = "百分之百"
ws["F3"].data_type = "s"
wb.create_sheet("备注")["A1"] = "填报说明"
wb.save(sys.argv[2])
PY
(cd "$tmp" && "$PGC" eval "$TOP_SRCDIR/examples" --actuals bad.xlsx) >/dev/null 2>"$tmp/bad.err"
[ $? = 1 ] || fail "pgc eval --actuals bad.xlsx: expected exit 1"
# (the workbook's diagnostics: pgc eval says the specs' warnings too, which the evaluator leaves to pgc build)
awk '/^bad\.xlsx/ { on = 1; print; next } /^[^ ]/ { on = 0 } on' "$tmp/bad.err" >"$tmp/bad.mine"
golden template-xlsx.err "$tmp/bad.mine" "a bad figure in the workbook"
if [ "${PGC_NLS-}" = yes ]; then
    (cd "$tmp" && LC_ALL=zh_CN.UTF-8 "$PGC" eval "$TOP_SRCDIR/examples" --actuals bad.xlsx) >/dev/null 2>"$tmp/bad.err"
    awk '/^bad\.xlsx/ { on = 1; print; next } /^[^ ]/ { on = 0 } on' "$tmp/bad.err" >"$tmp/bad.zh"
    golden template-xlsx.zh.err "$tmp/bad.zh" "a bad figure in the workbook, under zh_CN"
fi
(cd "$tmp" && ./ev bad.xlsx) >/dev/null 2>"$tmp/ev.err"
[ $? = 1 ] || fail "evaluator bad.xlsx: expected exit 1"
cmp -s "$tmp/bad.mine" "$tmp/ev.err" || { fail "the evaluator reports the bad workbook otherwise"; diff "$tmp/bad.mine" "$tmp/ev.err" | head; }

# usage
"$tmp/ev" --template --format xlsx >/dev/null 2>"$tmp/u.err"
[ $? = 2 ] && grep -q 'name it with -o FILE.xlsx' "$tmp/u.err" || fail "--template --format xlsx without -o: $(cat "$tmp/u.err")"
"$tmp/ev" --format xlsx "$tmp/filled.xlsx" >/dev/null 2>"$tmp/u.err"
[ $? = 2 ] && grep -q 'does not write xlsx' "$tmp/u.err" || fail "evaluator --format xlsx: $(cat "$tmp/u.err")"
"$py" -c 'import docx' 2>/dev/null && {
    "$py" -c 'import sys, docx; d = docx.Document(); d.add_paragraph("项目"); d.save(sys.argv[1])' "$tmp/doc.docx"
    "$tmp/ev" "$tmp/doc.docx" >/dev/null 2>"$tmp/d.err"
    [ $? = 1 ] && grep -q 'actuals come as a workbook (.xlsx) or as CSV, not as a document \[E0714\]' "$tmp/d.err" ||
        fail "a document as actuals: $(cat "$tmp/d.err")"
}
exit $failed
