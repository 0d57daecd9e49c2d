/*
 * fmt.c — `pgc fmt`: one canonical layout for .pg files.
 *
 * The formatter prints the syntax tree back, so the result always parses
 * to the same tree (tests/cli/fmt.sh holds it to that, and to
 * fmt(fmt(x)) = fmt(x), over every .pg in the repository).  The layout:
 *
 *   - four spaces per block level; `{` at the end of its line, `}` alone;
 *   - one statement per line; a blank line in the source between two
 *     statements is kept (several become one), none after `{` or before `}`;
 *   - in a run of entries without blank lines between them (header fields,
 *     funds, weights), the values start in one column, by display width;
 *   - operators and brackets in one spelling (= ≥ ≤ > <, ASCII brackets),
 *     `100%` and `35 万张`, dates as 2023-12-31, strings in "…";
 *   - numbers as written (thousands separators kept), full-width digits made
 *     ASCII; comments kept: on their own line before the statement they
 *     precede, or at the end of the line they ended.
 *
 * A file with syntax errors is not formatted: its errors are reported.
 */
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the printer ---------------------------------------------------------- */

typedef struct Printer {
    const Source *src;
    Buf out;
    const Comment *next_comment;    /* the first comment not yet printed */
    uint32_t *line_start;           /* byte offset of each line (1-based) */
    uint32_t nlines;
} Printer;

static void build_lines(Printer *p, Arena *a)
{
    uint32_t n = 2;
    for (size_t i = 0; i < p->src->len; i++)
        n += p->src->text[i] == '\n';
    p->line_start = arena_alloc(a, n * sizeof *p->line_start);
    p->line_start[1] = 0;
    uint32_t k = 1;
    for (size_t i = 0; i < p->src->len; i++)
        if (p->src->text[i] == '\n')
            p->line_start[++k] = (uint32_t)i + 1;
    p->nlines = k;
}

/* The line holding byte offset off. */
static uint32_t line_of(const Printer *p, uint32_t off)
{
    uint32_t lo = 1, hi = p->nlines;
    while (lo < hi) {
        uint32_t mid = (lo + hi + 1) / 2;
        if (p->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static uint32_t last_line(const Printer *p, Loc loc)
{
    return line_of(p, loc.end > loc.off ? loc.end - 1 : loc.off);
}

static void indent(Printer *p, int depth)
{
    buf_spaces(&p->out, depth * 4);
}

/* A comment's text without trailing spaces. */
static void put_comment(Printer *p, const Comment *c)
{
    const char *s = p->src->text + c->loc.off;
    size_t n = c->loc.end - c->loc.off;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    buf_add(&p->out, s, n);
}

/* Prints the comments that stand before `line`, keeping a blank line
 * where the source had one.  *prev_end is the last source line printed,
 * or 0 right after a `{` or a blank line (then no blank line is added). */
static void comments_before(Printer *p, uint32_t line, int depth, uint32_t *prev_end)
{
    while (p->next_comment && p->next_comment->loc.line < line) {
        const Comment *c = p->next_comment;
        if (*prev_end && c->loc.line > *prev_end + 1)
            buf_str(&p->out, "\n");
        indent(p, depth);
        put_comment(p, c);
        buf_str(&p->out, "\n");
        *prev_end = c->loc.line;
        p->next_comment = c->next;
    }
}

/* Ends a line, with the comments that stood at the end of source line
 * `line` (and any before it not yet printed, which can only be inside the
 * statement). */
static void end_line(Printer *p, uint32_t line)
{
    while (p->next_comment && p->next_comment->loc.line <= line) {
        buf_str(&p->out, "  ");
        put_comment(p, p->next_comment);
        p->next_comment = p->next_comment->next;
    }
    buf_str(&p->out, "\n");
}

/* A number as written: full-width digits and minus made ASCII, spaces out. */
static void put_number_text(Printer *p, uint32_t off, uint32_t end)
{
    const char *s = p->src->text;
    for (uint32_t i = off; i < end;) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xEF && i + 2 < end && (unsigned char)s[i + 1] == 0xBC &&
            (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            char d = (char)('0' + (unsigned char)s[i + 2] - 0x90);
            buf_add(&p->out, &d, 1);
            i += 3;
        } else if (c == 0xEF && i + 2 < end && (unsigned char)s[i + 1] == 0xBC &&
                   (unsigned char)s[i + 2] == 0x8D) {        /* － */
            buf_str(&p->out, "-");
            i += 3;
        } else if (c == 0xE2 && i + 2 < end && (unsigned char)s[i + 1] == 0x88 &&
                   (unsigned char)s[i + 2] == 0x92) {        /* − */
            buf_str(&p->out, "-");
            i += 3;
        } else if (c == ' ' || c == '\t') {
            i++;
        } else if (c == 0xE3 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x80) {        /* U+3000 */
            i += 3;
        } else {
            buf_add(&p->out, s + i, 1);
            i++;
        }
    }
}

static void put_string(Printer *p, const char *text)
{
    buf_str(&p->out, "\"");
    for (const char *s = text; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_str(&p->out, "\\");
        buf_add(&p->out, s, 1);
    }
    buf_str(&p->out, "\"");
}

static void put_value(Printer *p, const Value *v)
{
    char b[64];
    switch (v->kind) {
    case V_NONE:
        return;
    case V_NUMBER: {
        uint32_t end = v->unit ? v->unit_loc.off : v->loc.end;
        put_number_text(p, v->loc.off, end);
        if (v->unit && strcmp(v->unit, "%") == 0) {
            buf_str(&p->out, "%");
        } else if (v->unit) {
            buf_str(&p->out, " ");
            buf_str(&p->out, v->unit);
        }
        return;
    }
    case V_DATE:
        val_format(v, b, sizeof b);
        buf_str(&p->out, b);
        return;
    case V_WORD:
        buf_str(&p->out, v->text);
        return;
    case V_STRING:
        put_string(p, v->text);
        return;
    }
}

static void put_name(Printer *p, const char *name)
{
    if (ast_name_is_bare(name))
        buf_str(&p->out, name);
    else
        put_string(p, name);
}

static size_t name_width(const char *name)
{
    size_t w = utf8_width(name, strlen(name));
    return ast_name_is_bare(name) ? w : w + 2;
}

/* ---- expressions ----------------------------------------------------------- */

/* The precedence of an operator (ops.def); 8 for an operand. */
static int prec(ExprKind k)
{
    switch (k) {
#define OPER(expr, ir, text, pr, ast_name, ir_name) case expr: return pr;
#include "ops.def"
    default: return 8;
    }
}

/* A binary operator as written: " ÷ ". */
static const char *binop(ExprKind k)
{
    switch (k) {
#define OPER(expr, ir, text, pr, ast_name, ir_name) case expr: return " " text " ";
#include "ops.def"
    default: return " ? ";
    }
}

static size_t column(const Printer *p)
{
    size_t i = p->out.n;
    while (i > 0 && p->out.s[i - 1] != '\n')
        i--;
    return utf8_width(p->out.s + i, p->out.n - i);
}

static void put_expr(Printer *p, const Expr *e, int min_prec);

static void put_sub(Printer *p, const Expr *e, int min_prec)
{
    bool paren = prec(e->kind) < min_prec;
    if (paren)
        buf_str(&p->out, "(");
    put_expr(p, e, paren ? 0 : min_prec);
    if (paren)
        buf_str(&p->out, ")");
}

static void put_expr(Printer *p, const Expr *e, int min_prec)
{
    (void)min_prec;
    switch (e->kind) {
    case E_NUM:
        put_number_text(p, e->loc.off, e->loc.end);
        return;
    case E_REF:
        buf_str(&p->out, e->name);
        return;
    case E_CALL:
        buf_str(&p->out, e->name);
        buf_str(&p->out, "(");
        for (const Expr *a = e->a; a; a = a->next) {
            put_expr(p, a, 0);
            if (a->next)
                buf_str(&p->out, ", ");
        }
        buf_str(&p->out, ")");
        return;
    case E_NEG:
        buf_str(&p->out, "−");
        put_sub(p, e->a, prec(E_NEG));
        return;
    case E_IF: {
        /* A chain 如果 … 否则 如果 … 否则 … puts each 否则 on a line of its
         * own, under the first 如果; a single 如果 stays on one line. */
        size_t col = column(p);
        bool chain = e->c->kind == E_IF;
        for (const Expr *x = e;; x = x->c) {
            buf_str(&p->out, "如果 ");
            put_sub(p, x->a, 2);
            buf_str(&p->out, " 则 ");
            put_sub(p, x->b, 2);
            if (chain) {
                buf_str(&p->out, "\n");
                buf_spaces(&p->out, (int)col);
            } else {
                buf_str(&p->out, " ");
            }
            buf_str(&p->out, "否则 ");
            if (!chain || x->c->kind != E_IF) {
                put_sub(p, x->c, 1);
                return;
            }
        }
    }
    default: {
        int pr = prec(e->kind);
        /* left-associative: the right operand binds tighter; comparisons
         * do not chain, so both sides bind tighter */
        put_sub(p, e->a, pr == 4 ? pr + 1 : pr);
        buf_str(&p->out, binop(e->kind));
        put_sub(p, e->b, pr + 1);
    }
    }
}

/* ---- statements ------------------------------------------------------------ */

static void put_attrs(Printer *p, const Attr *a)
{
    for (; a; a = a->next) {
        buf_str(&p->out, " ");
        buf_str(&p->out, ast_attr_keyword(a->kind));
        if (a->val.kind != V_NONE) {
            buf_str(&p->out, " ");
            put_value(p, &a->val);
        }
    }
}

static void put_target(Printer *p, const Stmt *s)
{
    if (s->op) {
        buf_str(&p->out, " ");
        buf_str(&p->out, val_op_str(s->op));
    }
    if (s->val.kind != V_NONE) {
        buf_str(&p->out, " ");
        put_value(p, &s->val);
    }
    put_attrs(p, s->attrs);
}

static void put_stmts(Printer *p, const Stmt *list, int depth);

/* Whether an entry has something after its name: a value, or attributes
 * (a 监控 line with only 预计 …). */
static bool has_rest(const Stmt *s)
{
    return s->op || s->val.kind != V_NONE || s->attrs;
}

/* The width to pad an entry's name to: the widest name in its run of
 * entries (consecutive entries that have a value, no blank line between). */
static size_t run_width(const Printer *p, const Stmt *s)
{
    size_t w = 0;
    for (const Stmt *t = s; t && t->kind == S_ENTRY && has_rest(t); t = t->next) {
        size_t tw = name_width(t->name);
        if (tw > w)
            w = tw;
        const Stmt *n = t->next;
        if (!n || n->loc.line > last_line(p, t->loc) + 1)
            break;
    }
    return w;
}

static void put_stmt(Printer *p, const Stmt *s, int depth, size_t pad)
{
    indent(p, depth);
    switch (s->kind) {
    case S_ENTRY:
        put_name(p, s->name);
        if (has_rest(s))
            buf_spaces(&p->out, (int)(pad > name_width(s->name) ? pad - name_width(s->name) : 0));
        put_target(p, s);
        end_line(p, last_line(p, s->loc));
        return;
    case S_INDICATOR:
        buf_str(&p->out, "指标 ");
        put_name(p, s->name);
        put_target(p, s);
        end_line(p, last_line(p, s->loc));
        return;
    case S_RULE:
        buf_str(&p->out, "规则 ");
        buf_str(&p->out, s->name);      /* an identifier, 正向 or 反向 */
        buf_str(&p->out, " = ");
        put_expr(p, s->expr, 0);
        end_line(p, last_line(p, s->loc));
        return;
    case S_GROUP:
        put_name(p, s->name);
        buf_str(&p->out, " {");
        end_line(p, s->loc.line);
        put_stmts(p, s->body, depth + 1);
        {
            uint32_t close = last_line(p, s->loc), inner = 0;
            comments_before(p, close, depth + 1, &inner);
        }
        indent(p, depth);
        buf_str(&p->out, "}");
        end_line(p, last_line(p, s->loc));
        return;
    }
}

static void put_stmts(Printer *p, const Stmt *list, int depth)
{
    uint32_t prev_end = 0;
    size_t pad = 0;
    const Stmt *prev = NULL;
    for (const Stmt *s = list; s; s = s->next) {
        comments_before(p, s->loc.line, depth, &prev_end);
        if (prev_end && s->loc.line > prev_end + 1)
            buf_str(&p->out, "\n");
        bool starts_run = !prev || prev->kind != S_ENTRY || s->loc.line > last_line(p, prev->loc) + 1 ||
                          !has_rest(prev);
        if (s->kind == S_ENTRY && starts_run)
            pad = run_width(p, s);
        put_stmt(p, s, depth, pad);
        prev_end = last_line(p, s->loc);
        prev = s;
    }
}

static void put_decls(Printer *p, const File *f)
{
    uint32_t prev_end = 0;
    for (const Decl *d = f->decls; d; d = d->next) {
        if (d != f->decls) {
            buf_str(&p->out, "\n");        /* one blank line between declarations */
            prev_end = 0;
        }
        comments_before(p, d->loc.line, 0, &prev_end);
        if (prev_end && d->loc.line > prev_end + 1)
            buf_str(&p->out, "\n");
        buf_str(&p->out, ast_decl_keyword(d->kind));
        if (d->name) {
            buf_str(&p->out, " ");
            put_name(p, d->name);
        }
        uint32_t close = last_line(p, d->loc);
        if (d->kind == D_USE) {
            end_line(p, close);
        } else {
            buf_str(&p->out, " {");
            end_line(p, d->loc.line);
            put_stmts(p, d->body, 1);
            uint32_t inner = 0;
            comments_before(p, close, 1, &inner);
            buf_str(&p->out, "}");
            end_line(p, close);
        }
        prev_end = close;
    }
    comments_before(p, UINT32_MAX, 0, &prev_end);   /* after the last declaration */
}

/* Formats src; returns NULL (after reporting) if it has syntax errors.
 * The result is malloc'd. */
char *fmt_source(const Source *src, Arena *arena, size_t *len)
{
    File f;
    diag_begin_file(src, arena);
    bool ok = parse_file(src, arena, &f);
    if (!ok || diag_file_errors() > 0) {
        diag_flush();
        return NULL;
    }
    diag_flush();
    Printer p = { .src = src, .next_comment = f.comments };
    build_lines(&p, arena);
    put_decls(&p, &f);
    if (!p.out.s)
        buf_str(&p.out, "");
    *len = p.out.n;
    return p.out.s;
}

/* ---- the command ------------------------------------------------------------ */

typedef enum FmtMode { MODE_PRINT, MODE_WRITE, MODE_CHECK, MODE_DIFF } FmtMode;

typedef struct FmtRun {
    FmtMode mode;
    Arena arena;
    bool io_error, syntax_error, unformatted;
} FmtRun;

/* Runs diff -u between the file and its formatted text. */
static bool show_diff(const char *path, const char *data, size_t len)
{
    char tmp[] = "/tmp/pgc-fmt-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_plain(path, "cannot create a temporary file: %s", strerror(errno));
        return false;
    }
    bool ok = write(fd, data, len) == (ssize_t)len;
    close(fd);
    if (ok) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            Buf label = { 0 };
            /* TRANSLATORS: the label of the formatted text in the diff
             * that pgc fmt --diff shows ("+++ a.pg (formatted)"). */
            buf_printf(&label, _("%s (formatted)"), path);
            execlp("diff", "diff", "-u", "--label", path, "--label", label.s,
                   strcmp(path, "-") == 0 ? "/dev/stdin" : path, tmp, (char *)NULL);
            cli_error("cannot run diff: %s", strerror(errno));
            _exit(2);
        }
        int status;
        ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
             WEXITSTATUS(status) <= 1;
        if (!ok)
            diag_plain(path, "diff failed");
    }
    unlink(tmp);
    return ok;
}

static void fmt_one(void *ctx, const char *path)
{
    FmtRun *r = ctx;
    Source src;
    if (!src_open(&src, path)) {
        r->io_error = true;
        return;
    }
    size_t len;
    char *out = fmt_source(&src, &r->arena, &len);
    if (!out) {
        r->syntax_error = true;
    } else {
        bool same = len == src.len + src.bom && src.bom == 0 && memcmp(out, src.text, len) == 0;
        switch (r->mode) {
        case MODE_PRINT:
            fwrite(out, 1, len, stdout);
            break;
        case MODE_WRITE:
            if (!same && strcmp(path, "-") == 0)
                fwrite(out, 1, len, stdout);
            else if (!same && !out_write_atomically(path, out, len))
                r->io_error = true;
            break;
        case MODE_CHECK:
            if (!same) {
                printf("%s\n", path);
                r->unformatted = true;
            }
            break;
        case MODE_DIFF:
            if (!same) {
                r->unformatted = true;
                if (!show_diff(path, out, len))
                    r->io_error = true;
            }
            break;
        }
    }
    free(out);
    arena_reset(&r->arena);
    src_free(&src);
}

static const char usage_fmt[] = N_(
    "Usage: pgc fmt [-w | --check | --diff] [FILE|DIR]...\n"
    "Format .pg files in the one canonical layout (there are no options for it).\n"
    "Without FILE, or with -, reads standard input.  A directory stands for every\n"
    "*.pg file below it.  Comments are kept; a file with syntax errors is left\n"
    "alone and its errors reported.\n"
    "\n"
    "  (no option)   print the formatted text on standard output\n"
    "  -w, --write   rewrite each file that changes (through a temporary file and\n"
    "                  a rename: a failure leaves the original untouched; a\n"
    "                  read-only file is left alone)\n"
    "  -c, --check   list the files that are not formatted; exit 1 if any\n"
    "  -d, --diff    show what would change, as a unified diff; exit 1 if any\n"
    "  -h, --help    show this help and exit\n"
    "\n"
    "Exit status: 0 done (or all formatted), 1 unformatted files (--check,\n"
    "--diff) or syntax errors, 2 usage error or a file that cannot be read or\n"
    "written.\n");

int cmd_fmt(int argc, char **argv)
{
    FmtRun run = { 0 };
    int mode = MODE_PRINT, nmodes = 0;
    const CliOpt opts[] = {
        { "write", 'w', CLI_SET, .to = &mode, .value = MODE_WRITE, .given = &nmodes },
        { "check", 'c', CLI_SET, .to = &mode, .value = MODE_CHECK, .given = &nmodes },
        { "diff", 'd', CLI_SET, .to = &mode, .value = MODE_DIFF, .given = &nmodes },
        CLI_OPT_HELP(usage_fmt),
        CLI_END,
    };
    int rc = cli_parse(&(CliCommand){ .name = "fmt", .opts = opts }, argc, argv);
    if (rc != CLI_GO)
        return rc;
    run.mode = (FmtMode)mode;
    if (nmodes > 1) {
        cli_cmd_error("fmt", "choose one of -w, --check and --diff");
        return 2;
    }
    DiagOptions dopt = { .format = FMT_HUMAN, .max_errors = 50 };
    diag_setup(&dopt);
    if (optind >= argc)
        fmt_one(&run, "-");
    for (int i = optind; i < argc; i++)
        if (!src_walk(argv[i], fmt_one, &run))
            run.io_error = true;
    diag_finish();
    arena_free(&run.arena);
    if (run.io_error)
        return 2;
    return run.syntax_error || run.unformatted ? 1 : 0;
}
