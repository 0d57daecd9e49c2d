#!/bin/sh
# The VS Code extension (editors/vscode) in VS Code's own TextMate engine,
# vscode-textmate on vscode-oniguruma: package.json contributes the language
# pg for .pg and its grammar; language-configuration.json has # comments and
# the brackets, auto-closing and surrounding pairs of both widths and of
# "" and “”; and every token of the fixture, the examples and the standard
# library gets the scope its kind in pgc's scanner calls for (keyword.* for
# each of keywords.def's keywords, keyword.operator for the operators of both
# widths, constant.numeric.* for numbers and dates, string.quoted.*,
# comment.line.number-sign, entity.name.type for category names, nothing
# for identifiers).
#
# The two npm packages are looked for on NODE_PATH, then in a cache
# directory (PGC_EDITOR_CACHE, by default $TMPDIR/pgc-editor-cache), where
# they are installed with npm if they are missing.  Skipped (77) without
# node, or when they are missing and cannot be installed (no npm, no
# network).
. "$TOP_SRCDIR/tests/lib.sh"
command -v node > /dev/null 2>&1 || skip "no node"
cd "$TOP_SRCDIR" || exit 99
. editors/test/common.sh
pg_scratch vscode

have_modules() {
    node -e 'require.resolve("vscode-textmate"); require.resolve("vscode-oniguruma")' 2> /dev/null
}
if ! have_modules; then
    cache=${PGC_EDITOR_CACHE:-${TMPDIR:-/tmp}/pgc-editor-cache}
    NODE_PATH=$cache/node_modules; export NODE_PATH
    if ! have_modules; then
        command -v npm > /dev/null 2>&1 || skip "no vscode-textmate and no npm"
        mkdir -p "$(dirname "$cache")" || exit 99
        new=$cache.new.$$
        echo "installing vscode-textmate and vscode-oniguruma into $cache"
        if npm install --prefix "$new" --cache "$new/.npm" --no-audit --no-fund --no-save \
               --fetch-retries=0 --fetch-timeout=60000 \
               vscode-textmate@9.3.2 vscode-oniguruma@2.0.1 > "$tmp/npm.log" 2>&1; then
            rm -rf "$new/.npm" "$cache"
            mv "$new" "$cache" || { rm -rf "$new"; exit 99; }
        else
            rm -rf "$new"
            tail -n 5 "$tmp/npm.log"
            skip "cannot install vscode-textmate (no network?)"
        fi
        have_modules || { echo "FAIL: installed, yet not found in $cache"; exit 1; }
    fi
fi

pg_expect
node editors/test/textmate.js editors/vscode "$tmp/expect"
status=$?
# the language client: valid JavaScript, started for pg (a real VS Code is
# not run here: the client is vscode-languageclient's, the server pgc lsp's,
# tested by tests/cli/lsp.sh)
node --check editors/vscode/extension.js || exit 1
node -e 'const p = require("./editors/vscode/package.json");
  if (p.main !== "./extension.js" || !p.activationEvents.includes("onLanguage:pg") ||
      !p.dependencies["vscode-languageclient"]) { console.log("FAIL: package.json: no language client"); process.exit(1); }' || exit 1
exit $status
