/*
 * text.c — what encoding a file is in, and what each kind of input does
 * with it.
 *
 * Three kinds of input reach pgc from people's machines, and each comes
 * in whatever a Chinese Windows saved it in: UTF-8 (with a BOM or not,
 * which source.c strips), UTF-16 (Excel's “Unicode text”, a byte order
 * mark first or not), GB18030/GBK (“ANSI”, and Excel's “CSV (逗号分隔)”),
 * or no text at all.  What to do differs by input, and the table `policy`
 * below holds it, one row an input:
 *
 *   a .pg file       is UTF-8 by the language's definition: a UTF-16 file
 *                    is refused whole (one error, not one for every other
 *                    byte); any other bad byte the scanner reports where
 *                    it stands, so nothing past the first bytes is looked at;
 *   an actuals CSV   is what an office's spreadsheet saved, and may be
 *                    gigabytes, mapped and read once: UTF-8 is read in
 *                    place, as it is; UTF-16 (a byte order mark, or NUL
 *                    bytes beside the ASCII of its first 4 KB) and a first
 *                    line that is not UTF-8 (GB18030) are converted, in
 *                    pieces, into a temporary file that is read instead
 *                    (text_check_mapped) — only the start is looked at, so
 *                    the UTF-8 path costs nothing more than before;
 *   a pasted form    is small and comes from anywhere: UTF-16 and GB18030
 *                    are converted to UTF-8 in memory, a NUL byte means it
 *                    is no text and is refused.
 *
 * The converting is decode.c's (the same code in pgc and in the
 * evaluators, no iconv).  Everything after it sees the UTF-8 text as if
 * the file had been saved so — the same file name, the same lines — so a
 * diagnostic's column counts the characters of the decoded text and its
 * snippet shows that text.  Bytes that are not of the encoding the file
 * was taken for are reported at the first of them, on its decoded line
 * (where it shows as �), and the file is not read.
 *
 * text_sniff recognizes; it looks only for what the input's row of the
 * table cares about (a kind marked SKIP is not looked for: the reader
 * after it finds such bytes itself, or they do no harm).  text_check
 * applies the row: it says nothing for a file that is read as it is,
 * converts one to be converted, and reports a refusal — every message
 * about a file's encoding is here, with the code of the input it is
 * about (E0101, E0513, E0702).
 */
#include "rt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    LOOK_LINE,      /* the first line not blank (and 4 KB for UTF-16 without a BOM) */
    LOOK_ALL,       /* all of it */
} TextLook;

/* The policy: by input, how far to look, and what each kind of bytes
 * found does (see the essay for why). */
static const struct {
    TextLook look;
    TextAction act[TEXT_NKINDS];    /* by TextKind */
} policy[] = {
    /*                                UTF8    UTF16_BOM  UTF16    BINARY  LEGACY */
    [TEXT_PG] =      { LOOK_START, { ACCEPT, REFUSE,    REFUSE,  SKIP,   SKIP } },
    [TEXT_ACTUALS] = { LOOK_LINE,  { ACCEPT, CONVERT,   CONVERT, SKIP,   CONVERT } },
    [TEXT_FORM] =    { LOOK_ALL,   { ACCEPT, CONVERT,   SKIP,    REFUSE, CONVERT } },
};

/* ---- recognizing -------------------------------------------------------- */

/* How far UTF-16 without a byte order mark is looked for (LOOK_LINE). */
enum { UTF16_LOOK = 4096 };

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

/* UTF-16 without a byte order mark, told by its ASCII — the separators,
 * the line ends, the digits of a CSV — each paired with a NUL: in the
 * first n bytes, far more units of one order that are ASCII than of the
 * other (a CJK character of the form U+XX00 pairs the other way), and
 * enough of them.  "UTF-16LE", "UTF-16BE", or NULL (no NUL in them, or
 * no clear order: a UTF-8 or GB18030 text with a NUL byte, or no text). */
static const char *utf16_by_nuls(const unsigned char *t, size_t n)
{
    size_t le = 0, be = 0, pairs = n / 2;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (t[i] && t[i] < 0x80 && !t[i + 1])
            le++;
        else if (!t[i] && t[i + 1] && t[i + 1] < 0x80)
            be++;
    }
    if (le > 3 * be && le * 16 >= pairs)
        return "UTF-16LE";
    if (be > 3 * le && be * 16 >= pairs)
        return "UTF-16BE";
    return NULL;
}

static TextEnc enc_of(const char *name)
{
    return strcmp(name, "UTF-16LE") == 0 ? ENC_UTF16LE : strcmp(name, "UTF-16BE") == 0 ? ENC_UTF16BE : ENC_GB18030;
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
    size_t start = 0, end = 0;
    if (policy[use].look == LOOK_ALL) {
        end = n;
    } else if (policy[use].look == LOOK_LINE) {
        /* an actuals CSV's header starts with CJK: the NULs tell */
        const char *nul = act[TEXT_UTF16] != SKIP ? memchr(s, 0, n < UTF16_LOOK ? n : UTF16_LOOK) : NULL;
        const char *enc = nul ? utf16_by_nuls(t, n < UTF16_LOOK ? n : UTF16_LOOK) : NULL;
        if (enc)
            return (TextSniff){ TEXT_UTF16, enc, (size_t)(nul - s) };
        while (start < n && (s[start] == '\n' || s[start] == '\r'))
            start++;                /* the first line that is not blank, as csv.c reads it */
        for (end = start; end < n && s[end] != '\n'; end++)
            ;
    }
    const char *nul = act[TEXT_BINARY] != SKIP ? memchr(s, 0, end) : NULL;
    if (nul)
        return (TextSniff){ TEXT_BINARY, NULL, (size_t)(nul - s) };
    size_t bad = act[TEXT_LEGACY] != SKIP ? start + first_invalid(s + start, end - start) : end;
    if (bad < end)
        return (TextSniff){ TEXT_LEGACY, "GB18030", bad };
    return (TextSniff){ TEXT_UTF8, NULL, 0 };
}

/* ---- converting --------------------------------------------------------- */

/* Converts n bytes from encoding `from` to UTF-8 (malloc'd), or NULL when
 * they are not all of it. */
static char *convert(const char *from, const char *in, size_t n, size_t *outlen)
{
    Decoder d;
    decode_begin(&d, enc_of(from), in, n);
    Buf b = { 0 };
    buf_add(&b, "", 0);
    char piece[16384];
    for (size_t got; (got = decode_some(&d, piece, sizeof piece)) > 0;)
        buf_add(&b, piece, got);
    if (d.bad != SIZE_MAX) {
        buf_free(&b);
        return NULL;
    }
    *outlen = b.n;
    return b.s;
}

/* ---- refusing ----------------------------------------------------------- */

/* The line and column of byte off of src (columns in code points, a stray
 * byte counting one). */
static Loc loc_at(const Source *src, size_t off)
{
    uint32_t cp;
    int n = off < src->len ? utf8_decode(src->text + off, src->len - off, &cp) : 0;
    Loc loc = { 1, 1, (uint32_t)off, (uint32_t)off + (n > 1 ? (uint32_t)n : 1) };
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

/* Bytes that are not of the encoding the actuals were taken for, at byte
 * off of src: the decoded text, where they are a U+FFFD. */
static void undecodable(const Source *src, const TextSniff *t, size_t off)
{
    Loc at = loc_at(src, off);
    if (t->kind == TEXT_LEGACY) {
        diag_emit_in(src, E0513, at, "a byte sequence that is neither UTF-8 nor GB18030");
        diag_hint("the file is read as GB18030 (GBK), as its first line is not UTF-8; "
                  "save it again from the spreadsheet as CSV");
    } else {
        /* TRANSLATORS: %s is UTF-16LE or UTF-16BE */
        diag_emit_in(src, E0513, at, "invalid %s text: half of a surrogate pair, or an odd last byte", t->enc);
        diag_hint("save it again from the spreadsheet as CSV");
    }
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
    case TEXT_ACTUALS: undecodable(src, t, t->at); return;  /* (text_check_mapped reads them) */
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

/* ---- converting a large file ---------------------------------------------- */

/* The decoded text is written in pieces of PIECE bytes, and the pages of
 * the input are let go every DROP_EVERY bytes decoded. */
enum { PIECE = 1 << 20, DROP_EVERY = 4 << 20 };

/* Where a decoded text goes: an unlinked temporary file, or memory when
 * none can be made. */
typedef struct Copy {
    int fd;             /* the temporary file, or -1 */
    Buf mem;            /* the text, when fd is -1 */
    int err;            /* the errno of a failed write, else 0 */
} Copy;

static void copy_add(Copy *c, const char *s, size_t n)
{
    if (c->fd < 0) {
        buf_add(&c->mem, s, n);
        return;
    }
    while (n > 0 && !c->err) {
        ssize_t w = write(c->fd, s, n);
        if (w < 0 && errno != EINTR)
            c->err = errno;
        if (w > 0) {
            s += w;
            n -= (size_t)w;
        }
    }
}

/* src, in t's encoding, decoded into c piece by piece; after a bad
 * sequence, only to the end of its line (the diagnostic shows it). */
static void decode_into(const Source *src, const TextSniff *t, Decoder *d, Copy *c)
{
    size_t skip = t->kind == TEXT_UTF16_BOM ? 2 : 0;
    decode_begin(d, enc_of(t->enc), src->text + skip, src->len - skip);
    char *piece = xmalloc(PIECE);
    size_t dropped = 0;
    for (size_t got; !c->err && (got = decode_some(d, piece, PIECE)) > 0;) {
        if (d->out > SRC_MAX_MAPPED) {
            c->err = EFBIG;
            break;
        }
        copy_add(c, piece, got);
        if (d->pos - dropped >= DROP_EVERY) {
            src_drop_pages(src, skip + dropped, skip + d->pos);
            dropped = d->pos;
        }
        size_t at = d->out - got;       /* where the piece is in the output */
        if (d->bad != SIZE_MAX && memchr(piece + (d->bad_out > at ? d->bad_out - at : 0), '\n',
                                         got - (d->bad_out > at ? d->bad_out - at : 0)))
            break;
    }
    free(piece);
}

/* A decoded copy that could not be made: why, naming the file. */
static void copy_failed(const Source *src, int err)
{
    if (err == EFBIG)
        diag_plain(src->path, "cannot read: %s (in UTF-8 it would be larger than 4 GB)", strerror(err));
    else
        /* TRANSLATORS: the directory of temporary files, then why */
        diag_plain(src->path, "cannot write its text in UTF-8 to a temporary file in %s: %s", src_tmpdir(),
                   strerror(err));
}

bool text_check_mapped(Source *src, TextUse use, bool *io)
{
    *io = false;
    TextSniff t = text_sniff(src->text, src->len, use);
    switch (policy[use].act[t.kind]) {
    case SKIP:
    case ACCEPT:
        return true;            /* read in place, as it is */
    case REFUSE:
        refuse(src, use, &t);
        return false;
    case CONVERT:
        break;
    }
    Copy c = { src_tmpfile(), { 0 }, 0 };
    Decoder d;
    decode_into(src, &t, &d, &c);
    Source u;
    if (!c.err && c.fd >= 0 && !src_map_fd(&u, c.fd, src->path))
        c.err = errno;
    else if (!c.err && c.fd < 0)
        src_adopt(&u, src->path, &c.mem);
    if (c.fd >= 0)
        close(c.fd);
    if (c.err) {
        buf_free(&c.mem);
        copy_failed(src, c.err);
        *io = true;
        return false;
    }
    src_free(src);
    *src = u;
    if (d.bad != SIZE_MAX) {
        undecodable(src, &t, d.bad_out);
        return false;
    }
    return true;
}
