#!/bin/sh
# import-office.sh — pgc import reads .xlsx workbooks and .docx documents as a
# paste of their tables would give them (src/rt/office.c).
#
# tests/data/office/make-fixtures.py writes the seven seed forms as one
# workbook (a sheet per form, amounts as numbers with #,##0.00, dates as
# dates, merged cells) and as one document (a table per form, w:gridSpan and
# w:vMerge), with openpyxl and python-docx.  Each must import to the seven
# files of examples/, byte for byte, with the seeds' three warnings at the
# cells they stand in (import-office-xlsx.err, import-office-docx.err; in
# Chinese *.zh.err).  tests/data/office/hostile.py writes the files that
# must be refused, each with one clear error and nothing written: a zip
# bomb, an external entity, a truncated workbook, noise after zip's magic,
# an OLE file (an old .xls, or an encrypted workbook), a zip that is neither,
# broken XML, a workbook without a form; and one that imports with a
# warning at each cell it cannot show as Excel would (import-office-doubtful.err).
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
"$py" -c 'import openpyxl, docx' 2>/dev/null ||
    skip "python3-openpyxl and python3-docx are not installed"
tmp=${TMPDIR:-/tmp}/pgc-import-office.$$
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

# same_as_examples DIR WHAT — DIR holds the seven examples, byte for byte.
same_as_examples() {
    (cd examples && ls -- *.pg) >"$tmp/want"
    (cd "$1" && ls) >"$tmp/got"
    cmp -s "$tmp/want" "$tmp/got" || { fail "$2: files written: $(tr '\n' ' ' <"$tmp/got")"; return; }
    for f in examples/*.pg; do
        b=$(basename "$f")
        cmp -s "$f" "$1/$b" || { fail "$2: $b differs from examples/$b"; diff -u "$f" "$1/$b" | head -n 30; }
    done
}

# golden FILE GOT WHAT — GOT equals the golden FILE (tests/cli/).
golden() {
    cmp -s "tests/cli/$1" "$2" || { fail "$3: stderr differs from tests/cli/$1"; diff -u "tests/cli/$1" "$2" | head -n 40; }
}

"$py" tests/data/office/make-fixtures.py tests/data/seeds/*.txt "$tmp" || exit 99
for kind in xlsx docx; do
    f=$tmp/forms.$kind
    (cd "$tmp" && "$PGC" import "forms.$kind" -o "out-$kind") >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    [ "$rc" = 0 ] || fail "pgc import forms.$kind: exit $rc, expected 0"
    [ -s "$tmp/stdout" ] && fail "pgc import forms.$kind wrote to stdout"
    golden "import-office-$kind.err" "$tmp/stderr" "forms.$kind"
    same_as_examples "$tmp/out-$kind" "forms.$kind"
    if [ "${PGC_NLS-}" = yes ]; then
        (cd "$tmp" && LC_ALL=zh_CN.UTF-8 "$PGC" import "forms.$kind" -o "zh-$kind") 2>"$tmp/stderr"
        golden "import-office-$kind.zh.err" "$tmp/stderr" "forms.$kind under zh_CN"
        same_as_examples "$tmp/zh-$kind" "forms.$kind under zh_CN"
    fi
done

# refused: one error each, exit 1, nothing written
"$py" tests/data/office/hostile.py "$tmp" "$tmp/forms.xlsx" || exit 99
refused() {     # refused FILE CODE TEXT
    rm -rf "$tmp/bad"
    (cd "$tmp" && timeout 20 "$PGC" import "$1" -o bad) >/dev/null 2>"$tmp/stderr"
    rc=$?
    [ "$rc" = 1 ] || fail "$1: exit $rc, expected 1"
    n=$(grep -c ': error: ' "$tmp/stderr")
    [ "$n" = 1 ] || fail "$1: $n errors, expected 1: $(cat "$tmp/stderr")"
    grep -q "^$1: error: $3.*\\[$2\\]\$" "$tmp/stderr" || fail "$1: not “$3 … [$2]”: $(cat "$tmp/stderr")"
    [ -z "$(ls "$tmp/bad" 2>/dev/null)" ] || fail "$1: files written: $(ls "$tmp/bad")"
}
refused bomb.xlsx E0714 "the archive's entry xl/worksheets/sheet1.xml inflates to 104857750 bytes from"
refused doctype.xlsx E0714 "the archive's entry xl/workbook.xml has a DOCTYPE: refused"
refused truncated.xlsx E0714 "not a complete zip archive (truncated or damaged)"
refused notzip.xlsx E0714 "not a complete zip archive"
refused ole.xls E0714 "an OLE compound file: an old binary .xls or .doc"
refused neither.xlsx E0714 "a zip archive that is neither a workbook"
refused badxml.docx E0714 "the archive's entry word/document.xml is not well-formed XML"
refused noform.xlsx E0701 "no 申报表 or 自评表 in any sheet of this workbook"

# imported, with a warning at each cell that may not read as Excel shows it
(cd "$tmp" && "$PGC" import doubtful.xlsx -o doubtful) >/dev/null 2>"$tmp/stderr"
rc=$?
[ "$rc" = 0 ] || fail "doubtful.xlsx: exit $rc, expected 0 (warnings only)"
golden import-office-doubtful.err "$tmp/stderr" "doubtful.xlsx"
if [ "${PGC_NLS-}" = yes ]; then
    (cd "$tmp" && LC_ALL=zh_CN.UTF-8 "$PGC" import doubtful.xlsx -o doubtful-zh) >/dev/null 2>"$tmp/stderr"
    golden import-office-doubtful.zh.err "$tmp/stderr" "doubtful.xlsx under zh_CN"
fi
[ -f "$tmp/doubtful/交换平台运行费.pg" ] || fail "doubtful.xlsx: no 交换平台运行费.pg written"

exit $failed
