/*
 * xlsxtpl.c — the actuals to fill in, as a workbook (--emit=template
 * --format xlsx, and a built evaluator's --template --format xlsx).
 *
 * The units that report actuals live in Excel.  The CSV template
 * (report.c's rep_template) becomes a sheet they can fill in and hand
 * back: the same columns (项目, 一级指标, 二级指标, 指标, 年度指标值,
 * 实际完成值, 分值, 得分, 偏差原因) and rows — every indicator with its
 * target and unit, then each project's 全年预算数 (given) and 全年执行数 —
 * so that `pgc eval --actuals` and the evaluators read the filled-in
 * workbook back through office.c and the same reader as the CSV, with the
 * same checks, and diagnostics at its sheet and cell.
 *
 * What the sheet adds to the CSV: everything but the 实际完成值, 得分 and
 * 偏差原因 (and the 全年执行数 figure) is locked (the sheet is protected, without a
 * password: it guards against slips, not people); the cells to fill in are
 * shaded; a qualitative target's cell offers the words of its scale as a
 * drop-down (a data validation list, which still takes another text); the
 * header row is frozen and repeated on every printed page, A4 landscape,
 * one page wide; columns are as wide as their contents (CJK counting two).
 *
 * It is written here, in the runtime, and not with libxlsxwriter: a built
 * evaluator writes it too, depends on the C library alone, and Debian has
 * no static libxlsxwriter.  The archive is made with minizip (its zip.h,
 * over a buffer in memory) with a fixed time stamp, so the same specs give
 * the same bytes from pgc and from every evaluator; it is then written
 * whole or not at all (out_write_file).
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---- the archive, in memory ------------------------------------------------------ */

typedef struct MemZip {
    Buf b;
    size_t pos;
} MemZip;

static voidpf mz_open(voidpf opaque, const void *name, int mode)
{
    (void)name, (void)mode;
    return opaque;
}

static uLong mz_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)stream;
    MemZip *m = opaque;
    size_t n = m->b.n - m->pos < size ? m->b.n - m->pos : size;
    memcpy(buf, m->b.s + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong mz_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)stream;
    MemZip *m = opaque;
    if (m->pos + size > m->b.n) {
        size_t keep = m->b.n;
        buf_spaces(&m->b, (int)(m->pos + size - keep));     /* grow; overwritten below */
    }
    memcpy(m->b.s + m->pos, buf, size);
    m->pos += size;
    return size;
}

static ZPOS64_T mz_tell(voidpf opaque, voidpf stream)
{
    (void)stream;
    return ((MemZip *)opaque)->pos;
}

static long mz_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    (void)stream;
    MemZip *m = opaque;
    ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->b.n;
    if (base + off > m->b.n)
        return -1;
    m->pos = (size_t)(base + off);
    return 0;
}

static int mz_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int mz_error(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static bool add_part(zipFile z, const char *name, const Buf *data)
{
    zip_fileinfo fi = { .tmz_date = { 0, 0, 0, 1, 0, 1980 } };      /* fixed: the same bytes every time */
    return zipOpenNewFileInZip(z, name, &fi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 6) == ZIP_OK &&
           zipWriteInFileInZip(z, data->s ? data->s : "", (unsigned)data->n) == ZIP_OK &&
           zipCloseFileInZip(z) == ZIP_OK;
}

/* ---- the parts ---------------------------------------------------------------------- */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char content_types[] =
    XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";

static const char root_rels[] =
    XML_HEAD "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
    "Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

static const char workbook_rels[] =
    XML_HEAD "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

/* The sheet's name: also in the print titles' defined name. */
#define SHEET "实际完成值"

static const char workbook[] =
    XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<sheets><sheet name=\"" SHEET "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
    "'" SHEET "'!$1:$1</definedName></definedNames></workbook>";

/* The cell styles (cellXfs), in this order. */
enum { XF_DEFAULT, XF_HEAD, XF_FIXED, XF_INPUT, XF_AMOUNT };

static const char styles[] =
    XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/></numFmts>"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font></fonts>"
    "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    "</fills>"
    "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
    "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/>"
    "</border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"5\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" "
    "applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
    "<alignment vertical=\"center\" wrapText=\"1\"/></xf>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyFill=\"1\" applyBorder=\"1\" "
    "applyAlignment=\"1\" applyProtection=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/>"
    "<protection locked=\"0\"/></xf>"
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" "
    "applyBorder=\"1\"/>"
    "</cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

/* ---- the sheet ---------------------------------------------------------------------- */

enum { NCOLS = 9, COL_ACTUAL = 5, COL_SCORE = 7, COL_REASON = 8, MAX_WIDTH = 60 };

static const char *const header[NCOLS] = { "项目", "一级指标", "二级指标", "指标", "年度指标值",
                                           "实际完成值", "分值", "得分", "偏差原因" };

/* The sheet being written: its rows, the widest text of each column, its
 * drop-downs. */
typedef struct XlsxSheet {
    Buf rows;
    Buf lists;              /* the <dataValidation> elements */
    int nlists;
    int row;                /* the last row written (1-based) */
    int width[NCOLS];
} Sheet;

static void measure(Sheet *sh, int col, const char *s)
{
    int w = (int)utf8_width(s, strlen(s)) + 2;
    if (w > sh->width[col])
        sh->width[col] = w > MAX_WIDTH ? MAX_WIDTH : w;
}

/* A cell of text (inline, so that no shared-strings part is needed). */
static void text_cell(Sheet *sh, int col, const char *s, int style)
{
    buf_printf(&sh->rows, "<c r=\"%c%d\" s=\"%d\"", 'A' + col, sh->row, style);
    if (!s || !*s) {
        buf_str(&sh->rows, "/>");
        return;
    }
    buf_str(&sh->rows, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    esc_xml(&sh->rows, s);
    buf_str(&sh->rows, "</t></is></c>");
    measure(sh, col, s);
}

static void number_cell(Sheet *sh, int col, Decimal d, int style)
{
    char v[DEC_BUF], shown[DEC_BUF];
    buf_printf(&sh->rows, "<c r=\"%c%d\" s=\"%d\"><v>%s</v></c>", 'A' + col, sh->row, style,
               dec_format(d, false, v));
    dec_format(d, true, shown);
    measure(sh, col, shown);
}

/* One row: the fixed cells, and cells to fill in for the actual, the 得分
 * (a text target's is a person's judgment; a published one is audited)
 * and the 偏差原因. */
static void row(Sheet *sh, const char *const cells[NCOLS], bool input)
{
    sh->row++;
    buf_printf(&sh->rows, "<row r=\"%d\">", sh->row);
    for (int c = 0; c < NCOLS; c++)
        text_cell(sh, c, cells[c],
                  input && (c == COL_ACTUAL || c == COL_SCORE || c == COL_REASON) ? XF_INPUT : XF_FIXED);
    buf_str(&sh->rows, "</row>");
}

/* The words a qualitative target's scale offers, as a data validation
 * list on its 实际完成值 cell (Excel allows 255 characters in all). */
static void word_list(Sheet *sh, const Stdlib *std, const EvIndicator *x)
{
    if (!std || !x->scale || (x->kind != TK_WORD && x->kind != TK_ORDINAL))
        return;
    Buf l = { 0 };
    for (int i = 0; i < std->nwords; i++) {
        const StdWord *w = &std->words[i];
        if (w->use != WU_SCALE || !w->scale || strcmp(w->scale, x->scale) != 0 || strchr(w->word, ','))
            continue;
        if (l.n)
            buf_str(&l, ",");
        buf_str(&l, w->word);
    }
    if (l.n > 0 && l.n <= 255) {
        buf_printf(&sh->lists, "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
                               "showErrorMessage=\"0\" sqref=\"F%d\"><formula1>\"", sh->row);
        l.s[l.n] = 0;
        esc_xml(&sh->lists, l.s);
        buf_str(&sh->lists, "\"</formula1></dataValidation>");
        sh->nlists++;
    }
    buf_free(&l);
}

static void project_rows(Sheet *sh, const Stdlib *std, const EvProject *p)
{
    char w[DEC_BUF];
    for (int i = 0; i < p->nind; i++) {
        const EvIndicator *x = &p->ind[i];
        const char *cells[NCOLS] = { p->name, x->l1, x->l2 ? x->l2 : "", x->name, x->target_text, "",
                                     p->spec_weights ? dec_format(x->weight, false, w) : "", "", "" };
        row(sh, cells, true);
        word_list(sh, std, x);
    }
    /* the budget, given; the spending, to fill in */
    sh->row++;
    buf_printf(&sh->rows, "<row r=\"%d\">", sh->row);
    const char *budget[NCOLS] = { p->name, "", "", "全年预算数", "", NULL, "", "", "" };
    for (int c = 0; c < NCOLS; c++) {
        if (c == COL_ACTUAL)
            number_cell(sh, c, p->budget, XF_AMOUNT);
        else
            text_cell(sh, c, budget[c], XF_FIXED);
    }
    buf_str(&sh->rows, "</row>");
    const char *spent[NCOLS] = { p->name, "", "", "全年执行数", "", "", "", "", "" };
    row(sh, spent, true);
}

void xlsx_template_begin(XlsxTemplate *t, const Stdlib *std)
{
    Sheet *sh = xcalloc(1, sizeof *sh);
    t->sheet = sh;
    t->std = std;
    sh->row = 1;            /* the header: bold, shaded, centred */
    buf_printf(&sh->rows, "<row r=\"1\">");
    for (int c = 0; c < NCOLS; c++)
        text_cell(sh, c, header[c], XF_HEAD);
    buf_str(&sh->rows, "</row>");
}

void xlsx_template_project(XlsxTemplate *t, const EvProject *p)
{
    project_rows(t->sheet, t->std, p);
}

void xlsx_template_bytes(XlsxTemplate *t, Buf *out)
{
    Sheet *sh = t->sheet;
    Buf x = { 0 };
    buf_str(&x, XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");
    buf_printf(&x, "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:I%d\"/>", sh->row);
    buf_str(&x, "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
    buf_str(&x, "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
    for (int c = 0; c < NCOLS; c++)
        buf_printf(&x, "<col min=\"%d\" max=\"%d\" width=\"%d\" customWidth=\"1\"/>", c + 1, c + 1,
                   sh->width[c] < 8 ? 8 : sh->width[c]);
    buf_str(&x, "</cols><sheetData>");
    buf_add(&x, sh->rows.s, sh->rows.n);
    buf_str(&x, "</sheetData>");
    buf_str(&x, "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" "
                "formatRows=\"0\"/>");
    if (sh->nlists) {
        buf_printf(&x, "<dataValidations count=\"%d\">", sh->nlists);
        buf_add(&x, sh->lists.s, sh->lists.n);
        buf_str(&x, "</dataValidations>");
    }
    buf_str(&x, "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
                "footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" "
                "fitToHeight=\"0\"/></worksheet>");

    MemZip m = { 0 };
    zlib_filefunc64_def io = { mz_open, mz_read, mz_write, mz_tell, mz_seek, mz_close, mz_error, &m };
    zipFile z = zipOpen2_64("", APPEND_STATUS_CREATE, NULL, &io);
    Buf part = { 0 };
    bool ok = z != NULL;
#define PART(name, s) (part.n = 0, buf_str(&part, s), ok = ok && add_part(z, name, &part))
    PART("[Content_Types].xml", content_types);
    PART("_rels/.rels", root_rels);
    PART("xl/workbook.xml", workbook);
    PART("xl/_rels/workbook.xml.rels", workbook_rels);
    PART("xl/styles.xml", styles);
#undef PART
    ok = ok && add_part(z, "xl/worksheets/sheet1.xml", &x);
    if (z && zipClose(z, NULL) != ZIP_OK)
        ok = false;
    if (!ok)        /* in memory, minizip fails only when memory does */
        pgc_out_of_memory();
    buf_add(out, m.b.s, m.b.n);
    buf_free(&part);
    buf_free(&x);
    buf_free(&m.b);
}

void xlsx_template_free(XlsxTemplate *t)
{
    Sheet *sh = t->sheet;
    if (!sh)
        return;
    buf_free(&sh->rows);
    buf_free(&sh->lists);
    free(sh);
    t->sheet = NULL;
}
