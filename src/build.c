/*
 * build.c — `pgc build`: a standalone evaluator, written by libgccjit.
 *
 *     specs ──parse, check, lower──▶ EvProject ──serial.c──▶ bytes ─┐
 *     each scheme's rules ──jit.c's generator─────────────────────────┤
 *                                                                    ▼
 *         one gcc_jit_context, GCC_JIT_OUTPUT_KIND_EXECUTABLE, -O2
 *             (the specs: raw bytes given to the linker, write_specs)
 *             int pgc_score_batch_1(JitInd *, int) …   (one per scheme)
 *             int main(int argc, char **argv) {
 *                 int (*batch[])(JitInd *, int) = { pgc_score_batch_1, … };
 *                 return pgc_rt_main(argc, argv, &_binary_…_specs_start,
 *                                    NBYTES, batch, NSCHEMES);
 *             }
 *         linked (driver options) with libpgcrt.a — the runtime: rtmain.c
 *         and what it calls — and utf8proc, statically.
 *
 * Everything goes through the libgccjit API: no C source text is written
 * or compiled.  The result needs nothing at run time: no pgc, no
 * libgccjit, no gcc, and not even the machine's C library — it is linked
 * statically (glibc's libc.a, `-static`; `ldd` says "not a dynamic
 * executable"), so it starts on whatever Linux the units have (统信UOS 20
 * and 麒麟 V10 have glibc 2.28, older than the build machine's), and the
 * runtime calls nothing that a static glibc would have to load from the
 * machine it runs on (no iconv: decode.c; no NSS).  A sanitizer build
 * links it dynamically, as its sanitizers' runtime needs.  It scores
 * exactly as `pgc eval` does, because it runs the same code on the same
 * lowered data: the compiled rules are jit.c's, the rest is the runtime's.
 *
 * The executable is compiled into a temporary file beside NAME and renamed
 * over it only when complete; on any error nothing is left behind.
 */
#define _XOPEN_SOURCE 700    /* realpath */
#include "config.h"
#include "gccjit-dl.h"
#include "pgc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PGC_PKGLIBDIR
#define PGC_PKGLIBDIR "/usr/local/lib/pgc"
#endif
#ifndef PGC_RT_LDFLAGS
#define PGC_RT_LDFLAGS ""
#endif
#ifndef PGC_RT_STATIC
#define PGC_RT_STATIC 0
#endif

typedef struct BuildRun {
    const Stdlib *std;
    const char *scheme_name;        /* --scheme, or NULL */
    Arena arena;                    /* per spec file */
    SpecWriter w;
    int nprojects;
    bool failed, io_error;
} BuildRun;

/* ---- the specs ------------------------------------------------------------------------ */

static void build_file(void *ctx, const char *path)
{
    BuildRun *b = ctx;
    Source src;
    File f;
    if (!chk_load(b->std, path, &src, &f, &b->arena)) {
        b->io_error = true;
        return;
    }
    if (diag_file_errors() == 0) {
        int n = 0, cap = 0;
        EvProject **ps = NULL;
        for (const Decl *d = f.decls; d; d = d->next) {
            if (d->kind != D_PROJECT)
                continue;
            const EvScheme *sc = ev_scheme_for(b->std, d, b->scheme_name);
            if (!sc) {
                b->failed = true;
                continue;
            }
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                EvProject **more = arena_alloc(&b->arena, (size_t)cap * sizeof *more);
                if (n)
                    memcpy(more, ps, (size_t)n * sizeof *ps);
                ps = more;
            }
            ps[n++] = ev_lower(b->std, sc, &src, d, &b->arena);
        }
        if (n > 0)                      /* a file of 实际 blocks only: nothing to build */
            spec_add_file(&b->w, &src, ps, n);
        b->nprojects += n;
    }
    if (diag_file_errors() > 0)
        b->failed = true;
    diag_flush();
    arena_reset(&b->arena);
    src_free(&src);
    progress_step();
}

/* ---- the runtime library ----------------------------------------------------------------- */

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* libpgcrt.a: $PGC_RUNTIME, else beside the pgc being run (a build tree),
 * else where `make install` puts it.  malloc'd, or NULL. */
static char *runtime_path(void)
{
    const char *env = getenv("PGC_RUNTIME");
    if (env && *env)
        return xstrdup(env);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash + 1, "libpgcrt.a");
            if (readable(exe))
                return xstrdup(exe);
        }
    }
    return readable(PGC_PKGLIBDIR "/libpgcrt.a") ? xstrdup(PGC_PKGLIBDIR "/libpgcrt.a") : NULL;
}

/* ---- code generation ----------------------------------------------------------------------- */

/* The executable's code (see the top of the file) into ctx. */
static void generate(gcc_jit_context *ctx, const SpecWriter *w, const char *specs_symbol, size_t nbytes)
{
    JitGen *g = jit_gen_new(ctx);
    gcc_jit_function *batch[SPEC_MAX_SCHEMES];
    char suffix[SPEC_MAX_SCHEMES][16];
    for (int k = 0; k < w->nschemes; k++) {
        snprintf(suffix[k], sizeof suffix[k], "_%d", k + 1);
        jit_gen_set_suffix(g, suffix[k]);
        batch[k] = jit_gen_scheme(g, w->schemes[k]);
    }
    gcc_jit_type *int_t = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_INT);
    gcc_jit_type *uchar_p = gcc_jit_type_get_pointer(
        gcc_jit_type_get_const(gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_UNSIGNED_CHAR)));
    gcc_jit_type *size_t_t = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_SIZE_T);
    gcc_jit_type *argv_t = gcc_jit_type_get_pointer(gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_CHAR));
    argv_t = gcc_jit_type_get_pointer(argv_t);
    gcc_jit_type *ind_ptr = jit_gen_ind_ptr(g);
    gcc_jit_type *batch_params[] = { ind_ptr, int_t };
    gcc_jit_type *batch_t = gcc_jit_context_new_function_ptr_type(ctx, NULL, int_t, 2, batch_params, 0);
    /* the specs, linked in as they are (write_specs) */
    gcc_jit_lvalue *specs = gcc_jit_context_new_global(
        ctx, NULL, GCC_JIT_GLOBAL_IMPORTED,
        gcc_jit_type_get_const(gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_UNSIGNED_CHAR)), specs_symbol);

    gcc_jit_param *rt_params[] = {
        gcc_jit_context_new_param(ctx, NULL, int_t, "argc"),
        gcc_jit_context_new_param(ctx, NULL, argv_t, "argv"),
        gcc_jit_context_new_param(ctx, NULL, uchar_p, "specs"),
        gcc_jit_context_new_param(ctx, NULL, size_t_t, "nbytes"),
        gcc_jit_context_new_param(ctx, NULL, gcc_jit_type_get_pointer(batch_t), "batch"),
        gcc_jit_context_new_param(ctx, NULL, int_t, "nbatch"),
    };
    gcc_jit_function *rt_main =
        gcc_jit_context_new_function(ctx, NULL, GCC_JIT_FUNCTION_IMPORTED, int_t, "pgc_rt_main", 6, rt_params, 0);

    gcc_jit_param *main_params[] = {
        gcc_jit_context_new_param(ctx, NULL, int_t, "argc"),
        gcc_jit_context_new_param(ctx, NULL, argv_t, "argv"),
    };
    gcc_jit_function *main_fn =
        gcc_jit_context_new_function(ctx, NULL, GCC_JIT_FUNCTION_EXPORTED, int_t, "main", 2, main_params, 0);
    gcc_jit_block *body = gcc_jit_function_new_block(main_fn, "entry");
    gcc_jit_lvalue *table = gcc_jit_function_new_local(
        main_fn, NULL, gcc_jit_context_new_array_type(ctx, NULL, batch_t, w->nschemes), "batch");
    for (int k = 0; k < w->nschemes; k++)
        gcc_jit_block_add_assignment(
            body, NULL,
            gcc_jit_context_new_array_access(ctx, NULL, gcc_jit_lvalue_as_rvalue(table),
                                             gcc_jit_context_new_rvalue_from_int(ctx, int_t, k)),
            gcc_jit_function_get_address(batch[k], NULL));
    gcc_jit_rvalue *zero = gcc_jit_context_zero(ctx, int_t);
    gcc_jit_rvalue *args[] = {
        gcc_jit_param_as_rvalue(main_params[0]),
        gcc_jit_param_as_rvalue(main_params[1]),
        gcc_jit_context_new_cast(ctx, NULL, gcc_jit_lvalue_get_address(specs, NULL), uchar_p),
        gcc_jit_context_new_rvalue_from_long(ctx, size_t_t, (long)nbytes),
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(ctx, NULL, gcc_jit_lvalue_as_rvalue(table), zero), NULL),
        gcc_jit_context_new_rvalue_from_int(ctx, int_t, w->nschemes),
    };
    gcc_jit_block_end_with_return(body, NULL, gcc_jit_context_new_call(ctx, NULL, rt_main, 6, args));
    jit_gen_free(g);
}

/* "$TMPDIR/pgc-build-XXXXXX" (TMPDIR: /tmp when unset), malloc'd, for
 * mkdtemp or mkstemp; *dir: the directory it is in. */
static char *tmp_template(const char **dir)
{
    const char *t = getenv("TMPDIR");
    *dir = t && *t ? t : "/tmp";
    size_t n = strlen(*dir) + 32;
    char *s = xmalloc(n);
    snprintf(s, n, "%s/pgc-build-XXXXXX", *dir);
    return s;
}

/* ---- the specs, for the linker ------------------------------------------------------------- */

/* The specs go into the executable through the linker, not the compiler:
 * written to a file of their own, they are given to ld as raw bytes
 * (--format=binary), which makes them a data section of the executable
 * and names its start _binary_<the path, every byte not a letter or digit
 * as _>_start.  So a spec of any size costs the build one write and one
 * copy (a string constant of that size went through GCC's assembler
 * output and the assembler: most of the time and memory of a large
 * build), and the evaluator reads the bytes in place. */
typedef struct SpecsFile {
    char *dir, *path, *symbol;
} SpecsFile;

static void specs_file_free(SpecsFile *f)
{
    if (f->path)
        unlink(f->path);
    if (f->dir)
        rmdir(f->dir);
    free(f->dir);
    free(f->path);
    free(f->symbol);
    *f = (SpecsFile){ 0 };
}

/* The blob (head, then the files) into its file; false after reporting. */
static bool write_specs(SpecsFile *f, const Buf *head, const Buf *files)
{
    const char *tmp;
    f->dir = tmp_template(&tmp);
    if (!mkdtemp(f->dir)) {
        cli_cmd_error("build", "cannot make a temporary directory in %s: %s", tmp, strerror(errno));
        free(f->dir);
        f->dir = NULL;
        return false;
    }
    size_t n = strlen(f->dir) + 8;
    f->path = xmalloc(n);
    snprintf(f->path, n, "%s/specs", f->dir);
    FILE *out = fopen(f->path, "wb");
    bool ok = out && fwrite(head->s, 1, head->n, out) == head->n &&
              (files->n == 0 || fwrite(files->s, 1, files->n, out) == files->n);
    int e = errno;
    if (out && fclose(out) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        diag_plain(f->path, "cannot write: %s", strerror(e));
        return false;
    }
    size_t m = strlen(f->path);
    f->symbol = xmalloc(m + 16);
    char *o = f->symbol + sprintf(f->symbol, "_binary_");
    for (const char *c = f->path; *c; c++)
        *o++ = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ? *c : '_';
    strcpy(o, "_start");
    return true;
}

/* Splits PGC_RT_LDFLAGS (the sanitizer flags pgc was built with, which its
 * runtime library needs at link time too) into driver options. */
static void add_link_flags(gcc_jit_context *ctx)
{
    char flags[] = PGC_RT_LDFLAGS;
    for (char *t = strtok(flags, " "); t; t = strtok(NULL, " "))
        gcc_jit_context_add_driver_option(ctx, t);
}

/* ---- writing the executable ----------------------------------------------------------------- */

/* Copies a finished file to a device or pipe given as -o (/dev/stdout). */
static bool copy_to(const char *from, const char *to)
{
    Source s;
    if (!src_open(&s, from))
        return false;
    bool ok = out_write_atomically(to, s.text - s.bom, s.len + s.bom);
    src_free(&s);
    return ok;
}

/* Compiles ctx into output through a temporary file; false after reporting. */
static bool write_executable(gcc_jit_context *ctx, const char *output)
{
    struct stat st;
    bool special = stat(output, &st) == 0 && !S_ISREG(st.st_mode);
    if (special && S_ISDIR(st.st_mode)) {
        diag_plain(output, "cannot write: %s", strerror(EISDIR));
        return false;
    }
    char *real = !special && lstat(output, &st) == 0 && S_ISLNK(st.st_mode) ? realpath(output, NULL) : NULL;
    const char *target = real ? real : output;
    char *tmp;
    if (special) {
        const char *dir;
        tmp = tmp_template(&dir);
    } else {
        size_t n = strlen(target) + 16;
        tmp = xmalloc(n);
        snprintf(tmp, n, "%s.pgc-XXXXXX", target);
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;                  /* as out_write_file says it */
        if (e == ENOENT || e == ENOTDIR)
            diag_plain(output, "cannot write: %s (its directory does not exist)", strerror(e));
        else
            diag_plain(output, "cannot write: %s (no temporary file can be made beside it)", strerror(e));
        free(tmp);
        free(real);
        return false;
    }
    close(fd);
    gcc_jit_context_compile_to_file(ctx, GCC_JIT_OUTPUT_KIND_EXECUTABLE, tmp);
    const char *err = gcc_jit_context_get_first_error(ctx);
    bool ok = false;
    if (err) {
        char *msg = jit_fail_message(err);
        diag_plain(output, "%s", msg);
        free(msg);
    } else if (special) {
        ok = copy_to(tmp, output);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        if (chmod(tmp, 0777 & ~mask) != 0 || rename(tmp, target) != 0)
            diag_plain(output, "cannot write: %s (any file there is unchanged)", strerror(errno));
        else
            ok = true;
    }
    if (!ok || special)
        unlink(tmp);
    free(tmp);
    free(real);
    return ok;
}

/* ---- the command --------------------------------------------------------------------------- */

static const char usage_build[] = N_(
    "Usage: pgc build [OPTION]... SPEC|DIR... -o NAME\n"
    "Write a standalone evaluator: an executable NAME that holds the projects of\n"
    "the specs and their scoring compiled to machine code (libgccjit), for the\n"
    "units that fill in the actuals.  `./NAME ACTUALS.csv` prints what\n"
    "`pgc eval SPEC... --actuals ACTUALS.csv` prints; `./NAME --help` says more.\n"
    "It needs neither pgc nor libgccjit nor gcc to run.  A DIR stands for every\n"
    "*.pg file below it.\n"
    "\n"
    "  -o, --output=NAME    the executable to write (atomically)\n"
    "  -s, --scheme=NAME    score by this 评分方案 (default: each project's 方案,\n"
    "                         or the standard library's default)\n"
    "      --monitor-scheme=NAME  the 监控方案 of the evaluator's --monitor\n"
    "                         (default: the standard library's, 双监控)\n"
    "      --dump-jit=FILE  also write the code given to libgccjit to FILE\n"
    "  -L, --stdlib=DIR     look for standard-library modules in DIR first\n"
    "      --max-warnings=N show N warnings of each code (default 20, 0 for all)\n"
    "  -q, --quiet          no progress line on a terminal, no notes\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "The specs' warnings are printed here, not by the evaluator.  Exit status:\n"
    "0 written, 1 errors in the specs, 2 usage error, unreadable files, or the\n"
    "executable could not be written.\n");

int cmd_build(int argc, char **argv)
{
    BuildRun b = { 0 };
    SpecsFile specs = { 0 };
    DiagOptions dopt = DIAG_OPTIONS_DEFAULT;
    const char *output = NULL, *dump = NULL, *monitor = NULL;
    const CliOpt opts[] = {
        { "output", 'o', CLI_STRING, .to = &output, .missing = N_("no -o NAME given") },
        { "scheme", 's', CLI_STRING, .to = &b.scheme_name },
        { "monitor-scheme", 0, CLI_STRING, .to = &monitor },
        CLI_OPT_STDLIB,
        CLI_OPT_HELP(usage_build),
        { "dump-jit", 0, CLI_STRING, .to = &dump },
        CLI_OPT_QUIET(&dopt.quiet),
        CLI_OPT_MAX_WARNINGS(&dopt.max_warnings),
        CLI_END,
    };
    int status = cli_parse(&(CliCommand){ .name = "build", .opts = opts, .no_operands = N_("no specs given") },
                           argc, argv);
    if (status != CLI_GO)
        return status;
    diag_setup(&dopt);
    int opened = std_open(&b.std, b.scheme_name, argv + optind, argc - optind);
    if (opened != EXIT_OK)
        return opened;
    b.w.std = b.std;
    if (!(b.w.monitor = std_monitor(b.std, monitor))) {
        cli_error("no 监控方案 named '%s'", monitor);
        diag_finish();
        return EXIT_USAGE;
    }
    if (progress_wanted(dopt.quiet))
        progress_begin("build", src_count(argv + optind, argc - optind), false);
    for (int i = optind; i < argc; i++)
        if (!src_walk(argv[i], build_file, &b))
            b.io_error = true;
    progress_end();
    status = cli_status(b.io_error, b.failed);
    Buf head = { 0 };
    spec_finish(&b.w, &head);
    char *rt = NULL;
    if (status == 0 && b.nprojects == 0) {
        cli_cmd_error("build", "the specs declare no 项目");
        status = 1;
    }
    if (status == 0 && !(rt = runtime_path())) {
        cli_cmd_error("build", "the runtime library libpgcrt.a is not in %s (or set PGC_RUNTIME)", PGC_PKGLIBDIR);
        status = 2;
    }
    const char *why;
    if (status == 0 && !jit_load(&why)) {
        cli_cmd_error("build", "%s", why);
        status = 2;
    }
    if (status == 0 && !jit_tools_present()) {
        char *msg = jit_fail_message(NULL);
        cli_cmd_error("build", "%s", msg);
        free(msg);
        status = 2;
    }
    if (status == 0 && !write_specs(&specs, &head, &b.w.files))
        status = 2;
    if (status == 0) {
        gcc_jit_context *ctx = gcc_jit_context_acquire();
        if (!ctx)
            pgc_die("gcc_jit_context_acquire failed");
        gcc_jit_context_set_int_option(ctx, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL, 2);
        gcc_jit_context_set_bool_print_errors_to_stderr(ctx, 0);
        gcc_jit_context_set_bool_allow_unreachable_blocks(ctx, 1);
        generate(ctx, &b.w, specs.symbol, head.n + b.w.files.n);
        gcc_jit_context_add_driver_option(ctx, "-Wl,--format=binary");
        gcc_jit_context_add_driver_option(ctx, specs.path);
        gcc_jit_context_add_driver_option(ctx, "-Wl,--format=default");
        gcc_jit_context_add_driver_option(ctx, "-Wl,-z,noexecstack");
        gcc_jit_context_add_driver_option(ctx, rt);
        gcc_jit_context_add_driver_option(ctx, "-l:libutf8proc.a");
        /* the workbooks of --template --format xlsx and of a filled-in
         * template (office.c, xlsxtpl.c): minizip, expat and zlib */
        gcc_jit_context_add_driver_option(ctx, "-l:libminizip.a");
        gcc_jit_context_add_driver_option(ctx, "-l:libexpat.a");
        gcc_jit_context_add_driver_option(ctx, "-l:libz.a");
        if (PGC_RT_STATIC)
            gcc_jit_context_add_driver_option(ctx, "-static");
        add_link_flags(ctx);
        if (dump)
            gcc_jit_context_dump_to_file(ctx, dump, 0);
        if (progress_wanted(dopt.quiet))
            progress_wait_begin("build", _("compiling the evaluator with libgccjit"));
        if (!write_executable(ctx, output))
            status = 2;
        progress_wait_end();
        gcc_jit_context_release(ctx);
    }
    specs_file_free(&specs);
    free(rt);
    buf_free(&head);
    buf_free(&b.w.files);
    arena_free(&b.arena);
    diag_finish();
    return status;
}
