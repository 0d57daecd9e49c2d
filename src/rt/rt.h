/*
 * rt.h — the runtime of pgc: what a built evaluator links (libpgcrt.a), and
 * what the compiler shares with it.
 *
 * pgc has two deployment units.  The compiler (pgc itself: the scanner,
 * the parser, the checker, fmt, import, render, lowering, the JIT's code
 * generator; pgc.h) turns .pg files into lowered projects; the runtime
 * (this header, src/rt/) reads actuals, binds them to lowered projects,
 * scores them and writes the reports.  A built evaluator is the runtime
 * plus the compiled rules and the specs as data: it carries no scanner, no
 * parser, no syntax tree.  The boundary is the include path: src/rt/ is
 * compiled with no grammar/ and no src/ on it, so a runtime file cannot
 * include pgc.h or parse.h.
 *
 * The contract between the two is the evaluation IR (lower.c makes it,
 * serial.c carries it into an evaluator, interp.c and jitrun.c run it,
 * report.c prints it), with the values it holds (value.c) and the tables
 * of the standard library that binding needs (units, words: stdlook.c).
 *
 * Sections follow the file that defines each part.  Exported names carry
 * the module's prefix (cli_, progress_, arena_, buf_, map_, dec_, rat_,
 * utf8_, src_, out_, spool_, diag_, dom_, esc_, gb_, decode_, text_, val_,
 * csv_, act_, ev_, jit_, tm_, spec_, sha256_, rep_, score_, std_).
 */
#ifndef PGC_RT_H
#define PGC_RT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

#define PGC_NORETURN _Noreturn

/* ---- cli.c: the command line's common parts ----------------------------- */

/* Messages in the user's language.  _() translates a message where it is
 * used, N_() marks one in a table for translation later; the diag_
 * functions and cli_error translate their format themselves.  With
 * --disable-nls, the English is used as it stands. */
#if ENABLE_NLS
#include <libintl.h>
/* pgc's own domain, named at every call: libgccjit, loaded into the same
 * process, sets the default domain to GCC's when it first compiles. */
#define _(s) dgettext(PACKAGE, s)
#undef ngettext
#define ngettext(one, many, n) dngettext(PACKAGE, one, many, n)
#else
#define _(s) ((char *)(s))
#define ngettext(one, many, n) ((n) == 1 ? (char *)(one) : (char *)(many))
#endif
#define N_(s) s

/* The exit statuses of every command (and of a built evaluator). */
enum {
    EXIT_OK = 0,
    EXIT_ERRORS = 1,        /* problems in the input: diagnostics were printed */
    EXIT_USAGE = 2,         /* a usage error, a file that cannot be read or written, no memory */
    EXIT_INTERNAL = 70,     /* a bug in pgc (pgc_die) */
};

/* Sets up the locale and the message catalogs: once, first thing in main.
 * The catalogs are looked for in $PGC_LOCALEDIR, else in locale/ beside
 * the running program (a build tree), else where pgc is installed. */
void cli_init(const char *prog);
/* The program's name for messages: "pgc", or a built evaluator's. */
const char *cli_prog(void);
/* The directory of the running executable, with a trailing '/', or NULL. */
const char *cli_exe_dir(void);
/* "PROG: message" on stderr (translated). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: CMD: message" on stderr (translated): a command's own error. */
void cli_cmd_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "PROG: CMD: message" and "Try 'PROG help CMD'." on stderr; returns
 * EXIT_USAGE.  CMD may be NULL (the program's own usage). */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reads the number of an option such as --max-warnings (0 to max); on a
 * bad one, says so as a usage error and returns false. */
bool cli_count(const char *cmd, const char *option, const char *arg, long max, long *out);
/* Prints a command's help text (translated) to stdout; returns EXIT_OK. */
int cli_help(const char *text);
/* A command's exit status: 2 after an I/O error (it wins), else 1 when
 * failed or diagnostics had errors, else 0. */
int cli_status(bool io_error, bool failed);

/* A command's options: a table of CliOpt, ended by CLI_END, read by
 * cli_parse.  What an option does with its argument: */
typedef enum CliKind {
    CLI_FLAG,       /* no argument: *(bool *)to = true */
    CLI_SET,        /* no argument: *(int *)to = value */
    CLI_STRING,     /* *(const char **)to = the argument */
    CLI_COUNT,      /* *(int *)to = the argument, a number from 0 to max */
    CLI_CHOICE,     /* *(int *)to = the value of the choice it names; another: text */
    CLI_EACH,       /* each(the argument), every time it is given */
    CLI_PARSE,      /* parse(the argument, to): false after saying what is wrong */
    CLI_HELP,       /* no argument: prints text (cli_help) and ends the command, 0 */
    CLI_EXIT,       /* no argument: ends the command with run(to)'s status */
} CliKind;

typedef struct CliChoice {
    const char *name;           /* as written on the command line; NULL ends a list */
    int value;
} CliChoice;

typedef struct CliOpt {
    const char *name;           /* the long option, without "--"; NULL ends the table */
    char letter;                /* the short option, or 0 */
    CliKind kind;
    void *to;                   /* what it sets (CliKind says how) */
    int value;                  /* CLI_SET */
    long max;                   /* CLI_COUNT */
    const CliChoice *choices;   /* CLI_CHOICE */
    /* CLI_CHOICE: the message for an argument that is none of them (N_, a
     * format of one %s, the argument); CLI_HELP: the help text (N_) */
    const char *text;
    int *given;                 /* counted up each time the option is given (or NULL) */
    void (*each)(const char *arg);              /* CLI_EACH */
    bool (*parse)(const char *arg, void *to);   /* CLI_PARSE */
    int (*run)(void *to);                       /* CLI_EXIT */
    const char *missing;        /* the usage error when it is not given (N_), or NULL */
} CliOpt;

#define CLI_END { 0 }
/* The largest number an option such as --max-warnings takes. */
#define CLI_MAX_COUNT 1000000
/* The options every command shares. */
#define CLI_OPT_HELP(usage) { "help", 'h', CLI_HELP, .text = (usage) }
#define CLI_OPT_QUIET(flag) { "quiet", 'q', CLI_FLAG, .to = (flag) }
#define CLI_OPT_MAX_WARNINGS(n) { "max-warnings", 0, CLI_COUNT, .to = (n), .max = CLI_MAX_COUNT }

typedef struct CliCommand {
    const char *name;           /* "check" (its messages; "Try 'pgc help check'."), NULL for
                                   the program itself (a built evaluator: "Try 'PROG --help'.") */
    const CliOpt *opts;
    const char *no_operands;    /* the usage error when there are none (N_), or NULL */
    bool plain_errors;          /* a bad CLI_CHOICE is said without "Try …" (pgc eval's way) */
} CliCommand;

/* cli_parse: go on, with the operands from argv[optind]. */
enum { CLI_GO = -1 };
/* Reads the options of argv by c's table (argv[0]: the command's name,
 * for getopt's messages): CLI_GO, or the status the command ends with —
 * EXIT_OK after --help, EXIT_USAGE after a usage error, which it has said
 * (then "Try …"), as it says an option that is missing or no operands. */
int cli_parse(const CliCommand *c, int argc, char **argv);

/* ---- die.c: internal errors, and memory running out ---------------------- */

/* An internal error: a bug in pgc, never a user's mistake. */
PGC_NORETURN void pgc_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define pgc_unreachable() pgc_die("unreachable code at %s:%d", __FILE__, __LINE__)
/* "PROG: out of memory" on stderr (translated), and exit 2. */
PGC_NORETURN void pgc_out_of_memory(void);
/* malloc, calloc, realloc and strdup that never return NULL: they end
 * the process through pgc_out_of_memory instead (a size of 0 asks for 1
 * byte, so NULL never means "nothing"). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* ---- progress.c: the progress line on a terminal ------------------------ */

/* Starts a line "pgc WHAT: done/total files, elapsed" on stderr, drawn only
 * when stderr is a terminal, quiet is false and there is more than one file. */
void progress_begin(const char *what, long total, bool quiet);
bool progress_wanted(bool quiet);  /* would it be drawn? (worth counting the files) */
bool progress_on(void);
void progress_set(long done);       /* redrawn at most ten times a second */
void progress_step(void);           /* one more file done */
void progress_tick(void);           /* redraw (the workers' counts may have moved) */
void progress_clear(void);          /* erase it before other output to stderr */
/* n counters in memory shared with forked workers, added to the count;
 * NULL when the line is off.  A worker increments its own counter. */
long *progress_shared(int n);
void progress_forget(void);         /* in a forked worker: never draw */
void progress_end(void);            /* erase it and stop */
/* One long step that reports nothing as it goes (libgccjit compiling):
 * "pgc WHAT: STEP, 12.3 s", redrawn by a thread until progress_wait_end. */
void progress_wait_begin(const char *what, const char *step);
void progress_wait_end(void);

/* ---- arena.c ----------------------------------------------------------- */

/* A bump allocator.  Everything of one file (AST, diagnostics, strings)
 * lives in one arena, released at once by arena_reset. */
typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;   /* the chunk being filled; older chunks follow it */
    ArenaChunk *spare;  /* chunks kept by arena_reset for reuse */
} Arena;

void *arena_alloc(Arena *a, size_t n);          /* zeroed, 16-aligned */
/* Room for one more element in arr, an array in a of n elements of size
 * bytes with room for *cap: when it is full, a copy twice as large (16 at
 * first) is returned and *cap updated; else arr itself. */
void *arena_grow(Arena *a, void *arr, int n, int *cap, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* a, then b, then c (any may be NULL for none), as one string: a
 * concatenation without printf's parsing of a format, for the texts made
 * once per indicator or row. */
char *arena_cat3(Arena *ar, const char *a, const char *b, const char *c);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void arena_reset(Arena *a);                     /* keep one chunk */
void arena_free(Arena *a);

/* ---- buf.c ------------------------------------------------------------- */

/* A growing, NUL-terminated byte buffer (malloc'd). */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

void buf_add(Buf *b, const char *s, size_t n);
void buf_str(Buf *b, const char *s);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_spaces(Buf *b, int n);
void buf_free(Buf *b);

/* ---- escape.c: text in JSON, HTML and Markdown ----------------------------- */

void esc_json(Buf *b, const char *s);  /* a JSON string, quotes included */
void esc_html(Buf *b, const char *s);  /* text or an attribute value */
void esc_xml(Buf *b, const char *s);   /* the same, without the control characters XML 1.0 forbids */
void esc_md(Buf *b, const char *s);    /* a Markdown table cell's text */

/* ---- strmap.c ---------------------------------------------------------- */

/* A hash map from NUL-terminated strings to pointers, allocated in an
 * arena (so it is dropped with it).  Keys are not copied. */
typedef struct StrMap {
    Arena *arena;
    const char **keys;
    void **vals;
    uint32_t cap;       /* a power of two */
    uint32_t n;
} StrMap;

void map_init(StrMap *m, Arena *a, uint32_t hint);
void *map_get(const StrMap *m, const char *key);
/* Stores val under key unless key is present; returns the value now
 * stored under key (the old one when it was present). */
void *map_put(StrMap *m, const char *key, void *val);
/* Stores val under key, replacing any value there. */
void map_set(StrMap *m, const char *key, void *val);

/* ---- decimal.c --------------------------------------------------------- */

/* An exact decimal: v / 10^scale.  At most DEC_MAX_INT digits before the
 * point and DEC_MAX_SCALE after it, so every sum and product of two values
 * that pgc forms fits in 128 bits; operations that would not fit fail. */
__extension__ typedef __int128 dec_i128;
typedef struct Decimal {
    dec_i128 v;     /* the coefficient */
    int scale;      /* digits after the point, 0..DEC_MAX_SCALE */
} Decimal;

enum { DEC_MAX_INT = 18, DEC_MAX_SCALE = 18, DEC_BUF = 64 };

typedef enum DecStatus {
    DEC_OK,
    DEC_SYNTAX,         /* not a number */
    DEC_TOO_MANY_INT,   /* more than DEC_MAX_INT digits before the point */
    DEC_TOO_MANY_FRAC,  /* more than DEC_MAX_SCALE digits after it */
    DEC_OVERFLOW,       /* a result does not fit */
    DEC_DIV_ZERO,
} DecStatus;

DecStatus dec_parse(const char *s, size_t n, Decimal *out);
Decimal dec_from_int(long long i);
int dec_cmp(Decimal a, Decimal b);
bool dec_is_zero(Decimal a);
bool dec_is_neg(Decimal a);
DecStatus dec_add(Decimal a, Decimal b, Decimal *out);
DecStatus dec_sub(Decimal a, Decimal b, Decimal *out);
DecStatus dec_mul(Decimal a, Decimal b, Decimal *out);
DecStatus dec_div(Decimal a, Decimal b, int scale, Decimal *out);
Decimal dec_round(Decimal a, int scale);        /* half away from zero */
Decimal dec_normalize(Decimal a);               /* strip trailing zeros */
/* Writes into buf (DEC_BUF bytes); grouped: thousands separators. */
char *dec_format(Decimal a, bool grouped, char *buf);
const char *dec_status_str(DecStatus s);

/* ---- rat.c ------------------------------------------------------------- */

/* An exact fraction in lowest terms, den > 0.  Scores are computed as
 * fractions and rounded once; operations fail instead of overflowing. */
typedef struct Rat {
    dec_i128 num, den;
} Rat;

Rat rat_int(long long v);
Rat rat_from_dec(Decimal d);
bool rat_add(Rat a, Rat b, Rat *out);
bool rat_sub(Rat a, Rat b, Rat *out);
bool rat_mul(Rat a, Rat b, Rat *out);
bool rat_div(Rat a, Rat b, Rat *out);       /* fails on division by zero too */
int rat_cmp(Rat a, Rat b);
bool rat_is_zero(Rat a);
bool rat_is_neg(Rat a);
bool rat_round(Rat a, int scale, Decimal *out);   /* half away from zero */

/* ---- utf8.c ------------------------------------------------------------ */

/* Decodes one code point at s (n bytes available).  Returns its length in
 * bytes (1..4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence (then *cp is the offending byte). Never reads past n. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* The code point at s (n > 0 bytes available), its length in *len; an
 * invalid or truncated sequence is U+FFFD, one byte long. */
uint32_t utf8_at(const char *s, size_t n, int *len);
/* Whether s (n bytes available) starts with a three-byte character that
 * needs no decoding to be known valid — lead byte E1–EC or EE–EF and two
 * continuation bytes: no overlong form, no surrogate.  Most of the text
 * of a form is such characters; a scanner counting columns can step over
 * them without utf8_decode. */
static inline bool utf8_plain3(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
           (u[2] & 0xC0) == 0x80;
}
/* Display width of a code point: 2 for CJK and full-width forms, 0 for
 * combining marks, 1 otherwise (control characters count 1: pgc prints
 * them as a replacement). */
int utf8_cp_width(uint32_t cp);
/* Display width of n bytes (invalid bytes count 1 each). */
size_t utf8_width(const char *s, size_t n);
/* Number of code points in n bytes (invalid bytes count 1 each). */
size_t utf8_count(const char *s, size_t n);
/* Whether the continuation byte s[i] (of n) starts a column of its own:
 * it does unless it belongs to a valid sequence begun before it. */
bool utf8_stray(const char *s, size_t n, size_t i);
/* Levenshtein distance in code points, capped: returns > cap early. */
int utf8_distance(const char *a, const char *b, int cap);
/* Encodes cp into buf (>= 5 bytes), NUL-terminated; returns the length. */
int utf8_encode(uint32_t cp, char *buf);
/* Whether s begins (ends) with the bytes of prefix (suffix). */
static inline bool str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}
static inline bool str_ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* ---- source.c: reading files ------------------------------------------- */

/* A position in a source file.  line and col are 1-based; col counts code
 * points.  off/end are byte offsets of the span [off, end). */
typedef struct Loc {
    uint32_t line, col;
    uint32_t off, end;
} Loc;

/* One cell of a table read out of a workbook or a document, as a paste
 * gives it: its text stands at [off, end) of its Source's text. */
typedef struct SrcCell {
    uint32_t off, end;      /* its text in the Source */
    uint32_t line;          /* 0-based: its row in the Source's text (a document's
                             * paragraphs and tables' rows counted together) */
    uint32_t row, col;      /* 0-based: its row, its column (a document's:
                             * its cell's place in the row, as a paste counts) */
    uint32_t table;         /* a document's: 1-based table, 0 for a paragraph
                             * outside tables (row is then its number, 0-based) */
    const char *odd_format; /* a number format office.c cannot show with certainty:
                             * the cell holds the value itself; else NULL */
    bool formula;           /* a formula saved without its value: the cell holds
                             * the formula's text (=…), which no one computed */
} SrcCell;

typedef enum OfficeKind { OFFICE_XLSX, OFFICE_DOCX } OfficeKind;   /* what a SrcCells came from */

typedef struct SrcCells {
    OfficeKind kind;
    const char *sheet;      /* a workbook's sheet name */
    const SrcCell *v;       /* the non-empty cells, row by row, left to right */
    size_t n;
} SrcCells;

typedef struct Source {
    const char *path;   /* as given on the command line */
    char *text;         /* the bytes, followed by two NULs (for flex) */
    size_t len;         /* length without the NULs and without a BOM */
    size_t bom;         /* 3 when a UTF-8 BOM was skipped, else 0 */
    char *alloc;        /* what to free (or unmap) */
    size_t mapped;      /* src_map: the length of the mapping at alloc, else 0 */
    const SrcCells *cells;  /* the text is a workbook's or a document's cells
                             * (office.c): diagnostics name the cell, not a
                             * line; else NULL */
} Source;

/* Reads path ("-" is stdin).  On failure returns false with errno set. */
bool src_read(Source *s, const char *path);
/* src_read for a command: on failure, says "PROG: PATH: cannot read: …"
 * (diag_plain) and returns false. */
bool src_open(Source *s, const char *path);
/* The same, but a regular file is mapped (read-only, private) instead of
 * copied, and may be up to 4 GB: its pages can be dropped from memory
 * with src_drop_pages and are read again from the file when touched, so a
 * large file costs no more memory than the part of it in use.  Others
 * (stdin, pipes, devices) are read as by src_read.  A file that is
 * truncated while it is mapped ends the process with a message naming it
 * and exit 2 (the SIGBUS is caught), not with a signal. */
bool src_map(Source *s, const char *path);
/* src_map for a file already open: fd (a regular file: a decoded copy of
 * the file at path, text.c) is mapped whole, and named path in messages;
 * fd stays open, the caller's.  False with errno set. */
bool src_map_fd(Source *s, int fd, const char *path);
/* The largest file mapped: positions (Loc) are 32-bit. */
#define SRC_MAX_MAPPED ((size_t)UINT32_MAX - 2)
/* A new temporary file in src_tmpdir(), open for reading and writing and
 * already unlinked (it is gone when closed); -1 with errno set. */
int src_tmpfile(void);
/* $TMPDIR, or /tmp when it is unset or empty. */
const char *src_tmpdir(void);
/* Lets the kernel drop the pages of a mapped source within [from, to)
 * (byte offsets of s->text); a no-op for a source in memory. */
void src_drop_pages(const Source *s, size_t from, size_t to);
/* The same for the whole pages within [from, to) of any read-only mapping
 * of a file (the evaluator's own constant specs): they are read again from
 * the file when touched. */
void mem_drop_pages(const void *from, const void *to);
/* A source over a copy of a string in memory (the embedded stdlib). */
void src_from_string(Source *s, const char *path, const char *text, size_t len);
/* A source over the text in b, which it takes (b is left empty). */
void src_adopt(Source *s, const char *path, Buf *b);
/* A source over text itself, which is followed by two NULs and outlives
 * it (a built evaluator's specs); src_free frees nothing. */
void src_borrow(Source *s, const char *path, const char *text, size_t len);
void src_free(Source *s);
/* The name of a cell of a workbook's or document's source in a
 * diagnostic: 敬老卡制作费!E15, 表2!R5C3, 段3. */
void src_cell_name(const SrcCells *cs, const SrcCell *c, char *buf, size_t size);
/* The cell of cs that byte off is in (the last one before it), or NULL. */
const SrcCell *src_cell_at(const SrcCells *cs, uint32_t off);

/* Calls fn for path, or for every *.pg file below it when it is a
 * directory (sorted, hidden entries skipped).  Returns false after
 * reporting a directory that cannot be read. */
typedef void (*SrcFileFn)(void *ctx, const char *path);
bool src_walk(const char *path, SrcFileFn fn, void *ctx);
/* src_walk that says nothing of paths it cannot open (a first look). */
bool src_walk_quiet(const char *path, SrcFileFn fn, void *ctx);
/* How many files src_walk would visit for these operands (quietly: the
 * real walk reports what cannot be read), for a progress line. */
long src_count(char *const *paths, int n);
/* The size in the environment variable name (a test's override), or
 * dflt when it is not set to a positive number. */
size_t src_env_size(const char *name, size_t dflt);

/* ---- office.c: the tables of .xlsx workbooks and .docx documents -------- */

/* What the first bytes of a file say it is. */
typedef enum OfficeMagic {
    MAGIC_TEXT,             /* anything else: text, or garbage for the text reader */
    MAGIC_ZIP,              /* a zip container: .xlsx, .docx (office_read) */
    MAGIC_OLE,              /* an OLE compound file: old .xls/.doc, or an encrypted .xlsx/.docx */
} OfficeMagic;
OfficeMagic office_magic(const char *bytes, size_t len);

/* The tables of a workbook or a document: a workbook gives one Source per
 * sheet (hidden sheets are left out), a document one for the whole body
 * (its paragraphs and its tables' rows, in order).  Each Source's text and
 * cells live in arena; its path is src's.  The file is untrusted: limits
 * on entries, sizes and compression ratio, no DTD.  False, after one error
 * (E0714, at src), for a file that cannot be read. */
bool office_read(const Source *src, Arena *arena, Source **tables, size_t *ntables);
/* A workbook of actuals (a filled-in template): its first sheet as CSV
 * text, each field quoted as CSV needs, with its cells beside it, so the
 * actuals reader reads it as a CSV file and names the cell of each
 * problem.  The text lives in out (src_free), the cells in arena.  False,
 * after an error, for a file office_read refuses or a document. */
bool office_actuals(const Source *src, Arena *arena, Source *out);
/* An Excel number format applied to a cell's value (a decimal as the
 * workbook stores it, e.g. 0.97999999999999998); false when the format
 * has what office.c does not show with certainty (out then holds the
 * value as General shows it).  date1904: the workbook's date system. */
bool office_format_number(const char *value, const char *format, bool date1904, Buf *out);

/* ---- out.c: writing files and standard output ---------------------------- */

/* Writes data to path through a temporary file beside it, so a failure
 * (reported) leaves any old file untouched.  replace: rename over an
 * existing file, keeping its mode; else refuse (reported) if path exists. */
bool out_write_file(const char *path, const char *data, size_t len, bool replace);
bool out_write_atomically(const char *path, const char *data, size_t len);   /* replace */

/* Copies all of the file from (from its start) to to; false on a read or
 * write error (errno set). */
bool out_copy_stream(FILE *from, FILE *to);

/* An output that may outgrow memory (a report of 100,000 projects): it
 * is appended to buf, and spool_keep, called between files, moves what
 * buf holds to an unlinked temporary file once it passes a few MB.
 * spool_write then writes it all, head first: to path as out_write_atomically does,
 * or (path NULL) to standard output.  False after a failure, which it
 * reports (for stdout as "PROG: cannot write to standard output: …"). */
typedef struct Spool {
    Buf head;               /* written before all the rest: what is known only at the end
                             * (an html report's summary page, score_end's) */
    Buf buf;
    FILE *tmp;              /* NULL: all of it is in buf */
    int err;                /* a write to tmp failed: errno */
    size_t limit;           /* what buf may hold (0: not set yet) */
} Spool;
void spool_keep(Spool *s);
bool spool_write(Spool *s, const char *path, const char *prog);
void spool_free(Spool *s);
/* Flushes stdout; on a write error (a full disk, a closed pipe) says so on
 * stderr as "PROG: cannot write to standard output: …" and returns 2, else
 * status.  Every command, and a built evaluator, ends through it. */
int out_close_stdout(const char *prog, int status);

/* ---- diag.c ------------------------------------------------------------ */

typedef enum Severity { SEV_NOTE, SEV_WARNING, SEV_ERROR } Severity;
typedef enum DiagFormat { FMT_HUMAN, FMT_GNU, FMT_JSON } DiagFormat;

/* The diagnostic codes: see diagcodes.def. */
typedef enum DiagCode {
#define DIAG(id, sev, slug, text) id,
#include "diagcodes.def"
#undef DIAG
    DIAG_COUNT
} DiagCode;

typedef struct DiagOptions {
    DiagFormat format;
    bool werror;        /* warnings count as errors */
    bool color;
    int max_errors;     /* per file; 0 = no limit */
    int max_warnings;   /* shown per code in the run (not in JSON); 0 = all */
    bool quiet;         /* -q: no notes about what was left out */
    bool records;       /* a worker of check -j: mark each message for diag_replay */
    bool mute_audit;    /* pgc test: W0503 and W0505 are its report's, not warnings */
} DiagOptions;
/* Every command's defaults (--max-errors=50, --max-warnings=20). */
#define DIAG_OPTIONS_DEFAULT { .format = FMT_HUMAN, .max_errors = 50, .max_warnings = 20 }

/* Diagnostics are collected per file (in the file's arena), sorted into
 * source order and printed by diag_flush. */
void diag_setup(const DiagOptions *opt);
void diag_begin_file(const Source *src, Arena *arena);
void diag_set_records(bool on); /* a part of check -j: see diag_replay */
void diag_emit(DiagCode code, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, at a position in another file than the current one (an
 * actuals CSV while a spec is being scored); src must outlive the flush. */
void diag_emit_in(const Source *src, DiagCode code, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds a hint to the last diagnostic emitted. */
void diag_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Adds a note with its own location to the last diagnostic emitted. */
void diag_note(Loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The last diagnostic's hint names a replacement for its span: text
 * (as written in the file), which an editor offers as a quick fix. */
void diag_fix(const char *text);
bool diag_too_many(void);       /* the per-file cap is reached */
int diag_file_errors(void);     /* errors so far in this file */
void diag_flush(void);          /* print this file's diagnostics */
/* An error that belongs to no position (I/O, usage). */
void diag_plain(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Copies a worker's stderr (written with .records) to out, applying the
 * warnings' cap in the order the parts come, as one process would. */
void diag_replay(FILE *from, FILE *out);
/* Forgets the current file's diagnostics, unprinted and uncounted (a
 * look at a file that its real reading will report on). */
void diag_discard(void);
/* A diagnostic as data, for a program that shows it itself (the language
 * server, src/lsp/): its message, hint and note already translated.  The
 * strings live in the file's arena, until it is reset. */
typedef struct DiagRecord {
    const Source *src;          /* the file it is in */
    DiagCode code;
    Severity sev;               /* after --Werror */
    Loc loc;
    const char *msg;
    const char *hint;           /* or NULL */
    const char *note;           /* or NULL */
    Loc note_loc;               /* note: where, in src */
    const char *fix;            /* diag_fix: loc's replacement, or NULL */
} DiagRecord;
typedef void (*DiagSink)(void *ctx, const DiagRecord *d);
/* From now on diag_flush hands each diagnostic, in source order, to sink
 * instead of printing it (and prints no "too many errors" line); NULL
 * prints again.  Nothing else changes: the caps, the counts, the codes. */
void diag_set_sink(DiagSink sink, void *ctx);
/* Closes the JSON document; says how many warnings the cap left out. */
void diag_finish(void);
int diag_total_errors(void);
int diag_total_warnings(void);
void diag_reset_totals(void);   /* between the inputs of a fuzzer */
const char *diag_code_name(DiagCode code);

/* ---- domain.c: facts of the forms (domain.def) ------------------------------- */

typedef enum Fund {
#define FUND(id, name) id,
#include "domain.def"
    FU_COUNT
} Fund;

typedef enum ActSpecial {
#define SPECIAL(id, name) id,
#include "domain.def"
    AS_COUNT
} ActSpecial;

const char *dom_fund_name(Fund f);              /* "年度资金申请总额" */
const char *const *dom_fund_names(void);        /* all FU_COUNT of them, in order */
/* The 资金 line of that name, or FU_COUNT. */
Fund dom_fund(const char *name);
const char *dom_special_name(ActSpecial s);     /* "全年执行数" */
/* The special row of that name, or AS_COUNT (an indicator's row). */
ActSpecial dom_special(const char *name);
/* Which actuals a special row belongs to: the year-end ones (pgc eval, a
 * 实际 block), the mid-year ones (pgc monitor, a 监控 block), or both. */
typedef enum ActStage { STAGE_BOTH, STAGE_YEAR_END, STAGE_MID_YEAR } ActStage;
ActStage dom_special_stage(ActSpecial s);

/* ---- gb18030-table.c: GB18030 as the build machine's iconv maps it ------ */

/* (written at build time by tools/gen-gb18030.c; read by decode.c only) */
enum { GB_TRAILS = 0xFF - 0x40 };       /* a two-byte code's trail: 0x40..0xFE */
/* A two-byte code mapped beyond the BMP (GB18030-2022's few). */
typedef struct GbWide {
    unsigned index;     /* (lead - 0x81) * GB_TRAILS + trail - 0x40 */
    uint32_t cp;        /* its code point */
} GbWide;
/* Four-byte codes numbered first .. first + n - 1 (their linear index:
 * ((b0 - 0x81) * 10 + b1 - 0x30) * 1260 + (b2 - 0x81) * 10 + b3 - 0x30),
 * mapped to the code points cp .. cp + n - 1. */
typedef struct GbRun {
    uint32_t first;     /* the index of the run's first code */
    uint32_t n;         /* how many codes */
    uint32_t cp;        /* the first code's code point */
} GbRun;
/* By two-byte index: the code point in the BMP, 0 for none (or in gb_two_wide). */
extern const uint16_t gb_two[126 * GB_TRAILS];
extern const GbWide gb_two_wide[];
extern const int gb_two_nwide;
extern const GbRun gb_four[];           /* sorted by first */
extern const int gb_four_nruns;

/* ---- decode.c: UTF-16 and GB18030 to UTF-8 ------------------------------- */

typedef enum TextEnc {
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_GB18030,
} TextEnc;

/* Decoding one input, a piece at a time. */
typedef struct Decoder {
    TextEnc enc;                /* what the input is in */
    const unsigned char *in;    /* the input (all of it, e.g. a mapped file) */
    size_t len;                 /* its length in bytes */
    size_t pos;                 /* the next byte to decode */
    size_t out;                 /* the UTF-8 bytes written so far */
    size_t bad;                 /* the first byte that is not of enc, or SIZE_MAX */
    size_t bad_out;             /* where its U+FFFD is in the output (when bad is set) */
} Decoder;

void decode_begin(Decoder *d, TextEnc enc, const char *in, size_t len);
/* Decodes the next piece of the input into buf, as much as fits in cap
 * (at least 4) bytes; returns the number of bytes written (0 only at
 * the end).  A sequence that is not of the encoding becomes U+FFFD, and
 * the first one is noted (bad, bad_out). */
size_t decode_some(Decoder *d, char *buf, size_t cap);
/* Whether all of the input is decoded. */
bool decode_done(const Decoder *d);

/* ---- text.c: encodings, and what each input does with them ------------- */

/* What the bytes of a file are, as far as text_sniff looked. */
typedef enum TextKind {
    TEXT_UTF8,          /* UTF-8 (ASCII too), or nothing else was looked for */
    TEXT_UTF16_BOM,     /* starts with the byte order mark of UTF-16LE or UTF-16BE */
    TEXT_UTF16,         /* no BOM, but ASCII characters each paired with a NUL */
    TEXT_BINARY,        /* a NUL byte: no text */
    TEXT_LEGACY,        /* a byte that is not UTF-8: GB18030 (GBK) most likely */
    TEXT_NKINDS
} TextKind;

/* The inputs, each with its policy (the table in text.c). */
typedef enum TextUse {
    TEXT_PG,            /* a .pg file: UTF-16 refused (the scanner reports other bad bytes) */
    TEXT_ACTUALS,       /* an actuals CSV: UTF-16 and GB18030 converted (text_check_mapped) */
    TEXT_FORM,          /* a pasted form (pgc import): UTF-16, GB18030 converted, NUL refused */
} TextUse;

typedef struct TextSniff {
    TextKind kind;
    const char *enc;    /* "UTF-16LE", "UTF-16BE", "GB18030"; else NULL */
    size_t at;          /* the first NUL (TEXT_BINARY, TEXT_UTF16), or byte not UTF-8 (LEGACY) */
} TextSniff;

/* What n bytes at s are, looking only for what use's policy cares about
 * and only as far (the first bytes, the first line, or all). */
TextSniff text_sniff(const char *s, size_t n, TextUse use);
/* Applies use's policy to src: false, after an error (at the file's start
 * or its first bad byte), when the file is refused.  When the policy
 * converts it, *utf8 gets the text in UTF-8 (malloc'd, *len bytes), else
 * NULL; utf8 and len may be NULL for a use that converts nothing. */
bool text_check(const Source *src, TextUse use, char **utf8, size_t *len);
/* text_check for an input that may be gigabytes (the actuals, mapped by
 * src_map): when the policy converts it, src is replaced by its text in
 * UTF-8 — decoded in pieces into an unlinked temporary file and mapped
 * from there (in memory when no temporary file can be made), under the
 * same path — so that converting costs disk, not memory, and a file read
 * as it is costs nothing.  False after an error: a refusal, or bytes
 * that are not of the encoding (E0513, on the decoded line), or (*io
 * set) the copy could not be written. */
bool text_check_mapped(Source *src, TextUse use, bool *io);

/* ---- value.c: the values of targets and actuals ---------------------------- */

typedef enum Op {
    OP_NONE,            /* no operator written */
    OP_EQ, OP_GE, OP_LE, OP_GT, OP_LT,
} Op;

typedef enum ValueKind {
    V_NONE,             /* nothing written */
    V_NUMBER,           /* a number with an optional unit */
    V_DATE,             /* a date or a month */
    V_WORD,             /* an identifier: a qualitative word, a level */
    V_STRING,           /* free text */
} ValueKind;

typedef struct Date {
    int year, month, day;   /* day 0: the month as a whole */
} Date;

typedef struct Value {
    ValueKind kind;
    Loc loc;                /* the whole value, unit included */
    Decimal num;            /* V_NUMBER */
    const char *unit;       /* V_NUMBER: NULL, "%" or a unit name */
    Loc unit_loc;
    Date date;              /* V_DATE */
    const char *text;       /* V_WORD, V_STRING: the word or the text */
} Value;

/* "=", "≥", … */
const char *val_op_str(Op op);
/* Whether n bytes spell one identifier as the scanner reads it (CJK,
 * letters, _, 、·《》–〇, digits not first). */
bool val_is_ident(const char *s, size_t n);
/* A value as the source writes it (a number with its unit, a date, a
 * word, a quoted string), into buf of n bytes. */
void val_format(const Value *v, char *buf, size_t n);

/* Parses the text of one actual value as written in a CSV cell, in the
 * target syntax: "93.5%", "215,457.60", "3 工作日", "2023-11", "基本稳定",
 * a phrase.  Strings in the Value point into arena.  On failure returns
 * false with a reason in *why and the byte offset of the problem in *at. */
bool val_parse(const char *s, size_t n, Arena *arena, Value *out, const char **why, size_t *at);

/* ---- the standard library's tables: what the runtime needs --------------- */

/* The standard library's data as the runtime sees it: the units and the
 * words of the qualitative scales (stdlook.c looks them up; a built
 * evaluator carries just those, serial.c).  The rest — the category tree,
 * the naming rules, the schemes as declared — is the compiler's (pgc.h,
 * stdlib.c), and is opaque here. */

/* How far a qualitative actual meets its target.  The names (达成, 部分达成,
 * 未达成) are stdlook.c's: scales, schemes, explanations and reports use
 * them from there. */
typedef enum Band { BAND_NONE, BAND_MET, BAND_PARTIAL, BAND_UNMET, BAND_COUNT } Band;

/* What the words of a 等级 answer (its entry 适用, stdlib/scales.pg). */
typedef enum WordUse {
    WU_SCALE,                       /* the targets of their own scale */
    WU_ANY,                         /* 适用 全部: any qualitative target (完成, 已完成) */
    WU_PREFIX,                      /* 适用 修饰: a modifier before another word (明显减少) */
} WordUse;

typedef struct StdWord {            /* one word of a qualitative scale */
    const char *word;
    const char *scale;              /* the scale's name */
    Band band;
    int ordinal;                    /* ordinal scales: the rank, else 0 */
    WordUse use;                    /* modifiers are not in word_map: std_word never finds them */
} StdWord;

typedef struct StdUnit {
    const char *name;               /* "%", "万张", … */
    const char *dim;                /* 比率, 数量, 时长, … */
    const char *base;               /* the unit it converts to, or itself */
    Decimal factor;                 /* 1 base-unit × factor = this unit */
} StdUnit;

typedef struct StdLevel1 StdLevel1;
typedef struct StdNaming StdNaming;
typedef struct StdScheme StdScheme;

typedef struct Stdlib {
    StdLevel1 *level1; int nlevel1;
    StdWord *words; int nwords;
    StdUnit *units; int nunits;
    StdNaming *naming; int nnaming;
    StdScheme *schemes; int nschemes;
    /* names for spelling suggestions */
    const char **level1_names, **word_names, **unit_names;
    int nword_names;                /* the words less the modifiers (WU_PREFIX) */
    StrMap word_map, unit_map;      /* name → index + 1 (stdlook.c) */
} Stdlib;

const StdWord *std_word(const Stdlib *s, const char *word);
const StdUnit *std_unit(const Stdlib *s, const char *name);
/* The name of a band: 达成, 部分达成, 未达成 ("" for BAND_NONE). */
const char *std_band_name(Band b);
/* The band of that name, or BAND_NONE. */
Band std_band_named(const char *name);
/* The closest candidate to name among n strings, or NULL if none is near. */
const char *std_suggest(const char *name, const char *const *cands, int n);
/* Fills word_names and unit_names (for suggestions) from words and units. */
void std_index_names(Stdlib *s, Arena *a);

/* ---- value.c, continued: an actual against its target ------------------------ */

/* The kind of a target, as lowering and binding see it: a number (with an
 * optional unit), a date (a deadline), a word of a scale (its rank when the
 * scale is ordinal), or free text. */
typedef enum TargetKind { TK_NUMBER, TK_DATE, TK_WORD, TK_ORDINAL, TK_TEXT } TargetKind;

/* What a target asks of its actual: the one description lowering stores
 * in an indicator (lower.c) and the checker builds from a 实际 block's
 * project (check.c), so that both judge an actual by val_fit. */
typedef struct ValTarget {
    TargetKind kind;
    Rat target;                 /* the number in its unit, the date's key, or the rank */
    const StdUnit *unit;        /* TK_NUMBER: the target's unit, or NULL */
    const char *word;           /* TK_WORD, TK_ORDINAL, TK_TEXT: the target's word or text */
    const char *scale;          /* TK_WORD, TK_ORDINAL: its scale, or NULL (a word of none) */
} ValTarget;

/* The target that a value written after an indicator's operator is. */
ValTarget val_target(const Stdlib *std, const Value *v);
/* A value as the reports show it ("93.5%", "3 工作日"; free text bare). */
const char *val_text(Arena *a, const Value *v);
/* "≥ 90%": the target as the reports and the messages show it. */
const char *val_target_text(Arena *a, Op op, const Value *v);
/* A date as a number that orders like it: yyyymmdd (a month: its 31st). */
Rat val_date_key(Date d);
/* Days in a month (1..12) of the Gregorian year y: the one leap-year rule
 * of the lexer, the importer and the actuals reader. */
int val_days_in_month(int y, int m);

/* The band of the qualitative actual text against the target t: the
 * target's word, a word of its scale (or of a scale for any target), a
 * phrase that begins with a band's name (达成…), or a modifier before one
 * of those (明显减少, 基本稳定: the lower band of the two).  With none of
 * these, *matched is false and the band is 未达成 — the caller warns
 * (W0504, val_warn_unmatched). */
Band val_word_band(const Stdlib *std, const ValTarget *t, const char *text, bool *matched);
/* W0504 for an actual that val_word_band did not match, at loc in src. */
void val_warn_unmatched(const Stdlib *std, const ValTarget *t, const char *name, const char *target_text,
                        const Source *src, Loc loc, const char *text);

/* How an actual fits its target. */
typedef enum ValFit {
    FIT_OK,
    FIT_UNKNOWN_WORD,           /* a word of no scale: the checker refuses it; binding scores it by its band */
    FIT_BAD,                    /* reported (E0503, E0408, E0509) */
} ValFit;

/* Judges the actual value v (read from src) against the target t of the
 * indicator name, whose target reads target_text; reports a misfit at v's
 * position in src.  For a number, *actual is the value in the target's
 * unit; for a date, its key. */
ValFit val_fit(const Stdlib *std, const ValTarget *t, const char *name, const char *target_text,
               const Source *src, const Value *v, Rat *actual);
/* The amount of a special row (全年执行数 …, dom_special): a number in 元
 * or 万元, not negative, as 元 in *yuan (执行率: a percentage, as a
 * number of percent; 总分: a number of points).  A bare number is in bare_unit,
 * the unit of the project's 资金 block (ast_funds_unit); with none known
 * it is an error.  Reports what is wrong (E0503, E0509, E0306) at v's
 * position in src; project names the project in those messages. */
bool val_special_amount(const Stdlib *std, ActSpecial which, const char *bare_unit, const char *project,
                        const Source *src, const Value *v, Decimal *yuan);

/* ---- csv.c --------------------------------------------------------------- */

/* One field of a CSV record: its text (unquoted, "" undone, NUL-ended;
 * valid until the next csv_next or csv_field) and where it starts in the
 * file. */
typedef struct CsvField {
    const char *text;
    size_t len;
    Loc loc;                /* from its first byte (a quote, if quoted) to its end */
    bool quoted;            /* it was written in quotes */
} CsvField;

typedef enum CsvMode {
    CSV_RFC4180,            /* the actuals: a quoted field that ends wrong is reported */
    CSV_PASTED,             /* a table pasted out of Word, WPS or Excel (pgc import): a
                             * quote that opens no proper quoted field is a character */
} CsvMode;

typedef struct CsvReader {
    const Source *src;
    size_t pos;             /* next byte */
    uint32_t line, col;
    char sep;               /* ',' or '\t' */
    CsvMode mode;
    bool quiet;             /* report nothing (a second reading) */
    bool in_record;         /* a field of the current record is next */
    Buf buf;                /* the current record's fields, each NUL-ended */
} CsvReader;

/* What csv_field read. */
typedef enum CsvRead {
    CSV_DONE,               /* nothing: the text has no more records */
    CSV_MORE,               /* a field, and more of its record follow */
    CSV_LAST,               /* the last field of its record */
    CSV_ERROR,              /* a malformed field, reported (CSV_RFC4180); the rest
                             * of its line is skipped */
} CsvRead;

/* A reader of src: CSV_RFC4180 (tab-separated when the first line has
 * tabs and no comma, else comma-separated) or CSV_PASTED (tab-separated
 * when the text has a tab anywhere). */
void csv_init_mode(CsvReader *r, const Source *src, CsvMode mode);
void csv_init(CsvReader *r, const Source *src);        /* CSV_RFC4180 */
/* Goes on reading at byte pos, line, col (a position csv_next has left
 * the reader at before). */
void csv_seek(CsvReader *r, size_t pos, uint32_t line, uint32_t col);
/* Reads the next field (blank lines between records skipped). */
CsvRead csv_field(CsvReader *r, CsvField *f);
/* Reads the next record into fields (at most max); returns the number of
 * fields, 0 at the end, -1 after reporting a malformed record. */
int csv_next(CsvReader *r, CsvField *fields, int max);
void csv_free(CsvReader *r);

/* ---- actuals.c ----------------------------------------------------------- */

typedef struct ActualRow ActualRow;
typedef struct ActProject ActProject;

/* The actuals of a run, by project.  A CSV file is mapped, not read into
 * memory, and read twice: once through, to report every bad row and to
 * note where each project's rows are (the byte ranges of its runs of
 * rows), and again, a project's rows only, when act_rows asks for them.
 * So the table grows with the number of projects, not of rows, and the
 * file's pages are let go as the reading moves on. */
typedef struct Actuals {
    const char *path;
    Arena arena;                    /* the index: lives for the run */
    Source src;                     /* the file (mapped when it is a regular file) */
    StrMap map;                     /* project name → ActProject */
    int col_of[32];                 /* the CSV header: the column of each cell (-1: ignored) */
    int nhead;                      /* its number of cells */
    int project_col;                /* the cell of 项目 */
    size_t touched;                 /* bytes read again since the pages were last dropped */
    size_t drop_every;              /* ... which is done every this many bytes */
    long rows;
    bool monitor;                   /* set before reading: mid-year actuals (pgc monitor) —
                                     * 全年预计完成值 and 完成目标可能性 read, an empty
                                     * 实际完成值 allowed */
    bool failed;                    /* bad rows were reported */
    bool io_error;                  /* the file could not be read */
} Actuals;

/* Reads a CSV file of actuals (reporting problems); false when it cannot
 * be used at all (unreadable, empty, a bad header).  Bad rows are
 * reported, skipped, and set r->failed. */
bool act_read_csv(Actuals *r, const char *path);
/* Which projects' rows were asked for (act_rows), as one mark a slot of
 * the index: act_slots of them.  pgc eval -j's workers hand their marks
 * back to the parent (act_used_to: a 1 where used; act_used_from: used
 * where a 1), which then reports the rows no spec took. */
size_t act_slots(const Actuals *r);
void act_used_to(const Actuals *r, unsigned char *marks);
void act_used_from(Actuals *r, const unsigned char *marks);
/* Appends a row (of a 实际 block) to its project's list (after map_init
 * of r->map). */
void act_add(Actuals *r, const char *project, ActualRow *row);
/* Whether the actuals have rows for project. */
bool act_has(const Actuals *r, const char *project);
/* The project's rows in the order of the file, or NULL; rows read from
 * the CSV are allocated in a (the caller's, per spec file).  Marks the
 * project as declared by a spec. */
ActualRow *act_rows(Actuals *r, const char *project, Arena *a);
/* Reports the actuals of projects act_rows was never asked for; true if any. */
bool act_report_unused(Actuals *r, Arena *scratch, bool strict);
/* The project of the actuals whose name is nearest to project, or NULL. */
const char *act_suggest(const Actuals *r, const char *project, Arena *a);
void act_free(Actuals *r);

/* ---- lower.c: the evaluation IR ------------------------------------------ */

/* Scoring works on a lowered form of the checked specs and the scheme:
 * the interpreter (interp.c) runs it, and the report writers (report.c)
 * print its results.  `pgc eval --emit=ir` prints it. */

/* The rules a scheme must define, chosen by the kind of the target: see
 * rules.def. */
typedef enum RuleId {
#define RULE(id, name, jit_fn) id,
#include "rules.def"
#undef RULE
    R_COUNT
} RuleId;

/* The variables a rule may read (rules.def). */
typedef enum IrVar {
#define RULE_VAR(id, name, ir_name) id,
#include "rules.def"
    VAR_COUNT
} IrVar;
/* A variable's name in a scheme (实际) and in --emit=ir (actual). */
const char *ir_var_name(IrVar v);
const char *ir_var_ir_name(IrVar v);

typedef enum IrOp {
    IR_CONST, IR_VAR, IR_NEG, IR_ADD, IR_SUB, IR_MUL, IR_DIV,
    IR_EQ, IR_GE, IR_LE, IR_GT, IR_LT, IR_AND, IR_OR, IR_IF,
    IR_MIN, IR_MAX,
    IR_BAND,        /* 档次系数(实际): the factor of the actual's band */
} IrOp;

typedef struct IrExpr {
    IrOp op;
    Rat k;                      /* IR_CONST */
    IrVar var;                  /* IR_VAR */
    struct IrExpr *a, *b, *c;   /* operands */
} IrExpr;

typedef struct EvGrade {
    const char *name;           /* 优 */
    Op op;                      /* ≥ or < */
    Rat bound;
} EvGrade;

typedef struct EvScheme {
    const char *name;
    IrExpr *rules[R_COUNT];
    Decimal exec_weight;        /* 预算执行率 */
    bool weights_given;         /* 权重 按表: the form's 分值 as given, only their total checked */
    int nweights;
    const char **w_names;       /* 一级 */
    Decimal *w_values;
    const char **w_share;       /* the 一级 whose weight it shares, or NULL */
    Rat band_factor[BAND_COUNT]; /* by Band: the default 得分 factor */
    Rat band_low[BAND_COUNT];   /* by Band: the lowest fraction of 分值 */
    EvGrade *grades;
    int ngrades;
    Rat deviation;              /* an actual at or above this × target needs a reason */
    Rat exec_floor;             /* an execution rate below this needs a reason */
} EvScheme;

/* A warning light of the monitoring; LIGHT_NONE: 未填报 (nothing given). */
typedef enum Light { LIGHT_NONE, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED, LIGHT_COUNT } Light;
/* 完成目标可能性; LIKELY_NONE: not given. */
typedef enum Likely { LIKELY_NONE, LIKELY_SURE, LIKELY_MAYBE, LIKELY_NO, LIKELY_COUNT } Likely;

/* 绿 and 黄 as a 监控方案 gives them: a gap in points (of 序时进度, or of
 * the target) gets the first light whose bound it is within; beyond
 * both, 红. */
typedef struct MonBound {
    Op op;                      /* OP_LT or OP_LE; OP_NONE: not given */
    Rat bound;                  /* points */
} MonBound;

/* A 监控方案 (stdlib/schemes.pg; lowered and validated by the library's
 * loading, lower.c's ev_lower_monitor). */
typedef struct EvMonScheme {
    const char *name;
    MonBound exec[2];           /* 预算执行: 绿, 黄 — by points behind 序时进度 */
    MonBound goal[2];           /* 目标完成: 绿, 黄 — by points the forecast falls short */
    Light band_light[BAND_COUNT];   /* 档次: the light of a qualitative forecast's band */
    Light likely_light[LIKELY_COUNT];   /* 完成目标可能性: the light it gives at least
                                         * (LIGHT_NONE: none) */
} EvMonScheme;


/* One actual value as read, from a 实际 block or a CSV row. */
typedef struct ActualRow {
    const char *indicator;
    Value val;
    bool has_weight, has_score;
    Decimal weight, score;
    Loc weight_loc;             /* has_weight: where the 分值 is written */
    const char *reason;
    const Source *src;          /* where it was read */
    Loc name_loc;               /* the indicator's name (its CSV cell) */
    Loc project_loc;            /* the project's name (its CSV cell, or the 实际 block's) */
    bool bad;                   /* its value could not be read (reported): no val */
    bool from_spec;             /* a 实际 block's line, not a CSV row */
    /* mid-year monitoring's columns (Actuals.monitor; pgc monitor) */
    bool no_value;              /* its 实际完成值 (1–N月完成值) is empty: val is V_NONE */
    bool has_forecast;          /* 全年预计完成值 */
    Value forecast;
    const char *likely;         /* 完成目标可能性 as written, or NULL */
    Loc likely_loc;
    Loc reason_loc;             /* reason: its cell */
    struct ActualRow *next;
} ActualRow;

typedef struct EvIndicator {
    const char *name, *l1, *l2; /* l2 is NULL directly under a 一级 */
    Loc loc;
    TargetKind kind;
    Op op;
    RuleId rule;
    Rat target;                 /* number in its unit, date key, or rank */
    const StdUnit *unit;        /* TK_NUMBER */
    const char *word;           /* TK_WORD, TK_ORDINAL, TK_TEXT */
    const char *scale;          /* TK_WORD, TK_ORDINAL */
    const char *target_text;    /* as shown in reports: "≥ 90%" */
    Decimal weight;             /* 分值, two decimals */
    Loc weight_loc;             /* the spec's 分值, when it gives one */
    /* the actual */
    const ActualRow *row;       /* NULL: none */
    Rat actual;                 /* in the target's unit (numbers, dates, ranks) */
    Band band;                  /* TK_WORD, TK_ORDINAL, TK_TEXT */
    bool fits;                  /* the row's value was read and fits the target (actual, band set) */
    const char *actual_text;
    /* the result */
    Decimal score;
    bool met, need_reason;
    const char *explain;        /* with --explain */
} EvIndicator;

/* A published figure of the 自评表 that the rules do not give: reported
 * (W0503, W0505) and listed in the reports. */
typedef struct EvAudit {
    const char *item;           /* 得分, 执行率 or 总分 */
    const char *indicator;      /* 得分: the indicator ("预算执行率" for the budget row), else NULL */
    Decimal published, computed;
    const char *published_text, *computed_text;     /* 等级: the grades (优), else NULL */
    const char *arithmetic;     /* how the rules get computed */
    const ActualRow *row;       /* where the published figure is */
    struct EvAudit *next;
} EvAudit;

typedef struct EvProject {
    const char *name;
    const Source *src;          /* the spec it was declared in */
    Loc loc;                    /* its name there */
    const char *dept, *unit;    /* 主管部门, 实施单位 ("" when not given) */
    int year;                   /* 年度, or 0 */
    const char *funds_unit;     /* the unit of its bare amounts (ast_funds_unit), or NULL */
    int funds_shift;            /* the reports' amounts in that unit: 元 × 10^-shift (万元 4), else 0 */
    bool spec_weights;          /* the spec gives every indicator its 分值 */
    const EvScheme *scheme;
    EvIndicator *ind;
    int nind;
    const char **l1;            /* the 一级 in order of appearance */
    int nl1;
    Decimal budget_initial;     /* 年初预算数 (年度资金申请总额) */
    Decimal budget;             /* 全年预算数 */
    Decimal spent;              /* 全年执行数 */
    bool has_spent;
    Decimal exec_weight;
    const ActualRow *budget_row, *spent_row;
    const ActualRow *rate_row, *total_row;  /* published 执行率 and 总分 (audited), or NULL */
    /* mid-year monitoring (ev_bind_monitor): the rows 累计执行数, 全年预计执行数 */
    Decimal todate, forecast_spent;         /* in 元 */
    const ActualRow *todate_row, *forecast_row;     /* NULL: not given */
    Decimal pub_rate, pub_total;
    const char *pub_grade;      /* the published 等级, or NULL */
    const ActualRow *grade_row;
    EvAudit *audit;             /* the result: published figures that differ */
    /* the result */
    Decimal exec_rate;          /* percent, two decimals */
    Decimal exec_score;
    bool exec_need_reason;
    const char *exec_explain;
    Decimal *l1_weight, *l1_score;
    Decimal total;
    const char *grade;
} EvProject;

/* How many published figures of p's actuals scoring audits (the 得分 of a
 * quantitative indicator or of the budget row, 执行率, 总分, 等级): what
 * pgc test counts as a case's expectations. */
int ev_audited(const EvProject *p);
/* The name of a rule (正向, 等零, …), as schemes and reports write it. */
const char *ev_rule_name(RuleId r);
/* An amount of a project (kept in 元) as its form writes it: in the unit
 * of its 资金 block, 元 × 10^-funds_shift (89.974 for 899,740.00 元 in a
 * 万元 project), two decimals at least and no digit lost; buf has DEC_BUF
 * bytes. */
const char *ev_money(int funds_shift, Decimal yuan, char *buf);
/* That amount as a number in the unit of the 资金 block (what ev_money
 * writes, before its trailing zeros beyond the second decimal are cut). */
Decimal ev_money_value(int funds_shift, Decimal yuan);
/* The rule of that name, or R_COUNT. */
RuleId ev_rule_named(const char *name);

/* ---- bind.c: actuals bound to a lowered project ---------------------------- */

/* Binds the project's actual rows (NULL: none) to p, and gives its
 * indicators their weights; reports problems (with the spec's source as
 * the current diagnostics file); returns false on errors.  act (or NULL)
 * is the actuals file, whose project names a missing project's message
 * suggests from.  Needs only the units and words of std (a built
 * evaluator carries just those). */
bool ev_bind(const Stdlib *std, EvProject *p, ActualRow *rows, const char *actuals_path,
             const Actuals *act, Arena *arena);
/* Mid-year actuals bound to p (pgc monitor): as ev_bind, but an
 * indicator may have no row or an empty value, no 全年执行数 is needed
 * and no weight is given; the rows 累计执行数 and 全年预计执行数 are read
 * (into todate, forecast_spent), and the year-end rows 全年执行数,
 * 执行率, 总分 and 等级 are errors (E0514).  ev_bind says the same of
 * the monitoring rows in year-end actuals. */
bool ev_bind_monitor(const Stdlib *std, EvProject *p, ActualRow *rows, Arena *arena);
/* The weights alone, without actuals (the language server's hints): what
 * ev_bind gives the indicators when no actual row has a 分值.  False (after
 * reporting) when the scheme cannot weigh them so. */
bool ev_weigh(EvProject *p, Arena *arena);

/* ---- interp.c -------------------------------------------------------------- */

/* Scores p by its scheme's rules; explanations when explain is set.
 * Returns false after reporting a score that cannot be computed. */
bool ev_run(EvProject *p, bool explain, Arena *arena);

/* The arithmetic of one indicator (or of the execution row) done by
 * another engine (jit.c), for ev_run_with: everything else — warnings,
 * explanations, the sums — stays in interp.c. */
typedef struct EvRuleResult {
    bool have;                  /* false: the interpreter computes this one */
    bool full;                  /* the result ≥ 分值, before rounding */
    bool over;                  /* 正向: 实际 ≥ 偏差阈值 × 目标 (a 偏差原因 is needed) */
    bool under;                 /* the execution row: 执行率 < 执行率阈值 */
    Decimal score;              /* clamped to [0, 分值], rounded to two decimals */
    Decimal rate;               /* the execution row: 执行率 in percent, two decimals */
    Rat r;                      /* the exact result, in lowest terms (for --explain) */
} EvRuleResult;

/* ev_run, with pre[0..nind-1] for the indicators and pre[nind] for the
 * execution row (NULL: none); all the rest is shared. */
bool ev_run_with(EvProject *p, const EvRuleResult *pre, bool explain, Arena *arena);

/* ---- jitrun.c: running compiled scoring code --------------------------------- */

/* The slots after the VAR_* ones: the band factor, and the scheme's
 * 偏差阈值 (indicators) or 执行率阈值 (the execution row). */
enum { JIT_BAND = VAR_COUNT, JIT_AUX, JIT_NSLOTS };

/* What pgc_score_batch computes besides the score. */
enum { JIT_EXTRA_NONE, JIT_EXTRA_DEVIATION, JIT_EXTRA_RATE };

/* One rule to evaluate.  jit_types builds the same struct, field by field
 * and with the same types, for the generated code: GCC lays both out by
 * the same ABI (trailing padding included). */
typedef struct JitInd {
    dec_i128 n[JIT_NSLOTS], d[JIT_NSLOTS];  /* in: the variables, d > 0 where read */
    dec_i128 rnum, rden;                    /* out: the exact result, not reduced */
    dec_i128 cents;                         /* out: clamped to [0, 分值], rounded */
    dec_i128 rate;                          /* out, JIT_EXTRA_RATE: 执行率 in 1/100 % */
    int32_t rule;                           /* in: a RuleId */
    int32_t extra;                          /* in: JIT_EXTRA_* */
    int32_t status;                         /* out: 0 done, 1 fall back */
    int32_t full;                           /* out: result ≥ 分值 before rounding */
    int32_t flag;                           /* out: 实际 ≥ 偏差阈值 × 目标, or 执行率 < 执行率阈值 */
} JitInd;

/* The compiled scoring of one scheme: scores n rows, returns how many it
 * handed back (status 1) to the interpreter. */
typedef int (*JitBatchFn)(JitInd *inds, int n);

/* The buffers of jit_score, reused from project to project. */
typedef struct JitScorer {
    JitInd *ind;
    EvRuleResult *res;
    int *which;                             /* ind[k] is for indicator which[k] */
    int cap;
    long long scored, fell_back;
} JitScorer;

/* The slots (VAR_*, JIT_BAND) a rule reads, as bits. */
unsigned jit_reads(const IrExpr *e);
/* ev_run through batch; reads: jit_reads of each of the scheme's rules. */
bool jit_score(JitScorer *s, JitBatchFn batch, const unsigned *reads, EvProject *p, bool explain, Arena *arena);
void jit_scorer_free(JitScorer *s);

/* ---- timing.c: PGC_TIMING ---------------------------------------------------- */

typedef enum Phase { PH_ACTUALS, PH_PARSE, PH_LOWER, PH_BIND, PH_COMPILE, PH_SCORE, PH_REPORT, PH_COUNT } Phase;

typedef struct Timing {
    bool on;                                /* PGC_TIMING is set (and not 0) */
    double ms[PH_COUNT];
} Timing;

void tm_init(Timing *t);
double tm_now(const Timing *t);             /* milliseconds, monotonic; 0 when off */
void tm_end(Timing *t, Phase ph, double start);
/* "pgc: timing (ms): actuals …, total …; engine E (rules compiled: …)" */
void tm_print(const Timing *t, double total, const char *engine, bool compiled, long long scored, long long fell_back);

/* ---- parts.c: a run's files in parts, one forked process each -------------- */

/* The files of the operands, with their sizes (src_walk(…, files_add, &l)). */
typedef struct FileList {
    char **path;
    off_t *size;
    size_t n, cap;
    off_t total;                /* the sum of the sizes */
} FileList;
void files_add(void *list, const char *path);
void files_free(FileList *l);

/* Up to PARTS_MAX_JOBS processes; under PARTS_MIN_BYTES of files a second
 * one is not worth starting. */
enum { PARTS_MAX_JOBS = 64, PARTS_MIN_BYTES = 256 * 1024 };
long parts_default_jobs(void);              /* one per CPU */
/* -j N, --jobs=N of command cmd: from 1 to PARTS_MAX_JOBS, else a usage error. */
bool parts_jobs_arg(const char *cmd, const char *arg, long *to);
/* Whether n items of total bytes are worth sharing among jobs processes. */
bool parts_worth(size_t n, off_t total, long jobs);

typedef struct Parts {
    const char *cmd;            /* for messages: "check" (NULL: a built evaluator) */
    /* in a worker (or this process), items [from, to) as part k; stdout
     * and stderr are the part's */
    void (*run)(void *ctx, size_t from, size_t to, int k);
    int (*status)(void *ctx);   /* a worker's exit status, after run */
    /* in this process, in the parts' order: part k's stdout (NULL: it is
     * copied to stdout); not called for a worker that died */
    void (*output)(void *ctx, int k, FILE *out);
    void *ctx;
} Parts;
/* Runs n items (files; a built evaluator's spec files) of size[i] bytes,
 * total in all, in about jobs parts of equal bytes, then takes their
 * outputs in order and replays their diagnostics (diag_replay); returns
 * the worst exit status, or -1 when no temporary file could be made
 * (nothing ran). */
int parts_run(const Parts *p, const off_t *size, size_t n, off_t total, long jobs);
/* A file done: counted for the progress line, in a worker or here. */
void parts_step(void);
/* size bytes of zeros shared with the workers forked after (NULL when
 * the memory cannot be had); parts_unshare gives them back. */
void *parts_shared(size_t size);
void parts_unshare(void *m, size_t size);

/* ---- serial.c: the specs of a built evaluator ----------------------------------- */

enum { SPEC_MAX_SCHEMES = 16 };

/* pgc build: lowered projects, file by file, then the finished blob. */
typedef struct SpecWriter {
    const Stdlib *std;                      /* the units are written by number in it */
    Buf files;                              /* the files written so far */
    int nfiles;
    const EvScheme *schemes[SPEC_MAX_SCHEMES];  /* those the projects use */
    int nschemes;
    const EvMonScheme *monitor;             /* the 监控方案 of the evaluator's --monitor (required) */
    char hash[65];                          /* after spec_finish: SHA-256, hex */
} SpecWriter;

void spec_add_file(SpecWriter *w, const Source *src, EvProject *const *ps, int n);
/* Puts the start of the blob in head: the blob is head followed by
 * w->files (then free both); no copy of the files is made. */
void spec_finish(SpecWriter *w, Buf *head);

/* The evaluator: reads the blob back in place, a file and a project at
 * a time; strings and a file's excerpt point into the blob itself. */
typedef struct SpecReader {
    const unsigned char *in, *in_end;       /* the blob, still to read */
    const unsigned char *dropped;           /* its pages before this were let go */
    const unsigned char *p, *end;           /* the record being read, in place */
    const char **strs;                      /* the strings of this file so far */
    uint32_t nstrs, strs_cap;
    const char *version, *hash;             /* of the pgc that built it; of the specs */
    Stdlib std;                             /* units and words only */
    EvScheme *schemes;
    int nschemes, nfiles, file;
    EvMonScheme monitor;                    /* the 监控方案 it was built with */
} SpecReader;

/* Reads the head of the blob (its tables and schemes, in a);
 * false: not a blob of this format (a damaged one ends the process). */
bool spec_open(SpecReader *r, const unsigned char *blob, size_t len, Arena *a);
/* The next file (src: free with src_free) and its number of projects,
 * which must all be read (spec_next_project) before the next file. */
bool spec_next_file(SpecReader *r, Source *src, int *nprojects);
EvProject *spec_next_project(SpecReader *r, const Source *src, Arena *a);
/* Before the first file: where each of the r->nfiles files starts in the
 * blob (at[k]) and its size decoded (size[k]), found without decoding
 * them; false after a file was read.  spec_seek then makes file k (at
 * at[k]) the next one read: the evaluator's parts (-j) start there. */
bool spec_index(SpecReader *r, const unsigned char **at, off_t *size);
void spec_seek(SpecReader *r, int k, const unsigned char *at);
void spec_close(SpecReader *r);

/* ---- sha256.c ---------------------------------------------------------------- */

void sha256_hex(const void *data, size_t n, char out[65]);
/* The same over data given in pieces: init, add each, end. */
typedef struct Sha256 {
    uint32_t h[8];
    uint64_t n;                 /* bytes added */
    unsigned char part[64];     /* of the block being filled */
} Sha256;
void sha256_init(Sha256 *c);
void sha256_add(Sha256 *c, const void *data, size_t n);
void sha256_end_hex(Sha256 *c, char out[65]);

/* ---- rtmain.c: a built evaluator's main ----------------------------------------- */

int pgc_rt_main(int argc, char **argv, const unsigned char *specs, size_t nbytes, const JitBatchFn *batch,
                int nbatch);

/* ---- dash.c: a portfolio's dashboard ----------------------------------------- */

/* What a portfolio of projects looks like at once: the projects of each
 * category (pgc eval: the 等级 of its 评级; pgc monitor: a light), a
 * histogram of one exact value per project over fixed bins (总分; an
 * execution rate in %), the projects and the indicators furthest behind
 * (the lowest sort keys, only the worst few kept), and subtotals by
 * 主管部门 and by 实施单位 (counts by category, the mean of the value).
 * The caller names everything shown (DashConfig, in Chinese: the reports
 * are Chinese forms); dash.c counts, keeps and writes it in four formats.
 * Every string given is copied; memory grows with the categories and the
 * distinct departments and units, not with the projects or indicators. */
enum { DASH_MAX_CATS = 32, DASH_MAX_BINS = 40, DASH_MAX_WORST = 100 };

typedef struct DashConfig {
    const char *title;              /* the summary's heading: 项目支出绩效自评汇总 */
    const char *value_name;         /* the value per project: 总分, 预算执行率 */
    const char *value_unit;         /* after a bin's bounds in the chart's caption: 分, %; "" for none */
    const char *category_head;      /* what the categories are: 等级, 监控结果 */
    Decimal bin_from, bin_width;    /* the first bin starts at bin_from; each is bin_width wide */
    int nbins;                      /* 1..DASH_MAX_BINS; a value below the first bin is counted in
                                     * it, one at or above the last bin's end in the last */
    int nworst;                     /* how many projects and indicators the lists keep, 1..DASH_MAX_WORST */
    const char *projects_title;     /* the heading of the projects furthest behind: 总分最低的项目 */
    const char *indicators_title;   /* … and of the indicators: 得分率最低的指标 */
    const char *ind_value_head;     /* the column of an indicator's value text: 得分/分值 */
    const char *ind_detail_head;    /* … of its detail text: 年度指标值／实际完成值 */
} DashConfig;

typedef struct DashCat {
    const char *name;               /* 优, 绿 */
    const char *css;                /* its colour in html: green, blue, yellow, red, grey (or NULL) */
    long count;                     /* projects */
} DashCat;

/* One row of a "furthest behind" list: a project, or an indicator of one. */
typedef struct DashItem {
    Decimal key;                    /* the lowest keys are kept (ties: the earlier first) */
    long seq;                       /* when it was added: the order of ties */
    char *project, *dept, *unit;    /* the project's (malloc'd copies) */
    char *name;                     /* the indicator's, NULL in the projects' list */
    char *value, *detail;           /* texts shown: 总分 "58.50"; 得分/分值 "0.00/10.00", … */
    int cat;                        /* its category, or -1 */
} DashItem;

/* The projects of one 主管部门 or 实施单位 ("" when not given). */
typedef struct DashGroup {
    const char *name;
    long n, nvalued;                /* projects; of them with a value */
    long count[DASH_MAX_CATS];      /* by category */
    Decimal sum;                    /* of the values */
    bool overflow;                  /* the sum did not fit: no mean is shown */
    struct DashGroup *next;         /* in order of first appearance */
} DashGroup;

typedef struct Dash {
    DashConfig cfg;                 /* its strings copied */
    Arena arena;                    /* the categories' and groups' names, the groups */
    DashCat cat[DASH_MAX_CATS];
    int ncats;
    long bins[DASH_MAX_BINS];
    long nprojects, nvalued, nindicators;   /* added; of them with a value; indicators added */
    Decimal sum;                    /* of the values */
    bool overflow;
    DashItem worst_p[DASH_MAX_WORST], worst_i[DASH_MAX_WORST];  /* by key, then seq */
    int nworst_p, nworst_i;
    StrMap depts, units;            /* name → DashGroup */
    DashGroup *dept_list, *unit_list, **dept_tail, **unit_tail;
} Dash;

Dash *dash_new(const DashConfig *cfg);
void dash_free(Dash *d);
/* The category of that name, added (last, with its css class) when new;
 * -1 when there are DASH_MAX_CATS already.  Declaring them all first
 * (a scheme's grades, the lights) shows those with no project too. */
int dash_category(Dash *d, const char *name, const char *css);
/* A project of category cat (-1: none) with its value (NULL: none — not
 * in the histogram or the means); value_text is how the list shows it. */
void dash_project(Dash *d, const char *project, const char *dept, const char *unit, int cat,
                  const Decimal *value, const char *value_text);
/* An indicator of the project added last: kept if its key is among the
 * nworst lowest so far; value and detail are its texts, cat its category
 * or -1. */
void dash_indicator(Dash *d, const char *project, const char *name, Decimal key, const char *value,
                    const char *detail, int cat);
/* Whether an indicator of that key would be kept now (its texts need
 * not be made when not). */
bool dash_indicator_kept(const Dash *d, Decimal key);
/* The dashboard: html (a page of its own, with the histogram as inline
 * SVG; its classes styled by dash_html_style, to go in the document's
 * <style>), text and Markdown (tables, no chart), and JSON (an object,
 * numbers as exact decimals). */
void dash_html_style(Buf *out);
void dash_html(Buf *out, const Dash *d);
void dash_text(Buf *out, const Dash *d);
void dash_md(Buf *out, const Dash *d);
void dash_json(Buf *out, const Dash *d);
/* The state as bytes (a part's of a run in parts, -j), and such bytes
 * merged into d as if their projects came after d's: the same dashboard
 * as one process makes.  False: not a state dash_save wrote. */
void dash_save(const Dash *d, Buf *out);
bool dash_merge(Dash *d, const char *s, size_t n);
/* An aligned table of text: nrows rows of ncols cells, row r's cells at
 * cells[r * stride], padded to their column's display width (CJK = 2),
 * right-aligned where right[c]; trailing spaces trimmed.  (report.c's
 * text tables too.) */
void dash_table(Buf *out, const char *const *cells, int stride, int nrows, int ncols, const bool *right);

/* ---- report.c -------------------------------------------------------------- */

typedef enum ReportFormat {
    REP_TEXT, REP_JSON, REP_CSV, REP_MD, REP_HTML,
    REP_XLSX,                   /* a workbook: pgc's (src/xlsx.c, through ScoreRun's sink), no Buf */
    REP_COUNT,
    REP_TEST = REP_COUNT,       /* pgc test: each case's expected figures (not a --format) */
} ReportFormat;
/* pgc test's cases so far: those whose expected figures all agree, and the others. */
void rep_test_counts(int *passed, int *failed);

/* A report: rep_begin, rep_project for each project (first: the first
 * one), rep_end. */
void rep_begin(Buf *out, ReportFormat f);
void rep_project(Buf *out, ReportFormat f, const EvProject *p, bool explain, bool first);
/* What rep_project writes before a project that is not the first (pgc
 * eval -j joins its parts' reports with it). */
void rep_between(Buf *out, ReportFormat f);
/* The report's end, after the last project, into out, and what goes
 * ahead of it all into head (the Spool's: html's head and summary page);
 * d (or NULL) is the dashboard, shown when there is more than one
 * project (text, md: at the end; json: its "summary"; html: first). */
void rep_end(Buf *out, Buf *head, ReportFormat f, int nprojects, const Dash *d);
/* The dashboard of the projects of a report of format f (NULL: f has
 * none, csv, xlsx, test), and each project scored added to it: its
 * grade among the 评级's, its 总分, each indicator's 得分/分值. */
Dash *rep_dash_new(ReportFormat f);
void rep_dash_project(Dash *d, const EvProject *p);
/* -f FMT, --format=FMT in an option table (cli.c): *to = the ReportFormat
 * of one of the formats' names (text, json, csv, md, html, xlsx); the
 * message for another name lists xlsx only when xlsx is true (pgc eval,
 * which writes it; a built evaluator takes the name to refuse it). */
CliOpt rep_format_option(int *to, bool xlsx);
/* What the reports show besides the scores, computed once here for every
 * writer (report.c's and pgc's xlsx.c): the rows the 一级 cell (l2 false)
 * or the 二级 cell of indicator i spans — 0 when i continues the cell of
 * the row above, 1 for an indicator directly under its 一级 (no 二级); the
 * 分值 of 总分 (the 预算执行率's and every 一级's); the indicators not met. */
int rep_cell_rows(const EvProject *p, int i, bool l2);
/* A CSV cell, quoted when it needs it (monitor.c's reports too). */
void rep_csv_cell(Buf *b, const char *s);
Decimal rep_weight_total(const EvProject *p);
int rep_unmet(const EvProject *p);

/* Actuals as CSV (read back by actuals.c): the header, then rows. */
void rep_actuals_begin(Buf *out);
/* A project's rows to fill in: its indicators with their targets, and the
 * budget rows (全年预算数 filled in with the spec's). */
void rep_template(Buf *out, const EvProject *p);
/* The rows of actuals as read (from a CSV file or a 实际 block). */
void rep_actual_rows(Buf *out, const char *project, const ActualRow *rows, Arena *a);

/* ---- monitor.c: mid-year monitoring (绩效运行监控, the 执行监控表) ------------- */


/* One indicator of the 执行监控表. */
typedef struct MonIndicator {
    const EvIndicator *x;       /* its spec (x->row: its row, or NULL) */
    bool has_value;             /* a 1–N月完成值 (in x->actual, x->band, x->actual_text) */
    bool has_forecast;          /* a 全年预计完成值, given or forecast */
    bool forecast_given;        /* the actuals give it */
    bool by_pace;               /* forecast from the value by pace (× 12 ÷ N): a count or an amount */
    Rat forecast;               /* numbers, dates, ranks: as x->actual */
    Band band;                  /* the forecast's band: qualitative targets */
    const char *forecast_text;
    bool has_gap;               /* a number: how far the forecast falls short of the target */
    Rat gap;                    /* points of the target (0 when met) */
    Likely likely;
    const char *reason_kind;    /* 经费保障 … 其他, or NULL */
    const char *reason_note;    /* the rest of the 偏差原因 ("" when none) */
    Light light;
    const char *explain;        /* how the light was found (always made: --explain shows it) */
} MonIndicator;

typedef struct MonProject {
    EvProject *p;
    int through;                /* N: months 1..12 */
    bool reported;              /* the actuals have rows for it (else: 未填报) */
    /* funds */
    bool has_todate;            /* 累计执行数 given */
    Decimal rate;               /* 1–N月执行率: 累计执行数 ÷ 全年预算数, percent, two decimals */
    Decimal pace;               /* 序时进度: N ÷ 12, percent, two decimals */
    Rat behind;                 /* 序时进度 − 执行率, points, exactly */
    bool forecast_given;        /* 全年预计执行数 given; else todate × 12 ÷ N */
    Decimal forecast_spent;     /* in 元 */
    Light budget_light;
    const char *budget_explain;
    MonIndicator *ind;          /* p->nind of them */
    Light light;                /* the worst of all its lights (LIGHT_NONE: 未填报) */
    int count[LIGHT_COUNT];     /* its indicators by light */
    bool overflow;              /* a step of the arithmetic did not fit: an error (E0509) */
} MonProject;

/* The name of a light (绿, 黄, 红, 未填报) and of a 完成目标可能性. */
const char *mon_light_name(Light l);
Light mon_light_named(const char *name);       /* LIGHT_COUNT: none */
const char *mon_likely_name(Likely k);
/* The monitoring of p (lowered; rows: its mid-year actuals, NULL when it
 * has none — then it is 未填报) after `through` months by the 监控方案 ms:
 * binds the rows (ev_bind_monitor), forecasts, lights and checks (a
 * 偏差原因 where a light is not 绿 or 完成目标可能性 is not 确定能: W0801;
 * the spending figures in order: W0802).  False after reporting errors. */
bool mon_project(const Stdlib *std, const EvMonScheme *ms, EvProject *p, ActualRow *rows, int through,
                 MonProject *m, Arena *arena);
/* The 执行监控表 report (text, json, csv, md, html): begin, each project,
 * end (nprojects), as rep_begin … rep_end. */
void mon_begin(Buf *out, ReportFormat f, int through);
void mon_report(Buf *out, ReportFormat f, const MonProject *m, bool explain, bool first);
/* mon_end: the end into out, and what goes ahead of it all into head (the
 * Spool's: html's head and dashboard); d (or NULL): the dashboard, shown
 * when there is more than one project, as rep_end shows pgc eval's. */
void mon_end(Buf *out, Buf *head, ReportFormat f, int nprojects, const Dash *d);
/* A monitoring run (pgc monitor, an evaluator's --monitor): begin, a
 * project at a time (mon_one: monitored and reported into out; false
 * after errors, said), end. */
typedef struct MonRun {
    const Stdlib *std;
    const EvMonScheme *ms;
    int through;
    ReportFormat format;
    bool explain;
    Spool *out;
    /* a report not written into out (REP_XLSX: pgc's workbook): each
     * project monitored is handed to sink instead; NULL: mon_report */
    void (*sink)(void *ctx, const MonProject *m, bool explain);
    void *sink_ctx;
    Dash *dash;                     /* the portfolio's dashboard (text, json, md, html), or NULL */
    int nprojects;                  /* reported so far */
} MonRun;
/* --through N of command cmd (NULL: a built evaluator): 1 to 12, else a
 * usage error, said. */
bool mon_through_arg(const char *cmd, const char *arg, int *to);
void mon_run_begin(MonRun *r);
bool mon_one(MonRun *r, EvProject *p, ActualRow *rows, Arena *arena);
void mon_run_end(MonRun *r);
/* ---- xlsxtpl.c: the actuals to fill in, as a workbook ------------------------- */

/* The template being written: begin, a project at a time, the workbook's
 * bytes appended to a Buf, free. */
typedef struct XlsxTemplate {
    struct XlsxSheet *sheet;    /* the rows so far (xlsxtpl.c's) */
    const Stdlib *std;          /* the words of each scale, for the drop-downs */
} XlsxTemplate;
void xlsx_template_begin(XlsxTemplate *t, const Stdlib *std);
void xlsx_template_project(XlsxTemplate *t, const EvProject *p);
void xlsx_template_bytes(XlsxTemplate *t, Buf *out);
void xlsx_template_free(XlsxTemplate *t);

/* ---- score.c: one project scored, by pgc eval and a built evaluator ------------ */

/* What an engine's prepare says of a scheme. */
typedef enum ScoreReady {
    SCORE_READY,            /* the engine scores the project */
    SCORE_ENGINE_OFF,       /* the interpreter scores it, and every one after it */
    SCORE_FAILED,           /* the project cannot be scored (the engine said why) */
} ScoreReady;

/* Who scores a bound project instead of the interpreter (ev_run): the JIT
 * of pgc eval, or the batches compiled into an evaluator. */
typedef struct ScoreEngine {
    /* Gets ready for a scheme (compiles it, once) before a project of it
     * is scored (PH_COMPILE); NULL: always ready. */
    ScoreReady (*prepare)(void *ctx, const EvScheme *sc);
    /* ev_run's work, as exactly. */
    bool (*score)(void *ctx, EvProject *p, bool explain, Arena *arena);
    void *ctx;
} ScoreEngine;

typedef struct ScoreRun {
    const Stdlib *std;              /* the units and words binding needs */
    const Actuals *act;             /* the actuals file, or NULL (实际 blocks) */
    const char *actuals_path;       /* where the rows come from, for messages */
    ReportFormat format;
    bool explain;
    Spool *out;                     /* the report */
    Timing *tm;
    const ScoreEngine *engine;      /* NULL: the interpreter (also once it is SCORE_ENGINE_OFF) */
    /* A report that is not written into out (REP_XLSX: pgc's workbook):
     * each project scored is handed to sink(sink_ctx, p, explain) instead
     * of rep_project; NULL: rep_project into out */
    void (*sink)(void *ctx, const EvProject *p, bool explain);
    void *sink_ctx;
    int nprojects;                  /* reported so far */
    Dash *dash;                     /* the dashboard of the projects reported (NULL: the format has none) */
} ScoreRun;

/* The report's start (rep_begin), before the first project. */
void score_begin(ScoreRun *s);
/* Binds the project's rows (ev_bind); the time since `since` (when its
 * lowering or reading began) counts as PH_LOWER.  False on errors (said). */
bool score_bind(ScoreRun *s, EvProject *p, ActualRow *rows, double since, Arena *arena);
/* score_bind, then the rules run (PH_SCORE) and the project's report
 * appended (PH_REPORT).  False when it could not be bound or scored. */
bool score_project(ScoreRun *s, EvProject *p, ActualRow *rows, double since, Arena *arena);
/* The report's end (rep_end), after the last project. */
void score_end(ScoreRun *s);
/* A part of a run in parts (-j): its own report, set up by
 * score_part_begin and written to stdout (the part's) by score_part_end,
 * which gives back the run's report and count; false when it could not
 * be written.  nprojects: how many it reported. */
typedef struct ScorePart {
    Spool mine, *whole;
    int before, nprojects;
    Dash *whole_dash;               /* the run's dashboard, while the part has its own */
    size_t dash_bytes;              /* the part's dashboard, written ahead of its report (dash_save) */
} ScorePart;
void score_part_begin(ScoreRun *s, ScorePart *part);
bool score_part_end(ScoreRun *s, ScorePart *part, const char *prog);
/* What the parts of a run hand back beside their reports and messages,
 * in memory shared before the fork: each part's figures, and the marks
 * of the actuals' projects each used (act_used_to).  NULL when the
 * memory cannot be had. */
typedef struct PartResult {
    int nprojects;
    bool failed, io_error, fatal;
    size_t dash_bytes;              /* ScorePart's */
} PartResult;
typedef struct PartsShared {
    PartResult part[PARTS_MAX_JOBS];
    size_t nused;
    unsigned char used[];
} PartsShared;
PartsShared *score_shared_new(size_t nused);
void score_shared_free(PartsShared *sh);
/* Appends a part's report (the file it wrote, nprojects projects, after
 * its dashboard of dash_bytes) to the run's, as one process would have
 * written them, its dashboard merged into the run's; false on a read
 * error. */
bool score_join(ScoreRun *s, FILE *part, int nprojects, size_t dash_bytes);
/* Part k's report (the file it wrote) joined to the run's, its failure
 * added to *failed and its fatal error to *fatal (NULL: none kept);
 * false when the part could not write its report or it cannot be read. */
bool score_take_part(ScoreRun *s, const PartsShared *sh, int k, FILE *out, bool *failed, bool *fatal);
/* Writes the report to path (NULL: stdout; prog names the program in
 * messages) when status is 0, timed as PH_REPORT; returns status, or 2
 * when it could not be written. */
int score_write(ScoreRun *s, const char *path, const char *prog, int status);

#endif /* PGC_RT_H */
