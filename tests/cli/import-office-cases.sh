#!/bin/sh
# import-office-cases.sh — every pasted form of tests/import/ gives the same
# .pg files as a workbook and as a document.
#
# tests/data/office/make-fixtures.py --each writes each tests/import/NAME.txt
# or NAME.csv as NAME.xlsx (its table on one sheet: amounts and dates stored
# as numbers and dates with their formats, text as text) and NAME.docx (a
# row of one cell a paragraph, the other rows tables).  pgc import on each
# must write the files of NAME.expected/ byte for byte (none when there is
# no such directory), exit as on the paste, and say the same things: the
# messages of NAME.err with their codes, in order — at the sheet and cell
# (or the table, row and column) instead of the line and column.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
"$py" -c 'import openpyxl, docx' 2>/dev/null ||
    skip "python3-openpyxl and python3-docx are not installed"
tmp=${TMPDIR:-/tmp}/pgc-import-office-cases.$$
rm -rf "$tmp"
mkdir -p "$tmp/in" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
# the messages of a stderr without their places: "warning: … [W0701]"
messages() { sed -n 's/^[^ ]*: \(error\|warning\|note\): /\1: /p' "$1"; }

"$py" tests/data/office/make-fixtures.py --each "$tmp/in" tests/import/*.txt tests/import/*.csv || exit 99
n=0
for input in tests/import/*.txt tests/import/*.csv; do
    name=${input%.*}
    base=$(basename "$name")
    for kind in xlsx docx; do
        n=$((n + 1))
        out=$tmp/out$n
        mkdir -p "$out"
        "$PGC" import "$tmp/in/$base.$kind" -o "$out" >/dev/null 2>"$tmp/stderr"
        rc=$?
        want=0
        [ -f "$name.err" ] && grep -q ': error: ' "$name.err" && want=1
        [ "$rc" = "$want" ] || fail "$base.$kind: exit $rc, expected $want (as $input)"
        if [ -f "$name.err" ]; then messages "$name.err"; fi >"$tmp/want.msg"
        messages "$tmp/stderr" >"$tmp/got.msg"
        if ! cmp -s "$tmp/want.msg" "$tmp/got.msg"; then
            fail "$base.$kind: the messages differ from those of $input"
            diff -u "$tmp/want.msg" "$tmp/got.msg" | head -n 20
        fi
        if [ -d "$name.expected" ]; then
            diff -r "$name.expected" "$out" >"$tmp/diff" || { fail "$base.$kind: not the files of $name.expected/"; head -n 20 "$tmp/diff"; }
        else
            [ -z "$(ls "$out")" ] || fail "$base.$kind: files written: $(ls "$out")"
        fi
    done
done
[ "$n" -ge 50 ] || fail "only $n workbooks and documents tried"
exit $failed
