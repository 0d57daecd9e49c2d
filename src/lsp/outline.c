/*
 * outline.c — a document's structure for the editor: its symbols (项目 →
 * 资金 and the 一级 → 二级 → 指标 tree, the other declarations beside),
 * its folding ranges (every block), and its semantic tokens (the
 * scanner's own classes: what is a keyword is what pgc reads as one).
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

/* ---- document symbols ------------------------------------------------------------ */

/* LSP's SymbolKind */
enum { SK_MODULE = 2, SK_NAMESPACE = 3, SK_CLASS = 5, SK_PROPERTY = 7, SK_FIELD = 8, SK_ENUM = 10,
       SK_FUNCTION = 12, SK_NUMBER = 16, SK_OBJECT = 19, SK_STRUCT = 23, SK_EVENT = 24 };

static json_t *symbol(const LspText *t, const char *name, const char *detail, int kind, Loc range, Loc sel)
{
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(name && *name ? name : "?"));
    if (detail && *detail)
        json_object_set_new(j, "detail", json_string(detail));
    json_object_set_new(j, "kind", json_integer(kind));
    if (sel.off < range.off || sel.end > range.end)
        sel = range;
    json_object_set_new(j, "range", lsp_text_range(t, range));
    json_object_set_new(j, "selectionRange", lsp_text_range(t, sel));
    return j;
}

static json_t *stmt_symbols(const LspAnalysis *a, const Stmt *body, int depth, bool project);

static json_t *stmt_symbol(const LspAnalysis *a, const Stmt *s, int depth, bool project)
{
    Arena *ar = (Arena *)&a->arena;
    switch (s->kind) {
    case S_INDICATOR: {
        const char *detail = s->val.kind != V_NONE ? val_target_text(ar, s->op, &s->val) : NULL;
        return symbol(&a->t, s->name, detail, SK_FIELD, s->loc, s->name_loc);
    }
    case S_GROUP: {
        int kind = !project ? SK_OBJECT : strcmp(s->name, "资金") == 0 ? SK_OBJECT : depth == 0 ? SK_CLASS : SK_STRUCT;
        json_t *j = symbol(&a->t, s->name, NULL, kind, s->loc, s->name_loc);
        json_object_set_new(j, "children", stmt_symbols(a, s->body, depth + 1, project));
        return j;
    }
    case S_RULE:
        return symbol(&a->t, s->name, NULL, SK_FUNCTION, s->loc, s->name_loc);
    case S_ENTRY:
        if (project && depth == 0)
            return NULL;        /* a header field: not in the outline */
        return symbol(&a->t, s->name, s->val.kind != V_NONE ? val_text(ar, &s->val) : NULL,
                      depth > 0 && project ? SK_NUMBER : SK_PROPERTY, s->loc, s->name_loc);
    }
    return NULL;
}

static json_t *stmt_symbols(const LspAnalysis *a, const Stmt *body, int depth, bool project)
{
    json_t *list = json_array();
    for (const Stmt *s = body; s; s = s->next) {
        json_t *j = stmt_symbol(a, s, depth, project);
        if (j)
            json_array_append_new(list, j);
    }
    return list;
}

json_t *lsp_symbols(const LspAnalysis *a)
{
    json_t *list = json_array();
    for (const Decl *d = a->f.decls; d; d = d->next) {
        int kind = d->kind == D_PROJECT ? SK_MODULE : d->kind == D_ACTUAL || d->kind == D_MONITORING ? SK_EVENT
                 : d->kind == D_SCHEME || d->kind == D_MONITOR ? SK_FUNCTION : d->kind == D_SCALE || d->kind == D_ORDINAL ? SK_ENUM
                 : SK_NAMESPACE;
        const char *name = d->name ? d->name : ast_decl_keyword(d->kind);
        Loc sel = d->name ? d->name_loc : d->loc;
        Loc range = d->loc;
        range.end = d->loc.end > sel.end ? d->loc.end : sel.end;
        json_t *j = symbol(&a->t, name, ast_decl_keyword(d->kind), kind, range, sel);
        if (d->body)
            json_object_set_new(j, "children", stmt_symbols(a, d->body, 0, d->kind == D_PROJECT));
        json_array_append_new(list, j);
    }
    return list;
}

/* ---- folding ranges ----------------------------------------------------------------- */

static void fold(const LspAnalysis *a, json_t *list, Loc loc)
{
    LspPos from = lsp_pos(&a->t.lines, loc.off + a->t.src.bom, a->t.enc);
    LspPos to = lsp_pos(&a->t.lines, loc.end + a->t.src.bom, a->t.enc);
    if (to.line > from.line)
        json_array_append_new(list, json_pack("{s:I,s:I}", "startLine", (json_int_t)from.line, "endLine",
                                              (json_int_t)to.line));
}

static void fold_stmts(const LspAnalysis *a, json_t *list, const Stmt *s)
{
    for (; s; s = s->next)
        if (s->kind == S_GROUP) {
            fold(a, list, s->loc);
            fold_stmts(a, list, s->body);
        }
}

json_t *lsp_folds(const LspAnalysis *a)
{
    json_t *list = json_array();
    for (const Decl *d = a->f.decls; d; d = d->next) {
        if (d->body) {
            fold(a, list, d->loc);
            fold_stmts(a, list, d->body);
        }
    }
    /* runs of comment lines */
    const Comment *first = NULL, *last = NULL;
    for (const Comment *c = a->f.comments;; c = c->next) {
        if (c && c->own_line && last && c->loc.line == last->loc.line + 1) {
            last = c;
            continue;
        }
        if (first && last->loc.line > first->loc.line)
            json_array_append_new(list, json_pack("{s:I,s:I,s:s}", "startLine", (json_int_t)first->loc.line - 1,
                                                  "endLine", (json_int_t)last->loc.line - 1, "kind", "comment"));
        if (!c)
            break;
        first = last = c->own_line ? c : NULL;
    }
    return list;
}

/* ---- semantic tokens ------------------------------------------------------------------ */

/* The legend's types, by TokClass. */
static const char *const token_types[] = {
    [TC_KEYWORD] = "keyword", [TC_NAME] = "property", [TC_STRING] = "string", [TC_NUMBER] = "number",
    [TC_DATE] = "number", [TC_OPERATOR] = "operator", [TC_COMMENT] = "comment",
};

json_t *lsp_token_legend(void)
{
    json_t *types = json_array();
    for (size_t i = 0; i < sizeof token_types / sizeof *token_types; i++)
        json_array_append_new(types, json_string(token_types[i]));
    return json_pack("{s:o,s:[]}", "tokenTypes", types, "tokenModifiers");
}

typedef struct Token {
    size_t off, end;
    TokClass c;
} Token;

typedef struct Tokens {
    Token *v;
    size_t n, cap;
} Tokens;

static void add_token(void *ctx, TokClass c, Loc loc)
{
    Tokens *t = ctx;
    if (loc.end <= loc.off)
        return;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = (Token){ loc.off, loc.end, c };
}

static int by_offset(const void *a, const void *b)
{
    const Token *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

json_t *lsp_tokens(const LspAnalysis *a)
{
    Tokens t = { 0 };
    Arena scratch = { 0 };
    diag_begin_file(&a->t.src, &scratch);
    parse_tokens(&a->t.src, &scratch, add_token, &t);
    diag_discard();
    arena_free(&scratch);
    if (t.n)
        qsort(t.v, t.n, sizeof *t.v, by_offset);
    json_t *data = json_array();
    size_t line = 0, col = 0, bom = a->t.src.bom;
    for (size_t i = 0; i < t.n; i++) {
        LspPos p = lsp_pos(&a->t.lines, t.v[i].off + bom, a->t.enc);
        /* a token is said on its first line only (no multiline tokens) */
        size_t end = t.v[i].end + bom;
        const LspLines *ls = &a->t.lines;
        size_t eol = p.line + 1 < ls->n ? ls->start[p.line + 1] : ls->len;
        while (eol > ls->start[p.line] && (ls->text[eol - 1] == '\n' || ls->text[eol - 1] == '\r'))
            eol--;
        if (end > eol)
            end = eol;
        size_t units = end > t.v[i].off + bom ? lsp_units(a->t.lines.text + t.v[i].off + bom, end - t.v[i].off - bom, a->t.enc) : 0;
        if (units == 0 || (i > 0 && p.line == line && p.character < col))
            continue;
        json_array_append_new(data, json_integer((json_int_t)(p.line - line)));
        json_array_append_new(data, json_integer((json_int_t)(p.line == line ? p.character - col : p.character)));
        json_array_append_new(data, json_integer((json_int_t)units));
        json_array_append_new(data, json_integer((json_int_t)t.v[i].c));
        json_array_append_new(data, json_integer(0));
        line = p.line;
        col = p.character;
    }
    free(t.v);
    return json_pack("{s:o}", "data", data);
}
