/*
 * stdlook.c — looking up units and words of the standard library, the
 * names of the bands, and spelling suggestions.
 *
 * Apart from stdlib.c (which parses the modules) because a built
 * evaluator (`pgc build`, rtmain.c) binds actuals with these lookups and
 * carries no parser: it rebuilds a Stdlib of just the units and words
 * from the data embedded in it (serial.c).
 */
#include "rt.h"

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

void std_index_names(Stdlib *s, Arena *a)
{
    s->word_names = arena_alloc(a, (size_t)(s->nwords + 1) * sizeof *s->word_names);
    s->nword_names = 0;
    for (int i = 0; i < s->nwords; i++)
        if (s->words[i].use != WU_PREFIX)
            s->word_names[s->nword_names++] = s->words[i].word;
    s->unit_names = arena_alloc(a, (size_t)(s->nunits + 1) * sizeof *s->unit_names);
    for (int i = 0; i < s->nunits; i++)
        s->unit_names[i] = s->units[i].name;
}

/* The one table of the bands' names: the 等级 scales (stdlib.c), the
 * schemes' 档次系数 and 档次下限 (lower.c), explanations (interp.c) and
 * reports (report.c) all spell them from here. */
static const char *const band_names[BAND_COUNT] = {
    [BAND_NONE] = "", [BAND_MET] = "达成", [BAND_PARTIAL] = "部分达成", [BAND_UNMET] = "未达成",
};

const char *std_band_name(Band b)
{
    return band_names[b];
}

Band std_band_named(const char *name)
{
    for (int b = BAND_MET; b < BAND_COUNT; b++)
        if (strcmp(name, band_names[b]) == 0)
            return (Band)b;
    return BAND_NONE;
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
