#!/bin/sh
# zh-goldens.sh — every golden of the diagnostics has its Chinese twin:
# beside each tests/**/NAME.err (and tests/cli/*.err) a NAME.zh.err, which
# run-pg.sh, tests/bad/run.sh, import-cases.sh, import-seeds.sh and
# examples.sh compare under zh_CN.UTF-8.  A twin holds no English label
# (error:, warning:, note:, hint:), so it was not written by a build that
# had no catalogs; and no .zh.err is left without its .err.
set -u
: "${TOP_SRCDIR:?}"
cd "$TOP_SRCDIR" || exit 99
status=0
n=0
for err in $(find tests -name '*.err' ! -name '*.zh.err' | LC_ALL=C sort); do
    zh=${err%.err}.zh.err
    n=$((n + 1))
    if [ ! -f "$zh" ]; then
        echo "FAIL: $err has no Chinese twin $zh (write it with --update, then read it)"
        status=1
    elif grep -a -q -E ': (error|warning|note): |^      = hint: ' "$zh"; then
        echo "FAIL: $zh has English labels:"
        grep -a -n -E ': (error|warning|note): |^      = hint: ' "$zh" | head -n 3
        status=1
    fi
done
for zh in $(find tests -name '*.zh.err'); do
    [ -f "${zh%.zh.err}.err" ] || { echo "FAIL: $zh has no English golden ${zh%.zh.err}.err"; status=1; }
done
[ "$n" -ge 250 ] || { echo "FAIL: only $n goldens found"; status=1; }
[ "$status" = 0 ] && echo "$n goldens, each with its Chinese twin"
exit $status
