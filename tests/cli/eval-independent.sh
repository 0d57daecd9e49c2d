#!/bin/sh
# eval-independent.sh — pgc eval agrees with an independent scorer.
#
# Generates 1,000 projects and their year-end actuals with bench/pggen.c
# (fixed seed; a fifth of the projects with explicit 分值, in the spec or in
# the actuals' 分值 column, and a fifth with 成本指标 as a 一级 block that
# shares the 产出指标 weight), scores them with `pgc eval --format csv` and
# with tests/independent/score.py (Python, written from domain.md and
# doc/language.md §5–§7, not from pgc's sources), and compares 项目, 总分
# and 等级 for every project.  Skips (77) without python3 or a C compiler.
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
N=${EVAL_INDEPENDENT_N:-1000}
SEED=${EVAL_INDEPENDENT_SEED:-20231231}
CC=${CC:-cc}

command -v python3 >/dev/null 2>&1 || skip "python3 not found"
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler ($CC)"

tmp=${TMPDIR:-/tmp}/pgc-eval-independent.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT

"$CC" -std=c11 -O2 -o "$tmp/pggen" "$TOP_SRCDIR/bench/pggen.c" ||
    { echo "FAIL: cannot build bench/pggen.c"; exit 1; }
"$tmp/pggen" "$N" --seed "$SEED" --weights 20 --cost-level1 20 -o "$tmp/specs" --actuals "$tmp/actuals.csv" ||
    { echo "FAIL: pggen failed"; exit 1; }

"$PGC" eval "$tmp/specs" --actuals "$tmp/actuals.csv" --format csv >"$tmp/pgc.csv" 2>"$tmp/pgc.err"
rc=$?
if [ "$rc" != 0 ]; then
    echo "FAIL: pgc eval exited $rc; first diagnostics:"
    grep -v ': warning: ' "$tmp/pgc.err" | head -n 20
    exit 1
fi
python3 "$TOP_SRCDIR/tests/independent/score.py" --actuals "$tmp/actuals.csv" "$tmp/specs" \
    >"$tmp/py.csv" 2>"$tmp/py.err" ||
    { echo "FAIL: score.py failed:"; head -n 20 "$tmp/py.err"; exit 1; }

python3 - "$tmp/pgc.csv" "$tmp/py.csv" "$N" <<'EOF'
import csv, sys
from decimal import Decimal

def load(path, who):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0][:3] != ["项目", "总分", "等级"]:
        print("FAIL: %s: header %r, expected 项目,总分,等级,…" % (who, rows[:1]))
        sys.exit(1)
    return [(r[0], r[1], r[2]) for r in rows[1:]]

pgc = load(sys.argv[1], "pgc eval")
ind = load(sys.argv[2], "score.py")
n = int(sys.argv[3])
bad = []
if len(pgc) != n or len(ind) != n:
    bad.append("project count: pgc %d, score.py %d, generated %d" % (len(pgc), len(ind), n))
want = {r[0]: r for r in ind}
seen = set()
for name, total, grade in pgc:
    seen.add(name)
    if name not in want:
        bad.append("%s: scored by pgc only" % name)
        continue
    _, t2, g2 = want[name]
    if Decimal(total) != Decimal(t2) or grade != g2:
        bad.append("%s: pgc %s %s, score.py %s %s" % (name, total, grade, t2, g2))
for name in want:
    if name not in seen:
        bad.append("%s: scored by score.py only" % name)
if bad:
    print("FAIL: %d disagreement(s) between pgc eval and score.py; the first %d:"
          % (len(bad), min(20, len(bad))))
    for b in bad[:20]:
        print("  " + b)
    sys.exit(1)
print("ok: %d projects, pgc eval and score.py agree on every 总分 and 等级" % len(pgc))
EOF
status=$?
[ "$status" = 0 ] || echo "  (inputs: pggen $N --seed $SEED --weights 20 --cost-level1 20 --actuals …)"
exit $status
