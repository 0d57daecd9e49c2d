/*
 * check.c — the semantic checks of `pgc check` (doc/language.md §6).
 *
 * The parser accepts a generic tree; this file gives it meaning.  For a
 * project it walks the header fields, the funds block and the indicator
 * tree, looking names up in the standard library (categories, scales,
 * units, naming rules, schemes) rather than in C tables, so a new category
 * or unit is a data change.  For actuals it checks each value against the
 * kind and unit of its target.
 *
 * Every finding goes through diag with a stable code; the checker never
 * stops at the first one.  Spelling mistakes get a “did you mean” hint.
 */
#include "pgc.h"

#include <string.h>

/* The header fields of a project, in the order they are documented. */
typedef enum Field {
    F_YEAR, F_NATURE, F_CATEGORY, F_DEPT, F_UNIT, F_START, F_END,
    F_GOAL_ALL, F_GOAL_YEAR, F_SCHEME, F_FUNDS, F_COUNT
} Field;

typedef enum FieldKind { FK_YEAR, FK_TEXT, FK_DATE, FK_STRING, FK_NAME, FK_BLOCK } FieldKind;

static const struct {
    const char *name;
    FieldKind kind;
    bool required;
} fields[F_COUNT] = {
    [F_YEAR] = { "年度", FK_YEAR, true },
    [F_NATURE] = { "项目性质", FK_TEXT, false },
    [F_CATEGORY] = { "项目类别", FK_TEXT, false },
    [F_DEPT] = { "主管部门", FK_TEXT, true },
    [F_UNIT] = { "实施单位", FK_TEXT, true },
    [F_START] = { "计划开始日期", FK_DATE, true },
    [F_END] = { "计划完成日期", FK_DATE, true },
    [F_GOAL_ALL] = { "项目总体目标", FK_STRING, false },
    [F_GOAL_YEAR] = { "年度总体目标", FK_STRING, true },
    [F_SCHEME] = { "方案", FK_NAME, false },
    [F_FUNDS] = { "资金", FK_BLOCK, true },
};

/* What the checker keeps while it walks one project. */
typedef struct Project {
    const Stdlib *std;
    Arena *arena;
    const Decl *decl;
    const Stmt *field[F_COUNT];
    int year;                   /* 年度, 0 if unknown */
    StrMap indicators;          /* name → Stmt */
    const Stmt *level1_seen[16];
    int nlevel1_seen;
    bool unknown_level1;        /* a misspelt 一级 may be the missing one */
    int nindicators, nweighted;
    const Stmt *first_unweighted;
    const StdScheme *scheme;
    bool file_had_errors;       /* numbers that failed to scan read as 0 */
} Project;

/* ---- small helpers ------------------------------------------------------- */

/* A replacement the hint names, for an editor's quick fix: the name as
 * the file would write it. */
static void fix_name(const char *name)
{
    if (ast_name_is_bare(name)) {
        diag_fix(name);
        return;
    }
    Buf b = { 0 };
    buf_str(&b, "\"");
    buf_str(&b, name);
    buf_str(&b, "\"");
    diag_fix(b.s);
    buf_free(&b);
}

static void suggest(const char *name, const char *const *cands, int n)
{
    const char *s = std_suggest(name, cands, n);
    if (s) {
        diag_hint("did you mean “%s”?", s);
        fix_name(s);
    }
}

static Loc value_loc(const Stmt *s)
{
    return s->val.kind != V_NONE ? s->val.loc : s->name_loc;
}

/* An amount in 元: unit 元 (or none) or a unit that converts to 元. */
static bool to_yuan(const Stdlib *std, const Value *v, Decimal *out)
{
    if (!v->unit) {
        *out = v->num;
        return true;
    }
    const StdUnit *u = std_unit(std, v->unit);
    if (!u || strcmp(u->dim, "金额") != 0) {
        diag_emit(E0304, v->unit_loc, "an amount is in 元 or 万元, not “%s”", v->unit);
        return false;
    }
    if (dec_mul(v->num, u->factor, out) != DEC_OK) {
        diag_emit(E0104, v->loc, "amount out of range");
        return false;
    }
    return true;
}

/* ---- header fields ----------------------------------------------------- */

static void check_field_value(Project *p, Field f, const Stmt *s)
{
    const Value *v = &s->val;
    if (s->op)
        diag_emit(E0304, s->op_loc, "a field takes no operator");
    if (s->attrs)
        diag_emit(E0415, s->attrs->loc, "“%s” takes no attributes", s->name);
    switch (fields[f].kind) {
    case FK_YEAR:
        if (v->kind != V_NUMBER || v->unit || v->num.scale != 0 || v->num.v < 1900 || v->num.v > 2200) {
            diag_emit(E0304, value_loc(s), "年度 is a year such as 2023");
            return;
        }
        p->year = (int)v->num.v;
        return;
    case FK_TEXT:
        if (v->kind != V_WORD && v->kind != V_STRING)
            diag_emit(E0304, value_loc(s), "“%s” is a name or a string", s->name);
        return;
    case FK_NAME:
        if (v->kind != V_WORD)
            diag_emit(E0304, value_loc(s), "“%s” is the name of a 评分方案", s->name);
        else if (!(p->scheme = std_scheme(p->std, v->text)))
            diag_emit(E0309, v->loc, "no 评分方案 named “%s”", v->text);
        return;
    case FK_DATE:
        if (v->kind != V_DATE || v->date.day == 0) {
            diag_emit(E0304, value_loc(s), "“%s” is a date such as 2023-01-01", s->name);
            if (v->kind == V_DATE)
                diag_hint("give the day as well");
        }
        return;
    case FK_STRING:
        if (v->kind != V_STRING) {
            diag_emit(E0304, value_loc(s), "“%s” is free text in quotes", s->name);
            diag_hint("write %s \"…\"", s->name);
        }
        return;
    case FK_BLOCK:
        diag_emit(E0304, s->name_loc, "“%s” is a block: %s { … }", s->name, s->name);
        return;
    }
}

static void check_funds(Project *p, const Stmt *g)
{
    const Stmt *seen[FU_COUNT] = { 0 };
    Decimal amt[FU_COUNT];
    bool ok[FU_COUNT] = { 0 };
    for (const Stmt *s = g->body; s; s = s->next) {
        Fund f = s->kind == S_ENTRY ? dom_fund(s->name) : FU_COUNT;
        if (f == FU_COUNT) {
            diag_emit(E0301, s->name_loc, "“%s” is not a line of the funds block", s->name);
            suggest(s->name, dom_fund_names(), FU_COUNT);
            continue;
        }
        if (seen[f]) {
            diag_emit(E0302, s->name_loc, "“%s” is given twice", s->name);
            diag_note(seen[f]->name_loc, "first given here");
            continue;
        }
        seen[f] = s;
        if (s->op)
            diag_emit(E0304, s->op_loc, "an amount takes no operator");
        if (s->val.kind != V_NUMBER) {
            diag_emit(E0304, value_loc(s), "“%s” is an amount such as 446,048.00 元", s->name);
            continue;
        }
        if (!to_yuan(p->std, &s->val, &amt[f]))
            continue;
        if (dec_is_neg(amt[f])) {
            diag_emit(E0306, s->val.loc, "negative amount");
            continue;
        }
        ok[f] = true;
    }
    if (!seen[FU_TOTAL] && !p->file_had_errors) {     /* not a line lost to a syntax error */
        diag_emit(E0303, g->name_loc, "the funds block has no 年度资金申请总额");
        return;
    }
    if (!ok[FU_TOTAL])
        return;
    Decimal sum = dec_from_int(0);
    char parts[512] = "";
    size_t len = 0;
    for (int i = FU_APPROP; i < FU_COUNT; i++) {
        if (!seen[i])
            continue;
        if (!ok[i])
            return;
        char b[DEC_BUF];
        len += (size_t)snprintf(parts + len, sizeof parts - len, "%s%s %s", len ? " + " : "",
                                dom_fund_name((Fund)i), dec_format(dec_round(amt[i], 2), true, b));
        if (len >= sizeof parts)
            len = sizeof parts - 1;
        if (dec_add(sum, amt[i], &sum) != DEC_OK)
            return;
    }
    if (len == 0 || dec_cmp(sum, amt[FU_TOTAL]) == 0 || p->file_had_errors)
        return;
    char a[DEC_BUF], b[DEC_BUF];
    diag_emit(E0305, seen[FU_TOTAL]->val.loc,
              "年度资金申请总额 %s is not the sum of its parts, %s",
              dec_format(dec_round(amt[FU_TOTAL], 2), true, a), dec_format(dec_round(sum, 2), true, b));
    diag_hint("%s = %s", parts, b);
}

/* ---- targets ------------------------------------------------------------- */

static void check_naming(Project *p, const Stmt *s, const StdUnit *u)
{
    const StdNaming *r = std_naming_broken(p->std, s->name, u);
    if (!r)
        return;
    if (r->error) {
        diag_emit(E0409, s->val.unit_loc, "“%s” ends in “%s” and takes a %s unit, not “%s” (%s)",
                  s->name, r->pattern, r->dim, u->name, u->dim);
        if (strcmp(r->dim, "比率") == 0)
            diag_hint("write the target as a percentage, e.g. = 100%%");
    } else {
        diag_emit(W0402, s->val.unit_loc, "“%s” names “%s” but its target is in “%s” (%s), not a %s unit",
                  s->name, r->pattern, u->name, u->dim, r->dim);
    }
}

static void check_number_target(Project *p, const Stmt *s)
{
    const Value *v = &s->val;
    if (!v->unit) {
        diag_emit(E0407, v->loc, "the target of “%s” has no unit", s->name);
        diag_hint("write the unit after the number, e.g. 100%% or 35 万张");
        return;
    }
    const StdUnit *u = std_unit(p->std, v->unit);
    if (!u) {
        diag_emit(E0408, v->unit_loc, "unknown unit “%s”", v->unit);
        suggest(v->unit, p->std->unit_names, p->std->nunits);
        return;
    }
    if (dec_is_neg(v->num))
        diag_emit(E0412, v->loc, "a target cannot be negative");
    check_naming(p, s, u);
    if (strcmp(u->dim, "比率") == 0 && dec_cmp(v->num, dec_from_int(100)) > 0 && str_ends(s->name, "率"))
        diag_emit(W0403, v->loc, "a rate of more than 100%%");
}

static void check_target(Project *p, const Stmt *s)
{
    const Value *v = &s->val;
    if (v->kind == V_NONE) {
        diag_emit(E0411, s->name_loc, "indicator “%s” has no target value", s->name);
        diag_hint("e.g. 指标 %s ≥ 90%%", s->name);
        return;
    }
    if (!s->op && (v->kind == V_NUMBER || v->kind == V_DATE)) {
        diag_emit(W0401, v->loc, "the target of “%s” has no operator; it is read as %s", s->name,
                  v->kind == V_DATE ? "≤" : "≥");
        diag_hint("write “= …”, “≥ …” or “≤ …” as the form means");
    }
    switch (v->kind) {
    case V_NUMBER:
        check_number_target(p, s);
        return;
    case V_WORD: {
        const StdWord *w = std_word(p->std, v->text);
        if (!w) {
            diag_emit(E0410, v->loc, "“%s” is on no qualitative scale", v->text);
            const char *near = std_suggest(v->text, p->std->word_names, p->std->nword_names);
            if (near) {
                diag_hint("did you mean “%s”? free text is written in quotes: \"…\"", near);
                fix_name(near);
            } else
                diag_hint("free text is written in quotes: \"%s\"", v->text);
            return;
        }
        if (s->op && s->op != OP_EQ && !w->ordinal)
            diag_emit(E0412, s->op_loc, "a qualitative target takes “=”, not “%s”", val_op_str(s->op));
        return;
    }
    case V_DATE:
        if (s->op == OP_GE || s->op == OP_GT)
            diag_emit(E0412, s->op_loc, "a date target is a deadline: “≤ %04d-%02d”", v->date.year,
                      v->date.month);
        if (p->year && v->date.year != p->year)
            diag_emit(W0405, v->loc, "date %04d-%02d lies outside 年度 %d", v->date.year,
                      v->date.month, p->year);
        return;
    case V_STRING:
        if (s->op && s->op != OP_EQ)
            diag_emit(E0412, s->op_loc, "a free-text target takes “=”, not “%s”", val_op_str(s->op));
        return;
    case V_NONE:
        return;
    }
}

static void check_indicator(Project *p, const Stmt *s)
{
    const Stmt *prev = map_put(&p->indicators, s->name, (void *)s);
    if (prev != s) {
        diag_emit(E0405, s->name_loc, "indicator “%s” is declared twice in project “%s”", s->name,
                  p->decl->name);
        diag_note(prev->name_loc, "first declared here");
    }
    p->nindicators++;
    size_t len = utf8_count(s->name, strlen(s->name));
    if (len > 100)
        diag_emit(E0304, s->name_loc, "an indicator name has at most 100 characters, this one %zu", len);
    bool dir = false;
    for (const Attr *a = s->attrs; a; a = a->next) {
        switch (a->kind) {
        case A_WEIGHT:
            if (!dec_is_neg(a->val.num) && !dec_is_zero(a->val.num))
                break;
            diag_emit(E0415, a->loc, "分值 must be positive");
            break;
        case A_SCORE:
        case A_REASON:
            diag_emit(E0415, a->loc, "“%s” belongs to the actuals (实际), not to a target",
                      a->kind == A_SCORE ? "得分" : "偏差原因");
            break;
        case A_FORECAST:
        case A_LIKELY:
            diag_emit(E0415, a->loc, "“%s” belongs to the mid-year actuals (监控), not to a target",
                      ast_attr_keyword(a->kind));
            break;
        case A_POSITIVE:
        case A_NEGATIVE:
            if (dir)
                diag_emit(E0415, a->loc, "a direction is given twice");
            dir = true;
            break;
        }
    }
    const Attr *wa = ast_find_attr(s, A_WEIGHT);
    if (wa && !dec_is_neg(wa->val.num) && !dec_is_zero(wa->val.num))
        p->nweighted++;
    else if (!p->first_unweighted)
        p->first_unweighted = s;
    check_target(p, s);
}

/* ---- the indicator tree -------------------------------------------------- */

static void wrong_stmt_in_tree(const Stmt *s, const char *where)
{
    if (s->kind == S_ENTRY) {
        diag_emit(E0416, s->name_loc, "“%s” in %s is neither a category nor an indicator", s->name, where);
        diag_hint("an indicator line starts with 指标: 指标 %s …", s->name);
    } else {
        diag_emit(E0416, s->loc, "a 规则 belongs in a 评分方案");
    }
}

static void check_level2(Project *p, const Stmt *g)
{
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind == S_INDICATOR)
            check_indicator(p, s);
        else if (s->kind == S_GROUP)
            diag_emit(E0404, s->name_loc, "“%s” inside the 二级 category “%s”: the tree has three levels",
                      s->name, g->name);
        else
            wrong_stmt_in_tree(s, g->name);
    }
}

static void check_level1(Project *p, const Stmt *g, const StdLevel1 *l1)
{
    for (int i = 0; i < p->nlevel1_seen; i++) {
        if (strcmp(p->level1_seen[i]->name, g->name) == 0) {
            diag_emit(E0302, g->name_loc, "一级 category “%s” appears twice", g->name);
            diag_note(p->level1_seen[i]->name_loc, "first here");
            break;
        }
    }
    if (p->nlevel1_seen < 16)
        p->level1_seen[p->nlevel1_seen++] = g;
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind == S_INDICATOR) {
            diag_emit(W0404, s->name_loc,
                      "indicator “%s” stands directly under the 一级 category “%s”", s->name, g->name);
            diag_hint("put it in one of %s's 二级 groups, e.g. %s { … }", g->name, l1->level2[0]);
            check_indicator(p, s);
            continue;
        }
        if (s->kind != S_GROUP) {
            wrong_stmt_in_tree(s, g->name);
            continue;
        }
        if (std_level2_under(l1, s->name)) {
            check_level2(p, s);
            continue;
        }
        const StdLevel1 *owner = std_level2_owner(p->std, s->name);
        if (owner) {
            diag_emit(E0403, s->name_loc, "二级 category “%s” belongs under “%s”, not “%s”", s->name,
                      owner->name, g->name);
        } else if (std_level1(p->std, s->name)) {
            diag_emit(E0404, s->name_loc, "一级 category “%s” inside “%s”", s->name, g->name);
        } else {
            diag_emit(E0402, s->name_loc, "unknown 二级 category “%s” under “%s”", s->name, g->name);
            suggest(s->name, l1->level2, l1->nlevel2);
        }
        check_level2(p, s);
    }
}

/* ---- weights -------------------------------------------------------------- */

/* Sum of the 分值 under one 一级 group (both levels below it). */
static Decimal weight_sum(const Stmt *g)
{
    Decimal sum = dec_from_int(0);
    for (const Stmt *s = g->body; s; s = s->next) {
        const Stmt *one = s->kind == S_INDICATOR ? s : NULL;
        const Stmt *list = s->kind == S_GROUP ? s->body : one;
        for (const Stmt *i = list; i; i = one ? NULL : i->next) {
            const Attr *w = i->kind == S_INDICATOR ? ast_find_attr(i, A_WEIGHT) : NULL;
            if (w)
                dec_add(sum, w->val.num, &sum);
        }
    }
    return sum;
}

/* Whether another 一级 of the project draws on name's weight. */
static bool shared_by_present(const Project *p, const EvScheme *sc, const char *name)
{
    for (int k = 0; k < sc->nweights; k++) {
        if (!sc->w_share[k] || strcmp(sc->w_share[k], name) != 0)
            continue;
        for (int i = 0; i < p->nlevel1_seen; i++)
            if (strcmp(p->level1_seen[i]->name, sc->w_names[k]) == 0)
                return true;
    }
    return false;
}

static void check_weights(Project *p)
{
    if (p->nweighted == 0)
        return;
    if (p->nweighted < p->nindicators) {
        diag_emit(E0414, p->first_unweighted->name_loc,
                  "indicator “%s” has no 分值, but %d of the %d indicators of “%s” have one",
                  p->first_unweighted->name, p->nweighted, p->nindicators, p->decl->name);
        diag_hint("give 分值 to every indicator or to none (the scheme then spreads the weights)");
        return;
    }
    if (!p->scheme)
        return;         /* the project's 方案 is unknown (E0309): nothing to add up to */
    const EvScheme *sc = p->scheme->ev;
    if (sc->weights_given)
        return;         /* 权重 按表: the total, with the budget row's 分值 of the actuals, is bind.c's */
    Decimal total = sc->exec_weight;
    bool reported = false;
    for (int i = 0; i < p->nlevel1_seen; i++) {
        const Stmt *g = p->level1_seen[i];
        Decimal sum = weight_sum(g);
        dec_add(total, sum, &total);
        for (int k = 0; k < sc->nweights && !sc->weights_given; k++) {
            if (strcmp(sc->w_names[k], g->name) != 0 || sc->w_share[k] || dec_cmp(sc->w_values[k], sum) == 0)
                continue;
            if (shared_by_present(p, sc, g->name))
                continue;       /* its weight is a pool shared with another 一级 here */
            char a[DEC_BUF], b[DEC_BUF];
            diag_emit(E0413, g->name_loc, "the 分值 under “%s” add up to %s; 评分方案 %s gives it %s",
                      g->name, dec_format(sum, true, a), sc->name, dec_format(sc->w_values[k], true, b));
            reported = true;
        }
    }
    if (!reported && dec_cmp(total, dec_from_int(100)) != 0) {
        char a[DEC_BUF], b[DEC_BUF];
        diag_emit(E0413, p->decl->name_loc, "the 分值 add up to %s with 预算执行率 %s, not 100",
                  dec_format(total, true, a), dec_format(sc->exec_weight, true, b));
    }
}

/* ---- a project -------------------------------------------------------------- */

static void check_dates(Project *p)
{
    const Stmt *a = p->field[F_START], *b = p->field[F_END];
    bool da = a && a->val.kind == V_DATE && a->val.date.day;
    bool db = b && b->val.kind == V_DATE && b->val.date.day;
    if (da && db) {
        Date x = a->val.date, y = b->val.date;
        long kx = x.year * 10000L + x.month * 100 + x.day, ky = y.year * 10000L + y.month * 100 + y.day;
        if (kx > ky) {
            diag_emit(E0307, b->val.loc, "计划完成日期 is before 计划开始日期");
            diag_note(a->val.loc, "计划开始日期 is here");
            return;
        }
        if (p->year && (x.year > p->year || y.year < p->year)) {
            diag_emit(E0307, a->val.loc, "the plan %04d-%02d-%02d … %04d-%02d-%02d lies outside 年度 %d",
                      x.year, x.month, x.day, y.year, y.month, y.day, p->year);
        }
    }
}

static void check_required(Project *p)
{
    if (p->file_had_errors)
        return;     /* a statement lost to a syntax error would read as missing */
    for (int f = 0; f < F_COUNT; f++) {
        if (!fields[f].required || p->field[f])
            continue;
        diag_emit(E0303, p->decl->name_loc, "project “%s” has no %s", p->decl->name, fields[f].name);
        if (f == F_FUNDS)
            diag_hint("资金 { 年度资金申请总额 … 元 }");
        else if (fields[f].kind == FK_STRING)
            diag_hint("%s \"…\"", fields[f].name);
    }
    for (int i = 0; i < p->std->nlevel1; i++) {
        const StdLevel1 *l1 = &p->std->level1[i];
        if (!l1->required)
            continue;
        bool has = false;
        for (int k = 0; k < p->nlevel1_seen && !has; k++) {
            const Stmt *g = p->level1_seen[k];
            if (strcmp(g->name, l1->name) != 0)
                continue;
            for (const Stmt *s = g->body; s && !has; s = s->next)
                has = s->kind == S_INDICATOR || (s->kind == S_GROUP && s->body);
        }
        if (!has && !p->unknown_level1)
            diag_emit(E0406, p->decl->name_loc, "project “%s” has no indicator under %s", p->decl->name,
                      l1->name);
    }
}

const char *chk_field(int i, bool *required)
{
    if (i < 0 || i >= F_COUNT)
        return NULL;
    if (required)
        *required = fields[i].required;
    return fields[i].name;
}

static const char *field_names[F_COUNT];

static void check_project_stmt(Project *p, const Stmt *s)
{
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(s->name, fields[f].name) != 0)
            continue;
        if (p->field[f]) {
            diag_emit(E0302, s->name_loc, "“%s” is given twice", s->name);
            diag_note(p->field[f]->name_loc, "first given here");
            return;
        }
        p->field[f] = s;
        if (f == F_FUNDS && s->kind == S_GROUP)
            check_funds(p, s);
        else if (s->kind == S_GROUP)
            diag_emit(E0304, s->name_loc, "“%s” is a field, not a block", s->name);
        else
            check_field_value(p, (Field)f, s);
        return;
    }
    const StdLevel1 *l1 = std_level1(p->std, s->name);
    if (l1 && s->kind == S_GROUP) {
        check_level1(p, s, l1);
        return;
    }
    if (l1) {
        diag_emit(E0304, s->name_loc, "“%s” is a category: %s { … }", s->name, s->name);
        return;
    }
    if (s->kind == S_INDICATOR) {
        diag_emit(E0416, s->loc, "an indicator must stand inside a 一级 and a 二级 category");
        return;
    }
    if (s->kind == S_RULE) {
        diag_emit(E0416, s->loc, "a 规则 belongs in a 评分方案");
        return;
    }
    const StdLevel1 *owner = std_level2_owner(p->std, s->name);
    if (s->kind == S_GROUP && owner) {
        diag_emit(E0403, s->name_loc, "二级 category “%s” must stand inside a 一级 category such as “%s”",
                  s->name, owner->name);
        return;
    }
    if (s->kind == S_GROUP) {
        diag_emit(E0401, s->name_loc, "unknown 一级 category “%s”", s->name);
        p->unknown_level1 = true;
        const char *near = std_suggest(s->name, p->std->level1_names, p->std->nlevel1);
        if (!near)
            near = std_suggest(s->name, (const char *const[]){ "资金" }, 1);
        if (near) {
            diag_hint("did you mean “%s”?", near);
            fix_name(near);
        }
        /* Still check what it holds: its indicators have problems of their own. */
        for (const Stmt *c = s->body; c; c = c->next) {
            if (c->kind == S_GROUP)
                check_level2(p, c);
            else if (c->kind == S_INDICATOR)
                check_indicator(p, c);
        }
        return;
    }
    diag_emit(E0301, s->name_loc, "unknown field “%s”", s->name);
    if (!field_names[0])
        for (int f = 0; f < F_COUNT; f++)
            field_names[f] = fields[f].name;
    suggest(s->name, field_names, F_COUNT);
}

static void check_project(const Stdlib *std, Arena *arena, const Decl *d, bool had_errors)
{
    Project p = { .std = std, .arena = arena, .decl = d, .scheme = std_default_scheme(std),
                  .file_had_errors = had_errors };
    map_init(&p.indicators, arena, 32);
    /* 年度 first: date checks need it wherever it stands. */
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "年度") == 0 && s->val.kind == V_NUMBER &&
            s->val.num.scale == 0 && s->val.num.v > 1900 && s->val.num.v < 2200)
            p.year = (int)s->val.num.v;
    for (const Stmt *s = d->body; s; s = s->next)
        check_project_stmt(&p, s);
    check_required(&p);
    check_dates(&p);
    check_weights(&p);
}

/* ---- actuals --------------------------------------------------------------- */


/* Collects a project's indicators (both levels) into m. */
static void collect_indicators(StrMap *m, const Stmt *list, int depth)
{
    for (const Stmt *s = list; s; s = s->next) {
        if (s->kind == S_INDICATOR)
            map_put(m, s->name, (void *)s);
        else if (s->kind == S_GROUP && depth < 2)
            collect_indicators(m, s->body, depth + 1);
    }
}

/* An actual line against its indicator's target: the .pg syntax's own
 * mistakes here, the rest as the binder judges a CSV row (val_fit). */
static void check_actual_value(const Stdlib *std, Arena *arena, const Source *src, const Stmt *a,
                               const Stmt *t)
{
    const Value *av = &a->val;
    if (av->kind == V_NONE) {
        diag_emit(E0503, a->name_loc, "no actual value for “%s”", a->name);
        return;
    }
    if (a->op)
        diag_emit(E0503, a->op_loc, "an actual value takes no operator");
    if (t->val.kind == V_NONE)
        return;                 /* the target's own error is reported */
    ValTarget tg = val_target(std, &t->val);
    Rat actual;
    const char *target_text = val_target_text(arena, t->op, &t->val);
    if (val_fit(std, &tg, a->name, target_text, src, av, &actual) == FIT_BAD ||
        tg.kind == TK_NUMBER || tg.kind == TK_DATE)
        return;
    bool matched;
    val_word_band(std, &tg, av->text, &matched);
    if (!matched) {
        val_warn_unmatched(std, &tg, a->name, target_text, src, av->loc, av->text);
        if (av->kind == V_WORD)     /* a typo: the suggestion is the better hint */
            suggest(av->text, std->word_names, std->nword_names);
    }
}

/* What a line of a 监控 block has that a 实际 block's has not, and the
 * reverse: 预计 and 可能性 (checked here), no 分值 or 得分; an empty value
 * when a 预计 is given.  True when the line's value is to be checked. */
static bool check_stage_attrs(const Stdlib *std, Arena *arena, const Source *src, const Stmt *s, const Stmt *t,
                              bool monitoring)
{
    bool forecast = false;
    for (const Attr *a = s->attrs; a; a = a->next) {
        bool mid = a->kind == A_FORECAST || a->kind == A_LIKELY, year_end = a->kind == A_WEIGHT || a->kind == A_SCORE;
        if (monitoring ? year_end : mid) {
            /* TRANSLATORS: an attribute (分值, 预计 …), then the block's keyword (实际 or 监控) */
            diag_emit(E0415, a->loc, "“%s” does not belong in a %s block", ast_attr_keyword(a->kind),
                      monitoring ? "监控" : "实际");
            if (monitoring)
                diag_hint("a 监控 line is “指标 值 [预计 值] [可能性 确定能] [偏差原因 \"…\"]”");
            else
                diag_hint("预计 and 可能性 are mid-year figures: a 监控 block's");
            continue;
        }
        if (a->kind == A_LIKELY && strcmp(a->val.text, "确定能") != 0 && strcmp(a->val.text, "有可能") != 0 &&
            strcmp(a->val.text, "完全不可能") != 0)
            diag_emit(E0801, a->val.loc, "完成目标可能性 “%s” is not 确定能, 有可能 or 完全不可能", a->val.text);
        if (a->kind == A_FORECAST) {
            forecast = true;
            if (t) {
                Stmt f = *s;            /* the forecast checked as a value of the line */
                f.val = a->val;
                f.op = OP_NONE;
                check_actual_value(std, arena, src, &f, t);
            }
        }
    }
    return !(monitoring && forecast && s->val.kind == V_NONE);
}

/* A special row (全年预算数 …) in the wrong kind of block: E0514. */
static bool special_misplaced(const Stmt *s, ActSpecial special, bool monitoring)
{
    ActStage st = dom_special_stage(special);
    if (st == STAGE_BOTH || st == (monitoring ? STAGE_MID_YEAR : STAGE_YEAR_END))
        return false;
    if (monitoring) {
        diag_emit(E0514, s->name_loc, "“%s” is a figure of the year-end actuals, not of monitoring", s->name);
        diag_hint("a 实际 block gives the year-end figures; a 监控 block gives 累计执行数 and 全年预计执行数");
    } else {
        diag_emit(E0514, s->name_loc, "“%s” is a figure of mid-year monitoring, not of the year-end actuals",
                  s->name);
        diag_hint("a 监控 block gives it; a 实际 block gives 全年执行数");
    }
    return true;
}

static void check_actual(const Stdlib *std, Arena *arena, const Source *src, const Decl *d, const Decl *proj)
{
    bool monitoring = d->kind == D_MONITORING;
    StrMap inds, seen;
    map_init(&inds, arena, 32);
    map_init(&seen, arena, 32);
    collect_indicators(&inds, proj->body, 0);
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY) {
            diag_emit(E0416, s->loc, "actuals are lines “指标名 值”");
            continue;
        }
        const Stmt *prev = map_put(&seen, s->name, (void *)s);
        if (prev != s) {
            diag_emit(E0504, s->name_loc, "an actual for “%s” is given twice", s->name);
            diag_note(prev->name_loc, "first given here");
            continue;
        }
        ActSpecial special = dom_special(s->name);
        if (special != AS_COUNT && special_misplaced(s, special, monitoring))
            continue;
        if (special != AS_COUNT) {
            Decimal y;
            if (s->val.kind == V_NONE)
                diag_emit(E0503, s->name_loc, "no actual value for “%s”", s->name);
            else
                val_special_amount(std, special, ast_funds_unit(proj), proj->name, src, &s->val, &y);
            continue;
        }
        const Stmt *t = map_get(&inds, s->name);
        if (!t) {
            diag_emit(E0502, s->name_loc, "project “%s” has no indicator “%s”", proj->name, s->name);
            const char *cands[256];
            int n = 0;
            for (uint32_t i = 0; i < inds.cap && n < 256; i++)
                if (inds.keys[i])
                    cands[n++] = inds.keys[i];
            suggest(s->name, cands, n);
            continue;
        }
        if (check_stage_attrs(std, arena, src, s, t, monitoring))
            check_actual_value(std, arena, src, s, t);
    }
    if (monitoring)
        return;                 /* an indicator not reported yet is pgc monitor's 未填报 (W0804) */
    int missing = 0;
    const char *first = NULL;
    for (uint32_t i = 0; i < inds.cap; i++) {
        if (inds.keys[i] && !map_get(&seen, inds.keys[i])) {
            if (!first || strcmp(inds.keys[i], first) < 0)
                first = inds.keys[i];
            missing++;
        }
    }
    if (missing)
        diag_emit(W0501, d->name_loc,
                  /* TRANSLATORS: %d is how many indicators have no actual
                   * value, then the project and one of those indicators. */
                  ngettext("no actual value for %d indicator of “%s” (e.g. “%s”)",
                           "no actual value for %d indicators of “%s” (e.g. “%s”)", missing),
                  missing, proj->name, first);
}

/* ---- a file --------------------------------------------------------------- */

void chk_file(const Stdlib *std, const File *f, Arena *arena)
{
    StrMap projects;
    map_init(&projects, arena, 16);
    for (const Decl *d = f->decls; d; d = d->next) {
        if (d->kind != D_PROJECT)
            continue;
        const Decl *prev = map_put(&projects, d->name, (void *)d);
        if (prev != d) {
            diag_emit(E0308, d->name_loc, "a second project named “%s”", d->name);
            diag_note(prev->name_loc, "the first one");
        }
        check_project(std, arena, d, f->had_errors);
    }
    for (const Decl *d = f->decls; d; d = d->next) {
        switch (d->kind) {
        case D_PROJECT:
            break;
        case D_ACTUAL:
        case D_MONITORING: {
            const Decl *proj = map_get(&projects, d->name);
            if (proj) {
                check_actual(std, arena, f->src, d, proj);
            } else {
                diag_emit(E0501, d->name_loc, "actuals for “%s”, but this file has no project of that name",
                          d->name);
                const char *cands[256];
                int n = 0;
                for (uint32_t i = 0; i < projects.cap && n < 256; i++)
                    if (projects.keys[i])
                        cands[n++] = projects.keys[i];
                suggest(d->name, cands, n);
            }
            break;
        }
        case D_USE:
            if (!std_scheme(std, d->name))
                diag_emit(E0309, d->name_loc, "no 评分方案 named “%s”", d->name);
            break;
        case D_SCHEME: case D_MONITOR: case D_SCALE: case D_ORDINAL: case D_UNITS: case D_CATEGORY: case D_NAMING:
            break;          /* added to the library before the files were checked (std_open) */
        default:
            diag_emit(E0416, d->loc, "“%s” declarations belong in the standard library (see PGC_PATH)",
                      ast_decl_keyword(d->kind));
        }
    }
}

bool chk_load(const Stdlib *std, const char *path, Source *src, File *f, Arena *arena)
{
    if (!src_open(src, path))
        return false;
    diag_begin_file(src, arena);
    parse_file(src, arena, f);
    if (!diag_too_many())
        chk_file(std, f, arena);
    return true;
}
