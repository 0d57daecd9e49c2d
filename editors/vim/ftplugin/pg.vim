" Vim filetype plugin
" Language:    pg, the performance-target forms of pgc (doc/language.md)
" The layout is `pgc fmt`'s: four spaces a block level, spaces only.

scriptencoding utf-8

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=4 softtabstop=4 tabstop=8
setlocal matchpairs+=（:）,｛:｝,“:”
setlocal suffixesadd=.pg

let b:undo_ftplugin = 'setlocal comments< commentstring< formatoptions<'
      \ . ' expandtab< shiftwidth< softtabstop< tabstop< matchpairs< suffixesadd<'
