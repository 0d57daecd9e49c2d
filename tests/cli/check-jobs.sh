#!/bin/sh
# check-jobs.sh — pgc check -j: several processes print exactly what one
# prints (stdout, stderr, exit status), in every format, with files that
# have errors and warnings, an unreadable file and a missing operand among
# them; and --jobs is checked.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-check-jobs.$$
rm -rf "$tmp"
mkdir -p "$tmp/forms/a" "$tmp/forms/b" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# Over 256 KB of forms (below that pgc check does not start a second
# process): the examples and the check tests' files, copied under several
# names into two directories.
n=0
while [ "$(cat "$tmp"/forms/*/*.pg 2>/dev/null | wc -c)" -lt 400000 ]; do
    n=$((n + 1))
    for f in examples/*.pg tests/check/*.pg; do
        d=a
        [ $((n % 2)) = 0 ] && d=b
        cp "$f" "$tmp/forms/$d/$n-$(basename "$f")" || exit 99
    done
done
ln -s "$tmp/nowhere.pg" "$tmp/forms/b/dangling.pg"      # cannot be read
nfiles=$(find "$tmp/forms" -name '*.pg' | wc -l)

for fmt in human gnu json; do
    for set in "$tmp/forms" "$tmp/forms/a $tmp/missing.pg $tmp/forms/b"; do
        # shellcheck disable=SC2086
        "$PGC" check --format=$fmt -j1 $set >"$tmp/out1" 2>"$tmp/err1"
        rc1=$?
        for j in 2 3 8; do
            # shellcheck disable=SC2086
            "$PGC" check --format=$fmt -j$j $set >"$tmp/out" 2>"$tmp/err"
            rc=$?
            what="check --format=$fmt -j$j $set"
            [ "$rc" = "$rc1" ] || fail "$what: exit $rc, with -j1 $rc1"
            cmp -s "$tmp/out" "$tmp/out1" || { fail "$what: stdout differs from -j1"; diff "$tmp/out1" "$tmp/out" | head -n 5; }
            cmp -s "$tmp/err" "$tmp/err1" || { fail "$what: stderr differs from -j1"; diff "$tmp/err1" "$tmp/err" | head -n 5; }
        done
        [ "$rc1" = 2 ] || fail "check --format=$fmt $set: exit $rc1, expected 2 (an unreadable file)"
    done
done
# the warnings' cap (--max-warnings) applied across the parts as one
# process applies it: the same warnings shown, the same notes at the end
for cap in --max-warnings=0 --max-warnings=3 -q; do
    "$PGC" check $cap -j1 "$tmp/forms" >/dev/null 2>"$tmp/err1"
    for j in 2 3; do
        "$PGC" check $cap -j$j "$tmp/forms" >/dev/null 2>"$tmp/err"
        cmp -s "$tmp/err" "$tmp/err1" || { fail "check $cap -j$j: stderr differs from -j1"; diff "$tmp/err1" "$tmp/err" | head -n 5; }
    done
done
"$PGC" check -j2 "$tmp/forms" >/dev/null 2>"$tmp/err"
grep -q '^pgc: note: [0-9,]* more W0401 warnings were not shown ([0-9,]* in all); --max-warnings=0 shows them all$' "$tmp/err" ||
    fail "check -j2: no note of the W0401 warnings left out"
[ "$(grep -c ': warning: .*\[W0401\]$' "$tmp/err")" = 20 ] || fail "check -j2: not 20 W0401 warnings shown"
"$PGC" check --max-warnings=0 -j2 "$tmp/forms" >/dev/null 2>"$tmp/err"
grep -q 'not shown' "$tmp/err" && fail "check --max-warnings=0: a note of warnings left out"
"$PGC" check -q -j2 "$tmp/forms" >/dev/null 2>"$tmp/err"
grep -q 'not shown' "$tmp/err" && fail "check -q: a note of warnings left out"

# the same without the unreadable file: exit 1 (the check tests have errors)
rm "$tmp/forms/b/dangling.pg"
"$PGC" check -j1 "$tmp/forms" >/dev/null 2>"$tmp/err1"; rc1=$?
"$PGC" check -j2 "$tmp/forms" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc1" = 1 ] && [ "$rc" = 1 ] || fail "check -j1/-j2 of forms with errors: exit $rc1/$rc, expected 1"
cmp -s "$tmp/err" "$tmp/err1" || fail "check -j2: stderr differs from -j1"
grep -q 'error' "$tmp/err" || fail "check -j2: no errors reported"
# and only the clean forms: exit 0, nothing printed
rm -f "$tmp"/forms/*/*-E*.pg "$tmp"/forms/*/*-W*.pg "$tmp"/forms/*/*-bad*.pg
"$PGC" check -j2 "$tmp/forms/a" "$tmp/forms/b" >"$tmp/out" 2>"$tmp/err"; rc=$?
"$PGC" check -j1 "$tmp/forms/a" "$tmp/forms/b" >"$tmp/out1" 2>"$tmp/err1"; rc1=$?
[ "$rc" = "$rc1" ] || fail "check -j2 of the remaining forms: exit $rc, with -j1 $rc1"
cmp -s "$tmp/err" "$tmp/err1" || fail "check -j2 of the remaining forms: stderr differs from -j1"

for bad in 0 65 x 2x ''; do
    "$PGC" check -j "$bad" examples >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "check -j '$bad': exit $rc, expected 2"
    grep -q -e '--jobs takes a number from 1 to 64' "$tmp/err" || fail "check -j '$bad': no usage message"
done
"$PGC" check --jobs=2 examples >"$tmp/out" 2>"$tmp/err" || fail "check --jobs=2 examples failed"
"$PGC" help check | grep -q -e '--jobs=N' || fail "pgc help check does not list --jobs"

[ "$failed" = 0 ] && echo "check-jobs: $nfiles files, -j1 = -j2 = -j3 = -j8 in three formats"
exit $failed
