#!/bin/sh
# run-pg.sh TEST.pg — one data-driven test (Automake's harness runs it).
#
# Runs pgc on TEST.pg from the top of the source tree, so the diagnostics
# name the file as tests/…/TEST.pg, and compares:
#   stdout      with TEST.out  (or expects nothing when there is none)
#   stderr      with TEST.err  (or expects nothing)
#   exit status with the `# exit: N` line at the top of TEST.pg (default 0)
# under LC_ALL=C.UTF-8 (English), and again under zh_CN.UTF-8 with stderr
# compared with TEST.zh.err where there is one (and pgc has catalogs), and
# stdout with TEST.zh.out where the output is in the user's language (pgc test).
# A `# args: …` line at the top replaces the default arguments `check`;
# the test file's path is appended to them.
#
# To write (or rewrite) the goldens of a test — then read them:
#   PGC=build/pgc TOP_SRCDIR=. PGC_NLS=yes sh tests/run-pg.sh --update tests/check/NAME.pg
set -u
update=no
if [ "${1-}" = --update ]; then
    update=yes
    shift
fi
test=$1
TOP_SRCDIR=$(cd "$TOP_SRCDIR" && pwd) || exit 99
case $test in
    "$TOP_SRCDIR"/*) rel=${test#"$TOP_SRCDIR"/} ;;
    /*) rel=$test ;;
    *) rel=$(cd "$(dirname "$test")" && pwd)/$(basename "$test"); rel=${rel#"$TOP_SRCDIR"/} ;;
esac
base=${rel%.pg}
cd "$TOP_SRCDIR" || exit 99
args=$(sed -n '1,5s/^# args: //p' "$rel" | head -n 1 | tr -d '\r')
want_exit=$(sed -n '1,5s/^# exit: //p' "$rel" | head -n 1 | tr -d '\r')
[ -n "$args" ] || args=check
[ -n "$want_exit" ] || want_exit=0
tmp=${TMPDIR:-/tmp}/pgc-test.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
# run LOCALE SUFFIX — pgc under LC_ALL=LOCALE; compares with TEST.SUFFIXout
# and TEST.SUFFIXerr, falling back to TEST.out for stdout (a report does
# not change with the language of the messages)
run() {
    # shellcheck disable=SC2086
    LC_ALL=$1 "$PGC" $args "$rel" >"$tmp/out" 2>"$tmp/err"
    got_exit=$?
    if [ "$update" = yes ]; then
        for stream in out err; do
            if [ "$stream" = out ] && [ -n "$2" ]; then   # only where it differs from the English
                if cmp -s "$tmp/out" "$base.out" 2>/dev/null || ! [ -s "$tmp/out" ]; then
                    rm -f "$base.$2out"
                else
                    cp "$tmp/out" "$base.$2out"
                fi
                continue
            fi
            if [ -s "$tmp/$stream" ]; then cp "$tmp/$stream" "$base.$2$stream"; else rm -f "$base.$2$stream"; fi
        done
        return
    fi
    for stream in out err; do
        expected=/dev/null
        if [ -f "$base.$2$stream" ]; then
            expected=$base.$2$stream
        elif [ "$stream" = out ] && [ -f "$base.out" ]; then
            expected=$base.out
        fi
        if ! cmp -s "$expected" "$tmp/$stream"; then
            echo "FAIL: LC_ALL=$1: std$stream differs from $expected:"
            diff -u "$expected" "$tmp/$stream" | head -n 80
            status=1
        fi
    done
    if [ "$got_exit" != "$want_exit" ]; then
        echo "FAIL: LC_ALL=$1: exit status $got_exit, expected $want_exit"
        status=1
    fi
}
status=0
run C.UTF-8 ""
# the messages in Chinese: TEST.zh.err beside every TEST.err
# (tests/cli/zh-goldens.sh sees that none is missing)
# and TEST.zh.out where the output itself is in the user's language (pgc test)
if [ "${PGC_NLS-}" = yes ] && { [ -f "$base.zh.err" ] || [ -f "$base.zh.out" ] ||
     { [ "$update" = yes ] && { [ -f "$base.err" ] || [ "${args%% *}" = test ]; }; }; }; then
    run zh_CN.UTF-8 zh.
fi
exit $status
