/*
 * numfmt.c — a workbook's number shown by its number format, as Excel
 * shows it (and so as a paste of the cell gives it).
 *
 * A workbook stores 3353000 and the format #,##0.00; the form shows
 * 3,353,000.00, and that is what a person copying the table gets, what
 * pgc import reads and what its diagnostics quote.  A format has up to
 * four sections (positive;negative;zero;text) made of
 *
 *   digit placeholders   0 (a digit, always), # (a digit if significant),
 *                        ? (a digit or a space); a point; a comma between
 *                        them groups thousands, after them divides by 1000;
 *   % and E+ / E-        percent (×100, the sign shown), scientific;
 *   literal text         "…", \c, _c (a space as wide as c), *c (a fill:
 *                        nothing in a paste), and characters such as
 *                        - + ( ) : / 年 月 日 that stand for themselves;
 *   brackets             [Red] colours (nothing in a paste), [$¥-804]
 *                        currency and locale (the symbol, and 上午/下午 for
 *                        AM/PM under 804), [DBNum1] Chinese numerals and
 *                        conditions [>=100] — the last two not covered;
 *   date and time codes  y, m, d, h, s, AM/PM, aaa/aaaa (星期一), with m a
 *                        minute after an h or before an s.
 *
 * The value comes as the workbook's decimal text (0.97999999999999998)
 * and is worked on as digits, never as a double: rounded to 15 significant
 * digits as Excel shows a double, scaled, then rounded to the places shown,
 * half away from zero.  Dates are serial days since 1900-01-00 (with
 * Excel's 29 February 1900, serial 60) or since 1904-01-01.
 *
 * What is not covered — fractions (# ?/?), [DBNum], conditions, elapsed
 * time ([h]), literal text between integer digits, and a value too large
 * for a date — is not guessed: office_format_number shows the value as
 * General does and returns false, and the caller warns at the cell.
 */
#include "rt.h"

#include <stdlib.h>
#include <strings.h>
#include <string.h>

enum { SIG = 15, MAXDIG = 400 };

/* A decimal as digits: 0.d[0]d[1]… × 10^exp, d without leading zeros
 * (n == 0: zero). */
typedef struct Digits {
    bool neg;
    int n;
    int exp;
    char d[MAXDIG];
} Digits;

static bool read_value(const char *s, Digits *v)
{
    memset(v, 0, sizeof *v);
    if (*s == '-' || *s == '+')
        v->neg = *s++ == '-';
    int point = -1, count = 0;
    bool any = false;
    for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
        if (*s == '.') {
            if (point >= 0)
                return false;
            point = count;
            continue;
        }
        any = true;
        if (v->n == 0 && *s == '0') {
            if (point >= 0)
                v->exp--;
            continue;
        }
        if (v->n < MAXDIG - 1)
            v->d[v->n++] = *s;
        if (point < 0)
            v->exp++;
        count++;
    }
    if (!any)
        return false;
    if (*s == 'e' || *s == 'E') {
        char *end;
        long e = strtol(s + 1, &end, 10);
        if (end == s + 1 || e > 400 || e < -400)
            return false;
        v->exp += (int)e;
        s = end;
    }
    if (*s)
        return false;
    while (v->n > 0 && v->d[v->n - 1] == '0')
        v->n--;
    if (v->n == 0)
        v->neg = false, v->exp = 0;
    return true;
}

/* Rounds v to keep digits before position pos (digits after the point:
 * pos = exp + places), half away from zero. */
static void round_at(Digits *v, int pos)
{
    if (pos >= v->n)
        return;
    if (pos < 0) {
        v->n = 0;
        v->exp = 0;
        return;
    }
    bool up = v->d[pos] >= '5';
    v->n = pos;
    if (up) {
        int i = pos - 1;
        while (i >= 0 && v->d[i] == '9')
            i--;
        if (i < 0) {
            v->d[0] = '1';
            v->n = 1;
            v->exp++;
        } else {
            v->d[i]++;
            v->n = i + 1;
        }
    }
    while (v->n > 0 && v->d[v->n - 1] == '0')
        v->n--;
    if (v->n == 0)
        v->exp = 0;
}

/* The digit at place p of v (p = 0: the units; p > 0 after the point, p < 0 before). */
static char digit_at(const Digits *v, int p)
{
    int i = v->exp - 1 + p;         /* index of the digit at place p */
    return i >= 0 && i < v->n ? v->d[i] : '0';
}

/* ---- General ------------------------------------------------------------------------ */

static void general(Digits v, Buf *out)
{
    round_at(&v, SIG);
    if (v.n == 0) {
        buf_str(out, "0");
        return;
    }
    if (v.neg)
        buf_str(out, "-");
    if (v.exp > 15 || v.exp < -9) {
        buf_add(out, v.d, 1);
        if (v.n > 1) {
            buf_str(out, ".");
            buf_add(out, v.d + 1, (size_t)v.n - 1);
        }
        buf_printf(out, "E%c%02d", v.exp - 1 < 0 ? '-' : '+', abs(v.exp - 1));
        return;
    }
    for (int p = 1 - (v.exp > 0 ? v.exp : 1); p <= 0; p++)
        buf_add(out, (char[]){ digit_at(&v, p) }, 1);
    if (v.n > v.exp) {
        buf_str(out, ".");
        for (int p = 1; p <= v.n - v.exp; p++)
            buf_add(out, (char[]){ digit_at(&v, p) }, 1);
    }
}

/* ---- sections and their pieces --------------------------------------------------- */

/* The piece of a section a character begins. */
typedef enum Piece {
    P_LIT,          /* literal text (the text in lit) */
    P_DIGIT,        /* 0 # ? */
    P_POINT,
    P_COMMA,
    P_PERCENT,
    P_EXP,          /* E+ E- e+ e- */
    P_DATE,         /* a run of one date or time code letter (y, m, d, h, s, a) */
    P_AMPM,
    P_GENERAL,
    P_AT,           /* @: the text itself */
    P_BAD,          /* what is not covered */
} Piece;

typedef struct Tok {
    Piece kind;
    char c;                 /* P_DIGIT: the placeholder; P_DATE: the letter (lower case) */
    int len;                /* P_DATE: the run's length; P_EXP: the sign ('+' 1, '-' 0) */
    const char *lit;        /* P_LIT, P_AMPM: the text shown */
    size_t litn;
} Tok;

enum { MAXTOK = 128 };

typedef struct Section {
    Tok t[MAXTOK];
    int n;
    bool chinese;           /* [$-804] and the like: AM/PM as 上午/下午 */
    bool bad;
} Section;

static void add_tok(Section *s, Tok t)
{
    if (s->n == MAXTOK) {
        s->bad = true;
        return;
    }
    if (t.kind == P_LIT && s->n > 0 && s->t[s->n - 1].kind == P_LIT &&
        s->t[s->n - 1].lit + s->t[s->n - 1].litn == t.lit) {
        s->t[s->n - 1].litn += t.litn;      /* one run of adjacent text */
        return;
    }
    s->t[s->n++] = t;
}

static bool ieq(const char *s, const char *w)
{
    return strncasecmp(s, w, strlen(w)) == 0;
}

/* A bracket: a colour (nothing), [$sym-locale] (the symbol), else not covered. */
static const char *bracket(Section *s, const char *p, const char *end)
{
    const char *close = memchr(p, ']', (size_t)(end - p));
    if (!close) {
        s->bad = true;
        return end;
    }
    const char *in = p + 1;
    size_t n = (size_t)(close - in);
    static const char *const colours[] = { "Black", "Blue", "Cyan", "Green", "Magenta", "Red", "White", "Yellow" };
    for (size_t i = 0; i < sizeof colours / sizeof *colours; i++)
        if (n == strlen(colours[i]) && strncasecmp(in, colours[i], n) == 0)
            return close + 1;
    if (n >= 5 && strncasecmp(in, "Color", 5) == 0)
        return close + 1;
    if (n >= 6 && (strncasecmp(in, "$-F800", 6) == 0 || strncasecmp(in, "$-F400", 6) == 0)) {
        s->bad = true;      /* the system's long date or time: the reader's machine decides */
        return close + 1;
    }
    if (n > 0 && in[0] == '$') {
        const char *dash = memchr(in, '-', n);
        const char *sym_end = dash ? dash : close;
        if (sym_end > in + 1)
            add_tok(s, (Tok){ .kind = P_LIT, .lit = in + 1, .litn = (size_t)(sym_end - in - 1) });
        if (dash && (size_t)(close - dash) >= 4 && strncasecmp(close - 3, "804", 3) == 0)
            s->chinese = true;
        return close + 1;
    }
    s->bad = true;          /* [DBNum1], [>=100], [h] … */
    return close + 1;
}

static void tokenize(const char *p, const char *end, Section *s)
{
    memset(s, 0, sizeof *s);
    while (p < end && !s->bad) {
        char c = *p;
        int l;
        utf8_at(p, (size_t)(end - p), &l);
        if (c == '"') {
            const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
            if (!q) {
                s->bad = true;
                break;
            }
            add_tok(s, (Tok){ .kind = P_LIT, .lit = p + 1, .litn = (size_t)(q - p - 1) });
            p = q + 1;
        } else if (c == '\\' && p + 1 < end) {
            utf8_at(p + 1, (size_t)(end - p - 1), &l);
            add_tok(s, (Tok){ .kind = P_LIT, .lit = p + 1, .litn = (size_t)l });
            p += 1 + l;
        } else if ((c == '_' || c == '*') && p + 1 < end) {
            utf8_at(p + 1, (size_t)(end - p - 1), &l);
            if (c == '_')
                add_tok(s, (Tok){ .kind = P_LIT, .lit = " ", .litn = 1 });
            p += 1 + l;
        } else if (c == '[') {
            p = bracket(s, p, end);
        } else if (c == '0' || c == '#' || c == '?') {
            add_tok(s, (Tok){ .kind = P_DIGIT, .c = c });
            p++;
        } else if (c == '.') {
            add_tok(s, (Tok){ .kind = P_POINT });
            p++;
        } else if (c == ',') {
            add_tok(s, (Tok){ .kind = P_COMMA });
            p++;
        } else if (c == '%') {
            add_tok(s, (Tok){ .kind = P_PERCENT });
            p++;
        } else if ((c == 'E' || c == 'e') && p + 1 < end && (p[1] == '+' || p[1] == '-')) {
            add_tok(s, (Tok){ .kind = P_EXP, .len = p[1] == '+' });
            p += 2;
        } else if (ieq(p, "General") && end - p >= 7) {
            add_tok(s, (Tok){ .kind = P_GENERAL });
            p += 7;
        } else if (ieq(p, "AM/PM") && end - p >= 5) {
            add_tok(s, (Tok){ .kind = P_AMPM, .len = 5 });
            p += 5;
        } else if (ieq(p, "A/P") && end - p >= 3) {
            add_tok(s, (Tok){ .kind = P_AMPM, .len = 3 });
            p += 3;
        } else if (strchr("yYmMdDhHsS", c) || ((c == 'a' || c == 'A') && end - p >= 3 && ieq(p, "aaa"))) {
            char lc = (char)(c | 0x20);
            int n = 0;
            while (p < end && (*p | 0x20) == lc)
                p++, n++;
            add_tok(s, (Tok){ .kind = P_DATE, .c = lc, .len = n });
        } else if (c == '@') {
            add_tok(s, (Tok){ .kind = P_AT });
            p++;
        } else if (c == '/' || c == '-' || c == '+' || c == '(' || c == ')' || c == ':' || c == ' ' ||
                   c == '$' || c == '!' || c == '^' || c == '&' || c == '\'' || c == '~' || c == '{' ||
                   c == '}' || c == '<' || c == '>' || c == '=' || (unsigned char)c >= 0x80) {
            add_tok(s, (Tok){ .kind = P_LIT, .lit = p, .litn = (size_t)l });
            p += l;
        } else {
            s->bad = true;
        }
    }
}

/* The sections of format: [0] positive, [1] negative, [2] zero (n of them). */
static int split(const char *f, const char *parts[4], const char *ends[4])
{
    int n = 0;
    parts[0] = f;
    for (const char *p = f;; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            p = q ? q : p + strlen(p) - 1;
        } else if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '[') {
            const char *q = strchr(p, ']');
            p = q ? q : p + strlen(p) - 1;
        } else if (*p == ';' || !*p) {
            ends[n++] = p;
            if (!*p || n == 4)
                break;
            parts[n] = p + 1;
        }
    }
    return n;
}

/* ---- numbers ------------------------------------------------------------------------ */

static bool is_date(const Section *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->t[i].kind == P_DATE || s->t[i].kind == P_AMPM)
            return true;
    return false;
}

static void put_lit(Buf *out, const Tok *t)
{
    buf_add(out, t->lit, t->litn);
}

/* v (its sign already dealt with) by a number section. */
static bool number(const Section *s, Digits v, Buf *out)
{
    int first = -1, last = -1, point = -1, exp = -1, pct = 0;
    for (int i = 0; i < s->n; i++) {
        const Tok *t = &s->t[i];
        if (t->kind == P_DIGIT) {
            if (first < 0)
                first = i;
            last = i;
        } else if (t->kind == P_POINT && point < 0 && exp < 0) {
            point = i;
        } else if (t->kind == P_EXP) {
            if (exp >= 0)
                return false;
            exp = i;
        } else if (t->kind == P_PERCENT) {
            pct++;
        } else if (t->kind == P_DATE || t->kind == P_AMPM || t->kind == P_GENERAL || t->kind == P_AT) {
            return t->kind == P_AT ? (general(v, out), true) : false;
        }
    }
    if (first < 0) {                    /* literal text only: shown as it is */
        for (int i = 0; i < s->n; i++)
            if (s->t[i].kind == P_LIT)
                put_lit(out, &s->t[i]);
        return true;
    }
    int int_end = point >= 0 ? point : exp >= 0 ? exp : last + 1;
    int nint = 0, minint = 0, ndec = 0, mindec = 0, scale = 0, nexp = 0;
    bool group = false;
    for (int i = first; i < int_end; i++) {
        const Tok *t = &s->t[i];
        if (t->kind == P_DIGIT) {
            nint++;
            minint += t->c == '0';
        } else if (t->kind == P_COMMA) {
            bool digit_after = false;
            for (int j = i + 1; j < int_end; j++)
                digit_after |= s->t[j].kind == P_DIGIT;
            if (digit_after)
                group = true;
            else
                scale++;
        } else if (t->kind == P_LIT && i > first) {
            bool digit_after = false;
            for (int j = i + 1; j < int_end; j++)
                digit_after |= s->t[j].kind == P_DIGIT;
            if (digit_after)
                return false;           /* text between integer digits */
        }
    }
    int dec_end = exp >= 0 ? exp : last + 1;
    for (int i = point >= 0 ? point + 1 : dec_end; i < dec_end; i++) {
        const Tok *t = &s->t[i];
        if (t->kind == P_DIGIT) {
            if (ndec > mindec && t->c == '0')
                return false;           /* 0.#0: not covered */
            ndec++;
            mindec += t->c == '0';
        } else if (t->kind == P_COMMA) {
            scale++;
        } else if (t->kind == P_LIT) {
            return false;
        }
    }
    for (int i = last + 1; i < s->n && s->t[i].kind == P_COMMA; i++)
        scale++;                        /* 0.00, — thousands; 0.00,, — millions */
    for (int i = exp + 1; exp >= 0 && i <= last; i++)
        if (s->t[i].kind == P_DIGIT)
            nexp++;
        else if (s->t[i].kind != P_LIT)
            return false;
    round_at(&v, SIG);
    int e10 = 0;
    if (exp >= 0) {
        if (nint != 1)
            return false;               /* ##0.0E+0, engineering: not covered */
        e10 = v.n ? v.exp - 1 : 0;
        v.exp -= e10;
    } else {
        v.exp += 2 * pct - 3 * scale;
    }
    round_at(&v, v.exp + ndec);
    if (exp >= 0 && v.exp > 1) {        /* 9.99 rounded to 10.0: one more power */
        v.exp--;
        e10++;
    }
    /* the integer digits, grouped */
    Buf ip = { 0 };
    int top = v.exp > 0 ? v.exp : 0;
    int nd = top > minint ? top : minint;
    for (int k = nd - 1; k >= 0; k--) {
        buf_add(&ip, (char[]){ digit_at(&v, -k) }, 1);
        if (group && k > 0 && k % 3 == 0)
            buf_add(&ip, ",", 1);
    }
    /* the decimals: trailing zeros beyond mindec dropped */
    char dec[MAXDIG];
    int shown = 0;
    for (int k = 1; k <= ndec && k < MAXDIG; k++)
        dec[shown++] = digit_at(&v, k);
    while (shown > mindec && dec[shown - 1] == '0')
        shown--;
    bool int_done = false;
    int dec_i = 0;
    for (int i = 0; i < s->n; i++) {
        const Tok *t = &s->t[i];
        if (i >= first && i < int_end && t->kind == P_DIGIT) {
            if (!int_done && ip.n)
                buf_add(out, ip.s, ip.n);
            int_done = true;
        } else if (i == point) {
            if (ndec > 0 || t->kind == P_POINT)
                buf_add(out, ".", 1);
        } else if (point >= 0 && i > point && i < dec_end && t->kind == P_DIGIT) {
            if (dec_i < shown)
                buf_add(out, &dec[dec_i], 1);
            else if (t->c == '?')
                buf_add(out, " ", 1);
            dec_i++;
        } else if (i == exp) {
            buf_printf(out, "E%s", e10 < 0 ? "-" : t->len ? "+" : "");
            char ebuf[16];
            int en = snprintf(ebuf, sizeof ebuf, "%d", abs(e10));
            for (int z = en; z < nexp; z++)
                buf_add(out, "0", 1);
            buf_add(out, ebuf, (size_t)en);
        } else if (i > exp && exp >= 0 && t->kind == P_DIGIT) {
            /* (the exponent's digits: printed above) */
        } else if (t->kind == P_PERCENT) {
            buf_add(out, "%", 1);
        } else if (t->kind == P_LIT) {
            put_lit(out, t);
        }
    }
    buf_free(&ip);
    return true;
}

/* ---- dates and times --------------------------------------------------------------- */

/* The civil date of day number z since 1970-01-01 (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static bool date(const Section *s, Digits v, bool date1904, Buf *out)
{
    if (v.neg || v.exp > 7)
        return false;
    /* whole days and the seconds of the day, rounded */
    long days = 0;
    for (int p = 1 - (v.exp > 0 ? v.exp : 1); p <= 0; p++)
        days = days * 10 + (digit_at(&v, p) - '0');
    Digits f = v;               /* the fraction × 86400, rounded to a second */
    long secs = 0;
    {
        /* seconds = round(frac × 86400): frac to 12 places is enough */
        long long frac = 0;
        for (int k = 1; k <= 12; k++)
            frac = frac * 10 + (digit_at(&f, k) - '0');
        long long num = frac * 864, den = 10000000000LL;      /* frac × 86400 / 10^12 */
        secs = (long)((num + den / 2) / den);
    }
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    if (days > 2958465)
        return false;
    int y, m, d, wday;
    if (date1904) {
        civil(days - 24107, &y, &m, &d);        /* 1904-01-01 is day -24107 of 1970 */
        wday = (int)((days + 6) % 7);           /* 1904-01-01 was a Friday */
    } else if (days == 60) {
        y = 1900, m = 2, d = 29;
        wday = 3;
    } else if (days == 0) {
        y = 1900, m = 1, d = 0;
        wday = 6;
    } else {
        civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);     /* 1899-12-31 / -30 */
        wday = (int)(days % 7);                 /* serial 1 (1900-01-01) shows a Sunday in Excel */
    }
    int hh = (int)(secs / 3600), mi = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    bool ampm = false;
    for (int i = 0; i < s->n; i++)
        ampm |= s->t[i].kind == P_AMPM;
    static const char *const mon[] = { "January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December" };
    static const char *const day[] = { "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday" };
    static const char *const cday[] = { "六", "日", "一", "二", "三", "四", "五" };
    for (int i = 0; i < s->n; i++) {
        const Tok *t = &s->t[i];
        switch (t->kind) {
        case P_LIT:
            put_lit(out, t);
            break;
        case P_AMPM:
            if (s->chinese)
                buf_str(out, hh < 12 ? "上午" : "下午");
            else if (t->len == 5)
                buf_str(out, hh < 12 ? "AM" : "PM");
            else
                buf_str(out, hh < 12 ? "A" : "P");
            break;
        case P_DATE: {
            bool minute = false;
            if (t->c == 'm' && t->len <= 2) {
                for (int j = i - 1; j >= 0 && !minute; j--) {
                    if (s->t[j].kind == P_DATE) {
                        minute = s->t[j].c == 'h';
                        break;
                    }
                }
                for (int j = i + 1; j < s->n && !minute; j++) {
                    if (s->t[j].kind == P_DATE) {
                        minute = s->t[j].c == 's';
                        break;
                    }
                }
            }
            int n = t->len;
            switch (t->c) {
            case 'y':
                buf_printf(out, n <= 2 ? "%02d" : "%04d", n <= 2 ? y % 100 : y);
                break;
            case 'm':
                if (minute)
                    buf_printf(out, n == 1 ? "%d" : "%02d", mi);
                else if (n <= 2)
                    buf_printf(out, n == 1 ? "%d" : "%02d", m);
                else if (n == 3)
                    buf_printf(out, "%.3s", mon[m - 1]);
                else if (n == 4)
                    buf_str(out, mon[m - 1]);
                else
                    buf_printf(out, "%.1s", mon[m - 1]);
                break;
            case 'd':
                if (n <= 2)
                    buf_printf(out, n == 1 ? "%d" : "%02d", d);
                else
                    buf_printf(out, n == 3 ? "%.3s" : "%s", day[wday]);
                break;
            case 'a':
                buf_printf(out, n == 3 ? "%s" : "星期%s", cday[wday]);
                break;
            case 'h': {
                int h = ampm ? (hh % 12 ? hh % 12 : 12) : hh;
                buf_printf(out, n == 1 ? "%d" : "%02d", h);
                break;
            }
            case 's':
                buf_printf(out, n == 1 ? "%d" : "%02d", ss);
                break;
            }
            break;
        }
        case P_POINT:
        case P_DIGIT:
        case P_COMMA:
        case P_PERCENT:
        case P_EXP:
        case P_GENERAL:
        case P_AT:
        case P_BAD:
            return false;       /* 0.0 after seconds, and the like */
        }
    }
    return true;
}

/* ---- the entry point ------------------------------------------------------------- */

bool office_format_number(const char *value, const char *format, bool date1904, Buf *out)
{
    Digits v;
    size_t start = out->n;
    if (!read_value(value, &v)) {
        buf_str(out, value);            /* not a number after all: as it is */
        return true;
    }
    const char *parts[4], *ends[4];
    int n = split(format, parts, ends);
    Digits shown = v;
    round_at(&shown, SIG);
    int which = 0;
    if (n >= 2 && shown.neg)
        which = 1;
    else if (n >= 3 && shown.n == 0)
        which = 2;
    Section s;
    tokenize(parts[which], ends[which], &s);
    if (which == 1)
        v.neg = false;                  /* the section shows the sign itself */
    bool ok = !s.bad;
    if (ok && s.n == 1 && s.t[0].kind == P_GENERAL) {
        general(v, out);
        return true;
    }
    if (ok && s.n == 0) {
        return true;                    /* an empty section shows nothing */
    }
    if (ok) {
        bool neg = v.neg;
        v.neg = false;
        Buf b = { 0 };
        ok = is_date(&s) ? date(&s, v, date1904, &b) : number(&s, v, &b);
        if (ok) {
            /* the minus of a one-section format, unless all shown is zero */
            bool nonzero = false;
            for (size_t i = 0; i < b.n; i++)
                nonzero |= b.s[i] >= '1' && b.s[i] <= '9';
            if (neg && nonzero && !is_date(&s))
                buf_str(out, "-");
            buf_add(out, b.s ? b.s : "", b.n);
        }
        buf_free(&b);
        v.neg = neg;
    }
    if (!ok) {
        out->n = start;
        general(v, out);
    }
    return ok;
}
