/*
 * parse.c — the parser driver: scanner helpers, the token filter between
 * flex and bison, and syntax-error reporting.
 *
 * The token filter gives the line-oriented language its shape.  The
 * scanner returns a NEWLINE for every line end; the filter
 *   - drops it inside ( … ) and after a token that cannot end a statement
 *     (an operator, “{”, 如果, 则, 否则, a line end), so statements may be
 *     continued on the next line after an operator;
 *   - drops it before 否则, so an 如果 … 则 … may put 否则 on a new line;
 *   - folds runs of them into one.
 * It also keeps the stack of open braces with the indentation of their
 * lines: when a file ends with a “{” still open, the first line indented
 * as if its block had ended is where the missing “}” most likely belongs,
 * and that is where the error is reported.
 */
#include "parse.h"

#include <string.h>

#include "lexer.h"

/* ---- position tracking (called for every scanner match) ---------------- */

static bool is_blank_match(const char *t)
{
    unsigned char c = (unsigned char)t[0];
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '#' ||
           (c == 0xE3 && (unsigned char)t[1] == 0x80 && (unsigned char)t[2] == 0x80);
}

void lex_advance(Parser *p, const char *text, size_t len, Loc *loc)
{
    loc->line = p->line;
    loc->col = p->col;
    loc->off = p->off;
    loc->end = p->off + (uint32_t)len;
    if (text[0] != '\n' && !p->line_started) {
        if (is_blank_match(text) && text[0] != '#') {
            for (size_t i = 0; i < len; i++) {
                if (text[i] == '\t')
                    p->indent += 8 - p->indent % 8;
                else if (text[i] == ' ')
                    p->indent += 1;
                else if (text[i] == '\xE3')    /* U+3000, the ideographic space */
                    p->indent += 2;
            }
        } else if (text[0] != '#') {
            p->line_started = true;
            p->tok_first = true;
        }
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            p->line++;
            p->col = 1;
            p->indent = 0;
            p->line_started = false;
            i++;
        } else if (c < 0x80) {
            p->col++;
            i++;
        } else if (utf8_plain3(text + i, len - i)) {
            /* what most of a .pg file is, without decoding */
            p->col++;
            i += 3;
        } else {
            /* a character, or one invalid byte: a column each, as shown */
            uint32_t cp;
            int l = utf8_decode(text + i, len - i, &cp);
            p->col++;
            i += l ? (size_t)l : 1;
        }
    }
    p->off += (uint32_t)len;
}

/* ---- token values ------------------------------------------------------- */

int lex_ident(Parser *p, const char *text, size_t len, YYSTYPE *val)
{
    val->str = arena_strndup(p->arena, text, len);
    return IDENT;
}

/* The length of the invalid UTF-8 sequence at s (n > 0 bytes, not a
 * character): a lead byte with the continuation bytes it takes, or a run
 * of stray continuation bytes — and what is wrong with it. */
static size_t bad_utf8(const char *s, size_t n, const char **why)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    bool stray = c >= 0x80 && c <= 0xBF;
    size_t want = c >= 0xF0 && c <= 0xF7 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC0 && c <= 0xDF ? 1 : 0;
    size_t k = 1;
    while (k < n && (stray || k <= want) && (u[k] & 0xC0) == 0x80)
        k++;
    /* TRANSLATORS: what is wrong with invalid UTF-8 bytes: the last part
     * of "invalid UTF-8: bytes 0xE4 0xBD (a character cut short)". */
    if (stray)
        *why = k > 1 ? N_("continuation bytes without a lead byte") : N_("a continuation byte without a lead byte");
    else if (c >= 0xF8)
        *why = N_("a byte that never occurs in UTF-8");
    else if (k <= want)
        *why = N_("a character cut short");
    else if (c <= 0xC1 || (c == 0xE0 && u[1] < 0xA0) || (c == 0xF0 && u[1] < 0x90))
        *why = N_("an overlong form");
    else if (c == 0xED)
        *why = N_("a UTF-16 surrogate");
    else
        *why = N_("beyond U+10FFFF");
    return k;
}

/* Reports the invalid UTF-8 sequence at s (n bytes left), which starts at
 * loc; returns its length. */
static size_t report_bad_utf8(const char *s, size_t n, Loc loc)
{
    const char *why;
    size_t k = bad_utf8(s, n, &why);
    loc.end = loc.off + (uint32_t)k;
    char bytes[64] = "";
    for (size_t i = 0; i < k && i < 8; i++)
        snprintf(bytes + strlen(bytes), sizeof bytes - strlen(bytes), " 0x%02X", (unsigned)(unsigned char)s[i]);
    diag_emit(E0101, loc,
              /* TRANSLATORS: the bytes in hex (" 0xE4 0xBD", each with a
               * space before it), " …" when there are more, then what is
               * wrong with them. */
              ngettext("invalid UTF-8: byte%s%s (%s)", "invalid UTF-8: bytes%s%s (%s)", k),
              bytes, k > 8 ? " …" : "", _(why));
    diag_hint("save the file as UTF-8");
    return k;
}

/* Reports invalid UTF-8 and NUL bytes in [s, s+n), which starts at loc. */
static void check_utf8(const char *s, size_t n, Loc loc)
{
    uint32_t line = loc.line, col = loc.col;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = utf8_decode(s + i, n - i, &cp);
        Loc at = { line, col, loc.off + (uint32_t)i, loc.off + (uint32_t)i + 1 };
        if (len == 0) {
            size_t k = report_bad_utf8(s + i, n - i, at);
            i += k;
            col += (uint32_t)k;
            continue;
        } else if (cp == 0) {
            diag_emit(E0105, at, "NUL byte in the text");
        }
        i += (size_t)len;
        col++;
    }
}

int lex_string(Parser *p, const char *text, size_t len, bool curly, Loc loc, YYSTYPE *val)
{
    size_t open = curly ? 3 : 1;            /* “ is three bytes */
    size_t close = 0;
    if (curly && len >= 6 && memcmp(text + len - 3, "”", 3) == 0)
        close = 3;
    else if (!curly && len >= 2 && text[len - 1] == '"')
        close = 1;
    const char *s = text + open;
    size_t n = len - open - close;
    Loc inner = loc;
    inner.off += (uint32_t)open;
    inner.col += 1;
    check_utf8(s, n, inner);
    char *out = arena_alloc(p->arena, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (!curly && s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        *o++ = s[i];
    }
    *o = 0;
    val->str = out;
    return STRING;
}

int lex_number(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val)
{
    (void)p;
    DecStatus st = dec_parse(text, len, &val->num);
    if (st != DEC_OK) {
        diag_emit(E0104, loc, "number out of range: %s", dec_status_str(st));
        val->num = dec_from_int(0);
    }
    return NUMBER;
}

/* 1e400, 1.5E+07: no number of the language, but what a spreadsheet
 * shows for a big one.  One clear error instead of a unit “e400”. */
int lex_exponent(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val)
{
    (void)p;
    diag_emit(E0104, loc, "a number with an exponent: %.*s", (int)(len > 40 ? 40 : len), text);
    diag_hint("write the number out in full, e.g. 15000000 for 1.5E+07");
    val->num = dec_from_int(0);
    return NUMBER;
}

/* Reads the next run of digits (ASCII or full-width) at *s. */
static int read_digits(const char **s, const char *end)
{
    int v = 0;
    while (*s < end) {
        unsigned char c = (unsigned char)**s;
        if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            *s += 1;
        } else if (c == 0xEF && *s + 2 < end && (unsigned char)(*s)[1] == 0xBC &&
                   (unsigned char)(*s)[2] >= 0x90 && (unsigned char)(*s)[2] <= 0x99) {
            v = v * 10 + ((unsigned char)(*s)[2] - 0x90);
            *s += 3;
        } else {
            break;
        }
        if (v > 100000)
            v = 100000;
    }
    return v;
}

static bool skip_digits(const char **s, const char *end)
{
    while (*s < end) {
        unsigned char c = (unsigned char)**s;
        if (c >= '0' && c <= '9')
            return true;
        if (c == 0xEF && *s + 2 < end && (unsigned char)(*s)[1] == 0xBC &&
            (unsigned char)(*s)[2] >= 0x90 && (unsigned char)(*s)[2] <= 0x99)
            return true;
        *s += 1;
    }
    return false;
}

int lex_date(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val)
{
    (void)p;
    const char *s = text, *end = text + len;
    int f[3] = { 0, 0, 0 }, n = 0;
    while (n < 3 && skip_digits(&s, end))
        f[n++] = read_digits(&s, end);
    Date d = { f[0], f[1], n == 3 ? f[2] : 0 };
    if (d.month < 1 || d.month > 12) {
        diag_emit(E0106, loc, "no month %d in a date", d.month);
        d.month = 1;
    } else if (n == 3 && (d.day < 1 || d.day > val_days_in_month(d.year, d.month))) {
        diag_emit(E0106, loc, "no day %d in %d-%02d", d.day, d.year, d.month);
        d.day = 1;
    }
    val->date = d;
    return DATE;
}

void lex_comment(Parser *p, Loc loc)
{
    check_utf8(p->src->text + loc.off, loc.end - loc.off, loc);
    Comment *c = arena_alloc(p->arena, sizeof *c);
    c->loc = loc;
    c->own_line = !p->line_started;
    *p->comment_tail = c;
    p->comment_tail = &c->next;
}

void lex_bad_char(Parser *p, const char *text, size_t len, Loc loc)
{
    (void)p;
    uint32_t cp;
    if (len == 1 && text[0] == 0) {
        diag_emit(E0105, loc, "NUL byte in the text");
        diag_hint("is this a binary file?");
        return;
    }
    if (utf8_decode(text, len, &cp) == 0) {
        report_bad_utf8(text, len, loc);
        return;
    }
    char ch[8];
    if (cp < 0x20 || cp == 0x7F)
        snprintf(ch, sizeof ch, "?");
    else
        utf8_encode(cp, ch);
    diag_emit(E0102, loc, "unexpected character “%s” (U+%04X)", ch, (unsigned)cp);
    if (cp == '\'' || cp == 0x2018 || cp == 0x2019)
        diag_hint("strings are written \"…\" or “…”");
    else if (cp == 0x3010 || cp == 0x3011 || cp == '[' || cp == ']' || cp == 0xFF3B || cp == 0xFF3D)
        diag_hint("a name with brackets must be written as a string: \"…\"");
    else if (cp == 0x201D)
        diag_hint("a closing ” without an opening “");
    else if (cp == 0xFEFF)
        diag_hint("an invisible byte order mark (BOM), as when files saved with one are joined; delete it");
}

/* A CR not followed by LF: the line ends of the classic Mac OS, which
 * pgc does not count as lines.  Reported once; it still ends the
 * statement, so the rest is not read as one long line. */
void lex_lone_cr(Parser *p, Loc loc)
{
    if (p->lone_cr)
        return;
    p->lone_cr = true;
    diag_emit(E0102, loc, "a carriage return (CR) without a line feed");
    diag_hint("line ends are LF or CR LF: save the file with either");
}

void lex_unterminated(Parser *p, Loc loc)
{
    (void)p;
    diag_emit(E0103, loc, "string not closed before the end of the line");
    diag_hint("strings may not span lines; close it with the same kind of quote");
}

/* ---- the token filter ---------------------------------------------------- */

/* Tokens after which a line end does not end the statement. */
static bool continues(int tok)
{
    switch (tok) {
    case YYEMPTY: case NEWLINE: case LBRACE: case LPAREN: case COMMA: case COLON:
    case EQ: case GE: case LE: case GT: case LT:
    case STAR: case SLASH: case MINUS: case PLUS:
    case KW_IF: case KW_THEN: case KW_ELSE: case KW_AND: case KW_OR:
        return true;
    default:
        return false;
    }
}

static void raw(Parser *p, Tok *t)
{
    p->tok_first = false;
    t->tok = pgl_lex(&t->val, &t->loc, p->scanner);
    t->first = p->tok_first;
    t->indent = p->indent;
    if (t->tok == END)
        t->loc = (Loc){ p->line, p->col, p->off, p->off };
}

static void track_braces(Parser *p, const Tok *t)
{
    if (t->first && t->tok != RBRACE && p->nbraces > 0 && !p->have_suspect &&
        t->indent <= p->braces[p->nbraces - 1].indent) {
        p->have_suspect = true;
        p->suspect = t->loc;
        p->suspect_open = p->braces[p->nbraces - 1].loc;
    }
    if (t->tok == LBRACE) {
        p->braces = arena_grow(p->arena, p->braces, p->nbraces, &p->cap_braces, sizeof *p->braces);
        p->braces[p->nbraces++] = (OpenBrace){ t->loc, p->line_indent };
    } else if (t->tok == RBRACE && p->nbraces > 0) {
        p->nbraces--;
    }
    /* Parentheses only group rule expressions: outside a 规则 a stray “(”
     * must not join the following lines into one statement. */
    if (t->tok == KW_RULE) {
        p->in_rule = true;
        p->paren = 0;
    } else if (t->tok == NEWLINE || t->tok == LBRACE || t->tok == RBRACE || t->tok == KW_INDICATOR) {
        p->in_rule = false;
        p->paren = 0;
    } else if (t->tok == LPAREN && p->in_rule) {
        p->paren++;
    } else if (t->tok == RPAREN && p->paren > 0) {
        p->paren--;
    }
}

int yylex(YYSTYPE *val, YYLTYPE *loc, Parser *p)
{
    Tok t;
    for (;;) {
        if (p->have_next) {
            t = p->next;
            p->have_next = false;
        } else {
            raw(p, &t);
        }
        if (diag_too_many()) {
            t.tok = END;
            break;
        }
        if (t.tok != NEWLINE)
            break;
        if (p->paren > 0 || continues(p->last))
            continue;
        Tok n;
        do
            raw(p, &n);
        while (n.tok == NEWLINE);
        if (n.tok == KW_ELSE) {
            t = n;
            break;
        }
        p->next = n;
        p->have_next = true;
        break;
    }
    if (t.first)
        p->line_indent = t.indent;
    track_braces(p, &t);
    p->last = t.tok;
    *val = t.val;
    *loc = t.loc;
    return t.tok;
}

void yyerror(YYLTYPE *loc, Parser *p, const char *msg)
{
    p->syntax_errors++;
    if (strstr(msg, "exhausted"))
        diag_emit(E0202, *loc, "nesting too deep for the parser");
    else
        diag_emit(E0201, *loc, "%s", msg);
}

/* ---- entry points ------------------------------------------------------- */

static void parser_init(Parser *p, const Source *src, Arena *arena, File *out)
{
    memset(p, 0, sizeof *p);
    memset(out, 0, sizeof *out);
    p->src = src;
    p->arena = arena;
    p->file = out;
    out->src = src;
    p->decl_tail = &out->decls;
    p->comment_tail = &out->comments;
    p->line = p->col = 1;
    p->last = YYEMPTY;
    if (pgl_lex_init_extra(p, (yyscan_t *)&p->scanner) != 0)
        pgc_die("cannot create the scanner");
    /* The source keeps two NULs after its text, as yy_scan_buffer wants.
     * flex writes a NUL after each token while it works; lex_restore puts
     * the byte back when parsing ends. */
    if (!pgl__scan_buffer(src->text, src->len + 2, p->scanner))
        pgc_die("cannot set up the scanner buffer");
}

bool parse_file(const Source *src, Arena *arena, File *out)
{
    Parser p;
    if (!text_check(src, TEXT_PG, NULL, NULL)) {
        /* UTF-16: one error (text.c's), not one for every other byte */
        memset(out, 0, sizeof *out);
        out->src = src;
        out->had_errors = true;
        return false;
    }
    parser_init(&p, src, arena, out);
    int before = diag_file_errors();
    int rc = yyparse(&p);
    lex_restore(p.scanner);
    pgl_lex_destroy(p.scanner);
    out->had_errors = rc != 0 || p.syntax_errors > 0 || diag_file_errors() > before;
    return !out->had_errors;
}

void parse_dump_tokens(const Source *src, Arena *arena, FILE *out)
{
    Parser p;
    File f;
    parser_init(&p, src, arena, &f);
    for (;;) {
        YYSTYPE v;
        Loc l;
        int tok = yylex(&v, &l, &p);
        char tmp[64];
        fprintf(out, "%u:%u %s", (unsigned)l.line, (unsigned)l.col,
                parse_token_name(tok, tmp, sizeof tmp));
        if (tok == IDENT || tok == STRING)
            fprintf(out, " %s", v.str);
        else if (tok == NUMBER) {
            char b[DEC_BUF];
            fprintf(out, " %s", dec_format(v.num, false, b));
        } else if (tok == DATE && v.date.day) {
            fprintf(out, " %04d-%02d-%02d", v.date.year, v.date.month, v.date.day);
        } else if (tok == DATE) {
            fprintf(out, " %04d-%02d", v.date.year, v.date.month);
        }
        fputc('\n', out);
        if (tok == END)
            break;
    }
    pgl_lex_destroy(p.scanner);
}

void parse_tokens(const Source *src, Arena *arena, ParseTokenFn fn, void *ctx)
{
    Parser p;
    File f;
    if (!text_check(src, TEXT_PG, NULL, NULL))
        return;
    parser_init(&p, src, arena, &f);
    for (;;) {
        YYSTYPE v;
        Loc l;
        int tok = yylex(&v, &l, &p);
        if (tok == END)
            break;
        if (tok >= KW_PROJECT && tok <= KW_OR)
            fn(ctx, TC_KEYWORD, l);
        else if (tok == IDENT)
            fn(ctx, TC_NAME, l);
        else if (tok == STRING)
            fn(ctx, TC_STRING, l);
        else if (tok == NUMBER)
            fn(ctx, TC_NUMBER, l);
        else if (tok == DATE)
            fn(ctx, TC_DATE, l);
        else if ((tok >= EQ && tok <= PERCENT) || (tok >= STAR && tok <= PLUS))
            fn(ctx, TC_OPERATOR, l);
    }
    lex_restore(p.scanner);
    pgl_lex_destroy(p.scanner);
    for (const Comment *c = f.comments; c; c = c->next)
        fn(ctx, TC_COMMENT, c->loc);
}
