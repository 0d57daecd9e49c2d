/*
 * diag.c — every error and warning pgc reports goes through here.
 *
 * A file's diagnostics are collected while it is parsed and checked, then
 * sorted into source order (the checker finds some problems out of order)
 * and printed by diag_flush, before the file's arena is dropped.  Three
 * formats:
 *
 *   human  file:line:col: error: message [E0401], the source line, a caret
 *          line placed by display width (CJK = 2 columns, tabs to 8), and
 *          a hint where there is one.  On stderr.
 *   gnu    the first line only (plus hints and notes as `note:` lines), for
 *          editors' error parsers.  On stderr.
 *   json   one document on stdout, written as files are flushed and closed
 *          by diag_finish.
 *
 * Or none: with a sink (diag_set_sink) each diagnostic is handed over as
 * data, in the same order, and the language server (src/lsp/) says it.
 *
 * Columns count code points (1-based), as editors do.  Each file stops
 * collecting errors after --max-errors; a line says how many were left out.
 * A warning of one code is shown --max-warnings times in a run (20 by
 * default; JSON keeps every one), and diag_finish says how many of each
 * code were left out — a portfolio of 100,000 projects does not print
 * 50,000 times that a 偏差原因 is missing.  pgc check -j's workers print
 * everything with a mark before each message (.records), and the parent
 * applies the cap while it copies their parts in order (diag_replay), so
 * the output is that of one process.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>

enum { NCODES = 0
#define DIAG(id, sev, slug, text) + 1
#include "diagcodes.def"
#undef DIAG
};

/* The mark before each message of a worker's stderr: the code's index,
 * or -1 for what is always shown. */
#define RECORD_MARK "\x1epgc:"

typedef struct Diag {
    const Source *src;          /* the file it is in */
    int src_order;              /* files sort in the order first seen */
    DiagCode code;
    Severity sev;
    Loc loc;
    const char *msg;
    const char *hint;           /* or NULL */
    const char *note;           /* or NULL */
    Loc note_loc;
    const char *fix;            /* diag_fix: the text for loc, or NULL */
    unsigned seq;               /* emission order: keeps sorting stable */
} Diag;

static const struct {
    const char *id;
    Severity sev;
    const char *slug;
} codes[] = {
#define DIAG(id, sev, slug, text) { #id, sev, slug },
#include "diagcodes.def"
#undef DIAG
};

static struct {
    DiagOptions opt;
    const Source *src;
    Arena *arena;
    Diag *v;                    /* this file's diagnostics (malloc'd, reused) */
    size_t n, cap;
    int file_errors;
    bool last_kept;             /* the last diag_emit was recorded */
    const Source *seen[8];      /* files with diagnostics in this flush */
    int nseen;
    int total_errors, total_warnings;
    long warnings[NCODES];      /* warnings printed or left out, by code */
    bool json_open, json_first;
    DiagSink sink;              /* diag_set_sink: diagnostics as data */
    void *sink_ctx;
} D;

static int source_order(const Source *src);

void diag_setup(const DiagOptions *opt)
{
    D.opt = *opt;
    /* stderr is unbuffered: a diagnostic would be a hundred write calls */
    static char errbuf[1 << 16];
    setvbuf(stderr, errbuf, _IOFBF, sizeof errbuf);
}

void diag_set_records(bool on)
{
    D.opt.records = on;
}

void diag_set_sink(DiagSink sink, void *ctx)
{
    D.sink = sink;
    D.sink_ctx = ctx;
}

void diag_begin_file(const Source *src, Arena *arena)
{
    D.src = src;
    D.arena = arena;
    D.nseen = 0;
    source_order(src);
    D.n = 0;
    D.file_errors = 0;
}

const char *diag_code_name(DiagCode code)
{
    return codes[code].id;
}

/* Shortens every quoted run “…” longer than QUOTE_MAX code points, so a
 * name of two million characters does not make a two-megabyte message. */
enum { QUOTE_MAX = 40 };

static char *shorten_quotes(char *msg)
{
    static const char open[] = "“", close[] = "”";
    size_t n = strlen(msg);
    char *out = arena_alloc(D.arena, n + 4), *o = out;
    for (size_t i = 0; i < n;) {
        if (strncmp(msg + i, open, 3) != 0) {
            *o++ = msg[i++];
            continue;
        }
        memcpy(o, open, 3);
        o += 3;
        i += 3;
        for (int k = 0; i < n && strncmp(msg + i, close, 3) != 0; k++) {
            uint32_t cp;
            int l = utf8_decode(msg + i, n - i, &cp);
            l = l ? l : 1;
            if (k < QUOTE_MAX) {
                memcpy(o, msg + i, (size_t)l);
                o += l;
            } else if (k == QUOTE_MAX) {
                memcpy(o, "…", 3);      /* “…” is shorter than the 41+ it replaces */
                o += 3;
            }
            i += (size_t)l;
        }
    }
    *o = 0;
    return out;
}

static Severity effective(Severity s)
{
    return s == SEV_WARNING && D.opt.werror ? SEV_ERROR : s;
}

bool diag_too_many(void)
{
    return D.opt.max_errors > 0 && D.file_errors >= D.opt.max_errors;
}

int diag_file_errors(void) { return D.file_errors; }
int diag_total_errors(void) { return D.total_errors; }
int diag_total_warnings(void) { return D.total_warnings; }

void diag_reset_totals(void)
{
    D.total_errors = D.total_warnings = 0;
}

static int source_order(const Source *src)
{
    for (int i = 0; i < D.nseen; i++)
        if (D.seen[i] == src)
            return i;
    if (D.nseen < 8)
        D.seen[D.nseen++] = src;
    return D.nseen - 1;
}

static void emit(const Source *src, DiagCode code, Loc loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void emit(const Source *src, DiagCode code, Loc loc, const char *fmt, va_list ap)
{
    if (D.opt.mute_audit && (code == W0503 || code == W0505))
        return;
    Severity sev = effective(codes[code].sev);
    if (sev == SEV_ERROR) {
        if (diag_too_many()) {
            D.total_errors++;
            D.last_kept = false;
            return;
        }
        D.file_errors++;
        D.total_errors++;
    } else if (sev == SEV_WARNING) {
        D.total_warnings++;
    }
    if (D.n == D.cap) {
        D.cap = D.cap ? D.cap * 2 : 32;
        D.v = xrealloc(D.v, D.cap * sizeof *D.v);
    }
    D.v[D.n] = (Diag){ .src = src, .src_order = source_order(src), .code = code, .sev = sev,
                       .loc = loc, .msg = shorten_quotes(arena_vprintf(D.arena, _(fmt), ap)),
                       .seq = (unsigned)D.n };
    D.n++;
    D.last_kept = true;
}

void diag_emit(DiagCode code, Loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(D.src, code, loc, fmt, ap);
    va_end(ap);
}

void diag_emit_in(const Source *src, DiagCode code, Loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(src, code, loc, fmt, ap);
    va_end(ap);
}

/* The last diagnostic, unless it was dropped by the cap. */
static Diag *last(void)
{
    return D.n > 0 && D.last_kept ? &D.v[D.n - 1] : NULL;
}

void diag_hint(const char *fmt, ...)
{
    Diag *d = last();
    if (!d)
        return;
    va_list ap;
    va_start(ap, fmt);
    d->hint = arena_vprintf(D.arena, _(fmt), ap);
    va_end(ap);
}

void diag_note(Loc loc, const char *fmt, ...)
{
    Diag *d = last();
    if (!d)
        return;
    va_list ap;
    va_start(ap, fmt);
    d->note = arena_vprintf(D.arena, _(fmt), ap);
    va_end(ap);
    d->note_loc = loc;
}

void diag_fix(const char *text)
{
    Diag *d = last();
    if (d)
        d->fix = arena_strndup(D.arena, text, strlen(text));
}

static int by_position(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->src_order != y->src_order)
        return x->src_order < y->src_order ? -1 : 1;
    if (x->loc.off != y->loc.off)
        return x->loc.off < y->loc.off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The severity as JSON names it: stable English. */
static const char *sev_name(Severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* The severity before a message, in the user's language ("error: ",
 * as GCC's catalogs put it: "错误："). */
static const char *sev_label(Severity s)
{
    return s == SEV_ERROR ? _("error: ") : s == SEV_WARNING ? _("warning: ") : _("note: ");
}

/* ---- the source snippet ---------------------------------------------------- */

enum { WINDOW = 150, LEAD = 40 };

/* Writes one code point of a source line for display; returns its width. */
static int put_cp(FILE *out, const char *s, size_t n, int col, int *len)
{
    uint32_t cp;
    int l = utf8_decode(s, n, &cp);
    *len = l ? l : 1;
    if (l == 1 && cp == '\t') {
        int w = 8 - col % 8;
        if (out)
            fprintf(out, "%*s", w, "");
        return w;
    }
    if (l == 0 || cp < 0x20 || cp == 0x7F) {
        if (out)
            fputs("\xEF\xBF\xBD", out);      /* U+FFFD */
        return 1;
    }
    if (out)
        fwrite(s, 1, (size_t)l, out);
    return utf8_cp_width(cp);
}

/* The caches of find_line and line_col.  They hold positions in one
 * flush's sources and are dropped at its end: the next file's Source may
 * sit at the same address (a caller's local) with other text. */
static const Source *c_src;
static size_t c_ls, c_le;
static const Source *lc_src;
static size_t lc_off;
static unsigned lc_line, lc_col;

/* The line around byte off: [*ls, *le).  Diagnostics are printed in
 * source order, so the search goes on from the previous line instead of
 * rescanning a long line for each of many errors on it. */
static void find_line(const Source *src, size_t off, size_t *ls, size_t *le)
{
    const char *t = src->text;
    size_t len = src->len, s, e;
    if (src == c_src && off >= c_ls && off <= c_le) {
        *ls = c_ls;
        *le = c_le;
        return;
    }
    s = src == c_src && off > c_le ? c_le : off;
    if (s != off) {
        /* forward from the end of the cached line to the start of off's */
        for (size_t i = s; i < off; i++)
            if (t[i] == '\n')
                s = i + 1;
        if (t[s - 1] != '\n')
            s = off;
    }
    while (s > 0 && t[s - 1] != '\n')
        s--;
    e = off;
    while (e < len && t[e] != '\n')
        e++;
    c_src = src;
    c_ls = *ls = s;
    c_le = *le = e;
}

/* On a very long line only a stretch of bytes around the span is measured
 * and shown, so each diagnostic costs the same however long the line. */
enum { LONG_LINE = 4096, BEFORE = 256, AFTER = 1024 };

/* The line of a cell's text that off is in: the cell bounds it (a tab or a
 * line break beside it belongs to no cell). */
static void cell_line(const Source *src, size_t off, size_t *ls, size_t *le)
{
    const SrcCell *c = src_cell_at(src->cells, (uint32_t)off);
    size_t s = c ? c->off : 0, e = c ? c->end : 0;
    if (off < s || off > e)
        off = s;
    *ls = off;
    while (*ls > s && src->text[*ls - 1] != '\n')
        (*ls)--;
    *le = off;
    while (*le < e && src->text[*le] != '\n')
        (*le)++;
}

/* Where a diagnostic is: "path:line:col", "path:sheet!E15" for a cell of
 * a workbook or document, "path" for the whole file (line 0). */
static void put_where(FILE *out, const Source *src, Loc loc)
{
    if (loc.line == 0) {
        fputs(src->path, out);
    } else if (src->cells) {
        char name[256] = "?";
        const SrcCell *c = src_cell_at(src->cells, loc.off);
        if (c)
            src_cell_name(src->cells, c, name, sizeof name);
        fprintf(out, "%s:%s", src->path, name);
    } else {
        fprintf(out, "%s:%u:%u", src->path, (unsigned)loc.line, (unsigned)loc.col);
    }
}

static void print_snippet(FILE *out, const Source *src, Loc loc)
{
    const char *t = src->text;
    size_t len = src->len;
    size_t off = loc.off > len ? len : loc.off;
    size_t ls, le;
    if (loc.line == 0)
        return;             /* the whole file: no line to show */
    if (src->cells)
        cell_line(src, off, &ls, &le);
    else
        find_line(src, off, &ls, &le);
    if (le > ls && t[le - 1] == '\r')
        le--;
    size_t end = loc.end > le ? le : loc.end;
    if (end < off)
        end = off;
    if (off > le)
        off = le;
    bool cut_left = false, cut_right = false;
    if (le - ls > LONG_LINE) {
        if (off - ls > BEFORE) {
            ls = off - BEFORE;
            while (ls < off && ((unsigned char)t[ls] & 0xC0) == 0x80)
                ls++;
            cut_left = true;
        }
        if (le - off > AFTER) {
            le = off + AFTER;
            while (le > off && ((unsigned char)t[le] & 0xC0) == 0x80)
                le--;
            cut_right = true;
            if (end > le)
                end = le;
        }
    }

    /* display columns of the span, and the width of what we look at */
    int col = 0, scol = -1, ecol = -1;
    for (size_t i = ls; i < le;) {
        if (i == off) scol = col;
        if (i == end) ecol = col;
        int l;
        col += put_cp(NULL, t + i, le - i, col, &l);
        i += (size_t)l;
    }
    if (scol < 0) scol = col;
    if (ecol < 0) ecol = col;
    int width = col;
    int from = 0, to = width;
    if (width > WINDOW) {
        from = scol > LEAD ? scol - LEAD : 0;
        to = from + WINDOW;
    }
    bool dots_left = from > 0 || cut_left, dots_right = to < width || cut_right;
    /* a cell's name where a line number would stand */
    char label[64];
    snprintf(label, sizeof label, "%u", (unsigned)loc.line);
    if (src->cells) {
        const SrcCell *c = src_cell_at(src->cells, loc.off);
        SrcCells bare = *src->cells;
        bare.sheet = "";
        if (c)
            src_cell_name(&bare, c, label, sizeof label);
    }
    const char *bang = strrchr(label, '!');     /* the cell, not its sheet or table */
    const char *name = bang ? bang + 1 : label;
    int nw = (int)utf8_width(name, strlen(name));
    int gutter = nw > 5 ? nw : 5;
    fprintf(out, "%*s%s | %s", gutter - nw, "", name, dots_left ? "..." : "");
    col = 0;
    for (size_t i = ls; i < le;) {
        int l;
        int w = put_cp(NULL, t + i, le - i, col, &l);
        if (col >= from && col + w <= to)
            put_cp(out, t + i, le - i, col, &l);
        col += w;
        i += (size_t)l;
        if (col >= to)
            break;
    }
    fprintf(out, "%s\n", dots_right ? "..." : "");
    int pad = scol - from + (dots_left ? 3 : 0);
    int cw = ecol - scol;
    if (cw < 1) cw = 1;
    if (ecol > to) cw = to - scol > 1 ? to - scol : 1;
    fprintf(out, "%*s | %*s^", gutter, "", pad, "");
    for (int i = 1; i < cw; i++)
        fputc('~', out);
    fputc('\n', out);
}

/* ---- JSON ----------------------------------------------------------------- */

/* A JSON string on out (escape.c's rules). */
static void json_str(FILE *out, const char *s)
{
    static Buf b;
    b.n = 0;
    esc_json(&b, s);
    fwrite(b.s, 1, b.n, out);
}

/* Line and column of a byte offset (for end positions), going on from the
 * previous answer: diagnostics come in source order. */
static void line_col(const Source *src, size_t off, unsigned *line, unsigned *col)
{
    const char *t = src->text;
    if (off > src->len)
        off = src->len;
    if (src != lc_src || off < lc_off) {
        lc_src = src;
        lc_off = 0;
        lc_line = lc_col = 1;
    }
    for (size_t i = lc_off; i < off; i++) {
        if (t[i] == '\n') {
            lc_line++;
            lc_col = 1;
        } else if (((unsigned char)t[i] & 0xC0) != 0x80 || utf8_stray(t, src->len, i)) {
            lc_col++;
        }
    }
    lc_off = off;
    *line = lc_line;
    *col = lc_col;
}

static void json_begin(void)
{
    if (!D.json_open) {
        fputs("{\"version\":1,\"diagnostics\":[", stdout);
        D.json_open = true;
        D.json_first = true;
    }
}

static void json_loc(const Source *src, Loc loc, bool with_end)
{
    fputs("\"file\":", stdout);
    json_str(stdout, src->path);
    if (src->cells) {
        char name[256] = "";
        const SrcCell *c = src_cell_at(src->cells, loc.off);
        if (c)
            src_cell_name(src->cells, c, name, sizeof name);
        fputs(",\"cell\":", stdout);
        json_str(stdout, name);
    }
    printf(",\"line\":%u,\"column\":%u,\"offset\":%u", (unsigned)loc.line, (unsigned)loc.col,
           (unsigned)loc.off);
    if (with_end) {
        unsigned el, ec;
        line_col(src, loc.end, &el, &ec);
        printf(",\"end_line\":%u,\"end_column\":%u,\"end_offset\":%u", el, ec, (unsigned)loc.end);
    }
}

static void json_diag(const Diag *d)
{
    json_begin();
    fputs(D.json_first ? "\n{" : ",\n{", stdout);
    D.json_first = false;
    json_loc(d->src, d->loc, true);
    printf(",\"severity\":\"%s\",\"code\":\"%s\",\"name\":\"%s\",\"message\":",
           sev_name(d->sev), codes[d->code].id, codes[d->code].slug);
    json_str(stdout, d->msg);
    if (d->hint) {
        fputs(",\"hint\":", stdout);
        json_str(stdout, d->hint);
    }
    if (d->note) {
        fputs(",\"notes\":[{", stdout);
        json_loc(d->src, d->note_loc, true);
        fputs(",\"message\":", stdout);
        json_str(stdout, d->note);
        fputs("}]", stdout);
    }
    fputc('}', stdout);
}

/* ---- printing ------------------------------------------------------------- */

static void print_one(FILE *out, const Diag *d)
{
    const char *note = sev_label(SEV_NOTE);
    put_where(out, d->src, d->loc);
    fprintf(out, ": %s%s [%s]\n", sev_label(d->sev), d->msg, codes[d->code].id);
    if (D.opt.format == FMT_HUMAN) {
        print_snippet(out, d->src, d->loc);
        if (d->hint)
            fprintf(out, "      = %s%s\n", _("hint: "), d->hint);
        if (d->note) {
            put_where(out, d->src, d->note_loc);
            fprintf(out, ": %s%s\n", note, d->note);
            print_snippet(out, d->src, d->note_loc);
        }
    } else {
        if (d->hint) {
            put_where(out, d->src, d->loc);
            fprintf(out, ": %s%s\n", note, d->hint);
        }
        if (d->note) {
            put_where(out, d->src, d->note_loc);
            fprintf(out, ": %s%s\n", note, d->note);
        }
    }
}

/* Whether a message of this code and severity is shown: every error and
 * note, and the first --max-warnings warnings of each code. */
static bool shown(int code, Severity sev)
{
    if (sev != SEV_WARNING || code < 0 || code >= NCODES)
        return true;
    D.warnings[code]++;
    return D.opt.max_warnings <= 0 || D.warnings[code] <= D.opt.max_warnings;
}

/* Before a message on stderr: the progress line goes, and a worker marks it. */
static void begin_message(int code)
{
    progress_clear();
    if (D.opt.records)
        fprintf(stderr, RECORD_MARK "%d\n", code);
}

void diag_discard(void)
{
    for (size_t i = 0; i < D.n; i++) {
        if (D.v[i].sev == SEV_ERROR)
            D.total_errors--;
        else if (D.v[i].sev == SEV_WARNING)
            D.total_warnings--;
    }
    D.n = 0;
    D.nseen = 0;
    D.file_errors = 0;
}

/* diag_flush with a sink: each diagnostic handed over, nothing printed. */
static void flush_to_sink(void)
{
    for (size_t i = 0; i < D.n; i++) {
        const Diag *d = &D.v[i];
        DiagRecord r = { .src = d->src, .code = d->code, .sev = d->sev, .loc = d->loc,
                         .msg = d->msg, .hint = d->hint, .note = d->note, .note_loc = d->note_loc,
                         .fix = d->fix };
        D.sink(D.sink_ctx, &r);
    }
    D.n = 0;
    D.nseen = 0;
}

void diag_flush(void)
{
    if (D.n)
        qsort(D.v, D.n, sizeof *D.v, by_position);
    if (D.sink) {
        flush_to_sink();
        return;
    }
    for (size_t i = 0; i < D.n; i++) {
        const Diag *d = &D.v[i];
        if (D.opt.format == FMT_JSON) {
            json_diag(d);
        } else if (D.opt.records || shown((int)d->code, d->sev)) {
            /* (a worker shows all: diag_replay applies the cap) */
            begin_message((int)d->code);
            print_one(stderr, d);
        }
    }
    if (diag_too_many() && D.opt.format != FMT_JSON) {
        begin_message(-1);
        fprintf(stderr, "%s: %s", D.src->path, sev_label(SEV_NOTE));
        fprintf(stderr, _("too many errors; stopped after %d (see --max-errors)\n"), D.file_errors);
    }
    D.n = 0;
    D.nseen = 0;
    c_src = lc_src = NULL;
    fflush(stderr);
}

void diag_plain(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    D.total_errors++;
    if (D.opt.format == FMT_JSON) {
        char buf[1024];
        vsnprintf(buf, sizeof buf, _(fmt), ap);
        json_begin();
        fputs(D.json_first ? "\n{" : ",\n{", stdout);
        D.json_first = false;
        fputs("\"file\":", stdout);
        json_str(stdout, path);
        fputs(",\"severity\":\"error\",\"code\":\"io\",\"message\":", stdout);
        json_str(stdout, buf);
        fputc('}', stdout);
    } else {
        begin_message(-1);
        fprintf(stderr, "%s: %s: ", cli_prog(), path);
        vfprintf(stderr, _(fmt), ap);
        fputc('\n', stderr);
    }
    va_end(ap);
}

void diag_replay(FILE *from, FILE *out)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool copy = true;
    size_t mark = strlen(RECORD_MARK);
    if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return;
    while ((n = getline(&line, &cap, from)) > 0) {
        if ((size_t)n > mark && memcmp(line, RECORD_MARK, mark) == 0) {
            int code = atoi(line + mark);
            copy = shown(code, code >= 0 && code < NCODES ? effective(codes[code].sev) : SEV_ERROR);
            continue;
        }
        if (copy)
            fwrite(line, 1, (size_t)n, out);
    }
    free(line);
}

/* "49,980" */
static const char *grouped(long n, char *buf)
{
    return dec_format(dec_from_int(n), true, buf);
}

/* One note for each code whose warnings were not all shown. */
static void report_cap(void)
{
    if (D.opt.format == FMT_JSON || D.opt.quiet || D.opt.max_warnings <= 0)
        return;
    for (int c = 0; c < NCODES; c++) {
        long n = D.warnings[c], left = n - D.opt.max_warnings;
        if (left <= 0)
            continue;
        char a[DEC_BUF], b[DEC_BUF];
        begin_message(-1);
        fprintf(stderr, "%s: %s", cli_prog(), sev_label(SEV_NOTE));
        /* TRANSLATORS: how many warnings of a code were not shown, the
         * code, how many there were in all */
        fprintf(stderr, ngettext("%s more %s warning was not shown (%s in all); --max-warnings=0 shows them all\n",
                                 "%s more %s warnings were not shown (%s in all); --max-warnings=0 shows them all\n",
                                 (unsigned long)left),
                grouped(left, a), codes[c].id, grouped(n, b));
    }
}

void diag_finish(void)
{
    if (D.opt.format == FMT_JSON) {
        json_begin();
        printf("\n],\"errors\":%d,\"warnings\":%d}\n", D.total_errors, D.total_warnings);
    }
    report_cap();
    memset(D.warnings, 0, sizeof D.warnings);
    free(D.v);
    D.v = NULL;
    D.cap = D.n = 0;
}
