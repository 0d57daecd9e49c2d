/*
 * render.c — `pgc render`: the 申报表 drawn back from a .pg file.
 *
 * A .pg project is the source of a 财政项目支出绩效目标申报表; render prints
 * the form itself again, as Markdown (for a review in Git) or as one HTML
 * page (to print on A4 and sign).  The layout is the official one, the one
 * the pasted seed forms in tests/data/seeds/ have: a six-column grid of
 *
 *     财政项目支出绩效目标申报表
 *     (2023年度)
 *     项目名称 | …       | 项目性质     | …                | 项目类别 | …
 *     主管部门 | …       | 实施单位     | … (to the right edge)
 *     计划开始日期 | …   | 计划完成日期 | …
 *     项目资金(元) | 项目资金总额 | … | 年度资金申请总额   | … amount
 *                  | 其中：财政资金 | | 其中：当年财政拨款 | …
 *                  |                | | 上年结转资金       | …
 *                  | 其他资金    |  | 其他资金           | …
 *     项目绩效目标 | 项目总体目标 (2023年-2023年) | 年度总体目标
 *                  | …                            | …
 *     绩效指标     | 一级指标 | 二级指标 | 三级指标 | 年度(/项目)指标值
 *                  | 产出指标 | 数量指标 | 电费缴纳完成率 | =100%
 *                  |          |          | …
 *
 * The left half of the funds block is the project's whole life (only
 * 项目资金总额 has a line in .pg), the right half this year's.  Amounts are
 * in 元 (an amount written in 万元 is converted) with thousands separators
 * and two decimals, computed exactly (decimal.c).  A target is shown as the
 * form writes it, short: the operator and the number (grouped by thousands,
 * its decimals as written) with its unit run together (=100%, ≥90%,
 * =35万张, ≤2工作日, ≤2023-12); a qualitative word
 * or free text alone (稳定, "保障…"), with its operator only when that is
 * not = (≥三级).  A target written without an operator is shown without
 * one, as the seed did (90%).
 *
 * The 一级 and 二级 cells span the rows of their indicators: rowspan in
 * HTML; Markdown has no merged cells, so, as in the seed, the first row
 * carries the name and the rows below leave the cell blank.  An indicator
 * directly under its 一级 (warning W0404) has a 二级 cell of its own, blank
 * in HTML and "—" in Markdown (where a blank would read as the 二级 above
 * going on); a group without indicators still gets one row.  Markdown needs a header row: the
 * 项目名称 row serves.  Cell text is escaped (HTML entities; a backslash
 * before Markdown's punctuation).
 *
 * A file is checked first (parse_file, chk_file) and its diagnostics are
 * printed as `pgc check` prints them; an error anywhere means nothing is
 * rendered (exit 1), warnings do not stop it.  Every 项目 of every file
 * becomes one section — in HTML a page of its own — of one document, on
 * standard output or, with -o, written to a temporary file beside the
 * target and renamed over it, so a failure never leaves half a form.
 *
 * The HTML page is self-contained (inline CSS, no scripts, no external
 * resources), sized for A4 by @page, one table per project with fixed
 * column widths, rows kept whole across page breaks where Chromium allows
 * it (see html_style).  tests/cli/render-chromium.sh prints every example
 * through headless Chromium and reads the PDF back.
 *
 * The work is split in two: form_build reads a project's statements into
 * a Form (every cell's text, already formatted, and the amounts as
 * numbers), and md_form / html_form / xlsx_form print a Form, so the
 * outputs cannot disagree on content.
 *
 * --format xlsx (the default for -o FILE.xlsx) is an Excel workbook
 * (xlsx.c): a summary sheet of the projects, then each project's form on
 * a sheet of its own in the same grid as the HTML, its 一级/二级 cells
 * merged, the amounts numbers in 元 (#,##0.00).  A workbook is binary: it
 * needs -o (-o - writes it to standard output, unless that is a terminal).
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the form: every cell's text --------------------------------------- */

/* One row of the indicator table. */
typedef struct Row {
    const char *l1, *l2;        /* "" on the rows a cell above spans */
    int l1_span, l2_span;       /* on a cell's first row: the rows it spans; else 0 */
    const char *l3;             /* the indicator ("" for an empty group) */
    const char *target;         /* its target as the form shows it */
} Row;

/* A project as the form shows it.  No field is NULL: "" when absent. */
typedef struct Form {
    const char *name, *year;
    const char *nature, *category, *dept, *unit;
    const char *start, *end;
    const char *goal_all, *goal_year;
    const char *goal_years;     /* "(2023年-2023年)" */
    const char *funds[FU_COUNT];
    Decimal amount[FU_COUNT];   /* the funds in 元, two decimals (xlsx: as numbers) */
    bool has_amount[FU_COUNT];  /* a line gives it (funds[] is not "") */
    Row *rows;
    int nrows;
    int nindicators;            /* the rows of an indicator (not of an empty group) */
} Form;

static const char *date_text(const Date *d, Arena *a)
{
    if (d->day)
        return arena_printf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
    return arena_printf(a, "%04d-%02d", d->year, d->month);
}

/* A header field's value as text. */
static const char *value_text(const Value *v, Arena *a)
{
    char d[DEC_BUF];
    switch (v->kind) {
    case V_NONE: return "";
    case V_NUMBER: return arena_printf(a, "%s", dec_format(v->num, false, d));
    case V_DATE: return date_text(&v->date, a);
    case V_WORD:
    case V_STRING: return v->text;
    }
    return "";
}

/* An amount in 元 with two decimals in *yuan; false when it is not one
 * (the checker has reported that already). */
static bool amount_yuan(const Stdlib *std, const Value *v, Decimal *yuan)
{
    *yuan = v->num;
    if (v->kind != V_NUMBER)
        return false;
    if (v->unit) {
        const StdUnit *u = std_unit(std, v->unit);
        if (!u || strcmp(u->dim, "金额") != 0 || dec_mul(v->num, u->factor, yuan) != DEC_OK)
            return false;
    }
    *yuan = dec_round(*yuan, 2);
    return true;
}

/* An indicator's target as the form writes it: =100%, ≥90%, 稳定, ≥三级. */
static const char *target_text(const Stmt *s, Arena *a)
{
    const Value *v = &s->val;
    const char *op = val_op_str(s->op);
    char d[DEC_BUF];
    switch (v->kind) {
    case V_NONE:
        return "";
    case V_NUMBER:
        return arena_printf(a, "%s%s%s", op, dec_format(v->num, true, d), v->unit ? v->unit : "");
    case V_DATE:
        return arena_printf(a, "%s%s", op, date_text(&v->date, a));
    case V_WORD:
    case V_STRING:
        return s->op == OP_EQ ? v->text : arena_printf(a, "%s%s", op, v->text);
    }
    return "";
}

static void form_funds(Form *f, const Stdlib *std, const Stmt *g, Arena *a)
{
    for (const Stmt *s = g->body; s; s = s->next) {
        Fund fu = s->kind == S_ENTRY ? dom_fund(s->name) : FU_COUNT;
        char d[DEC_BUF];
        if (fu != FU_COUNT && (f->has_amount[fu] = amount_yuan(std, &s->val, &f->amount[fu])))
            f->funds[fu] = arena_printf(a, "%s", dec_format(f->amount[fu], true, d));
    }
}

/* The rows a 二级 group takes: one per indicator, at least one. */
static int level2_rows(const Stmt *g)
{
    int n = 0;
    for (const Stmt *s = g->body; s; s = s->next)
        n += s->kind == S_INDICATOR;
    return n ? n : 1;
}

/* The rows a 一级 group takes: its 二级 groups' and its own indicators'. */
static int level1_rows(const Stmt *g)
{
    int n = 0;
    for (const Stmt *s = g->body; s; s = s->next)
        n += s->kind == S_GROUP ? level2_rows(s) : s->kind == S_INDICATOR;
    return n ? n : 1;
}

static bool is_level1(const Stmt *s)
{
    return s->kind == S_GROUP && strcmp(s->name, "资金") != 0;
}

/* Appends a row for indicator s (NULL: an empty group) and returns it. */
static Row *add_row(Form *f, const Stmt *s, Arena *a)
{
    Row *r = &f->rows[f->nrows++];
    *r = (Row){ .l1 = "", .l2 = "", .l3 = s ? s->name : "", .target = s ? target_text(s, a) : "" };
    f->nindicators += s != NULL;
    return r;
}

static void add_level2(Form *f, const Stmt *g, Arena *a)
{
    int first = f->nrows;
    for (const Stmt *s = g->body; s; s = s->next)
        if (s->kind == S_INDICATOR)
            add_row(f, s, a);
    if (f->nrows == first)
        add_row(f, NULL, a);
    f->rows[first].l2 = g->name;
    f->rows[first].l2_span = f->nrows - first;
}

static void add_level1(Form *f, const Stmt *g, Arena *a)
{
    int first = f->nrows;
    for (const Stmt *s = g->body; s; s = s->next) {
        if (s->kind == S_GROUP)
            add_level2(f, s, a);
        else if (s->kind == S_INDICATOR)
            add_row(f, s, a)->l2_span = 1;
    }
    if (f->nrows == first)
        add_row(f, NULL, a)->l2_span = 1;
    f->rows[first].l1 = g->name;
    f->rows[first].l1_span = f->nrows - first;
}

/* "(2023年-2023年)": the years of the plan, else the 年度. */
static const char *goal_years(const Form *f, Arena *a)
{
    if (strlen(f->start) >= 4 && strlen(f->end) >= 4)
        return arena_printf(a, "(%.4s年-%.4s年)", f->start, f->end);
    if (*f->year)
        return arena_printf(a, "(%s年-%s年)", f->year, f->year);
    return "";
}

/* Reads project d (which has checked without errors) into a Form. */
static void form_build(Form *f, const Stdlib *std, const Decl *d, Arena *a)
{
    *f = (Form){ .name = d->name };
    const struct {
        const char *name;
        const char **text;
    } fields[] = {
        { "年度", &f->year },           { "项目性质", &f->nature },
        { "项目类别", &f->category },   { "主管部门", &f->dept },
        { "实施单位", &f->unit },       { "计划开始日期", &f->start },
        { "计划完成日期", &f->end },    { "项目总体目标", &f->goal_all },
        { "年度总体目标", &f->goal_year },
    };
    enum { NFIELDS = sizeof fields / sizeof *fields };
    for (int i = 0; i < NFIELDS; i++)
        *fields[i].text = "";
    for (int i = 0; i < FU_COUNT; i++)
        f->funds[i] = "";
    int nrows = 0;
    for (const Stmt *s = d->body; s; s = s->next)
        nrows += is_level1(s) ? level1_rows(s) : 0;
    f->rows = arena_alloc(a, (size_t)(nrows ? nrows : 1) * sizeof *f->rows);
    for (const Stmt *s = d->body; s; s = s->next) {
        if (is_level1(s))
            add_level1(f, s, a);
        else if (s->kind == S_GROUP)
            form_funds(f, std, s, a);
        else
            for (int i = 0; i < NFIELDS; i++)
                if (s->kind == S_ENTRY && strcmp(s->name, fields[i].name) == 0)
                    *fields[i].text = value_text(&s->val, a);
    }
    f->goal_years = goal_years(f, a);
}

/* ---- Markdown -------------------------------------------------------------- */

/* One table row of six cells. */
static void md_row(Buf *b, const char *const cells[6])
{
    for (int i = 0; i < 6; i++) {
        buf_str(b, i ? " | " : "| ");
        esc_md(b, cells[i]);
    }
    buf_str(b, " |\n");
}

#define MD_ROW(b, c0, c1, c2, c3, c4, c5) md_row((b), (const char *const[6]){ c0, c1, c2, c3, c4, c5 })

static void md_form(Buf *b, const Form *f)
{
    buf_str(b, "# 财政项目支出绩效目标申报表\n\n(");
    esc_md(b, f->year);
    buf_str(b, "年度)\n\n");
    MD_ROW(b, "项目名称", f->name, "项目性质", f->nature, "项目类别", f->category);
    buf_str(b, "| --- | --- | --- | --- | --- | --- |\n");
    MD_ROW(b, "主管部门", f->dept, "实施单位", f->unit, "", "");
    MD_ROW(b, "计划开始日期", f->start, "计划完成日期", f->end, "", "");
    MD_ROW(b, "项目资金(元)", "项目资金总额", f->funds[FU_LIFE], "年度资金申请总额", f->funds[FU_TOTAL], "");
    MD_ROW(b, "", "其中：财政资金", "", "其中：当年财政拨款", f->funds[FU_APPROP], "");
    MD_ROW(b, "", "", "", "上年结转资金", f->funds[FU_CARRY], "");
    MD_ROW(b, "", "其他资金", "", "其他资金", f->funds[FU_OTHER], "");
    char goal_label[96];
    snprintf(goal_label, sizeof goal_label, "项目总体目标 %s", f->goal_years);
    MD_ROW(b, "项目绩效目标", goal_label, "", "年度总体目标", "", "");
    MD_ROW(b, "", f->goal_all, "", f->goal_year, "", "");
    MD_ROW(b, "绩效指标", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值", "");
    for (int i = 0; i < f->nrows; i++) {
        const Row *r = &f->rows[i];
        const char *l2 = r->l2_span && !*r->l2 ? "—" : r->l2;
        MD_ROW(b, "", r->l1, l2, r->l3, r->target, "");
    }
}

/* ---- HTML ------------------------------------------------------------------ */

/* The page's style: the form on A4, black rules, 宋体-like body, 黑体 title.
 * No external resources: the fonts are whatever the system has. */
static const char html_style[] =
    "@page { size: A4; margin: 15mm 15mm 15mm 15mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { margin: 0 auto; max-width: 180mm; color: #000; background: #fff;\n"
    "       font: 10pt/1.4 \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif CJK SC\",\n"
    "             \"Source Han Serif SC\", \"Noto Sans CJK SC\", serif; }\n"
    "@media screen { body { padding: 12mm 4mm; } }\n"
    "section.form + section.form { break-before: page; page-break-before: always; }\n"
    "@media screen { section.form + section.form { margin-top: 14mm;\n"
    "                border-top: 1px dashed #888; padding-top: 10mm; } }\n"
    "h1 { margin: 0 0 2mm; text-align: center; letter-spacing: 0.05em;\n"
    "     font: bold 16pt/1.4 \"SimHei\", \"黑体\", \"Heiti SC\", \"Noto Sans CJK SC\",\n"
    "           \"Source Han Sans SC\", sans-serif; }\n"
    "p.year { margin: 0 0 3mm; text-align: center; font-size: 11pt; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "col.c0 { width: 14%; } col.c1 { width: 16%; } col.c2 { width: 16%; }\n"
    "col.c3 { width: 27%; } col.c4 { width: 12%; } col.c5 { width: 15%; }\n"
    "th, td { border: 1px solid #000; padding: 0.9mm 1.2mm; vertical-align: middle;\n"
    "         text-align: center; font-weight: normal; overflow-wrap: anywhere; }\n"
    "td.amount { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "td.goal { text-align: left; text-indent: 2em; vertical-align: top; height: 16mm; }\n"
    "td.text { text-align: left; }\n"
    "th.col { font-weight: bold; }\n"
    /* A row that starts a merged cell is left breakable: Chromium keeps
     * such a row together with every row its cell spans, and would push a
     * whole 一级 group, or the whole indicator table, to the next page. */
    "tr:not(.span) { break-inside: avoid; page-break-inside: avoid; }\n";

/* One cell: tag th or td, an optional class, spans (1: none) and text. */
static void html_cell(Buf *b, const char *tag, const char *cls, int rows, int cols, const char *text)
{
    char attrs[96] = "";
    size_t n = 0;
    if (cls)
        n += (size_t)snprintf(attrs + n, sizeof attrs - n, " class=\"%s\"", cls);
    if (rows > 1)
        n += (size_t)snprintf(attrs + n, sizeof attrs - n, " rowspan=\"%d\"", rows);
    if (cols > 1)
        snprintf(attrs + n, sizeof attrs - n, " colspan=\"%d\"", cols);
    buf_str(b, "<");
    buf_str(b, tag);
    buf_str(b, attrs);
    buf_str(b, ">");
    esc_html(b, text);
    buf_str(b, "</");
    buf_str(b, tag);
    buf_str(b, ">");
}

static void th(Buf *b, int rows, int cols, const char *text) { html_cell(b, "th", NULL, rows, cols, text); }
static void td(Buf *b, const char *cls, int cols, const char *text) { html_cell(b, "td", cls, 1, cols, text); }

static void html_header(Buf *b, const Form *f)
{
    buf_str(b, "<tr>");
    th(b, 1, 1, "项目名称"); td(b, NULL, 1, f->name);
    th(b, 1, 1, "项目性质"); td(b, NULL, 1, f->nature);
    th(b, 1, 1, "项目类别"); td(b, NULL, 1, f->category);
    buf_str(b, "</tr>\n<tr>");
    th(b, 1, 1, "主管部门"); td(b, NULL, 1, f->dept);
    th(b, 1, 1, "实施单位"); td(b, NULL, 3, f->unit);
    buf_str(b, "</tr>\n<tr>");
    th(b, 1, 1, "计划开始日期"); td(b, NULL, 1, f->start);
    th(b, 1, 1, "计划完成日期"); td(b, NULL, 3, f->end);
    buf_str(b, "</tr>\n");
}

/* The funds block: the project's life on the left, this year's on the
 * right; 其中：财政资金 (life) spans the 上年结转资金 row. */
static void html_funds(Buf *b, const Form *f)
{
    buf_str(b, "<tr class=\"span\"><th rowspan=\"4\">项目资金<br>(元)</th>");
    th(b, 1, 1, "项目资金总额"); td(b, "amount", 1, f->funds[FU_LIFE]);
    th(b, 1, 1, "年度资金申请总额"); td(b, "amount", 2, f->funds[FU_TOTAL]);
    buf_str(b, "</tr>\n<tr class=\"span\">");
    th(b, 2, 1, "其中：财政资金"); html_cell(b, "td", "amount", 2, 1, "");
    th(b, 1, 1, "其中：当年财政拨款"); td(b, "amount", 2, f->funds[FU_APPROP]);
    buf_str(b, "</tr>\n<tr>");
    th(b, 1, 1, "上年结转资金"); td(b, "amount", 2, f->funds[FU_CARRY]);
    buf_str(b, "</tr>\n<tr>");
    th(b, 1, 1, "其他资金"); td(b, "amount", 1, "");
    th(b, 1, 1, "其他资金"); td(b, "amount", 2, f->funds[FU_OTHER]);
    buf_str(b, "</tr>\n");
}

static void html_goals(Buf *b, const Form *f)
{
    buf_str(b, "<tr class=\"span\">");
    th(b, 2, 1, "项目绩效目标");
    buf_str(b, "<th colspan=\"2\">项目总体目标<br>");
    esc_html(b, f->goal_years);
    buf_str(b, "</th>");
    th(b, 1, 3, "年度总体目标");
    buf_str(b, "</tr>\n<tr>");
    td(b, "goal", 2, f->goal_all);
    td(b, "goal", 3, f->goal_year);
    buf_str(b, "</tr>\n");
}

static void html_indicators(Buf *b, const Form *f)
{
    buf_str(b, "<tr class=\"span\">");
    th(b, f->nrows + 1, 1, "绩效指标");
    html_cell(b, "th", "col", 1, 1, "一级指标");
    html_cell(b, "th", "col", 1, 1, "二级指标");
    html_cell(b, "th", "col", 1, 1, "三级指标");
    html_cell(b, "th", "col", 1, 2, "年度(/项目)指标值");
    buf_str(b, "</tr>\n");
    for (int i = 0; i < f->nrows; i++) {
        const Row *r = &f->rows[i];
        buf_str(b, r->l1_span > 1 || r->l2_span > 1 ? "<tr class=\"span\">" : "<tr>");
        if (r->l1_span)
            html_cell(b, "td", NULL, r->l1_span, 1, r->l1);
        if (r->l2_span)
            html_cell(b, "td", NULL, r->l2_span, 1, r->l2);
        td(b, "text", 1, r->l3);
        td(b, NULL, 2, r->target);
        buf_str(b, "</tr>\n");
    }
}

static void html_form(Buf *b, const Form *f)
{
    buf_str(b, "<section class=\"form\">\n<h1>财政项目支出绩效目标申报表</h1>\n<p class=\"year\">(");
    esc_html(b, f->year);
    buf_str(b, "年度)</p>\n<table>\n<colgroup>");
    for (int i = 0; i < 6; i++) {
        char c[32];
        snprintf(c, sizeof c, "<col class=\"c%d\">", i);
        buf_str(b, c);
    }
    buf_str(b, "</colgroup>\n<tbody>\n");
    html_header(b, f);
    html_funds(b, f);
    html_goals(b, f);
    html_indicators(b, f);
    buf_str(b, "</tbody>\n</table>\n</section>\n");
}

/* The page around the sections; title names the project when there is one. */
static void html_page(Buf *out, const Buf *sections, const char *first_name, int nprojects)
{
    buf_str(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>财政项目支出绩效目标申报表");
    if (nprojects == 1) {
        buf_str(out, "：");
        esc_html(out, first_name);
    } else {
        char n[48];
        snprintf(n, sizeof n, "（%d个项目）", nprojects);
        buf_str(out, n);
    }
    buf_str(out, "</title>\n<style>\n");
    buf_str(out, html_style);
    buf_str(out, "</style>\n</head>\n<body>\n");
    buf_add(out, sections->s, sections->n);
    buf_str(out, "</body>\n</html>\n");
}

/* ---- xlsx -------------------------------------------------------------------- */

/* The form's grid on a sheet: six columns, as the HTML's. */
static void xlsx_layout(XlsxSheet *s, const void *data)
{
    const Form *f = data;
    static const double caps[] = { 16, 22, 22, 30, 16, 16 };
    for (int c = 0; c < 6; c++)
        xlsx_cap(s, c, caps[c]);
    xlsx_cell(s, 0, 0, 1, 6, "财政项目支出绩效目标申报表", XS_TITLE);
    xlsx_height(s, 0, 30);
    xlsx_cell(s, 1, 0, 1, 6, arena_printf(xlsx_arena(s), "(%s年度)", f->year), XS_YEAR);
    xlsx_cell(s, 2, 0, 1, 1, "项目名称", XS_LABEL);
    xlsx_cell(s, 2, 1, 1, 1, f->name, XS_TEXT);
    xlsx_cell(s, 2, 2, 1, 1, "项目性质", XS_LABEL);
    xlsx_cell(s, 2, 3, 1, 1, f->nature, XS_TEXT);
    xlsx_cell(s, 2, 4, 1, 1, "项目类别", XS_LABEL);
    xlsx_cell(s, 2, 5, 1, 1, f->category, XS_TEXT);
    xlsx_cell(s, 3, 0, 1, 1, "主管部门", XS_LABEL);
    xlsx_cell(s, 3, 1, 1, 1, f->dept, XS_TEXT);
    xlsx_cell(s, 3, 2, 1, 1, "实施单位", XS_LABEL);
    xlsx_cell(s, 3, 3, 1, 3, f->unit, XS_TEXT);
    xlsx_cell(s, 4, 0, 1, 1, "计划开始日期", XS_LABEL);
    xlsx_cell(s, 4, 1, 1, 1, f->start, XS_TEXT);
    xlsx_cell(s, 4, 2, 1, 1, "计划完成日期", XS_LABEL);
    xlsx_cell(s, 4, 3, 1, 3, f->end, XS_TEXT);
    /* the funds: the project's life on the left, this year's on the right */
    static const struct { int row, col, cols; Fund fund; } amounts[] = {
        { 5, 2, 1, FU_LIFE }, { 5, 4, 2, FU_TOTAL }, { 6, 4, 2, FU_APPROP }, { 7, 4, 2, FU_CARRY },
        { 8, 4, 2, FU_OTHER },
    };
    xlsx_cell(s, 5, 0, 4, 1, "项目资金\n（元）", XS_LABEL);
    xlsx_cell(s, 5, 1, 1, 1, "项目资金总额", XS_LABEL);
    xlsx_cell(s, 5, 3, 1, 1, "年度资金申请总额", XS_LABEL);
    xlsx_cell(s, 6, 1, 2, 1, "其中：财政资金", XS_LABEL);
    xlsx_cell(s, 6, 2, 2, 1, "", XS_TEXT);
    xlsx_cell(s, 6, 3, 1, 1, "其中：当年财政拨款", XS_LABEL);
    xlsx_cell(s, 7, 3, 1, 1, "上年结转资金", XS_LABEL);
    xlsx_cell(s, 8, 1, 1, 1, "其他资金", XS_LABEL);
    xlsx_cell(s, 8, 2, 1, 1, "", XS_TEXT);
    xlsx_cell(s, 8, 3, 1, 1, "其他资金", XS_LABEL);
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        Fund fu = amounts[i].fund;
        if (f->has_amount[fu])
            xlsx_num(s, amounts[i].row, amounts[i].col, 1, amounts[i].cols, f->amount[fu], XS_AMOUNT);
        else
            xlsx_cell(s, amounts[i].row, amounts[i].col, 1, amounts[i].cols, "", XS_TEXT);
    }
    xlsx_cell(s, 9, 0, 2, 1, "项目绩效目标", XS_LABEL);
    xlsx_cell(s, 9, 1, 1, 2, arena_printf(xlsx_arena(s), "项目总体目标\n%s", f->goal_years), XS_HEAD);
    xlsx_cell(s, 9, 3, 1, 3, "年度总体目标", XS_HEAD);
    xlsx_cell(s, 10, 1, 1, 2, f->goal_all, XS_TEXT);
    xlsx_cell(s, 10, 3, 1, 3, f->goal_year, XS_TEXT);
    /* the indicators, under a heading repeated on every printed page */
    xlsx_cell(s, 11, 0, f->nrows + 1, 1, "绩效指标", XS_LABEL);
    xlsx_cell(s, 11, 1, 1, 1, "一级指标", XS_HEAD);
    xlsx_cell(s, 11, 2, 1, 1, "二级指标", XS_HEAD);
    xlsx_cell(s, 11, 3, 1, 1, "三级指标", XS_HEAD);
    xlsx_cell(s, 11, 4, 1, 2, "年度(/项目)指标值", XS_HEAD);
    xlsx_repeat(s, 11, 11);
    for (int i = 0; i < f->nrows; i++) {
        const Row *r = &f->rows[i];
        if (r->l1_span)
            xlsx_cell(s, 12 + i, 1, r->l1_span, 1, r->l1, XS_CENTRED);
        if (r->l2_span)
            xlsx_cell(s, 12 + i, 2, r->l2_span, 1, r->l2, XS_CENTRED);
        xlsx_cell(s, 12 + i, 3, 1, 1, r->l3, XS_TEXT);
        xlsx_cell(s, 12 + i, 4, 1, 2, r->target, XS_TEXT);
    }
}

/* The summary's columns: a project's header fields, funds and indicators. */
static const char *const xlsx_cols[] = {
    "项目", "主管部门", "实施单位", "年度", "项目性质", "项目类别", "计划开始日期", "计划完成日期",
    "项目资金总额（元）", "年度资金申请总额（元）", "当年财政拨款（元）", "上年结转资金（元）", "其他资金（元）",
    "指标数",
};

static XlsxBook *xlsx_book(void)
{
    return xlsx_open("render", "财政项目支出绩效目标申报表", "财政项目支出绩效目标申报汇总表", xlsx_cols,
                     (int)(sizeof xlsx_cols / sizeof *xlsx_cols));
}

/* A project's sheet, and its row of the summary. */
static void xlsx_form(XlsxBook *b, const Form *f)
{
    const char *sheet = xlsx_form_sheet(b, f->name, xlsx_layout, f);
    char *end;
    long year = strtol(f->year, &end, 10);
    bool have_year = *f->year && !*end && year > 0 && year < 10000;
    int r = xlsx_summary_row(b, f->name, sheet, have_year ? (int)year : 0);
    XlsxSheet *s = xlsx_summary(b);
    xlsx_cell(s, r, 1, 1, 1, f->dept, XS_TEXT);
    xlsx_cell(s, r, 2, 1, 1, f->unit, XS_TEXT);
    if (have_year)
        xlsx_int(s, r, 3, year, XS_INT);
    else
        xlsx_cell(s, r, 3, 1, 1, f->year, XS_TEXT);
    xlsx_cell(s, r, 4, 1, 1, f->nature, XS_TEXT);
    xlsx_cell(s, r, 5, 1, 1, f->category, XS_TEXT);
    xlsx_cell(s, r, 6, 1, 1, f->start, XS_TEXT);
    xlsx_cell(s, r, 7, 1, 1, f->end, XS_TEXT);
    static const Fund funds[] = { FU_LIFE, FU_TOTAL, FU_APPROP, FU_CARRY, FU_OTHER };     /* columns 8-12 */
    for (int k = 0; k < 5; k++) {
        if (f->has_amount[funds[k]])
            xlsx_num(s, r, 8 + k, 1, 1, f->amount[funds[k]], XS_AMOUNT);
        else
            xlsx_cell(s, r, 8 + k, 1, 1, "", XS_TEXT);
    }
    xlsx_int(s, r, 13, f->nindicators, XS_INT);
}

/* ---- the command ------------------------------------------------------------ */

typedef enum OutFormat { OUT_MD, OUT_HTML, OUT_XLSX } OutFormat;

typedef struct RenderRun {
    const Stdlib *std;
    Arena arena;
    OutFormat format;
    Buf sections;           /* every project rendered so far */
    XlsxBook *book;         /* OUT_XLSX: the workbook, else NULL */
    char *first_name;       /* the first project's name (malloc'd) */
    int projects;
    bool errors, io_error;
} RenderRun;

static void render_decls(RenderRun *r, const File *f)
{
    for (const Decl *d = f->decls; d; d = d->next) {
        if (d->kind != D_PROJECT)
            continue;
        Form form;
        form_build(&form, r->std, d, &r->arena);
        if (r->projects++ == 0)
            r->first_name = xstrdup(d->name);
        else if (r->format == OUT_MD)
            buf_str(&r->sections, "\n");
        if (r->format == OUT_MD)
            md_form(&r->sections, &form);
        else if (r->format == OUT_HTML)
            html_form(&r->sections, &form);
        else
            xlsx_form(r->book, &form);
    }
}

/* Reads, parses and checks one file; renders its projects unless some
 * file so far had errors. */
static void render_file(void *ctx, const char *path)
{
    RenderRun *r = ctx;
    Source src;
    File f;
    if (!chk_load(r->std, path, &src, &f, &r->arena)) {
        r->io_error = true;
        return;
    }
    if (diag_file_errors() > 0)
        r->errors = true;
    diag_flush();
    if (!r->errors && !r->io_error)
        render_decls(r, &f);
    arena_reset(&r->arena);
    src_free(&src);
}

static bool write_stdout(const char *data, size_t len)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        cli_cmd_error("render", "cannot write to standard output: %s", strerror(errno));
        return false;
    }
    return true;
}

/* The workbook, to stdout (out NULL) or to out; false on an error (said). */
static bool emit_xlsx(RenderRun *r, const char *out)
{
    Spool sp = { 0 };
    bool ok = xlsx_finish(r->book, &sp);
    r->book = NULL;
    ok = ok && spool_write(&sp, out, "pgc: render");
    spool_free(&sp);
    return ok;
}

/* The whole document, to stdout or to out; false on an I/O error. */
static bool emit(RenderRun *r, const char *out)
{
    if (r->format == OUT_XLSX)
        return emit_xlsx(r, out);
    Buf doc = { 0 };
    if (r->format == OUT_HTML)
        html_page(&doc, &r->sections, r->first_name, r->projects);
    else
        buf_add(&doc, r->sections.s, r->sections.n);
    bool ok = out && strcmp(out, "-") != 0 ? out_write_atomically(out, doc.s, doc.n)
                                           : write_stdout(doc.s, doc.n);
    buf_free(&doc);
    return ok;
}

static const char usage_render[] = N_(
    "Usage: pgc render [OPTION]... FILE|DIR...\n"
    "Draw the 财政项目支出绩效目标申报表 back from .pg files, in the official layout:\n"
    "the header, the funds (in 元), the goals and the indicator table with merged\n"
    "一级/二级 cells.  Every 项目 of every file is one section (in HTML, one page)\n"
    "of a single document.  A directory stands for every *.pg file below it; a\n"
    "FILE of - reads standard input.  The files are checked first, as by\n"
    "`pgc check`: with any error nothing is rendered; warnings are printed and\n"
    "rendering goes on.\n"
    "\n"
    "Options:\n"
    "      --format=FMT     md (default): a Markdown table per project;\n"
    "                       html: one self-contained page, printable on A4\n"
    "                         (chosen by default when OUT ends in .html or .htm);\n"
    "                       xlsx: a workbook, a summary sheet and then each\n"
    "                         form on a sheet of its own, printable on A4\n"
    "                         (chosen by default when OUT ends in .xlsx; needs -o)\n"
    "  -o, --output=OUT     write to OUT (through a temporary file and a rename)\n"
    "                         instead of standard output (xlsx: -o - writes it\n"
    "                         to standard output, unless that is a terminal)\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 rendered, 1 errors in the input (or no 项目 in it),\n"
    "2 usage error or a file that cannot be read or written.\n");


int cmd_render(int argc, char **argv)
{
    static const CliChoice formats[] = { { "md", OUT_MD }, { "markdown", OUT_MD }, { "html", OUT_HTML },
                                         { "xlsx", OUT_XLSX }, { 0 } };
    RenderRun run = { 0 };
    const char *out = NULL;
    int format = OUT_MD, format_given = 0;
    const CliOpt opts[] = {
        { "format", 0, CLI_CHOICE, .to = &format, .choices = formats, .given = &format_given,
          .text = N_("unknown format '%s' (md, html or xlsx)") },
        { "output", 'o', CLI_STRING, .to = &out },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_render),
        CLI_END,
    };
    int rc = cli_parse(&(CliCommand){ .name = "render", .opts = opts, .no_operands = N_("no files given") },
                       argc, argv);
    if (rc != CLI_GO)
        return rc;
    run.format = (OutFormat)format;
    if (!format_given && out && (str_ends(out, ".html") || str_ends(out, ".htm")))
        run.format = OUT_HTML;
    if (!format_given && out && str_ends(out, ".xlsx"))
        run.format = OUT_XLSX;
    if (run.format == OUT_XLSX && (rc = xlsx_output("render", &out)) != CLI_GO)
        return rc;
    DiagOptions dopt = { .format = FMT_HUMAN, .max_errors = 50 };
    diag_setup(&dopt);
    int opened = std_open(&run.std, NULL, argv + optind, argc - optind);
    if (opened != EXIT_OK)
        return opened;
    if (run.format == OUT_XLSX && !(run.book = xlsx_book())) {
        diag_finish();
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++)
        if (!src_walk(argv[i], render_file, &run))
            run.io_error = true;
    diag_finish();
    int status = 0;
    if (run.io_error)
        status = EXIT_USAGE;
    else if (run.errors)
        status = EXIT_ERRORS;
    else if (run.projects == 0) {
        cli_cmd_error("render", "no 项目 to render");
        status = EXIT_ERRORS;
    } else if (!emit(&run, out))
        status = EXIT_USAGE;
    xlsx_discard(run.book);     /* not written (emit_xlsx takes it) */
    buf_free(&run.sections);
    free(run.first_name);
    arena_free(&run.arena);
    return status;
}
