/*
 * ast.c — building and printing the syntax tree.
 *
 * The tree is deliberately generic (see grammar/pgc.y): declarations hold
 * statements, statements are entries, groups, indicators or rules.  The
 * constructors here are what grammar actions call; ast_dump prints the
 * tree for --dump=ast in a stable form that tests compare.
 */
#include "parse.h"

#include <string.h>

Stmt *ast_stmt(Parser *p, StmtKind kind, Loc loc)
{
    Stmt *s = arena_alloc(p->arena, sizeof *s);
    s->kind = kind;
    s->loc = loc;
    return s;
}

Expr *ast_expr(Parser *p, ExprKind kind, Loc loc, Expr *a, Expr *b, Expr *c)
{
    Expr *e = arena_alloc(p->arena, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    e->a = a;
    e->b = b;
    e->c = c;
    return e;
}

Attr *ast_attr(Parser *p, AttrKind kind, Loc loc)
{
    Attr *a = arena_alloc(p->arena, sizeof *a);
    a->kind = kind;
    a->loc = loc;
    return a;
}

Decl *ast_decl(Parser *p, DeclKind kind, Loc loc)
{
    Decl *d = arena_alloc(p->arena, sizeof *d);
    d->kind = kind;
    d->loc = loc;
    return d;
}

bool ast_is_keyword(const char *s)
{
    static const char *const kw[] = {
#define KEYWORD(spelling, token, gloss) spelling,
#define OPERATOR(spelling, token)
#include "keywords.def"
#undef KEYWORD
#undef OPERATOR
    };
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
        if (strcmp(s, kw[i]) == 0)
            return true;
    return false;
}

bool ast_name_is_bare(const char *s)
{
    return val_is_ident(s, strlen(s)) && !ast_is_keyword(s);
}

const char *ast_funds_unit(const Decl *project)
{
    for (const Stmt *s = project->body; s; s = s->next) {
        if (s->kind != S_GROUP || strcmp(s->name, "资金") != 0)
            continue;
        const char *unit = NULL;
        for (const Stmt *f = s->body; f; f = f->next) {
            if (f->val.kind != V_NUMBER || !f->val.unit)
                continue;
            if (unit && strcmp(unit, f->val.unit) != 0)
                return NULL;
            unit = f->val.unit;
        }
        return unit ? unit : "元";
    }
    return NULL;
}

const Attr *ast_find_attr(const Stmt *s, AttrKind k)
{
    for (const Attr *a = s->attrs; a; a = a->next)
        if (a->kind == k)
            return a;
    return NULL;
}

const char *ast_decl_keyword(DeclKind k)
{
    switch (k) {
    case D_PROJECT: return "项目";
    case D_ACTUAL: return "实际";
    case D_MONITORING: return "监控";
    case D_SCHEME: return "评分方案";
    case D_MONITOR: return "监控方案";
    case D_SCALE: return "等级";
    case D_ORDINAL: return "序列";
    case D_UNITS: return "单位";
    case D_CATEGORY: return "类别";
    case D_NAMING: return "命名";
    case D_USE: return "使用";
    }
    return "?";
}

static void indent(FILE *out, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

static const char *expr_op(ExprKind k)
{
    switch (k) {
#define OPER(expr, ir, text, pr, ast_name, ir_name) case expr: return ast_name;
#include "ops.def"
    default: return "?";
    }
}

static void dump_expr(FILE *out, const Expr *e)
{
    char d[DEC_BUF];
    switch (e->kind) {
    case E_NUM:
        fputs(dec_format(e->num, false, d), out);
        return;
    case E_REF:
        fputs(e->name, out);
        return;
    case E_CALL:
        fprintf(out, "(call %s", e->name);
        for (const Expr *a = e->a; a; a = a->next) {
            fputc(' ', out);
            dump_expr(out, a);
        }
        fputc(')', out);
        return;
    default:
        fprintf(out, "(%s", expr_op(e->kind));
        for (const Expr *x = e->a; x; x = x == e->a ? e->b : x == e->b ? e->c : NULL) {
            fputc(' ', out);
            dump_expr(out, x);
            if (x == e->c)
                break;
        }
        fputc(')', out);
    }
}

const char *ast_attr_keyword(AttrKind k)
{
    static const char *const names[] = {
        [A_WEIGHT] = "分值", [A_SCORE] = "得分", [A_REASON] = "偏差原因", [A_FORECAST] = "预计",
        [A_LIKELY] = "可能性", [A_POSITIVE] = "正向", [A_NEGATIVE] = "反向",
    };
    return names[k];
}

static void dump_stmts(FILE *out, const Stmt *s, int depth)
{
    for (; s; s = s->next) {
        char v[512];
        indent(out, depth);
        fprintf(out, "%u:%u ", (unsigned)s->loc.line, (unsigned)s->loc.col);
        switch (s->kind) {
        case S_GROUP:
            fprintf(out, "group %s\n", s->name);
            dump_stmts(out, s->body, depth + 1);
            continue;
        case S_RULE:
            fprintf(out, "rule %s = ", s->name);
            dump_expr(out, s->expr);
            fputc('\n', out);
            continue;
        case S_ENTRY:
        case S_INDICATOR:
            val_format(&s->val, v, sizeof v);
            fprintf(out, "%s %s", s->kind == S_ENTRY ? "entry" : "indicator", s->name);
            if (s->op)
                fprintf(out, " %s", val_op_str(s->op));
            if (s->val.kind != V_NONE)
                fprintf(out, " %s", v);
            for (const Attr *a = s->attrs; a; a = a->next) {
                fprintf(out, " %s", ast_attr_keyword(a->kind));
                if (a->val.kind != V_NONE) {
                    val_format(&a->val, v, sizeof v);
                    fprintf(out, " %s", v);
                }
            }
            fputc('\n', out);
            continue;
        }
    }
}

void ast_dump(FILE *out, const File *f)
{
    for (const Decl *d = f->decls; d; d = d->next) {
        fprintf(out, "%u:%u %s", (unsigned)d->loc.line, (unsigned)d->loc.col,
                ast_decl_keyword(d->kind));
        if (d->name)
            fprintf(out, " %s", d->name);
        fputc('\n', out);
        dump_stmts(out, d->body, 1);
    }
}
