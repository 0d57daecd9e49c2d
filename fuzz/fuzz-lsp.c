/*
 * fuzz-lsp.c — libFuzzer harness for `pgc lsp`: one input is one session.
 * Its bytes up to the first NUL are a document, opened after initialize;
 * the rest are commands of five bytes — an edit (an insertion or a
 * deletion at a position, in or far out of range), a request at a
 * position (hover, completion, code actions, inlay hints) or over the
 * document (formatting, symbols, folding, semantic tokens, code lenses) —
 * until a command that sends the remaining bytes as they are (bad headers,
 * random JSON, invalid UTF-8).  The session ends with shutdown and exit.
 * The server reads it from a pipe-like memory file and writes its answers
 * to /dev/null; each session starts from nothing (lsp_serve frees its
 * state at the end), so a leak or a crash of any message sequence shows.
 */
#define _GNU_SOURCE         /* memfd_create */
#include "fuzz.h"
#include "lsp.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_quiet();
    const char *v = getenv("PGC_FUZZ_VERBOSE");
    int null = open("/dev/null", O_WRONLY);
    if (null < 0 || (!(v && *v && *v != '0') && dup2(null, STDOUT_FILENO) < 0))
        abort();
    close(null);
    return 0;
}

static void put(Buf *b, json_t *m)
{
    json_object_set_new(m, "jsonrpc", json_string("2.0"));
    char *s = json_dumps(m, JSON_COMPACT);
    json_decref(m);
    if (!s)
        return;             /* text that is no UTF-8: not a JSON string */
    buf_printf(b, "Content-Length: %zu\r\n\r\n", strlen(s));
    buf_str(b, s);
    free(s);
}

static json_t *at(const uint8_t *c)
{
    /* mostly small numbers, sometimes huge ones */
    json_int_t line = c[1] < 250 ? c[1] % 40 : (json_int_t)c[1] << 24;
    json_int_t ch = c[2] < 250 ? c[2] % 60 : (json_int_t)c[2] << 24;
    return json_pack("{s:I,s:I}", "line", line, "character", ch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    const uint8_t *nul = memchr(data, 0, size);
    size_t doclen = nul ? (size_t)(nul - data) : size;
    const char *uri = "file:///fuzz/doc.pg";
    Buf b = { 0 };
    put(&b, json_pack("{s:i,s:s,s:{s:{s:{s:[s]}}}}", "id", 1, "method", "initialize", "params", "capabilities",
                      "general", "positionEncodings", size % 2 ? "utf-8" : "utf-16"));
    put(&b, json_pack("{s:s,s:{}}", "method", "initialized", "params"));
    json_t *text = json_stringn((const char *)data, doclen);
    put(&b, json_pack("{s:s,s:{s:{s:s,s:s,s:i,s:o}}}", "method", "textDocument/didOpen", "params", "textDocument",
                      "uri", uri, "languageId", "pg", "version", 1, "text", text ? text : json_string("")));
    static const char *const whole[] = { "textDocument/formatting", "textDocument/documentSymbol",
                                         "textDocument/foldingRange", "textDocument/semanticTokens/full",
                                         "textDocument/codeLens" };
    static const char *const inserts[] = { "指", "}", "{", "\n", " = ", "质量指标 {", "𠀋", "\r", "#", "\"", "100%" };
    int id = 2, version = 2;
    const uint8_t *c = nul ? nul + 1 : data + size;
    const uint8_t *end = data + size;
    for (; c + 5 <= end; c += 5) {
        json_t *doc = json_pack("{s:s}", "uri", uri);
        int op = c[0] % 12;
        if (op <= 2) {
            json_t *range = json_pack("{s:o,s:o}", "start", at(c), "end", op == 2 ? at(c + 2) : at(c));
            const char *ins = op == 2 ? "" : inserts[c[4] % (sizeof inserts / sizeof *inserts)];
            json_object_set_new(doc, "version", json_integer(version++));
            put(&b, json_pack("{s:s,s:{s:o,s:[{s:o,s:s}]}}", "method", "textDocument/didChange", "params",
                              "textDocument", doc, "contentChanges", "range", range, "text", ins));
        } else if (op <= 6) {
            static const char *const pos[] = { "textDocument/hover", "textDocument/completion" };
            if (op <= 4)
                put(&b, json_pack("{s:i,s:s,s:{s:o,s:o}}", "id", id++, "method", pos[op - 3], "params",
                                  "textDocument", doc, "position", at(c)));
            else
                put(&b, json_pack("{s:i,s:s,s:{s:o,s:{s:o,s:o},s:{s:[]}}}", "id", id++, "method",
                                  op == 5 ? "textDocument/codeAction" : "textDocument/inlayHint", "params",
                                  "textDocument", doc, "range", "start", at(c), "end", at(c + 2), "context",
                                  "diagnostics"));
        } else if (op <= 10) {
            put(&b, json_pack("{s:i,s:s,s:{s:o}}", "id", id++, "method", whole[c[1] % 5], "params", "textDocument",
                              doc));
        } else {
            json_decref(doc);
            buf_add(&b, (const char *)c + 1, (size_t)(end - c - 1));
            buf_str(&b, "\r\n\r\n");
            break;
        }
    }
    put(&b, json_pack("{s:i,s:s}", "id", id, "method", "shutdown"));
    put(&b, json_pack("{s:s}", "method", "exit"));
    int fd = memfd_create("lsp", 0);
    if (fd < 0 || write(fd, b.s, b.n) != (ssize_t)b.n || lseek(fd, 0, SEEK_SET) != 0)
        abort();
    buf_free(&b);
    lsp_serve(fd);
    close(fd);
    diag_reset_totals();
    return 0;
}
