/*
 * utf8.c — decoding, display width, and name distance.
 *
 * Every caret pgc prints is placed by display width: CJK ideographs and
 * full-width forms take two terminal columns.  Widths come from utf8proc
 * (the Unicode East Asian Width data, maintained upstream), not from a
 * hand-made table.  Decoding is strict (no overlongs, no surrogates) and
 * never reads past the end of its buffer.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    unsigned c = u[0];
    *cp = c;
    if (c < 0x80)
        return 1;
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

uint32_t utf8_at(const char *s, size_t n, int *len)
{
    uint32_t cp;
    int l = utf8_decode(s, n, &cp);
    *len = l ? l : 1;
    return l ? cp : 0xFFFD;
}

bool utf8_stray(const char *s, size_t n, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++) {
        if (((unsigned char)s[i - k] & 0xC0) != 0x80) {
            uint32_t cp;
            return utf8_decode(s + i - k, n - (i - k), &cp) <= (int)k;
        }
    }
    return true;
}

int utf8_encode(uint32_t cp, char *buf)
{
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)buf);
    buf[n] = 0;
    return (int)n;
}

int utf8_cp_width(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F)
        return 1;
    if (cp < 0x7F)
        return 1;
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w < 0 ? 1 : w;
}

size_t utf8_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            w += 1;
            i += 1;
        } else {
            w += (size_t)utf8_cp_width(cp);
            i += (size_t)len;
        }
    }
    return w;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        i += len ? (size_t)len : 1;
        k++;
    }
    return k;
}

/* Decodes a NUL-terminated string into code points (at most max). */
static int to_cps(const char *s, uint32_t *out, int max)
{
    size_t n = strlen(s);
    int k = 0;
    for (size_t i = 0; i < n && k < max;) {
        uint32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        i += len ? (size_t)len : 1;
        out[k++] = cp;
    }
    return k;
}

int utf8_distance(const char *a, const char *b, int cap)
{
    enum { MAXN = 64 };
    uint32_t x[MAXN], y[MAXN];
    int n = to_cps(a, x, MAXN), m = to_cps(b, y, MAXN);
    if (abs(n - m) > cap)
        return cap + 1;
    int row[MAXN + 1];
    for (int j = 0; j <= m; j++)
        row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0], best = i;
        row[0] = i;
        for (int j = 1; j <= m; j++) {
            int up = row[j];
            int v = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[m];
}
