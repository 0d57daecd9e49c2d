/*
 * csv.c — reading CSV (RFC 4180) with positions.
 *
 * Year-end actuals are gathered in spreadsheets and exported as CSV: quoted
 * fields ("215,457.60"), "" for a quote inside one, line breaks inside
 * quotes, CRLF or LF record ends.  Tab-separated text (a table copied out
 * of Excel) is read the same way when the first line has tabs and no
 * commas.  Every field keeps the line and column where it starts, so a bad
 * value is reported at its cell.  A quote inside an unquoted field is taken
 * literally, as spreadsheets do; a quoted field must end with a quote
 * followed by a separator or a line end.
 */
#include "pgc.h"

#include <string.h>

void csv_init(CsvReader *r, const Source *src)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->line = r->col = 1;
    r->sep = ',';
    const char *t = src->text;
    size_t eol = 0;
    while (eol < src->len && t[eol] != '\n')
        eol++;
    if (memchr(t, '\t', eol) && !memchr(t, ',', eol))
        r->sep = '\t';
}

void csv_seek(CsvReader *r, size_t pos, uint32_t line, uint32_t col)
{
    r->pos = pos;
    r->line = line;
    r->col = col;
}

void csv_free(CsvReader *r)
{
    buf_free(&r->buf);
}

/* Copies n bytes of a field into the record's buffer, NUL-ended; returns
 * its offset there (the buffer may move until the record is complete). */
static size_t keep(CsvReader *r, const char *s, size_t n)
{
    size_t at = r->buf.n;
    buf_add(&r->buf, s, n);
    buf_add(&r->buf, "", 1);
    return at;
}

/* Moves over one byte, keeping line and column (in code points). */
static void step(CsvReader *r)
{
    size_t i = r->pos++;
    unsigned char c = (unsigned char)r->src->text[i];
    if (c == '\n') {
        r->line++;
        r->col = 1;
    } else if ((c & 0xC0) != 0x80 || utf8_stray(r->src->text, r->src->len, i)) {
        r->col++;
    }
}

/* Moves up to byte end (not past a separator or a line end when stop). */
static void step_to(CsvReader *r, size_t end, bool stop)
{
    const char *t = r->src->text;
    while (r->pos < end) {
        char c = t[r->pos];
        if (stop && (c == r->sep || c == '\n'))
            break;
        if (utf8_plain3(t + r->pos, end - r->pos)) {
            r->pos += 3;            /* one column, no stray byte in it */
            r->col++;
        } else {
            step(r);
        }
    }
}

static Loc here(const CsvReader *r)
{
    return (Loc){ r->line, r->col, (uint32_t)r->pos, (uint32_t)r->pos + 1 };
}

/* Reads one field; returns false after reporting a malformed one.  Its
 * text is left in the buffer at offset *at (set into f by csv_next). */
static bool read_field(CsvReader *r, CsvField *f, size_t *at)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    f->loc = here(r);
    if (r->pos < len && t[r->pos] == '"') {
        Loc open = here(r);
        step(r);
        /* find the closing quote first, then copy once, undoing "" */
        size_t start = r->pos, n = 0;
        for (size_t i = start;; i++) {
            if (i >= len) {
                /* the rest of the file is not one field: report it and go
                 * on at the next line */
                if (!r->quiet) {
                    diag_emit(E0505, open, "a quoted CSV field is not closed");
                    diag_hint("a quote inside a field is written twice: \"\"");
                }
                return false;
            }
            if (t[i] == '"') {
                if (i + 1 < len && t[i + 1] == '"') {
                    i++;
                } else {
                    n = i - start;
                    break;
                }
            }
        }
        *at = keep(r, t + start, n);
        char *out = r->buf.s + *at, *o = out;
        for (size_t i = 0; i < n; i++) {
            *o++ = out[i];
            if (out[i] == '"')
                i++;
        }
        *o = 0;
        step_to(r, start + n + 1, false);
        if (r->pos < len && t[r->pos] != r->sep && t[r->pos] != '\n' &&
            !(t[r->pos] == '\r' && r->pos + 1 < len && t[r->pos + 1] == '\n')) {
            if (!r->quiet) {
                diag_emit(E0505, here(r), "text after the closing quote of a CSV field");
                diag_hint("a quote inside a quoted field is written twice: \"\"");
            }
            return false;
        }
        f->len = (size_t)(o - out);
        f->loc.end = (uint32_t)r->pos;
        return true;
    }
    size_t start = r->pos;
    step_to(r, len, true);
    size_t end = r->pos;
    if (end > start && t[end - 1] == '\r')
        end--;
    *at = keep(r, t + start, end - start);
    f->len = end - start;
    f->loc.end = (uint32_t)end;
    return true;
}

int csv_next(CsvReader *r, CsvField *fields, int max)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    /* skip blank lines */
    while (r->pos < len && (t[r->pos] == '\n' || (t[r->pos] == '\r' && r->pos + 1 < len && t[r->pos + 1] == '\n')))
        step(r);
    if (r->pos >= len)
        return 0;
    int n = 0;
    enum { MAXAT = 64 };
    size_t at[MAXAT];
    r->buf.n = 0;
    for (;;) {
        CsvField f;
        size_t a;
        if (!read_field(r, &f, &a)) {
            /* skip to the end of the line and go on with the next record */
            while (r->pos < len && t[r->pos] != '\n')
                step(r);
            return -1;
        }
        if (n < max && n < MAXAT) {
            fields[n] = f;
            at[n] = a;
        }
        n++;
        if (r->pos < len && t[r->pos] == r->sep) {
            step(r);
            continue;
        }
        if (r->pos < len && t[r->pos] == '\r')
            step(r);
        if (r->pos < len && t[r->pos] == '\n')
            step(r);
        break;
    }
    if (n > max || n > MAXAT) {
        if (!r->quiet)
            diag_emit(E0505, fields[0].loc, "a CSV record with %d fields; at most %d are read", n,
                      max < MAXAT ? max : MAXAT);
        return -1;
    }
    for (int i = 0; i < n; i++)
        fields[i].text = r->buf.s + at[i];
    return n;
}
