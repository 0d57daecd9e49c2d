/*
 * server.c — `pgc lsp`: the session.  Messages are read one at a time;
 * requests are answered at once from the analysis of the document's
 * current version (made when first needed); edits only mark a document
 * dirty, and its diagnostics are published when no more input is waiting
 * (lsp_pending) — so a burst of keystrokes is checked once, at its last
 * version, and the last version always gets its diagnostics.
 *
 * The library (the standard one plus the library declarations of the
 * workspace's files, open documents as the editor holds them) is loaded
 * at initialize and again when a document that declares library things
 * changes; every analysis is made again after that.
 */
#include "lsp.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>     /* access, optind */
#if ENABLE_NLS
#include <libintl.h>
#endif

typedef struct Doc {
    char *uri, *path;
    char *text;
    size_t len;
    json_int_t version;
    bool dirty;                 /* its diagnostics not published for this version */
    bool library;               /* declares library things */
    LspAnalysis *an;            /* of this version, or NULL */
    struct Doc *next;
} Doc;

static struct {
    LspIn in;
    LspEncoding enc;
    bool initialized, shutdown;
    Doc *docs;
    const Stdlib *std;
    bool lib_dirty;
    char *root;                 /* the workspace's folder, or NULL */
    char *doc_url;
    FileList libfiles;          /* the workspace's files that declare library things */
} V;

/* ---- the library ------------------------------------------------------------------- */

static void note_lib_file(void *ctx, const char *path)
{
    (void)ctx;
    Source s;
    if (!src_read(&s, path))
        return;
    if (std_declares_library(s.text, s.len))
        files_add(&V.libfiles, path);
    src_free(&s);
}

static Doc *doc_of_path(const char *path)
{
    for (Doc *d = V.docs; d; d = d->next)
        if (d->path && strcmp(d->path, path) == 0)
            return d;
    return NULL;
}

static void reload(void)
{
    for (Doc *d = V.docs; d; d = d->next) {
        lsp_analysis_free(d->an);
        d->an = NULL;
        d->dirty = true;
    }
    int cap = (int)V.libfiles.n + 1;
    for (Doc *d = V.docs; d; d = d->next)
        cap++;
    StdText *t = xcalloc((size_t)cap, sizeof *t);
    Source *srcs = xcalloc(V.libfiles.n + 1, sizeof *srcs);
    int n = 0;
    for (Doc *d = V.docs; d; d = d->next)
        if (d->library && d->path)
            t[n++] = (StdText){ d->path, d->text, d->len };
    for (size_t i = 0; i < V.libfiles.n; i++) {
        if (doc_of_path(V.libfiles.path[i]) || !src_read(&srcs[i], V.libfiles.path[i]))
            continue;
        t[n++] = (StdText){ V.libfiles.path[i], srcs[i].text - srcs[i].bom, srcs[i].len + srcs[i].bom };
    }
    lsp_lib_begin(V.enc, V.doc_url);
    V.std = std_reload(t, n);
    lsp_lib_end();
    for (size_t i = 0; i < V.libfiles.n; i++)
        src_free(&srcs[i]);
    free(srcs);
    free(t);
    V.lib_dirty = false;
    if (!V.std)
        lsp_log("the standard library has errors: nothing can be checked");
}

/* ---- documents ------------------------------------------------------------------------ */

static Doc *doc_find(const char *uri)
{
    for (Doc *d = V.docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

static void doc_set_text(Doc *d, const char *text, size_t len)
{
    bool was = d->library;
    free(d->text);
    d->text = xmalloc(len + 1);
    memcpy(d->text, text, len);
    d->text[len] = 0;
    d->len = len;
    d->dirty = true;
    lsp_analysis_free(d->an);
    d->an = NULL;
    d->library = std_declares_library(text, len);
    if (was || d->library)
        V.lib_dirty = true;
}

static LspAnalysis *analysis(Doc *d)
{
    if (V.lib_dirty)
        reload();
    if (!d->an) {
        json_t *lib = d->path ? lsp_lib_diags(d->path) : NULL;
        LspContext cx = { .std = V.std, .enc = V.enc, .doc_url = V.doc_url, .uri = d->uri, .lib_diags = lib };
        d->an = lsp_analyze(&cx, d->path ? d->path : d->uri, d->text, d->len);
        json_decref(lib);
    }
    return d->an;
}

static void publish(Doc *d, json_t *diags)
{
    lsp_notify("textDocument/publishDiagnostics",
               json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version", d->version, "diagnostics", diags));
}

static void publish_dirty(void)
{
    for (Doc *d = V.docs; d; d = d->next) {
        if (!d->dirty)
            continue;
        d->dirty = false;
        publish(d, json_copy(analysis(d)->diagnostics));
    }
}

/* ---- the methods ------------------------------------------------------------------------ */

static LspContext context(const Doc *d)
{
    return (LspContext){ .std = V.std, .enc = V.enc, .doc_url = V.doc_url, .uri = d->uri };
}

/* The client's locale ("zh-CN", "en"): the messages' language from now on. */
static void set_locale(const char *locale)
{
#if ENABLE_NLS
    if (!locale || !*locale)
        return;
    char lang[32];
    size_t i = 0;
    for (; locale[i] && i < sizeof lang - 1; i++)
        lang[i] = locale[i] == '-' ? '_' : locale[i];
    lang[i] = 0;
    if (strncmp(lang, "zh", 2) == 0 && strcmp(lang, "zh") == 0)
        strcpy(lang, "zh_CN");
    setenv("LANGUAGE", lang, 1);
    const char *cur = setlocale(LC_MESSAGES, NULL);
    if (!cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    textdomain(textdomain(NULL));       /* the catalogs' cache dropped */
#else
    (void)locale;
#endif
}

static json_t *initialize(json_t *params)
{
    json_t *encs = json_object_get(json_object_get(json_object_get(params, "capabilities"), "general"),
                                   "positionEncodings");
    size_t i;
    json_t *e;
    V.enc = LSP_UTF16;
    json_array_foreach(encs, i, e)
        if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0)
            V.enc = LSP_UTF8;
    set_locale(json_string_value(json_object_get(params, "locale")));
    const char *root = json_string_value(json_object_get(params, "rootUri"));
    free(V.root);
    V.root = root ? lsp_uri_path(root) : NULL;
    if (V.root)
        src_walk_quiet(V.root, note_lib_file, NULL);
    V.lib_dirty = true;
    V.initialized = true;
    json_t *caps = json_pack(
        "{s:s,s:{s:b,s:i,s:{s:b}},s:b,s:b,s:{s:[s]},s:b,s:{s:[s,s]},s:b,s:b,s:b,"
        "s:{s:o,s:b},s:{s:b}}",
        "positionEncoding", V.enc == LSP_UTF8 ? "utf-8" : "utf-16",
        "textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
        "hoverProvider", 1, "definitionProvider", 1,
        "completionProvider", "triggerCharacters", "=",
        "documentSymbolProvider", 1,
        "codeActionProvider", "codeActionKinds", "quickfix", "source.fixAll.pgc",
        "documentFormattingProvider", 1,
        "foldingRangeProvider", 1,
        "inlayHintProvider", 1,
        "semanticTokensProvider", "legend", lsp_token_legend(), "full", 1,
        "codeLensProvider", "resolveProvider", 0);
    return json_pack("{s:o,s:{s:s,s:s}}", "capabilities", caps, "serverInfo", "name", "pgc", "version",
                     PACKAGE_VERSION);
}

static void did_open(json_t *params)
{
    const char *uri, *text;
    size_t len;
    json_int_t version = 0;
    if (json_unpack(params, "{s:{s:s,s:s%,s?I}}", "textDocument", "uri", &uri, "text", &text, &len, "version",
                    &version) != 0)
        return;
    Doc *d = doc_find(uri);
    if (!d) {
        d = xcalloc(1, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = lsp_uri_path(uri);
        d->next = V.docs;
        V.docs = d;
    }
    d->version = version;
    doc_set_text(d, text, len);
}

static void did_change(json_t *params)
{
    const char *uri;
    json_int_t version = 0;
    json_t *changes;
    if (json_unpack(params, "{s:{s:s,s?I},s:o}", "textDocument", "uri", &uri, "version", &version,
                    "contentChanges", &changes) != 0)
        return;
    Doc *d = doc_find(uri);
    if (!d || !json_is_array(changes))
        return;
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        const char *text;
        size_t tlen;
        if (json_unpack(c, "{s:s%}", "text", &text, &tlen) != 0)
            continue;
        json_t *range = json_object_get(c, "range");
        if (!range) {
            doc_set_text(d, text, tlen);
            continue;
        }
        LspLines l;
        lsp_lines_init(&l, d->text, d->len);
        json_int_t sl = 0, sc = 0, el = 0, ec = 0;
        json_unpack(range, "{s:{s:I,s:I},s:{s:I,s:I}}", "start", "line", &sl, "character", &sc, "end", "line", &el,
                    "character", &ec);
        size_t from = lsp_offset(&l, (LspPos){ (size_t)(sl < 0 ? 0 : sl), (size_t)(sc < 0 ? 0 : sc) }, V.enc);
        size_t to = lsp_offset(&l, (LspPos){ (size_t)(el < 0 ? 0 : el), (size_t)(ec < 0 ? 0 : ec) }, V.enc);
        lsp_lines_free(&l);
        if (to < from)
            to = from;
        Buf b = { 0 };
        buf_add(&b, d->text, from);
        buf_add(&b, text, tlen);
        buf_add(&b, d->text + to, d->len - to);
        doc_set_text(d, b.s ? b.s : "", b.n);
        buf_free(&b);
    }
    d->version = version;
}

static void did_close(json_t *params)
{
    const char *uri;
    if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0)
        return;
    for (Doc **p = &V.docs; *p; p = &(*p)->next) {
        Doc *d = *p;
        if (strcmp(d->uri, uri) != 0)
            continue;
        *p = d->next;
        if (d->library)
            V.lib_dirty = true;
        lsp_notify("textDocument/publishDiagnostics", json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
        lsp_analysis_free(d->an);
        free(d->uri);
        free(d->path);
        free(d->text);
        free(d);
        return;
    }
}

/* The document and the position of a request's params; false: invalid. */
static bool doc_pos(json_t *params, Doc **d, size_t *off)
{
    const char *uri;
    json_int_t line = 0, ch = 0;
    if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0)
        return false;
    *d = doc_find(uri);
    if (!*d)
        return false;
    if (off) {
        if (json_unpack(params, "{s:{s:I,s:I}}", "position", "line", &line, "character", &ch) != 0 || line < 0 || ch < 0)
            return false;
        *off = lsp_text_offset(&analysis(*d)->t, (LspPos){ (size_t)line, (size_t)ch });
    }
    return true;
}

static bool doc_range(json_t *params, const LspAnalysis *a, size_t *from, size_t *to)
{
    json_int_t sl = 0, sc = 0, el = 0, ec = 0;
    if (json_unpack(params, "{s:{s:{s:I,s:I},s:{s:I,s:I}}}", "range", "start", "line", &sl, "character", &sc, "end",
                    "line", &el, "character", &ec) != 0 || sl < 0 || sc < 0 || el < 0 || ec < 0)
        return false;
    *from = lsp_text_offset(&a->t, (LspPos){ (size_t)sl, (size_t)sc });
    *to = lsp_text_offset(&a->t, (LspPos){ (size_t)el, (size_t)ec });
    return true;
}

/* A request: its result, or NULL after replying with an error. */
static json_t *request(const char *method, json_t *params, json_t *id)
{
    if (strcmp(method, "initialize") == 0)
        return initialize(params);
    if (!V.initialized) {
        lsp_reply_error(id, RPC_SERVER_NOT_INITIALIZED, "the server is not initialized");
        return NULL;
    }
    if (strcmp(method, "shutdown") == 0) {
        V.shutdown = true;
        return json_null();
    }
    Doc *d;
    size_t off, from, to;
    static const char *const positional[] = { "textDocument/hover", "textDocument/completion",
                                              "textDocument/definition" };
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(method, positional[i]) != 0)
            continue;
        if (!doc_pos(params, &d, &off))
            break;
        LspContext cx = context(d);
        LspAnalysis *a = analysis(d);
        return i == 0 ? lsp_hover(&cx, a, off) : i == 1 ? lsp_completion(&cx, a, off) : lsp_definition(&cx, a, off);
    }
    static const char *const whole[] = { "textDocument/documentSymbol", "textDocument/foldingRange",
                                         "textDocument/semanticTokens/full", "textDocument/formatting",
                                         "textDocument/codeLens", "textDocument/inlayHint",
                                         "textDocument/codeAction" };
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        if (strcmp(method, whole[i]) != 0)
            continue;
        if (!doc_pos(params, &d, NULL))
            break;
        LspAnalysis *a = analysis(d);
        LspContext cx = context(d);
        switch (i) {
        case 0: return lsp_symbols(a);
        case 1: return lsp_folds(a);
        case 2: return lsp_tokens(a);
        case 3: return lsp_formatting(a);
        case 4: return lsp_code_lenses(a);
        case 5:
            if (!doc_range(params, a, &from, &to))
                break;
            return lsp_inlay_hints(a, from, to);
        default:
            if (!doc_range(params, a, &from, &to))
                break;
            return lsp_code_actions(&cx, a, d->uri, from, to);
        }
        break;
    }
    bool known = false;
    for (size_t i = 0; i < 3; i++)
        known |= strcmp(method, positional[i]) == 0;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        known |= strcmp(method, whole[i]) == 0;
    if (known)
        lsp_reply_error(id, RPC_INVALID_PARAMS, "invalid params, or a document that is not open");
    else
        lsp_reply_error(id, RPC_METHOD_NOT_FOUND, "method not found");
    return NULL;
}

static void notification(const char *method, json_t *params)
{
    if (!V.initialized)
        return;
    if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        did_close(params);
    else if (strcmp(method, "textDocument/didSave") == 0) {
        Doc *d;
        if (doc_pos(params, &d, NULL))
            d->dirty = true;
    }
}

/* One message; false after exit. */
static bool message(const char *body, size_t len, int *status)
{
    json_error_t err;
    json_t *msg = json_loadb(body, len, 0, &err);
    if (!msg) {
        lsp_reply_error(json_null(), RPC_PARSE_ERROR, err.text);
        return true;
    }
    json_t *id = json_object_get(msg, "id");
    const char *method = json_string_value(json_object_get(msg, "method"));
    if (!json_is_object(msg) || (!method && !id) ||
        (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id))) {
        lsp_reply_error(json_null(), RPC_INVALID_REQUEST, "not a JSON-RPC request");
    } else if (!method) {
        /* a response to us: we send no requests */
    } else if (strcmp(method, "exit") == 0) {
        *status = V.shutdown ? 0 : 1;
        json_decref(msg);
        return false;
    } else if (id) {
        json_t *params = json_object_get(msg, "params");
        json_t *result = request(method, params, id);
        if (result)
            lsp_reply(id, result);
    } else {
        notification(method, json_object_get(msg, "params"));
    }
    json_decref(msg);
    return true;
}

int lsp_serve(int fd)
{
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    dopt.max_errors = 0;
    dopt.max_warnings = 0;
    dopt.quiet = true;
    diag_setup(&dopt);
    const char *docs[] = { PGC_DOCDIR "/language.md", PGC_SRCDIR "/doc/language.md" };
    for (size_t i = 0; i < 2 && !V.doc_url; i++)
        if (access(docs[i], R_OK) == 0) {
            char *u = lsp_path_uri(docs[i]);
            size_t n = strlen(u);
            V.doc_url = xrealloc(u, n + sizeof "#9-diagnostics");
            memcpy(V.doc_url + n, "#9-diagnostics", sizeof "#9-diagnostics");
        }
    lsp_in_init(&V.in, fd);
    int status = 1;
    for (;;) {
        if (V.initialized && !lsp_pending(&V.in))
            publish_dirty();
        char *body;
        size_t len;
        const char *why;
        LspRead r = lsp_read(&V.in, &body, &len, &why);
        if (r == LSP_EOF || r == LSP_TRUNCATED) {
            if (r == LSP_TRUNCATED)
                lsp_log("the input ended within a message");
            break;
        }
        if (r == LSP_BAD_HEADER) {
            lsp_log("%s", why);
            lsp_reply_error(json_null(), RPC_PARSE_ERROR, why);
            continue;
        }
        if (!message(body, len, &status))
            break;
    }
    while (V.docs) {
        Doc *d = V.docs;
        V.docs = d->next;
        lsp_analysis_free(d->an);
        free(d->uri);
        free(d->path);
        free(d->text);
        free(d);
    }
    files_free(&V.libfiles);
    free(V.root);
    free(V.doc_url);
    lsp_in_free(&V.in);
    memset(&V, 0, sizeof V);    /* (the fuzzer's next session starts from nothing) */
    return status;
}

static const char usage_lsp[] = N_(
    "Usage: pgc lsp\n"
    "Run the language server: the Language Server Protocol 3.17 over standard\n"
    "input and output, for an editor to start (see doc/editors.md).  It checks\n"
    "the documents as pgc check does, as they are typed; completes, explains\n"
    "(hover) and formats them; and scores their projects when their actuals are\n"
    "known (a 实际 block, or actuals/STEM.csv or STEM.csv beside the file).\n"
    "\n"
    "Options:\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 after shutdown and exit, 1 when the input ends without them.\n");

int cmd_lsp(int argc, char **argv)
{
    const CliOpt opts[] = { CLI_OPT_STDLIB, CLI_OPT_HELP(usage_lsp), CLI_END };
    int rc = cli_parse(&(CliCommand){ .name = "lsp", .opts = opts }, argc, argv);
    if (rc != CLI_GO)
        return rc;
    if (optind < argc)
        return cli_usage_error("lsp", "unexpected operand '%s'", argv[optind]);
    return lsp_serve(0);
}
