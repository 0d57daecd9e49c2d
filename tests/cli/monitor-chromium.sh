#!/bin/sh
# monitor-chromium.sh — pgc monitor's html report of the seven examples
# after 6 months (examples/actuals/monitor-06.csv), printed and drawn by a
# real browser.
#
# Headless Chromium prints it to PDF: A4, the dashboard first (its title on
# page 1, before any 执行监控表), and its text (pdftotext) holds the counts
# by light (红 1, 未填报 6), the chart's axis labels (0–10 … 90–100 and
# 执行率（%）: the inline SVG was drawn), the project furthest behind with
# its rate, the two indicators behind; then the seven forms, six of them
# 未填报 — the figures read from the json report, not from the html
# writer.  A screenshot shows the chart's bars and the red lights: pixels
# of their colours.
#
# Needs chromium, pdftotext, pdfinfo and Python 3, and a CJK font
# (fonts-noto-cjk); without them the test is skipped (exit 77; under
# CI=true it fails).
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
chromium_ready python3
tmp=${TMPDIR:-/tmp}/pgc-monitor-chromium.$$
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

m6=examples/actuals/monitor-06.csv
"$PGC" monitor -q examples -a $m6 -n 6 --format html -o "$tmp/m.html" 2>/dev/null || fail "--format html: exit $?"
"$PGC" monitor -q examples -a $m6 -n 6 --format json -o "$tmp/m.json" 2>/dev/null || fail "--format json: exit $?"
grep -q '<svg class="chart"' "$tmp/m.html" || fail "the html report has no chart"
grep -q '<script' "$tmp/m.html" && fail "the html report has a script"
grep -Eq '(src|href)="?(https?:)?//' "$tmp/m.html" && fail "the html report loads something from the network"

chrome --no-pdf-header-footer --print-to-pdf="$tmp/m.pdf" "file://$tmp/m.html"
[ -s "$tmp/m.pdf" ] || { sed 's/^/    /' "$tmp/chromium.log" | tail -n 5; fail "chromium printed no PDF"; exit 1; }
pdfinfo "$tmp/m.pdf" | grep -q '^Page size:.*(A4)' ||
    fail "the page is not A4: $(pdfinfo "$tmp/m.pdf" | grep '^Page size')"
pdftotext -raw -enc UTF-8 -f 1 -l 1 "$tmp/m.pdf" - | tr -d ' \t\n\r\f' >"$tmp/page1.txt"
pdftotext -raw -enc UTF-8 "$tmp/m.pdf" - | tr -d ' \t\r\f' >"$tmp/all.txt"
grep -qF '项目支出绩效目标执行监控汇总（1–6月）' "$tmp/page1.txt" || fail "page 1 is not the dashboard"
grep -qF '项目名称' "$tmp/page1.txt" && fail "a 执行监控表 starts on the dashboard's page"
[ "$(grep -c '^项目名称' "$tmp/all.txt")" = 7 ] || fail "the report has not seven forms"

python3 - "$tmp/m.json" >"$tmp/want" <<'EOF' || fail "the json report has not the expected summary"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert sum(1 for p in d["projects"] if not p["reported"]) == 6
s = d["summary"]
counts = {c["name"]: c["count"] for c in s["categories"]}
assert counts == {"绿": 0, "黄": 0, "红": 1, "未填报": 6}, counts
for name in ("红", "未填报"):
    print("%s%d" % (name, counts[name]))
for h in s["histogram"]:
    print("%s–%s" % (h["from"], h["to"]))
print("执行率（%）")
p = s["behind_projects"][0]
assert p["project"] == "敬老卡制作费", p
print(p["project"])
print("%.2f%%" % p["value"])
names = [i["indicator"] for i in s["behind_indicators"]]
assert names == ["敬老卡制发卡数量", "市民满意度"], names
for n in names:
    print(n)
EOF
[ "$(wc -l <"$tmp/want")" -ge 16 ] || fail "too few expected strings: $(wc -l <"$tmp/want")"
while IFS= read -r want; do
    grep -qF -e "$want" "$tmp/all.txt" || fail "the printed report lacks “$want”"
done <"$tmp/want"

chrome --window-size=1200,1500 --hide-scrollbars --screenshot="$tmp/shot.png" "file://$tmp/m.html"
[ -s "$tmp/shot.png" ] || { fail "chromium took no screenshot"; exit 1; }
bars=$(python3 tests/data/png-colour.py "$tmp/shot.png" 4a6fa5 700)
[ "${bars:-0}" -gt 2000 ] || fail "the screenshot shows no bars of the chart ($bars pixels of their colour)"
red=$(python3 tests/data/png-colour.py "$tmp/shot.png" f3c1bd)
[ "${red:-0}" -gt 500 ] || fail "the screenshot shows no red light ($red pixels of its colour)"
[ "$failed" = 0 ] && echo "PASS: the dashboard prints on A4 with its counts, chart ($bars bar pixels), lights ($red red pixels) and lists"
exit $failed
