#!/bin/sh
# import-zpb.sh — a 自评表 imported is scored by `pgc eval` with no other file.
#
# Each tests/import/zpb-*.txt is a 项目支出绩效自评表 as Word, WPS or Excel
# paste it (import-cases.sh holds the .pg files it must give).  Here each
# is imported into a directory of its own, and `pgc eval DIR` must
#   exit 0 (the targets and the 实际 block check: no error);
#   give the 总分 the 自评表 publishes (98.62 for the example of the brief,
#     zpb-putuo.txt), compared as numbers (97.8 is 97.80);
#   audit the published figures: W0505 where the published 执行率 is wrong
#     (zpb-yuan.txt: 93.00% for 460,000.00 ÷ 500,000.00 = 92.00%), with its
#     line under 与公布数不符, and no W0503/W0505 where they are right.
# All of them in one directory score together; zpb-defects.csv, whose
# figures cannot all be read, is an import error (exit 1) and is not scored.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-import-zpb.$$
rm -rf "$tmp"
mkdir -p "$tmp/all" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# published FILE — the 总分 the pasted 自评表 prints: its 总分 row's last figure
published() {
    awk -F'\t' '$1 == "总分" { for (i = NF; i > 0; i--) if ($i != "") { print $i; break } }' "$1"
}
# reported FILE — the 总分 of a text report: its 总分 row's last figure
reported() {
    awk '$1 == "总分" { print $NF }' "$1"
}
# same A B — whether two decimals are equal as numbers
same() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && b != "" && a + 0 == b + 0) }'
}

n=0
for input in tests/import/zpb-*.txt; do
    n=$((n + 1))
    name=$(basename "$input" .txt)
    out=$tmp/$name
    "$PGC" import "$input" -o "$out" 2>"$tmp/import.err"
    rc=$?
    [ "$rc" = 0 ] || { fail "$input: pgc import exit $rc, expected 0"; sed 's/^/    /' "$tmp/import.err"; continue; }
    cp "$out"/*.pg "$tmp/all/" || exit 99
    "$PGC" eval "$out" >"$tmp/report" 2>"$tmp/eval.err"
    rc=$?
    [ "$rc" = 0 ] || { fail "$input: pgc eval exit $rc, expected 0"; sed 's/^/    /' "$tmp/eval.err" | head -n 20; }
    want=$(published "$input")
    got=$(reported "$tmp/report")
    same "$want" "$got" || fail "$input: pgc eval gives 总分 '$got', the 自评表 publishes '$want'"
    case $name in
    zpb-putuo)
        [ "$got" = 98.62 ] || fail "$input: 总分 '$got', expected 98.62" ;;
    zpb-yuan)
        grep -q 'published 执行率 93.00%, but 460,000.00 ÷ 500,000.00 = 92.00% \[W0505\]' "$tmp/eval.err" ||
            fail "$input: no W0505 for the published 执行率 93.00%"
        grep -q '^  执行率  公布 93.00%，按规则 92.00%' "$tmp/report" ||
            fail "$input: the report does not list the 执行率 under 与公布数不符" ;;
    *)
        if grep -q 'W050[35]' "$tmp/eval.err"; then
            fail "$input: published figures reported as wrong:"
            grep 'W050[35]' "$tmp/eval.err" | sed 's/^/    /'
        fi ;;
    esac
done
[ "$n" -ge 3 ] || fail "only $n 自评表 in tests/import/"

# all of them in one directory: one report each, the same totals
"$PGC" eval "$tmp/all" >"$tmp/report" 2>"$tmp/eval.err" || fail "pgc eval of all the 自评表: exit $?"
[ "$(reported "$tmp/report" | wc -l)" -eq "$n" ] || fail "pgc eval of all the 自评表: not $n reports"

# a published table (上海普陀 2022, doc/published-tables.md): its 总分 is
# reproduced, and its 执行率 86.19% flagged as its own error
pub=tests/import/pub-shanghai-putuo-tiyu.txt
"$PGC" import "$pub" -o "$tmp/pub" 2>/dev/null || fail "$pub: pgc import exit $?"
"$PGC" eval "$tmp/pub" >"$tmp/report" 2>"$tmp/eval.err" || fail "$pub: pgc eval exit $?"
same "$(published "$pub")" "$(reported "$tmp/report")" ||
    fail "$pub: 总分 '$(reported "$tmp/report")', the table publishes '$(published "$pub")'"
grep -q 'published 执行率 86.19%, but 215,457.60 ÷ 250,000.00 = 86.18% \[W0505\]' "$tmp/eval.err" ||
    fail "$pub: no W0505 for the published 执行率 86.19%"

# a 自评表 whose figures cannot be read: an import error, and no score
"$PGC" import tests/import/zpb-defects.csv -o "$tmp/defects" 2>/dev/null
rc=$?
[ "$rc" = 1 ] || fail "zpb-defects.csv: pgc import exit $rc, expected 1"
"$PGC" eval "$tmp/defects" >/dev/null 2>&1
rc=$?
[ "$rc" = 1 ] || fail "zpb-defects.csv: pgc eval exit $rc, expected 1"
exit $failed
