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
    fuzz_import(&src, "fuzz-import");
    return 0;
}
