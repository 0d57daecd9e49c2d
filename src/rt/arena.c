/*
 * arena.c — bump allocation.
 *
 * pgc allocates a file's whole world (tokens' strings, the AST, the
 * diagnostics) from one arena and drops it at once when the file is done,
 * so memory stays flat however many files a run checks.  There is no
 * per-node free.  arena_reset keeps the chunks for the next file.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
    ArenaChunk *next;
    size_t size;        /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024 };

static ArenaChunk *chunk_new(size_t need)
{
    size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
    ArenaChunk *c = xmalloc(sizeof *c + size);
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

/* n bytes, not zeroed (for strings, which are written at once). */
static void *alloc_raw(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaChunk *c = a->head;
    if (!c || c->size - c->used < n) {
        ArenaChunk **pp = &a->spare;
        while (*pp && (*pp)->size < n)
            pp = &(*pp)->next;
        if (*pp) {
            c = *pp;
            *pp = c->next;
            c->used = 0;
        } else {
            c = chunk_new(n);
        }
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

void *arena_alloc(Arena *a, size_t n)
{
    void *p = alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

void *arena_grow(Arena *a, void *arr, int n, int *cap, size_t size)
{
    if (n < *cap)
        return arr;
    int want = *cap ? *cap * 2 : 16;
    void *grown = arena_alloc(a, (size_t)want * size);
    if (n)
        memcpy(grown, arr, (size_t)n * size);
    *cap = want;
    return grown;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_cat3(Arena *ar, const char *a, const char *b, const char *c)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0, nc = c ? strlen(c) : 0;
    char *p = alloc_raw(ar, na + nb + nc + 1);
    if (na)
        memcpy(p, a, na);
    if (nb)
        memcpy(p + na, b, nb);
    if (nc)
        memcpy(p + na + nb, c, nc);
    p[na + nb + nc] = 0;
    return p;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        pgc_die("vsnprintf failed");
    char *p = alloc_raw(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

/* Moves every chunk to the spare list for reuse: memory stays bounded by
 * the largest file seen, and pages are not returned to the system and
 * faulted in again for every file. */
void arena_reset(Arena *a)
{
    for (ArenaChunk *c = a->head, *next; c; c = next) {
        next = c->next;
        c->next = a->spare;
        a->spare = c;
    }
    a->head = NULL;
}

void arena_free(Arena *a)
{
    arena_reset(a);
    for (ArenaChunk *c = a->spare, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->spare = NULL;
}
