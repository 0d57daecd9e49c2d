/*
 * rat.c — exact rational arithmetic for scoring.
 *
 * A score such as w·A/T or w·(1 − (A−T)/T) is computed as an exact
 * fraction and rounded once, at the end, to two decimals (half up): no
 * intermediate rounding can move a result across a .005 boundary, so pgc
 * agrees with any other exact implementation of the rules to the cent.
 * Numerator and denominator are 128-bit and kept in lowest terms; an
 * operation that would overflow fails (the caller reports it) instead of
 * wrapping.  Inputs are decimals of at most 18+18 digits, so realistic
 * scoring never comes near the limit.
 */
#include "rt.h"

static dec_i128 abs128(dec_i128 v) { return v < 0 ? -v : v; }

static dec_i128 gcd128(dec_i128 a, dec_i128 b)
{
    a = abs128(a);
    b = abs128(b);
    while (b) {
        dec_i128 t = a % b;
        a = b;
        b = t;
    }
    return a ? a : 1;
}

static Rat make(dec_i128 num, dec_i128 den)
{
    if (den < 0) {
        num = -num;
        den = -den;
    }
    dec_i128 g = gcd128(num, den);
    return (Rat){ num / g, den / g };
}

Rat rat_int(long long v)
{
    return (Rat){ v, 1 };
}

Rat rat_from_dec(Decimal d)
{
    dec_i128 den = 1;
    for (int i = 0; i < d.scale; i++)
        den *= 10;
    return make(d.v, den);
}

bool rat_add(Rat a, Rat b, Rat *out)
{
    dec_i128 g = gcd128(a.den, b.den), x, y, num, den;
    if (__builtin_mul_overflow(a.num, b.den / g, &x) || __builtin_mul_overflow(b.num, a.den / g, &y) ||
        __builtin_add_overflow(x, y, &num) || __builtin_mul_overflow(a.den / g, b.den, &den))
        return false;
    *out = make(num, den);
    return true;
}

bool rat_sub(Rat a, Rat b, Rat *out)
{
    b.num = -b.num;
    return rat_add(a, b, out);
}

bool rat_mul(Rat a, Rat b, Rat *out)
{
    dec_i128 g1 = gcd128(a.num, b.den), g2 = gcd128(b.num, a.den), num, den;
    if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) ||
        __builtin_mul_overflow(a.den / g2, b.den / g1, &den))
        return false;
    *out = make(num, den);
    return true;
}

bool rat_div(Rat a, Rat b, Rat *out)
{
    if (b.num == 0)
        return false;
    return rat_mul(a, (Rat){ b.den, b.num }, out);     /* rat_mul normalizes the sign */
}

/* Compares two non-negative fractions by their continued fractions, which
 * needs no multiplication and so cannot overflow. */
static int cmp_pos(dec_i128 an, dec_i128 ad, dec_i128 bn, dec_i128 bd)
{
    int sign = 1;
    for (;;) {
        dec_i128 qa = an / ad, qb = bn / bd;
        if (qa != qb)
            return qa < qb ? -sign : sign;
        dec_i128 ra = an % ad, rb = bn % bd;
        if (ra == 0 || rb == 0)
            return ra == rb ? 0 : (ra == 0 ? -sign : sign);
        /* compare ad/ra with bd/rb, with the order reversed */
        an = ad; ad = ra;
        bn = bd; bd = rb;
        sign = -sign;
    }
}

int rat_cmp(Rat a, Rat b)
{
    int sa = (a.num > 0) - (a.num < 0), sb = (b.num > 0) - (b.num < 0);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int c = cmp_pos(abs128(a.num), a.den, abs128(b.num), b.den);
    return sa > 0 ? c : -c;
}

bool rat_is_zero(Rat a) { return a.num == 0; }
bool rat_is_neg(Rat a) { return a.num < 0; }

/* Rounds to `scale` decimals, half away from zero.  Fails when the result
 * does not fit a Decimal. */
bool rat_round(Rat a, int scale, Decimal *out)
{
    dec_i128 p = 1, num;
    for (int i = 0; i < scale; i++)
        p *= 10;
    if (__builtin_mul_overflow(abs128(a.num), p, &num))
        return false;
    dec_i128 q = num / a.den, r = num % a.den;
    if (r >= a.den - r)         /* 2r >= den */
        q++;
    *out = (Decimal){ a.num < 0 ? -q : q, scale };
    return true;
}
