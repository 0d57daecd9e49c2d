#!/bin/sh
# dash-chromium.sh — the summary page of pgc eval's html report of many
# projects (dash.c), printed and drawn by a real browser.
#
# The seven examples with their actuals (examples/actuals/all.csv) as
# html, printed to PDF by Debian's headless Chromium: the pages are A4,
# the summary comes first (its title on page 1, before any 自评表), and
# its text (pdftotext) holds the counts by grade, the chart's axis labels
# (the bins 0–10 … 90–100 and the caption 总分（分）: the inline SVG was
# drawn), the lowest project with its 总分 and the lowest indicator; the
# figures are read from the json report, not from the html writer.  A
# screenshot of the page must show the chart's bars: pixels of the bars'
# colour (#4a6fa5) in the chart's part of the page.
#
# Needs chromium, pdftotext, pdfinfo and Python 3 (to read the PNG), and a
# CJK font (fonts-noto-cjk); without them the test is skipped (exit 77;
# under CI=true it fails).
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
chromium_ready python3
tmp=${TMPDIR:-/tmp}/pgc-dash-chromium.$$
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

"$PGC" eval -q examples --actuals examples/actuals/all.csv --format html -o "$tmp/all.html" 2>/dev/null ||
    fail "pgc eval --format html: exit $?"
"$PGC" eval -q examples --actuals examples/actuals/all.csv --format json -o "$tmp/all.json" 2>/dev/null ||
    fail "pgc eval --format json: exit $?"
grep -q '<svg class="chart"' "$tmp/all.html" || fail "the html report has no chart"
grep -q '<script' "$tmp/all.html" && fail "the html report has a script"
grep -Eq '(src|href)="?(https?:)?//' "$tmp/all.html" && fail "the html report loads something from the network"

chrome --no-pdf-header-footer --print-to-pdf="$tmp/all.pdf" "file://$tmp/all.html"
[ -s "$tmp/all.pdf" ] || { sed 's/^/    /' "$tmp/chromium.log" | tail -n 5; fail "chromium printed no PDF"; exit 1; }
pdfinfo "$tmp/all.pdf" | grep -q '^Page size:.*(A4)' ||
    fail "the page is not A4: $(pdfinfo "$tmp/all.pdf" | grep '^Page size')"
pdftotext -raw -enc UTF-8 -f 1 -l 1 "$tmp/all.pdf" - | tr -d ' \t\n\r\f' >"$tmp/page1.txt"
pdftotext -raw -enc UTF-8 "$tmp/all.pdf" - | tr -d ' \t\r\f' >"$tmp/all.txt"
grep -qF '项目支出绩效自评汇总' "$tmp/page1.txt" || fail "page 1 is not the summary"
grep -qF '项目名称' "$tmp/page1.txt" && fail "a 自评表 starts on the summary's page"

# the figures the summary must show, from the json report's "summary"
python3 - "$tmp/all.json" >"$tmp/want" <<'EOF' || fail "the json report has no summary"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]
print("项目数%d" % s["projects"])
for c in s["categories"]:
    print("%s%d" % (c["name"], c["count"]))
for h in s["histogram"]:
    print("%s–%s" % (h["from"], h["to"]))
print("总分（分）")
p = s["behind_projects"][0]
print(p["project"])
print("%.2f" % p["value"])
i = s["behind_indicators"][0]
print(i["indicator"])
print(i["value"])
EOF
[ "$(wc -l <"$tmp/want")" -ge 18 ] || fail "too few expected strings: $(wc -l <"$tmp/want")"
while IFS= read -r want; do
    grep -qF -e "$want" "$tmp/all.txt" || fail "the printed summary lacks “$want”"
done <"$tmp/want"
# the counts by grade as a row of the table: 优 then its count
grep -qF "优$(python3 -c 'import json,sys; print([c["count"] for c in json.load(open(sys.argv[1]))["summary"]["categories"] if c["name"]=="优"][0])' "$tmp/all.json")" "$tmp/page1.txt" ||
    fail "page 1 lacks the count of 优"

# the chart drawn: the bars' colour in the upper part of a screenshot
chrome --window-size=900,1400 --hide-scrollbars --screenshot="$tmp/shot.png" "file://$tmp/all.html"
[ -s "$tmp/shot.png" ] || { fail "chromium took no screenshot"; exit 1; }
bars=$(python3 tests/data/png-colour.py "$tmp/shot.png" 4a6fa5 700)
[ "${bars:-0}" -gt 2000 ] || fail "the screenshot shows no bars of the chart ($bars pixels of their colour)"
[ "$failed" = 0 ] && echo "PASS: the summary page prints on A4 with its counts, chart ($bars bar pixels) and lists"
exit $failed
