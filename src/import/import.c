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
 * Reading goes in three steps, each in files of its own (src/import/,
 * their types in import.h):
 *
 *   the text   bytes to UTF-8 (a file saved as GB18030 or UTF-16 by a
 *              Chinese Windows is converted: text.c's policy for a form),
 *              then to rows of cells (cells.c, through csv.c's reader of
 *              pasted tables); TSV or CSV is decided per file, and a cell
 *              in quotes may hold separators, "" and line breaks (RFC 4180)
 *              — Excel quotes that way in both formats;
 *   the forms  rows to Forms (imp_row, below): a form starts at its 项目名称
 *              row and takes the 年度 of the `(2023年度)` line above it; its
 *              header, funds and goals (head.c) and indicator tree
 *              (table.c) are filled in as the rows come; every value is
 *              turned into .pg text at once (target.c), while its cell is
 *              at hand for a diagnostic;
 *   the files  a Form to .pg text (here), given to fmt_source so the result
 *              is exactly what `pgc fmt` makes of it, then written to
 *              NAME.pg through a temporary file and a link (or, with -f, a
 *              rename), so an existing file is never replaced by accident
 *              and never left half-written.
 *
 * Nothing is guessed silently.  What the form says but cannot be mapped
 * exactly is a diagnostic at the cell (file:line:col of the input, through
 * diag.c, codes E07xx/W07xx), and the project is still written, with a
 * comment above the doubtful line for the person who fixes it:
 * `# 申报表原文：…` where the form itself is odd but was kept as it is (a
 * target without an operator, an indicator in the 二级 column, a 天数 in
 * %) and `# 待核实：…` where a value could not be read (then its raw text
 * is kept as a string) or is missing.  An error means something a person
 * must settle before the project is right (exit status 1); a warning, that
 * the file says what the form says but the form deserves a look.  The rest
 * of the meaning is left to `pgc check`: funds that do not add up or a
 * duplicate indicator are faithfully imported and reported there.  What a
 * .pg project has no place for — the 财政资金 and 其他资金 of a multi-year
 * project's whole life, a row of 联系人 — is kept as a comment too, never
 * dropped.
 *
 * The same project comes back at year end as a 项目支出绩效自评表, known
 * by its title or by the columns only it has (全年执行数, 实际完成值, 得分).
 * Its rows are read by the same steps wherever they are a 申报表's, and
 * by selfeval.c where they are not: the funds block of the year's figures,
 * the goal's 实际完成情况, the actuals of each indicator row, the 总分.
 * Its project is written with a `实际` block after it, holding every
 * figure the table publishes, so that `pgc eval` scores the file alone
 * and audits them; the comments then say 自评表原文 (imp_doc).
 */
#include "import.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the forms: where a row goes ---------------------------------------- */

/* A row: a title or a 年度 line, a header row (labels), a row of goal
 * text, or a row of the indicator table — by what it holds and where the
 * form is. */
static void imp_row(Imp *im, const Row *r)
{
    if (r->n == 0 || (r->n == 1 && imp_title_or_year(im, &r->cells[0])))
        return;
    const char *paren;
    const Cell *name = NULL;
    for (int i = 0; i < r->n && !name; i++)
        if (imp_label_of(im, &r->cells[i], &paren) == L_NAME)
            name = &r->cells[i];
    if (name)
        imp_new_form(im, name);
    Form *f = im->form;
    if (!f)
        return;                     /* before the first form: a heading, a note */
    if (!f->se && imp_row_is_self_eval(im, r))
        imp_se_begin(im, f);        /* a 自评表 known by its columns */
    if (f->se && !name && imp_se_funds_row(im, f, r))
        return;
    if (name || (f->sec == SEC_IND ? imp_row_has_columns(im, r) : imp_row_has_label(im, r))) {
        imp_head_row(im, f, r);
    } else if (f->sec != SEC_IND && imp_row_has_level1(im, r)) {
        f->sec = SEC_IND;
        imp_ind_row(im, f, r);
    } else if (f->sec == SEC_GOALS) {
        imp_goal_row(im, f, r);
    } else if (f->sec == SEC_IND) {
        imp_ind_row(im, f, r);
    } else {
        imp_head_row(im, f, r);
    }
}

/* ---- the files: .pg text ------------------------------------------------ */

void imp_gen_notes(Buf *b, int depth, const char *notes)
{
    for (const char *p = notes; p && *p;) {
        size_t n = strcspn(p, "\n");
        buf_spaces(b, depth * 4);
        buf_str(b, "# ");
        buf_add(b, p, n);
        buf_str(b, "\n");
        p += n + (p[n] == '\n');
    }
}

static void gen_entry(Buf *b, int depth, const char *name, const char *pg, const char *notes)
{
    imp_gen_notes(b, depth, notes);
    if (!pg)
        return;
    buf_spaces(b, depth * 4);
    buf_printf(b, "%s %s\n", name, pg);
}

static void gen_node(Imp *im, Buf *b, const Node *n, int depth)
{
    if (n->group && !n->kids && !n->notes)
        return;                     /* a category the form fills with 无 */
    imp_gen_notes(b, depth, n->notes);
    buf_spaces(b, depth * 4);
    if (!n->group) {
        buf_printf(b, "指标 %s%s%s\n", imp_pg_name(im->arena, n->name), *n->target ? " " : "", n->target);
        return;
    }
    buf_printf(b, "%s {\n", imp_pg_name(im->arena, n->name));
    for (const Node *k = n->kids; k; k = k->next)
        gen_node(im, b, k, depth + 1);
    buf_spaces(b, depth * 4);
    buf_str(b, "}\n");
}

static void gen_form(Imp *im, const Form *f, Buf *b)
{
    buf_printf(b, "项目 %s {\n", imp_pg_name(im->arena, f->name));
    imp_gen_notes(b, 1, f->year_notes);
    if (f->year)
        buf_printf(b, "    年度 %d\n", f->year);
    for (int i = F_NATURE; i <= F_END; i++)
        gen_entry(b, 1, imp_field_names[i], f->item[i].pg, f->item[i].notes);
    imp_gen_notes(b, 1, f->head_notes);
    buf_str(b, "\n    资金 {\n");
    const Item *lf = &f->item[F_LIFE_FISCAL], *lo = &f->item[F_LIFE_OTHER];
    imp_gen_notes(b, 2, lf->notes);
    imp_gen_notes(b, 2, lo->notes);
    if (lf->pg || lo->pg)
        buf_printf(b, "        # 申报表原文：项目资金总额中，财政资金 %s，其他资金 %s\n", lf->pg ? lf->pg : "（空）",
                   lo->pg ? lo->pg : "（空）");
    for (int i = F_LIFE; i <= F_OTHER; i++)
        gen_entry(b, 2, imp_field_names[i], f->item[i].pg, f->item[i].notes);
    buf_str(b, "    }\n\n");
    for (int i = F_GOAL_ALL; i <= F_GOAL_YEAR; i++) {
        const Item *it = &f->item[i];
        gen_entry(b, 1, imp_field_names[i], it->text ? imp_pg_string(im->arena, it->text) : NULL, it->notes);
    }
    for (const Node *n = f->root.kids; n; n = n->next) {
        buf_str(b, "\n");
        gen_node(im, b, n, 1);
    }
    if (f->end_notes) {
        buf_str(b, "\n");
        imp_gen_notes(b, 1, f->end_notes);
    }
    buf_str(b, "}\n");
    if (f->se)
        imp_se_gen(im, f, b);
}

/* ---- the files: writing ------------------------------------------------- */

/* Makes dir and its parents, as mkdir -p does. */
static bool make_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return true;
        diag_plain(dir, "not a directory");
        return false;
    }
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            break;
        *s = '/';
    }
    bool ok = mkdir(p, 0777) == 0 || (errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode));
    if (!ok)
        diag_plain(dir, "cannot create the directory: %s", strerror(errno));
    free(p);
    return ok;
}

/* Generates, formats and writes one form's project. */
static void emit_form(Imp *im, const Form *f)
{
    ImpRun *run = im->run;
    Buf b = { 0 };
    gen_form(im, f, &b);
    bool to_stdout = strcmp(run->outdir, "-") == 0;
    const char *path = to_stdout ? f->file : arena_printf(im->arena, "%s%s%s", run->outdir,
                                                          str_ends(run->outdir, "/") ? "" : "/", f->file);
    Source gen;
    src_from_string(&gen, path, b.s, b.n);
    size_t len;
    char *out = fmt_source(&gen, im->arena, &len);
    if (!out) {
        diag_plain(path, "internal error: the text made for “%s” does not parse (please report)", f->name);
        run->io_error = true;
    } else if (run->sink) {
        if (run->nwritten++)
            buf_str(run->sink, "\n");
        buf_add(run->sink, out, len);
    } else if (to_stdout) {
        if (run->nwritten++)
            fputs("\n", stdout);
        fwrite(out, 1, len, stdout);
    } else if (out_write_file(path, out, len, run->force)) {
        run->nwritten++;
    } else {
        run->io_error = true;
    }
    free(out);
    src_free(&gen);
    buf_free(&b);
}

/* ---- the command -------------------------------------------------------- */

/* Reads every form of src (diagnostics through diag). */
static void read_forms(Imp *im, const Source *src)
{
    /* Where a message about the whole file points.  A variable, not a
     * (Loc){ … } in the calls: xgettext takes the commas inside the braces
     * for the call's own and would miss the messages. */
    const Loc text_start = { 1, 1, 0, 0 }, whole = { 0, 0, 0, 0 };
    const Loc start = src->cells ? whole : text_start;
    size_t i = 0;
    while (i < src->len && strchr(" \t\r\n,", src->text[i]))
        i++;
    if (i == src->len) {
        if (!im->part)
            diag_emit(E0701, start, "the file is empty: there is no 申报表 or 自评表 in it");
        return;
    }
    RowReader rd;
    imp_rows_open(&rd, src, im->arena);
    Row r;
    while (imp_read_row(&rd, &r))
        imp_row(im, &r);
    imp_rows_close(&rd);
    if (im->form)
        imp_finish_form(im, im->form);
    if (im->nforms == 0 && !im->part) {
        diag_emit(E0701, start, "no 申报表 or 自评表 in this file: no cell says 项目名称");
        diag_hint("pgc import reads a form's table copied out of Word, WPS or Excel (one row a line, "
                  "cells separated by tabs) or saved as CSV");
    }
}

/* The cells of a workbook that do not show what Excel would: a number
 * format office.c could not show (the value is what the .pg file has) and
 * a formula saved without its value.  A person should look. */
static void warn_formats(const Source *src)
{
    for (size_t i = 0; i < src->cells->n; i++) {
        const SrcCell *c = &src->cells->v[i];
        Loc at = { c->line + 1, 1, c->off, c->end };
        if (c->formula) {
            diag_emit(W0712, at, "a formula saved without its value: pgc does not compute formulas, and reads "
                      "the cell as the formula's text");
            diag_hint("open the workbook in Excel or WPS and save it again (that saves the values), or type the "
                      "value into the cell");
        } else if (c->odd_format) {
            diag_emit(W0712, at, "the cell's number format “%s” is not one pgc shows with certainty: it is read "
                      "as its value", c->odd_format);
            diag_hint("check the value in the .pg file, or give the cell the format 数值 or 文本 in Excel");
        }
    }
}

/* Imports every form of src, which may be replaced by a converted copy
 * (a pasted form), or be a sheet of a workbook (part: having no form is
 * no error).  Returns how many forms it had. */
static int import_source(ImpRun *run, Source *src, bool part)
{
    diag_begin_file(src, &run->arena);
    Imp im = { .run = run, .std = run->std, .arena = &run->arena, .part = part };
    if (src->cells)
        warn_formats(src);
    if (src->cells || imp_decode(src, &run->arena))
        read_forms(&im, src);
    diag_flush();
    for (const Form *f = im.first; f; f = f->next)
        if (f->file)
            emit_form(&im, f);
    arena_reset(&run->arena);
    return im.nforms;
}

/* A workbook (every visible sheet) or a document (its body): office.c
 * gives each as the cells a paste of it would, and they are read as one. */
static void import_office(ImpRun *run, const Source *file)
{
    Arena arena = { 0 };
    Source *tables;
    size_t n;
    diag_begin_file(file, &run->arena);
    if (!office_read(file, &arena, &tables, &n)) {
        diag_flush();
        arena_free(&arena);
        return;
    }
    int forms = 0;
    for (size_t i = 0; i < n; i++) {
        forms += import_source(run, &tables[i], n > 1);
        src_free(&tables[i]);
    }
    if (forms == 0 && n > 1) {
        diag_begin_file(file, &run->arena);
        const Loc whole = { 0, 0, 0, 0 };
        diag_emit(E0701, whole, "no 申报表 or 自评表 in any sheet of this workbook: no cell says 项目名称");
        diag_flush();
    }
    arena_free(&arena);
}

/* A file of any kind pgc import reads: a workbook, a document, a paste. */
static void import_any(ImpRun *run, Source *src)
{
    if (office_magic(src->text, src->len) != MAGIC_TEXT)
        import_office(run, src);
    else
        import_source(run, src, false);
}

static void import_file(ImpRun *run, const char *path)
{
    Source src;
    if (!src_open(&src, path)) {
        run->io_error = true;
        return;
    }
    if (src.len > UINT32_MAX / 4) {
        diag_plain(path, "file too large");
        run->io_error = true;
        src_free(&src);
        return;
    }
    import_any(run, &src);
    src_free(&src);
}

bool imp_source(Source *src, Buf *out)
{
    ImpRun run = { .outdir = "-", .sink = out, .std = std_load() };
    if (!run.std)
        return false;
    map_init(&run.written, &run.keep, 16);
    import_any(&run, src);
    arena_free(&run.arena);
    arena_free(&run.keep);
    return !run.io_error;
}

static const char usage_import[] = N_(
    "Usage: pgc import [OPTION]... FILE...\n"
    "Turn 财政项目支出绩效目标申报表 pasted as text into .pg files, one per project;\n"
    "a 项目支出绩效自评表 gives its targets and a 实际 block of the figures it\n"
    "publishes, which `pgc eval` scores and audits.\n"
    "A FILE holds one or more forms as their table is copied out of Word, WPS or\n"
    "Excel — one table row a line, cells separated by tabs — or saved as CSV\n"
    "(UTF-8, GB18030 or UTF-16), or is an Excel workbook (.xlsx: every visible\n"
    "sheet) or a Word document (.docx: every table), read as a paste of it would\n"
    "be; - reads standard input.  Each project becomes\n"
    "DIR/项目名称.pg, in the layout of `pgc fmt`; an existing file is never\n"
    "replaced without -f.  What cannot be read exactly is reported at its cell\n"
    "(FILE:line:col; FILE:SHEET!E15 in a workbook, FILE:table2!R5C3 in a\n"
    "document) and marked in the .pg file with a comment (# 待核实：…,\n"
    "# 申报表原文：… or # 自评表原文：…) for a person to settle; the file is\n"
    "written all the same.\n"
    "Run `pgc check` on the result.\n"
    "\n"
    "Options:\n"
    "  -o, --output=DIR   write into DIR (default: the current directory; made\n"
    "                       when missing); - prints the projects on standard output\n"
    "  -f, --force        replace .pg files that exist\n"
    "  -L, --stdlib=DIR   look for standard-library modules in DIR first\n"
    "      --max-warnings=N  show N warnings of each code (default 20, 0: all)\n"
    "  -q, --quiet        no progress line on a terminal, no notes\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 imported (warnings allowed), 1 something could not be read\n"
    "exactly (the projects are written all the same), 2 usage error, a file that\n"
    "cannot be read or written, or a .pg file that exists (without -f).\n");

int cmd_import(int argc, char **argv)
{
    ImpRun run = { .outdir = "." };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    const CliOpt opts[] = {
        { "output", 'o', CLI_STRING, .to = &run.outdir },
        { "force", 'f', CLI_FLAG, .to = &run.force },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_import),
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int rc = cli_parse(&(CliCommand){ .name = "import", .opts = opts, .no_operands = N_("no files given") },
                       argc, argv);
    if (rc != CLI_GO)
        return rc;
    if (!*run.outdir) {
        cli_cmd_error("import", "-o takes a directory");
        return EXIT_USAGE;
    }
    diag_setup(&dopt);
    int opened = std_open(&run.std, NULL, NULL, 0);   /* pasted forms declare nothing */
    if (opened != EXIT_OK)
        return opened;
    if (strcmp(run.outdir, "-") != 0 && !make_dir(run.outdir)) {
        diag_finish();
        return EXIT_USAGE;
    }
    map_init(&run.written, &run.keep, 16);
    progress_begin("import", argc - optind, dopt.quiet);
    for (int i = optind; i < argc; i++) {
        import_file(&run, argv[i]);
        progress_step();
    }
    progress_end();
    diag_finish();
    arena_free(&run.arena);
    arena_free(&run.keep);
    if (run.io_error)
        return EXIT_USAGE;
    return diag_total_errors() > 0 ? EXIT_ERRORS : 0;
}
