/*
 * import.c — `pgc import`: 申报表 pasted as text become .pg files.
 *
 * Nobody types a 财政项目支出绩效目标申报表 twice.  The forms exist in
 * Word, WPS or Excel; what reaches pgc is their table copied out as text —
 * one table row per line, cells separated by tabs — or the same table
 * saved as CSV.  tests/data/seeds/ holds seven such forms, pasted as they
 * came, and every quirk of them is read here: labels with stray spaces
 * (`项目 绩效 目标`, `产出 指标`), rows with an extra empty cell or one
 * missing, a row that lost its leading tab, a 三级 indicator that slid into
 * the 二级 column, targets in half a dozen spellings (`=100.00(%)`,
 * `≥90.00(%)`, `2个工作日内`, `2023年12月`, `稳定`, a sentence).
 *
 * So columns are trusted only as far as they must be.  A cell is known by
 * what it says: a label (`项目名称`, `其中：当年财政拨款`) is found by its
 * text with blanks, brackets and colons taken out, and its value is the
 * next non-empty cell; a 一级 or 二级 category is a name the standard
 * library knows (stdlib/categories.pg, the same table `pgc check` uses);
 * of the indicator row's remaining cells the first is the indicator and
 * the next its target.  Column numbers, taken from the header rows, only
 * settle what the text cannot: which half of the funds block a 其他资金
 * belongs to, which goal a text is, whether an indicator stands where a
 * 二级 should.
 *
 * Reading goes in three steps, each in its own section below:
 *
 *   the text   bytes to UTF-8 (a file saved as GB18030 or UTF-16 by a
 *              Chinese Windows is converted), then to rows of cells;
 *              TSV or CSV is decided per file, and a cell in quotes may
 *              hold separators, "" and line breaks (RFC 4180) — Excel
 *              quotes that way in both formats;
 *   the forms  rows to Forms: a form starts at its 项目名称 row and takes
 *              the 年度 of the `(2023年度)` line above it; its header,
 *              funds, goals and indicator tree are filled in as the rows
 *              come; every value is turned into .pg text at once, while
 *              its cell is at hand for a diagnostic;
 *   the files  a Form to .pg text, given to fmt_source so the result is
 *              exactly what `pgc fmt` makes of it, then written to NAME.pg
 *              through a temporary file and a link (or, with -f, a rename),
 *              so an existing file is never replaced by accident and never
 *              left half-written.
 *
 * Nothing is guessed silently.  What the form says but cannot be mapped
 * exactly is a diagnostic at the cell (file:line:col of the input, through
 * diag.c, codes E07xx/W07xx), and the project is still written, with a
 * comment above the doubtful line for the person who fixes it:
 * `# 申报表原文：…` where the form itself is odd but was kept as it is (a
 * target without an operator, an indicator in the 二级 column, a 天数 in
 * %) and `# 待核实：…` where a value could not be read (then its raw text
 * is kept as a string) or is missing.  An error means something a person
 * must settle before the project is right (exit status 1); a warning, that
 * the file says what the form says but the form deserves a look.  The rest
 * of the meaning is left to `pgc check`: funds that do not add up or a
 * duplicate indicator are faithfully imported and reported there.  What a
 * .pg project has no place for — the 财政资金 and 其他资金 of a multi-year
 * project's whole life, a row of 联系人 — is kept as a comment too, never
 * dropped.
 */
#include "pgc.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* A quoted cell may span at most this many lines: a quote that opens no
 * real cell is not followed to the end of a large file. */
enum { QUOTE_LINES = 200 };

/* ---- text helpers ------------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t n, int *len)
{
    uint32_t cp;
    int l = utf8_decode(s, n, &cp);
    *len = l ? l : 1;
    return l ? cp : 0xFFFD;
}

/* Blanks inside cells: ASCII ones, NBSP, the ideographic space, a BOM. */
static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF;
}

/* CJK, full-width forms, Chinese punctuation: no space is wanted next to them. */
static bool is_wide(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2010 && cp <= 0x206F);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* s without the blanks next to a wide character (`产出 指标`, `上海市 公安局`);
 * other runs of blanks become one space (`IT 设备` keeps none, `A B` one). */
static char *tidy(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    bool pending = false, prev_wide = true;
    for (size_t i = 0; i < n;) {
        int l;
        uint32_t cp = cp_at(s + i, n - i, &l);
        if (is_blank(cp) || cp < 0x20 || cp == 0x7F) {
            pending = true;
        } else {
            bool wide = is_wide(cp);
            if (pending && !prev_wide && !wide)
                *o++ = ' ';
            pending = false;
            memcpy(o, s + i, (size_t)l);
            o += l;
            prev_wide = wide;
        }
        i += (size_t)l;
    }
    *o = 0;
    return out;
}

/* s without any blanks, full-width ASCII (０-９ （ ） ％ ＝ ＞ ：…) made
 * ASCII: the form in which labels, numbers and dates are recognized. */
static char *fold(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        int l;
        uint32_t cp = cp_at(s + i, n - i, &l);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            *o++ = (char)(cp - 0xFEE0);
        else if (!is_blank(cp)) {
            memcpy(o, s + i, (size_t)l);
            o += l;
        }
        i += (size_t)l;
    }
    *o = 0;
    return out;
}

/* One line of text for a comment or a string: line breaks and control
 * characters become spaces (a quoted cell may hold them). */
static char *one_line(Arena *a, const char *s)
{
    char *out = arena_strndup(a, s, strlen(s));
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
    return out;
}

/* A cell that says "nothing here": 无, /, —. */
static bool is_placeholder(const char *folded)
{
    static const char *const words[] = { "", "无", "/", "-", "--", "—", "——", "－", "不适用", "暂无",
                                         "N/A", "n/a", "NA", "\\" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(folded, words[i]) == 0)
            return true;
    return false;
}

/* ---- .pg spelling ------------------------------------------------------- */

static bool is_ident(const char *s)
{
    return ast_is_ident(s, strlen(s));
}

/* "…" with \" and \\ escaped, on one line. */
static const char *pg_string(Arena *a, const char *s)
{
    Buf b = { 0 };
    buf_str(&b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_str(&b, "\\");
        buf_add(&b, (unsigned char)*p < 0x20 || *p == 0x7F ? " " : p, 1);
    }
    buf_str(&b, "\"");
    const char *out = arena_strndup(a, b.s, b.n);
    buf_free(&b);
    return out;
}

/* A name or a word: bare when it is an identifier, else a string. */
static const char *pg_name(Arena *a, const char *s)
{
    return is_ident(s) && !ast_is_keyword(s) ? s : pg_string(a, s);
}

/* ---- the text: bytes to UTF-8 ------------------------------------------- */

/* Converts n bytes from encoding `from` to UTF-8 (malloc'd), or NULL. */
static char *convert(const char *from, const char *in, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 2 + 16;
    char *out = malloc(cap);
    if (!out)
        pgc_die("out of memory");
    char *ip = (char *)in, *op = out;
    size_t il = n, ol = cap;
    bool ok = true;
    while (ok && il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            ok = false;
            break;
        }
        size_t done = (size_t)(op - out);
        cap *= 2;
        char *nb = realloc(out, cap);
        if (!nb)
            pgc_die("out of memory");
        out = nb;
        op = out + done;
        ol = cap - done;
    }
    if (ok && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        ok = false;
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)(op - out);
    return out;
}

/* The offset of the first byte that is not UTF-8, or n. */
static size_t first_invalid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            return i;
        i += (size_t)l;
    }
    return n;
}

static Loc loc_at(const Source *src, size_t off)
{
    Loc loc = { 1, 1, (uint32_t)off, (uint32_t)off + 1 };
    for (size_t i = 0; i < off && i < src->len; i++) {
        if (src->text[i] == '\n') {
            loc.line++;
            loc.col = 1;
        } else if (((unsigned char)src->text[i] & 0xC0) != 0x80 || utf8_stray(src->text, src->len, i)) {
            loc.col++;
        }
    }
    return loc;
}

/* Makes src UTF-8: a UTF-16 file (Excel's "Unicode text") or one in
 * GB18030/GBK (a Chinese Windows' "ANSI") is converted; the new text
 * replaces the old (src is then a copy in memory).  False, after a
 * diagnostic, for a file that is not text. */
static bool imp_decode(Source *src, Arena *arena)
{
    const char *t = src->text, *from = NULL;
    size_t n = src->len, skip = 0, len = 0;
    if (n >= 2 && (unsigned char)t[0] == 0xFF && (unsigned char)t[1] == 0xFE)
        from = "UTF-16LE";
    else if (n >= 2 && (unsigned char)t[0] == 0xFE && (unsigned char)t[1] == 0xFF)
        from = "UTF-16BE";
    if (from) {
        skip = 2;
    } else {
        const char *nul = memchr(t, 0, n);
        if (nul) {
            diag_emit(E0702, loc_at(src, (size_t)(nul - t)), "a NUL byte: this is not a text file");
            diag_hint("pgc import reads a form's table copied out as text, or saved as CSV");
            return false;
        }
        if (first_invalid(t, n) == n)
            return true;
        from = "GB18030";
    }
    char *u = convert(from, t + skip, n - skip, &len);
    if (!u || memchr(u, 0, len)) {
        free(u);
        if (skip)
            /* TRANSLATORS: %s is an encoding, UTF-16LE or UTF-16BE (the file
               starts with its byte-order mark). */
            diag_emit(E0702, loc_at(src, 0), "text that starts like %s but is not", from);
        else
            diag_emit(E0702, loc_at(src, first_invalid(t, n)),
                      "a byte sequence that is neither UTF-8 nor GB18030");
        diag_hint("save the table as UTF-8 text");
        return false;
    }
    Source copy;
    src_from_string(&copy, src->path, u, len);
    free(u);
    src_free(src);
    *src = copy;
    diag_begin_file(src, arena);
    return true;
}

/* ---- the text: rows and cells ------------------------------------------- */

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

typedef struct Scan {
    const Source *src;
    Arena *arena;
    char sep;               /* '\t' or ',' */
    size_t pos;
    uint32_t line, col;
} Scan;

static void sc_step(Scan *s)
{
    size_t i = s->pos++;
    unsigned char c = (unsigned char)s->src->text[i];
    if (c == '\n') {
        s->line++;
        s->col = 1;
    } else if ((c & 0xC0) != 0x80 || utf8_stray(s->src->text, s->src->len, i)) {
        s->col++;
    }
}

static Loc sc_here(const Scan *s)
{
    return (Loc){ s->line, s->col, (uint32_t)s->pos, (uint32_t)s->pos };
}

/* TSV when any line has a tab; CSV when there are commas and no tab. */
static char detect_sep(const Source *src)
{
    if (memchr(src->text, '\t', src->len))
        return '\t';
    return memchr(src->text, ',', src->len) ? ',' : '\t';
}

/* The end (past the closing quote) of a quoted cell opening at i, or 0
 * when the quote opens none: it must close before a separator or a line
 * end, "" standing for one quote. */
static size_t quoted_end(const Scan *s, size_t i)
{
    const char *t = s->src->text;
    size_t len = s->src->len;
    int lines = 0;
    for (size_t j = i + 1; j < len; j++) {
        if (t[j] == '\n' && ++lines > QUOTE_LINES)
            return 0;
        if (t[j] != '"')
            continue;
        if (j + 1 < len && t[j + 1] == '"') {
            j++;
            continue;
        }
        size_t k = j + 1;
        if (k < len && t[k] == '\r')
            k++;
        return k >= len || t[j + 1] == s->sep || t[k] == '\n' ? j + 1 : 0;
    }
    return 0;
}

/* Trims the blanks around n bytes at s; moves *loc with the start. */
static const char *trim(const char *s, size_t *n, Loc *loc)
{
    for (;;) {
        int l;
        if (*n == 0 || !is_blank(cp_at(s, *n, &l)))
            break;
        s += l;
        *n -= (size_t)l;
        loc->off += (uint32_t)l;
        loc->col++;
    }
    while (*n > 0) {
        size_t k = *n - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        int l;
        if (!is_blank(cp_at(s + k, *n - k, &l)))
            break;
        *n = k;
    }
    loc->end = loc->off + (uint32_t)*n;
    return s;
}

/* Reads one cell at the scanner's position into c. */
static void read_cell(Scan *s, Cell *c)
{
    const char *t = s->src->text;
    size_t len = s->src->len;
    Loc loc = sc_here(s);
    size_t end = t[s->pos] == '"' ? quoted_end(s, s->pos) : 0;
    if (end) {
        Buf b = { 0 };
        buf_add(&b, "", 0);
        for (size_t i = s->pos + 1; i < end - 1; i++) {
            buf_add(&b, t + i, 1);
            if (t[i] == '"')
                i++;
        }
        while (s->pos < end)
            sc_step(s);
        size_t n = b.n;
        Loc unused = loc;
        const char *p = trim(b.s, &n, &unused);
        c->s = arena_strndup(s->arena, p, n);
        c->n = n;
        loc.end = (uint32_t)end;
        c->loc = loc;
        buf_free(&b);
        return;
    }
    size_t start = s->pos;
    while (s->pos < len && t[s->pos] != s->sep && t[s->pos] != '\n')
        sc_step(s);
    size_t n = s->pos - start;
    const char *p = trim(t + start, &n, &loc);
    c->s = arena_strndup(s->arena, p, n);
    c->n = n;
    c->loc = loc;
}

/* Reads the next row; false at the end of the text.  *cells is a scratch
 * array (malloc'd, grown as needed) that the row's cells are copied from. */
static bool read_row(Scan *s, Row *r, Cell **scratch, int *cap)
{
    const char *t = s->src->text;
    size_t len = s->src->len;
    if (s->pos >= len)
        return false;
    int n = 0;
    for (int col = 0;; col++) {
        Cell c;
        read_cell(s, &c);
        c.col = col;
        if (c.n > 0) {
            if (n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *scratch = realloc(*scratch, (size_t)*cap * sizeof **scratch);
                if (!*scratch)
                    pgc_die("out of memory");
            }
            (*scratch)[n++] = c;
        }
        if (s->pos < len && t[s->pos] == s->sep) {
            sc_step(s);
            continue;
        }
        if (s->pos < len && t[s->pos] == '\r')
            sc_step(s);         /* after a quoted cell: the CR of a CRLF */
        if (s->pos < len)
            sc_step(s);         /* the line end */
        break;
    }
    r->n = n;
    r->cells = arena_alloc(s->arena, (size_t)(n ? n : 1) * sizeof *r->cells);
    if (n)
        memcpy(r->cells, *scratch, (size_t)n * sizeof *r->cells);
    return true;
}

/* ---- the forms: what a form is read into -------------------------------- */

/* The labels of the form's cells, as fold() and the removal of brackets,
 * colons and a leading 其中 leave them. */
typedef enum Label {
    L_NONE,
    L_NAME, L_NATURE, L_KIND, L_DEPT, L_UNIT, L_START, L_END,
    L_FUNDS, L_LIFE, L_LIFE_FISCAL, L_OTHER, L_TOTAL, L_APPROP, L_CARRY,
    L_GOALS, L_GOAL_ALL, L_GOAL_YEAR,
    L_INDICATORS, L_COL1, L_COL2, L_COL3, L_COLV, L_COLOP, L_COLUNIT, L_WEIGHT,
} Label;

static const struct {
    const char *text;
    Label label;
} labels[] = {
    { "项目名称", L_NAME }, { "项目性质", L_NATURE }, { "项目类别", L_KIND },
    { "主管部门", L_DEPT }, { "实施单位", L_UNIT },
    { "计划开始日期", L_START }, { "计划开始时间", L_START },
    { "计划完成日期", L_END }, { "计划完成时间", L_END }, { "计划结束日期", L_END },
    { "项目资金", L_FUNDS }, { "项目资金总额", L_LIFE }, { "财政资金", L_LIFE_FISCAL },
    { "其他资金", L_OTHER }, { "年度资金申请总额", L_TOTAL }, { "年度资金总额", L_TOTAL },
    { "当年财政拨款", L_APPROP }, { "上年结转资金", L_CARRY },
    { "项目绩效目标", L_GOALS }, { "绩效目标", L_GOALS },
    { "项目总体目标", L_GOAL_ALL }, { "年度总体目标", L_GOAL_YEAR }, { "年度绩效目标", L_GOAL_YEAR },
    { "绩效指标", L_INDICATORS }, { "一级指标", L_COL1 }, { "二级指标", L_COL2 },
    { "三级指标", L_COL3 }, { "年度指标值", L_COLV }, { "指标值", L_COLV },
    { "年度目标值", L_COLV }, { "目标值", L_COLV }, { "运算符", L_COLOP }, { "计量单位", L_COLUNIT },
    { "度量单位", L_COLUNIT }, { "分值", L_WEIGHT }, { "权重", L_WEIGHT },
};

/* The header fields and amounts, in the order a .pg project lists them. */
typedef enum Field {
    F_NATURE, F_KIND, F_DEPT, F_UNIT, F_START, F_END,
    F_LIFE, F_TOTAL, F_APPROP, F_CARRY, F_OTHER,
    F_LIFE_FISCAL, F_LIFE_OTHER,        /* the life's two parts: comments only */
    F_GOAL_ALL, F_GOAL_YEAR,
    F_COUNT
} Field;

static const char *const field_names[F_COUNT] = {
    "项目性质", "项目类别", "主管部门", "实施单位", "计划开始日期", "计划完成日期",
    "项目资金总额", "年度资金申请总额", "当年财政拨款", "上年结转资金", "其他资金",
    "财政资金", "其他资金", "项目总体目标", "年度总体目标",
};

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
} Node;

typedef enum Section { SEC_HEAD, SEC_GOALS, SEC_IND } Section;

typedef struct Form {
    const char *name;       /* NULL: the form has none, and is not written */
    const char *file;       /* its file name, once it is known to be written */
    Loc loc;                /* the 项目名称 cell */
    int year;               /* 0: unknown */
    const char *year_notes;
    Item item[F_COUNT];
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
    int nforms;
} Imp;

/* Adds a comment line to *notes. */
static void add_note(Imp *im, const char **notes, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_note(Imp *im, const char **notes, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = one_line(im->arena, arena_vprintf(im->arena, fmt, ap));
    va_end(ap);
    *notes = *notes ? arena_printf(im->arena, "%s\n%s", *notes, line) : line;
}

/* Adds the comment line `line` to *notes unless it is there already. */
static void note_once(Imp *im, const char **notes, const char *line)
{
    if (!*notes || !strstr(*notes, line))
        add_note(im, notes, "%s", line);
}

/* The label a cell is, or L_NONE; *paren gets the text of its first
 * bracket, as in 项目资金（万元）. */
static Label label_of(Imp *im, const Cell *c, const char **paren)
{
    *paren = NULL;
    if (c->n > 96)
        return L_NONE;
    const char *k = fold(im->arena, c->s, c->n);
    char *key = arena_alloc(im->arena, strlen(k) + 1), *o = key;
    for (const char *s = k; *s;) {
        const char *e;
        if (*s == '(' && (e = strchr(s, ')'))) {
            if (!*paren)
                *paren = arena_strndup(im->arena, s + 1, (size_t)(e - s - 1));
            s = e + 1;
        } else if (*s == ':') {
            s++;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    const char *kk = starts_with(key, "其中") ? key + strlen("其中") : key;
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(kk, labels[i].text) == 0)
            return labels[i].label;
    return L_NONE;
}

static bool row_has(Imp *im, const Row *r, Label want)
{
    const char *paren;
    for (int i = 0; i < r->n; i++)
        if (label_of(im, &r->cells[i], &paren) == want)
            return true;
    return false;
}

static bool row_has_label(Imp *im, const Row *r)
{
    const char *paren;
    for (int i = 0; i < r->n; i++)
        if (label_of(im, &r->cells[i], &paren) != L_NONE)
            return true;
    return false;
}

/* The cells of r from `from` on, as one comment line shows them. */
static const char *row_text(Imp *im, const Row *r, int from)
{
    Buf b = { 0 };
    buf_add(&b, "", 0);
    for (int i = from; i < r->n; i++) {
        if (i > from)
            buf_str(&b, " ");
        buf_add(&b, r->cells[i].s, r->cells[i].n);
    }
    const char *out = one_line(im->arena, b.s);
    buf_free(&b);
    return out;
}

/* ---- the forms: values -------------------------------------------------- */

/* Reads digits with an optional point and thousands separators at s:
 * 446048, 446,048.00 (groups of three).  Returns the bytes read, 0 when
 * there is no number; *bad when the separators are misplaced. */
static size_t scan_number(const char *s, Decimal *out, bool *grouped, bool *bad)
{
    size_t i = 0, ndig = 0, first_group = 0;
    int groups = 0;
    bool point = false;
    char digits[96];
    size_t nd = 0;
    *grouped = *bad = false;
    for (;; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (nd < sizeof digits - 2)
                digits[nd++] = c;
            else
                *bad = true;        /* far beyond what a Decimal holds */
            ndig++;
            if (!point && groups == 0)
                first_group++;
        } else if (c == ',' && !point && ndig > 0 && s[i + 1] >= '0' && s[i + 1] <= '9') {
            size_t k = 1;
            while (s[i + k] >= '0' && s[i + k] <= '9')
                k++;
            if (k - 1 != 3 || (groups == 0 && first_group > 3))
                *bad = true;
            groups++;
            *grouped = true;
        } else if (c == '.' && !point && ndig > 0 && s[i + 1] >= '0' && s[i + 1] <= '9') {
            point = true;
            if (nd < sizeof digits - 2)
                digits[nd++] = c;
        } else {
            break;
        }
    }
    if (ndig == 0)
        return 0;
    if (dec_parse(digits, nd, out) != DEC_OK)
        *bad = true;
    return i;
}

static int days_in(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static size_t scan_digits(const char *s, int max, int *v)
{
    size_t i = 0;
    *v = 0;
    while ((int)i < max && s[i] >= '0' && s[i] <= '9')
        *v = *v * 10 + (s[i++] - '0');
    return i;
}

/* Reads a date at s: 2023-01-01, 2026/1/1, 2023.1.1, 2023年12月, 2023年12月31日
 * (d->day 0 for a month).  Returns the bytes read, 0 when there is none
 * (a year outside 1900–2200 or a month outside 1–12 is no date: 1500.00
 * is a number); *bad when the day does not exist (2023-02-30). */
static size_t scan_date(const char *s, Date *d, bool *bad)
{
    int y, m, day = 0;
    bool has_day = false;
    *bad = false;
    if (scan_digits(s, 4, &y) != 4 || (s[4] >= '0' && s[4] <= '9'))
        return 0;
    size_t i = 4, k;
    bool cn = starts_with(s + i, "年");
    char sep = s[i];
    if (cn)
        i += strlen("年");
    else if (sep == '-' || sep == '/' || sep == '.')
        i++;
    else
        return 0;
    if ((k = scan_digits(s + i, 2, &m)) == 0)
        return 0;
    i += k;
    if (cn) {
        if (!starts_with(s + i, "月"))
            return 0;
        i += strlen("月");
        if ((k = scan_digits(s + i, 2, &day)) > 0) {
            i += k;
            has_day = true;
            if (starts_with(s + i, "日") || starts_with(s + i, "号"))
                i += strlen("日");
        }
    } else if (s[i] == sep && (k = scan_digits(s + i + 1, 2, &day)) > 0) {
        i += 1 + k;
        has_day = true;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12)
        return 0;
    *bad = has_day && (day < 1 || day > days_in(y, m));
    *d = (Date){ y, m, has_day ? day : 0 };
    return i;
}

static const char *date_pg(Imp *im, const Date *d)
{
    if (d->day)
        return arena_printf(im->arena, "%04d-%02d-%02d", d->year, d->month, d->day);
    return arena_printf(im->arena, "%04d-%02d", d->year, d->month);
}

/* A number as a target shows it: trailing zeros gone (100.00 → 100),
 * thousands separators kept when the form had them. */
static const char *number_pg(Imp *im, Decimal v, bool grouped)
{
    char b[DEC_BUF];
    dec_format(dec_normalize(v), grouped, b);
    return arena_strndup(im->arena, b, strlen(b));
}

/* ---- the forms: header fields and amounts ------------------------------- */

static void set_text_field(Imp *im, Item *it, const Cell *c)
{
    it->pg = pg_name(im->arena, tidy(im->arena, c->s, c->n));
    it->loc = c->loc;
}

static void set_date_field(Imp *im, Form *f, Field fl, const Cell *c)
{
    Item *it = &f->item[fl];
    const char *s = fold(im->arena, c->s, c->n);
    Date d;
    bool bad;
    size_t k = scan_date(s, &d, &bad);
    it->loc = c->loc;
    if (k == 0 || s[k] || bad) {
        /* TRANSLATORS: the field (计划开始日期 or 计划完成日期), then the
           cell's text. */
        diag_emit(E0704, c->loc, "%s “%s” is not a date", field_names[fl], one_line(im->arena, c->s));
        diag_hint("a date is written 2023-01-01, 2023/1/1 or 2023年1月1日");
        add_note(im, &it->notes, "待核实：申报表原文“%s”不是日期", c->s);
        it->pg = pg_string(im->arena, c->s);
        return;
    }
    if (!d.day) {
        /* TRANSLATORS: the field (计划开始日期 or 计划完成日期), then the
           cell's text: a month without a day (2024年1月). */
        diag_emit(E0704, c->loc, "%s “%s” has no day", field_names[fl], one_line(im->arena, c->s));
        add_note(im, &it->notes, "待核实：申报表原文“%s”没有日", c->s);
    }
    it->pg = date_pg(im, &d);
}

/* The unit of the form's amounts, from 项目资金 (元), 项目资金（单位：万元）
 * or 年度资金申请总额（万元）: a bracket on an amount's label counts only
 * when it names some 元. */
static void set_funds_unit(Imp *im, Form *f, const Cell *c, const char *paren, bool any)
{
    if (!paren)
        return;
    const char *u = starts_with(paren, "单位") ? paren + strlen("单位") : paren;
    if (!any && !ends_with(u, "元"))
        return;
    const StdUnit *unit = std_unit(im->std, u);
    if (unit && strcmp(unit->dim, "金额") == 0) {
        f->funds_unit = unit->name;
        return;
    }
    /* TRANSLATORS: %s is the unit the form's funds label names (千元). */
    diag_emit(E0704, c->loc, "amounts in “%s”: pgc knows 元 and 万元", one_line(im->arena, u));
    f->funds_unit = is_ident(u) ? arena_strndup(im->arena, u, strlen(u)) : "元";
    add_note(im, &f->head_notes, "待核实：申报表的金额单位是“%s”", u);
}

static void set_amount(Imp *im, Form *f, Field fl, const Cell *c)
{
    Item *it = &f->item[fl];
    char *s = fold(im->arena, c->s, c->n);
    const char *unit = NULL;
    it->loc = c->loc;
    if (strcmp(s, "-") == 0)
        s = arena_strndup(im->arena, "0", 1);   /* a spreadsheet writes 0 as - */
    else if (is_placeholder(s))
        return;
    if (starts_with(s, "¥") || starts_with(s, "￥"))
        s += starts_with(s, "¥") ? strlen("¥") : strlen("￥");
    if (ends_with(s, "万元"))
        unit = "万元";
    else if (ends_with(s, "元"))
        unit = "元";
    if (unit)
        s[strlen(s) - strlen(unit)] = 0;
    bool neg = *s == '-';
    Decimal v;
    bool grouped, bad;
    size_t k = scan_number(s + neg, &v, &grouped, &bad);
    if (k == 0 || s[neg + k] || bad) {
        /* TRANSLATORS: the field (年度资金申请总额, 当年财政拨款, …), then
           the cell's text. */
        diag_emit(E0704, c->loc, "%s “%s” is not an amount", field_names[fl], one_line(im->arena, c->s));
        diag_hint("an amount is written 446,048.00 or 446048.00");
        add_note(im, &it->notes, "待核实：申报表原文“%s”不是金额", c->s);
        it->pg = pg_string(im->arena, c->s);
        return;
    }
    if (v.scale < 2)
        v = dec_round(v, 2);
    char b[DEC_BUF];
    dec_format(v, true, b);
    if (!unit && f->funds_unit) {
        unit = f->funds_unit;
    } else if (!unit) {
        unit = "元";
        if (!f->unit_assumed.line)
            f->unit_assumed = c->loc;   /* reported once, at finish_form */
    }
    it->pg = arena_printf(im->arena, "%s%s %s", neg ? "-" : "", b, unit);
}

/* ---- the forms: targets ------------------------------------------------- */

typedef struct OpWord {
    const char *text;
    Op op;
} OpWord;

/* Operators before the number, longest first. */
static const OpWord op_prefixes[] = {
    { "大于或等于", OP_GE }, { "小于或等于", OP_LE }, { "大于等于", OP_GE }, { "小于等于", OP_LE },
    { "不低于", OP_GE }, { "不少于", OP_GE }, { "不小于", OP_GE }, { "不高于", OP_LE },
    { "不超过", OP_LE }, { "不大于", OP_LE }, { "不多于", OP_LE }, { "至少", OP_GE },
    { "至多", OP_LE }, { "大于", OP_GT }, { "高于", OP_GT }, { "超过", OP_GT },
    { "小于", OP_LT }, { "低于", OP_LT }, { "等于", OP_EQ },
    { ">=", OP_GE }, { "<=", OP_LE }, { "≥", OP_GE }, { "≤", OP_LE }, { "≧", OP_GE },
    { "≦", OP_LE }, { "=", OP_EQ }, { ">", OP_GT }, { "<", OP_LT },
};

/* Words after the number or the date. */
static const OpWord op_suffixes[] = {
    { "及以上", OP_GE }, { "或以上", OP_GE }, { "以上", OP_GE },
    { "及以下", OP_LE }, { "或以下", OP_LE }, { "以下", OP_LE },
    { "以内", OP_LE }, { "之内", OP_LE }, { "内", OP_LE },
};

static const OpWord date_suffixes[] = {
    { "之前", OP_LE }, { "以前", OP_LE }, { "底前", OP_LE }, { "前", OP_LE }, { "底", OP_LE },
    { "末", OP_LE },
};

/* Reads an operator at *s (moving past it); OP_NONE when there is none. */
static Op scan_op(const char **s, const OpWord *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (starts_with(*s, ops[i].text)) {
            *s += strlen(ops[i].text);
            return ops[i].op;
        }
    return OP_NONE;
}

/* Cuts a suffix word off s (in place); OP_NONE when it has none. */
static Op cut_suffix(char *s, const OpWord *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ends_with(s, ops[i].text) && strlen(s) > strlen(ops[i].text)) {
            s[strlen(s) - strlen(ops[i].text)] = 0;
            return ops[i].op;
        }
    return OP_NONE;
}

/* What a target cell was read as. */
typedef enum ReadKind { T_NONE, T_NUMBER, T_DATE, T_WORD, T_TEXT, T_BAD } ReadKind;

typedef struct Reading {
    ReadKind kind;
    Op op;
    Decimal num;
    bool grouped;
    const char *unit;       /* T_NUMBER: "%", a unit, or NULL */
    Date date;
    const char *rest;       /* the text after the operator */
    const char *why;        /* T_BAD: what is wrong (N_(): translated where it is shown) */
} Reading;

/* Combines an operator before the value with one after it (以上, 以内). */
static bool merge_ops(Op *op, Op other)
{
    if (other == OP_NONE)
        return true;
    if (*op == OP_NONE || *op == other) {
        *op = other;
        return true;
    }
    return (*op == OP_GT && other == OP_GE) || (*op == OP_LT && other == OP_LE);
}

/* Reads a unit: (万张), %, 个工作日 → 工作日 when only the latter is a unit. */
static const char *read_unit(Imp *im, char *u)
{
    size_t n = strlen(u);
    if (n >= 2 && u[0] == '(' && u[n - 1] == ')') {
        u[n - 1] = 0;
        u++;
    }
    if (strcmp(u, "%") == 0 || strcmp(u, "百分比") == 0)
        return "%";
    if (starts_with(u, "个") && strlen(u) > strlen("个") && !std_unit(im->std, u) &&
        std_unit(im->std, u + strlen("个")))
        u += strlen("个");
    return *u ? arena_strndup(im->arena, u, strlen(u)) : NULL;
}

/* A date target: 2023年12月, 2023-12-31前, 2023年底. */
static bool read_date_target(Imp *im, const char *s, Reading *t)
{
    char *rest = arena_strndup(im->arena, s, strlen(s));
    Op after = cut_suffix(rest, date_suffixes, sizeof date_suffixes / sizeof *date_suffixes);
    bool bad;
    size_t k = scan_date(rest, &t->date, &bad);
    int y;
    if (k == 0 && scan_digits(rest, 4, &y) == 4 && (strcmp(rest + 4, "年底") == 0 ||
                                                   strcmp(rest + 4, "年末") == 0 || strcmp(rest + 4, "年内") == 0)) {
        t->date = (Date){ y, 12, 0 };
        k = strlen(rest);
        bad = y < 1900 || y > 2200;
    }
    if (k == 0 || rest[k])
        return false;
    t->kind = T_DATE;
    if (bad) {
        t->kind = T_BAD;
        t->why = N_("a date that does not exist");
    } else if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = N_("two operators that disagree");
    } else if (t->op == OP_NONE) {
        t->op = OP_LE;              /* a date in a form is a deadline */
    } else if (t->op == OP_GE || t->op == OP_GT) {
        t->kind = T_BAD;
        t->why = N_("a date target is a deadline, “≤”");
    }
    return true;
}

/* Text that can be a unit: "(…)" or a run, without brackets or digits. */
static bool unit_like(const char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    for (size_t i = 0; i < n; i++)
        if (strchr("()0123456789", s[i]))
            return false;
    return true;
}

/* A number target: =100.00(%), ≥90%, 35.00(万张), 2个工作日内, 90%以上. */
static bool read_number_target(Imp *im, const char *s, Reading *t)
{
    bool bad;
    size_t k = scan_number(s, &t->num, &t->grouped, &bad);
    if (k == 0)
        return false;
    if (bad) {
        t->kind = T_BAD;
        t->why = N_("a malformed number");
        return true;
    }
    char *rest = arena_strndup(im->arena, s + k, strlen(s + k));
    Op after = cut_suffix(rest, op_suffixes, sizeof op_suffixes / sizeof *op_suffixes);
    if (!unit_like(rest))
        return false;               /* 337个网点全覆盖: text, not a unit */
    bool bracketed = rest[0] == '(';
    t->unit = read_unit(im, rest);
    if (t->unit && strcmp(t->unit, "%") != 0 && !std_unit(im->std, t->unit) &&
        (!is_ident(t->unit) || ast_is_keyword(t->unit) ||
         (!bracketed && utf8_count(t->unit, strlen(t->unit)) > 2)))
        return false;               /* 2025年汛期前, 337个网点全覆盖, 5 指标: words, not a unit */
    t->kind = T_NUMBER;
    if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = N_("two operators that disagree");
    }
    return true;
}

/* Reads a target cell (folded: no blanks, ASCII brackets and digits). */
static void read_target(Imp *im, const char *s, Reading *t)
{
    *t = (Reading){ 0 };
    const char *p = s;
    t->op = scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    if (t->op != OP_NONE) {
        const char *q = p;
        if (scan_op(&q, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes) != OP_NONE) {
            t->kind = T_BAD;
            t->why = N_("two operators");
            return;
        }
    }
    t->rest = p;
    if (*p >= '0' && *p <= '9') {
        if (read_date_target(im, p, t) || read_number_target(im, p, t))
            return;
        t->kind = T_TEXT;
        return;
    }
    const StdWord *w = *p ? std_word(im->std, p) : NULL;
    if (w) {
        t->kind = T_WORD;
        if (t->op == OP_NONE)
            t->op = OP_EQ;
        if (t->op != OP_EQ && !w->ordinal) {
            t->kind = T_BAD;
            t->why = N_("a qualitative target takes “=”");
        }
        return;
    }
    t->kind = T_TEXT;
}

/* The unit's kind as a comment says it: 百分比, or the unit in quotes. */
static const char *unit_words(Imp *im, const char *unit)
{
    return strcmp(unit, "%") == 0 ? "百分比" : arena_printf(im->arena, "“%s”", unit);
}

/* The name rules of stdlib/units.pg (a 率 takes %, a 天数 a duration):
 * a target that breaks one is kept, with a diagnostic and a note. */
static void check_naming(Imp *im, const char *name, const StdUnit *u, const Cell *c, const char **notes)
{
    const Stdlib *std = im->std;
    for (int i = 0; i < std->nnaming; i++) {
        const StdNaming *r = &std->naming[i];
        bool match = r->suffix ? ends_with(name, r->pattern) : strstr(name, r->pattern) != NULL;
        if (!match || strcmp(u->dim, r->dim) == 0)
            continue;
        if (r->error)
            /* TRANSLATORS: the indicator's name; the end of a name that
               asks for a dimension (率); that dimension (比率); the
               target's unit and its dimension (台, 数量). */
            diag_emit(E0711, c->loc, "“%s” ends in “%s” and takes a %s unit, not “%s” (%s)", name,
                      r->pattern, r->dim, u->name, u->dim);
        else
            /* TRANSLATORS: the indicator's name; the part of a name that
               asks for a dimension (天数); the target's unit and its
               dimension (%, 比率); the dimension the name asks for (时长). */
            diag_emit(W0703, c->loc, "“%s” names “%s” but its target is in “%s” (%s), not a %s unit",
                      name, r->pattern, u->name, u->dim, r->dim);
        diag_hint("imported as the form has it; correct the unit or the name in the .pg file");
        add_note(im, notes, "%s：%s（“%s”指标却用%s）", r->error ? "待核实" : "申报表原文", c->s, r->pattern,
                 unit_words(im, u->name));
        return;
    }
}

/* The .pg text of a number target, after its unit is checked. */
static const char *number_target_pg(Imp *im, const char *name, const Reading *t, const Cell *c,
                                    const char **notes)
{
    const char *num = number_pg(im, t->num, t->grouped);
    const char *op = t->op ? arena_printf(im->arena, "%s ", ast_op_str(t->op)) : "";
    if (!t->unit) {
        diag_emit(E0707, c->loc, "the target of “%s” has no unit", name);
        diag_hint("write the unit after the number in the .pg file, e.g. 100%% or 35 万张");
        add_note(im, notes, "待核实：申报表原文“%s”没有单位", c->s);
        return arena_printf(im->arena, "%s%s", op, num);
    }
    if (strcmp(t->unit, "%") == 0) {
        check_naming(im, name, std_unit(im->std, "%"), c, notes);
        return arena_printf(im->arena, "%s%s%%", op, num);
    }
    const StdUnit *u = std_unit(im->std, t->unit);
    if (!u) {
        diag_emit(E0706, c->loc, "unknown unit “%s” in the target of “%s”", t->unit, name);
        const char *near = utf8_count(t->unit, strlen(t->unit)) > 1
                               ? std_suggest(t->unit, im->std->unit_names, im->std->nunits) : NULL;
        if (near)
            diag_hint("did you mean “%s”? the units are in stdlib/units.pg", near);
        else
            diag_hint("the units pgc knows are in stdlib/units.pg");
        add_note(im, notes, "待核实：单位“%s”不在标准库中（申报表原文“%s”）", t->unit, c->s);
    } else {
        check_naming(im, name, u, c, notes);
    }
    return arena_printf(im->arena, "%s%s %s", op, num, t->unit);
}

/* A word of a scale that text misses by one character (稳订 for 稳定), or NULL. */
static const char *near_word(Imp *im, const char *text)
{
    size_t n = utf8_count(text, strlen(text));
    for (int i = 0; i < im->std->nwords; i++) {
        const char *w = im->std->word_names[i];
        if (utf8_count(w, strlen(w)) == n && utf8_distance(text, w, 1) == 1)
            return w;
    }
    return NULL;
}

/* A target that cannot be read: an error, and its raw text kept as a string.
 * why is what is wrong, as N_() marks it. */
static const char *unreadable(Imp *im, const char *name, const Cell *c, const char *why, const char **notes)
{
    /* TRANSLATORS: the target cell's text as the form has it, the
       indicator's name, then what is wrong ("a malformed number", "two
       operators", … — translated on their own). */
    diag_emit(E0705, c->loc, "cannot read the target “%s” of “%s”: %s", one_line(im->arena, c->s), name, _(why));
    diag_hint("kept as text in the .pg file; write the target as = 100%%, ≥ 90%%, ≤ 2 工作日 …");
    add_note(im, notes, "待核实：申报表原文“%s”无法识别", c->s);
    return arena_printf(im->arena, "= %s", pg_string(im->arena, c->s));
}

/* Free text: a sentence (保障…正常开展), or what starts like a number
 * but is none (2025年汛期前), or a word on no scale. */
static const char *text_target_pg(Imp *im, const char *name, const Cell *c, const Reading *t,
                                  const char **notes, const char **free)
{
    bool numeric = *t->rest >= '0' && *t->rest <= '9';
    if (numeric && t->op != OP_NONE)
        return unreadable(im, name, c, N_("not a number with a unit"), notes);
    if (t->op != OP_NONE && t->op != OP_EQ)
        return unreadable(im, name, c, N_("free text takes “=”"), notes);
    const char *text = c->s;
    static const char *const eq[] = { "=", "＝", "等于" };
    for (size_t i = 0; i < sizeof eq / sizeof *eq && t->op == OP_EQ; i++)
        if (starts_with(text, eq[i]))
            text += strlen(eq[i]);
    text = tidy(im->arena, text, strlen(text));
    const char *near;
    if (numeric) {
        /* TRANSLATORS: the target cell's text, then the indicator's name. */
        diag_emit(W0707, c->loc, "the target “%s” of “%s” starts like a number but is read as text",
                  one_line(im->arena, c->s), name);
        diag_hint("write it as a number with a unit in the .pg file if it is one");
        add_note(im, notes, "待核实：申报表原文“%s”按文字导入", c->s);
    } else if (utf8_count(text, strlen(text)) <= 4 && (near = near_word(im, text))) {
        diag_emit(W0706, c->loc, "“%s” is on no qualitative scale; imported as text", text);
        diag_hint("did you mean “%s”?", near);
        add_note(im, notes, "待核实：“%s”不在任何等级中，是否为“%s”？", text, near);
    } else {
        *free = text;
    }
    return arena_printf(im->arena, "= %s", pg_string(im->arena, text));
}

/* The .pg text of the target in cell c of indicator `name`; diagnostics
 * at the cell and comment lines in *notes as needed.  *free gets the text
 * of a plain free-text target (a later line may continue it). */
static const char *target_pg(Imp *im, const char *name, const Cell *c, const char **notes, const char **free)
{
    const char *s = fold(im->arena, c->s, c->n);
    if (is_placeholder(s)) {
        /* TRANSLATORS: the indicator's name, then what its target cell
           says instead of a value (无, /, —). */
        diag_emit(E0708, c->loc, "indicator “%s” has no target value (“%s”)", name, one_line(im->arena, c->s));
        add_note(im, notes, "待核实：申报表中没有指标值（原文“%s”）", c->s);
        return "";
    }
    Reading t;
    read_target(im, s, &t);
    switch (t.kind) {
    case T_NUMBER:
        if (t.op == OP_NONE) {
            diag_emit(W0701, c->loc, "the target of “%s” has no operator; imported without one", name);
            diag_hint("add “=”, “≥” or “≤” in the .pg file, as the form means");
            add_note(im, notes, "申报表原文：%s，缺少运算符", c->s);
        }
        return number_target_pg(im, name, &t, c, notes);
    case T_DATE:
        return arena_printf(im->arena, "%s %s", ast_op_str(t.op), date_pg(im, &t.date));
    case T_WORD:
        return arena_printf(im->arena, "%s %s", ast_op_str(t.op), t.rest);
    case T_BAD:
        return unreadable(im, name, c, t.why, notes);
    case T_TEXT:
    case T_NONE:
        break;
    }
    return text_target_pg(im, name, c, &t, notes, free);
}

/* ---- the forms: header rows --------------------------------------------- */

static void finish_form(Imp *im, Form *f);

static Form *new_form(Imp *im, const Cell *at)
{
    if (im->form)
        finish_form(im, im->form);
    Form *f = arena_alloc(im->arena, sizeof *f);
    f->loc = at->loc;
    f->year = im->year;
    f->c1 = 1;
    f->c2 = 2;
    f->c3 = 3;
    f->cw = f->gp = f->ga = f->life_col = f->year_col = -1;
    f->root.group = true;
    if (im->last)
        im->last->next = f;
    else
        im->first = f;
    im->last = f;
    im->form = f;
    im->nforms++;
    return f;
}

/* The year of a `(2023年度)` line, or of a title such as
 * 2024年度项目支出绩效目标申报表; 0 when s is neither. */
static int year_of(const char *s, bool title)
{
    const char *p = strstr(s, "年度");
    int y;
    if (!p || p - s < 4 || scan_digits(p - 4, 4, &y) != 4 || (p - s > 4 && isdigit((unsigned char)p[-5])))
        return 0;
    const char *q = p + strlen("年度");
    bool alone = (p - s == 4 && !*q) || (p - s == 5 && s[0] == '(' && strcmp(q, ")") == 0);
    return (alone || title) && y >= 1900 && y <= 2200 ? y : 0;
}

/* A title (…申报表) or a `(2023年度)` line: ends the form before it and
 * gives the 年度 of the forms after it.  False for any other cell. */
static bool title_or_year(Imp *im, const Cell *c)
{
    const char *s = fold(im->arena, c->s, c->n);
    bool title = strstr(s, "申报表") && utf8_count(s, strlen(s)) <= 40;
    int y = year_of(s, title);
    if (!title && !y)
        return false;
    if (y)
        im->year = y;
    if (title && im->form) {
        finish_form(im, im->form);
        im->form = NULL;
    }
    return true;
}

static bool takes_value(Label l)
{
    switch (l) {
    case L_FUNDS: case L_GOALS: case L_INDICATORS: case L_COL1: case L_COL2: case L_COL3:
    case L_COLV: case L_COLOP: case L_COLUNIT: case L_WEIGHT: case L_NONE:
        return false;
    default:
        return true;
    }
}

/* The field label l stands for, or F_COUNT. */
static Field label_field(Label l)
{
    switch (l) {
    case L_NATURE: return F_NATURE;
    case L_KIND: return F_KIND;
    case L_DEPT: return F_DEPT;
    case L_UNIT: return F_UNIT;
    case L_START: return F_START;
    case L_END: return F_END;
    case L_LIFE: return F_LIFE;
    case L_LIFE_FISCAL: return F_LIFE_FISCAL;
    case L_TOTAL: return F_TOTAL;
    case L_APPROP: return F_APPROP;
    case L_CARRY: return F_CARRY;
    case L_GOAL_ALL: return F_GOAL_ALL;
    case L_GOAL_YEAR: return F_GOAL_YEAR;
    default: return F_COUNT;
    }
}

/* A label without a value: where to report the field empty. */
static void label_seen(Form *f, Label l, const Cell *lc)
{
    Field fl = label_field(l);
    if (fl == F_COUNT || f->item[fl].pg || f->item[fl].text)
        return;
    f->item[fl].labelled = true;
    f->item[fl].loc = lc->loc;
}

/* What a label says about the form's layout, apart from its value. */
static void mark_label(Imp *im, Form *f, Label l, const Cell *c, const char *paren)
{
    switch (l) {
    case L_FUNDS: set_funds_unit(im, f, c, paren, true); break;
    case L_LIFE: f->life_col = c->col; set_funds_unit(im, f, c, paren, false); break;
    case L_TOTAL: f->year_col = c->col; set_funds_unit(im, f, c, paren, false); break;
    case L_GOALS: f->sec = SEC_GOALS; break;
    case L_GOAL_ALL: f->gp = c->col; f->sec = SEC_GOALS; label_seen(f, l, c); break;
    case L_GOAL_YEAR: f->ga = c->col; f->sec = SEC_GOALS; label_seen(f, l, c); break;
    case L_INDICATORS: f->sec = SEC_IND; break;
    case L_COL1: f->c1 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COL2: f->c2 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COL3: f->c3 = c->col; f->sec = SEC_IND; f->cols_known = true; break;
    case L_COLUNIT: f->has_units = true; break;
    case L_WEIGHT: f->cw = c->col; break;
    default: break;
    }
}

/* Which half of the funds block a 其他资金 is: the first of two in a row
 * is the project's life, the second this year's; a single one goes by
 * the column it is nearer to. */
static Field other_field(const Form *f, const Cell *c, int nth, int count)
{
    if (count >= 2)
        return nth == 0 ? F_LIFE_OTHER : F_OTHER;
    if (f->life_col >= 0 && f->year_col >= 0 &&
        abs(c->col - f->life_col) < abs(c->col - f->year_col))
        return F_LIFE_OTHER;
    return F_OTHER;
}

/* Joins the lines of a cell (a quoted cell, or a text over several rows):
 * nothing between Chinese text, a space between two Latin words. */
static const char *join_text(Imp *im, const char *a, const char *b)
{
    Buf out = { 0 };
    buf_add(&out, "", 0);
    const char *parts[2] = { a, b };
    for (int k = 0; k < 2; k++) {
        for (const char *p = parts[k]; p && *p;) {
            size_t n = strcspn(p, "\r\n");
            Loc dummy = { 0 };
            size_t m = n;
            const char *t = trim(p, &m, &dummy);
            if (m > 0) {
                if (out.n > 0 && isalnum((unsigned char)out.s[out.n - 1]) && isalnum((unsigned char)*t))
                    buf_str(&out, " ");
                buf_add(&out, t, m);
            }
            p += n;
            while (*p == '\r' || *p == '\n')
                p++;
        }
    }
    const char *s = arena_strndup(im->arena, out.s, out.n);
    buf_free(&out);
    return s;
}

static void add_goal(Imp *im, Form *f, Field g, const Cell *c)
{
    Item *it = &f->item[g];
    if (is_placeholder(fold(im->arena, c->s, c->n)))
        return;
    if (!it->text)
        it->loc = c->loc;
    it->text = join_text(im, it->text, c->s);
    f->last_goal = g;
}

/* Sets what label l (in cell lc) says, its value being cell v (NULL: none);
 * other is where a 其他资金 goes. */
static void set_label(Imp *im, Form *f, Label l, const Cell *lc, const Cell *v, Field other)
{
    if (l == L_NAME) {
        const char *name = v ? tidy(im->arena, v->s, v->n) : "";
        if (!*name || is_placeholder(name)) {
            diag_emit(E0703, lc->loc, "the 项目名称 of this form is empty");
            diag_hint("the project's name names its .pg file: the form is not imported without it");
            return;
        }
        f->name = name;
        f->loc = v->loc;
        return;
    }
    Field fl = l == L_OTHER ? other : label_field(l);
    if (!v || (fl <= F_UNIT && is_placeholder(fold(im->arena, v->s, v->n)))) {
        label_seen(f, l, lc);
        return;
    }
    switch (fl) {
    case F_NATURE: case F_KIND: case F_DEPT: case F_UNIT:
        set_text_field(im, &f->item[fl], v);
        return;
    case F_START: case F_END:
        set_date_field(im, f, fl, v);
        return;
    case F_LIFE: case F_TOTAL: case F_APPROP: case F_CARRY: case F_OTHER: case F_LIFE_FISCAL:
    case F_LIFE_OTHER:
        set_amount(im, f, fl, v);
        return;
    case F_GOAL_ALL: case F_GOAL_YEAR:
        add_goal(im, f, fl, v);
        return;
    case F_COUNT:
        return;
    }
}

/* Cells of a row that are no label nor a label's value: kept as comments. */
static void stray_cells(Imp *im, const char **notes, const Cell *first, const char *text)
{
    diag_emit(W0704, first->loc, "“%s” is not part of the form as pgc knows it; kept as a comment", text);
    add_note(im, notes, "申报表原文：%s", text);
}

/* A row of labels and their values: the header, the funds, the goals'
 * and the indicators' header rows. */
static void head_row(Imp *im, Form *f, const Row *r)
{
    const char *paren;
    int nothers = 0, nth = 0;
    for (int i = 0; i < r->n; i++)
        nothers += label_of(im, &r->cells[i], &paren) == L_OTHER;
    Label pending = L_NONE;
    const Cell *pc = NULL;
    Field other = F_OTHER;
    Buf stray = { 0 };
    const Cell *stray_first = NULL;
    for (int i = 0; i < r->n; i++) {
        const Cell *c = &r->cells[i];
        Label l = label_of(im, c, &paren);
        if (l == L_NONE && pending) {
            set_label(im, f, pending, pc, c, other);
            pending = L_NONE;
            continue;
        }
        if (l == L_NONE) {
            if (stray.n)
                buf_str(&stray, " ");
            buf_add(&stray, c->s, c->n);
            stray_first = stray_first ? stray_first : c;
            continue;
        }
        if (pending)
            set_label(im, f, pending, pc, NULL, other);
        if (l == L_OTHER)
            other = other_field(f, c, nth++, nothers);
        mark_label(im, f, l, c, paren);
        pending = takes_value(l) ? l : L_NONE;
        pc = c;
    }
    if (pending)
        set_label(im, f, pending, pc, NULL, other);
    if (stray_first)
        stray_cells(im, f->sec == SEC_IND ? &f->end_notes : &f->head_notes, stray_first,
                    one_line(im->arena, stray.s));
    buf_free(&stray);
}

/* A row of goal text under the goals' header row. */
static void goal_row(Imp *im, Form *f, const Row *r)
{
    if (r->n >= 2) {
        add_goal(im, f, F_GOAL_ALL, &r->cells[0]);
        add_goal(im, f, F_GOAL_YEAR, &r->cells[1]);
        if (r->n > 2)
            stray_cells(im, &f->head_notes, &r->cells[2], row_text(im, r, 2));
        return;
    }
    /* one cell: the goal its column is nearer to — or, at the start of
     * the line, under the label 项目绩效目标, the next paragraph of the
     * goal above (Word ends a line at a paragraph inside a cell) */
    const Cell *c = &r->cells[0];
    Field g = F_GOAL_YEAR;
    if (c->col == 0 && f->gp > 0 && f->last_goal) {
        g = f->last_goal;
        /* TRANSLATORS: %s is the goal's field, 项目总体目标 or 年度总体目标. */
        diag_emit(W0709, c->loc, "a line of its own, read as the next paragraph of the %s above",
                  field_names[g]);
        diag_hint("Word ends a line at a paragraph inside a cell; check the joined text in the .pg file");
        note_once(im, &f->item[g].notes, arena_printf(im->arena, "申报表原文：%s分多行，已合并", field_names[g]));
    }
    else if (f->ga < 0 && f->gp >= 0)
        g = F_GOAL_ALL;
    else if (f->ga >= 0 && f->gp >= 0 && c->col - f->gp < f->ga - c->col)
        g = F_GOAL_ALL;
    add_goal(im, f, g, c);
}

/* ---- the forms: the indicator table ------------------------------------- */

static Node *add_node(Imp *im, Node *parent, const char *name, bool group)
{
    if (group)
        for (Node *n = parent->kids; n; n = n->next)
            if (n->group && strcmp(n->name, name) == 0)
                return n;
    Node *n = arena_alloc(im->arena, sizeof *n);
    n->name = name;
    n->group = group;
    n->target = "";
    if (parent->last)
        parent->last->next = n;
    else
        parent->kids = n;
    parent->last = n;
    return n;
}

/* 1 when cell k of r is a 一级 category, 2 a 二级, 0 neither.  成本指标 is
 * both (a 一级 since 2021, a 二级 of 产出指标 before): a 一级 when a 二级
 * of its own follows, else by its column. */
static int category_level(Imp *im, const Form *f, const Row *r, int k, bool have_l1)
{
    const char *key = fold(im->arena, r->cells[k].s, r->cells[k].n);
    const StdLevel1 *l1 = std_level1(im->std, key);
    bool two = std_level2_owner(im->std, key) != NULL;
    if (!l1 || !two)
        return l1 ? 1 : two ? 2 : 0;
    if (have_l1)
        return 2;
    if (k + 1 < r->n && std_level2_under(l1, fold(im->arena, r->cells[k + 1].s, r->cells[k + 1].n)))
        return 1;
    return r->cells[k].col <= f->c1 ? 1 : 2;
}

/* The 二级 category closest to name, or NULL. */
static const char *near_level2(Imp *im, const char *name)
{
    const char *cands[64];
    int n = 0;
    for (int i = 0; i < im->std->nlevel1; i++)
        for (int j = 0; j < im->std->level1[i].nlevel2 && n < 64; j++)
            cands[n++] = im->std->level1[i].level2[j];
    return std_suggest(name, cands, n);
}

static void enter_level1(Imp *im, Form *f, const Cell *c, bool known)
{
    const char *name = known ? fold(im->arena, c->s, c->n) : tidy(im->arena, c->s, c->n);
    if (!known) {
        diag_emit(E0709, c->loc, "“%s” stands in the 一级指标 column but is no 一级 category", name);
        const char *near = std_suggest(name, im->std->level1_names, im->std->nlevel1);
        if (near)
            diag_hint("did you mean “%s”? imported as written", near);
        else
            diag_hint("the categories are in stdlib/categories.pg; imported as written");
    }
    f->cur1 = add_node(im, &f->root, name, true);
    f->cur2 = NULL;
    if (!known)
        add_note(im, &f->cur1->notes, "待核实：“%s”不是已知的一级指标", name);
}

static void enter_level2(Imp *im, Form *f, const Cell *c, bool known)
{
    const char *name = known ? fold(im->arena, c->s, c->n) : tidy(im->arena, c->s, c->n);
    const char *note = NULL;
    if (!known) {
        diag_emit(E0709, c->loc, "“%s” stands in the 二级指标 column but is no 二级 category", name);
        const char *near = near_level2(im, name);
        if (near)
            diag_hint("did you mean “%s”? imported as written", near);
        else
            diag_hint("the categories are in stdlib/categories.pg; imported as written");
        note = arena_printf(im->arena, "待核实：“%s”不是已知的二级指标", name);
    } else if (!f->cur1) {
        const StdLevel1 *owner = std_level2_owner(im->std, name);
        diag_emit(W0705, c->loc, "二级 “%s” comes before any 一级; imported under “%s”", name, owner->name);
        f->cur1 = add_node(im, &f->root, owner->name, true);
        note = arena_printf(im->arena, "待核实：申报表中“%s”之前没有一级指标", name);
    } else {
        const StdLevel1 *l1 = std_level1(im->std, f->cur1->name);
        if (l1 && !std_level2_under(l1, name)) {
            const StdLevel1 *owner = std_level2_owner(im->std, name);
            diag_emit(E0709, c->loc, "二级 “%s” stands under “%s”; it belongs under “%s”", name,
                      f->cur1->name, owner->name);
            diag_hint("imported where the form puts it; move it in the .pg file");
            note = arena_printf(im->arena, "待核实：“%s”应属于一级指标“%s”", name, owner->name);
        }
    }
    f->cur2 = add_node(im, f->cur1 ? f->cur1 : &f->root, name, true);
    if (note)
        add_note(im, &f->cur2->notes, "%s", note);
}

/* A row after the indicators that is no indicator: 填表人, 备注. */
static bool is_trailer(Imp *im, const Cell *c)
{
    static const char *const words[] = { "备注", "注", "说明", "填报人", "填表人", "联系人", "联系电话",
                                         "审核人", "负责人", "单位负责人", "财务负责人", "填报日期",
                                         "填表日期", "填报单位", "单位(盖章)" };
    const char *s = fold(im->arena, c->s, c->n);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(s, words[i], n) == 0 && (s[n] == 0 || s[n] == ':'))
            return true;
    }
    return false;
}

static bool is_op_cell(Imp *im, const Cell *c)
{
    const char *s = fold(im->arena, c->s, c->n);
    const char *p = s;
    return scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes) != OP_NONE && !*p;
}

/* A cell that is only a unit: %, (万张), 个. */
static bool is_unit_cell(Imp *im, const Cell *c)
{
    char *s = fold(im->arena, c->s, c->n);
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s[n - 1] = 0;
        s++;
    }
    return strcmp(s, "%") == 0 || (*s && std_unit(im->std, s));
}

/* A cell that is only a number (with an operator in front, perhaps,
 * when with_op: a target; a 分值 has none). */
static bool is_number_cell(Imp *im, const char *raw, bool with_op)
{
    const char *s = fold(im->arena, raw, strlen(raw));
    if (with_op)
        scan_op(&s, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    Decimal v;
    bool grouped, bad;
    size_t k = scan_number(s, &v, &grouped, &bad);
    return k > 0 && !s[k] && !bad;
}

/* Appends cell c's text to val (in brackets: a unit), which then ends
 * where c ends. */
static void join_cell(Imp *im, Cell *val, const Cell *c, bool bracketed)
{
    val->s = arena_printf(im->arena, bracketed ? "%s(%s)" : "%s%s", val->s, c->s);
    val->n = strlen(val->s);
    val->loc.end = c->loc.end;
}

/* The target of row r, whose cells from *v on follow the indicator's
 * name, as one cell: an operator, a number and its unit in columns of
 * their own are joined (≥ | 90 | % → ≥90(%)).  False when there is none. */
static bool target_cell(Imp *im, const Form *f, const Row *r, int *v, Cell *val)
{
    if (*v >= r->n)
        return false;
    *val = r->cells[(*v)++];
    if (is_op_cell(im, val) && *v < r->n)
        join_cell(im, val, &r->cells[(*v)++], false);
    if (*v < r->n && is_number_cell(im, val->s, true)) {
        const Cell *u = &r->cells[*v];
        if (is_unit_cell(im, u) || (f->has_units && unit_like(fold(im->arena, u->s, u->n)))) {
            join_cell(im, val, u, true);
            (*v)++;
        }
    }
    return true;
}

/* Where the indicator in cell nc goes: under the current 二级, or straight
 * under the 一级 when it slid into a category column or has no 二级. */
static Node *indicator_parent(Imp *im, Form *f, const Cell *nc, const char *name, int col, bool has_target,
                              const char **notes)
{
    if (!f->cur1) {
        diag_emit(E0709, nc->loc, "indicator “%s” comes before any 一级指标", name);
        add_note(im, notes, "待核实：申报表中该指标之前没有一级指标");
        return &f->root;
    }
    if (col < f->c3 && has_target) {
        const char *where = col <= f->c1 ? "一级指标" : "二级指标";
        /* TRANSLATORS: the indicator's name; the column, 一级指标 or
           二级指标; the 一级 category it is imported under. */
        diag_emit(W0702, nc->loc, "“%s” stands in the %s column: imported as an indicator directly under “%s”",
                  name, where, f->cur1->name);
        /* TRANSLATORS: %s is a 一级 category (产出指标). */
        diag_hint("put it in one of %s's 二级 groups in the .pg file", f->cur1->name);
        add_note(im, notes, "申报表原文：该行位于%s列，无二级指标", where);
        f->cur2 = NULL;
        return f->cur1;
    }
    if (!f->cur2) {
        diag_emit(W0702, nc->loc, "“%s” has no 二级指标: imported directly under “%s”", name, f->cur1->name);
        add_note(im, notes, "申报表原文：该行没有二级指标");
        return f->cur1;
    }
    return f->cur2;
}

/* The indicator of row r, from cell k on: its name, its target, and a
 * weight when the table has a 分值 column. */
static void indicator(Imp *im, Form *f, const Row *r, int k, int offset)
{
    const Cell *nc = &r->cells[k];
    const char *name = tidy(im->arena, nc->s, nc->n);
    const char *notes = NULL;
    if (is_placeholder(fold(im->arena, nc->s, nc->n))) {
        if (k + 1 >= r->n || is_placeholder(fold(im->arena, r->cells[k + 1].s, r->cells[k + 1].n)))
            return;                 /* 无 / 无: a category without indicators */
        stray_cells(im, &f->end_notes, &r->cells[k + 1], row_text(im, r, k + 1));
        return;
    }
    Node *parent = indicator_parent(im, f, nc, name, nc->col - offset, k + 1 < r->n, &notes);
    int v = k + 1;
    Cell val;
    bool has_target = target_cell(im, f, r, &v, &val);
    const char *weight = NULL;
    if (has_target && v < r->n && f->cw >= 0 && is_number_cell(im, r->cells[v].s, false)) {
        weight = fold(im->arena, r->cells[v].s, r->cells[v].n);
        v++;
    }
    if (v < r->n)
        stray_cells(im, &notes, &r->cells[v], row_text(im, r, v));
    const char *target = "", *free = NULL;
    if (has_target) {
        target = target_pg(im, name, &val, &notes, &free);
    } else {
        diag_emit(E0708, nc->loc, "indicator “%s” has no target value", name);
        diag_hint("its row has no 指标值 cell; write the target in the .pg file");
        add_note(im, &notes, "待核实：申报表中没有指标值");
    }
    Node *n = add_node(im, parent, name, false);
    n->target = weight && *target ? arena_printf(im->arena, "%s 分值 %s", target, weight) : target;
    n->text = weight ? NULL : free;
    n->notes = notes;
    f->last_ind = n;
}

/* A line of one cell before the 一级 column that is no category: the
 * next paragraph of a cell above, most likely (Word ends a line there). */
static bool lone_line(Imp *im, const Form *f, const Row *r)
{
    return r->n == 1 && r->cells[0].col < f->c1 && category_level(im, f, r, 0, false) == 0;
}

/* A lone line in the indicator table: the next paragraph of the free-text
 * target above, joined to it; anything else is kept as a comment. */
static void continued_target(Imp *im, Form *f, const Cell *c)
{
    Node *n = f->last_ind;
    if (!n || !n->text) {
        stray_cells(im, &f->end_notes, c, one_line(im->arena, c->s));
        return;
    }
    diag_emit(W0709, c->loc, "a line of its own, read as the next paragraph of the target of “%s” above", n->name);
    diag_hint("Word ends a line at a paragraph inside a cell; check the joined text in the .pg file");
    n->text = join_text(im, n->text, c->s);
    n->target = arena_printf(im->arena, "= %s", pg_string(im->arena, n->text));
    note_once(im, &n->notes, "申报表原文：指标值分多行，已合并");
}

/* How far row r's columns are off the header's, by its first known
 * category (from cell k): a row that lost its leading tab is at -1.
 * Without a header row, the first 一级 sets the columns. */
static int row_offset(Imp *im, Form *f, const Row *r, int k)
{
    for (int i = k; i < r->n && i < k + 2; i++) {
        int lvl = category_level(im, f, r, i, false);
        if (lvl == 1 && !f->cols_known) {
            f->c1 = r->cells[i].col;
            f->c2 = f->c1 + 1;
            f->c3 = f->c1 + 2;
            f->cols_known = true;
        }
        if (lvl)
            return r->cells[i].col - (lvl == 1 ? f->c1 : f->c2);
    }
    return 0;
}

/* A row of the indicator table: [一级] [二级] 三级 指标值, every part but
 * the last two optional, in whatever columns they ended up. */
static void ind_row(Imp *im, Form *f, const Row *r)
{
    const char *paren;
    int k = 0;
    while (k < r->n && label_of(im, &r->cells[k], &paren) == L_INDICATORS)
        k++;
    if (k == r->n)
        return;
    if (is_trailer(im, &r->cells[k])) {
        stray_cells(im, &f->end_notes, &r->cells[k], row_text(im, r, k));
        return;
    }
    if (lone_line(im, f, r)) {
        continued_target(im, f, &r->cells[k]);
        return;
    }
    int offset = row_offset(im, f, r, k);
    /* the categories: names the standard library knows, or any name in a
     * category column with an indicator and a target after it */
    const Cell *l1 = NULL, *l2 = NULL;
    bool known1 = false, known2 = false;
    for (; k < r->n; k++) {
        const Cell *c = &r->cells[k];
        int lvl = category_level(im, f, r, k, l1 != NULL);
        int col = c->col - offset;
        bool known = lvl != 0;
        if (!known && r->n - k >= 3 && col < f->c3)
            lvl = !l1 && !l2 && col <= f->c1 ? 1 : 2;
        if (lvl == 1 && !l1 && !l2) {
            l1 = c;
            known1 = known;
        } else if (lvl == 2 && !l2) {
            l2 = c;
            known2 = known;
        } else {
            break;
        }
    }
    if (l1)
        enter_level1(im, f, l1, known1);
    if (l2)
        enter_level2(im, f, l2, known2);
    if (k < r->n)
        indicator(im, f, r, k, offset);
}

/* Does the row hold a 一级 category (the indicator table has begun,
 * without a header row)? */
static bool row_has_level1(Imp *im, const Row *r)
{
    for (int i = 0; i < r->n; i++)
        if (std_level1(im->std, fold(im->arena, r->cells[i].s, r->cells[i].n)))
            return true;
    return false;
}

static bool row_has_columns(Imp *im, const Row *r)
{
    return row_has(im, r, L_COL1) || row_has(im, r, L_COL2) || row_has(im, r, L_COL3);
}

static void imp_row(Imp *im, const Row *r)
{
    if (r->n == 0 || (r->n == 1 && title_or_year(im, &r->cells[0])))
        return;
    const char *paren;
    const Cell *name = NULL;
    for (int i = 0; i < r->n && !name; i++)
        if (label_of(im, &r->cells[i], &paren) == L_NAME)
            name = &r->cells[i];
    if (name)
        new_form(im, name);
    Form *f = im->form;
    if (!f)
        return;                     /* before the first form: a heading, a note */
    if (name || (f->sec == SEC_IND ? row_has_columns(im, r) : row_has_label(im, r))) {
        head_row(im, f, r);
    } else if (f->sec != SEC_IND && row_has_level1(im, r)) {
        f->sec = SEC_IND;
        ind_row(im, f, r);
    } else if (f->sec == SEC_GOALS) {
        goal_row(im, f, r);
    } else if (f->sec == SEC_IND) {
        ind_row(im, f, r);
    } else {
        head_row(im, f, r);
    }
}

/* ---- the forms: a form complete ----------------------------------------- */

/* The file name of a project: its name, with a / made ／ and a leading .
 * made _, and .pg. */
static const char *file_name(Imp *im, const Form *f)
{
    Buf b = { 0 };
    buf_add(&b, "", 0);
    for (const char *p = f->name; *p; p++) {
        if (*p == '/')
            buf_str(&b, "／");
        else if (p == f->name && *p == '.')
            buf_str(&b, "_");
        else
            buf_add(&b, p, 1);
    }
    buf_str(&b, ".pg");
    const char *s = arena_strndup(im->arena, b.s, b.n);
    buf_free(&b);
    return s;
}

static void missing(Imp *im, Form *f, const char **notes, const char *what)
{
    /* TRANSLATORS: the project's name, then what its form lacks: a field
       (主管部门, 年度总体目标, …), 年度, 绩效指标 or a 一级 category. */
    diag_emit(E0703, f->loc, "the form of “%s” has no %s", f->name, what);
    add_note(im, notes, "待核实：申报表中没有%s", what);
}

/* A field the form has a label for but leaves empty, or has not at all. */
static void missing_item(Imp *im, Form *f, Field fl)
{
    Item *it = &f->item[fl];
    if (!it->labelled) {
        missing(im, f, &it->notes, field_names[fl]);
        return;
    }
    /* TRANSLATORS: %s is a field of the form (主管部门, 年度总体目标, …). */
    diag_emit(E0703, it->loc, "%s is empty", field_names[fl]);
    add_note(im, &it->notes, "待核实：申报表中%s为空", field_names[fl]);
}

/* The 年度: from the `(2023年度)` line, else from 计划开始日期 (a warning). */
static void form_year(Imp *im, Form *f)
{
    const Item *start = &f->item[F_START];
    if (f->year)
        return;
    if (start->pg && scan_digits(start->pg, 4, &f->year) == 4) {
        diag_emit(W0705, start->loc, "no “(%d年度)” line above the form: 年度 %d is taken from 计划开始日期",
                  f->year, f->year);
        add_note(im, &f->year_notes, "待核实：申报表没有“(%d年度)”一行，年度取自计划开始日期", f->year);
        return;
    }
    f->year = 0;
    missing(im, f, &f->year_notes, "年度");
    diag_hint("a line such as (2023年度) above the form gives it");
}

/* The file a form is written to; NULL (after an error) when it cannot be. */
static const char *form_file(Imp *im, Form *f)
{
    ImpRun *run = im->run;
    const char *file = file_name(im, f);
    if (strlen(file) > 250) {
        diag_emit(E0712, f->loc, "the 项目名称 is too long to name a file (%zu bytes)", strlen(file));
        return NULL;
    }
    if (map_get(&run->written, file)) {
        diag_emit(E0710, f->loc, "a project named “%s” was imported before; this one is not written", f->name);
        diag_hint("two forms of one project? keep one, or rename one in the form");
        return NULL;
    }
    if (strcmp(file, arena_printf(im->arena, "%s.pg", f->name)) != 0)
        /* TRANSLATORS: the project's name, then the file name made of it
           (a / in the name becomes ／). */
        diag_emit(W0708, f->loc, "“%s” is written to the file “%s”", f->name, file);
    const char *key = arena_strndup(&run->keep, file, strlen(file));
    map_put(&run->written, key, (void *)key);
    return file;
}

/* The 一级 categories every form has (必需 是 in the standard library)
 * that this one has no indicator under — most often a table cut short
 * when it was copied.  An indicator in one of its 二级 counts, wherever
 * the form put it; an unknown 一级 (reported already) stops the search. */
static void missing_level1(Imp *im, Form *f)
{
    for (const Node *n = f->root.kids; n; n = n->next)
        if (!std_level1(im->std, n->name))
            return;
    bool any = false;
    for (int i = 0; i < im->std->nlevel1; i++) {
        const StdLevel1 *l1 = &im->std->level1[i];
        bool has = !l1->required;
        for (const Node *n = f->root.kids; n && !has; n = n->next) {
            has = strcmp(n->name, l1->name) == 0 && n->kids;
            for (const Node *k = n->kids; k && !has; k = k->next) {
                const StdLevel1 *owner = k->group && k->kids ? std_level2_owner(im->std, k->name) : NULL;
                has = owner && strcmp(owner->name, l1->name) == 0;
            }
        }
        if (!has) {
            missing(im, f, &f->end_notes, l1->name);
            any = true;
        }
    }
    if (any)
        diag_hint("was the table cut short when it was copied? every form has these");
}

/* Reports what a form lacks; decides its file name. */
static void finish_form(Imp *im, Form *f)
{
    if (!f->name)
        return;
    form_year(im, f);
    if (f->unit_assumed.line && !f->funds_unit) {
        diag_emit(W0705, f->unit_assumed, "the form does not say the unit of its amounts; read as 元");
        diag_hint("the funds label says it: 项目资金（元） or 项目资金（万元）");
        add_note(im, &f->head_notes, "待核实：申报表未注明金额单位，按“元”导入");
    }
    static const Field required[] = { F_DEPT, F_UNIT, F_START, F_END, F_TOTAL };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!f->item[required[i]].pg && !f->item[required[i]].notes)
            missing_item(im, f, required[i]);
    if (!f->item[F_GOAL_YEAR].text)
        missing_item(im, f, F_GOAL_YEAR);
    if (!f->root.kids)
        missing(im, f, &f->end_notes, "绩效指标");
    else
        missing_level1(im, f);
    f->file = form_file(im, f);
}

/* ---- the files: .pg text ------------------------------------------------ */

static void gen_notes(Buf *b, int depth, const char *notes)
{
    for (const char *p = notes; p && *p;) {
        size_t n = strcspn(p, "\n");
        buf_spaces(b, depth * 4);
        buf_str(b, "# ");
        buf_add(b, p, n);
        buf_str(b, "\n");
        p += n + (p[n] == '\n');
    }
}

static void gen_entry(Buf *b, int depth, const char *name, const char *pg, const char *notes)
{
    gen_notes(b, depth, notes);
    if (!pg)
        return;
    buf_spaces(b, depth * 4);
    buf_printf(b, "%s %s\n", name, pg);
}

static void gen_node(Imp *im, Buf *b, const Node *n, int depth)
{
    if (n->group && !n->kids && !n->notes)
        return;                     /* a category the form fills with 无 */
    gen_notes(b, depth, n->notes);
    buf_spaces(b, depth * 4);
    if (!n->group) {
        buf_printf(b, "指标 %s%s%s\n", pg_name(im->arena, n->name), *n->target ? " " : "", n->target);
        return;
    }
    buf_printf(b, "%s {\n", pg_name(im->arena, n->name));
    for (const Node *k = n->kids; k; k = k->next)
        gen_node(im, b, k, depth + 1);
    buf_spaces(b, depth * 4);
    buf_str(b, "}\n");
}

static void gen_form(Imp *im, const Form *f, Buf *b)
{
    buf_printf(b, "项目 %s {\n", pg_name(im->arena, f->name));
    gen_notes(b, 1, f->year_notes);
    if (f->year)
        buf_printf(b, "    年度 %d\n", f->year);
    for (int i = F_NATURE; i <= F_END; i++)
        gen_entry(b, 1, field_names[i], f->item[i].pg, f->item[i].notes);
    gen_notes(b, 1, f->head_notes);
    buf_str(b, "\n    资金 {\n");
    const Item *lf = &f->item[F_LIFE_FISCAL], *lo = &f->item[F_LIFE_OTHER];
    gen_notes(b, 2, lf->notes);
    gen_notes(b, 2, lo->notes);
    if (lf->pg || lo->pg)
        buf_printf(b, "        # 申报表原文：项目资金总额中，财政资金 %s，其他资金 %s\n", lf->pg ? lf->pg : "（空）",
                   lo->pg ? lo->pg : "（空）");
    for (int i = F_LIFE; i <= F_OTHER; i++)
        gen_entry(b, 2, field_names[i], f->item[i].pg, f->item[i].notes);
    buf_str(b, "    }\n\n");
    for (int i = F_GOAL_ALL; i <= F_GOAL_YEAR; i++) {
        const Item *it = &f->item[i];
        gen_entry(b, 1, field_names[i], it->text ? pg_string(im->arena, it->text) : NULL, it->notes);
    }
    for (const Node *n = f->root.kids; n; n = n->next) {
        buf_str(b, "\n");
        gen_node(im, b, n, 1);
    }
    if (f->end_notes) {
        buf_str(b, "\n");
        gen_notes(b, 1, f->end_notes);
    }
    buf_str(b, "}\n");
}

/* ---- the files: writing ------------------------------------------------- */


/* Makes dir and its parents, as mkdir -p does. */
static bool make_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return true;
        diag_plain(dir, "not a directory");
        return false;
    }
    char *p = strdup(dir);
    if (!p)
        pgc_die("out of memory");
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            break;
        *s = '/';
    }
    bool ok = mkdir(p, 0777) == 0 || (errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode));
    if (!ok)
        diag_plain(dir, "cannot create the directory: %s", strerror(errno));
    free(p);
    return ok;
}

/* Generates, formats and writes one form's project. */
static void emit_form(Imp *im, const Form *f)
{
    ImpRun *run = im->run;
    Buf b = { 0 };
    gen_form(im, f, &b);
    bool to_stdout = strcmp(run->outdir, "-") == 0;
    const char *path = to_stdout ? f->file : arena_printf(im->arena, "%s%s%s", run->outdir,
                                                          ends_with(run->outdir, "/") ? "" : "/", f->file);
    Source gen;
    src_from_string(&gen, path, b.s, b.n);
    size_t len;
    char *out = fmt_source(&gen, im->arena, &len);
    if (!out) {
        diag_plain(path, "internal error: the text made for “%s” does not parse (please report)", f->name);
        run->io_error = true;
    } else if (run->sink) {
        if (run->nwritten++)
            buf_str(run->sink, "\n");
        buf_add(run->sink, out, len);
    } else if (to_stdout) {
        if (run->nwritten++)
            fputs("\n", stdout);
        fwrite(out, 1, len, stdout);
    } else if (src_write_file(path, out, len, run->force)) {
        run->nwritten++;
    } else {
        run->io_error = true;
    }
    free(out);
    src_free(&gen);
    buf_free(&b);
}

/* ---- the command -------------------------------------------------------- */

/* Reads every form of src (diagnostics through diag). */
static void read_forms(Imp *im, const Source *src)
{
    /* Where a message about the whole file points.  A variable, not a
     * (Loc){ … } in the calls: xgettext takes the commas inside the braces
     * for the call's own and would miss the messages. */
    const Loc start = { 1, 1, 0, 0 };
    size_t i = 0;
    while (i < src->len && strchr(" \t\r\n,", src->text[i]))
        i++;
    if (i == src->len) {
        diag_emit(E0701, start, "the file is empty: there is no 申报表 in it");
        return;
    }
    Scan sc = { .src = src, .arena = im->arena, .sep = detect_sep(src), .line = 1, .col = 1 };
    Row r;
    Cell *scratch = NULL;
    int cap = 0;
    while (read_row(&sc, &r, &scratch, &cap))
        imp_row(im, &r);
    free(scratch);
    if (im->form)
        finish_form(im, im->form);
    if (im->nforms == 0) {
        diag_emit(E0701, start, "no 申报表 in this file: no cell says 项目名称");
        diag_hint("pgc import reads a form's table copied out of Word, WPS or Excel (one row a line, "
                  "cells separated by tabs) or saved as CSV");
    }
}

/* Imports every form of src, which may be replaced by a converted copy. */
static void import_source(ImpRun *run, Source *src)
{
    diag_begin_file(src, &run->arena);
    Imp im = { .run = run, .std = run->std, .arena = &run->arena };
    if (imp_decode(src, &run->arena))
        read_forms(&im, src);
    diag_flush();
    for (const Form *f = im.first; f; f = f->next)
        if (f->file)
            emit_form(&im, f);
    arena_reset(&run->arena);
}

static void import_file(ImpRun *run, const char *path)
{
    Source src;
    if (!src_read(&src, path)) {
        diag_plain(path, "cannot read: %s", strerror(errno));
        run->io_error = true;
        return;
    }
    if (src.len > UINT32_MAX / 4) {
        diag_plain(path, "file too large");
        run->io_error = true;
        src_free(&src);
        return;
    }
    import_source(run, &src);
    src_free(&src);
}

bool imp_source(Source *src, Buf *out)
{
    ImpRun run = { .outdir = "-", .sink = out, .std = std_load() };
    if (!run.std)
        return false;
    map_init(&run.written, &run.keep, 16);
    import_source(&run, src);
    arena_free(&run.arena);
    arena_free(&run.keep);
    return !run.io_error;
}

static const char usage_import[] = N_(
    "Usage: pgc import [OPTION]... FILE...\n"
    "Turn 财政项目支出绩效目标申报表 pasted as text into .pg files, one per project.\n"
    "A FILE holds one or more forms as their table is copied out of Word, WPS or\n"
    "Excel — one table row a line, cells separated by tabs — or saved as CSV\n"
    "(UTF-8, GB18030 or UTF-16); - reads standard input.  Each project becomes\n"
    "DIR/项目名称.pg, in the layout of `pgc fmt`; an existing file is never\n"
    "replaced without -f.  What cannot be read exactly is reported at its cell\n"
    "(FILE:line:col) and marked in the .pg file with a comment (# 待核实：… or\n"
    "# 申报表原文：…) for a person to settle; the file is written all the same.\n"
    "Run `pgc check` on the result.\n"
    "\n"
    "Options:\n"
    "  -o, --output=DIR   write into DIR (default: the current directory; made\n"
    "                       when missing); - prints the projects on standard output\n"
    "  -f, --force        replace .pg files that exist\n"
    "  -L, --stdlib=DIR   look for standard-library modules in DIR first\n"
    "      --max-warnings=N  show N warnings of each code (default 20, 0: all)\n"
    "  -q, --quiet        no progress line on a terminal, no notes\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 imported (warnings allowed), 1 something could not be read\n"
    "exactly (the projects are written all the same), 2 usage error, a file that\n"
    "cannot be read or written, or a .pg file that exists (without -f).\n");

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' },
        { "force", no_argument, NULL, 'f' },
        { "stdlib", required_argument, NULL, 'L' },
        { "help", no_argument, NULL, 'h' },
        { "quiet", no_argument, NULL, 'q' },
        { "max-warnings", required_argument, NULL, 'W' },
        { NULL, 0, NULL, 0 },
    };
    ImpRun run = { .outdir = "." };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:fL:hq", opts, NULL)) != -1) {
        switch (c) {
        case 'q': dopt.quiet = true; break;
        case 'W':
            if (!cli_count("import", "--max-warnings", optarg, 1000000, &n))
                return EXIT_USAGE;
            dopt.max_warnings = (int)n;
            break;
        case 'o': run.outdir = optarg; break;
        case 'f': run.force = true; break;
        case 'L': std_add_path(optarg); break;
        case 'h': return cli_help(usage_import);
        default: fprintf(stderr, _("Try '%s help %s'.\n"), cli_prog(), "import"); return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return cli_usage_error("import", "no files given");
    if (!*run.outdir) {
        cli_cmd_error("import", "-o takes a directory");
        return EXIT_USAGE;
    }
    diag_setup(&dopt);
    run.std = std_load();
    if (!run.std) {
        diag_finish();
        cli_error("the standard library has errors");
        return EXIT_USAGE;
    }
    if (strcmp(run.outdir, "-") != 0 && !make_dir(run.outdir)) {
        diag_finish();
        return EXIT_USAGE;
    }
    map_init(&run.written, &run.keep, 16);
    progress_begin("import", argc - optind, dopt.quiet);
    for (int i = optind; i < argc; i++) {
        import_file(&run, argv[i]);
        progress_step();
    }
    progress_end();
    diag_finish();
    arena_free(&run.arena);
    arena_free(&run.keep);
    if (run.io_error)
        return EXIT_USAGE;
    return diag_total_errors() > 0 ? EXIT_ERRORS : 0;
}
