/*
 * main.c — pgc's main: the commands by name, --help, --version and
 * `pgc help COMMAND`.
 *
 * Each command is a function of its own file, given the arguments after
 * its name (argv[0] is the command's name, for getopt's messages):
 *
 *     check   check-cmd.c     fmt     fmt.c       eval    eval.c
 *     import  import.c        render  render.c    build   build.c
 *
 * Each reads its options through cli_parse (cli.c) and returns its exit
 * status (0, 1, 2: rt.h); main returns it through out_close_stdout, so a
 * write error on standard output is said and makes it 2.
 */
#include "pgc.h"

#include <malloc.h>
#include <string.h>

#include "config.h"

/* ---- help ------------------------------------------------------------------ */

/* A format: the runtime's directory. */
static const char usage_main[] = N_(
    "Usage: pgc COMMAND [OPTION]... [FILE|DIR]...\n"
    "pgc compiles performance targets (绩效目标) written in the .pg language.\n"
    "\n"
    "Commands:\n"
    "  check     check .pg files and report every problem found\n"
    "  fmt       format .pg files in the canonical layout\n"
    "  eval      score projects against their year-end actuals (the 自评表)\n"
    "  test      score the cases whose actuals state what they expect (总分, 等级,\n"
    "            得分) and report every difference\n"
    "  monitor   monitor projects in the year: spending and forecasts against\n"
    "            序时进度 and the targets, with warning lights (the 执行监控表)\n"
    "  import    turn 申报表 tables pasted from Word, WPS or Excel into .pg files\n"
    "  render    draw the 申报表 back from a .pg file, as Markdown or HTML\n"
    "  build     write a standalone evaluator (an executable) for the units\n"
    "            that fill in the actuals\n"
    "  lsp       the language server, for editors (doc/editors.md)\n"
    "  help      show help for a command: pgc help check\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and the standard library in use\n"
    "\n"
    "Environment:\n"
    "  PGC_PATH     colon-separated directories searched for standard-library\n"
    "               modules (categories.pg, scales.pg, units.pg, schemes.pg,\n"
    "               monitor.pg)\n"
    "               before the copies built into pgc\n"
    "  PGC_RUNTIME  the runtime library pgc build links (default: libpgcrt.a\n"
    "               beside pgc, else in %s)\n"
    "  PGC_LIBGCCJIT  the libgccjit loaded for eval --jit and build (default:\n"
    "               libgccjit.so.0)\n"
    "  PGC_LOCALEDIR  where the message catalogs are (default: locale/ beside\n"
    "               pgc, else the installed ones); LANG, LC_ALL, LC_MESSAGES and\n"
    "               LANGUAGE choose the language (zh_CN.UTF-8: Chinese)\n"
    "\n"
    "See pgc(1) and doc/language.md.  Report bugs on the pgc issue tracker.\n");

static int print_usage_main(FILE *out)
{
    fprintf(out, _(usage_main), PGC_PKGLIBDIR);
    return EXIT_OK;
}

static void print_version(void)
{
    printf("pgc %s\n", PACKAGE_VERSION);
    const Stdlib *std = std_load();
    fputs(std ? _("standard library:\n") : _("standard library (failed to load):\n"), stdout);
    std_describe(stdout);
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
    { "test", cmd_test, "pgc: test" },
    { "monitor", cmd_monitor, "pgc: monitor" },
    { "import", cmd_import, "pgc: import" },
    { "render", cmd_render, "pgc: render" },
    { "build", cmd_build, "pgc: build" },
    { "lsp", cmd_lsp, "pgc: lsp" },
};

static int cmd_help(int argc, char **argv)
{
    if (argc < 2)
        return print_usage_main(stdout);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            char *args[] = { argv[1], "--help", NULL };
            return commands[i].run(2, args);
        }
    }
    return cli_usage_error(NULL, "no command '%s'", argv[1]);
}

int main(int argc, char **argv)
{
    /* Each file's buffer is freed before the next is read: keep that memory
     * in the heap rather than mapping and faulting it in anew every time. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    cli_init("pgc");
    if (argc < 2) {
        print_usage_main(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        return out_close_stdout("pgc: help", print_usage_main(stdout));
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        DiagOptions d = { .format = FMT_HUMAN };
        diag_setup(&d);
        print_version();
        return out_close_stdout("pgc: version", 0);
    }
    if (strcmp(cmd, "help") == 0)
        return out_close_stdout("pgc: help", cmd_help(argc - 1, argv + 1));
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return out_close_stdout(commands[i].label, commands[i].run(argc - 1, argv + 1));
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
