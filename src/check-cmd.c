/*
 * check-cmd.c — `pgc check`: the files read, parsed and checked, in one
 * process or several.  (check.c is the checker itself.)
 *
 * The pipeline for each file is read (source.c) → parse (parse.c) →
 * check (check.c) → print diagnostics (diag.c), then the file's arena is
 * dropped before the next file, so memory stays flat over any number of
 * files.  Directories are searched recursively for *.pg (src_walk).
 *
 * Many files are checked by several processes (-j, default one per CPU;
 * parts.c): the files are split into contiguous parts of about equal
 * bytes, each part checked by a forked worker with its output in a
 * temporary file, and the outputs printed in the order of the parts — so
 * the output is exactly that of one process, only sooner.  One process
 * checks them when there is little to check (under PARTS_MIN_BYTES), for a JSON
 * document (its totals), a dump, and standard input.
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O
 * errors (these win over 1).
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- walking files -------------------------------------------------------- */

/* --dump: what to print instead of checking. */
enum { DUMP_NONE, DUMP_TOKENS, DUMP_AST };

typedef struct Run {
    const Stdlib *std;
    Arena arena;
    int dump;                   /* DUMP_* (--dump) */
    bool io_error;
    const FileList *files;      /* -j: the files, in parts */
} Run;

static void check_source(void *ctx, const char *path)
{
    Run *r = ctx;
    Source src;
    if (!src_open(&src, path)) {
        r->io_error = true;
        return;
    }
    diag_begin_file(&src, &r->arena);
    if (r->dump == DUMP_TOKENS) {
        parse_dump_tokens(&src, &r->arena, stdout);
    } else {
        File f;
        parse_file(&src, &r->arena, &f);
        if (r->dump == DUMP_AST)
            ast_dump(stdout, &f);
        else if (!diag_too_many())
            chk_file(r->std, &f, &r->arena);
    }
    diag_flush();
    arena_reset(&r->arena);
    src_free(&src);
    parts_step();
}

/* ---- checking in parallel (parts.c) --------------------------------------------- */

static int run_status(const Run *run)
{
    return run->io_error ? EXIT_USAGE : diag_total_errors() > 0 ? EXIT_ERRORS : 0;
}

static void check_files(void *ctx, size_t from, size_t to, int k)
{
    Run *r = ctx;
    (void)k;
    for (size_t i = from; i < to; i++)
        check_source(r, r->files->path[i]);
}

static int part_status(void *ctx)
{
    return run_status(ctx);
}

/* ---- pgc check ------------------------------------------------------------ */

static const char usage_check[] = N_(
    "Usage: pgc check [OPTION]... FILE|DIR...\n"
    "Check .pg files.  A directory is searched recursively for *.pg files.\n"
    "A FILE of - reads standard input.  Silent when there is nothing to report.\n"
    "\n"
    "Options:\n"
    "      --format=FMT     human (default): messages with the source line and a\n"
    "                         caret under the problem;\n"
    "                       gnu: one line per message (file:line:col: ...);\n"
    "                       json: one JSON document on standard output\n"
    "      --Werror         treat warnings as errors\n"
    "      --max-errors=N   stop reporting errors in a file after N (default 50,\n"
    "                         0 for no limit)\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all);\n"
    "                         a note at the end says how many were left out\n"
    "  -q, --quiet          no progress line on a terminal, no notes about what\n"
    "                         was left out\n"
    "  -j, --jobs=N         check in N processes (default: one per CPU); the\n"
    "                         output is the same as with -j1\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "      --dump=WHAT      print the tokens or the syntax tree instead of\n"
    "                         checking (WHAT is tokens or ast)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found,\n"
    "2 usage error or a file that cannot be read.\n");

static bool jobs_arg(const char *arg, void *to)
{
    return parts_jobs_arg("check", arg, to);
}

/* The operands' files checked in this process, one after the other. */
static int check_here(Run *run, const DiagOptions *dopt, char **operands, int n)
{
    if (progress_wanted(dopt->quiet) && dopt->format != FMT_JSON && run->dump == DUMP_NONE)
        progress_begin("check", src_count(operands, n), false);
    for (int i = 0; i < n; i++)
        if (!src_walk(operands[i], check_source, run))
            run->io_error = true;
    return run_status(run);
}

/* The operands' files listed first (a directory that cannot be read is
 * reported here, before any file's diagnostics), then checked in parts
 * by jobs processes — or in this one, when they are too few to share. */
static int check_in_parts(Run *run, const DiagOptions *dopt, char **operands, int n, long jobs)
{
    FileList l = { 0 };
    bool walked = true;
    for (int i = 0; i < n; i++)
        walked &= src_walk(operands[i], files_add, &l);
    int status = -1;
    run->files = &l;
    progress_begin("check", (long)l.n, dopt->quiet);
    if (parts_worth(l.n, l.total, jobs))
        status = parts_run(&(Parts){ "check", check_files, part_status, NULL, run }, l.size, l.n, l.total, jobs);
    if (status < 0) {
        check_files(run, 0, l.n, 0);
        status = run_status(run);
    }
    if (!walked)
        status = EXIT_USAGE;
    files_free(&l);
    return status;
}

int cmd_check(int argc, char **argv)
{
    static const CliChoice formats[] = { { "human", FMT_HUMAN }, { "gnu", FMT_GNU }, { "json", FMT_JSON }, { 0 } };
    static const CliChoice dumps[] = { { "tokens", DUMP_TOKENS }, { "ast", DUMP_AST }, { 0 } };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    Run run = { .dump = DUMP_NONE };
    int format = FMT_HUMAN;
    long jobs = 0;
    const CliOpt opts[] = {
        { "format", 0, CLI_CHOICE, .to = &format, .choices = formats,
          .text = N_("unknown format '%s' (human, gnu or json)") },
        { "Werror", 0, CLI_FLAG, .to = &dopt.werror },
        { "max-errors", 0, CLI_COUNT, .to = &dopt.max_errors, .max = CLI_MAX_COUNT },
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_STDLIB,
        { "dump", 0, CLI_CHOICE, .to = &run.dump, .choices = dumps, .text = N_("unknown dump '%s' (tokens or ast)") },
        { "jobs", 'j', CLI_PARSE, .to = &jobs, .parse = jobs_arg },
        CLI_OPT_HELP(usage_check),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .name = "check", .opts = opts, .no_operands = N_("no files given") },
                           argc, argv);
    if (status != CLI_GO)
        return status;
    dopt.format = (DiagFormat)format;
    diag_setup(&dopt);
    /* a dump shows the syntax alone: the files' declarations are not added */
    bool dump = run.dump != DUMP_NONE;
    int opened = std_open(&run.std, NULL, dump ? NULL : argv + optind, dump ? 0 : argc - optind);
    if (opened != EXIT_OK)
        return opened;
    if (jobs == 0)
        jobs = parts_default_jobs();
    /* one process for the JSON document (its totals), dumps and stdin */
    bool one = jobs == 1 || dopt.format == FMT_JSON || run.dump != DUMP_NONE;
    for (int i = optind; i < argc && !one; i++)
        one = strcmp(argv[i], "-") == 0;
    if (one)
        status = check_here(&run, &dopt, argv + optind, argc - optind);
    else
        status = check_in_parts(&run, &dopt, argv + optind, argc - optind, jobs);
    progress_end();
    diag_finish();
    arena_free(&run.arena);
    return status;
}
