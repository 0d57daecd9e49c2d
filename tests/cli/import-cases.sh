#!/bin/sh
# import-cases.sh — pgc import on the pasted forms of tests/import/.
#
# Each tests/import/NAME.txt or NAME.csv (forms of other units and years,
# as Word, WPS and Excel give them) is imported into an empty directory:
#   the .pg files written  must be those of NAME.expected/, byte for byte
#                          (no directory: nothing may be written);
#   stderr                 must be NAME.err (nothing when there is none);
#   the exit status        must be 1 when NAME.err has an error, else 0;
#   and under zh_CN.UTF-8  stderr must be NAME.zh.err, the files the same.
# Every file written is in the layout of `pgc fmt`, and `pgc check` ends
# normally on it — with no error when the import had none.
#
# To see what a new case gives (then read it before keeping it):
#   pgc import tests/import/NAME.txt -o tests/import/NAME.expected 2>tests/import/NAME.err
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-import-cases.$$
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

n=0
for input in tests/import/*.txt tests/import/*.csv; do
    [ -f "$input" ] || continue
    n=$((n + 1))
    name=${input%.*}
    out=$tmp/$n
    mkdir -p "$out" || exit 99
    "$PGC" import "$input" -o "$out" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    want=0
    if [ -f "$name.err" ]; then
        expected_err=$name.err
        grep -q ': error: ' "$name.err" && want=1
    else
        expected_err=/dev/null
    fi
    [ "$rc" = "$want" ] || fail "$input: exit $rc, expected $want"
    [ -s "$tmp/stdout" ] && fail "$input: wrote to stdout"
    if ! cmp -s "$expected_err" "$tmp/stderr"; then
        fail "$input: stderr differs from $expected_err"
        diff -u "$expected_err" "$tmp/stderr" | head -n 40
    fi
    (cd "$out" && ls) >"$tmp/got"
    if [ -d "$name.expected" ]; then
        (cd "$name.expected" && ls) >"$tmp/want"
    else
        : >"$tmp/want"
    fi
    if ! cmp -s "$tmp/want" "$tmp/got"; then
        fail "$input: the files written differ from $name.expected/"
        diff -u "$tmp/want" "$tmp/got"
    fi
    # the same import in Chinese: the messages of NAME.zh.err, the same files
    if [ "${PGC_NLS-}" = yes ] && [ -f "$name.err" ]; then
        mkdir -p "$out.zh" || exit 99
        LC_ALL=zh_CN.UTF-8 "$PGC" import "$input" -o "$out.zh" >"$tmp/stdout" 2>"$tmp/stderr"
        rc=$?
        [ "$rc" = "$want" ] || fail "$input under zh_CN: exit $rc, expected $want"
        cmp -s "$name.zh.err" "$tmp/stderr" || { fail "$input under zh_CN: stderr differs from $name.zh.err"; diff -u "$name.zh.err" "$tmp/stderr" | head -n 40; }
        diff -r "$out" "$out.zh" >/dev/null || fail "$input under zh_CN: the files written differ from those under C"
    fi
    for f in "$out"/*.pg; do
        [ -f "$f" ] || continue
        b=$(basename "$f")
        if [ -f "$name.expected/$b" ] && ! cmp -s "$name.expected/$b" "$f"; then
            fail "$input: $b differs from $name.expected/$b"
            diff -u "$name.expected/$b" "$f" | head -n 40
        fi
        "$PGC" fmt --check "$f" >/dev/null 2>&1 || fail "$input: $b is not in the layout of pgc fmt"
        "$PGC" check "$f" >/dev/null 2>&1
        c=$?
        [ "$c" -le "$want" ] || fail "$input: pgc check $b: exit $c after an import that exited $want"
    done
done
[ "$n" -ge 8 ] || fail "only $n cases in tests/import/"
echo "$n cases"
exit $failed
