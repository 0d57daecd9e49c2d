/*
 * fuzz.h — what the libFuzzer harnesses (fuzz/fuzz-*.c) share.
 *
 * pgc prints its diagnostics on stderr and its reports on stdout.  A
 * harness still formats them (the snippet and caret code is worth
 * fuzzing) but into /dev/null: the stdio streams are replaced, while
 * libFuzzer keeps its own copy of the old stderr for its messages and the
 * sanitizers write to fd 2 directly.  PGC_FUZZ_VERBOSE=1 keeps the output,
 * to see what pgc says about a crashing input.
 */
#ifndef PGC_FUZZ_H
#define PGC_FUZZ_H

#include "pgc.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's real stderr (fd 2), for what a harness must say when it
 * aborts: stderr itself may be /dev/null (fuzz_quiet). */
static inline FILE *fuzz_stderr(void)
{
    static FILE *err;
    if (!err)
        err = fdopen(2, "w");
    return err ? err : stderr;
}

static inline void fuzz_quiet(void)
{
    const char *v = getenv("PGC_FUZZ_VERBOSE");
    if (v && *v && *v != '0')
        return;
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        abort();
    stderr = null;
    stdout = null;
}

/* The standard library, loaded once per process like pgc does. */
static inline const Stdlib *fuzz_stdlib(void)
{
    const Stdlib *std = std_load();
    if (!std)
        abort();
    return std;
}

/* What every harness does once: quiet output, human diagnostics capped as
 * pgc's are, the standard library loaded. */
static inline const Stdlib *fuzz_setup(void)
{
    fuzz_quiet();
    DiagOptions opt = { .format = FMT_HUMAN, .max_errors = 50 };
    diag_setup(&opt);
    return fuzz_stdlib();
}

/* pgc import of src, as `pgc import -o -` (fuzz-import, fuzz-office): the
 * .pg text made for each project must parse, and already be in the layout
 * of `pgc fmt`; either failing is a bug in the importer, and the harness
 * (named in the message) aborts.  src is freed. */
static inline void fuzz_import(Source *src, const char *harness)
{
    Buf out = { 0 };
    if (!imp_source(src, &out)) {
        fprintf(fuzz_stderr(), "%s: the text made for a project does not parse\n", harness);
        abort();
    }
    src_free(src);
    if (out.n) {
        Arena arena = { 0 };
        Source gen;
        src_from_string(&gen, "imported.pg", out.s, out.n);
        size_t len;
        char *again = fmt_source(&gen, &arena, &len);
        if (!again || len != out.n || memcmp(again, out.s, len) != 0) {
            fprintf(fuzz_stderr(), "%s: pgc fmt changes the imported text\n", harness);
            abort();
        }
        free(again);
        src_free(&gen);
        arena_free(&arena);
    }
    buf_free(&out);
    diag_reset_totals();
}

#endif
