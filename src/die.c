/*
 * die.c — internal errors.  A user's mistake is a diagnostic (diag.c);
 * this is for bugs in pgc itself.  The details (where, what) stay in
 * English: they are for the developers a report goes to.
 */
#include "pgc.h"

#include <stdlib.h>

PGC_NORETURN void pgc_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fprintf(stderr, "%s: %s", cli_prog(), _("internal error: "));
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    fputs(_("(this is a bug in pgc; please report it with the input that caused it)\n"), stderr);
    va_end(ap);
    exit(EXIT_INTERNAL);
}
