#!/bin/sh
# The Emacs mode (editors/emacs/pg-mode.el) in a real Emacs: it byte-compiles
# without warnings; *.pg opens in pg-mode; every token of the fixture, the
# examples and the standard library gets the face its kind in pgc's scanner
# calls for (keyword face for each of keywords.def's keywords, the operator
# face, constant face for numbers and dates, string and comment faces, type
# face for category names, none for identifiers); strings end at the line
# end; comment-region writes #; typing }, ｝ or 否则 re-indents the line;
# and indent-region re-indents each formatted file, its indentation taken
# away or made too deep, back to what pgc fmt wrote.
# Skipped (77) without emacs.
. "$TOP_SRCDIR/tests/lib.sh"
command -v emacs > /dev/null 2>&1 || skip "no emacs"
cd "$TOP_SRCDIR" || exit 99
. editors/test/common.sh
pg_scratch emacs
pg_expect
pg_indent_files
export LC_ALL=C.UTF-8 HOME="$tmp"

# byte-compiles cleanly (in the scratch directory: the source may be read-only)
cp editors/emacs/pg-mode.el "$tmp/"
emacs --batch -Q --eval '(setq byte-compile-error-on-warn t)' \
    -f batch-byte-compile "$tmp/pg-mode.el" > "$tmp/compile.log" 2>&1 ||
    { echo "FAIL: pg-mode.el does not byte-compile cleanly:"; cat "$tmp/compile.log"; exit 1; }

PG_EXPECT=$tmp/expect PG_INDENT=$tmp/indent PG_OUT=$tmp/out \
    emacs --batch -Q -l editors/emacs/pg-mode.el -l editors/test/emacs-check.el \
    < /dev/null > "$tmp/log" 2>&1
rc=$?
[ -s "$tmp/out" ] || { echo "emacs did not finish (exit $rc):"; tail -n 20 "$tmp/log"; exit 1; }
cat "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q ' 0 problems$' "$tmp/out"
