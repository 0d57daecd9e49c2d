/*
 * lsp.h — the private header of `pgc lsp`, the language server (src/lsp/).
 *
 * The server is a command of pgc like the others (cmd_lsp, pgc.h): it
 * speaks the Language Server Protocol 3.17 over standard input and output
 * and answers from the same front end as `pgc check` and `pgc fmt`, run on
 * the text the editor holds in memory.  Its parts:
 *
 *     pos.c      positions: byte offsets ↔ LSP's (line, character), in
 *                UTF-16 or UTF-8 code units — no JSON, unit-tested
 *     rpc.c      the base protocol: Content-Length framing, JSON-RPC
 *                messages out (jansson), logging on stderr
 *     analysis.c a document parsed, checked, lowered and scored; its
 *                diagnostics as LSP's
 *     outline.c  document symbols, folding ranges, semantic tokens
 *     features.c hover, completion, definitions, code actions, formatting,
 *                inlay hints and code lenses at positions of an analysis
 *     server.c   the lifecycle, the open documents, every method
 *
 * Only src/lsp/ includes this header (and jansson): files elsewhere see
 * cmd_lsp alone.
 */
#ifndef PGC_LSP_H
#define PGC_LSP_H

#include "pgc.h"

/* ---- pos.c: positions ---------------------------------------------------- */

/* What LSP's `character` counts (positionEncoding, negotiated by
 * initialize): UTF-16 code units unless the client offers UTF-8. */
typedef enum LspEncoding { LSP_UTF16, LSP_UTF8 } LspEncoding;

/* A document's lines as LSP sees them: a line ends at \n, \r\n or a lone
 * \r.  start[i] is the byte offset of line i (0-based), start[n] = len + 1
 * stands past the end. */
typedef struct LspLines {
    const char *text;
    size_t len;
    size_t *start;          /* n + 1 entries (xmalloc'd) */
    size_t n;               /* lines: at least 1 */
} LspLines;

typedef struct LspPos {
    size_t line, character;
} LspPos;

void lsp_lines_init(LspLines *l, const char *text, size_t len);
void lsp_lines_free(LspLines *l);
/* The code units of n bytes of text: a code point outside the BMP is two
 * in UTF-16, one invalid byte is one unit in either. */
size_t lsp_units(const char *s, size_t n, LspEncoding enc);
/* The position of byte off (clamped to the text; inside a character or a
 * line break it is the position of that character's start). */
LspPos lsp_pos(const LspLines *l, size_t off, LspEncoding enc);
/* The byte offset of a position, clamped: a line past the last is the end
 * of the text, a character past the line's end is its end, a character in
 * the middle of a code point (half a surrogate pair) is that code point's
 * start. */
size_t lsp_offset(const LspLines *l, LspPos p, LspEncoding enc);

/* ---- rpc.c: the base protocol -------------------------------------------- */

#include <jansson.h>

/* JSON-RPC's and LSP's error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_SERVER_NOT_INITIALIZED = -32002,
    RPC_REQUEST_FAILED = -32803,
};

/* Standard input, read in large pieces (so that lsp_pending knows what is
 * already waiting). */
typedef struct LspIn {
    int fd;
    char *buf;
    size_t pos, n, cap;     /* unread bytes: buf[pos, n) */
    bool eof;
} LspIn;

typedef enum LspRead {
    LSP_MESSAGE,            /* *body holds a message's bytes (*len, NUL after them) */
    LSP_BAD_HEADER,         /* a header without a usable Content-Length: *why says so */
    LSP_EOF,                /* the input ended between messages */
    LSP_TRUNCATED,          /* the input ended within one */
} LspRead;

void lsp_in_init(LspIn *in, int fd);
void lsp_in_free(LspIn *in);
/* Reads the next message (its body is in in's buffer until the next
 * call, not NUL-terminated). */
LspRead lsp_read(LspIn *in, char **body, size_t *len, const char **why);
/* Whether more input is there already, to be read without waiting. */
bool lsp_pending(LspIn *in);

/* Writes a message on stdout, framed, and releases it. */
void lsp_send(json_t *msg);
void lsp_reply(json_t *id, json_t *result);                 /* result: stolen */
void lsp_reply_error(json_t *id, int code, const char *message);
void lsp_notify(const char *method, json_t *params);        /* params: stolen */
/* "pgc: lsp: message" on stderr: the log (English, for debugging). */
void lsp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* {"line":…,"character":…} and {"start":…,"end":…} of byte offsets. */
json_t *lsp_json_pos(const LspLines *l, size_t off, LspEncoding enc);
json_t *lsp_json_range(const LspLines *l, size_t off, size_t end, LspEncoding enc);

/* ---- analysis.c: a document checked and scored ---------------------------- */

/* A document read as pgc reads a file: its Source (the BOM skipped, as
 * src_read does), its lines for LSP (over all of its text, the BOM
 * included: offsets into src.text are src.bom bytes further in it). */
typedef struct LspText {
    Source src;
    LspLines lines;
    LspEncoding enc;
} LspText;

/* The range of a span of src.text. */
json_t *lsp_text_range(const LspText *t, Loc loc);
json_t *lsp_text_pos(const LspText *t, size_t off);
/* The offset into src.text of an LSP position (before the text: 0). */
size_t lsp_text_offset(const LspText *t, LspPos p);

/* A project of the document as the evaluator sees it. */
typedef struct LspProject {
    const Decl *decl;
    EvProject *ev;          /* lowered and weighed (NULL: the file has errors,
                             * or its scheme cannot weigh it) */
    bool scored;            /* ev scored against actuals */
    const char *actuals;    /* where they came from: the 实际 block, a CSV's path */
} LspProject;

/* One version of a document, parsed, checked and (when it has no errors)
 * lowered and scored: what every request on that version answers from.
 * Everything lives in arena, until the next version or a new library. */
typedef struct LspAnalysis {
    Arena arena;
    LspText t;
    File f;
    json_t *diagnostics;    /* Diagnostic[] */
    LspProject *projects;
    int nprojects;
    bool errors;            /* the checker found errors */
} LspAnalysis;

/* What analysis needs of the server. */
typedef struct LspContext {
    const Stdlib *std;
    LspEncoding enc;
    const char *doc_url;    /* doc/language.md's URL, or NULL */
    const char *uri;        /* the document's */
    json_t *lib_diags;      /* Diagnostic[] of the library's loading for this document, or NULL */
} LspContext;

LspAnalysis *lsp_analyze(const LspContext *cx, const char *path, const char *text, size_t len);
void lsp_analysis_free(LspAnalysis *a);
/* Diagnostics of the library loading (std_reload), by file: call begin,
 * std_reload, end; then lsp_lib_diags(path) is a new reference or NULL. */
void lsp_lib_begin(LspEncoding enc, const char *doc_url);
void lsp_lib_end(void);
json_t *lsp_lib_diags(const char *path);
/* The document's path of a file: URI (NULL when it is no file: URI). */
char *lsp_uri_path(const char *uri);
char *lsp_path_uri(const char *path);

/* ---- outline.c: structure and colours ------------------------------------------ */

json_t *lsp_symbols(const LspAnalysis *a);
json_t *lsp_folds(const LspAnalysis *a);
/* The semantic tokens' legend and the data of a document. */
json_t *lsp_token_legend(void);
json_t *lsp_tokens(const LspAnalysis *a);

/* ---- features.c: what the editor asks at a position --------------------------------- */

json_t *lsp_hover(const LspContext *cx, const LspAnalysis *a, size_t off);
json_t *lsp_completion(const LspContext *cx, const LspAnalysis *a, size_t off);
/* The quick fixes of the analysis' own diagnostics in [from, to] (the
 * client's copies are not needed), and "format document". */
json_t *lsp_code_actions(const LspContext *cx, const LspAnalysis *a, const char *uri, size_t from, size_t to);
json_t *lsp_formatting(const LspAnalysis *a);
json_t *lsp_inlay_hints(const LspAnalysis *a, size_t from, size_t to);
json_t *lsp_code_lenses(const LspAnalysis *a);
/* The declaration of the scheme, category, unit or scale word at off: a
 * Location in the user's file or the standard library's (a module built
 * into pgc is served as a read-only copy in the user's cache), or null. */
json_t *lsp_definition(const LspContext *cx, const LspAnalysis *a, size_t off);
/* server.c: a session, its messages read from fd (cmd_lsp: 0), until exit
 * or the end of the input; the exit status (0 after shutdown and exit). */
int lsp_serve(int fd);

#endif /* PGC_LSP_H */
