#!/bin/sh
# The table of diagnostic codes in doc/language.md is the one
# tools/update-doc-codes makes from src/rt/diagcodes.def.
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-doc.$$
mkdir -p "$tmp/tools" "$tmp/src/rt" "$tmp/doc" || exit 99
trap 'rm -rf "$tmp"' EXIT
cp tools/update-doc-codes "$tmp/tools/" && cp src/rt/diagcodes.def "$tmp/src/rt/" && cp doc/language.md "$tmp/doc/"
sh "$tmp/tools/update-doc-codes" || exit 99
if ! cmp -s doc/language.md "$tmp/doc/language.md"; then
    echo "doc/language.md's table of codes is out of date; run tools/update-doc-codes"
    diff -u doc/language.md "$tmp/doc/language.md" | head -n 20
    exit 1
fi
n=$(grep -c '^DIAG(' src/rt/diagcodes.def)
[ "$n" -ge 40 ] || { echo "only $n codes in src/rt/diagcodes.def"; exit 1; }
