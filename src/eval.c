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
 */
#include "pgc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
    ReportFormat format;
    bool explain, emit_ir, emit_actuals;
    bool strict;                    /* --strict: rows of other projects are errors */
    const char *actuals_path;       /* NULL: 实际 blocks in the specs */
    Actuals act;                    /* the actuals table: lives for the run */
    Arena arena;                    /* per spec file */
    Spool out;                      /* the report */
    int nprojects;
    bool io_error, failed;
    /* the engine (--engine, --jit) and the timings (PGC_TIMING) */
    Engine engine;
    Jit *jit;                       /* NULL: the interpreter scores */
    const char *dump_jit;           /* --dump-jit=FILE */
    bool jit_fatal;                 /* --engine=jit and the JIT cannot compile */
    Timing tm;                      /* PGC_TIMING */
} EvalRun;

/* ---- actuals --------------------------------------------------------------------- */

static bool load_actuals(EvalRun *r)
{
    size_t n = strlen(r->actuals_path);
    if (n <= 3 || strcmp(r->actuals_path + n - 3, ".pg") != 0) {
        bool ok = act_read_csv(&r->act, r->actuals_path);
        r->io_error |= r->act.io_error;
        r->failed |= r->act.failed;
        return ok;
    }
    /* a .pg file of 实际 blocks */
    Actuals *a = &r->act;
    a->path = r->actuals_path;
    map_init(&a->map, &a->arena, 1024);
    if (!src_read(&a->src, r->actuals_path)) {
        diag_plain(r->actuals_path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return false;
    }
    diag_begin_file(&a->src, &a->arena);
    File *f = arena_alloc(&a->arena, sizeof *f);
    bool ok = parse_file(&a->src, &a->arena, f) && diag_file_errors() == 0;
    for (const Decl *d = f->decls; d && ok; d = d->next) {
        if (d->kind != D_ACTUAL)
            continue;
        if (act_has(a, d->name)) {
            diag_emit(E0504, d->name_loc, "a second 实际 block for “%s”", d->name);
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

/* ---- scoring ------------------------------------------------------------------------ */

/* Scores p with the engine in use: the JIT when r->jit is set. */
static bool score_project(EvalRun *r, EvProject *p)
{
    if (r->jit) {
        const char *why;
        double t = tm_now(&r->tm);
        bool ok = jit_prepare(r->jit, p->scheme, &why);
        tm_end(&r->tm, PH_COMPILE, t);
        if (ok) {
            t = tm_now(&r->tm);
            ok = jit_run(r->jit, p, r->explain, &r->arena);
            tm_end(&r->tm, PH_SCORE, t);
            return ok;
        }
        if (r->engine == ENGINE_JIT) {
            cli_cmd_error("eval", "%s", why);
            r->jit_fatal = true;
            return false;
        }
        r->jit = NULL;                      /* auto: the interpreter, silently (freed at the end) */
    }
    double t = tm_now(&r->tm);
    bool ok = ev_run(p, r->explain, &r->arena);
    tm_end(&r->tm, PH_SCORE, t);
    return ok;
}

static void eval_file(void *ctx, const char *path)
{
    EvalRun *r = ctx;
    if (r->jit_fatal)
        return;
    double t = tm_now(&r->tm);
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
    tm_end(&r->tm, PH_PARSE, t);
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
            double tl = tm_now(&r->tm);
            ActualRow *rows = NULL;
            if (r->actuals_path) {
                rows = act_rows(&r->act, d->name, &r->arena);
            } else {
                const Decl *a = map_get(&blocks, d->name);
                rows = a ? act_rows_from_decl(&r->arena, &src, a) : NULL;
            }
            if (r->emit_actuals) {
                rep_actual_rows(&r->out.buf, d->name, rows, &r->arena);
                continue;
            }
            const EvScheme *sc = ev_scheme_for(r->std, d, r->scheme_name);
            if (!sc) {
                r->failed = true;
                continue;
            }
            EvProject *p = ev_lower(r->std, sc, &src, d, &r->arena);
            bool bound = ev_bind(r->std, p, rows, r->actuals_path ? r->actuals_path : path,
                                 r->actuals_path ? &r->act : NULL, &r->arena);
            tm_end(&r->tm, PH_LOWER, tl);
            if (!bound) {
                r->failed = true;
                continue;
            }
            if (r->emit_ir) {
                ev_dump_ir(&r->out.buf, p);
                continue;
            }
            if (!score_project(r, p)) {
                r->failed = true;
                if (r->jit_fatal)
                    break;
                continue;
            }
            double tr = tm_now(&r->tm);
            rep_project(&r->out.buf, r->format, p, r->explain, r->nprojects == 0);
            tm_end(&r->tm, PH_REPORT, tr);
            r->nprojects++;
        }
    }
    if (diag_file_errors() > 0)
        r->failed = true;
    diag_flush();
    arena_reset(&r->arena);
    src_free(&src);
    spool_keep(&r->out);
    progress_step();
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
    "  -f, --format=FMT     text (default), json, csv (one row per project), md, html\n"
    "  -e, --explain        show the rule and the arithmetic behind every score\n"
    "  -o, --output=FILE    write the report to FILE (atomically) instead of stdout\n"
    "      --strict         rows of the actuals for projects that none of the\n"
    "                         SPECs declares are errors (default: skipped, with\n"
    "                         a note that says how many)\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all)\n"
    "  -q, --quiet          no progress line on a terminal, no notes\n"
    "      --emit=WHAT      print instead of scoring: ir (the lowered evaluation\n"
    "                         IR) or actuals (the actuals as read, as a CSV file\n"
    "                         for --actuals or a built evaluator)\n"
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

int cmd_eval(int argc, char **argv)
{
    enum { OPT_EMIT = 256, OPT_ENGINE, OPT_JIT, OPT_DUMP_JIT, OPT_STRICT, OPT_MAX_WARNINGS };
    static const struct option opts[] = {
        { "actuals", required_argument, NULL, 'a' }, { "scheme", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' }, { "explain", no_argument, NULL, 'e' },
        { "output", required_argument, NULL, 'o' }, { "emit", required_argument, NULL, OPT_EMIT },
        { "stdlib", required_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' },
        { "engine", required_argument, NULL, OPT_ENGINE }, { "jit", no_argument, NULL, OPT_JIT },
        { "dump-jit", required_argument, NULL, OPT_DUMP_JIT },
        { "strict", no_argument, NULL, OPT_STRICT }, { "quiet", no_argument, NULL, 'q' },
        { "max-warnings", required_argument, NULL, OPT_MAX_WARNINGS },
        { NULL, 0, NULL, 0 },
    };
    EvalRun r = { .format = REP_TEXT };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    long n;
    const char *output = NULL;
    bool engine_given = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "a:s:f:eo:L:hq", opts, NULL)) != -1) {
        switch (c) {
        case 'a': r.actuals_path = optarg; break;
        case 's': r.scheme_name = optarg; break;
        case 'f':
            if (!rep_parse_format(optarg, &r.format)) {
                cli_error("unknown format '%s' (text, json, csv, md or html)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'e': r.explain = true; break;
        case 'o': output = optarg; break;
        case OPT_EMIT:
            if (strcmp(optarg, "ir") == 0) {
                r.emit_ir = true;
            } else if (strcmp(optarg, "actuals") == 0) {
                r.emit_actuals = true;
            } else {
                cli_error("unknown --emit '%s' (ir or actuals)", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_ENGINE:
            if (strcmp(optarg, "interp") == 0) {
                r.engine = ENGINE_INTERP;
            } else if (strcmp(optarg, "jit") == 0) {
                r.engine = ENGINE_JIT;
            } else if (strcmp(optarg, "auto") == 0) {
                r.engine = ENGINE_AUTO;
            } else {
                cli_error("unknown --engine '%s' (interp, jit or auto)", optarg);
                return EXIT_USAGE;
            }
            engine_given = true;
            break;
        case OPT_JIT: r.engine = ENGINE_JIT; engine_given = true; break;
        case OPT_DUMP_JIT: r.dump_jit = optarg; break;
        case OPT_STRICT: r.strict = true; break;
        case 'q': dopt.quiet = true; break;
        case OPT_MAX_WARNINGS:
            if (!cli_count("eval", "--max-warnings", optarg, 1000000, &n))
                return EXIT_USAGE;
            dopt.max_warnings = (int)n;
            break;
        case 'L': std_add_path(optarg); break;
        case 'h': return cli_help(usage_eval);
        default: fprintf(stderr, _("Try '%s help %s'.\n"), cli_prog(), "eval"); return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return cli_usage_error("eval", "no specs given");
    diag_setup(&dopt);
    r.std = std_load();
    if (!r.std) {
        diag_finish();
        return 2;
    }
    if (r.scheme_name && !std_scheme(r.std, r.scheme_name)) {
        cli_error("no 评分方案 named '%s'", r.scheme_name);
        diag_finish();
        return 2;
    }
    if (r.dump_jit && !engine_given)
        r.engine = ENGINE_JIT;
    tm_init(&r.tm);
    double t0 = tm_now(&r.tm), t = t0;
    bool actuals_ok = !r.actuals_path || load_actuals(&r);
    tm_end(&r.tm, PH_ACTUALS, t);
    Jit *jit = NULL;
    const char *auto_rows = getenv("PGC_JIT_AUTO_ROWS");     /* hidden: for tests/cli/jit-diff.sh */
    long threshold = auto_rows && *auto_rows ? atol(auto_rows) : JIT_AUTO_ROWS;
    if (r.engine == ENGINE_JIT || (r.engine == ENGINE_AUTO && r.act.rows >= threshold))
        r.jit = jit = jit_new(r.dump_jit);
    if (actuals_ok) {
        if (r.emit_actuals)
            rep_actuals_begin(&r.out.buf);
        else if (!r.emit_ir)
            rep_begin(&r.out.buf, r.format);
        if (progress_wanted(dopt.quiet))
            progress_begin("eval", src_count(argv + optind, argc - optind), false);
        for (int i = optind; i < argc; i++)
            if (!src_walk(argv[i], eval_file, &r))
                r.io_error = true;
        progress_end();
        if (!r.emit_ir && !r.emit_actuals)
            rep_end(&r.out.buf, r.format, r.nprojects);
        if (r.actuals_path && act_report_unused(&r.act, &r.arena, r.strict))
            r.failed = true;
    }
    int status = r.io_error || r.jit_fatal ? 2 : (!actuals_ok || r.failed || diag_total_errors() > 0) ? 1 : 0;
    if (status == 0 && !r.emit_ir && !r.emit_actuals && r.nprojects == 0) {
        cli_cmd_error("eval", "no 项目 to score");     /* an empty report is no 自评表 */
        status = 1;
    }
    t = tm_now(&r.tm);
    if (status == 0) {
        char label[64];                     /* "pgc: eval", before its messages */
        snprintf(label, sizeof label, "%s: eval", cli_prog());
        if (!spool_write(&r.out, output, label))
            status = 2;
    }
    tm_end(&r.tm, PH_REPORT, t);
    if (r.tm.on) {
        long long scored = 0, fell_back = 0;
        if (jit)
            jit_counts(jit, &scored, &fell_back);
        tm_print(&r.tm, tm_now(&r.tm) - t0, r.jit ? "jit" : "interp", jit != NULL, scored, fell_back);
    }
    jit_free(jit);
    diag_finish();
    spool_free(&r.out);
    arena_free(&r.arena);
    act_free(&r.act);
    return status;
}
