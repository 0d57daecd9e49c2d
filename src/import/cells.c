/*
 * cells.c — pgc import's first step: the pasted text into rows of cells.
 *
 * What reaches pgc import is a form's table as Word, WPS or Excel copy it
 * out: one table row a line, cells separated by tabs, or the same table
 * saved as CSV — in UTF-8, or in GB18030 or UTF-16 when a Chinese Windows
 * saved it.  text.c decides the encoding (and converts); csv.c reads the
 * fields, in its CSV_PASTED mode, which takes a quote that opens no
 * proper quoted field as a character.  What is left here is what makes a
 * field a Cell: its blanks trimmed (NBSP, the ideographic space and a BOM
 * count as blanks: they come with pasted text), its place in the row kept,
 * and empty cells dropped — a cell is known by what it says, not by its
 * column.
 *
 * The helpers after it serve every step: the text of a cell tidied or
 * folded for comparison, .pg spelling (strings, names), and the comment
 * lines (# 待核实：…, # 申报表原文：…) a value carries into the .pg file.
 */
#include "import.h"

#include <ctype.h>
#include <stdlib.h>

/* ---- text helpers ------------------------------------------------------- */

/* Blanks inside cells: ASCII ones, NBSP, the ideographic space, a BOM. */
static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF;
}

/* CJK, full-width forms, Chinese punctuation: no space is wanted next to them. */
static bool is_wide(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2010 && cp <= 0x206F);
}

/* Trims the blanks around n bytes at s; moves *loc with the start. */
static const char *trim(const char *s, size_t *n, Loc *loc)
{
    for (;;) {
        int l;
        if (*n == 0 || !is_blank(utf8_at(s, *n, &l)))
            break;
        s += l;
        *n -= (size_t)l;
        loc->off += (uint32_t)l;
        loc->col++;
    }
    while (*n > 0) {
        size_t k = *n - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        int l;
        if (!is_blank(utf8_at(s + k, *n - k, &l)))
            break;
        *n = k;
    }
    loc->end = loc->off + (uint32_t)*n;
    return s;
}

/* s without the blanks next to a wide character (`产出 指标`, `上海市 公安局`);
 * other runs of blanks become one space (`IT 设备` keeps none, `A B` one). */
char *imp_tidy(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    bool pending = false, prev_wide = true;
    for (size_t i = 0; i < n;) {
        int l;
        uint32_t cp = utf8_at(s + i, n - i, &l);
        if (is_blank(cp) || cp < 0x20 || cp == 0x7F) {
            pending = true;
        } else {
            bool wide = is_wide(cp);
            if (pending && !prev_wide && !wide)
                *o++ = ' ';
            pending = false;
            memcpy(o, s + i, (size_t)l);
            o += l;
            prev_wide = wide;
        }
        i += (size_t)l;
    }
    *o = 0;
    return out;
}

/* s without any blanks, full-width ASCII (０-９ （ ） ％ ＝ ＞ ：…) made
 * ASCII: the form in which labels, numbers and dates are recognized. */
char *imp_fold(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        int l;
        uint32_t cp = utf8_at(s + i, n - i, &l);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            *o++ = (char)(cp - 0xFEE0);
        else if (!is_blank(cp)) {
            memcpy(o, s + i, (size_t)l);
            o += l;
        }
        i += (size_t)l;
    }
    *o = 0;
    return out;
}

/* One line of text for a comment or a string: line breaks and control
 * characters become spaces (a quoted cell may hold them). */
char *imp_one_line(Arena *a, const char *s)
{
    char *out = arena_strndup(a, s, strlen(s));
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
    return out;
}

/* A cell that says "nothing here": 无, /, —. */
bool imp_is_placeholder(const char *folded)
{
    static const char *const words[] = { "", "无", "/", "-", "--", "—", "——", "－", "不适用", "暂无",
                                         "N/A", "n/a", "NA", "\\" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(folded, words[i]) == 0)
            return true;
    return false;
}

/* ---- .pg spelling ------------------------------------------------------- */

/* "…" with \" and \\ escaped, on one line. */
const char *imp_pg_string(Arena *a, const char *s)
{
    Buf b = { 0 };
    buf_str(&b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_str(&b, "\\");
        buf_add(&b, (unsigned char)*p < 0x20 || *p == 0x7F ? " " : p, 1);
    }
    buf_str(&b, "\"");
    const char *out = arena_strndup(a, b.s, b.n);
    buf_free(&b);
    return out;
}

/* A name or a word: bare when it is an identifier, else a string. */
const char *imp_pg_name(Arena *a, const char *s)
{
    return ast_name_is_bare(s) ? s : imp_pg_string(a, s);
}

/* ---- the text: bytes to UTF-8, rows and cells --------------------------- */

/* The new text replaces the old: diagnostics point into the copy. */
bool imp_decode(Source *src, Arena *arena)
{
    char *u;
    size_t len;
    if (!text_check(src, TEXT_FORM, &u, &len))
        return false;
    if (!u)
        return true;
    Source copy;
    src_from_string(&copy, src->path, u, len);
    free(u);
    src_free(src);
    *src = copy;
    diag_begin_file(src, arena);
    return true;
}

void imp_rows_open(RowReader *rd, const Source *src, Arena *arena)
{
    *rd = (RowReader){ .arena = arena, .grid = src->cells };
    if (!rd->grid)
        csv_init_mode(&rd->csv, src, CSV_PASTED);
    else
        rd->csv.src = src;
}

void imp_rows_close(RowReader *rd)
{
    if (!rd->grid)
        csv_free(&rd->csv);
    free(rd->scratch);
}

/* Field f of a row, trimmed, as cell c (c->col is the caller's). */
static void make_cell(RowReader *rd, const CsvField *f, Cell *c)
{
    Loc loc = f->loc;
    size_t n = f->len;
    Loc moved = loc;
    const char *p = trim(f->text, &n, &moved);
    if (!f->quoted)
        loc = moved;        /* a quoted cell starts at its quote, another at its text */
    c->s = arena_strndup(rd->arena, p, n);
    c->n = n;
    c->loc = loc;
}

/* Keeps cell c of the row being read unless it is empty. */
static void keep_cell(RowReader *rd, int *n, const Cell *c)
{
    if (c->n == 0)
        return;
    if (*n == rd->cap) {
        rd->cap = rd->cap ? rd->cap * 2 : 16;
        rd->scratch = xrealloc(rd->scratch, (size_t)rd->cap * sizeof *rd->scratch);
    }
    rd->scratch[(*n)++] = *c;
}

/* The next row of a workbook's or document's cells: those of one line of
 * the source, each taken as a paste gives it (never split, never quoted). */
static bool read_grid_row(RowReader *rd, int *n)
{
    const SrcCells *g = rd->grid;
    if (rd->next >= g->n)
        return false;
    uint32_t line = g->v[rd->next].line;
    const char *text = rd->csv.src->text;
    for (; rd->next < g->n && g->v[rd->next].line == line; rd->next++) {
        const SrcCell *sc = &g->v[rd->next];
        CsvField f = { .text = text + sc->off, .len = sc->end - sc->off,
                       .loc = { line + 1, 1, sc->off, sc->end } };
        Cell c;
        make_cell(rd, &f, &c);
        c.col = (int)sc->col;
        keep_cell(rd, n, &c);
    }
    return true;
}

bool imp_read_row(RowReader *rd, Row *r)
{
    int n = 0;
    if (rd->grid) {
        if (!read_grid_row(rd, &n))
            return false;
    } else {
        CsvField f;
        CsvRead k = csv_field(&rd->csv, &f);
        if (k == CSV_DONE)
            return false;
        for (int col = 0;; col++) {
            Cell c;
            make_cell(rd, &f, &c);
            c.col = col;
            keep_cell(rd, &n, &c);
            if (k != CSV_MORE)
                break;
            k = csv_field(&rd->csv, &f);
        }
    }
    r->n = n;
    r->cells = arena_alloc(rd->arena, (size_t)(n ? n : 1) * sizeof *r->cells);
    if (n)
        memcpy(r->cells, rd->scratch, (size_t)n * sizeof *r->cells);
    return true;
}

/* ---- notes: the comment lines of the .pg file --------------------------- */

void imp_note(Imp *im, const char **notes, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = imp_one_line(im->arena, arena_vprintf(im->arena, fmt, ap));
    va_end(ap);
    *notes = *notes ? arena_printf(im->arena, "%s\n%s", *notes, line) : line;
}

/* Adds the comment line `line` to *notes unless it is there already. */
void imp_note_once(Imp *im, const char **notes, const char *line)
{
    if (!*notes || !strstr(*notes, line))
        imp_note(im, notes, "%s", line);
}

const char *imp_doc(const Imp *im)
{
    return im->form && im->form->se ? "自评表" : "申报表";
}

/* The cells of r from `from` on, as one comment line shows them. */
const char *imp_row_text(Imp *im, const Row *r, int from)
{
    Buf b = { 0 };
    buf_add(&b, "", 0);
    for (int i = from; i < r->n; i++) {
        if (i > from)
            buf_str(&b, " ");
        buf_add(&b, r->cells[i].s, r->cells[i].n);
    }
    const char *out = imp_one_line(im->arena, b.s);
    buf_free(&b);
    return out;
}

/* Joins the lines of a cell (a quoted cell, or a text over several rows):
 * nothing between Chinese text, a space between two Latin words. */
const char *imp_join_text(Imp *im, const char *a, const char *b)
{
    Buf out = { 0 };
    buf_add(&out, "", 0);
    const char *parts[2] = { a, b };
    for (int k = 0; k < 2; k++) {
        for (const char *p = parts[k]; p && *p;) {
            size_t n = strcspn(p, "\r\n");
            Loc dummy = { 0 };
            size_t m = n;
            const char *t = trim(p, &m, &dummy);
            if (m > 0) {
                if (out.n > 0 && isalnum((unsigned char)out.s[out.n - 1]) && isalnum((unsigned char)*t))
                    buf_str(&out, " ");
                buf_add(&out, t, m);
            }
            p += n;
            while (*p == '\r' || *p == '\n')
                p++;
        }
    }
    const char *s = arena_strndup(im->arena, out.s, out.n);
    buf_free(&out);
    return s;
}
