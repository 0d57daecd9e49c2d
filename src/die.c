/*
 * die.c — internal errors.  A user's mistake is a diagnostic (diag.c);
 * this is for bugs in pgc itself and for running out of memory.
 */
#include "pgc.h"

#include <stdlib.h>

PGC_NORETURN void pgc_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fputs("pgc: internal error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n(this is a bug in pgc; please report it with the input that caused it)\n", stderr);
    va_end(ap);
    exit(70);
}
