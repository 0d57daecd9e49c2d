/*
 * monitor.c — mid-year monitoring (绩效运行监控): the 项目支出绩效目标执行监控表.
 *
 * After N months of the year (财预〔2019〕136号: the 1–7月 review in
 * August; provinces use 1–6 or 1–8 as well) a unit reports, per project,
 * what it has spent (累计执行数) and what each indicator has reached
 * (实际完成值, read as the 1–N月完成值), and may say what the year will
 * give (全年预计执行数, 全年预计完成值), how likely the target is
 * (完成目标可能性: 确定能, 有可能, 完全不可能) and why it is behind
 * (偏差原因: 经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他, and a note).
 *
 * Where no forecast is given one is made, by the kind of the target's
 * unit: a count or an amount (dimensions 数量, 金额) grows with the year,
 * so it is forecast by pace (× 12 ÷ N); a rate, a duration, a level, a
 * word or a date is taken as it stands.  Each forecast is then held
 * against its target the way the indicator is scored (its rule: 正向,
 * 反向, 等零, 日期, 定性), and its light read off the 监控方案
 * (stdlib/schemes.pg: the bounds of 绿 and 黄 in points, the light of
 * each band, the light a 完成目标可能性 gives at least).  Spending gets its
 * light from how many points it is behind 序时进度 (N ÷ 12).  Every light
 * is explained with its arithmetic (--explain).  All figures are exact:
 * the gaps are fractions, compared exactly and shown to two decimals.
 *
 * A project with no rows is 未填报, not an error.  Like scoring, this is
 * part of the runtime: a built evaluator monitors with the same code.
 */
#include "rt.h"

#include <string.h>

static const char *const light_names[LIGHT_COUNT] = { "未填报", "绿", "黄", "红" };
static const char *const likely_names[LIKELY_COUNT] = { "", "确定能", "有可能", "完全不可能" };
static const char *const reason_kinds[] = { "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他" };

const char *mon_light_name(Light l)
{
    return light_names[l];
}

Light mon_light_named(const char *name)
{
    for (int l = 0; l < LIGHT_COUNT; l++)
        if (strcmp(name, light_names[l]) == 0)
            return (Light)l;
    return LIGHT_COUNT;
}

const char *mon_likely_name(Likely k)
{
    return likely_names[k];
}

static Light worse(Light a, Light b)
{
    return a > b ? a : b;
}

/* ---- exact figures as text --------------------------------------------------------- */

/* r as a decimal: exactly when it has at most six decimals, else "≈" and
 * two; grouped by thousands. */
static const char *rat_text(Arena *a, Rat r)
{
    Decimal d;
    char b[DEC_BUF];
    if (rat_round(r, 6, &d) && rat_cmp(rat_from_dec(d), r) == 0) {
        dec_format(dec_normalize(d), true, b);
        return arena_strndup(a, b, strlen(b));
    }
    if (!rat_round(r, 2, &d))
        return "?";
    dec_format(d, true, b);
    return arena_cat3(a, "≈", b, NULL);
}

/* A number in the target's unit, as the reports write values: 93.5%, 240 张. */
static const char *in_unit(Arena *a, Rat r, const StdUnit *u)
{
    const char *n = rat_text(a, r);
    if (!u)
        return n;
    return strcmp(u->name, "%") == 0 ? arena_cat3(a, n, "%", NULL) : arena_cat3(a, n, " ", u->name);
}

/* Points, two decimals: "28.33". */
static const char *points(Arena *a, Rat r)
{
    Decimal d;
    char b[DEC_BUF];
    if (!rat_round(r, 2, &d))
        return "?";
    dec_format(d, true, b);
    return arena_strndup(a, b, strlen(b));
}

/* The light of a gap by bounds b (绿, 黄), and the comparison that gave it. */
static Light bounded(const MonBound *b, Rat gap, Arena *a, const char **why)
{
    for (int k = 0; k < 2; k++) {
        int c = rat_cmp(gap, b[k].bound);
        if (c < 0 || (c == 0 && b[k].op == OP_LE)) {
            *why = arena_printf(a, "%s %s → %s", b[k].op == OP_LE ? "≤" : "<", rat_text(a, b[k].bound),
                                light_names[LIGHT_GREEN + k]);
            return (Light)(LIGHT_GREEN + k);
        }
    }
    *why = arena_printf(a, "%s %s → 红", b[1].op == OP_LE ? ">" : "≥", rat_text(a, b[1].bound));
    return LIGHT_RED;
}

/* The arithmetic: exact, and a step that does not fit (rat.c fails)
 * marks m, whose project is then an error (E0509), never a figure. */
static Rat mul(MonProject *m, Rat a, Rat b)
{
    Rat r = { 0, 1 };
    if (!rat_mul(a, b, &r))
        m->overflow = true;
    return r;
}

static Rat divide(MonProject *m, Rat a, Rat b)
{
    Rat r = { 0, 1 };
    if (!rat_div(a, b, &r))
        m->overflow = true;
    return r;
}

static Rat minus(MonProject *m, Rat a, Rat b)
{
    Rat r = { 0, 1 };
    if (!rat_sub(a, b, &r))
        m->overflow = true;
    return r;
}

static Decimal cents(MonProject *m, Rat r)
{
    Decimal d = { 0, 2 };
    if (!rat_round(r, 2, &d))
        m->overflow = true;
    return d;
}

/* ---- the funds --------------------------------------------------------------------- */

static void funds(MonProject *m, const EvMonScheme *ms, Arena *a)
{
    EvProject *p = m->p;
    char x[DEC_BUF], y[DEC_BUF], z[DEC_BUF];
    int n = m->through;
    Rat pace = divide(m, rat_int(100LL * n), rat_int(12));
    m->pace = cents(m, pace);
    if (!p->todate_row) {
        m->budget_light = LIGHT_NONE;
        m->budget_explain = "未填报累计执行数";
        return;
    }
    m->has_todate = true;
    Rat todate = rat_from_dec(p->todate), budget = rat_from_dec(p->budget);
    m->forecast_given = p->forecast_row != NULL;
    if (m->forecast_given) {
        m->forecast_spent = p->forecast_spent;
    } else {
        m->forecast_spent = cents(m, divide(m, mul(m, todate, rat_int(12)), rat_int(n)));
    }
    const char *fc = m->forecast_given
                         ? arena_printf(a, "全年预计执行数 %s（填报）", ev_money(p->funds_shift, m->forecast_spent, x))
                         : arena_printf(a, "全年预计执行数 %s × 12 ÷ %d = %s", ev_money(p->funds_shift, p->todate, y),
                                        n, ev_money(p->funds_shift, m->forecast_spent, x));
    if (rat_is_zero(budget)) {
        m->budget_light = LIGHT_NONE;
        m->budget_explain = arena_printf(a, "全年预算数为 0，无执行率；%s", fc);
        return;
    }
    Rat rate = divide(m, mul(m, todate, rat_int(100)), budget);
    m->rate = cents(m, rate);
    m->behind = minus(m, pace, rate);
    const char *why;
    Rat behind = rat_is_neg(m->behind) ? rat_int(0) : m->behind;
    m->budget_light = bounded(ms->exec, behind, a, &why);
    m->budget_explain = arena_printf(
        a, "执行率 %s ÷ %s = %s%%，序时进度 %d ÷ 12 = %s%%，%s %s 个百分点 %s；%s", ev_money(p->funds_shift, p->todate, x),
        ev_money(p->funds_shift, p->budget, y), dec_format(m->rate, true, z), n, rat_text(a, pace),
        rat_is_neg(m->behind) ? "超前" : "落后", points(a, rat_is_neg(m->behind) ? (Rat){ -m->behind.num, m->behind.den } : m->behind),
        why, fc);
}

/* 累计执行数 ≤ 全年预计执行数 ≤ 全年预算数 (W0802), and a reason for a
 * budget light that is not 绿 (W0801). */
static void check_funds(const MonProject *m)
{
    const EvProject *p = m->p;
    char x[DEC_BUF], y[DEC_BUF];
    if (p->forecast_row && p->todate_row && dec_cmp(p->todate, p->forecast_spent) > 0)
        diag_emit_in(p->forecast_row->src, W0802, p->forecast_row->val.loc,
                     "全年预计执行数 %s is below 累计执行数 %s, already spent", ev_money(p->funds_shift, p->forecast_spent, x),
                     ev_money(p->funds_shift, p->todate, y));
    const ActualRow *fr = p->forecast_row;
    if (dec_cmp(p->todate, p->budget) > 0) {
        diag_emit_in(p->todate_row->src, W0802, p->todate_row->val.loc, "累计执行数 %s is above 全年预算数 %s",
                     ev_money(p->funds_shift, p->todate, x), ev_money(p->funds_shift, p->budget, y));
        diag_hint("a budget adjusted in the year is given as the row 全年预算数");
    } else if (fr && dec_cmp(p->forecast_spent, p->budget) > 0) {
        diag_emit_in(fr->src, W0802, fr->val.loc, "全年预计执行数 %s is above 全年预算数 %s",
                     ev_money(p->funds_shift, p->forecast_spent, x), ev_money(p->funds_shift, p->budget, y));
        diag_hint("a budget adjusted in the year is given as the row 全年预算数");
    }
    if ((m->budget_light == LIGHT_YELLOW || m->budget_light == LIGHT_RED) && !p->todate_row->reason) {
        /* TRANSLATORS: the light (黄 or 红), the execution rate, 序时进度 */
        diag_emit_in(p->todate_row->src, W0801, p->todate_row->name_loc,
                     "spending is %s (执行率 %s%%, 序时进度 %s%%) but has no 偏差原因", light_names[m->budget_light],
                     dec_format(m->rate, true, x), dec_format(m->pace, true, y));
        diag_hint("give the row 累计执行数 a 偏差原因: 经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他, and what happened");
    }
}

/* ---- an indicator ------------------------------------------------------------------ */

/* 偏差原因 as 经费保障：…: its kind and the rest; another text is 其他
 * (W0803). */
static void reason(MonIndicator *mi, const ActualRow *r, Arena *a)
{
    mi->reason_note = "";
    if (!r || !r->reason)
        return;
    const char *s = r->reason;
    for (size_t k = 0; k < sizeof reason_kinds / sizeof *reason_kinds; k++) {
        size_t n = strlen(reason_kinds[k]);
        if (strncmp(s, reason_kinds[k], n) != 0)
            continue;
        mi->reason_kind = reason_kinds[k];
        s += n;
        for (;;) {                      /* the separators after the kind */
            static const char *const seps[] = { "：", ":", "，", ",", "、", "；", ";", " ", "　", "-", "—" };
            bool cut = false;
            for (size_t j = 0; j < sizeof seps / sizeof *seps; j++)
                if (str_starts(s, seps[j])) {
                    s += strlen(seps[j]);
                    cut = true;
                }
            if (!cut)
                break;
        }
        mi->reason_note = arena_strndup(a, s, strlen(s));
        return;
    }
    mi->reason_kind = "其他";
    mi->reason_note = r->reason;
    diag_emit_in(r->src, W0803, r->reason_loc, "the 偏差原因 “%s” names none of its kinds: taken as 其他", r->reason);
    diag_hint("begin it with 经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他, e.g. “经费保障：资金未到位”");
}

static bool likely(MonIndicator *mi, const ActualRow *r)
{
    if (!r || !r->likely)
        return true;
    for (int k = LIKELY_SURE; k < LIKELY_COUNT; k++)
        if (strcmp(r->likely, likely_names[k]) == 0) {
            mi->likely = (Likely)k;
            return true;
        }
    diag_emit_in(r->src, E0801, r->likely_loc, "完成目标可能性 “%s” is not 确定能, 有可能 or 完全不可能", r->likely);
    const char *s = std_suggest(r->likely, likely_names + 1, LIKELY_COUNT - 1);
    if (s)
        diag_hint("did you mean “%s”?", s);
    return false;
}

/* Whether a number target of unit u grows with the year (forecast by pace). */
static bool grows(const EvIndicator *x)
{
    return x->kind == TK_NUMBER && x->unit &&
           (strcmp(x->unit->dim, "数量") == 0 || strcmp(x->unit->dim, "金额") == 0);
}

/* The forecast: given, or made from the value.  False when there is none. */
static bool forecast(const Stdlib *std, MonProject *m, MonIndicator *mi, Arena *a, const char **how, bool *ok)
{
    const EvIndicator *x = mi->x;
    const ActualRow *r = x->row;
    if (r && r->has_forecast) {
        ValTarget t = { .kind = x->kind, .target = x->target, .unit = x->unit, .word = x->word, .scale = x->scale };
        if (val_fit(std, &t, x->name, x->target_text, r->src, &r->forecast, &mi->forecast) == FIT_BAD) {
            *ok = false;
            return false;
        }
        if (x->kind != TK_NUMBER && x->kind != TK_DATE) {
            bool matched;
            mi->band = val_word_band(std, &t, r->forecast.text, &matched);
            if (!matched)
                val_warn_unmatched(std, &t, x->name, x->target_text, r->src, r->forecast.loc, r->forecast.text);
        }
        mi->forecast_given = true;
        mi->forecast_text = val_text(a, &r->forecast);
        *how = arena_printf(a, "全年预计 %s（填报）", mi->forecast_text);
        return true;
    }
    if (!mi->has_value)
        return false;
    int n = m->through;
    if (grows(x)) {
        mi->by_pace = true;
        Rat f = divide(m, mul(m, x->actual, rat_int(12)), rat_int(n));
        mi->forecast = f;
        mi->forecast_text = in_unit(a, f, x->unit);
        *how = arena_printf(a, "全年预计 = 1–%d月 %s × 12 ÷ %d = %s（%s：按序时）", n, in_unit(a, x->actual, x->unit), n,
                            mi->forecast_text, x->unit->dim);
        return true;
    }
    mi->forecast = x->actual;
    mi->band = x->band;
    mi->forecast_text = x->actual_text;
    *how = arena_printf(a, "全年预计 = 1–%d月 %s（%s：照现值）", n, x->actual_text,
                        x->kind == TK_NUMBER ? (x->unit ? x->unit->dim : "数") : x->kind == TK_DATE ? "日期" : "定性");
    return true;
}

/* The light of a forecast against the target, by the indicator's rule. */
static Light judge(const EvMonScheme *ms, MonProject *m, MonIndicator *mi, Arena *a, const char **why)
{
    const EvIndicator *x = mi->x;
    Rat f = mi->forecast, t = x->target, d;
    switch (x->rule) {
    case R_POS:
    case R_NEG: {
        bool pos = x->rule == R_POS;
        int c = rat_cmp(f, t);
        if (pos ? c >= 0 : c <= 0) {
            mi->has_gap = true;
            mi->gap = rat_int(0);
            const char *w;
            Light l = bounded(ms->goal, mi->gap, a, &w);
            *why = arena_printf(a, "目标 %s，%s 已达到，差 0 个百分点 %s", x->target_text, mi->forecast_text, w);
            return l;
        }
        if (!rat_is_neg(t) && !rat_is_zero(t)) {
            d = divide(m, mul(m, minus(m, pos ? t : f, pos ? f : t), rat_int(100)), t);
            mi->has_gap = true;
            mi->gap = d;
            const char *w;
            Light l = bounded(ms->goal, d, a, &w);
            *why = arena_printf(a, "目标 %s，%s %s 个百分点（(%s − %s) ÷ %s）%s", x->target_text, pos ? "差" : "超",
                                points(a, d), rat_text(a, pos ? t : f), rat_text(a, pos ? f : t), rat_text(a, t), w);
            return l;
        }
        *why = arena_printf(a, "目标 %s 未达到，无从按百分点计 → 红", x->target_text);
        return LIGHT_RED;
    }
    case R_ZERO:
        if (!rat_is_neg(f) && !rat_is_zero(f)) {
            *why = arena_printf(a, "目标 %s，%s 不为 0 → 红", x->target_text, mi->forecast_text);
            return LIGHT_RED;
        }
        mi->has_gap = true;
        mi->gap = rat_int(0);
        const char *w;
        Light l = bounded(ms->goal, mi->gap, a, &w);
        *why = arena_printf(a, "目标 %s，%s 已达到，差 0 个百分点 %s", x->target_text, mi->forecast_text, w);
        return l;
    case R_DATE:
        if (rat_cmp(f, t) <= 0) {
            *why = arena_printf(a, "%s 不晚于 %s → 绿", mi->forecast_text, x->target_text);
            return LIGHT_GREEN;
        }
        *why = arena_printf(a, "%s 晚于 %s → 红", mi->forecast_text, x->target_text);
        return LIGHT_RED;
    default: {
        Band b = mi->band == BAND_NONE ? BAND_UNMET : mi->band;
        Light bl = ms->band_light[b];
        *why = arena_printf(a, "目标 %s，%s 属“%s” → %s", x->target_text, mi->forecast_text, std_band_name(b),
                            light_names[bl]);
        return bl;
    }
    }
}

static bool indicator(const Stdlib *std, const EvMonScheme *ms, MonProject *m, int i, Arena *a)
{
    MonIndicator *mi = &m->ind[i];
    const EvIndicator *x = &m->p->ind[i];
    const ActualRow *r = x->row;
    mi->x = x;
    mi->has_value = r && !r->no_value && !r->bad && x->fits;     /* a misfit is reported: no forecast from it */
    bool ok = likely(mi, r);
    reason(mi, r, a);
    const char *how = NULL, *why = NULL;
    mi->has_forecast = forecast(std, m, mi, a, &how, &ok);
    if (!ok)
        return false;
    if (!mi->has_forecast) {
        mi->light = LIGHT_NONE;
        mi->explain = "未填报";
        const Source *src = r ? r->src : m->p->src;
        diag_emit_in(src, W0804, r ? r->name_loc : x->loc, "no 1–%d月完成值 and no 全年预计完成值 for “%s”: 未填报",
                     m->through, x->name);
        return true;
    }
    mi->light = judge(ms, m, mi, a, &why);
    const char *floor = "";
    if (ms->likely_light[mi->likely] > mi->light) {
        mi->light = ms->likely_light[mi->likely];
        floor = arena_printf(a, "；完成目标可能性 %s → %s", likely_names[mi->likely], light_names[mi->light]);
    }
    mi->explain = arena_printf(a, "%s；%s%s", how, why, floor);
    bool needs = mi->light == LIGHT_YELLOW || mi->light == LIGHT_RED || mi->likely == LIKELY_MAYBE ||
                 mi->likely == LIKELY_NO;
    if (needs && !(r && r->reason)) {
        /* TRANSLATORS: the indicator, then its light (黄, 红) or its 完成目标可能性 */
        diag_emit_in(r ? r->src : m->p->src, W0801, r ? r->name_loc : x->loc, "“%s” is %s but has no 偏差原因", x->name,
                     mi->light == LIGHT_YELLOW || mi->light == LIGHT_RED ? light_names[mi->light]
                                                                         : likely_names[mi->likely]);
        diag_hint("a 偏差原因 is 经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他, and what happened");
    }
    return true;
}

bool mon_project(const Stdlib *std, const EvMonScheme *ms, EvProject *p, ActualRow *rows, int through,
                 MonProject *m, Arena *arena)
{
    memset(m, 0, sizeof *m);
    m->p = p;
    m->through = through;
    m->ind = arena_alloc(arena, (size_t)(p->nind ? p->nind : 1) * sizeof *m->ind);
    for (int i = 0; i < p->nind; i++)
        m->ind[i].x = &p->ind[i];
    if (!rows) {
        m->pace = cents(m, divide(m, rat_int(100LL * through), rat_int(12)));
        m->budget_explain = "未填报";
        for (int i = 0; i < p->nind; i++)
            m->ind[i].explain = "未填报";
        m->count[LIGHT_NONE] = p->nind;
        return true;
    }
    m->reported = true;
    bool ok = ev_bind_monitor(std, p, rows, arena);     /* on errors, the rest is still checked */
    funds(m, ms, arena);
    if (m->has_todate)
        check_funds(m);
    else
        diag_emit(W0804, p->loc, "no 累计执行数 for project “%s”: its spending is 未填报", p->name);
    m->light = m->budget_light;
    for (int i = 0; i < p->nind; i++) {
        ok = indicator(std, ms, m, i, arena) && ok;
        m->count[m->ind[i].light]++;
        m->light = worse(m->light, m->ind[i].light);
    }
    if (m->overflow) {
        /* TRANSLATORS: the project */
        diag_emit(E0509, p->loc, "a figure of the monitoring of “%s” does not fit pgc's exact arithmetic", p->name);
        diag_hint("an amount or a value of more than 18 digits");
        ok = false;
    }
    return ok;
}

/* ---- the reports ------------------------------------------------------------------- */

static const char *money_text(Arena *a, const EvProject *p, Decimal yuan)
{
    char b[DEC_BUF];
    ev_money(p->funds_shift, yuan, b);
    return arena_strndup(a, b, strlen(b));
}

/* The cells every format shows: the funds row, and each indicator's. */
typedef struct MonCells {
    const char *budget_initial, *budget, *todate, *rate, *pace, *forecast, *light, *reason;
} MonCells;

static const char *reason_text(Arena *a, const char *kind, const char *note)
{
    if (!kind)
        return "";
    return *note ? arena_cat3(a, kind, "：", note) : kind;
}

static MonCells fund_cells(const MonProject *m, Arena *a)
{
    const EvProject *p = m->p;
    char b[DEC_BUF];
    MonCells c = { money_text(a, p, p->budget_initial), money_text(a, p, p->budget), "", "", "", "",
                   light_names[m->budget_light], "" };
    c.pace = arena_printf(a, "%s%%", dec_format(m->pace, true, b));
    if (m->has_todate) {
        c.todate = money_text(a, p, p->todate);
        c.rate = rat_is_zero(rat_from_dec(p->budget)) ? "" : arena_printf(a, "%s%%", dec_format(m->rate, true, b));
        c.forecast = money_text(a, p, m->forecast_spent);
        c.reason = p->todate_row->reason ? p->todate_row->reason : "";
    }
    return c;
}

static const char *value_cell(const MonIndicator *mi)
{
    return mi->has_value ? mi->x->actual_text : "";
}

static const char *forecast_cell(const MonIndicator *mi)
{
    return mi->has_forecast ? mi->forecast_text : "";
}

static void title(Buf *b, const MonProject *m)
{
    buf_str(b, "项目支出绩效目标执行监控表");
    if (m->p->year)
        buf_printf(b, "（%d年度，1–%d月）", m->p->year, m->through);
    else
        buf_printf(b, "（1–%d月）", m->through);
}

enum { MAXCOL = 10 };       /* the text tables' columns */

static void text_report(Buf *b, const MonProject *m, bool explain, Arena *a)
{
    const EvProject *p = m->p;
    int n = m->through;
    title(b, m);
    buf_printf(b, "\n项目名称  %s\n", p->name);
    if (*p->dept)
        buf_printf(b, "主管部门  %s\n", p->dept);
    if (*p->unit)
        buf_printf(b, "实施单位  %s\n", p->unit);
    if (p->funds_shift)
        buf_printf(b, "金额单位  %s\n", p->funds_unit);
    buf_printf(b, "预警      %s\n\n", light_names[m->light]);
    if (!m->reported) {
        buf_str(b, "未填报\n");
        return;
    }
    MonCells c = fund_cells(m, a);
    const char *funds[2][MAXCOL] = {
        { "年初预算数", "全年预算数", arena_printf(a, "1–%d月执行数", n), "执行率", "序时进度", "全年预计执行数", "预警",
          "偏差原因" },
        { c.budget_initial, c.budget, c.todate, c.rate, c.pace, c.forecast, c.light, c.reason },
    };
    static const bool fright[MAXCOL] = { true, true, true, true, true, true };
    dash_table(b, &funds[0][0], MAXCOL, 2, 8, fright);
    buf_str(b, "\n");
    int rows_n = p->nind + 1;
    const char *(*rows)[MAXCOL] = arena_alloc(a, (size_t)rows_n * sizeof *rows);
    const char *head[MAXCOL] = { "一级指标", "二级指标", "三级指标", "年度指标值", arena_printf(a, "1–%d月完成值", n),
                                     "全年预计完成值", "完成目标可能性", "预警", "偏差原因" };
    memcpy(rows[0], head, sizeof head);
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        const EvIndicator *x = mi->x;
        rows[i + 1][0] = rep_cell_rows(p, i, false) ? x->l1 : "";
        rows[i + 1][1] = x->l2 && rep_cell_rows(p, i, true) ? x->l2 : "";
        rows[i + 1][2] = x->name;
        rows[i + 1][3] = x->target_text;
        rows[i + 1][4] = value_cell(mi);
        rows[i + 1][5] = forecast_cell(mi);
        rows[i + 1][6] = likely_names[mi->likely];
        rows[i + 1][7] = light_names[mi->light];
        rows[i + 1][8] = reason_text(a, mi->reason_kind, mi->reason_note);
    }
    static const bool right[MAXCOL] = { false };
    dash_table(b, &rows[0][0], MAXCOL, rows_n, 9, right);
    buf_printf(b, "\n绿 %d  黄 %d  红 %d  未填报 %d\n", m->count[LIGHT_GREEN], m->count[LIGHT_YELLOW],
               m->count[LIGHT_RED], m->count[LIGHT_NONE]);
    if (explain) {
        buf_str(b, "\n预警说明\n");
        buf_printf(b, "  预算执行  %s\n", m->budget_explain);
        for (int i = 0; i < p->nind; i++)
            buf_printf(b, "  %s  %s\n", p->ind[i].name, m->ind[i].explain);
    }
}

static void json_str(Buf *b, const char *key, const char *s, bool comma)
{
    buf_printf(b, "\"%s\":", key);
    esc_json(b, s);
    if (comma)
        buf_str(b, ",");
}

static void json_dec(Buf *b, const char *key, Decimal d, bool comma)
{
    char x[DEC_BUF];
    buf_printf(b, "\"%s\":%s%s", key, dec_format(d, false, x), comma ? "," : "");
}

static void json_report(Buf *b, const MonProject *m, bool explain, Arena *a)
{
    const EvProject *p = m->p;
    buf_str(b, "{");
    json_str(b, "project", p->name, true);
    json_str(b, "dept", p->dept, true);
    json_str(b, "unit", p->unit, true);
    buf_printf(b, "\"year\":%d,\"through\":%d,\"reported\":%s,", p->year, m->through, m->reported ? "true" : "false");
    json_str(b, "light", light_names[m->light], true);
    buf_str(b, "\"funds\":{");
    json_dec(b, "budget_initial", dec_round(p->budget_initial, 2), true);
    json_dec(b, "budget", dec_round(p->budget, 2), true);
    json_dec(b, "pace", m->pace, true);
    if (m->has_todate) {
        json_dec(b, "spent_to_date", dec_round(p->todate, 2), true);
        if (!rat_is_zero(rat_from_dec(p->budget)))
            json_dec(b, "rate", m->rate, true);
        json_dec(b, "forecast", m->forecast_spent, true);
        buf_printf(b, "\"forecast_given\":%s,", m->forecast_given ? "true" : "false");
        json_str(b, "reason", p->todate_row->reason ? p->todate_row->reason : "", true);
    }
    json_str(b, "light", light_names[m->budget_light], explain);
    if (explain)
        json_str(b, "explain", m->budget_explain, false);
    buf_str(b, "},\"indicators\":[");
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        const EvIndicator *x = mi->x;
        buf_str(b, i ? ",\n{" : "\n{");
        json_str(b, "name", x->name, true);
        json_str(b, "level1", x->l1, true);
        json_str(b, "level2", x->l2 ? x->l2 : "", true);
        json_str(b, "target", x->target_text, true);
        json_str(b, "value", value_cell(mi), true);
        json_str(b, "forecast", forecast_cell(mi), true);
        buf_printf(b, "\"forecast_given\":%s,", mi->forecast_given ? "true" : "false");
        if (mi->has_gap) {
            Decimal g;
            rat_round(mi->gap, 2, &g);
            json_dec(b, "gap_points", g, true);
        }
        json_str(b, "likelihood", likely_names[mi->likely], true);
        json_str(b, "reason_kind", mi->reason_kind ? mi->reason_kind : "", true);
        json_str(b, "reason_note", mi->reason_note ? mi->reason_note : "", true);
        json_str(b, "light", light_names[mi->light], explain);
        if (explain)
            json_str(b, "explain", mi->explain, false);
        buf_str(b, "}");
    }
    buf_printf(b, "],\"counts\":{\"绿\":%d,\"黄\":%d,\"红\":%d,\"未填报\":%d}}", m->count[LIGHT_GREEN],
               m->count[LIGHT_YELLOW], m->count[LIGHT_RED], m->count[LIGHT_NONE]);
    (void)a;
}

/* csv: a row per line of the table — the funds row (指标 预算执行), then
 * each indicator — so that a portfolio filters by 预警 in Excel. */
static void csv_row(Buf *b, const char *const *cells, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            buf_str(b, ",");
        rep_csv_cell(b, cells[i]);
    }
    buf_str(b, "\r\n");
}

static void csv_report(Buf *b, const MonProject *m, Arena *a)
{
    const EvProject *p = m->p;
    if (!m->reported) {
        const char *cells[] = { p->name, "", "", "", "", "", "", "未填报", "" };
        csv_row(b, cells, 9);
        return;
    }
    MonCells c = fund_cells(m, a);
    const char *funds[] = { p->name, "预算执行", c.budget, c.todate, c.rate, c.forecast, "", c.light, c.reason };
    csv_row(b, funds, 9);
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        const char *cells[] = { p->name, mi->x->name, mi->x->target_text, value_cell(mi), "", forecast_cell(mi),
                                likely_names[mi->likely], light_names[mi->light],
                                reason_text(a, mi->reason_kind, mi->reason_note) };
        csv_row(b, cells, 9);
    }
}

static void md_cell(Buf *b, const char *s)
{
    buf_str(b, " ");
    esc_md(b, s);
    buf_str(b, " |");
}

static void md_report(Buf *b, const MonProject *m, bool explain, Arena *a)
{
    const EvProject *p = m->p;
    int n = m->through;
    buf_str(b, "## ");
    title(b, m);
    buf_printf(b, "：%s\n\n主管部门：%s　实施单位：%s　预警：%s\n\n", p->name, p->dept, p->unit, light_names[m->light]);
    if (!m->reported) {
        buf_str(b, "未填报\n");
        return;
    }
    MonCells c = fund_cells(m, a);
    buf_printf(b, "| 年初预算数 | 全年预算数 | 1–%d月执行数 | 执行率 | 序时进度 | 全年预计执行数 | 预警 | 偏差原因 |\n"
                  "|---:|---:|---:|---:|---:|---:|---|---|\n|", n);
    const char *fc[] = { c.budget_initial, c.budget, c.todate, c.rate, c.pace, c.forecast, c.light, c.reason };
    for (int i = 0; i < 8; i++)
        md_cell(b, fc[i]);
    buf_printf(b, "\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 1–%d月完成值 | 全年预计完成值 | 完成目标可能性 | 预警 | 偏差原因 |\n"
                  "|---|---|---|---|---|---|---|---|---|\n", n);
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        const EvIndicator *x = mi->x;
        buf_str(b, "|");
        md_cell(b, rep_cell_rows(p, i, false) ? x->l1 : "");
        md_cell(b, x->l2 && rep_cell_rows(p, i, true) ? x->l2 : "");
        md_cell(b, x->name);
        md_cell(b, x->target_text);
        md_cell(b, value_cell(mi));
        md_cell(b, forecast_cell(mi));
        md_cell(b, likely_names[mi->likely]);
        md_cell(b, light_names[mi->light]);
        md_cell(b, reason_text(a, mi->reason_kind, mi->reason_note));
        buf_str(b, "\n");
    }
    if (explain) {
        buf_str(b, "\n预警说明：\n\n");
        buf_printf(b, "- 预算执行：%s\n", m->budget_explain);
        for (int i = 0; i < p->nind; i++)
            buf_printf(b, "- %s：%s\n", p->ind[i].name, m->ind[i].explain);
    }
}

static const char *const light_class[LIGHT_COUNT] = { "none", "green", "yellow", "red" };

static void td(Buf *b, const char *attrs, const char *s)
{
    buf_printf(b, "<td%s>", attrs);
    esc_html(b, s);
    buf_str(b, "</td>");
}

static void td_light(Buf *b, Light l)
{
    buf_printf(b, "<td class=\"light %s\">%s</td>", light_class[l], light_names[l]);
}

static void html_report(Buf *b, const MonProject *m, bool explain, Arena *a)
{
    const EvProject *p = m->p;
    int n = m->through;
    buf_str(b, "<section class=\"form\">\n<h1>项目支出绩效目标执行监控表</h1>\n<p class=\"year\">（");
    if (p->year)
        buf_printf(b, "%d年度，", p->year);
    buf_printf(b, "1–%d月）</p>\n<table>\n", n);
    buf_str(b, "<tr><th>项目名称</th>");
    td(b, " colspan=\"5\"", p->name);
    buf_str(b, "<th>预警</th>");
    td_light(b, m->light);
    buf_str(b, "</tr>\n<tr><th>主管部门</th>");
    td(b, " colspan=\"3\"", p->dept);
    buf_str(b, "<th>实施单位</th>");
    td(b, " colspan=\"3\"", p->unit);
    buf_str(b, "</tr>\n");
    if (!m->reported) {
        buf_str(b, "<tr><td colspan=\"8\" class=\"none\">未填报</td></tr>\n</table>\n</section>\n");
        return;
    }
    MonCells c = fund_cells(m, a);
    buf_printf(b, "<tr><th>年初预算数</th><th>全年预算数</th><th>1–%d月执行数</th><th>执行率</th><th>序时进度</th>"
                  "<th>全年预计执行数</th><th>预警</th><th>偏差原因</th></tr>\n<tr>", n);
    const char *fc[] = { c.budget_initial, c.budget, c.todate, c.rate, c.pace, c.forecast };
    for (int i = 0; i < 6; i++)
        td(b, " class=\"num\"", fc[i]);
    td_light(b, m->budget_light);
    td(b, "", c.reason);
    buf_printf(b, "</tr>\n</table>\n<table>\n<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th>"
                  "<th>1–%d月完成值</th><th>全年预计完成值</th><th>完成目标可能性</th><th>预警</th><th>偏差原因</th></tr>\n", n);
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        const EvIndicator *x = mi->x;
        buf_str(b, "<tr>");
        int l1_rows = rep_cell_rows(p, i, false), l2_rows = rep_cell_rows(p, i, true);
        if (l1_rows) {
            buf_printf(b, "<td rowspan=\"%d\">", l1_rows);
            esc_html(b, x->l1);
            buf_str(b, "</td>");
        }
        if (l2_rows) {
            buf_printf(b, "<td rowspan=\"%d\">", l2_rows);
            esc_html(b, x->l2 ? x->l2 : "");
            buf_str(b, "</td>");
        }
        td(b, "", x->name);
        td(b, "", x->target_text);
        td(b, "", value_cell(mi));
        td(b, "", forecast_cell(mi));
        td(b, "", likely_names[mi->likely]);
        td_light(b, mi->light);
        td(b, "", reason_text(a, mi->reason_kind, mi->reason_note));
        buf_str(b, "</tr>\n");
    }
    buf_str(b, "</table>\n");
    if (explain) {
        buf_str(b, "<ol class=\"explain\">\n<li>预算执行：");
        esc_html(b, m->budget_explain);
        buf_str(b, "</li>\n");
        for (int i = 0; i < p->nind; i++) {
            buf_str(b, "<li>");
            esc_html(b, p->ind[i].name);
            buf_str(b, "：");
            esc_html(b, m->ind[i].explain);
            buf_str(b, "</li>\n");
        }
        buf_str(b, "</ol>\n");
    }
    buf_str(b, "</section>\n");
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>项目支出绩效目标执行监控表</title>\n<style>\n"
    "@page { size: A4 landscape; margin: 12mm; }\n"
    "body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, serif; font-size: 10pt; margin: 0; }\n"
    "section.form { page-break-after: always; break-after: page; }\n"
    "section.form:last-child { page-break-after: auto; break-after: auto; }\n"
    "h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }\n"
    "p.year { text-align: center; margin: 0 0 3mm; }\n"
    "table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }\n"
    "th, td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: middle; word-wrap: break-word; }\n"
    "th { font-weight: normal; background: #f2f2f2; }\n"
    "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "td.light { text-align: center; font-weight: bold; white-space: nowrap; }\n"
    "td.green { background: #c8e6c9; } td.yellow { background: #fff59d; } td.red { background: #ef9a9a; }\n"
    "td.none { color: #555; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "ol.explain { font-size: 9pt; }\n";

void mon_begin(Buf *out, ReportFormat f, int through)
{
    if (f == REP_JSON)
        buf_printf(out, "{\"through\":%d,\"projects\":[\n", through);
    else if (f == REP_CSV)
        buf_printf(out, "项目,指标,年度指标值,1–%d月完成值,执行率,全年预计,完成目标可能性,预警,偏差原因\r\n", through);
    /* html: its head goes ahead of it all at the end (mon_end), with the dashboard */
}

void mon_report(Buf *out, ReportFormat f, const MonProject *m, bool explain, bool first)
{
    Arena a = { 0 };
    if (!first)
        buf_str(out, f == REP_TEXT ? "\n\n" : f == REP_JSON ? ",\n" : f == REP_MD ? "\n" : "");
    switch (f) {
    case REP_TEXT: text_report(out, m, explain, &a); break;
    case REP_JSON: json_report(out, m, explain, &a); break;
    case REP_CSV: csv_report(out, m, &a); break;
    case REP_MD: md_report(out, m, explain, &a); break;
    case REP_HTML: html_report(out, m, explain, &a); break;
    default: pgc_die("the %d report has no monitoring writer", (int)f);
    }
    arena_free(&a);
}

void mon_end(Buf *out, Buf *head, ReportFormat f, int nprojects, const Dash *d)
{
    if (nprojects <= 1)
        d = NULL;                   /* one project's report is its form alone */
    if (f == REP_JSON) {
        buf_str(out, "\n]");
        if (d) {
            buf_str(out, ",\"summary\":");
            dash_json(out, d);
        }
        buf_printf(out, ",\"count\":%d}\n", nprojects);
    } else if (f == REP_TEXT && d) {
        buf_str(out, "\n\n");
        dash_text(out, d);
    } else if (f == REP_MD && d) {
        buf_str(out, "\n");
        dash_md(out, d);
    } else if (f == REP_HTML) {
        buf_str(head, html_head);
        if (d)
            dash_html_style(head);
        buf_str(head, "</style>\n</head>\n<body>\n");
        if (d)
            dash_html(head, d);
        buf_str(out, "</body>\n</html>\n");
    }
}

/* ---- the dashboard of many projects (dash.c) --------------------------------------- */

/* The lights as the dashboard's categories, in the order of light_cat. */
static const struct {
    Light light;
    const char *css;
} dash_lights[] = { { LIGHT_GREEN, "green" }, { LIGHT_YELLOW, "yellow" }, { LIGHT_RED, "red" }, { LIGHT_NONE, "grey" } };

static Dash *dash_for(const MonRun *r)
{
    if (r->sink || (r->format != REP_TEXT && r->format != REP_JSON && r->format != REP_MD && r->format != REP_HTML))
        return NULL;
    char title[96];
    snprintf(title, sizeof title, "项目支出绩效目标执行监控汇总（1–%d月）", r->through);
    DashConfig cfg = {
        .title = title,
        .value_name = "执行率",
        .value_unit = "%",
        .category_head = "预警",
        .bin_from = { 0, 0 },
        .bin_width = { 10, 0 },
        .nbins = 10,
        .nworst = 10,
        .projects_title = "执行率最低的项目",
        .indicators_title = "偏离目标最远的指标",
        .ind_value_head = "差距（百分点）",
        .ind_detail_head = "年度指标值／全年预计完成值",
    };
    Dash *d = dash_new(&cfg);
    for (size_t i = 0; i < sizeof dash_lights / sizeof *dash_lights; i++)
        dash_category(d, light_names[dash_lights[i].light], dash_lights[i].css);
    return d;
}

static int light_cat(Light l)
{
    for (size_t i = 0; i < sizeof dash_lights / sizeof *dash_lights; i++)
        if (dash_lights[i].light == l)
            return (int)i;
    return -1;
}

/* A monitored project on the dashboard: its light, its execution rate
 * (the projects' list: the lowest first, which after the same N months is
 * the furthest behind 序时进度), and each indicator that is behind, the
 * worst first: 红 before 黄, and by the points it falls short. */
static void dash_add(Dash *d, const MonProject *m)
{
    const EvProject *p = m->p;
    char x[DEC_BUF + 1] = "";
    bool rated = m->has_todate && !dec_is_zero(p->budget);
    if (rated) {
        dec_format(m->rate, true, x);
        strcat(x, "%");
    }
    dash_project(d, p->name, p->dept, p->unit, light_cat(m->light), rated ? &m->rate : NULL, x);
    for (int i = 0; i < p->nind; i++) {
        const MonIndicator *mi = &m->ind[i];
        if (mi->light != LIGHT_YELLOW && mi->light != LIGHT_RED)
            continue;               /* not behind */
        Decimal gap = { 0, 2 }, key;
        if (mi->has_gap && !rat_round(mi->gap, 2, &gap))
            continue;
        int rank = mi->light == LIGHT_RED ? 2 : 1;
        if (dec_add(dec_from_int(rank * 100000LL), gap, &key) != DEC_OK)
            continue;
        key.v = -key.v;             /* the lowest key first: the worst */
        if (!dash_indicator_kept(d, key)) {
            dash_indicator(d, p->name, mi->x->name, key, NULL, NULL, light_cat(mi->light));
            continue;
        }
        Buf detail = { 0 };
        buf_str(&detail, mi->x->target_text);
        buf_str(&detail, "／");
        buf_str(&detail, mi->forecast_text ? mi->forecast_text : "");
        char g[DEC_BUF];
        dash_indicator(d, p->name, mi->x->name, key, mi->has_gap ? dec_format(gap, true, g) : "", detail.s,
                       light_cat(mi->light));
        buf_free(&detail);
    }
}

/* ---- a run ------------------------------------------------------------------------- */

bool mon_through_arg(const char *cmd, const char *arg, int *to)
{
    int n = 0;
    for (const char *s = arg; *s && n <= 12; s++)
        n = *s >= '0' && *s <= '9' ? n * 10 + (*s - '0') : 13;
    if (n < 1 || n > 12) {
        cli_usage_error(cmd, "--through is the months elapsed, 1 to 12, not '%s'", arg);
        return false;
    }
    *to = n;
    return true;
}

void mon_run_begin(MonRun *r)
{
    r->dash = dash_for(r);
    if (!r->sink)
        mon_begin(&r->out->buf, r->format, r->through);
}

bool mon_one(MonRun *r, EvProject *p, ActualRow *rows, Arena *arena)
{
    MonProject m;
    if (!mon_project(r->std, r->ms, p, rows, r->through, &m, arena))
        return false;
    if (r->sink)
        r->sink(r->sink_ctx, &m, r->explain);
    else
        mon_report(&r->out->buf, r->format, &m, r->explain, r->nprojects == 0);
    if (r->dash)
        dash_add(r->dash, &m);
    r->nprojects++;
    return true;
}

void mon_run_end(MonRun *r)
{
    if (!r->sink)
        mon_end(&r->out->buf, &r->out->head, r->format, r->nprojects, r->dash);
    dash_free(r->dash);
    r->dash = NULL;
}
