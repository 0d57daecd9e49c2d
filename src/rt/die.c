/*
 * die.c — the two things pgc stops at once for: a bug in pgc itself
 * (pgc_die) and running out of memory (the x-allocators).
 *
 * A user's mistake is a diagnostic (diag.c), never this.  An internal
 * error says it is a bug, with details (where, what) that stay in
 * English: they are for the developers a report goes to.  Running out of
 * memory is no bug: it is said as such ("pgc: out of memory", in the
 * user's language) and ends the command with status 2, as a file that
 * cannot be read does — the job could not be done; there is nothing to
 * report.  Every allocation outside an arena goes through xmalloc,
 * xcalloc, xrealloc or xstrdup, so no caller tests for NULL.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>

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

PGC_NORETURN void pgc_out_of_memory(void)
{
    progress_clear();
    cli_error("out of memory");
    exit(EXIT_USAGE);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        pgc_out_of_memory();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        pgc_out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        pgc_out_of_memory();
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}
