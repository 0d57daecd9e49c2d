/*
 * out.c — writing: files replaced atomically, reports that outgrow
 * memory, and standard output closed with its errors said.
 *
 * Nothing pgc writes is ever half there.  A file (fmt -w, render -o,
 * eval -o, import, build's copy to a device) is written into a temporary
 * file beside it, synced, and renamed over it — or, where nothing may be
 * replaced (import without -f), hard-linked to its name, which fails if
 * the name exists.  A failure leaves any old file as it was.  A symbolic
 * link is followed (the file it names is replaced, the link stays); a
 * device or a FIFO (/dev/null, /dev/full, a pipe given as -o) is written
 * into, since it cannot be replaced; a read-only file is refused.
 *
 * A report of a whole portfolio can be larger than memory should hold: a
 * Spool keeps it in a buffer and, between spec files, moves what the
 * buffer holds to an unlinked temporary file once it passes a few MB;
 * spool_write sends it all out at the end, only when every project was
 * scored — after its head, what only the end knows but must come first
 * (the summary page of an html report of many projects).
 *
 * Standard output is buffered, so a write error (a full disk, a closed
 * pipe) may only show when it is flushed: every command, and a built
 * evaluator, ends through out_close_stdout, which says so and makes the
 * exit status 2.
 *
 * Reading is source.c's.
 */
#define _XOPEN_SOURCE 700    /* realpath */
#include "rt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What is written: nhead bytes, the contents of a spool file (if any),
 * then n bytes. */
typedef struct Data {
    const char *head;
    size_t nhead;
    FILE *spool;
    const char *s;
    size_t n;
} Data;

static const char *write_data(int fd, const Data *d)
{
    if (d->nhead) {
        const char *why = write_all(fd, d->head, d->nhead);
        if (why)
            return why;
    }
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
    char *tmp = xmalloc(n + 16);
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

bool out_write_file(const char *path, const char *data, size_t len, bool replace)
{
    return write_file(path, &(Data){ NULL, 0, NULL, data, len }, replace);
}

bool out_write_atomically(const char *path, const char *data, size_t len)
{
    return out_write_file(path, data, len, true);
}

/* ---- spooling ------------------------------------------------------------- */

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

bool out_copy_stream(FILE *from, FILE *to)
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
        return write_file(path, &(Data){ s->head.s, s->head.n, s->tmp, data, s->buf.n }, true);
    if ((s->head.n && fwrite(s->head.s, 1, s->head.n, stdout) != s->head.n) ||
        (s->tmp && !out_copy_stream(s->tmp, stdout)) || fwrite(data, 1, s->buf.n, stdout) != s->buf.n) {
        stdout_error(prog, strerror(errno ? errno : EIO));
        return false;
    }
    return true;
}

void spool_free(Spool *s)
{
    buf_free(&s->head);
    buf_free(&s->buf);
    if (s->tmp)
        fclose(s->tmp);
    s->tmp = NULL;
}

int out_close_stdout(const char *prog, int status)
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
