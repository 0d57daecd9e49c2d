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
 * specs.  A CSV is mapped and read through once, to check it and to note
 * where each project's rows are (actuals.c); the specs are then read file
 * by file, each project's rows read again and bound, the project scored
 * and its report appended to an output spool (moved to a temporary file as
 * it grows), and the file's memory dropped — so a portfolio of any size
 * is scored in one pass over the specs, in memory that grows only with
 * the number of projects (an index of a few hundred bytes each), not the
 * rows or the report.
 *
 * Nothing is half-written: the report goes out (stdout, or -o FILE via a
 * temporary file and a rename) only when every project was scored without
 * an error.  Exit status 0, 1 (errors in specs or actuals), 2 (usage, I/O).
 *
 * --format xlsx is a workbook (xlsx.c), not text: each project scored is
 * handed to it (score.c's sink) with its spec's 年度总体目标, which the
 * lowered project does not keep, and the closed workbook becomes the
 * spool's file.  It needs -o (a binary file; -o - only to a pipe), is the
 * default for an -o FILE.xlsx without --format, and is written in one
 * process (-j is for text: the parts' reports are joined as bytes).
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>     /* optind */

/* --engine: who evaluates the rules (doc/language.md §7, "Engines"). */
typedef enum Engine { ENGINE_AUTO, ENGINE_INTERP, ENGINE_JIT } Engine;

/* --engine=auto compiles the rules only for at least this many actual rows
 * (the rows of --actuals, about 16 a project).  Measured with
 * bench/jit-bench.sh (bench/README.md, "pgc eval: interpreter and JIT"):
 * compiling costs about 200 ms, and the JIT then saves about 0.15 µs of
 * scoring per row, so it pays for itself from about 1.4 million rows
 * (87,000 projects).  PGC_JIT_AUTO_ROWS overrides it (tests, benchmarks). */
enum { JIT_AUTO_ROWS = 1400000 };

typedef struct EvalRun {
    const Stdlib *std;
    const char *scheme_name;        /* --scheme, or NULL */
    int format;                     /* ReportFormat (--format) */
    bool explain, emit_ir, emit_actuals;
    bool emit_template;             /* --emit=template: the actuals to fill in */
    XlsxTemplate *tpl;              /* --emit=template --format xlsx: the workbook, else NULL */
    bool strict;                    /* --strict: rows of other projects are errors */
    const char *actuals_path;       /* NULL: 实际 blocks in the specs */
    Actuals act;                    /* the actuals table: lives for the run */
    Arena arena;                    /* per spec file */
    Spool out;                      /* the report */
    ScoreRun score;                 /* each project scored (score.c) */
    XlsxBook *book;                 /* --format xlsx: the workbook, else NULL */
    const char *goal;               /* xlsx: the 年度总体目标 of the project being scored */
    bool io_error, failed;
    /* the engine (--engine, --jit) and the timings (PGC_TIMING) */
    int engine;                     /* Engine */
    Jit *jit;                       /* NULL: the interpreter scores */
    ScoreEngine jit_engine;         /* jit as score.c's engine */
    const char *dump_jit;           /* --dump-jit=FILE */
    bool jit_fatal;                 /* --engine=jit and the JIT cannot compile */
    Timing tm;                      /* PGC_TIMING */
    /* -j: the files in parts, one forked process each (parts.c) */
    long jobs;                      /* -j N; 0 until the default is taken */
    const FileList *files;
    PartsShared *shared;            /* what each part hands back */
} EvalRun;

/* Whether the run scores (no --emit). */
static bool scoring(const EvalRun *r)
{
    return !r->emit_ir && !r->emit_actuals && !r->emit_template;
}

/* ---- actuals ------------------------------------------------------------------- */

ActualRow *act_rows_from_decl(Arena *a, const Source *src, const Decl *d)
{
    ActualRow *first = NULL, **tail = &first;
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY)
            continue;
        ActualRow *row = arena_alloc(a, sizeof *row);
        row->indicator = s->name;
        row->val = s->val;
        row->no_value = d->kind == D_MONITORING && s->val.kind == V_NONE;
        row->src = src;
        row->name_loc = s->name_loc;
        row->project_loc = d->name_loc;
        row->from_spec = true;
        for (const Attr *at = s->attrs; at; at = at->next) {
            if (at->kind == A_WEIGHT) {
                row->has_weight = true;
                row->weight = at->val.num;
                row->weight_loc = at->val.loc;
            } else if (at->kind == A_SCORE) {
                row->has_score = true;
                row->score = at->val.num;
            } else if (at->kind == A_REASON) {
                row->reason = at->val.text;
                row->reason_loc = at->val.loc;
            } else if (at->kind == A_FORECAST) {
                row->has_forecast = true;
                row->forecast = at->val;
            } else if (at->kind == A_LIKELY) {
                row->likely = at->val.text;
                row->likely_loc = at->val.loc;
            }
        }
        *tail = row;
        tail = &row->next;
    }
    return first;
}

bool act_read_any(Actuals *a, const char *path, DeclKind kind)
{
    size_t n = strlen(path);
    if (n <= 3 || strcmp(path + n - 3, ".pg") != 0)
        return act_read_csv(a, path);
    /* a .pg file of 实际 (or 监控) blocks */
    a->path = path;
    map_init(&a->map, &a->arena, 1024);
    if (!src_open(&a->src, path)) {
        a->io_error = true;
        return false;
    }
    diag_begin_file(&a->src, &a->arena);
    File *f = arena_alloc(&a->arena, sizeof *f);
    bool ok = parse_file(&a->src, &a->arena, f) && diag_file_errors() == 0;
    for (const Decl *d = f->decls; d && ok; d = d->next) {
        if (d->kind != kind)
            continue;
        if (act_has(a, d->name)) {
            /* TRANSLATORS: the block's keyword (实际 or 监控), then the project */
            diag_emit(E0504, d->name_loc, "a second %s block for “%s”", ast_decl_keyword(kind), d->name);
            ok = false;
        }
        ActualRow *rows = act_rows_from_decl(&a->arena, &a->src, d);
        for (ActualRow *x = rows, *next; x; x = next) {
            next = x->next;
            x->next = NULL;
            act_add(a, d->name, x);
        }
    }
    diag_flush();
    return ok;
}

static bool load_actuals(EvalRun *r)
{
    bool ok = act_read_any(&r->act, r->actuals_path, D_ACTUAL);
    r->io_error |= r->act.io_error;
    r->failed |= r->act.failed;
    return ok;
}

/* ---- scoring ------------------------------------------------------------------------ */

/* The 年度总体目标 of project d, or "". */
static const char *decl_goal(const Decl *d)
{
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "年度总体目标") == 0 && s->val.kind == V_STRING)
            return s->val.text;
    return "";
}

/* --format xlsx: score.c's sink, a project scored into the workbook. */
static void xlsx_one(void *ctx, const EvProject *p, bool explain)
{
    EvalRun *r = ctx;
    xlsx_selfeval(r->book, p, r->goal, explain);
}

/* The JIT as the engine of score.c: a scheme compiled before its first
 * project is scored.  --engine=jit stops when it cannot compile; auto
 * goes on with the interpreter, silently. */
static ScoreReady jit_ready(void *ctx, const EvScheme *sc)
{
    EvalRun *r = ctx;
    const char *why;
    if (jit_prepare(r->jit, sc, &why))
        return SCORE_READY;
    if (r->engine != ENGINE_JIT)
        return SCORE_ENGINE_OFF;
    cli_cmd_error("eval", "%s", why);
    r->jit_fatal = true;
    return SCORE_FAILED;
}

static bool jit_scores(void *ctx, EvProject *p, bool explain, Arena *arena)
{
    EvalRun *r = ctx;
    return jit_run(r->jit, p, explain, arena);
}

/* A project of the spec file src: its actual rows (from the actuals file,
 * or from its 实际 block in blocks), then as --emit says: the rows, the
 * IR, or the project scored and reported.  False stops the run (the JIT
 * cannot compile). */
static bool eval_project(EvalRun *r, const Source *src, const Decl *d, const StrMap *blocks)
{
    double t = tm_now(&r->tm);
    ActualRow *rows = NULL;
    if (r->actuals_path) {
        rows = act_rows(&r->act, d->name, &r->arena);
    } else {
        const Decl *a = map_get(blocks, d->name);
        rows = a ? act_rows_from_decl(&r->arena, src, a) : NULL;
    }
    if (r->emit_actuals) {
        rep_actual_rows(&r->out.buf, d->name, rows, &r->arena);
        return true;
    }
    const EvScheme *sc = ev_scheme_for(r->std, d, r->scheme_name);
    if (!sc) {
        r->failed = true;
        return true;
    }
    EvProject *p = ev_lower(r->std, sc, src, d, &r->arena);
    if (r->emit_template) {
        if (r->tpl)
            xlsx_template_project(r->tpl, p);
        else
            rep_template(&r->out.buf, p);
        return true;
    }
    r->goal = decl_goal(d);
    bool ok;
    if (r->emit_ir) {
        ok = score_bind(&r->score, p, rows, t, &r->arena);
        if (ok)
            ev_dump_ir(&r->out.buf, p);
    } else {
        ok = score_project(&r->score, p, rows, t, &r->arena);
    }
    if (!ok)
        r->failed = true;
    return !r->jit_fatal;
}

static void eval_file(void *ctx, const char *path)
{
    EvalRun *r = ctx;
    if (r->jit_fatal)
        return;
    double t = tm_now(&r->tm);
    Source src;
    File f;
    if (!chk_load(r->std, path, &src, &f, &r->arena)) {
        r->io_error = true;
        return;
    }
    tm_end(&r->tm, PH_PARSE, t);
    if (diag_file_errors() == 0) {
        /* the file's 实际 blocks by project, looked up once per project;
         * as before, of two blocks for one project the last one counts */
        StrMap blocks;
        map_init(&blocks, &r->arena, 16);
        for (const Decl *a = f.decls; a; a = a->next)
            if (a->kind == D_ACTUAL)
                map_set(&blocks, a->name, (void *)a);
        r->score.actuals_path = r->actuals_path ? r->actuals_path : path;
        for (const Decl *d = f.decls; d; d = d->next)
            if (d->kind == D_PROJECT && !eval_project(r, &src, d, &blocks))
                break;
    }
    if (diag_file_errors() > 0)
        r->failed = true;
    diag_flush();
    arena_reset(&r->arena);
    src_free(&src);
    spool_keep(r->score.out);
    parts_step();
}

/* ---- in parts (-j) ------------------------------------------------------------------------ */

/* Part k, in a worker (or this process): its files scored into a report
 * of its own, written to stdout — the part's file. */
static void eval_part(void *ctx, size_t from, size_t to, int k)
{
    EvalRun *r = ctx;
    ScorePart part;
    bool failed = r->failed, io_error = r->io_error;
    r->failed = r->io_error = false;
    score_part_begin(&r->score, &part);
    for (size_t i = from; i < to; i++)
        eval_file(r, r->files->path[i]);
    if (!score_part_end(&r->score, &part, cli_prog()))
        r->io_error = true;
    r->shared->part[k] = (PartResult){ part.nprojects, r->failed, r->io_error, r->jit_fatal, part.dash_bytes };
    if (r->actuals_path)
        act_used_to(&r->act, r->shared->used);
    r->failed = failed;             /* in this process: as before the part */
    r->io_error = io_error;
}

static int eval_part_status(void *ctx)
{
    EvalRun *r = ctx;
    return cli_status(r->io_error || r->jit_fatal, r->failed);
}

/* Part k's report, joined to the whole one as one process writes it. */
static void eval_part_output(void *ctx, int k, FILE *out)
{
    EvalRun *r = ctx;
    if (!score_take_part(&r->score, r->shared, k, out, &r->failed, &r->jit_fatal))
        r->io_error = true;
}

/* The files of l scored in parts by r->jobs processes; false when they
 * could not be (nothing was scored). */
static bool eval_in_parts(EvalRun *r, const FileList *l)
{
    r->shared = score_shared_new(r->actuals_path ? act_slots(&r->act) : 0);
    if (!r->shared)
        return false;
    r->files = l;
    int st = parts_run(&(Parts){ "eval", eval_part, eval_part_status, eval_part_output, r }, l->size, l->n,
                       l->total, r->jobs);
    if (st == EXIT_USAGE)
        r->io_error = true;         /* a worker died: said by parts_run */
    if (st >= 0 && r->actuals_path)
        act_used_from(&r->act, r->shared->used);
    score_shared_free(r->shared);
    r->shared = NULL;
    return st >= 0;
}

/* The operands' files scored in this process, or in parts by several
 * when they are worth sharing. */
static void eval_files(EvalRun *r, char **operands, int noperands, bool quiet)
{
    bool parts = r->jobs > 1 && scoring(r) && r->format != REP_TEST && r->format != REP_XLSX &&
                 !r->tm.on;
    for (int i = 0; i < noperands && parts; i++)
        parts = strcmp(operands[i], "-") != 0;
    if (!parts) {
        if (progress_wanted(quiet))
            progress_begin(r->format == REP_TEST ? "test" : "eval", src_count(operands, noperands), false);
        for (int i = 0; i < noperands; i++)
            if (!src_walk(operands[i], eval_file, r))
                r->io_error = true;
        progress_end();
        return;
    }
    FileList l = { 0 };
    for (int i = 0; i < noperands; i++)
        if (!src_walk(operands[i], files_add, &l))
            r->io_error = true;
    progress_begin("eval", (long)l.n, quiet);
    if (!parts_worth(l.n, l.total, r->jobs) || !eval_in_parts(r, &l))
        for (size_t i = 0; i < l.n; i++)
            eval_file(r, l.path[i]);
    progress_end();
    files_free(&l);
}

/* ---- the command ----------------------------------------------------------------------- */

static const char usage_eval[] = N_(
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
    "  -f, --format=FMT     text (default), json, csv (one row per project), md,\n"
    "                         html, xlsx (a workbook: a summary sheet, then the\n"
    "                         自评表 of each project on a sheet of its own; needs\n"
    "                         -o, and is the default for -o FILE.xlsx); of more\n"
    "                         than one project, text, md, html and json carry a\n"
    "                         summary of the portfolio (html: on its first page)\n"
    "  -e, --explain        show the rule and the arithmetic behind every score\n"
    "  -o, --output=FILE    write the report to FILE (atomically) instead of stdout\n"
    "                         (xlsx: -o - writes it to stdout, unless a terminal)\n"
    "      --strict         rows of the actuals for projects that none of the\n"
    "                         SPECs declares are errors (default: skipped, with\n"
    "                         a note that says how many)\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all)\n"
    "  -q, --quiet          no progress line on a terminal, no notes\n"
    "  -j, --jobs=N         score in N processes (default: one per CPU); the\n"
    "                         output is the same as with -j1\n"
    "      --emit=WHAT      print instead of scoring: ir (the lowered evaluation\n"
    "                         IR), actuals (the actuals as read, as a CSV file\n"
    "                         for --actuals or a built evaluator) or template\n"
    "                         (the actuals to fill in: CSV, or with --format xlsx\n"
    "                         a workbook, its targets locked, drop-downs for the\n"
    "                         words of each scale; read back by --actuals)\n"
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
    "1 errors in the specs or the actuals, 2 usage error or unreadable files.\n");

/* --emit=WHAT.  More than one may be given: actuals, then, win over
 * template, and template over ir. */
static bool emit_arg(const char *arg, void *to)
{
    EvalRun *r = to;
    if (strcmp(arg, "ir") == 0) {
        r->emit_ir = true;
    } else if (strcmp(arg, "actuals") == 0) {
        r->emit_actuals = true;
    } else if (strcmp(arg, "template") == 0) {
        r->emit_template = true;
    } else {
        cli_error("unknown --emit '%s' (ir, actuals or template)", arg);
        return false;
    }
    return true;
}


static int eval_run(EvalRun r, DiagOptions dopt, char **operands, int noperands, const char *output);

/* pgc test's exit status once every case is scored: 1 if one failed or
 * none stated a figure to check. */
static int test_status(void)
{
    int passed, failed;
    rep_test_counts(&passed, &failed);
    if (passed + failed == 0) {
        cli_cmd_error("test", "no project states an expected figure (得分, 执行率, 总分 or 等级)");
        return EXIT_ERRORS;
    }
    return failed ? EXIT_ERRORS : EXIT_OK;
}

static bool jobs_arg(const char *arg, void *to)
{
    return parts_jobs_arg("eval", arg, to);
}

/* --engine, for pgc eval and pgc test. */
static const CliChoice engines[] = {
    { "interp", ENGINE_INTERP }, { "jit", ENGINE_JIT }, { "auto", ENGINE_AUTO }, { 0 },
};

int cmd_eval(int argc, char **argv)
{
    EvalRun r = { .format = REP_TEXT };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    const char *output = NULL;
    int engine_given = 0, format_given = 0;
    CliOpt format = rep_format_option(&r.format, true);
    format.given = &format_given;
    const CliOpt opts[] = {
        { "actuals", 'a', CLI_STRING, .to = &r.actuals_path },
        { "scheme", 's', CLI_STRING, .to = &r.scheme_name },
        format,
        { "explain", 'e', CLI_FLAG, .to = &r.explain },
        { "output", 'o', CLI_STRING, .to = &output },
        { "emit", 0, CLI_PARSE, .to = &r, .parse = emit_arg },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_eval),
        { "engine", 0, CLI_CHOICE, .to = &r.engine, .choices = engines, .given = &engine_given,
          .text = N_("unknown --engine '%s' (interp, jit or auto)") },
        { "jit", 0, CLI_SET, .to = &r.engine, .value = ENGINE_JIT, .given = &engine_given },
        { "dump-jit", 0, CLI_STRING, .to = &r.dump_jit },
        { "strict", 0, CLI_FLAG, .to = &r.strict },
        { "jobs", 'j', CLI_PARSE, .to = &r.jobs, .parse = jobs_arg },
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .name = "eval", .opts = opts, .no_operands = N_("no specs given"),
                                          .plain_errors = true },
                           argc, argv);
    if (status != CLI_GO)
        return status;
    if (r.dump_jit && !engine_given)
        r.engine = ENGINE_JIT;
    if (!format_given && output && str_ends(output, ".xlsx"))
        r.format = REP_XLSX;
    if (r.format == REP_XLSX && (scoring(&r) || (r.emit_template && !r.emit_actuals)) &&
        (status = xlsx_output("eval", &output)) != CLI_GO)
        return status;
    return eval_run(r, dopt, argv + optind, argc - optind, output);
}

/* What pgc eval and pgc test share once their options are read: the
 * specs scored against the actuals into r->format's report. */
static int eval_run(EvalRun r, DiagOptions dopt, char **operands, int noperands, const char *output)
{
    int status;
    diag_setup(&dopt);
    int opened = std_open(&r.std, r.scheme_name, operands, noperands);
    if (opened != EXIT_OK)
        return opened;
    bool xlsx = r.format == REP_XLSX && scoring(&r);
    XlsxTemplate tpl = { 0 };
    if (r.emit_template && !r.emit_actuals) {
        if (r.format == REP_XLSX) {
            xlsx_template_begin(&tpl, r.std);
            r.tpl = &tpl;
        } else {
            rep_actuals_begin(&r.out.buf);
        }
    }
    if (xlsx && !(r.book = xlsx_selfeval_open("eval"))) {     /* before anything is read */
        diag_finish();
        return EXIT_USAGE;
    }
    tm_init(&r.tm);
    double t0 = tm_now(&r.tm), t = t0;
    bool actuals_ok = !r.actuals_path || load_actuals(&r);
    tm_end(&r.tm, PH_ACTUALS, t);
    Jit *jit = NULL;
    const char *auto_rows = getenv("PGC_JIT_AUTO_ROWS");     /* hidden: for tests/cli/jit-diff.sh */
    long threshold = auto_rows && *auto_rows ? atol(auto_rows) : JIT_AUTO_ROWS;
    r.score = (ScoreRun){ .std = r.std, .act = r.actuals_path ? &r.act : NULL, .format = r.format,
                          .explain = r.explain, .out = &r.out, .tm = &r.tm };
    if (r.jobs == 0)
        r.jobs = parts_default_jobs();
    if (xlsx) {
        r.score.sink = xlsx_one;
        r.score.sink_ctx = &r;
    }
    if (r.engine == ENGINE_JIT || (r.engine == ENGINE_AUTO && r.act.rows >= threshold)) {
        r.jit = jit = jit_new(r.dump_jit);
        r.jit_engine = (ScoreEngine){ jit_ready, jit_scores, &r };
        r.score.engine = &r.jit_engine;
    }
    if (actuals_ok) {
        if (r.emit_actuals)
            rep_actuals_begin(&r.out.buf);
        else if (scoring(&r))
            score_begin(&r.score);
        if (r.emit_actuals)
            r.emit_template = false;
        eval_files(&r, operands, noperands, dopt.quiet);
        if (scoring(&r))
            score_end(&r.score);
        if (r.actuals_path && act_report_unused(&r.act, &r.arena, r.strict))
            r.failed = true;
    }
    status = cli_status(r.io_error || r.jit_fatal, !actuals_ok || r.failed);
    const char *cmd = r.format == REP_TEST ? "test" : "eval";
    if (r.tpl) {
        if (status == 0)
            xlsx_template_bytes(r.tpl, &r.out.buf);
        xlsx_template_free(r.tpl);
        r.tpl = NULL;
    }
    if (status == 0 && scoring(&r) && r.score.nprojects == 0) {
        cli_cmd_error(cmd, "no 项目 to score");     /* an empty report is no 自评表 */
        status = 1;
    }
    if (r.book && status == 0 && !xlsx_finish(r.book, &r.out))
        status = EXIT_USAGE;                /* said */
    else if (r.book && status != 0)
        xlsx_discard(r.book);
    r.book = NULL;
    char label[64];                         /* "pgc: eval", before its messages */
    snprintf(label, sizeof label, "%s: %s", cli_prog(), cmd);
    status = score_write(&r.score, output, label, status);
    if (status == 0 && r.format == REP_TEST)
        status = test_status();             /* after the report: it says which failed */
    if (r.tm.on) {
        long long scored = 0, fell_back = 0;
        if (jit)
            jit_counts(jit, &scored, &fell_back);
        tm_print(&r.tm, tm_now(&r.tm) - t0, r.score.engine ? "jit" : "interp", jit != NULL, scored, fell_back);
    }
    jit_free(jit);
    diag_finish();
    spool_free(&r.out);
    arena_free(&r.arena);
    act_free(&r.act);
    return status;
}

/* ---- pgc test ------------------------------------------------------------------------------ */

static const char usage_test[] = N_(
    "Usage: pgc test [OPTION]... SPEC|DIR...\n"
    "Score every project whose actuals state what they expect — an indicator's\n"
    "得分, the budget row's 得分, 执行率, 总分 or \"等级\" — and report each figure\n"
    "that the rules do not give, case by case; a DIR stands for every *.pg file\n"
    "below it.  A bureau keeps last year's published 自评表 as tests of its scheme.\n"
    "\n"
    "  -a, --actuals=FILE   the actuals (CSV, or .pg 实际 blocks); without it, the\n"
    "                         实际 blocks beside the projects\n"
    "  -s, --scheme=NAME    score by this 评分方案 instead of each project's\n"
    "      --engine=ENGINE  interp, jit or auto (default); the results are the same\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all)\n"
    "  -q, --quiet          no progress line on a terminal, no notes\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "The last line says \"N passed, N failed\".  Exit status: 0 every case passed,\n"
    "1 a case failed, none states a figure, or errors in the specs or actuals,\n"
    "2 usage error or unreadable files.\n");

int cmd_test(int argc, char **argv)
{
    EvalRun r = { .format = REP_TEST };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    dopt.mute_audit = true;             /* the differences are the report */
    const CliOpt opts[] = {
        { "actuals", 'a', CLI_STRING, .to = &r.actuals_path },
        { "scheme", 's', CLI_STRING, .to = &r.scheme_name },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_test),
        { "engine", 0, CLI_CHOICE, .to = &r.engine, .choices = engines,
          .text = N_("unknown --engine '%s' (interp, jit or auto)") },
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .name = "test", .opts = opts, .no_operands = N_("no specs given"),
                                          .plain_errors = true },
                           argc, argv);
    if (status != CLI_GO)
        return status;
    return eval_run(r, dopt, argv + optind, argc - optind, NULL);
}
