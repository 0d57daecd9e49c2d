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
#include "pgc.h"

#include <string.h>

typedef struct Bind {
    const Stdlib *std;
    Arena *arena;
    EvProject *p;
    const char *actuals_path;
    bool ok;
} Bind;

Rat ev_date_key(Date d)
{
    return rat_int(d.year * 10000L + d.month * 100 + (d.day ? d.day : 31));
}

const char *ev_value_text(Arena *a, const Value *v)
{
    char b[512];
    if (v->kind == V_STRING) {
        return v->text;
    }
    ast_format_value(v, b, sizeof b);
    return arena_strndup(a, b, strlen(b));
}


/* msg is translated already (the callers' _()). */
static void bind_error(Bind *L, const ActualRow *r, Loc loc, DiagCode code, const char *msg)
{
    diag_emit_in(r->src, code, loc, "%s", msg);
    L->ok = false;
}

/* The band of a qualitative actual (doc/language.md §6). */
static Band word_band(const Bind *L, const EvIndicator *x, const Value *v)
{
    const char *t = v->text;
    if (x->word && strcmp(t, x->word) == 0)
        return BAND_MET;
    if (strncmp(t, "达成", strlen("达成")) == 0)
        return BAND_MET;
    if (strncmp(t, "部分达成", strlen("部分达成")) == 0)
        return BAND_PARTIAL;
    if (x->kind == TK_WORD && x->word && strncmp(t, "基本", strlen("基本")) == 0 &&
        strcmp(t + strlen("基本"), x->word) == 0)
        return BAND_PARTIAL;
    if (v->kind == V_WORD) {
        const StdWord *w = std_word(L->std, t);
        if (w && x->kind == TK_ORDINAL && w->ordinal) {
            Rat rank = rat_int(w->ordinal);
            int c = rat_cmp(rank, x->target);
            return c >= 0 ? BAND_MET : w->ordinal + 1 == (int)x->target.num ? BAND_PARTIAL : BAND_UNMET;
        }
        if (w && w->band != BAND_NONE)
            return w->band;
    }
    return BAND_UNMET;
}

static void bind_value(Bind *L, EvIndicator *x, const ActualRow *r)
{
    const Value *v = &r->val;
    x->row = r;
    x->actual_text = ev_value_text(L->arena, v);
    char msg[512];
    switch (x->kind) {
    case TK_NUMBER: {
        if (v->kind != V_NUMBER) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            snprintf(msg, sizeof msg, _("the target of “%s” is a number (%s); “%s” is not"), x->name,
                     x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        x->actual = rat_from_dec(v->num);
        if (!v->unit || !x->unit)
            return;
        const StdUnit *u = std_unit(L->std, v->unit);
        if (!u) {
            snprintf(msg, sizeof msg, _("unknown unit “%s”"), v->unit);
            bind_error(L, r, v->unit_loc.end ? v->unit_loc : v->loc, E0408, msg);
        } else if (strcmp(u->base, x->unit->base) != 0) {
            /* TRANSLATORS: the indicator, the actual's unit, the target's unit */
            snprintf(msg, sizeof msg, _("the actual of “%s” is in “%s”, which does not convert to the target's “%s”"),
                     x->name, u->name, x->unit->name);
            bind_error(L, r, v->unit_loc.end ? v->unit_loc : v->loc, E0503, msg);
        } else if (!rat_mul(x->actual, rat_from_dec(u->factor), &x->actual) ||
                   !rat_div(x->actual, rat_from_dec(x->unit->factor), &x->actual)) {
            bind_error(L, r, v->loc, E0509, _("the actual is out of range after converting its unit"));
        }
        return;
    }
    case TK_DATE:
        if (v->kind != V_DATE) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            snprintf(msg, sizeof msg, _("the target of “%s” is a date (%s); “%s” is not"), x->name,
                     x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        x->actual = ev_date_key(v->date);
        return;
    default:
        if (v->kind != V_WORD && v->kind != V_STRING) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            snprintf(msg, sizeof msg, _("the target of “%s” is qualitative (%s); give a word or a phrase, not “%s”"),
                     x->name, x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        if (v->kind == V_WORD && x->kind == TK_WORD) {
            const StdWord *w = std_word(L->std, v->text);
            if (w && x->scale && strcmp(w->scale, x->scale) != 0) {
                /* TRANSLATORS: the actual's word and its 定性等级 (scale), the
                 * target's word and its scale */
                snprintf(msg, sizeof msg, _("“%s” is on the scale %s; the target “%s” is on %s"), v->text,
                         w->scale, x->word, x->scale);
                bind_error(L, r, v->loc, E0503, msg);
                return;
            }
        }
        x->band = word_band(L, x, v);
        return;
    }
}

static const char *const specials[] = { "全年预算数", "全年执行数", "年初预算数" };

static void bind_special(Bind *L, ActualRow *r, int which)
{
    EvProject *p = L->p;
    const Value *v = &r->val;
    Decimal y = v->num;
    const StdUnit *u = v->unit ? std_unit(L->std, v->unit) : NULL;
    if (v->kind != V_NUMBER || (v->unit && (!u || strcmp(u->dim, "金额") != 0))) {
        char msg[256];
        /* TRANSLATORS: the row: 全年预算数, 全年执行数 or 年初预算数 */
        snprintf(msg, sizeof msg, _("“%s” is an amount in 元"), specials[which]);
        bind_error(L, r, v->loc, E0503, msg);
        return;
    }
    if (u && dec_mul(y, u->factor, &y) != DEC_OK) {
        bind_error(L, r, v->loc, E0509, _("amount out of range"));
        return;
    }
    if (dec_is_neg(y)) {
        bind_error(L, r, v->loc, E0306, _("negative amount"));
        return;
    }
    switch (which) {
    case 0: p->budget = y; p->budget_row = r; break;
    case 1: p->spent = y; p->has_spent = true; p->spent_row = r;
        if (r->has_weight)
            p->exec_weight = r->weight;
        break;
    default: p->budget_initial = y; break;
    }
}

static void bind(Bind *L, ActualRow *rows)
{
    EvProject *p = L->p;
    StrMap by_name;
    map_init(&by_name, L->arena, (uint32_t)p->nind);
    for (int i = 0; i < p->nind; i++)
        map_put(&by_name, p->ind[i].name, &p->ind[i]);
    char msg[512];
    for (ActualRow *r = rows; r; r = r->next) {
        int which = -1;
        for (int k = 0; k < 3; k++)
            if (strcmp(r->indicator, specials[k]) == 0)
                which = k;
        if (which >= 0 && r->bad) {         /* reported when read */
            L->ok = false;
            if (which == 1)
                p->has_spent = true;        /* no "no 全年执行数" as well */
            continue;
        }
        if (which >= 0) {
            bind_special(L, r, which);
            continue;
        }
        EvIndicator *x = map_get(&by_name, r->indicator);
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
            *pool = l1;
            return true;
        }
        return false;
    next:;
    }
    return false;
}

/* Spreads w over n indicators to the cent: the first ones take the rest. */
static void spread(EvProject *p, const char *pool, const EvScheme *sc, Decimal w)
{
    int n = 0;
    Decimal dummy;
    const char *pl;
    for (int i = 0; i < p->nind; i++)
        if (scheme_weight(sc, p->ind[i].l1, &dummy, &pl) && strcmp(pl, pool) == 0)
            n++;
    if (n == 0)
        return;
    Decimal cents = dec_round(w, 2);        /* w in cents: cents.v */
    dec_i128 each = cents.v / n, rest = cents.v % n;
    for (int i = 0; i < p->nind; i++) {
        if (!scheme_weight(sc, p->ind[i].l1, &dummy, &pl) || strcmp(pl, pool) != 0)
            continue;
        p->ind[i].weight = (Decimal){ each + (rest > 0 ? 1 : 0), 2 };
        if (rest > 0)
            rest--;
    }
}

static void assign_weights(Bind *L)
{
    EvProject *p = L->p;
    if (p->spec_weights)
        return;                         /* the spec gives them (checked: all or none) */
    int from_rows = 0;
    for (int i = 0; i < p->nind; i++)
        if (p->ind[i].row && p->ind[i].row->has_weight)
            from_rows++;
    if (from_rows == p->nind && p->nind > 0) {
        for (int i = 0; i < p->nind; i++)
            p->ind[i].weight = p->ind[i].row->weight;
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
            if (scheme_weight(sc, p->l1[j], &w2, &pool2) && strcmp(pool2, pool) == 0)
                first = false;
        }
        if (first)
            spread(p, pool, sc, w);
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
