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
 * target without an operator, an indicator in the 二级 column) and
 * `# 待核实：…` where the value could not be read (then its raw text is
 * kept as a string).  Meaning is left to `pgc check`: funds that do not add
 * up or a duplicate indicator are faithfully imported and reported there.
 */
#include "pgc.h"

#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_ERRORS = 1, EXIT_USAGE = 2 };

/* A quoted cell may span at most this many lines: a quote that opens no
 * real cell is not followed to the end of a large file. */
enum { QUOTE_LINES = 200 };

/* ---- text helpers ------------------------------------------------------------ */

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

/* ---- .pg spelling --------------------------------------------------------- */

/* A name the scanner reads back as one identifier (grammar/pgc.l): CJK,
 * letters, _, the punctuation of official names, digits not first. */
static bool is_ident(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            return false;
        bool ok = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '_' ||
                  (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                  cp == 0x3001 || cp == 0xB7 || cp == 0x300A || cp == 0x300B || cp == 0x2013 ||
                  cp == 0x3007 || (i > 0 && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)));
        if (!ok)
            return false;
        i += (size_t)l;
    }
    return true;
}

static bool is_keyword(const char *s)
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
    return is_ident(s) && !is_keyword(s) ? s : pg_string(a, s);
}

/* ---- the text: bytes to UTF-8 ---------------------------------------------- */

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
        } else if (((unsigned char)src->text[i] & 0xC0) != 0x80) {
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
    const char *t = src->text;
    size_t n = src->len, len;
    const char *from = NULL;
    if (n >= 2 && (unsigned char)t[0] == 0xFF && (unsigned char)t[1] == 0xFE)
        from = "UTF-16LE";
    else if (n >= 2 && (unsigned char)t[0] == 0xFE && (unsigned char)t[1] == 0xFF)
        from = "UTF-16BE";
    if (from) {
        t += 2;
        n -= 2;
    } else {
        const char *nul = memchr(t, 0, n);
        if (nul) {
            diag_emit(E0702, loc_at(src, (size_t)(nul - t)), "a NUL byte: this is not a text file");
            diag_hint("pgc import reads a form's table copied out as text, or saved as CSV");
            return false;
        }
        size_t bad = first_invalid(t, n);
        if (bad == n)
            return true;
        from = "GB18030";
        if (!convert(from, t, n, &len)) {   /* only a test: converted again below */
            diag_emit(E0702, loc_at(src, bad), "a byte sequence that is neither UTF-8 nor GB18030");
            diag_hint("save the table as UTF-8 text");
            return false;
        }
    }
    char *u = convert(from, t, n, &len);
    if (!u || memchr(u, 0, len)) {
        free(u);
        diag_emit(E0702, loc_at(src, 0), "a file that starts like %s text but is not", from);
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

/* ---- the text: rows and cells ----------------------------------------------- */

typedef struct Cell {
    const char *s;          /* the text, trimmed (NUL-terminated) */
    size_t n;
    Loc loc;                /* where it stands in the input */
    int col;                /* its place in the row, empty cells counted */
} Cell;

typedef struct Row {
    Cell *cells;            /* the non-empty cells, in order */
    int n;
    Loc loc;                /* the start of the line */
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
    unsigned char c = (unsigned char)s->src->text[s->pos++];
    if (c == '\n') {
        s->line++;
        s->col = 1;
    } else if ((c & 0xC0) != 0x80) {
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
        Loc inner = loc;
        const char *p = trim(b.s, &n, &inner);
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
    r->loc = sc_here(s);
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
        if (s->pos < len)
            sc_step(s);         /* the line end */
        break;
    }
    r->n = n;
    r->cells = arena_alloc(s->arena, (size_t)(n ? n : 1) * sizeof *r->cells);
    memcpy(r->cells, *scratch, (size_t)n * sizeof *r->cells);
    return true;
}

/* ---- the forms: what a form is read into ------------------------------------ */

/* The labels of the form's cells, as fold() and the removal of brackets,
 * colons and a leading 其中 leave them. */
typedef enum Label {
    L_NONE,
    L_NAME, L_NATURE, L_KIND, L_DEPT, L_UNIT, L_START, L_END,
    L_FUNDS, L_LIFE, L_LIFE_FISCAL, L_OTHER, L_TOTAL, L_APPROP, L_CARRY,
    L_GOALS, L_GOAL_ALL, L_GOAL_YEAR,
    L_INDICATORS, L_COL1, L_COL2, L_COL3, L_COLV, L_WEIGHT,
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
    { "年度目标值", L_COLV }, { "目标值", L_COLV }, { "分值", L_WEIGHT }, { "权重", L_WEIGHT },
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
    Loc loc;                /* the value's cell */
} Item;

/* A group (一级, 二级) or an indicator of the tree. */
typedef struct Node {
    const char *name;
    bool group;
    const char *target;     /* indicators: e.g. "= 100%", "" for none */
    const char *notes;
    struct Node *kids, *last, *next;
} Node;

typedef enum Section { SEC_HEAD, SEC_GOALS, SEC_IND } Section;

typedef struct Form {
    const char *name;       /* NULL: the form has none, and is not written */
    Loc loc;                /* the 项目名称 cell */
    int year;               /* 0: unknown */
    const char *year_notes;
    Item item[F_COUNT];
    const char *funds_unit; /* 元 or 万元, NULL until the form says */
    Loc funds_loc;
    Node root;              /* the 一级 groups */
    Node *cur1, *cur2;      /* where the next indicator row goes */
    const char *head_notes; /* rows of the header not understood */
    const char *end_notes;  /* rows after the indicators not understood */
    Section sec;
    int c1, c2, c3, cw;     /* columns of 一级, 二级, 三级, 分值 (-1: none) */
    int gp, ga;             /* columns of 项目总体目标, 年度总体目标 */
    int life_col, year_col; /* columns of the funds' two halves */
    struct Form *next;
} Form;

typedef struct ImpRun {
    const Stdlib *std;
    Arena arena;            /* the input file's; reset after each */
    Arena keep;             /* lives for the run: the names written */
    StrMap written;         /* file names written in this run */
    const char *outdir;
    bool force, io_error;
    int nwritten;
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

/* The text of a cell as one comment line would show it. */
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

/* ---- the forms: values ------------------------------------------------------- */

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
    return arena_strndup(im->arena, dec_format(dec_normalize(v), grouped, b), strlen(b));
}

/* ---- the forms: header fields and amounts --------------------------------- */

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
        diag_emit(E0704, c->loc, "%s “%s” is not a date", field_names[fl], one_line(im->arena, c->s));
        diag_hint("a date is written 2023-01-01, 2023/1/1 or 2023年1月1日");
        add_note(im, &it->notes, "待核实：申报表原文“%s”不是日期", c->s);
        it->pg = pg_string(im->arena, c->s);
        return;
    }
    if (!d.day) {
        diag_emit(E0704, c->loc, "%s “%s” has no day", field_names[fl], one_line(im->arena, c->s));
        add_note(im, &it->notes, "待核实：申报表原文“%s”没有日", c->s);
    }
    it->pg = date_pg(im, &d);
}

/* The unit of the form's amounts, from 项目资金 (元) or 项目资金（万元）. */
static void set_funds_unit(Imp *im, Form *f, const Cell *c, const char *paren)
{
    if (!paren)
        return;
    const StdUnit *u = std_unit(im->std, paren);
    f->funds_loc = c->loc;
    if (u && strcmp(u->dim, "金额") == 0) {
        f->funds_unit = u->name;
        return;
    }
    diag_emit(E0704, c->loc, "amounts in “%s”: pgc knows 元 and 万元", one_line(im->arena, paren));
    f->funds_unit = is_ident(paren) ? arena_strndup(im->arena, paren, strlen(paren)) : "元";
    add_note(im, &f->head_notes, "待核实：申报表的金额单位是“%s”", paren);
}

static void set_amount(Imp *im, Form *f, Field fl, const Cell *c)
{
    Item *it = &f->item[fl];
    char *s = fold(im->arena, c->s, c->n);
    const char *unit = NULL;
    it->loc = c->loc;
    if (is_placeholder(s))
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
    if (!unit) {
        unit = f->funds_unit ? f->funds_unit : "元";
        if (!f->funds_unit && !f->funds_loc.line) {
            f->funds_loc = c->loc;      /* reported once per form, at finish */
            f->funds_unit = NULL;
        }
    }
    it->pg = arena_printf(im->arena, "%s%s %s", neg ? "-" : "", b, unit);
}

/* ---- the forms: targets ------------------------------------------------------ */

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
    { "之前", OP_LE }, { "以前", OP_LE }, { "底前", OP_LE }, { "前", OP_LE },
};

static const char *op_text(Op op)
{
    return ast_op_str(op);
}

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
typedef enum TargetKind { T_NONE, T_NUMBER, T_DATE, T_WORD, T_TEXT, T_BAD } TargetKind;

typedef struct Target {
    TargetKind kind;
    Op op;
    Decimal num;
    bool grouped;
    const char *unit;       /* T_NUMBER: "%", a unit, or NULL */
    Date date;
    const char *rest;       /* the text after the operator */
    const char *why;        /* T_BAD: what is wrong */
} Target;

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
static bool read_date_target(Imp *im, const char *s, Target *t)
{
    char *rest = arena_strndup(im->arena, s, strlen(s));
    Op after = cut_suffix(rest, date_suffixes, sizeof date_suffixes / sizeof *date_suffixes);
    bool bad;
    size_t k = scan_date(rest, &t->date, &bad);
    int y;
    if (k == 0 && scan_digits(rest, 4, &y) == 4 &&
        (strcmp(rest + 4, "年底") == 0 || strcmp(rest + 4, "年末") == 0 || strcmp(rest + 4, "年内") == 0)) {
        t->date = (Date){ y, 12, 0 };
        k = strlen(rest);
        bad = y < 1900 || y > 2200;
    }
    if (k == 0 || rest[k])
        return false;
    t->kind = T_DATE;
    if (bad) {
        t->kind = T_BAD;
        t->why = "a date that does not exist";
    } else if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = "two operators that disagree";
    } else if (t->op == OP_NONE) {
        t->op = OP_LE;              /* a date in a form is a deadline */
    } else if (t->op == OP_GE || t->op == OP_GT) {
        t->kind = T_BAD;
        t->why = "a date target is a deadline, “≤”";
    }
    return true;
}

/* A number target: =100.00(%), ≥90%, 35.00(万张), 2个工作日内, 90%以上. */
static bool read_number_target(Imp *im, const char *s, Target *t)
{
    bool bad;
    size_t k = scan_number(s, &t->num, &t->grouped, &bad);
    if (k == 0)
        return false;
    if (bad) {
        t->kind = T_BAD;
        t->why = "a malformed number";
        return true;
    }
    char *rest = arena_strndup(im->arena, s + k, strlen(s + k));
    Op after = cut_suffix(rest, op_suffixes, sizeof op_suffixes / sizeof *op_suffixes);
    if (*rest && strcspn(rest, "0123456789()") != strlen(rest) &&
        !(rest[0] == '(' && rest[strlen(rest) - 1] == ')' && !strpbrk(rest + 1, "()0123456789")))
        return false;               /* 337个网点全覆盖: text, not a unit */
    t->unit = read_unit(im, rest);
    if (t->unit && !is_ident(t->unit) && strcmp(t->unit, "%") != 0)
        return false;
    t->kind = T_NUMBER;
    if (!merge_ops(&t->op, after)) {
        t->kind = T_BAD;
        t->why = "two operators that disagree";
    }
    return true;
}

/* Reads a target cell (folded: no blanks, ASCII brackets and digits). */
static void read_target(Imp *im, const char *s, Target *t)
{
    *t = (Target){ 0 };
    const char *p = s;
    t->op = scan_op(&p, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes);
    if (t->op != OP_NONE) {
        const char *q = p;
        if (scan_op(&q, op_prefixes, sizeof op_prefixes / sizeof *op_prefixes) != OP_NONE) {
            t->kind = T_BAD;
            t->why = "two operators";
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
            t->why = "a qualitative target takes “=”";
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
static void check_naming(Imp *im, const char *name, const StdUnit *u, const Cell *c, const char *raw,
                         const char **notes)
{
    const Stdlib *std = im->std;
    for (int i = 0; i < std->nnaming; i++) {
        const StdNaming *r = &std->naming[i];
        bool match = r->suffix ? ends_with(name, r->pattern) : strstr(name, r->pattern) != NULL;
        if (!match || strcmp(u->dim, r->dim) == 0)
            continue;
        if (r->error)
            diag_emit(E0712, c->loc, "“%s” ends in “%s” and takes a %s unit, not “%s” (%s)", name,
                      r->pattern, r->dim, u->name, u->dim);
        else
            diag_emit(W0703, c->loc, "“%s” names “%s” but its target is in “%s” (%s), not a %s unit",
                      name, r->pattern, u->name, u->dim, r->dim);
        diag_hint("imported as the form has it; correct the unit or the name in the .pg file");
        add_note(im, notes, "申报表原文：%s（“%s”指标却用%s）", raw, r->pattern, unit_words(im, u->name));
        return;
    }
}

/* The .pg text of a number target, after its unit is checked. */
static const char *number_target_pg(Imp *im, const char *name, const Target *t, const Cell *c,
                                    const char *raw, const char **notes)
{
    const char *num = number_pg(im, t->num, t->grouped);
    const char *op = t->op ? arena_printf(im->arena, "%s ", op_text(t->op)) : "";
    if (!t->unit) {
        diag_emit(E0707, c->loc, "the target of “%s” has no unit", name);
        diag_hint("write the unit after the number in the .pg file, e.g. 100%% or 35 万张");
        add_note(im, notes, "待核实：申报表原文“%s”没有单位", raw);
        return arena_printf(im->arena, "%s%s", op, num);
    }
    if (strcmp(t->unit, "%") == 0) {
        check_naming(im, name, std_unit(im->std, "%"), c, raw, notes);
        return arena_printf(im->arena, "%s%s%%", op, num);
    }
    const StdUnit *u = std_unit(im->std, t->unit);
    if (!u) {
        diag_emit(E0706, c->loc, "unknown unit “%s” in the target of “%s”", t->unit, name);
        const char *near = std_suggest(t->unit, im->std->unit_names, im->std->nunits);
        if (near)
            diag_hint("did you mean “%s”? the units are in stdlib/units.pg", near);
        else
            diag_hint("the units pgc knows are in stdlib/units.pg");
        add_note(im, notes, "待核实：单位“%s”不在标准库中（申报表原文“%s”）", t->unit, raw);
    } else {
        check_naming(im, name, u, c, raw, notes);
    }
    return arena_printf(im->arena, "%s%s %s", op, num, t->unit);
}

/* The .pg text of the target in cell c (after the name) of indicator
 * `name`; diagnostics and notes as needed. */
static const char *target_pg(Imp *im, const char *name, const Cell *c, const char *raw, const char **notes)
{
    const char *s = fold(im->arena, raw, strlen(raw));
    if (is_placeholder(s)) {
        diag_emit(E0708, c->loc, "indicator “%s” has no target value (“%s”)", name, one_line(im->arena, raw));
        add_note(im, notes, "待核实：申报表中没有指标值（原文“%s”）", raw);
        return "";
    }
    Target t;
    read_target(im, s, &t);
    switch (t.kind) {
    case T_NUMBER:
        if (t.op == OP_NONE) {
            diag_emit(W0701, c->loc, "the target of “%s” has no operator; imported without one", name);
            diag_hint("add “=”, “≥” or “≤” in the .pg file, as the form means");
            add_note(im, notes, "申报表原文：%s，缺少运算符", raw);
        }
        return number_target_pg(im, name, &t, c, raw, notes);
    case T_DATE:
        return arena_printf(im->arena, "%s %s", op_text(t.op), date_pg(im, &t.date));
    case T_WORD:
        return arena_printf(im->arena, "%s %s", op_text(t.op), t.rest);
    case T_BAD:
        diag_emit(E0705, c->loc, "cannot read the target “%s” of “%s”: %s", one_line(im->arena, raw), name,
                  t.why);
        diag_hint("kept as text in the .pg file; write the target as = 100%%, ≥ 90%%, ≤ 2 工作日 …");
        add_note(im, notes, "待核实：申报表原文“%s”无法识别（%s）", raw, t.why);
        return arena_printf(im->arena, "= %s", pg_string(im->arena, raw));
    case T_TEXT:
    case T_NONE:
        break;
    }
    /* free text: a sentence, or something that looks like a number but is not one */
    const char *text = *raw == '=' || starts_with(raw, "＝") ? raw + (*raw == '=' ? 1 : strlen("＝")) : raw;
    text = tidy(im->arena, text, strlen(text));
    bool numeric = *t.rest >= '0' && *t.rest <= '9';
    if (numeric) {
        diag_emit(W0708, c->loc, "the target “%s” of “%s” starts like a number but is read as text",
                  one_line(im->arena, raw), name);
        diag_hint("write it as a number with a unit in the .pg file if it is one");
        add_note(im, notes, "待核实：申报表原文“%s”按文字导入", raw);
    } else if (utf8_count(text, strlen(text)) <= 4) {
        const char *near = std_suggest(text, im->std->word_names, im->std->nwords);
        if (near) {
            diag_emit(W0707, c->loc, "“%s” is on no qualitative scale; imported as text", text);
            diag_hint("did you mean “%s”?", near);
            add_note(im, notes, "待核实：“%s”不在任何等级中，是否为“%s”？", text, near);
        }
    }
    return arena_printf(im->arena, "= %s", pg_string(im->arena, text));
}
