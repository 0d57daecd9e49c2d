/* test-decode.c — the decoder of src/rt/decode.c against this machine's
 * iconv: every GB18030 code of one, two and four bytes (valid or not),
 * every UTF-16 code unit and a sample of the pairs, and random byte
 * strings, decoded both ways, must give the same UTF-8 or both be
 * refused; decoding in pieces of any size gives the same bytes; the first
 * bad sequence is noted where it is. */
#include "rt.h"
#include "unit.h"

#include <iconv.h>
#include <stdlib.h>

/* The UTF-8 of n bytes by iconv (from), into out; -1 when it refuses them. */
static long by_iconv(iconv_t cd, const unsigned char *s, size_t n, char *out, size_t cap)
{
    char *ip = (char *)s, *op = out;
    size_t il = n, ol = cap;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
        return -1;
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        return -1;
    return op - out;
}

/* The UTF-8 of n bytes by the decoder, into out (pieces of `piece`
 * bytes); -1 when it found a bad sequence. */
static long by_decoder(TextEnc enc, const unsigned char *s, size_t n, char *out, size_t piece)
{
    Decoder d;
    decode_begin(&d, enc, (const char *)s, n);
    size_t o = 0, got;
    while ((got = decode_some(&d, out + o, piece)) > 0)
        o += got;
    if (!decode_done(&d))
        return -2;
    return d.bad == SIZE_MAX ? (long)o : -1;
}

static int mismatches;

/* Both ways must agree on s; says how the first few disagree. */
static void same(iconv_t cd, TextEnc enc, const unsigned char *s, size_t n)
{
    char a[256], b[256];
    long la = by_iconv(cd, s, n, a, sizeof a), lb = by_decoder(enc, s, n, b, sizeof b);
    bool ok = la == lb && (la < 0 || memcmp(a, b, (size_t)la) == 0);
    unit_checks++;
    if (!ok) {
        unit_failures++;
        if (++mismatches <= 10) {
            fprintf(stderr, "differs from iconv (%ld, %ld bytes):", la, lb);
            for (size_t i = 0; i < n; i++)
                fprintf(stderr, " %02X", s[i]);
            fputc('\n', stderr);
        }
    }
}

static void gb18030_codes(iconv_t cd)
{
    unsigned char s[4];
    for (int b = 0; b < 256; b++) {
        s[0] = (unsigned char)b;
        same(cd, ENC_GB18030, s, 1);
    }
    for (int lead = 0x80; lead <= 0xFF; lead++)
        for (int trail = 0; trail < 256; trail++) {
            s[0] = (unsigned char)lead;
            s[1] = (unsigned char)trail;
            same(cd, ENC_GB18030, s, 2);
        }
    for (int b0 = 0x81; b0 <= 0xFE; b0++)
        for (int b1 = 0x30; b1 <= 0x39; b1++)
            for (int b2 = 0x80; b2 <= 0xFF; b2++)
                for (int b3 = 0x2F; b3 <= 0x3A; b3++) {
                    s[0] = (unsigned char)b0, s[1] = (unsigned char)b1;
                    s[2] = (unsigned char)b2, s[3] = (unsigned char)b3;
                    same(cd, ENC_GB18030, s, 4);
                }
}

static void utf16_codes(iconv_t cd, TextEnc enc)
{
    bool le = enc == ENC_UTF16LE;
    unsigned char s[4];
    for (unsigned u = 0; u <= 0xFFFF; u++) {
        s[le ? 0 : 1] = (unsigned char)(u & 0xFF);
        s[le ? 1 : 0] = (unsigned char)(u >> 8);
        same(cd, enc, s, 2);
    }
    for (unsigned hi = 0xD7F0; hi <= 0xE00F; hi += 3)
        for (unsigned lo = 0xD7F0; lo <= 0xE00F; lo += 5) {
            s[le ? 0 : 1] = (unsigned char)(hi & 0xFF);
            s[le ? 1 : 0] = (unsigned char)(hi >> 8);
            s[le ? 2 : 3] = (unsigned char)(lo & 0xFF);
            s[le ? 3 : 2] = (unsigned char)(lo >> 8);
            same(cd, enc, s, 4);
            same(cd, enc, s, 3);                /* an odd last byte */
        }
}

/* Random strings of the bytes that matter (ASCII, leads, digits, trails). */
static void random_strings(iconv_t cd, TextEnc enc, int count)
{
    static const unsigned char pick[] = { 0x00, 0x0A, 0x2C, 0x30, 0x35, 0x39, 0x40, 0x41, 0x7E, 0x7F,
                                          0x80, 0x81, 0x84, 0x90, 0xA1, 0xB0, 0xD7, 0xD8, 0xDB,
                                          0xDC, 0xDF, 0xE3, 0xFE, 0xFF };
    unsigned seed = 20231231;
    unsigned char s[12];
    for (int k = 0; k < count; k++) {
        seed = seed * 1103515245 + 12345;
        size_t n = 1 + (seed >> 16) % sizeof s;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245 + 12345;
            s[i] = (seed >> 24) & 1 ? pick[(seed >> 16) % sizeof pick] : (unsigned char)(seed >> 16);
        }
        same(cd, enc, s, n);
    }
}

/* In pieces as small as one character, the same bytes. */
static void pieces(void)
{
    const char *gb = "\xCF\xEE\xC4\xBF,\x81\x30\x81\x30\xFE\x51\x90\x30\x81\x30x\r\n";
    char whole[64], part[64];
    long n = by_decoder(ENC_GB18030, (const unsigned char *)gb, strlen(gb), whole, sizeof whole);
    CHECK(n > 0);
    for (size_t piece = 4; piece < 12; piece++)
        CHECK(by_decoder(ENC_GB18030, (const unsigned char *)gb, strlen(gb), part, piece) == n &&
              memcmp(whole, part, (size_t)n) == 0);
    CHECK(n == 20 && memcmp(whole, "项目,\xC2\x80\xF0\xA0\x82\x87\xF0\x90\x80\x80x\r\n", 20) == 0);
}

/* The first bad sequence: where it was, and its U+FFFD in the output. */
static void first_bad(void)
{
    const char *gb = "\xCF\xEE,\xFF,\x81\n";     /* 项 , 0xFF , (lead cut short) */
    Decoder d;
    char out[64];
    decode_begin(&d, ENC_GB18030, gb, strlen(gb));
    size_t n = decode_some(&d, out, sizeof out);
    CHECK(decode_done(&d) && d.bad == 3 && d.bad_out == 4);
    CHECK(n == 12 && memcmp(out, "项,\xEF\xBF\xBD,\xEF\xBF\xBD\n", 12) == 0);
    const char *le = "a\0\0\xDC" "b\0";           /* a, a lone low surrogate, b */
    decode_begin(&d, ENC_UTF16LE, le, 6);
    n = decode_some(&d, out, sizeof out);
    CHECK(d.bad == 2 && d.bad_out == 1 && n == 5 && memcmp(out, "a\xEF\xBF\xBD" "b", 5) == 0);
}

int main(void)
{
    iconv_t gb = iconv_open("UTF-8", "GB18030");
    iconv_t le = iconv_open("UTF-8", "UTF-16LE");
    iconv_t be = iconv_open("UTF-8", "UTF-16BE");
    if (gb == (iconv_t)-1 || le == (iconv_t)-1 || be == (iconv_t)-1) {
        fprintf(stderr, "this machine's iconv lacks GB18030 or UTF-16\n");
        return 99;
    }
    gb18030_codes(gb);
    utf16_codes(le, ENC_UTF16LE);
    utf16_codes(be, ENC_UTF16BE);
    random_strings(gb, ENC_GB18030, 300000);
    random_strings(le, ENC_UTF16LE, 100000);
    random_strings(be, ENC_UTF16BE, 100000);
    pieces();
    first_bad();
    iconv_close(gb);
    iconv_close(le);
    iconv_close(be);
    return unit_done();
}
