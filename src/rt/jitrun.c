/*
 * jitrun.c — running compiled scoring code: the side of the JIT that needs
 * no libgccjit.
 *
 * jit.c compiles a scheme's rules into a function
 *
 *     int batch(JitInd *inds, int n)
 *
 * in memory (`pgc eval --jit`); build.c compiles the same function into
 * an executable (`pgc build`).  Either way this file feeds it: it fills
 * one JitInd per indicator and one for the budget-execution row from the
 * EvProject exactly as interp.c fills its Env (a negative actual counts as
 * 0; a variable the Env lacks sends the row to the interpreter), calls the
 * batch, and hands the results to ev_run_with, which uses them in place of
 * its own arithmetic.  A row the compiled code refuses (status 1: a factor
 * at or above 2^62, a division by zero) is scored by the interpreter.
 */
#include "rt.h"

#include <stdlib.h>

/* The bound on the inputs: negating or adding two of them cannot wrap. */
#define JIT_INPUT_LIMIT ((dec_i128)1 << 125)

unsigned jit_reads(const IrExpr *e)
{
    if (!e)
        return 0;
    if (e->op == IR_VAR)
        return 1u << e->var;
    if (e->op == IR_BAND)
        return 1u << JIT_BAND;
    if (e->op == IR_CONST)
        return 0;
    return jit_reads(e->a) | jit_reads(e->b) | (e->op == IR_IF ? jit_reads(e->c) : 0);
}

static void reserve(JitScorer *j, int n)
{
    if (n <= j->cap)
        return;
    int cap = j->cap ? j->cap : 32;
    while (cap < n)
        cap *= 2;
    free(j->ind);
    free(j->res);
    free(j->which);
    /* JitInd holds __int128: 16-byte alignment, which malloc gives on x86-64 */
    j->ind = xmalloc((size_t)cap * sizeof *j->ind);
    j->res = xmalloc((size_t)cap * sizeof *j->res);
    j->which = xmalloc((size_t)cap * sizeof *j->which);
    j->cap = cap;
}

static void put(JitInd *x, int s, Rat v)
{
    x->n[s] = v.num;
    x->d[s] = v.den;
}

static void put_dec(JitInd *x, int s, Decimal v)
{
    static const int64_t pow10[] = {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
        100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
        10000000000000000, 100000000000000000, 1000000000000000000,
    };
    x->n[s] = v.v;
    x->d[s] = pow10[v.scale];               /* scale ≤ DEC_MAX_SCALE = 18 */
}

enum {
    S_WEIGHT = 1u << VAR_WEIGHT, S_TARGET = 1u << VAR_TARGET, S_ACTUAL = 1u << VAR_ACTUAL,
    S_SPENT = 1u << VAR_SPENT, S_BUDGET = 1u << VAR_BUDGET, S_INITIAL = 1u << VAR_BUDGET_INITIAL,
    S_BAND = 1u << JIT_BAND, S_AUX = 1u << JIT_AUX,
};

/* Whether the compiled code can take the row: every slot read (by the
 * rule, the clamp to 分值, the extra test) was set (`set`, as bits) and is
 * a proper fraction within the input bound.  A slot the row lacks, as the
 * interpreter's Env lacks it (全年执行数 for an indicator, 实际 for the
 * execution row: den 0 there; a band factor the scheme does not give),
 * sends the row to the interpreter, which does with it whatever it does. */
static bool inputs_ok(const JitInd *x, unsigned reads, unsigned set)
{
    reads |= S_WEIGHT;
    if (x->extra == JIT_EXTRA_DEVIATION)
        reads |= S_ACTUAL | S_TARGET | S_AUX;
    else if (x->extra == JIT_EXTRA_RATE)
        reads |= S_SPENT | S_BUDGET | S_AUX;
    if (reads & ~set)
        return false;
    for (int s = 0; s < JIT_NSLOTS; s++) {
        if (!(reads & (1u << s)))
            continue;
        if (x->d[s] <= 0 || x->d[s] >= JIT_INPUT_LIMIT || x->n[s] >= JIT_INPUT_LIMIT || x->n[s] <= -JIT_INPUT_LIMIT)
            return false;
    }
    return true;
}

/* Fills *x for an indicator as score_indicator fills its Env (the slots
 * not set are never read: inputs_ok). */
static bool fill_indicator(JitInd *x, const EvIndicator *ind, const EvScheme *sc, const unsigned *reads)
{
    unsigned set = S_WEIGHT | S_TARGET | S_ACTUAL;
    x->rule = (int32_t)ind->rule;
    x->extra = JIT_EXTRA_NONE;
    x->flag = 0;
    put_dec(x, VAR_WEIGHT, ind->weight);
    put(x, VAR_TARGET, ind->target);
    put(x, VAR_ACTUAL, ind->actual);
    if (ind->kind == TK_NUMBER && ind->actual.num < 0)
        put(x, VAR_ACTUAL, rat_int(0));    /* a negative actual counts as 0 */
    if (ind->rule == R_QUAL) {
        put(x, JIT_BAND, sc->band_factor[ind->band]);
        set |= S_BAND;
    }
    if (ind->kind == TK_NUMBER && ind->rule == R_POS && ind->target.num != 0) {
        x->extra = JIT_EXTRA_DEVIATION;     /* as score_indicator tests it */
        put(x, JIT_AUX, sc->deviation);
        set |= S_AUX;
    }
    return inputs_ok(x, reads[ind->rule], set);
}

static bool fill_execution(JitInd *x, const EvProject *p, const unsigned *reads)
{
    x->rule = R_EXEC;
    x->extra = JIT_EXTRA_RATE;
    x->flag = 0;
    put_dec(x, VAR_WEIGHT, p->exec_weight);
    put_dec(x, VAR_SPENT, p->spent);
    put_dec(x, VAR_BUDGET, p->budget);
    put_dec(x, VAR_BUDGET_INITIAL, p->budget_initial);
    put(x, JIT_AUX, p->scheme->exec_floor);
    return !dec_is_zero(p->budget) &&
           inputs_ok(x, reads[R_EXEC], S_WEIGHT | S_SPENT | S_BUDGET | S_INITIAL | S_AUX);
}

bool jit_score(JitScorer *j, JitBatchFn batch, const unsigned *reads, EvProject *p, bool explain, Arena *arena)
{
    reserve(j, p->nind + 1);
    int n = 0;
    for (int i = 0; i <= p->nind; i++) {
        j->res[i].have = false;
        bool ok;
        if (i == p->nind) {
            ok = fill_execution(&j->ind[n], p, reads);
        } else {
            const EvIndicator *x = &p->ind[i];
            if (x->rule == R_QUAL && x->row->has_score)
                continue;                   /* the evaluator's 得分: no rule */
            ok = fill_indicator(&j->ind[n], x, p->scheme, reads);
        }
        if (ok)
            j->which[n++] = i;
        else
            j->fell_back++;
    }
    j->fell_back += batch(j->ind, n);
    for (int k = 0; k < n; k++) {
        const JitInd *x = &j->ind[k];
        if (x->status != 0)
            continue;
        EvRuleResult *r = &j->res[j->which[k]];
        r->have = true;
        r->full = x->full != 0;
        r->score = (Decimal){ x->cents, 2 };
        r->over = r->under = x->flag != 0;
        r->rate = (Decimal){ x->rate, 2 };
        int i = j->which[k];
        const ActualRow *row = i == p->nind ? p->spent_row : p->ind[i].row;
        bool audited = row && row->has_score;   /* its arithmetic is written out (interp.c) */
        if (explain || audited)             /* × 1 reduces it, which the explanations need */
            rat_mul((Rat){ x->rnum, x->rden }, rat_int(1), &r->r);
        else
            r->r = (Rat){ x->rnum, x->rden };
        j->scored++;
    }
    return ev_run_with(p, j->res, explain, arena);
}

void jit_scorer_free(JitScorer *j)
{
    free(j->ind);
    free(j->res);
    free(j->which);
    *j = (JitScorer){ 0 };
}
