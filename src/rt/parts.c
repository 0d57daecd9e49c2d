/*
 * parts.c — a run's files in parts, each part in a forked process: pgc
 * check -j, pgc eval -j and a built evaluator's -j (its spec files).
 *
 * The files are split into contiguous parts of about equal bytes, in
 * their order.  Each part runs in a forked worker with its stdout and
 * stderr in temporary files and every diagnostic marked (records), and
 * the parent then takes the parts in order: the command's `output`
 * callback (or a plain copy) for stdout, diag_replay for stderr, which
 * applies the --max-warnings cap as one process would.  So the output is
 * exactly that of one process, only sooner.  The last part, or any that
 * cannot be forked, runs in this process.
 *
 * What a worker has to hand back beyond its output (pgc eval: how many
 * projects it reported, which actuals it used) goes through memory shared
 * before the fork (parts_shared), as the progress line's counts do.
 */
#define _DEFAULT_SOURCE     /* MAP_ANONYMOUS */
#include "rt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void files_add(void *list, const char *path)
{
    FileList *l = list;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->path = xrealloc(l->path, l->cap * sizeof *l->path);
        l->size = xrealloc(l->size, l->cap * sizeof *l->size);
    }
    struct stat st;
    l->size[l->n] = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
    l->total += l->size[l->n];
    l->path[l->n++] = xstrdup(path);
}

void files_free(FileList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    free(l->path);
    free(l->size);
    *l = (FileList){ 0 };
}

long parts_default_jobs(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > PARTS_MAX_JOBS ? PARTS_MAX_JOBS : cpus;
}

bool parts_jobs_arg(const char *cmd, const char *arg, long *to)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*end || end == arg || n < 1 || n > PARTS_MAX_JOBS) {
        cli_usage_error(cmd, "--jobs takes a number from 1 to %d, not '%s'", PARTS_MAX_JOBS, arg);
        return false;
    }
    *to = n;
    return true;
}

bool parts_worth(size_t n, off_t total, long jobs)
{
    return jobs > 1 && n > 1 && total >= PARTS_MIN_BYTES;
}

void *parts_shared(size_t size)
{
    void *m = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return m == MAP_FAILED ? NULL : m;
}

void parts_unshare(void *m, size_t size)
{
    if (m)
        munmap(m, size ? size : 1);
}

/* A worker's count of files done, for the progress line; NULL in the
 * parent, which draws the line itself. */
static long *done_here;

void parts_step(void)
{
    if (done_here)
        __atomic_add_fetch(done_here, 1, __ATOMIC_RELAXED);
    else
        progress_step();
}

/* Part k: files [from, to) with stdout and stderr going to out and err,
 * every message marked for diag_replay. */
static void run_part(const Parts *p, size_t from, size_t to, int k, FILE *out, FILE *err)
{
    int o = dup(1), e = dup(2);
    fflush(stdout);
    fflush(stderr);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    diag_set_records(true);
    p->run(p->ctx, from, to, k);
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

int parts_run(const Parts *p, const off_t *size, size_t n, off_t total, long jobs_asked)
{
    int jobs = (int)(jobs_asked < (long)n ? jobs_asked : (long)n);
    if (jobs > PARTS_MAX_JOBS)
        jobs = PARTS_MAX_JOBS;
    struct Part { pid_t pid; FILE *out, *err; } w[PARTS_MAX_JOBS];
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
    for (int k = 0; k < jobs && from < n; k++) {
        /* part k: the items up to about (k + 1) / jobs of the bytes */
        size_t to = from;
        off_t goal = total / jobs * (k + 1);
        while (to < n && (k == jobs - 1 || done < goal || to == from))
            done += size[to++];
        pid_t pid = k < jobs - 1 ? fork() : -1;
        if (pid == 0) {
            progress_forget();
            done_here = counts ? &counts[k] : NULL;
            run_part(p, from, to, k, w[k].out, w[k].err);
            _exit(p->status(p->ctx));
        }
        if (pid < 0) {
            /* this process takes the rest: after the workers' parts */
            to = n;
            run_part(p, from, to, k, w[k].out, w[k].err);
        }
        w[nw++].pid = pid;
        from = to;
    }
    for (int k = nw; k < jobs; k++) {
        fclose(w[k].out);
        fclose(w[k].err);
    }
    /* every worker done (the progress line drawn meanwhile), then the
     * parts taken in order */
    int st[PARTS_MAX_JOBS] = { 0 }, rc[PARTS_MAX_JOBS];
    for (int k = 0; k < nw; k++) {
        rc[k] = p->status(p->ctx);
        if (w[k].pid > 0) {
            wait_worker(w[k].pid, &st[k]);
            rc[k] = WIFEXITED(st[k]) ? WEXITSTATUS(st[k]) : -1;
        }
    }
    progress_end();
    int status = 0;
    for (int k = 0; k < nw; k++) {
        bool whole = rc[k] >= 0 && rc[k] <= EXIT_USAGE;
        if (p->output && whole)
            p->output(p->ctx, k, w[k].out);
        else if (!p->output)
            out_copy_stream(w[k].out, stdout);     /* a write error: out_close_stdout says it */
        fclose(w[k].out);
        diag_replay(w[k].err, stderr);
        fclose(w[k].err);
        if (rc[k] < 0 || rc[k] > EXIT_USAGE) {
            char why[128];
            if (WIFSIGNALED(st[k]))
                /* TRANSLATORS: the signal's name */
                snprintf(why, sizeof why, _("a worker process died (%s)"), strsignal(WTERMSIG(st[k])));
            else
                snprintf(why, sizeof why, _("a worker process ended with status %d"), rc[k]);
            if (p->cmd)
                cli_cmd_error(p->cmd, "%s", why);
            else
                cli_error("%s", why);
            rc[k] = EXIT_USAGE;
        }
        if (rc[k] > status)
            status = rc[k];
    }
    return status;
}
