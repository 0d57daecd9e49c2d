/*
 * parse.h — shared by the scanner (grammar/pgc.l), the grammar
 * (grammar/pgc.y) and their driver (parse.c); nothing else includes it.
 */
#ifndef PGC_PARSE_H
#define PGC_PARSE_H

#include "pgc.h"

typedef struct Parser Parser;
#include "parser.h"         /* bison's tokens, YYSTYPE */

/* An open “{” and the indentation of the line it stands on: used to guess
 * which brace was left open when the file ends too early. */
typedef struct OpenBrace {
    Loc loc;
    int indent;
} OpenBrace;

/* A token as the filter in parse.c sees it. */
typedef struct Tok {
    int tok;
    YYSTYPE val;
    Loc loc;
    bool first;                 /* first token on its line */
    int indent;                 /* that line's indentation */
} Tok;

struct Parser {
    const Source *src;
    Arena *arena;
    void *scanner;              /* the flex scanner (yyscan_t) */
    File *file;
    Decl **decl_tail;           /* where the next declaration goes */
    Comment **comment_tail;

    /* Scanner position: the next byte to scan. */
    uint32_t line, col, off;
    int indent;                 /* display columns before the line's first token */
    bool line_started;          /* a token has been seen on this line */
    bool tok_first;             /* the last match was the line's first token */
    int line_indent;            /* indentation of the current token's line */

    /* The token filter between scanner and parser (parse.c). */
    int paren;                  /* open ( … ) inside a 规则 */
    bool in_rule;               /* between 规则 and the end of its statement */
    int last;                   /* the last token handed to the parser */
    bool have_next;             /* a token read ahead */
    Tok next;

    OpenBrace *braces;          /* the stack of open braces */
    int nbraces, cap_braces;
    Loc suspect;                /* first line indented as if a block had ended */
    Loc suspect_open;           /* the brace that block opened with */
    bool have_suspect;

    int syntax_errors;
    bool lone_cr;               /* a CR without LF has been reported */
};

/* The token filter that bison calls (parse.c).  Not declared inside the
 * scanner, where flex renames yylex. */
#ifndef FLEX_SCANNER
int yylex(YYSTYPE *val, YYLTYPE *loc, Parser *p);
#endif

/* Called by the scanner's actions (parse.c). */
void lex_advance(Parser *p, const char *text, size_t len, Loc *loc);
int lex_ident(Parser *p, const char *text, size_t len, YYSTYPE *val);
int lex_string(Parser *p, const char *text, size_t len, bool curly, Loc loc, YYSTYPE *val);
int lex_number(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val);
int lex_exponent(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val);
int lex_date(Parser *p, const char *text, size_t len, Loc loc, YYSTYPE *val);
void lex_comment(Parser *p, Loc loc);
void lex_bad_char(Parser *p, const char *text, size_t len, Loc loc);
void lex_unterminated(Parser *p, Loc loc);
void lex_lone_cr(Parser *p, Loc loc);

/* Undoes flex's temporary write into the source buffer (grammar/pgc.l). */
void lex_restore(void *scanner);

/* How a token is named in messages and dumps (grammar/pgc.y). */
const char *parse_token_name(int tok, char *buf, size_t n);

/* Grammar-action helpers (ast.c): they build nodes and nothing else. */
Stmt *ast_stmt(Parser *p, StmtKind kind, Loc loc);
Expr *ast_expr(Parser *p, ExprKind kind, Loc loc, Expr *a, Expr *b, Expr *c);
Attr *ast_attr(Parser *p, AttrKind kind, Loc loc);
Decl *ast_decl(Parser *p, DeclKind kind, Loc loc);

#endif
