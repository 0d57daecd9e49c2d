/*
 * fuzz-pg.c — libFuzzer harness for the .pg front end: one input is one
 * .pg file, read (the BOM skipped as src_read does), parsed and checked as
 * `pgc check` does (main.c, check_source), and its diagnostics printed.
 * A file without errors is then scored as `pgc eval SPEC` scores it, from
 * its own 实际 blocks (eval.c, eval_file): lowered, run by the
 * interpreter and reported.
 */
#include "fuzz.h"

#include <string.h>

static const Stdlib *std;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    std = fuzz_setup();
    return 0;
}

static void score(const File *f, const Source *src, Arena *arena)
{
    StrMap blocks;
    map_init(&blocks, arena, 16);
    for (const Decl *a = f->decls; a; a = a->next)
        if (a->kind == D_ACTUAL)
            map_set(&blocks, a->name, (void *)a);
    Buf out = { 0 }, head = { 0 };
    rep_begin(&out, REP_TEXT);
    Dash *dash = rep_dash_new(REP_TEXT);
    int n = 0;
    for (const Decl *d = f->decls; d; d = d->next) {
        if (d->kind != D_PROJECT)
            continue;
        const Decl *a = map_get(&blocks, d->name);
        ActualRow *rows = a ? act_rows_from_decl(arena, src, a) : NULL;
        const EvScheme *sc = ev_scheme_for(std, d, NULL);
        if (!sc)
            continue;
        EvProject *p = ev_lower(std, sc, src, d, arena);
        if (ev_bind(std, p, rows, src->path, NULL, arena) && ev_run(p, true, arena)) {
            rep_project(&out, REP_TEXT, p, true, n++ == 0);
            rep_dash_project(dash, p);
        }
    }
    rep_end(&out, &head, REP_TEXT, n, dash);
    dash_free(dash);
    buf_free(&head);
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return -1;          /* pgc reads files of any size; the fuzzer need not */
    static Arena arena;     /* reset, not freed: its chunks are reused */
    Source src;
    src_from_string(&src, "fuzz.pg", (const char *)data, size);
    diag_begin_file(&src, &arena);
    File f;
    parse_file(&src, &arena, &f);
    if (!diag_too_many())
        chk_file(std, &f, &arena);
    if (diag_file_errors() == 0)
        score(&f, &src, &arena);
    diag_flush();
    diag_reset_totals();
    arena_reset(&arena);
    src_free(&src);
    return 0;
}
