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
#include "pgc.h"

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
        static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        if (f[1] < 1 || f[1] > 12 || (parts == 3 && (f[2] < 1 || f[2] > mdays[f[1] - 1])))
            return false;
        if (parts == 3 && f[1] == 2 && f[2] == 29 &&
            !((f[0] % 4 == 0 && f[0] % 100 != 0) || f[0] % 400 == 0))
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
            } else if (ast_is_ident(t + u, m - u)) {
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
    out->kind = ast_is_ident(t, m) ? V_WORD : V_STRING;
    out->text = arena_strndup(arena, t, m);
    return true;
}
