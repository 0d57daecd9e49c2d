/*
 * head.c — pgc import's header: the rows of a form above its indicator
 * table, to the Form's fields, funds and goals.
 *
 * A header row is labels and their values, in whatever columns they came
 * (项目名称 | 交换平台运行费 | 项目性质 | 经常性项目): a cell is a label when
 * its text, folded and without brackets, colons or a leading 其中, is one
 * of `labels`, and its value is the next cell that is no label.  Columns
 * matter only where the text cannot settle it: which half of the funds
 * block a 其他资金 belongs to (the project's life or this year), which of
 * the two goals a line of text continues.  The labels also say where the
 * form is — header, goals, indicators — so the driver (import.c) knows
 * where a row goes.  Every value becomes .pg text at once (a name, a
 * date, an amount with its unit), with a diagnostic and a note where it
 * cannot be read exactly.
 */
#include "import.h"

#include <ctype.h>
#include <stdlib.h>

/* ---- labels ------------------------------------------------------------- */

static const struct {
    const char *text;
    Label label;
} labels[] = {
    { "项目名称", L_NAME }, { "项目性质", L_NATURE }, { "项目类别", L_KIND },
    { "主管部门", L_DEPT }, { "实施单位", L_UNIT },
    { "计划开始日期", L_START }, { "计划开始时间", L_START },
    { "计划完成日期", L_END }, { "计划完成时间", L_END }, { "计划结束日期", L_END },
    { "项目资金", L_FUNDS }, { "资金情况", L_FUNDS }, { "项目资金总额", L_LIFE }, { "财政资金", L_LIFE_FISCAL },
    { "其他资金", L_OTHER }, { "年度资金申请总额", L_TOTAL }, { "年度资金总额", L_TOTAL },
    { "当年财政拨款", L_APPROP }, { "上年结转资金", L_CARRY },
    { "项目绩效目标", L_GOALS }, { "绩效目标", L_GOALS },
    { "项目总体目标", L_GOAL_ALL }, { "年度总体目标", L_GOAL_YEAR }, { "年度绩效目标", L_GOAL_YEAR },
    { "绩效指标", L_INDICATORS }, { "一级指标", L_COL1 }, { "二级指标", L_COL2 },
    { "三级指标", L_COL3 }, { "年度指标值", L_COLV }, { "指标值", L_COLV },
    { "年度目标值", L_COLV }, { "目标值", L_COLV }, { "运算符", L_COLOP }, { "计量单位", L_COLUNIT },
    { "度量单位", L_COLUNIT }, { "分值", L_WEIGHT }, { "权重", L_WEIGHT },
};

const char *const imp_field_names[F_COUNT] = {
    "项目性质", "项目类别", "主管部门", "实施单位", "计划开始日期", "计划完成日期",
#define FUND(id, name) name,
#include "domain.def"
    "财政资金", "其他资金", "项目总体目标", "年度总体目标",
};

/* The labels only a 自评表 has (项目支出绩效自评表, the national layout of
 * 财预〔2020〕10号): its funds columns, its actuals' columns, the two
 * halves of its goal and its 总分 row.  They are labels in a 自评表 alone,
 * so that a 申报表 is read as it always was. */
static const struct {
    const char *text;
    Label label;
} se_labels[] = {
    { "本年财政拨款", L_APPROP }, { "年初预算数", L_SE_INIT }, { "全年预算数", L_SE_BUDGET },
    { "全年执行数", L_SE_SPENT }, { "全年执行", L_SE_SPENT }, { "执行率", L_SE_RATE }, { "得分", L_SE_SCORE },
    { "实际完成值", L_SE_ACTUAL }, { "实际值", L_SE_ACTUAL }, { "全年实际值", L_SE_ACTUAL }, { "偏差原因分析及改进措施", L_SE_REASON },
    { "偏差原因分析", L_SE_REASON }, { "偏差原因", L_SE_REASON }, { "偏差原因及改进措施", L_SE_REASON },
    { "未完成原因分析", L_SE_REASON }, { "未完成原因及拟采取的改进措施", L_SE_REASON }, { "预期目标", L_SE_EXPECT }, { "年初设定目标", L_SE_EXPECT }, { "实际完成情况", L_SE_DONE },
    { "年度总体目标完成情况综述", L_SE_DONE },
    { "总分", L_SE_SUM }, { "合计", L_SE_SUM }, { "总计", L_SE_SUM },
};

/* A cell's text as a label is known by: folded, without brackets (the
 * first one's text goes to *paren), colons or a leading 其中; NULL for a
 * cell too long to be one. */
static const char *label_key(Imp *im, const Cell *c, const char **paren)
{
    *paren = NULL;
    if (c->n > 96)
        return NULL;
    const char *k = imp_fold(im->arena, c->s, c->n);
    char *key = arena_alloc(im->arena, strlen(k) + 1), *o = key;
    for (const char *s = k; *s;) {
        const char *e;
        if (*s == '(' && (e = strchr(s, ')'))) {
            if (!*paren)
                *paren = arena_strndup(im->arena, s + 1, (size_t)(e - s - 1));
            s = e + 1;
        } else if (*s == ':') {
            s++;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    return str_starts(key, "其中") ? key + strlen("其中") : key;
}

static Label se_label(const char *key)
{
    for (size_t i = 0; key && i < sizeof se_labels / sizeof *se_labels; i++)
        if (strcmp(key, se_labels[i].text) == 0)
            return se_labels[i].label;
    return L_NONE;
}

Label imp_label_of(Imp *im, const Cell *c, const char **paren)
{
    const char *kk = label_key(im, c, paren);
    if (!kk)
        return L_NONE;
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(kk, labels[i].text) == 0)
            return labels[i].label;
    return im->form && im->form->se ? se_label(kk) : L_NONE;
}

/* Whether a row has the columns that make a form a 自评表: 全年执行数,
 * 实际完成值, 得分. */
bool imp_row_is_self_eval(Imp *im, const Row *r)
{
    const char *paren;
    for (int i = 0; i < r->n; i++) {
        Label l = se_label(label_key(im, &r->cells[i], &paren));
        if (l == L_SE_SPENT || l == L_SE_ACTUAL || l == L_SE_SCORE)
            return true;
    }
    return false;
}

bool imp_row_has(Imp *im, const Row *r, Label want)
{
    const char *paren;
    for (int i = 0; i < r->n; i++)
        if (imp_label_of(im, &r->cells[i], &paren) == want)
            return true;
    return false;
}

bool imp_row_has_label(Imp *im, const Row *r)
{
    const char *paren;
    for (int i = 0; i < r->n; i++)
        if (imp_label_of(im, &r->cells[i], &paren) != L_NONE)
            return true;
    return false;
}

/* ---- header fields and amounts ------------------------------------------ */

static void set_text_field(Imp *im, Item *it, const Cell *c)
{
    it->pg = imp_pg_name(im->arena, imp_tidy(im->arena, c->s, c->n));
    it->loc = c->loc;
}

static void set_date_field(Imp *im, Form *f, Field fl, const Cell *c)
{
    Item *it = &f->item[fl];
    const char *s = imp_fold(im->arena, c->s, c->n);
    Date d;
    bool bad;
    size_t k = imp_scan_date(s, &d, &bad);
    it->loc = c->loc;
    if (k == 0 || s[k] || bad) {
        /* TRANSLATORS: the field (计划开始日期 or 计划完成日期), then the
           cell's text. */
        diag_emit(E0704, c->loc, "%s “%s” is not a date", imp_field_names[fl], imp_one_line(im->arena, c->s));
        diag_hint("a date is written 2023-01-01, 2023/1/1 or 2023年1月1日");
        imp_note(im, &it->notes, "待核实：%s原文“%s”不是日期", imp_doc(im), c->s);
        it->pg = imp_pg_string(im->arena, c->s);
        return;
    }
    if (!d.day) {
        /* TRANSLATORS: the field (计划开始日期 or 计划完成日期), then the
           cell's text: a month without a day (2024年1月). */
        diag_emit(E0704, c->loc, "%s “%s” has no day", imp_field_names[fl], imp_one_line(im->arena, c->s));
        imp_note(im, &it->notes, "待核实：%s原文“%s”没有日", imp_doc(im), c->s);
    }
    it->pg = imp_date_pg(im, &d);
}

/* The unit of the form's amounts, from 项目资金 (元), 项目资金（单位：万元）
 * or 年度资金申请总额（万元）: a bracket on an amount's label counts only
 * when it names some 元. */
static void set_funds_unit(Imp *im, Form *f, const Cell *c, const char *paren, bool any)
{
    if (!paren)
        return;
    const char *u = str_starts(paren, "单位") ? paren + strlen("单位") : paren;
    if (!any && !str_ends(u, "元"))
        return;
    const StdUnit *unit = std_unit(im->std, u);
    if (unit && strcmp(unit->dim, "金额") == 0) {
        f->funds_unit = unit->name;
        return;
    }
    /* TRANSLATORS: %s is the unit the form's funds label names (千元). */
    diag_emit(E0704, c->loc, "amounts in “%s”: pgc knows 元 and 万元", imp_one_line(im->arena, u));
    f->funds_unit = ast_name_is_bare(u) ? arena_strndup(im->arena, u, strlen(u)) : "元";
    imp_note(im, &f->head_notes, "待核实：%s的金额单位是“%s”", imp_doc(im), u);
}

const char *imp_amount_pg(Imp *im, Form *f, const char *what, const Cell *c, const char **notes)
{
    char *s = imp_fold(im->arena, c->s, c->n);
    const char *unit = NULL;
    if (strcmp(s, "-") == 0)
        s = arena_strndup(im->arena, "0", 1);   /* a spreadsheet writes 0 as - */
    else if (imp_is_placeholder(s))
        return NULL;
    if (str_starts(s, "¥") || str_starts(s, "￥"))
        s += str_starts(s, "¥") ? strlen("¥") : strlen("￥");
    if (str_ends(s, "万元"))
        unit = "万元";
    else if (str_ends(s, "元"))
        unit = "元";
    if (unit)
        s[strlen(s) - strlen(unit)] = 0;
    bool neg = *s == '-';
    Decimal v;
    bool grouped, bad;
    size_t k = imp_scan_number(s + neg, &v, &grouped, &bad);
    if (k == 0 || s[neg + k] || bad) {
        /* TRANSLATORS: the field (年度资金申请总额, 当年财政拨款, …), then
           the cell's text. */
        diag_emit(E0704, c->loc, "%s “%s” is not an amount", what, imp_one_line(im->arena, c->s));
        diag_hint("an amount is written 446,048.00 or 446048.00");
        imp_note(im, notes, "待核实：%s原文“%s”不是金额", imp_doc(im), c->s);
        return imp_pg_string(im->arena, c->s);
    }
    if (v.scale < 2)
        v = dec_round(v, 2);
    char b[DEC_BUF];
    dec_format(v, true, b);
    if (!unit && f->funds_unit) {
        unit = f->funds_unit;
    } else if (!unit) {
        unit = "元";
        if (!f->unit_assumed.line)
            f->unit_assumed = c->loc;   /* reported once, at imp_finish_form */
    }
    return arena_printf(im->arena, "%s%s %s", neg ? "-" : "", b, unit);
}

void imp_funds_unit(Imp *im, Form *f, const Cell *c, const char *paren)
{
    set_funds_unit(im, f, c, paren, true);
}

static void set_amount(Imp *im, Form *f, Field fl, const Cell *c)
{
    Item *it = &f->item[fl];
    it->loc = c->loc;
    const char *pg = imp_amount_pg(im, f, imp_field_names[fl], c, &it->notes);
    if (pg)
        it->pg = pg;
}

/* ---- header rows -------------------------------------------------------- */

Form *imp_new_form(Imp *im, const Cell *at)
{
    if (im->form)
        imp_finish_form(im, im->form);
    Form *f = arena_alloc(im->arena, sizeof *f);
    f->loc = at->loc;
    f->year = im->year;
    f->c1 = 1;
    f->c2 = 2;
    f->c3 = 3;
    f->cw = f->gp = f->ga = f->life_col = f->year_col = -1;
    f->root.group = true;
    if (im->last)
        im->last->next = f;
    else
        im->first = f;
    im->last = f;
    im->form = f;
    im->nforms++;
    if (im->self_eval)
        imp_se_begin(im, f);
    return f;
}

/* The year of a `(2023年度)` line, or of a title such as
 * 2024年度项目支出绩效目标申报表; 0 when s is neither. */
static int year_of(const char *s, bool title)
{
    const char *p = strstr(s, "年度");
    int y;
    if (!p || p - s < 4 || imp_scan_digits(p - 4, 4, &y) != 4 || (p - s > 4 && isdigit((unsigned char)p[-5])))
        return 0;
    const char *q = p + strlen("年度");
    bool alone = (p - s == 4 && !*q) || (p - s == 5 && s[0] == '(' && strcmp(q, ")") == 0);
    return (alone || title) && y >= 1900 && y <= 2200 ? y : 0;
}

/* A title (…申报表, …自评表) or a `(2023年度)` line: ends the form before
 * it and gives the 年度 of the forms after it, and whether they are
 * 自评表.  False for any other cell. */
bool imp_title_or_year(Imp *im, const Cell *c)
{
    const char *s = imp_fold(im->arena, c->s, c->n);
    bool se = strstr(s, "自评表") != NULL;
    bool title = (strstr(s, "申报表") || se) && utf8_count(s, strlen(s)) <= 40;
    int y = year_of(s, title);
    if (!title && !y)
        return false;
    if (y)
        im->year = y;
    if (title)
        im->self_eval = se;
    if (title && im->form) {
        imp_finish_form(im, im->form);
        im->form = NULL;
    }
    return true;
}

static bool takes_value(Label l)
{
    switch (l) {
    case L_FUNDS: case L_GOALS: case L_INDICATORS: case L_COL1: case L_COL2: case L_COL3:
    case L_COLV: case L_COLOP: case L_COLUNIT: case L_WEIGHT: case L_NONE:
    case L_SE_INIT: case L_SE_BUDGET: case L_SE_SPENT: case L_SE_RATE: case L_SE_SCORE:
    case L_SE_ACTUAL: case L_SE_REASON: case L_SE_EXPECT: case L_SE_DONE: case L_SE_SUM:
        return false;
    default:
        return true;
    }
}

/* The field label l stands for, or F_COUNT. */
static Field label_field(Label l)
{
    switch (l) {
    case L_NATURE: return F_NATURE;
    case L_KIND: return F_KIND;
    case L_DEPT: return F_DEPT;
    case L_UNIT: return F_UNIT;
    case L_START: return F_START;
    case L_END: return F_END;
    case L_LIFE: return F_LIFE;
    case L_LIFE_FISCAL: return F_LIFE_FISCAL;
    case L_TOTAL: return F_TOTAL;
    case L_APPROP: return F_APPROP;
    case L_CARRY: return F_CARRY;
    case L_GOAL_ALL: return F_GOAL_ALL;
    case L_GOAL_YEAR: return F_GOAL_YEAR;
    default: return F_COUNT;
    }
}

/* A label without a value: where to report the field empty. */
static void label_seen(Form *f, Label l, const Cell *lc)
{
    Field fl = label_field(l);
    if (fl == F_COUNT || f->item[fl].pg || f->item[fl].text)
        return;
    f->item[fl].labelled = true;
    f->item[fl].loc = lc->loc;
}

/* What a label says about the form's layout, apart from its value. */
static void mark_label(Imp *im, Form *f, Label l, const Cell *c, const char *paren)
{
    switch (l) {
    case L_FUNDS: set_funds_unit(im, f, c, paren, true); break;
    case L_LIFE: f->life_col = c->col; set_funds_unit(im, f, c, paren, false); break;
    case L_TOTAL: f->year_col = c->col; set_funds_unit(im, f, c, paren, false); break;
    case L_GOALS: f->sec = SEC_GOALS; break;
    case L_GOAL_ALL: f->gp = c->col; f->sec = SEC_GOALS; label_seen(f, l, c); break;
    case L_GOAL_YEAR: f->ga = c->col; f->sec = SEC_GOALS; label_seen(f, l, c); break;
    case L_INDICATORS: f->sec = SEC_IND; break;
    case L_COL1: f->c1 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COL2: f->c2 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COL3: f->c3 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COLUNIT: f->has_units = true; break;
    case L_WEIGHT: f->cw = c->col; break;
    default: break;
    }
    if (f->se)
        imp_se_mark(im, f, l, c);
}

/* Which half of the funds block a 其他资金 is: the first of two in a row
 * is the project's life, the second this year's; a single one goes by
 * the column it is nearer to. */
static Field other_field(const Form *f, const Cell *c, int nth, int count)
{
    if (count >= 2)
        return nth == 0 ? F_LIFE_OTHER : F_OTHER;
    if (f->life_col >= 0 && f->year_col >= 0 &&
        abs(c->col - f->life_col) < abs(c->col - f->year_col))
        return F_LIFE_OTHER;
    return F_OTHER;
}

static void add_goal(Imp *im, Form *f, Field g, const Cell *c)
{
    Item *it = &f->item[g];
    if (imp_is_placeholder(imp_fold(im->arena, c->s, c->n)))
        return;
    if (!it->text)
        it->loc = c->loc;
    it->text = imp_join_text(im, it->text, c->s);
    f->last_goal = g;
}

/* Sets what label l (in cell lc) says, its value being cell v (NULL: none);
 * other is where a 其他资金 goes. */
static void set_label(Imp *im, Form *f, Label l, const Cell *lc, const Cell *v, Field other)
{
    if (l == L_NAME) {
        const char *name = v ? imp_tidy(im->arena, v->s, v->n) : "";
        if (!*name || imp_is_placeholder(name)) {
            diag_emit(E0703, lc->loc, "the 项目名称 of this form is empty");
            diag_hint("the project's name names its .pg file: the form is not imported without it");
            return;
        }
        f->name = name;
        f->loc = v->loc;
        return;
    }
    Field fl = l == L_OTHER ? other : label_field(l);
    if (!v || (fl <= F_UNIT && imp_is_placeholder(imp_fold(im->arena, v->s, v->n)))) {
        label_seen(f, l, lc);
        return;
    }
    switch (fl) {
    case F_NATURE: case F_KIND: case F_DEPT: case F_UNIT:
        set_text_field(im, &f->item[fl], v);
        return;
    case F_START: case F_END:
        set_date_field(im, f, fl, v);
        return;
    case F_LIFE: case F_TOTAL: case F_APPROP: case F_CARRY: case F_OTHER: case F_LIFE_FISCAL:
    case F_LIFE_OTHER:
        set_amount(im, f, fl, v);
        return;
    case F_GOAL_ALL: case F_GOAL_YEAR:
        add_goal(im, f, fl, v);
        return;
    case F_COUNT:
        return;
    }
}

/* Cells of a row that are no label nor a label's value: kept as comments. */
void imp_stray_cells(Imp *im, const char **notes, const Cell *first, const char *text)
{
    if (im->form && im->form->se)
        diag_emit(W0704, first->loc, "“%s” is not part of the 自评表 as pgc knows it; kept as a comment", text);
    else
        diag_emit(W0704, first->loc, "“%s” is not part of the form as pgc knows it; kept as a comment", text);
    imp_note(im, notes, "%s原文：%s", imp_doc(im), text);
}

/* A row of labels and their values: the header, the funds, the goals'
 * and the indicators' header rows. */
void imp_head_row(Imp *im, Form *f, const Row *r)
{
    const char *paren;
    int nothers = 0, nth = 0;
    for (int i = 0; i < r->n; i++)
        nothers += imp_label_of(im, &r->cells[i], &paren) == L_OTHER;
    Label pending = L_NONE, last = L_NONE;
    const Cell *pc = NULL;
    Field other = F_OTHER;
    Buf stray = { 0 };
    const Cell *stray_first = NULL;
    for (int i = 0; i < r->n; i++) {
        const Cell *c = &r->cells[i];
        Label l = imp_label_of(im, c, &paren);
        if (l == L_NONE && pending) {
            set_label(im, f, pending, pc, c, other);
            last = pending;
            pending = L_NONE;
            continue;
        }
        if (l == L_NONE && f->se && last == L_GOAL_YEAR) {
            imp_se_done(im, f, c);      /* 年度总体目标 | 预期 | 实际完成情况 */
            last = L_NONE;
            continue;
        }
        if (l == L_NONE) {
            if (stray.n)
                buf_str(&stray, " ");
            buf_add(&stray, c->s, c->n);
            stray_first = stray_first ? stray_first : c;
            continue;
        }
        if (pending)
            set_label(im, f, pending, pc, NULL, other);
        last = L_NONE;
        if (l == L_OTHER)
            other = other_field(f, c, nth++, nothers);
        mark_label(im, f, l, c, paren);
        pending = takes_value(l) ? l : L_NONE;
        pc = c;
    }
    if (pending)
        set_label(im, f, pending, pc, NULL, other);
    if (stray_first)
        imp_stray_cells(im, f->sec == SEC_IND ? &f->end_notes : &f->head_notes, stray_first,
                    imp_one_line(im->arena, stray.s));
    buf_free(&stray);
}

/* A 自评表's row of goal text: the 预期目标 (its 年度总体目标) and the
 * 实际完成情况, each by the column it is nearer to; without those labels,
 * the second of two cells is the 实际完成情况. */
static void se_goal_row(Imp *im, Form *f, const Row *r)
{
    const SelfEval *se = f->se;
    for (int i = 0; i < r->n; i++) {
        const Cell *c = &r->cells[i];
        bool done;
        if (se->done_col < 0)
            done = i == 1 && r->n == 2;
        else if (se->expect_col < 0)
            done = c->col >= se->done_col;
        else
            done = abs(c->col - se->done_col) < abs(c->col - se->expect_col);
        if (done)
            imp_se_done(im, f, c);
        else
            add_goal(im, f, F_GOAL_YEAR, c);
    }
}

/* A row of goal text under the goals' header row. */
void imp_goal_row(Imp *im, Form *f, const Row *r)
{
    if (f->se) {
        se_goal_row(im, f, r);
        return;
    }
    if (r->n >= 2) {
        add_goal(im, f, F_GOAL_ALL, &r->cells[0]);
        add_goal(im, f, F_GOAL_YEAR, &r->cells[1]);
        if (r->n > 2)
            imp_stray_cells(im, &f->head_notes, &r->cells[2], imp_row_text(im, r, 2));
        return;
    }
    /* one cell: the goal its column is nearer to — or, at the start of
     * the line, under the label 项目绩效目标, the next paragraph of the
     * goal above (Word ends a line at a paragraph inside a cell) */
    const Cell *c = &r->cells[0];
    Field g = F_GOAL_YEAR;
    if (c->col == 0 && f->gp > 0 && f->last_goal) {
        g = f->last_goal;
        /* TRANSLATORS: %s is the goal's field, 项目总体目标 or 年度总体目标. */
        diag_emit(W0709, c->loc, "a line of its own, read as the next paragraph of the %s above",
                  imp_field_names[g]);
        diag_hint("Word ends a line at a paragraph inside a cell; check the joined text in the .pg file");
        imp_note_once(im, &f->item[g].notes,
                      arena_printf(im->arena, "%s原文：%s分多行，已合并", imp_doc(im), imp_field_names[g]));
    }
    else if (f->ga < 0 && f->gp >= 0)
        g = F_GOAL_ALL;
    else if (f->ga >= 0 && f->gp >= 0 && c->col - f->gp < f->ga - c->col)
        g = F_GOAL_ALL;
    add_goal(im, f, g, c);
}
