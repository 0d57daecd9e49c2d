# common.sh — sourced by tests/cli/editor-*.sh after they cd to the source
# tree: a scratch directory, and what an editor should show.
#
#   pg_scratch NAME        $tmp: a new directory, removed at exit
#   pg_expect              $tmp/expect: editors/test/expect.sh on the files
#                          below, after checking that the fixture holds
#                          every keyword and operator of keywords.def
#   pg_indent_files        $tmp/indent: the formatted files to re-indent
#
# The files: editors/test/all-tokens.pg (every keyword and operator
# spelling, full-width forms, all kinds of token), examples/*.pg, stdlib/*.pg.

pg_scratch() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-$1.XXXXXX") || exit 99
    trap 'rm -rf "$tmp"' EXIT
}

pg_expect() {
    LC_ALL=C sh editors/test/expect.sh editors/test/all-tokens.pg examples/*.pg stdlib/*.pg \
        > "$tmp/expect" || { echo "editors/test/expect.sh failed"; exit 99; }
    # the fixture covers the table: each spelling is a token of its class
    {
        sed -n 's/^KEYWORD("\([^"]*\)".*/K \1/p' grammar/keywords.def
        grep -o 'OPERATOR("[^"]*"' grammar/keywords.def | sed 's/^OPERATOR("\(.*\)"$/O \1/'
    } > "$tmp/table"
    LC_ALL=C awk -F '\t' '
        FNR == NR { if ($1 == "editors/test/all-tokens.pg") seen[$6 "\t" $5] = 1; next }
        {
            k = substr($0, 1, 1); w = substr($0, 3)
            if (k == "K" && !seen[w "\tkeyword"] && !seen[w "\tcontrol"] ||
                k == "O" && !seen[w "\toperator"] && !seen[w "\tdelimiter"]) {
                print "editors/test/all-tokens.pg lacks " (k == "K" ? "keyword" : "operator") " " w
                bad = 1
            }
        }
        END { exit bad }' "$tmp/expect" "$tmp/table" || exit 1
}

pg_indent_files() {
    : > "$tmp/indent"
    for f in examples/*.pg stdlib/*.pg; do
        "$PGC" fmt --check "$f" > /dev/null 2>&1 && echo "$f" >> "$tmp/indent"
    done
    [ "$(wc -l < "$tmp/indent")" -ge 8 ] || { echo "too few formatted files to re-indent"; exit 1; }
}
