#!/bin/sh
# pgc lsp in a real Neovim (Debian 12's 0.7.2, headless), configured by
# editors/nvim: a file with 质量指考 gets its diagnostic under exactly
# those four characters, the quick fix corrects it, hover on 敬老卡一次合格率
# shows ≥ 98% and its rule, completion under 产出指标 offers its four 二级
# (editors/test/nvim-lsp.lua).  Skipped (77) without nvim.
. "$TOP_SRCDIR/tests/lib.sh"
command -v nvim > /dev/null 2>&1 || skip "no nvim"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
sed 's/质量指标 {/质量指考 {/' "$TOP_SRCDIR/examples/敬老卡制作费.pg" > "$tmp/敬老卡制作费.pg" || exit 99
cd "$tmp" || exit 99
PG_OUT=$tmp/out HOME=$tmp LC_ALL=C.UTF-8 timeout 60 nvim --headless -u NONE -i NONE \
    --cmd "set rtp^=$TOP_SRCDIR/editors/vim rtp^=$TOP_SRCDIR/editors/nvim" \
    --cmd "let g:pgc_lsp_cmd = ['$PGC', 'lsp']" \
    --cmd "filetype plugin on" --cmd "runtime plugin/pgc-lsp.lua" \
    -c "luafile $TOP_SRCDIR/editors/test/nvim-lsp.lua" "$tmp/敬老卡制作费.pg" > "$tmp/log" 2>&1
cat "$tmp/out" 2> /dev/null || { echo "nvim did not finish:"; head -n 20 "$tmp/log"; exit 1; }
grep -q '^done 0 failed$' "$tmp/out"
