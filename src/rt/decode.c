/*
 * decode.c — UTF-16 and GB18030 text to UTF-8, a piece at a time.
 *
 * What an office saves comes in three encodings (text.c says which input
 * takes which): UTF-8, UTF-16 (Excel's “Unicode text”) and GB18030, of
 * which GBK is the two-byte part (Excel's “CSV (逗号分隔)” on a Chinese
 * Windows).  Everything after the reading is UTF-8, so the other two are
 * decoded here, by pgc and by the evaluators alike: the same code, the
 * same characters, the same positions in every diagnostic.
 *
 * UTF-16 is arithmetic.  GB18030 is a table, made at build time from the
 * build machine's iconv (tools/gen-gb18030.c writes gb18030-table.c): a
 * two-byte code is looked up in gb_two (a few beyond the BMP in
 * gb_two_wide), a four-byte code by its linear index in the runs of
 * gb_four.  iconv itself is not called at run time: in a statically
 * linked evaluator it would load its converters with dlopen, from the
 * machine it runs on.
 *
 * The decoder reads from the whole input (a mapped file or a buffer) and
 * writes into the caller's buffer as much as fits, so the caller chooses
 * the size of the pieces and where they go (text.c: a temporary file, or
 * memory).  A byte sequence that is not of the encoding becomes U+FFFD,
 * one byte at a time, and the first is remembered — where it was in the
 * input and where its U+FFFD is in the output — for the caller to
 * report on the decoded line.  Nothing else is changed: a NUL stays a
 * NUL, a byte order mark is the caller's to skip.
 */
#include "rt.h"

/* Room that one character can take: four bytes of UTF-8. */
enum { CHAR_ROOM = 4 };

/* What next_* say of a sequence that is not of the encoding. */
#define BAD UINT32_MAX

void decode_begin(Decoder *d, TextEnc enc, const char *in, size_t len)
{
    *d = (Decoder){ .enc = enc, .in = (const unsigned char *)in, .len = len, .bad = SIZE_MAX };
}

/* ---- one character ---------------------------------------------------------- */

/* The code point of a two-byte code beyond the BMP, or BAD. */
static uint32_t two_wide(unsigned index)
{
    for (int i = 0; i < gb_two_nwide; i++)
        if (gb_two_wide[i].index == index)
            return gb_two_wide[i].cp;
    return BAD;
}

/* The code point of four-byte code number l, or BAD: the run holding it. */
static uint32_t four(uint32_t l)
{
    int lo = 0, hi = gb_four_nruns - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const GbRun *r = &gb_four[mid];
        if (l < r->first)
            hi = mid - 1;
        else if (l - r->first >= r->n)
            lo = mid + 1;
        else
            return r->cp + (l - r->first);
    }
    return BAD;
}

/* The character at s (n > 0 bytes left) in GB18030: its code point (BAD:
 * none), and the bytes it takes (1 for a bad one). */
static inline uint32_t next_gb(const unsigned char *s, size_t n, size_t *used)
{
    *used = 1;
    unsigned b0 = s[0];
    if (b0 < 0x80)
        return b0;
    if (b0 == 0x80 || b0 == 0xFF || n < 2)
        return BAD;
    unsigned b1 = s[1];
    if (b1 >= 0x40 && b1 <= 0xFE) {
        unsigned index = (b0 - 0x81) * GB_TRAILS + (b1 - 0x40);
        uint32_t cp = gb_two[index] ? gb_two[index] : two_wide(index);
        if (cp != BAD)
            *used = 2;
        return cp;
    }
    if (b1 < 0x30 || b1 > 0x39 || n < 4 || s[2] < 0x81 || s[2] > 0xFE || s[3] < 0x30 || s[3] > 0x39)
        return BAD;
    uint32_t l = (((b0 - 0x81) * 10 + (b1 - 0x30)) * 126 + (s[2] - 0x81u)) * 10 + (s[3] - 0x30u);
    uint32_t cp = four(l);
    if (cp != BAD)
        *used = 4;
    return cp;
}

/* The code unit at s in UTF-16 (little-endian when le). */
static inline unsigned unit16(const unsigned char *s, bool le)
{
    return le ? s[0] | (unsigned)s[1] << 8 : (unsigned)s[0] << 8 | s[1];
}

/* The character at s in UTF-16: a unit, or a pair of surrogates; a lone
 * surrogate or an odd last byte is BAD (taking its unit, or its byte). */
static inline uint32_t next_utf16(const unsigned char *s, size_t n, bool le, size_t *used)
{
    *used = n < 2 ? n : 2;
    if (n < 2)
        return BAD;
    unsigned u = unit16(s, le);
    if (u < 0xD800 || u > 0xDFFF)
        return u;
    if (u >= 0xDC00 || n < 4)
        return BAD;
    unsigned v = unit16(s + 2, le);
    if (v < 0xDC00 || v > 0xDFFF)
        return BAD;
    *used = 4;
    return 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (v - 0xDC00);
}

/* cp in UTF-8 at o; returns the bytes written. */
static inline size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- a piece -------------------------------------------------------------------- */

size_t decode_some(Decoder *d, char *buf, size_t cap)
{
    const unsigned char *in = d->in;
    size_t pos = d->pos, len = d->len, o = 0;
    bool gb = d->enc == ENC_GB18030, le = d->enc == ENC_UTF16LE;
    while (pos < len && cap - o >= CHAR_ROOM) {
        if (gb && in[pos] < 0x80) {     /* a run of ASCII: most of a CSV's bytes */
            size_t end = pos + (cap - o - CHAR_ROOM + 1);
            if (end > len)
                end = len;
            while (pos < end && in[pos] < 0x80)
                buf[o++] = (char)in[pos++];
            continue;
        }
        size_t used;
        uint32_t cp = gb ? next_gb(in + pos, len - pos, &used) : next_utf16(in + pos, len - pos, le, &used);
        if (cp == BAD) {
            if (d->bad == SIZE_MAX) {
                d->bad = pos;
                d->bad_out = d->out + o;
            }
            cp = 0xFFFD;
        }
        o += put_utf8(buf + o, cp);
        pos += used;
    }
    d->pos = pos;
    d->out += o;
    return o;
}

bool decode_done(const Decoder *d)
{
    return d->pos >= d->len;
}
