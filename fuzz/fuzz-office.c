/*
 * fuzz-office.c — libFuzzer harness for the readers of .xlsx workbooks and
 * .docx documents (src/rt/office.c, numfmt.c), through pgc import.
 *
 * Random bytes seldom get past a zip archive's checksums, so the first
 * byte of an input says what the rest is:
 *
 *   0  a whole file, as pgc import would be given it (the seeds: the
 *      fixtures of tests/data/office/ turned into inputs by fuzz/seed.sh);
 *   1  a workbook's sheet (xl/worksheets/sheet1.xml), in a workbook made
 *      here around it with a fixed shared-strings and styles part;
 *   2  the shared strings (xl/sharedStrings.xml), with a fixed sheet that
 *      refers to them;
 *   3  the styles (xl/styles.xml), with a fixed sheet of numbers in them;
 *   4  a document's body (word/document.xml);
 *   5  a number and a number format, split at the first NUL, shown by
 *      office_format_number.
 *
 * The archive is written stored (no compression), its CRCs right, so every
 * byte reaches expat and the readers behind it.  As in fuzz-import, the
 * .pg text made of what was read must parse and be in the layout of pgc
 * fmt; anything else is a bug, and the harness aborts.
 */
#include "fuzz.h"

#include <string.h>
#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_setup();
    return 0;
}

/* ---- a stored zip archive --------------------------------------------------------- */

typedef struct Entry {
    const char *name;
    const char *data;
    size_t len;
} Entry;

static void put16(Buf *b, unsigned v)
{
    char c[2] = { (char)(v & 0xFF), (char)(v >> 8 & 0xFF) };
    buf_add(b, c, 2);
}

static void put32(Buf *b, unsigned long v)
{
    put16(b, (unsigned)(v & 0xFFFF));
    put16(b, (unsigned)(v >> 16 & 0xFFFF));
}

static void zip_stored(Buf *b, const Entry *e, int n)
{
    Buf cd = { 0 };
    for (int i = 0; i < n; i++) {
        unsigned long crc = crc32(0, (const Bytef *)e[i].data, (uInt)e[i].len);
        unsigned long off = (unsigned long)b->n;
        size_t nl = strlen(e[i].name);
        put32(b, 0x04034b50), put16(b, 20), put16(b, 0), put16(b, 0), put16(b, 0), put16(b, 0);
        put32(b, crc), put32(b, (unsigned long)e[i].len), put32(b, (unsigned long)e[i].len);
        put16(b, (unsigned)nl), put16(b, 0);
        buf_add(b, e[i].name, nl);
        buf_add(b, e[i].data, e[i].len);
        put32(&cd, 0x02014b50), put16(&cd, 20), put16(&cd, 20), put16(&cd, 0), put16(&cd, 0);
        put16(&cd, 0), put16(&cd, 0), put32(&cd, crc), put32(&cd, (unsigned long)e[i].len);
        put32(&cd, (unsigned long)e[i].len), put16(&cd, (unsigned)nl), put16(&cd, 0), put16(&cd, 0);
        put16(&cd, 0), put16(&cd, 0), put32(&cd, 0), put32(&cd, off);
        buf_add(&cd, e[i].name, nl);
    }
    unsigned long cd_off = (unsigned long)b->n;
    buf_add(b, cd.s, cd.n);
    put32(b, 0x06054b50), put16(b, 0), put16(b, 0), put16(b, (unsigned)n), put16(b, (unsigned)n);
    put32(b, (unsigned long)cd.n), put32(b, cd_off), put16(b, 0);
    buf_free(&cd);
}

/* ---- the fixed parts around the fuzzed one ----------------------------------------- */

#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static const char root_xlsx[] = "<Relationships xmlns=\"" REL_NS "\"><Relationship Id=\"r1\" Type=\"" DOC_REL
                                "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char root_docx[] = "<Relationships xmlns=\"" REL_NS "\"><Relationship Id=\"r1\" Type=\"" DOC_REL
                                "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char workbook[] = "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" DOC_REL "\"><sheets>"
                               "<sheet name=\"表\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>";
static const char wb_rels[] = "<Relationships xmlns=\"" REL_NS "\">"
                              "<Relationship Id=\"s1\" Type=\"" DOC_REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                              "<Relationship Id=\"s2\" Type=\"" DOC_REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
                              "<Relationship Id=\"s3\" Type=\"" DOC_REL "styles\" Target=\"styles.xml\"/>"
                              "</Relationships>";
static const char strings[] = "<sst xmlns=\"" MAIN_NS "\"><si><t>项目名称</t></si><si><r><t>敬老卡</t></r>"
                              "<r><t>制作费</t></r></si><si><t>产出指标</t></si></sst>";
static const char styles[] = "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts><numFmt numFmtId=\"164\" "
                             "formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"4\"/>"
                             "<xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";
static const char sheet[] = "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v>"
                            "</c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>446048</v>"
                            "</c><c r=\"B2\" s=\"2\"><v>44927</v></c><c r=\"C2\" s=\"3\"><v>0.98</v></c>"
                            "<c r=\"D2\" t=\"s\"><v>2</v></c></row></sheetData></worksheet>";

#define PART(name, s) { name, s, sizeof s - 1 }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20)
        return -1;
    int mode = data[0] % 6;
    const char *body = (const char *)data + 1;
    size_t n = size - 1;
    if (mode == 5) {
        const char *nul = memchr(body, 0, n);
        if (!nul)
            return -1;
        char *value = strndup(body, (size_t)(nul - body));
        char *format = strndup(nul + 1, n - (size_t)(nul - body) - 1);
        Buf out = { 0 };
        office_format_number(value, format, value[0] & 1, &out);
        buf_free(&out);
        free(value);
        free(format);
        return 0;
    }
    Buf file = { 0 };
    Entry fuzzed = { NULL, body, n };
    if (mode == 0) {
        buf_add(&file, body, n);
    } else if (mode == 4) {
        fuzzed.name = "word/document.xml";
        Entry e[] = { PART("_rels/.rels", root_docx), fuzzed };
        zip_stored(&file, e, 2);
    } else {
        Entry e[] = { PART("_rels/.rels", root_xlsx), PART("xl/workbook.xml", workbook),
                      PART("xl/_rels/workbook.xml.rels", wb_rels), PART("xl/worksheets/sheet1.xml", sheet),
                      PART("xl/sharedStrings.xml", strings), PART("xl/styles.xml", styles) };
        int at = mode == 1 ? 3 : mode == 2 ? 4 : 5;
        fuzzed.name = e[at].name;
        e[at] = fuzzed;
        zip_stored(&file, e, 6);
    }
    Source src;
    src_from_string(&src, "fuzz.xlsx", file.s ? file.s : "", file.n);
    buf_free(&file);
    fuzz_import(&src, "fuzz-office");
    return 0;
}
