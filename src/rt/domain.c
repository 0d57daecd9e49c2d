/*
 * domain.c — the facts of domain.def as lookups: the lines of the 资金
 * block and the special rows of the actuals, by name and by id.  One table
 * for the checker, the renderer, the importer and the binder, so that a
 * line added to the form is added once.
 */
#include "rt.h"

#include <string.h>

static const char *const fund_names[FU_COUNT] = {
#define FUND(id, name) [id] = name,
#include "domain.def"
};

static const char *const special_names[AS_COUNT] = {
#define SPECIAL(id, name) [id] = name,
#include "domain.def"
};

const char *dom_fund_name(Fund f)
{
    return f < FU_COUNT ? fund_names[f] : "?";
}

const char *const *dom_fund_names(void)
{
    return fund_names;
}

Fund dom_fund(const char *name)
{
    for (int f = 0; f < FU_COUNT; f++)
        if (strcmp(name, fund_names[f]) == 0)
            return (Fund)f;
    return FU_COUNT;
}

const char *dom_special_name(ActSpecial s)
{
    return s < AS_COUNT ? special_names[s] : "?";
}

ActStage dom_special_stage(ActSpecial s)
{
    switch (s) {
    case AS_SPENT: case AS_RATE: case AS_TOTAL: case AS_GRADE:
        return STAGE_YEAR_END;
    case AS_TODATE: case AS_FORECAST:
        return STAGE_MID_YEAR;
    default:
        return STAGE_BOTH;          /* 全年预算数, 年初预算数 */
    }
}

ActSpecial dom_special(const char *name)
{
    for (int s = 0; s < AS_COUNT; s++) {
        const char *n = special_names[s];   /* asked of every row: its first two bytes first */
        if (name[0] == n[0] && name[0] && name[1] == n[1] && strcmp(name, n) == 0)
            return (ActSpecial)s;
    }
    return AS_COUNT;
}
