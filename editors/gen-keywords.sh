#!/bin/sh
# gen-keywords.sh — writes the keyword and operator lists of the editor
# modes from grammar/keywords.def, the one table of the language's words.
#
#   editors/gen-keywords.sh            rewrite the files that are out of date
#   editors/gen-keywords.sh --check    change nothing; exit 1 naming the files
#                                      that are out of date
#
# In each file only the lines between a "BEGIN GENERATED" and an
# "END GENERATED" marker line are written:
#
#   editors/vim/syntax/pg.vim                 Vim lists  (let s:… = [...])
#   editors/emacs/pg-mode.el                  Emacs lists (defconst …),
#                                             all but the brackets
#   editors/vscode/syntaxes/pg.tmLanguage.json  TextMate patterns
#
# The words fall in five groups, by their token in keywords.def:
#   control     KW_IF KW_THEN KW_ELSE KW_AND KW_OR      (如果 则 否则 且 或)
#   keywords    every other KEYWORD
#   braces      LBRACE RBRACE          parens  LPAREN RPAREN
#   separators  COMMA COLON            operators  every other OPERATOR
# Each list is longest spelling first, so that an alternation tries ＞＝
# before ＞.  POSIX sh, sed and awk; run from anywhere.
set -eu
LC_ALL=C; export LC_ALL     # awk counts bytes, the same with every awk
top=$(cd "$(dirname "$0")/.." && pwd)
def=$top/grammar/keywords.def
check=no
case ${1-} in
    --check) check=yes ;;
    '') ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
[ -r "$def" ] || { echo "$0: cannot read $def" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-genkw.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# "group<TAB>spelling", one a line, in table order
{
    sed -n 's/^KEYWORD("\([^"]*\)", *\([A-Z_]*\),.*/\2 \1/p' "$def"
    grep -o 'OPERATOR("[^"]*", *[A-Z_]*)' "$def" |
        sed 's/^OPERATOR("\(.*\)", *\([A-Z_]*\))$/\2 \1/'
} | awk '{
    tok = $1; w = substr($0, length($1) + 2)
    if (tok ~ /^KW_(IF|THEN|ELSE|AND|OR)$/) g = "control"
    else if (tok ~ /^KW_/) g = "keywords"
    else if (tok ~ /^[LR]BRACE$/) g = "braces"
    else if (tok ~ /^[LR]PAREN$/) g = "parens"
    else if (tok ~ /^(COMMA|COLON)$/) g = "separators"
    else g = "operators"
    printf "%s\t%s\n", g, w
}' > "$tmp/words"
[ "$(grep -c '^keywords' "$tmp/words")" -gt 0 ] &&
[ "$(grep -c '^operators' "$tmp/words")" -gt 0 ] ||
    { echo "$0: no keywords or operators in $def" >&2; exit 2; }

# The text of the generated region for one editor: awk gets the words and
# prints the lines.  Byte length orders well enough: a longer spelling of
# the same kind of character is the longer one.
gen() {
    awk -F '\t' -v fmt="$1" '
    function add(g, w,   i, n) {
        n = ++cnt[g]
        # insertion by length, longest first, stable
        for (i = n; i > 1 && length(list[g, i - 1]) < length(w); i--)
            list[g, i] = list[g, i - 1]
        list[g, i] = w
    }
    # one regular-expression atom: metacharacters escaped for Oniguruma,
    # then the backslashes doubled for JSON
    function re(w,   out, i, c) {
        out = ""
        for (i = 1; i <= length(w); i++) {
            c = substr(w, i, 1)
            if (index("\\^$.|?*+()[]{}", c)) out = out "\\\\" c
            else if (c == "\"") out = out "\\\""
            else out = out c
        }
        return out
    }
    function alt(g,   i, s) {
        s = ""
        for (i = 1; i <= cnt[g]; i++) s = s (i > 1 ? "|" : "") re(list[g, i])
        return s
    }
    function vimlist(name, groups,   gs, n, k, g, i, s, w) {
        s = ""
        n = split(groups, gs, " ")
        for (k = 1; k <= n; k++) {
            g = gs[k]
            for (i = 1; i <= cnt[g]; i++) {
                w = list[g, i]; gsub(/\047/, "\047\047", w)
                s = s (s != "" ? ", " : "") "\047" w "\047"
            }
        }
        printf "let s:%s = [%s]\n", name, s
    }
    # an Emacs Lisp string literal
    function elstr(w,   out, i, c) {
        out = ""
        for (i = 1; i <= length(w); i++) {
            c = substr(w, i, 1)
            out = out (c == "\\" || c == "\"" ? "\\" : "") c
        }
        return "\"" out "\""
    }
    function ellist(name, g, doc,   i, s) {
        s = ""
        for (i = 1; i <= cnt[g]; i++) {
            s = s (i > 1 ? " " : "") elstr(list[g, i])
        }
        printf "(defconst %s\n  \047(%s)\n  \"%s\")\n", name, s, doc
    }
    { add($1, $2) }
    END {
        if (fmt == "vim") {
            vimlist("pg_keywords", "keywords")
            vimlist("pg_control", "control")
            vimlist("pg_operators", "operators")
            vimlist("pg_delimiters", "braces parens separators")
        } else if (fmt == "el") {
            ellist("pg-keywords", "keywords", "Keywords of the .pg language: declarations and attributes.")
            ellist("pg-control-keywords", "control", "Keywords of .pg scoring rules: conditions and connectives.")
            ellist("pg-operators", "operators", "Operators of the .pg language, half- and full-width.")
            ellist("pg-separators", "separators", "Commas and colons of the .pg language, half- and full-width.")
        } else {
            idc = "A-Za-z0-9_\\\\x{FF10}-\\\\x{FF19}\\\\x{3400}-\\\\x{4DBF}\\\\x{4E00}-\\\\x{9FFF}\\\\x{3001}\\\\x{00B7}\\\\x{300A}\\\\x{300B}\\\\x{2013}\\\\x{3007}"
            print "      \"patterns\": ["
            printf "        { \"name\": \"keyword.control.pg\", \"match\": \"(?<![%s])(?:%s)(?![%s])\" },\n", idc, alt("control"), idc
            printf "        { \"name\": \"keyword.other.pg\", \"match\": \"(?<![%s])(?:%s)(?![%s])\" },\n", idc, alt("keywords"), idc
            printf "        { \"name\": \"keyword.operator.pg\", \"match\": \"%s\" },\n", alt("operators")
            printf "        { \"name\": \"punctuation.section.braces.pg\", \"match\": \"%s\" },\n", alt("braces")
            printf "        { \"name\": \"punctuation.section.parens.pg\", \"match\": \"%s\" },\n", alt("parens")
            printf "        { \"name\": \"punctuation.separator.pg\", \"match\": \"%s\" }\n", alt("separators")
            print "      ],"
        }
    }' "$tmp/words"
}

# Replaces the region between the marker lines of $1 with the lines of $2.
splice() {
    awk -v gen="$2" '
    /END GENERATED/ { if (skip) skip = 0; else bad = 1 }
    !skip { print }
    /BEGIN GENERATED/ {
        if (seen++) bad = 1
        while ((getline line < gen) > 0) print line
        skip = 1
    }
    END { if (skip || !seen || bad) exit 1 }' "$1"
}

status=0
for pair in vim:editors/vim/syntax/pg.vim el:editors/emacs/pg-mode.el \
            json:editors/vscode/syntaxes/pg.tmLanguage.json; do
    fmt=${pair%%:*} file=${pair#*:}
    gen "$fmt" > "$tmp/gen"
    splice "$top/$file" "$tmp/gen" > "$tmp/new" ||
        { echo "$0: $file lacks one pair of BEGIN GENERATED / END GENERATED lines" >&2; exit 2; }
    cmp -s "$top/$file" "$tmp/new" && continue
    if [ $check = yes ]; then
        echo "$file is out of date with grammar/keywords.def (run editors/gen-keywords.sh)"
        diff -u "$top/$file" "$tmp/new" | sed -n '3,40p'
        status=1
    else
        cat "$tmp/new" > "$top/$file"
        echo "updated $file"
    fi
done
exit $status
