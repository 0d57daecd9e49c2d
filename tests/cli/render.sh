#!/bin/sh
# render.sh — pgc render: options and exit statuses; -o writes through a
# temporary file and a rename and leaves the target alone on errors; the
# HTML of every example is one self-contained page (no scripts, no
# external resources, A4 print CSS) whose table grid is whole; every
# indicator of every example is in both outputs.  (The layout itself is
# held by the goldens in tests/render/, the printed page by
# render-chromium.sh.)
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-render.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
# run WANT_EXIT ARGS... — runs pgc render, keeps stdout and stderr.
run() {
    want=$1
    shift
    last="pgc render $*"
    "$PGC" render "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { fail "$last: exit $got, expected $want"; sed 's/^/    /' "$tmp/err" | head -n 5; }
}
has() { grep -q -e "$2" "$tmp/$1" || fail "$last: std$1 lacks '$2'"; }
empty() { [ ! -s "$tmp/$1" ] || { fail "$last: std$1 is not empty"; head -n 5 "$tmp/$1"; }; }

ex=examples/交换平台运行费.pg

# ---- usage ----------------------------------------------------------------
run 2;                              has err 'no files given'
run 2 --format pdf "$ex";           has err "unknown format 'pdf'"; empty out
run 2 --bogus "$ex";                has err "Try 'pgc help render'"
run 0 --help;                       has out 'Usage: pgc render'
"$PGC" help render >"$tmp/out" 2>&1 || fail "pgc help render: exit $?"
grep -q -e '--format=FMT' "$tmp/out" || fail "pgc help render lacks --format"
run 2 "$tmp/missing.pg";            has err 'cannot read'; empty out

# ---- formats; options after the files ---------------------------------------
run 0 "$ex";                        has out '^# 财政项目支出绩效目标申报表$'; empty err
run 0 "$ex" --format=md;            has out '^| 项目名称 | 交换平台运行费 |'
run 0 "$ex" --format html;          has out '^<!DOCTYPE html>'
run 0 --format html - <"$ex";       has out '<td>交换平台运行费</td>'
run 0 examples/;                    has err 'W0404'
[ "$(grep -c '^# 财政项目支出绩效目标申报表$' "$tmp/out")" = 7 ] || fail "examples/: not 7 forms"

# ---- errors in the input: reported, nothing rendered --------------------------
printf '项目 甲 {\n    年度 2023\n}\n' >"$tmp/bad.pg"
run 1 "$ex" "$tmp/bad.pg";          has err 'E0303'; empty out
printf '# nothing but a comment\n' >"$tmp/none.pg"
run 1 "$tmp/none.pg";               has err 'no 项目 to render'; empty out

# ---- -o: atomic, mode kept, untouched on errors ----------------------------------
run 0 "$ex" -o "$tmp/a.html";       empty out; empty err
head -n 1 "$tmp/a.html" | grep -q '^<!DOCTYPE html>' || fail "-o a.html did not choose HTML"
run 0 "$ex" --format md -o "$tmp/a.htm"
head -n 1 "$tmp/a.htm" | grep -q '^# ' || fail "--format md -o a.htm is not Markdown"
umask 022
run 0 "$ex" -o "$tmp/new.md"
[ "$(stat -c %a "$tmp/new.md")" = 644 ] || fail "-o new file: mode $(stat -c %a "$tmp/new.md"), want 644"
chmod 600 "$tmp/new.md"
run 0 examples/敬老卡制作费.pg -o "$tmp/new.md"
[ "$(stat -c %a "$tmp/new.md")" = 600 ] || fail "-o lost the mode of an existing file"
grep -q '敬老卡制作费' "$tmp/new.md" || fail "-o did not replace the file"
cp "$tmp/new.md" "$tmp/keep.md"
run 1 "$tmp/bad.pg" -o "$tmp/new.md"
cmp -s "$tmp/new.md" "$tmp/keep.md" || fail "-o changed the file although the input has errors"
run 2 "$ex" -o "$tmp/no/such/dir.html"; has err 'its directory does not exist'
ls "$tmp" | grep -q pgrnd && fail "-o left a temporary file"
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && cp "$tmp/keep.md" "$tmp/ro/x.md" && chmod 555 "$tmp/ro"
    run 2 "$ex" -o "$tmp/ro/x.md"
    cmp -s "$tmp/ro/x.md" "$tmp/keep.md" || fail "-o into a read-only directory changed the file"
fi
if [ -w /dev/full ]; then
    "$PGC" render "$ex" >/dev/full 2>"$tmp/err"; rc=$?
    [ $rc -eq 2 ] || fail "render >/dev/full: exit $rc, want 2"
fi

# ---- the HTML of every example ------------------------------------------------------
for f in examples/*.pg; do
    n=$(basename "$f" .pg)
    "$PGC" render --format html "$f" >"$tmp/p.html" 2>/dev/null || { fail "render --format html $f: exit $?"; continue; }
    "$PGC" render --format md "$f" >"$tmp/p.md" 2>/dev/null || { fail "render --format md $f: exit $?"; continue; }
    for want in '<html lang="zh-CN">' '<meta charset="utf-8">' '@page { size: A4;' \
                'page-break-inside: avoid' "<title>财政项目支出绩效目标申报表：$n</title>"; do
        grep -qF "$want" "$tmp/p.html" || fail "$f: the HTML lacks $want"
    done
    if grep -qiE '<script|<link|<img|<iframe|src=|href=|@import|url\(|https?:' "$tmp/p.html"; then
        fail "$f: the HTML is not self-contained"
    fi
    # every indicator and its target, in both outputs
    "$PGC" check --dump=ast "$f" 2>/dev/null | sed -n 's/^ *[0-9]*:[0-9]* indicator \([^ ]*\) .*/\1/p' >"$tmp/names"
    [ -s "$tmp/names" ] || fail "$f: no indicators found in --dump=ast"
    while read -r name; do
        grep -qF "<td class=\"text\">$name</td>" "$tmp/p.html" || fail "$f: $name not in the HTML"
        grep -qF "| $name |" "$tmp/p.md" || fail "$f: $name not in the Markdown"
    done <"$tmp/names"
done
# several projects: one page each
"$PGC" render --format html examples/ >"$tmp/all.html" 2>/dev/null
[ "$(grep -c '<section class="form">' "$tmp/all.html")" = 7 ] || fail "examples/: not 7 sections"
grep -qF 'section.form + section.form { break-before: page; page-break-before: always; }' "$tmp/all.html" ||
    fail "no page break between projects"

# The table grid: every row of every table fills the six columns, counting
# the cells that rowspans carry down (where python3 is at hand).
if command -v python3 >/dev/null 2>&1; then
    for f in "$tmp/all.html" tests/render/html-*.out; do
        python3 - "$f" <<'EOF' || fail "$f: the table grid is broken"
import sys
from html.parser import HTMLParser

class Grid(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ok, self.carry, self.row = True, [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.carry = [0] * 6
        elif tag == "tr":
            self.row, self.col = [], 0
        elif tag in ("td", "th") and self.row is not None:
            while self.col < 6 and self.carry[self.col] > 0:
                self.carry[self.col] -= 1
                self.col += 1
            span, rows = int(a.get("colspan", 1)), int(a.get("rowspan", 1))
            for c in range(self.col, self.col + span):
                if c >= 6:
                    self.ok = False
                    return
                self.carry[c] = rows - 1
            self.col += span
    def handle_endtag(self, tag):
        if tag == "tr":
            while self.col < 6 and self.carry[self.col] > 0:
                self.carry[self.col] -= 1
                self.col += 1
            if self.col != 6:
                print("row ends at column", self.col, file=sys.stderr)
                self.ok = False
            self.row = None
        elif tag == "table" and any(self.carry):
            print("rowspans run past the table", file=sys.stderr)
            self.ok = False

g = Grid()
g.feed(open(sys.argv[1], encoding="utf-8").read())
sys.exit(0 if g.ok else 1)
EOF
    done
fi
exit $failed
