#!/bin/sh
# actuals-encodings.sh — the actuals as offices save them.
#
# Each of the seven examples' actuals, and the portfolio's, converted with
# iconv to GBK and GB18030 (Excel's “CSV (逗号分隔)” on a Chinese
# Windows), to UTF-16LE and UTF-16BE with a byte order mark and without,
# and to Excel's “Unicode text” (UTF-16LE with a BOM, tab-separated, CR
# LF), must score byte for byte as the UTF-8 file does — exit status,
# stdout, stderr — in pgc eval (the interpreter, with the mapped pages
# dropped after every row, and the JIT) and in an evaluator of pgc build
# (whose stderr lacks only the specs' own warnings, pgc build's to print).
# So must, in GBK, a portfolio with bad values (the same line:col, the
# same carets), and, in every encoding, 2,000 generated projects (a
# decoded copy of several MB, written and mapped in pieces); the
# portfolio with -j2, and with no temporary directory (TMPDIR missing:
# decoded in memory).  A byte that is no GB18030 and bytes that are no
# text at all give the same one error in pgc eval and in the evaluator.
# No temporary file is left behind.  Skips when iconv or libgccjit is
# missing.
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
CC=${CC:-cc}
command -v iconv >/dev/null 2>&1 || skip "no iconv"
cd "$TOP_SRCDIR" || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-enc.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/tmpdir" || exit 99
status=0
runs=0
fail() { echo "FAIL: $*"; status=1; }

"$PGC" build examples/交换平台运行费.pg -o "$tmp/probe" >/dev/null 2>"$tmp/probe.err"
if [ $? = 2 ] && grep -q 'cannot compile' "$tmp/probe.err"; then
    skip "$(cat "$tmp/probe.err")"
fi

# Drops from the second file the diagnostic blocks (a line that starts
# in column 1 and the indented lines after it) that the first file holds.
minus_blocks() {
    if [ ! -s "$1" ]; then
        cat "$2"
        return
    fi
    awk 'function flush() { if (blk != "") { if (cur == 1) seen[blk] = 1; else if (!(blk in seen)) printf "%s", blk } blk = "" }
         FNR == 1 { flush(); cur++ }
         /^[^ ]/ { flush() }
         { blk = blk $0 "\n" }
         END { flush() }' "$1" "$2"
}

# convert ENC IN OUT — IN (UTF-8) as an office's spreadsheet would save it
convert() {
    case $1 in
        gbk) iconv -f UTF-8 -t GBK "$2" ;;
        gb18030) iconv -f UTF-8 -t GB18030 "$2" ;;
        utf16le-bom) printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$2" ;;
        utf16be-bom) printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$2" ;;
        utf16le) iconv -f UTF-8 -t UTF-16LE "$2" ;;
        utf16be) iconv -f UTF-8 -t UTF-16BE "$2" ;;
        unicode-text)
            # tabs for the separators, a quoted cell's quotes dropped and
            # its commas kept (the examples quote no quote, tab or line end)
            printf '\377\376'
            awk '{ out = ""; q = 0
                   for (i = 1; i <= length($0); i++) {
                       c = substr($0, i, 1)
                       if (c == "\"") q = !q
                       else if (c == "," && !q) out = out "\t"
                       else out = out c
                   }
                   printf "%s\r\n", out }' "$2" | iconv -f UTF-8 -t UTF-16LE ;;
    esac >"$3"
}

# run WHAT OUT-PREFIX CMD... — stdout, stderr and the exit status
run() {
    what=$1 pre=$2
    shift 2
    runs=$((runs + 1))
    TMPDIR=$tmp/tmpdir "$@" >"$pre.out" 2>"$pre.err"
    echo $? >"$pre.rc"
}

# same WHAT A B — the two runs' outputs and statuses are the same bytes
same() {
    for s in rc out err; do
        if ! cmp -s "$2.$s" "$3.$s"; then
            fail "$1: the $s differs"
            diff "$2.$s" "$3.$s" | head -n 10
            return
        fi
    done
}

# compare NAME CSV EV SPEC... — every engine on every encoding of CSV
# against pgc eval on CSV itself (EV: the evaluator built of the specs)
compare() {
    name=$1 csv=$2 ev=$3
    shift 3
    "$PGC" check --max-warnings=0 "$@" >/dev/null 2>"$tmp/check.err"
    run "$name" "$tmp/ref" "$PGC" eval --max-warnings=0 "$@" --actuals "$csv"
    run "$name" "$tmp/evref" "$ev" --max-warnings=0 "$csv"
    minus_blocks "$tmp/check.err" "$tmp/ref.err" >"$tmp/ref-ev.err"
    cp "$tmp/ref.rc" "$tmp/ref-ev.rc"
    cp "$tmp/ref.out" "$tmp/ref-ev.out"
    sed "s|^$(basename "$ev"): |pgc: |" "$tmp/evref.err" >"$tmp/evref2.err" && mv "$tmp/evref2.err" "$tmp/evref.err"
    same "$name: the evaluator on UTF-8" "$tmp/ref-ev" "$tmp/evref"
    for enc in $ENCODINGS; do
        convert "$enc" "$csv" "$tmp/in.csv"
        # the same path in every message: the file is named as given
        cp "$tmp/in.csv" "$tmp/enc/$(basename "$csv")"
        in=$tmp/enc/$(basename "$csv")
        run "$name" "$tmp/i" env PGC_ACTUALS_DROP=1 "$PGC" eval --max-warnings=0 --engine=interp "$@" --actuals "$in"
        run "$name" "$tmp/j" "$PGC" eval --max-warnings=0 --engine=jit "$@" --actuals "$in"
        run "$name" "$tmp/b" "$ev" --max-warnings=0 "$in"
        sed "s|^$(basename "$ev"): |pgc: |; s|$tmp/enc/|$(dirname "$csv")/|g" "$tmp/b.err" >"$tmp/b2.err" && mv "$tmp/b2.err" "$tmp/b.err"
        for x in i j; do
            sed "s|$tmp/enc/|$(dirname "$csv")/|g" "$tmp/$x.err" >"$tmp/x.err" && mv "$tmp/x.err" "$tmp/$x.err"
        done
        same "$name in $enc, pgc eval --engine=interp" "$tmp/ref" "$tmp/i"
        same "$name in $enc, pgc eval --engine=jit" "$tmp/ref" "$tmp/j"
        same "$name in $enc, the evaluator" "$tmp/ref-ev" "$tmp/b"
    done
}

mkdir -p "$tmp/enc" || exit 99
ENCODINGS="gbk gb18030 utf16le-bom utf16be-bom utf16le utf16be unicode-text"
for f in examples/*.pg; do
    n=$(basename "$f" .pg)
    "$PGC" build -q "$f" -o "$tmp/ev" 2>/dev/null || { fail "pgc build $f exited $?"; continue; }
    compare "$n" "examples/actuals/$n.csv" "$tmp/ev" "$f"
    [ "$(cat "$tmp/ref.rc")" = 0 ] || fail "$n: the UTF-8 actuals should score"
done
"$PGC" build -q examples -o "$tmp/ev-all" 2>/dev/null || fail "pgc build examples exited $?"
compare portfolio examples/actuals/all.csv "$tmp/ev-all" examples
[ "$(cat "$tmp/ref.rc")" = 0 ] || fail "the portfolio should score"

# bad values in GBK: the same diagnostics at the same line:col (the
# columns of the file's characters, not of its bytes)
sed -e 's/98\.5%/九十八点五%/' -e 's/,电费缴纳准确率,/,电费缴纳准确度,/' -e 's/"440,112\.35"/"44O,112.35"/' \
    examples/actuals/all.csv >"$tmp/bad.csv"
ENCODINGS="gbk gb18030 utf16le-bom utf16be"
compare "bad values" "$tmp/bad.csv" "$tmp/ev-all" examples
[ "$(cat "$tmp/ref.rc")" = 1 ] || fail "the bad values should exit 1, not $(cat "$tmp/ref.rc")"
for code in E0503 E0502 E0511; do
    grep -q "$code" "$tmp/ref.err" || fail "bad values: no $code in $(head -n 5 "$tmp/ref.err")"
done

# 2,000 generated projects in every encoding: several MB decoded and
# mapped in pieces, their pages let go and read again
if command -v "$CC" >/dev/null 2>&1 && "$CC" -std=c11 -O2 -o "$tmp/pggen" bench/pggen.c 2>"$tmp/cc.err"; then
    "$tmp/pggen" 2000 --seed 5 --weights 20 -o "$tmp/gen" --actuals "$tmp/gen.csv" || fail "pggen failed"
    "$PGC" build -q "$tmp/gen" -o "$tmp/ev-gen" 2>/dev/null || fail "pgc build of the generated specs exited $?"
    ENCODINGS="gbk gb18030 utf16le-bom utf16be"
    compare generated "$tmp/gen.csv" "$tmp/ev-gen" "$tmp/gen"
    [ "$(cat "$tmp/ref.rc")" = 0 ] || fail "the generated projects should score"
else
    echo "note: no C compiler ($CC): the generated portfolio skipped"
fi

# the portfolio in GBK in two processes, and with no temporary directory
convert gbk examples/actuals/all.csv "$tmp/enc/all.csv"
run -j2 "$tmp/ref" "$PGC" eval examples --actuals examples/actuals/all.csv
for args in "-j2" "-j1"; do
    # shellcheck disable=SC2086
    run "$args" "$tmp/p" "$PGC" eval $args examples --actuals "$tmp/enc/all.csv"
    sed "s|$tmp/enc/|examples/actuals/|g" "$tmp/p.err" >"$tmp/x.err" && mv "$tmp/x.err" "$tmp/p.err"
    same "the GBK portfolio, pgc eval $args" "$tmp/ref" "$tmp/p"
done
"$tmp/ev-all" -j2 "$tmp/enc/all.csv" >"$tmp/evj.out" 2>/dev/null || fail "the evaluator -j2 on GBK exited $?"
cmp -s "$tmp/ref.out" "$tmp/evj.out" || fail "the evaluator -j2 on GBK printed another report"
TMPDIR=$tmp/nonexistent "$PGC" eval examples --actuals "$tmp/enc/all.csv" >"$tmp/m.out" 2>/dev/null ||
    fail "pgc eval with no temporary directory exited $?"
cmp -s "$tmp/ref.out" "$tmp/m.out" || fail "pgc eval with no temporary directory printed another report"
TMPDIR=$tmp/nonexistent "$tmp/ev-all" "$tmp/enc/all.csv" >"$tmp/m.out" 2>/dev/null ||
    fail "the evaluator with no temporary directory exited $?"
cmp -s "$tmp/ref.out" "$tmp/m.out" || fail "the evaluator with no temporary directory printed another report"

# what cannot be decoded: one error, the same in pgc eval and the evaluator
iconv -f UTF-8 -t GBK examples/actuals/all.csv | LC_ALL=C sed '7s/,/\xff,/' >"$tmp/enc/invalid.csv"
awk 'BEGIN { s = 3; for (i = 0; i < 5000; i++) { s = (s * 16807) % 2147483647; printf "%c", s % 256 } }' >"$tmp/enc/random.csv"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE examples/actuals/all.csv; printf 'x'; } >"$tmp/enc/odd.csv"
"$PGC" check examples >/dev/null 2>"$tmp/check.err"
for f in invalid random odd; do
    run "$f" "$tmp/u" "$PGC" eval examples --actuals "$tmp/enc/$f.csv"
    run "$f" "$tmp/v" "$tmp/ev-all" "$tmp/enc/$f.csv"
    minus_blocks "$tmp/check.err" "$tmp/u.err" >"$tmp/u2.err" && mv "$tmp/u2.err" "$tmp/u.err"
    [ -s "$tmp/u.out" ] && fail "$f: a report was printed"
    same "$f: pgc eval and the evaluator" "$tmp/u" "$tmp/v"
    [ "$(cat "$tmp/u.rc")" = 1 ] || fail "$f: exit $(cat "$tmp/u.rc"), not 1"
    [ "$(grep -c 'error: ' "$tmp/u.err")" = 1 ] && grep -q "^$tmp/enc/$f.csv:[0-9]*:[0-9]*: error: .*\[E0513\]" "$tmp/u.err" ||
        fail "$f: not one E0513 naming the file: $(head -n 3 "$tmp/u.err")"
done
run invalid "$tmp/u" "$PGC" eval examples --actuals "$tmp/enc/invalid.csv"
grep -q "invalid.csv:7:[0-9]*: error: a byte sequence that is neither UTF-8 nor GB18030" "$tmp/u.err" ||
    fail "the byte 0xFF on line 7: $(grep error "$tmp/u.err")"
run odd "$tmp/u" "$PGC" eval examples --actuals "$tmp/enc/odd.csv"
grep -q "odd.csv:[0-9]*:1: error: invalid UTF-16LE text" "$tmp/u.err" || fail "the odd last byte: $(grep error "$tmp/u.err")"

[ -z "$(ls -A "$tmp/tmpdir")" ] || fail "temporary files left behind: $(ls -A "$tmp/tmpdir")"
[ "$status" = 0 ] && echo "ok: $runs runs"
exit $status
