#!/bin/sh
# fuzz-regressions.sh — replays the inputs with which the fuzzers (fuzz/)
# once made pgc crash, hang or leak, through the pgc command that reads
# them:
#
#   fuzz/regressions/pg/*       pgc check, pgc eval --explain (each file,
#                               then the whole directory in one run)
#   fuzz/regressions/import/*   pgc import
#   fuzz/regressions/csv/*      pgc eval --actuals FILE examples/, in every
#                               --format, with and without --explain, and
#                               pgc monitor --actuals FILE --through 7
#
# Each run must end within 20 s with exit 0 or 1 (2 would be an I/O error
# or an internal one) and nothing from a sanitizer (the test runs in the
# ASan build too) or an internal error on stderr.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-fuzzreg.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
limit=
command -v timeout >/dev/null 2>&1 && limit='timeout 20'
reg=fuzz/regressions
status=0
n=0

run() {     # run ARGS... — pgc ARGS, held to the rules above
    n=$((n + 1))
    $limit "$PGC" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
        echo "FAIL: pgc $*: exit $code"
        status=1
    fi
    if grep -E 'Sanitizer|runtime error|internal error|LeakSanitizer' "$tmp/err" >/dev/null; then
        echo "FAIL: pgc $*:"
        grep -E -A12 'Sanitizer|runtime error|internal error' "$tmp/err" | head -n 40
        status=1
    fi
}

for f in "$reg"/pg/*; do
    [ -f "$f" ] || continue
    run check "$f"
    run eval --explain "$f"
done
[ -d "$reg/pg" ] && run check "$reg/pg"

# diag.c kept the line of its last snippet across files: a diagnostic in a
# short file that followed one on a long line printed the long line's bytes
run check "$reg/pg/diag-stale-line-1.pg" "$reg/pg/diag-stale-line-2.pg"
if ! grep -qx '    1 | ab @' "$tmp/err"; then
    echo "FAIL: the second file's line is not shown as it is:"
    grep '^    1 |' "$tmp/err" | cut -c1-80
    status=1
fi

for f in "$reg"/import/*; do
    [ -f "$f" ] || continue
    rm -rf "$tmp/imp"
    run import -o "$tmp/imp" "$f"
done

for f in "$reg"/csv/*; do
    [ -f "$f" ] || continue
    for format in text json csv md html; do
        run eval --actuals "$f" --format "$format" examples
        run eval --actuals "$f" --format "$format" --explain examples
        run monitor --actuals "$f" --through 7 --format "$format" --explain examples
    done
done

[ "$status" -eq 0 ] && echo "PASS: $n runs of pgc on the fuzzers' regressions"
exit $status
