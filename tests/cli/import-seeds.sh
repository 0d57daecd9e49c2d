#!/bin/sh
# import-seeds.sh — pgc import turns the seven pasted seed forms
# (tests/data/seeds/) into the seven example projects (examples/): the same
# files byte for byte, hence the same trees (pgc check --dump=ast without
# positions) and the same warnings from pgc check.  The import itself warns
# about the three doubtful rows (tests/cli/import-seeds.err; in Chinese
# import-seeds.zh.err) and exits 0.
# The seed with CRLF line ends, as Excel's CSV, and on standard input gives
# the same files.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-import-seeds.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
tree() { "$PGC" check --dump=ast "$1" 2>/dev/null | sed 's/^\( *\)[0-9]*:[0-9]* /\1/'; }

# same_as_examples DIR WHAT — DIR holds exactly the seven examples.
same_as_examples() {
    (cd examples && ls -- *.pg) >"$tmp/want"
    (cd "$1" && ls) >"$tmp/got"
    cmp -s "$tmp/want" "$tmp/got" || { fail "$2: files written: $(tr '\n' ' ' <"$tmp/got")"; return; }
    for f in examples/*.pg; do
        b=$(basename "$f")
        tree "$f" >"$tmp/t1"
        tree "$1/$b" >"$tmp/t2"
        if ! cmp -s "$tmp/t1" "$tmp/t2"; then
            fail "$2: the tree of $b differs from examples/$b"
            diff -u "$tmp/t1" "$tmp/t2" | head -n 30
        elif ! cmp -s "$f" "$1/$b"; then
            fail "$2: $b has the tree of examples/$b but not its text"
            diff -u "$f" "$1/$b" | head -n 30
        fi
    done
}

seeds=$(ls tests/data/seeds/*.txt)
"$PGC" import $seeds -o "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 0 ] || fail "pgc import seeds: exit $rc, expected 0"
[ -s "$tmp/stdout" ] && fail "pgc import seeds wrote to stdout"
if ! cmp -s tests/cli/import-seeds.err "$tmp/stderr"; then
    fail "stderr differs from tests/cli/import-seeds.err"
    diff -u tests/cli/import-seeds.err "$tmp/stderr" | head -n 60
fi
same_as_examples "$tmp/out" "seeds"
# the same in Chinese: the messages of import-seeds.zh.err, the same files
if [ "${PGC_NLS-}" = yes ]; then
    LC_ALL=zh_CN.UTF-8 "$PGC" import $seeds -o "$tmp/out-zh" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    [ "$rc" = 0 ] || fail "pgc import seeds under zh_CN: exit $rc, expected 0"
    cmp -s tests/cli/import-seeds.zh.err "$tmp/stderr" ||
        { fail "stderr under zh_CN differs from tests/cli/import-seeds.zh.err"; diff -u tests/cli/import-seeds.zh.err "$tmp/stderr" | head -n 60; }
    same_as_examples "$tmp/out-zh" "seeds under zh_CN"
fi

# pgc check on the imported files: exit 0, the warnings of the examples
(cd "$tmp/out" && "$PGC" check . >"$tmp/check.out" 2>"$tmp/check.err")
rc=$?
[ "$rc" = 0 ] || fail "pgc check on the imported seeds: exit $rc"
sed 's|^\./|examples/|' "$tmp/check.err" >"$tmp/check.err.ex"
if ! cmp -s tests/cli/examples.err "$tmp/check.err.ex"; then
    fail "pgc check on the imported seeds warns otherwise than on examples/"
    diff -u tests/cli/examples.err "$tmp/check.err.ex" | head -n 40
fi

# CRLF line ends (Excel), one file per form of its own, standard input
for f in $seeds; do
    sed 's/$/\r/' "$f" >"$tmp/crlf.txt"
done
"$PGC" import "$tmp/crlf.txt" -o "$tmp/crlf" 2>/dev/null || fail "pgc import CRLF seeds: exit $?"
same_as_examples "$tmp/crlf" "seeds with CRLF"
cat $seeds | "$PGC" import - -o "$tmp/stdin" 2>/dev/null || fail "pgc import - <seeds: exit $?"
same_as_examples "$tmp/stdin" "seeds on standard input"

# the seeds as an Excel CSV: each tab a comma, cells with a comma quoted
awk -F '\t' '{
    for (i = 1; i <= NF; i++) {
        c = $i
        if (c ~ /[",]/) { gsub(/"/, "\"\"", c); c = "\"" c "\"" }
        printf "%s%s", c, (i < NF ? "," : "\n")
    }
    if (NF == 0) printf "\n"
}' $seeds >"$tmp/seeds.csv"
"$PGC" import "$tmp/seeds.csv" -o "$tmp/csv" 2>/dev/null || fail "pgc import seeds.csv: exit $?"
same_as_examples "$tmp/csv" "seeds as CSV"

exit $failed
