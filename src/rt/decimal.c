/*
 * decimal.c — exact decimal arithmetic.
 *
 * Money, percentages and scores are decimals, and pgc never lets binary
 * floating point near them: 0.1 + 0.2 is 0.3 and a total of 90.00 is
 * exactly on the 优 boundary.  A Decimal is a 128-bit coefficient and a
 * scale (digits after the point).  Inputs are limited to 18 digits on each
 * side of the point, so a sum or product of two inputs always fits; every
 * operation still checks for overflow and reports it instead of wrapping.
 *
 * Rounding is half away from zero ("四舍五入", half-up on magnitudes), the
 * rule of the published 自评表.
 */
#include "rt.h"

#include <string.h>

static const dec_i128 TEN = 10;

static dec_i128 pow10i(int n)
{
    dec_i128 p = 1;
    while (n-- > 0)
        p *= TEN;
    return p;
}

/* Largest coefficient we accept: 10^36 - 1 (so a*b of scaled parts can be
 * checked with the builtins; the limit leaves headroom below 2^127).  A
 * constant expression: fits() is on the hot path of every sum. */
#define MAX_COEF ((dec_i128)1000000000000000000 * 1000000000000000000 - 1)

static bool fits(dec_i128 v)
{
    return v <= MAX_COEF && v >= -MAX_COEF;
}

Decimal dec_from_int(long long i)
{
    return (Decimal){ .v = i, .scale = 0 };
}

/* Accepts digits (ASCII or full-width ０–９), one '.', and ',' separators
 * (the scanner has already checked where they stand). */
DecStatus dec_parse(const char *s, size_t n, Decimal *out)
{
    dec_i128 v = 0;
    int ints = 0, fracs = 0, digits = 0;
    bool point = false, neg = false;
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
            i++;
        } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
                   (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            d = (unsigned char)s[i + 2] - 0x90;
            i += 3;
        } else if (c == ',' && !point) {
            i++;
            continue;
        } else if (c == '.' && !point) {
            point = true;
            i++;
            continue;
        } else {
            return DEC_SYNTAX;
        }
        digits++;
        if (point) {
            if (++fracs > DEC_MAX_SCALE)
                return DEC_TOO_MANY_FRAC;
        } else if (ints > 0 || d != 0) {
            if (++ints > DEC_MAX_INT)
                return DEC_TOO_MANY_INT;
        }
        v = v * TEN + d;
    }
    if (digits == 0)
        return DEC_SYNTAX;
    out->v = neg ? -v : v;
    out->scale = fracs;
    return DEC_OK;
}

int dec_cmp(Decimal a, Decimal b)
{
    Decimal d;
    if (dec_sub(a, b, &d) != DEC_OK) {
        /* Cannot overflow for in-range inputs; fall back on signs. */
        return (a.v > 0) - (b.v > 0);
    }
    return (d.v > 0) - (d.v < 0);
}

bool dec_is_zero(Decimal a) { return a.v == 0; }
bool dec_is_neg(Decimal a) { return a.v < 0; }

/* Brings a and b to the same scale. */
static DecStatus align(Decimal *a, Decimal *b)
{
    while (a->scale < b->scale) {
        if (__builtin_mul_overflow(a->v, TEN, &a->v))
            return DEC_OVERFLOW;
        a->scale++;
    }
    while (b->scale < a->scale) {
        if (__builtin_mul_overflow(b->v, TEN, &b->v))
            return DEC_OVERFLOW;
        b->scale++;
    }
    return DEC_OK;
}

DecStatus dec_add(Decimal a, Decimal b, Decimal *out)
{
    if (align(&a, &b) != DEC_OK)
        return DEC_OVERFLOW;
    dec_i128 v;
    if (__builtin_add_overflow(a.v, b.v, &v) || !fits(v))
        return DEC_OVERFLOW;
    *out = (Decimal){ v, a.scale };
    return DEC_OK;
}

DecStatus dec_sub(Decimal a, Decimal b, Decimal *out)
{
    b.v = -b.v;
    return dec_add(a, b, out);
}

/* Divides v by 10^k rounding half away from zero. */
static dec_i128 shift_round(dec_i128 v, int k)
{
    if (k <= 0)
        return v;
    dec_i128 p = pow10i(k);
    dec_i128 q = v / p, r = v % p;
    if (r < 0)
        r = -r;
    if (r * 2 >= p)
        q += v < 0 ? -1 : 1;
    return q;
}

DecStatus dec_mul(Decimal a, Decimal b, Decimal *out)
{
    dec_i128 v;
    int scale = a.scale + b.scale;
    if (__builtin_mul_overflow(a.v, b.v, &v))
        return DEC_OVERFLOW;
    if (scale > DEC_MAX_SCALE) {
        v = shift_round(v, scale - DEC_MAX_SCALE);
        scale = DEC_MAX_SCALE;
    }
    if (!fits(v))
        return DEC_OVERFLOW;
    *out = (Decimal){ v, scale };
    return DEC_OK;
}

/* a / b, rounded half away from zero to `scale` digits. */
DecStatus dec_div(Decimal a, Decimal b, int scale, Decimal *out)
{
    if (b.v == 0)
        return DEC_DIV_ZERO;
    if (scale < 0 || scale > DEC_MAX_SCALE)
        return DEC_OVERFLOW;
    /* result = a.v * 10^(scale + b.scale - a.scale) / b.v */
    int k = scale + b.scale - a.scale;
    dec_i128 num = a.v, den = b.v;
    while (k > 0) {
        if (__builtin_mul_overflow(num, TEN, &num))
            return DEC_OVERFLOW;
        k--;
    }
    while (k < 0) {
        if (__builtin_mul_overflow(den, TEN, &den))
            return DEC_OVERFLOW;
        k++;
    }
    dec_i128 q = num / den, r = num % den;
    if (r < 0) r = -r;
    dec_i128 aden = den < 0 ? -den : den;
    if (r >= aden - r)      /* 2r >= |den| without overflow */
        q += ((num < 0) != (den < 0)) ? -1 : 1;
    if (!fits(q))
        return DEC_OVERFLOW;
    *out = (Decimal){ q, scale };
    return DEC_OK;
}

Decimal dec_round(Decimal a, int scale)
{
    if (a.scale <= scale) {
        /* Widening cannot overflow for in-range values at scale <= 18. */
        Decimal b = a;
        while (b.scale < scale) {
            b.v *= TEN;
            b.scale++;
        }
        return b;
    }
    return (Decimal){ shift_round(a.v, a.scale - scale), scale };
}

Decimal dec_normalize(Decimal a)
{
    while (a.scale > 0 && a.v % TEN == 0) {
        a.v /= TEN;
        a.scale--;
    }
    return a;
}

char *dec_format(Decimal a, bool grouped, char *buf)
{
    char digits[48];
    int nd = 0;
    dec_i128 v = a.v < 0 ? -a.v : a.v;
    while (v > UINT64_MAX) {        /* 128-bit division only for the digits that need it */
        digits[nd++] = (char)('0' + (int)(v % TEN));
        v /= TEN;
    }
    uint64_t w = (uint64_t)v;
    do {
        digits[nd++] = (char)('0' + (int)(w % 10));
        w /= 10;
    } while (w > 0);
    while (nd <= a.scale)
        digits[nd++] = '0';
    char *p = buf;
    if (a.v < 0)
        *p++ = '-';
    int ints = nd - a.scale;
    for (int i = nd - 1; i >= 0; i--) {
        int pos = i - a.scale;      /* position within the integer part */
        *p++ = digits[i];
        if (grouped && pos > 0 && pos % 3 == 0 && ints > 3)
            *p++ = ',';
        if (i == a.scale && a.scale > 0)
            *p++ = '.';
    }
    *p = 0;
    return buf;
}

/* Why an operation failed, in the user's language: a phrase that other
 * messages take as a %s ("number out of range: %s"). */
const char *dec_status_str(DecStatus s)
{
    switch (s) {
    case DEC_OK: return "ok";                   /* never reported */
    case DEC_SYNTAX: return _("not a number");
    case DEC_TOO_MANY_INT: return _("more than 18 digits before the decimal point");
    case DEC_TOO_MANY_FRAC: return _("more than 18 digits after the decimal point");
    case DEC_OVERFLOW: return _("result too large");
    case DEC_DIV_ZERO: return _("division by zero");
    }
    return "?";
}
