#!/usr/bin/env bash
# eval-bench.sh — benchmark `pgc eval` (scoring a portfolio at year end).
#
#   bench/eval-bench.sh            (after building pgc)
#
# For each size it generates that many projects and their year-end actuals
# with pggen (--actuals; about 16 CSV rows a project), then times, each once,
# on the same files:
#   pgc eval DIR --actuals FILE --format csv -o OUT     the thing measured
#   wc -l FILE                                          floor: read the actuals
#   python3 tests/independent/score.py …                the independent scorer
# (wall, user+sys CPU and peak RSS from /usr/bin/time) and checks that pgc's
# 总分 and 等级 equal score.py's for every project.
#
# Environment:
#   PGC      path to pgc                (default: ../build/pgc relative to this script)
#   SIZES    corpus sizes in projects   (default: "1000 10000 100000")
#   SEED     pggen seed                 (default: 1)
#   WEIGHTS  pggen --weights percentage (default: 10)
#   PYTHON   Python 3 for score.py      (default: python3; set PYTHON=none to skip it)
#   KEEP     1 = keep the generated files under bench/out/ (default: 0)
#   CC       C compiler for pggen       (default: cc)
#   ENCODING the actuals as saved       (default: utf-8; gbk, gb18030, or
#            utf-16: UTF-16LE with a BOM) — converted with iconv before
#            pgc and wc read them (score.py reads the UTF-8 file)
#
# Exits non-zero if pgc eval fails on a generated corpus or disagrees with
# score.py.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PGC=${PGC:-$here/../build/pgc}
SIZES=${SIZES:-"1000 10000 100000"}
SEED=${SEED:-1}
WEIGHTS=${WEIGHTS:-10}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}
CC=${CC:-cc}
ENCODING=${ENCODING:-utf-8}
score_py=$here/../tests/independent/score.py

die() { echo "eval-bench: $*" >&2; exit 1; }

# Install a Debian package, as root, only when the tool is missing.
need() {   # need TEST-COMMAND PACKAGE
    local probe=$1 pkg=$2
    if eval "$probe" >/dev/null 2>&1; then return 0; fi
    [ "$(id -u)" = 0 ] || die "'$pkg' is missing; install it (apt-get install $pkg)"
    echo "eval-bench: installing $pkg" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$pkg" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$pkg" >/dev/null; } ||
        die "could not install $pkg"
    eval "$probe" >/dev/null 2>&1 || die "$pkg installed but still not usable"
}

need '[ -x /usr/bin/time ]' time
if [ "$PYTHON" != none ]; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (set PYTHON=none to skip score.py)"
fi

case $PGC in /*) ;; *) PGC=$PWD/$PGC ;; esac
[ -x "$PGC" ] || die "pgc not found at $PGC (build it first, or set PGC)"

# --- pggen -------------------------------------------------------------------
mkdir -p "$here/out"
pggen=$here/out/pggen
if [ ! -x "$pggen" ] || [ "$here/pggen.c" -nt "$pggen" ]; then
    echo "eval-bench: building pggen" >&2
    $CC -std=c11 -O2 -o "$pggen" "$here/pggen.c" || die "cannot build pggen"
fi

fail=0
work=$(mktemp -d "$here/out/eval.XXXXXX")
cleanup() {
    if [ "$KEEP" = 1 ] || [ "$fail" != 0 ]; then
        echo "eval-bench: inputs and outputs kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

echo "pgc eval benchmark"
echo "  pgc:     $PGC"
echo "  machine: $(uname -srm), $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
echo "  load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-minute load average at the start)"
echo "  seed:    $SEED, --weights $WEIGHTS"
echo "  actuals: $ENCODING"
echo

# timed NAME CMD... — runs CMD under /usr/bin/time (stdout to $work/NAME.out,
# stderr to $work/NAME.err); sets $wall, $cpu (user + sys), $rss_mb and $rc.
timed() {
    local name=$1 u s k
    shift
    rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" \
        >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    # On failure /usr/bin/time writes a status line first; the figures are last.
    read -r wall u s k < <(tail -n1 "$work/$name.time")
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    rss_mb=$(awk -v k="$k" 'BEGIN { printf "%.1f", k / 1024 }')
}

# ratio A B — A / B to two significant places, or - when B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "-" }'; }

echo "pgc eval DIR --actuals FILE --format csv -o OUT, each command run once"
echo "(s = seconds wall; cpu = user + sys seconds; MB = 2^20 bytes; RSS = peak)"
printf '%8s %9s %7s | %7s %7s %7s %9s %9s | %6s %8s | %8s %8s %7s | %7s %7s  %s\n' \
    projects rows in_MB pgc_s cpu_s RSS_MB proj/s rows/s wc_s wc_RSS py_s py_cpu py_RSS \
    pgc/wc py/pgc agree
for n in $SIZES; do
    dir=$work/specs-$n csv=$work/actuals-$n.csv
    "$pggen" "$n" --seed "$SEED" --weights "$WEIGHTS" -o "$dir" --actuals "$csv"
    rows=$(($(wc -l <"$csv") - 1))
    saved=$csv
    case $ENCODING in
        utf-8) ;;
        utf-16) saved=$work/actuals-$n.$ENCODING.csv
                { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$csv"; } >"$saved" ;;
        *) saved=$work/actuals-$n.$ENCODING.csv
           iconv -f UTF-8 -t "$ENCODING" "$csv" >"$saved" ;;
    esac
    bytes=$(find "$dir" -name '*.pg' -printf '%s\n' | awk -v c="$(wc -c <"$saved")" \
        '{ s += $1 } END { printf "%d", s + c }')

    timed "wc-$n" wc -l "$saved"
    wc_wall=$wall wc_rss=$rss_mb

    timed "pgc-$n" "$PGC" eval "$dir" --actuals "$saved" --format csv -o "$work/pgc-$n.csv"
    p_wall=$wall p_cpu=$cpu p_rss=$rss_mb p_rc=$rc
    if [ "$p_rc" != 0 ]; then
        fail=1
        echo "  pgc eval failed on $n projects (exit $p_rc); first errors:" >&2
        grep -v ': warning: ' "$work/pgc-$n.err" | head -n 20 >&2 || true
    fi

    agree=-
    py_wall=- py_cpu=- py_rss=-
    if [ "$PYTHON" != none ]; then
        timed "py-$n" "$PYTHON" "$score_py" --actuals "$csv" "$dir"
        py_wall=$wall py_cpu=$cpu py_rss=$rss_mb
        if [ "$rc" != 0 ]; then
            fail=1 agree=ERROR
            echo "  score.py failed on $n projects:" >&2
            head -n 20 "$work/py-$n.err" >&2
        elif [ "$p_rc" = 0 ]; then
            # compare 项目,总分,等级 (totals as numbers: 98.6 = 98.60)
            if agree=$("$PYTHON" - "$work/pgc-$n.csv" "$work/py-$n.out" <<'EOF'
import csv, sys
from decimal import Decimal
def load(p):
    with open(p, encoding="utf-8", newline="") as f:
        return {r[0]: (Decimal(r[1]), r[2]) for r in list(csv.reader(f))[1:]}
a, b = load(sys.argv[1]), load(sys.argv[2])
bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
for k in bad[:20]:
    print("  %s: pgc %s, score.py %s" % (k, a.get(k), b.get(k)), file=sys.stderr)
print("yes" if not bad and a else "NO(%d)" % len(bad))
sys.exit(1 if bad or not a else 0)
EOF
            ); then :; else fail=1; fi
        fi
    fi

    awk -v n="$n" -v rows="$rows" -v b="$bytes" -v pw="$p_wall" -v pc="$p_cpu" -v pr="$p_rss" \
        -v ww="$wc_wall" -v wr="$wc_rss" -v yw="$py_wall" -v yc="$py_cpu" -v yr="$py_rss" \
        -v a="$agree" -v rc="$p_rc" 'BEGIN {
        ps = pw > 0 ? sprintf("%9.0f", n / pw) : sprintf("%9s", "-")
        rs = pw > 0 ? sprintf("%9.0f", rows / pw) : sprintf("%9s", "-")
        r1 = ww > 0 ? sprintf("%7.1f", pw / ww) : sprintf("%7s", "-")
        r2 = (yw != "-" && pw > 0) ? sprintf("%7.1f", yw / pw) : sprintf("%7s", "-")
        printf "%8d %9d %7.1f | %7.2f %7.2f %7.1f %s %s | %6.2f %8.1f | %8s %8s %7s | %s %s  %s%s\n",
            n, rows, b / 1048576, pw, pc, pr, ps, rs, ww, wr, yw, yc, yr, r1, r2, a,
            rc == 0 ? "" : "   pgc FAILED (exit " rc ")"
    }'
done

if [ "$fail" != 0 ]; then
    echo "eval-bench: FAILED: pgc eval failed or disagreed with score.py" >&2
    exit 1
fi
