/*
 * actuals.c — the year-end actuals: a CSV file read into a table by project.
 *
 *     项目,指标,实际完成值[,分值][,得分][,偏差原因]
 *
 * The header names the columns, in any order (longer names from the
 * official 自评表, like 三级指标 or 偏差原因分析及改进措施, are accepted;
 * 一级指标, 二级指标 and 年度指标值 are read and ignored, so a filled-in
 * template round-trips).  Mid-year actuals (pgc monitor: Actuals.monitor)
 * have 全年预计完成值 and 完成目标可能性 too, and may leave a 实际完成值
 * empty; year-end ones ignore those columns.  Each value is read in the target syntax
 * (value.c).  A bad row is reported at its file:line:col and skipped, so
 * every bad row of a file is reported in one run; the caller then refuses
 * to score.
 *
 * The rows are not kept.  The file is mapped (src_map) and read through
 * once, reporting bad rows and noting, for each project, the byte ranges
 * of its runs of consecutive rows (ActSpan); act_rows reads a project's
 * ranges again, quietly, into the caller's per-file arena when a spec asks
 * for its rows.  The same function (read_row) makes a row both times, so
 * the second reading yields what the first one checked.  Memory is the
 * index — about 150 bytes a project — however many rows there are, and
 * the mapped pages are dropped every 4 MB read.
 *
 * The file is read as the office's spreadsheet saved it: UTF-8 in place;
 * GB18030 (GBK: Excel's “CSV (逗号分隔)” on a Chinese Windows) and UTF-16
 * (its “Unicode text”, which is tab-separated: csv.c reads a first line
 * of tabs and no commas so) are first decoded into a temporary file
 * (text.c), which is then mapped and read instead, under the file's name:
 * its lines and characters are the file's, so every diagnostic below is
 * where the user's spreadsheet shows it.
 *
 * Shared by `pgc eval --actuals` and the evaluators `pgc build` writes.
 */
#include "rt.h"

#include <errno.h>
#include <string.h>

/* A run of consecutive rows of one project in the CSV: the bytes from
 * off (where the reader stood before the first row, at line:col) to end. */
typedef struct ActSpan {
    size_t off, end;
    uint32_t line, col;
    struct ActSpan *next;
} ActSpan;

struct ActProject {
    ActualRow *first, *last;        /* rows of 实际 blocks (act_add) */
    ActSpan *spans, *last_span;     /* rows in the CSV */
    Loc loc;                        /* the project's name in its first row */
    const char *name;               /* its name (the map's key) */
    bool used;                      /* act_rows was asked for them */
};

static ActProject *project_entry(Actuals *r, const char *name, size_t len, Loc loc)
{
    ActProject *e = map_get(&r->map, name);
    if (!e) {
        e = arena_alloc(&r->arena, sizeof *e);
        e->loc = loc;
        e->name = arena_strndup(&r->arena, name, len);
        map_put(&r->map, e->name, e);
    }
    return e;
}

void act_add(Actuals *r, const char *project, ActualRow *row)
{
    r->rows++;
    ActProject *e = project_entry(r, project, strlen(project), row->project_loc);
    if (e->last)
        e->last->next = row;
    else
        e->first = row;
    e->last = row;
}

bool act_has(const Actuals *r, const char *project)
{
    return map_get(&r->map, project) != NULL;
}

enum { COL_PROJECT, COL_INDICATOR, COL_VALUE, COL_WEIGHT, COL_SCORE, COL_REASON, COL_FORECAST, COL_LIKELY,
       COL_IGNORED, NCOLS };

static const struct {
    const char *name;
    int col;
} headers[] = {
    { "项目", COL_PROJECT }, { "项目名称", COL_PROJECT }, { "指标", COL_INDICATOR },
    { "三级指标", COL_INDICATOR }, { "实际完成值", COL_VALUE }, { "分值", COL_WEIGHT },
    { "得分", COL_SCORE }, { "偏差原因", COL_REASON }, { "偏差说明", COL_REASON },
    { "偏差原因分析及改进措施", COL_REASON }, { "一级指标", COL_IGNORED }, { "二级指标", COL_IGNORED },
    { "年度指标值", COL_IGNORED },
    /* mid-year monitoring's (pgc monitor; year-end actuals ignore them) */
    { "全年预计完成值", COL_FORECAST }, { "全年预计完成情况", COL_FORECAST },
    { "完成目标可能性", COL_LIKELY },
};

static bool read_header(const Source *src, CsvField *f, int n, int *col_of)
{
    bool ok = true;
    int where[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        where[c] = -1;
    for (int i = 0; i < n; i++) {
        col_of[i] = -1;
        const char *h = f[i].text;
        while (*h == ' ')
            h++;
        for (size_t k = 0; k < sizeof headers / sizeof *headers; k++)
            if (strcmp(h, headers[k].name) == 0)
                col_of[i] = headers[k].col;
        if (col_of[i] < 0) {
            diag_emit_in(src, E0506, f[i].loc, "unknown column “%s”", h);
            const char *names[sizeof headers / sizeof *headers];
            for (size_t k = 0; k < sizeof headers / sizeof *headers; k++)
                names[k] = headers[k].name;
            const char *s = std_suggest(h, names, (int)(sizeof headers / sizeof *headers));
            if (s)
                diag_hint("did you mean “%s”?", s);
            ok = false;
        } else if (col_of[i] != COL_IGNORED) {
            if (where[col_of[i]] >= 0) {
                diag_emit_in(src, E0506, f[i].loc, "column “%s” is given twice", h);
                ok = false;
            }
            where[col_of[i]] = i;
        }
    }
    static const char *const need[] = { "项目", "指标", "实际完成值" };
    for (int c = COL_PROJECT; c <= COL_VALUE; c++) {
        if (where[c] < 0) {
            diag_emit_in(src, E0506, f[0].loc, "the header has no column “%s”", need[c]);
            diag_hint("the header is 项目,指标,实际完成值 (then optionally 分值,得分,偏差原因)");
            ok = false;
        }
    }
    return ok;
}

/* A cell that must be a plain number (分值, 得分). */
static bool number_cell(const Source *src, const CsvField *f, Arena *a, bool quiet, const char *what, Decimal *out)
{
    Value v;
    const char *why;
    size_t at;
    if (!val_parse(f->text, f->len, a, &v, &why, &at) || v.kind != V_NUMBER || v.unit) {
        if (!quiet)
            /* TRANSLATORS: the column (分值 or 得分), then the cell as written */
            diag_emit_in(src, E0511, f->loc, "%s is a number, not “%s”", what, f->text);
        return false;
    }
    *out = v.num;
    return true;
}

/* Whether a and b are the two halves of a number split at its comma
 * (440,112.35 written without quotes): 1-3 digits, then 3 digits. */
static bool split_number(const CsvField *a, const CsvField *b)
{
    size_t i = a->len && a->text[0] == '-' ? 1 : 0;
    if (a->len - i < 1 || a->len - i > 3 || b->len < 3)
        return false;
    for (; i < a->len; i++)
        if (a->text[i] < '0' || a->text[i] > '9')
            return false;
    for (i = 0; i < 3; i++)
        if (b->text[i] < '0' || b->text[i] > '9')
            return false;
    return b->len == 3 || !(b->text[3] >= '0' && b->text[3] <= '9');
}

/* A row of more cells than the header has columns: its cells would land
 * in the wrong columns.  Most often a number with a comma is not quoted. */
static void too_many_cells(const Source *src, const CsvField *f, int n, int nhead)
{
    for (int i = 0; i + 1 < n; i++) {
        if (split_number(&f[i], &f[i + 1])) {
            Loc at = f[i].loc;
            at.end = f[i + 1].loc.end;
            diag_emit_in(src, E0505, at, "a row of %d cells under a header of %d columns", n, nhead);
            diag_hint("a number with a comma is quoted: \"%s,%s\"", f[i].text, f[i + 1].text);
            return;
        }
    }
    diag_emit_in(src, E0505, f[nhead].loc, "a row of %d cells under a header of %d columns", n, nhead);
    diag_hint("a comma inside a cell needs quotes: \"…,…\"");
}

/* The cells of mid-year monitoring: 全年预计完成值 (a value, read as
 * 实际完成值 is) and 完成目标可能性 (kept as written: monitor.c judges
 * it).  False, with the row marked bad, when the forecast cannot be read. */
static bool read_monitor_cells(const Actuals *r, const CsvField *const *cell, Arena *a, bool quiet,
                               ActualRow *row, bool *ok)
{
    const CsvField *ff = cell[COL_FORECAST], *lf = cell[COL_LIKELY];
    if (lf && lf->len) {
        row->likely = arena_strndup(a, lf->text, lf->len);
        row->likely_loc = lf->loc;
    }
    if (!ff || ff->len == 0)
        return true;
    const char *why;
    size_t at;
    if (!val_parse(ff->text, ff->len, a, &row->forecast, &why, &at)) {
        if (!quiet)
            diag_emit_in(&r->src, E0511, ff->loc, "cannot read the value “%s”: %s", ff->text, _(why));
        *ok = false;
        row->bad = true;
        return false;
    }
    row->forecast.loc = row->forecast.unit_loc = ff->loc;
    row->has_forecast = true;
    return true;
}

/* One CSV record (n cells, n <= r->nhead) as a row: fills row, with its
 * strings and values in a (the first, loud reading keeps no row: its
 * indicator is left in the reader's buffer), and returns true; false for a record that is
 * no row (blank, or without 项目 or 指标).  Problems are reported unless
 * quiet, and clear *ok; a row whose value cannot be read is kept, marked
 * bad. */
static bool read_row(const Actuals *r, const CsvField *f, int n, Arena *a, bool quiet, ActualRow *row, bool *ok)
{
    const Source *src = &r->src;
    const CsvField *cell[NCOLS] = { 0 };
    for (int i = 0; i < n; i++)
        if (r->col_of[i] >= 0 && r->col_of[i] != COL_IGNORED)
            cell[r->col_of[i]] = &f[i];
    if (n == 1 && f[0].len == 0)
        return false;
    memset(row, 0, sizeof *row);
    row->src = src;
    bool good = true;
    for (int c = COL_PROJECT; c <= COL_INDICATOR; c++) {
        if (!cell[c] || cell[c]->len == 0) {
            if (!quiet)
                /* TRANSLATORS: the column missing: 项目 or 指标 */
                diag_emit_in(src, E0511, cell[c] ? cell[c]->loc : f[0].loc, "a row without %s",
                             c == COL_PROJECT ? "项目" : "指标");
            good = false;
        }
    }
    if (!good) {
        *ok = false;
        return false;
    }
    row->indicator = quiet ? arena_strndup(a, cell[COL_INDICATOR]->text, cell[COL_INDICATOR]->len)
                           : cell[COL_INDICATOR]->text;
    row->name_loc = cell[COL_INDICATOR]->loc;
    row->project_loc = cell[COL_PROJECT]->loc;
    const char *why;
    size_t at;
    const CsvField *vf = cell[COL_VALUE];
    if (r->monitor && !read_monitor_cells(r, cell, a, quiet, row, ok))
        return true;                    /* bad: reported */
    if (r->monitor && vf && vf->len == 0 && dom_special(row->indicator) == AS_COUNT) {
        row->no_value = true;           /* not yet measured: the forecast may still say */
        row->val = (Value){ .kind = V_NONE, .loc = vf->loc };
    } else if (!vf || !val_parse(vf->text, vf->len, a, &row->val, &why, &at)) {
        if (!quiet) {
            if (vf && vf->len)
                /* TRANSLATORS: the cell as written, then why it is no value */
                diag_emit_in(src, E0511, vf->loc, "cannot read the value “%s”: %s", vf->text, _(why));
            else
                diag_emit_in(src, E0507, vf ? vf->loc : row->name_loc, "no value in 实际完成值");
        }
        *ok = false;
        row->bad = true;                /* kept: binding says nothing more of it */
        return true;
    }
    if (!row->no_value)
        row->val.loc = row->val.unit_loc = vf->loc;
    if (cell[COL_WEIGHT] && cell[COL_WEIGHT]->len)
        row->weight_loc = cell[COL_WEIGHT]->loc;
    if (cell[COL_WEIGHT] && cell[COL_WEIGHT]->len)
        row->has_weight = number_cell(src, cell[COL_WEIGHT], a, quiet, "分值", &row->weight) || (*ok = false);
    if (cell[COL_SCORE] && cell[COL_SCORE]->len)
        row->has_score = number_cell(src, cell[COL_SCORE], a, quiet, "得分", &row->score) || (*ok = false);
    if (cell[COL_REASON] && cell[COL_REASON]->len) {
        row->reason = arena_strndup(a, cell[COL_REASON]->text, cell[COL_REASON]->len);
        row->reason_loc = cell[COL_REASON]->loc;
    }
    return true;
}

/* The first reading: the header, every row checked (and reported), and
 * where each project's rows are. */
static bool load_csv(Actuals *r)
{
    const Source *src = &r->src;
    enum { MAXF = sizeof r->col_of / sizeof *r->col_of };
    CsvReader rd;
    csv_init(&rd, src);
    CsvField f[MAXF];
    for (int i = 0; i < MAXF; i++)
        r->col_of[i] = -1;      /* cells beyond the header are ignored */
    int n = csv_next(&rd, f, MAXF);
    if (n <= 0 || !read_header(src, f, n, r->col_of)) {
        Loc start = { 1, 1, 0, 0 };
        if (n == 0)
            diag_emit_in(src, E0506, start, "the actuals file is empty");
        csv_free(&rd);
        return false;
    }
    r->nhead = n;
    for (int i = 0; i < n; i++)
        if (r->col_of[i] == COL_PROJECT)
            r->project_col = i;
    Arena scratch = { 0 };      /* the values of one row */
    bool ok = true;             /* bad rows are reported; the rest is still scored */
    ActProject *prev = NULL;    /* the project of the record before, if it was a row */
    size_t prev_len = 0;        /* the length of its name */
    size_t dropped = 0;
    for (;;) {
        size_t off = rd.pos;
        uint32_t line = rd.line, col = rd.col;
        if ((n = csv_next(&rd, f, MAXF)) == 0)
            break;
        arena_reset(&scratch);
        if (off - dropped >= r->drop_every) {
            src_drop_pages(src, dropped, off);
            dropped = off;
        }
        ActualRow row;
        if (n > r->nhead) {
            too_many_cells(src, f, n, r->nhead);
            ok = false;
        }
        if (n < 0 || n > r->nhead || !read_row(r, f, n, &scratch, false, &row, &ok)) {
            if (n < 0)
                ok = false;
            prev = NULL;
            continue;
        }
        const CsvField *pc = &f[r->project_col];     /* there: read_row found it */
        r->rows++;
        if (prev && pc->len == prev_len && memcmp(pc->text, prev->name, prev_len) == 0) {
            prev->last_span->end = rd.pos;  /* the project of the row before: no lookup */
            continue;
        }
        ActProject *e = project_entry(r, pc->text, pc->len, row.project_loc);
        if (e == prev) {
            e->last_span->end = rd.pos;
            continue;
        }
        ActSpan *sp = arena_alloc(&r->arena, sizeof *sp);
        *sp = (ActSpan){ off, rd.pos, line, col, NULL };
        if (e->last_span)
            e->last_span->next = sp;
        else
            e->spans = sp;
        e->last_span = sp;
        prev = e;
        prev_len = strlen(e->name);
    }
    arena_free(&scratch);
    csv_free(&rd);
    if (!ok)
        r->failed = true;
    return true;
}

/* The second reading: the rows of e, quietly, into a. */
static ActualRow *reread(Actuals *r, const ActProject *e, Arena *a)
{
    ActualRow *first = NULL, **tail = &first;
    CsvReader rd;
    csv_init(&rd, &r->src);
    rd.quiet = true;
    enum { MAXF = sizeof r->col_of / sizeof *r->col_of };
    CsvField f[MAXF];
    for (const ActSpan *sp = e->spans; sp; sp = sp->next) {
        csv_seek(&rd, sp->off, sp->line, sp->col);
        while (rd.pos < sp->end) {
            int n = csv_next(&rd, f, MAXF);
            ActualRow row;
            bool ok = true;
            if (n <= 0 || n > r->nhead || !read_row(r, f, n, a, true, &row, &ok))
                continue;
            ActualRow *x = arena_alloc(a, sizeof *x);
            *x = row;
            *tail = x;
            tail = &x->next;
        }
        r->touched += sp->end - sp->off;
    }
    csv_free(&rd);
    if (r->touched >= r->drop_every) {
        src_drop_pages(&r->src, 0, r->src.len);
        r->touched = 0;
    }
    return first;
}

ActualRow *act_rows(Actuals *r, const char *project, Arena *a)
{
    ActProject *e = map_get(&r->map, project);
    if (!e)
        return NULL;
    e->used = true;
    return e->spans ? reread(r, e, a) : e->first;
}

size_t act_slots(const Actuals *r)
{
    return r->map.cap;
}

void act_used_to(const Actuals *r, unsigned char *marks)
{
    for (uint32_t i = 0; i < r->map.cap; i++) {
        const ActProject *e = r->map.vals[i];
        if (r->map.keys[i] && e && e->used)
            marks[i] = 1;
    }
}

void act_used_from(Actuals *r, const unsigned char *marks)
{
    for (uint32_t i = 0; i < r->map.cap; i++) {
        ActProject *e = r->map.vals[i];
        if (r->map.keys[i] && e && marks[i])
            e->used = true;
    }
}

/* Rows of the actuals for projects no spec declared.  An office keeps one
 * actuals file for all its projects and scores one of them: the others'
 * rows are skipped, with one note (N0501) that says how many; --strict
 * makes each an error (E0501). */
bool act_report_unused(Actuals *r, Arena *scratch, bool strict)
{
    long n = 0;
    const ActProject *first = NULL;
    const char *first_name = NULL;
    /* one flush, so they come in the file's order, not the map's */
    diag_begin_file(&r->src, scratch);
    for (uint32_t i = 0; i < r->map.cap; i++) {
        const ActProject *e = r->map.vals[i];
        if (!r->map.keys[i] || !e || e->used)
            continue;
        if (strict)
            diag_emit(E0501, e->loc, "actuals for project “%s”, which no spec declares", r->map.keys[i]);
        if (!first || e->loc.off < first->loc.off) {
            first = e;
            first_name = r->map.keys[i];
        }
        n++;
    }
    if (n > 0 && !strict) {
        char count[DEC_BUF];
        if (n == 1)
            diag_emit(N0501, first->loc, "skipped the rows of project “%s”, which none of the specs declares",
                      first_name);
        else
            /* TRANSLATORS: the number of projects (two or more), the name of the first one */
            diag_emit(N0501, first->loc, "skipped the rows of %s projects that none of the specs declares, the first “%s”",
                      dec_format(dec_from_int(n), true, count), first_name);
        diag_hint("--strict makes them errors");
    }
    diag_flush();
    return strict && n > 0;
}

const char *act_suggest(const Actuals *r, const char *project, Arena *a)
{
    if (!r || r->map.n == 0)
        return NULL;
    const char **names = arena_alloc(a, r->map.n * sizeof *names);
    int n = 0;
    for (uint32_t i = 0; i < r->map.cap; i++)
        if (r->map.keys[i] && r->map.vals[i])
            names[n++] = r->map.keys[i];
    return std_suggest(project, names, n);
}


/* A workbook of actuals (a filled-in template, office.c): its first sheet,
 * as CSV text with its cells, stands in for the file, so the same reader
 * reads it and its diagnostics name the sheet and cell. */
static bool workbook_actuals(Actuals *r)
{
    Source csv;
    bool ok = office_actuals(&r->src, &r->arena, &csv);
    diag_flush();
    if (!ok)
        return false;
    src_free(&r->src);
    r->src = csv;
    diag_begin_file(&r->src, &r->arena);
    return true;
}

bool act_read_csv(Actuals *r, const char *path)
{
    r->path = path;
    /* PGC_ACTUALS_DROP: tests/cli/build-diff.sh drops them after every
     * row, to hold that reading them again changes nothing */
    r->drop_every = src_env_size("PGC_ACTUALS_DROP", (size_t)4 << 20);
    map_init(&r->map, &r->arena, 1024);
    if (!src_map(&r->src, path)) {
        diag_plain(path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return false;
    }
    diag_begin_file(&r->src, &r->arena);
    bool io = false;
    bool ok = (office_magic(r->src.text, r->src.len) == MAGIC_TEXT || workbook_actuals(r)) &&
              text_check_mapped(&r->src, TEXT_ACTUALS, &io) && load_csv(r);
    r->io_error = io;
    diag_flush();
    src_drop_pages(&r->src, 0, r->src.len);
    return ok;
}

void act_free(Actuals *r)
{
    arena_free(&r->arena);
    src_free(&r->src);
}
