#!/bin/sh
# expect.sh — what an editor should show, token by token, with pgc's own
# scanner as the judge.  For the editor tests (tests/cli/editor-*.sh).
#
#   PGC=build/pgc editors/test/expect.sh FILE.pg...
#
# prints one line per token (and per comment) of each FILE:
#
#   FILE <TAB> LINE <TAB> COL <TAB> LEN <TAB> CLASS <TAB> TEXT
#
# LINE and COL count from 1, COL and LEN in characters; TEXT is the source
# text of the LEN characters.  CLASS is one of
#
#   keyword   a KEYWORD of grammar/keywords.def (项目 指标 分值 …)
#   control   如果 则 否则 且 或 (KW_IF KW_THEN KW_ELSE KW_AND KW_OR)
#   operator  an OPERATOR but the brackets, commas and colons
#   delimiter ( ) { } , : in either width
#   number    a number, with a % right after its digits
#   date      a date in any of its forms
#   string    a "…" or “…” string, its quotes included
#   comment   # to the end of the line
#   category  an identifier ending in 指标 (产出指标)
#   plain     any other identifier
#   terminator  ; or ；
#
# Token positions and kinds come from `pgc check --dump=tokens`; a token's
# extent is measured on the source: up to the next token, a space or a #,
# and for a string up to its closing quote (or the line end).
set -u
LC_ALL=C; export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${PGC:?set PGC to the pgc binary}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-expect.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
sed -n 's/^KEYWORD("\([^"]*\)", *\([A-Z_]*\),.*/\1 \2/p' "$top/grammar/keywords.def" > "$tmp/kw"
[ -s "$tmp/kw" ] || { echo "expect.sh: cannot read grammar/keywords.def" >&2; exit 99; }
for f in "$@"; do
    "$PGC" check --dump=tokens "$f" > "$tmp/tokens" 2>/dev/null
    [ -s "$tmp/tokens" ] || { echo "expect.sh: no tokens from $f" >&2; exit 99; }
    awk -v file="$f" -v kwfile="$tmp/kw" -v srcfile="$f" '
    BEGIN {
        for (i = 128; i < 192; i++) cont = cont sprintf("%c", i)
        while ((getline l < kwfile) > 0) {
            split(l, p, " ")
            kw[p[1]] = p[2] ~ /^KW_(IF|THEN|ELSE|AND|OR)$/ ? "control" : "keyword"
        }
        n = 0
        while ((getline l < srcfile) > 0) {
            sub(/\r$/, "", l)
            if (n == 0) sub(/^\357\273\277/, "", l)     # a BOM is not text
            src[++n] = l
        }
        SP = "\343\200\200"                            # the ideographic space
    }
    function nchars(s,   i, k) {
        k = 0
        for (i = 1; i <= length(s); i++) if (!index(cont, substr(s, i, 1))) k++
        return k
    }
    # the byte offset (from 1) of character column c of line s
    function byteat(s, c,   i, k) {
        k = 0
        for (i = 1; i <= length(s); i++)
            if (!index(cont, substr(s, i, 1)) && ++k == c) return i
        return length(s) + 1
    }
    # the end (exclusive, bytes) of the string that starts at byte b of s
    function strend(s, b,   i, c) {
        if (substr(s, b, 1) == "\"") {
            for (i = b + 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\\") i++
                else if (c == "\"") return i + 1
            }
            return length(s) + 1
        }
        i = index(substr(s, b + 3), "\342\200\235")      # ”
        return i ? b + 3 + i - 1 + 3 : length(s) + 1
    }
    # the end of a plain lexeme: stop at e, a space, a tab or a #
    function lexend(s, b, e,   i, c) {
        for (i = b; i < e; i++) {
            c = substr(s, i, 1)
            if (c == " " || c == "\t" || c == "#" || substr(s, i, 3) == SP) return i
        }
        return e
    }
    function out(ln, b, e, cls,   s) {
        s = substr(src[ln], b, e - b)
        printf "%s\t%d\t%d\t%d\t%s\t%s\n", file, ln, nchars(substr(src[ln], 1, b - 1)) + 1, nchars(s), cls, s
    }
    {
        split($1, lc, ":")
        T++; tl[T] = lc[1] + 0; tc[T] = lc[2] + 0
        rest = substr($0, length($1) + 2)
        if (rest ~ /^name /) { kind[T] = "name"; text[T] = substr(rest, 6) }
        else if (rest ~ /^number /) kind[T] = "number"
        else if (rest ~ /^date /) kind[T] = "date"
        else if (rest ~ /^string /) kind[T] = "string"
        else if (rest ~ /^\342\200\234.*\342\200\235$/) {
            kind[T] = "sym"; text[T] = substr(rest, 4, length(rest) - 6)
        } else kind[T] = "other"               # end of line, end of file
    }
    END {
        pend = 0; pkind = ""
        for (t = 1; t <= T; t++) {
            ln = tl[t]; s = src[ln]
            if (ln < 1 || ln > n) continue
            b = byteat(s, tc[t])
            e = (t < T && tl[t + 1] == ln) ? byteat(s, tc[t + 1]) : length(s) + 1
            k = kind[t]
            if (k == "string") { e = strend(s, b); cls = "string" }
            else if (k == "other") {
                c = substr(s, b, 1)
                if (c == ";") { e = b + 1; cls = "terminator" }
                else if (substr(s, b, 3) == "\357\274\233") { e = b + 3; cls = "terminator" }
                else continue
            } else {
                e = lexend(s, b, e)
                if (k == "number" || k == "date") cls = k
                else if (k == "name")
                    cls = (text[t] ~ /\346\214\207\346\240\207$/ && nchars(text[t]) > 2) ? "category" : "plain"
                else if (text[t] in kw) cls = kw[text[t]]
                else if (text[t] ~ /^[(){},:]$/) cls = "delimiter"
                else if (text[t] == "%" && pkind == "number" && pln == ln && pend == b) cls = "number"
                else cls = "operator"
            }
            out(ln, b, e, cls)
            pkind = k; pln = ln; pend = e
        }
        # comments: a # outside strings, to the end of the line
        for (ln = 1; ln <= n; ln++) {
            s = src[ln]
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\"" || substr(s, i, 3) == "\342\200\234") i = strend(s, i) - 1
                else if (c == "#") { out(ln, i, length(s) + 1, "comment"); break }
            }
        }
    }' "$tmp/tokens" || exit 99
done
