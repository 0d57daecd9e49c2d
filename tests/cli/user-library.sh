#!/bin/sh
# user-library.sh — schemes, scales and units declared in the user's own
# files (tests/data/userlib/), beside the projects that use them:
#   - a 评分方案 in a file of the directory changes the grades of the
#     projects that name it (方案 本区方案: 优 ≥ 95, so 85.00 is 良 where
#     the default scheme says 优), its rule reads 年初预算数, and its
#     等级 and 单位 are the projects' words and units;
#   - 权重 按表 takes the form's 分值 as given and checks their total;
#   - the same through pgc build, and pgc check -j (workers) and -j1 agree;
#   - without the scheme's file, the project's 方案 is an error (E0309);
#   - a name of the standard library declared again (a scheme, a word) is
#     an error with the rule as hint, exit 1, nothing scored;
#   - a scheme of a project file cannot be 默认.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-userlib.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
status=0
fail() { echo "FAIL: $*"; status=1; }
d=tests/data/userlib/district

"$PGC" eval --explain "$d" >"$tmp/out" 2>"$tmp/err" || fail "pgc eval $d exited $?: $(head -n 3 "$tmp/err")"
[ -s "$tmp/err" ] && fail "pgc eval $d said: $(head -n 3 "$tmp/err")"
grep -q '^评分方案  本区方案$' "$tmp/out" || fail "保洁项目 not scored by 本区方案"
grep -q '^评分方案  按表方案$' "$tmp/out" || fail "按表项目 not scored by 按表方案"
# 保洁项目: 产出 60 (保洁工日 30 + 保洁覆盖 基本覆盖 0.5 × 30 = 15), 效益 30, 满意度 10, 执行率 0
awk '/^项目名称  保洁项目/ { p = 1 } /^项目名称  按表项目/ { p = 0 } p && /^等级/' "$tmp/out" >"$tmp/g1"
[ "$(cat "$tmp/g1")" = "等级  良" ] || fail "保洁项目: want 等级 良 (85.00 under 本区方案), got $(cat "$tmp/g1")"
grep -q '最小(全年执行数 ÷ 年初预算数, 1) = 0 × 最小(80,000.00 ÷ 100,000.00, 1)' "$tmp/out" ||
    fail "the 执行率 rule did not read 年初预算数"
grep -q '保洁覆盖  定性: 实际 基本覆盖（部分达成，系数 0.5）' "$tmp/out" || fail "the user's 等级 覆盖 was not used"
awk '/^项目名称  按表项目/ { p = 1 } p && /^总分/' "$tmp/out" | grep -q '100.00  94.00' ||
    fail "按表项目: want 总分 94.00 of 100 with the form's 分值"

# the default scheme, for comparison: the same project without 方案 is 优
mkdir -p "$tmp/plain"
sed '/^    方案 /d' "$d/保洁项目.pg" >"$tmp/plain/保洁项目.pg"
cp "$d/本区方案.pg" "$tmp/plain/"
"$PGC" eval "$tmp/plain" 2>/dev/null | grep -q '^等级  优$' || fail "without 方案 the default scheme should give 优"

# a built evaluator scores as pgc eval does
"$PGC" eval --emit=actuals "$d" >"$tmp/a.csv" 2>/dev/null || fail "--emit=actuals failed"
"$PGC" eval "$d" --actuals "$tmp/a.csv" >"$tmp/e.out" 2>"$tmp/e.err" || fail "pgc eval --actuals exited $?"
if "$PGC" build "$d" -o "$tmp/ev" >/dev/null 2>"$tmp/b.err"; then
    "$tmp/ev" "$tmp/a.csv" >"$tmp/b.out" 2>&1 || fail "the evaluator exited $?"
    cmp -s "$tmp/e.out" "$tmp/b.out" || { fail "built evaluator ≠ pgc eval"; diff "$tmp/e.out" "$tmp/b.out" | head; }
elif grep -q 'cannot compile' "$tmp/b.err"; then
    echo "note: libgccjit cannot compile here; pgc build not compared"
else
    fail "pgc build $d: $(head -n 3 "$tmp/b.err")"
fi

# check: workers and one process
"$PGC" check -j2 "$d" 2>"$tmp/c2" || fail "pgc check -j2 $d exited $?: $(head -n 3 "$tmp/c2")"
"$PGC" check -j1 "$d" 2>"$tmp/c1" || fail "pgc check -j1 $d exited $?: $(head -n 3 "$tmp/c1")"

# the project alone: its 方案 and unit are unknown
cp "$d/保洁项目.pg" "$tmp/alone.pg"
"$PGC" check "$tmp/alone.pg" 2>"$tmp/err"
[ $? = 1 ] || fail "a project whose scheme's file is missing should fail"
grep -q 'no 评分方案 named “本区方案” \[E0309\]' "$tmp/err" || fail "no E0309 for the missing scheme"

# names of the standard library are taken
"$PGC" eval tests/data/userlib/clash "$d" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "a clash with the standard library should exit 1"
[ -s "$tmp/out" ] && fail "a run with library errors wrote a report"
grep -q '评分方案 “自评2020” is declared twice \[E0601\]' "$tmp/err" || fail "no E0601 for the scheme 自评2020"
grep -q 'the word “稳定” is on two scales \[E0601\]' "$tmp/err" || fail "no E0601 for the word 稳定"
grep -q 'hint: the names of the standard library and of the other input files are taken' "$tmp/err" ||
    fail "no hint for the clash"
[ "$(grep -c 'E0601' "$tmp/err")" = 2 ] || fail "want two E0601, got: $(grep -c E0601 "$tmp/err")"
tail -n 1 "$tmp/err" | grep -q '^pgc: the library declarations of the input files have errors$' ||
    fail "no closing line: $(tail -n 1 "$tmp/err")"

# a project file's scheme cannot be 默认
sed 's/^评分方案 本区方案 {/评分方案 新默认 {\n    默认 是/; /^评分方案 按表方案/,$d' "$d/本区方案.pg" >"$tmp/default.pg"
"$PGC" check "$tmp/default.pg" 2>"$tmp/err"
[ $? = 1 ] || fail "a 默认 scheme in a project file should exit 1"
grep -q '评分方案 “新默认” of a project file cannot be 默认 \[E0601\]' "$tmp/err" || fail "no E0601 for 默认: $(head -n 2 "$tmp/err")"
exit $status
