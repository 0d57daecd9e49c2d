/*
 * progress.c — a progress line for long runs, on a terminal only.
 *
 *     pgc check: 41,230/100,000 个文件，已用 12.4 秒
 *
 * A command over many files (check, eval, import, build) says how far it
 * is, on stderr, when stderr is a terminal and -q was not given; when
 * stderr is a file or a pipe (CI logs, editors, pre-commit hooks) nothing
 * is written, so outputs stay byte for byte the same.  The line is drawn
 * over itself (\r) at most ten times a second, erased before any other
 * message goes to stderr (diag.c calls progress_clear) and at the end.
 *
 * It is written to its own duplicate of the terminal's descriptor: pgc
 * check -j sends a part's stderr to a temporary file while it works, and
 * the line must still reach the terminal.  Forked workers count their
 * files in a shared counter (progress_shared) that the parent adds up.
 */
#define _DEFAULT_SOURCE             /* MAP_ANONYMOUS */
#include "rt.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static struct {
    int fd;                         /* the terminal, or -1: off */
    const char *what;               /* "check" */
    long total, done;
    double start, last;             /* seconds, monotonic */
    bool shown;                     /* a line is on the screen */
    long *shared;                   /* the workers' counters, or NULL */
    int nshared;
} P = { .fd = -1 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_begin(const char *what, long total, bool quiet)
{
    progress_end();
    if (quiet || total <= 1 || !isatty(2))
        return;
    P.fd = dup(2);
    if (P.fd < 0)
        return;
    P.what = what;
    P.total = total;
    P.done = 0;
    P.start = now();
    P.last = 0;
    P.shown = false;
}

bool progress_wanted(bool quiet)
{
    return !quiet && isatty(2);
}

bool progress_on(void)
{
    return P.fd >= 0;
}

static void put(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(P.fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void draw(void)
{
    char done[DEC_BUF], total[DEC_BUF], line[256];
    long d = P.done;
    for (int i = 0; i < P.nshared; i++)
        d += __atomic_load_n(&P.shared[i], __ATOMIC_RELAXED);
    if (d > P.total)
        d = P.total;
    dec_format(dec_from_int(d), true, done);
    dec_format(dec_from_int(P.total), true, total);
    long tenths = (long)((now() - P.start) * 10);
    /* TRANSLATORS: the progress line on a terminal: the program, the
     * command, files done, files in all, the seconds elapsed (one decimal) */
    int n = snprintf(line, sizeof line, _("%s %s: %s/%s files, %ld.%ld s"), cli_prog(), P.what, done,
                     total, tenths / 10, tenths % 10);
    if (n > 0) {
        put("\r", 1);
        put(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        put("\033[K", 3);
        P.shown = true;
    }
}

void progress_set(long done)
{
    if (P.fd < 0)
        return;
    P.done = done;
    double t = now();
    if (t - P.last < 0.1)
        return;
    P.last = t;
    draw();
}

void progress_step(void)
{
    if (P.fd >= 0)
        progress_set(P.done + 1);
}

void progress_clear(void)
{
    if (P.fd < 0 || !P.shown)
        return;
    put("\r\033[K", 4);
    P.shown = false;
    P.last = 0;                     /* drawn again at the next step */
}

long *progress_shared(int n)
{
    if (P.fd < 0 || n <= 0)
        return NULL;
    void *m = mmap(NULL, (size_t)n * sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    P.shared = m;
    P.nshared = n;
    memset(m, 0, (size_t)n * sizeof(long));
    return P.shared;
}

void progress_tick(void)
{
    if (P.fd < 0)
        return;
    double t = now();
    if (t - P.last < 0.1)
        return;
    P.last = t;
    draw();
}

/* ---- one long step: its name and the seconds, from a thread ---------------- */

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t stop;
    bool running, stopping;
    int fd;
    char line[256];                 /* "pgc build: compiling …" */
    double start;
} Wt = { .lock = PTHREAD_MUTEX_INITIALIZER, .stop = PTHREAD_COND_INITIALIZER, .fd = -1 };

static void wait_draw(void)
{
    char buf[320];
    long tenths = (long)((now() - Wt.start) * 10);
    int n = snprintf(buf, sizeof buf, "\r%s, %ld.%ld s\033[K", Wt.line, tenths / 10, tenths % 10);
    if (n > 0 && write(Wt.fd, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1) < 0)
        return;
}

static void *wait_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&Wt.lock);
    while (!Wt.stopping) {
        wait_draw();
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000 * 1000;
        if (until.tv_nsec >= 1000 * 1000 * 1000) {
            until.tv_sec++;
            until.tv_nsec -= 1000 * 1000 * 1000;
        }
        pthread_cond_timedwait(&Wt.stop, &Wt.lock, &until);
    }
    pthread_mutex_unlock(&Wt.lock);
    return NULL;
}

void progress_wait_begin(const char *what, const char *step)
{
    if (Wt.running || !isatty(2))
        return;
    Wt.fd = dup(2);
    if (Wt.fd < 0)
        return;
    snprintf(Wt.line, sizeof Wt.line, "%s %s: %s", cli_prog(), what, step);
    Wt.start = now();
    Wt.stopping = false;
    Wt.running = pthread_create(&Wt.thread, NULL, wait_thread, NULL) == 0;
    if (!Wt.running) {
        close(Wt.fd);
        Wt.fd = -1;
    }
}

void progress_wait_end(void)
{
    if (!Wt.running)
        return;
    pthread_mutex_lock(&Wt.lock);
    Wt.stopping = true;
    pthread_cond_signal(&Wt.stop);
    pthread_mutex_unlock(&Wt.lock);
    pthread_join(Wt.thread, NULL);
    Wt.running = false;
    if (write(Wt.fd, "\r\033[K", 4) < 0) {
        /* the terminal is gone: nothing to erase */
    }
    close(Wt.fd);
    Wt.fd = -1;
}

void progress_forget(void)
{
    if (P.fd >= 0)
        close(P.fd);
    P.fd = -1;
}

void progress_end(void)
{
    if (P.fd < 0)
        return;
    progress_clear();
    close(P.fd);
    P.fd = -1;
    if (P.shared)
        munmap(P.shared, (size_t)P.nshared * sizeof(long));
    P.shared = NULL;
    P.nshared = 0;
}
