/*
 * pgc.y — the grammar of .pg files.
 *
 * The language is line-oriented: a statement ends at a line end (the
 * token filter in src/parse.c turns line ends into NEWLINE only where one
 * can end a statement, and folds runs of them).  Every block uses the same
 * four statement forms, so the grammar stays small; what a statement means
 * in its block (a header field, a 一级 category, a weight) is decided by
 * the checker, which can name the field and suggest a spelling.
 *
 * Actions only build nodes.  Error recovery is at the statement: a broken
 * line is reported and skipped, and parsing goes on, so one run reports all
 * of a file's errors.  Token aliases are the Chinese spellings, so a
 * message says 期望 “指标”.
 */
%require "3.8"
%define api.pure full
%define api.location.type {Loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {Parser *p}

%code requires {
#include "pgc.h"
typedef struct Parser Parser;
}

%code provides {
void yyerror(YYLTYPE *loc, Parser *p, const char *msg);
}

%code {
#include "parse.h"

#include <string.h>

/* A span from the first to the last symbol of a rule; an empty rule sits
 * at the end of the symbol before it. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                    \
    do {                                                               \
        if (N) {                                                       \
            (Cur) = YYRHSLOC(Rhs, 1);                                  \
            (Cur).end = YYRHSLOC(Rhs, N).end;                          \
        } else {                                                       \
            (Cur) = YYRHSLOC(Rhs, 0);                                  \
            (Cur).off = (Cur).end;                                     \
        }                                                              \
    } while (0)

/* Deep nesting ends in a diagnostic, not in a crash or a huge stack. */
#define YYMAXDEPTH 3000
}

%union {
    const char *str;
    Decimal num;
    Date date;
    Op op;
    Value val;
    Attr *attr;
    struct { Attr *head, *tail; } attrs;
    Stmt *stmt;
    struct { Stmt *head, *tail; } stmts;
    Decl *decl;
    DeclKind dkind;
    Expr *expr;
    struct { Expr *head, *tail; } args;
    struct { Op op; Loc op_loc; Value val; } tgt;
}

%token END 0               "文件结尾"
%token <str>  IDENT        "名称"
%token <str>  STRING       "字符串"
%token <num>  NUMBER       "数字"
%token <date> DATE         "日期"
%token NEWLINE             "换行"
%token KW_PROJECT "项目" KW_ACTUAL "实际" KW_SCHEME "评分方案" KW_MONITOR "监控方案" KW_SCALE "等级"
%token KW_ORDINAL "序列" KW_UNITS "单位" KW_CATEGORY "类别" KW_NAMING "命名"
%token KW_USE "使用" KW_INDICATOR "指标" KW_RULE "规则" KW_WEIGHT "分值"
%token KW_SCORE "得分" KW_REASON "偏差原因" KW_FORECAST "预计" KW_LIKELY "可能性" KW_MONITORING "监控" KW_POS "正向" KW_NEG "反向"
%token KW_IF "如果" KW_THEN "则" KW_ELSE "否则" KW_AND "且" KW_OR "或"
%token EQ "=" GE "≥" LE "≤" GT ">" LT "<" PERCENT "%"
%token LPAREN "(" RPAREN ")" LBRACE "{" RBRACE "}" COMMA "," COLON ":"
%token STAR "×" SLASH "÷" MINUS "-" PLUS "+"

%type <str> name rule_name
%type <op> op
%type <val> value
%type <tgt> target
%type <attr> attr
%type <attrs> attrs
%type <stmt> stmt block
%type <stmts> stmts stmt_seq
%type <decl> decl
%type <dkind> decl_kw
%type <expr> expr primary
%type <args> args arg_seq

%precedence KW_ELSE
%left KW_OR
%left KW_AND
%nonassoc EQ GE LE GT LT
%left PLUS MINUS
%left STAR SLASH
%precedence UMINUS

%%

/* file: [decl {换行 decl}] [换行] */
file
    : %empty
    | decl_seq
    | decl_seq NEWLINE
    ;

decl_seq
    : decl                      { if ($1) { *p->decl_tail = $1; p->decl_tail = &$1->next; } }
    | decl_seq NEWLINE { yyerrok; } decl
                                { if ($4) { *p->decl_tail = $4; p->decl_tail = &$4->next; } }
    | decl_seq error
    ;

/* decl: 项目 名称 { … } | 单位 { … } | 使用 名称 | … */
decl
    : decl_kw name block        { $$ = ast_decl(p, $1, @1); $$->name = $2; $$->name_loc = @2;
                                  $$->body = $3; $$->loc.end = @3.end; }
    | KW_UNITS block            { $$ = ast_decl(p, D_UNITS, @1); $$->body = $2; $$->loc.end = @2.end; }
    | KW_USE name               { $$ = ast_decl(p, D_USE, @1); $$->name = $2; $$->name_loc = @2;
                                  $$->loc.end = @2.end; }
    | error                     { $$ = NULL; }
    ;

decl_kw
    : KW_PROJECT                { $$ = D_PROJECT; }
    | KW_ACTUAL                 { $$ = D_ACTUAL; }
    | KW_MONITORING             { $$ = D_MONITORING; }
    | KW_SCHEME                 { $$ = D_SCHEME; }
    | KW_MONITOR                { $$ = D_MONITOR; }
    | KW_SCALE                  { $$ = D_SCALE; }
    | KW_ORDINAL                { $$ = D_ORDINAL; }
    | KW_CATEGORY               { $$ = D_CATEGORY; }
    | KW_NAMING                 { $$ = D_NAMING; }
    ;

name
    : IDENT
    | STRING
    ;

/* block: { [stmt {换行 stmt}] [换行] } — the value is the first statement */
block
    : LBRACE stmts RBRACE       { $$ = $2.head; }
    ;

stmts
    : %empty                    { $$.head = $$.tail = NULL; }
    | stmt_seq
    | stmt_seq NEWLINE
    ;

/* Error recovery: a broken statement becomes `stmt: error`, skipped to the
 * end of its line.  An error the parser only notices after reducing a
 * statement (a stray token at the end of a line) is caught by `stmt_seq
 * error`, which keeps the statements before it.  Neither calls yyerrok —
 * bison then drops tokens until one fits, so recovery always moves on —
 * but every line end shifted does, so the next line's error is reported
 * even if fewer than three tokens came between. */
stmt_seq
    : stmt                      { $$.head = $$.tail = $1; }
    | stmt_seq NEWLINE { yyerrok; } stmt
                                { $$ = $1;
                                  if ($4) { if ($$.tail) $$.tail->next = $4; else $$.head = $4; $$.tail = $4; } }
    | stmt_seq error            { $$ = $1; }
    ;

/* stmt: 名称 [:] [运算符] [值] [属性…]
 *     | 名称 { … }
 *     | 指标 名称 [:] [运算符] 值 [属性…]
 *     | 规则 名称 = 表达式 */
stmt
    : name colon_opt target attrs
                                { $$ = ast_stmt(p, S_ENTRY, @$); $$->name = $1; $$->name_loc = @1;
                                  $$->op = $3.op; $$->op_loc = $3.op_loc;
                                  $$->val = $3.val; $$->attrs = $4.head; }
    | name block                { $$ = ast_stmt(p, S_GROUP, @$); $$->name = $1; $$->name_loc = @1;
                                  $$->body = $2; }
    | KW_INDICATOR name colon_opt target attrs
                                { $$ = ast_stmt(p, S_INDICATOR, @$); $$->name = $2; $$->name_loc = @2;
                                  $$->op = $4.op; $$->op_loc = $4.op_loc;
                                  $$->val = $4.val; $$->attrs = $5.head; }
    | KW_RULE rule_name EQ expr { $$ = ast_stmt(p, S_RULE, @$); $$->name = $2; $$->name_loc = @2;
                                  $$->expr = $4; }
    | error                     { $$ = NULL; }
    ;

colon_opt
    : %empty
    | COLON
    ;

/* target: [运算符] [值] */
target
    : %empty                    { $$.op = OP_NONE; $$.op_loc = @$; $$.val = (Value){ .kind = V_NONE, .loc = @$ }; }
    | value                     { $$.op = OP_NONE; $$.op_loc = @$; $$.op_loc.end = $$.op_loc.off; $$.val = $1; }
    | op value                  { $$.op = $1; $$.op_loc = @1; $$.val = $2; }
    ;

op
    : EQ                        { $$ = OP_EQ; }
    | GE                        { $$ = OP_GE; }
    | LE                        { $$ = OP_LE; }
    | GT                        { $$ = OP_GT; }
    | LT                        { $$ = OP_LT; }
    ;

/* value: 数字 [单位] | - 数字 [单位] | 日期 | 名称 | 字符串 */
value
    : NUMBER                    { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $1 }; }
    | NUMBER PERCENT            { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $1, .unit = "%", .unit_loc = @2 }; }
    | NUMBER IDENT              { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $1, .unit = $2, .unit_loc = @2 }; }
    | MINUS NUMBER              { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $2 }; $$.num.v = -$$.num.v; }
    | MINUS NUMBER PERCENT      { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $2, .unit = "%", .unit_loc = @3 };
                                  $$.num.v = -$$.num.v; }
    | MINUS NUMBER IDENT        { $$ = (Value){ .kind = V_NUMBER, .loc = @$, .num = $2, .unit = $3, .unit_loc = @3 };
                                  $$.num.v = -$$.num.v; }
    | DATE                      { $$ = (Value){ .kind = V_DATE, .loc = @$, .date = $1 }; }
    | IDENT                     { $$ = (Value){ .kind = V_WORD, .loc = @$, .text = $1 }; }
    | STRING                    { $$ = (Value){ .kind = V_STRING, .loc = @$, .text = $1 }; }
    ;

attrs
    : %empty                    { $$.head = $$.tail = NULL; }
    | attrs attr                { $$ = $1; if ($$.tail) $$.tail->next = $2; else $$.head = $2; $$.tail = $2; }
    ;

/* attr: 分值 数字 | 得分 数字 | 偏差原因 字符串 | 预计 值 | 可能性 名称 | 正向 | 反向 */
attr
    : KW_WEIGHT NUMBER          { $$ = ast_attr(p, A_WEIGHT, @$); $$->val = (Value){ .kind = V_NUMBER, .loc = @2, .num = $2 }; }
    | KW_SCORE NUMBER           { $$ = ast_attr(p, A_SCORE, @$); $$->val = (Value){ .kind = V_NUMBER, .loc = @2, .num = $2 }; }
    | KW_REASON STRING          { $$ = ast_attr(p, A_REASON, @$); $$->val = (Value){ .kind = V_STRING, .loc = @2, .text = $2 }; }
    | KW_FORECAST value         { $$ = ast_attr(p, A_FORECAST, @$); $$->val = $2; }
    | KW_LIKELY IDENT           { $$ = ast_attr(p, A_LIKELY, @$); $$->val = (Value){ .kind = V_WORD, .loc = @2, .text = $2 }; }
    | KW_POS                    { $$ = ast_attr(p, A_POSITIVE, @$); }
    | KW_NEG                    { $$ = ast_attr(p, A_NEGATIVE, @$); }
    ;

rule_name
    : IDENT
    | KW_POS                    { $$ = "正向"; }
    | KW_NEG                    { $$ = "反向"; }
    ;

/* Scoring-rule expressions, lowest precedence first:
 *   如果 … 则 … 否则 …;  或;  且;  = ≥ ≤ > <;  + -;  × ÷;  unary -. */
expr
    : KW_IF expr KW_THEN expr KW_ELSE expr
                                { $$ = ast_expr(p, E_IF, @$, $2, $4, $6); }
    | expr KW_OR expr           { $$ = ast_expr(p, E_OR, @$, $1, $3, NULL); }
    | expr KW_AND expr          { $$ = ast_expr(p, E_AND, @$, $1, $3, NULL); }
    | expr EQ expr              { $$ = ast_expr(p, E_EQ, @$, $1, $3, NULL); }
    | expr GE expr              { $$ = ast_expr(p, E_GE, @$, $1, $3, NULL); }
    | expr LE expr              { $$ = ast_expr(p, E_LE, @$, $1, $3, NULL); }
    | expr GT expr              { $$ = ast_expr(p, E_GT, @$, $1, $3, NULL); }
    | expr LT expr              { $$ = ast_expr(p, E_LT, @$, $1, $3, NULL); }
    | expr PLUS expr            { $$ = ast_expr(p, E_ADD, @$, $1, $3, NULL); }
    | expr MINUS expr           { $$ = ast_expr(p, E_SUB, @$, $1, $3, NULL); }
    | expr STAR expr            { $$ = ast_expr(p, E_MUL, @$, $1, $3, NULL); }
    | expr SLASH expr           { $$ = ast_expr(p, E_DIV, @$, $1, $3, NULL); }
    | MINUS expr %prec UMINUS   { $$ = ast_expr(p, E_NEG, @$, $2, NULL, NULL); }
    | primary
    ;

primary
    : NUMBER                    { $$ = ast_expr(p, E_NUM, @$, NULL, NULL, NULL); $$->num = $1; }
    | NUMBER PERCENT            { $$ = ast_expr(p, E_NUM, @$, NULL, NULL, NULL);
                                  $$->num = $1; $$->num.scale += 2; }
    | IDENT                     { $$ = ast_expr(p, E_REF, @$, NULL, NULL, NULL); $$->name = $1; }
    | KW_ACTUAL                 { $$ = ast_expr(p, E_REF, @$, NULL, NULL, NULL); $$->name = "实际"; }
    | KW_WEIGHT                 { $$ = ast_expr(p, E_REF, @$, NULL, NULL, NULL); $$->name = "分值"; }
    | KW_SCORE                  { $$ = ast_expr(p, E_REF, @$, NULL, NULL, NULL); $$->name = "得分"; }
    | IDENT LPAREN args RPAREN  { $$ = ast_expr(p, E_CALL, @$, $3.head, NULL, NULL); $$->name = $1; }
    | LPAREN expr RPAREN        { $$ = $2; }
    ;

args
    : %empty                    { $$.head = $$.tail = NULL; }
    | arg_seq
    ;

arg_seq
    : expr                      { $$.head = $$.tail = $1; }
    | arg_seq COMMA expr        { $$ = $1; $$.tail->next = $3; $$.tail = $3; }
    ;

%%

/* ---- syntax errors (here because yypcontext_t is private to this file) -------------------------------------------------------- */

/* How a token is named in a message: “指标” for keywords and operators,
 * a word for the token classes (with an article in lists of what was
 * expected).  tr: in the user's language (a message), else English (the
 * token dump). */
static const char *token_desc(yysymbol_kind_t sym, bool article, bool tr, char *buf, size_t n)
{
    const char *word;
    switch (sym) {
    /* TRANSLATORS: the token classes as a syntax error lists what was
     * expected: "unexpected “}”, expected a name or a string". */
    case YYSYMBOL_IDENT: word = article ? N_("a name") : "name"; break;
    case YYSYMBOL_STRING: word = article ? N_("a string") : "string"; break;
    case YYSYMBOL_NUMBER: word = article ? N_("a number") : "number"; break;
    case YYSYMBOL_DATE: word = article ? N_("a date") : "date"; break;
    /* TRANSLATORS: a token in a syntax error: "unexpected end of line,
     * expected “{”". */
    case YYSYMBOL_NEWLINE: word = N_("end of line"); break;
    case YYSYMBOL_YYEOF: word = N_("end of file"); break;
    default: {
        const char *s = yysymbol_name(sym);
        size_t len = strlen(s);
        if (len >= 2 && s[0] == '"') {
            s++;
            len -= 2;
        }
        snprintf(buf, n, "“%.*s”", (int)len, s);
        return buf;
    }
    }
    return tr ? _(word) : word;
}

/* The unexpected token, quoting its text where that helps. */
static void unexpected_desc(Parser *p, yysymbol_kind_t sym, Loc loc, char *buf, size_t n)
{
    if (sym == YYSYMBOL_IDENT || sym == YYSYMBOL_NUMBER || sym == YYSYMBOL_STRING ||
        sym == YYSYMBOL_DATE) {
        const char *s = p->src->text + loc.off;
        size_t len = loc.end - loc.off, cut = len;
        /* at most 24 code points, cut on a character boundary */
        size_t k = 0, i = 0;
        while (i < len && k < 24) {
            uint32_t cp;
            int l = utf8_decode(s + i, len - i, &cp);
            i += l ? (size_t)l : 1;
            k++;
        }
        cut = i;
        const char *more = cut < len ? "…" : "";
        /* TRANSLATORS: the unexpected token of a syntax error, with its
         * text: "unexpected name “主管部分”, expected …".  The text is
         * cut short after %.*s, where %s is then “…”. */
        switch (sym) {
        case YYSYMBOL_IDENT: snprintf(buf, n, _("name “%.*s%s”"), (int)cut, s, more); break;
        case YYSYMBOL_NUMBER: snprintf(buf, n, _("number “%.*s%s”"), (int)cut, s, more); break;
        case YYSYMBOL_STRING: snprintf(buf, n, _("string “%.*s%s”"), (int)cut, s, more); break;
        default: snprintf(buf, n, _("date “%.*s%s”"), (int)cut, s, more); break;
        }
    } else {
        char tmp[64];
        snprintf(buf, n, "%s", token_desc(sym, false, true, tmp, sizeof tmp));
    }
}

static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *p)
{
    p->syntax_errors++;
    yysymbol_kind_t got = yypcontext_token(ctx);
    Loc loc = *yypcontext_location(ctx);
    if (got == YYSYMBOL_YYEOF && p->nbraces > 0) {
        Loc open = p->braces[p->nbraces - 1].loc;
        if (p->have_suspect) {
            loc = p->suspect;
            loc.end = loc.off;
            open = p->suspect_open;
        }
        diag_emit(E0201, loc, "a “}” is missing: the block opened on line %u is not closed",
                  (unsigned)open.line);
        if (p->have_suspect)
            diag_hint("this line is indented like the line of that “{”; close the block above it");
        diag_note(open, "the block opened here");
        return 0;
    }
    /* At most MAXEXP - 1 expected tokens are listed, else none.  预计 and
     * 可能性, which only a 监控 block's line takes, are left out: after an
     * indicator's target they would lengthen every list for a rare block. */
    enum { MAXEXP = 8 };
    yysymbol_kind_t all[MAXEXP + 2], exp[MAXEXP + 2];
    int nall = yypcontext_expected_tokens(ctx, all, MAXEXP + 2), n = 0;
    for (int i = 0; i < nall; i++)
        if (all[i] != YYSYMBOL_KW_FORECAST && all[i] != YYSYMBOL_KW_LIKELY)
            exp[n++] = all[i];
    if (nall == 0)
        n = 0;
    char what[160];
    unexpected_desc(p, got, loc, what, sizeof what);
    char list[512] = "";
    if (n > 0 && n < MAXEXP) {
        for (int i = 0; i < n; i++) {
            char tmp[64], prev[sizeof list];
            const char *item = token_desc(exp[i], true, true, tmp, sizeof tmp);
            int len;
            memcpy(prev, list, sizeof list);
            if (i == 0)
                len = snprintf(list, sizeof list, "%s", item);
            else if (i < n - 1)
                /* TRANSLATORS: joins the tokens a syntax error expected:
                 * "“=”, “≥”, a number or a name" is built as
                 * (("“=”" ", " "“≥”") ", " "a number") " or " "a name". */
                len = snprintf(list, sizeof list, _("%s, %s"), prev, item);
            else
                /* TRANSLATORS: joins the last of the tokens a syntax error
                 * expected to the others (see "%s, %s"). */
                len = snprintf(list, sizeof list, _("%s or %s"), prev, item);
            if (len < 0 || (size_t)len >= sizeof list)
                break;
        }
    }
    if (got == YYSYMBOL_NEWLINE) {
        /* point at the end of the line, not at the next one */
        loc.end = loc.off;
    }
    if (list[0])
        diag_emit(E0201, loc, "unexpected %s, expected %s", what, list);
    else
        diag_emit(E0201, loc, "unexpected %s", what);
    if (n > 0 && n < MAXEXP && exp[0] == YYSYMBOL_NEWLINE && got != YYSYMBOL_YYEOF)
        diag_hint("one statement per line");
    return 0;
}

const char *parse_token_name(int tok, char *buf, size_t n)
{
    return token_desc(YYTRANSLATE(tok), false, false, buf, n);
}
