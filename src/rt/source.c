/*
 * source.c — reading: a file into memory, a large one mapped, the
 * command line's operands walked.
 *
 * The scanner wants the whole text followed by two NUL bytes
 * (yy_scan_buffer), so files are read in one piece; src_map maps a large
 * one (the actuals CSV) instead, so that it is read from the page cache as
 * it is used and its pages can be let go again.  A mapped file that
 * shrinks while it is in use (a spreadsheet or a sync tool rewriting it)
 * makes the next touch of a page past its new end a SIGBUS: the handler
 * here says which file changed and exits 2, before anything is written.
 * A UTF-8 BOM is
 * skipped here, once, so no later phase sees it; line 1 column 1 is the
 * first character after it.  A file that memory cannot hold is one that
 * cannot be read (ENOMEM), as one that is too large (EFBIG): the command
 * says so and goes on with the next.
 *
 * A file that has to be converted before it is read (an actuals CSV in
 * GB18030 or UTF-16, text.c) is decoded into a temporary file, unlinked
 * as soon as it is made (src_tmpfile), and mapped from there
 * (src_map_fd) under the name of the file it was made from: a copy on
 * disk, not in memory, which nothing else can see or change, and which
 * is gone when pgc ends however it ends.
 *
 * src_walk expands the command line's operands: a directory stands for
 * every *.pg file below it, in sorted order, hidden entries skipped.
 *
 * Writing is out.c's.
 */
#define _DEFAULT_SOURCE      /* MAP_ANONYMOUS, madvise */
#define _POSIX_C_SOURCE 200809L  /* sigaction */
#include "rt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest input read: far beyond any form, and a bound on what an
 * endless device (/dev/zero) or pipe can make pgc take in. */
#define SRC_MAX_LEN ((size_t)256 << 20)

static void set_text(Source *s, char *buf, size_t len)
{
    s->alloc = buf;
    s->bom = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        s->bom = 3;
    s->text = buf + s->bom;
    s->len = len - s->bom;
}

bool src_read(Source *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return false;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            fclose(f);
        errno = EISDIR;
        return false;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SRC_MAX_LEN) {
        if (!is_stdin)
            fclose(f);
        errno = EFBIG;
        return false;
    }
    size_t cap = 64 * 1024, len = 0;
    if (st.st_size > 0 && S_ISREG(st.st_mode))
        cap = (size_t)st.st_size + 1;
    /* a file that memory cannot hold cannot be read: ENOMEM, for this
     * file alone (the next one may fit) */
    char *buf = malloc(cap + 2);
    int err = buf ? 0 : ENOMEM;
    while (!err) {
        if (len == cap) {
            /* a device such as /dev/zero, or a pipe, may never end */
            if (len >= SRC_MAX_LEN) {
                err = EFBIG;
                break;
            }
            cap *= 2;
            char *nb = realloc(buf, cap + 2);
            if (!nb) {
                err = ENOMEM;
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (!err && ferror(f))
        err = errno;
    if (!is_stdin)
        fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return false;
    }
    buf[len] = buf[len + 1] = 0;
    set_text(s, buf, len);
    return true;
}

bool src_open(Source *s, const char *path)
{
    if (src_read(s, path))
        return true;
    diag_plain(path, "cannot read: %s", strerror(errno));
    return false;
}

void src_from_string(Source *s, const char *path, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    char *buf = xmalloc(len + 2);
    memcpy(buf, text, len);
    buf[len] = buf[len + 1] = 0;
    set_text(s, buf, len);
}

void src_adopt(Source *s, const char *path, Buf *b)
{
    buf_add(b, "", 1);                  /* the second NUL (buf_add keeps one) */
    memset(s, 0, sizeof *s);
    s->path = path;
    set_text(s, b->s, b->n - 1);
    *b = (Buf){ 0 };
}

void src_borrow(Source *s, const char *path, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->text = (char *)text;
    s->len = len;
}

/* ---- a mapped file that shrinks ---------------------------------------- */

/* The mappings in use, each with its message made beforehand (a signal
 * handler may only write(2) and _exit(2)). */
#define MAX_WATCHED 8
static struct {
    const char *base;
    size_t len;
    char msg[512];
    size_t msg_len;
} watched[MAX_WATCHED];

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    const char *at = si->si_addr;
    for (int i = 0; i < MAX_WATCHED; i++) {
        if (watched[i].base && at >= watched[i].base && at < watched[i].base + watched[i].len) {
            ssize_t ignored = write(STDERR_FILENO, watched[i].msg, watched[i].msg_len);
            (void)ignored;
            _exit(2);
        }
    }
    signal(sig, SIG_DFL);       /* not a file of ours: the default action, on return */
}

static void watch(const char *base, size_t len, const char *path)
{
    static bool installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sigbus;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, NULL);
        installed = true;
    }
    for (int i = 0; i < MAX_WATCHED; i++) {
        if (watched[i].base)
            continue;
        /* TRANSLATORS: the program, then the file */
        int n = snprintf(watched[i].msg, sizeof watched[i].msg,
                         _("%s: %s: the file became shorter while it was being read (was it being rewritten?); "
                           "nothing was written: run again when it is complete\n"),
                         cli_prog(), path);
        watched[i].msg_len = n < 0 ? 0 : (size_t)n < sizeof watched[i].msg ? (size_t)n : sizeof watched[i].msg - 1;
        watched[i].len = len;
        watched[i].base = base;
        return;
    }
}

static void unwatch(const char *base)
{
    for (int i = 0; i < MAX_WATCHED; i++)
        if (watched[i].base == base)
            watched[i].base = NULL;
}

/* Maps the len bytes of fd as src_map does. */
static bool map_fd(Source *s, int fd, size_t len, const char *path)
{
    if (len > SRC_MAX_MAPPED) {
        errno = EFBIG;
        return false;
    }
    /* zeros after the text, as src_read's two NULs: an anonymous page
     * beyond the file, which is mapped over the rest */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t total = (len / page + 1) * page;
    char *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED || (len > 0 && mmap(base, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)) {
        int err = errno;
        if (base != MAP_FAILED)
            munmap(base, total);
        errno = err;
        return false;
    }
    memset(s, 0, sizeof *s);
    s->path = path;
    set_text(s, base, len);
    s->mapped = total;
    watch(base, total, path);
    return true;
}

bool src_map(Source *s, const char *path)
{
    int fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        if (fd >= 0)
            close(fd);
        return src_read(s, path);
    }
    if ((unsigned long long)st.st_size > SRC_MAX_MAPPED) {
        close(fd);
        errno = EFBIG;
        return false;
    }
    bool ok = map_fd(s, fd, (size_t)st.st_size, path);
    int err = errno;
    close(fd);
    errno = err;
    return ok;
}

bool src_map_fd(Source *s, int fd, const char *path)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return false;
    return map_fd(s, fd, (size_t)st.st_size, path);
}

const char *src_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

int src_tmpfile(void)
{
    const char *dir = src_tmpdir();
    size_t n = strlen(dir) + 32;
    char *name = xmalloc(n);
    snprintf(name, n, "%s/pgc-XXXXXX", dir);
    int fd = mkstemp(name);
    int err = errno;
    if (fd >= 0)
        unlink(name);           /* gone when closed, whatever happens to pgc */
    free(name);
    errno = err;
    return fd;
}

void mem_drop_pages(const void *from, const void *to)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = (uintptr_t)from, b = (uintptr_t)to;
    a = (a + page - 1) / page * page;       /* whole pages inside the range */
    b = b / page * page;
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

void src_drop_pages(const Source *s, size_t from, size_t to)
{
    if (s->mapped)
        mem_drop_pages(s->text + from, s->text + (to < s->len ? to : s->len));
}

void src_free(Source *s)
{
    if (s->mapped) {
        unwatch(s->alloc);
        munmap(s->alloc, s->mapped);
    } else
        free(s->alloc);
    s->alloc = s->text = NULL;
    s->mapped = 0;
}

/* ---- the cells of a workbook or a document (office.c) ------------------- */

/* The letters of a 0-based column: 0 → A, 26 → AA. */
static void col_letters(uint32_t col, char *out)
{
    char tmp[8];
    int n = 0;
    for (uint32_t c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
        tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

void src_cell_name(const SrcCells *cs, const SrcCell *c, char *buf, size_t size)
{
    if (cs->kind == OFFICE_XLSX) {
        char letters[8];
        col_letters(c->col, letters);
        bool quote = strpbrk(cs->sheet, " !'") != NULL;
        snprintf(buf, size, "%s%s%s!%s%u", quote ? "'" : "", cs->sheet, quote ? "'" : "", letters,
                 (unsigned)c->row + 1);
    } else if (c->table) {
        /* TRANSLATORS: a cell of a Word document's table: table2!R5C3 is table 2,
           row 5, column 3. */
        snprintf(buf, size, _("table%u!R%uC%u"), (unsigned)c->table, (unsigned)c->row + 1, (unsigned)c->col + 1);
    } else {
        /* TRANSLATORS: a paragraph of a Word document outside its tables. */
        snprintf(buf, size, _("paragraph%u"), (unsigned)c->row + 1);
    }
}

const SrcCell *src_cell_at(const SrcCells *cs, uint32_t off)
{
    size_t lo = 0, hi = cs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cs->v[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &cs->v[lo - 1] : cs->n ? &cs->v[0] : NULL;
}

/* ---- walking directories ------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_pg_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".pg") == 0;
}

static bool walk(const char *path, SrcFileFn fn, void *ctx, int depth, bool quiet);

static bool walk_dir(const char *path, SrcFileFn fn, void *ctx, int depth, bool quiet)
{
    DIR *dir = opendir(path);
    if (!dir) {
        if (!quiet)
            diag_plain(path, "cannot open directory: %s", strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    size_t plen = strlen(path);
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = xrealloc(names, cap * sizeof *names);
        }
        size_t len = plen + strlen(e->d_name) + 2;
        names[n] = xmalloc(len);
        snprintf(names[n], len, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", e->d_name);
        n++;
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        bool known = stat(names[i], &st) == 0;
        if (known && S_ISDIR(st.st_mode))
            ok &= walk(names[i], fn, ctx, depth + 1, quiet);
        else if (has_pg_suffix(names[i]) && (!known || S_ISREG(st.st_mode)))
            fn(ctx, names[i]);  /* not a FIFO or a device: reading could hang */
        free(names[i]);
    }
    free(names);
    return ok;
}

static bool walk(const char *path, SrcFileFn fn, void *ctx, int depth, bool quiet)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (depth > 64) {
            if (!quiet)
                diag_plain(path, "directories nested too deep");
            return false;
        }
        return walk_dir(path, fn, ctx, depth, quiet);
    }
    fn(ctx, path);
    return true;
}

bool src_walk(const char *path, SrcFileFn fn, void *ctx)
{
    return walk(path, fn, ctx, 0, false);
}

bool src_walk_quiet(const char *path, SrcFileFn fn, void *ctx)
{
    return walk(path, fn, ctx, 0, true);
}

static void count_one(void *ctx, const char *path)
{
    (void)path;
    (*(long *)ctx)++;
}

long src_count(char *const *paths, int n)
{
    long total = 0;
    for (int i = 0; i < n; i++)
        walk(paths[i], count_one, &total, 0, true);
    return total;
}

/* ---- the environment's sizes ---------------------------------------------- */

size_t src_env_size(const char *name, size_t dflt)
{
    const char *e = getenv(name);
    long v = e ? atol(e) : 0;
    return v > 0 ? (size_t)v : dflt;
}
