/*
 * eval.c — `pgc eval`: score projects against their year-end actuals.
 *
 *     specs ──parse, check──▶ projects ─┐
 *                                       ├─lower (lower.c)─▶ IR ─run (interp.c)─▶ report (report.c)
 *     actuals (CSV or 实际 blocks) ─────┘
 *
 * Actuals come from a CSV file (--actuals FILE.csv: 项目,指标,实际完成值
 * and optionally 分值, 得分, 偏差原因), from 实际 blocks in a .pg file
 * given with --actuals, or from 实际 blocks beside the projects in the
 * specs.  A CSV is read once into a table by project; the specs are then
 * read file by file, each project scored and its report appended to an
 * output buffer, and the file's memory dropped — so a portfolio of any
 * size is scored in one pass over the specs.
 *
 * Nothing is half-written: the report goes out (stdout, or -o FILE via a
 * temporary file and a rename) only when every project was scored without
 * an error.  Exit status 0, 1 (errors in specs or actuals), 2 (usage, I/O).
 */
#include "pgc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --engine: who evaluates the rules (doc/language.md §7, "Engines"). */
typedef enum Engine { ENGINE_AUTO, ENGINE_INTERP, ENGINE_JIT } Engine;

/* --engine=auto compiles the rules only for at least this many actual rows
 * (the rows of --actuals, about 16 a project).  Measured with
 * bench/jit-bench.sh (bench/README.md, "pgc eval: interpreter and JIT"):
 * compiling costs about 200 ms, and the JIT then saves about 0.15 µs of
 * scoring per row, so it pays for itself from about 1.4 million rows
 * (87,000 projects).  PGC_JIT_AUTO_ROWS overrides it (tests, benchmarks). */
enum { JIT_AUTO_ROWS = 1400000 };

/* PGC_TIMING=1: milliseconds per phase on stderr (bench/jit-bench.sh). */
typedef enum Phase { PH_ACTUALS, PH_PARSE, PH_LOWER, PH_COMPILE, PH_SCORE, PH_REPORT, PH_COUNT } Phase;
static const char *const phase_names[PH_COUNT] = { "actuals", "parse+check", "lower", "compile", "score", "report" };

typedef struct EvalRun {
    const Stdlib *std;
    const char *scheme_name;        /* --scheme, or NULL */
    ReportFormat format;
    bool explain, emit_ir;
    const char *actuals_path;       /* NULL: 实际 blocks in the specs */
    Arena actuals_arena;            /* the actuals table: lives for the run */
    Source actuals_src;             /* the actuals file, read once */
    StrMap actuals;                 /* project name → ActualRow list */
    Arena arena;                    /* per spec file */
    Buf out;
    int nprojects;
    bool io_error, failed;
    /* the engine (--engine, --jit) and the timings (PGC_TIMING) */
    Engine engine;
    Jit *jit;                       /* NULL: the interpreter scores */
    const char *dump_jit;           /* --dump-jit=FILE */
    long rows;                      /* actual rows read from --actuals */
    bool jit_fatal;                 /* --engine=jit and the JIT cannot compile */
    bool timing;
    double ms[PH_COUNT];
} EvalRun;

/* Milliseconds on a monotonic clock, when PGC_TIMING asks for them. */
static double now(const EvalRun *r)
{
    if (!r->timing)
        return 0;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void phase_end(EvalRun *r, Phase ph, double start)
{
    if (r->timing)
        r->ms[ph] += now(r) - start;
}

/* ---- actuals --------------------------------------------------------------------- */

/* Appends a row to its project's list, keeping the order of the file. */
static void add_row(EvalRun *r, const char *project, ActualRow *row)
{
    r->rows++;                              /* for --engine=auto */
    ActualRow **head = map_get(&r->actuals, project);
    if (!head) {
        head = arena_alloc(&r->actuals_arena, 2 * sizeof *head);
        map_put(&r->actuals, project, head);
    }
    if (head[1])
        head[1]->next = row;
    else
        head[0] = row;
    head[1] = row;
}

static ActualRow *rows_of(EvalRun *r, const char *project)
{
    ActualRow **head = map_get(&r->actuals, project);
    return head ? head[0] : NULL;
}

/* Rows from the entries of a 实际 block. */
static ActualRow *rows_from_decl(Arena *a, const Source *src, const Decl *d)
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

static bool load_csv(EvalRun *r, const Source *src)
{
    Arena *a = &r->actuals_arena;
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
            continue;
        }
        row->val.loc = row->val.unit_loc = vf->loc;
        if (cell[COL_WEIGHT] && cell[COL_WEIGHT]->len)
            row->has_weight = number_cell(src, cell[COL_WEIGHT], a, "分值", &row->weight) || (ok = false);
        if (cell[COL_SCORE] && cell[COL_SCORE]->len)
            row->has_score = number_cell(src, cell[COL_SCORE], a, "得分", &row->score) || (ok = false);
        if (cell[COL_REASON] && cell[COL_REASON]->len)
            row->reason = cell[COL_REASON]->text;
        add_row(r, cell[COL_PROJECT]->text, row);
    }
    if (!ok)
        r->failed = true;
    return true;
}

static bool load_actuals(EvalRun *r)
{
    Source *src = &r->actuals_src;
    if (!src_read(src, r->actuals_path)) {
        diag_plain(r->actuals_path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return false;
    }
    map_init(&r->actuals, &r->actuals_arena, 1024);
    diag_begin_file(src, &r->actuals_arena);
    size_t n = strlen(r->actuals_path);
    bool ok;
    if (n > 3 && strcmp(r->actuals_path + n - 3, ".pg") == 0) {
        File *f = arena_alloc(&r->actuals_arena, sizeof *f);
        ok = parse_file(src, &r->actuals_arena, f) && diag_file_errors() == 0;
        for (const Decl *d = f->decls; d && ok; d = d->next) {
            if (d->kind != D_ACTUAL)
                continue;
            if (rows_of(r, d->name)) {
                diag_emit(E0504, d->name_loc, "a second 实际 block for “%s”", d->name);
                ok = false;
            }
            ActualRow *rows = rows_from_decl(&r->actuals_arena, src, d);
            for (ActualRow *x = rows, *next; x; x = next) {
                next = x->next;
                x->next = NULL;
                add_row(r, d->name, x);
            }
        }
    } else {
        ok = load_csv(r, src);
    }
    diag_flush();
    return ok;
}

/* ---- scoring ------------------------------------------------------------------------ */

/* The scheme for one project: --scheme, else its 方案 field, else the default. */
static const EvScheme *scheme_for(EvalRun *r, const Decl *d)
{
    const char *name = r->scheme_name;
    for (const Stmt *s = d->body; s && !name; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "方案") == 0 && s->val.kind == V_WORD)
            name = s->val.text;
    return ev_scheme(r->std, name);
}

/* Scores p with the engine in use: the JIT when r->jit is set. */
static bool score_project(EvalRun *r, EvProject *p)
{
    if (r->jit) {
        const char *why;
        double t = now(r);
        bool ok = jit_prepare(r->jit, p->scheme, &why);
        phase_end(r, PH_COMPILE, t);
        if (ok) {
            t = now(r);
            ok = jit_run(r->jit, p, r->explain, &r->arena);
            phase_end(r, PH_SCORE, t);
            return ok;
        }
        if (r->engine == ENGINE_JIT) {
            fprintf(stderr, "pgc: eval: %s\n", why);
            r->jit_fatal = true;
            return false;
        }
        r->jit = NULL;                      /* auto: the interpreter, silently (freed at the end) */
    }
    double t = now(r);
    bool ok = ev_run(p, r->explain, &r->arena);
    phase_end(r, PH_SCORE, t);
    return ok;
}

static void eval_file(void *ctx, const char *path)
{
    EvalRun *r = ctx;
    if (r->jit_fatal)
        return;
    double t = now(r);
    Source src;
    if (!src_read(&src, path)) {
        diag_plain(path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return;
    }
    diag_begin_file(&src, &r->arena);
    File f;
    parse_file(&src, &r->arena, &f);
    if (diag_file_errors() == 0)
        chk_file(r->std, &f, &r->arena);
    phase_end(r, PH_PARSE, t);
    if (diag_file_errors() == 0) {
        /* the file's 实际 blocks by project, looked up once per project;
         * as before, of two blocks for one project the last one counts */
        StrMap blocks;
        map_init(&blocks, &r->arena, 16);
        for (const Decl *a = f.decls; a; a = a->next)
            if (a->kind == D_ACTUAL)
                map_set(&blocks, a->name, (void *)a);
        for (const Decl *d = f.decls; d; d = d->next) {
            if (d->kind != D_PROJECT)
                continue;
            double tl = now(r);
            ActualRow *rows = NULL;
            if (r->actuals_path) {
                rows = rows_of(r, d->name);
            } else {
                const Decl *a = map_get(&blocks, d->name);
                rows = a ? rows_from_decl(&r->arena, &src, a) : NULL;
            }
            const EvScheme *sc = scheme_for(r, d);
            if (!sc) {
                r->failed = true;
                continue;
            }
            EvProject *p = ev_lower(r->std, sc, d, rows, r->actuals_path ? r->actuals_path : path, &r->arena);
            phase_end(r, PH_LOWER, tl);
            if (!p) {
                r->failed = true;
                continue;
            }
            if (r->emit_ir) {
                ev_dump_ir(&r->out, p);
                continue;
            }
            if (!score_project(r, p)) {
                r->failed = true;
                if (r->jit_fatal)
                    break;
                continue;
            }
            double tr = now(r);
            rep_project(&r->out, r->format, p, r->explain, r->nprojects == 0);
            phase_end(r, PH_REPORT, tr);
            r->nprojects++;
        }
    }
    if (diag_file_errors() > 0)
        r->failed = true;
    diag_flush();
    arena_reset(&r->arena);
    src_free(&src);
}

/* Rows of the actuals for projects no spec declared. */
static void report_unused(EvalRun *r)
{
    if (!r->actuals_path)
        return;
    /* one flush, so they come in the file's order, not the map's */
    diag_begin_file(&r->actuals_src, &r->arena);
    for (uint32_t i = 0; i < r->actuals.cap; i++) {
        ActualRow **head = r->actuals.vals[i];
        if (!r->actuals.keys[i] || !head || head[0]->used)
            continue;
        diag_emit(E0501, head[0]->project_loc, "actuals for project “%s”, which no spec declares",
                  r->actuals.keys[i]);
        r->failed = true;
    }
    diag_flush();
}

/* ---- the command ----------------------------------------------------------------------- */

static const char usage_eval[] =
    "Usage: pgc eval [OPTION]... SPEC|DIR...\n"
    "Score projects against their year-end actuals and print the 项目支出绩效自评表.\n"
    "A DIR stands for every *.pg file below it.\n"
    "\n"
    "  -a, --actuals=FILE   the actuals: a CSV file with the header\n"
    "                         项目,指标,实际完成值[,分值][,得分][,偏差原因]\n"
    "                         (rows 全年预算数 and 全年执行数 give the budget figures),\n"
    "                         or a .pg file of 实际 blocks; without it, the 实际\n"
    "                         blocks beside the projects in the specs\n"
    "  -s, --scheme=NAME    score by this 评分方案 (default: the project's 方案, or\n"
    "                         the standard library's default, 自评2020)\n"
    "  -f, --format=FMT     text (default), json, csv (one row per project), md, html\n"
    "  -e, --explain        show the rule and the arithmetic behind every score\n"
    "  -o, --output=FILE    write the report to FILE (atomically) instead of stdout\n"
    "      --emit=ir        print the lowered evaluation IR instead of scoring\n"
    "      --engine=ENGINE  how the rules are evaluated: interp (the interpreter),\n"
    "                         jit (compiled with libgccjit), or auto (default:\n"
    "                         the JIT for large inputs); the scores are the same\n"
    "      --jit            the same as --engine=jit\n"
    "      --dump-jit=FILE  write the code given to libgccjit to FILE (implies\n"
    "                         --engine=jit unless --engine is given)\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Nothing is written unless every project is scored.  Exit status: 0 scored,\n"
    "1 errors in the specs or the actuals, 2 usage error or unreadable files.\n";

static void print_timing(const EvalRun *r, const Jit *jit, double total)
{
    fprintf(stderr, "pgc: timing (ms):");
    for (int i = 0; i < PH_COUNT; i++)
        fprintf(stderr, " %s %.1f,", phase_names[i], r->ms[i]);
    fprintf(stderr, " total %.1f; engine %s", total, r->jit ? "jit" : "interp");
    if (jit) {
        long long scored, fell_back;
        jit_counts(jit, &scored, &fell_back);
        fprintf(stderr, " (rules compiled: %lld scored, %lld fell back to the interpreter)", scored, fell_back);
    }
    fprintf(stderr, "\n");
}

static bool parse_format(const char *s, ReportFormat *f)
{
    static const struct { const char *name; ReportFormat f; } fs[] = {
        { "text", REP_TEXT }, { "json", REP_JSON }, { "csv", REP_CSV }, { "md", REP_MD }, { "html", REP_HTML },
    };
    for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
        if (strcmp(s, fs[i].name) == 0) {
            *f = fs[i].f;
            return true;
        }
    return false;
}

int cmd_eval(int argc, char **argv)
{
    enum { OPT_EMIT = 256, OPT_ENGINE, OPT_JIT, OPT_DUMP_JIT };
    static const struct option opts[] = {
        { "actuals", required_argument, NULL, 'a' }, { "scheme", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' }, { "explain", no_argument, NULL, 'e' },
        { "output", required_argument, NULL, 'o' }, { "emit", required_argument, NULL, OPT_EMIT },
        { "stdlib", required_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' },
        { "engine", required_argument, NULL, OPT_ENGINE }, { "jit", no_argument, NULL, OPT_JIT },
        { "dump-jit", required_argument, NULL, OPT_DUMP_JIT },
        { NULL, 0, NULL, 0 },
    };
    EvalRun r = { .format = REP_TEXT };
    const char *output = NULL;
    bool engine_given = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "a:s:f:eo:L:h", opts, NULL)) != -1) {
        switch (c) {
        case 'a': r.actuals_path = optarg; break;
        case 's': r.scheme_name = optarg; break;
        case 'f':
            if (!parse_format(optarg, &r.format)) {
                fprintf(stderr, "pgc: unknown format '%s' (text, json, csv, md or html)\n", optarg);
                return 2;
            }
            break;
        case 'e': r.explain = true; break;
        case 'o': output = optarg; break;
        case OPT_EMIT:
            if (strcmp(optarg, "ir") != 0) {
                fprintf(stderr, "pgc: unknown --emit '%s' (ir)\n", optarg);
                return 2;
            }
            r.emit_ir = true;
            break;
        case OPT_ENGINE:
            if (strcmp(optarg, "interp") == 0) {
                r.engine = ENGINE_INTERP;
            } else if (strcmp(optarg, "jit") == 0) {
                r.engine = ENGINE_JIT;
            } else if (strcmp(optarg, "auto") == 0) {
                r.engine = ENGINE_AUTO;
            } else {
                fprintf(stderr, "pgc: unknown --engine '%s' (interp, jit or auto)\n", optarg);
                return 2;
            }
            engine_given = true;
            break;
        case OPT_JIT: r.engine = ENGINE_JIT; engine_given = true; break;
        case OPT_DUMP_JIT: r.dump_jit = optarg; break;
        case 'L': std_add_path(optarg); break;
        case 'h': fputs(usage_eval, stdout); return 0;
        default: fputs("Try 'pgc help eval'.\n", stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs("pgc: eval: no specs given\nTry 'pgc help eval'.\n", stderr);
        return 2;
    }
    DiagOptions dopt = { .format = FMT_HUMAN, .max_errors = 50 };
    diag_setup(&dopt);
    r.std = std_load();
    if (!r.std) {
        diag_finish();
        return 2;
    }
    if (r.scheme_name && !std_scheme(r.std, r.scheme_name)) {
        fprintf(stderr, "pgc: no 评分方案 named '%s'\n", r.scheme_name);
        diag_finish();
        return 2;
    }
    if (r.dump_jit && !engine_given)
        r.engine = ENGINE_JIT;
    const char *timing = getenv("PGC_TIMING");
    r.timing = timing && *timing && strcmp(timing, "0") != 0;
    double t0 = now(&r), t = t0;
    bool actuals_ok = !r.actuals_path || load_actuals(&r);
    phase_end(&r, PH_ACTUALS, t);
    Jit *jit = NULL;
    const char *auto_rows = getenv("PGC_JIT_AUTO_ROWS");     /* hidden: for tests/cli/jit-diff.sh */
    long threshold = auto_rows && *auto_rows ? atol(auto_rows) : JIT_AUTO_ROWS;
    if (r.engine == ENGINE_JIT || (r.engine == ENGINE_AUTO && r.rows >= threshold))
        r.jit = jit = jit_new(r.dump_jit);
    if (actuals_ok) {
        if (!r.emit_ir)
            rep_begin(&r.out, r.format);
        for (int i = optind; i < argc; i++)
            if (!src_walk(argv[i], eval_file, &r))
                r.io_error = true;
        if (!r.emit_ir)
            rep_end(&r.out, r.format, r.nprojects);
        report_unused(&r);
    }
    int status = r.io_error || r.jit_fatal ? 2 : (!actuals_ok || r.failed || diag_total_errors() > 0) ? 1 : 0;
    if (status == 0 && !r.emit_ir && r.nprojects == 0) {
        fputs("pgc: eval: no 项目 to score\n", stderr);     /* an empty report is no 自评表 */
        status = 1;
    }
    t = now(&r);
    if (status == 0) {
        if (output) {
            if (!src_write_atomically(output, r.out.s ? r.out.s : "", r.out.n))
                status = 2;
        } else if (r.out.n && fwrite(r.out.s, 1, r.out.n, stdout) != r.out.n) {
            fprintf(stderr, "pgc: eval: cannot write to standard output: %s\n", strerror(errno));
            status = 2;
        }
    }
    phase_end(&r, PH_REPORT, t);
    if (r.timing)
        print_timing(&r, r.jit ? r.jit : jit, now(&r) - t0);
    jit_free(jit);
    diag_finish();
    buf_free(&r.out);
    arena_free(&r.arena);
    arena_free(&r.actuals_arena);
    src_free(&r.actuals_src);
    return status;
}
