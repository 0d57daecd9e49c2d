#!/bin/sh
# locale.sh — pgc speaks its user's language.  Under zh_CN.UTF-8 (by LANG,
# LC_ALL, LC_MESSAGES or LANGUAGE) the diagnostics, hints, notes, usage
# errors and help are Chinese, with the same codes and the carets under
# the same characters; libc's own words (strerror) too; JSON keeps its
# English names and gives the message in Chinese.  Under C and POSIX
# everything is English.  A built evaluator speaks Chinese as well.  A
# build configured with --disable-nls prints English whatever the locale.
# The goldens of each message in both languages are tests/**/*.err and
# *.zh.err (run-pg.sh, tests/bad/run.sh); this test is about the locale.
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-locale.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
unset LC_ALL LC_MESSAGES LANG LANGUAGE
status=0
fail() { echo "FAIL: $*"; status=1; }
broken=tests/check/E0305-funds-mismatch.pg

# run NAME ENV... -- ARGS... — pgc ARGS with the environment ENV; stdout in
# $tmp/NAME.out, stderr in $tmp/NAME.err, exit status in $tmp/NAME.rc
run() {
    name=$1
    shift
    envs=
    while [ "$1" != -- ]; do envs="$envs $1"; shift; done
    shift
    # shellcheck disable=SC2086
    env $envs "$PGC" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/$name.rc"
}
has() { grep -q -e "$3" "$tmp/$1.$2" || { fail "$1: std$2 lacks '$3':"; head -n 3 "$tmp/$1.$2"; }; }
lacks() { grep -q -e "$3" "$tmp/$1.$2" && { fail "$1: std$2 has '$3':"; head -n 3 "$tmp/$1.$2"; }; }

if [ "${PGC_NLS-}" != yes ]; then
    # built with --disable-nls: English under every locale
    run zh LANG=zh_CN.UTF-8 -- check "$broken"
    has zh err ': error: 年度资金申请总额 446,048.00 is not the sum of its parts'
    run help LANG=zh_CN.UTF-8 -- --help
    has help out '^Usage: pgc'
    [ "$status" = 0 ] && echo "ok (an English-only build)"
    exit $status
fi
locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$' || skip "no zh_CN.UTF-8 locale (the Debian package locales-all)"

# the same file under C and under zh_CN: the code, the source line and the
# caret line are the same, the words are not
run c LANG=C -- check "$broken"
run zh LANG=zh_CN.UTF-8 -- check "$broken"
has c err "^$broken:13:18: error: 年度资金申请总额 446,048.00 is not the sum of its parts, 446,000.00 \[E0305\]$"
has zh err "^$broken:13:18: 错误：年度资金申请总额 446,048.00 .*\[E0305\]$"
lacks zh err 'is not the sum'
has zh err '^      = 提示：'
[ "$(cat "$tmp/zh.rc")" = 1 ] || fail "check under zh_CN: exit $(cat "$tmp/zh.rc"), expected 1"
sed -n '2,3p' "$tmp/c.err" >"$tmp/c.caret"
sed -n '2,3p' "$tmp/zh.err" >"$tmp/zh.caret"
cmp -s "$tmp/c.caret" "$tmp/zh.caret" || { fail "the source and caret lines differ between C and zh_CN"; diff "$tmp/c.caret" "$tmp/zh.caret"; }
run posix LC_ALL=POSIX -- check "$broken"
cmp -s "$tmp/c.err" "$tmp/posix.err" || fail "POSIX and C differ"

# every way of choosing the language
run all LC_ALL=zh_CN.UTF-8 LANG=C -- check "$broken"
has all err '错误：'
run msgs LANG=C LC_MESSAGES=zh_CN.UTF-8 -- check "$broken"
has msgs err '错误：'
run language LANG=en_US.UTF-8 LANGUAGE=zh_CN:en -- check "$broken"
has language err '错误：'
run c-wins LC_ALL=C LANGUAGE=zh_CN -- check "$broken"
has c-wins err ': error: '

# help, usage errors, libc's words, JSON
run help LANG=zh_CN.UTF-8 -- --help
head -n 1 "$tmp/help.out" | grep -q '^用法：pgc' || fail "pgc --help under zh_CN does not begin with 用法: $(head -n 1 "$tmp/help.out")"
for cmd in check fmt eval import render build; do
    run "help-$cmd" LANG=zh_CN.UTF-8 -- help "$cmd"
    head -n 1 "$tmp/help-$cmd.out" | grep -q "^用法：pgc $cmd" || fail "pgc help $cmd under zh_CN: $(head -n 1 "$tmp/help-$cmd.out")"
    run "help-$cmd-c" LANG=C -- help "$cmd"
    head -n 1 "$tmp/help-$cmd-c.out" | grep -q "^Usage: pgc $cmd" || fail "pgc help $cmd under C: $(head -n 1 "$tmp/help-$cmd-c.out")"
done
run usage LANG=zh_CN.UTF-8 -- check --format=xml examples
[ "$(cat "$tmp/usage.rc")" = 2 ] || fail "a usage error under zh_CN: exit $(cat "$tmp/usage.rc")"
lacks usage err 'unknown format'
has usage err '^pgc: check: .*xml'
run missing LANG=zh_CN.UTF-8 -- check "$tmp/nowhere.pg"
has missing err '没有那个文件或目录'
run json LANG=zh_CN.UTF-8 -- check --format=json "$broken"
has json out '"severity":"error","code":"E0305","name":"funds-mismatch","message":"年度资金申请总额 446,048.00 '
lacks json out 'is not the sum'

# the report does not change with the language (it is the form's Chinese)
run rep-c LANG=C -- eval examples/交换平台运行费.pg --actuals examples/actuals/all.csv --explain
run rep-zh LANG=zh_CN.UTF-8 -- eval examples/交换平台运行费.pg --actuals examples/actuals/all.csv --explain
cmp -s "$tmp/rep-c.out" "$tmp/rep-zh.out" || fail "the report differs between C and zh_CN"
has rep-zh err '附注：'

# a built evaluator: Chinese too, with the build tree's catalogs
if "$PGC" build examples/敬老卡制作费.pg -o "$tmp/评估器" 2>"$tmp/build.err"; then
    LANG=zh_CN.UTF-8 PGC_LOCALEDIR="$TOP_BUILDDIR/locale" "$tmp/评估器" --help >"$tmp/ev.out" 2>&1
    head -n 1 "$tmp/ev.out" | grep -q '^用法：评估器' || fail "the evaluator's --help under zh_CN: $(head -n 1 "$tmp/ev.out")"
    LANG=C "$tmp/评估器" --help >"$tmp/ev-c.out" 2>&1
    head -n 1 "$tmp/ev-c.out" | grep -q '^Usage: 评估器' || fail "the evaluator's --help under C: $(head -n 1 "$tmp/ev-c.out")"
    LANG=zh_CN.UTF-8 PGC_LOCALEDIR="$TOP_BUILDDIR/locale" "$tmp/评估器" examples/actuals/all.csv >/dev/null 2>"$tmp/ev.err"
    grep -q '附注：' "$tmp/ev.err" || fail "the evaluator's note under zh_CN: $(head -n 1 "$tmp/ev.err")"
else
    grep -q 'cannot compile\|无法编译' "$tmp/build.err" || { fail "pgc build failed:"; cat "$tmp/build.err"; }
fi

[ "$status" = 0 ] && echo ok
exit $status
