/*
 * lower.c — from checked specs and a scheme to the evaluation IR.
 *
 * The interpreter never walks the syntax tree.  A scoring scheme's rules
 * (stdlib/schemes.pg) become IrExpr trees over five variables (实际, 目标,
 * 分值, 全年执行数, 全年预算数); a project becomes a flat table of
 * indicators, each with its rule, its target as an exact number (in the
 * target's unit; dates as yyyymmdd keys; levels as ranks) and its weight,
 * for the runtime to bind the actuals to (rt/bind.c) and score.  The same
 * IR is what the JIT compiles.
 *
 * A scheme is lowered once, as the standard library loads it (stdlib.c
 * calls ev_lower_scheme), and that is where it is validated: every rule of
 * rules.def, every band's 档次系数 and 档次下限, a 评级, 权重 for known 一级
 * categories.  Its problems are reported in the module being loaded, and
 * ev_scheme only looks the result up.
 */
#include "pgc.h"

#include <string.h>

/* ---- schemes ------------------------------------------------------------------ */

/* A scheme's problems are E0601 errors, which diag_emit files under the
 * module being loaded; its IR lives in the caller's arena (the library's). */

static IrExpr *ir_new(Arena *a, IrOp op)
{
    IrExpr *e = arena_alloc(a, sizeof *e);
    e->op = op;
    return e;
}

static IrExpr *lower_expr(Arena *a, const Expr *e);

static IrExpr *lower_call(Arena *a, const Expr *e)
{
    int n = 0;
    for (const Expr *x = e->a; x; x = x->next)
        n++;
    if ((strcmp(e->name, "最小") == 0 || strcmp(e->name, "最大") == 0) && n == 2) {
        IrExpr *x = ir_new(a, strcmp(e->name, "最小") == 0 ? IR_MIN : IR_MAX);
        x->a = lower_expr(a, e->a);
        x->b = lower_expr(a, e->a->next);
        return x;
    }
    if (strcmp(e->name, "档次系数") == 0 && n == 1 && e->a->kind == E_REF &&
        strcmp(e->a->name, "实际") == 0)
        return ir_new(a, IR_BAND);
    diag_emit(E0601, e->loc, "unknown function “%s”: a rule can call 最小(a, b), 最大(a, b) and 档次系数(实际)",
              e->name);
    return ir_new(a, IR_CONST);
}

static IrExpr *lower_expr(Arena *a, const Expr *e)
{
    static const IrOp ir_op[] = {
#define OPER(expr, ir, text, pr, ast_name, ir_name) [expr] = ir,
#include "ops.def"
    };
    IrExpr *x;
    switch (e->kind) {
    case E_NUM:
        x = ir_new(a, IR_CONST);
        x->k = rat_from_dec(e->num);
        return x;
    case E_REF:
        for (IrVar v = 0; v < VAR_COUNT; v++) {
            if (strcmp(e->name, ir_var_name(v)) == 0) {
                x = ir_new(a, IR_VAR);
                x->var = v;
                return x;
            }
        }
        diag_emit(E0601, e->loc, "a rule can read 实际, 目标, 分值, 全年执行数, 全年预算数 and 年初预算数, not “%s”",
                  e->name);
        return ir_new(a, IR_CONST);
    case E_NEG:
        x = ir_new(a, IR_NEG);
        x->a = lower_expr(a, e->a);
        return x;
    case E_IF:
        x = ir_new(a, IR_IF);
        x->a = lower_expr(a, e->a);
        x->b = lower_expr(a, e->b);
        x->c = lower_expr(a, e->c);
        return x;
    case E_CALL:
        return lower_call(a, e);
    default:
        x = ir_new(a, ir_op[e->kind]);
        x->a = lower_expr(a, e->a);
        x->b = lower_expr(a, e->b);
        return x;
    }
}

static bool uses_band(const IrExpr *e)
{
    return e && (e->op == IR_BAND || uses_band(e->a) || uses_band(e->b) || uses_band(e->c));
}

/* 规则 名称 = 表达式: one of the rules of rules.def, once. */
static void lower_rule(EvScheme *sc, const Stmt *s, Arena *a)
{
    RuleId id = ev_rule_named(s->name);
    if (id == R_COUNT) {
        diag_emit(E0601, s->name_loc, "unknown rule “%s”: the rules are 正向, 等零, 反向, 定性, 日期 and 执行率",
                  s->name);
        return;
    }
    sc->rules[id] = lower_expr(a, s->expr);
    if (id != R_QUAL && uses_band(sc->rules[id]))
        diag_emit(E0601, s->name_loc, "档次系数(实际) has a meaning only in 规则 定性, not in “%s”", s->name);
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
        Band b = s->kind == S_ENTRY ? std_band_named(s->name) : BAND_NONE;
        if (b == BAND_NONE || !entry_rat(s, &table[b]))
            diag_emit(E0601, s->loc, "“%s” is not a band (达成, 部分达成, 未达成) with a number", s->name);
    }
}

static int count_entries(const Stmt *g)
{
    int n = 0;
    for (const Stmt *s = g->body; s; s = s->next)
        n++;
    return n;
}

/* 权重: the 一级 categories' weights, each a number or "= another 一级"
 * (a share of that one's), and 预算执行率's. */
static void lower_weights(const Stdlib *std, EvScheme *sc, const Stmt *g, Arena *a)
{
    int n = count_entries(g);
    sc->w_names = arena_alloc(a, (size_t)n * sizeof *sc->w_names);
    sc->w_values = arena_alloc(a, (size_t)n * sizeof *sc->w_values);
    sc->w_share = arena_alloc(a, (size_t)n * sizeof *sc->w_share);
    for (const Stmt *w = g->body; w; w = w->next) {
        bool share = w->kind == S_ENTRY && w->op == OP_EQ && w->val.kind == V_WORD;
        if (!share && (w->kind != S_ENTRY || w->val.kind != V_NUMBER || w->val.unit || w->op)) {
            diag_emit(E0601, w->loc, "a 权重 entry is “一级 数字” or “一级 = 另一个一级”, not “%s”", w->name);
            continue;
        }
        if (strcmp(w->name, "预算执行率") == 0 && !share) {
            sc->exec_weight = w->val.num;
            continue;
        }
        if (!std_level1(std, w->name))
            diag_emit(E0601, w->name_loc, "权重 for “%s”, which is no 一级 category", w->name);
        if (share && !std_level1(std, w->val.text))
            diag_emit(E0601, w->val.loc, "“%s” is no 一级 category", w->val.text);
        int k = sc->nweights++;
        sc->w_names[k] = w->name;
        sc->w_share[k] = share ? w->val.text : NULL;
        sc->w_values[k] = share ? dec_from_int(0) : w->val.num;
    }
}

static void lower_grades(EvScheme *sc, const Stmt *g, Arena *a)
{
    sc->grades = arena_alloc(a, (size_t)count_entries(g) * sizeof *sc->grades);
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind != S_ENTRY || s->val.kind != V_NUMBER || s->val.unit || !s->op) {
            diag_emit(E0601, s->loc, "a 评级 entry is “等级 ≥ 数字”, not “%s”", s->name);
            continue;
        }
        sc->grades[sc->ngrades++] = (EvGrade){ s->name, s->op, rat_from_dec(s->val.num) };
    }
}

/* One statement of the scheme's body. */
static void lower_part(const Stdlib *std, EvScheme *sc, const Stmt *s, Arena *a)
{
    Rat r;
    if (s->kind == S_RULE)
        lower_rule(sc, s, a);
    else if (s->kind == S_GROUP && strcmp(s->name, "权重") == 0)
        lower_weights(std, sc, s, a);
    else if (s->kind == S_ENTRY && strcmp(s->name, "权重") == 0 && s->val.kind == V_WORD &&
             strcmp(s->val.text, "按表") == 0)
        sc->weights_given = true;           /* the form's 分值, only their total checked */
    else if (s->kind == S_GROUP && strcmp(s->name, "档次系数") == 0)
        lower_bands(s, sc->band_factor);
    else if (s->kind == S_GROUP && strcmp(s->name, "档次下限") == 0)
        lower_bands(s, sc->band_low);
    else if (s->kind == S_GROUP && strcmp(s->name, "评级") == 0)
        lower_grades(sc, s, a);
    else if (strcmp(s->name, "偏差阈值") == 0 && entry_rat(s, &r))
        sc->deviation = r;
    else if (strcmp(s->name, "执行率阈值") == 0 && entry_rat(s, &r))
        sc->exec_floor = r;
    else if (!(s->kind == S_ENTRY && (strcmp(s->name, "默认") == 0 || strcmp(s->name, "说明") == 0)))
        diag_emit(E0601, s->name_loc, "“%s” is not part of a 评分方案", s->name);
}

/* What a scheme must give: every rule, a 评级, every band's factor and floor. */
static void check_complete(const EvScheme *sc, const Decl *d)
{
    for (int i = 0; i < R_COUNT; i++)
        if (!sc->rules[i])
            diag_emit(E0601, d->name_loc, "评分方案 %s has no rule %s", d->name, ev_rule_name((RuleId)i));
    if (sc->ngrades == 0)
        diag_emit(E0601, d->name_loc, "评分方案 %s has no 评级", d->name);
    bool factors = true, lows = true;
    for (int b = BAND_MET; b < BAND_COUNT; b++) {
        factors = factors && sc->band_factor[b].den != 0;
        lows = lows && sc->band_low[b].den != 0;
    }
    if (!factors)
        diag_emit(E0601, d->name_loc, "评分方案 %s does not give every band a 档次系数", d->name);
    if (!lows)
        diag_emit(E0601, d->name_loc, "评分方案 %s does not give every band a 档次下限", d->name);
}

EvScheme *ev_lower_scheme(const Stdlib *std, const Decl *d, Arena *arena)
{
    int errors = diag_total_errors();
    EvScheme *sc = arena_alloc(arena, sizeof *sc);
    sc->name = d->name;
    for (int b = 0; b < BAND_COUNT; b++)    /* den 0 marks a band the scheme has not set */
        sc->band_factor[b] = sc->band_low[b] = (Rat){ 0, 0 };
    sc->exec_weight = dec_from_int(0);
    sc->deviation = (Rat){ 13, 10 };
    sc->exec_floor = (Rat){ 9, 10 };
    for (const Stmt *s = d->body; s; s = s->next)
        lower_part(std, sc, s, arena);
    check_complete(sc, d);
    return diag_total_errors() > errors ? NULL : sc;
}

/* ---- 监控方案: the thresholds of the monitoring's lights ----------------------- */

/* 绿 and 黄 of a group (预算执行, 目标完成): "绿 < 10", "黄 ≤ 20", numbers
 * of points; 绿's bound no larger than 黄's. */
static void lower_bounds(const Decl *d, const Stmt *g, MonBound *b)
{
    for (const Stmt *s = g->body; s; s = s->next) {
        Light l = s->kind == S_ENTRY ? mon_light_named(s->name) : LIGHT_COUNT;
        if ((l != LIGHT_GREEN && l != LIGHT_YELLOW) || (s->op != OP_LT && s->op != OP_LE) ||
            s->val.kind != V_NUMBER || s->val.unit || dec_is_neg(s->val.num)) {
            diag_emit(E0601, s->loc, "a %s entry is “绿 < 数字” or “黄 ≤ 数字” (points), not “%s”", g->name, s->name);
            continue;
        }
        b[l - LIGHT_GREEN] = (MonBound){ s->op, rat_from_dec(s->val.num) };
    }
    if (b[0].op == OP_NONE || b[1].op == OP_NONE)
        diag_emit(E0601, g->name_loc, "监控方案 %s: %s needs a bound for 绿 and one for 黄", d->name, g->name);
    else if (rat_cmp(b[0].bound, b[1].bound) > 0)
        diag_emit(E0601, g->name_loc, "监控方案 %s: the bound of 绿 in %s is above that of 黄", d->name, g->name);
}

/* 档次 (a band's light) and 完成目标可能性 (the light a forecast's
 * likelihood gives at least): entries "NAME LIGHT". */
static void lower_lights(const Stmt *g, Light *table, bool bands)
{
    for (const Stmt *s = g->body; s; s = s->next) {
        int k = -1;
        if (s->kind == S_ENTRY && bands && std_band_named(s->name) != BAND_NONE)
            k = (int)std_band_named(s->name);
        for (int j = LIKELY_SURE; s->kind == S_ENTRY && !bands && j < LIKELY_COUNT; j++)
            if (strcmp(s->name, mon_likely_name((Likely)j)) == 0)
                k = j;
        Light l = s->val.kind == V_WORD ? mon_light_named(s->val.text) : LIGHT_COUNT;
        if (k < 0 || s->op != OP_NONE || l == LIGHT_COUNT || l == LIGHT_NONE) {
            if (bands)
                diag_emit(E0601, s->loc, "a 档次 entry is a band (达成, 部分达成, 未达成) and a light (绿, 黄, 红)");
            else
                diag_emit(E0601, s->loc,
                          "a 完成目标可能性 entry is 确定能, 有可能 or 完全不可能 and a light (绿, 黄, 红)");
            continue;
        }
        table[k] = l;
    }
}

EvMonScheme *ev_lower_monitor(const Decl *d, Arena *arena)
{
    int errors = diag_total_errors();
    EvMonScheme *ms = arena_alloc(arena, sizeof *ms);     /* zeroed: OP_NONE, LIGHT_NONE */
    ms->name = d->name;
    bool exec = false, goal = false;
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind == S_GROUP && strcmp(s->name, "预算执行") == 0) {
            lower_bounds(d, s, ms->exec);
            exec = true;
        } else if (s->kind == S_GROUP && strcmp(s->name, "目标完成") == 0) {
            lower_bounds(d, s, ms->goal);
            goal = true;
        } else if (s->kind == S_GROUP && strcmp(s->name, "档次") == 0) {
            lower_lights(s, ms->band_light, true);
        } else if (s->kind == S_GROUP && strcmp(s->name, "完成目标可能性") == 0) {
            lower_lights(s, ms->likely_light, false);
        } else if (!(s->kind == S_ENTRY && (strcmp(s->name, "默认") == 0 || strcmp(s->name, "说明") == 0))) {
            diag_emit(E0601, s->name_loc, "“%s” is not part of a 监控方案", s->name);
            diag_hint("a 监控方案 has 预算执行 { 绿 < … 黄 < … }, 目标完成 { … }, 档次 { … } and "
                      "完成目标可能性 { … }");
        }
    }
    if (!exec || !goal)
        diag_emit(E0601, d->name_loc, "监控方案 %s has no %s", d->name, !exec ? "预算执行" : "目标完成");
    for (int b = BAND_MET; b < BAND_COUNT; b++)
        if (ms->band_light[b] == LIGHT_NONE) {
            diag_emit(E0601, d->name_loc, "监控方案 %s does not give every band (达成, 部分达成, 未达成) a light in 档次",
                      d->name);
            break;
        }
    return diag_total_errors() > errors ? NULL : ms;
}

const EvScheme *ev_scheme(const Stdlib *std, const char *name)
{
    const StdScheme *s = name ? std_scheme(std, name) : std_default_scheme(std);
    return s ? s->ev : NULL;
}

const EvScheme *ev_scheme_for(const Stdlib *std, const Decl *d, const char *name)
{
    for (const Stmt *s = d->body; s && !name; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "方案") == 0 && s->val.kind == V_WORD)
            name = s->val.text;
    return ev_scheme(std, name);
}

/* ---- projects ------------------------------------------------------------------ */

typedef struct Lower {
    const Stdlib *std;
    Arena *arena;
    EvProject *p;
    int cap;
} Lower;

static RuleId rule_for(const Stmt *s, TargetKind kind, Rat target)
{
    if (kind == TK_DATE)
        return R_DATE;
    if (kind != TK_NUMBER)
        return R_QUAL;
    Op op = s->op;
    if (ast_find_attr(s, A_NEGATIVE))
        op = OP_LE;
    else if (ast_find_attr(s, A_POSITIVE) && (op == OP_LE || op == OP_LT))
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
    p->ind = arena_grow(L->arena, p->ind, p->nind, &L->cap, sizeof *p->ind);
    EvIndicator *x = &p->ind[p->nind++];
    memset(x, 0, sizeof *x);
    x->name = s->name;
    x->l1 = l1;
    x->l2 = l2;
    x->loc = s->name_loc;
    x->op = s->op;
    x->target_text = val_target_text(L->arena, s->op, &s->val);
    ValTarget t = val_target(L->std, &s->val);
    x->kind = t.kind;
    x->target = t.target;
    x->unit = t.unit;
    x->word = t.word;
    x->scale = t.scale;
    x->rule = rule_for(s, x->kind, x->target);
    const Attr *w = ast_find_attr(s, A_WEIGHT);
    if (w) {
        x->weight = w->val.num;
        x->weight_loc = w->val.loc;
        L->p->spec_weights = true;          /* checked: all or none */
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

/* The text of a header entry of the project ("" when not given). */
static const char *header_text(const Decl *d, const char *name)
{
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, name) == 0 && s->val.text &&
            (s->val.kind == V_WORD || s->val.kind == V_STRING))
            return s->val.text;
    return "";
}

/* The power of ten of the funds' unit (万元: 4), in which the reports
 * print the amounts, as the form does; 0 for 元 or any other unit. */
static int funds_shift(const Stdlib *std, const char *unit)
{
    const StdUnit *u = unit ? std_unit(std, unit) : NULL;
    if (!u || strcmp(u->dim, "金额") != 0 || u->factor.scale != 0)
        return 0;
    int k = 0;
    dec_i128 v = u->factor.v;
    while (v > 1 && v % 10 == 0 && k < 8) {
        v /= 10;
        k++;
    }
    return v == 1 ? k : 0;
}

EvProject *ev_lower(const Stdlib *std, const EvScheme *sc, const Source *src, const Decl *d, Arena *arena)
{
    EvProject *p = arena_alloc(arena, sizeof *p);
    p->name = d->name;
    p->src = src;
    p->loc = d->name_loc;
    p->dept = header_text(d, "主管部门");
    p->unit = header_text(d, "实施单位");
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "年度") == 0 && s->val.kind == V_NUMBER)
            p->year = (int)s->val.num.v;
    p->funds_unit = ast_funds_unit(d);
    p->funds_shift = funds_shift(std, p->funds_unit);
    p->scheme = sc;
    p->exec_weight = sc->exec_weight;
    Lower L = { .std = std, .arena = arena, .p = p };
    collect(&L, d);
    return p;
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
#define OPER(expr, ir, text, pr, ast_name, ir_name) [ir] = ir_name,
#include "ops.def"
        [IR_MIN] = "min", [IR_MAX] = "max",
    };
    switch (e->op) {
    case IR_CONST: put_rat(b, e->k); return;
    case IR_VAR: buf_str(b, ir_var_ir_name(e->var)); return;
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
        buf_printf(b, "  rule %s = ", ev_rule_name((RuleId)r));
        dump_expr(b, sc->rules[r]);
        buf_str(b, "\n");
    }
    buf_printf(b, "project %s\n", p->name);
    buf_printf(b, "  exec weight %s budget %s spent %s\n", dec_format(p->exec_weight, false, x),
               dec_format(p->budget, false, y), dec_format(p->spent, false, z));
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        buf_printf(b, "  indicator %s [%s/%s] %s rule %s target ", e->name, e->l1, e->l2 ? e->l2 : "-",
                   kinds[e->kind], ev_rule_name(e->rule));
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
