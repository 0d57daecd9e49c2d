/*
 * escape.c — text put into the languages pgc writes: JSON, HTML and
 * Markdown.  One function for each, used by every writer (the reports,
 * the rendered 申报表, the diagnostics as JSON), so a name with a quote or a
 * bracket in it comes out the same way everywhere.
 *
 *   JSON      RFC 8259 strings: " and \ escaped, control characters as
 *             \n, \t or \u00XX, DEL as \u007f, and a byte that is not
 *             UTF-8 as U+FFFD (\ufffd): the document stays valid.
 *   HTML      & < > " and ' as entities: safe in text and in attributes.
 *   Markdown  a backslash before each ASCII punctuation mark a renderer
 *             might read (\ ` * _ [ ] < > | # ! ~ &), line breaks as
 *             spaces: a table cell stays one cell on one line.
 */
#include "rt.h"

#include <string.h>

void esc_json(Buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_add(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = utf8_decode(s + i, n - i, &cp);
        if (l == 0) {
            buf_str(b, "\\ufffd");
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\')
            buf_printf(b, "\\%c", (char)cp);
        else if (cp == '\n')
            buf_str(b, "\\n");
        else if (cp == '\t')
            buf_str(b, "\\t");
        else if (cp < 0x20 || cp == 0x7F)
            buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            buf_add(b, s + i, (size_t)l);
        i += (size_t)l;
    }
    buf_add(b, "\"", 1);
}

void esc_html(Buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_str(b, "&amp;"); break;
        case '<': buf_str(b, "&lt;"); break;
        case '>': buf_str(b, "&gt;"); break;
        case '"': buf_str(b, "&quot;"); break;
        case '\'': buf_str(b, "&#39;"); break;
        default: buf_add(b, s, 1);
        }
    }
}

void esc_xml(Buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            continue;       /* not allowed in XML 1.0, even escaped */
        char c[2] = { *p, 0 };
        esc_html(b, c);
    }
}

void esc_md(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\r' && s[1] == '\n')
            continue;
        if (strchr("\\`*_[]<>|#!~&", *s))
            buf_add(b, "\\", 1);
        buf_add(b, *s == '\t' || *s == '\r' || *s == '\n' ? " " : s, 1);
    }
}
