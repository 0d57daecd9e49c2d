/*
 * interp.c — scoring: the interpreter of the evaluation IR.
 *
 * This file defines what a score is; the JIT must agree with it digit for
 * digit.  For each indicator the rule its target calls for (正向, 等零,
 * 反向, 定性, 日期) is evaluated in exact fractions over 实际, 目标 and 分值,
 * clamped to [0, 分值] and rounded once to two decimals, half up.  The
 * budget-execution row uses the 执行率 rule.  The total is the sum of the
 * rounded scores — the published tables add up that way — and the grade is
 * the first band of the scheme's 评级 that the total satisfies.
 *
 * Domain rules applied here (doc/language.md §6): a negative actual counts
 * as 0; an evaluator's 得分 for a qualitative indicator must lie inside the
 * band of its actual and is then used; an actual at or above the scheme's
 * 偏差阈值 × target, or an execution rate below its 执行率阈值, needs a
 * 偏差原因 (a warning when it is missing).
 *
 * --explain records, for every score, the branch each 如果 took and the
 * arithmetic with the values put in.
 */
#include "rt.h"

#include <string.h>

static const char *const rule_names[R_COUNT] = {
#define RULE(id, name, jit_fn) [id] = name,
#include "rules.def"
#undef RULE
};

const char *ev_rule_name(RuleId r)
{
    return rule_names[r];
}

RuleId ev_rule_named(const char *name)
{
    for (int r = 0; r < R_COUNT; r++)
        if (strcmp(name, rule_names[r]) == 0)
            return (RuleId)r;
    return R_COUNT;
}

typedef struct Env {
    Rat v[VAR_COUNT];
    Rat band_factor;
    bool ok;                    /* no overflow or division by zero */
} Env;

static Rat truth(bool b) { return rat_int(b ? 1 : 0); }

static Rat eval(const IrExpr *e, Env *env)
{
    Rat a, b, r = rat_int(0);
    switch (e->op) {
    case IR_CONST: return e->k;
    case IR_VAR: return env->v[e->var];
    case IR_BAND: return env->band_factor;
    case IR_NEG:
        a = eval(e->a, env);
        a.num = -a.num;
        return a;
    case IR_IF:
        return !rat_is_zero(eval(e->a, env)) ? eval(e->b, env) : eval(e->c, env);
    case IR_AND:
        return truth(!rat_is_zero(eval(e->a, env)) && !rat_is_zero(eval(e->b, env)));
    case IR_OR:
        return truth(!rat_is_zero(eval(e->a, env)) || !rat_is_zero(eval(e->b, env)));
    default:
        break;
    }
    a = eval(e->a, env);
    b = eval(e->b, env);
    switch (e->op) {
    case IR_ADD: env->ok &= rat_add(a, b, &r); return r;
    case IR_SUB: env->ok &= rat_sub(a, b, &r); return r;
    case IR_MUL: env->ok &= rat_mul(a, b, &r); return r;
    case IR_DIV: env->ok &= rat_div(a, b, &r); return r;
    case IR_EQ: return truth(rat_cmp(a, b) == 0);
    case IR_GE: return truth(rat_cmp(a, b) >= 0);
    case IR_LE: return truth(rat_cmp(a, b) <= 0);
    case IR_GT: return truth(rat_cmp(a, b) > 0);
    case IR_LT: return truth(rat_cmp(a, b) < 0);
    case IR_MIN: return rat_cmp(a, b) <= 0 ? a : b;
    case IR_MAX: return rat_cmp(a, b) >= 0 ? a : b;
    default: pgc_unreachable();
    }
}

/* ---- explanations --------------------------------------------------------------- */

/* A fraction as a decimal: exact when it has a finite expansion (up to 18
 * places), else rounded to 4 places and marked ≈. */
static void rat_text(Rat r, char *out, size_t n)
{
    dec_i128 d = r.den;
    int twos = 0, fives = 0;
    while (d % 2 == 0) { d /= 2; twos++; }
    while (d % 5 == 0) { d /= 5; fives++; }
    int scale = twos > fives ? twos : fives;
    Decimal x;
    char b[DEC_BUF];
    if (d == 1 && scale <= DEC_MAX_SCALE && rat_round(r, scale, &x)) {
        snprintf(out, n, "%s", dec_format(x, true, b));
    } else if (rat_round(r, 4, &x)) {
        snprintf(out, n, "≈%s", dec_format(dec_normalize(x), true, b));
    } else {
        snprintf(out, n, "(overflow)");
    }
}

typedef struct Explain {
    Buf b;
    const EvIndicator *x;       /* NULL for the execution row */
    const char *unit;           /* shown after 实际 and 目标 values */
    int funds_shift;            /* the project's amounts in its form's unit (ev_money) */
    Env *env;
} Explain;

/* The precedence of an operator (ops.def); 8 for what is no operator. */
static int prec(IrOp op)
{
    switch (op) {
#define OPER(expr, ir, text, pr, ast_name, ir_name) case ir: return pr;
#include "ops.def"
    default: return 8;
    }
}

/* A binary operator as --explain writes it: " ÷ ". */
static const char *op_text(IrOp op)
{
    switch (op) {
#define OPER(expr, ir, text, pr, ast_name, ir_name) case ir: return " " text " ";
#include "ops.def"
    default: return " ? ";
    }
}

const char *ir_var_name(IrVar v)
{
    static const char *const names[VAR_COUNT] = {
#define RULE_VAR(id, name, ir_name) [id] = name,
#include "rules.def"
    };
    return names[v];
}

const char *ir_var_ir_name(IrVar v)
{
    static const char *const names[VAR_COUNT] = {
#define RULE_VAR(id, name, ir_name) [id] = ir_name,
#include "rules.def"
    };
    return names[v];
}

/* Prints e with names (values = false) or with the values put in. */
static void put_expr(Explain *X, const IrExpr *e, bool values, int min)
{
    char t[96];
    bool paren = prec(e->op) < min;
    if (paren)
        buf_str(&X->b, "(");
    switch (e->op) {
    case IR_CONST:
        rat_text(e->k, t, sizeof t);
        buf_str(&X->b, t);
        break;
    case IR_VAR:
        if (values && (e->var == VAR_SPENT || e->var == VAR_BUDGET || e->var == VAR_BUDGET_INITIAL)) {
            Decimal m;
            char d[DEC_BUF];
            rat_round(X->env->v[e->var], 2, &m);
            buf_str(&X->b, ev_money(X->funds_shift, m, d));
        } else if (values) {
            rat_text(X->env->v[e->var], t, sizeof t);
            buf_str(&X->b, t);
        } else {
            buf_str(&X->b, ir_var_name(e->var));
        }
        break;
    case IR_BAND:
        if (values) {
            rat_text(X->env->band_factor, t, sizeof t);
            buf_str(&X->b, t);
        } else {
            buf_str(&X->b, "档次系数(实际)");
        }
        break;
    case IR_NEG:
        buf_str(&X->b, "−");
        put_expr(X, e->a, values, 7);
        break;
    case IR_MIN: case IR_MAX:
        buf_str(&X->b, e->op == IR_MIN ? "最小(" : "最大(");
        put_expr(X, e->a, values, 0);
        buf_str(&X->b, ", ");
        put_expr(X, e->b, values, 0);
        buf_str(&X->b, ")");
        break;
    case IR_IF:
        buf_str(&X->b, "如果 ");
        put_expr(X, e->a, values, 2);
        buf_str(&X->b, " 则 ");
        put_expr(X, e->b, values, 2);
        buf_str(&X->b, " 否则 ");
        put_expr(X, e->c, values, 1);
        break;
    default: {
        int p = prec(e->op);
        put_expr(X, e->a, values, p == 4 ? p + 1 : p);
        buf_str(&X->b, op_text(e->op));
        put_expr(X, e->b, values, p + 1);
    }
    }
    if (paren)
        buf_str(&X->b, ")");
}

/* One side of a condition: 实际 93.5%, 目标 90%, or an expression and its value. */
static void put_side(Explain *X, const IrExpr *e)
{
    char t[96];
    if (e->op == IR_VAR && (e->var == VAR_ACTUAL || e->var == VAR_TARGET) && X->x &&
        (X->x->kind == TK_DATE)) {
        buf_printf(&X->b, "%s %s", ir_var_name(e->var),
                   e->var == VAR_ACTUAL ? X->x->actual_text : X->x->target_text + (X->x->op ? strlen(val_op_str(X->x->op)) + 1 : 0));
        return;
    }
    if (e->op == IR_VAR || e->op == IR_CONST) {
        if (e->op == IR_VAR)
            buf_printf(&X->b, "%s ", ir_var_name(e->var));
        rat_text(eval(e, X->env), t, sizeof t);
        buf_str(&X->b, t);
        if (e->op == IR_VAR && (e->var == VAR_ACTUAL || e->var == VAR_TARGET) && X->unit)
            buf_str(&X->b, X->unit);
        return;
    }
    put_expr(X, e, false, 5);
    rat_text(eval(e, X->env), t, sizeof t);
    buf_printf(&X->b, " (%s%s)", t, X->unit ? X->unit : "");
}

static bool is_compare(IrOp op)
{
    return op == IR_EQ || op == IR_GE || op == IR_LE || op == IR_GT || op == IR_LT;
}

/* The negation of a comparison, for the branch not taken. */
static const char *negated(IrOp op)
{
    switch (op) {
    case IR_EQ: return " ≠ ";
    case IR_GE: return " < ";
    case IR_LE: return " > ";
    case IR_GT: return " ≤ ";
    case IR_LT: return " ≥ ";
    default: return " ? ";
    }
}

/* Explains a rule's path to result; score is the result as counted. */
static void explain_rule(Explain *X, const IrExpr *e, Rat result, Decimal score)
{
    char t[96];
    while (e->op == IR_IF) {
        bool taken = !rat_is_zero(eval(e->a, X->env));
        if (is_compare(e->a->op)) {
            put_side(X, e->a->a);
            buf_str(&X->b, taken ? op_text(e->a->op) : negated(e->a->op));
            put_side(X, e->a->b);
        } else {
            put_expr(X, e->a, false, 0);
            buf_str(&X->b, taken ? "（是）" : "（否）");
        }
        buf_str(&X->b, " → ");
        e = taken ? e->b : e->c;
    }
    char s[DEC_BUF];
    dec_format(score, true, s);
    if (e->op == IR_VAR && e->var == VAR_WEIGHT) {
        buf_printf(&X->b, "满分 %s", s);
        return;
    }
    if (e->op == IR_CONST) {
        buf_str(&X->b, s);
        return;
    }
    put_expr(X, e, false, 0);
    buf_str(&X->b, " = ");
    put_expr(X, e, true, 0);
    if (rat_cmp(result, rat_from_dec(score)) == 0) {
        buf_printf(&X->b, " = %s", s);
    } else {                                /* rounded, or clamped to [0, 分值] */
        rat_text(result, t, sizeof t);
        buf_printf(&X->b, " = %s → %s", t, s);
    }
}

/* ---- scoring --------------------------------------------------------------------- */

static bool clamp_round(Rat r, Rat wr, Decimal *out)
{
    if (rat_is_neg(r))
        r = rat_int(0);
    if (rat_cmp(r, wr) > 0)
        r = wr;
    return rat_round(r, 2, out);
}

/* Evaluates a rule → its exact result r, whether it gives full marks
 * before rounding, and the score (clamped to [0, 分值], rounded to cents).
 * This, with the deviation and execution-rate tests below, is the
 * arithmetic the engines do differently: pre, when set and filled, is the
 * JIT's result for the same rule over the same values (jit.c), used as is;
 * otherwise the interpreter evaluates the tree.  Both are exact, so they
 * agree. */
static bool rule_score(const IrExpr *rule, Env *env, const EvRuleResult *pre, Rat *r, bool *full, Decimal *score)
{
    if (pre && pre->have) {
        *r = pre->r;
        *full = pre->full;
        *score = pre->score;
        return true;
    }
    Rat w = env->v[VAR_WEIGHT];
    *r = eval(rule, env);
    *full = rat_cmp(*r, w) >= 0;
    return env->ok && clamp_round(*r, w, score);
}

/* what: why a 偏差原因 is needed, a clause (translated) */
static void warn_reason(const ActualRow *row, const char *what)
{
    if (row && row->reason && row->reason[0])
        return;
    if (row)
        /* TRANSLATORS: what calls for it: "the actual of “X” is at least
         * 120% of its target" or "the execution rate of “X” is below 90%" */
        diag_emit_in(row->src, W0502, row->name_loc, "%s: a 偏差原因 is required", what);
}

/* The variables of an indicator's rule (jit.c fills its JitInd the same way). */
static void indicator_env(Env *env, const EvIndicator *x, const EvScheme *sc)
{
    env->v[VAR_WEIGHT] = rat_from_dec(x->weight);
    env->v[VAR_TARGET] = x->target;
    env->v[VAR_ACTUAL] = x->actual;
    if (x->kind == TK_NUMBER && rat_is_neg(env->v[VAR_ACTUAL]))
        env->v[VAR_ACTUAL] = rat_int(0);    /* a negative actual counts as 0 */
    if (x->rule == R_QUAL)
        env->band_factor = sc->band_factor[x->band];
}

/* Whether a published figure agrees with the computed one, at the
 * published precision (95.6 agrees with 95.62; at most two decimals). */
static bool agrees(Decimal published, Decimal computed)
{
    int scale = published.scale < 2 ? published.scale : 2;
    return dec_cmp(dec_round(computed, scale), published) == 0;
}

int ev_audited(const EvProject *p)
{
    int n = (p->spent_row && p->spent_row->has_score) + (p->rate_row != NULL) + (p->total_row != NULL) +
            (p->grade_row != NULL);
    for (int i = 0; i < p->nind; i++)
        n += p->ind[i].rule != R_QUAL && p->ind[i].row && p->ind[i].row->has_score;
    return n;
}

/* Appends a published figure that differs to p's list; returns it. */
static EvAudit *add_audit(EvProject *p, Arena *arena, const char *item, const char *indicator,
                          const ActualRow *row, Decimal published, Decimal computed, const char *arithmetic)
{
    EvAudit *a = arena_alloc(arena, sizeof *a), **tail = &p->audit;
    *a = (EvAudit){ .item = item, .indicator = indicator, .published = published, .computed = computed,
                    .arithmetic = arithmetic, .row = row };
    while (*tail)
        tail = &(*tail)->next;
    *tail = a;
    return a;
}

static bool score_indicator(EvProject *p, EvIndicator *x, const EvRuleResult *pre, bool explain_asked,
                            Arena *arena)
{
    const EvScheme *sc = p->scheme;
    bool jit = pre && pre->have;            /* the arithmetic is done already (jit.c) */
    bool qual = x->rule == R_QUAL;
    /* a published 得分 of a quantitative indicator is audited: the
     * arithmetic is written out for the warning */
    bool audit = !qual && x->row->has_score;
    bool explain = explain_asked || audit;
    Env env;
    env.ok = true;
    if (!jit || explain) {                  /* else nothing reads it (not even zeroed) */
        env = (Env){ .ok = true };
        indicator_env(&env, x, sc);
    }
    Explain X = { .x = x, .funds_shift = p->funds_shift, .env = &env };
    if (x->unit && explain)         /* only explanations show it */
        X.unit = strcmp(x->unit->name, "%") == 0 ? "%" : arena_printf(arena, " %s", x->unit->name);
    if (explain)
        buf_printf(&X.b, "%s: ", ev_rule_name(x->rule));

    if (qual && x->row->has_score) {
        /* the evaluator's 得分, inside the band of the actual */
        Rat lo, hi, given = rat_from_dec(x->row->score);
        Rat top = x->band == BAND_MET ? rat_int(1) : sc->band_low[x->band - 1];
        Rat w = env.v[VAR_WEIGHT];
        if (!rat_mul(w, sc->band_low[x->band], &lo) || !rat_mul(w, top, &hi))
            env.ok = false;
        Decimal dlo, dhi;
        char a[DEC_BUF], b[DEC_BUF], c[DEC_BUF], d[DEC_BUF];
        rat_round(lo, 2, &dlo);
        rat_round(hi, 2, &dhi);
        if (env.ok && (rat_cmp(given, lo) < 0 || rat_cmp(given, hi) > 0)) {
            diag_emit_in(x->row->src, E0508, x->row->name_loc,
                         /* TRANSLATORS: the 得分 given, the indicator, the 档次 (达成,
                          * 部分达成, 未达成), the band's lowest and highest score, the 分值 */
                         "得分 %s for “%s” is outside the band %s (%s–%s of 分值 %s)",
                         dec_format(x->row->score, true, a), x->name, std_band_name(x->band),
                         dec_format(dlo, true, b), dec_format(dhi, true, c), dec_format(x->weight, true, d));
            buf_free(&X.b);                 /* --explain had begun it (LSan, tests/cli/jit-diff.sh) */
            return false;
        }
        x->score = dec_round(x->row->score, 2);
        if (explain)
            buf_printf(&X.b, "实际 %s（%s）→ 评价人得分 %s（%s–%s 之内）", x->actual_text, std_band_name(x->band),
                       dec_format(x->score, true, a), dec_format(dlo, true, b), dec_format(dhi, true, c));
        x->met = x->band == BAND_MET;
    } else {
        const IrExpr *rule = sc->rules[x->rule];
        Rat r;
        bool full;
        if (!rule_score(rule, &env, pre, &r, &full, &x->score)) {
            diag_emit(E0509, x->loc, "the score of “%s” cannot be computed (overflow or division by zero)", x->name);
            buf_free(&X.b);
            return false;
        }
        x->met = qual ? x->band == BAND_MET : full;     /* full marks before rounding */
        if (explain) {
            if (qual) {
                char f[96];
                rat_text(env.band_factor, f, sizeof f);
                buf_printf(&X.b, "实际 %s（%s，系数 %s）→ ", x->actual_text, std_band_name(x->band), f);
            }
            explain_rule(&X, rule, r, x->score);
        }
        if (audit && !agrees(x->row->score, x->score)) {
            char a[DEC_BUF];
            const char *how = arena_strndup(arena, X.b.s, X.b.n);
            diag_emit_in(x->row->src, W0503, x->row->name_loc,
                         /* TRANSLATORS: the 得分 given, the indicator, then how
                          * the rule scores it (正向: 实际 … → 9.50) */
                         "得分 %s given for “%s”, but %s; pgc uses the rule's",
                         dec_format(x->row->score, true, a), x->name, how);
            add_audit(p, arena, "得分", x->name, x->row, x->row->score, x->score, how);
        }
    }
    if (x->kind == TK_NUMBER && x->rule == R_POS && !rat_is_zero(x->target)) {
        Rat bar;
        if (jit ? pre->over : rat_mul(sc->deviation, x->target, &bar) && rat_cmp(env.v[VAR_ACTUAL], bar) >= 0) {
            x->need_reason = true;
            char t[96];
            Rat pct;
            rat_mul(sc->deviation, rat_int(100), &pct);
            rat_text(pct, t, sizeof t);
            /* TRANSLATORS: the indicator, then a percentage (120) */
            warn_reason(x->row, arena_printf(arena, _("the actual of “%s” is at least %s%% of its target"), x->name, t));
        }
    }
    if (explain) {                          /* else nothing was written to X.b */
        x->explain = arena_strndup(arena, X.b.s, X.b.n);
        buf_free(&X.b);
    }
    return true;
}

/* The published 执行率 and the budget row's 得分, against the rules'. */
static void audit_execution(EvProject *p, const char *how, Arena *arena)
{
    char a[DEC_BUF], b[DEC_BUF], c[DEC_BUF], d[DEC_BUF];
    if (p->rate_row && !agrees(p->pub_rate, p->exec_rate)) {
        const char *rate = arena_printf(arena, "%s ÷ %s = %s%%", ev_money(p->funds_shift, p->spent, a),
                                        ev_money(p->funds_shift, p->budget, b),
                                        dec_format(p->exec_rate, true, c));
        /* TRANSLATORS: the published 执行率, then 全年执行数 ÷ 全年预算数 = the rate */
        diag_emit_in(p->rate_row->src, W0505, p->rate_row->name_loc, "published 执行率 %s%%, but %s",
                     dec_format(p->pub_rate, true, d), rate);
        add_audit(p, arena, "执行率", NULL, p->rate_row, p->pub_rate, p->exec_rate, rate);
    }
    const ActualRow *r = p->spent_row;
    if (r && r->has_score && !agrees(r->score, p->exec_score)) {
        /* TRANSLATORS: the 得分 given, then how the rule scores the
           budget row (执行率: … → 8.62) */
        diag_emit_in(r->src, W0503, r->name_loc, "得分 %s given for the budget row, but %s; pgc uses the rule's",
                     dec_format(r->score, true, a), how);
        add_audit(p, arena, "得分", "预算执行率", r, r->score, p->exec_score, how);
    }
}

/* The published 等级 against the scheme's grade of the 总分. */
static void audit_grade(EvProject *p, Arena *arena)
{
    if (!p->grade_row || strcmp(p->pub_grade, p->grade) == 0)
        return;
    char x[DEC_BUF];
    const char *why = arena_printf(arena, "总分 %s → %s（%s）", dec_format(p->total, true, x), p->grade,
                                   p->scheme->name);
    /* TRANSLATORS: the published 等级, then the 总分, its grade and the 评分方案 */
    diag_emit_in(p->grade_row->src, W0505, p->grade_row->name_loc, "published 等级 %s, but 总分 %s is %s under %s",
                 p->pub_grade, x, p->grade, p->scheme->name);
    EvAudit *a = add_audit(p, arena, "等级", NULL, p->grade_row, dec_from_int(0), dec_from_int(0), why);
    a->published_text = p->pub_grade;
    a->computed_text = p->grade;
}

/* The published 总分 against the sum of the scores. */
static void audit_total(EvProject *p, Arena *arena)
{
    if (!p->total_row || agrees(p->pub_total, p->total))
        return;
    Buf b = { 0 };
    char x[DEC_BUF];
    for (int k = 0; k < p->nl1; k++)
        buf_printf(&b, "%s%s", k ? " + " : "", dec_format(p->l1_score[k], true, x));
    buf_printf(&b, "%s%s = ", p->nl1 ? " + " : "", dec_format(p->exec_score, true, x));
    buf_str(&b, dec_format(p->total, true, x));
    const char *sum = arena_strndup(arena, b.s, b.n);
    buf_free(&b);
    /* TRANSLATORS: the published 总分, then the sum of the scores of the
       一级 and the budget row (50.00 + 28.50 + 9.00 + 8.62 = 96.12) */
    diag_emit_in(p->total_row->src, W0505, p->total_row->name_loc, "published 总分 %s, but %s",
                 dec_format(p->pub_total, true, x), sum);
    add_audit(p, arena, "总分", NULL, p->total_row, p->pub_total, p->total, sum);
}

static bool score_execution(EvProject *p, const EvRuleResult *pre, bool explain_asked, Arena *arena)
{
    const EvScheme *sc = p->scheme;
    bool jit = pre && pre->have;            /* the arithmetic is done already (jit.c) */
    bool explain = explain_asked || (p->spent_row && p->spent_row->has_score);     /* audited */
    Env env = { .ok = true };
    if (!jit || explain) {                  /* else nothing reads it */
        env.v[VAR_WEIGHT] = rat_from_dec(p->exec_weight);
        env.v[VAR_SPENT] = rat_from_dec(p->spent);
        env.v[VAR_BUDGET] = rat_from_dec(p->budget);
        env.v[VAR_BUDGET_INITIAL] = rat_from_dec(p->budget_initial);
    }
    Rat rate, r;
    if (dec_is_zero(p->budget)) {
        diag_emit(E0509, p->loc, "全年预算数 of “%s” is 0: no execution rate", p->name);
        return false;
    }
    bool ok = true, under;
    if (jit) {
        p->exec_rate = pre->rate;
        under = pre->under;
    } else {
        ok = rat_div(env.v[VAR_SPENT], env.v[VAR_BUDGET], &rate) && rat_mul(rate, rat_int(100), &r) &&
             rat_round(r, 2, &p->exec_rate);
        under = ok && rat_cmp(rate, sc->exec_floor) < 0;
    }
    bool full;
    if (!rule_score(sc->rules[R_EXEC], &env, pre, &r, &full, &p->exec_score) || !ok) {
        diag_emit(E0509, p->loc, "the execution score of “%s” cannot be computed", p->name);
        return false;
    }
    if (under) {
        p->exec_need_reason = true;
        char t[96];
        Rat pct;
        rat_mul(sc->exec_floor, rat_int(100), &pct);
        rat_text(pct, t, sizeof t);
        /* TRANSLATORS: the project, then a percentage (60) */
        warn_reason(p->spent_row, arena_printf(arena, _("the execution rate of “%s” is below %s%%"), p->name, t));
    }
    if (explain) {
        char a[DEC_BUF], b[DEC_BUF], c[DEC_BUF];
        Explain X = { .funds_shift = p->funds_shift, .env = &env };
        buf_printf(&X.b, "执行率: %s ÷ %s = %s%% → ", ev_money(p->funds_shift, p->spent, a),
                   ev_money(p->funds_shift, p->budget, b), dec_format(p->exec_rate, true, c));
        explain_rule(&X, sc->rules[R_EXEC], r, p->exec_score);
        p->exec_explain = arena_strndup(arena, X.b.s, X.b.n);
        buf_free(&X.b);
    }
    audit_execution(p, p->exec_explain, arena);
    return true;
}

bool ev_run(EvProject *p, bool explain, Arena *arena)
{
    return ev_run_with(p, NULL, explain, arena);
}

/* The hook for the JIT (jit.c): pre[i] for indicator i, pre[nind] for the
 * execution row; everything but the rule arithmetic stays here. */
bool ev_run_with(EvProject *p, const EvRuleResult *pre, bool explain, Arena *arena)
{
    bool ok = true;
    for (int i = 0; i < p->nind; i++)
        ok &= score_indicator(p, &p->ind[i], pre ? &pre[i] : NULL, explain, arena);
    ok &= score_execution(p, pre ? &pre[p->nind] : NULL, explain, arena);
    if (!ok)
        return false;
    p->l1_weight = arena_alloc(arena, (size_t)p->nl1 * sizeof *p->l1_weight);
    p->l1_score = arena_alloc(arena, (size_t)p->nl1 * sizeof *p->l1_score);
    /* The sums per 一级.  Every score has two decimals (rounded above), so
     * scores add up as integers of cents, and so do weights when none has
     * more than two decimals: the same sums as dec_add's, at a fraction of
     * the cost (which matters once the rules are compiled, jit.c). */
    static const dec_i128 cents_per[3] = { 100, 10, 1 };
    dec_i128 total = p->exec_score.v;
    for (int k = 0; k < p->nl1; k++) {
        Decimal w = dec_from_int(0);
        dec_i128 s = 0, wc = 0;
        bool w_cents = true;
        for (int i = 0; i < p->nind; i++) {
            const EvIndicator *x = &p->ind[i];
            if (x->l1 != p->l1[k] && strcmp(x->l1, p->l1[k]) != 0)
                continue;
            if (w_cents && x->weight.scale <= 2) {
                wc += x->weight.v * cents_per[x->weight.scale];
            } else {
                if (w_cents)
                    w = (Decimal){ wc, 2 };
                w_cents = false;
                dec_add(w, x->weight, &w);
            }
            s += x->score.v;
        }
        p->l1_weight[k] = w_cents ? (Decimal){ wc, 2 } : dec_round(w, 2);
        p->l1_score[k] = (Decimal){ s, 2 };
        total += s;
    }
    p->total = (Decimal){ total, 2 };
    p->grade = "";
    Rat t = { p->total.v, 100 };           /* two decimals; rat_cmp needs no lowest terms */
    for (int g = 0; g < p->scheme->ngrades; g++) {
        const EvGrade *gr = &p->scheme->grades[g];
        int c = rat_cmp(t, gr->bound);
        bool hit = gr->op == OP_GE ? c >= 0 : gr->op == OP_GT ? c > 0 : gr->op == OP_LT ? c < 0 :
                   gr->op == OP_LE ? c <= 0 : c == 0;
        if (hit) {
            p->grade = gr->name;
            break;
        }
    }
    audit_total(p, arena);
    audit_grade(p, arena);
    return true;
}
