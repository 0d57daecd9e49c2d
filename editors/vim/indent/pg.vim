" Vim indent file
" Language:    pg, the performance-target forms of pgc (doc/language.md)
"
" The layout of `pgc fmt`: a line is indented one 'shiftwidth' (4) deeper
" than the line of the { or ｛ that encloses it, and a } or ｝ stands under
" the start of the line it closes.  Inside ( ) a line starts one column
" after the open parenthesis; a 否则 that goes on a scoring rule stands
" under the rule's first 如果; a line that goes on a statement left open
" (after an operator, a comma, a colon, 如果, 则, 否则, 且 or 或) is one level deeper.
" Braces and parentheses inside strings and comments do not count.

scriptencoding utf-8

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetPgIndent(v:lnum)
setlocal indentkeys=0{,0},0),!^F,o,O,e
setlocal autoindent nosmartindent nocindent nolisp

" 'indentkeys' only knows single-byte keys: 否则, ｝ and ） typed at the
" start of a line re-indent it through TextChangedI.
augroup pg_indent
  autocmd! * <buffer>
  autocmd TextChangedI <buffer> call s:Reindent()
augroup END

let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent< smartindent< cindent< lisp<'
      \ . ' | execute "autocmd! pg_indent * <buffer>"'

let s:cpo_save = &cpo
set cpo&vim

function! s:Reindent() abort
  if &indentexpr !=# 'GetPgIndent(v:lnum)'
    return
  endif
  let lnum = line('.')
  let line = getline(lnum)
  if strpart(line, 0, col('.') - 1) !~# '^\s*\%(否则\|｝\|）\)$'
    return
  endif
  let want = GetPgIndent(lnum)
  let have = indent(lnum)
  if want != have
    let col = col('.')
    call setline(lnum, repeat(' ', want) . substitute(line, '^\s*', '', ''))
    call cursor(lnum, col + want - have)
  endif
endfunction

if exists('*GetPgIndent')
  let &cpo = s:cpo_save
  unlet s:cpo_save
  finish
endif

" The line with each string replaced by as many bytes "\x01" and each
" comment by as many spaces: a value still ends the line, no bracket or
" keyword inside them is left, and byte positions do not move.
function! s:Code(lnum) abort
  return substitute(getline(a:lnum), '"\%([^"\\]\|\\.\)*"\=\|“[^”]*”\=\|#.*',
        \ '\=repeat(submatch(0)[0] ==# "#" ? " " : "\x01", len(submatch(0)))', 'g')
endfunction

" For searchpair(): true when the cursor is in a string or a comment.
function! PgIndentSkip() abort
  return s:Code(line('.'))[col('.') - 1] !=# getline('.')[col('.') - 1]
endfunction

" The nearest line above lnum with code on it, or 0.
function! s:PrevCode(lnum) abort
  let l = prevnonblank(a:lnum - 1)
  while l > 0 && s:Code(l) =~# '^\s*$'
    let l = prevnonblank(l - 1)
  endwhile
  return l
endfunction

function! GetPgIndent(lnum) abort
  let line = getline(a:lnum)
  let sw = shiftwidth()
  let save = getcurpos()

  " the enclosing block
  call cursor(a:lnum, 1)
  let [bl, bc] = searchpairpos('[{｛]', '', '[}｝]', 'bnW', 'PgIndentSkip()')
  let base = bl > 0 ? indent(bl) + sw : 0
  if line =~# '^\s*[}｝]'
    call setpos('.', save)
    return bl > 0 ? indent(bl) : 0
  endif

  " inside parentheses
  let [pl, pc] = searchpairpos('[(（]', '', '[)）]', 'bnW', 'PgIndentSkip()', bl > 0 ? bl : 1)
  call setpos('.', save)
  if pl > 0
    return line =~# '^\s*[)）]' ? virtcol([pl, pc]) - strdisplaywidth(matchstr(getline(pl), '.', pc - 1))
          \ : virtcol([pl, pc])
  endif

  " 否则 under the first 如果 of its rule
  if line =~# '^\s*否则'
    let l = s:PrevCode(a:lnum)
    while l > bl && getline(l) =~# '^\s*否则'
      let l = s:PrevCode(l)
    endwhile
    let i = l > bl ? stridx(s:Code(l), '如果') : -1
    if i >= 0
      return strdisplaywidth(strpart(getline(l), 0, i))
    endif
    return base + sw
  endif

  " a statement left open on the line above
  let l = s:PrevCode(a:lnum)
  if l > bl && s:Code(l) =~# '\%([-=＝≥≧≤≦<>＜＞+＋−－*×/÷,，:：]\|\%(^\|[^A-Za-z0-9_\uff10-\uff19\u3400-\u4dbf\u4e00-\u9fff、·《》–〇]\)\%(如果\|则\|否则\|且\|或\)\)\s*$'
    return base + sw
  endif
  return base
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
