/*
 * import.h — shared by the files of pgc import (src/import/); nothing
 * else includes it.  The command itself is declared in pgc.h.
 *
 * A pasted 申报表 or 自评表 is read in three steps (import.c tells the story):
 * the text into rows of cells (cells.c), the rows into Forms — the header
 * with its fields, funds and goals (head.c), the indicator table (table.c),
 * each value turned into .pg text as it is read (target.c) — and the
 * Forms into .pg files (import.c).  The types below are what the steps
 * hand on: a Row of Cells, a Form of Items and Nodes, and the Imp that
 * reads one input file.  Sections follow the file that defines each part.
 */
#ifndef PGC_IMPORT_H
#define PGC_IMPORT_H

#include "pgc.h"

#include <string.h>

/* ---- the text: rows of cells -------------------------------------------- */

typedef struct Cell {
    const char *s;          /* the text, trimmed (NUL-terminated) */
    size_t n;
    Loc loc;                /* where it stands in the input */
    int col;                /* its place in the row, empty cells counted */
} Cell;

typedef struct Row {
    Cell *cells;            /* the non-empty cells, in order */
    int n;
} Row;

/* Reads a pasted table row by row (csv.c's CSV_PASTED reader), or the
 * cells of a workbook's sheet or a document (office.c's SrcCells). */
typedef struct RowReader {
    CsvReader csv;
    const SrcCells *grid;   /* the source's cells, or NULL for text */
    size_t next;            /* grid: the next cell */
    Arena *arena;           /* the rows' cells and texts */
    Cell *scratch;          /* one row's cells while it is read (malloc'd) */
    int cap;
} RowReader;

/* ---- the forms: what a form is read into -------------------------------- */

/* The labels of the form's cells, as imp_fold() and the removal of
 * brackets, colons and a leading 其中 leave them. */
typedef enum Label {
    L_NONE,
    L_NAME, L_NATURE, L_KIND, L_DEPT, L_UNIT, L_START, L_END,
    L_FUNDS, L_LIFE, L_LIFE_FISCAL, L_OTHER, L_TOTAL, L_APPROP, L_CARRY,
    L_GOALS, L_GOAL_ALL, L_GOAL_YEAR,
    L_INDICATORS, L_COL1, L_COL2, L_COL3, L_COLV, L_COLOP, L_COLUNIT, L_WEIGHT,
    /* a 自评表's alone (head.c's se_labels) */
    L_SE_INIT, L_SE_BUDGET, L_SE_SPENT, L_SE_RATE, L_SE_SCORE,    /* 年初预算数 … 得分 */
    L_SE_ACTUAL, L_SE_REASON,                                     /* 实际完成值, 偏差原因 */
    L_SE_EXPECT, L_SE_DONE, L_SE_SUM,                             /* 预期目标, 实际完成情况, 总分 */
} Label;

/* The header fields and amounts, in the order a .pg project lists them. */
typedef enum Field {
    F_NATURE, F_KIND, F_DEPT, F_UNIT, F_START, F_END,
    F_LIFE, F_TOTAL, F_APPROP, F_CARRY, F_OTHER,   /* domain.def's FUND lines, in its order */
    F_LIFE_FISCAL, F_LIFE_OTHER,        /* the life's two parts: comments only */
    F_GOAL_ALL, F_GOAL_YEAR,
    F_COUNT
} Field;
_Static_assert(F_OTHER - F_LIFE + 1 == FU_COUNT && F_TOTAL - F_LIFE == FU_TOTAL,
               "the amount fields are domain.def's fund lines");

typedef struct Item {
    const char *pg;         /* the value as .pg text; NULL when the form has none */
    const char *text;       /* goals: the text as read (joined over rows) */
    const char *notes;      /* comment lines above it, '\n'-separated, or NULL */
    Loc loc;                /* the value's cell, or its label's */
    bool labelled;          /* the form has a label for it */
} Item;

/* A group (一级, 二级) or an indicator of the tree. */
typedef struct Node {
    const char *name;
    bool group;
    const char *target;     /* indicators: e.g. "= 100%", "" for none */
    const char *text;       /* a free-text target as read, else NULL */
    const char *notes;
    struct Node *kids, *last, *next;
    /* a 自评表's (selfeval.c) */
    const char *weight;     /* a category's weight printed in its cell (产出指标(50分)) */
    Loc weight_loc;
    const char *actual;     /* an indicator's 实际 line after its name, or NULL */
    const char *act_notes;  /* the comment lines above that line */
    Decimal w;              /* its 分值, when has_w */
    bool has_w;
} Node;

typedef enum Section { SEC_HEAD, SEC_GOALS, SEC_IND } Section;

/* The columns of a 自评表 that its header rows name: the funds block's
 * (年初预算数 … 得分) and the indicator table's after the 三级指标. */
typedef enum FundCol { FC_INIT, FC_BUDGET, FC_SPENT, FC_WEIGHT, FC_RATE, FC_SCORE, FC_COUNT } FundCol;
typedef enum IndCol { IC_TARGET, IC_ACTUAL, IC_WEIGHT, IC_SCORE, IC_REASON, IC_COUNT } IndCol;

/* What a 自评表 has that a 申报表 has not: its columns, and the lines of
 * its 实际 block but the indicators' (those are in the Nodes). */
typedef struct SelfEval {
    int fcol[FC_COUNT];     /* -1: not in the header */
    int icol[IC_COUNT];
    int expect_col, done_col;   /* the goal's 预期目标, 实际完成情况 */
    int offset;             /* the last indicator row's shift off the header's columns */
    const char *done;       /* the 年度总体目标's 实际完成情况 */
    Loc done_loc;
    bool funds_read;        /* the 年度资金总额 row has been read */
    Loc funds_loc;          /* its label */
    const char *budget, *spent, *rate;  /* .pg text, NULL when none */
    const char *spent_attrs;    /* the budget row's " 分值 N 得分 N", or "" */
    Decimal weight;         /* the budget row's 分值, when has_weight */
    bool has_weight;
    const char *total;      /* the 总分 row's 得分, its 分值 */
    const char *total_weight;
    Loc total_loc;
    const char *notes;      /* comment lines at the top of the 实际 block */
    const char *fund_notes; /* the figures of 当年财政拨款 … that it has no line for */
} SelfEval;

typedef struct Form {
    const char *name;       /* NULL: the form has none, and is not written */
    const char *file;       /* its file name, once it is known to be written */
    Loc loc;                /* the 项目名称 cell */
    int year;               /* 0: unknown */
    const char *year_notes;
    Item item[F_COUNT];
    SelfEval *se;           /* a 自评表's (selfeval.c); NULL for a 申报表 */
    const char *funds_unit; /* 元 or 万元, NULL until the form says */
    Loc unit_assumed;       /* the first amount read as 元 for want of a unit */
    Node root;              /* the 一级 groups */
    Node *cur1, *cur2;      /* where the next indicator row goes */
    Node *last_ind;         /* the last indicator read */
    const char *head_notes; /* rows of the header not understood */
    const char *end_notes;  /* rows after the indicators not understood */
    Section sec;
    int c1, c2, c3, cw;     /* columns of 一级, 二级, 三级, 分值 (-1: none) */
    bool cols_known;        /* from the header row, or from the first 一级 */
    bool has_units;         /* the table has a column of units (计量单位) */
    int gp, ga;             /* columns of 项目总体目标, 年度总体目标 */
    Field last_goal;        /* F_GOAL_ALL or F_GOAL_YEAR: where text last went; 0 before */
    int life_col, year_col; /* columns of the funds' two halves */
    struct Form *next;
} Form;

typedef struct ImpRun {
    const Stdlib *std;
    Arena arena;            /* the input file's; reset after each */
    Arena keep;             /* lives for the run: the names written */
    StrMap written;         /* file names written in this run */
    const char *outdir;
    Buf *sink;              /* imp_source: the projects' text goes here */
    bool force, io_error;
    int nwritten;           /* projects written (on stdout: a blank line between) */
} ImpRun;

typedef struct Imp {        /* one input file being read */
    ImpRun *run;
    const Stdlib *std;
    Arena *arena;
    Form *first, *last, *form;
    int year;               /* the last `(2023年度)` line's, 0 if none yet */
    bool self_eval;         /* the last title was a 自评表's */
    bool part;              /* one sheet of a workbook: having no form is no error */
    int nforms;
} Imp;

/* ---- small helpers ------------------------------------------------------ */

static inline bool is_ident(const char *s)
{
    return val_is_ident(s, strlen(s));
}

/* ---- cells.c: the text -------------------------------------------------- */

/* Makes src UTF-8 (text.c's policy for a pasted form: UTF-16 and GB18030
 * are converted, src then being a copy in memory); false, after a
 * diagnostic, for a file that is not text. */
bool imp_decode(Source *src, Arena *arena);
/* Starts reading src's rows, their cells in arena. */
void imp_rows_open(RowReader *rd, const Source *src, Arena *arena);
/* Reads the next row (its non-empty cells, trimmed); false at the end. */
bool imp_read_row(RowReader *rd, Row *r);
void imp_rows_close(RowReader *rd);

/* s without the blanks next to a wide character (`产出 指标`); other runs
 * of blanks become one space. */
char *imp_tidy(Arena *a, const char *s, size_t n);
/* s without any blanks, full-width ASCII made ASCII: the form in which
 * labels, numbers and dates are recognized. */
char *imp_fold(Arena *a, const char *s, size_t n);
/* s on one line: line breaks and control characters become spaces. */
char *imp_one_line(Arena *a, const char *s);
/* Whether a folded cell says "nothing here": 无, /, —. */
bool imp_is_placeholder(const char *folded);
/* "…" with \" and \\ escaped, on one line: a .pg string. */
const char *imp_pg_string(Arena *a, const char *s);
/* A name or a word: bare when it may be (ast_name_is_bare), else a string. */
const char *imp_pg_name(Arena *a, const char *s);
/* Joins the lines of a cell, or of a text over several rows: nothing
 * between Chinese text, a space between two Latin words. */
const char *imp_join_text(Imp *im, const char *a, const char *b);
/* The cells of r from `from` on, as one comment line shows them. */
const char *imp_row_text(Imp *im, const Row *r, int from);
/* Adds a comment line to *notes. */
void imp_note(Imp *im, const char **notes, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds the comment line `line` to *notes unless it is there already. */
void imp_note_once(Imp *im, const char **notes, const char *line);
/* What the current form is, as its comments name it: 申报表 or 自评表. */
const char *imp_doc(const Imp *im);

/* ---- head.c: the header ------------------------------------------------- */

/* The names of the fields, as the form and the .pg file write them. */
extern const char *const imp_field_names[F_COUNT];
/* The label a cell is, or L_NONE; *paren gets the text of its first
 * bracket, as in 项目资金（万元）. */
Label imp_label_of(Imp *im, const Cell *c, const char **paren);
bool imp_row_has(Imp *im, const Row *r, Label want);
bool imp_row_has_label(Imp *im, const Row *r);
/* Whether a row has a column only a 自评表 has (全年执行数, 实际完成值, 得分). */
bool imp_row_is_self_eval(Imp *im, const Row *r);
/* A form begins at its 项目名称 cell (ending the one before). */
Form *imp_new_form(Imp *im, const Cell *at);
/* A title (…申报表) or a `(2023年度)` line: ends the form before it and
 * gives the 年度 of the forms after it.  False for any other cell. */
bool imp_title_or_year(Imp *im, const Cell *c);
/* A row of labels and their values: the header, the funds, the goals'
 * and the indicators' header rows. */
void imp_head_row(Imp *im, Form *f, const Row *r);
/* A row of goal text under the goals' header row. */
void imp_goal_row(Imp *im, Form *f, const Row *r);
/* Cells of a row that are no label nor a label's value: kept as comments
 * (in *notes), with a warning at the first. */
void imp_stray_cells(Imp *im, const char **notes, const Cell *first, const char *text);
/* An amount cell of the funds as .pg text (25.00 万元), what being its
 * field; NULL for an empty cell (-: 0).  One that cannot be read is an
 * error, kept as a string with a note in *notes. */
const char *imp_amount_pg(Imp *im, Form *f, const char *what, const Cell *c, const char **notes);
/* The unit of the form's amounts from a 项目资金（万元） cell, paren being
 * its bracket's text. */
void imp_funds_unit(Imp *im, Form *f, const Cell *c, const char *paren);

/* ---- target.c: values and targets --------------------------------------- */

/* Reads up to max digits at s into *v; returns how many. */
size_t imp_scan_digits(const char *s, int max, int *v);
/* Reads digits with an optional point and thousands separators at s;
 * returns the bytes read, 0 when there is no number; *bad when the
 * separators are misplaced. */
size_t imp_scan_number(const char *s, Decimal *out, bool *grouped, bool *bad);
/* Reads a date at s (2023-01-01, 2023年12月, …; d->day 0 for a month);
 * returns the bytes read, 0 when there is none; *bad when the day does
 * not exist. */
size_t imp_scan_date(const char *s, Date *d, bool *bad);
/* A date as .pg text: 2023-01-01 or 2023-01. */
const char *imp_date_pg(Imp *im, const Date *d);
/* Whether s can be a unit: "(…)" or a run, without brackets or digits. */
bool imp_unit_like(const char *s);
/* Whether a cell is only an operator (≥), only a unit (%, (万张)), or only
 * a number (with an operator in front, perhaps, when with_op). */
bool imp_is_op_cell(Imp *im, const Cell *c);
bool imp_is_unit_cell(Imp *im, const Cell *c);
bool imp_is_number_cell(Imp *im, const char *raw, bool with_op);
/* The .pg text of the target in cell c of indicator `name`; diagnostics
 * at the cell and comment lines in *notes as needed.  *free gets the text
 * of a plain free-text target (a later line may continue it). */
const char *imp_target_pg(Imp *im, const char *name, const Cell *c, const char **notes, const char **free);
/* The .pg text of the actual in cell c of indicator `name`, whose target
 * is in cell target (NULL: none): a number in the target's unit when it
 * has none (4 → 4 次), a date, a word of a scale, else a phrase.  One that
 * does not fit its target is an error at the cell. */
const char *imp_actual_pg(Imp *im, const char *name, const Cell *target, const Cell *c, const char **notes);

/* ---- table.c: the indicator table, and a form complete ------------------ */

/* A row of the indicator table: [一级] [二级] 三级 指标值. */
void imp_ind_row(Imp *im, Form *f, const Row *r);
/* Whether the row holds a 一级 category (the table has begun, without a
 * header row), or the table's column labels (一级指标, 二级指标, …). */
bool imp_row_has_level1(Imp *im, const Row *r);
bool imp_row_has_columns(Imp *im, const Row *r);
/* Reports what a form lacks; decides its file name. */
void imp_finish_form(Imp *im, Form *f);

/* ---- selfeval.c: what a 自评表 has more --------------------------------- */

/* Makes f a 自评表 (by its title, or by its columns). */
void imp_se_begin(Imp *im, Form *f);
/* A label of a header row: the column it names. */
void imp_se_mark(Imp *im, Form *f, Label l, const Cell *c);
/* A row of the funds block (年度资金总额 | 25 | 25 | 21.54576 | 10 | …);
 * false for any other row. */
bool imp_se_funds_row(Imp *im, Form *f, const Row *r);
/* The 实际完成情况 of the 年度总体目标, in cell c. */
void imp_se_done(Imp *im, Form *f, const Cell *c);
/* The weights a row's category cells print (产出指标(50分), 数量指标(20分)):
 * at most two, the cell and its weight; NULL where none. */
typedef struct {
    const char *weight[2];
    const Cell *at[2];
} CatWeights;

/* The weight cw holds for cell c, or NULL. */
const char *imp_se_weight_of(const CatWeights *cw, const Cell *c);
/* Row r with each category cell that prints its weight (产出指标(50分),
 * 数量指标（20）) in its plain name; *w gets the weights. */
Row imp_se_plain_row(Imp *im, const Row *r, CatWeights *w);
/* The 总分 row; false for any other. */
bool imp_se_total_row(Imp *im, Form *f, const Row *r);
/* The cells of indicator row r from `from` on, by the header's columns
 * (offset: how far the row is off them), into slot[IC_…] (NULL: none);
 * what fits no column is kept in *notes. */
void imp_se_cells(Imp *im, const Form *f, const Row *r, int from, int offset, const Cell *slot[IC_COUNT],
                  const char **notes);
/* Indicator n's 实际 line from its cells (target, actual, 分值, 得分,
 * 偏差原因); nc is its name's cell. */
void imp_se_actual(Imp *im, Form *f, Node *n, const Cell *nc, const Cell *const slot[IC_COUNT]);
/* A required field a 自评表 does not carry (计划开始日期, 计划完成日期,
 * 主管部门, the 年初预算数 of 年度资金申请总额): a warning, and a value
 * taken from the 年度, the 实施单位 or the 全年预算数 when there is one;
 * false for the other fields. */
bool imp_se_missing(Imp *im, Form *f, Field fl);
/* Reports what the 自评表 lacks or prints wrong (全年执行数, weights). */
void imp_se_finish(Imp *im, Form *f);
/* The 实际 block of a 自评表's project. */
void imp_se_gen(Imp *im, const Form *f, Buf *b);
/* Comment lines at depth (import.c). */
void imp_gen_notes(Buf *b, int depth, const char *notes);

#endif
