/* test-numfmt.c — a workbook's numbers as Excel shows them (src/rt/numfmt.c).
 * Each row: the value as the workbook stores it, the number format, what
 * Excel shows (checked against Excel's own rules: 15 significant digits,
 * then the format's places, half away from zero). */
#include "rt.h"
#include "unit.h"

static const char *shown(const char *value, const char *format, bool date1904, bool *ok)
{
    static Buf b;
    b.n = 0;
    *ok = office_format_number(value, format, date1904, &b);
    buf_add(&b, "", 0);
    b.s[b.n] = 0;
    return b.s;
}

#define SHOWS(value, format, want)                      \
    do {                                                \
        bool ok_;                                       \
        CHECK_STR(shown(value, format, false, &ok_), want); \
        CHECK(ok_);                                     \
    } while (0)

/* not covered: the value as General shows it, and false */
#define NOT_COVERED(value, format, want)                \
    do {                                                \
        bool ok_;                                       \
        CHECK_STR(shown(value, format, false, &ok_), want); \
        CHECK(!ok_);                                    \
    } while (0)

int main(void)
{
    /* amounts and rates, as the forms have them */
    SHOWS("3353000", "#,##0.00", "3,353,000.00");
    SHOWS("446048", "#,##0.00", "446,048.00");
    SHOWS("0", "#,##0.00", "0.00");
    SHOWS("0.98", "0.00%", "98.00%");
    SHOWS("0.97999999999999998", "0.00%", "98.00%");   /* a double's digits */
    SHOWS("0.98", "0%", "98%");
    SHOWS("1", "0%", "100%");
    SHOWS("33.53", "0.00", "33.53");
    SHOWS("2.675", "0.00", "2.68");                     /* half away from zero, on the decimal */
    SHOWS("-2.675", "0.00", "-2.68");
    SHOWS("0.005", "0.00", "0.01");
    SHOWS("-0.001", "0.00", "0.00");                    /* no minus before nothing */
    SHOWS("1234567.891", "#,##0", "1,234,568");
    SHOWS("999.995", "#,##0.00", "1,000.00");
    SHOWS("12", "000", "012");
    SHOWS("0.5", "#.00", ".50");
    SHOWS("1.5", "0.0#", "1.5");
    SHOWS("1.25", "0.0#", "1.25");
    SHOWS("3353000", "#,##0.00,", "3,353.00");          /* a trailing comma: thousands */
    SHOWS("33530000", "0.00,,\"百万\"", "33.53百万");
    SHOWS("25", "0.00\"万元\"", "25.00万元");
    SHOWS("1500", "¥#,##0.00", "¥1,500.00");
    SHOWS("1500", "[$¥-804]#,##0.00", "¥1,500.00");
    SHOWS("-1500", "#,##0.00;[Red]-#,##0.00", "-1,500.00");
    SHOWS("-1500", "#,##0.00;(#,##0.00)", "(1,500.00)");
    SHOWS("0", "#,##0.00;-#,##0.00;\"-\"", "-");
    SHOWS("5", "0_);(0)", "5 ");
    SHOWS("12345.678", "0.00E+00", "1.23E+04");
    SHOWS("0.000123", "0.0E+00", "1.2E-04");
    SHOWS("9.99", "0.0E+0", "1.0E+1");

    /* General: 15 significant digits, no trailing zeros */
    SHOWS("0.30000000000000004", "General", "0.3");
    SHOWS("446048", "General", "446048");
    SHOWS("0.1", "General", "0.1");
    SHOWS("-12.5", "General", "-12.5");
    SHOWS("123456789012345678", "General", "1.23456789012346E+17");
    SHOWS("1E-12", "General", "1E-12");
    SHOWS("7", "@", "7");

    /* dates: serial days of the 1900 system */
    SHOWS("44927", "yyyy-mm-dd", "2023-01-01");
    SHOWS("45291", "yyyy-mm-dd", "2023-12-31");
    SHOWS("44927", "yyyy/m/d", "2023/1/1");
    SHOWS("45291", "yyyy\"年\"m\"月\"d\"日\"", "2023年12月31日");
    SHOWS("45261", "yyyy\"年\"m\"月\"", "2023年12月");
    SHOWS("1", "yyyy-mm-dd", "1900-01-01");
    SHOWS("59", "yyyy-mm-dd", "1900-02-28");
    SHOWS("60", "yyyy-mm-dd", "1900-02-29");           /* Excel's day that never was */
    SHOWS("61", "yyyy-mm-dd", "1900-03-01");
    SHOWS("44927.5", "yyyy-mm-dd hh:mm", "2023-01-01 12:00");
    SHOWS("44927.75", "h:mm AM/PM", "6:00 PM");
    SHOWS("44927.25", "[$-804]AM/PM h\"时\"mm\"分\"", "上午 6时00分");
    SHOWS("0.5208333333", "hh:mm:ss", "12:30:00");
    SHOWS("44927", "dddd", "Sunday");
    SHOWS("44927", "aaaa", "星期日");
    SHOWS("44928", "d-mmm-yy", "2-Jan-23");
    {
        bool ok;
        CHECK_STR(shown("43465", "yyyy-mm-dd", true, &ok), "2023-01-01");   /* the 1904 system */
        CHECK(ok);
    }

    /* not covered: shown as General, and said so */
    NOT_COVERED("0.5", "# ?/?", "0.5");
    NOT_COVERED("12", "[DBNum1]0", "12");
    NOT_COVERED("150", "[>=100]0;0.0", "150");
    NOT_COVERED("1.5", "[h]:mm", "1.5");
    NOT_COVERED("44927", "[$-F800]dddd, mmmm dd, yyyy", "44927");
    NOT_COVERED("5551234", "000-0000", "5551234");
    NOT_COVERED("99999999", "yyyy-mm-dd", "99999999");

    /* a value that is no number is shown as it is */
    SHOWS("abc", "0.00", "abc");
    return unit_done();
}
