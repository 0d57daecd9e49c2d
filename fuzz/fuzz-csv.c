/*
 * fuzz-csv.c — libFuzzer harness for the actuals CSV: one input is one
 * actuals file (项目,指标,实际完成值,…).
 *
 * Every record is read with csv_next and every field given to val_parse,
 * the reader of a 实际完成值; then the whole of `pgc eval --actuals INPUT`
 * runs (cmd_eval) on one example project, 信息化运维项目, whose targets
 * are counts, rates, words, a level and a text (the examples are built
 * into the harness: fuzz/examples-data.c, made by tools/embed-stdlib.sh).
 * The rows are bound to its indicators, scored by the interpreter and
 * reported.  One project, not all seven: the spec is parsed and checked
 * anew for every input, and that is most of the time spent.  The report's
 * format and --explain are chosen by the size of the input, so every
 * format is exercised and a crash still replays from the input alone.
 * The same input is then read as mid-year actuals by `pgc monitor`
 * (cmd_monitor: the columns 全年预计完成值 and 完成目标可能性, the rows
 * 累计执行数, forecasts and lights), after 1 to 12 months by its size.
 *
 * cmd_eval reads files, so the input and the projects are handed to it
 * as memory files (memfd_create), by their /proc/self/fd/N names.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct StdModule { const char *name; const char *text; size_t len; } StdModule;
extern const StdModule fuzz_examples[];
extern const int fuzz_nexamples;

#define SPEC "信息化运维项目"

static int actuals_fd;
static char actuals_path[64], specs_path[64];

static int memfile(char *path, size_t n, const char *name)
{
    int fd = memfd_create(name, 0);
    if (fd < 0) {
        perror("memfd_create");
        abort();
    }
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

static void put(int fd, const char *data, size_t size)
{
    if (ftruncate(fd, 0) != 0)
        abort();
    for (size_t done = 0; done < size;) {
        ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_setup();
    const StdModule *spec = NULL;
    for (int i = 0; i < fuzz_nexamples; i++)
        if (strcmp(fuzz_examples[i].name, SPEC) == 0)
            spec = &fuzz_examples[i];
    if (!spec)
        abort();
    put(memfile(specs_path, sizeof specs_path, "spec.pg"), spec->text, spec->len);
    actuals_fd = memfile(actuals_path, sizeof actuals_path, "actuals.csv");
    return 0;
}

/* csv.c and value.c on their own */
static void read_fields(const uint8_t *data, size_t size)
{
    static Arena arena;     /* reset, not freed: its chunks are reused */
    Source src;
    src_from_string(&src, "fuzz.csv", (const char *)data, size);
    diag_begin_file(&src, &arena);
    CsvReader rd;
    csv_init(&rd, &src);
    enum { MAXF = 32 };
    CsvField f[MAXF];
    for (int n; (n = csv_next(&rd, f, MAXF)) != 0;) {
        for (int i = 0; i < n; i++) {
            Value v;
            const char *why;
            size_t at;
            if (!val_parse(f[i].text, f[i].len, &arena, &v, &why, &at) && at > f[i].len)
                abort();        /* the offset of the problem lies in the field */
        }
    }
    csv_free(&rd);
    diag_flush();
    arena_reset(&arena);
    src_free(&src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return -1;
    read_fields(data, size);
    put(actuals_fd, (const char *)data, size);
    static const char *const formats[] = { "text", "json", "csv", "md", "html" };
    char *args[8];
    int n = 0;
    args[n++] = "eval";
    args[n++] = "--actuals";
    args[n++] = actuals_path;
    args[n++] = (char *)(size % 2 ? "--explain" : "--engine=interp");
    args[n++] = "--format";
    args[n++] = (char *)formats[size / 2 % 5];
    args[n++] = specs_path;
    args[n] = NULL;
    int status = cmd_eval(n, args);
    if (status != 0 && status != 1) {
        fprintf(stderr, "fuzz-csv: pgc eval exited %d\n", status);
        abort();
    }
    diag_reset_totals();
    char through[8];
    snprintf(through, sizeof through, "%zu", size % 12 + 1);
    char *margs[] = { "monitor", "--actuals", actuals_path, "--through", through,
                      (char *)(size % 3 ? "--explain" : "-q"), "--format", (char *)formats[size / 3 % 5],
                      specs_path, NULL };
    status = cmd_monitor(sizeof margs / sizeof *margs - 1, margs);
    if (status != 0 && status != 1) {
        fprintf(stderr, "fuzz-csv: pgc monitor exited %d\n", status);
        abort();
    }
    diag_reset_totals();
    return 0;
}
