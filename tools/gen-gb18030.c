/*
 * gen-gb18030.c — the GB18030 decoding table of the runtime, asked of the
 * build machine's iconv (run by make; writes src/rt/gb18030-table.c).
 *
 * GB18030 is what a Chinese Windows saves “ANSI” text in (GBK is its
 * two-byte part).  pgc decodes it itself, in src/rt/decode.c, rather than
 * through iconv at run time: a built evaluator is linked statically, so
 * that it starts on any Linux whatever its C library, and iconv in a
 * static glibc loads its converters with dlopen — from the machine the
 * evaluator runs on, if it has them, of whatever version it has.  So the
 * mapping is taken here, once, from the iconv of the machine that builds
 * pgc: data from glibc's maintained tables, not typed by hand.
 *
 * Every code is asked for, and what iconv answers is written down:
 *
 *   one byte     0x00–0x7F must come back as themselves, and every other
 *                byte alone must be refused (the decoder assumes both);
 *   two bytes    a lead 0x81–0xFE and a trail 0x40–0xFE: 126 × 191 codes,
 *                each to one code point or refused (0 in gb_two; the few
 *                beyond the BMP, if this iconv has any, in gb_two_wide);
 *                a lead with any other trail but a digit must be refused;
 *   four bytes   0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39: 1,587,600
 *                codes, numbered in that order (their linear index), and
 *                written as runs of consecutive indices that map to
 *                consecutive code points (GB18030 maps the rest of the BMP
 *                through a few hundred such ranges, and U+10000–U+10FFFF
 *                as one).
 *
 * Anything else iconv accepts or refuses that the decoder's structure
 * does not expect stops the build with a message: better no pgc than one
 * that decodes otherwise than the table it was made from.
 */
#define _GNU_SOURCE          /* gnu_get_libc_version */
#include <errno.h>
#include <gnu/libc-version.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TRAILS = 0xFF - 0x40 };          /* 0x40..0xFE */
enum { FOUR = 126 * 10 * 126 * 10 };    /* the four-byte codes */

static iconv_t cd;

static void fail(const char *what)
{
    fprintf(stderr, "gen-gb18030: %s\n", what);
    exit(1);
}

/* The code point of the n bytes at s, or -1 when iconv refuses them
 * (or makes anything but one character of them). */
static long ask(const unsigned char *s, size_t n)
{
    unsigned char out[16];
    char *ip = (char *)s, *op = (char *)out;
    size_t il = n, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
        return -1;
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        return -1;
    if (op - (char *)out != 4)
        return -1;
    return (long)((uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24);
}

static void check_single(void)
{
    for (int b = 0; b < 256; b++) {
        unsigned char s[1] = { (unsigned char)b };
        long cp = ask(s, 1);
        if (b < 0x80 ? cp != b : cp >= 0)
            fail("this iconv's GB18030 does not map the single bytes as the decoder expects "
                 "(0x00-0x7F as themselves, no other byte alone)");
    }
}

static void write_two(FILE *out)
{
    long wide[64][2];
    int nwide = 0;
    fprintf(out, "const uint16_t gb_two[126 * GB_TRAILS] = {\n");
    for (int lead = 0x81; lead <= 0xFE; lead++) {
        for (int trail = 0; trail < 256; trail++) {
            unsigned char s[2] = { (unsigned char)lead, (unsigned char)trail };
            long cp = ask(s, 2);
            bool in_table = trail >= 0x40 && trail <= 0xFE;
            if (!in_table) {
                if (cp >= 0)
                    fail("this iconv's GB18030 accepts a two-byte code with a trail byte outside 0x40-0xFE");
                continue;
            }
            int index = (lead - 0x81) * TRAILS + (trail - 0x40);
            if (cp > 0xFFFF) {
                if (nwide == 64)
                    fail("more than 64 two-byte codes beyond the BMP");
                wide[nwide][0] = index;
                wide[nwide][1] = cp;
                nwide++;
                cp = -1;
            }
            if (cp == 0)
                fail("a two-byte code mapped to U+0000");
            fprintf(out, "%ld,%s", cp < 0 ? 0 : cp, index % 16 == 15 ? "\n" : "");
        }
    }
    fprintf(out, "\n};\n\nconst GbWide gb_two_wide[] = {\n");
    for (int i = 0; i < nwide; i++)
        fprintf(out, "    { %ld, 0x%lX },\n", wide[i][0], wide[i][1]);
    fprintf(out, "    { 0, 0 },\n};\nconst int gb_two_nwide = %d;\n\n", nwide);
}

/* The bytes of four-byte code number l. */
static void four_bytes(long l, unsigned char s[4])
{
    s[3] = (unsigned char)(0x30 + l % 10);
    l /= 10;
    s[2] = (unsigned char)(0x81 + l % 126);
    l /= 126;
    s[1] = (unsigned char)(0x30 + l % 10);
    l /= 10;
    s[0] = (unsigned char)(0x81 + l);
}

static void write_four(FILE *out)
{
    fprintf(out, "const GbRun gb_four[] = {\n");
    long first = -1, cp0 = 0, n = 0, nruns = 0;
    for (long l = 0; l <= FOUR; l++) {
        long cp = -1;
        if (l < FOUR) {
            unsigned char s[4];
            four_bytes(l, s);
            cp = ask(s, 4);
            if (cp == 0)
                fail("a four-byte code mapped to U+0000");
        }
        if (first >= 0 && cp >= 0 && cp == cp0 + n) {
            n++;
            continue;
        }
        if (first >= 0) {
            fprintf(out, "    { %ld, %ld, 0x%lX },\n", first, n, cp0);
            nruns++;
        }
        first = cp >= 0 ? l : -1;
        cp0 = cp;
        n = 1;
    }
    fprintf(out, "};\nconst int gb_four_nruns = %ld;\n", nruns);
}

/* A few codes of broken structure that must be refused: a digit after the
 * lead but no four-byte code, and a code cut short. */
static void check_structure(void)
{
    static const unsigned char bad[][4] = {
        { 0x81, 0x30, 0x30, 0x30 }, { 0x81, 0x30, 0xFF, 0x30 }, { 0x81, 0x30, 0x81, 0x41 },
        { 0x81, 0x30, 0x81, 0x7F },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (ask(bad[i], 4) >= 0)
            fail("this iconv's GB18030 accepts a four-byte code of another structure");
    unsigned char cut[3] = { 0x81, 0x30, 0x81 };
    for (size_t n = 1; n <= 3; n++)
        if (ask(cut, n) >= 0)
            fail("this iconv's GB18030 accepts a code cut short");
}

int main(void)
{
    cd = iconv_open("UTF-32LE", "GB18030");
    if (cd == (iconv_t)-1)
        fail("this machine's iconv cannot convert from GB18030 (glibc's gconv modules are missing?)");
    check_single();
    check_structure();
    FILE *out = stdout;
    fprintf(out, "/*\n * gb18030-table.c — GB18030 as the iconv of glibc %s maps it.\n"
                 " * Generated by tools/gen-gb18030.c at build time: do not edit.\n */\n"
                 "#include \"rt.h\"\n\n",
            gnu_get_libc_version());
    write_two(out);
    write_four(out);
    iconv_close(cd);
    if (fflush(out) != 0 || ferror(out))
        fail("cannot write the table");
    return 0;
}
