/*
 * check-cmd.c — `pgc check`: the files read, parsed and checked, in one
 * process or several.  (check.c is the checker itself.)
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
 * exactly that of one process, only sooner.  One process checks them
 * when there is little to check (under PARALLEL_MIN_BYTES), for a JSON
 * document (its totals), a dump, and standard input.
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O
 * errors (these win over 1).
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- walking files -------------------------------------------------------- */

/* --dump: what to print instead of checking. */
enum { DUMP_NONE, DUMP_TOKENS, DUMP_AST };

typedef struct Run {
    const Stdlib *std;
    Arena arena;
    int dump;                   /* DUMP_* (--dump) */
    bool io_error;
    long *done;                 /* a worker's count of files, for the progress line */
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
        l->path = xrealloc(l->path, l->cap * sizeof *l->path);
        l->size = xrealloc(l->size, l->cap * sizeof *l->size);
    }
    struct stat st;
    l->size[l->n] = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
    l->path[l->n++] = xstrdup(path);
}

/* Below this many bytes of files a second process is not worth starting. */
enum { PARALLEL_MIN_BYTES = 256 * 1024, MAX_JOBS = 64 };

/* A part's output, then its temporary file is closed (a write error on
 * stdout is reported at exit by out_close_stdout); stderr is replayed,
 * applying the warnings' cap as one process would. */
static void copy_out(FILE *from, FILE *to)
{
    if (to == stderr)
        diag_replay(from, to);
    else
        out_copy_stream(from, to);
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

/* -j N, --jobs=N: from 1 to MAX_JOBS. */
static bool jobs_arg(const char *arg, void *to)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*end || end == arg || n < 1 || n > MAX_JOBS) {
        cli_usage_error("check", "--jobs takes a number from 1 to %d, not '%s'", MAX_JOBS, arg);
        return false;
    }
    *(long *)to = n;
    return true;
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
        walked &= src_walk(operands[i], collect, &l);
    off_t total = 0;
    for (size_t i = 0; i < l.n; i++)
        total += l.size[i];
    int status = -1;
    progress_begin("check", (long)l.n, dopt->quiet);
    if (total >= PARALLEL_MIN_BYTES && l.n > 1)
        status = check_parallel(run, &l, total, (int)(jobs < (long)l.n ? jobs : (long)l.n));
    if (status < 0) {
        for (size_t i = 0; i < l.n; i++)
            check_source(run, l.path[i]);
        status = run_status(run);
    }
    if (!walked)
        status = EXIT_USAGE;
    for (size_t i = 0; i < l.n; i++)
        free(l.path[i]);
    free(l.path);
    free(l.size);
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
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
    }
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
