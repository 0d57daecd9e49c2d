#!/bin/sh
# progress.sh — the progress line: drawn on a terminal for check (in one
# process and with -j), eval, import and build over many files — "pgc
# check: N/M files, S s", redrawn with \r and erased at the end — and
# never when stderr is a file or a pipe, nor with -q.  The terminal is a
# pseudo-terminal made by script(1) (util-linux).
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
command -v script >/dev/null 2>&1 || skip "no script(1) (the Debian package bsdutils)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-progress.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
status=0
fail() { echo "FAIL: $*"; status=1; }

# 40 copies of the examples: 280 files, over 256 KB (check -j forks)
mkdir -p "$tmp/forms" "$tmp/pasted" || exit 99
for i in $(seq 1 40); do
    for f in examples/*.pg; do cp "$f" "$tmp/forms/$i-$(basename "$f")"; done
done
for i in 1 2 3; do cp tests/data/seeds/*.txt "$tmp/pasted/$i.txt"; done

# tty NAME CMD... — CMD with stdout to a file and stderr on a terminal;
# what the terminal showed in $tmp/NAME.tty
tty() {
    name=$1
    shift
    # script's own output (the terminal) is what stderr wrote; stdout goes
    # to a file, and the exit status to another
    q=
    for a; do q="$q '$a'"; done
    script -qec "$q >'$tmp/$name.out'; echo \$? >'$tmp/$name.rc'" /dev/null >"$tmp/$name.tty" 2>&1 </dev/null
}
# drawn NAME WHAT TOTAL — the terminal showed "pgc WHAT: k/TOTAL files" lines,
# ending with TOTAL/TOTAL, and erased the line at the end
drawn() {
    tr '\r' '\n' <"$tmp/$1.tty" >"$tmp/$1.lines"
    grep -q "^pgc $2: [0-9,]*/$3 files, [0-9]*\.[0-9] s" "$tmp/$1.lines" ||
        { fail "$1: no progress line 'pgc $2: …/$3 files, … s':"; head -c 300 "$tmp/$1.tty"; echo; }
    # an erase is "\r\033[K" with nothing between: a line that starts with
    # ESC [ K once \r is a line break; one must follow the last drawing
    esc=$(printf '\033')
    awk -v esc="$esc" -v pat="^pgc $2: " '$0 ~ pat { last = NR } index($0, esc "[K") == 1 { erased = NR }
        END { exit !(last && erased > last) }' "$tmp/$1.lines" ||
        fail "$1: the line is not erased after it was last drawn"
}

tty check "$PGC" check -j1 "$tmp/forms"
drawn check check 280
tty check-j "$PGC" check -j2 "$tmp/forms"
drawn check-j check 280
tty eval "$PGC" eval "$tmp/forms" --actuals examples/actuals/all.csv --format=csv
drawn eval eval 280
[ "$(cat "$tmp/eval.rc")" = 0 ] || fail "eval under a terminal: exit $(cat "$tmp/eval.rc")"
[ "$(wc -l <"$tmp/eval.out")" = 281 ] || fail "eval under a terminal: the report is not on stdout"
tty import "$PGC" import -o "$tmp/imported" "$tmp"/pasted/*.txt
drawn import import 3
tty quiet "$PGC" check -q "$tmp/forms"
grep -q 'files, ' "$tmp/quiet.tty" && fail "check -q drew a progress line"
cr=$(printf '\r')

# with stderr not a terminal: the diagnostics (the examples' three
# warnings), no progress line, no carriage return
for cmd in "check $tmp/forms" "check -j2 $tmp/forms" "eval $tmp/forms --actuals examples/actuals/all.csv"; do
    # shellcheck disable=SC2086
    "$PGC" $cmd >/dev/null 2>"$tmp/err"
    grep -q -e 'files, ' -e "$cr" "$tmp/err" && fail "pgc $cmd drew a progress line into a file"
    grep -q 'W0404' "$tmp/err" || fail "pgc $cmd: the warnings are missing"
done

# build: the files, then the compile ("compiling the evaluator …, S s")
tty build "$PGC" build "$tmp/forms" -o "$tmp/ev"
drawn build build 280
grep -q 'pgc build: compiling the evaluator with libgccjit, [0-9]*\.[0-9] s' "$tmp/build.lines" ||
    fail "build: no line while libgccjit compiles"
[ -x "$tmp/ev" ] || fail "build under a terminal wrote no evaluator"

[ "$status" = 0 ] && echo ok
exit $status
