#!/bin/sh
# A session of 10,000 random edits (tests/data/lsp/edits.py) on the
# document with 质量指考, with requests between them: the last version
# gets its diagnostics, the server's text stays the client's, memory stays
# flat (VmRSS after the 10,000th edit within 1 MB of that after the
# 1,001st; not in the ASan build, whose quarantine holds freed memory), and — under valgrind's memcheck, or in the ASan build natively
# (LeakSanitizer at exit) — no memory error and nothing lost.
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
[ -x $py ] || py=$(command -v python3) || skip "no python3"
doc=$TOP_SRCDIR/tests/data/lsp/typo.pg
out=$("$py" "$TOP_SRCDIR/tests/data/lsp/edits.py" 10000 "$doc" "$PGC" lsp) || { echo "$out"; exit 1; }
echo "$out"
if grep -q __asan_init "$PGC" 2>/dev/null; then
    # the run above was under ASan and LeakSanitizer; its RSS says nothing
    # (ASan keeps up to 256 MB of freed memory in quarantine)
    exit 0
fi
echo "$out" | awk '/^VmRSS/ { if ($9 - $5 > 1024) { print "FAIL: memory grew by " $9 - $5 " kB"; exit 1 } }' || exit 1
command -v valgrind > /dev/null 2>&1 || skip "no valgrind"
"$py" "$TOP_SRCDIR/tests/data/lsp/edits.py" 10000 "$doc" \
    valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect "$PGC" lsp
