/*
 * value.c — reading one value from text, outside the .pg grammar.
 *
 * Year-end actuals mostly arrive in spreadsheets: a CSV cell holds
 * "93.5%", "215,457.60", "3 工作日", "2023-11", "基本稳定" or a phrase.  This
 * is the target syntax of doc/language.md §5, read by hand (not by the
 * flex scanner) so that the small runtime that `pgc build` links into an
 * evaluator can read the same cells the same way.  The result is the same
 * Value the parser builds.
 */
#include "rt.h"

#include <string.h>

/* A digit (ASCII or full-width) at s; returns its length, 0 if none. */
static int digit_at(const char *s, size_t n, int *d)
{
    if (n >= 1 && s[0] >= '0' && s[0] <= '9') {
        *d = s[0] - '0';
        return 1;
    }
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
        (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
        *d = (unsigned char)s[2] - 0x90;
        return 3;
    }
    return 0;
}

/* Skips ASCII blanks and U+3000 from the front. */
static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')
            i++;
        else if (i + 2 < n && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x80)
            i += 3;
        else
            break;
    }
    return i;
}

static size_t trim_end(const char *s, size_t n)
{
    while (n > 0) {
        if (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')
            n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
                 (unsigned char)s[n - 1] == 0x80)
            n -= 3;
        else
            break;
    }
    return n;
}

/* Reads digits into *v; returns bytes used. */
static size_t read_int(const char *s, size_t n, int *v, int *count)
{
    size_t i = 0;
    *v = 0;
    *count = 0;
    int d, l;
    while ((l = digit_at(s + i, n - i, &d)) > 0) {
        if (*v < 100000)
            *v = *v * 10 + d;
        i += (size_t)l;
        (*count)++;
    }
    return i;
}

static bool starts(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return n >= m && memcmp(s, lit, m) == 0;
}

/* 2023-11, 2023-11-30, 2023/11/30, 2023年11月, 2023年11月30日 — the whole text. */
static bool parse_date(const char *s, size_t n, Date *d)
{
    int f[3] = { 0, 0, 0 }, cnt;
    size_t i = read_int(s, n, &f[0], &cnt);
    if (cnt != 4)
        return false;
    const char *seps[3][2] = { { "-", "-" }, { "/", "/" }, { "年", "月" } };
    for (int k = 0; k < 3; k++) {
        if (!starts(s + i, n - i, seps[k][0]))
            continue;
        size_t j = i + strlen(seps[k][0]);
        j += read_int(s + j, n - j, &f[1], &cnt);
        if (cnt < 1 || cnt > 2)
            return false;
        int parts = 2;
        if (k == 2) {
            if (!starts(s + j, n - j, "月"))
                return false;
            j += strlen("月");
        }
        if (j < n) {
            const char *sep2 = k == 2 ? "" : seps[k][1];
            if (k != 2 && !starts(s + j, n - j, sep2))
                return false;
            j += strlen(sep2);
            j += read_int(s + j, n - j, &f[2], &cnt);
            if (cnt < 1 || cnt > 2)
                return false;
            if (k == 2) {
                if (!starts(s + j, n - j, "日"))
                    return false;
                j += strlen("日");
            }
            parts = 3;
        }
        if (j != n || (k == 1 && parts != 3))
            return false;
        if (f[1] < 1 || f[1] > 12 || (parts == 3 && (f[2] < 1 || f[2] > val_days_in_month(f[0], f[1]))))
            return false;
        *d = (Date){ f[0], f[1], parts == 3 ? f[2] : 0 };
        return true;
    }
    return false;
}

/* A number with thousands separators in groups of three, and a decimal
 * part; returns its length (0 if none). */
static size_t number_len(const char *s, size_t n)
{
    size_t i = 0;
    int d, l, digits = 0;
    bool grouped = false;
    while ((l = digit_at(s + i, n - i, &d)) > 0) {
        i += (size_t)l;
        digits++;
    }
    if (digits == 0)
        return 0;
    while (i < n && s[i] == ',' && digits <= 3 && digits > 0) {
        size_t j = i + 1;
        int g = 0;
        while (g < 3 && (l = digit_at(s + j, n - j, &d)) > 0) {
            j += (size_t)l;
            g++;
        }
        if (g != 3 || digit_at(s + j, n - j, &d) > 0)
            break;
        i = j;
        grouped = true;
    }
    (void)grouped;
    if (i < n && s[i] == '.') {
        size_t j = i + 1;
        int f = 0;
        while ((l = digit_at(s + j, n - j, &d)) > 0) {
            j += (size_t)l;
            f++;
        }
        if (f > 0)
            i = j;
    }
    return i;
}

/* *why is an English phrase marked with N_() (or dec_status_str's): the
 * message that shows it translates it with _(). */
bool val_parse(const char *s, size_t n, Arena *arena, Value *out, const char **why, size_t *at)
{
    *at = 0;
    size_t i = skip_space(s, n, 0);
    n = trim_end(s, n);
    memset(out, 0, sizeof *out);
    if (i >= n) {
        /* TRANSLATORS: what is wrong with a value that cannot be read:
         * the last part of "cannot read the value “…”: %s". */
        *why = N_("no value");
        return false;
    }
    for (size_t k = i; k < n;) {
        if (utf8_plain3(s + k, n - k)) {
            k += 3;
            continue;
        }
        uint32_t cp;
        int l = utf8_decode(s + k, n - k, &cp);
        if (l == 0 || cp == 0) {
            *why = l == 0 ? N_("invalid UTF-8") : N_("NUL byte");
            *at = k;
            return false;
        }
        k += (size_t)l;
    }
    const char *t = s + i;
    size_t m = n - i;
    /* a quoted phrase */
    if ((m >= 2 && t[0] == '"' && t[m - 1] == '"') ||
        (m >= 6 && starts(t, m, "“") && memcmp(t + m - 3, "”", 3) == 0)) {
        size_t q = t[0] == '"' ? 1 : 3;
        out->kind = V_STRING;
        out->text = arena_strndup(arena, t + q, m - 2 * q);
        return true;
    }
    Date d;
    if (parse_date(t, m, &d)) {
        out->kind = V_DATE;
        out->date = d;
        return true;
    }
    bool neg = false;
    size_t k = 0;
    if (starts(t, m, "-"))
        k = 1, neg = true;
    else if (starts(t, m, "−") || starts(t, m, "－"))
        k = 3, neg = true;
    size_t nl = number_len(t + k, m - k);
    if (nl > 0) {
        DecStatus st = dec_parse(t + k, nl, &out->num);
        if (st != DEC_OK) {
            *why = dec_status_str(st);
            *at = i + k;
            return false;
        }
        if (neg)
            out->num.v = -out->num.v;
        out->kind = V_NUMBER;
        size_t e = k + nl + (k + nl + 1 < m && (t[k + nl + 1] == '+' || t[k + nl + 1] == '-'));
        if (k + nl < m && (t[k + nl] == 'e' || t[k + nl] == 'E') && e + 1 < m &&
            t[e + 1] >= '0' && t[e + 1] <= '9') {
            *why = N_("a number with an exponent (as a spreadsheet shows a big one): write it out in full");
            *at = i + k + nl;
            return false;
        }
        size_t u = skip_space(t, m, k + nl);
        if (u < m) {
            if (starts(t + u, m - u, "%") || starts(t + u, m - u, "％")) {
                size_t pl = t[u] == '%' ? 1 : 3;
                if (u + pl != m) {
                    *why = N_("text after “%”");
                    *at = i + u + pl;
                    return false;
                }
                out->unit = "%";
            } else if (val_is_ident(t + u, m - u)) {
                out->unit = arena_strndup(arena, t + u, m - u);
            } else {
                *why = N_("a number followed by something that is not a unit");
                *at = i + u;
                return false;
            }
        }
        return true;
    }
    if (neg) {
        *why = N_("a sign without a number");
        return false;
    }
    out->kind = val_is_ident(t, m) ? V_WORD : V_STRING;
    out->text = arena_strndup(arena, t, m);
    return true;
}

/* ---- writing values, and the identifiers of the scanner ---------------------- */

const char *val_op_str(Op op)
{
    switch (op) {
    case OP_NONE: return "";
    case OP_EQ: return "=";
    case OP_GE: return "≥";
    case OP_LE: return "≤";
    case OP_GT: return ">";
    case OP_LT: return "<";
    }
    return "?";
}

/* The identifier characters of grammar/pgc.l, by code point. */
static bool ident_char(uint32_t cp, bool first)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '_')
        return true;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
        return true;
    if (cp == 0x3001 || cp == 0xB7 || cp == 0x300A || cp == 0x300B || cp == 0x2013 || cp == 0x3007)
        return true;
    return !first && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19));
}

bool val_is_ident(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = utf8_decode(s + i, n - i, &cp);
        if (l == 0 || !ident_char(cp, i == 0))
            return false;
        i += (size_t)l;
    }
    return true;
}

void val_format(const Value *v, char *buf, size_t n)
{
    char d[DEC_BUF];
    switch (v->kind) {
    case V_NONE:
        snprintf(buf, n, "(none)");
        break;
    case V_NUMBER:
        dec_format(v->num, true, d);
        if (!v->unit)
            snprintf(buf, n, "%s", d);
        else if (strcmp(v->unit, "%") == 0)
            snprintf(buf, n, "%s%%", d);
        else
            snprintf(buf, n, "%s %s", d, v->unit);
        break;
    case V_DATE:
        if (v->date.day)
            snprintf(buf, n, "%04d-%02d-%02d", v->date.year, v->date.month, v->date.day);
        else
            snprintf(buf, n, "%04d-%02d", v->date.year, v->date.month);
        break;
    case V_WORD:
        snprintf(buf, n, "%s", v->text);
        break;
    case V_STRING:
        snprintf(buf, n, "\"%s\"", v->text);
        break;
    }
}

/* ---- an actual against its target -------------------------------------------- */

/* Whether an actual fits its target is one question, asked of a 实际
 * block's line by the checker and of a CSV row (or a 实际 line) by the
 * binder: one answer, with one set of codes and words, for both.  What
 * each caller does with a word of no scale differs (the checker refuses
 * it, the binder scores it by the band its words say), so that is a
 * result of its own rather than a report. */

int val_days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

Rat val_date_key(Date d)
{
    return rat_int(d.year * 10000L + d.month * 100 + (d.day ? d.day : 31));
}

ValTarget val_target(const Stdlib *std, const Value *v)
{
    ValTarget t = { .kind = TK_TEXT, .word = v->kind == V_WORD || v->kind == V_STRING ? v->text : NULL };
    switch (v->kind) {
    case V_NUMBER:
        t.kind = TK_NUMBER;
        t.target = rat_from_dec(v->num);
        t.unit = v->unit ? std_unit(std, v->unit) : NULL;
        break;
    case V_DATE:
        t.kind = TK_DATE;
        t.target = val_date_key(v->date);
        break;
    case V_WORD: {
        const StdWord *w = std_word(std, v->text);
        t.kind = w && w->ordinal ? TK_ORDINAL : TK_WORD;
        t.scale = w ? w->scale : NULL;
        if (w && w->ordinal)
            t.target = rat_int(w->ordinal);
        break;
    }
    default:
        break;
    }
    return t;
}

const char *val_text(Arena *a, const Value *v)
{
    if (v->kind == V_STRING)
        return v->text;
    if (v->kind == V_NUMBER) {      /* what val_format writes, without its snprintf */
        char d[DEC_BUF];
        dec_format(v->num, true, d);
        if (!v->unit)
            return arena_strndup(a, d, strlen(d));
        return arena_cat3(a, d, strcmp(v->unit, "%") == 0 ? NULL : " ", v->unit);
    }
    char b[512];
    val_format(v, b, sizeof b);
    return arena_strndup(a, b, strlen(b));
}

const char *val_target_text(Arena *a, Op op, const Value *v)
{
    if (!op)
        return val_text(a, v);
    return arena_cat3(a, val_op_str(op), " ", val_text(a, v));
}

static Loc unit_loc(const Value *v)
{
    return v->unit_loc.end ? v->unit_loc : v->loc;
}

/* The unit nearest to a misspelt one: among those the target's converts
 * to first (万涨 is nearer 万张 than 万元 for a count of cards). */
static const char *near_unit(const Stdlib *std, const char *unit, const StdUnit *target)
{
    const char *cands[256];
    int n = 0;
    for (int i = 0; i < std->nunits && n < 256; i++)
        if (strcmp(std->units[i].base, target->base) == 0)
            cands[n++] = std->units[i].name;
    const char *near = std_suggest(unit, cands, n);
    return near || !std->unit_names ? near : std_suggest(unit, std->unit_names, std->nunits);
}

/* A word's band when it answers the target t, else BAND_NONE. */
static Band scale_band(const Stdlib *std, const ValTarget *t, const char *s)
{
    if (t->word && strcmp(s, t->word) == 0)
        return BAND_MET;
    const StdWord *w = std_word(std, s);
    if (!w)
        return BAND_NONE;
    if (w->ordinal && t->kind == TK_ORDINAL) {
        int c = rat_cmp(rat_int(w->ordinal), t->target);
        return c >= 0 ? BAND_MET : w->ordinal + 1 == (int)t->target.num ? BAND_PARTIAL : BAND_UNMET;
    }
    if (w->use == WU_ANY || !t->scale || strcmp(w->scale, t->scale) == 0)
        return w->band;
    return BAND_NONE;
}

static Band worse(Band a, Band b)
{
    return a > b ? a : b;       /* BAND_MET < BAND_PARTIAL < BAND_UNMET */
}

Band val_word_band(const Stdlib *std, const ValTarget *t, const char *text, bool *matched)
{
    *matched = true;
    Band b = scale_band(std, t, text);
    if (b != BAND_NONE)
        return b;
    /* 部分达成…, 未达成…, 达成…: the longest band name first */
    static const Band by_length[] = { BAND_PARTIAL, BAND_UNMET, BAND_MET };
    for (size_t i = 0; i < sizeof by_length / sizeof *by_length; i++)
        if (str_starts(text, std_band_name(by_length[i])))
            return by_length[i];
    /* a modifier before a word that answers the target: the longest first */
    const StdWord *best = NULL;
    Band best_band = BAND_NONE;
    for (int i = 0; i < std->nwords; i++) {
        const StdWord *m = &std->words[i];
        size_t n = strlen(m->word);
        if (m->use != WU_PREFIX || !str_starts(text, m->word) || !text[n] || (best && strlen(best->word) >= n))
            continue;
        Band base = scale_band(std, t, text + n);
        if (base != BAND_NONE) {
            best = m;
            best_band = worse(base, m->band);
        }
    }
    if (best)
        return best_band;
    *matched = false;
    return BAND_UNMET;
}

void val_warn_unmatched(const Stdlib *std, const ValTarget *t, const char *name, const char *target_text,
                        const Source *src, Loc loc, const char *text)
{
    /* TRANSLATORS: the actual as written, the indicator, its target
       (= 稳定), the band it is scored in (未达成) */
    diag_emit_in(src, W0504, loc, "the actual “%s” of “%s” matches no word for its target %s: scored as %s", text,
                 name, target_text, std_band_name(BAND_UNMET));
    if (t->scale) {
        char list[256] = "";
        size_t len = 0;
        for (int i = 0; i < std->nwords && len < 200; i++)
            if (std->words[i].use == WU_SCALE && strcmp(std->words[i].scale, t->scale) == 0)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? "、" : "", std->words[i].word);
        /* TRANSLATORS: the 等级 (scale), then its words */
        diag_hint("等级 %s has %s; a phrase may begin with 达成, 部分达成 or 未达成 (stdlib/scales.pg)", t->scale,
                  list);
    } else {
        diag_hint("write the target's words, with a modifier if need be (明显, 基本, 未), or begin with 达成, "
                  "部分达成 or 未达成 (stdlib/scales.pg)");
    }
}

ValFit val_fit(const Stdlib *std, const ValTarget *t, const char *name, const char *target_text,
               const Source *src, const Value *v, Rat *actual)
{
    char text[512];
    val_format(v, text, sizeof text);
    const char *a = v->kind == V_STRING ? v->text : text;
    switch (t->kind) {
    case TK_NUMBER: {
        if (v->kind != V_NUMBER) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            diag_emit_in(src, E0503, v->loc, "the target of “%s” is a number (%s); “%s” is not", name,
                         target_text, a);
            return FIT_BAD;
        }
        *actual = rat_from_dec(v->num);
        if (!v->unit || !t->unit)
            return FIT_OK;
        const StdUnit *u = std_unit(std, v->unit);
        if (!u) {
            diag_emit_in(src, E0408, unit_loc(v), "unknown unit “%s”", v->unit);
            const char *near = near_unit(std, v->unit, t->unit);
            if (near)
                diag_hint("did you mean “%s”?", near);
            return FIT_BAD;
        }
        if (strcmp(u->base, t->unit->base) != 0) {
            /* TRANSLATORS: the indicator, the actual's unit, the target's unit */
            diag_emit_in(src, E0503, unit_loc(v), "the actual of “%s” is in “%s”, which does not convert to the target's “%s”",
                         name, u->name, t->unit->name);
            return FIT_BAD;
        }
        if (!rat_mul(*actual, rat_from_dec(u->factor), actual) ||
            !rat_div(*actual, rat_from_dec(t->unit->factor), actual)) {
            diag_emit_in(src, E0509, v->loc, "the actual is out of range after converting its unit");
            return FIT_BAD;
        }
        return FIT_OK;
    }
    case TK_DATE:
        if (v->kind != V_DATE) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            diag_emit_in(src, E0503, v->loc, "the target of “%s” is a date (%s); “%s” is not", name,
                         target_text, a);
            return FIT_BAD;
        }
        *actual = val_date_key(v->date);
        return FIT_OK;
    default:
        if (v->kind != V_WORD && v->kind != V_STRING) {
            /* TRANSLATORS: the indicator, its target as written, the actual as written */
            diag_emit_in(src, E0503, v->loc, "the target of “%s” is qualitative (%s); give a word or a phrase, not “%s”",
                         name, target_text, a);
            return FIT_BAD;
        }
        if (v->kind != V_WORD || t->kind != TK_WORD)
            return FIT_OK;
        const StdWord *w = std_word(std, v->text);
        if (!w)
            return FIT_UNKNOWN_WORD;
        if (t->scale && strcmp(w->scale, t->scale) != 0 && w->use != WU_ANY) {
            /* TRANSLATORS: the actual's word and its 定性等级 (scale), the
             * target's word and its scale */
            diag_emit_in(src, E0503, v->loc, "“%s” is on the scale %s; the target “%s” is on %s", v->text,
                         w->scale, t->word, t->scale);
            return FIT_BAD;
        }
        return FIT_OK;
    }
}

bool val_special_amount(const Stdlib *std, ActSpecial which, const char *bare_unit, const char *project,
                        const Source *src, const Value *v, Decimal *yuan)
{
    if (which == AS_GRADE) {
        if (v->kind != V_WORD && v->kind != V_STRING) {
            diag_emit_in(src, E0503, v->loc, "等级 is a grade such as 优");
            return false;
        }
        *yuan = dec_from_int(0);            /* the grade is v->text */
        return true;
    }
    if (which == AS_RATE || which == AS_TOTAL) {
        bool pct = which == AS_RATE;
        if (v->kind != V_NUMBER || (pct ? !v->unit || strcmp(v->unit, "%") != 0 : v->unit != NULL)) {
            if (pct)
                diag_emit_in(src, E0503, v->loc, "执行率 is a percentage such as 86.18%%");
            else
                diag_emit_in(src, E0503, v->loc, "总分 is a number of points such as 95.5");
            return false;
        }
        if (dec_is_neg(v->num)) {
            diag_emit_in(src, E0306, v->loc, "negative %s", dom_special_name(which));   /* 执行率, 总分 */
            return false;
        }
        *yuan = v->num;
        return true;
    }
    const char *unit = v->kind == V_NUMBER && !v->unit ? bare_unit : v->unit;
    const StdUnit *u = v->kind == V_NUMBER && unit ? std_unit(std, unit) : NULL;
    if (v->kind == V_NUMBER && !unit) {
        /* TRANSLATORS: the row (全年执行数), then the project */
        diag_emit_in(src, E0503, v->loc, "“%s” has no unit, and the 资金 block of project “%s” gives none",
                     dom_special_name(which), project);
        diag_hint("write the unit (元 or 万元); a bare amount is in the unit of its project's 资金 block, "
                  "which must be one unit throughout");
        return false;
    }
    if (v->kind != V_NUMBER || (unit && (!u || strcmp(u->dim, "金额") != 0))) {
        /* TRANSLATORS: the row: 全年预算数, 全年执行数 or 年初预算数 */
        diag_emit_in(src, E0503, v->loc, "“%s” is an amount in 元", dom_special_name(which));
        return false;
    }
    *yuan = v->num;
    if (u && dec_mul(v->num, u->factor, yuan) != DEC_OK) {
        diag_emit_in(src, E0509, v->loc, "amount out of range");
        return false;
    }
    if (dec_is_neg(*yuan)) {
        diag_emit_in(src, E0306, v->loc, "negative amount");
        return false;
    }
    return true;
}
