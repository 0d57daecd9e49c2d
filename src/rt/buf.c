/*
 * buf.c — a growing byte buffer, for output built before it is written
 * (formatted files, reports: nothing is half-written when an error comes).
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>

void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void buf_str(Buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        pgc_die("vsnprintf failed");
    buf_add(b, "", 0);
    if (b->n + (size_t)n + 1 > b->cap) {
        size_t need = b->n + (size_t)n + 1, cap = b->cap;
        while (cap < need)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->n += (size_t)n;
}

void buf_spaces(Buf *b, int n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        int k = n > 32 ? 32 : n;
        buf_add(b, sp, (size_t)k);
        n -= k;
    }
}

void buf_free(Buf *b)
{
    free(b->s);
    b->s = NULL;
    b->n = b->cap = 0;
}
