#!/bin/sh
# evaluator-static.sh — an evaluator starts where the units are, whatever
# glibc their machines have (统信UOS 20 and 麒麟 V10 have 2.28, older than
# the build machine's): pgc build links it statically.  readelf finds no
# program interpreter and no dynamic section, objdump no dynamic symbol
# (so no GLIBC_ version newer than 2.28, nor any other), ldd says it is
# not a dynamic executable, and the kernel it asks for (its ABI note) is
# one those systems have (4.19).  It needs nothing of the machine but
# the kernel: in an empty environment, with no iconv converters
# (GCONV_PATH and LOCPATH pointing nowhere), it decodes GBK and UTF-16
# actuals and prints what pgc eval prints on the UTF-8 file; it holds no
# iconv at all (nm), and its messages are still Chinese under zh_CN.
#
# Not in a sanitizer build: there the evaluator is linked dynamically,
# as ASan's runtime needs.
# not in a sanitizer build
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
for t in readelf objdump nm iconv; do
    command -v $t >/dev/null 2>&1 || skip "no $t"
done
cd "$TOP_SRCDIR" || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-static.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

if ! "$PGC" build -q examples -o "$tmp/ev" 2>"$tmp/build.err"; then
    grep -q 'cannot compile' "$tmp/build.err" && skip "$(cat "$tmp/build.err")"
    fail "pgc build failed: $(cat "$tmp/build.err")"
    exit 1
fi
ev=$tmp/ev

# ---- what the loader would need: nothing --------------------------------------------
readelf -lW "$ev" >"$tmp/phdr" 2>&1 || fail "readelf -l failed: $(head -n 3 "$tmp/phdr")"
grep -q 'INTERP' "$tmp/phdr" && fail "the evaluator names a program interpreter: $(grep -A1 INTERP "$tmp/phdr")"
grep -q 'DYNAMIC' "$tmp/phdr" && fail "the evaluator has a dynamic segment"
readelf -d "$ev" >"$tmp/dyn" 2>&1
grep -q 'There is no dynamic section' "$tmp/dyn" || fail "readelf -d: $(head -n 5 "$tmp/dyn")"
grep -q NEEDED "$tmp/dyn" && fail "the evaluator needs shared libraries: $(grep NEEDED "$tmp/dyn")"
objdump -T "$ev" >"$tmp/dynsym" 2>&1
newest=$(grep -o 'GLIBC_[0-9][0-9.]*' "$tmp/dynsym" | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
[ -z "$newest" ] || fail "the evaluator asks for glibc symbols, up to GLIBC_$newest: $(grep GLIBC_ "$tmp/dynsym" | head -n 5)"
grep -q 'no symbols' "$tmp/dynsym" || fail "objdump -T: $(sed -n 1,8p "$tmp/dynsym")"
if ldd "$ev" >"$tmp/ldd" 2>&1; then
    fail "ldd lists libraries: $(cat "$tmp/ldd")"
fi
grep -q 'not a dynamic executable' "$tmp/ldd" || fail "ldd: $(cat "$tmp/ldd")"
if command -v file >/dev/null 2>&1; then
    file "$ev" | grep -q 'statically linked' || fail "file: $(file "$ev")"
fi
# the kernel it asks for: no newer than 4.19 (统信UOS 20, 麒麟 V10)
abi=$(readelf -n "$ev" | sed -n 's/.*OS: Linux, ABI: \([0-9.]*\).*/\1/p' | head -n 1)
[ -n "$abi" ] || fail "no ABI note (readelf -n): $(readelf -n "$ev" | head -n 10)"
case $abi in
    2.* | 3.* | 4.[0-9] | 4.[0-9].* | 4.1[0-9] | 4.1[0-9].*) ;;
    *) fail "the evaluator asks for Linux $abi or newer" ;;
esac
# the runtime calls no iconv (a static glibc's would dlopen its converters)
nm "$ev" | grep -q -E ' [TtWw] (iconv_open|iconv)$' && fail "the evaluator holds iconv: $(nm "$ev" | grep -E ' iconv(_open)?$')"

# ---- what it needs of the machine: nothing but the kernel ------------------------------
"$PGC" eval examples --actuals examples/actuals/all.csv >"$tmp/ref.out" 2>/dev/null || fail "pgc eval exited $?"
iconv -f UTF-8 -t GBK examples/actuals/all.csv >"$tmp/gbk.csv"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE examples/actuals/all.csv; } >"$tmp/utf16.csv"
for f in gbk utf16; do
    env -i GCONV_PATH=/nonexistent LOCPATH=/nonexistent "$ev" "$tmp/$f.csv" >"$tmp/$f.out" 2>"$tmp/$f.err" ||
        fail "$f in an empty environment, without converters: exit $?: $(head -n 3 "$tmp/$f.err")"
    cmp -s "$tmp/ref.out" "$tmp/$f.out" || fail "$f in an empty environment: another report than pgc eval's on UTF-8"
done

# ---- its messages in Chinese, as pgc's --------------------------------------------------
if [ "${PGC_NLS-}" = yes ]; then
    sed 's/98\.5%/九十八点五%/' examples/actuals/all.csv | iconv -f UTF-8 -t GBK >"$tmp/bad.csv"
    LC_ALL=zh_CN.UTF-8 PGC_LOCALEDIR=$TOP_BUILDDIR/locale "$ev" "$tmp/bad.csv" >/dev/null 2>"$tmp/zh.err"
    [ $? = 1 ] || fail "bad GBK actuals under zh_CN: exit not 1"
    grep -q "bad.csv:5:17: 错误：指标“电费缴纳及时率”的指标值是数值" "$tmp/zh.err" ||
        fail "no Chinese message from the static evaluator: $(head -n 3 "$tmp/zh.err")"
fi
[ "$status" = 0 ] && echo ok
exit $status
