#!/bin/sh
# render-chromium.sh — the HTML of pgc render, printed by a real browser.
#
# Every example is rendered to HTML and printed to PDF by Debian's
# headless Chromium; pdftotext (poppler-utils) reads the PDF back, and the
# text must hold the title, the (年度) line, the project's name, its
# 年度资金申请总额 and every indicator's name and target as the form shows
# them (=100%, ≥90%, =365天, 稳定, ≤2023-12, free text), on the page of
# that form.  The expected strings come from the .pg itself, through
# `pgc check --dump=ast`, not from the renderer.  Whitespace is ignored,
# since a cell's text wraps.  The page must be A4 and each form must fit
# on one page.
#
# Needs chromium, pdftotext and pdfinfo, and a CJK font (fonts-noto-cjk);
# without them the test is skipped (exit 77; under CI=true it fails).
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
chromium_ready
tmp=${TMPDIR:-/tmp}/pgc-chromium.$$
rm -rf "$tmp"
mkdir -p "$tmp/home" || exit 99
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd) || exit 99
cd "$TOP_SRCDIR" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}

# pdf IN.html OUT.pdf — prints a page with headless Chromium.
pdf() {
    chrome --no-pdf-header-footer --print-to-pdf="$2" "file://$1"
    [ -s "$2" ] || { sed 's/^/    /' "$tmp/chromium.log" | tail -n 5; return 1; }
}

# expected FILE.pg — the strings the printed form must show, one a line,
# read from the syntax tree: the project, the 年度, the 年度资金申请总额 (in
# 元), each indicator's name and its target (the operator and the value run
# together; a word or text without its "=").
expected() {
    echo "财政项目支出绩效目标申报表"
    "$PGC" check --dump=ast "$1" 2>/dev/null | awk '
        $2 == "项目" { t = $0; sub(/^[0-9]+:[0-9]+ 项目 /, "", t); print t }
        $2 == "entry" && $3 == "年度" { t = $4; gsub(/,/, "", t); print "(" t "年度)" }
        $2 == "entry" && $3 == "年度资金申请总额" && $5 == "元" {
            t = $4; if (t !~ /\./) t = t ".00"; print t
        }
        $2 == "indicator" {
            print $3
            t = $0; sub(/^ *[0-9]+:[0-9]+ indicator [^ ]+ */, "", t)
            op = ""
            if (t ~ /^(=|≥|≤|<|>) /) { op = t; sub(/ .*/, "", op); sub(/^[^ ]+ /, "", t) }
            if (t ~ /^"/) { sub(/^"/, "", t); sub(/"$/, "", t) }
            print (t ~ /^[0-9]/ || op != "=") ? op t : t
        }' | sed 's/[[:space:]]//g'
}

# All the examples in one document, printed once (Chromium takes seconds to
# start): one page per form, seven pages.
"$PGC" render --format html -o "$tmp/all.html" examples/ 2>/dev/null || fail "pgc render examples/: exit $?"
pdf "$tmp/all.html" "$tmp/all.pdf" || { fail "chromium printed no PDF"; exit 1; }
pages=$(pdfinfo "$tmp/all.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 7 ] || fail "the seven examples print on $pages pages, not 7 (one each)"
pdfinfo "$tmp/all.pdf" | grep -q '^Page size:.*(A4)' ||
    fail "the page is not A4: $(pdfinfo "$tmp/all.pdf" | grep '^Page size')"
# the text of each page, in drawing order (-raw: a cell's wrapped lines stay together)
p=1
while [ "$p" -le "$pages" ]; do
    pdftotext -raw -enc UTF-8 -f "$p" -l "$p" "$tmp/all.pdf" - | tr -d ' \t\n\r\f' >"$tmp/page$p.txt"
    p=$((p + 1))
done

n=0
for f in examples/*.pg; do
    expected "$f" >"$tmp/want"
    [ "$(wc -l <"$tmp/want")" -ge 8 ] || { fail "$f: too few expected strings"; continue; }
    name=$(sed -n 2p "$tmp/want")
    page=$(grep -lF -e "项目名称$name" "$tmp"/page*.txt)
    [ "$(echo "$page" | wc -w)" = 1 ] || { fail "$f: “$name” is not on exactly one page: $page"; continue; }
    while IFS= read -r want; do
        grep -qF -e "$want" "$page" || fail "$f: the printed form lacks “$want”"
    done <"$tmp/want"
    n=$((n + 1))
done
[ "$n" -ge 7 ] || fail "only $n examples found in print"
exit $failed
