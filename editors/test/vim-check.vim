" vim-check.vim — checks editors/vim in a real Vim (tests/cli/editor-vim.sh):
"
"   vim -es -N -u NONE -i NONE -S editors/test/vim-check.vim
"
" with the environment: PG_RTP the editors/vim directory, PG_EXPECT the
" output of editors/test/expect.sh, PG_INDENT a file naming the formatted
" .pg files to re-indent, PG_OUT where the problems go, one a line.

set encoding=utf-8
scriptencoding utf-8
set nomore shortmess+=A noswapfile
let &runtimepath = $PG_RTP . ',' . &runtimepath
filetype plugin indent on
syntax on

let s:problems = []
let s:checked = 0
function! s:Fail(msg) abort
  call add(s:problems, a:msg)
endfunction

" the group each class of expect.sh must get
let s:groups = {
      \ 'keyword': ['pgKeyword'], 'control': ['pgControl'],
      \ 'operator': ['pgOperator'], 'delimiter': ['pgDelimiter'],
      \ 'number': ['pgNumber'], 'date': ['pgDate'],
      \ 'string': ['pgString', 'pgEscape'], 'comment': ['pgComment', 'pgTodo'],
      \ 'category': ['pgCategory'], 'plain': [''], 'terminator': ['pgTerminator'],
      \ }
" and what those link to
let s:links = {
      \ 'pgKeyword': 'Keyword', 'pgControl': 'Conditional', 'pgOperator': 'Operator',
      \ 'pgDelimiter': 'Delimiter', 'pgNumber': 'Number', 'pgDate': 'Constant',
      \ 'pgString': 'String', 'pgComment': 'Comment', 'pgCategory': 'Structure',
      \ }

" ---- highlighting, token by token --------------------------------------------
let s:file = ''
for s:row in readfile($PG_EXPECT)
  let [s:f, s:l, s:c, s:n, s:cls, s:text] = split(s:row, "\t", 1)
  if s:f !=# s:file
    let v:errmsg = ''
    execute 'edit!' fnameescape(s:f)
    let s:file = s:f
    if &filetype !=# 'pg'
      call s:Fail(s:f . ': filetype is "' . &filetype . '", not pg')
    endif
    if v:errmsg !=# ''
      call s:Fail(s:f . ': an error loading the mode: ' . v:errmsg)
    endif
  endif
  let s:line = getline(str2nr(s:l))
  for s:k in range(str2nr(s:n))
    let s:col = byteidx(s:line, str2nr(s:c) - 1 + s:k) + 1
    let s:name = synIDattr(synID(str2nr(s:l), s:col, 1), 'name')
    let s:checked += 1
    if index(s:groups[s:cls], s:name) < 0
      call s:Fail(printf('%s:%s:%d: %s “%s”: got %s', s:f, s:l, str2nr(s:c) + s:k, s:cls, s:text,
            \ s:name ==# '' ? 'no group' : s:name))
      break
    endif
  endfor
endfor
for [s:group, s:link] in items(s:links)
  let s:got = matchstr(execute('highlight ' . s:group), 'links to \zs\S\+')
  if s:got !=# s:link
    call s:Fail(s:group . ' links to ' . s:got . ', not ' . s:link)
  endif
endfor

" ---- the filetype plugin -----------------------------------------------------
if s:file !=# ''
  for [s:opt, s:want] in [['&commentstring', '# %s'], ['&comments', ':#'],
        \ ['&shiftwidth', 4], ['&softtabstop', 4], ['&expandtab', 1],
        \ ['&indentexpr', 'GetPgIndent(v:lnum)']]
    if eval(s:opt) !=# s:want
      call s:Fail(printf('%s is %s, not %s', s:opt, string(eval(s:opt)), string(s:want)))
    endif
  endfor
endif

" ---- indentation: a formatted file, its indentation taken away, = puts
" ---- it back ----------------------------------------------------------------
let s:reindented = 0
for s:f in readfile($PG_INDENT)
  let s:want = readfile(s:f)
  " twice: every line flush left, then every line 7 columns too deep
  for s:mess in ['%s/^\s\+//', '%s/^\ze./       /']
    execute 'edit!' fnameescape(s:f)
    execute 'silent! ' . s:mess
    normal! gg=G
    let s:got = getline(1, '$')
    let s:reindented += 1
    if s:got !=# s:want
      for s:i in range(len(s:want))
        if get(s:got, s:i, '') !=# s:want[s:i]
          call s:Fail(printf('%s:%d: re-indented as “%s”, want “%s”', s:f, s:i + 1,
                \ get(s:got, s:i, ''), s:want[s:i]))
          break
        endif
      endfor
    endif
    set nomodified
  endfor
endfor

call add(s:problems, printf('vim: %d characters, %d files re-indented, %d problems',
      \ s:checked, s:reindented, len(s:problems)))
call writefile(s:problems, $PG_OUT)
qall!
