#!/bin/sh
# The Vim mode (editors/vim) in a real Vim: *.pg is detected as pg; every
# token of the fixture, the examples and the standard library gets the
# syntax group its kind in pgc's scanner calls for (keywords.def's keywords,
# operators of both widths, numbers, dates, strings, comments, category
# names; identifiers none); the ftplugin's settings; and = re-indents each
# formatted file, its indentation taken away or made too deep, back to what
# pgc fmt wrote.  Skipped (77) without a vim that has +eval and +syntax.
. "$TOP_SRCDIR/tests/lib.sh"
command -v vim > /dev/null 2>&1 || skip "no vim"
features=$(vim --version 2> /dev/null)
case $features in *+eval*+syntax*|*+syntax*+eval*) ;;
    *) skip "this vim has no +eval or no +syntax (vim-tiny?)" ;;
esac
cd "$TOP_SRCDIR" || exit 99
. editors/test/common.sh
pg_scratch vim
pg_expect
pg_indent_files
PG_RTP=$TOP_SRCDIR/editors/vim PG_EXPECT=$tmp/expect PG_INDENT=$tmp/indent PG_OUT=$tmp/out \
    LC_ALL=C.UTF-8 HOME=$tmp vim -es -N -u NONE -i NONE -S editors/test/vim-check.vim < /dev/null > "$tmp/log" 2>&1
rc=$?
[ -s "$tmp/out" ] || { echo "vim did not finish (exit $rc):"; head -n 20 "$tmp/log"; exit 1; }
cat "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q ' 0 problems$' "$tmp/out"
