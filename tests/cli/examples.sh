#!/bin/sh
# examples.sh — the seven example projects check cleanly (exit 0), with
# exactly the warnings in tests/cli/examples.err: the ones the original
# forms deserve (an indicator without a 二级 category, a target without
# an operator, a 天数 indicator measured in %) — and in Chinese those of
# tests/cli/examples.zh.err.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-examples.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
"$PGC" check examples/ >"$tmp/out" 2>"$tmp/err"
status=$?
failed=0
if [ "$status" != 0 ]; then
    echo "FAIL: pgc check examples/: exit $status, expected 0"
    failed=1
fi
if [ -s "$tmp/out" ]; then
    echo "FAIL: pgc check examples/ wrote to stdout:"
    head -n 20 "$tmp/out"
    failed=1
fi
if ! cmp -s tests/cli/examples.err "$tmp/err"; then
    echo "FAIL: stderr differs from tests/cli/examples.err:"
    diff -u tests/cli/examples.err "$tmp/err" | head -n 80
    failed=1
fi
# In Chinese: the same warnings, in tests/cli/examples.zh.err.
if [ "${PGC_NLS-}" = yes ]; then
    LC_ALL=zh_CN.UTF-8 "$PGC" check examples/ >"$tmp/out" 2>"$tmp/err"
    [ "$?" = 0 ] || { echo "FAIL: pgc check examples/ under zh_CN: not exit 0"; failed=1; }
    if ! cmp -s tests/cli/examples.zh.err "$tmp/err"; then
        echo "FAIL: stderr under zh_CN differs from tests/cli/examples.zh.err:"
        diff -u tests/cli/examples.zh.err "$tmp/err" | head -n 80
        failed=1
    fi
fi
# Every example on its own, too: none has an error.
for f in examples/*.pg; do
    "$PGC" check "$f" >/dev/null 2>&1
    s=$?
    [ "$s" = 0 ] || { echo "FAIL: pgc check $f: exit $s"; failed=1; }
done
exit $failed
