#!/bin/sh
# zz-summary.sh — runs after every other test (see Makefile.am) and prints
# the suite's "N passed, N failed, N skipped" line on make's stderr (fd 9).
# A skip is counted apart: it is not a pass.  Only the tests registered in
# this tree count (tests/registered, written by Makefile.am).
cd "$TOP_BUILDDIR" || exit 99
pass=0 fail=0 skip=0
for trs in $(grep -v '^tests/zz-summary.trs$' tests/registered); do
    [ -f "$trs" ] || continue
    case $(sed -n 's/^:test-result: //p' "$trs" | head -n 1) in
        PASS|XFAIL) pass=$((pass + 1)) ;;
        SKIP) skip=$((skip + 1)) ;;
        *) fail=$((fail + 1)) ;;
    esac
done
line="$pass passed, $fail failed, $skip skipped"
echo "$line"
echo "$line" >&9
exit 0
