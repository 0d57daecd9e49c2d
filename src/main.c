/*
 * main.c — the command line: `pgc check`, help and version.
 *
 * The pipeline for each file is read (source.c) → parse (parse.c) →
 * check (check.c) → print diagnostics (diag.c), then the file's arena is
 * dropped before the next file, so memory stays flat over any number of
 * files.  Directories are searched recursively for *.pg (src_walk).
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O
 * errors (these win over 1).
 */
#include "pgc.h"

#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum { EXIT_ERRORS = 1, EXIT_USAGE = 2 };

/* ---- help ------------------------------------------------------------------ */

static const char usage_main[] =
    "Usage: pgc COMMAND [OPTION]... [FILE|DIR]...\n"
    "pgc compiles performance targets (绩效目标) written in the .pg language.\n"
    "\n"
    "Commands:\n"
    "  check     check .pg files and report every problem found\n"
    "  fmt       format .pg files in the canonical layout\n"
    "  eval      score projects against their year-end actuals (the 自评表)\n"
    "  import    turn 申报表 tables pasted from Word, WPS or Excel into .pg files\n"
    "  render    draw the 申报表 back from a .pg file, as Markdown or HTML\n"
    "  build     write a standalone evaluator (an executable) for the units\n"
    "            that fill in the actuals\n"
    "  help      show help for a command: pgc help check\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and the standard library in use\n"
    "\n"
    "Environment:\n"
    "  PGC_PATH     colon-separated directories searched for standard-library\n"
    "               modules (categories.pg, scales.pg, units.pg, schemes.pg)\n"
    "               before the copies built into pgc\n"
    "  PGC_RUNTIME  the runtime library pgc build links (default: libpgcrt.a\n"
    "               beside pgc, else in " PGC_PKGLIBDIR ")\n"
    "  PGC_LIBGCCJIT  the libgccjit loaded for eval --jit and build (default:\n"
    "               libgccjit.so.0)\n"
    "\n"
    "See pgc(1) and doc/language.md.  Report bugs to: " PACKAGE_BUGREPORT "\n";

static const char usage_check[] =
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
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "      --dump=WHAT      print the tokens or the syntax tree instead of\n"
    "                         checking (WHAT is tokens or ast)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found,\n"
    "2 usage error or a file that cannot be read.\n";

static void print_version(void)
{
    printf("pgc %s\n", PACKAGE_VERSION);
    const Stdlib *std = std_load();
    printf("standard library%s:\n", std ? "" : " (failed to load)");
    std_describe(stdout);
}

/* ---- walking files -------------------------------------------------------- */

typedef struct Run {
    const Stdlib *std;
    Arena arena;
    enum { DUMP_NONE, DUMP_TOKENS, DUMP_AST } dump;
    bool io_error;
} Run;

static void check_source(void *ctx, const char *path)
{
    Run *r = ctx;
    Source src;
    if (!src_read(&src, path)) {
        diag_plain(path, "cannot read: %s", strerror(errno));
        r->io_error = true;
        return;
    }
    if (src.len > UINT32_MAX - 16) {
        diag_plain(path, "file too large (more than 4 GiB)");
        r->io_error = true;
        src_free(&src);
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
}

/* ---- pgc check ------------------------------------------------------------ */

static int usage_error(const char *fmt, const char *arg)
{
    fputs("pgc: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'pgc help check'.\n", stderr);
    return EXIT_USAGE;
}

static int cmd_check(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_WERROR, OPT_MAX_ERRORS, OPT_DUMP };
    static const struct option opts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "Werror", no_argument, NULL, OPT_WERROR },
        { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
        { "stdlib", required_argument, NULL, 'L' },
        { "dump", required_argument, NULL, OPT_DUMP },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    DiagOptions dopt = { .format = FMT_HUMAN, .max_errors = 50 };
    Run run = { 0 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hL:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "human") == 0) dopt.format = FMT_HUMAN;
            else if (strcmp(optarg, "gnu") == 0) dopt.format = FMT_GNU;
            else if (strcmp(optarg, "json") == 0) dopt.format = FMT_JSON;
            else return usage_error("unknown format '%s' (human, gnu or json)", optarg);
            break;
        case OPT_WERROR:
            dopt.werror = true;
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 1000000)
                return usage_error("--max-errors takes a number, not '%s'", optarg);
            dopt.max_errors = (int)v;
            break;
        }
        case 'L':
            std_add_path(optarg);
            break;
        case OPT_DUMP:
            if (strcmp(optarg, "tokens") == 0) run.dump = DUMP_TOKENS;
            else if (strcmp(optarg, "ast") == 0) run.dump = DUMP_AST;
            else return usage_error("unknown dump '%s' (tokens or ast)", optarg);
            break;
        case 'h':
            fputs(usage_check, stdout);
            return 0;
        default:
            fputs("Try 'pgc help check'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage_error("%s", "check: no files given");
    diag_setup(&dopt);
    run.std = std_load();
    if (!run.std) {
        diag_finish();
        fputs("pgc: the standard library has errors\n", stderr);
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++)
        if (!src_walk(argv[i], check_source, &run))
            run.io_error = true;
    diag_finish();
    arena_free(&run.arena);
    if (run.io_error)
        return EXIT_USAGE;
    return diag_total_errors() > 0 ? EXIT_ERRORS : 0;
}

/* ---- main ------------------------------------------------------------------ */

/* The commands, in the order `pgc --help` lists them. */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *label;              /* for messages: "pgc: check" */
} commands[] = {
    { "check", cmd_check, "pgc: check" },
    { "fmt", cmd_fmt, "pgc: fmt" },
    { "eval", cmd_eval, "pgc: eval" },
    { "import", cmd_import, "pgc: import" },
    { "render", cmd_render, "pgc: render" },
    { "build", cmd_build, "pgc: build" },
};

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            char *args[] = { argv[1], "--help", NULL };
            return commands[i].run(2, args);
        }
    }
    fprintf(stderr, "pgc: no command '%s'\nTry 'pgc --help'.\n", argv[1]);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* Each file's buffer is freed before the next is read: keep that memory
     * in the heap rather than mapping and faulting it in anew every time. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage_main, stdout);
        return src_close_stdout("pgc: help", 0);
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        DiagOptions d = { .format = FMT_HUMAN };
        diag_setup(&d);
        print_version();
        return src_close_stdout("pgc: version", 0);
    }
    if (strcmp(cmd, "help") == 0)
        return src_close_stdout("pgc: help", cmd_help(argc - 1, argv + 1));
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return src_close_stdout(commands[i].label, commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "pgc: unknown command '%s'\nTry 'pgc --help'.\n", cmd);
    return EXIT_USAGE;
}
