/*
 * analysis.c — one version of a document, as `pgc check` and `pgc eval`
 * see it: parsed, checked, and when it has no errors each project lowered
 * and weighed, and scored when its actuals are known (its 实际 block, or a
 * CSV beside the file: actuals/STEM.csv or STEM.csv).  The diagnostics are
 * the checker's own, handed over as data (diag_set_sink) and said as LSP
 * Diagnostics: the code and a link to its documentation, the hint in the
 * message, the note as relatedInformation, the replacement a hint names
 * (diag_fix) kept for the quick fix.
 *
 * Diagnostics of another file — a row of the CSV — cannot be shown in the
 * document: they are summed up in one, on the project's name, with the
 * first of them quoted.  What scoring says only once actuals are there (a
 * scheme that cannot weigh indicators without 分值) is not said without
 * them: the weights are then left out of the hints.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- positions of a document ----------------------------------------------- */

json_t *lsp_text_pos(const LspText *t, size_t off)
{
    return lsp_json_pos(&t->lines, off + t->src.bom, t->enc);
}

json_t *lsp_text_range(const LspText *t, Loc loc)
{
    size_t end = loc.end < loc.off ? loc.off : loc.end;
    return lsp_json_range(&t->lines, loc.off + t->src.bom, end + t->src.bom, t->enc);
}

size_t lsp_text_offset(const LspText *t, LspPos p)
{
    size_t off = lsp_offset(&t->lines, p, t->enc);
    return off < t->src.bom ? 0 : off - t->src.bom;
}

/* ---- URIs ------------------------------------------------------------------------ */

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *lsp_uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *s = uri + 7;
    if (*s != '/') {            /* file://host/path: only localhost is ours */
        if (strncmp(s, "localhost/", 10) != 0)
            return NULL;
        s += 9;
    }
    char *out = xmalloc(strlen(s) + 1), *o = out;
    for (; *s && *s != '?' && *s != '#'; s++) {
        int h, l;
        if (*s == '%' && (h = hexval(s[1])) >= 0 && (l = hexval(s[2])) >= 0) {
            *o++ = (char)(h * 16 + l);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
    if (memchr(out, 0, (size_t)(o - out)) != NULL || o == out) {
        free(out);
        return NULL;
    }
    return out;
}

char *lsp_path_uri(const char *path)
{
    static const char keep[] = "-._~/!$&'()*+,;=:@";
    Buf b = { 0 };
    buf_str(&b, "file://");
    for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr(keep, *s))
            buf_add(&b, (const char *)s, 1);
        else
            buf_printf(&b, "%%%02X", *s);
    }
    buf_add(&b, "", 1);
    return b.s;
}

/* ---- diagnostics as LSP's ---------------------------------------------------------- */

typedef struct Collect {
    const LspContext *cx;
    const LspText *t;               /* the document */
    json_t *out;                    /* Diagnostic[] */
    bool keep;                      /* false: dropped (weighing without actuals) */
    /* another file's diagnostics (the CSV): counted, the first quoted */
    int other, other_errors;
    char *other_first;
} Collect;

static int lsp_severity(Severity s)
{
    return s == SEV_ERROR ? 1 : s == SEV_WARNING ? 2 : 3;
}

static json_t *diagnostic(const LspContext *cx, const LspText *t, const DiagRecord *d)
{
    json_t *j = json_object();
    json_object_set_new(j, "range", lsp_text_range(t, d->loc));
    json_object_set_new(j, "severity", json_integer(lsp_severity(d->sev)));
    json_object_set_new(j, "code", json_string(diag_code_name(d->code)));
    if (cx->doc_url)
        json_object_set_new(j, "codeDescription", json_pack("{s:s}", "href", cx->doc_url));
    json_object_set_new(j, "source", json_string("pgc"));
    Buf m = { 0 };
    buf_str(&m, d->msg);
    if (d->hint) {
        buf_str(&m, "\n");
        buf_str(&m, d->hint);
    }
    if (d->note && d->note_loc.line == 0) {
        buf_str(&m, "\n");
        buf_str(&m, d->note);
    }
    buf_add(&m, "", 1);
    json_object_set_new(j, "message", json_string(m.s));
    buf_free(&m);
    if (d->note && d->note_loc.line != 0) {
        json_t *loc = json_pack("{s:s,s:o}", "uri", cx->uri ? cx->uri : "", "range", lsp_text_range(t, d->note_loc));
        json_t *rel = json_pack("[{s:o,s:s}]", "location", loc, "message", d->note);
        json_object_set_new(j, "relatedInformation", rel);
    }
    if (d->fix)
        json_object_set_new(j, "data", json_pack("{s:s}", "fix", d->fix));
    return j;
}

static void sink(void *ctx, const DiagRecord *d)
{
    Collect *c = ctx;
    if (!c->keep)
        return;
    if (d->src != &c->t->src && (d->src == NULL || d->src->text != c->t->src.text)) {
        c->other++;
        if (d->sev == SEV_ERROR)
            c->other_errors++;
        if (c->other == 1 || (d->sev == SEV_ERROR && c->other_errors == 1)) {
            Buf b = { 0 };
            buf_printf(&b, "%s:%u:%u: %s", d->src ? d->src->path : "?", (unsigned)d->loc.line,
                       (unsigned)d->loc.col, d->msg);
            buf_add(&b, "", 1);
            free(c->other_first);
            c->other_first = b.s;
        }
        return;
    }
    json_array_append_new(c->out, diagnostic(c->cx, c->t, d));
}

/* ---- the library's diagnostics (std_reload) ------------------------------------------ */

static struct {
    LspEncoding enc;
    const char *doc_url;
    json_t *by_path;                /* path → Diagnostic[] */
} L;

static void lib_sink(void *ctx, const DiagRecord *d)
{
    (void)ctx;
    if (!d->src || !d->src->path)
        return;
    LspText t = { .src = *d->src, .enc = L.enc };
    lsp_lines_init(&t.lines, d->src->text - d->src->bom, d->src->len + d->src->bom);
    char *uri = lsp_path_uri(d->src->path);
    LspContext cx = { .enc = L.enc, .doc_url = L.doc_url, .uri = uri };
    json_t *list = json_object_get(L.by_path, d->src->path);
    if (!list) {
        list = json_array();
        json_object_set_new(L.by_path, d->src->path, list);
    }
    json_array_append_new(list, diagnostic(&cx, &t, d));
    lsp_lines_free(&t.lines);
    free(uri);
}

void lsp_lib_begin(LspEncoding enc, const char *doc_url)
{
    json_decref(L.by_path);
    L.by_path = json_object();
    L.enc = enc;
    L.doc_url = doc_url;
    diag_set_sink(lib_sink, NULL);
}

void lsp_lib_end(void)
{
    diag_set_sink(NULL, NULL);
}

json_t *lsp_lib_diags(const char *path)
{
    json_t *j = L.by_path ? json_object_get(L.by_path, path) : NULL;
    return j ? json_incref(j) : NULL;
}

/* ---- actuals ------------------------------------------------------------------------ */

/* The CSV of actuals beside a spec: DIR/actuals/STEM.csv, then DIR/STEM.csv. */
static char *csv_beside(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t stem = strlen(base);
    if (stem > 3 && strcmp(base + stem - 3, ".pg") == 0)
        stem -= 3;
    static const char *const where[] = { "actuals/", "" };
    for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
        Buf b = { 0 };
        buf_add(&b, path, dirlen);
        buf_str(&b, where[i]);
        buf_add(&b, base, stem);
        buf_str(&b, ".csv");
        buf_add(&b, "", 1);
        struct stat st;
        if (stat(b.s, &st) == 0 && S_ISREG(st.st_mode))
            return b.s;
        buf_free(&b);
    }
    return NULL;
}

/* ---- one version analysed ------------------------------------------------------------ */

/* The sum of another file's diagnostics, on the project's name. */
static void say_other(Collect *c, const Decl *d, const char *csv)
{
    if (!c->other)
        return;
    Buf b = { 0 };
    buf_printf(&b, _("the actuals in %s have %d problems; the first: %s"), csv, c->other,
               c->other_first ? c->other_first : "");
    buf_add(&b, "", 1);
    json_t *j = json_pack("{s:o,s:i,s:s,s:s}", "range", lsp_text_range(c->t, d->name_loc), "severity",
                          c->other_errors ? 1 : 2, "source", "pgc", "message", b.s);
    json_array_append_new(c->out, j);
    buf_free(&b);
    free(c->other_first);
    c->other_first = NULL;
    c->other = c->other_errors = 0;
}

static void score(LspAnalysis *a, Collect *c, const LspContext *cx, const char *path)
{
    StrMap blocks;
    map_init(&blocks, &a->arena, 16);
    int n = 0;
    for (const Decl *d = a->f.decls; d; d = d->next) {
        if (d->kind == D_ACTUAL)
            map_set(&blocks, d->name, (void *)d);
        n += d->kind == D_PROJECT;
    }
    a->projects = arena_alloc(&a->arena, (size_t)(n ? n : 1) * sizeof *a->projects);
    Actuals act = { 0 };
    char *csv = NULL;
    bool have_csv = false;
    for (const Decl *d = a->f.decls; d; d = d->next) {
        if (d->kind != D_PROJECT)
            continue;
        LspProject *lp = &a->projects[a->nprojects++];
        lp->decl = d;
        const EvScheme *sc = ev_scheme_for(cx->std, d, NULL);
        if (!sc)
            continue;
        const Decl *block = map_get(&blocks, d->name);
        ActualRow *rows = NULL;
        if (block) {
            rows = act_rows_from_decl(&a->arena, &a->t.src, block);
            lp->actuals = _("its 实际 block");
        } else {
            if (!csv && !have_csv) {
                csv = csv_beside(path);
                have_csv = true;
                if (csv) {
                    /* the CSV's own diagnostics: a file of their own (diag_begin_file) */
                    c->keep = true;
                    if (!act_read_csv(&act, csv)) {
                        act_free(&act);
                        memset(&act, 0, sizeof act);
                        say_other(c, d, csv);
                        free(csv);
                        csv = NULL;
                    }
                    diag_begin_file(&a->t.src, &a->arena);
                }
            }
            if (csv && act_has(&act, d->name)) {
                rows = act_rows(&act, d->name, &a->arena);
                lp->actuals = arena_strndup(&a->arena, csv, strlen(csv));
            }
        }
        EvProject *p = ev_lower(cx->std, sc, &a->t.src, d, &a->arena);
        if (rows) {
            c->keep = true;
            lp->scored = ev_bind(cx->std, p, rows, lp->actuals, NULL, &a->arena) && ev_run(p, true, &a->arena);
            diag_flush();
            if (csv)
                say_other(c, d, csv);
            if (lp->scored) {
                lp->ev = p;
                continue;
            }
            p = ev_lower(cx->std, sc, &a->t.src, d, &a->arena);
        }
        c->keep = false;
        bool weighed = ev_weigh(p, &a->arena);
        diag_flush();
        if (weighed)
            lp->ev = p;
    }
    if (csv) {
        act_free(&act);
        free(csv);
    }
}

LspAnalysis *lsp_analyze(const LspContext *cx, const char *path, const char *text, size_t len)
{
    LspAnalysis *a = xcalloc(1, sizeof *a);
    src_from_string(&a->t.src, path, text, len);
    a->t.enc = cx->enc;
    lsp_lines_init(&a->t.lines, a->t.src.alloc, len);
    a->diagnostics = cx->lib_diags ? json_deep_copy(cx->lib_diags) : json_array();
    if (!cx->std)
        return a;
    Collect c = { .cx = cx, .t = &a->t, .out = a->diagnostics, .keep = true };
    diag_set_sink(sink, &c);
    diag_begin_file(&a->t.src, &a->arena);
    parse_file(&a->t.src, &a->arena, &a->f);
    if (!diag_too_many())
        chk_file(cx->std, &a->f, &a->arena);
    a->errors = diag_file_errors() > 0;
    diag_flush();
    if (!a->errors)
        score(a, &c, cx, path);
    free(c.other_first);
    diag_set_sink(NULL, NULL);
    return a;
}

void lsp_analysis_free(LspAnalysis *a)
{
    if (!a)
        return;
    json_decref(a->diagnostics);
    lsp_lines_free(&a->t.lines);
    src_free(&a->t.src);
    arena_free(&a->arena);
    free(a);
}
