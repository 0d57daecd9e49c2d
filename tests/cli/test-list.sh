#!/bin/sh
# tests/list.am names every test file under tests/ (run
# tools/update-test-list after adding one).
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-list.$$
mkdir -p "$tmp" && cp -r tools tests "$tmp/" 2>/dev/null
(cd "$tmp" && sh tools/update-test-list) || exit 99
if ! cmp -s tests/list.am "$tmp/tests/list.am"; then
    echo "tests/list.am is out of date; run tools/update-test-list"
    diff -u tests/list.am "$tmp/tests/list.am" | head -n 20
    rm -rf "$tmp"
    exit 1
fi
rm -rf "$tmp"
