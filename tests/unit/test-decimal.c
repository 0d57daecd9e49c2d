/* test-decimal.c — exact decimal arithmetic (src/decimal.c). */
#include "pgc.h"
#include "unit.h"

static Decimal D(const char *s)
{
    Decimal d;
    if (dec_parse(s, strlen(s), &d) != DEC_OK) {
        fprintf(stderr, "cannot parse %s\n", s);
        unit_failures++;
        return dec_from_int(0);
    }
    return d;
}

static const char *F(Decimal d)
{
    static char buf[8][DEC_BUF];
    static int i;
    return dec_format(d, false, buf[i++ % 8]);
}

static const char *G(Decimal d)
{
    static char buf[8][DEC_BUF];
    static int i;
    return dec_format(d, true, buf[i++ % 8]);
}

int main(void)
{
    Decimal r;

    /* parsing and printing keep the written scale */
    CHECK_STR(F(D("446048")), "446048");
    CHECK_STR(F(D("446,048.00")), "446048.00");
    CHECK_STR(G(D("446048.00")), "446,048.00");
    CHECK_STR(G(D("1234567.89")), "1,234,567.89");
    CHECK_STR(G(D("100")), "100");
    CHECK_STR(G(D("999")), "999");
    CHECK_STR(G(D("1000")), "1,000");
    CHECK_STR(F(D("0.5")), "0.5");
    CHECK_STR(F(D("-0.5")), "-0.5");
    CHECK_STR(F(D("０.２５")), "0.25");          /* full-width digits */
    CHECK(D("98.5").scale == 1);

    /* limits: 18 digits each side, reported, never wrapped */
    CHECK(dec_parse("123456789012345678", 18, &r) == DEC_OK);
    CHECK(dec_parse("1234567890123456789", 19, &r) == DEC_TOO_MANY_INT);
    CHECK(dec_parse("1234567890123456789012345678901234567890", 40, &r) == DEC_TOO_MANY_INT);
    CHECK(dec_parse("0.1234567890123456789", 21, &r) == DEC_TOO_MANY_FRAC);
    CHECK(dec_parse("0000000000000000000001", 22, &r) == DEC_OK);   /* leading zeros are free */
    CHECK(dec_parse("", 0, &r) == DEC_SYNTAX);
    CHECK(dec_parse("1x", 2, &r) == DEC_SYNTAX);

    /* 0.1 + 0.2 is 0.3, exactly */
    CHECK(dec_add(D("0.1"), D("0.2"), &r) == DEC_OK);
    CHECK(dec_cmp(r, D("0.3")) == 0);
    CHECK_STR(F(r), "0.3");

    /* comparison ignores scale */
    CHECK(dec_cmp(D("90"), D("90.00")) == 0);
    CHECK(dec_cmp(D("89.99"), D("90")) < 0);
    CHECK(dec_cmp(D("-1"), D("0")) < 0);

    /* subtraction and multiplication */
    CHECK(dec_sub(D("250000.00"), D("215457.60"), &r) == DEC_OK);
    CHECK_STR(F(r), "34542.40");
    CHECK(dec_mul(D("10"), D("0.8618"), &r) == DEC_OK);
    CHECK_STR(F(r), "8.6180");

    /* division rounds half away from zero at the requested scale */
    CHECK(dec_div(D("215457.60"), D("250000.00"), 4, &r) == DEC_OK);
    CHECK_STR(F(r), "0.8618");
    CHECK(dec_div(D("1"), D("3"), 2, &r) == DEC_OK);
    CHECK_STR(F(r), "0.33");
    CHECK(dec_div(D("2"), D("3"), 2, &r) == DEC_OK);
    CHECK_STR(F(r), "0.67");
    CHECK(dec_div(D("1"), D("8"), 2, &r) == DEC_OK);      /* 0.125 → 0.13 */
    CHECK_STR(F(r), "0.13");
    CHECK(dec_div(D("-1"), D("8"), 2, &r) == DEC_OK);     /* −0.125 → −0.13 */
    CHECK_STR(F(r), "-0.13");
    CHECK(dec_div(D("1"), D("0"), 2, &r) == DEC_DIV_ZERO);

    /* rounding */
    CHECK_STR(F(dec_round(D("8.615"), 2)), "8.62");
    CHECK_STR(F(dec_round(D("8.614999"), 2)), "8.61");
    CHECK_STR(F(dec_round(D("-2.5"), 0)), "-3");
    CHECK_STR(F(dec_round(D("7"), 2)), "7.00");
    CHECK_STR(F(dec_normalize(D("100.00"))), "100");
    CHECK_STR(F(dec_normalize(D("0.50"))), "0.5");

    /* the published case: 90 + 10 × 215457.60 ÷ 250000.00 = 98.62 */
    Decimal rate, exec;
    CHECK(dec_div(D("215457.60"), D("250000.00"), 18, &rate) == DEC_OK);
    CHECK(dec_mul(D("10"), rate, &exec) == DEC_OK);
    CHECK(dec_add(D("90"), dec_round(exec, 2), &r) == DEC_OK);
    CHECK_STR(F(r), "98.62");

    /* overflow is reported */
    Decimal big = D("999999999999999999.999999999999999999");
    CHECK(dec_mul(big, big, &r) == DEC_OVERFLOW);
    return unit_done();
}
