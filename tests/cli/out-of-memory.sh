#!/bin/sh
# out-of-memory.sh — running out of memory is said as such: "pgc: out of
# memory" (in the user's language) and exit 2, never an internal error
# (exit 70, "this is a bug in pgc"); a file too large for the memory left
# is a file that cannot be read, named in its message.
#
# pgc check runs under `ulimit -v` on a file of many errors, at limits
# from one where the file cannot be read to ones where the diagnostics do
# not fit.  Not in a sanitizer build: ASan reserves terabytes of address
# space at start, which no limit lets it have.
# not in a sanitizer build
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-oom.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# 300,000 projects of one line: each lacks most of its fields
awk 'BEGIN { for (i = 0; i < 300000; i++) print "项目 x { 年度 2023 }" }' >"$tmp/many.pg" || exit 99

# limit KB LANG — pgc check under ulimit -v KB; adds to $seen what its
# last line of stderr says: oom, unreadable, done (enough memory), or
# nolimit (ulimit -v refused)
limit() {
    ( ulimit -v "$1" 2>/dev/null || exit 98
      LC_ALL=$2 exec "$PGC" check --max-errors=0 "$tmp/many.pg" ) >/dev/null 2>"$tmp/err"
    rc=$?
    last=$(tail -n 1 "$tmp/err")
    if [ "$rc" = 98 ]; then
        seen="$seen nolimit"
    elif grep -q 'internal error\|内部错误' "$tmp/err"; then
        fail "ulimit -v $1, $2: an internal error: $last"
    elif [ "$rc" = 2 ] && { [ "$last" = "pgc: out of memory" ] || [ "$last" = "pgc: 内存不足" ]; }; then
        [ "$2" = C.UTF-8 ] || [ "${PGC_NLS:-yes}" = no ] || [ "$last" = "pgc: 内存不足" ] ||
            fail "ulimit -v $1, $2: not in Chinese: $last"
        seen="$seen oom"
    elif [ "$rc" = 2 ] && expr "$last" : "pgc: $tmp/many.pg: " >/dev/null; then
        seen="$seen unreadable"
    elif [ "$rc" = 1 ]; then
        seen="$seen done"
    else
        fail "ulimit -v $1, $2: exit $rc: $last"
    fi
}

seen=
for lang in C.UTF-8 zh_CN.UTF-8; do
    for kb in 8000 20000 40000; do
        limit $kb $lang
    done
done
case $seen in
*nolimit*) echo "SKIP: ulimit -v is not allowed here"; exit 77 ;;
esac
case $seen in
*oom*) ;;
*) fail "no limit ran out of memory:$seen" ;;
esac
[ "$status" = 0 ] && echo "ok:$seen"
exit $status
