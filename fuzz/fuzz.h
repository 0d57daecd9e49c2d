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

#endif
