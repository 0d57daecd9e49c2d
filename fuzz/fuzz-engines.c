/*
 * fuzz-engines.c — libFuzzer harness for the back end: the three ways a
 * project is scored must agree, byte for byte, on any project and any
 * actuals.
 *
 * The input's bytes choose a project (its funds, two to eight indicators
 * under the three 一级: rates, counts, amounts in 元 and 万元, days, words
 * of the scales and phrases, with or without 分值 adding up) and its 实际
 * block (values of the same, of another or of no unit, negative, zero,
 * huge, with up to six decimals; words that match and words that do not;
 * published 分值, 得分, 执行率 and 总分 that may be right or wrong).  The
 * text is parsed and checked as pgc eval does; a project with errors is
 * dropped (fuzz-pg is for those).  The rest is lowered three times and
 * scored
 *
 *   1. by the interpreter (interp.c, which defines the semantics),
 *   2. by the rules compiled with libgccjit (jit.c, pgc eval --jit),
 *   3. as a built evaluator does: the lowered project written into a
 *      spec blob and read back (serial.c), then scored by the compiled
 *      batch through jit_score (jitrun.c) — the evaluator's path, with the
 *      batch compiled in memory instead of into the executable (the same
 *      generator; tests/cli/build-diff.sh runs real executables);
 *
 * and each is reported as text and as JSON with --explain (every figure,
 * rule, audit and the arithmetic).  A difference in the reports or in
 * whether scoring succeeded aborts, with the three reports on stderr.
 *
 * The scheme (自评2020) is compiled once, in LLVMFuzzerInitialize, with
 * leak detection off for libgccjit's own allocations.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define LSAN_OFF() __lsan_disable()
#define LSAN_ON() __lsan_enable()
#endif
#endif
#ifndef LSAN_OFF
#define LSAN_OFF() ((void)0)
#define LSAN_ON() ((void)0)
#endif

static const Stdlib *std;
static const EvScheme *scheme;    /* 自评2020, the default */
static Jit *jit;
static long inputs, compared, scored;   /* said at exit: how many reached the engines */

static void say_counts(void)
{
    fprintf(fuzz_stderr(), "fuzz-engines: %ld inputs, %ld projects without errors compared, %ld of them scored\n",
            inputs, compared, scored);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    std = fuzz_setup();
    scheme = ev_scheme(std, NULL);
    const char *why = NULL;
    LSAN_OFF();
    jit = jit_new(NULL);
    bool ok = jit_prepare(jit, scheme, &why);
    LSAN_ON();
    if (!ok) {
        fprintf(fuzz_stderr(), "fuzz-engines: the JIT cannot compile 自评2020: %s\n", why ? why : "?");
        abort();
    }
    atexit(say_counts);
    return 0;
}

/* ---- the input's bytes as choices ---------------------------------------------- */

typedef struct Bytes {
    const uint8_t *p, *end;
} Bytes;

/* A number in [0, n): the next byte (or two), 0 once they run out. */
static unsigned pick(Bytes *b, unsigned n)
{
    unsigned v = 0;
    if (b->p < b->end)
        v = *b->p++;
    if (n > 256 && b->p < b->end)
        v = v << 8 | *b->p++;
    return n ? v % n : 0;
}

/* A decimal: up to `digits` digits before the point and `decimals` after. */
static void number(Bytes *b, Buf *out, int digits, int decimals)
{
    int n = 1 + (int)pick(b, (unsigned)digits);
    bool lead = true;
    for (int i = 0; i < n; i++) {
        unsigned d = pick(b, 10);
        if (lead && d == 0 && i < n - 1)
            continue;
        lead = false;
        buf_printf(out, "%u", d);
    }
    int f = (int)pick(b, (unsigned)decimals + 1);
    if (f > 0) {
        buf_str(out, ".");
        for (int i = 0; i < f; i++)
            buf_printf(out, "%u", pick(b, 10));
    }
}

/* The kinds of indicator: a target's unit (or words) and its actuals'. */
typedef enum Kind { K_RATE, K_COUNT, K_YUAN, K_WANYUAN, K_DAYS, K_WORD, K_PHRASE, K_COUNT_KINDS } Kind;

static const char *const ops[] = { "≥", "≤", "=" };
static const char *const words[] = { "及时", "达成", "完成", "已完成", "全部完成", "达成预期指标", "基本达成",
                                     "部分达成", "未达成", "明显改善", "有所改善", "减少", "明显减少", "合格",
                                     "优秀", "良好", "一般", "差", "是", "否" };
enum { NWORDS = sizeof words / sizeof *words };

static void target(Bytes *b, Buf *out, Kind k)
{
    switch (k) {
    case K_RATE:
        buf_printf(out, "%s ", ops[pick(b, 3)]);
        number(b, out, 3, 2);
        buf_str(out, "%");
        break;
    case K_COUNT:
        buf_printf(out, "%s ", ops[pick(b, 3)]);
        number(b, out, 6, 0);
        buf_str(out, " 个");
        break;
    case K_YUAN: case K_WANYUAN:
        buf_printf(out, "%s ", ops[pick(b, 2) + 1]);       /* ≤ or =: a cost */
        number(b, out, k == K_YUAN ? 9 : 5, 2);
        buf_str(out, k == K_YUAN ? " 元" : " 万元");
        break;
    case K_DAYS:
        buf_printf(out, "%s ", ops[pick(b, 3)]);
        number(b, out, 3, 0);
        buf_str(out, " 天");
        break;
    case K_WORD:
        buf_str(out, "= 及时");
        break;
    case K_PHRASE:
        buf_printf(out, "= \"%s\"", words[pick(b, NWORDS)]);
        break;
    default:
        break;
    }
}

/* An actual for an indicator of kind k: of its kind, and now and then of
 * another unit, a word for a number, negative, huge or with six decimals
 * (each rare: one wrong actual makes the whole project an error). */
static void actual(Bytes *b, Buf *out, Kind k)
{
    static const char *const units[] = { "%", " 个", " 元", " 万元", " 天", "" };
    unsigned how = pick(b, 64);     /* 0 (the bytes run out): the plain case */
    if (k >= K_WORD || how == 63) {
        buf_printf(out, "%s", words[pick(b, NWORDS)]);
        return;
    }
    if (how == 62)
        buf_str(out, "-");
    number(b, out, how == 61 ? 14 : 6, how == 60 ? 6 : 2);
    unsigned u = (unsigned)k;
    if (how == 59)
        u = pick(b, 6);                         /* another unit, or none */
    else if (k == K_WANYUAN || k == K_YUAN)
        u = pick(b, 2) ? 3 : 2;                 /* 万元 or 元 */
    else if (how >= 48)
        u = 5;                                  /* bare: in the target's unit */
    buf_str(out, units[u]);
}

/* The 二级 of each 一级 an indicator of kind k may stand under. */
static const char *level2_of(int l1, Kind k)
{
    if (l1 == 0)
        return k == K_YUAN || k == K_WANYUAN ? "成本指标" : k == K_DAYS || k == K_WORD ? "时效指标"
               : k == K_RATE ? "质量指标" : "数量指标";
    return l1 == 1 ? "社会效益指标" : "服务对象满意度指标";
}

/* The project and its 实际 block, from the bytes. */
static void make_input(Bytes *b, Buf *out)
{
    static const char *const level1[] = { "产出指标", "效益指标", "满意度指标" };
    static const int level1_weight[] = { 50, 30, 10 };
    bool wanyuan = pick(b, 2);
    Buf budget = { 0 };
    number(b, &budget, wanyuan ? 4 : 8, 2);
    if (strcmp(budget.s, "0") == 0)
        budget.s[0] = '1';                     /* a budget of 0 has no execution rate */
    buf_str(out, "项目 测试项目 {\n    年度 2023\n    主管部门 甲部门\n    实施单位 乙单位\n"
                 "    计划开始日期 2023-01-01\n    计划完成日期 2023-12-31\n    资金 {\n");
    const char *fu = wanyuan ? "万元" : "元";
    buf_printf(out, "        年度资金申请总额 %s %s\n        当年财政拨款 %s %s\n        上年结转资金 0 %s\n    }\n",
               budget.s, fu, budget.s, fu, fu);
    buf_str(out, "    年度总体目标 \"测试。\"\n");
    Kind kinds[3][4];
    int counts[3];
    bool weighted = pick(b, 2);
    int weights[3][4];
    for (int l = 0; l < 3; l++) {
        counts[l] = 1 + (int)pick(b, l == 0 ? 4 : 2);
        int left = level1_weight[l];
        for (int i = 0; i < counts[l]; i++) {
            kinds[l][i] = l == 2 ? K_RATE : (Kind)pick(b, K_COUNT_KINDS);
            int w = i == counts[l] - 1 ? left : 1 + (int)pick(b, (unsigned)(left - (counts[l] - 1 - i)));
            if (w > left - (counts[l] - 1 - i))
                w = left - (counts[l] - 1 - i);
            weights[l][i] = w;
            left -= w;
        }
    }
    for (int l = 0; l < 3; l++) {
        buf_printf(out, "    %s {\n", level1[l]);
        for (int i = 0; i < counts[l]; i++) {
            buf_printf(out, "        %s {\n            指标 指标%d%d ", level2_of(l, kinds[l][i]), l, i);
            target(b, out, kinds[l][i]);
            if (weighted)
                buf_printf(out, " 分值 %d", weights[l][i]);
            buf_str(out, "\n        }\n");
        }
        buf_str(out, "    }\n");
    }
    buf_str(out, "}\n\n实际 测试项目 {\n");
    buf_printf(out, "    全年预算数 %s %s\n    全年执行数 ", budget.s, fu);
    unsigned spent = pick(b, 4);
    if (spent == 0)
        buf_str(out, budget.s);
    else
        number(b, out, wanyuan ? 4 : 8, spent == 3 ? 4 : 2);
    buf_printf(out, " %s", pick(b, 4) != 3 ? fu : (wanyuan ? "元" : "万元"));
    if (pick(b, 3) == 2) {
        buf_str(out, " 得分 ");
        number(b, out, 2, 2);
    }
    buf_str(out, "\n");
    if (pick(b, 4) == 3) {
        buf_str(out, "    执行率 ");
        number(b, out, 3, 2);
        buf_str(out, "%\n");
    }
    bool actual_weights = pick(b, 3) == 2;     /* every row's 分值, or none */
    for (int l = 0; l < 3; l++) {
        for (int i = 0; i < counts[l]; i++) {
            if (pick(b, 32) == 31)
                continue;                       /* no actual: an error, dropped */
            buf_printf(out, "    指标%d%d ", l, i);
            actual(b, out, kinds[l][i]);
            if (actual_weights)
                buf_printf(out, " 分值 %d", weights[l][i]);
            if (kinds[l][i] < K_WORD ? pick(b, 3) == 2 : pick(b, 16) == 15) {
                buf_str(out, " 得分 ");
                number(b, out, 2, 2);
            }
            if (pick(b, 4) == 3)
                buf_str(out, " 偏差原因 \"原因\"");
            buf_str(out, "\n");
        }
    }
    if (pick(b, 3) == 2) {
        buf_str(out, "    总分 ");
        number(b, out, 3, 2);
        buf_str(out, "\n");
    }
    buf_str(out, "}\n");
    buf_free(&budget);
}

/* ---- the three engines ------------------------------------------------------------ */

/* The project reported (text, then JSON, with --explain) into out when
 * it could be scored (ok); returns ok. */
static bool report(EvProject *p, bool ok, Buf *out)
{
    if (ok) {
        rep_project(out, REP_TEXT, p, true, true);
        rep_project(out, REP_JSON, p, true, true);
    }
    return ok;
}

/* Engines 1 and 2: the project lowered, bound and scored by the
 * interpreter or, with jit, by the compiled rules. */
static bool by_engine(bool jit_on, const Source *src, const Decl *pd, const Decl *ad, Buf *out, Arena *a)
{
    EvProject *p = ev_lower(std, scheme, src, pd, a);
    ActualRow *rows = act_rows_from_decl(a, src, ad);
    bool ok = ev_bind(std, p, rows, src->path, NULL, a) && (jit_on ? jit_run(jit, p, true, a) : ev_run(p, true, a));
    return report(p, ok, out);
}

static bool by_evaluator(const Source *src, const Decl *pd, const Decl *ad, Buf *out, Arena *a)
{
    EvProject *p = ev_lower(std, scheme, src, pd, a);
    SpecWriter w = { .std = std, .monitor = std_monitor(std, NULL) };
    spec_add_file(&w, src, &p, 1);
    Buf blob = { 0 };
    spec_finish(&w, &blob);
    buf_add(&blob, w.files.s, w.files.n);
    buf_free(&w.files);
    SpecReader r = { 0 };
    Source back;
    int n = 0;
    if (!spec_open(&r, (const unsigned char *)blob.s, blob.n, a) || !spec_next_file(&r, &back, &n) ||
        n != 1) {
        fprintf(fuzz_stderr(), "fuzz-engines: the spec blob does not read back\n");
        abort();
    }
    EvProject *q = spec_next_project(&r, &back, a);
    JitBatchFn batch;
    const unsigned *reads;
    if (!jit_code(jit, scheme, &batch, &reads))
        abort();
    static JitScorer scorer;
    ActualRow *rows = act_rows_from_decl(a, src, ad);
    bool ok = ev_bind(&r.std, q, rows, src->path, NULL, a) && jit_score(&scorer, batch, reads, q, true, a);
    bool reported = report(q, ok, out);
    src_free(&back);
    spec_close(&r);
    buf_free(&blob);
    return reported;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return -1;
    inputs++;
    static Arena arena;
    Bytes b = { data, data + size };
    Buf text = { 0 };
    make_input(&b, &text);
    Source src;
    src_from_string(&src, "fuzz.pg", text.s, text.n);
    diag_begin_file(&src, &arena);
    File f;
    bool parsed = parse_file(&src, &arena, &f) && diag_file_errors() == 0;
    if (parsed)
        chk_file(std, &f, &arena);
    const Decl *pd = NULL, *ad = NULL;
    for (const Decl *d = parsed ? f.decls : NULL; d; d = d->next) {
        if (d->kind == D_PROJECT)
            pd = d;
        else if (d->kind == D_ACTUAL)
            ad = d;
    }
    if (pd && ad && diag_file_errors() == 0) {
        Buf out[3] = { { 0 } };
        bool ok[3];
        ok[0] = by_engine(false, &src, pd, ad, &out[0], &arena);
        int errors = diag_file_errors();
        ok[1] = by_engine(true, &src, pd, ad, &out[1], &arena);
        ok[2] = by_evaluator(&src, pd, ad, &out[2], &arena);
        for (int e = 1; e < 3; e++) {
            if (ok[e] == ok[0] && out[e].n == out[0].n && (out[0].n == 0 || !memcmp(out[e].s, out[0].s, out[0].n)))
                continue;
            FILE *err = fuzz_stderr();
            fprintf(err, "fuzz-engines: the %s differs from the interpreter (scored: %d, %d; %d errors)\n",
                    e == 1 ? "JIT" : "built evaluator's path", ok[0], ok[e], errors);
            fprintf(err, "---- input\n%.*s---- interpreter\n%.*s---- %s\n%.*s----\n", (int)text.n, text.s,
                    (int)out[0].n, out[0].s, e == 1 ? "JIT" : "evaluator", (int)out[e].n, out[e].s);
            abort();
        }
        compared++;
        scored += ok[0];
        for (int e = 0; e < 3; e++)
            buf_free(&out[e]);
    }
    if (getenv("PGC_FUZZ_VERBOSE"))             /* the input and what pgc said of it */
        fprintf(stderr, "%.*s", (int)text.n, text.s);
    else
        diag_discard();
    diag_flush();
    arena_reset(&arena);
    src_free(&src);
    buf_free(&text);
    diag_reset_totals();
    return 0;
}
