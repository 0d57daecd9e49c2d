/*
 * fuzz-import.c — libFuzzer harness for `pgc import`: one input is one
 * pasted 申报表 (TSV or CSV, UTF-8, GB18030 or UTF-16).  Its forms are
 * read and each project's .pg text is made and formatted (imp_source, the
 * path of `pgc import -o -`).  That text must parse — imp_source says when
 * it does not — and must already be in the layout of `pgc fmt`: either
 * failing is a bug in the importer, and the harness aborts.
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return -1;
    Source src;
    src_from_string(&src, "fuzz.txt", (const char *)data, size);
    Buf out = { 0 };
    if (!imp_source(&src, &out)) {
        fprintf(stderr, "fuzz-import: the text made for a project does not parse\n");
        abort();
    }
    src_free(&src);
    if (out.n) {
        /* already formatted: pgc fmt leaves it as it is */
        Arena arena = { 0 };
        Source gen;
        src_from_string(&gen, "imported.pg", out.s, out.n);
        size_t len;
        char *again = fmt_source(&gen, &arena, &len);
        if (!again || len != out.n || memcmp(again, out.s, len) != 0) {
            fprintf(stderr, "fuzz-import: pgc fmt changes the imported text\n");
            abort();
        }
        free(again);
        src_free(&gen);
        arena_free(&arena);
    }
    buf_free(&out);
    diag_reset_totals();
    return 0;
}
