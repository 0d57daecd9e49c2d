/*
 * stdlook.c — looking up units and words of the standard library, and
 * spelling suggestions.
 *
 * Apart from stdlib.c (which parses the modules) because a built
 * evaluator (`pgc build`, rtmain.c) binds actuals with these lookups and
 * carries no parser: it rebuilds a Stdlib of just the units and words
 * from the data embedded in it (serial.c).
 */
#include "pgc.h"

#include <string.h>

const StdWord *std_word(const Stdlib *s, const char *word)
{
    intptr_t i = (intptr_t)map_get(&s->word_map, word);
    return i ? &s->words[i - 1] : NULL;
}

const StdUnit *std_unit(const Stdlib *s, const char *name)
{
    intptr_t i = (intptr_t)map_get(&s->unit_map, name);
    return i ? &s->units[i - 1] : NULL;
}

const char *std_suggest(const char *name, const char *const *cands, int n)
{
    int len = (int)utf8_count(name, strlen(name));
    /* one edit for short names, a third of the name for longer ones; a
     * one-character name is near everything and gets no suggestion */
    int cap = len <= 1 ? 0 : len <= 2 ? 1 : (len + 2) / 3;
    const char *best = NULL;
    int bestd = cap + 1;
    for (int i = 0; i < n; i++) {
        int d = utf8_distance(name, cands[i], cap);
        if (d < bestd && d > 0) {
            bestd = d;
            best = cands[i];
        }
    }
    return best;
}
