/*
 * pgc.h — the compiler's header.
 *
 * pgc is a compiler for .pg files: the performance targets (绩效目标) of a
 * budget project, written in a small declarative language.  Each command
 * is a pipeline called in order from its file (check-cmd.c for pgc check):
 *
 *     source.c  read a file (rt/)
 *     parse.c   scan (grammar/pgc.l) and parse (grammar/pgc.y) into an AST
 *     stdlib.c  load the standard library (categories, scales, units, …)
 *     check.c   the semantic checks of `pgc check`
 *     lower.c   checked projects and schemes to the evaluation IR (rt.h)
 *     then the runtime (rt/): bind the actuals, score, report — by the
 *     interpreter, or by rules compiled with libgccjit (jit.c)
 *
 * The runtime's header, rt.h, comes first: its types (Source, Value,
 * Stdlib, the IR) are the compiler's too.  Sections below follow the file
 * that defines each part.  Exported names carry the module prefix (ast_,
 * parse_, std_, chk_, fmt_, imp_, ev_, jit_, cmd_).  Who owns which fact,
 * and how to add a check, a target kind, a report format or a rule:
 * doc/hacking.md.
 */
#ifndef PGC_H
#define PGC_H

#include "rt.h"

/* ---- ast.c: the syntax tree ---------------------------------------------- */

typedef enum AttrKind {
    A_WEIGHT,               /* 分值 N */
    A_SCORE,                /* 得分 N */
    A_REASON,               /* 偏差原因 "…" */
    A_FORECAST,             /* 预计 值: a 监控 block's 全年预计完成值 */
    A_LIKELY,               /* 可能性 确定能: a 监控 block's 完成目标可能性 */
    A_POSITIVE,             /* 正向 */
    A_NEGATIVE,             /* 反向 */
} AttrKind;

/* The keyword of an attribute (分值, 预计, 正向 …). */
const char *ast_attr_keyword(AttrKind k);

typedef struct Attr {
    AttrKind kind;
    Loc loc;                /* keyword through value */
    Value val;              /* A_WEIGHT, A_SCORE, A_REASON, A_FORECAST, A_LIKELY */
    struct Attr *next;
} Attr;

typedef enum ExprKind {
    E_NUM,                  /* a number literal */
    E_REF,                  /* a name: 实际, 目标, 分值, … */
    E_NEG,                  /* − a */
    E_ADD, E_SUB, E_MUL, E_DIV,
    E_EQ, E_GE, E_LE, E_GT, E_LT,
    E_AND, E_OR,
    E_IF,                   /* 如果 a 则 b 否则 c */
    E_CALL,                 /* 名称(args) */
} ExprKind;

typedef struct Expr {
    ExprKind kind;
    Loc loc;
    Decimal num;            /* E_NUM */
    const char *name;       /* E_REF, E_CALL */
    struct Expr *a, *b, *c; /* operands; E_CALL: a = first argument */
    struct Expr *next;      /* E_CALL arguments */
} Expr;

typedef enum StmtKind {
    S_ENTRY,                /* 名称 [运算符] [值] [属性…] */
    S_GROUP,                /* 名称 { … } */
    S_INDICATOR,            /* 指标 名称 [运算符] 值 [属性…] */
    S_RULE,                 /* 规则 名称 = 表达式 */
} StmtKind;

typedef struct Stmt {
    StmtKind kind;
    Loc loc;                /* the whole statement (first line) */
    const char *name;
    Loc name_loc;
    Op op;
    Loc op_loc;
    Value val;
    Attr *attrs;
    struct Stmt *body;      /* S_GROUP: the first child */
    Expr *expr;             /* S_RULE */
    struct Stmt *next;
} Stmt;

typedef enum DeclKind {
    D_PROJECT,              /* 项目 */
    D_ACTUAL,               /* 实际 */
    D_MONITORING,           /* 监控: mid-year actuals */
    D_SCHEME,               /* 评分方案 */
    D_MONITOR,              /* 监控方案 */
    D_SCALE,                /* 等级 */
    D_ORDINAL,              /* 序列 */
    D_UNITS,                /* 单位 */
    D_CATEGORY,             /* 类别 */
    D_NAMING,               /* 命名 */
    D_USE,                  /* 使用 */
} DeclKind;

typedef struct Decl {
    DeclKind kind;
    Loc loc;                /* the keyword */
    const char *name;       /* NULL for 单位 */
    Loc name_loc;
    Stmt *body;
    struct Decl *next;
} Decl;

typedef struct Comment {
    Loc loc;                /* from # to the end of the line */
    bool own_line;          /* nothing but space before it on its line */
    struct Comment *next;
} Comment;

typedef struct File {
    const Source *src;
    Decl *decls;
    Comment *comments;
    bool had_errors;            /* lexical or syntax errors: values may be placeholders */
} File;

/* Whether s is a keyword: a name that is not an identifier (val_is_ident),
 * or is a keyword, is written as a string. */
bool ast_is_keyword(const char *s);
/* Whether a name is written bare in a .pg file: an identifier that is no
 * keyword, which the scanner reads back as the same name (else it is
 * written as a string). */
bool ast_name_is_bare(const char *s);
const char *ast_decl_keyword(DeclKind k);
/* The unit of the project's 资金 block, in which its bare amounts (a
 * 全年执行数 of 89.974) are read: the one unit every line of the block
 * that has one writes (元 when none has one), or NULL when the lines mix
 * units or the project has no 资金 block — then a bare amount is an error. */
const char *ast_funds_unit(const Decl *project);
/* The statement's first attribute of kind k, or NULL. */
const Attr *ast_find_attr(const Stmt *s, AttrKind k);
void ast_dump(FILE *out, const File *f);

/* ---- parse.c ----------------------------------------------------------- */

/* Parses src into *out, allocating in arena; reports through diag.
 * Returns false when the file had syntax errors (the tree is then partial
 * but usable by the checker). */
bool parse_file(const Source *src, Arena *arena, File *out);
/* --dump=tokens */
void parse_dump_tokens(const Source *src, Arena *arena, FILE *out);
/* The scanner's tokens of src, classed for highlighting (the language
 * server's semantic tokens), in source order; then the comments, in
 * theirs.  What the scanner reports goes through diag as usual. */
typedef enum TokClass { TC_KEYWORD, TC_NAME, TC_STRING, TC_NUMBER, TC_DATE, TC_OPERATOR, TC_COMMENT } TokClass;
typedef void (*ParseTokenFn)(void *ctx, TokClass c, Loc loc);
void parse_tokens(const Source *src, Arena *arena, ParseTokenFn fn, void *ctx);

/* ---- stdlib.c ---------------------------------------------------------- */

/* The standard library as the checker sees it: tables built from
 * the stdlib/ modules (embedded at build time, overridable through PGC_PATH). */

typedef struct StdLevel2 {
    const char *name;
    struct StdLevel1 *parent;
} StdLevel2;

struct StdLevel1 {
    const char *name;
    bool required;                  /* every project needs one */
    const char **level2;            /* the 二级 allowed under it */
    int nlevel2;
};

struct StdNaming {                  /* a name rule: suffix or substring */
    const char *pattern;
    bool suffix;                    /* else: contains */
    const char *dim;                /* the unit dimension the name wants */
    bool error;                     /* error (suffix rules) or warning */
};

struct StdScheme {
    const char *name;
    const Decl *decl;
    const Source *src;              /* the module it was read from */
    bool is_default;                /* 默认 是 */
    const EvScheme *ev;             /* lowered and validated as it was loaded
                                     * (its weights, rules, bands, grades) */
};

/* Loads the standard library once per process, its schemes lowered and
 * validated (ev_lower_scheme).  Errors in it are reported like any other
 * file's (with its path), and then it returns NULL (see std_open). */
const Stdlib *std_load(void);
/* std_load for a command (after diag_setup), and the 评分方案 of --scheme
 * (NULL: none asked for) looked up: EXIT_OK, or the command's exit status
 * after closing the diagnostics — EXIT_ERRORS when the library has errors
 * (reported with their positions, then "the standard library has errors":
 * a module given with --stdlib or PGC_PATH is input like any other),
 * EXIT_USAGE for a scheme of no such name. */
int std_open(const Stdlib **std, const char *scheme, char *const *operands, int n);
/* The language server's library, loaded again from nothing: the modules,
 * then the library declarations of the workspace's files, given as texts
 * (an open document's as the editor holds it).  Errors are reported
 * through diag as std_open's are, with the files' paths; a user's file
 * with errors adds what it can and the rest stays usable.  NULL when the
 * standard library itself has errors.  Every Stdlib pointer, and every
 * name of the library, from before is invalid after it. */
typedef struct StdText {
    const char *path;
    const char *text;
    size_t len;
} StdText;
const Stdlib *std_reload(const StdText *files, int n);
/* Every module's text and every user file's with library declarations,
 * as loaded (the language server's go-to-definition parses them). */
const Source *const *std_sources(int *n);
/* Whether a text declares library things (评分方案, 等级, 单位, …): a line
 * that begins with such a keyword. */
bool std_declares_library(const char *text, size_t len);
/* Prepends a directory to the search path (before PGC_PATH). */
void std_add_path(const char *dir);
/* Lists the modules and where each was found (for --version -v). */
void std_describe(FILE *out);

const StdLevel1 *std_level1(const Stdlib *s, const char *name);
bool std_level2_under(const StdLevel1 *l1, const char *name);
/* A 二级 name under some other 一级, or NULL. */
const StdLevel1 *std_level2_owner(const Stdlib *s, const char *name);
const StdScheme *std_scheme(const Stdlib *s, const char *name);
const StdScheme *std_default_scheme(const Stdlib *s);
/* The 监控方案 of that name (NULL: the one marked 默认 是), or NULL. */
const EvMonScheme *std_monitor(const Stdlib *s, const char *name);
/* The first name rule (命名) that an indicator called name with a target
 * in unit u breaks, or NULL: the checker's and the importer's test. */
const StdNaming *std_naming_broken(const Stdlib *s, const char *name, const StdUnit *u);

/* ---- the commands' option tables (cli.c reads them) ------------------------ */

/* -L DIR, --stdlib=DIR: std_add_path for every one given.  Beside rt.h's
 * CLI_OPT_* here, not there: the runtime has no standard-library path. */
#define CLI_OPT_STDLIB { "stdlib", 'L', CLI_EACH, .each = std_add_path }

/* ---- check-cmd.c ----------------------------------------------------------- */

int cmd_check(int argc, char **argv);     /* pgc check */

/* ---- fmt.c --------------------------------------------------------------- */

/* Formats src in the canonical layout; NULL (after reporting) when it has
 * syntax errors.  The result is malloc'd, *len bytes. */
char *fmt_source(const Source *src, Arena *arena, size_t *len);
int cmd_fmt(int argc, char **argv);       /* pgc fmt */

/* ---- import/import.c (its parts share import/import.h) ------------------- */

int cmd_import(int argc, char **argv);    /* pgc import */
/* pgc import of a Source in memory (the fuzzer): each project's .pg text,
 * as `-o -` prints it, is appended to out; diagnostics go through diag
 * (after diag_setup).  src may be replaced by a converted copy, which the
 * caller frees.  False when the standard library does not load or the
 * text made for a project does not parse (a bug in the importer). */
bool imp_source(Source *src, Buf *out);

/* ---- lsp/server.c (its parts share lsp/lsp.h) ------------------------------ */

int cmd_lsp(int argc, char **argv);       /* pgc lsp */

/* ---- render.c ------------------------------------------------------------ */

int cmd_render(int argc, char **argv);    /* pgc render */

/* ---- lower.c: checked specs and schemes to the IR (rt.h) ---------------- */

/* A scheme declaration d lowered to the IR, with the 一级 categories of
 * std (loaded so far) for its 权重; NULL after reporting (E0601, in the
 * current diagnostics file) what is wrong or missing.  stdlib.c calls it
 * once per scheme as it loads the module. */
EvScheme *ev_lower_scheme(const Stdlib *std, const Decl *d, Arena *arena);
/* A 监控方案 lowered and validated (E0601s, in the module being loaded):
 * NULL when it has errors. */
EvMonScheme *ev_lower_monitor(const Decl *d, Arena *arena);
/* The scheme `name` (NULL: the default), as the standard library lowered it. */
const EvScheme *ev_scheme(const Stdlib *std, const char *name);
/* A project's scheme: name (--scheme) if given, else its 方案, else the default. */
const EvScheme *ev_scheme_for(const Stdlib *std, const Decl *d, const char *name);
/* Lowers a checked project of src (actuals not bound yet). */
EvProject *ev_lower(const Stdlib *std, const EvScheme *sc, const Source *src, const Decl *d, Arena *arena);
void ev_dump_ir(Buf *out, const EvProject *p);

/* ---- jit.c ----------------------------------------------------------------- */

/* The scheme's rules and the per-indicator scoring compiled with
 * libgccjit; the results equal the interpreter's digit for digit (a rule
 * the compiled code cannot finish exactly falls back to the interpreter). */
typedef struct Jit Jit;

Jit *jit_new(const char *dump_path);        /* dump_path: --dump-jit, or NULL */
/* Compiles the code for sc unless done already.  On failure returns false
 * with a message (naming a missing package when that is the cause) in *why. */
bool jit_prepare(Jit *j, const EvScheme *sc, const char **why);
/* ev_run through the compiled code (after jit_prepare for p's scheme). */
bool jit_run(Jit *j, EvProject *p, bool explain, Arena *arena);
/* Rules scored so far by the compiled code, and those that fell back. */
void jit_counts(const Jit *j, long long *scored, long long *fell_back);
/* The compiled batch of sc and the slots each rule reads (after
 * jit_prepare), for jit_score: what a built evaluator holds for it
 * (fuzz/fuzz-engines.c scores through it as an evaluator does). */
bool jit_code(Jit *j, const EvScheme *sc, JitBatchFn *batch, const unsigned **reads);
void jit_free(Jit *j);                      /* releases every compiled result */

/* For pgc build (build.c): the same code generated into its context.
 * Opaque here so that only jit.c and build.c need libgccjit.h. */
struct gcc_jit_context;
struct gcc_jit_function;
struct gcc_jit_type;
typedef struct JitGen JitGen;
JitGen *jit_gen_new(struct gcc_jit_context *ctx);
/* Function names end in suffix from now on (one context, several schemes). */
void jit_gen_set_suffix(JitGen *g, const char *suffix);
/* The rules of sc and its batch function, which it returns. */
struct gcc_jit_function *jit_gen_scheme(JitGen *g, const EvScheme *sc);
struct gcc_jit_type *jit_gen_ind_ptr(const JitGen *g);    /* JitInd * */
void jit_gen_free(JitGen *g);
/* Whether as and ld are there for libgccjit's driver (it exits the process
 * when they are not). */
bool jit_tools_present(void);
/* "the JIT cannot compile: …", naming a missing package when one is (malloc'd). */
char *jit_fail_message(const char *error);

/* ---- build.c ----------------------------------------------------------------- */

int cmd_build(int argc, char **argv);     /* pgc build */

/* ---- eval.c ---------------------------------------------------------------- */

int cmd_eval(int argc, char **argv);      /* pgc eval */
int cmd_test(int argc, char **argv);      /* pgc test (eval.c) */
int cmd_monitor(int argc, char **argv);   /* pgc monitor */
/* The rows of a 实际 or 监控 block (in a, pointing into the block). */
ActualRow *act_rows_from_decl(Arena *a, const Source *src, const Decl *d);
/* --actuals FILE: a CSV file (or a workbook; act_read_csv), or a .pg file
 * whose blocks of kind (D_ACTUAL, D_MONITORING) are read; false when it
 * cannot be used (said). */
bool act_read_any(Actuals *a, const char *path, DeclKind kind);

/* ---- xlsx.c: the forms as Excel workbooks (libxlsxwriter) ------------------- */

/* A workbook being written: a summary sheet first, then a sheet per
 * project; opaque so that only xlsx.c includes xlsxwriter.h. */
typedef struct XlsxBook XlsxBook;
/* A sheet being laid out (xlsx_form_sheet) or the summary. */
typedef struct XlsxSheet XlsxSheet;

/* How a cell looks; its number format for numbers. */
typedef enum XlsxStyle {
    XS_TITLE,               /* the form's title: 黑体 16 pt bold, centred, no border */
    XS_YEAR,                /* （2023年度） under it: centred, no border */
    XS_LABEL,               /* a label of the form (项目名称, 绩效指标): bold, centred */
    XS_HEAD,                /* a column's heading: bold, centred, on grey */
    XS_TEXT,                /* text: left, wrapped */
    XS_CENTRED,             /* text centred (the 一级 and 二级 cells, 等级) */
    XS_AMOUNT,              /* an amount: #,##0.00 */
    XS_AMOUNT_WIDE,         /* an amount in 万元 (more decimals): #,##0.00#### */
    XS_RATE,                /* a fraction shown as a rate: 0.00% */
    XS_SCORE,               /* a 分值 or 得分: 0.00 */
    XS_INT,                 /* a count, a 年度: 0 */
    XS_NUMTEXT,             /* a number of more digits than a double holds, as text */
    XS_LINK,                /* a link to a sheet (the summary's 项目) */
    XS_NOTE,                /* text under the form, without a border */
    XS_GREEN, XS_YELLOW, XS_RED,    /* a warning light (pgc monitor): centred, bold, on its colour */
    XS_UNREPORTED,          /* 未填报: centred, on grey */
    XS_COUNT
} XlsxStyle;

/* Lays out a sheet: called twice, to measure and to write, with the same
 * cells (xlsx_cell, xlsx_num …). */
typedef void XlsxLayout(XlsxSheet *s, const void *data);

/* A workbook for command cmd ("eval", "render": its messages) titled
 * title, whose summary sheet (汇总) is titled summary_title and has the
 * ncols headings; NULL after saying why (no temporary file). */
XlsxBook *xlsx_open(const char *cmd, const char *title, const char *summary_title,
                    const char *const *headings, int ncols);
/* A sheet named after name (made valid and unique) laid out by layout;
 * returns the name it got, or NULL when it could not be made (said). */
const char *xlsx_form_sheet(XlsxBook *b, const char *name, XlsxLayout *layout, const void *data);
/* The summary sheet, and a new row of it: its 项目 cell, a link to the
 * project's sheet (NULL: none); year is the project's 年度 (0: none). */
XlsxSheet *xlsx_summary(XlsxBook *b);
int xlsx_summary_row(XlsxBook *b, const char *project, const char *sheet, int year);
/* A cell at (row, col), merged over rows × cols when either is > 1. */
void xlsx_cell(XlsxSheet *s, int row, int col, int rows, int cols, const char *text, XlsxStyle st);
/* A number, exact: d as its digits become a double (or text beyond 15 digits). */
void xlsx_num(XlsxSheet *s, int row, int col, int rows, int cols, Decimal d, XlsxStyle st);
void xlsx_int(XlsxSheet *s, int row, int col, long long v, XlsxStyle st);
/* The widest column col gets for its text (which wraps beyond it). */
void xlsx_cap(XlsxSheet *s, int col, double width);
/* At least this height for the row, in points. */
void xlsx_height(XlsxSheet *s, int row, double points);
/* The rows [first, last] repeated at the top of every printed page. */
void xlsx_repeat(XlsxSheet *s, int first, int last);
/* Memory for the layout's texts, dropped after the sheet. */
Arena *xlsx_arena(XlsxSheet *s);
/* Closes the workbook and hands the file to out (its tmp; out is empty)
 * for spool_write; false after saying why.  The book is freed either way. */
bool xlsx_finish(XlsxBook *b, Spool *out);
/* Drops the workbook unwritten (NULL: nothing). */
void xlsx_discard(XlsxBook *b);
/* -o of --format xlsx: CLI_GO with *output the file, or NULL for standard
 * output (-o -, not a terminal); else EXIT_USAGE after saying why. */
int xlsx_output(const char *cmd, const char **output);
/* The 项目支出绩效自评表: a workbook for pgc eval, and a scored project's
 * sheet and summary row (goal: the spec's 年度总体目标, or NULL). */
XlsxBook *xlsx_selfeval_open(const char *cmd);
void xlsx_selfeval(XlsxBook *b, const EvProject *p, const char *goal, bool explain);
/* The 项目支出绩效目标执行监控表: a workbook for pgc monitor, and a
 * monitored project's sheet and summary row. */
XlsxBook *xlsx_monitor_open(const char *cmd);
void xlsx_monitor(XlsxBook *b, const MonProject *m, bool explain);

/* ---- check.c ----------------------------------------------------------- */

/* Checks every declaration of f; reports through diag.  Actuals whose
 * project is not in f are returned in *pending (names) for a later pass. */
void chk_file(const Stdlib *std, const File *f, Arena *arena);
/* The front end of every command that reads specs: reads path (saying
 * why it cannot be read: false), makes it the diagnostics' file, parses it
 * into *f and checks it (unless its syntax errors reached --max-errors).
 * The caller flushes the diagnostics and frees src. */
bool chk_load(const Stdlib *std, const char *path, Source *src, File *f, Arena *arena);
/* The header fields of a project, i = 0, 1, …: the name (NULL past the
 * last), and whether every project needs it. */
const char *chk_field(int i, bool *required);

#endif /* PGC_H */
