#!/bin/sh
# seed.sh HARNESS SRCDIR DIR — fills DIR with the seed corpus of a harness,
# taken from the repository's examples and tests at run time (no copies are
# kept in fuzz/), plus the harness's regressions (fuzz/regressions/NAME/).
#
#   fuzz-pg      examples/*.pg, tests/**/*.pg, stdlib/*.pg
#   fuzz-import  tests/import/*.txt|*.csv, tests/data/seeds/*.txt
#   fuzz-csv     examples/actuals/*.csv, tests/data/eval/*.csv, tests/eval/**/*.csv,
#                and the examples' actuals in GBK and UTF-16 (iconv, when
#                there is one: the decoding, text.c and decode.c)
#   fuzz-engines examples/actuals/*.csv (its bytes are choices, not text:
#                any bytes make a project; these give it a varied start)
#   fuzz-lsp     examples/*.pg and tests/data/lsp/*.pg (a document with
#                no commands after it: each is opened and checked)
#   fuzz-office  the seed forms as a workbook and a document
#                (tests/data/office/make-fixtures.py, where python3 has
#                openpyxl and python-docx), each after the byte 0 that
#                says "a whole file"; the regressions
set -eu
harness=$1 top=$2 dir=$3
rm -rf "$dir"
mkdir -p "$dir"
case $harness in
    fuzz-pg) files=$(cd "$top" && find examples tests stdlib -name '*.pg') ;;
    fuzz-import) files=$(cd "$top" && find tests/import tests/data/seeds -maxdepth 1 \( -name '*.txt' -o -name '*.csv' \)) ;;
    fuzz-csv) files=$(cd "$top" && find examples/actuals tests/data/eval tests/eval -name '*.csv') ;;
    fuzz-engines) files=$(cd "$top" && find examples/actuals -name '*.csv') ;;
    fuzz-lsp) files=$(cd "$top" && find examples tests/data/lsp -maxdepth 1 -name '*.pg') ;;
    fuzz-office)
        files=
        if /usr/bin/python3 -c 'import openpyxl, docx' 2>/dev/null; then
            mkdir -p "$dir/.fixtures"
            /usr/bin/python3 "$top/tests/data/office/make-fixtures.py" "$top"/tests/data/seeds/*.txt "$dir/.fixtures"
            for f in "$dir/.fixtures"/*; do
                { printf '\000'; cat "$f"; } >"$dir/0-$(basename "$f")"
            done
            # their parts, after the byte that names the part (fuzz-office.c)
            /usr/bin/python3 - "$dir" <<'EOF'
import sys, zipfile
d = sys.argv[1]
parts = [("forms.xlsx", "xl/worksheets/sheet1.xml", 1), ("forms.xlsx", "xl/sharedStrings.xml", 2),
         ("forms.xlsx", "xl/styles.xml", 3), ("forms.docx", "word/document.xml", 4)]
for f, name, mode in parts:
    z = zipfile.ZipFile(d + "/.fixtures/" + f)
    if name in z.namelist():
        open("%s/%d-%s" % (d, mode, name.replace("/", "-")), "wb").write(bytes([mode]) + z.read(name))
open(d + "/5-numfmt", "wb").write(b"\x050.97999999999999998\0#,##0.00%;[Red]-0.00%")
EOF
            rm -rf "$dir/.fixtures"
        fi ;;
    *) echo "seed.sh: no harness $harness" >&2; exit 2 ;;
esac
reg=$top/fuzz/regressions/${harness#fuzz-}
[ -d "$reg" ] && files="$files
$(cd "$top" && find "fuzz/regressions/${harness#fuzz-}" -type f)"
n=0
# one file a line; names may have spaces in no file of the tree
echo "$files" | while IFS= read -r f; do
    [ -n "$f" ] || continue
    n=$((n + 1))
    cp "$top/$f" "$dir/$n-$(basename "$f")"
done
if [ "$harness" = fuzz-csv ] && command -v iconv >/dev/null 2>&1; then
    for f in "$top"/examples/actuals/*.csv; do
        b=$(basename "$f" .csv)
        iconv -f UTF-8 -t GBK "$f" >"$dir/gbk-$b.csv"
        { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$f"; } >"$dir/utf16le-$b.csv"
        iconv -f UTF-8 -t UTF-16BE "$f" >"$dir/utf16be-$b.csv"
    done
fi
