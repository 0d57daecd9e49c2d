#!/bin/sh
# mutate.sh — a deterministic mutation fuzzer over the examples.
#
# An awk script makes mutants of examples/*.pg: it deletes, duplicates or
# swaps lines, deletes or inserts a character or a raw byte (braces,
# quotes, full-width forms, line ends, anything), truncates the file at a
# byte; every fourth mutant gets three mutations at once.  The random
# numbers come from a Park–Miller generator with a fixed seed, in awk's own
# arithmetic, so every awk makes the same mutants on every run.
#
# pgc checks each mutant; the test fails if pgc exits with anything but
# 0, 1 or 2 (70 is an internal error; >128 a signal), if exit 1 comes
# without a file:line:col: error, or if exit 0 comes with an error.
# Failing mutants are kept in $TOP_BUILDDIR/tests/mutate-failures/ with a
# line in MANIFEST saying how each was made.
#
# PGC_MUTANTS (default 400) and PGC_MUTATE_SEED (default 20230101) change
# the run, e.g. for a longer search: PGC_MUTANTS=5000 make check.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
count=${PGC_MUTANTS:-400}
seed=${PGC_MUTATE_SEED:-20230101}
tmp=${TMPDIR:-/tmp}/pgc-mutate.$$
rm -rf "$tmp"
mkdir -p "$tmp/m" || exit 99
trap 'rm -rf "$tmp"' EXIT
keep=${TOP_BUILDDIR:-$tmp}/tests/mutate-failures
LC_ALL=C
export LC_ALL

awk -v count="$count" -v seed="$seed" -v dir="$tmp/m" '
function rnd(n) {                       # 0 .. n-1
    s = (s * 16807) % 2147483647
    return s % n
}
function lines(t, L,    n) {            # L[1..n], without the line ends
    n = split(t, L, "\n")
    if (n > 0 && L[n] == "") n--        # the text ends with a newline
    return n
}
function join(L, n,    i, t) {
    t = ""
    for (i = 1; i <= n; i++) t = t L[i] "\n"
    return t
}
function charstart(t, p) {              # back to the first byte of a character
    while (p > 1 && ord[substr(t, p, 1)] >= 128 && ord[substr(t, p, 1)] < 192) p--
    return p
}
function charlen(t, p,    c) {
    c = ord[substr(t, p, 1)]
    return c >= 240 ? 4 : c >= 224 ? 3 : c >= 192 ? 2 : 1
}
function mutate(t, name,    L, n, op, i, j, x, p, len, what) {
    len = length(t)
    if (len == 0) return t
    op = rnd(9)
    if (op <= 2) {
        n = lines(t, L)
        i = rnd(n) + 1
        if (op == 0) {                  # delete a line
            what = "delete line " i
            for (j = i; j < n; j++) L[j] = L[j + 1]
            n--
        } else if (op == 1) {           # duplicate a line
            what = "duplicate line " i
            for (j = n; j >= i; j--) L[j + 1] = L[j]
            n++
        } else {                        # swap two lines
            j = rnd(n) + 1
            what = "swap lines " i " and " j
            x = L[i]; L[i] = L[j]; L[j] = x
        }
        t = join(L, n)
    } else if (op == 3) {               # delete a character
        p = charstart(t, rnd(len) + 1)
        what = "delete the character at byte " p
        t = substr(t, 1, p - 1) substr(t, p + charlen(t, p))
    } else if (op == 4) {               # delete a byte
        p = rnd(len) + 1
        what = "delete byte " p
        t = substr(t, 1, p - 1) substr(t, p + 1)
    } else if (op <= 6) {               # insert a character
        p = charstart(t, rnd(len) + 1)
        x = chars[rnd(nchars) + 1]
        what = "insert character #" x " at byte " p
        t = substr(t, 1, p - 1) x substr(t, p)
    } else if (op == 7) {               # insert a raw byte (1..255)
        p = rnd(len + 1) + 1
        x = rnd(255) + 1
        what = "insert byte " x " at byte " p
        t = substr(t, 1, p - 1) sprintf("%c", x) substr(t, p)
    } else {                            # truncate
        p = rnd(len)
        what = "truncate to " p " bytes"
        t = substr(t, 1, p)
    }
    hist = hist "; " what
    return t
}
BEGIN {
    s = seed % 2147483647
    if (s <= 0) s = 1
    for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
    nchars = split("{ } \" “ ” ( ) # ; ； = ＝ ≥ % ％ ｛ ｝ , : - 0 9 指标 项目 如果 则 否则 资金 产出指标 \\ 　 \t", chars, " ")
    chars[++nchars] = "\n"
    chars[++nchars] = "\r"
    chars[++nchars] = " "
    for (k = 1; k < ARGC; k++) {
        f = ARGV[k]; t = ""
        while ((getline line < f) > 0) t = t line "\n"
        close(f)
        ex[k] = t; exname[k] = f
        sub(/.*\/examples\//, "examples/", exname[k])
    }
    nex = ARGC - 1
    ARGC = 1
    manifest = dir "/MANIFEST"
    for (m = 1; m <= count; m++) {
        e = rnd(nex) + 1
        t = ex[e]
        hist = ""
        times = (m % 4 == 0) ? 3 : 1
        for (r = 0; r < times; r++) t = mutate(t)
        out = sprintf("%s/m%04d.pg", dir, m)
        printf "%s", t > out
        close(out)
        printf "m%04d.pg  %s%s\n", m, exname[e], hist > manifest
    }
    close(manifest)
}' "$TOP_SRCDIR"/examples/*.pg || { echo "FAIL: awk could not make the mutants"; exit 99; }

made=$(ls "$tmp/m" | grep -c '\.pg$')
if [ "$made" -lt "$count" ]; then
    echo "FAIL: only $made of $count mutants were made"
    exit 1
fi

# Each mutant once; exec is the cost here, so no per-file timeout or grep:
# the statuses and the diagnostics of all runs are collected and judged
# by one awk, and one timeout guards the whole loop against a hang — not
# a timing test: 400 runs of an ASan build on a loaded machine took more
# than 300 s in a bare-machine trial, so the guard is 1,200 s.
cd "$tmp/m" || exit 99
cat >"$tmp/loop.sh" <<'EOF_LOOP'
for f in m*.pg; do
    echo "$f" >"$1/current"
    "$PGC" check "$f" >/dev/null 2>>"$1/err"
    echo "$f $?" >>"$1/status"
done
EOF_LOOP
: >"$tmp/err"
: >"$tmp/status"
if command -v timeout >/dev/null 2>&1; then
    timeout 1200 sh "$tmp/loop.sh" "$tmp"
else
    sh "$tmp/loop.sh" "$tmp"
fi
loop=$?
failed=0
if [ "$loop" != 0 ]; then
    echo "FAIL: the run ended with status $loop at $(cat "$tmp/current")"
    failed=1
fi
awk -v errfile="$tmp/err" '
    BEGIN {
        while ((getline line < errfile) > 0)
            if (match(line, /^m[0-9]+\.pg:[0-9]+:[0-9]+: error: /))
                located[substr(line, 1, index(line, ":") - 1)] = 1
    }
    {
        f = $1; st = $2
        if (st == 0) {
            n0++
            if (f in located) { print "FAIL: " f ": exit 0, but an error was reported"; print f > bad }
        } else if (st == 1) {
            n1++
            if (!(f in located)) { print "FAIL: " f ": exit 1 without a " f ":line:col: error"; print f > bad }
        } else if (st == 2) {
            n2++
        } else {
            print "FAIL: " f ": exit status " st (st == 70 ? " (internal error)" : st > 128 ? " (signal " st - 128 ")" : "")
            print f > bad
        }
    }
    END { printf "%d %d %d\n", n0, n1, n2 > counts }
' bad="$tmp/bad" counts="$tmp/counts" "$tmp/status"
read -r n0 n1 n2 <"$tmp/counts"
if [ -s "$tmp/bad" ]; then
    failed=1
    mkdir -p "$keep" || exit 99
    while read -r f; do
        cp "$f" "$keep/$f"
        grep "^$f " MANIFEST | tee -a "$keep/MANIFEST" | sed 's/^/    made by: /'
    done <"$tmp/bad"
    echo "(failing mutants kept in $keep)"
fi
echo "$made mutants (seed $seed): $n0 clean, $n1 with errors, $n2 exit 2"
# A fuzzer that only ever makes clean or only broken files finds nothing.
if [ "$n1" -lt $((made / 4)) ] || [ "$n0" -lt 1 ]; then
    echo "FAIL: the mutants are not varied enough"
    failed=1
fi
exit $failed
