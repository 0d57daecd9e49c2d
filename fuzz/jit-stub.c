/*
 * jit-stub.c — jit.c's interface without libgccjit, for the fuzz build:
 * libgccjit.h is in gcc's private include directory, and the harnesses
 * score with the interpreter (eval.c uses the JIT only when asked to, or
 * for inputs of millions of rows).
 */
#include "pgc.h"

#include <stdlib.h>

Jit *jit_new(const char *dump_path)
{
    (void)dump_path;
    return NULL;
}

bool jit_prepare(Jit *j, const EvScheme *sc, const char **why)
{
    (void)j, (void)sc;
    *why = "this fuzz build has no JIT";
    return false;
}

bool jit_run(Jit *j, EvProject *p, bool explain, Arena *arena)
{
    (void)j, (void)p, (void)explain, (void)arena;
    abort();
}

bool jit_code(Jit *j, const EvScheme *sc, JitBatchFn *batch, const unsigned **reads)
{
    (void)j, (void)sc, (void)batch, (void)reads;
    return false;
}

void jit_counts(const Jit *j, long long *scored, long long *fell_back)
{
    (void)j;
    *scored = *fell_back = 0;
}

void jit_free(Jit *j)
{
    (void)j;
}
