/*
 * target.c — pgc import's values: numbers, dates, units and operators as
 * a form writes them, into .pg text.
 *
 * A target cell of a form says the same thing in half a dozen spellings:
 * `=100.00(%)`, `≥90.00(%)`, `90%以上`, `2个工作日内`, `2023年12月`,
 * `2023年底前`, `稳定`, or a sentence.  It is read after imp_fold (no
 * blanks, full-width ASCII made ASCII) in this order: an operator in
 * front (a word such as 不低于 or a sign), then a date (a deadline: ≤),
 * a number with its unit and perhaps a word after it (以上, 以内) that is
 * an operator too, a word of a qualitative scale (stdlib/scales.pg), or
 * else free text.  The unit must be one of stdlib/units.pg, and it must
 * suit the indicator's name (a 率 takes %, a 天数 a duration: the naming
 * rules of units.pg, the same `pgc check` applies).  What does not fit is
 * kept as the form has it — a target without an operator, a free text, a
 * raw string — with a diagnostic at the cell and a note above the line.
 *
 * The scanners of numbers and dates serve the header's amounts and dates
 * too (head.c).
 */
#include "import.h"

/* ---- values ------------------------------------------------------------- */

/* Reads digits with an optional point and thousands separators at s:
 * 446048, 446,048.00 (groups of three).  Returns the bytes read, 0 when
 * there is no number; *bad when the separators are misplaced. */
size_t imp_scan_number(const char *s, Decimal *out, bool *grouped, bool *bad)
{
    size_t i = 0, ndig = 0, first_group = 0;
    int groups = 0;
    bool point = false;
    char digits[96];
    size_t nd = 0;
    *grouped = *bad = false;
    for (;; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (nd < sizeof digits - 2)
                digits[nd++] = c;
            else
                *bad = true;        /* far beyond what a Decimal holds */
            ndig++;
            if (!point && groups == 0)
                first_group++;
        } else if (c == ',' && !point && ndig > 0 && s[i + 1] >= '0' && s[i + 1] <= '9') {
            size_t k = 1;
            while (s[i + k] >= '0' && s[i + k] <= '9')
                k++;
            if (k - 1 != 3 || (groups == 0 && first_group > 3))
                *bad = true;
            groups++;
            *grouped = true;
        } else if (c == '.' && !point && ndig > 0 && s[i + 1] >= '0' && s[i + 1] <= '9') {
            point = true;
            if (nd < sizeof digits - 2)
                digits[nd++] = c;
        } else {
            break;
        }
    }
    if (ndig == 0)
        return 0;
    if (dec_parse(digits, nd, out) != DEC_OK)
        *bad = true;
    return i;
}

size_t imp_scan_digits(const char *s, int max, int *v)
{
    size_t i = 0;
    *v = 0;
    while ((int)i < max && s[i] >= '0' && s[i] <= '9')
        *v = *v * 10 + (s[i++] - '0');
    return i;
}

/* Reads a date at s: 2023-01-01, 2026/1/1, 2023.1.1, 2023年12月, 2023年12月31日
 * (d->day 0 for a month).  Returns the bytes read, 0 when there is none
 * (a year outside 1900–2200 or a month outside 1–12 is no date: 1500.00
 * is a number); *bad when the day does not exist (2023-02-30). */
size_t imp_scan_date(const char *s, Date *d, bool *bad)
{
    int y, m, day = 0;
    bool has_day = false;
    *bad = false;
    if (imp_scan_digits(s, 4, &y) != 4 || (s[4] >= '0' && s[4] <= '9'))
        return 0;
    size_t i = 4, k;
    bool cn = str_starts(s + i, "年");
    char sep = s[i];
    if (cn)
        i += strlen("年");
    else if (sep == '-' || sep == '/' || sep == '.')
        i++;
    else
        return 0;
    if ((k = imp_scan_digits(s + i, 2, &m)) == 0)
        return 0;
    i += k;
    if (cn) {
        if (!str_starts(s + i, "月"))
            return 0;
        i += strlen("月");
        if ((k = imp_scan_digits(s + i, 2, &day)) > 0) {
            i += k;
            has_day = true;
            if (str_starts(s + i, "日") || str_starts(s + i, "号"))
                i += strlen("日");
        }
    } else if (s[i] == sep && (k = imp_scan_digits(s + i + 1, 2, &day)) > 0) {
        i += 1 + k;
        has_day = true;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12)
        return 0;
    *bad = has_day && (day < 1 || day > val_days_in_month(y, m));
    *d = (Date){ y, m, has_day ? day : 0 };
    return i;
}

const char *imp_date_pg(Imp *im, const Date *d)
{
    if (d->day)
        return arena_printf(im->arena, "%04d-%02d-%02d", d->year, d->month, d->day);
    return arena_printf(im->arena, "%04d-%02d", d->year, d->month);
}

/* A number as a target shows it: trailing zeros gone (100.00 → 100),
 * thousands separators kept when the form had them. */
static const char *number_pg(Imp *im, Decimal v, bool grouped)
{
    char b[DEC_BUF];
    dec_format(dec_normalize(v), grouped, b);
    return arena_strndup(im->arena, b, strlen(b));
}

/* ---- targets ------------------------------------------------------------ */

typedef struct OpWord {
    const char *text;
    Op op;
} OpWord;

/* Operators before the number, longest first. */
static const OpWord op_prefixes[] = {
    { "大于或等于", OP_GE }, { "小于或等于", OP_LE }, { "大于等于", OP_GE }, { "小于等于", OP_LE },
    { "不低于", OP_GE }, { "不少于", OP_GE }, { "不小于", OP_GE }, { "不高于", OP_LE },
    { "不超过", OP_LE }, { "不大于", OP_LE }, { "不多于", OP_LE }, { "至少", OP_GE },
    { "至多", OP_LE }, { "大于", OP_GT }, { "高于", OP_GT }, { "超过", OP_GT },
    { "小于", OP_LT }, { "低于", OP_LT }, { "等于", OP_EQ },
    { ">=", OP_GE }, { "<=", OP_LE }, { "≥", OP_GE }, { "≤", OP_LE }, { "≧", OP_GE },
    { "≦", OP_LE }, { "=", OP_EQ }, { ">", OP_GT }, { "<", OP_LT },
};

/* Words after the number or the date. */
static const OpWord op_suffixes[] = {
    { "及以上", OP_GE }, { "或以上", OP_GE }, { "以上", OP_GE },
    { "及以下", OP_LE }, { "或以下", OP_LE }, { "以下", OP_LE },
    { "以内", OP_LE }, { "之内", OP_LE }, { "内", OP_LE },
};

static const OpWord date_suffixes[] = {
    { "之前", OP_LE }, { "以前", OP_LE }, { "底前", OP_LE }, { "前", OP_LE }, { "底", OP_LE },
    { "末", OP_LE },
};

/* Reads an operator at *s (moving past it); OP_NONE when there is none. */
static Op scan_op(const char **s, const OpWord *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (str_starts(*s, ops[i].text)) {
            *s += strlen(ops[i].text);
            return ops[i].op;
        }
    return OP_NONE;
}

/* Cuts a suffix word off s (in place); OP_NONE when it has none. */
static Op cut_suffix(char *s, const OpWord *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (str_ends(s, ops[i].text) && strlen(s) > strlen(ops[i].text)) {
            s[strlen(s) - strlen(ops[i].text)] = 0;
            return ops[i].op;
        }
    return OP_NONE;
}

/* What a target cell was read as. */
typedef enum ReadKind { T_NONE, T_NUMBER, T_DATE, T_WORD, T_TEXT, T_BAD } ReadKind;

typedef struct Reading {
    ReadKind kind;
    Op op;
    Decimal num;
    bool grouped;
    const char *unit;       /* T_NUMBER: "%", a unit, or NULL */
    Date date;
    const char *rest;       /* the text after the operator */
    const char *why;        /* T_BAD: what is wrong (N_(): translated where it is shown) */
} Reading;

/* Combines an operator before the value with one after it (以上, 以内). */
static bool merge_ops(Op *op, Op other)
{
    if (other == OP_NONE)
        return true;
    if (*op == OP_NONE || *op == other) {
        *op = other;
        return true;
    }
    return (*op == OP_GT && other == OP_GE) || (*op == OP_LT && other == OP_LE);
}

/* Reads a unit: (万张), %, 个工作日 → 工作日 when only the latter is a unit. */
static const char *read_unit(Imp *im, char *u)
{
    size_t n = strlen(u);
    if (n >= 2 && u[0] == '(' && u[n - 1] == ')') {
        u[n - 1] = 0;
        u++;
    }
    if (strcmp(u, "%") == 0 || strcmp(u, "百分比") == 0)
        return "%";
    const Form *f = im->form;
    if (strcmp(u, "万") == 0 && f && f->se && f->funds_unit && strcmp(f->funds_unit, "万元") == 0)
        return "万元";              /* 150万 in a 自评表 whose amounts are in 万元 */
    if (str_starts(u, "个") && strlen(u) > strlen("个") && !std_unit(im->std, u) &&
        std_unit(im->std, u + strlen("个")))
        u += strlen("个");
    return *u ? arena_strndup(im->arena, u, strlen(u)) : NULL;
}

/* A date target: 2023年12月, 2023-12-31前, 2023年底. */
static bool read_date_target(Imp *im, const char *s, Reading *t)
{
    char *rest = arena_strndup(im->arena, s, strlen(s));
    Op after = cut_suffix(rest, date_suffixes, sizeof date_suffixes / sizeof *date_suffixes);
    bool bad;
    size_t k = imp_scan_date(rest, &t->date, &bad);
    int y;
    if (k == 0 && imp_scan_digits(rest, 4, &y) == 4 && (strcmp(rest + 4, "年底") == 0 ||
                                                   strcmp(rest + 4, "年末") == 0 || strcmp(rest + 4, "年内") == 0)) {
        t->date = (Date){ y, 12, 0 };
        k = strlen(rest);
        bad = y < 1900 || y > 2200;
    }
    if (k == 0 || rest[k])
        return false;
    t->kind = T_DATE;
    if (bad) {
        t->kind = T_BAD;
        t->why = N_("a date that does not exist");
    } else if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = N_("two operators that disagree");
    } else if (t->op == OP_NONE) {
        t->op = OP_LE;              /* a date in a form is a deadline */
    } else if (t->op == OP_GE || t->op == OP_GT) {
        t->kind = T_BAD;
        t->why = N_("a date target is a deadline, “≤”");
    }
    return true;
}

/* Text that can be a unit: "(…)" or a run, without brackets or digits. */
bool imp_unit_like(const char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    for (size_t i = 0; i < n; i++)
        if (strchr("()0123456789", s[i]))
            return false;
    return true;
}

/* A number target: =100.00(%), ≥90%, 35.00(万张), 2个工作日内, 90%以上. */
static bool read_number_target(Imp *im, const char *s, Reading *t)
{
    bool bad;
    size_t k = imp_scan_number(s, &t->num, &t->grouped, &bad);
    if (k == 0)
        return false;
    if (bad) {
        t->kind = T_BAD;
        t->why = N_("a malformed number");
        return true;
    }
    char *rest = arena_strndup(im->arena, s + k, strlen(s + k));
    Op after = cut_suffix(rest, op_suffixes, sizeof op_suffixes / sizeof *op_suffixes);
    if (!imp_unit_like(rest))
        return false;               /* 337个网点全覆盖: text, not a unit */
    bool bracketed = rest[0] == '(';
    t->unit = read_unit(im, rest);
    if (t->unit && strcmp(t->unit, "%") != 0 && !std_unit(im->std, t->unit) &&
        (!is_ident(t->unit) || ast_is_keyword(t->unit) ||
         (!bracketed && utf8_count(t->unit, strlen(t->unit)) > 2)))
        return false;               /* 2025年汛期前, 337个网点全覆盖, 5 指标: words, not a unit */
    t->kind = T_NUMBER;
    if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = N_("two operators that disagree");
    }
    return true;
}

/* Reads a target cell (folded: no blanks, ASCII brackets and digits). */
static void read_target(Imp *im, const char *s, Reading *t)
{
    *t = (Reading){ 0 };
    const char *p = s;
    t->op = scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    if (t->op != OP_NONE) {
        const char *q = p;
        if (scan_op(&q, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes) != OP_NONE) {
            t->kind = T_BAD;
            t->why = N_("two operators");
            return;
        }
    }
    t->rest = p;
    if (*p >= '0' && *p <= '9') {
        if (read_date_target(im, p, t) || read_number_target(im, p, t))
            return;
        t->kind = T_TEXT;
        return;
    }
    const StdWord *w = *p ? std_word(im->std, p) : NULL;
    if (w) {
        t->kind = T_WORD;
        if (t->op == OP_NONE)
            t->op = OP_EQ;
        if (t->op != OP_EQ && !w->ordinal) {
            t->kind = T_BAD;
            t->why = N_("a qualitative target takes “=”");
        }
        return;
    }
    t->kind = T_TEXT;
}

/* The unit's kind as a comment says it: 百分比, or the unit in quotes. */
static const char *unit_words(Imp *im, const char *unit)
{
    return strcmp(unit, "%") == 0 ? "百分比" : arena_printf(im->arena, "“%s”", unit);
}

/* The name rules of stdlib/units.pg (a 率 takes %, a 天数 a duration):
 * a target that breaks one is kept, with a diagnostic and a note. */
static void check_naming(Imp *im, const char *name, const StdUnit *u, const Cell *c, const char **notes)
{
    const StdNaming *r = std_naming_broken(im->std, name, u);
    if (!r)
        return;
    if (r->error)
        /* TRANSLATORS: the indicator's name; the end of a name that
           asks for a dimension (率); that dimension (比率); the
           target's unit and its dimension (台, 数量). */
        diag_emit(E0711, c->loc, "“%s” ends in “%s” and takes a %s unit, not “%s” (%s)", name,
                  r->pattern, r->dim, u->name, u->dim);
    else
        /* TRANSLATORS: the indicator's name; the part of a name that
           asks for a dimension (天数); the target's unit and its
           dimension (%, 比率); the dimension the name asks for (时长). */
        diag_emit(W0703, c->loc, "“%s” names “%s” but its target is in “%s” (%s), not a %s unit",
                  name, r->pattern, u->name, u->dim, r->dim);
    diag_hint("imported as the form has it; correct the unit or the name in the .pg file");
    imp_note(im, notes, "%s%s：%s（“%s”指标却用%s）", r->error ? "待核实" : imp_doc(im), r->error ? "" : "原文",
             c->s, r->pattern, unit_words(im, u->name));
}

/* The .pg text of a number target, after its unit is checked. */
static const char *number_target_pg(Imp *im, const char *name, const Reading *t, const Cell *c,
                                    const char **notes)
{
    const char *num = number_pg(im, t->num, t->grouped);
    const char *op = t->op ? arena_printf(im->arena, "%s ", val_op_str(t->op)) : "";
    if (!t->unit) {
        diag_emit(E0707, c->loc, "the target of “%s” has no unit", name);
        diag_hint("write the unit after the number in the .pg file, e.g. 100%% or 35 万张");
        imp_note(im, notes, "待核实：%s原文“%s”没有单位", imp_doc(im), c->s);
        return arena_printf(im->arena, "%s%s", op, num);
    }
    if (strcmp(t->unit, "%") == 0) {
        check_naming(im, name, std_unit(im->std, "%"), c, notes);
        return arena_printf(im->arena, "%s%s%%", op, num);
    }
    const StdUnit *u = std_unit(im->std, t->unit);
    if (!u) {
        diag_emit(E0706, c->loc, "unknown unit “%s” in the target of “%s”", t->unit, name);
        const char *near = utf8_count(t->unit, strlen(t->unit)) > 1
                               ? std_suggest(t->unit, im->std->unit_names, im->std->nunits) : NULL;
        if (near)
            diag_hint("did you mean “%s”? the units are in stdlib/units.pg", near);
        else
            diag_hint("the units pgc knows are in stdlib/units.pg");
        imp_note(im, notes, "待核实：单位“%s”不在标准库中（%s原文“%s”）", t->unit, imp_doc(im), c->s);
    } else {
        check_naming(im, name, u, c, notes);
    }
    return arena_printf(im->arena, "%s%s %s", op, num, t->unit);
}

/* A word of a scale that text misses by one character (稳订 for 稳定), or NULL. */
static const char *near_word(Imp *im, const char *text)
{
    size_t n = utf8_count(text, strlen(text));
    for (int i = 0; i < im->std->nword_names; i++) {
        const char *w = im->std->word_names[i];
        if (utf8_count(w, strlen(w)) == n && utf8_distance(text, w, 1) == 1)
            return w;
    }
    return NULL;
}

/* A target that cannot be read: an error, and its raw text kept as a string.
 * why is what is wrong, as N_() marks it. */
static const char *unreadable(Imp *im, const char *name, const Cell *c, const char *why, const char **notes)
{
    /* TRANSLATORS: the target cell's text as the form has it, the
       indicator's name, then what is wrong ("a malformed number", "two
       operators", … — translated on their own). */
    diag_emit(E0705, c->loc, "cannot read the target “%s” of “%s”: %s", imp_one_line(im->arena, c->s), name, _(why));
    diag_hint("kept as text in the .pg file; write the target as = 100%%, ≥ 90%%, ≤ 2 工作日 …");
    imp_note(im, notes, "待核实：%s原文“%s”无法识别", imp_doc(im), c->s);
    return arena_printf(im->arena, "= %s", imp_pg_string(im->arena, c->s));
}

/* Free text: a sentence (保障…正常开展), or what starts like a number
 * but is none (2025年汛期前), or a word on no scale. */
static const char *text_target_pg(Imp *im, const char *name, const Cell *c, const Reading *t,
                                  const char **notes, const char **free)
{
    bool numeric = *t->rest >= '0' && *t->rest <= '9';
    if (numeric && t->op != OP_NONE)
        return unreadable(im, name, c, N_("not a number with a unit"), notes);
    if (t->op != OP_NONE && t->op != OP_EQ)
        return unreadable(im, name, c, N_("free text takes “=”"), notes);
    const char *text = c->s;
    static const char *const eq[] = { "=", "＝", "等于" };
    for (size_t i = 0; i < sizeof eq / sizeof *eq && t->op == OP_EQ; i++)
        if (str_starts(text, eq[i]))
            text += strlen(eq[i]);
    text = imp_tidy(im->arena, text, strlen(text));
    const char *near;
    if (numeric) {
        /* TRANSLATORS: the target cell's text, then the indicator's name. */
        diag_emit(W0707, c->loc, "the target “%s” of “%s” starts like a number but is read as text",
                  imp_one_line(im->arena, c->s), name);
        diag_hint("write it as a number with a unit in the .pg file if it is one");
        imp_note(im, notes, "待核实：%s原文“%s”按文字导入", imp_doc(im), c->s);
    } else if (utf8_count(text, strlen(text)) <= 4 && (near = near_word(im, text))) {
        diag_emit(W0706, c->loc, "“%s” is on no qualitative scale; imported as text", text);
        diag_hint("did you mean “%s”?", near);
        imp_note(im, notes, "待核实：“%s”不在任何等级中，是否为“%s”？", text, near);
    } else {
        *free = text;
    }
    return arena_printf(im->arena, "= %s", imp_pg_string(im->arena, text));
}

/* The .pg text of the target in cell c of indicator `name`; diagnostics
 * at the cell and comment lines in *notes as needed.  *free gets the text
 * of a plain free-text target (a later line may continue it). */
const char *imp_target_pg(Imp *im, const char *name, const Cell *c, const char **notes, const char **free)
{
    const char *s = imp_fold(im->arena, c->s, c->n);
    if (imp_is_placeholder(s)) {
        /* TRANSLATORS: the indicator's name, then what its target cell
           says instead of a value (无, /, —). */
        diag_emit(E0708, c->loc, "indicator “%s” has no target value (“%s”)", name, imp_one_line(im->arena, c->s));
        imp_note(im, notes, "待核实：%s中没有指标值（原文“%s”）", imp_doc(im), c->s);
        return "";
    }
    Reading t;
    read_target(im, s, &t);
    switch (t.kind) {
    case T_NUMBER:
        if (t.op == OP_NONE) {
            diag_emit(W0701, c->loc, "the target of “%s” has no operator; imported without one", name);
            if (im->form && im->form->se)
                diag_hint("add “=”, “≥” or “≤” in the .pg file, as the 自评表 means");
            else
                diag_hint("add “=”, “≥” or “≤” in the .pg file, as the form means");
            imp_note(im, notes, "%s原文：%s，缺少运算符", imp_doc(im), c->s);
        }
        return number_target_pg(im, name, &t, c, notes);
    case T_DATE:
        return arena_printf(im->arena, "%s %s", val_op_str(t.op), imp_date_pg(im, &t.date));
    case T_WORD:
        return arena_printf(im->arena, "%s %s", val_op_str(t.op), t.rest);
    case T_BAD:
        return unreadable(im, name, c, t.why, notes);
    case T_TEXT:
    case T_NONE:
        break;
    }
    return text_target_pg(im, name, c, &t, notes, free);
}

/* ---- actuals: a 自评表's 实际完成值 ------------------------------------------ */

/* Whether an actual's unit converts to its target's: 万张 to 张, not 个
 * to 次; true when either has none (the actual is then in the target's). */
static bool units_convert(Imp *im, const char *a, const char *t)
{
    if (!a || !t)
        return true;
    const StdUnit *ua = std_unit(im->std, a), *ut = std_unit(im->std, t);
    return ua && ut && strcmp(ua->base, ut->base) == 0;
}

/* The 实际完成值 kept as a phrase after an error at its cell (why it is
 * one, for the note): the raw text. */
static const char *bad_actual(Imp *im, const Cell *c, const char *why, const char **notes)
{
    imp_note(im, notes, "待核实：自评表原文实际完成值“%s”%s", c->s, why);
    return imp_pg_string(im->arena, imp_tidy(im->arena, c->s, c->n));
}

/* A number actual of a number target: in the target's unit when it has
 * none (4 → 4 次, 95 → 95%). */
static const char *number_actual(Imp *im, const char *name, const Reading *t, const Reading *a, const Cell *c,
                                 const char *target, const char **notes)
{
    const char *one = imp_one_line(im->arena, c->s);
    if (a->kind != T_NUMBER) {
        /* TRANSLATORS: the cell's text, the indicator, then its target
           as the form has it. */
        diag_emit(E0713, c->loc, "the 实际完成值 “%s” of “%s” is not a number, as its target “%s” asks", one, name,
                  target);
        return bad_actual(im, c, "不是数值", notes);
    }
    const char *unit = a->unit ? a->unit : t->unit;
    if (a->unit && strcmp(a->unit, "%") != 0 && !std_unit(im->std, a->unit)) {
        diag_emit(E0713, c->loc, "unknown unit “%s” in the 实际完成值 of “%s”", a->unit, name);
        diag_hint("the units pgc knows are in stdlib/units.pg");
        return bad_actual(im, c, "的单位不在标准库中", notes);
    }
    if (!units_convert(im, a->unit, t->unit)) {
        /* TRANSLATORS: the indicator, the actual's unit, the target's unit */
        diag_emit(E0713, c->loc, "the 实际完成值 of “%s” is in “%s”, which does not convert to its target's “%s”",
                  name, a->unit, t->unit);
        return bad_actual(im, c, "的单位不能换算为指标值的单位", notes);
    }
    if (a->op != OP_NONE) {
        diag_emit(E0713, c->loc, "the 实际完成值 “%s” of “%s” has an operator: an actual is a value", one, name);
        diag_hint("imported without it; write what was achieved");
        imp_note(im, notes, "待核实：自评表原文实际完成值“%s”带有运算符", c->s);
    }
    const char *num = number_pg(im, a->num, a->grouped);
    if (!unit)
        return num;
    return arena_printf(im->arena, strcmp(unit, "%") == 0 ? "%s%s" : "%s %s", num, unit);
}

/* A word of a scale (达成预期指标, 稳定), bare when it may answer the
 * target: on the target's scale or on one for any target; else the text
 * as a phrase. */
static const char *word_actual(Imp *im, const Reading *t, const Cell *c)
{
    char *s = imp_fold(im->arena, c->s, c->n);
    if (str_ends(s, "。"))
        s[strlen(s) - strlen("。")] = 0;
    const char *p = s;
    scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    const StdWord *w = *p ? std_word(im->std, p) : NULL;
    const StdWord *tw = t->kind == T_WORD ? std_word(im->std, t->rest) : NULL;
    if (w && (!tw || w->use == WU_ANY || strcmp(w->scale, tw->scale) == 0))
        return imp_pg_name(im->arena, p);
    return imp_pg_string(im->arena, imp_tidy(im->arena, c->s, c->n));
}

const char *imp_actual_pg(Imp *im, const char *name, const Cell *target, const Cell *c, const char **notes)
{
    const char *s = imp_fold(im->arena, c->s, c->n);
    if (imp_is_placeholder(s))
        return NULL;
    Reading t = { 0 }, a;
    const char *ts = target ? imp_fold(im->arena, target->s, target->n) : "";
    if (!imp_is_placeholder(ts))
        read_target(im, ts, &t);
    read_target(im, s, &a);
    const char *tt = target ? imp_one_line(im->arena, target->s) : "";
    if (t.kind == T_NUMBER)
        return number_actual(im, name, &t, &a, c, tt, notes);
    if (t.kind != T_DATE)
        return word_actual(im, &t, c);
    if (a.kind != T_DATE) {
        /* TRANSLATORS: the cell's text, the indicator, then its target
           as the form has it. */
        diag_emit(E0713, c->loc, "the 实际完成值 “%s” of “%s” is not a date, as its target “%s” asks",
                  imp_one_line(im->arena, c->s), name, tt);
        diag_hint("a date is written 2023-01-01, 2023/1/1 or 2023年1月1日");
        return bad_actual(im, c, "不是日期", notes);
    }
    return imp_date_pg(im, &a.date);
}

/* ---- the cells of a target ---------------------------------------------- */

/* A cell that is only an operator: ≥, 不低于. */
bool imp_is_op_cell(Imp *im, const Cell *c)
{
    const char *s = imp_fold(im->arena, c->s, c->n);
    const char *p = s;
    return scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes) != OP_NONE && !*p;
}

/* A cell that is only a unit: %, (万张), 个. */
bool imp_is_unit_cell(Imp *im, const Cell *c)
{
    char *s = imp_fold(im->arena, c->s, c->n);
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s[n - 1] = 0;
        s++;
    }
    return strcmp(s, "%") == 0 || (*s && std_unit(im->std, s));
}

/* A cell that is only a number (with an operator in front, perhaps,
 * when with_op: a target; a 分值 has none). */
bool imp_is_number_cell(Imp *im, const char *raw, bool with_op)
{
    const char *s = imp_fold(im->arena, raw, strlen(raw));
    if (with_op)
        scan_op(&s, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    Decimal v;
    bool grouped, bad;
    size_t k = imp_scan_number(s, &v, &grouped, &bad);
    return k > 0 && !s[k] && !bad;
}
