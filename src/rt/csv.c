/*
 * csv.c — reading CSV (RFC 4180) with positions: the actuals, and the
 * tables pasted into pgc import.
 *
 * Year-end actuals are gathered in spreadsheets and exported as CSV: quoted
 * fields ("215,457.60"), "" for a quote inside one, line breaks inside
 * quotes, CRLF or LF record ends.  Tab-separated text (a table copied out
 * of Excel) is read the same way when the first line has tabs and no
 * commas.  Every field keeps the line and column where it starts, so a bad
 * value is reported at its cell.  A quote inside an unquoted field is taken
 * literally, as spreadsheets do; a quoted field must end with a quote
 * followed by a separator or a line end.
 *
 * The forms pgc import reads are the same format as Word, WPS and Excel
 * copy a table out (CSV_PASTED): tab-separated when the text has a tab
 * anywhere, else comma-separated, and Excel quotes a cell with a line
 * break or a quote in it as RFC 4180 says.  But a pasted text is not
 * always a spreadsheet's: a cell may begin with a quote that opens no
 * quoted field (“"优"为主” typed by a person).  So in that mode a quote
 * opens a quoted field only when the field closes — its quote followed by
 * a separator or a line end, within QUOTE_LINES lines — and is otherwise
 * a character of an unquoted field; nothing is ever malformed, nothing
 * reported.
 *
 * csv_field reads one field at a time (the importer keeps the non-empty
 * ones, however many a row has); csv_next reads a whole record into the
 * caller's array (the actuals: at most a header's columns).
 */
#include "rt.h"

#include <string.h>

/* CSV_PASTED: a quoted field may span at most this many lines, so a quote
 * that opens none is not followed to the end of a large file. */
enum { QUOTE_LINES = 200 };

void csv_init_mode(CsvReader *r, const Source *src, CsvMode mode)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->mode = mode;
    r->line = r->col = 1;
    const char *t = src->text;
    if (mode == CSV_PASTED) {
        r->sep = memchr(t, '\t', src->len) || !memchr(t, ',', src->len) ? '\t' : ',';
        return;
    }
    r->sep = ',';
    size_t eol = 0;
    while (eol < src->len && t[eol] != '\n')
        eol++;
    if (memchr(t, '\t', eol) && !memchr(t, ',', eol))
        r->sep = '\t';
}

void csv_init(CsvReader *r, const Source *src)
{
    csv_init_mode(r, src, CSV_RFC4180);
}

void csv_seek(CsvReader *r, size_t pos, uint32_t line, uint32_t col)
{
    r->pos = pos;
    r->line = line;
    r->col = col;
    r->in_record = false;
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

/* The length of the text inside a quoted field whose opening quote is at
 * byte i: the bytes up to its closing quote, "" counting two.  CSV_RFC4180:
 * the closing quote is the first one not doubled, and *closed is false
 * when there is none.  CSV_PASTED: that quote must be followed by a
 * separator or a line end, within QUOTE_LINES lines; *closed is false
 * when it is not (the field is then not a quoted one). */
static size_t quoted_len(const CsvReader *r, size_t i, bool *closed)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    bool pasted = r->mode == CSV_PASTED;
    int lines = 0;
    *closed = false;
    for (size_t j = i + 1; j < len; j++) {
        if (pasted && t[j] == '\n' && ++lines > QUOTE_LINES)
            return 0;
        if (t[j] != '"')
            continue;
        if (j + 1 < len && t[j + 1] == '"') {
            j++;
            continue;
        }
        size_t k = j + 1;
        if (pasted && k < len && t[k] == '\r')
            k++;
        *closed = !pasted || k >= len || t[j + 1] == r->sep || t[k] == '\n';
        return j - i - 1;
    }
    return 0;
}

/* Whether what follows a closing quote may: a separator, a line end or
 * the end of the text. */
static bool field_ends(const CsvReader *r)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    return r->pos >= len || t[r->pos] == r->sep || t[r->pos] == '\n' ||
           (t[r->pos] == '\r' && r->pos + 1 < len && t[r->pos + 1] == '\n');
}

/* Reads a quoted field (its opening quote at the reader's position) of n
 * bytes inside its quotes; false after reporting one that ends wrong. */
static bool read_quoted(CsvReader *r, CsvField *f, size_t n, size_t *at)
{
    size_t start = r->pos + 1;
    step(r);
    *at = keep(r, r->src->text + start, n);
    char *out = r->buf.s + *at, *o = out;
    for (size_t i = 0; i < n; i++) {
        *o++ = out[i];
        if (out[i] == '"')
            i++;
    }
    *o = 0;
    step_to(r, start + n + 1, false);
    if (r->mode == CSV_RFC4180 && !field_ends(r)) {
        if (!r->quiet) {
            diag_emit(E0505, here(r), "text after the closing quote of a CSV field");
            diag_hint("a quote inside a quoted field is written twice: \"\"");
        }
        return false;
    }
    f->len = (size_t)(o - out);
    f->loc.end = (uint32_t)r->pos;
    f->quoted = true;
    return true;
}

/* Reads one field; returns false after reporting a malformed one.  Its
 * text is left in the buffer at offset *at.  (Inlined into both of its
 * callers: csv_next is the loop every row of the actuals goes through,
 * twice, and a call per field there costs a few percent of it.) */
static inline __attribute__((always_inline)) bool read_field(CsvReader *r, CsvField *f,
                                                             size_t *at)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    f->loc = here(r);
    if (r->pos < len && t[r->pos] == '"') {
        bool closed;
        size_t n = quoted_len(r, r->pos, &closed);
        if (closed)
            return read_quoted(r, f, n, at);
        if (r->mode == CSV_RFC4180) {
            /* the rest of the file is not one field: report it and go
             * on at the next line */
            if (!r->quiet) {
                diag_emit(E0505, f->loc, "a quoted CSV field is not closed");
                diag_hint("a quote inside a field is written twice: \"\"");
            }
            return false;
        }
    }
    size_t start = r->pos;
    step_to(r, len, true);
    size_t end = r->pos;
    if (end > start && t[end - 1] == '\r')
        end--;
    *at = keep(r, t + start, end - start);
    f->len = end - start;
    f->loc.end = (uint32_t)end;
    f->quoted = false;
    return true;
}

/* Where a record starts: skips blank lines; false at the end of the text. */
static inline bool begin_record(CsvReader *r)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    while (r->pos < len &&
           (t[r->pos] == '\n' || (t[r->pos] == '\r' && r->pos + 1 < len && t[r->pos + 1] == '\n')))
        step(r);
    r->buf.n = 0;
    return r->pos < len;
}

/* After a field: moves over its separator (true: another field of the
 * record follows) or over the line end of its record (false). */
static inline bool next_in_record(CsvReader *r)
{
    const char *t = r->src->text;
    size_t len = r->src->len;
    if (r->pos < len && t[r->pos] == r->sep) {
        step(r);
        return true;
    }
    if (r->pos < len && t[r->pos] == '\r')
        step(r);
    if (r->pos < len && t[r->pos] == '\n')
        step(r);
    return false;
}

/* After a malformed field: goes on at the end of its line (the next
 * record). */
static void skip_line(CsvReader *r)
{
    while (r->pos < r->src->len && r->src->text[r->pos] != '\n')
        step(r);
}

CsvRead csv_field(CsvReader *r, CsvField *f)
{
    size_t at;
    if (!r->in_record && !begin_record(r))
        return CSV_DONE;
    if (!read_field(r, f, &at)) {
        skip_line(r);
        r->in_record = false;
        return CSV_ERROR;
    }
    f->text = r->buf.s + at;
    r->in_record = next_in_record(r);
    return r->in_record ? CSV_MORE : CSV_LAST;
}

int csv_next(CsvReader *r, CsvField *fields, int max)
{
    if (!begin_record(r))
        return 0;
    int n = 0;
    enum { MAXAT = 64 };
    size_t at[MAXAT];
    for (bool more = true; more; n++) {
        CsvField f;
        size_t a;
        if (!read_field(r, &f, &a)) {
            skip_line(r);
            return -1;
        }
        if (n < max && n < MAXAT) {
            fields[n] = f;
            at[n] = a;
        }
        more = next_in_record(r);
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
