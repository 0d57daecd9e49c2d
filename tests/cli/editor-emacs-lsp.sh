#!/bin/sh
# pgc lsp in a real Emacs (batch, with Debian's elpa-eglot), configured by
# editors/emacs/pg-eglot.el: a file with 质量指考 gets its diagnostic
# (flymake) under exactly those four characters, hover on 敬老卡一次合格率
# shows ≥ 98% and its rule, completion under 产出指标 offers its four 二级
# (editors/test/emacs-lsp.el).  Skipped (77) without emacs or eglot.
. "$TOP_SRCDIR/tests/lib.sh"
command -v emacs > /dev/null 2>&1 || skip "no emacs"
# Debian's elpa-* packages, on the load path (-Q leaves them out)
elpa="(dolist (d (file-expand-wildcards \"/usr/share/emacs/site-lisp/elpa/*\")) (add-to-list 'load-path d))"
emacs --batch -Q --eval "$elpa" --eval "(require 'eglot)" > /dev/null 2>&1 || skip "no eglot (elpa-eglot)"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
sed 's/质量指标 {/质量指考 {/' "$TOP_SRCDIR/examples/敬老卡制作费.pg" > "$tmp/敬老卡制作费.pg" || exit 99
cd "$tmp" || exit 99
HOME=$tmp LC_ALL=C.UTF-8 timeout 60 emacs --batch -Q --eval "$elpa" \
    -L "$TOP_SRCDIR/editors/emacs" -l "$TOP_SRCDIR/editors/test/emacs-lsp.el" "$tmp/敬老卡制作费.pg" > "$tmp/out" 2> "$tmp/log"
cat "$tmp/out"
grep -q '^done 0 failed$' "$tmp/out" || { tail -n 20 "$tmp/log"; exit 1; }
