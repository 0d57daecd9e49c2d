/*
 * timing.c — PGC_TIMING=1: wall milliseconds per phase, on stderr.
 *
 * For the benchmarks (bench/jit-bench.sh): `pgc eval` and a built
 * evaluator print one line in the same format, so the engines' phases are
 * compared in one table, compile latency apart from scoring.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const phase_names[PH_COUNT] = { "actuals", "parse+check", "lower", "bind", "compile", "score", "report" };

void tm_init(Timing *t)
{
    const char *v = getenv("PGC_TIMING");
    *t = (Timing){ .on = v && *v && strcmp(v, "0") != 0 };
}

double tm_now(const Timing *t)
{
    if (!t->on)
        return 0;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void tm_end(Timing *t, Phase ph, double start)
{
    if (t->on)
        t->ms[ph] += tm_now(t) - start;
}

void tm_print(const Timing *t, double total, const char *engine, bool compiled, long long scored, long long fell_back)
{
    fprintf(stderr, "pgc: timing (ms):");
    for (int i = 0; i < PH_COUNT; i++)
        fprintf(stderr, " %s %.1f,", phase_names[i], t->ms[i]);
    fprintf(stderr, " total %.1f; engine %s", total, engine);
    if (compiled)
        fprintf(stderr, " (rules compiled: %lld scored, %lld fell back to the interpreter)", scored, fell_back);
    fprintf(stderr, "\n");
}
