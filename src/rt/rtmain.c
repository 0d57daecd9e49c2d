/*
 * rtmain.c — the main program of a built evaluator (`pgc build`).
 *
 * An executable written by `pgc build` is three things linked together:
 * the code libgccjit generated for it (build.c) — its `main`, the
 * compiled scoring of each scheme, and the specs as one constant byte
 * string (serial.c) — and libpgcrt.a, the runtime: this file, the actuals
 * reader (actuals.c, csv.c, value.c), binding (bind.c), the interpreter
 * for the rows the compiled code hands back (interp.c, jitrun.c), the
 * report writers (report.c) and diagnostics (diag.c).  The generated main
 * only calls
 *
 *     pgc_rt_main(argc, argv, specs, nbytes, batches, nbatches)
 *
 * (specs: the blob of serial.c, linked into the executable as it is)
 *
 * which does what `pgc eval --actuals` does after parsing and checking:
 * read the actuals, then for each spec file in the order it was built,
 * for each project, bind its actuals, score it, append its report — and
 * write the report only when every project scored.  The same functions
 * in the same order, so the same output and the same diagnostics (the
 * spec files' own warnings excepted: `pgc build` printed them).  One
 * format is refused: xlsx, whose name the shared --format table knows but
 * whose writer is pgc's (src/xlsx.c, libxlsxwriter), not the runtime's —
 * an evaluator links the C library alone.
 */
#include "rt.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>     /* optind */

/* A format: the evaluator's name (its argv[0]). */
static const char usage_text[] = N_(
    "Usage: %s [OPTION]... ACTUALS.csv\n"
    "Score the projects built into this evaluator against their year-end\n"
    "actuals and print the 项目支出绩效自评表 (as `pgc eval` does).\n"
    "\n"
    "ACTUALS.csv has the header 项目,指标,实际完成值[,分值][,得分][,偏差原因];\n"
    "the rows 全年预算数 and 全年执行数 give the budget figures.  --template\n"
    "prints one to fill in.  It may be saved as CSV UTF-8, as CSV (GBK) or as\n"
    "Unicode text (UTF-16, tab-separated).\n"
    "\n"
    "  -f, --format=FMT   text (default), json, csv (one row per project), md, html;\n"
    "                       of more than one project, text, md, html and json\n"
    "                       carry a summary of the portfolio\n"
    "  -e, --explain      show the rule and the arithmetic behind every score\n"
    "  -o, --output=FILE  write to FILE (atomically) instead of stdout\n"
    "      --strict       rows for projects not built into this evaluator are\n"
    "                       errors (default: skipped, with a note)\n"
    "      --max-warnings=N  show N warnings of each code (default 20, 0: all)\n"
    "  -q, --quiet        no notes\n"
    "  -j, --jobs=N       score in N processes (default: one per CPU); the output\n"
    "                       is the same as with -j1\n"
    "      --template     print the actuals to fill in, as CSV: every indicator\n"
    "                       with its target, and the budget rows; with\n"
    "                       --format xlsx -o FILE, as a workbook (targets\n"
    "                       locked, drop-downs for the words of each scale)\n"
    "      --monitor      mid-year monitoring instead (with --through N, the\n"
    "                       months elapsed): print the 执行监控表 as\n"
    "                       `pgc monitor --through N` does, from mid-year\n"
    "                       actuals (累计执行数, 全年预计完成值, 完成目标可能性)\n"
    "  -n, --through=N    the months elapsed, 1 to 12 (with --monitor)\n"
    "  -h, --help         show this help and exit\n"
    "  -V, --version      show the pgc that built this evaluator and the\n"
    "                       SHA-256 of the specs built into it\n"
    "\n"
    "Nothing is written unless every project is scored.  Exit status: 0 scored,\n"
    "1 errors in the actuals, 2 usage error or unreadable files.\n");

typedef struct Rt {
    const char *prog;
    SpecReader spec;
    Arena global;                   /* the tables and schemes: live for the run */
    Arena arena;                    /* per spec file */
    const JitBatchFn *batch;
    unsigned (*reads)[R_COUNT];     /* by scheme: the slots its rules read */
    JitScorer scorer;
    ScoreEngine engine;             /* batch through scorer, for score.c */
    ScoreRun score;                 /* each project scored (score.c) */
    Spool out;                      /* the report */
    Timing tm;                      /* PGC_TIMING, as pgc eval's */
    double t0;
    /* -j: the spec files in parts, one forked process each (parts.c) */
    long jobs;
    Actuals *act;
    const unsigned char **file_at;  /* where each spec file starts (spec_index) */
    PartsShared *shared;            /* what each part hands back */
    bool part_failed, part_io;      /* this part's, for its exit status */
} Rt;

/* -V, --version: the pgc that built the evaluator, and its specs. */
static int version(void *ctx)
{
    Rt *rt = ctx;
    int files = 0, projects = 0, n;
    Source src;
    while (spec_next_file(&rt->spec, &src, &n)) {
        files++;
        for (int i = 0; i < n; i++) {
            spec_next_project(&rt->spec, &src, &rt->arena);
            projects++;
        }
        src_free(&src);
        arena_reset(&rt->arena);
    }
    /* TRANSLATORS: the evaluator's name, then the version of pgc that built it. */
    printf(_("%s: a pgc evaluator, built by pgc %s\n"), rt->prog, rt->spec.version);
    char np[64], nf[64];
    snprintf(np, sizeof np, ngettext("%d project", "%d projects", projects), projects);
    snprintf(nf, sizeof nf, ngettext("%d file", "%d files", files), files);
    /* TRANSLATORS: "%d project(s)", then "%d file(s)" (the two messages
     * before), then the SHA-256 of the specs built in, in hex. */
    printf(_("specs: %s in %s, sha256 %s\n"), np, nf, rt->spec.hash);
    return EXIT_OK;
}

/* --template: the actuals to fill in, as CSV or (xlsx) a workbook —
 * the same bytes as pgc eval --emit=template gives for the same specs. */
static void template(Rt *rt, bool xlsx)
{
    int n;
    Source src;
    XlsxTemplate tpl = { 0 };
    if (xlsx)
        xlsx_template_begin(&tpl, &rt->spec.std);
    else
        rep_actuals_begin(&rt->out.buf);
    while (spec_next_file(&rt->spec, &src, &n)) {
        for (int i = 0; i < n; i++) {
            const EvProject *p = spec_next_project(&rt->spec, &src, &rt->arena);
            if (xlsx)
                xlsx_template_project(&tpl, p);
            else
                rep_template(&rt->out.buf, p);
        }
        src_free(&src);
        arena_reset(&rt->arena);
        if (!xlsx)
            spool_keep(&rt->out);
    }
    if (xlsx) {
        xlsx_template_bytes(&tpl, &rt->out.buf);
        xlsx_template_free(&tpl);
    }
}

/* The engine of score.c: the batch of the project's scheme, compiled
 * into the evaluator. */
static bool batch_scores(void *ctx, EvProject *p, bool explain, Arena *arena)
{
    Rt *rt = ctx;
    int k = (int)(p->scheme - rt->spec.schemes);
    return jit_score(&rt->scorer, rt->batch[k], rt->reads[k], p, explain, arena);
}

/* The next spec file's projects scored against act by the same step as
 * pgc eval's (score.c); false when one failed. */
static bool score_next_file(Rt *rt, Actuals *act)
{
    bool ok = true;
    int n;
    Source src;
    if (!spec_next_file(&rt->spec, &src, &n))
        return true;
    diag_begin_file(&src, &rt->arena);
    for (int i = 0; i < n; i++) {
        double t = tm_now(&rt->tm);
        EvProject *p = spec_next_project(&rt->spec, &src, &rt->arena);
        if (!score_project(&rt->score, p, act_rows(act, p->name, &rt->arena), t, &rt->arena))
            ok = false;
    }
    if (diag_file_errors() > 0)
        ok = false;
    diag_flush();
    arena_reset(&rt->arena);
    src_free(&src);
    spool_keep(rt->score.out);
    return ok;
}

/* Part k (-j), in a worker or this process: spec files [from, to). */
static void rt_part(void *ctx, size_t from, size_t to, int k)
{
    Rt *rt = ctx;
    ScorePart part;
    score_part_begin(&rt->score, &part);
    spec_seek(&rt->spec, (int)from, rt->file_at[from]);
    bool ok = true;
    for (size_t i = from; i < to; i++)
        ok &= score_next_file(rt, rt->act);
    rt->part_failed = !ok;
    rt->part_io = !score_part_end(&rt->score, &part, rt->prog);
    rt->shared->part[k] = (PartResult){ part.nprojects, rt->part_failed, rt->part_io, false, part.dash_bytes };
    act_used_to(rt->act, rt->shared->used);
}

static int rt_part_status(void *ctx)
{
    Rt *rt = ctx;
    return cli_status(rt->part_io, rt->part_failed);
}

static void rt_part_output(void *ctx, int k, FILE *out)
{
    Rt *rt = ctx;
    if (!score_take_part(&rt->score, rt->shared, k, out, &rt->part_failed, NULL))
        rt->part_io = true;
}

/* The spec files in parts by rt->jobs processes, when they are worth it;
 * false when they were not scored so (nothing was). */
static bool score_in_parts(Rt *rt, Actuals *act, bool *ok, bool *io)
{
    int nf = rt->spec.nfiles;
    if (rt->jobs <= 1 || nf <= 1 || rt->tm.on)
        return false;
    const unsigned char **at = xmalloc((size_t)nf * sizeof *at);
    off_t *size = xmalloc((size_t)nf * sizeof *size), total = 0;
    bool done = false;
    if (spec_index(&rt->spec, at, size)) {
        for (int k = 0; k < nf; k++)
            total += size[k];
        if (parts_worth((size_t)nf, total, rt->jobs) && (rt->shared = score_shared_new(act_slots(act)))) {
            rt->act = act;
            rt->file_at = at;
            rt->part_failed = rt->part_io = false;
            int st = parts_run(&(Parts){ NULL, rt_part, rt_part_status, rt_part_output, rt }, size, (size_t)nf,
                               total, rt->jobs);
            done = st >= 0;
            if (done) {
                act_used_from(act, rt->shared->used);
                *ok = !rt->part_failed && st != EXIT_USAGE;
                *io = rt->part_io || st == EXIT_USAGE;
            }
            score_shared_free(rt->shared);
            rt->shared = NULL;
        }
    }
    free(at);
    free(size);
    return done;
}

/* pgc eval's loop over its specs, over the built-in projects, scored
 * against act by the same step (score.c), in this process or in parts;
 * false when one failed (*io: or the report could not be kept). */
static bool score_all(Rt *rt, Actuals *act, bool strict, bool *io)
{
    bool ok = true;
    score_begin(&rt->score);
    if (!score_in_parts(rt, act, &ok, io))
        for (int k = 0; k < rt->spec.nfiles; k++)
            ok &= score_next_file(rt, act);
    score_end(&rt->score);
    if (act_report_unused(act, &rt->arena, strict))
        ok = false;
    return ok;
}

static bool jobs_arg(const char *arg, void *to)
{
    return parts_jobs_arg(NULL, arg, to);
}

static bool through_arg(const char *arg, void *to)
{
    return mon_through_arg(NULL, arg, to);
}

/* --monitor: pgc monitor's loop over its specs, over the built-in
 * projects, by the same step (mon_one) and the 监控方案 built in; a
 * project without rows is 未填报.  False when one failed. */
static bool monitor_all(Rt *rt, Actuals *act, MonRun *mr, bool strict)
{
    bool ok = true;
    int n;
    Source src;
    mon_run_begin(mr);
    while (spec_next_file(&rt->spec, &src, &n)) {
        diag_begin_file(&src, &rt->arena);
        for (int i = 0; i < n; i++) {
            EvProject *p = spec_next_project(&rt->spec, &src, &rt->arena);
            ActualRow *rows = act_has(act, p->name) ? act_rows(act, p->name, &rt->arena) : NULL;
            ok &= mon_one(mr, p, rows, &rt->arena);
        }
        if (diag_file_errors() > 0)
            ok = false;
        diag_flush();
        arena_reset(&rt->arena);
        src_free(&src);
        spool_keep(mr->out);
    }
    mon_run_end(mr);
    if (act_report_unused(act, &rt->arena, strict))
        ok = false;
    return ok;
}

/* -h, --help: the help names the evaluator. */
static int help(void *rt)
{
    printf(_(usage_text), ((Rt *)rt)->prog);
    return EXIT_OK;
}

static int run(Rt *rt, int argc, char **argv)
{
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    bool strict = false;
    int format = REP_TEXT;
    bool explain = false, want_template = false, want_monitor = false;
    int through = 0;
    const char *output = NULL;
    const CliOpt opts[] = {
        rep_format_option(&format, false),
        { "explain", 'e', CLI_FLAG, .to = &explain },
        { "output", 'o', CLI_STRING, .to = &output },
        { "template", 0, CLI_FLAG, .to = &want_template },
        { "monitor", 0, CLI_FLAG, .to = &want_monitor },
        { "through", 'n', CLI_PARSE, .to = &through, .parse = through_arg },
        { "help", 'h', CLI_EXIT, .to = rt, .run = help },
        { "version", 'V', CLI_EXIT, .to = rt, .run = version },
        { "strict", 0, CLI_FLAG, .to = &strict },
        { "jobs", 'j', CLI_PARSE, .to = &rt->jobs, .parse = jobs_arg },
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .opts = opts, .plain_errors = true }, argc, argv);
    if (status != CLI_GO)
        return status;
    if (format == REP_XLSX && !want_template)   /* the 自评表 workbook needs libxlsxwriter: pgc's */
        return cli_usage_error(NULL, "a built evaluator does not write xlsx (text, json, csv, md or html); "
                                     "pgc eval --format xlsx -o FILE does, with the same scores");
    if (format == REP_XLSX && (!output || strcmp(output, "-") == 0))
        return cli_usage_error(NULL, "--template --format xlsx writes a workbook: name it with -o FILE.xlsx");
    if (want_monitor && (want_template || format == REP_XLSX))
        return cli_usage_error(NULL, "--monitor prints the 执行监控表 as text, json, csv, md or html");
    if (want_monitor != (through > 0))
        return cli_usage_error(NULL, want_monitor ? "--monitor needs --through N (the months elapsed, 1 to 12)"
                                                  : "--through goes with --monitor");
    int want_args = want_template ? 0 : 1;
    if (argc - optind != want_args) {
        if (!want_args)
            return cli_usage_error(NULL, "--template takes no file");
        if (optind < argc)
            return cli_usage_error(NULL, "one actuals file, please");
        return cli_usage_error(NULL, "no actuals file given");
    }
    diag_setup(&dopt);
    Actuals act = { 0 };
    rt->engine = (ScoreEngine){ NULL, batch_scores, rt };
    rt->score = (ScoreRun){ .std = &rt->spec.std, .act = &act, .actuals_path = argv[optind],
                            .format = format, .explain = explain, .out = &rt->out, .tm = &rt->tm,
                            .engine = &rt->engine };
    status = 0;
    if (want_template) {
        template(rt, format == REP_XLSX);
    } else {
        const char *path = argv[optind];
        size_t n = strlen(path);
        if (n > 3 && strcmp(path + n - 3, ".pg") == 0) {
            cli_cmd_error(path, "the actuals of a built evaluator are a CSV file (pgc eval --emit=actuals "
                                "turns 实际 blocks into one)");
            return EXIT_USAGE;
        }
        tm_init(&rt->tm);
        rt->t0 = tm_now(&rt->tm);
        act.monitor = want_monitor;
        bool actuals_ok = act_read_csv(&act, path);
        tm_end(&rt->tm, PH_ACTUALS, rt->t0);
        bool io = false;
        if (rt->jobs == 0)
            rt->jobs = parts_default_jobs();
        MonRun mr = { .std = &rt->spec.std, .ms = &rt->spec.monitor, .through = through, .format = format,
                      .explain = explain, .out = &rt->out };
        bool ok = actuals_ok && (want_monitor ? monitor_all(rt, &act, &mr, strict) : score_all(rt, &act, strict, &io));
        status = cli_status(act.io_error || io, !ok || act.failed);
    }
    status = score_write(&rt->score, output, rt->prog, status);
    if (rt->tm.on)
        tm_print(&rt->tm, tm_now(&rt->tm) - rt->t0, "built", true, rt->scorer.scored, rt->scorer.fell_back);
    diag_finish();
    act_free(&act);
    return status;
}

int pgc_rt_main(int argc, char **argv, const unsigned char *specs, size_t nbytes, const JitBatchFn *batch,
                int nbatch)
{
    /* as pgc's main: keep freed per-file memory in the heap instead of
     * mapping and faulting it in anew for every file */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    /* the locale and the catalogs, as pgc's; every message names the
     * evaluator by its own name */
    cli_init(argv[0] ? argv[0] : "evaluator");
    Rt rt = { .batch = batch, .prog = cli_prog() };
    if (!spec_open(&rt.spec, specs, nbytes, &rt.global) || rt.spec.nschemes != nbatch) {
        cli_error("no specs of this pgc's format are built into this program");
        return EXIT_USAGE;
    }
    rt.reads = arena_alloc(&rt.global, (size_t)nbatch * sizeof *rt.reads + 1);
    for (int k = 0; k < nbatch; k++)
        for (int r = 0; r < R_COUNT; r++)
            rt.reads[k][r] = jit_reads(rt.spec.schemes[k].rules[r]);
    int status = run(&rt, argc, argv);
    jit_scorer_free(&rt.scorer);
    spool_free(&rt.out);
    arena_free(&rt.arena);
    arena_free(&rt.global);
    spec_close(&rt.spec);
    return out_close_stdout(rt.prog, status);
}
