/*
 * lower.c — from checked specs and a scheme to the evaluation IR.
 *
 * The interpreter never walks the syntax tree.  A scoring scheme's rules
 * (stdlib/schemes.pg) become IrExpr trees over five variables (实际, 目标,
 * 分值, 全年执行数, 全年预算数); a project becomes a flat table of
 * indicators, each with its rule, its target as an exact number (in the
 * target's unit; dates as yyyymmdd keys; levels as ranks), its weight and
 * its actual.  The same IR is what the JIT compiles.
 *
 * Binding actuals is where most user errors surface: an actual for an
 * indicator the project lacks, a unit that does not convert, a word on the
 * wrong scale, an indicator left without a value.  Each is reported at its
 * own file, line and column (the CSV cell, or the spec's indicator).
 *
 * Weights: the spec's 分值 if it gives them, else the actuals' 分值 column,
 * else the scheme's weight for each 一级 spread evenly over its indicators
 * to the cent — the first indicators take the leftover cents, so the
 * weights always add up exactly.
 */
#include "pgc.h"

#include <string.h>

static const char *const rule_names[R_COUNT] = {
    [R_POS] = "正向", [R_ZERO] = "等零", [R_NEG] = "反向",
    [R_QUAL] = "定性", [R_DATE] = "日期", [R_EXEC] = "执行率",
};

const char *ev_rule_name(RuleId r)
{
    return rule_names[r];
}

/* ---- schemes ------------------------------------------------------------------ */

static struct {
    Arena arena;
    const StdScheme *std[16];
    EvScheme *low[16];
    int n;
} cache;

static const Source *scheme_src;
static bool scheme_ok;

static void scheme_error(Loc loc, const char *fmt, const char *arg)
{
    diag_emit_in(scheme_src, E0601, loc, fmt, arg);
    scheme_ok = false;
}

static IrExpr *ir_new(IrOp op)
{
    IrExpr *e = arena_alloc(&cache.arena, sizeof *e);
    e->op = op;
    return e;
}

static const struct {
    const char *name;
    IrVar var;
} vars[] = {
    { "实际", VAR_ACTUAL }, { "目标", VAR_TARGET }, { "分值", VAR_WEIGHT },
    { "全年执行数", VAR_SPENT }, { "全年预算数", VAR_BUDGET },
};

static IrExpr *lower_expr(const Expr *e)
{
    static const IrOp binops[] = {
        [E_ADD] = IR_ADD, [E_SUB] = IR_SUB, [E_MUL] = IR_MUL, [E_DIV] = IR_DIV,
        [E_EQ] = IR_EQ, [E_GE] = IR_GE, [E_LE] = IR_LE, [E_GT] = IR_GT, [E_LT] = IR_LT,
        [E_AND] = IR_AND, [E_OR] = IR_OR,
    };
    IrExpr *x;
    switch (e->kind) {
    case E_NUM:
        x = ir_new(IR_CONST);
        x->k = rat_from_dec(e->num);
        return x;
    case E_REF:
        for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
            if (strcmp(e->name, vars[i].name) == 0) {
                x = ir_new(IR_VAR);
                x->var = vars[i].var;
                return x;
            }
        }
        scheme_error(e->loc, "a rule can read 实际, 目标, 分值, 全年执行数 and 全年预算数, not “%s”", e->name);
        return ir_new(IR_CONST);
    case E_NEG:
        x = ir_new(IR_NEG);
        x->a = lower_expr(e->a);
        return x;
    case E_IF:
        x = ir_new(IR_IF);
        x->a = lower_expr(e->a);
        x->b = lower_expr(e->b);
        x->c = lower_expr(e->c);
        return x;
    case E_CALL: {
        int n = 0;
        for (const Expr *a = e->a; a; a = a->next)
            n++;
        if ((strcmp(e->name, "最小") == 0 || strcmp(e->name, "最大") == 0) && n == 2) {
            x = ir_new(strcmp(e->name, "最小") == 0 ? IR_MIN : IR_MAX);
            x->a = lower_expr(e->a);
            x->b = lower_expr(e->a->next);
            return x;
        }
        if (strcmp(e->name, "档次系数") == 0 && n == 1 && e->a->kind == E_REF &&
            strcmp(e->a->name, "实际") == 0)
            return ir_new(IR_BAND);
        scheme_error(e->loc, "unknown function “%s”: a rule can call 最小(a, b), 最大(a, b) and 档次系数(实际)",
                     e->name);
        return ir_new(IR_CONST);
    }
    default:
        x = ir_new(binops[e->kind]);
        x->a = lower_expr(e->a);
        x->b = lower_expr(e->b);
        return x;
    }
}

static bool uses_band(const IrExpr *e)
{
    return e && (e->op == IR_BAND || uses_band(e->a) || uses_band(e->b) || uses_band(e->c));
}

static Band band_named(const char *s)
{
    if (strcmp(s, "达成") == 0) return BAND_MET;
    if (strcmp(s, "部分达成") == 0) return BAND_PARTIAL;
    if (strcmp(s, "未达成") == 0) return BAND_UNMET;
    return BAND_NONE;
}

/* A number entry ("名称 数字" or "名称 数字%"), as a fraction. */
static bool entry_rat(const Stmt *s, Rat *out)
{
    if (s->kind != S_ENTRY || s->val.kind != V_NUMBER)
        return false;
    *out = rat_from_dec(s->val.num);
    if (s->val.unit && strcmp(s->val.unit, "%") == 0)
        rat_div(*out, rat_int(100), out);
    else if (s->val.unit)
        return false;
    return true;
}

static void lower_bands(const Stmt *g, Rat *table)
{
    for (const Stmt *s = g->body; s; s = s->next) {
        Band b = s->kind == S_ENTRY ? band_named(s->name) : BAND_NONE;
        if (b == BAND_NONE || !entry_rat(s, &table[b]))
            scheme_error(s->loc, "“%s” is not a band (达成, 部分达成, 未达成) with a number", s->name);
    }
}

static void lower_weights(EvScheme *sc, const Stmt *g)
{
    int n = 0;
    for (const Stmt *s = g->body; s; s = s->next)
        n++;
    sc->w_names = arena_alloc(&cache.arena, (size_t)n * sizeof *sc->w_names);
    sc->w_values = arena_alloc(&cache.arena, (size_t)n * sizeof *sc->w_values);
    sc->w_share = arena_alloc(&cache.arena, (size_t)n * sizeof *sc->w_share);
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind == S_ENTRY && strcmp(s->name, "预算执行率") == 0 && s->val.kind == V_NUMBER) {
            sc->exec_weight = s->val.num;
            continue;
        }
        int k = sc->nweights++;
        sc->w_names[k] = s->name;
        sc->w_values[k] = dec_from_int(0);
        if (s->kind == S_ENTRY && s->val.kind == V_NUMBER && !s->val.unit && !s->op)
            sc->w_values[k] = s->val.num;
        else if (s->kind == S_ENTRY && s->op == OP_EQ && s->val.kind == V_WORD)
            sc->w_share[k] = s->val.text;
        else
            scheme_error(s->loc, "a 权重 entry is “一级 数字” or “一级 = 另一个一级”, not “%s”", s->name);
    }
}

static void lower_grades(EvScheme *sc, const Stmt *g)
{
    int n = 0;
    for (const Stmt *s = g->body; s; s = s->next)
        n++;
    sc->grades = arena_alloc(&cache.arena, (size_t)n * sizeof *sc->grades);
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind != S_ENTRY || s->val.kind != V_NUMBER || s->val.unit || !s->op) {
            scheme_error(s->loc, "a 评级 entry is “等级 ≥ 数字”, not “%s”", s->name);
            continue;
        }
        sc->grades[sc->ngrades++] = (EvGrade){ s->name, s->op, rat_from_dec(s->val.num) };
    }
}

static EvScheme *lower_scheme(const StdScheme *std)
{
    EvScheme *sc = arena_alloc(&cache.arena, sizeof *sc);
    sc->name = std->name;
    for (int b = 0; b < 4; b++)     /* den 0 marks a band the scheme has not set */
        sc->band_factor[b] = sc->band_low[b] = (Rat){ 0, 0 };
    sc->deviation = (Rat){ 13, 10 };
    sc->exec_floor = (Rat){ 9, 10 };
    scheme_src = std->src;
    scheme_ok = true;
    for (const Stmt *s = std->decl->body; s; s = s->next) {
        Rat r;
        if (s->kind == S_RULE) {
            int id = -1;
            for (int i = 0; i < R_COUNT; i++)
                if (strcmp(s->name, rule_names[i]) == 0)
                    id = i;
            if (id < 0)
                scheme_error(s->name_loc, "unknown rule “%s”: the rules are 正向, 等零, 反向, 定性, 日期 and 执行率",
                             s->name);
            else
                sc->rules[id] = lower_expr(s->expr);
            if (id >= 0 && id != R_QUAL && uses_band(sc->rules[id]))
                scheme_error(s->name_loc, "档次系数(实际) has a meaning only in 规则 定性, not in “%s”", s->name);
        } else if (s->kind == S_GROUP && strcmp(s->name, "权重") == 0) {
            lower_weights(sc, s);
        } else if (s->kind == S_GROUP && strcmp(s->name, "档次系数") == 0) {
            lower_bands(s, sc->band_factor);
        } else if (s->kind == S_GROUP && strcmp(s->name, "档次下限") == 0) {
            lower_bands(s, sc->band_low);
        } else if (s->kind == S_GROUP && strcmp(s->name, "评级") == 0) {
            lower_grades(sc, s);
        } else if (strcmp(s->name, "偏差阈值") == 0 && entry_rat(s, &r)) {
            sc->deviation = r;
        } else if (strcmp(s->name, "执行率阈值") == 0 && entry_rat(s, &r)) {
            sc->exec_floor = r;
        } else if (!(s->kind == S_ENTRY && (strcmp(s->name, "默认") == 0 || strcmp(s->name, "说明") == 0))) {
            scheme_error(s->name_loc, "“%s” is not part of a 评分方案", s->name);
        }
    }
    for (int i = 0; i < R_COUNT; i++)
        if (!sc->rules[i])
            scheme_error(std->decl->name_loc, "评分方案 %s has no rule %s", rule_names[i]);
    if (sc->ngrades == 0)
        scheme_error(std->decl->name_loc, "评分方案 %s has no 评级", std->name);
    for (int b = BAND_MET; b <= BAND_UNMET; b++) {
        if (sc->band_factor[b].den == 0)
            scheme_error(std->decl->name_loc, "评分方案 %s does not give every band a 档次系数", std->name);
        if (sc->band_low[b].den == 0)
            scheme_error(std->decl->name_loc, "评分方案 %s does not give every band a 档次下限", std->name);
    }
    return scheme_ok ? sc : NULL;
}

const EvScheme *ev_scheme(const Stdlib *std, const char *name)
{
    const StdScheme *s = name ? std_scheme(std, name) : std_default_scheme(std);
    if (!s)
        return NULL;
    for (int i = 0; i < cache.n; i++)
        if (cache.std[i] == s)
            return cache.low[i];
    EvScheme *low = lower_scheme(s);
    if (cache.n < 16) {
        cache.std[cache.n] = s;
        cache.low[cache.n++] = low;
    }
    return low;
}

/* ---- projects ------------------------------------------------------------------ */

typedef struct Lower {
    const Stdlib *std;
    const EvScheme *sc;
    Arena *arena;
    EvProject *p;
    int cap;
    const char *actuals_path;
    bool ok;
    const Attr *weight_attr;
} Lower;

static Rat date_key(Date d)
{
    return rat_int(d.year * 10000L + d.month * 100 + (d.day ? d.day : 31));
}

static const char *value_text(Arena *a, const Value *v)
{
    char b[512];
    if (v->kind == V_STRING) {
        return v->text;
    }
    ast_format_value(v, b, sizeof b);
    return arena_strndup(a, b, strlen(b));
}

static const char *target_text(Arena *a, const Stmt *s)
{
    const char *v = value_text(a, &s->val);
    if (!s->op)
        return v;
    return arena_printf(a, "%s %s", ast_op_str(s->op), v);
}

static const Attr *attr_of(const Stmt *s, AttrKind k)
{
    for (const Attr *a = s->attrs; a; a = a->next)
        if (a->kind == k)
            return a;
    return NULL;
}

static RuleId rule_for(const Stmt *s, TargetKind kind, Rat target)
{
    if (kind == TK_DATE)
        return R_DATE;
    if (kind != TK_NUMBER)
        return R_QUAL;
    Op op = s->op;
    if (attr_of(s, A_NEGATIVE))
        op = OP_LE;
    else if (attr_of(s, A_POSITIVE) && (op == OP_LE || op == OP_LT))
        op = OP_GE;
    switch (op) {
    case OP_LE: case OP_LT:
        return R_NEG;
    case OP_EQ:
        return rat_is_zero(target) ? R_ZERO : R_POS;
    default:
        return R_POS;
    }
}

static void add_indicator(Lower *L, const Stmt *s, const char *l1, const char *l2)
{
    EvProject *p = L->p;
    if (p->nind == L->cap) {
        int cap = L->cap ? L->cap * 2 : 16;
        EvIndicator *n = arena_alloc(L->arena, (size_t)cap * sizeof *n);
        if (p->nind)
            memcpy(n, p->ind, (size_t)p->nind * sizeof *n);
        p->ind = n;
        L->cap = cap;
    }
    EvIndicator *x = &p->ind[p->nind++];
    memset(x, 0, sizeof *x);
    x->name = s->name;
    x->l1 = l1;
    x->l2 = l2;
    x->loc = s->name_loc;
    x->op = s->op;
    x->target_text = target_text(L->arena, s);
    const Value *v = &s->val;
    switch (v->kind) {
    case V_NUMBER:
        x->kind = TK_NUMBER;
        x->target = rat_from_dec(v->num);
        x->unit = v->unit ? std_unit(L->std, v->unit) : NULL;
        break;
    case V_DATE:
        x->kind = TK_DATE;
        x->target = date_key(v->date);
        break;
    case V_WORD: {
        const StdWord *w = std_word(L->std, v->text);
        x->kind = w && w->ordinal ? TK_ORDINAL : TK_WORD;
        x->word = v->text;
        x->scale = w ? w->scale : NULL;
        if (w && w->ordinal)
            x->target = rat_int(w->ordinal);
        break;
    }
    default:
        x->kind = TK_TEXT;
        x->word = v->text;
        break;
    }
    x->rule = rule_for(s, x->kind, x->target);
    const Attr *w = attr_of(s, A_WEIGHT);
    if (w) {
        x->weight = w->val.num;
        L->weight_attr = w;
    }
}

static void add_l1(Lower *L, const char *name)
{
    EvProject *p = L->p;
    for (int i = 0; i < p->nl1; i++)
        if (strcmp(p->l1[i], name) == 0)
            return;
    const char **n = arena_alloc(L->arena, (size_t)(p->nl1 + 1) * sizeof *n);
    if (p->nl1)
        memcpy(n, p->l1, (size_t)p->nl1 * sizeof *n);
    n[p->nl1++] = name;
    p->l1 = n;
}

static void collect(Lower *L, const Decl *d)
{
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind == S_GROUP && strcmp(s->name, "资金") == 0) {
            for (const Stmt *f = s->body; f; f = f->next)
                if (strcmp(f->name, "年度资金申请总额") == 0 && f->val.kind == V_NUMBER) {
                    const StdUnit *u = f->val.unit ? std_unit(L->std, f->val.unit) : NULL;
                    Decimal y = f->val.num;
                    if (u)
                        dec_mul(y, u->factor, &y);
                    L->p->budget_initial = L->p->budget = y;
                }
            continue;
        }
        if (s->kind != S_GROUP || !std_level1(L->std, s->name))
            continue;
        add_l1(L, s->name);
        for (const Stmt *g = s->body; g; g = g->next) {
            if (g->kind == S_INDICATOR)
                add_indicator(L, g, s->name, NULL);
            else if (g->kind == S_GROUP)
                for (const Stmt *i = g->body; i; i = i->next)
                    if (i->kind == S_INDICATOR)
                        add_indicator(L, i, s->name, g->name);
        }
    }
}

/* ---- binding actuals ---------------------------------------------------------- */

static void bind_error(Lower *L, const ActualRow *r, Loc loc, DiagCode code, const char *msg)
{
    diag_emit_in(r->src, code, loc, "%s", msg);
    L->ok = false;
}

/* The band of a qualitative actual (doc/language.md §6). */
static Band word_band(const Lower *L, const EvIndicator *x, const Value *v)
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

static void bind_value(Lower *L, EvIndicator *x, const ActualRow *r)
{
    const Value *v = &r->val;
    x->row = r;
    x->actual_text = value_text(L->arena, v);
    char msg[512];
    switch (x->kind) {
    case TK_NUMBER: {
        if (v->kind != V_NUMBER) {
            snprintf(msg, sizeof msg, "the target of “%s” is a number (%s); “%s” is not", x->name,
                     x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        x->actual = rat_from_dec(v->num);
        if (!v->unit || !x->unit)
            return;
        const StdUnit *u = std_unit(L->std, v->unit);
        if (!u) {
            snprintf(msg, sizeof msg, "unknown unit “%s”", v->unit);
            bind_error(L, r, v->unit_loc.end ? v->unit_loc : v->loc, E0408, msg);
        } else if (strcmp(u->base, x->unit->base) != 0) {
            snprintf(msg, sizeof msg, "the actual of “%s” is in “%s”, which does not convert to the target's “%s”",
                     x->name, u->name, x->unit->name);
            bind_error(L, r, v->unit_loc.end ? v->unit_loc : v->loc, E0503, msg);
        } else if (!rat_mul(x->actual, rat_from_dec(u->factor), &x->actual) ||
                   !rat_div(x->actual, rat_from_dec(x->unit->factor), &x->actual)) {
            bind_error(L, r, v->loc, E0509, "the actual is out of range after converting its unit");
        }
        return;
    }
    case TK_DATE:
        if (v->kind != V_DATE) {
            snprintf(msg, sizeof msg, "the target of “%s” is a date (%s); “%s” is not", x->name,
                     x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        x->actual = date_key(v->date);
        return;
    default:
        if (v->kind != V_WORD && v->kind != V_STRING) {
            snprintf(msg, sizeof msg, "the target of “%s” is qualitative (%s); give a word or a phrase, not “%s”",
                     x->name, x->target_text, x->actual_text);
            bind_error(L, r, v->loc, E0503, msg);
            return;
        }
        if (v->kind == V_WORD && x->kind == TK_WORD) {
            const StdWord *w = std_word(L->std, v->text);
            if (w && x->scale && strcmp(w->scale, x->scale) != 0) {
                snprintf(msg, sizeof msg, "“%s” is on the scale %s; the target “%s” is on %s", v->text,
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

static void bind_special(Lower *L, ActualRow *r, int which)
{
    EvProject *p = L->p;
    const Value *v = &r->val;
    Decimal y = v->num;
    const StdUnit *u = v->unit ? std_unit(L->std, v->unit) : NULL;
    if (v->kind != V_NUMBER || (v->unit && (!u || strcmp(u->dim, "金额") != 0))) {
        char msg[256];
        snprintf(msg, sizeof msg, "“%s” is an amount in 元", specials[which]);
        bind_error(L, r, v->loc, E0503, msg);
        return;
    }
    if (u && dec_mul(y, u->factor, &y) != DEC_OK) {
        bind_error(L, r, v->loc, E0509, "amount out of range");
        return;
    }
    if (dec_is_neg(y)) {
        bind_error(L, r, v->loc, E0306, "negative amount");
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

static void bind(Lower *L, ActualRow *rows)
{
    EvProject *p = L->p;
    StrMap by_name;
    map_init(&by_name, L->arena, (uint32_t)p->nind);
    for (int i = 0; i < p->nind; i++)
        map_put(&by_name, p->ind[i].name, &p->ind[i]);
    char msg[512];
    for (ActualRow *r = rows; r; r = r->next) {
        r->used = true;
        int which = -1;
        for (int k = 0; k < 3; k++)
            if (strcmp(r->indicator, specials[k]) == 0)
                which = k;
        if (which >= 0) {
            bind_special(L, r, which);
            continue;
        }
        EvIndicator *x = map_get(&by_name, r->indicator);
        if (!x) {
            snprintf(msg, sizeof msg, "project “%s” has no indicator “%s”", p->name, r->indicator);
            bind_error(L, r, r->name_loc, E0502, msg);
            continue;
        }
        if (x->row) {
            snprintf(msg, sizeof msg, "a second actual for “%s”", r->indicator);
            bind_error(L, r, r->name_loc, E0504, msg);
            continue;
        }
        bind_value(L, x, r);
    }
    for (int i = 0; i < p->nind; i++) {
        if (!p->ind[i].row) {
            diag_emit(E0507, p->ind[i].loc, "no actual value for “%s” in %s", p->ind[i].name, L->actuals_path);
            L->ok = false;
        }
    }
    if (!p->has_spent) {
        diag_emit(E0507, p->decl->name_loc, "no 全年执行数 for project “%s” in %s", p->name, L->actuals_path);
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

static void assign_weights(Lower *L)
{
    EvProject *p = L->p;
    if (L->weight_attr)
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
    const EvScheme *sc = L->sc;
    for (int k = 0; k < p->nl1; k++) {
        Decimal w;
        const char *pool;
        if (!scheme_weight(sc, p->l1[k], &w, &pool)) {
            diag_emit(E0413, p->decl->name_loc, "评分方案 %s gives no weight to 一级 %s", sc->name, p->l1[k]);
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

EvProject *ev_lower(const Stdlib *std, const EvScheme *sc, const Decl *d, ActualRow *rows,
                    const char *actuals_path, Arena *arena)
{
    EvProject *p = arena_alloc(arena, sizeof *p);
    p->name = d->name;
    p->decl = d;
    p->scheme = sc;
    p->exec_weight = sc->exec_weight;
    Lower L = { .std = std, .sc = sc, .arena = arena, .p = p, .actuals_path = actuals_path, .ok = true };
    collect(&L, d);
    if (!rows) {
        diag_emit(E0510, d->name_loc, "no actuals for project “%s” in %s", d->name, actuals_path);
        diag_hint("actuals come from a 实际 %s { … } block or a CSV file given with --actuals", d->name);
        return NULL;
    }
    bind(&L, rows);
    assign_weights(&L);
    return L.ok ? p : NULL;
}

/* ---- --emit=ir ------------------------------------------------------------------- */

static void put_rat(Buf *b, Rat r)
{
    char n[DEC_BUF], d[DEC_BUF];
    buf_str(b, dec_format((Decimal){ r.num, 0 }, false, n));
    if (r.den != 1) {
        buf_str(b, "/");
        buf_str(b, dec_format((Decimal){ r.den, 0 }, false, d));
    }
}

static void dump_expr(Buf *b, const IrExpr *e)
{
    static const char *ops[] = {
        [IR_NEG] = "neg", [IR_ADD] = "add", [IR_SUB] = "sub", [IR_MUL] = "mul", [IR_DIV] = "div",
        [IR_EQ] = "eq", [IR_GE] = "ge", [IR_LE] = "le", [IR_GT] = "gt", [IR_LT] = "lt",
        [IR_AND] = "and", [IR_OR] = "or", [IR_IF] = "if", [IR_MIN] = "min", [IR_MAX] = "max",
    };
    static const char *varn[] = { "actual", "target", "weight", "spent", "budget" };
    switch (e->op) {
    case IR_CONST: put_rat(b, e->k); return;
    case IR_VAR: buf_str(b, varn[e->var]); return;
    case IR_BAND: buf_str(b, "band-factor"); return;
    default:
        buf_printf(b, "(%s", ops[e->op]);
        for (const IrExpr *x = e->a; x; x = x == e->a ? e->b : x == e->b ? e->c : NULL) {
            buf_str(b, " ");
            dump_expr(b, x);
            if (x == e->c)
                break;
        }
        buf_str(b, ")");
    }
}

void ev_dump_ir(Buf *b, const EvProject *p)
{
    static const char *kinds[] = { "number", "date", "word", "level", "text" };
    static const char *bands[] = { "-", "met", "partial", "unmet" };
    char x[DEC_BUF], y[DEC_BUF], z[DEC_BUF];
    const EvScheme *sc = p->scheme;
    buf_printf(b, "scheme %s\n", sc->name);
    for (int r = 0; r < R_COUNT; r++) {
        buf_printf(b, "  rule %s = ", rule_names[r]);
        dump_expr(b, sc->rules[r]);
        buf_str(b, "\n");
    }
    buf_printf(b, "project %s\n", p->name);
    buf_printf(b, "  exec weight %s budget %s spent %s\n", dec_format(p->exec_weight, false, x),
               dec_format(p->budget, false, y), dec_format(p->spent, false, z));
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        buf_printf(b, "  indicator %s [%s/%s] %s rule %s target ", e->name, e->l1, e->l2 ? e->l2 : "-",
                   kinds[e->kind], rule_names[e->rule]);
        if (e->kind == TK_NUMBER || e->kind == TK_DATE || e->kind == TK_ORDINAL)
            put_rat(b, e->target);
        else
            buf_str(b, e->word);
        if (e->unit)
            buf_printf(b, " %s", e->unit->name);
        buf_printf(b, " weight %s actual ", dec_format(e->weight, false, x));
        if (e->kind == TK_NUMBER || e->kind == TK_DATE)
            put_rat(b, e->actual);
        else
            buf_str(b, bands[e->band]);
        buf_str(b, "\n");
    }
}
