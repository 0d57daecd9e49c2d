#!/bin/sh
# actuals-truncated.sh — an actuals CSV that becomes shorter while it is
# being read (a spreadsheet or a sync tool rewriting it) ends pgc eval and
# a built evaluator with a message naming the file and exit 2, never with
# a signal (SIGBUS, exit 135: the file is mapped, not copied), and with
# nothing written.
#
# The moment is made exact with gdb: the program stops as src_map returns
# (the file mapped, not yet read), the file is truncated to nothing, and
# the program goes on with gdb passing SIGBUS straight to it.  Skipped
# without gdb (under CI=true: failed).
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
command -v gdb >/dev/null 2>&1 || skip "no gdb"
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-truncated.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# truncated WHAT LOCALE MESSAGE PROGRAM ARGS... — runs PROGRAM ARGS under
# gdb, the actuals $tmp/a.csv truncated as they are mapped; the program
# must exit 2 with MESSAGE (in gdb's output, which holds the program's)
# and write no $tmp/out.txt
truncated() {
    what=$1 locale=$2 message=$3
    shift 3
    cp examples/actuals/all.csv "$tmp/a.csv" || exit 99
    rm -f "$tmp/out.txt"
    LC_ALL=$locale gdb -q -batch -nx \
        -ex 'handle SIGBUS nostop noprint pass' -ex 'break src_map' \
        -ex run -ex finish -ex "shell truncate -s 0 $tmp/a.csv" -ex continue \
        --args "$@" >"$tmp/gdb.out" 2>&1
    if ! grep -q 'exited with code 02' "$tmp/gdb.out"; then
        fail "$what: not exit 2:"
        tail -n 5 "$tmp/gdb.out"
    fi
    grep -q 'Value returned is .* = true' "$tmp/gdb.out" || fail "$what: src_map was not reached"
    grep -q "$tmp/a.csv: $message" "$tmp/gdb.out" || { fail "$what: no message naming the file:"; cat "$tmp/gdb.out"; }
    [ -e "$tmp/out.txt" ] && fail "$what: $tmp/out.txt was written"
    ls "$tmp" | grep -q 'out.txt.pgc-' && fail "$what: a temporary file was left"
}

en='the file became shorter while it was being read'
truncated "pgc eval" C.UTF-8 "$en" "$PGC" eval examples/ --actuals "$tmp/a.csv" -o "$tmp/out.txt"
truncated "pgc eval --engine=jit" C.UTF-8 "$en" "$PGC" eval --engine=jit examples/ --actuals "$tmp/a.csv" -o "$tmp/out.txt"
if [ "${PGC_NLS-}" = yes ]; then
    truncated "pgc eval under zh_CN" zh_CN.UTF-8 '读取过程中文件变短了' "$PGC" eval examples/ --actuals "$tmp/a.csv" -o "$tmp/out.txt"
fi
"$PGC" build examples/ -o "$tmp/ev" >"$tmp/build.out" 2>&1 || { cat "$tmp/build.out"; exit 1; }
truncated "a built evaluator" C.UTF-8 "$en" "$tmp/ev" "$tmp/a.csv" -o "$tmp/out.txt"

# and the same file whole is scored (the test is of the truncation)
cp examples/actuals/all.csv "$tmp/a.csv" || exit 99
"$PGC" eval examples/ --actuals "$tmp/a.csv" -o "$tmp/out.txt" 2>"$tmp/err" || { fail "the whole file: exit $?"; cat "$tmp/err"; }
[ "$failed" = 0 ] && echo "PASS: a truncated actuals file is an error (exit 2), in pgc eval and a built evaluator"
exit "$failed"
