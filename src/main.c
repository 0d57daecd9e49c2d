/*
 * main.c — the command line: `pgc check`, help and version.
 *
 * The pipeline for each file is read (source.c) → parse (parse.c) →
 * check (check.c) → print diagnostics (diag.c), then the file's arena is
 * dropped before the next file, so memory stays flat over any number of
 * files.  Directories are searched recursively for *.pg (src_walk).
 *
 * Many files are checked by several processes (-j, default one per CPU):
 * the files are split into contiguous parts of about equal bytes, each
 * part checked by a forked worker with its output in a temporary file,
 * and the outputs printed in the order of the parts — so the output is
 * exactly that of one process, only sooner.
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
    "               beside pgc, else in %s)\n"
    "  PGC_LIBGCCJIT  the libgccjit loaded for eval --jit and build (default:\n"
    "               libgccjit.so.0)\n"
    "  PGC_LOCALEDIR  where the message catalogs are (default: locale/ beside\n"
    "               pgc, else the installed ones); LANG, LC_ALL, LC_MESSAGES and\n"
    "               LANGUAGE choose the language (zh_CN.UTF-8: Chinese)\n"
    "\n"
    "See pgc(1) and doc/language.md.  Report bugs on the pgc issue tracker.\n");

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

/* ---- walking files -------------------------------------------------------- */

typedef struct Run {
    const Stdlib *std;
    Arena arena;
    enum { DUMP_NONE, DUMP_TOKENS, DUMP_AST } dump;
    bool io_error;
    long *done;                 /* a worker's count of files, for the progress line */
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
    if (r->done)
        __atomic_add_fetch(r->done, 1, __ATOMIC_RELAXED);
    else
        progress_step();
}

/* ---- checking in parallel ------------------------------------------------------- */

typedef struct FileList {
    char **path;
    off_t *size;
    size_t n, cap;
} FileList;

static void collect(void *ctx, const char *path)
{
    FileList *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->path = realloc(l->path, l->cap * sizeof *l->path);
        l->size = realloc(l->size, l->cap * sizeof *l->size);
        if (!l->path || !l->size)
            pgc_die("out of memory");
    }
    struct stat st;
    l->size[l->n] = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
    if (!(l->path[l->n++] = strdup(path)))
        pgc_die("out of memory");
}

/* Below this many bytes of files a second process is not worth starting. */
enum { PARALLEL_MIN_BYTES = 256 * 1024, MAX_JOBS = 64 };

/* A part's output, then its temporary file is closed (a write error on
 * stdout is reported at exit by src_close_stdout); stderr is replayed,
 * applying the warnings' cap as one process would. */
static void copy_out(FILE *from, FILE *to)
{
    if (to == stderr)
        diag_replay(from, to);
    else
        src_copy_stream(from, to);
    fclose(from);
}

/* Checks files [from, to) with stdout and stderr going to out and err,
 * every message marked for diag_replay. */
static void check_part(Run *run, const FileList *l, size_t from, size_t to, FILE *out, FILE *err)
{
    int o = dup(1), e = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    diag_set_records(true);
    for (size_t i = from; i < to; i++)
        check_source(run, l->path[i]);
    diag_set_records(false);
    fflush(stdout);
    fflush(stderr);
    dup2(o, 1);
    dup2(e, 2);
    close(o);
    close(e);
}

/* Waits for a worker, drawing the progress line meanwhile. */
static void wait_worker(pid_t pid, int *st)
{
    if (progress_on()) {
        const struct timespec pause = { 0, 50 * 1000 * 1000 };
        pid_t r;
        while ((r = waitpid(pid, st, WNOHANG)) == 0 || (r < 0 && errno == EINTR)) {
            progress_tick();
            nanosleep(&pause, NULL);
        }
        return;
    }
    while (waitpid(pid, st, 0) < 0 && errno == EINTR)
        ;
}

static int run_status(const Run *run)
{
    return run->io_error ? EXIT_USAGE : diag_total_errors() > 0 ? EXIT_ERRORS : 0;
}

/* Checks the files in `jobs` parts, each in a forked worker (the last
 * part, or any that cannot be forked, in this process), and prints their
 * outputs in order; returns the worst exit status, or -1 when the
 * temporary files cannot be made (nothing was checked). */
static int check_parallel(Run *run, const FileList *l, off_t total, int jobs)
{
    struct Part { pid_t pid; FILE *out, *err; } w[MAX_JOBS];
    for (int k = 0; k < jobs; k++) {
        w[k].out = tmpfile();
        w[k].err = tmpfile();
        if (!w[k].out || !w[k].err) {
            for (int j = 0; j <= k; j++) {
                if (w[j].out)
                    fclose(w[j].out);
                if (w[j].err)
                    fclose(w[j].err);
            }
            return -1;
        }
    }
    int nw = 0;
    size_t from = 0;
    off_t done = 0;
    long *counts = progress_shared(jobs);
    fflush(stdout);
    fflush(stderr);
    for (int k = 0; k < jobs && from < l->n; k++) {
        /* part k: the files up to about (k + 1) / jobs of the bytes */
        size_t to = from;
        off_t goal = total / jobs * (k + 1);
        while (to < l->n && (k == jobs - 1 || done < goal || to == from))
            done += l->size[to++];
        FILE *out = w[k].out, *err = w[k].err;
        pid_t pid = k < jobs - 1 ? fork() : -1;
        if (pid == 0) {
            progress_forget();
            run->done = counts ? &counts[k] : NULL;
            check_part(run, l, from, to, out, err);
            _exit(run_status(run));
        }
        if (pid < 0) {
            /* this process takes the rest: after the workers' parts */
            to = l->n;
            check_part(run, l, from, to, out, err);
        }
        w[nw++].pid = pid;
        from = to;
    }
    for (int k = nw; k < jobs; k++) {
        fclose(w[k].out);
        fclose(w[k].err);
    }
    /* every worker done (the progress line drawn meanwhile), then the
     * parts printed in order */
    int st[MAX_JOBS] = { 0 }, rc[MAX_JOBS];
    for (int k = 0; k < nw; k++) {
        rc[k] = run_status(run);
        if (w[k].pid > 0) {
            wait_worker(w[k].pid, &st[k]);
            rc[k] = WIFEXITED(st[k]) ? WEXITSTATUS(st[k]) : -1;
        }
    }
    progress_end();
    int status = 0;
    for (int k = 0; k < nw; k++) {
        copy_out(w[k].out, stdout);
        copy_out(w[k].err, stderr);
        if (rc[k] < 0 || rc[k] > EXIT_USAGE) {
            if (WIFSIGNALED(st[k]))
                cli_cmd_error("check", "a worker process died (%s)", strsignal(WTERMSIG(st[k])));
            else
                cli_cmd_error("check", "a worker process ended with status %d", rc[k]);
            rc[k] = EXIT_USAGE;
        }
        if (rc[k] > status)
            status = rc[k];
    }
    return status;
}

/* ---- pgc check ------------------------------------------------------------ */

static int cmd_check(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_WERROR, OPT_MAX_ERRORS, OPT_MAX_WARNINGS, OPT_DUMP };
    static const struct option opts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "Werror", no_argument, NULL, OPT_WERROR },
        { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
        { "max-warnings", required_argument, NULL, OPT_MAX_WARNINGS },
        { "quiet", no_argument, NULL, 'q' },
        { "stdlib", required_argument, NULL, 'L' },
        { "dump", required_argument, NULL, OPT_DUMP },
        { "jobs", required_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    Run run = { 0 };
    long jobs = 0, n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hqL:j:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "human") == 0) dopt.format = FMT_HUMAN;
            else if (strcmp(optarg, "gnu") == 0) dopt.format = FMT_GNU;
            else if (strcmp(optarg, "json") == 0) dopt.format = FMT_JSON;
            else return cli_usage_error("check", "unknown format '%s' (human, gnu or json)", optarg);
            break;
        case OPT_WERROR:
            dopt.werror = true;
            break;
        case OPT_MAX_ERRORS:
            if (!cli_count("check", "--max-errors", optarg, 1000000, &n))
                return EXIT_USAGE;
            dopt.max_errors = (int)n;
            break;
        case OPT_MAX_WARNINGS:
            if (!cli_count("check", "--max-warnings", optarg, 1000000, &n))
                return EXIT_USAGE;
            dopt.max_warnings = (int)n;
            break;
        case 'q':
            dopt.quiet = true;
            break;
        case 'L':
            std_add_path(optarg);
            break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*end || end == optarg || jobs < 1 || jobs > MAX_JOBS)
                return cli_usage_error("check", "--jobs takes a number from 1 to %d, not '%s'", MAX_JOBS, optarg);
            break;
        }
        case OPT_DUMP:
            if (strcmp(optarg, "tokens") == 0) run.dump = DUMP_TOKENS;
            else if (strcmp(optarg, "ast") == 0) run.dump = DUMP_AST;
            else return cli_usage_error("check", "unknown dump '%s' (tokens or ast)", optarg);
            break;
        case 'h':
            return cli_help(usage_check);
        default:
            fprintf(stderr, _("Try '%s help %s'.\n"), cli_prog(), "check");
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return cli_usage_error("check", "no files given");
    diag_setup(&dopt);
    run.std = std_load();
    if (!run.std) {
        diag_finish();
        cli_error("the standard library has errors");
        return EXIT_USAGE;
    }
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
    }
    /* one process for the JSON document (its totals), dumps and stdin */
    bool one = jobs == 1 || dopt.format == FMT_JSON || run.dump != DUMP_NONE;
    for (int i = optind; i < argc && !one; i++)
        one = strcmp(argv[i], "-") == 0;
    int status = 0;
    if (one) {
        if (progress_wanted(dopt.quiet) && dopt.format != FMT_JSON && run.dump == DUMP_NONE)
            progress_begin("check", src_count(argv + optind, argc - optind), false);
        for (int i = optind; i < argc; i++)
            if (!src_walk(argv[i], check_source, &run))
                run.io_error = true;
        status = run_status(&run);
    } else {
        /* the files first (a directory that cannot be read is reported
         * here, before any file's diagnostics), then their parts */
        FileList l = { 0 };
        bool walked = true;
        for (int i = optind; i < argc; i++)
            walked &= src_walk(argv[i], collect, &l);
        off_t total = 0;
        for (size_t i = 0; i < l.n; i++)
            total += l.size[i];
        status = -1;
        progress_begin("check", (long)l.n, dopt.quiet);
        if (total >= PARALLEL_MIN_BYTES && l.n > 1)
            status = check_parallel(&run, &l, total, (int)(jobs < (long)l.n ? jobs : (long)l.n));
        if (status < 0) {
            for (size_t i = 0; i < l.n; i++)
                check_source(&run, l.path[i]);
            status = run_status(&run);
        }
        if (!walked)
            status = EXIT_USAGE;
        for (size_t i = 0; i < l.n; i++)
            free(l.path[i]);
        free(l.path);
        free(l.size);
    }
    progress_end();
    diag_finish();
    arena_free(&run.arena);
    return status;
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
        return src_close_stdout("pgc: help", print_usage_main(stdout));
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
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
