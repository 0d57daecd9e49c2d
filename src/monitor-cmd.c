/*
 * monitor-cmd.c — `pgc monitor`: mid-year monitoring of the targets (绩效运行监控).
 *
 *     specs ──parse, check──▶ projects ─┐
 *                                       ├─lower (lower.c)─▶ bind, forecast, light (rt/monitor.c)─▶ 执行监控表
 *     mid-year actuals (CSV) ───────────┘
 *
 * The actuals are those of pgc eval (项目,指标,实际完成值), read as what
 * the first N months reached (--through N), with the columns
 * 全年预计完成值, 完成目标可能性 and 偏差原因 besides and the rows
 * 累计执行数, 全年预计执行数 and 全年预算数; a .xlsx workbook (a filled-in
 * template) is read as its first sheet.  The same figures may be written
 * in 监控 blocks (`监控 项目名 { 指标 值 预计 值 可能性 有可能 偏差原因 "…" }`),
 * beside the projects or in a .pg file given with --actuals.  The lights come from a 监控方案
 * (--scheme; the library's default is 双监控, stdlib/schemes.pg).  The
 * work of each project is the runtime's (mon_one), as a built evaluator's
 * --monitor does it; this file reads the options and the specs.
 *
 * As with pgc eval, nothing is written unless every project could be
 * monitored: exit 0, 1 (errors in the specs or the actuals; warnings such
 * as a light without a 偏差原因 do not stop it), 2 (usage, I/O).
 */
#include "pgc.h"

#include <string.h>
#include <unistd.h>     /* optind */

typedef struct MonitorRun {
    const Stdlib *std;
    XlsxBook *book;                 /* --format xlsx: the workbook, else NULL */
    const char *actuals_path;
    Actuals act;
    Arena arena;                    /* per spec file */
    Spool out;
    MonRun run;
    bool io_error, failed;
} MonitorRun;

/* --format xlsx: the sink of the run, a project into the workbook. */
static void xlsx_one(void *ctx, const MonProject *m, bool explain)
{
    MonitorRun *r = ctx;
    xlsx_monitor(r->book, m, explain);
}

static void monitor_file(void *ctx, const char *path)
{
    MonitorRun *r = ctx;
    Source src;
    File f;
    if (!chk_load(r->std, path, &src, &f, &r->arena)) {
        r->io_error = true;
        return;
    }
    StrMap blocks;              /* without --actuals: the file's 监控 blocks, by project */
    map_init(&blocks, &r->arena, 16);
    for (const Decl *a = f.decls; a && !r->actuals_path; a = a->next)
        if (a->kind == D_MONITORING)
            map_set(&blocks, a->name, (void *)a);
    bool checked = diag_file_errors() == 0;     /* a spec with errors is not monitored */
    for (const Decl *d = f.decls; d && checked; d = d->next) {
        if (d->kind != D_PROJECT)
            continue;
        const EvScheme *sc = ev_scheme_for(r->std, d, NULL);
        if (!sc) {
            r->failed = true;
            continue;
        }
        EvProject *p = ev_lower(r->std, sc, &src, d, &r->arena);
        ActualRow *rows = NULL;
        if (!r->actuals_path) {
            const Decl *b = map_get(&blocks, d->name);
            rows = b ? act_rows_from_decl(&r->arena, &src, b) : NULL;
        } else if (act_has(&r->act, d->name)) {
            rows = act_rows(&r->act, d->name, &r->arena);
        }
        if (!mon_one(&r->run, p, rows, &r->arena))
            r->failed = true;
    }
    if (diag_file_errors() > 0)
        r->failed = true;
    diag_flush();
    arena_reset(&r->arena);
    src_free(&src);
    spool_keep(&r->out);
    progress_step();
}

static const char usage_monitor[] = N_(
    "Usage: pgc monitor [OPTION]... SPEC|DIR... --through=N [--actuals=FILE]\n"
    "Monitor projects in the year (绩效运行监控) and print the 项目支出绩效目标执行监控表:\n"
    "spending against 序时进度, each indicator's forecast for the year against its\n"
    "target, and a warning light (绿, 黄, 红) for each.  A DIR stands for every\n"
    "*.pg file below it; a project without rows is 未填报.\n"
    "\n"
    "  -a, --actuals=FILE   the mid-year actuals: a CSV file (or a .xlsx workbook)\n"
    "                         with the header 项目,指标,实际完成值 (what months 1–N\n"
    "                         reached; may be empty) and optionally 全年预计完成值,\n"
    "                         完成目标可能性 (确定能, 有可能, 完全不可能), 偏差原因\n"
    "                         (经费保障, 制度保障, 人员保障, 硬件条件保障 or 其他,\n"
    "                         then a note); rows 累计执行数 (spent so far),\n"
    "                         全年预计执行数 and 全年预算数 give the funds;\n"
    "                         or a .pg file of 监控 blocks; without it, the 监控\n"
    "                         blocks beside the projects in the specs\n"
    "  -n, --through=N      the months elapsed, 1 to 12 (序时进度 = N ÷ 12)\n"
    "  -s, --scheme=NAME    the 监控方案 of the lights (default: 双监控)\n"
    "  -f, --format=FMT     text (default), json, csv (a row per line of the\n"
    "                         table), md, html, xlsx (a workbook: a summary\n"
    "                         sheet, then a sheet per project; needs -o, and is\n"
    "                         the default for -o FILE.xlsx); of more than one\n"
    "                         project, text, md, html and json carry a summary\n"
    "                         of the portfolio (html: on its first page)\n"
    "  -e, --explain        show the forecast and the arithmetic behind every light\n"
    "  -o, --output=FILE    write the report to FILE (atomically) instead of stdout\n"
    "      --strict         rows for projects that none of the SPECs declares are\n"
    "                         errors (default: skipped, with a note)\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all)\n"
    "  -q, --quiet          no progress line on a terminal, no notes\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Forecasts not given are made by the kind of the target: a count or an amount\n"
    "by pace (× 12 ÷ N), a rate, a level, a word or a date as it stands.\n"
    "Nothing is written unless every project is monitored.  Exit status: 0 done,\n"
    "1 errors in the specs or the actuals, 2 usage error or unreadable files.\n");

static bool through_arg(const char *arg, void *to)
{
    return mon_through_arg("monitor", arg, to);
}

int cmd_monitor(int argc, char **argv)
{
    MonitorRun r = { 0 };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    const char *output = NULL, *scheme = NULL;
    int format = REP_TEXT, through = 0, format_given = 0;
    bool explain = false, strict = false;
    CliOpt format_opt = rep_format_option(&format, true);
    format_opt.given = &format_given;
    const CliOpt opts[] = {
        { "actuals", 'a', CLI_STRING, .to = &r.actuals_path },
        { "through", 'n', CLI_PARSE, .to = &through, .parse = through_arg,
          .missing = N_("no --through given (the months elapsed, 1 to 12)") },
        { "scheme", 's', CLI_STRING, .to = &scheme },
        format_opt,
        { "explain", 'e', CLI_FLAG, .to = &explain },
        { "output", 'o', CLI_STRING, .to = &output },
        { "strict", 0, CLI_FLAG, .to = &strict },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_monitor),
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .name = "monitor", .opts = opts, .no_operands = N_("no specs given"),
                                          .plain_errors = true },
                           argc, argv);
    if (status != CLI_GO)
        return status;
    if (!format_given && output && str_ends(output, ".xlsx"))
        format = REP_XLSX;
    if (format == REP_XLSX && (status = xlsx_output("monitor", &output)) != CLI_GO)
        return status;
    char **operands = argv + optind;
    int noperands = argc - optind;
    diag_setup(&dopt);
    int opened = std_open(&r.std, NULL, operands, noperands);
    if (opened != EXIT_OK)
        return opened;
    const EvMonScheme *ms = std_monitor(r.std, scheme);
    if (!ms) {
        cli_error("no 监控方案 named '%s'", scheme);
        diag_finish();
        return EXIT_USAGE;
    }
    if (format == REP_XLSX && !(r.book = xlsx_monitor_open("monitor"))) {     /* before anything is read */
        diag_finish();
        return EXIT_USAGE;
    }
    r.act.monitor = true;
    bool actuals_ok = !r.actuals_path || act_read_any(&r.act, r.actuals_path, D_MONITORING);
    r.io_error |= r.act.io_error;
    r.failed |= r.act.failed;
    r.run = (MonRun){ .std = r.std, .ms = ms, .through = through, .format = (ReportFormat)format,
                      .explain = explain, .out = &r.out, .sink = r.book ? xlsx_one : NULL, .sink_ctx = &r };
    if (actuals_ok) {
        mon_run_begin(&r.run);
        if (progress_wanted(dopt.quiet))
            progress_begin("monitor", src_count(operands, noperands), false);
        for (int i = 0; i < noperands; i++)
            if (!src_walk(operands[i], monitor_file, &r))
                r.io_error = true;
        progress_end();
        mon_run_end(&r.run);
        if (r.actuals_path && act_report_unused(&r.act, &r.arena, strict))
            r.failed = true;
    }
    status = cli_status(r.io_error, !actuals_ok || r.failed);
    if (status == EXIT_OK && r.run.nprojects == 0) {
        cli_cmd_error("monitor", "no 项目 to monitor");
        status = EXIT_ERRORS;
    }
    if (r.book && status == EXIT_OK && !xlsx_finish(r.book, &r.out))
        status = EXIT_USAGE;                /* said */
    else if (r.book && status != EXIT_OK)
        xlsx_discard(r.book);
    char label[64];
    snprintf(label, sizeof label, "%s: monitor", cli_prog());
    if (status == EXIT_OK && !spool_write(&r.out, output, label))
        status = EXIT_USAGE;
    diag_finish();
    spool_free(&r.out);
    arena_free(&r.arena);
    act_free(&r.act);
    return status;
}
