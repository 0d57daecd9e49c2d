#!/bin/sh
# The editor modes' keyword and operator lists are those of
# grammar/keywords.def: editors/gen-keywords.sh --check finds nothing to
# change in editors/vim/syntax/pg.vim, editors/emacs/pg-mode.el and
# editors/vscode/syntaxes/pg.tmLanguage.json.  And the generator works: on
# a copy, a keyword added to the table makes --check fail and a run write
# the word into all three files.
cd "$TOP_SRCDIR" || exit 99
status=0
sh editors/gen-keywords.sh --check || {
    echo "FAIL: the editor modes are out of date with grammar/keywords.def; run editors/gen-keywords.sh"
    status=1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-edkw.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/grammar"
cp -R editors "$tmp/"
chmod -R u+w "$tmp"
sed 's/^KEYWORD("或",.*/&\
KEYWORD("试验词",   KW_TRIAL,     "a word for the test")/' grammar/keywords.def > "$tmp/grammar/keywords.def"
grep -q 试验词 "$tmp/grammar/keywords.def" || { echo "cannot add a keyword to the copy"; exit 99; }
sh "$tmp/editors/gen-keywords.sh" --check > "$tmp/out" 2>&1
[ $? -eq 1 ] || { echo "FAIL: --check passes with a new keyword in the table"; status=1; }
[ "$(grep -c 'out of date' "$tmp/out")" -eq 3 ] || { echo "FAIL: --check does not name all three files:"; cat "$tmp/out"; status=1; }
sh "$tmp/editors/gen-keywords.sh" > /dev/null || { echo "FAIL: gen-keywords.sh failed"; status=1; }
sh "$tmp/editors/gen-keywords.sh" --check > /dev/null || { echo "FAIL: still out of date after a run"; status=1; }
for f in vim/syntax/pg.vim emacs/pg-mode.el vscode/syntaxes/pg.tmLanguage.json; do
    grep -q 试验词 "$tmp/editors/$f" || { echo "FAIL: the new keyword is not in $f"; status=1; }
    # only lines of the word lists changed, one for one
    diff "editors/$f" "$tmp/editors/$f" > "$tmp/diff"
    if grep '^>' "$tmp/diff" | grep -v -q 试验词 ||
       [ "$(grep -c '^<' "$tmp/diff")" -ne "$(grep -c '^>' "$tmp/diff")" ]; then
        echo "FAIL: gen-keywords.sh changed more than the word list of $f:"; cat "$tmp/diff"; status=1
    fi
done
exit $status
