#!/bin/sh
# pgc lsp, driven by a scripted client (tests/data/lsp/client.py, python3's
# standard library): each tests/data/lsp/NAME.json session's answers must be
# tests/data/lsp/NAME.out.  session: diagnostics of 质量指考 under exactly those
# four characters, its quick fix, completion by context (the 二级 under
# 产出指标, header fields, 资金 lines, keywords), an edit that clears the
# error, hover on an indicator (target, weight, rule and its formula,
# score), on a category, a unit and a scale word, inlay hints with the
# scores from actuals/敬老卡制作费.csv, the code lens's total, symbols,
# folding, formatting, semantic tokens, close.  protocol: bad messages
# (-32700, -32600, -32601, -32602, -32002) and UTF-8 positions.  utf16:
# the same line with a character outside the BMP, in UTF-16.  userlib: a
# project whose scheme is in another file of the workspace (hover, the
# code lens, in the client's locale zh-CN), go to definition into that file
# and into the standard library (read-only copies in XDG_CACHE_HOME), and
# the scheme renamed in the editor: E0309 in the project's file.  actions:
# the quick fix that adds a missing 满意度指标 block, hover on keywords.
. "$TOP_SRCDIR/tests/lib.sh"
py=/usr/bin/python3
[ -x $py ] || py=$(command -v python3) || skip "no python3"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# the documents where the sessions' URIs say (a copy: the source tree may be read-only)
cp -R "$TOP_SRCDIR/tests/data/lsp" "$tmp/lsp" && chmod -R u+w "$tmp/lsp" || exit 99
status=0
for t in session protocol utf16 userlib actions; do
    "$py" "$tmp/lsp/client.py" "$PGC" "$tmp/lsp/$t.json" > "$tmp/$t.out" 2> "$tmp/$t.err"
    if ! diff -u "$TOP_SRCDIR/tests/data/lsp/$t.out" "$tmp/$t.out"; then
        echo "FAIL: $t (stderr below)"
        cat "$tmp/$t.err"
        status=1
    fi
done
exit $status
