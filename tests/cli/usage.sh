#!/bin/sh
# usage.sh — the command line: commands, options, exit statuses, help and
# version, unreadable files, directories searched recursively, stdin.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-usage.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# run WANT_EXIT ARGS... — runs pgc, keeps stdout and stderr in $tmp/out,
# $tmp/err, and checks the exit status.
run() {
    want=$1
    shift
    "$PGC" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$want" ]; then
        fail "pgc $*: exit $got, expected $want"
        sed 's/^/    /' "$tmp/err" | head -n 10
    fi
}
# has STREAM TEXT — the last run's stdout or stderr contains TEXT.
has() {
    grep -q -e "$2" "$tmp/$1" || fail "$last: std$1 lacks '$2'"
}
# empty STREAM — the last run wrote nothing there.
empty() {
    [ ! -s "$tmp/$1" ] || { fail "$last: std$1 is not empty:"; head -n 5 "$tmp/$1"; }
}

last='pgc'; run 2
has err 'Usage: pgc'
empty out

last='pgc --help'; run 0 --help
has out 'Usage: pgc COMMAND'
has out 'check'
empty err

last='pgc -h'; run 0 -h
has out 'check'

last='pgc help'; run 0 help
has out 'Commands:'

last='pgc help check'; run 0 help check
has out 'Usage: pgc check'
has out '--format=FMT'
has out '--max-errors'
empty err

last='pgc check --help'; run 0 check --help
has out 'Usage: pgc check'

last='pgc help frob'; run 2 help frob
has err "frob"

last='pgc --version'; run 0 --version
[ "$(head -n 1 "$tmp/out")" = "pgc 0.1.0" ] || fail "pgc --version: first line is '$(head -n 1 "$tmp/out")'"
has out 'categories'
empty err

last='pgc -V'; run 0 -V
[ "$(head -n 1 "$tmp/out")" = "pgc 0.1.0" ] || fail "pgc -V: first line is '$(head -n 1 "$tmp/out")'"

last='pgc frob'; run 2 frob
has err "unknown command 'frob'"
empty out

last='pgc check'; run 2 check
has err 'no files given'

last='pgc check --bogus'; run 2 check --bogus examples
has err "pgc help check"

last='pgc check --format=xml'; run 2 check --format=xml examples
has err "unknown format 'xml'"

last='pgc check --max-errors=x'; run 2 check --max-errors=x examples
has err "max-errors takes a number"

last='pgc check --max-errors=-1'; run 2 check --max-errors=-1 examples

last='pgc check --dump=bytes'; run 2 check --dump=bytes examples
has err "unknown dump 'bytes'"

# A file that cannot be read: exit 2, named in the message.
last='pgc check missing'; run 2 check "$tmp/no-such-file.pg"
has err 'cannot read'
has err 'no-such-file.pg'

# Exit 2 wins over 1: an unreadable file and a file with errors.
last='pgc check missing bad'; run 2 check "$tmp/no-such-file.pg" tests/check/E0407-missing-unit.pg
has err 'cannot read'
has err 'E0407'

# ... also in JSON, where the I/O error is a diagnostic of its own.
last='pgc check --format=json missing'; run 2 check --format=json "$tmp/no-such-file.pg"
has out '"code":"io"'
has out '"errors":1'
empty err

# A valid file: silent, exit 0.  A file with errors: exit 1.
last='pgc check valid'; run 0 check examples/交换平台运行费.pg
empty out
empty err
last='pgc check bad'; run 1 check tests/check/E0407-missing-unit.pg
has err 'E0407-missing-unit.pg:23:26: error:'

# Warnings alone: exit 0; with --Werror: exit 1.
last='pgc check warnings'; run 0 check tests/check/W0401-no-operator.pg
has err 'warning:'
last='pgc check --Werror warnings'; run 1 check --Werror tests/check/W0401-no-operator.pg
has err 'error:.*W0401'

# Standard input.
last='pgc check - (valid)'
"$PGC" check - <examples/交换平台运行费.pg >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] || fail "pgc check - <valid: exit $?"
empty err
last='pgc check - (bad)'
"$PGC" check - <tests/check/E0407-missing-unit.pg >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "pgc check - <bad: wrong exit"
has err '^-:23:26: error:'

# Directories are searched recursively for *.pg, in sorted order; hidden
# entries and other files are skipped.
d=$tmp/tree
mkdir -p "$d/a/b/c" "$d/z" "$d/.hidden" || exit 99
cp examples/交换平台运行费.pg "$d/a/b/c/ok.pg"
cp examples/敬老卡制作费.pg "$d/ok2.pg"
sed 's/= 100%/= 100/' examples/交换平台运行费.pg >"$d/z/bad.pg"
sed 's/产出指标 {/产出指休 {/' examples/交换平台运行费.pg >"$d/a/b/bad.pg"
printf '项目 { { {\n' >"$d/.hidden/broken.pg"
printf '项目 { { {\n' >"$d/a/notes.txt"
printf '项目 { { {\n' >"$d/a/b/c/ok.pg.bak"
last='pgc check DIR (valid part)'; run 0 check "$d/a/b/c"
empty err
last='pgc check DIR'; run 1 check "$d"
has err 'a/b/bad.pg:19:5: error: unknown 一级 category'
has err 'z/bad.pg:21:26: error: the target of'
grep -q 'hidden\|notes.txt\|\.bak' "$tmp/err" && fail "pgc check DIR: read a hidden or non-.pg file"
# sorted: a/b/bad.pg before z/bad.pg
first=$(grep -o '[az]/[a-z/]*bad.pg' "$tmp/err" | head -n 1)
[ "$first" = "a/b/bad.pg" ] || fail "pgc check DIR: files not in sorted order (first: $first)"
# a directory given with a trailing slash
last='pgc check DIR/'; run 1 check "$d/"
has err 'z/bad.pg:'
# an empty directory: nothing to check
mkdir -p "$tmp/empty"
last='pgc check EMPTYDIR'; run 0 check "$tmp/empty"

# --stdlib and PGC_PATH replace a standard-library module; a broken one
# is reported, as input with errors, and pgc stops with exit 1.
last='pgc check --stdlib BAD'; run 1 check --stdlib tests/data/badstd examples/交换平台运行费.pg
has err 'units.pg:8:5: error: unit “天” is declared twice \[E0601\]'
has err 'the standard library has errors'
last='PGC_PATH=BAD pgc check'
PGC_PATH=$TOP_SRCDIR/tests/data/badstd "$PGC" check examples/交换平台运行费.pg >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || fail "PGC_PATH=badstd pgc check: exit is not 1"
has err 'E0601'
# a scheme without 规则 日期 (tests/data/badscheme) is such an error too,
# for every command: reported once, as the standard library loads
for cmd in check eval build render import; do
    last="pgc $cmd --stdlib BADSCHEME"
    out=-o$tmp/o
    [ "$cmd" = check ] && out=-q
    run 1 "$cmd" --stdlib tests/data/badscheme "$out" examples/交换平台运行费.pg
    has err 'badscheme/schemes.pg:6:6: error: 评分方案 自评2020 has no rule 日期 \[E0601\]'
    [ "$(grep -c 'has no rule' "$tmp/err")" = 1 ] || fail "$last: the missing rule is not said once"
    has err 'the standard library has errors'
    [ "$(grep -c 'the standard library has errors' "$tmp/err")" = 1 ] || fail "$last: said more than once"
done
last='PGC_PATH=GOOD pgc --version'
PGC_PATH=$TOP_SRCDIR/tests/data/rules "$PGC" --version >"$tmp/out" 2>"$tmp/err"
has out 'schemes.*tests/data/rules/schemes.pg'

exit $failed
