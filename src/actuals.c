/*
 * actuals.c — the year-end actuals: a CSV file read into a table by project.
 *
 *     项目,指标,实际完成值[,分值][,得分][,偏差原因]
 *
 * The header names the columns, in any order (longer names from the
 * official 自评表, like 三级指标 or 偏差原因分析及改进措施, are accepted;
 * 一级指标, 二级指标 and 年度指标值 are read and ignored, so a filled-in
 * template round-trips).  Each value is read in the target syntax
 * (value.c).  A bad row is reported at its file:line:col and skipped, so
 * every bad row of a file is reported in one run; the caller then refuses
 * to score.
 *
 * Shared by `pgc eval --actuals` and the evaluators `pgc build` writes.
 */
#include "pgc.h"

#include <errno.h>
#include <string.h>

/* Appends a row to its project's list, keeping the order of the file. */
void act_add(Actuals *r, const char *project, ActualRow *row)
{
    r->rows++;
    ActualRow **head = map_get(&r->map, project);
    if (!head) {
        head = arena_alloc(&r->arena, 2 * sizeof *head);
        map_put(&r->map, project, head);
    }
    if (head[1])
        head[1]->next = row;
    else
        head[0] = row;
    head[1] = row;
}

ActualRow *act_rows(const Actuals *r, const char *project)
{
    ActualRow **head = map_get(&r->map, project);
    return head ? head[0] : NULL;
}


enum { COL_PROJECT, COL_INDICATOR, COL_VALUE, COL_WEIGHT, COL_SCORE, COL_REASON, COL_IGNORED, NCOLS };

static const struct {
    const char *name;
    int col;
} headers[] = {
    { "项目", COL_PROJECT }, { "项目名称", COL_PROJECT }, { "指标", COL_INDICATOR },
    { "三级指标", COL_INDICATOR }, { "实际完成值", COL_VALUE }, { "分值", COL_WEIGHT },
    { "得分", COL_SCORE }, { "偏差原因", COL_REASON }, { "偏差说明", COL_REASON },
    { "偏差原因分析及改进措施", COL_REASON }, { "一级指标", COL_IGNORED }, { "二级指标", COL_IGNORED },
    { "年度指标值", COL_IGNORED },
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
static bool number_cell(const Source *src, const CsvField *f, Arena *a, const char *what, Decimal *out)
{
    Value v;
    const char *why;
    size_t at;
    if (!val_parse(f->text, f->len, a, &v, &why, &at) || v.kind != V_NUMBER || v.unit) {
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

static bool load_csv(Actuals *r, const Source *src)
{
    Arena *a = &r->arena;
    const unsigned char *t = (const unsigned char *)src->text;
    if (src->len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF))) {
        /* Excel's “Unicode text”: one error, not a header of garbage */
        diag_emit_in(src, E0506, (Loc){ 1, 1, 0, 2 }, "the actuals file is in UTF-16, not UTF-8");
        diag_hint("save it as “CSV UTF-8”");
        return false;
    }
    size_t eol = 0;
    while (eol < src->len && t[eol] != '\n')
        eol++;
    for (size_t i = 0; i < eol;) {
        uint32_t cp;
        int l = utf8_decode(src->text + i, eol - i, &cp);
        if (l == 0) {
            diag_emit_in(src, E0506, (Loc){ 1, (uint32_t)utf8_count(src->text, i) + 1, (uint32_t)i, (uint32_t)i + 1 },
                         "the header is not UTF-8 (a file saved as GB18030 or GBK?)");
            diag_hint("save it as “CSV UTF-8”");
            return false;
        }
        i += (size_t)l;
    }
    CsvReader rd;
    csv_init(&rd, src, a);
    enum { MAXF = 32 };
    CsvField f[MAXF];
    int col_of[MAXF];
    for (int i = 0; i < MAXF; i++)
        col_of[i] = -1;     /* cells beyond the header are ignored */
    int n = csv_next(&rd, f, MAXF);
    if (n <= 0) {
        if (n == 0)
            diag_emit_in(src, E0506, (Loc){ 1, 1, 0, 0 }, "the actuals file is empty");
        return false;
    }
    if (!read_header(src, f, n, col_of))
        return false;
    int nhead = n;
    bool ok = true;         /* bad rows are reported; the rest is still scored */
    while ((n = csv_next(&rd, f, MAXF)) != 0) {
        if (n < 0) {
            ok = false;
            continue;
        }
        if (n > nhead) {
            too_many_cells(src, f, n, nhead);
            ok = false;
            continue;
        }
        const CsvField *cell[NCOLS] = { 0 };
        for (int i = 0; i < n; i++)
            if (col_of[i] >= 0 && col_of[i] != COL_IGNORED)
                cell[col_of[i]] = &f[i];
        if (n == 1 && f[0].len == 0)
            continue;
        ActualRow *row = arena_alloc(a, sizeof *row);
        row->src = src;
        bool good = true;
        for (int c = COL_PROJECT; c <= COL_INDICATOR; c++) {
            if (!cell[c] || cell[c]->len == 0) {
                diag_emit_in(src, E0511, cell[c] ? cell[c]->loc : f[0].loc, "a row without %s",
                             c == COL_PROJECT ? "项目" : "指标");
                good = false;
            }
        }
        if (!good) {
            ok = false;
            continue;
        }
        row->indicator = cell[COL_INDICATOR]->text;
        row->name_loc = cell[COL_INDICATOR]->loc;
        row->project_loc = cell[COL_PROJECT]->loc;
        const char *why;
        size_t at;
        const CsvField *vf = cell[COL_VALUE];
        if (!vf || !val_parse(vf->text, vf->len, a, &row->val, &why, &at)) {
            Loc l = vf ? vf->loc : row->name_loc;
            diag_emit_in(src, vf && vf->len ? E0511 : E0507, l, vf && vf->len ? "cannot read the value “%s”: %s" : "no value%s%s",
                         vf && vf->len ? vf->text : "", vf && vf->len ? why : " in 实际完成值");
            ok = false;
            row->bad = true;                /* kept: binding says nothing more of it */
            act_add(r, cell[COL_PROJECT]->text, row);
            continue;
        }
        row->val.loc = row->val.unit_loc = vf->loc;
        if (cell[COL_WEIGHT] && cell[COL_WEIGHT]->len)
            row->has_weight = number_cell(src, cell[COL_WEIGHT], a, "分值", &row->weight) || (ok = false);
        if (cell[COL_SCORE] && cell[COL_SCORE]->len)
            row->has_score = number_cell(src, cell[COL_SCORE], a, "得分", &row->score) || (ok = false);
        if (cell[COL_REASON] && cell[COL_REASON]->len)
            row->reason = cell[COL_REASON]->text;
        act_add(r, cell[COL_PROJECT]->text, row);
    }
    if (!ok)
        r->failed = true;
    return true;
}


/* Rows of the actuals for projects no spec declared. */
bool act_report_unused(Actuals *r, Arena *scratch)
{
    bool any = false;
    /* one flush, so they come in the file's order, not the map's */
    diag_begin_file(&r->src, scratch);
    for (uint32_t i = 0; i < r->map.cap; i++) {
        ActualRow **head = r->map.vals[i];
        if (!r->map.keys[i] || !head || head[0]->used)
            continue;
        diag_emit(E0501, head[0]->project_loc, "actuals for project “%s”, which no spec declares",
                  r->map.keys[i]);
        any = true;
    }
    diag_flush();
    return any;
}

ActualRow *act_rows_from_decl(Arena *a, const Source *src, const Decl *d)
{
    ActualRow *first = NULL, **tail = &first;
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY)
            continue;
        ActualRow *row = arena_alloc(a, sizeof *row);
        row->indicator = s->name;
        row->val = s->val;
        row->src = src;
        row->name_loc = s->name_loc;
        row->project_loc = d->name_loc;
        for (const Attr *at = s->attrs; at; at = at->next) {
            if (at->kind == A_WEIGHT) {
                row->has_weight = true;
                row->weight = at->val.num;
            } else if (at->kind == A_SCORE) {
                row->has_score = true;
                row->score = at->val.num;
            } else if (at->kind == A_REASON) {
                row->reason = at->val.text;
            }
        }
        *tail = row;
        tail = &row->next;
    }
    return first;
}

bool act_read_csv(Actuals *r, const char *path)
{
    r->path = path;
    map_init(&r->map, &r->arena, 1024);
    if (!src_read(&r->src, path)) {
        diag_plain(path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return false;
    }
    diag_begin_file(&r->src, &r->arena);
    bool ok = load_csv(r, &r->src);
    diag_flush();
    return ok;
}

void act_free(Actuals *r)
{
    arena_free(&r->arena);
    src_free(&r->src);
}
