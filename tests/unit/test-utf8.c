/* test-utf8.c — decoding and display width (src/utf8.c). */
#include "pgc.h"
#include "unit.h"

int main(void)
{
    uint32_t cp;

    /* decoding */
    CHECK(utf8_decode("a", 1, &cp) == 1 && cp == 'a');
    CHECK(utf8_decode("指", 3, &cp) == 3 && cp == 0x6307);
    CHECK(utf8_decode("≥", 3, &cp) == 3 && cp == 0x2265);
    CHECK(utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    CHECK(utf8_decode("\xE6\x8C", 2, &cp) == 0);            /* truncated */
    CHECK(utf8_decode("\xE6\x8C\x87", 2, &cp) == 0);        /* n cuts it */
    CHECK(utf8_decode("\xC0\xAF", 2, &cp) == 0);            /* overlong */
    CHECK(utf8_decode("\xED\xA0\x80", 3, &cp) == 0);        /* surrogate */
    CHECK(utf8_decode("\x80", 1, &cp) == 0);                /* stray continuation */
    CHECK(utf8_decode("\xF5\x80\x80\x80", 4, &cp) == 0);    /* beyond U+10FFFF */

    /* display width: CJK and full-width forms take two columns */
    CHECK(utf8_width("abc", 3) == 3);
    CHECK(utf8_width("指标", 6) == 4);
    CHECK(utf8_width("产出指标", 12) == 8);
    CHECK(utf8_width("＝", 3) == 2);            /* full-width equals */
    CHECK(utf8_width("％", 3) == 2);
    CHECK(utf8_width("≥", 3) == 1);             /* narrow (ambiguous → 1) */
    CHECK(utf8_width("、", 3) == 2);
    CHECK(utf8_width("“", 3) == 1);
    CHECK(utf8_width("\xE3\x80\x80", 3) == 2);  /* ideographic space */
    CHECK(utf8_width("a\xFFz", 3) == 3);        /* an invalid byte counts 1 */

    /* counting code points */
    CHECK(utf8_count("指标a", 7) == 3);
    CHECK(utf8_count("\xE6\x8C", 2) == 2);

    /* edit distance in code points */
    CHECK(utf8_distance("产出指标", "产出指标", 3) == 0);
    CHECK(utf8_distance("产出指休", "产出指标", 3) == 1);
    CHECK(utf8_distance("效益指标", "产出指标", 3) == 2);
    CHECK(utf8_distance("a", "abcdef", 2) > 2);

    /* encoding */
    char buf[8];
    CHECK(utf8_encode(0x6307, buf) == 3 && strcmp(buf, "指") == 0);
    return unit_done();
}
