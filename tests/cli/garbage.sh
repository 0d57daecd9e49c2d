#!/bin/sh
# garbage.sh — pgc on hostile input: huge, deep, binary, malformed.
#
# Every input is generated here, in a temporary directory.  For each, pgc
# must end (within 20 s) with exit 0, 1 or 2 — never 70 (an internal
# error) nor a signal — and when it exits 1 it must have said where, with
# a file:line:col: diagnostic.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-garbage.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
LC_ALL=C
export LC_ALL

if command -v timeout >/dev/null 2>&1; then
    limit='timeout 20'
else
    limit=
fi

# rep N TEXT — TEXT repeated N times (tests/bad/lib.sh)
. "$TOP_SRCDIR/tests/bad/lib.sh"

header='项目 垃圾 {
    年度 2023
    主管部门 上海市公安局
    实施单位 上海市社会保障卡服务中心
    计划开始日期 2023-01-01
    计划完成日期 2023-12-31
    年度总体目标 "测试"
'
funds() {
    printf '    资金 {\n        年度资金申请总额 %s 元\n        当年财政拨款 %s 元\n    }\n' "$1" "$1"
}
footer='    产出指标 { 数量指标 { 指标 完成数 = 1 个 } }
    效益指标 { 社会效益指标 { 指标 稳定性 = 稳定 } }
    满意度指标 { 服务对象满意度指标 { 指标 市民满意度 ≥ 90% } }
}
'

# ---- the inputs ----------------------------------------------------------

rep 100000 '{' >open-braces.pg
rep 100000 '}' >close-braces.pg
rep 100000 '(' >open-parens.pg
{ printf '项目 '; rep 2000000 'a'; printf ' {\n}\n'; } >long-name.pg
{ printf '%s    年度总体目标 "' "$header"; rep 2000000 '长'; printf '"\n'; } >long-string.pg
{ rep 2000000 '#'; printf '\n'; } >long-comment.pg
{ rep 400000 'a = 1 '; printf '\n'; } >long-statement.pg
{ printf '%s' "$header"; funds 1; printf '    项目性质 \000\000\000\n    \000\n'; printf '%s' "$footer"; } >nul-bytes.pg
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%c", 0 }' >only-nul.pg
# invalid UTF-8: stray continuation bytes, bytes that never occur, a
# Latin-1 text, overlong forms of "/" and "{", UTF-16 surrogates, code
# points above U+10FFFF, a sequence cut short at the end of the file
{
    printf '%s' "$header"
    printf '    项目性质 \200\277 \376\377 caf\351\n'
    printf '    项目类别 \300\257 \340\200\257 \360\200\200\257 \301\273\n'
    printf '    联系人 \355\240\200\355\260\200 \364\220\200\200 \370\210\200\200\200\n'
    printf '    "\300\257" \342\200\n'
    funds 1
    printf '%s' "$footer"
    printf '\344\270'
} >invalid-utf8.pg
printf '\377\376\000a\000b\000' >utf16.pg
{ printf '%s' "$header"; funds 1234567890123456789012345678901234567890; printf '%s' "$footer"; } >amount-40-digits.pg
{ printf '%s' "$header"; funds 1234567890123456789012345678.123456789012345678; printf '%s' "$footer"; } >amount-max.pg
{ printf '%s' "$header"; funds 999,999,999,999,999,999.999999999999999999; printf '%s' "$footer"; } >amount-edge.pg
{ printf '%s' "$header"; funds 99999999999999999999999999999999999999999999999999999999999999999999999999999999.5; printf '%s' "$footer"; } >amount-80-digits.pg
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "= = %d { \"x\n", i }' >broken-lines.pg
awk 'BEGIN {
    split("= = 1 )|指标 = 100%|指标 a = 100% 分值|b 1 2 3|\"x\" \"y\" }|c = (1", k, "|")
    printf "项目 x {\n"
    for (i = 0; i < 5000; i++) printf "    字段%d %s\n", i, k[i % 6 + 1]
    printf "}\n"
}' >broken-stmts.pg
{ printf '项目 x {\n'; rep 100000 'a {'; printf '\n'; rep 100000 '}'; printf '\n}\n'; } >deep-groups.pg
{ printf '评分方案 x {\n    规则 r = '; rep 100000 '('; printf '1'; rep 100000 ')'; printf '\n}\n'; } >deep-parens.pg
{ printf '评分方案 x {\n    规则 r = '; rep 100000 '- '; printf '1\n}\n'; } >deep-unary.pg
{ printf '评分方案 x {\n    规则 r = '; rep 100000 '如果 1 则 '; printf '1\n}\n'; } >deep-if.pg
{ printf '评分方案 x {\n    规则 r = 1'; rep 100000 ' + 1'; printf '\n}\n'; } >long-sum.pg
: >empty.pg
printf '\357\273\277' >bom-only.pg
printf '\357\273\277\357\273\277项目\n' >bom-twice.pg
printf '\r\r\r\n\r' >only-cr.pg
printf '# a comment and no newline' >comment-no-newline.pg
printf '项目 x {' >unclosed-no-newline.pg
printf '“' >lone-curly-quote.pg
printf '"\\' >lone-backslash.pg
rep 100000 '“' >many-curly-quotes.pg
rep 100000 '9' >long-number.pg
rep 50000 '9,999' >long-grouped-number.pg
{ rep 1000 '2023-13-45 2023年0月0日 0000/00/00 '; printf '\n'; } >bad-dates.pg
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "\n" }' >newlines.pg
# the examples, joined without their newlines, and cut in half
cat "$TOP_SRCDIR"/examples/*.pg | tr -d '\n' >examples-one-line.pg
cat "$TOP_SRCDIR"/examples/*.pg | tr '\n' ';' >examples-semicolons.pg
cat "$TOP_SRCDIR"/examples/*.pg | tr '{}' '}{' >examples-braces-swapped.pg
cat "$TOP_SRCDIR"/examples/*.pg | tr -d '}' >examples-no-closing.pg
cat "$TOP_SRCDIR"/examples/*.pg | tr -d '{' >examples-no-opening.pg
# 200 KB of deterministic pseudo-random bytes (Park–Miller generator)
awk 'BEGIN {
    s = 20230101
    for (i = 0; i < 200000; i++) {
        s = (s * 16807) % 2147483647
        printf "%c", s % 256
    }
}' >random-bytes.pg
# pseudo-random tokens of the language, 20,000 of them
awk 'BEGIN {
    split("项目 实际 评分方案 单位 使用 指标 规则 分值 得分 偏差原因 正向 反向 如果 则 否则 且 或 = ≥ ≤ > < % ( ) { } , : × ÷ - + ; \n \n \n 名称 “文字” \"字符串\" 100 446,048.00 2023-12 2023-12-31 万元 稳定 三级 # 资金 产出指标 数量指标", t, " ")
    n = 0; for (k in t) n++
    s = 1
    for (i = 0; i < 20000; i++) {
        s = (s * 16807) % 2147483647
        printf "%s ", t[s % n + 1]
    }
}' >random-tokens.pg

# ---- running pgc on each --------------------------------------------------

failed=0
count=0
for f in *.pg; do
    # --max-errors=0 only where the diagnostics are many short lines: a
    # long line with thousands of errors is slow to print (quadratic).
    case $f in
        broken-*) all=--max-errors=0 ;;
        *) all= ;;
    esac
    for opts in "" "--format=json" $all; do
        count=$((count + 1))
        # shellcheck disable=SC2086
        $limit "$PGC" check $opts "$f" >out 2>err
        status=$?
        case $status in
            0 | 2) ;;
            1)
                if [ "$opts" = --format=json ]; then
                    grep -q '"line":[0-9]*,"column":[0-9]*' out ||
                        { echo "FAIL: $f ($opts): exit 1 without a located diagnostic"; failed=1; }
                elif ! grep -a -q -E ':[0-9]+:[0-9]+: (error|warning)' err; then
                    echo "FAIL: $f ($opts): exit 1 without a file:line:col: diagnostic"
                    head -c 600 err
                    failed=1
                fi
                ;;
            124) echo "FAIL: $f ($opts): timed out"; failed=1 ;;
            70) echo "FAIL: $f ($opts): internal error"; head -c 600 err; failed=1 ;;
            *) echo "FAIL: $f ($opts): exit status $status"; head -c 600 err; failed=1 ;;
        esac
    done
done
# every one of 5,000 broken lines is reported when there is no cap
n=$("$PGC" check --max-errors=0 --format=gnu broken-lines.pg 2>&1 | grep -c ': error: string not closed')
[ "$n" = 5000 ] || { echo "FAIL: broken-lines.pg: $n of 5000 unterminated strings reported"; failed=1; }
# all of them at once, as one directory
$limit "$PGC" check . >out 2>err
status=$?
case $status in
    1 | 2) ;;
    *) echo "FAIL: pgc check DIR of garbage: exit $status"; failed=1 ;;
esac
echo "$count runs"
exit $failed
