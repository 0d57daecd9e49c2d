/*
 * xlsx.c — the forms as Excel workbooks: `pgc eval --format xlsx` (the
 * 项目支出绩效自评表) and `pgc render --format xlsx` (the 申报表).
 *
 * A workbook is a summary sheet first — one row per project, its 项目
 * cell a link to the project's sheet — and then a sheet per project in
 * the official layout of its form, with merged cells where the paper form
 * has them.  This file is the writer (libxlsxwriter underneath) and the
 * 自评表's layout; the 申报表's layout is render.c's, beside its Markdown
 * and HTML, and goes through the same calls.  It belongs to pgc, not to
 * the runtime (src/rt/): a built evaluator links the C library alone, and
 * Debian has no static libxlsxwriter.  The facts the 自评表 shows besides
 * the scores come from report.c (rep_cell_rows, rep_weight_total,
 * rep_unmet, ev_money_value), as every other format's do.
 *
 * Numbers are numbers.  An amount, a rate, a 分值 or 得分 is written as an
 * Excel number with a number format (#,##0.00, 0.00%, 0.00), never as
 * text.  pgc's Decimal is exact, a cell holds a double, and libxlsxwriter
 * prints a double with 16 significant digits ("%.16G"): the Decimal is
 * printed as its exact digits and read with strtod — the nearest double —
 * whose 16-digit text every reader (Excel, openpyxl) reads back as that
 * same double, whose shortest text is the Decimal's digits again, for any
 * number of at most 15 significant digits: a score of 7.14 reads back as
 * 7.14, never 7.140000000000001 (tests/data/xlsx/read.py checks every
 * figure so).  A number of more digits than a double holds (an amount
 * over 10 trillion 元 with its 分) would lose some: it is written as text,
 * right-aligned, rather than rounded in silence.
 *
 * A sheet is laid out twice by the same function (XlsxLayout): a first
 * pass measures — each column as wide as its widest single-column text,
 * a CJK character counting two, up to the column's cap, beyond which
 * text wraps — and the second writes, with the row heights the wrapped
 * lines need (Excel does not fit a merged cell's height itself).  The
 * summary sheet is written as the projects come, its widths growing.
 * Print setup: A4, the width fitted to one page, landscape only when a
 * portrait page would shrink the sheet below 85% (the 自评表's nine
 * columns; the 申报表 stays upright), the table's heading rows repeated
 * at the top of every page (print titles), page numbers in the footer.
 *
 * Sheet names: Excel allows 31 characters (UTF-16 units), none of
 * []:*?/\ nor an apostrophe at either end, and no two names that differ
 * only in case; "History" is reserved.  A forbidden character becomes its
 * full-width form (／ for /), a long name is cut with "…", and a name
 * taken already gets " (2)", " (3)"… — so every project keeps a readable
 * sheet of its own.
 *
 * Nothing is half-written: libxlsxwriter writes the workbook, when it is
 * closed, to a temporary file in $TMPDIR (its own scratch files go there
 * too); that file, unlinked at once, becomes the tmp of the caller's
 * Spool, which out.c writes to -o FILE through a temporary file beside it
 * and a rename, as every other report.  On an error the workbook is
 * dropped and nothing is written.  A workbook is binary: it goes to
 * standard output only with -o - and when that is no terminal.
 */
#include "pgc.h"

#include <dlfcn.h>
#include <errno.h>
#include <float.h>     /* DBL_DIG */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

/* ---- libxlsxwriter, loaded when a workbook is first written ----------------------- */

/* pgc links no libxlsxwriter: with it (and the libcrypto, libminizip and
 * libz it needs) every command would map twice the memory at start —
 * pgc check's 2.4 MB on an example became 4.4 MB — and spend most of its
 * start-up relocating them, for a format few runs write.  Every function
 * of it called here is a pointer, filled by xlsx_load from
 * dlopen("libxlsxwriter.so.4") (the soname of the headers' ABI, Debian
 * 12's libxlsxwriter4; PGC_LIBXLSXWRITER names another); a function used
 * here must be in this list. */
#define XLSX_LIBRARY "libxlsxwriter.so.4"
#define XLSX_FUNCTIONS(X) \
    X(format_set_align) \
    X(format_set_bg_color) \
    X(format_set_bold) \
    X(format_set_border) \
    X(format_set_font_color) \
    X(format_set_font_name) \
    X(format_set_font_size) \
    X(format_set_num_format) \
    X(format_set_text_wrap) \
    X(format_set_underline) \
    X(lxw_rowcol_to_cell) \
    X(lxw_strerror) \
    X(lxw_workbook_free) \
    X(workbook_add_format) \
    X(workbook_add_worksheet) \
    X(workbook_close) \
    X(workbook_new_opt) \
    X(workbook_set_properties) \
    X(worksheet_autofilter) \
    X(worksheet_center_horizontally) \
    X(worksheet_fit_to_pages) \
    X(worksheet_freeze_panes) \
    X(worksheet_gridlines) \
    X(worksheet_merge_range) \
    X(worksheet_repeat_rows) \
    X(worksheet_set_column) \
    X(worksheet_set_footer) \
    X(worksheet_set_landscape) \
    X(worksheet_set_margins) \
    X(worksheet_set_paper) \
    X(worksheet_set_portrait) \
    X(worksheet_set_row) \
    X(worksheet_write_number) \
    X(worksheet_write_string) \
    X(worksheet_write_url_opt)

#define X(f) static __typeof__(f) *dl_##f;
XLSX_FUNCTIONS(X)
#undef X
#define format_set_align dl_format_set_align
#define format_set_bg_color dl_format_set_bg_color
#define format_set_bold dl_format_set_bold
#define format_set_border dl_format_set_border
#define format_set_font_color dl_format_set_font_color
#define format_set_font_name dl_format_set_font_name
#define format_set_font_size dl_format_set_font_size
#define format_set_num_format dl_format_set_num_format
#define format_set_text_wrap dl_format_set_text_wrap
#define format_set_underline dl_format_set_underline
#define lxw_rowcol_to_cell dl_lxw_rowcol_to_cell
#define lxw_strerror dl_lxw_strerror
#define lxw_workbook_free dl_lxw_workbook_free
#define workbook_add_format dl_workbook_add_format
#define workbook_add_worksheet dl_workbook_add_worksheet
#define workbook_close dl_workbook_close
#define workbook_new_opt dl_workbook_new_opt
#define workbook_set_properties dl_workbook_set_properties
#define worksheet_autofilter dl_worksheet_autofilter
#define worksheet_center_horizontally dl_worksheet_center_horizontally
#define worksheet_fit_to_pages dl_worksheet_fit_to_pages
#define worksheet_freeze_panes dl_worksheet_freeze_panes
#define worksheet_gridlines dl_worksheet_gridlines
#define worksheet_merge_range dl_worksheet_merge_range
#define worksheet_repeat_rows dl_worksheet_repeat_rows
#define worksheet_set_column dl_worksheet_set_column
#define worksheet_set_footer dl_worksheet_set_footer
#define worksheet_set_landscape dl_worksheet_set_landscape
#define worksheet_set_margins dl_worksheet_set_margins
#define worksheet_set_paper dl_worksheet_set_paper
#define worksheet_set_portrait dl_worksheet_set_portrait
#define worksheet_set_row dl_worksheet_set_row
#define worksheet_write_number dl_worksheet_write_number
#define worksheet_write_string dl_worksheet_write_string
#define worksheet_write_url_opt dl_worksheet_write_url_opt

/* Loads libxlsxwriter once; false after saying why (cmd's message). */
static bool xlsx_load(const char *cmd)
{
    static int state;                       /* 0 not tried, 1 loaded, -1 failed */
    if (state == 0) {
        const char *lib = getenv("PGC_LIBXLSXWRITER");
        if (!lib || !*lib)
            lib = XLSX_LIBRARY;
        void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
        const char *missing = NULL;
        state = h ? 1 : -1;
        /* POSIX lets dlsym's object pointer be a function pointer */
#define X(f)                                                                                  \
    if (state == 1) {                                                                         \
        void *p = dlsym(h, #f);                                                               \
        if (p)                                                                                \
            memcpy(&dl_##f, &p, sizeof p);                                                    \
        else                                                                                  \
            state = -1, missing = #f;                                                         \
    }
        XLSX_FUNCTIONS(X)
#undef X
        if (!h)
            /* TRANSLATORS: dlerror()'s message (English) */
            cli_cmd_error(cmd, "--format xlsx needs libxlsxwriter: install the Debian package 'libxlsxwriter4' (%s)",
                          dlerror());
        else if (missing)
            /* TRANSLATORS: the library's file, then a function it lacks */
            cli_cmd_error(cmd, "--format xlsx needs libxlsxwriter: %s has no %s", lib, missing);
    }
    return state > 0;
}

enum {
    XLSX_MAXCOL = 16,           /* the widest layout has 14 columns */
    XLSX_NAME_UNITS = 31,       /* Excel's longest sheet name, in UTF-16 units */
    XLSX_CELL_CHARS = 32767,    /* Excel's longest text in a cell */
    XLSX_MAX_LINKS = 65530,     /* Excel's hyperlinks per sheet */
};

/* Column widths, in Excel's units (the width of a digit): a text's
 * display width (CJK 2) times XLSX_CHAR (a 宋体 character is a little
 * wider than two digits) and this padding; at least XLSX_MIN_WIDTH; text
 * wraps beyond a column's cap (XLSX_CAP unless the layout says). */
#define XLSX_CHAR 1.1
#define XLSX_PAD 2.0
#define XLSX_MIN_WIDTH 8.0
#define XLSX_CAP 40.0
/* A row is at least XLSX_ROW_MIN points high, and a line of text
 * XLSX_LINE times its font size, plus XLSX_ROW_PAD. */
#define XLSX_ROW_MIN 20.0
#define XLSX_LINE 1.3
#define XLSX_ROW_PAD 6.0
/* A4 less margins of half an inch on each side, in pixels at 96 dpi:
 * what a portrait page holds at 100%; a column of width w takes
 * 7w + 5 pixels (Excel's own conversion for its default font).  A sheet
 * is printed in portrait unless that would shrink it below
 * XLSX_PORTRAIT_MIN to fit the page's width: then in landscape, which
 * holds 40% more. */
#define XLSX_PORTRAIT_PX ((8.27 - 1.0) * 96.0)
#define XLSX_PORTRAIT_MIN 0.85
#define XLSX_MARGIN 0.5

/* How each XlsxStyle looks. */
typedef struct StyleDef {
    const char *font;           /* NULL: 宋体 */
    double size;                /* points; 0: 11 */
    bool bold, border, wrap, grey;
    bool link;                  /* blue and underlined */
    uint8_t align;              /* LXW_ALIGN_* (horizontal) */
    const char *num;            /* the number format, or NULL */
    uint32_t bg;                /* a background colour (0xRRGGBB), or 0 */
} StyleDef;

static const StyleDef style_defs[XS_COUNT] = {
    [XS_TITLE] = { "黑体", 16, true, false, false, false, false, LXW_ALIGN_CENTER, NULL },
    [XS_YEAR] = { NULL, 0, false, false, false, false, false, LXW_ALIGN_CENTER, NULL },
    [XS_LABEL] = { NULL, 0, true, true, true, false, false, LXW_ALIGN_CENTER, NULL },
    [XS_HEAD] = { NULL, 0, true, true, true, true, false, LXW_ALIGN_CENTER, NULL },
    [XS_TEXT] = { NULL, 0, false, true, true, false, false, LXW_ALIGN_LEFT, NULL },
    [XS_CENTRED] = { NULL, 0, false, true, true, false, false, LXW_ALIGN_CENTER, NULL },
    [XS_AMOUNT] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_RIGHT, "#,##0.00" },
    [XS_AMOUNT_WIDE] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_RIGHT, "#,##0.00####" },
    [XS_RATE] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_RIGHT, "0.00%" },
    [XS_SCORE] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_RIGHT, "0.00" },
    [XS_INT] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_CENTER, "0" },
    [XS_NUMTEXT] = { NULL, 0, false, true, false, false, false, LXW_ALIGN_RIGHT, NULL },
    [XS_LINK] = { NULL, 0, false, true, false, false, true, LXW_ALIGN_LEFT, NULL },
    [XS_NOTE] = { NULL, 0, false, false, false, false, false, LXW_ALIGN_LEFT, NULL },
    [XS_GREEN] = { NULL, 0, true, true, false, false, false, LXW_ALIGN_CENTER, NULL, 0xC8E6C9 },
    [XS_YELLOW] = { NULL, 0, true, true, false, false, false, LXW_ALIGN_CENTER, NULL, 0xFFF59D },
    [XS_RED] = { NULL, 0, true, true, false, false, false, LXW_ALIGN_CENTER, NULL, 0xEF9A9A },
    [XS_UNREPORTED] = { NULL, 0, false, true, false, true, false, LXW_ALIGN_CENTER, NULL },
};

struct XlsxSheet {
    XlsxBook *book;
    lxw_worksheet *ws;          /* NULL: it could not be made (said); nothing is written */
    const char *name;           /* as the workbook has it (in the book's arena) */
    bool measuring;             /* the first pass of a layout: widths only, nothing written */
    bool fitted;                /* rows get the heights their wrapped text needs (form sheets) */
    int ncols;                  /* the columns used */
    int nrows;                  /* the rows used */
    double width[XLSX_MAXCOL];  /* by content, capped */
    double cap[XLSX_MAXCOL];    /* the widest a column's text makes it (0: XLSX_CAP) */
    double *height;             /* by row, in points (0: not set) */
    int height_cap;             /* the rows height has room for */
    int repeat_first, repeat_last;  /* print titles: the rows repeated on every page (-1: none) */
    int links;                  /* hyperlinks written */
    Arena scratch;              /* the layout's texts, dropped with the sheet (libxlsxwriter copies) */
};

struct XlsxBook {
    const char *cmd;            /* "eval" or "render", for messages */
    lxw_workbook *wb;
    char *path;                 /* the temporary file it is written to (malloc'd) */
    char *tmpdir;               /* where (malloc'd): $TMPDIR or /tmp */
    lxw_format *style[XS_COUNT];
    Arena arena;                /* the sheets' names, the summary */
    StrMap names;               /* the names taken, case folded */
    XlsxSheet summary;          /* the first sheet, written as the projects come */
    int summary_first;          /* its first row of projects */
    int year;                   /* the projects' 年度 when they share one, else 0 */
    bool mixed_years;           /* they do not */
    bool failed;                /* an error was said: the workbook is not written */
};

/* ---- errors ----------------------------------------------------------------------- */

/* The first error of libxlsxwriter, said once; the workbook then fails. */
static void lxw_check(XlsxBook *b, lxw_error e)
{
    if (e == LXW_NO_ERROR || b->failed)
        return;
    b->failed = true;
    /* TRANSLATORS: %s is libxlsxwriter's reason, in English. */
    cli_cmd_error(b->cmd, "cannot write the xlsx workbook: %s", lxw_strerror(e));
}

/* ---- text measures ------------------------------------------------------------------ */

/* The display width of the widest line of s, and its number of lines
 * when wrapped in a cell avail wide (0: not wrapped, a line per '\n'). */
static double text_lines(const char *s, double avail, int *lines)
{
    double room = (avail - XLSX_PAD) / XLSX_CHAR;   /* display columns */
    double widest = 0;
    int n = 0;
    for (;;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        double w = (double)utf8_width(s, len);
        if (w > widest)
            widest = w;
        int k = 1;
        if (avail > 0 && room >= 1 && w > room)
            k = (int)((w + room - 1) / room);
        n += k;
        if (!e)
            break;
        s = e + 1;
    }
    *lines = n;
    return widest;
}

/* The number of significant digits of d (trailing zeros are none). */
static int sig_digits(Decimal d)
{
    dec_i128 v = d.v < 0 ? -d.v : d.v;
    if (v == 0)
        return 1;
    while (v % 10 == 0)
        v /= 10;
    int n = 0;
    for (; v > 0; v /= 10)
        n++;
    return n;
}

/* ---- cells ---------------------------------------------------------------------------- */

static double cap_of(const XlsxSheet *s, int col)
{
    return s->cap[col] > 0 ? s->cap[col] : XLSX_CAP;
}

/* The sum of the widths of columns [col, col + cols). */
static double span_width(const XlsxSheet *s, int col, int cols)
{
    double w = 0;
    for (int c = col; c < col + cols && c < XLSX_MAXCOL; c++)
        w += s->width[c] > 0 ? s->width[c] : XLSX_MIN_WIDTH;
    return w;
}

static void set_height(XlsxSheet *s, int row, double h)
{
    if (row >= s->height_cap) {
        int cap = s->height_cap ? s->height_cap : 32;
        while (cap <= row)
            cap *= 2;
        s->height = xrealloc(s->height, (size_t)cap * sizeof *s->height);
        memset(s->height + s->height_cap, 0, (size_t)(cap - s->height_cap) * sizeof *s->height);
        s->height_cap = cap;
    }
    if (h > s->height[row])
        s->height[row] = h;
}

/* Notes a cell's text of style st at (row, col), rows × cols: the width it
 * asks of its column (a single-column cell; wrapped text up to the cap),
 * and, once widths are known, the height its lines ask of its row (a
 * single-row cell of a fitted sheet). */
static void measure(XlsxSheet *s, int row, int col, int rows, int cols, const char *text, XlsxStyle st)
{
    if (col + cols > s->ncols)
        s->ncols = col + cols;
    if (row + rows > s->nrows)
        s->nrows = row + rows;
    const StyleDef *d = &style_defs[st];
    int lines;
    double w = text_lines(text, 0, &lines) * XLSX_CHAR + XLSX_PAD;
    if (cols == 1 && col < XLSX_MAXCOL && st != XS_TITLE && st != XS_YEAR && st != XS_NOTE) {
        if (d->wrap && w > cap_of(s, col))
            w = cap_of(s, col);
        if (w > s->width[col])
            s->width[col] = w;
    }
    if (s->measuring || !s->fitted || rows != 1)
        return;
    if (d->wrap)
        text_lines(text, span_width(s, col, cols), &lines);
    double size = d->size > 0 ? d->size : 11;
    double h = lines * size * XLSX_LINE + XLSX_ROW_PAD;
    set_height(s, row, h > XLSX_ROW_MIN ? h : XLSX_ROW_MIN);
}

/* The cells of a merged range (or of one cell) that libxlsxwriter is
 * given; its first cell is written after. */
static void merge(XlsxSheet *s, int row, int col, int rows, int cols, lxw_format *f)
{
    if (rows > 1 || cols > 1)
        lxw_check(s->book, worksheet_merge_range(s->ws, (lxw_row_t)row, (lxw_col_t)col,
                                                 (lxw_row_t)(row + rows - 1), (lxw_col_t)(col + cols - 1), "", f));
}

static bool writing(const XlsxSheet *s)
{
    return !s->measuring && s->ws && !s->book->failed;
}

void xlsx_cell(XlsxSheet *s, int row, int col, int rows, int cols, const char *text, XlsxStyle st)
{
    measure(s, row, col, rows, cols, text, st);
    if (!writing(s))
        return;
    if (utf8_count(text, strlen(text)) > XLSX_CELL_CHARS) {
        char cell[16];
        lxw_rowcol_to_cell(cell, (lxw_row_t)row, (lxw_col_t)col);
        s->book->failed = true;
        /* TRANSLATORS: the sheet's name, then a cell such as D12. */
        cli_cmd_error(s->book->cmd, "sheet “%s”, cell %s: the text is longer than an Excel cell holds "
                                    "(32,767 characters)", s->name, cell);
        return;
    }
    lxw_format *f = s->book->style[st];
    merge(s, row, col, rows, cols, f);
    lxw_check(s->book, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, f));
}

void xlsx_num(XlsxSheet *s, int row, int col, int rows, int cols, Decimal d, XlsxStyle st)
{
    char plain[DEC_BUF], shown[DEC_BUF + 1];
    dec_format(d, true, shown);
    if (st == XS_RATE)
        strcat(shown, "%");
    bool exact = sig_digits(d) <= DBL_DIG;
    measure(s, row, col, rows, cols, shown, exact ? st : XS_NUMTEXT);
    if (!writing(s))
        return;
    if (!exact) {               /* more digits than a double keeps: the digits as text */
        xlsx_cell(s, row, col, rows, cols, shown, XS_NUMTEXT);
        return;
    }
    lxw_format *f = s->book->style[st];
    merge(s, row, col, rows, cols, f);
    dec_format(d, false, plain);
    lxw_check(s->book, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, strtod(plain, NULL), f));
}

void xlsx_int(XlsxSheet *s, int row, int col, long long v, XlsxStyle st)
{
    xlsx_num(s, row, col, 1, 1, dec_from_int(v), st);
}

void xlsx_cap(XlsxSheet *s, int col, double width)
{
    if (col >= 0 && col < XLSX_MAXCOL)
        s->cap[col] = width;
}

void xlsx_height(XlsxSheet *s, int row, double points)
{
    if (!s->measuring)
        set_height(s, row, points);
}

Arena *xlsx_arena(XlsxSheet *s)
{
    return &s->scratch;
}

void xlsx_repeat(XlsxSheet *s, int first, int last)
{
    s->repeat_first = first;
    s->repeat_last = last;
}

/* A cell with a link to sheet (the summary's 项目): "internal:'name'!A1",
 * an apostrophe in the name doubled. */
static void link_cell(XlsxSheet *s, int row, int col, const char *text, const char *sheet)
{
    if (!sheet || s->links >= XLSX_MAX_LINKS) {
        xlsx_cell(s, row, col, 1, 1, text, XS_TEXT);
        return;
    }
    measure(s, row, col, 1, 1, text, XS_LINK);
    if (!writing(s))
        return;
    Buf url = { 0 };
    buf_str(&url, "internal:'");
    for (const char *c = sheet; *c; c++) {
        if (*c == '\'')
            buf_str(&url, "'");                 /* an apostrophe twice */
        buf_add(&url, c, 1);
    }
    buf_str(&url, "'!A1");
    s->links++;
    lxw_check(s->book, worksheet_write_url_opt(s->ws, (lxw_row_t)row, (lxw_col_t)col, url.s,
                                               s->book->style[XS_LINK], text, NULL));
    buf_free(&url);
}

/* ---- sheet names ---------------------------------------------------------------------- */

/* The UTF-16 units of code point cp. */
static int units(uint32_t cp)
{
    return cp > 0xFFFF ? 2 : 1;
}

/* want made a valid sheet name: a forbidden character as its full-width
 * form, a control character as a space, an apostrophe at either end as
 * ＇. */
static char *name_clean(Arena *a, const char *want)
{
    static const char forbidden[] = "[]:*?/\\";
    static const char *const wide[] = { "［", "］", "：", "＊", "？", "／", "＼" };
    Buf b = { 0 };
    size_t n = strlen(want);
    for (size_t i = 0; i < n;) {
        int len;
        uint32_t cp = utf8_at(want + i, n - i, &len);
        const char *bad = cp < 0x80 && cp ? strchr(forbidden, (int)cp) : NULL;
        if (bad)
            buf_str(&b, wide[bad - forbidden]);
        else if (cp < 0x20 || cp == 0x7F)
            buf_str(&b, " ");
        else if (cp == '\'' && (i == 0 || i + 1 == n))
            buf_str(&b, "＇");
        else if (cp == 0xFFFD && len == 1)
            buf_str(&b, "\xEF\xBF\xBD");       /* an invalid byte: the replacement character */
        else
            buf_add(&b, want + i, (size_t)len);
        i += (size_t)len;
    }
    if (b.n == 0)
        buf_str(&b, "项目");
    char *s = arena_strndup(a, b.s, b.n);
    buf_free(&b);
    return s;
}

/* base, cut to leave room for suffix within Excel's 31 units ("…" where
 * it is cut), then suffix. */
static char *name_fit(Arena *a, const char *base, const char *suffix)
{
    int room = XLSX_NAME_UNITS - (int)utf8_count(suffix, strlen(suffix));
    size_t n = strlen(base), keep = 0;
    int used = 0, total = 0;
    for (size_t i = 0; i < n;) {
        int len;
        total += units(utf8_at(base + i, n - i, &len));
        i += (size_t)len;
    }
    if (total <= room)
        return arena_cat3(a, base, suffix, "");
    for (size_t i = 0; i < n;) {
        int len;
        int u = units(utf8_at(base + i, n - i, &len));
        if (used + u > room - 1)
            break;
        used += u;
        i += (size_t)len;
        keep = i;
    }
    return arena_cat3(a, arena_strndup(a, base, keep), "…", suffix);
}

/* name, case folded (Excel's names differ in more than case). */
static char *name_folded(Arena *a, const char *name)
{
    Buf b = { 0 };
    size_t n = strlen(name);
    for (size_t i = 0; i < n;) {
        int len;
        char enc[8];
        uint32_t cp = utf8_at(name + i, n - i, &len);
        utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp), enc);
        buf_str(&b, enc);
        i += (size_t)len;
    }
    char *s = arena_strndup(a, b.s ? b.s : "", b.n);
    buf_free(&b);
    return s;
}

/* A sheet name for want that no sheet of the book has, taken. */
static const char *name_take(XlsxBook *b, const char *want)
{
    const char *base = name_clean(&b->arena, want);
    for (int k = 1;; k++) {
        char suffix[24] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, " (%d)", k);
        const char *name = name_fit(&b->arena, base, suffix);
        const char *key = name_folded(&b->arena, name);
        if (!map_get(&b->names, key)) {
            map_set(&b->names, key, (void *)name);
            return name;
        }
    }
}

/* ---- sheets ------------------------------------------------------------------------------ */

static void sheet_init(XlsxSheet *s, XlsxBook *b, const char *want)
{
    *s = (XlsxSheet){ .book = b, .repeat_first = -1, .repeat_last = -1 };
    s->name = name_take(b, want);
    if (!b->failed && !(s->ws = workbook_add_worksheet(b->wb, s->name)))
        lxw_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

/* The columns' widths, and the page: A4, fitted to one page wide, in
 * portrait when that shrinks the sheet to no less than 85%, the print
 * titles, the page numbers. */
static void sheet_page(XlsxSheet *s)
{
    if (!s->ws || s->book->failed)
        return;
    double px = 0;
    for (int c = 0; c < s->ncols && c < XLSX_MAXCOL; c++) {
        double w = s->width[c] > XLSX_MIN_WIDTH ? s->width[c] : XLSX_MIN_WIDTH;
        lxw_check(s->book, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
        px += 7 * w + 5;
    }
    worksheet_set_paper(s->ws, 9);      /* A4 */
    if (px * XLSX_PORTRAIT_MIN > XLSX_PORTRAIT_PX)
        worksheet_set_landscape(s->ws);
    else
        worksheet_set_portrait(s->ws);
    worksheet_set_margins(s->ws, XLSX_MARGIN, XLSX_MARGIN, 0.6, 0.6);
    worksheet_center_horizontally(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    if (s->repeat_first >= 0)
        lxw_check(s->book, worksheet_repeat_rows(s->ws, (lxw_row_t)s->repeat_first, (lxw_row_t)s->repeat_last));
    lxw_check(s->book, worksheet_set_footer(s->ws, "&C第 &P 页，共 &N 页"));
    for (int r = 0; r < s->nrows && r < s->height_cap; r++)
        if (s->height[r] > 0)
            lxw_check(s->book, worksheet_set_row(s->ws, (lxw_row_t)r, s->height[r], NULL));
}

const char *xlsx_form_sheet(XlsxBook *b, const char *name, XlsxLayout *layout, const void *data)
{
    XlsxSheet s;
    sheet_init(&s, b, name);
    s.fitted = true;
    s.measuring = true;
    layout(&s, data);
    s.measuring = false;
    layout(&s, data);
    sheet_page(&s);
    if (s.ws)
        worksheet_gridlines(s.ws, LXW_HIDE_ALL_GRIDLINES);
    free(s.height);
    arena_free(&s.scratch);
    return s.ws ? s.name : NULL;
}

/* ---- the workbook ---------------------------------------------------------------------- */

/* Every style as a format of the workbook. */
static void styles_add(XlsxBook *b)
{
    for (int st = 0; st < XS_COUNT; st++) {
        const StyleDef *d = &style_defs[st];
        lxw_format *f = workbook_add_format(b->wb);
        format_set_font_name(f, d->font ? d->font : "宋体");
        format_set_font_size(f, d->size > 0 ? d->size : 11);
        format_set_align(f, d->align);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (d->bold)
            format_set_bold(f);
        if (d->border)
            format_set_border(f, LXW_BORDER_THIN);
        if (d->wrap)
            format_set_text_wrap(f);
        if (d->grey)
            format_set_bg_color(f, 0xF2F2F2);
        if (d->bg)
            format_set_bg_color(f, d->bg);
        if (d->link) {
            format_set_font_color(f, LXW_COLOR_BLUE);
            format_set_underline(f, LXW_UNDERLINE_SINGLE);
        }
        if (d->num)
            format_set_num_format(f, d->num);
        b->style[st] = f;
    }
}

/* The document's properties: its title, pgc as its maker, and — for
 * builds that must be reproducible — SOURCE_DATE_EPOCH as its date. */
static void properties(XlsxBook *b, const char *title)
{
    lxw_doc_properties props = { .title = (char *)title, .author = "pgc " PACKAGE_VERSION };
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long t = strtoll(epoch, &end, 10);
        if (!*end && t > 0)
            props.created = (time_t)t;
    }
    lxw_check(b, workbook_set_properties(b->wb, &props));
}

XlsxBook *xlsx_open(const char *cmd, const char *title, const char *summary_title,
                    const char *const *headings, int ncols)
{
    if (!xlsx_load(cmd))
        return NULL;
    XlsxBook *b = xcalloc(1, sizeof *b);
    b->cmd = cmd;
    const char *dir = getenv("TMPDIR");
    b->tmpdir = xstrdup(dir && *dir ? dir : "/tmp");
    size_t n = strlen(b->tmpdir) + 32;
    b->path = xmalloc(n);
    snprintf(b->path, n, "%s/pgc-xlsx-XXXXXX", b->tmpdir);
    int fd = mkstemp(b->path);
    if (fd < 0) {
        cli_cmd_error(cmd, "cannot make a temporary file in %s: %s", b->tmpdir, strerror(errno));
        free(b->path);
        b->path = NULL;
        xlsx_discard(b);
        return NULL;
    }
    close(fd);
    lxw_workbook_options opt = { .tmpdir = b->tmpdir };
    if (!(b->wb = workbook_new_opt(b->path, &opt))) {
        cli_cmd_error(cmd, "cannot write the xlsx workbook: %s", strerror(ENOMEM));
        xlsx_discard(b);
        return NULL;
    }
    map_init(&b->names, &b->arena, 64);
    map_set(&b->names, "history", (void *)"History");   /* Excel's own */
    styles_add(b);
    properties(b, title);
    XlsxSheet *s = &b->summary;
    sheet_init(s, b, "汇总");
    xlsx_cap(s, 0, 60);
    for (int c = 1; c < ncols; c++)
        xlsx_cap(s, c, 60);
    xlsx_cell(s, 0, 0, 1, ncols, summary_title, XS_TITLE);
    xlsx_height(s, 0, 30);
    for (int c = 0; c < ncols; c++)
        xlsx_cell(s, 2, c, 1, 1, headings[c], XS_HEAD);
    xlsx_repeat(s, 2, 2);
    b->summary_first = 3;
    return b;
}

XlsxSheet *xlsx_summary(XlsxBook *b)
{
    return &b->summary;
}

int xlsx_summary_row(XlsxBook *b, const char *project, const char *sheet, int year)
{
    XlsxSheet *s = &b->summary;
    int row = s->nrows > b->summary_first ? s->nrows : b->summary_first;
    if (row == b->summary_first)
        b->year = year;
    else if (year != b->year)
        b->mixed_years = true;
    link_cell(s, row, 0, project, sheet);
    return row;
}

/* The summary's last touches: the 年度 under its title (when the projects
 * share one), widths and page, the heading row frozen and filtered. */
static void summary_end(XlsxBook *b)
{
    XlsxSheet *s = &b->summary;
    if (!s->ws)
        return;
    char year[48] = "";
    if (b->year && !b->mixed_years)
        snprintf(year, sizeof year, "（%d年度）", b->year);
    xlsx_cell(s, 1, 0, 1, s->ncols, year, XS_YEAR);
    for (int r = b->summary_first; r < s->nrows; r++)
        xlsx_height(s, r, XLSX_ROW_MIN);
    sheet_page(s);
    worksheet_freeze_panes(s->ws, (lxw_row_t)b->summary_first, 1);
    if (s->nrows > b->summary_first)
        lxw_check(b, worksheet_autofilter(s->ws, (lxw_row_t)(b->summary_first - 1), 0,
                                          (lxw_row_t)(s->nrows - 1), (lxw_col_t)(s->ncols - 1)));
}

void xlsx_discard(XlsxBook *b)
{
    if (!b)
        return;
    if (b->wb)
        lxw_workbook_free(b->wb);
    if (b->path)
        unlink(b->path);
    free(b->summary.height);
    arena_free(&b->summary.scratch);
    free(b->path);
    free(b->tmpdir);
    arena_free(&b->arena);
    free(b);
}

bool xlsx_finish(XlsxBook *b, Spool *out)
{
    if (!b->failed)
        summary_end(b);
    if (b->failed) {
        xlsx_discard(b);
        return false;
    }
    lxw_error e = workbook_close(b->wb);     /* frees it, written or not */
    b->wb = NULL;
    FILE *f = e == LXW_NO_ERROR ? fopen(b->path, "rb") : NULL;
    if (e != LXW_NO_ERROR)
        lxw_check(b, e);
    else if (!f)
        cli_cmd_error(b->cmd, "cannot read back the xlsx workbook %s: %s", b->path, strerror(errno));
    else if (out->tmp || out->buf.n)
        pgc_die("xlsx_finish: the report's spool is not empty");
    else
        out->tmp = f;
    xlsx_discard(b);                        /* unlinks the file; f keeps it open */
    return f != NULL;
}

/* ---- -o for a workbook ---------------------------------------------------------------- */

int xlsx_output(const char *cmd, const char **output)
{
    if (!*output)
        return cli_usage_error(cmd, "--format xlsx writes a binary file: name it with -o FILE "
                                    "(-o - writes it to standard output, unless that is a terminal)");
    if (strcmp(*output, "-") != 0)
        return CLI_GO;
    if (isatty(STDOUT_FILENO))
        return cli_usage_error(cmd, "--format xlsx does not write a binary file to a terminal: "
                                    "name a file with -o FILE, or redirect standard output");
    *output = NULL;
    return CLI_GO;
}

/* ---- the 项目支出绩效自评表 ------------------------------------------------------------- */

/* The columns of the 自评表's sheet (A…I, and J with --explain). */
enum { C_LABEL, C_L1, C_L2, C_NAME, C_TARGET, C_ACTUAL, C_WEIGHT, C_SCORE, C_REASON, C_EXPLAIN };

typedef struct SelfEval {
    const EvProject *p;
    const char *goal;           /* the spec's 年度总体目标, or "" */
    bool explain;               /* a column 评分说明 */
} SelfEval;

static const char *reason_of(const ActualRow *r)
{
    return r && r->reason ? r->reason : "";
}

/* An amount of p in the unit of its 资金 block. */
static void money_cell(XlsxSheet *s, int row, int col, const EvProject *p, Decimal yuan)
{
    xlsx_num(s, row, col, 1, 1, ev_money_value(p->funds_shift, yuan), p->funds_shift ? XS_AMOUNT_WIDE : XS_AMOUNT);
}

/* A rate in percent (98.67) as the fraction Excel formats as 98.67%. */
static void rate_cell(XlsxSheet *s, int row, int col, Decimal percent)
{
    xlsx_num(s, row, col, 1, 1, (Decimal){ percent.v, percent.scale + 2 }, XS_RATE);
}

static void score_cell(XlsxSheet *s, int row, int col, Decimal d)
{
    xlsx_num(s, row, col, 1, 1, dec_round(d, 2), XS_SCORE);
}

/* Rows 0–7: the title, the 年度, the project, its funds and its goal. */
static int selfeval_head(XlsxSheet *s, const SelfEval *se, int last)
{
    const EvProject *p = se->p;
    Arena *a = xlsx_arena(s);
    int w = last + 1;
    xlsx_cell(s, 0, 0, 1, w, "项目支出绩效自评表", XS_TITLE);
    xlsx_height(s, 0, 30);
    xlsx_cell(s, 1, 0, 1, w, p->year ? arena_printf(a, "（%d年度）", p->year) : "（    年度）", XS_YEAR);
    xlsx_cell(s, 2, C_LABEL, 1, 1, "项目名称", XS_LABEL);
    xlsx_cell(s, 2, C_L1, 1, w - 1, p->name, XS_TEXT);
    xlsx_cell(s, 3, C_LABEL, 1, 1, "主管部门", XS_LABEL);
    xlsx_cell(s, 3, C_L1, 1, 3, p->dept, XS_TEXT);
    xlsx_cell(s, 3, C_TARGET, 1, 1, "实施单位", XS_LABEL);
    xlsx_cell(s, 3, C_ACTUAL, 1, w - C_ACTUAL, p->unit, XS_TEXT);
    const char *unit = p->funds_shift && p->funds_unit ? p->funds_unit : "元";
    xlsx_cell(s, 4, C_LABEL, 2, 1, arena_printf(a, "项目资金\n（%s）", unit), XS_LABEL);
    static const char *const heads[] = { "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                                         "偏差原因分析及改进措施", "评分说明" };
    for (int c = C_L1; c <= last; c++)
        xlsx_cell(s, 4, c, 1, 1, heads[c - C_L1], XS_HEAD);
    xlsx_cell(s, 5, C_L1, 1, 1, "年度资金总额", XS_LABEL);
    money_cell(s, 5, C_L2, p, p->budget_initial);
    money_cell(s, 5, C_NAME, p, p->budget);
    money_cell(s, 5, C_TARGET, p, p->spent);
    score_cell(s, 5, C_ACTUAL, p->exec_weight);
    rate_cell(s, 5, C_WEIGHT, p->exec_rate);
    score_cell(s, 5, C_SCORE, p->exec_score);
    xlsx_cell(s, 5, C_REASON, 1, 1, reason_of(p->spent_row), XS_TEXT);
    if (last == C_EXPLAIN)
        xlsx_cell(s, 5, C_EXPLAIN, 1, 1, p->exec_explain ? p->exec_explain : "", XS_TEXT);
    xlsx_cell(s, 6, C_LABEL, 2, 1, "年度总体目标", XS_LABEL);
    xlsx_cell(s, 6, C_L1, 1, 4, "预期目标", XS_HEAD);
    xlsx_cell(s, 6, C_ACTUAL, 1, w - C_ACTUAL, "实际完成情况", XS_HEAD);
    xlsx_cell(s, 7, C_L1, 1, 4, se->goal, XS_TEXT);
    xlsx_cell(s, 7, C_ACTUAL, 1, w - C_ACTUAL, "", XS_TEXT);
    return 8;
}

/* The indicator table from row r: its heading (repeated on every
 * printed page), a row per indicator with the 一级 and 二级 cells merged
 * over theirs, then 总分 and 等级; returns the row after it. */
static int selfeval_table(XlsxSheet *s, const SelfEval *se, int r, int last)
{
    const EvProject *p = se->p;
    static const char *const heads[] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                                         "得分", "偏差原因分析及改进措施", "评分说明" };
    xlsx_cell(s, r, C_LABEL, p->nind + 1, 1, "绩效指标", XS_LABEL);
    for (int c = C_L1; c <= last; c++)
        xlsx_cell(s, r, c, 1, 1, heads[c - C_L1], XS_HEAD);
    xlsx_repeat(s, r, r);
    r++;
    for (int i = 0; i < p->nind; i++, r++) {
        const EvIndicator *e = &p->ind[i];
        int l1 = rep_cell_rows(p, i, false), l2 = rep_cell_rows(p, i, true);
        if (l1)
            xlsx_cell(s, r, C_L1, l1, 1, e->l1, XS_CENTRED);
        if (l2)
            xlsx_cell(s, r, C_L2, l2, 1, e->l2 ? e->l2 : "", XS_CENTRED);
        xlsx_cell(s, r, C_NAME, 1, 1, e->name, XS_TEXT);
        xlsx_cell(s, r, C_TARGET, 1, 1, e->target_text, XS_TEXT);
        xlsx_cell(s, r, C_ACTUAL, 1, 1, e->actual_text, XS_TEXT);
        score_cell(s, r, C_WEIGHT, e->weight);
        score_cell(s, r, C_SCORE, e->score);
        xlsx_cell(s, r, C_REASON, 1, 1, reason_of(e->row), XS_TEXT);
        if (last == C_EXPLAIN)
            xlsx_cell(s, r, C_EXPLAIN, 1, 1, e->explain ? e->explain : "", XS_TEXT);
    }
    xlsx_cell(s, r, C_LABEL, 1, C_WEIGHT, "总分", XS_LABEL);
    score_cell(s, r, C_WEIGHT, rep_weight_total(p));
    score_cell(s, r, C_SCORE, p->total);
    xlsx_cell(s, r, C_REASON, 1, last - C_REASON + 1, "", XS_TEXT);
    r++;
    xlsx_cell(s, r, C_LABEL, 1, C_WEIGHT, "等级", XS_LABEL);
    xlsx_cell(s, r, C_WEIGHT, 1, 2, p->grade, XS_CENTRED);
    xlsx_cell(s, r, C_REASON, 1, last - C_REASON + 1, "", XS_TEXT);
    return r + 1;
}

/* Under the form: the scheme, and the published figures that differ. */
static void selfeval_notes(XlsxSheet *s, const SelfEval *se, int r)
{
    const EvProject *p = se->p;
    Arena *a = xlsx_arena(s);
    char x[DEC_BUF], y[DEC_BUF];
    xlsx_cell(s, ++r, C_LABEL, 1, 1, arena_printf(a, "评分方案：%s", p->scheme->name), XS_NOTE);
    if (!p->audit)
        return;
    xlsx_cell(s, ++r, C_LABEL, 1, 1, "与公布数不符", XS_NOTE);
    for (const EvAudit *au = p->audit; au; au = au->next) {
        const char *pct = strcmp(au->item, "执行率") == 0 ? "%" : "";
        const char *pub = au->published_text ? au->published_text : dec_format(au->published, true, x);
        const char *got = au->computed_text ? au->computed_text : dec_format(au->computed, true, y);
        xlsx_cell(s, ++r, C_LABEL, 1, 1,
                  arena_printf(a, "%s%s%s  公布 %s%s，按规则 %s%s（%s）", au->item, au->indicator ? "  " : "",
                               au->indicator ? au->indicator : "", pub, pct, got, pct,
                               au->arithmetic ? au->arithmetic : ""),
                  XS_NOTE);
    }
}

static void selfeval_layout(XlsxSheet *s, const void *data)
{
    const SelfEval *se = data;
    int last = se->explain ? C_EXPLAIN : C_REASON;
    static const double caps[] = { [C_LABEL] = 16, [C_L1] = 16, [C_L2] = 22, [C_NAME] = 30, [C_TARGET] = 22,
                                   [C_ACTUAL] = 22, [C_WEIGHT] = 12, [C_SCORE] = 12, [C_REASON] = 26,
                                   [C_EXPLAIN] = 50 };
    for (int c = 0; c <= last; c++)
        xlsx_cap(s, c, caps[c]);
    int r = selfeval_head(s, se, last);
    r = selfeval_table(s, se, r, last);
    selfeval_notes(s, se, r);
}

/* The summary's columns: what pgc eval --format csv gives, and the
 * project's facts around it. */
static const char *const selfeval_cols[] = {
    "项目", "主管部门", "实施单位", "年度", "总分", "等级", "执行率", "预算执行率得分",
    "年初预算数（元）", "全年预算数（元）", "全年执行数（元）", "指标数", "未达成指标数", "评分方案",
};
enum { SELFEVAL_NCOLS = sizeof selfeval_cols / sizeof *selfeval_cols };

XlsxBook *xlsx_selfeval_open(const char *cmd)
{
    return xlsx_open(cmd, "项目支出绩效自评表", "项目支出绩效自评汇总表", selfeval_cols, SELFEVAL_NCOLS);
}

/* A new row of the summary and its first four cells, the project's facts:
 * 项目 (a link to its sheet), 主管部门, 实施单位, 年度; returns the row. */
static int summary_facts(XlsxBook *b, const EvProject *p, const char *sheet)
{
    XlsxSheet *s = xlsx_summary(b);
    int r = xlsx_summary_row(b, p->name, sheet, p->year);
    xlsx_cell(s, r, 1, 1, 1, p->dept, XS_TEXT);
    xlsx_cell(s, r, 2, 1, 1, p->unit, XS_TEXT);
    if (p->year)
        xlsx_int(s, r, 3, p->year, XS_INT);
    else
        xlsx_cell(s, r, 3, 1, 1, "", XS_TEXT);
    return r;
}

static void selfeval_summary(XlsxBook *b, const EvProject *p, const char *sheet)
{
    XlsxSheet *s = xlsx_summary(b);
    int r = summary_facts(b, p, sheet);
    score_cell(s, r, 4, p->total);
    xlsx_cell(s, r, 5, 1, 1, p->grade, XS_CENTRED);
    rate_cell(s, r, 6, p->exec_rate);
    score_cell(s, r, 7, p->exec_score);
    xlsx_num(s, r, 8, 1, 1, dec_round(p->budget_initial, 2), XS_AMOUNT);
    xlsx_num(s, r, 9, 1, 1, dec_round(p->budget, 2), XS_AMOUNT);
    xlsx_num(s, r, 10, 1, 1, dec_round(p->spent, 2), XS_AMOUNT);
    xlsx_int(s, r, 11, p->nind, XS_INT);
    xlsx_int(s, r, 12, rep_unmet(p), XS_INT);
    xlsx_cell(s, r, 13, 1, 1, p->scheme->name, XS_TEXT);
}

void xlsx_selfeval(XlsxBook *b, const EvProject *p, const char *goal, bool explain)
{
    SelfEval se = { p, goal ? goal : "", explain };
    const char *sheet = xlsx_form_sheet(b, p->name, selfeval_layout, &se);
    selfeval_summary(b, p, sheet);
}

/* ---- pgc monitor: the 项目支出绩效目标执行监控表 --------------------------------------- */

/* Its columns: the indicator table's; the funds row's headings stand
 * over M_L2 … M_REASON. */
enum { M_L1, M_L2, M_NAME, M_TARGET, M_VALUE, M_FORECAST, M_LIKELY, M_LIGHT, M_REASON, M_EXPLAIN };

typedef struct MonSheet {
    const MonProject *m;
    bool explain;
} MonSheet;

static XlsxStyle light_style(Light l)
{
    static const XlsxStyle st[LIGHT_COUNT] = { XS_UNREPORTED, XS_GREEN, XS_YELLOW, XS_RED };
    return st[l];
}

static void light_cell(XlsxSheet *s, int row, int col, Light l)
{
    xlsx_cell(s, row, col, 1, 1, mon_light_name(l), light_style(l));
}

static const char *reason_text(Arena *a, const MonIndicator *mi)
{
    if (!mi->reason_kind)
        return "";
    return *mi->reason_note ? arena_cat3(a, mi->reason_kind, "：", mi->reason_note) : mi->reason_kind;
}

static void monitor_layout(XlsxSheet *s, const void *data)
{
    const MonSheet *ms = data;
    const MonProject *m = ms->m;
    const EvProject *p = m->p;
    Arena *a = xlsx_arena(s);
    int last = ms->explain ? M_EXPLAIN : M_REASON, w = last + 1, n = m->through;
    static const double caps[] = { [M_L1] = 16, [M_L2] = 20, [M_NAME] = 28, [M_TARGET] = 18, [M_VALUE] = 16,
                                   [M_FORECAST] = 16, [M_LIKELY] = 12, [M_LIGHT] = 8, [M_REASON] = 30,
                                   [M_EXPLAIN] = 60 };
    for (int c = 0; c <= last; c++)
        xlsx_cap(s, c, caps[c]);
    xlsx_cell(s, 0, 0, 1, w, "项目支出绩效目标执行监控表", XS_TITLE);
    xlsx_height(s, 0, 30);
    xlsx_cell(s, 1, 0, 1, w, p->year ? arena_printf(a, "（%d年度，1–%d月）", p->year, n) : arena_printf(a, "（1–%d月）", n),
              XS_YEAR);
    xlsx_cell(s, 2, M_L1, 1, 1, "项目名称", XS_LABEL);
    xlsx_cell(s, 2, M_L2, 1, M_LIGHT - M_L2, p->name, XS_TEXT);
    xlsx_cell(s, 2, M_LIGHT, 1, 1, "预警", XS_LABEL);
    xlsx_cell(s, 2, M_REASON, 1, w - M_REASON, mon_light_name(m->light), light_style(m->light));
    xlsx_cell(s, 3, M_L1, 1, 1, "主管部门", XS_LABEL);
    xlsx_cell(s, 3, M_L2, 1, 3, p->dept, XS_TEXT);
    xlsx_cell(s, 3, M_VALUE, 1, 1, "实施单位", XS_LABEL);
    xlsx_cell(s, 3, M_FORECAST, 1, w - M_FORECAST, p->unit, XS_TEXT);
    if (!m->reported) {
        xlsx_cell(s, 4, M_L1, 1, w, "未填报", XS_UNREPORTED);
        return;
    }
    const char *unit = p->funds_shift && p->funds_unit ? p->funds_unit : "元";
    xlsx_cell(s, 4, M_L1, 2, 1, arena_printf(a, "项目资金\n（%s）", unit), XS_LABEL);
    const char *heads[] = { "年初预算数", "全年预算数", arena_printf(a, "1–%d月执行数", n), "执行率", "序时进度",
                            "全年预计执行数", "预警", "偏差原因" };
    for (int c = M_L2; c <= M_REASON; c++)
        xlsx_cell(s, 4, c, 1, 1, heads[c - M_L2], XS_HEAD);
    if (last == M_EXPLAIN)
        xlsx_cell(s, 4, M_EXPLAIN, 1, 1, "预警说明", XS_HEAD);
    money_cell(s, 5, M_L2, p, p->budget_initial);
    money_cell(s, 5, M_NAME, p, p->budget);
    if (m->has_todate) {
        money_cell(s, 5, M_TARGET, p, p->todate);
        if (dec_is_zero(p->budget))
            xlsx_cell(s, 5, M_VALUE, 1, 1, "", XS_TEXT);
        else
            rate_cell(s, 5, M_VALUE, m->rate);
        rate_cell(s, 5, M_FORECAST, m->pace);
        money_cell(s, 5, M_LIKELY, p, m->forecast_spent);
    } else {
        xlsx_cell(s, 5, M_TARGET, 1, 1, "", XS_TEXT);
        xlsx_cell(s, 5, M_VALUE, 1, 1, "", XS_TEXT);
        rate_cell(s, 5, M_FORECAST, m->pace);
        xlsx_cell(s, 5, M_LIKELY, 1, 1, "", XS_TEXT);
    }
    light_cell(s, 5, M_LIGHT, m->budget_light);
    xlsx_cell(s, 5, M_REASON, 1, 1, p->todate_row && p->todate_row->reason ? p->todate_row->reason : "", XS_TEXT);
    if (last == M_EXPLAIN)
        xlsx_cell(s, 5, M_EXPLAIN, 1, 1, m->budget_explain, XS_TEXT);
    const char *iheads[] = { "一级指标", "二级指标", "三级指标", "年度指标值", arena_printf(a, "1–%d月完成值", n),
                             "全年预计完成值", "完成目标可能性", "预警", "偏差原因", "预警说明" };
    int r = 6;
    for (int c = 0; c <= last; c++)
        xlsx_cell(s, r, c, 1, 1, iheads[c], XS_HEAD);
    xlsx_repeat(s, r, r);
    r++;
    for (int i = 0; i < p->nind; i++, r++) {
        const MonIndicator *mi = &m->ind[i];
        const EvIndicator *e = mi->x;
        int l1 = rep_cell_rows(p, i, false), l2 = rep_cell_rows(p, i, true);
        if (l1)
            xlsx_cell(s, r, M_L1, l1, 1, e->l1, XS_CENTRED);
        if (l2)
            xlsx_cell(s, r, M_L2, l2, 1, e->l2 ? e->l2 : "", XS_CENTRED);
        xlsx_cell(s, r, M_NAME, 1, 1, e->name, XS_TEXT);
        xlsx_cell(s, r, M_TARGET, 1, 1, e->target_text, XS_TEXT);
        xlsx_cell(s, r, M_VALUE, 1, 1, mi->has_value ? e->actual_text : "", XS_TEXT);
        xlsx_cell(s, r, M_FORECAST, 1, 1, mi->has_forecast ? mi->forecast_text : "", XS_TEXT);
        xlsx_cell(s, r, M_LIKELY, 1, 1, mon_likely_name(mi->likely), XS_CENTRED);
        light_cell(s, r, M_LIGHT, mi->light);
        xlsx_cell(s, r, M_REASON, 1, 1, reason_text(a, mi), XS_TEXT);
        if (last == M_EXPLAIN)
            xlsx_cell(s, r, M_EXPLAIN, 1, 1, mi->explain, XS_TEXT);
    }
    xlsx_cell(s, ++r, M_L1, 1, 1,
              arena_printf(a, "绿 %d  黄 %d  红 %d  未填报 %d", m->count[LIGHT_GREEN], m->count[LIGHT_YELLOW],
                           m->count[LIGHT_RED], m->count[LIGHT_NONE]),
              XS_NOTE);
}

static const char *const monitor_cols[] = {
    "项目", "主管部门", "实施单位", "年度", "预警", "执行率", "序时进度", "累计执行数（元）", "全年预算数（元）",
    "全年预计执行数（元）", "绿", "黄", "红", "未填报",
};
enum { MONITOR_NCOLS = sizeof monitor_cols / sizeof *monitor_cols };

XlsxBook *xlsx_monitor_open(const char *cmd)
{
    return xlsx_open(cmd, "项目支出绩效目标执行监控表", "项目支出绩效目标执行监控汇总表", monitor_cols, MONITOR_NCOLS);
}

void xlsx_monitor(XlsxBook *b, const MonProject *m, bool explain)
{
    MonSheet ms = { m, explain };
    const EvProject *p = m->p;
    const char *sheet = xlsx_form_sheet(b, p->name, monitor_layout, &ms);
    XlsxSheet *s = xlsx_summary(b);
    int r = summary_facts(b, p, sheet);
    light_cell(s, r, 4, m->light);
    if (m->has_todate && !dec_is_zero(p->budget))
        rate_cell(s, r, 5, m->rate);
    else
        xlsx_cell(s, r, 5, 1, 1, "", XS_TEXT);
    rate_cell(s, r, 6, m->pace);
    if (m->has_todate)
        xlsx_num(s, r, 7, 1, 1, dec_round(p->todate, 2), XS_AMOUNT);
    else
        xlsx_cell(s, r, 7, 1, 1, "", XS_TEXT);
    xlsx_num(s, r, 8, 1, 1, dec_round(p->budget, 2), XS_AMOUNT);
    if (m->has_todate)
        xlsx_num(s, r, 9, 1, 1, dec_round(m->forecast_spent, 2), XS_AMOUNT);
    else
        xlsx_cell(s, r, 9, 1, 1, "", XS_TEXT);
    for (int l = LIGHT_GREEN; l <= LIGHT_RED; l++)
        xlsx_int(s, r, 10 + l - LIGHT_GREEN, m->count[l], XS_INT);
    xlsx_int(s, r, 13, m->count[LIGHT_NONE], XS_INT);
}
