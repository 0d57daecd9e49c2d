/*
 * strmap.c — a string-keyed hash map (open addressing, FNV-1a).
 *
 * Used for the standard library's tables and, per project, to find
 * duplicate indicators.  It lives in an arena: growing abandons the old
 * arrays, which the arena drops with everything else.
 */
#include "rt.h"

#include <string.h>

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void map_init(StrMap *m, Arena *a, uint32_t hint)
{
    uint32_t cap = 16;
    while (cap < hint * 2)
        cap *= 2;
    m->arena = a;
    m->cap = cap;
    m->n = 0;
    m->keys = arena_alloc(a, cap * sizeof *m->keys);
    m->vals = arena_alloc(a, cap * sizeof *m->vals);
}

static uint32_t slot(const StrMap *m, const char *key)
{
    uint32_t i = hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

void *map_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    uint32_t i = slot(m, key);
    return m->keys[i] ? m->vals[i] : NULL;
}

static void grow(StrMap *m)
{
    StrMap big;
    map_init(&big, m->arena, m->cap);
    for (uint32_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            map_put(&big, m->keys[i], m->vals[i]);
    *m = big;
}

void *map_put(StrMap *m, const char *key, void *val)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    uint32_t i = slot(m, key);
    if (m->keys[i])
        return m->vals[i];
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return val;
}

void map_set(StrMap *m, const char *key, void *val)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    uint32_t i = slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
}
