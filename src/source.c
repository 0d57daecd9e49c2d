/*
 * source.c — reading a file into memory.
 *
 * The scanner wants the whole text followed by two NUL bytes
 * (yy_scan_buffer), so files are read in one piece; src_map maps a large
 * one (the actuals CSV) instead, so that it is read from the page cache as
 * it is used and its pages can be let go again.  A UTF-8 BOM is
 * skipped here, once, so no later phase sees it; line 1 column 1 is the
 * first character after it.
 *
 * src_walk expands the command line's operands: a directory stands for
 * every *.pg file below it, in sorted order, hidden entries skipped.
 */
#define _XOPEN_SOURCE 700    /* realpath */
#define _DEFAULT_SOURCE      /* MAP_ANONYMOUS, madvise */
#include "pgc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest input read: far beyond any form, and a bound on what an
 * endless device (/dev/zero) or pipe can make pgc take in. */
#define SRC_MAX_LEN ((size_t)256 << 20)
/* A mapped file takes no memory of its own; its positions (Loc) are 32-bit. */
#define SRC_MAX_MAPPED ((size_t)UINT32_MAX - 2)

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
    char *buf = malloc(cap + 2);
    if (!buf)
        pgc_die("out of memory reading %s", path);
    int err = 0;
    for (;;) {
        if (len == cap) {
            /* a device such as /dev/zero, or a pipe, may never end */
            if (len >= SRC_MAX_LEN) {
                err = EFBIG;
                break;
            }
            cap *= 2;
            char *nb = realloc(buf, cap + 2);
            if (!nb)
                pgc_die("out of memory reading %s", path);
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

void src_from_string(Source *s, const char *path, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    char *buf = malloc(len + 2);
    if (!buf)
        pgc_die("out of memory");
    memcpy(buf, text, len);
    buf[len] = buf[len + 1] = 0;
    set_text(s, buf, len);
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
    /* zeros after the text, as src_read's two NULs: an anonymous page
     * beyond the file, which is mapped over the rest */
    size_t page = (size_t)sysconf(_SC_PAGESIZE), len = (size_t)st.st_size;
    size_t total = (len / page + 1) * page;
    char *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED || mmap(base, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        int err = errno;
        if (base != MAP_FAILED)
            munmap(base, total);
        close(fd);
        errno = err;
        return false;
    }
    close(fd);
    memset(s, 0, sizeof *s);
    s->path = path;
    set_text(s, base, len);
    s->mapped = total;
    return true;
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
    if (s->mapped)
        munmap(s->alloc, s->mapped);
    else
        free(s->alloc);
    s->alloc = s->text = NULL;
    s->mapped = 0;
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
            names = realloc(names, cap * sizeof *names);
            if (!names)
                pgc_die("out of memory");
        }
        size_t len = plen + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            pgc_die("out of memory");
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

/* ---- writing ------------------------------------------------------------ */

/* Writes all of data to fd; NULL, or why not. */
static const char *write_all(int fd, const char *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno != EINTR)
            return strerror(errno);
        if (w > 0)
            done += (size_t)w;
    }
    return NULL;
}

/* What is written: the contents of a spool file (if any), then n bytes. */
typedef struct Data {
    FILE *spool;
    const char *s;
    size_t n;
} Data;

static const char *write_data(int fd, const Data *d)
{
    if (d->spool) {
        if (fflush(d->spool) != 0 || fseek(d->spool, 0, SEEK_SET) != 0)
            return strerror(errno);
        char buf[1 << 16];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, d->spool)) > 0) {
            const char *why = write_all(fd, buf, got);
            if (why)
                return why;
        }
        if (ferror(d->spool))
            return strerror(errno ? errno : EIO);
    }
    return write_all(fd, d->s, d->n);
}

/* Writes the data into a file that is not a regular one (a device such
 * as /dev/null or /dev/full, a FIFO): it cannot be replaced, only written
 * to.  Returns NULL or why not. */
static const char *write_into(const char *path, const Data *d)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return strerror(errno);
    const char *why = write_data(fd, d);
    if (close(fd) != 0 && !why)
        why = strerror(errno);
    return why;
}

/* Writes len bytes to path through a temporary file beside it, so no
 * reader ever sees half a file and a failure leaves any old file as it
 * was.  With replace, the temporary file is renamed over path (an existing
 * file keeps its mode); without, it is hard-linked to path, which fails if
 * path exists — so nothing is ever overwritten by accident.  A new file
 * gets 0666 less the umask.  A symbolic link is followed (the file it
 * names is replaced, the link stays); a device or a FIFO is written into,
 * never replaced; a read-only file is not replaced. */
static bool write_file(const char *path, const Data *d, bool replace)
{
    const char *shown = path;
    char *real = NULL;
    struct stat st;
    if (replace && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL)))
        path = real;
    if (replace && stat(path, &st) == 0) {
        const char *why = NULL;
        bool done = false;
        if (S_ISDIR(st.st_mode)) {
            why = strerror(EISDIR);
            done = true;
        } else if (!S_ISREG(st.st_mode)) {
            why = write_into(path, d);
            done = true;
        } else if ((st.st_mode & 0222) == 0 || access(path, W_OK) != 0) {
            diag_plain(shown, "cannot write: %s (the file is read-only; it is unchanged)", strerror(EACCES));
            free(real);
            return false;
        }
        if (done) {
            if (why)
                diag_plain(shown, "cannot write: %s", why);
            free(real);
            return !why;
        }
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        pgc_die("out of memory");
    snprintf(tmp, n + 16, "%s.pgc-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            diag_plain(shown, "cannot write: %s (its directory does not exist)", strerror(e));
        else
            diag_plain(shown, "cannot write: %s (no temporary file can be made beside it)", strerror(e));
        free(tmp);
        free(real);
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, replace && stat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask);
    const char *why = write_data(fd, d);
    if (!why && fsync(fd) != 0)
        why = strerror(errno);
    if (close(fd) != 0 && !why)
        why = strerror(errno);
    bool exists = false;
    if (!why && replace && rename(tmp, path) != 0)
        why = strerror(errno);
    if (!why && !replace && link(tmp, path) != 0) {
        if (errno == EEXIST) {
            exists = true;
        } else if (errno == EPERM || errno == ENOTSUP || errno == EXDEV || errno == EMLINK) {
            /* a file system without hard links: test, then rename */
            if (lstat(path, &st) == 0)
                exists = true;
            else if (rename(tmp, path) != 0)
                why = strerror(errno);
        } else {
            why = strerror(errno);
        }
    }
    unlink(tmp);                /* after link or a failure; gone after rename */
    if (exists)
        diag_plain(shown, "exists; not replaced (use -f to replace it)");
    else if (why)
        diag_plain(shown, "cannot write: %s (any file there is unchanged)", why);
    free(tmp);
    free(real);
    return !why && !exists;
}

bool src_write_file(const char *path, const char *data, size_t len, bool replace)
{
    return write_file(path, &(Data){ NULL, data, len }, replace);
}

bool src_write_atomically(const char *path, const char *data, size_t len)
{
    return src_write_file(path, data, len, true);
}

/* ---- spooling ------------------------------------------------------------- */

size_t src_env_size(const char *name, size_t dflt)
{
    const char *e = getenv(name);
    long v = e ? atol(e) : 0;
    return v > 0 ? (size_t)v : dflt;
}

void spool_keep(Spool *s)
{
    /* what it keeps in memory before it moves it to its file;
     * PGC_SPOOL_KEEP overrides it (tests/cli/build-diff.sh: 1 byte) */
    if (!s->limit)
        s->limit = src_env_size("PGC_SPOOL_KEEP", (size_t)4 << 20);
    if (s->buf.n < s->limit || s->err)
        return;
    if (!s->tmp && !(s->tmp = tmpfile())) {
        s->err = errno;
        return;
    }
    if (fwrite(s->buf.s, 1, s->buf.n, s->tmp) != s->buf.n) {
        s->err = errno ? errno : EIO;
        return;
    }
    s->buf.n = 0;
    s->buf.s[0] = 0;
}

bool src_copy_stream(FILE *from, FILE *to)
{
    if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return false;
    char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, got, to) != got)
            return false;
    return !ferror(from);
}

/* "PROG: cannot write to standard output: WHY" (prog: "pgc: eval", or a
 * built evaluator's name). */
static void stdout_error(const char *prog, const char *why)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, _("cannot write to standard output: %s"), why);
    fputc('\n', stderr);
}

bool spool_write(Spool *s, const char *path, const char *prog)
{
    if (s->err) {
        if (path)
            diag_plain(path, "cannot write: %s (in a temporary file; any file there is unchanged)",
                       strerror(s->err));
        else
            stdout_error(prog, strerror(s->err));
        return false;
    }
    const char *data = s->buf.s ? s->buf.s : "";
    if (path)
        return write_file(path, &(Data){ s->tmp, data, s->buf.n }, true);
    if ((s->tmp && !src_copy_stream(s->tmp, stdout)) || fwrite(data, 1, s->buf.n, stdout) != s->buf.n) {
        stdout_error(prog, strerror(errno ? errno : EIO));
        return false;
    }
    return true;
}

void spool_free(Spool *s)
{
    buf_free(&s->buf);
    if (s->tmp)
        fclose(s->tmp);
    s->tmp = NULL;
}

int src_close_stdout(const char *prog, int status)
{
    errno = 0;
    bool failed = fflush(stdout) != 0;
    int err = errno;
    if (failed || ferror(stdout)) {
        if (status != 2)            /* a command that failed with 2 has said why */
            stdout_error(prog, err ? strerror(err) : _("write error"));
        fflush(stderr);
        return 2;
    }
    return status;
}
