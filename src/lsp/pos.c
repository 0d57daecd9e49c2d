/*
 * pos.c — positions as LSP counts them, and as pgc does.
 *
 * pgc locates everything by byte offset (Loc.off, Loc.end); LSP by a line
 * (0-based) and a `character` that counts code units of the encoding the
 * two sides agreed on in initialize: UTF-16 by default — 指 is one unit,
 * 𠀋 (U+2000B, outside the BMP) two, a surrogate pair — or UTF-8, where
 * a unit is a byte (指 three, 𠀋 four).  Getting this wrong puts every
 * squiggle after the first CJK character of a line in the wrong place,
 * the most common bug of language servers for non-ASCII text.
 *
 * Lines end at \n, \r\n or a lone \r, as LSP has it.  A byte that is no
 * UTF-8 (which a JSON string cannot carry, but a position may fall in) is
 * one unit, as an editor shows it as one U+FFFD.  Every conversion clamps:
 * a position past the end of a line or of the text is its end, never an
 * error, so a client's stale position cannot make the server fail.
 */
#include "lsp.h"

#include <stdlib.h>

void lsp_lines_init(LspLines *l, const char *text, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            n++;
    l->text = text;
    l->len = len;
    l->n = n;
    l->start = xmalloc((n + 1) * sizeof *l->start);
    l->start[0] = 0;
    size_t k = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            l->start[k++] = i + 1;
    l->start[n] = len + 1;
}

void lsp_lines_free(LspLines *l)
{
    free(l->start);
    l->start = NULL;
    l->n = 0;
}

/* One character at s (n > 0 bytes): its length in bytes and in units. */
static size_t step(const char *s, size_t n, LspEncoding enc, size_t *units)
{
    uint32_t cp;
    int len = utf8_decode(s, n, &cp);
    if (len == 0) {
        *units = 1;
        return 1;
    }
    *units = enc == LSP_UTF8 ? (size_t)len : cp >= 0x10000 ? 2 : 1;
    return (size_t)len;
}

size_t lsp_units(const char *s, size_t n, LspEncoding enc)
{
    size_t units = 0;
    for (size_t i = 0; i < n;) {
        size_t u;
        i += step(s + i, n - i, enc, &u);
        units += u;
    }
    return units;
}

/* The end of line i's text, before its line break. */
static size_t line_end(const LspLines *l, size_t i)
{
    size_t e = l->start[i + 1] - 1;     /* at the break, or len */
    if (e > l->len)
        e = l->len;
    if (e > l->start[i] && e < l->len && l->text[e] == '\n' && l->text[e - 1] == '\r')
        e--;
    return e;
}

/* The line holding byte off (off <= len). */
static size_t line_of(const LspLines *l, size_t off)
{
    size_t lo = 0, hi = l->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (l->start[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

LspPos lsp_pos(const LspLines *l, size_t off, LspEncoding enc)
{
    if (off > l->len)
        off = l->len;
    size_t line = line_of(l, off), s = l->start[line], e = line_end(l, line);
    if (off > e)
        off = e;                        /* within the line break */
    size_t units = 0;
    for (size_t i = s; i < off;) {
        size_t u, n = step(l->text + i, e - i, enc, &u);
        if (i + n > off)
            break;                      /* off is inside this character */
        i += n;
        units += u;
    }
    return (LspPos){ line, units };
}

size_t lsp_offset(const LspLines *l, LspPos p, LspEncoding enc)
{
    if (p.line >= l->n)
        return l->len;
    size_t i = l->start[p.line], e = line_end(l, p.line), units = 0;
    while (i < e) {
        size_t u, n = step(l->text + i, e - i, enc, &u);
        if (units + u > p.character)
            break;
        i += n;
        units += u;
    }
    return i;
}
