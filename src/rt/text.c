/*
 * text.c — what encoding a file is in, and what each kind of input does
 * with it.
 *
 * Three kinds of input reach pgc from people's machines, and each comes
 * in whatever a Chinese Windows saved it in: UTF-8 (with a BOM or not,
 * which source.c strips), UTF-16 (Excel's “Unicode text”, a byte order
 * mark first or not), GB18030/GBK (“ANSI”), or no text at all.  What to
 * do differs by input, and the table `policy` below holds it, one row an
 * input:
 *
 *   a .pg file       is UTF-8 by the language's definition: a UTF-16 file
 *                    is refused whole (one error, not one for every other
 *                    byte); any other bad byte the scanner reports where
 *                    it stands, so nothing past the first bytes is looked at;
 *   an actuals CSV   may be gigabytes, mapped and read once: UTF-16 is
 *                    refused, and a header that is not UTF-8 (a GB18030
 *                    export) too — only the first line is looked at;
 *   a pasted form    is small and comes from anywhere: UTF-16 and GB18030
 *                    are converted to UTF-8 (iconv), a NUL byte means it
 *                    is no text and is refused.
 *
 * text_sniff recognizes; it looks only for what the input's row of the
 * table cares about (a kind marked SKIP is not looked for: the reader
 * after it finds such bytes itself, or they do no harm).  text_check
 * applies the row: it says nothing for a file that is read as it is,
 * converts one to be converted, and reports a refusal — every message
 * about a file's encoding is here, with the code of the input it is
 * about (E0101, E0506, E0702).
 */
#include "rt.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* What a kind of bytes does to an input. */
typedef enum TextAction {
    SKIP,           /* not looked for: the reader copes with it (or reports it) */
    ACCEPT,         /* read as it is */
    CONVERT,        /* converted to UTF-8 first */
    REFUSE,         /* an error, and the file is not read */
} TextAction;

/* How much of the file the NUL and UTF-8 checks read. */
typedef enum TextLook {
    LOOK_START,     /* the byte order mark and the first four bytes only */
    LOOK_LINE,      /* the first line */
    LOOK_ALL,       /* all of it */
} TextLook;

/* The policy: by input, how far to look, and what each kind of bytes
 * found does (see the essay for why). */
static const struct {
    TextLook look;
    TextAction act[TEXT_NKINDS];    /* by TextKind */
} policy[] = {
    /*                                UTF8     UTF16_BOM  UTF16   BINARY  LEGACY */
    [TEXT_PG] =      { LOOK_START, { ACCEPT, REFUSE,    REFUSE, SKIP,   SKIP } },
    [TEXT_ACTUALS] = { LOOK_LINE,  { ACCEPT, REFUSE,    SKIP,   SKIP,   REFUSE } },
    [TEXT_FORM] =    { LOOK_ALL,   { ACCEPT, CONVERT,   SKIP,   REFUSE, CONVERT } },
};

/* ---- recognizing -------------------------------------------------------- */

/* The offset of the first byte of s that is not UTF-8, or n. */
static size_t first_invalid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            return i;
        i += (size_t)l;
    }
    return n;
}

TextSniff text_sniff(const char *s, size_t n, TextUse use)
{
    const TextAction *act = policy[use].act;
    const unsigned char *t = (const unsigned char *)s;
    bool bom = n >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF));
    if (act[TEXT_UTF16_BOM] != SKIP && bom)
        return (TextSniff){ TEXT_UTF16_BOM, t[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", 0 };
    /* two ASCII characters, each paired with a NUL */
    if (act[TEXT_UTF16] != SKIP && n >= 4 && t[0] && t[0] < 0x80 && !t[1] && t[2] && t[2] < 0x80 && !t[3])
        return (TextSniff){ TEXT_UTF16, "UTF-16LE", 1 };
    if (act[TEXT_UTF16] != SKIP && n >= 4 && !t[0] && t[1] && t[1] < 0x80 && !t[2] && t[3] && t[3] < 0x80)
        return (TextSniff){ TEXT_UTF16, "UTF-16BE", 0 };
    size_t end = 0;
    if (policy[use].look == LOOK_ALL)
        end = n;
    else if (policy[use].look == LOOK_LINE)
        for (end = 0; end < n && s[end] != '\n'; end++)
            ;
    const char *nul = act[TEXT_BINARY] != SKIP ? memchr(s, 0, end) : NULL;
    if (nul)
        return (TextSniff){ TEXT_BINARY, NULL, (size_t)(nul - s) };
    size_t bad = act[TEXT_LEGACY] != SKIP ? first_invalid(s, end) : end;
    if (bad < end)
        return (TextSniff){ TEXT_LEGACY, "GB18030", bad };
    return (TextSniff){ TEXT_UTF8, NULL, 0 };
}

/* ---- converting --------------------------------------------------------- */

/* Converts n bytes from encoding `from` to UTF-8 (malloc'd), or NULL. */
static char *convert(const char *from, const char *in, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 2 + 16;
    char *out = xmalloc(cap);
    char *ip = (char *)in, *op = out;
    size_t il = n, ol = cap;
    bool ok = true;
    while (ok && il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            ok = false;
            break;
        }
        size_t done = (size_t)(op - out);
        cap *= 2;
        out = xrealloc(out, cap);
        op = out + done;
        ol = cap - done;
    }
    if (ok && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        ok = false;
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)(op - out);
    return out;
}

/* ---- refusing ----------------------------------------------------------- */

/* The line and column of byte off of src (columns in code points, a stray
 * byte counting one). */
static Loc loc_at(const Source *src, size_t off)
{
    Loc loc = { 1, 1, (uint32_t)off, (uint32_t)off + 1 };
    for (size_t i = 0; i < off && i < src->len; i++) {
        if (src->text[i] == '\n') {
            loc.line++;
            loc.col = 1;
        } else if (((unsigned char)src->text[i] & 0xC0) != 0x80 || utf8_stray(src->text, src->len, i)) {
            loc.col++;
        }
    }
    return loc;
}

/* A .pg file in UTF-16: one error, not one for every other byte. */
static void refuse_pg(const Source *src, const TextSniff *t)
{
    const char *enc = t->enc;
    if (t->kind == TEXT_UTF16_BOM)
        /* TRANSLATORS: the %s of "the file is in %s, not UTF-8". */
        enc = strcmp(t->enc, "UTF-16LE") == 0 ? _("UTF-16LE (it starts with a UTF-16 byte order mark)")
                                                  : _("UTF-16BE (it starts with a UTF-16 byte order mark)");
    /* (the Loc in a variable: xgettext takes the commas of a compound
     * literal for the call's, and would miss the message) */
    Loc start = { 1, 1, 0, 2 };
    diag_emit_in(src, E0101, start, "the file is in %s, not UTF-8", enc);
    diag_hint("save it as UTF-8");
}

/* Actuals in UTF-16 or GB18030: one error, not a header of garbage. */
static void refuse_actuals(const Source *src, const TextSniff *t)
{
    if (t->kind == TEXT_UTF16_BOM) {
        Loc bom = { 1, 1, 0, 2 };
        diag_emit_in(src, E0506, bom, "the actuals file is in UTF-16, not UTF-8");
    } else {
        diag_emit_in(src, E0506, loc_at(src, t->at),
                     "the header is not UTF-8 (a file saved as GB18030 or GBK?)");
    }
    diag_hint("save it as “CSV UTF-8”");
}

/* A form that is no text, or not text in the encoding it looked like. */
static void refuse_form(const Source *src, const TextSniff *t)
{
    if (t->kind == TEXT_BINARY) {
        diag_emit_in(src, E0702, loc_at(src, t->at), "a NUL byte: this is not a text file");
        diag_hint("pgc import reads a form's table copied out as text, or saved as CSV");
        return;
    }
    if (t->kind == TEXT_UTF16_BOM)
        /* TRANSLATORS: %s is an encoding, UTF-16LE or UTF-16BE (the file
           starts with its byte-order mark). */
        diag_emit_in(src, E0702, loc_at(src, 0), "text that starts like %s but is not", t->enc);
    else
        diag_emit_in(src, E0702, loc_at(src, t->at), "a byte sequence that is neither UTF-8 nor GB18030");
    diag_hint("save the table as UTF-8 text");
}

static void refuse(const Source *src, TextUse use, const TextSniff *t)
{
    switch (use) {
    case TEXT_PG: refuse_pg(src, t); return;
    case TEXT_ACTUALS: refuse_actuals(src, t); return;
    case TEXT_FORM: refuse_form(src, t); return;
    }
}

bool text_check(const Source *src, TextUse use, char **utf8, size_t *len)
{
    if (utf8)
        *utf8 = NULL;
    TextSniff t = text_sniff(src->text, src->len, use);
    switch (policy[use].act[t.kind]) {
    case SKIP:              /* (not found: text_sniff does not look for it) */
    case ACCEPT:
        return true;
    case REFUSE:
        refuse(src, use, &t);
        return false;
    case CONVERT:
        break;
    }
    size_t skip = t.kind == TEXT_UTF16_BOM ? 2 : 0;
    char *u = convert(t.enc, src->text + skip, src->len - skip, len);
    if (!u || memchr(u, 0, *len)) {
        free(u);
        refuse(src, use, &t);
        return false;
    }
    *utf8 = u;
    return true;
}
