/*
 * rpc.c — LSP's base protocol: messages framed by a Content-Length header,
 * JSON-RPC 2.0 inside (https://microsoft.github.io/language-server-protocol/
 * specifications/lsp/3.17/specification/#baseProtocol).
 *
 *     Content-Length: 52\r\n
 *     \r\n
 *     {"jsonrpc":"2.0","id":1,"method":"shutdown"}…
 *
 * Reading: header lines up to an empty one (a line may end in \n alone),
 * names compared without case, unknown ones (Content-Type) ignored; then
 * exactly Content-Length bytes, however the pipe cuts them.  A header
 * block without a usable length (none, not a number, two that differ, over
 * MAX_BODY) is reported to the caller, which answers it with a parse
 * error; an oversized body is skipped unread.  Input is read in pieces of
 * CHUNK bytes into one buffer, so that lsp_pending can tell what has come
 * already: the server uses it to check only the latest of several edits.
 *
 * Writing: standard output carries nothing but these frames (diagnostics
 * of pgc's other commands go to stderr, and the server sets them to a
 * sink); the log goes to stderr, in English: it is for whoever debugs a
 * session, as pgc_die's details are (what a user reads — a diagnostic, a
 * refused request's message — is translated).
 */
#include "lsp.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

enum { CHUNK = 1 << 16 };
/* A body longer than this is refused (and skipped): a .pg document of a
 * few hundred projects is a few MB. */
#define MAX_BODY ((size_t)256 << 20)

void lsp_in_init(LspIn *in, int fd)
{
    *in = (LspIn){ .fd = fd };
}

void lsp_in_free(LspIn *in)
{
    free(in->buf);
    in->buf = NULL;
}

/* Reads once more, appending; false at the end of input (or an error). */
static bool fill(LspIn *in)
{
    if (in->eof)
        return false;
    if (in->pos > 0 && in->pos == in->n)
        in->pos = in->n = 0;
    if (in->cap - in->n < CHUNK) {
        /* the unread part moved to the front, then room made for a chunk */
        if (in->pos > 0)
            memmove(in->buf, in->buf + in->pos, in->n - in->pos);
        in->n -= in->pos;
        in->pos = 0;
        if (in->cap - in->n < CHUNK) {
            in->cap = in->n + 2 * CHUNK;
            in->buf = xrealloc(in->buf, in->cap + 1);
        }
    }
    ssize_t r;
    do
        r = read(in->fd, in->buf + in->n, CHUNK);
    while (r < 0 && errno == EINTR);
    if (r <= 0) {
        if (r < 0)
            lsp_log("cannot read standard input: %s", strerror(errno));
        in->eof = true;
        return false;
    }
    in->n += (size_t)r;
    return true;
}

bool lsp_pending(LspIn *in)
{
    if (in->pos < in->n)
        return true;
    if (in->eof)
        return false;
    struct pollfd p = { .fd = in->fd, .events = POLLIN };
    return poll(&p, 1, 0) > 0;
}

/* The next header line, without its \r\n or \n; NULL at the end of input
 * (*partial: some of it had come). */
static char *read_line(LspIn *in, bool *partial)
{
    for (;;) {
        char *nl = in->buf ? memchr(in->buf + in->pos, '\n', in->n - in->pos) : NULL;
        if (nl) {
            char *line = in->buf + in->pos;
            in->pos = (size_t)(nl - in->buf) + 1;
            if (nl > line && nl[-1] == '\r')
                nl--;
            *nl = 0;
            return line;
        }
        if (!fill(in)) {
            *partial = in->pos < in->n;
            return NULL;
        }
    }
}

/* One header line: a Content-Length sets *len (or *why). */
static void header(const char *line, size_t *len, bool *have, const char **why)
{
    const char *colon = strchr(line, ':');
    if (!colon) {
        *why = "a header line without ':'";
        return;
    }
    if ((size_t)(colon - line) != strlen("Content-Length") || strncasecmp(line, "Content-Length", 14) != 0)
        return;                         /* Content-Type and others: ignored */
    const char *v = colon + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = 0;
    const char *d = v;
    for (; *d >= '0' && *d <= '9'; d++) {
        if (n > MAX_BODY)
            break;
        n = n * 10 + (size_t)(*d - '0');
    }
    while (*d == ' ' || *d == '\t')
        d++;
    if (d == v || *d) {
        *why = "a Content-Length that is not a number";
    } else if (*have && n != *len) {
        *why = "two different Content-Length headers";
    } else {
        *len = n;
        *have = true;
    }
}

/* Skips n bytes of input without keeping them. */
static bool skip(LspIn *in, size_t n)
{
    while (n > 0) {
        if (in->pos == in->n && !fill(in))
            return false;
        size_t k = in->n - in->pos < n ? in->n - in->pos : n;
        in->pos += k;
        n -= k;
    }
    return true;
}

LspRead lsp_read(LspIn *in, char **body, size_t *len, const char **why)
{
    size_t n = 0;
    bool have = false, partial = false, any = false;
    *why = NULL;
    for (;;) {
        char *line = read_line(in, &partial);
        if (!line)
            return any || partial ? LSP_TRUNCATED : LSP_EOF;
        if (!*line) {
            if (!any)
                continue;               /* blank lines between messages */
            break;
        }
        any = true;
        header(line, &n, &have, why);
    }
    if (!*why && !have)
        *why = "a message without Content-Length";
    if (!*why && n > MAX_BODY) {
        *why = "a message longer than 256 MB";
        return skip(in, n) ? LSP_BAD_HEADER : LSP_TRUNCATED;
    }
    if (*why)
        return LSP_BAD_HEADER;
    while (in->n - in->pos < n)
        if (!fill(in))
            return LSP_TRUNCATED;
    *body = in->buf + in->pos;
    *len = n;
    in->pos += n;
    return LSP_MESSAGE;
}

/* ---- writing ---------------------------------------------------------------- */

static void write_all(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            lsp_log("cannot write to standard output: %s", strerror(errno));
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

void lsp_send(json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(msg);
    if (!body)
        pgc_out_of_memory();
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    Buf b = { 0 };
    buf_add(&b, head, (size_t)h);
    buf_str(&b, body);
    write_all(b.s, b.n);
    buf_free(&b);
    free(body);
}

void lsp_reply(json_t *id, json_t *result)
{
    lsp_send(json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id, "result", result ? result : json_null()));
}

void lsp_reply_error(json_t *id, int code, const char *message)
{
    lsp_send(json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                       "error", "code", code, "message", message));
}

void lsp_notify(const char *method, json_t *params)
{
    lsp_send(json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

void lsp_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: lsp: ", cli_prog());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    fflush(stderr);
    va_end(ap);
}

/* ---- positions in JSON -------------------------------------------------------- */

json_t *lsp_json_pos(const LspLines *l, size_t off, LspEncoding enc)
{
    LspPos p = lsp_pos(l, off, enc);
    return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character", (json_int_t)p.character);
}

json_t *lsp_json_range(const LspLines *l, size_t off, size_t end, LspEncoding enc)
{
    if (end < off)
        end = off;
    return json_pack("{s:o, s:o}", "start", lsp_json_pos(l, off, enc), "end", lsp_json_pos(l, end, enc));
}
