/*
 * report.c — the 项目支出绩效自评表 in five formats, and the name of a sixth.
 *
 *   text  an aligned terminal table (by display width: CJK = 2 columns)
 *   json  the full per-indicator detail, numbers as exact decimals
 *   csv   one row per project — 项目,总分,等级,… — for a portfolio
 *   md    the table in Markdown
 *   html  the printable 自评表 (A4, one self-contained page per project)
 *   xlsx  a name in the table only: the workbook is written by pgc
 *         (src/xlsx.c, with libxlsxwriter, through ScoreRun's sink), which
 *         a built evaluator does not link
 *
 * What the writers show besides the scores — which rows a merged 一级 or
 * 二级 cell spans, the 分值 of 总分, the indicators not met, an amount in
 * the unit of the 资金 block — is computed once, by the rep_ functions
 * below and ev_money_value, for every writer (xlsx.c's too).
 *
 * Everything is written into a Buf; the caller writes it out only when the
 * whole run succeeded.  The writers read results only, so the interpreter,
 * the JIT and a built evaluator print byte-identical reports.
 *
 * The formats are one table (writers[], at the end): a name, and what each
 * writes before the projects, for each one and after them.  --format's
 * names are read from it (rep_format_option, for pgc eval and a built
 * evaluator).  A new format is a row there, its line in the two help texts
 * (eval.c, rtmain.c: translated whole) and its name in the message of
 * rep_format_option.
 */
#include "rt.h"

#include <string.h>

static const char *num(Decimal d, char *buf)
{
    return dec_format(dec_round(d, 2), true, buf);
}

/* The same, copied into the arena (for table cells). */
static const char *anum(Arena *a, Decimal d)
{
    char b[DEC_BUF];
    num(d, b);
    return arena_strndup(a, b, strlen(b));
}

Decimal ev_money_value(int funds_shift, Decimal yuan)
{
    Decimal d = dec_round(yuan, 2);
    return (Decimal){ d.v, d.scale + funds_shift };
}

const char *ev_money(int funds_shift, Decimal yuan, char *buf)
{
    if (!funds_shift)
        return dec_format(dec_round(yuan, 2), true, buf);
    dec_format(ev_money_value(funds_shift, yuan), true, buf);
    char *dot = strchr(buf, '.');
    size_t n = strlen(buf);
    while (dot && n > (size_t)(dot - buf) + 3 && buf[n - 1] == '0')
        buf[--n] = 0;
    return buf;
}

static const char *money(const EvProject *p, Decimal yuan, char *buf)
{
    return ev_money(p->funds_shift, yuan, buf);
}

static const char *amoney(Arena *a, const EvProject *p, Decimal yuan)
{
    char b[DEC_BUF];
    money(p, yuan, b);
    return arena_strndup(a, b, strlen(b));
}

/* The unit the amounts are printed in. */
static const char *money_unit(const EvProject *p)
{
    return p->funds_shift && p->funds_unit ? p->funds_unit : "元";
}

static const char *reason_of(const ActualRow *r)
{
    return r && r->reason ? r->reason : "";
}

/* A 偏差原因 as one table cell of the text report: a line break in it
 * (a cell over several lines in the spreadsheet) becomes a space. */
static const char *reason_cell(Arena *a, const ActualRow *r)
{
    const char *s = reason_of(r);
    if (!strpbrk(s, "\r\n"))
        return s;
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && s[i + 1] == '\n')
            continue;
        *o++ = s[i] == '\r' || s[i] == '\n' ? ' ' : s[i];
    }
    *o = 0;
    return out;
}

/* ---- what every writer shows ------------------------------------------------------ */

/* How many rows from i on share the 一级 (l2 = false) or the 二级 too. */
static int span(const EvProject *p, int i, bool l2)
{
    int n = 1;
    while (i + n < p->nind && strcmp(p->ind[i + n].l1, p->ind[i].l1) == 0 &&
           (!l2 || (p->ind[i].l2 && p->ind[i + n].l2 && strcmp(p->ind[i + n].l2, p->ind[i].l2) == 0)))
        n++;
    return n;
}

int rep_cell_rows(const EvProject *p, int i, bool l2)
{
    const EvIndicator *e = &p->ind[i], *prev = i ? &p->ind[i - 1] : NULL;
    bool new_l1 = !prev || strcmp(prev->l1, e->l1) != 0;
    if (!l2)
        return new_l1 ? span(p, i, false) : 0;
    if (!e->l2)
        return 1;
    if (!new_l1 && prev->l2 && strcmp(prev->l2, e->l2) == 0)
        return 0;
    return span(p, i, true);
}

Decimal rep_weight_total(const EvProject *p)
{
    Decimal wt = p->exec_weight;
    for (int k = 0; k < p->nl1; k++)
        dec_add(wt, p->l1_weight[k], &wt);
    return wt;
}

int rep_unmet(const EvProject *p)
{
    int unmet = 0;
    for (int i = 0; i < p->nind; i++)
        unmet += !p->ind[i].met;
    return unmet;
}

/* ---- text ----------------------------------------------------------------------- */

enum { MAXCOL = 10 };

/* Prints rows of cells padded to their column's display width (dash.c's
 * tables, MAXCOL cells a row). */
static void table_rows(Buf *b, const char *const (*rows)[MAXCOL], int nrows, int ncols, const bool *right)
{
    dash_table(b, &rows[0][0], MAXCOL, nrows, ncols, right);
}

/* The published figures that differ, a line each: 总分  公布 97.5，按规则 98.62（…）. */
static void audit_lines(Buf *b, const EvProject *p, const char *given, const char *got)
{
    char x[DEC_BUF], y[DEC_BUF];
    for (const EvAudit *au = p->audit; au; au = au->next) {
        const char *pct = strcmp(au->item, "执行率") == 0 ? "%" : "";
        buf_printf(b, "  %s%s%s  %s %s%s，%s %s%s（%s）\n", au->item, au->indicator ? "  " : "",
                   au->indicator ? au->indicator : "", given,
                   au->published_text ? au->published_text : dec_format(au->published, true, x), pct, got,
                   au->computed_text ? au->computed_text : dec_format(au->computed, true, y), pct,
                   au->arithmetic ? au->arithmetic : "");
    }
}

static void text_project(Buf *b, const EvProject *p, bool explain, Arena *a)
{
    char v[DEC_BUF];
    int year = p->year;
    buf_str(b, "项目支出绩效自评表");
    if (year)
        buf_printf(b, "（%d年度）", year);
    buf_printf(b, "\n项目名称  %s\n", p->name);
    if (*p->dept)
        buf_printf(b, "主管部门  %s\n", p->dept);
    if (*p->unit)
        buf_printf(b, "实施单位  %s\n", p->unit);
    buf_printf(b, "评分方案  %s\n", p->scheme->name);
    if (p->funds_shift)
        buf_printf(b, "金额单位  %s\n", money_unit(p));
    buf_str(b, "\n");

    const char *exec[2][MAXCOL] = {
        { "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "偏差原因" },
        { amoney(a, p, p->budget_initial), amoney(a, p, p->budget),
          amoney(a, p, p->spent), anum(a, p->exec_weight),
          arena_printf(a, "%s%%", dec_format(p->exec_rate, true, v)),
          anum(a, p->exec_score), reason_cell(a, p->spent_row) },
    };
    static const bool exec_right[MAXCOL] = { true, true, true, true, true, true };
    table_rows(b, (const char *const(*)[MAXCOL])exec, 2, 7, exec_right);
    buf_str(b, "\n");

    int n = p->nind + 1;
    const char *(*rows)[MAXCOL] = arena_alloc(a, (size_t)n * sizeof *rows);
    const char *head[MAXCOL] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                 "分值", "得分", "达成", "偏差原因" };
    memcpy(rows[0], head, sizeof head);
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        rows[i + 1][0] = rep_cell_rows(p, i, false) ? e->l1 : "";
        rows[i + 1][1] = e->l2 && rep_cell_rows(p, i, true) ? e->l2 : "";
        rows[i + 1][2] = e->name;
        rows[i + 1][3] = e->target_text;
        rows[i + 1][4] = e->actual_text;
        rows[i + 1][5] = anum(a, e->weight);
        rows[i + 1][6] = anum(a, e->score);
        rows[i + 1][7] = e->met ? "是" : "否";
        rows[i + 1][8] = reason_cell(a, e->row);
    }
    static const bool right[MAXCOL] = { false, false, false, false, false, true, true };
    table_rows(b, (const char *const(*)[MAXCOL])rows, n, 9, right);
    buf_str(b, "\n");

    int m = p->nl1 + 3;
    const char *(*sum)[MAXCOL] = arena_alloc(a, (size_t)m * sizeof *sum);
    sum[0][0] = "合计";
    sum[0][1] = "分值";
    sum[0][2] = "得分";
    for (int k = 0; k < p->nl1; k++) {
        sum[k + 1][0] = p->l1[k];
        sum[k + 1][1] = anum(a, p->l1_weight[k]);
        sum[k + 1][2] = anum(a, p->l1_score[k]);
    }
    sum[p->nl1 + 1][0] = "预算执行率";
    sum[p->nl1 + 1][1] = anum(a, p->exec_weight);
    sum[p->nl1 + 1][2] = anum(a, p->exec_score);
    sum[p->nl1 + 2][0] = "总分";
    sum[p->nl1 + 2][1] = anum(a, rep_weight_total(p));
    sum[p->nl1 + 2][2] = anum(a, p->total);
    static const bool sum_right[MAXCOL] = { false, true, true };
    table_rows(b, (const char *const(*)[MAXCOL])sum, m, 3, sum_right);
    buf_printf(b, "\n等级  %s\n", p->grade);
    if (p->audit) {
        buf_str(b, "\n与公布数不符\n");
        audit_lines(b, p, "公布", "按规则");
    }
    if (explain) {
        buf_str(b, "\n评分说明\n");
        for (int i = 0; i < p->nind; i++)
            buf_printf(b, "  %s  %s\n", p->ind[i].name, p->ind[i].explain ? p->ind[i].explain : "");
        buf_printf(b, "  预算执行率  %s\n", p->exec_explain ? p->exec_explain : "");
    }
}

/* ---- json -------------------------------------------------------------------------- */

static void json_num(Buf *b, const char *key, Decimal d, bool comma)
{
    char x[DEC_BUF];
    buf_printf(b, "\"%s\":%s%s", key, dec_format(dec_round(d, 2), false, x), comma ? "," : "");
}

static void json_project(Buf *b, const EvProject *p, bool explain)
{
    char x[DEC_BUF];
    buf_str(b, "{\"project\":");
    esc_json(b, p->name);
    buf_str(b, ",\"scheme\":");
    esc_json(b, p->scheme->name);
    buf_str(b, ",\"execution\":{");
    json_num(b, "budget_initial", p->budget_initial, true);
    json_num(b, "budget", p->budget, true);
    json_num(b, "spent", p->spent, true);
    buf_printf(b, "\"rate\":%s,", dec_format(p->exec_rate, false, x));
    json_num(b, "weight", p->exec_weight, true);
    json_num(b, "score", p->exec_score, true);
    buf_printf(b, "\"reason_required\":%s,\"reason\":", p->exec_need_reason ? "true" : "false");
    esc_json(b, reason_of(p->spent_row));
    if (explain) {
        buf_str(b, ",\"explain\":");
        esc_json(b, p->exec_explain ? p->exec_explain : "");
    }
    buf_str(b, "},\"indicators\":[");
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        buf_str(b, i ? ",\n{" : "\n{");
        buf_str(b, "\"level1\":");
        esc_json(b, e->l1);
        buf_str(b, ",\"level2\":");
        if (e->l2)
            esc_json(b, e->l2);
        else
            buf_str(b, "null");
        buf_str(b, ",\"name\":");
        esc_json(b, e->name);
        buf_str(b, ",\"target\":");
        esc_json(b, e->target_text);
        buf_str(b, ",\"actual\":");
        esc_json(b, e->actual_text);
        buf_printf(b, ",\"rule\":\"%s\",", ev_rule_name(e->rule));
        json_num(b, "weight", e->weight, true);
        json_num(b, "score", e->score, true);
        buf_printf(b, "\"met\":%s,\"band\":", e->met ? "true" : "false");
        if (e->rule == R_QUAL)
            esc_json(b, std_band_name(e->band));
        else
            buf_str(b, "null");
        buf_printf(b, ",\"reason_required\":%s,\"reason\":", e->need_reason ? "true" : "false");
        esc_json(b, reason_of(e->row));
        if (explain) {
            buf_str(b, ",\"explain\":");
            esc_json(b, e->explain ? e->explain : "");
        }
        buf_str(b, "}");
    }
    buf_str(b, "],\"subtotals\":[");
    for (int k = 0; k < p->nl1; k++) {
        buf_str(b, k ? ",{\"level1\":" : "{\"level1\":");
        esc_json(b, p->l1[k]);
        buf_str(b, ",");
        json_num(b, "weight", p->l1_weight[k], true);
        json_num(b, "score", p->l1_score[k], false);
        buf_str(b, "}");
    }
    buf_str(b, "],");
    json_num(b, "total", p->total, true);
    buf_str(b, "\"grade\":");
    esc_json(b, p->grade);
    buf_str(b, ",\"audit\":[");
    for (const EvAudit *au = p->audit; au; au = au->next) {
        buf_str(b, au == p->audit ? "{\"item\":" : ",{\"item\":");
        esc_json(b, au->item);
        buf_str(b, ",\"indicator\":");
        if (au->indicator)
            esc_json(b, au->indicator);
        else
            buf_str(b, "null");
        if (au->published_text) {
            buf_str(b, ",\"published\":");
            esc_json(b, au->published_text);
            buf_str(b, ",\"computed\":");
            esc_json(b, au->computed_text);
        } else {
            buf_printf(b, ",\"published\":%s,", dec_format(au->published, false, x));
            json_num(b, "computed", au->computed, false);
        }
        buf_str(b, ",\"arithmetic\":");
        esc_json(b, au->arithmetic ? au->arithmetic : "");
        buf_str(b, "}");
    }
    buf_str(b, "]}");
}

/* ---- csv ---------------------------------------------------------------------------- */

static void csv_cell(Buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        buf_str(b, s);
        return;
    }
    buf_str(b, "\"");
    for (; *s; s++) {
        if (*s == '"')
            buf_str(b, "\"");
        buf_add(b, s, 1);
    }
    buf_str(b, "\"");
}

static void csv_project(Buf *b, const EvProject *p)
{
    char x[DEC_BUF], y[DEC_BUF], z[DEC_BUF];
    int unmet = rep_unmet(p);
    csv_cell(b, p->name);
    buf_printf(b, ",%s,", num(p->total, x));
    csv_cell(b, p->grade);
    buf_printf(b, ",%s%%,%s,%d,%d\r\n", dec_format(p->exec_rate, false, y), num(p->exec_score, z), p->nind, unmet);
}

/* ---- markdown ----------------------------------------------------------------------- */

static void md_cell(Buf *b, const char *s)
{
    buf_str(b, " ");
    esc_md(b, s);
    buf_str(b, " |");
}

static void md_project(Buf *b, const EvProject *p, bool explain)
{
    char x[DEC_BUF];
    int year = p->year;
    buf_printf(b, "## 项目支出绩效自评表：%s\n\n", p->name);
    if (year)
        buf_printf(b, "（%d年度）", year);
    buf_printf(b, "主管部门：%s　实施单位：%s　评分方案：%s\n\n", p->dept, p->unit,
               p->scheme->name);
    if (p->funds_shift)
        buf_printf(b, "金额单位：%s\n\n", money_unit(p));
    buf_str(b, "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n|---:|---:|---:|---:|---:|---:|\n|");
    md_cell(b, money(p, p->budget_initial, x));
    md_cell(b, money(p, p->budget, x));
    md_cell(b, money(p, p->spent, x));
    md_cell(b, num(p->exec_weight, x));
    buf_printf(b, " %s%% |", dec_format(p->exec_rate, true, x));
    md_cell(b, num(p->exec_score, x));
    buf_str(b, "\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
               "|---|---|---|---|---|---:|---:|---|\n");
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        buf_str(b, "|");
        md_cell(b, rep_cell_rows(p, i, false) ? e->l1 : "");
        md_cell(b, e->l2 && rep_cell_rows(p, i, true) ? e->l2 : "");
        md_cell(b, e->name);
        md_cell(b, e->target_text);
        md_cell(b, e->actual_text);
        md_cell(b, num(e->weight, x));
        md_cell(b, num(e->score, x));
        md_cell(b, reason_of(e->row));
        buf_str(b, "\n");
    }
    buf_str(b, "| 总分 | | | | |");
    md_cell(b, num(rep_weight_total(p), x));
    md_cell(b, num(p->total, x));
    buf_printf(b, " 等级：%s |\n", p->grade);
    if (explain) {
        buf_str(b, "\n评分说明：\n\n");
        for (int i = 0; i < p->nind; i++)
            buf_printf(b, "- %s：%s\n", p->ind[i].name, p->ind[i].explain ? p->ind[i].explain : "");
        buf_printf(b, "- 预算执行率：%s\n", p->exec_explain ? p->exec_explain : "");
    }
}

/* ---- html ---------------------------------------------------------------------------- */

static void td(Buf *b, const char *attrs, const char *s)
{
    buf_printf(b, "<td%s>", attrs);
    esc_html(b, s);
    buf_str(b, "</td>");
}

static void html_project(Buf *b, const EvProject *p, bool explain)
{
    char x[DEC_BUF];
    int year = p->year;
    buf_str(b, "<section class=\"form\">\n<h1>项目支出绩效自评表</h1>\n");
    if (year)
        buf_printf(b, "<p class=\"year\">（%d年度）</p>\n", year);
    buf_str(b, "<table>\n<colgroup><col class=\"c1\"><col class=\"c2\"><col class=\"c3\"><col><col><col class=\"n\"><col class=\"n\"><col class=\"r\"></colgroup>\n");
    buf_str(b, "<tr><th>项目名称</th>");
    td(b, " colspan=\"7\"", p->name);
    buf_str(b, "</tr>\n<tr><th>主管部门</th>");
    td(b, " colspan=\"3\"", p->dept);
    buf_str(b, "<th>实施单位</th>");
    td(b, " colspan=\"3\"", p->unit);
    buf_printf(b, "</tr>\n<tr><th rowspan=\"2\">项目资金（%s）</th><th>年初预算数</th><th>全年预算数</th>"
                  "<th>全年执行数</th><th>分值</th><th>执行率</th><th colspan=\"2\">得分</th></tr>\n<tr>",
               money_unit(p));
    td(b, " class=\"num\"", money(p, p->budget_initial, x));
    td(b, " class=\"num\"", money(p, p->budget, x));
    td(b, " class=\"num\"", money(p, p->spent, x));
    td(b, " class=\"num\"", num(p->exec_weight, x));
    buf_printf(b, "<td class=\"num\">%s%%</td>", dec_format(p->exec_rate, true, x));
    td(b, " class=\"num\" colspan=\"2\"", num(p->exec_score, x));
    buf_str(b, "</tr>\n<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th>"
               "<th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>\n");
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        buf_str(b, "<tr>");
        int l1_rows = rep_cell_rows(p, i, false), l2_rows = rep_cell_rows(p, i, true);
        if (l1_rows) {
            buf_printf(b, "<td rowspan=\"%d\">", l1_rows);
            esc_html(b, e->l1);
            buf_str(b, "</td>");
        }
        if (l2_rows) {
            buf_printf(b, "<td rowspan=\"%d\">", l2_rows);
            esc_html(b, e->l2 ? e->l2 : "");
            buf_str(b, "</td>");
        }
        td(b, "", e->name);
        td(b, "", e->target_text);
        td(b, "", e->actual_text);
        td(b, " class=\"num\"", num(e->weight, x));
        td(b, " class=\"num\"", num(e->score, x));
        td(b, "", reason_of(e->row));
        buf_str(b, "</tr>\n");
    }
    buf_str(b, "<tr class=\"total\"><th colspan=\"5\">总分</th>");
    td(b, " class=\"num\"", num(rep_weight_total(p), x));
    td(b, " class=\"num\"", num(p->total, x));
    buf_str(b, "<td>等级：");
    esc_html(b, p->grade);
    buf_str(b, "</td></tr>\n</table>\n");
    buf_str(b, "<p class=\"scheme\">评分方案：");
    esc_html(b, p->scheme->name);
    buf_str(b, "</p>\n");
    if (explain) {
        buf_str(b, "<ol class=\"explain\">\n");
        for (int i = 0; i < p->nind; i++) {
            buf_str(b, "<li>");
            esc_html(b, p->ind[i].name);
            buf_str(b, "：");
            esc_html(b, p->ind[i].explain ? p->ind[i].explain : "");
            buf_str(b, "</li>\n");
        }
        buf_str(b, "<li>预算执行率：");
        esc_html(b, p->exec_explain ? p->exec_explain : "");
        buf_str(b, "</li>\n</ol>\n");
    }
    buf_str(b, "</section>\n");
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>项目支出绩效自评表</title>\n<style>\n"
    "@page { size: A4; margin: 15mm 12mm; }\n"
    "body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, serif; font-size: 10.5pt; margin: 0; }\n"
    "section.form { page-break-after: always; break-after: page; }\n"
    "section.form:last-child { page-break-after: auto; break-after: auto; }\n"
    "h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }\n"
    "p.year { text-align: center; margin: 0 0 4mm; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle; word-wrap: break-word; }\n"
    "th { font-weight: normal; background: #f2f2f2; }\n"
    "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "col.c1, col.c2 { width: 11%; } col.c3 { width: 16%; } col.n { width: 8%; } col.r { width: 16%; }\n"
    "tr.total th, tr.total td { font-weight: bold; }\n"
    "p.scheme { font-size: 9pt; color: #444; }\n"
    "ol.explain { font-size: 9pt; }\n";

static const char html_body[] = "</style>\n</head>\n<body>\n";

/* ---- the writers ---------------------------------------------------------------------- */

static void text_one(Buf *out, const EvProject *p, bool explain)
{
    Arena a = { 0 };
    text_project(out, p, explain, &a);
    arena_free(&a);
}

static void json_begin(Buf *out)
{
    buf_str(out, "{\"projects\":[\n");
}

static void json_one(Buf *out, const EvProject *p, bool explain)
{
    json_project(out, p, explain);
}

static void json_end(Buf *out, int nprojects, const Dash *d)
{
    buf_str(out, "\n]");
    if (d) {
        buf_str(out, ",\"summary\":");
        dash_json(out, d);
    }
    buf_printf(out, ",\"count\":%d}\n", nprojects);
}

static void text_end(Buf *out, int nprojects, const Dash *d)
{
    (void)nprojects;
    if (d) {
        buf_str(out, "\n\n");
        dash_text(out, d);
    }
}

static void md_end(Buf *out, int nprojects, const Dash *d)
{
    (void)nprojects;
    if (d) {
        buf_str(out, "\n");
        dash_md(out, d);
    }
}

static void csv_begin(Buf *out)
{
    buf_str(out, "项目,总分,等级,执行率,预算执行率得分,指标数,未达成指标数\r\n");
}

static void csv_one(Buf *out, const EvProject *p, bool explain)
{
    (void)explain;                  /* a row of totals */
    csv_project(out, p);
}

static void md_one(Buf *out, const EvProject *p, bool explain)
{
    md_project(out, p, explain);
}

/* Written ahead of the forms, once they are all known: the document's
 * head, then for many projects the summary page. */
static void html_head_of(Buf *head, const Dash *d)
{
    buf_str(head, html_head);
    if (d)
        dash_html_style(head);
    buf_str(head, html_body);
    if (d)
        dash_html(head, d);
}

static void html_one(Buf *out, const EvProject *p, bool explain)
{
    html_project(out, p, explain);
}

static void html_end(Buf *out, int nprojects, const Dash *d)
{
    (void)nprojects;
    (void)d;
    buf_str(out, "</body>\n</html>\n");
}

/* ---- pgc test: the expected figures of each case -------------------------------- */

static struct { int passed, failed, untested; } tests;

static void test_one(Buf *out, const EvProject *p, bool explain)
{
    (void)explain;
    int n = ev_audited(p);
    if (n == 0) {
        tests.untested++;
        return;
    }
    if (!p->audit) {
        tests.passed++;
        buf_printf(out, "PASS  %s\n", p->name);
        return;
    }
    tests.failed++;
    int nfail = 0;
    for (const EvAudit *au = p->audit; au; au = au->next)
        nfail++;
    buf_printf(out, "FAIL  %s  (%s:%u)  ", p->name, p->src->path, p->loc.line);
    buf_printf(out, _("%d of %d expected figures differ\n"), nfail, n);
    audit_lines(out, p, "期望", "实得");
}

static void test_end(Buf *out, int nprojects, const Dash *d)
{
    (void)nprojects;
    (void)d;
    if (tests.untested)
        buf_printf(out, ngettext("(%d project states no expected figure)\n",
                                 "(%d projects state no expected figure)\n", tests.untested),
                   tests.untested);
    buf_printf(out, _("%d passed, %d failed\n"), tests.passed, tests.failed);
}

void rep_test_counts(int *passed, int *failed)
{
    *passed = tests.passed;
    *failed = tests.failed;
}

/* Every format, by ReportFormat: its name for --format, and what it
 * writes before the projects (NULL: nothing), between two of them, for
 * each project, and after them (NULL: nothing; the dashboard of many
 * projects, or NULL), and what goes ahead of it all once the projects
 * are known (NULL: nothing); whether it has a dashboard (dash.c) of
 * more than one project.  (An HTML section is a page of its own; a CSV
 * row needs no separator.) */
static const struct Writer {
    const char *name;
    void (*begin)(Buf *out);
    const char *between;
    void (*project)(Buf *out, const EvProject *p, bool explain);
    void (*end)(Buf *out, int nprojects, const Dash *d);
    void (*head)(Buf *head, const Dash *d);
    bool dash;
} writers[] = {
    [REP_TEXT] = { "text", NULL, "\n\n", text_one, text_end, NULL, true },
    [REP_JSON] = { "json", json_begin, ",\n", json_one, json_end, NULL, true },
    [REP_CSV] = { "csv", csv_begin, "", csv_one, NULL, NULL, false },
    [REP_MD] = { "md", NULL, "\n", md_one, md_end, NULL, true },
    [REP_HTML] = { "html", NULL, "", html_one, html_end, html_head_of, true },
    /* binary: pgc's sink writes it (ScoreRun.sink), never rep_project */
    [REP_XLSX] = { "xlsx", NULL, "", NULL, NULL, NULL, false },
    [REP_TEST] = { "test", NULL, "", test_one, test_end, NULL, false },     /* pgc test's, not a --format */
};
_Static_assert(sizeof writers / sizeof *writers == REP_COUNT + 1, "a writer for every ReportFormat");

void rep_begin(Buf *out, ReportFormat f)
{
    if (writers[f].begin)
        writers[f].begin(out);
}

void rep_between(Buf *out, ReportFormat f)
{
    buf_str(out, writers[f].between);
}

void rep_project(Buf *out, ReportFormat f, const EvProject *p, bool explain, bool first)
{
    if (!writers[f].project)
        pgc_die("the %s report has no writer into a buffer", writers[f].name);
    if (!first)
        rep_between(out, f);
    writers[f].project(out, p, explain);
}

void rep_end(Buf *out, Buf *head, ReportFormat f, int nprojects, const Dash *d)
{
    if (nprojects <= 1)
        d = NULL;                   /* one project's report is its form alone */
    if (writers[f].end)
        writers[f].end(out, nprojects, d);
    if (writers[f].head)
        writers[f].head(head, d);
}

/* ---- the dashboard of many projects (dash.c) ---------------------------------------- */

static const DashConfig dash_config = {
    .title = "项目支出绩效自评汇总",
    .value_name = "总分",
    .value_unit = "分",
    .category_head = "等级",
    .bin_from = { 0, 0 },
    .bin_width = { 10, 0 },
    .nbins = 10,
    .nworst = 10,
    .projects_title = "总分最低的项目",
    .indicators_title = "得分率最低的指标",
    .ind_value_head = "得分/分值",
    .ind_detail_head = "年度指标值／实际完成值",
};

Dash *rep_dash_new(ReportFormat f)
{
    return writers[f].dash ? dash_new(&dash_config) : NULL;
}

/* The colour of grade g of n: the best green, the worst red, between
 * them blue, then yellow. */
static const char *grade_css(int g, int n)
{
    return g == 0 ? "green" : g == n - 1 ? "red" : g == 1 ? "blue" : "yellow";
}

void rep_dash_project(Dash *d, const EvProject *p)
{
    char x[DEC_BUF], w[DEC_BUF];
    int cat = -1;
    const EvScheme *sc = p->scheme;
    for (int g = 0; g < sc->ngrades; g++) {
        int c = dash_category(d, sc->grades[g].name, grade_css(g, sc->ngrades));
        if (p->grade && strcmp(sc->grades[g].name, p->grade) == 0)
            cat = c;
    }
    dash_project(d, p->name, p->dept, p->unit, cat, &p->total, num(p->total, x));
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *e = &p->ind[i];
        Decimal key;
        if (dec_is_zero(e->weight) || dec_div(e->score, e->weight, 4, &key) != DEC_OK)
            continue;               /* no 分值: no 得分率 */
        if (!dash_indicator_kept(d, key)) {
            dash_indicator(d, p->name, e->name, key, NULL, NULL, -1);     /* counted, not kept */
            continue;
        }
        char value[2 * DEC_BUF + 2];
        snprintf(value, sizeof value, "%s/%s", num(e->score, x), num(e->weight, w));
        Buf detail = { 0 };
        buf_str(&detail, e->target_text);
        buf_str(&detail, "／");
        buf_str(&detail, e->actual_text ? e->actual_text : "");
        dash_indicator(d, p->name, e->name, key, value, detail.s, -1);
        buf_free(&detail);
    }
}

CliOpt rep_format_option(int *to, bool xlsx)
{
    static CliChoice names[REP_COUNT + 1];
    for (int f = 0; f < REP_COUNT; f++)
        names[f] = (CliChoice){ writers[f].name, f };
    /* the list in the message is the table's names, but for xlsx where
     * the command cannot write it (it is still a name: its caller says
     * why it will not) */
    return (CliOpt){ "format", 'f', CLI_CHOICE, .to = to, .choices = names,
                     .text = xlsx ? N_("unknown format '%s' (text, json, csv, md, html or xlsx)")
                                  : N_("unknown format '%s' (text, json, csv, md or html)") };
}

/* ---- actuals as CSV: the template to fill in, and --emit=actuals ---------------------- */

void rep_actuals_begin(Buf *b)
{
    buf_str(b, "项目,一级指标,二级指标,指标,年度指标值,实际完成值,分值,得分,偏差原因\r\n");
}

/* One row: 项目, 一级, 二级, 指标, 年度指标值, 实际完成值, then the rest as given. */
static void actual_row(Buf *b, const char *project, const char *l1, const char *l2, const char *name,
                       const char *target, const char *value, const char *rest)
{
    const char *cells[] = { project, l1, l2, name, target, value };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        if (i)
            buf_str(b, ",");
        csv_cell(b, cells[i] ? cells[i] : "");
    }
    buf_str(b, rest);
    buf_str(b, "\r\n");
}

void rep_template(Buf *b, const EvProject *p)
{
    char w[DEC_BUF], bud[DEC_BUF];
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *x = &p->ind[i];
        char rest[DEC_BUF + 8];
        snprintf(rest, sizeof rest, ",%s,,", p->spec_weights ? num(x->weight, w) : "");
        actual_row(b, p->name, x->l1, x->l2, x->name, x->target_text, "", rest);
    }
    dec_format(p->budget, false, bud);
    actual_row(b, p->name, "", "", "全年预算数", "", bud, ",,,");
    actual_row(b, p->name, "", "", "全年执行数", "", "", ",,,");
}

void rep_actual_rows(Buf *b, const char *project, const ActualRow *rows, Arena *a)
{
    char x[DEC_BUF];
    for (const ActualRow *r = rows; r; r = r->next) {
        Buf rest = { 0 };
        buf_str(&rest, ",");
        if (r->has_weight)
            buf_str(&rest, dec_format(r->weight, false, x));
        buf_str(&rest, ",");
        if (r->has_score)
            buf_str(&rest, dec_format(r->score, false, x));
        buf_str(&rest, ",");
        if (r->reason)
            csv_cell(&rest, r->reason);
        actual_row(b, project, "", "", r->indicator, "", val_text(a, &r->val), rest.s);
        buf_free(&rest);
    }
}

/* ---- for the other reports (monitor.c) ---------------------------------------------- */

void rep_csv_cell(Buf *b, const char *s)
{
    csv_cell(b, s);
}
