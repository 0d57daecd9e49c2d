#!/bin/sh
# valgrind.sh — pgc under valgrind's memcheck: every command on the
# examples and the test data, in every output format.  Each run must end
# with no memcheck error and nothing definitely or indirectly lost
# (--leak-check=full; memory still reachable at exit — the standard
# library, which lives as long as the process — is fine).
#
# Skipped without valgrind (under CI=true: failed); not run in a build with
# sanitizers (ASan and valgrind do not mix: Makefile.am leaves it out
# there).  eval uses the interpreter (--engine=interp): the JIT runs
# libgccjit, a whole compiler, which under valgrind is slow and reports
# things of its own; tests/cli/jit-diff.sh holds the JIT to the
# interpreter's results, and the ASan build runs it.
# not in a sanitizer build
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
command -v valgrind >/dev/null 2>&1 || skip "no valgrind"
if grep -q __asan_init "$PGC" 2>/dev/null; then
    # Makefile.am does not register this test in a sanitizer build
    echo "FAIL: pgc is built with sanitizers, and ASan and valgrind do not mix"
    exit 1
fi
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-valgrind.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
n=0

# vg EXITS ARGS... — pgc ARGS under memcheck; its exit status must be one
# of EXITS (a space-separated list)
vg() {
    want=$1
    shift
    n=$((n + 1))
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --error-exitcode=99 --log-file="$tmp/vg.log" \
        "$PGC" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    case " $want " in
        *" $code "*) ;;
        *) echo "FAIL: pgc $*: exit $code, expected $want"
           status=1 ;;
    esac
    if [ -s "$tmp/vg.log" ]; then
        echo "FAIL: pgc $*: valgrind says:"
        head -n 60 "$tmp/vg.log"
        status=1
    fi
}

ex=examples
one="examples/正式居住证制作费.pg"
vg 0 check $ex
vg 0 check --format=gnu $ex
vg 0 check --format=json $ex
vg 1 check --Werror $ex
vg 0 check --dump=tokens "$one"
vg 0 check --dump=ast "$one"
vg 1 check tests/check tests/parse
vg 1 check --format=json tests/check
vg "0 1" fmt $ex
vg 0 fmt --check $ex/*.pg
vg 0 render $ex
vg 0 render --format=html $ex
vg 0 render -o "$tmp/forms.html" $ex
for f in text json csv md html; do
    vg 0 eval --engine=interp --actuals examples/actuals/all.csv --format=$f $ex
    vg 0 eval --engine=interp --actuals examples/actuals/all.csv --format=$f --explain $ex
done
vg 0 eval --engine=interp --actuals examples/actuals/all.csv --emit=ir $ex
# the workbooks (libxlsxwriter), and one dropped unwritten (bad actuals)
vg 0 eval --engine=interp --actuals examples/actuals/all.csv --format=xlsx -o "$tmp/report.xlsx" $ex
vg 0 eval --engine=interp --actuals examples/actuals/all.csv --format=xlsx --explain -o "$tmp/report.xlsx" $ex
vg 1 eval --engine=interp --actuals tests/data/eval/bad-values.csv --format=xlsx -o "$tmp/report.xlsx" $ex
vg 0 eval --engine=interp --format=xlsx -o "$tmp/names.xlsx" tests/data/xlsx/names.pg
vg 0 render --format=xlsx -o "$tmp/forms.xlsx" $ex
vg 2 render --format=xlsx -o "$tmp/no/such/dir.xlsx" $ex
vg 0 eval --engine=interp --actuals "examples/actuals/正式居住证制作费.csv" -o "$tmp/report.txt" "$one"
for f in tests/eval/*.pg; do
    vg "0 1" eval --engine=interp --explain "$f"
done
for f in tests/data/eval/*.csv; do
    vg 1 eval --engine=interp --actuals "$f" $ex
done
for f in text json csv md html; do
    vg 0 monitor --actuals examples/actuals/monitor-06.csv --through 6 --format=$f --explain $ex
done
vg 0 monitor --actuals examples/actuals/monitor-06.csv --through 6 -o "$tmp/monitor.xlsx" $ex
vg 0 monitor --actuals tests/data/monitor/blocks.pg --through 6 examples/敬老卡制作费.pg
vg 1 monitor --actuals tests/data/monitor/bad.csv --through 6 $ex
vg 1 monitor --actuals examples/actuals/monitor-06.csv --through 6 tests/data/monitor/broken.pg $ex
vg 0 import -o "$tmp/seeds" tests/data/seeds/*.txt
vg "0 1" import -o "$tmp/cases" tests/import/*.txt tests/import/*.csv
vg 0 import -o - "$(ls tests/import/*.csv | head -n 1)"

[ "$status" -eq 0 ] && echo "PASS: $n runs of pgc under valgrind, no errors, nothing lost"
exit $status
