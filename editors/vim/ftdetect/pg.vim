" .pg files: performance-target forms of pgc (doc/language.md)
autocmd BufNewFile,BufRead *.pg setfiletype pg
