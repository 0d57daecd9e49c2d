/*
 * selfeval.c — pgc import's 自评表: what a 项目支出绩效自评表 has that a
 * 申报表 has not, into the 实际 block of its project.
 *
 * At the end of the year the same project comes back as a 自评表 (the
 * national layout of 财预〔2020〕10号's annex): its header (项目名称,
 * 主管部门, 实施单位), a funds block whose columns are the year's figures
 * (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), the
 * 年度总体目标 in two halves (预期目标 | 实际完成情况), and the indicator
 * table with four columns more (实际完成值 | 分值 | 得分 | 偏差原因分析及改
 * 进措施), closed by a 总分 row.  A form is one when its title says
 * 自评表 or a header row names one of those columns (head.c); from then on
 * the rows are read by the code of a 申报表 wherever they are the same —
 * the header fields, the categories, the targets — and here where they
 * are not.
 *
 * Here columns matter more than in a 申报表: a funds row is a label and
 * six figures, an indicator row a target and four, and an empty cell (a
 * merged one, a —) leaves no trace but a gap.  So a figure goes to the
 * column its header names, the row's shift taken off (a row that lost
 * its leading tab), and only what stands in no named column falls back on
 * the order of the layout.
 *
 * The project is written as for a 申报表 — its 资金 from the 年初预算数
 * column, in the form's unit — and after it a `实际` block with every
 * figure the form publishes: 全年预算数, 全年执行数 with the budget row's
 * 分值 and 得分, 执行率, each indicator's 实际完成值 with its 分值, 得分
 * and 偏差原因, and the 总分, so that `pgc eval` scores the file alone and
 * audits what was published (W0503, W0505).  What the .pg language has no
 * line for — the figures of 当年财政拨款 and the other parts, the 实际完成
 * 情况 of the goal — is a comment there.  A 自评表 carries no plan dates
 * (and at times no 主管部门), which every project needs: they are taken
 * from the 年度 (and the 实施单位) with a warning (W0710) and a `# 待核实`
 * line, so the file passes `pgc check` and the doubt stays visible.  A
 * figure that cannot be read is an error at its cell (E0713), one that is
 * missing the error of a missing part (E0703).
 */
#include "import.h"

#include <stdlib.h>

/* ---- columns ------------------------------------------------------------ */

void imp_se_begin(Imp *im, Form *f)
{
    if (f->se)
        return;
    SelfEval *se = arena_alloc(im->arena, sizeof *se);
    for (int i = 0; i < FC_COUNT; i++)
        se->fcol[i] = -1;
    for (int i = 0; i < IC_COUNT; i++)
        se->icol[i] = -1;
    se->expect_col = se->done_col = -1;
    se->spent_attrs = "";
    f->se = se;
}

/* 分值, 得分 and 实际完成情况 are columns of both the funds block and the
 * indicator table (or the goal): which, the part of the form says. */
void imp_se_mark(Imp *im, Form *f, Label l, const Cell *c)
{
    (void)im;
    SelfEval *se = f->se;
    bool ind = f->sec == SEC_IND;
    switch (l) {
    case L_SE_INIT: se->fcol[FC_INIT] = c->col; break;
    case L_SE_BUDGET: se->fcol[FC_BUDGET] = c->col; break;
    case L_SE_SPENT: se->fcol[FC_SPENT] = c->col; break;
    case L_SE_RATE: se->fcol[FC_RATE] = c->col; break;
    case L_WEIGHT: *(ind ? &se->icol[IC_WEIGHT] : &se->fcol[FC_WEIGHT]) = c->col; break;
    case L_SE_SCORE: *(ind ? &se->icol[IC_SCORE] : &se->fcol[FC_SCORE]) = c->col; break;
    case L_COLV: se->icol[IC_TARGET] = c->col; break;
    case L_SE_ACTUAL: se->icol[IC_ACTUAL] = c->col; break;
    case L_SE_DONE: *(ind ? &se->icol[IC_ACTUAL] : &se->done_col) = c->col; break;
    case L_SE_REASON: se->icol[IC_REASON] = c->col; break;
    case L_SE_EXPECT: se->expect_col = c->col; break;
    default: break;
    }
}

/* Puts the cells of r from `from` on into n slots: a cell into the slot
 * of the column it stands in (cols[i], the row's offset taken off), else
 * into the first free slot after the last one filled.  Returns the first
 * cell that has no slot, or r->n. */
static int by_columns(const Row *r, int from, int offset, const int *cols, int n, const Cell **slot)
{
    int last = -1;
    for (int i = 0; i < n; i++)
        slot[i] = NULL;
    for (int j = from; j < r->n; j++) {
        const Cell *c = &r->cells[j];
        int s = -1;
        for (int i = 0; i < n && s < 0; i++)
            if (cols[i] >= 0 && cols[i] == c->col - offset && !slot[i])
                s = i;
        for (int i = last + 1; i < n && s < 0; i++)
            if (!slot[i])
                s = i;
        if (s < 0)
            return j;
        slot[s] = c;
        last = s;
    }
    return r->n;
}

/* ---- published figures -------------------------------------------------- */

/* A figure as printed (10, 8.62, 98.620: its precision is audited), with
 * a trailing 分 or % dropped; NULL for an empty cell.  One that cannot be
 * read is an error at the cell, with a note.  what is the column (分值,
 * 得分, 执行率, 总分), of the row's name. */
static const char *figure(Imp *im, const char *what, const char *of, const Cell *c, Decimal *v,
                          const char **notes)
{
    char *s = imp_fold(im->arena, c->s, c->n);
    if (imp_is_placeholder(s))
        return NULL;
    bool pct = strcmp(what, "执行率") == 0;
    const char *suffix = pct ? "%" : "分";
    if (str_ends(s, suffix))
        s[strlen(s) - strlen(suffix)] = 0;
    Decimal d;
    bool grouped, bad;
    size_t k = imp_scan_number(s, &d, &grouped, &bad);
    if (k == 0 || s[k] || bad || grouped) {
        /* TRANSLATORS: the column (分值, 得分, 执行率 or 总分), the cell's
           text, then the row: an indicator, 年度资金总额 or the project. */
        diag_emit(E0713, c->loc, "the %s “%s” of “%s” is not a number", what, imp_one_line(im->arena, c->s), of);
        imp_note(im, notes, "待核实：自评表原文%s“%s”无法识别", what, c->s);
        return NULL;
    }
    if (v)
        *v = d;
    char b[DEC_BUF];
    dec_format(d, false, b);
    return arena_printf(im->arena, "%s%s", b, pct ? "%" : "");
}

/* " 分值 N 得分 N" of a row, from its cells (NULL: none); *w its 分值. */
static const char *score_attrs(Imp *im, const char *of, const Cell *weight, const Cell *score, Decimal *w,
                               bool *has_w, const char **notes)
{
    const char *wt = weight ? figure(im, "分值", of, weight, w, notes) : NULL;
    const char *st = score ? figure(im, "得分", of, score, NULL, notes) : NULL;
    *has_w = wt != NULL;
    return arena_printf(im->arena, "%s%s%s%s", wt ? " 分值 " : "", wt ? wt : "", st ? " 得分 " : "", st ? st : "");
}

/* ---- the funds block ---------------------------------------------------- */

/* The row's funds label: its cell, or -1 when the row is none (or holds
 * other labels: a 申报表's funds in a 自评表's clothes). */
static int funds_label(Imp *im, Form *f, const Row *r, Field *fl)
{
    int k = -1;
    const Cell *funds = NULL;
    const char *paren, *unit = NULL;
    for (int i = 0; i < r->n; i++) {
        Label l = imp_label_of(im, &r->cells[i], &paren);
        Field x = l == L_TOTAL ? F_TOTAL : l == L_APPROP ? F_APPROP : l == L_CARRY ? F_CARRY
                : l == L_OTHER ? F_OTHER : F_COUNT;
        if (l == L_FUNDS && k < 0 && !funds) {
            funds = &r->cells[i];       /* 项目资金（万元） in the first row of the block */
            unit = paren;
            continue;
        }
        if (l == L_NONE)
            continue;
        if (x == F_COUNT || k >= 0)
            return -1;
        k = i;
        *fl = x;
    }
    if (k >= 0 && funds)
        imp_funds_unit(im, f, funds, unit);
    return k;
}

/* The figures of 当年财政拨款 and the other parts beyond their 年初预算数:
 * a comment in the 实际 block (the language has no line for them). */
static void part_figures(Imp *im, Form *f, const Cell *label, const Cell *const *slot)
{
    static const char *const names[FC_COUNT] = { "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分" };
    Buf b = { 0 };
    for (int i = FC_BUDGET; i < FC_COUNT; i++) {
        if (!slot[i] || imp_is_placeholder(imp_fold(im->arena, slot[i]->s, slot[i]->n)))
            continue;
        buf_printf(&b, "%s%s %s", b.n ? "，" : "", names[i], slot[i]->s);
    }
    if (b.n)
        imp_note(im, &f->se->fund_notes, "自评表原文：%s %.*s", imp_tidy(im->arena, label->s, label->n), (int)b.n,
                 b.s);
    buf_free(&b);
}

/* The 年度资金总额 row: the 实际 block's budget lines. */
static void total_figures(Imp *im, Form *f, const Cell *label, const Cell *const *slot)
{
    SelfEval *se = f->se;
    se->funds_read = true;
    se->funds_loc = label->loc;
    if (slot[FC_BUDGET])
        se->budget = imp_amount_pg(im, f, "全年预算数", slot[FC_BUDGET], &se->notes);
    if (slot[FC_SPENT])
        se->spent = imp_amount_pg(im, f, "全年执行数", slot[FC_SPENT], &se->notes);
    if (slot[FC_RATE])
        se->rate = figure(im, "执行率", "年度资金总额", slot[FC_RATE], NULL, &se->notes);
    se->spent_attrs = score_attrs(im, "年度资金总额", slot[FC_WEIGHT], slot[FC_SCORE], &se->weight,
                                  &se->has_weight, &se->notes);
}

bool imp_se_funds_row(Imp *im, Form *f, const Row *r)
{
    SelfEval *se = f->se;
    Field fl = F_COUNT;
    int k = f->sec == SEC_IND ? -1 : funds_label(im, f, r, &fl);
    if (k < 0)
        return false;
    int first = -1;
    for (int i = 0; i < FC_COUNT; i++)
        if (se->fcol[i] >= 0 && (first < 0 || se->fcol[i] < first))
            first = se->fcol[i];
    const Cell *label = &r->cells[k];
    int offset = first > 0 ? label->col - (first - 1) : 0;
    const Cell *slot[FC_COUNT];
    int stray = by_columns(r, k + 1, offset, se->fcol, FC_COUNT, slot);
    Item *it = &f->item[fl];
    it->loc = label->loc;
    it->labelled = true;
    if (slot[FC_INIT]) {
        it->loc = slot[FC_INIT]->loc;
        const char *pg = imp_amount_pg(im, f, imp_field_names[fl], slot[FC_INIT], &it->notes);
        if (pg)
            it->pg = pg;
    }
    if (fl == F_TOTAL)
        total_figures(im, f, label, slot);
    else
        part_figures(im, f, label, slot);
    if (stray < r->n)
        imp_stray_cells(im, &f->head_notes, &r->cells[stray], imp_row_text(im, r, stray));
    return true;
}

/* ---- the goal ----------------------------------------------------------- */

void imp_se_done(Imp *im, Form *f, const Cell *c)
{
    SelfEval *se = f->se;
    if (imp_is_placeholder(imp_fold(im->arena, c->s, c->n)))
        return;
    if (!se->done)
        se->done_loc = c->loc;
    se->done = imp_join_text(im, se->done, c->s);
}

/* ---- the indicator table ------------------------------------------------ */

/* A category cell with its weight: 产出指标(50分), 数量指标（20）.  *name
 * and *weight get the two parts.  (成本指标 is a 一级 in some layouts and
 * a 二级 in others: the row's place decides, not this.) */
static bool weighted_category(Imp *im, const Cell *c, const char **name, const char **weight)
{
    char *s = imp_fold(im->arena, c->s, c->n);
    char *open = strrchr(s, '(');
    size_t n = strlen(s);
    if (n == 0 || !open || open == s || s[n - 1] != ')')
        return false;
    s[n - 1] = 0;
    *open = 0;
    char *w = open + 1;
    if (str_ends(w, "分"))
        w[strlen(w) - strlen("分")] = 0;
    Decimal d;
    bool grouped, bad;
    size_t k = imp_scan_number(w, &d, &grouped, &bad);
    if (k == 0 || w[k] || bad || grouped || (!std_level1(im->std, s) && !std_level2_owner(im->std, s)))
        return false;
    *name = s;
    *weight = w;
    return true;
}

const char *imp_se_weight_of(const CatWeights *cw, const Cell *c)
{
    for (int i = 0; i < 2; i++)
        if (c && cw->at[i] == c)
            return cw->weight[i];
    return NULL;
}

Row imp_se_plain_row(Imp *im, const Row *r, CatWeights *cw)
{
    Row out = *r;
    *cw = (CatWeights){ { NULL, NULL }, { NULL, NULL } };
    int found = 0;
    for (int i = 0; i < r->n && found < 2; i++) {
        const char *name, *w;
        if (!weighted_category(im, &r->cells[i], &name, &w))
            continue;
        if (out.cells == r->cells) {
            out.cells = arena_alloc(im->arena, (size_t)r->n * sizeof *out.cells);
            memcpy(out.cells, r->cells, (size_t)r->n * sizeof *out.cells);
        }
        out.cells[i].s = name;
        out.cells[i].n = strlen(name);
        cw->weight[found] = w;
        cw->at[found++] = &out.cells[i];
    }
    return out;
}

bool imp_se_total_row(Imp *im, Form *f, const Row *r)
{
    const char *paren;
    if (r->n == 0 || imp_label_of(im, &r->cells[0], &paren) != L_SE_SUM)
        return false;
    SelfEval *se = f->se;
    const Cell *v[2] = { NULL, NULL };     /* the last two figures: 分值, 得分 */
    for (int i = 1; i < r->n; i++) {
        if (imp_is_placeholder(imp_fold(im->arena, r->cells[i].s, r->cells[i].n)))
            continue;
        v[0] = v[1];
        v[1] = &r->cells[i];
    }
    se->total_loc = r->cells[0].loc;
    if (v[1])
        se->total = figure(im, "总分", f->name, v[1], NULL, &se->notes);
    if (v[0])
        se->total_weight = figure(im, "分值", "总分", v[0], NULL, &se->notes);
    return true;
}

void imp_se_cells(Imp *im, const Form *f, const Row *r, int from, int offset, const Cell *slot[IC_COUNT],
                  const char **notes)
{
    int stray = by_columns(r, from, offset, f->se->icol, IC_COUNT, slot);
    if (stray < r->n)
        imp_stray_cells(im, notes, &r->cells[stray], imp_row_text(im, r, stray));
}

/* An indicator without a figure the table has a column for. */
static void no_figure(Imp *im, const Node *n, const Cell *nc, const char *what, const char **notes)
{
    /* TRANSLATORS: the indicator, then 实际完成值 or 分值. */
    diag_emit(E0703, nc->loc, "indicator “%s” has no %s", n->name, what);
    imp_note(im, notes, "待核实：自评表中没有%s", what);
}

void imp_se_actual(Imp *im, Form *f, Node *n, const Cell *nc, const Cell *const slot[IC_COUNT])
{
    const char *notes = NULL;
    const char *v = slot[IC_ACTUAL] ? imp_actual_pg(im, n->name, slot[IC_TARGET], slot[IC_ACTUAL], &notes) : NULL;
    if (!v)
        no_figure(im, n, slot[IC_ACTUAL] ? slot[IC_ACTUAL] : nc, "实际完成值", &notes);
    const char *attrs = score_attrs(im, n->name, slot[IC_WEIGHT], slot[IC_SCORE], &n->w, &n->has_w, &notes);
    const Cell *w = slot[IC_WEIGHT];
    if (f->se->icol[IC_WEIGHT] >= 0 && (!w || imp_is_placeholder(imp_fold(im->arena, w->s, w->n))))
        no_figure(im, n, w ? w : nc, "分值", &notes);
    const Cell *why = slot[IC_REASON];
    if (why && !imp_is_placeholder(imp_fold(im->arena, why->s, why->n)))
        attrs = arena_printf(im->arena, "%s 偏差原因 %s", attrs,
                             imp_pg_string(im->arena, imp_tidy(im->arena, why->s, why->n)));
    if (v)
        n->actual = arena_printf(im->arena, "%s%s", v, attrs);
    else if (*attrs)
        imp_note(im, &notes, "自评表原文：%s%s", imp_pg_name(im->arena, n->name), attrs);
    n->act_notes = notes;
}

/* ---- a form complete ---------------------------------------------------- */

/* The plan's dates, from the 年度: its first and last days. */
static void plan_dates(Imp *im, Form *f, bool both)
{
    Item *s = &f->item[F_START], *e = &f->item[F_END];
    Date d0 = { f->year, 1, 1 }, d1 = { f->year, 12, 31 };
    bool it_start = !s->pg;
    if (both) {
        s->pg = imp_date_pg(im, &d0);
        e->pg = imp_date_pg(im, &d1);
        diag_emit(W0710, f->loc, "the 自评表 gives no 计划开始日期 nor 计划完成日期: %s and %s are written, from 年度 %d",
                  s->pg, e->pg, f->year);
    } else {
        Item *it = s->pg ? e : s;
        it->pg = imp_date_pg(im, it == s ? &d0 : &d1);
        Field fl = it == s ? F_START : F_END;
        /* TRANSLATORS: the field (计划开始日期 or 计划完成日期), the date
           written, the 年度 it is taken from. */
        diag_emit(W0710, f->loc, "the 自评表 gives no %s: %s is written, from 年度 %d", imp_field_names[fl],
                  it->pg, f->year);
    }
    diag_hint("a 自评表 has no plan dates; a project that does not run the whole year has others: see its 申报表");
    if (both || it_start)
        imp_note(im, &s->notes, "待核实：自评表未载明计划开始日期，按年度取 %s", s->pg);
    if (both || !it_start)
        imp_note(im, &e->notes, "待核实：自评表未载明计划完成日期，按年度取 %s", e->pg);
}

/* A table without a 年初预算数 column: the 资金's 年度资金申请总额 is its
 * 全年预算数. */
static bool initial_budget(Imp *im, Form *f)
{
    SelfEval *se = f->se;
    Item *it = &f->item[F_TOTAL];
    if (se->fcol[FC_INIT] >= 0 || se->fcol[FC_BUDGET] < 0 || !se->budget)
        return false;
    it->pg = se->budget;
    diag_emit(W0710, se->funds_loc, "the 自评表 has no 年初预算数: its 全年预算数 %s is written as the 年度资金申请总额",
              se->budget);
    imp_note(im, &it->notes, "待核实：自评表未载明年初预算数，暂按全年预算数填写");
    return true;
}

bool imp_se_missing(Imp *im, Form *f, Field fl)
{
    Item *it = &f->item[fl];
    if (fl == F_START || fl == F_END) {
        if (f->year) {
            plan_dates(im, f, !f->item[F_START].pg && !f->item[F_END].pg);
            return true;
        }
        diag_emit(W0710, f->loc, "the 自评表 gives no %s, nor a 年度 to take it from", imp_field_names[fl]);
        imp_note(im, &it->notes, "待核实：自评表未载明%s", imp_field_names[fl]);
        return true;
    }
    if (fl == F_TOTAL)
        return initial_budget(im, f);
    if (fl != F_DEPT)
        return false;
    const Item *unit = &f->item[F_UNIT];
    if (!unit->pg) {
        diag_emit(W0710, f->loc, "the 自评表 gives no %s, nor a 实施单位 to take it from", imp_field_names[fl]);
        imp_note(im, &it->notes, "待核实：自评表未载明主管部门");
        return true;
    }
    it->pg = unit->pg;
    diag_emit(W0710, f->loc, "the 自评表 gives no 主管部门: its 实施单位 %s is written", unit->pg);
    diag_hint("the 主管部门 is the department the 实施单位 reports to: see the project's 申报表");
    imp_note(im, &it->notes, "待核实：自评表未载明主管部门，暂按实施单位填写");
    return true;
}

/* The 分值 of the indicators under group g (both levels); false when one
 * has none. */
/* A weight printed in the form (产出指标(50分), the 总分 row's 分值)
 * against the 分值 of its rows. */
static void printed_weight(Imp *im, const char *printed, Decimal sum, Loc at, const char *group,
                           const char **notes)
{
    Decimal p;
    if (dec_parse(printed, strlen(printed), &p) != DEC_OK || dec_cmp(p, sum) == 0)
        return;
    char b[DEC_BUF];
    dec_format(sum, false, b);
    if (group)
        diag_emit(W0711, at, "the 分值 under “%s” add up to %s; the 自评表 prints %s", group, b, printed);
    else
        diag_emit(W0711, at, "the 分值 add up to %s with the budget row's; the 总分 row prints %s", b, printed);
    imp_note(im, notes, "自评表原文：%s分值 %s，各行分值合计 %s", group ? group : "总分一行", printed, b);
}

/* The printed weights of g's groups and of their groups, against the
 * 分值 under each; false (and *sum untouched) when a row under g has none. */
static bool check_group_weights(Imp *im, Node *g, Decimal *sum)
{
    Decimal mine = dec_from_int(0);
    bool ok = true;
    for (Node *k = g->kids; k; k = k->next) {
        if (k->group)
            ok = check_group_weights(im, k, &mine) && ok;
        else
            ok = ok && k->has_w && dec_add(mine, k->w, &mine) == DEC_OK;
    }
    if (ok && g->weight)
        printed_weight(im, g->weight, mine, g->weight_loc, g->name, &g->notes);
    return ok && dec_add(*sum, mine, sum) == DEC_OK;
}

static void check_weights(Imp *im, Form *f)
{
    SelfEval *se = f->se;
    Decimal all = se->weight;
    bool whole = se->has_weight;
    whole = check_group_weights(im, &f->root, &all) && whole;
    if (whole && se->total_weight)
        printed_weight(im, se->total_weight, all, se->total_loc, NULL, &se->notes);
}

void imp_se_finish(Imp *im, Form *f)
{
    SelfEval *se = f->se;
    static const char *const what[] = { "全年预算数", "全年执行数" };
    const char *have[] = { se->budget, se->spent };
    for (int i = 0; i < 2 && se->funds_read; i++) {
        if (have[i])
            continue;
        diag_emit(E0703, se->funds_loc, "the 自评表 of “%s” has no %s", f->name, what[i]);
        imp_note(im, &se->notes, "待核实：自评表中没有%s", what[i]);
    }
    check_weights(im, f);
}

/* ---- the 实际 block ----------------------------------------------------- */

static void gen_actuals(Imp *im, Buf *b, const Node *g)
{
    for (const Node *n = g->kids; n; n = n->next) {
        if (n->group) {
            gen_actuals(im, b, n);
            continue;
        }
        imp_gen_notes(b, 1, n->act_notes);
        if (n->actual)
            buf_printf(b, "    %s %s\n", imp_pg_name(im->arena, n->name), n->actual);
    }
}

void imp_se_gen(Imp *im, const Form *f, Buf *b)
{
    const SelfEval *se = f->se;
    buf_printf(b, "\n实际 %s {\n", imp_pg_name(im->arena, f->name));
    if (se->done)
        buf_printf(b, "    # 实际完成情况：%s\n", imp_one_line(im->arena, se->done));
    imp_gen_notes(b, 1, se->notes);
    if (se->budget)
        buf_printf(b, "    全年预算数 %s\n", se->budget);
    if (se->spent)
        buf_printf(b, "    全年执行数 %s%s\n", se->spent, se->spent_attrs);
    else if (*se->spent_attrs)
        buf_printf(b, "    # 自评表原文：年度资金总额%s\n", se->spent_attrs);
    if (se->rate)
        buf_printf(b, "    执行率 %s\n", se->rate);
    imp_gen_notes(b, 1, se->fund_notes);
    buf_str(b, "\n");
    gen_actuals(im, b, &f->root);
    if (se->total)
        buf_printf(b, "    总分 %s\n", se->total);
    buf_str(b, "}\n");
}
