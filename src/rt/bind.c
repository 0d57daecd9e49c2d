/*
 * bind.c — binding year-end actuals to a lowered project.
 *
 * Binding is where most user errors surface: an actual for an indicator
 * the project lacks, a unit that does not convert, a word on the wrong
 * scale, an indicator left without a value.  Each is reported at its own
 * file, line and column (the CSV cell, or the spec's indicator).
 *
 * Weights: the spec's 分值 if it gives them, else the actuals' 分值 column,
 * else the scheme's weight for each 一级 spread evenly over its indicators
 * to the cent — the first indicators take the leftover cents, so the
 * weights always add up exactly.
 *
 * This is part of the runtime a built evaluator carries (`pgc build`): it
 * reads only the EvProject, the scheme, and the units and words of the
 * standard library — never the syntax tree.
 */
#include "rt.h"

#include <string.h>

typedef struct Bind {
    const Stdlib *std;
    Arena *arena;
    EvProject *p;
    const char *actuals_path;
    bool monitor;               /* mid-year actuals (ev_bind_monitor) */
    bool ok;
} Bind;

/* msg is translated already (the callers' _()). */
static void bind_error(Bind *L, const ActualRow *r, Loc loc, DiagCode code, const char *msg)
{
    diag_emit_in(r->src, code, loc, "%s", msg);
    L->ok = false;
}

static void bind_value(Bind *L, EvIndicator *x, const ActualRow *r)
{
    const Value *v = &r->val;
    x->row = r;
    if (r->no_value)
        return;                         /* monitoring: not measured yet */
    x->actual_text = val_text(L->arena, v);
    ValTarget t = { .kind = x->kind, .target = x->target, .unit = x->unit, .word = x->word, .scale = x->scale };
    if (val_fit(L->std, &t, x->name, x->target_text, r->src, v, &x->actual) == FIT_BAD) {
        L->ok = false;
        return;
    }
    x->fits = true;
    if (x->kind != TK_NUMBER && x->kind != TK_DATE) {
        bool matched;
        x->band = val_word_band(L->std, &t, v->text, &matched);
        if (!matched && !r->from_spec)      /* a 实际 block's: pgc check's to say */
            val_warn_unmatched(L->std, &t, x->name, x->target_text, r->src, v->loc, v->text);
    }
}

/* Whether a special row belongs to the actuals being bound: the year-end
 * figures to year-end actuals, 累计执行数 and 全年预计执行数 to mid-year
 * ones; 全年预算数 and 年初预算数 to both.  Else E0514. */
static bool special_fits(Bind *L, const ActualRow *r, ActSpecial which)
{
    ActStage st = dom_special_stage(which);
    if (st == STAGE_BOTH || st == (L->monitor ? STAGE_MID_YEAR : STAGE_YEAR_END))
        return true;
    if (L->monitor) {
        /* TRANSLATORS: a row of year-end actuals (全年执行数, 执行率, 总分, 等级) */
        diag_emit_in(r->src, E0514, r->name_loc, "“%s” is a figure of the year-end actuals, not of monitoring",
                     r->indicator);
        diag_hint("mid-year actuals give 累计执行数 (spent so far) and 全年预计执行数; pgc eval reads the year-end "
                  "figures");
    } else {
        /* TRANSLATORS: a row of mid-year monitoring (累计执行数, 全年预计执行数) */
        diag_emit_in(r->src, E0514, r->name_loc, "“%s” is a figure of mid-year monitoring, not of the year-end actuals",
                     r->indicator);
        diag_hint("pgc monitor reads it; year-end actuals give 全年执行数");
    }
    L->ok = false;
    return false;
}

static void bind_special(Bind *L, ActualRow *r, ActSpecial which)
{
    EvProject *p = L->p;
    Decimal y;
    if (!special_fits(L, r, which)) {
        if (which == AS_SPENT || !L->monitor)
            p->has_spent = true;        /* no "no 全年执行数" as well */
        return;
    }
    if (!val_special_amount(L->std, which, p->funds_unit, p->name, r->src, &r->val, &y)) {
        L->ok = false;
        if (which == AS_SPENT)
            p->has_spent = true;        /* reported: no "no 全年执行数" as well */
        return;
    }
    switch (which) {
    case AS_BUDGET:
        p->budget = y;
        p->budget_row = r;
        break;
    case AS_SPENT:
        p->spent = y;
        p->has_spent = true;
        p->spent_row = r;
        if (r->has_weight)
            p->exec_weight = r->weight;
        break;
    case AS_BUDGET_INITIAL:
        p->budget_initial = y;
        break;
    case AS_RATE:
        p->pub_rate = y;
        p->rate_row = r;
        break;
    case AS_TOTAL:
        p->pub_total = y;
        p->total_row = r;
        break;
    case AS_GRADE:
        p->pub_grade = r->val.text;
        p->grade_row = r;
        break;
    case AS_TODATE:
        p->todate = y;
        p->todate_row = r;
        break;
    case AS_FORECAST:
        p->forecast_spent = y;
        p->forecast_row = r;
        break;
    case AS_COUNT:
        pgc_unreachable();
    }
}

/* The indicator of p named name.  The rows of a project usually come in
 * the order of its indicators (a template is written so): the one after
 * the last found is tried first, and the names are hashed only when that
 * fails.  (Names are unique in a project that is scored: E0405.) */
typedef struct IndFinder {
    StrMap by_name;
    bool hashed;
    int next;
} IndFinder;

static EvIndicator *find_indicator(Bind *L, IndFinder *f, const char *name)
{
    EvProject *p = L->p;
    if (f->next < p->nind && strcmp(p->ind[f->next].name, name) == 0)
        return &p->ind[f->next++];
    if (!f->hashed) {
        map_init(&f->by_name, L->arena, (uint32_t)p->nind);
        for (int i = 0; i < p->nind; i++)
            map_put(&f->by_name, p->ind[i].name, &p->ind[i]);
        f->hashed = true;
    }
    EvIndicator *x = map_get(&f->by_name, name);
    if (x)
        f->next = (int)(x - p->ind) + 1;
    return x;
}

static void bind(Bind *L, ActualRow *rows)
{
    EvProject *p = L->p;
    IndFinder finder = { .next = 0 };
    char msg[512];
    for (ActualRow *r = rows; r; r = r->next) {
        ActSpecial which = dom_special(r->indicator);
        if (which != AS_COUNT && r->bad) {  /* reported when read */
            L->ok = false;
            if (which == AS_SPENT)
                p->has_spent = true;        /* no "no 全年执行数" as well */
            continue;
        }
        if (which != AS_COUNT) {
            bind_special(L, r, which);
            continue;
        }
        EvIndicator *x = find_indicator(L, &finder, r->indicator);
        if (x && r->bad && !x->row) {       /* reported when read: not "no actual value" as well */
            x->row = r;
            L->ok = false;
            continue;
        }
        if (!x) {
            snprintf(msg, sizeof msg, _("project “%s” has no indicator “%s”"), p->name, r->indicator);
            bind_error(L, r, r->name_loc, E0502, msg);
            continue;
        }
        if (x->row) {
            snprintf(msg, sizeof msg, _("a second actual for “%s”"), r->indicator);
            bind_error(L, r, r->name_loc, E0504, msg);
            continue;
        }
        bind_value(L, x, r);
    }
    if (L->monitor)
        return;                         /* what is missing is 未填报 (monitor.c) */
    for (int i = 0; i < p->nind; i++) {
        if (!p->ind[i].row) {
            /* TRANSLATORS: the indicator, then the file of the actuals */
            diag_emit(E0507, p->ind[i].loc, "no actual value for “%s” in %s", p->ind[i].name, L->actuals_path);
            L->ok = false;
        }
    }
    if (!p->has_spent) {
        /* TRANSLATORS: the project, then the file of the actuals */
        diag_emit(E0507, p->loc, "no 全年执行数 for project “%s” in %s", p->name, L->actuals_path);
        diag_hint("the budget-execution row: 全年执行数 (and 全年预算数 if it differs from 年度资金申请总额)");
        L->ok = false;
    }
}

/* ---- weights -------------------------------------------------------------------- */

/* The scheme's weight for a 一级, following a share to the pool it draws
 * from; the pool's name is returned in *pool. */
static bool scheme_weight(const EvScheme *sc, const char *l1, Decimal *w, const char **pool)
{
    for (int hops = 0; hops < 4; hops++) {
        for (int i = 0; i < sc->nweights; i++) {
            if (strcmp(sc->w_names[i], l1) != 0)
                continue;
            if (sc->w_share[i]) {
                l1 = sc->w_share[i];
                goto next;
            }
            *w = sc->w_values[i];
            *pool = sc->w_names[i];     /* the scheme's own string: pools compare by pointer */
            return true;
        }
        return false;
    next:;
    }
    return false;
}

/* Spreads w over the indicators drawing from pool (pools[i]: the pool of
 * indicator i, from scheme_weight, or NULL) to the cent: the first ones
 * take the rest. */
static void spread(EvProject *p, const char *const *pools, const char *pool, Decimal w)
{
    int n = 0;
    for (int i = 0; i < p->nind; i++)
        if (pools[i] == pool)
            n++;
    if (n == 0)
        return;
    Decimal cents = dec_round(w, 2);        /* w in cents: cents.v */
    dec_i128 each = cents.v / n, rest = cents.v % n;
    for (int i = 0; i < p->nind; i++) {
        if (pools[i] != pool)
            continue;
        p->ind[i].weight = (Decimal){ each + (rest > 0 ? 1 : 0), 2 };
        if (rest > 0)
            rest--;
    }
}

/* A 分值 of the actuals that differs from the spec's is an error naming
 * both places: which one the evaluator meant cannot be known. */
static void check_conflicts(Bind *L)
{
    EvProject *p = L->p;
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *x = &p->ind[i];
        if (!x->row || !x->row->has_weight || dec_cmp(x->row->weight, x->weight) == 0)
            continue;
        char a[DEC_BUF], b[DEC_BUF];
        /* TRANSLATORS: the 分值 in the actuals, the indicator, the spec's
           分值, and where the spec gives it (file:line:col) */
        diag_emit_in(x->row->src, E0512, x->row->weight_loc,
                     "分值 %s for “%s” contradicts the spec's 分值 %s (%s:%u:%u)",
                     dec_format(x->row->weight, true, a), x->name, dec_format(x->weight, true, b),
                     p->src->path, x->weight_loc.line, x->weight_loc.col);
        diag_hint("give the 分值 in one place, or the same in both");
        L->ok = false;
    }
}

/* Each indicator's pool (scheme_weight of its 一级), or NULL: found once
 * per project, then compared by pointer. */
static const char **ind_pools(const EvProject *p, Arena *arena)
{
    const char **pools = arena_alloc(arena, (size_t)p->nind * sizeof *pools);
    for (int i = 0; i < p->nind; i++) {
        Decimal w;
        if (!scheme_weight(p->scheme, p->ind[i].l1, &w, &pools[i]))
            pools[i] = NULL;
    }
    return pools;
}

/* The first indicator whose weight comes from the pool. */
static const EvIndicator *first_in_pool(const EvProject *p, const char *const *pools, const char *pool)
{
    for (int i = 0; i < p->nind; i++)
        if (pools[i] == pool)
            return &p->ind[i];
    return NULL;
}

/* Weights that came from the actuals get the checks the spec's get: each
 * 一级 (or the pool it shares) adds up to the scheme's weight, and all of
 * them with the budget row's to 100 (E0413, at the actuals' 分值). */
static void check_row_weights(Bind *L, bool indicators)
{
    EvProject *p = L->p;
    const EvScheme *sc = p->scheme;
    char a[DEC_BUF], b[DEC_BUF];
    bool reported = false;
    const char **pools = indicators && !sc->weights_given ? ind_pools(p, L->arena) : NULL;
    for (int k = 0; pools && k < p->nl1; k++) {
        Decimal want;
        const char *pool;
        if (!scheme_weight(sc, p->l1[k], &want, &pool))
            continue;
        const EvIndicator *first = first_in_pool(p, pools, pool);
        if (!first || strcmp(first->l1, p->l1[k]) != 0)
            continue;                   /* the pool was added up at its first 一级 */
        Decimal sum = dec_from_int(0);
        for (int i = 0; i < p->nind; i++)
            if (pools[i] == pool)
                dec_add(sum, p->ind[i].weight, &sum);
        if (dec_cmp(sum, want) == 0)
            continue;
        /* TRANSLATORS: the 一级, the sum of its 分值, the 评分方案, its weight */
        diag_emit_in(first->row->src, E0413, first->row->weight_loc,
                     "the 分值 of the actuals under “%s” add up to %s; 评分方案 %s gives it %s", pool,
                     dec_format(sum, true, a), sc->name, dec_format(want, true, b));
        reported = true;
        L->ok = false;
    }
    Decimal total = p->exec_weight;
    const ActualRow *at = p->spent_row && p->spent_row->has_weight ? p->spent_row : NULL;
    for (int i = 0; i < p->nind; i++) {
        dec_add(total, p->ind[i].weight, &total);
        if (!at && p->ind[i].row && p->ind[i].row->has_weight)
            at = p->ind[i].row;
    }
    if (reported || dec_cmp(total, dec_from_int(100)) == 0)
        return;
    if (at)
        /* TRANSLATORS: the sum of all 分值, then the budget row's */
        diag_emit_in(at->src, E0413, at->weight_loc, "the 分值 of the actuals add up to %s with 预算执行率 %s, not 100",
                     dec_format(total, true, a), dec_format(p->exec_weight, true, b));
    else
        diag_emit(E0413, p->loc, "the 分值 add up to %s with 预算执行率 %s, not 100", dec_format(total, true, a),
                  dec_format(p->exec_weight, true, b));
    diag_hint("a 自评表's 分值 add up to 100, the budget row's included");
    L->ok = false;
}

static void assign_weights(Bind *L)
{
    EvProject *p = L->p;
    bool exec_from_row = p->spent_row && p->spent_row->has_weight;
    if (p->spec_weights) {              /* the spec gives them (checked: all or none) */
        check_conflicts(L);
        if ((exec_from_row || p->scheme->weights_given) && L->ok)
            check_row_weights(L, false);
        return;
    }
    int from_rows = 0;
    for (int i = 0; i < p->nind; i++)
        if (p->ind[i].row && p->ind[i].row->has_weight)
            from_rows++;
    if (from_rows == p->nind && p->nind > 0) {
        for (int i = 0; i < p->nind; i++)
            p->ind[i].weight = p->ind[i].row->weight;
        check_row_weights(L, true);
        return;
    }
    if (from_rows > 0) {
        for (int i = 0; i < p->nind; i++) {
            if (p->ind[i].row && !p->ind[i].row->has_weight) {
                diag_emit_in(p->ind[i].row->src, E0414, p->ind[i].row->name_loc,
                             "no 分值 for “%s”, but %d other actuals give one", p->ind[i].name, from_rows);
                diag_hint("give 分值 for every indicator or for none");
                L->ok = false;
                return;
            }
        }
        return;
    }
    const EvScheme *sc = p->scheme;
    if (sc->weights_given) {
        /* TRANSLATORS: the 评分方案 */
        diag_emit(E0413, p->loc, "评分方案 %s takes the 分值 of the form (权重 按表), but they are not given",
                  sc->name);
        diag_hint("give every indicator its 分值, in the spec or in the actuals' 分值 column");
        L->ok = false;
        return;
    }
    const char **pools = ind_pools(p, L->arena);
    for (int k = 0; k < p->nl1; k++) {
        Decimal w;
        const char *pool;
        if (!scheme_weight(sc, p->l1[k], &w, &pool)) {
            /* TRANSLATORS: the 评分方案, then the 一级指标 category */
            diag_emit(E0413, p->loc, "评分方案 %s gives no weight to 一级 %s", sc->name, p->l1[k]);
            diag_hint("give the indicators 分值, in the spec or in the actuals");
            L->ok = false;
            continue;
        }
        bool first = true;
        for (int j = 0; j < k; j++) {
            Decimal w2;
            const char *pool2;
            if (scheme_weight(sc, p->l1[j], &w2, &pool2) && pool2 == pool)
                first = false;
        }
        if (first)
            spread(p, pools, pool, w);
    }
}

bool ev_bind(const Stdlib *std, EvProject *p, ActualRow *rows, const char *actuals_path,
             const Actuals *act, Arena *arena)
{
    if (!rows) {
        /* TRANSLATORS: the project, then the file of the actuals (or the spec) */
        diag_emit(E0510, p->loc, "no actuals for project “%s” in %s", p->name, actuals_path);
        const char *near = act_suggest(act, p->name, arena);
        if (near)
            diag_hint("did you mean “%s”? the actuals have rows for it", near);
        else
            diag_hint("actuals come from a 实际 %s { … } block or a CSV file given with --actuals", p->name);
        return false;
    }
    Bind L = { .std = std, .arena = arena, .p = p, .actuals_path = actuals_path, .ok = true };
    bind(&L, rows);
    assign_weights(&L);
    return L.ok;
}

bool ev_bind_monitor(const Stdlib *std, EvProject *p, ActualRow *rows, Arena *arena)
{
    Bind L = { .std = std, .arena = arena, .p = p, .actuals_path = p->src->path, .monitor = true, .ok = true };
    bind(&L, rows);
    return L.ok;
}

bool ev_weigh(EvProject *p, Arena *arena)
{
    Bind L = { .arena = arena, .p = p, .actuals_path = p->src->path, .ok = true };
    assign_weights(&L);
    return L.ok;
}
