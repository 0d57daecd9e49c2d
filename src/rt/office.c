/*
 * office.c — the tables of .xlsx workbooks and .docx documents, as a
 * paste gives them.
 *
 * An office receives its forms as files: a workbook with a sheet per
 * project, a document with a table per project.  pgc import already reads
 * a form's table pasted as text; this file turns such a file into what a
 * paste of it would have been, so the same table gives the same .pg
 * whatever way it came.  What a paste gives, and so what is read here:
 *
 *   a workbook   each sheet's cells as Excel shows them: a shared, inline
 *                or rich-text string as its runs joined; a number by its
 *                number format (#,##0.00 on 3353000 → 3,353,000.00, 0.00%
 *                on 0.98 → 98.00%, yyyy-mm-dd on 44927 → 2023-01-01); a
 *                formula by its cached value; a merged range's value in its
 *                first cell and the others empty.  Hidden sheets are not
 *                what a person copies, and are left out;
 *   a document   the body in order, each paragraph outside a table a row of
 *                one cell and each table row a row of its cells (w:tc), the
 *                paragraphs of a cell joined by line breaks: a cell merged
 *                across columns (w:gridSpan) is one cell, one continuing a
 *                vertical merge (w:vMerge) an empty one — as Word copies a
 *                table out.  Deleted text of tracked changes, field codes
 *                and drawings are not shown, and are left out.
 *
 * Each table becomes a Source whose text is its cells, a tab between two
 * and a line break between rows, with a SrcCells beside it saying where
 * each cell's text stands: the reader of pasted forms takes its cells from
 * there (a cell is never split by a tab or a quote inside it), and diag.c
 * names the cell of a diagnostic (forms.xlsx:敬老卡制作费!E15:,
 * forms.docx:表2!R5C3:) and shows the cell's text under it.
 *
 * The container is read with minizip (zlib's contrib, Debian's
 * libminizip-dev) over the bytes in memory, the XML with expat; both are
 * linked statically into a built evaluator, which needs them for a
 * filled-in actuals workbook.  The files come from anywhere, so nothing is
 * trusted: at most MAX_ENTRIES entries; an entry read is at most
 * MAX_ENTRY bytes inflated, all of them MAX_TOTAL, and one that inflates
 * more than MAX_RATIO times its compressed size is refused — as is one
 * whose data runs past the size its header declares, so a zip bomb is
 * refused after a few megabytes, in milliseconds.  An encrypted entry, a
 * bad CRC or a truncated archive is an error; so is any DOCTYPE in the
 * XML (no DTD is read, no entity declared or expanded, nothing fetched).
 * An encrypted workbook is an OLE file, like an old binary .xls: both are
 * recognized by their first bytes and refused with a hint.
 *
 * Number formats are pgc's own work (no Debian library shows an Excel
 * format): sections by sign, literal text, digit placeholders, thousands
 * separators and scaling, percent, scientific, and the date and time codes.
 * The value is formatted from its decimal text, exactly: first rounded to
 * 15 significant digits as Excel shows a double, then to the places the
 * format asks, half away from zero.  A format with what is not covered
 * (fractions, [DBNum] numerals, conditions) is not guessed at: the cell
 * holds the value as General shows it, and the importer warns (W0712).
 */
#include "rt.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

enum {
    MAX_ENTRIES = 10000,
    MAX_ENTRY = 64 << 20,
    MAX_TOTAL = 256 << 20,
    MAX_RATIO = 200,            /* inflated / compressed, for entries past RATIO_FROM */
    RATIO_FROM = 1 << 20,
    MAX_CELLS = 2000000,
    MAX_SHEETS = 1000,
};

#define NS_SHEET "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_SHEET_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_WORD "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_WORD_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_SEP '|'

/* One reading of a file. */
typedef struct Office {
    const Source *src;
    Arena *arena;
    unzFile zip;
    size_t total;               /* bytes inflated so far */
    bool failed;                /* an error was reported */
    /* the memory the zip is read from */
    const unsigned char *bytes;
    size_t len, pos;
} Office;

/* Reports the file's one error (E0714) at its start. */
static void fail(Office *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(Office *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    o->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const Loc whole = { 0, 0, 0, 0 };
    diag_emit_in(o->src, E0714, whole, "%s", msg);
}

/* ---- the container: minizip over the bytes in memory -------------------------------- */

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    Office *o = opaque;
    o->pos = 0;
    return (mode & ZLIB_FILEFUNC_MODE_WRITE) ? NULL : o;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)stream;
    Office *o = opaque;
    size_t n = o->len - o->pos < size ? o->len - o->pos : size;
    memcpy(buf, o->bytes + o->pos, n);
    o->pos += n;
    return (uLong)n;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque, (void)stream, (void)buf, (void)size;
    return 0;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
    (void)stream;
    return ((Office *)opaque)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    (void)stream;
    Office *o = opaque;
    ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? o->pos : o->len;
    if (off > o->len || base + off > o->len)
        return -1;
    o->pos = (size_t)(base + off);
    return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static bool zip_open(Office *o)
{
    zlib_filefunc64_def io = { mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, o };
    o->zip = unzOpen2_64("", &io);
    if (!o->zip) {
        fail(o, _("not a complete zip archive (truncated or damaged): a .xlsx or .docx file is one"));
        return false;
    }
    unz_global_info64 gi;
    if (unzGetGlobalInfo64(o->zip, &gi) != UNZ_OK || gi.number_entry > MAX_ENTRIES) {
        fail(o, _("the archive has more than %d entries: not a workbook or document pgc reads"), MAX_ENTRIES);
        return false;
    }
    return true;
}

/* The entry called name, inflated into the arena (NUL-terminated): NULL
 * when there is none (*missing) or, after an error, when it cannot be read. */
static char *zip_entry(Office *o, const char *name, size_t *len, bool *missing)
{
    *missing = false;
    if (o->failed)
        return NULL;
    if (unzLocateFile(o->zip, name, 1) != UNZ_OK) {
        *missing = true;
        return NULL;
    }
    unz_file_info64 fi;
    if (unzGetCurrentFileInfo64(o->zip, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
        fail(o, _("the archive's entry %s cannot be read: the file is damaged"), name);
        return NULL;
    }
    if (fi.flag & 1) {
        fail(o, _("the archive's entry %s is encrypted"), name);
        return NULL;
    }
    ZPOS64_T size = fi.uncompressed_size;
    if (size > MAX_ENTRY || o->total + size > MAX_TOTAL ||
        (size > RATIO_FROM && size / MAX_RATIO > fi.compressed_size)) {
        fail(o, _("the archive's entry %s inflates to %llu bytes from %llu: refused (at most %d MB, "
                  "%d times its size)"),
             name, (unsigned long long)size, (unsigned long long)fi.compressed_size, MAX_ENTRY >> 20, MAX_RATIO);
        return NULL;
    }
    if (unzOpenCurrentFile(o->zip) != UNZ_OK) {
        fail(o, _("the archive's entry %s cannot be read: the file is damaged"), name);
        return NULL;
    }
    char *buf = arena_alloc(o->arena, (size_t)size + 2);
    size_t n = 0;
    for (;;) {
        char extra[1];
        int room = (int)(size - n);
        int got = room > 0 ? unzReadCurrentFile(o->zip, buf + n, (unsigned)(room > 1 << 20 ? 1 << 20 : room))
                           : unzReadCurrentFile(o->zip, extra, 1);
        if (got < 0) {
            fail(o, _("the archive's entry %s cannot be inflated: the file is damaged or truncated"), name);
            unzCloseCurrentFile(o->zip);
            return NULL;
        }
        if (got == 0)
            break;
        if (room <= 0) {
            fail(o, _("the archive's entry %s holds more than its header declares: refused"), name);
            unzCloseCurrentFile(o->zip);
            return NULL;
        }
        n += (size_t)got;
    }
    if (unzCloseCurrentFile(o->zip) != UNZ_OK || n != size) {
        fail(o, _("the archive's entry %s fails its checksum: the file is damaged"), name);
        return NULL;
    }
    o->total += n;
    buf[n] = buf[n + 1] = 0;
    *len = n;
    return buf;
}

/* An entry that must be there. */
static char *zip_need(Office *o, const char *name, size_t *len)
{
    bool missing;
    char *s = zip_entry(o, name, len, &missing);
    if (missing)
        fail(o, _("the archive has no %s: not a workbook or document pgc reads"), name);
    return s;
}

/* ---- XML through expat ------------------------------------------------------------ */

typedef struct Xml Xml;
typedef void (*XmlOpen)(Xml *x, const char *name, const char **attrs);
typedef void (*XmlClose)(Xml *x, const char *name);

/* One XML entry being parsed: element names reach the handlers as their
 * local name when they are in the part's main namespace, else as "". */
struct Xml {
    Office *o;
    const char *entry;
    const char *ns, *ns_strict;     /* the main namespace (transitional, strict) */
    XmlOpen open;
    XmlClose close;
    Buf *text;                      /* character data goes here while non-NULL */
    void *ctx;
    XML_Parser p;
};

/* The local name of name if it is in x's main namespace (or in none, for
 * a part that declares none), else "". */
static const char *local(const Xml *x, const char *name)
{
    const char *bar = strrchr(name, NS_SEP);
    if (!bar)
        return x->ns ? "" : name;
    size_t n = (size_t)(bar - name);
    if (!x->ns || (strlen(x->ns) == n && memcmp(name, x->ns, n) == 0) ||
        (strlen(x->ns_strict) == n && memcmp(name, x->ns_strict, n) == 0))
        return bar + 1;
    return "";
}

/* The attribute of local name want (any namespace), or NULL. */
static const char *attr(const char **attrs, const char *want)
{
    for (int i = 0; attrs[i]; i += 2) {
        const char *bar = strrchr(attrs[i], NS_SEP);
        if (strcmp(bar ? bar + 1 : attrs[i], want) == 0)
            return attrs[i + 1];
    }
    return NULL;
}

static void XMLCALL on_open(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    Xml *x = ud;
    x->open(x, local(x, name), attrs);
}

static void XMLCALL on_close(void *ud, const XML_Char *name)
{
    Xml *x = ud;
    if (x->close)
        x->close(x, local(x, name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
    Xml *x = ud;
    if (x->text)
        buf_add(x->text, s, (size_t)n);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    Xml *x = ud;
    fail(x->o, _("the archive's entry %s has a DOCTYPE: refused (an office file has none, and no DTD "
                 "or entity is read)"), x->entry);
    XML_StopParser(x->p, XML_FALSE);
}

/* Parses len bytes of the entry called x->entry. */
static bool xml_parse(Xml *x, const char *data, size_t len)
{
    if (x->o->failed)
        return false;
    x->p = XML_ParserCreateNS("UTF-8", NS_SEP);
    if (!x->p)
        pgc_out_of_memory();
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_open, on_close);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
    bool ok = XML_Parse(x->p, data, (int)len, XML_TRUE) == XML_STATUS_OK;
    if (!ok && !x->o->failed)
        fail(x->o, _("the archive's entry %s is not well-formed XML (line %lu: %s): the file is damaged"),
             x->entry, (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(XML_GetErrorCode(x->p)));
    XML_ParserFree(x->p);
    return ok && !x->o->failed;
}

/* ---- relationships: which part is where ----------------------------------------- */

typedef struct Rel {
    const char *id, *type, *target;
} Rel;

typedef struct Rels {
    Rel *v;
    int n, cap;
} Rels;

static void rels_open(Xml *x, const char *name, const char **attrs)
{
    Rels *r = x->ctx;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = attr(attrs, "Id"), *type = attr(attrs, "Type"), *target = attr(attrs, "Target");
    const char *mode = attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    r->v = arena_grow(x->o->arena, r->v, r->n, &r->cap, sizeof *r->v);
    r->v[r->n++] = (Rel){ arena_strndup(x->o->arena, id, strlen(id)),
                          arena_strndup(x->o->arena, type, strlen(type)),
                          arena_strndup(x->o->arena, target, strlen(target)) };
}

/* The entry name of target, relative to the part in directory dir ("xl/"). */
static const char *resolve(Office *o, const char *dir, const char *target)
{
    if (target[0] == '/')
        return target + 1;
    Buf b = { 0 };
    buf_str(&b, dir);
    while (strncmp(target, "../", 3) == 0) {
        target += 3;
        while (b.n > 0 && b.s[b.n - 1] == '/')
            b.n--;
        while (b.n > 0 && b.s[b.n - 1] != '/')
            b.n--;
    }
    buf_str(&b, target);
    char *s = arena_strndup(o->arena, b.s, b.n);
    buf_free(&b);
    return s;
}

/* The relationships of part (e.g. xl/workbook.xml → xl/_rels/workbook.xml.rels). */
static void read_rels(Office *o, const char *part, Rels *r)
{
    *r = (Rels){ 0 };
    const char *slash = strrchr(part, '/');
    size_t dn = slash ? (size_t)(slash - part + 1) : 0;
    char *name = arena_printf(o->arena, "%.*s_rels/%s.rels", (int)dn, part, part + dn);
    size_t len;
    bool missing;
    char *data = zip_entry(o, name, &len, &missing);
    if (!data)
        return;
    Xml x = { .o = o, .entry = name, .ns = "http://schemas.openxmlformats.org/package/2006/relationships",
              .ns_strict = "", .open = rels_open, .ctx = r };
    xml_parse(&x, data, len);
}

/* The target of the first relationship whose type ends in /suffix, resolved. */
static const char *rel_find(Office *o, const Rels *r, const char *part, const char *suffix, const char *id)
{
    const char *slash = strrchr(part, '/');
    char *dir = arena_strndup(o->arena, part, slash ? (size_t)(slash - part + 1) : 0);
    size_t sn = suffix ? strlen(suffix) : 0;
    for (int i = 0; i < r->n; i++) {
        size_t tn = strlen(r->v[i].type);
        if (id ? strcmp(r->v[i].id, id) == 0
               : tn > sn && r->v[i].type[tn - sn - 1] == '/' && strcmp(r->v[i].type + tn - sn, suffix) == 0)
            return resolve(o, dir, r->v[i].target);
    }
    return NULL;
}

/* ---- the tables: cells into a Source ------------------------------------------------ */

/* The cells of one table while it is read. */
typedef struct Grid {
    SrcCell *v;
    int n, cap;
    Buf text;               /* every cell's text, one after the other */
} Grid;

static void grid_add(Office *o, Grid *g, uint32_t line, uint32_t row, uint32_t col, uint32_t table, const char *s,
                     size_t n, const char *odd)
{
    if (n == 0)
        return;
    if (g->n >= MAX_CELLS) {
        fail(o, _("more than %d cells: not a form pgc reads"), MAX_CELLS);
        return;
    }
    g->v = arena_grow(o->arena, g->v, g->n, &g->cap, sizeof *g->v);
    g->v[g->n++] = (SrcCell){ .off = (uint32_t)g->text.n, .end = (uint32_t)(g->text.n + n), .line = line, .row = row,
                              .col = col, .table = table, .odd_format = odd };
    buf_add(&g->text, s, n);
}

static int by_place(const void *a, const void *b)
{
    const SrcCell *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* The Source of a grid's cells: their texts in row order, a tab between
 * two cells and a line break between two rows. */
static void grid_source(Office *o, Grid *g, OfficeKind kind, const char *sheet, Source *out)
{
    if (g->n > 1)
        qsort(g->v, (size_t)g->n, sizeof *g->v, by_place);
    Buf t = { 0 };
    for (int i = 0; i < g->n; i++) {
        SrcCell *c = &g->v[i];
        if (i > 0)
            buf_add(&t, c->line == g->v[i - 1].line ? "\t" : "\n", 1);
        uint32_t n = c->end - c->off;
        uint32_t at = (uint32_t)t.n;
        buf_add(&t, g->text.s + c->off, n);
        c->off = at;
        c->end = at + n;
    }
    src_from_string(out, o->src->path, t.s ? t.s : "", t.n);
    buf_free(&t);
    buf_free(&g->text);
    SrcCells *cs = arena_alloc(o->arena, sizeof *cs);
    *cs = (SrcCells){ .kind = kind, .sheet = sheet, .v = g->v, .n = (size_t)g->n };
    out->cells = cs;
}

/* ---- a workbook ------------------------------------------------------------------- */

typedef struct Sheet {
    const char *name, *rid;
} Sheet;

/* What the workbook part and its neighbours say. */
typedef struct Book {
    Sheet *sheets;
    int nsheets, cap;
    bool date1904;
    const char **strings;       /* the shared strings */
    int nstrings, scap;
    const char **xf_format;     /* each cell style's number format code */
    int nxf, xcap;
    /* while styles.xml is read */
    const char **fmt_code;      /* custom formats by id (numFmtId - 164 at most 1000 apart) */
    int *fmt_id;
    int nfmt, fcap, fidcap;
    int in_cellxfs;
    /* while sharedStrings.xml is read */
    Buf si;
    int in_rph;
} Book;

static void workbook_open(Xml *x, const char *name, const char **attrs)
{
    Book *b = x->ctx;
    if (strcmp(name, "workbookPr") == 0) {
        const char *v = attr(attrs, "date1904");
        b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *nm = attr(attrs, "name"), *rid = attr(attrs, "id"), *state = attr(attrs, "state");
        if (!nm || !rid || (state && strcmp(state, "visible") != 0))
            return;
        if (b->nsheets >= MAX_SHEETS)
            return;
        b->sheets = arena_grow(x->o->arena, b->sheets, b->nsheets, &b->cap, sizeof *b->sheets);
        b->sheets[b->nsheets++] = (Sheet){ arena_strndup(x->o->arena, nm, strlen(nm)),
                                           arena_strndup(x->o->arena, rid, strlen(rid)) };
    }
}

static void strings_open(Xml *x, const char *name, const char **attrs)
{
    (void)attrs;
    Book *b = x->ctx;
    if (strcmp(name, "si") == 0) {
        b->si.n = 0;
    } else if (strcmp(name, "rPh") == 0) {
        b->in_rph++;
    } else if (strcmp(name, "t") == 0 && !b->in_rph) {
        x->text = &b->si;
    }
}

static void strings_close(Xml *x, const char *name)
{
    Book *b = x->ctx;
    if (strcmp(name, "t") == 0) {
        x->text = NULL;
    } else if (strcmp(name, "rPh") == 0) {
        b->in_rph--;
    } else if (strcmp(name, "si") == 0) {
        b->strings = arena_grow(x->o->arena, b->strings, b->nstrings, &b->scap, sizeof *b->strings);
        b->strings[b->nstrings++] = arena_strndup(x->o->arena, b->si.s ? b->si.s : "", b->si.n);
    }
}

/* The built-in number formats a workbook refers to by id alone. */
static const char *builtin_format(int id)
{
    switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";     /* (escaped: not a trigraph) */
    case 14: return "yyyy/m/d";            /* as a Chinese Excel shows it */
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 31: case 35: case 36: case 50: case 51: case 53: case 54: case 58:
        return "yyyy\"年\"m\"月\"d\"日\"";     /* the Chinese Excel's long dates */
    case 27: case 28: case 29: case 30: case 34: case 52: case 57:
        return "yyyy\"年\"m\"月\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mmss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return NULL;
    }
}

static void styles_open(Xml *x, const char *name, const char **attrs)
{
    Book *b = x->ctx;
    if (strcmp(name, "numFmt") == 0) {
        const char *id = attr(attrs, "numFmtId"), *code = attr(attrs, "formatCode");
        if (!id || !code)
            return;
        int at = b->nfmt;
        b->fmt_code = arena_grow(x->o->arena, b->fmt_code, at, &b->fcap, sizeof *b->fmt_code);
        b->fmt_id = arena_grow(x->o->arena, b->fmt_id, at, &b->fidcap, sizeof *b->fmt_id);
        b->fmt_code[at] = arena_strndup(x->o->arena, code, strlen(code));
        b->fmt_id[at] = atoi(id);
        b->nfmt++;
    } else if (strcmp(name, "cellXfs") == 0) {
        b->in_cellxfs++;
    } else if (strcmp(name, "xf") == 0 && b->in_cellxfs) {
        const char *id = attr(attrs, "numFmtId");
        int fid = id ? atoi(id) : 0;
        const char *code = NULL;
        for (int i = b->nfmt - 1; i >= 0 && !code; i--)
            if (b->fmt_id[i] == fid)
                code = b->fmt_code[i];
        if (!code)
            code = builtin_format(fid);
        if (!code)      /* an id whose format the reader's locale decides (5–8, 41–44 …): not guessed */
            code = arena_printf(x->o->arena, "[numFmtId %d]", fid);
        b->xf_format = arena_grow(x->o->arena, b->xf_format, b->nxf, &b->xcap, sizeof *b->xf_format);
        b->xf_format[b->nxf++] = code;
    }
}

static void styles_close(Xml *x, const char *name)
{
    Book *b = x->ctx;
    if (strcmp(name, "cellXfs") == 0)
        b->in_cellxfs--;
}

/* A range A1:F1 of merged cells. */
typedef struct Merge {
    uint32_t r0, c0, r1, c1;
} Merge;

/* One worksheet being read. */
typedef struct SheetRead {
    Book *book;
    Grid grid;
    Merge *merges;
    int nmerges, mcap;
    /* the cell being read */
    bool in_cell;
    uint32_t row, col;          /* of the cell being read; row of the row */
    uint32_t next_row, next_col;
    const char *type;           /* its t attribute, or "n" */
    Buf formula;                /* its <f>, if any */
    int style;                  /* its s attribute */
    Buf value;                  /* <v>, or an inline string's <t>s */
    int in_rph;
} SheetRead;

/* Reads a reference such as E15 (0-based column and row); false if it is not one. */
static bool read_cell_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    int letters = 0, digits = 0;
    while (*s == '$')
        s++;
    for (; *s >= 'A' && *s <= 'Z'; s++, letters++) {
        c = c * 26 + (uint32_t)(*s - 'A' + 1);
        if (letters >= 3)
            return false;
    }
    while (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        r = r * 10 + (uint32_t)(*s - '0');
        if (digits >= 7)
            return false;
    }
    if (!letters || !digits || *s || r == 0)
        return false;
    *col = c - 1;
    *row = r - 1;
    return true;
}

static void sheet_open(Xml *x, const char *name, const char **attrs)
{
    SheetRead *sr = x->ctx;
    if (strcmp(name, "row") == 0) {
        const char *r = attr(attrs, "r");
        long n = r ? atol(r) : 0;
        sr->row = n > 0 && n <= 10000000 ? (uint32_t)(n - 1) : sr->next_row;
        sr->next_row = sr->row + 1;
        sr->next_col = 0;
    } else if (strcmp(name, "c") == 0) {
        const char *ref = attr(attrs, "r"), *t = attr(attrs, "t"), *s = attr(attrs, "s");
        uint32_t row = sr->row, col = sr->next_col;
        if (ref && !read_cell_ref(ref, &row, &col)) {
            row = sr->row;
            col = sr->next_col;
        }
        sr->in_cell = true;
        sr->col = col;
        sr->row = row;
        sr->next_col = col + 1;
        sr->type = t ? arena_strndup(x->o->arena, t, strlen(t)) : "n";
        sr->style = s ? atoi(s) : 0;
        sr->value.n = 0;
        sr->formula.n = 0;
    } else if (sr->in_cell && (strcmp(name, "v") == 0 || (strcmp(name, "t") == 0 && !sr->in_rph))) {
        x->text = &sr->value;
    } else if (sr->in_cell && strcmp(name, "f") == 0) {
        x->text = &sr->formula;
    } else if (strcmp(name, "rPh") == 0) {
        sr->in_rph++;
    } else if (strcmp(name, "mergeCell") == 0) {
        const char *ref = attr(attrs, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (!colon)
            return;
        char a[32], b[32];
        size_t an = (size_t)(colon - ref);
        if (an >= sizeof a || strlen(colon + 1) >= sizeof b)
            return;
        memcpy(a, ref, an);
        a[an] = 0;
        strcpy(b, colon + 1);
        Merge m;
        if (!read_cell_ref(a, &m.r0, &m.c0) || !read_cell_ref(b, &m.r1, &m.c1))
            return;
        sr->merges = arena_grow(x->o->arena, sr->merges, sr->nmerges, &sr->mcap, sizeof *sr->merges);
        sr->merges[sr->nmerges++] = m;
    }
}

/* The text a cell shows, into out; its odd format, or NULL. */
static const char *cell_text(Office *o, SheetRead *sr, Buf *out)
{
    Book *b = sr->book;
    const char *v = sr->value.s ? sr->value.s : "";
    const char *t = sr->type;
    out->n = 0;
    if (strcmp(t, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (end != v && i >= 0 && i < b->nstrings)
            buf_str(out, b->strings[i]);
        return NULL;
    }
    if (strcmp(t, "b") == 0) {
        buf_str(out, strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
        return NULL;
    }
    if (strcmp(t, "n") != 0 || sr->value.n == 0) {      /* str, inlineStr, e, d: as they are */
        buf_add(out, v, sr->value.n);
        return NULL;
    }
    const char *fmt = sr->style >= 0 && sr->style < b->nxf ? b->xf_format[sr->style] : "General";
    if (!office_format_number(v, fmt, b->date1904, out))
        return arena_strndup(o->arena, fmt, strlen(fmt));
    return NULL;
}

static void sheet_close(Xml *x, const char *name)
{
    SheetRead *sr = x->ctx;
    if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0 || strcmp(name, "f") == 0) {
        x->text = NULL;
    } else if (strcmp(name, "rPh") == 0) {
        sr->in_rph--;
    } else if (strcmp(name, "c") == 0 && sr->in_cell) {
        sr->in_cell = false;
        buf_add(&sr->value, "", 0);
        if (sr->value.s)
            sr->value.s[sr->value.n] = 0;
        Buf shown = { 0 };
        const char *odd = NULL;
        bool formula = sr->formula.n > 0 && sr->value.n == 0;
        if (formula) {          /* no value saved: the formula, which no one computed */
            buf_add(&shown, "=", 1);
            buf_add(&shown, sr->formula.s, sr->formula.n);
        } else {
            odd = cell_text(x->o, sr, &shown);
        }
        grid_add(x->o, &sr->grid, sr->row, sr->row, sr->col, 0, shown.s, shown.n, odd);
        if (formula && sr->grid.n > 0)
            sr->grid.v[sr->grid.n - 1].formula = true;
        buf_free(&shown);
    }
}

/* Empties the cells a merged range covers but its first (a paste shows them empty). */
static void unmerge(SheetRead *sr)
{
    int k = 0;
    for (int i = 0; i < sr->grid.n; i++) {
        const SrcCell *c = &sr->grid.v[i];
        bool hidden = false;
        for (int m = 0; m < sr->nmerges && !hidden; m++) {
            const Merge *g = &sr->merges[m];
            hidden = c->row >= g->r0 && c->row <= g->r1 && c->col >= g->c0 && c->col <= g->c1 &&
                     (c->row != g->r0 || c->col != g->c0);
        }
        if (!hidden)
            sr->grid.v[k++] = *c;
    }
    sr->grid.n = k;
}

static bool read_workbook(Office *o, const char *part, Source **tables, size_t *ntables)
{
    Book b = { 0 };
    size_t len;
    char *data = zip_need(o, part, &len);
    Xml x = { .o = o, .entry = part, .ns = NS_SHEET, .ns_strict = NS_SHEET_STRICT, .open = workbook_open, .ctx = &b };
    if (!data || !xml_parse(&x, data, len))
        return false;
    Rels rels;
    read_rels(o, part, &rels);
    const char *strings = rel_find(o, &rels, part, "sharedStrings", NULL);
    const char *styles = rel_find(o, &rels, part, "styles", NULL);
    bool missing;
    if (strings && (data = zip_entry(o, strings, &len, &missing))) {
        x = (Xml){ .o = o, .entry = strings, .ns = NS_SHEET, .ns_strict = NS_SHEET_STRICT, .open = strings_open,
                   .close = strings_close, .ctx = &b };
        xml_parse(&x, data, len);
        buf_free(&b.si);
    }
    if (styles && (data = zip_entry(o, styles, &len, &missing))) {
        x = (Xml){ .o = o, .entry = styles, .ns = NS_SHEET, .ns_strict = NS_SHEET_STRICT, .open = styles_open,
                   .close = styles_close, .ctx = &b };
        xml_parse(&x, data, len);
    }
    if (o->failed)
        return false;
    Source *out = arena_alloc(o->arena, (size_t)(b.nsheets ? b.nsheets : 1) * sizeof *out);
    size_t n = 0;
    for (int i = 0; i < b.nsheets && !o->failed; i++) {
        const char *target = rel_find(o, &rels, part, NULL, b.sheets[i].rid);
        if (!target || !(data = zip_entry(o, target, &len, &missing)))
            continue;       /* a chart sheet, or a sheet the workbook lists but lacks */
        SheetRead sr = { .book = &b };
        x = (Xml){ .o = o, .entry = target, .ns = NS_SHEET, .ns_strict = NS_SHEET_STRICT, .open = sheet_open,
                   .close = sheet_close, .ctx = &sr };
        bool ok = xml_parse(&x, data, len);
        buf_free(&sr.value);
        buf_free(&sr.formula);
        if (!ok) {
            buf_free(&sr.grid.text);
            break;
        }
        unmerge(&sr);
        grid_source(o, &sr.grid, OFFICE_XLSX, b.sheets[i].name, &out[n++]);
    }
    if (o->failed) {
        for (size_t i = 0; i < n; i++)
            src_free(&out[i]);
        return false;
    }
    *tables = out;
    *ntables = n;
    return true;
}

/* ---- a document ------------------------------------------------------------------- */

typedef struct DocRead {
    Grid grid;
    int tbl_depth;              /* tables open (a table in a cell: 2) */
    int ntables;                /* top-level tables so far */
    uint32_t row;               /* the output row of the current table row or paragraph */
    uint32_t col;               /* the next cell's place in its row */
    uint32_t trow;              /* the row within the current table */
    uint32_t npara;             /* body paragraphs outside tables so far */
    Buf cell;                   /* the current cell's (or body paragraph's) text */
    bool in_cell, in_para, para_seen;
    int skip;                   /* inside a drawing, a deleted run or a field code */
} DocRead;

static bool is_skipped(const char *name)
{
    return strcmp(name, "drawing") == 0 || strcmp(name, "pict") == 0 || strcmp(name, "object") == 0 ||
           strcmp(name, "delText") == 0 || strcmp(name, "instrText") == 0 || strcmp(name, "del") == 0;
}

static void doc_open(Xml *x, const char *name, const char **attrs)
{
    (void)attrs;
    DocRead *d = x->ctx;
    if (d->skip || is_skipped(name)) {
        d->skip += (d->skip || is_skipped(name));
        return;
    }
    if (strcmp(name, "tbl") == 0) {
        if (d->tbl_depth++ == 0) {
            d->ntables++;
            d->trow = 0;
        }
    } else if (strcmp(name, "tr") == 0 && d->tbl_depth == 1) {
        d->col = 0;
    } else if (strcmp(name, "tc") == 0 && d->tbl_depth == 1) {
        d->in_cell = true;
        d->para_seen = false;
        d->cell.n = 0;
    } else if (strcmp(name, "p") == 0) {
        if (d->in_cell) {
            if (d->para_seen)
                buf_add(&d->cell, "\n", 1);
            d->para_seen = true;
        } else if (d->tbl_depth == 0) {
            d->in_para = true;
            d->cell.n = 0;
        }
    } else if (strcmp(name, "t") == 0) {
        x->text = &d->cell;
    } else if (strcmp(name, "tab") == 0 && (d->in_cell || d->in_para)) {
        buf_add(&d->cell, "\t", 1);
    } else if ((strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) && (d->in_cell || d->in_para)) {
        buf_add(&d->cell, "\n", 1);
    } else if (strcmp(name, "noBreakHyphen") == 0 && (d->in_cell || d->in_para)) {
        buf_add(&d->cell, "-", 1);
    }
}

static void doc_close(Xml *x, const char *name)
{
    DocRead *d = x->ctx;
    if (d->skip) {
        d->skip--;
        return;
    }
    if (strcmp(name, "t") == 0) {
        x->text = NULL;
    } else if (strcmp(name, "tbl") == 0) {
        d->tbl_depth--;
    } else if (strcmp(name, "tr") == 0 && d->tbl_depth == 1) {
        d->row++;
        d->trow++;
    } else if (strcmp(name, "tc") == 0 && d->tbl_depth == 1) {
        grid_add(x->o, &d->grid, d->row, d->trow, d->col, (uint32_t)d->ntables, d->cell.s, d->cell.n, NULL);
        d->in_cell = false;
        d->col++;
    } else if (strcmp(name, "p") == 0 && d->in_para && d->tbl_depth == 0) {
        d->in_para = false;
        grid_add(x->o, &d->grid, d->row, d->npara, 0, 0, d->cell.s, d->cell.n, NULL);
        d->row++;
        d->npara++;
    }
}

static bool read_document(Office *o, const char *part, Source **tables, size_t *ntables)
{
    size_t len;
    char *data = zip_need(o, part, &len);
    DocRead d = { 0 };
    Xml x = { .o = o, .entry = part, .ns = NS_WORD, .ns_strict = NS_WORD_STRICT, .open = doc_open,
              .close = doc_close, .ctx = &d };
    bool ok = data && xml_parse(&x, data, len);
    buf_free(&d.cell);
    if (!ok) {
        buf_free(&d.grid.text);
        return false;
    }
    Source *out = arena_alloc(o->arena, sizeof *out);
    grid_source(o, &d.grid, OFFICE_DOCX, NULL, out);
    *tables = out;
    *ntables = 1;
    return true;
}

/* ---- the entry points ------------------------------------------------------------- */

OfficeMagic office_magic(const char *bytes, size_t len)
{
    if (len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0)
        return MAGIC_ZIP;
    if (len >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return MAGIC_OLE;
    return MAGIC_TEXT;
}

bool office_read(const Source *src, Arena *arena, Source **tables, size_t *ntables)
{
    Office o = { .src = src, .arena = arena, .bytes = (const unsigned char *)src->text - src->bom,
                 .len = src->len + src->bom };
    *tables = NULL;
    *ntables = 0;
    if (office_magic(src->text, src->len) == MAGIC_OLE) {
        fail(&o, _("an OLE compound file: an old binary .xls or .doc, or a workbook or document "
                   "protected by a password"));
        diag_hint("save it as an Excel workbook (.xlsx) or a Word document (.docx), without a password");
        return false;
    }
    if (!zip_open(&o))
        return false;
    Rels root;
    read_rels(&o, "", &root);
    const char *main = rel_find(&o, &root, "", "officeDocument", NULL);
    bool ok = false;
    if (!o.failed && !main)
        fail(&o, _("a zip archive that is neither a workbook (.xlsx) nor a document (.docx)"));
    else if (!o.failed && strncmp(main, "xl/", 3) == 0)
        ok = read_workbook(&o, main, tables, ntables);
    else if (!o.failed && strncmp(main, "word/", 5) == 0)
        ok = read_document(&o, main, tables, ntables);
    else if (!o.failed)
        fail(&o, _("a zip archive that is neither a workbook (.xlsx) nor a document (.docx)"));
    unzClose(o.zip);
    return ok && !o.failed;
}

/* ---- a workbook of actuals: its sheet as CSV ------------------------------------- */

/* A field of the CSV text: quoted when it holds a comma, a quote or a line break. */
static void csv_field_of(Buf *t, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        buf_add(t, s, n);
        return;
    }
    buf_add(t, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_add(t, "\"", 1);
        buf_add(t, s + i, 1);
    }
    buf_add(t, "\"", 1);
}

bool office_actuals(const Source *src, Arena *arena, Source *out)
{
    Source *tables;
    size_t n;
    if (!office_read(src, arena, &tables, &n))
        return false;
    const Loc whole = { 0, 0, 0, 0 };
    if (n == 0 || tables[0].cells->kind != OFFICE_XLSX) {
        diag_emit_in(src, E0714, whole, n ? "actuals come as a workbook (.xlsx) or as CSV, not as a document"
                                          : "the workbook has no sheet to read actuals from");
        for (size_t i = 0; i < n; i++)
            src_free(&tables[i]);
        return false;
    }
    /* the first sheet, its cells at their columns: empty fields between them */
    const SrcCells *cs = tables[0].cells;
    SrcCell *v = arena_alloc(arena, (cs->n ? cs->n : 1) * sizeof *v);
    Buf t = { 0 };
    for (size_t i = 0; i < cs->n; i++) {
        const SrcCell *c = &cs->v[i];
        uint32_t from = 0;
        if (i > 0 && cs->v[i - 1].line == c->line) {
            from = cs->v[i - 1].col + 1;
        } else if (i > 0) {
            for (uint32_t r = cs->v[i - 1].line; r < c->line; r++)
                buf_str(&t, "\r\n");
        }
        for (uint32_t k = from; k < c->col; k++)
            buf_add(&t, ",", 1);
        if (i > 0 && cs->v[i - 1].line == c->line)
            buf_add(&t, ",", 1);
        v[i] = *c;
        v[i].off = (uint32_t)t.n;
        csv_field_of(&t, tables[0].text + c->off, c->end - c->off);
        v[i].end = (uint32_t)t.n;
    }
    if (t.n)
        buf_str(&t, "\r\n");
    SrcCells *mine = arena_alloc(arena, sizeof *mine);
    *mine = (SrcCells){ .kind = OFFICE_XLSX, .sheet = cs->sheet, .v = v, .n = cs->n };
    src_from_string(out, src->path, t.s ? t.s : "", t.n);
    out->cells = mine;
    buf_free(&t);
    /* the other sheets are not read: say so if they hold anything */
    for (size_t i = 1; i < n; i++) {
        if (tables[i].cells->n > 0) {
            diag_emit_in(src, W0506, whole, "the workbook's sheet “%s” is not read: actuals are read from its "
                         "first sheet, “%s”", tables[i].cells->sheet, cs->sheet);
        }
        src_free(&tables[i]);
    }
    src_free(&tables[0]);
    return true;
}
