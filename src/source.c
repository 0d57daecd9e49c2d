/*
 * source.c — reading a file into memory.
 *
 * The scanner wants the whole text followed by two NUL bytes
 * (yy_scan_buffer), so files are read in one piece.  A UTF-8 BOM is
 * skipped here, once, so no later phase sees it; line 1 column 1 is the
 * first character after it.
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    size_t cap = 64 * 1024, len = 0;
    if (st.st_size > 0 && S_ISREG(st.st_mode))
        cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap + 2);
    if (!buf)
        pgc_die("out of memory reading %s", path);
    for (;;) {
        if (len == cap) {
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
    int err = ferror(f) ? errno : 0;
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

void src_free(Source *s)
{
    free(s->alloc);
    s->alloc = s->text = NULL;
}
