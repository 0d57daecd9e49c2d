/*
 * jit.c — scoring compiled with libgccjit (`pgc eval --jit`).
 *
 * The interpreter (interp.c) walks a rule's IrExpr tree for every
 * indicator, in reduced fractions: every addition and multiplication pays
 * for a 128-bit gcd, every comparison for a continued-fraction walk.  Here
 * the same trees are compiled, once per scheme, into machine code that
 * computes in unreduced fractions num/den (__int128, den > 0): an addition
 * is three multiplications, a comparison two, a division a swap — no gcd
 * and no loop.  Exactness is kept by refusing instead of approximating:
 * before any multiplication both factors must be below 2^62 in magnitude,
 * so no product reaches 2^124 and nothing ever wraps; when a check fails,
 * or a division by zero is reached, the compiled rule returns 0 ("cannot
 * compute here") and that indicator is scored by the interpreter instead.
 * Both engines compute the same rational number exactly, so the results
 * agree to the digit; only the speed differs.  (Reduced fractions are never
 * larger than unreduced ones, so whatever the compiled code finishes, the
 * interpreter finishes too — it cannot report an overflow the JIT hid.)
 *
 * What is generated, in ONE gcc_jit_context per scheme (a run usually has
 * one scheme; compiled lazily, on the first project that uses it, at -O2,
 * no fast-math — there is no floating point anyway):
 *
 *     static int rule_pos(JitInd *v, __int128 *num, __int128 *den)   … one per RuleId
 *     int pgc_score_batch(JitInd *inds, int n)
 *
 * A rule reads the variables v->n[VAR_*] / v->d[VAR_*] and the band factor
 * (slot JIT_BAND).  如果, 且 and 或 become real branches, so only the taken
 * side is evaluated, as in the interpreter: a division in a branch not
 * taken cannot fail.  pgc_score_batch loops over the indicators of a
 * project and its budget-execution row, calls the rule through a switch,
 * sets `full` (result ≥ 分值 before rounding), clamps the result to
 * [0, 分值] and rounds it half away from zero to cents; for a 正向 number
 * it also tests 实际 ≥ 偏差阈值 × 目标, and for the execution row it
 * computes 执行率 to 1/100 % and tests it against 执行率阈值 — the rest of
 * the arithmetic of scoring (bench/README.md shows why it matters).
 *
 * Everything else stays in interp.c, shared by both engines: which
 * indicators have a rule at all (a qualitative one with an evaluator's 得分
 * has none), the warnings, --explain (for which the interpreter re-walks
 * the conditions), the sums and the grade.  jit_run fills the rows from
 * the EvProject exactly as interp.c fills its Env (a negative actual counts
 * as 0; a variable the Env lacks sends the row to the interpreter) and
 * hands the results to ev_run_with, which uses them in place of its own
 * arithmetic.
 *
 * libgccjit itself is loaded on first use (jitload.c: pgc does not link
 * it, so the other commands never pay for it, and pgc runs without it).
 * It needs as, ld, crt files and libgcc at run time (binutils,
 * libgcc-12-dev, libc6-dev).  GCC 12's embedded driver ends the whole
 * process when it cannot run as or ld, so compile() looks for them first;
 * any other failure comes back from gcc_jit_context_get_first_error.
 * Either way the caller gets a message naming what is missing, never a
 * crash.  The compiled code lives until jit_free.
 */
#include "gccjit-dl.h"
#include "pgc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The compiled code of one scheme. */
typedef struct JitCode {
    const EvScheme *sc;
    gcc_jit_result *result;
    JitBatchFn batch;
    unsigned reads[R_COUNT];                /* the slots each rule reads, as bits */
} JitCode;

enum { JIT_MAX_SCHEMES = 16 };

struct Jit {
    const char *dump_path;
    JitCode code[JIT_MAX_SCHEMES];
    int ncode;
    char *broken;                           /* why compiling failed, once it has */
    JitScorer scorer;
};

/* 2^62: the bound on the factors of every product. */
#define JIT_LIMIT ((dec_i128)1 << 62)

static const char *const rule_fn_names[R_COUNT] = {
#define RULE(id, name, jit_fn) [id] = jit_fn,
#include "rules.def"
#undef RULE
};

/* ---- code generation ------------------------------------------------------------- */

struct JitGen {
    gcc_jit_context *ctx;
    const char *suffix;         /* of the function names: "" or "_2" … */
    gcc_jit_type *i128, *i32, *int_t, *bool_t, *ind_t, *ind_ptr, *i128_ptr;
    gcc_jit_field *f_n, *f_d, *f_rnum, *f_rden, *f_cents, *f_rate, *f_rule, *f_extra, *f_status, *f_full, *f_flag;
    gcc_jit_function *fn;       /* the function being generated */
    gcc_jit_block *b;           /* the block being filled */
    gcc_jit_block *fail;        /* returns 0: fall back */
    gcc_jit_rvalue *v;          /* the JitInd * being read */
    int nlocal, nblock;
};
typedef struct JitGen Gen;

/* A fraction held in two locals. */
typedef struct Frac {
    gcc_jit_rvalue *num, *den;
    gcc_jit_lvalue *lnum, *lden;
} Frac;

static gcc_jit_rvalue *rv(gcc_jit_lvalue *l) { return gcc_jit_lvalue_as_rvalue(l); }

static gcc_jit_rvalue *k128(Gen *G, dec_i128 v)
{
    if (v >= -(dec_i128)0x7fffffffffffffff && v <= (dec_i128)0x7fffffffffffffff)
        return gcc_jit_context_new_rvalue_from_long(G->ctx, G->i128, (long)v);
    /* larger: built from 31-bit pieces of the magnitude (GCC folds it) */
    unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    gcc_jit_rvalue *x = gcc_jit_context_zero(G->ctx, G->i128);
    gcc_jit_rvalue *base = gcc_jit_context_new_rvalue_from_long(G->ctx, G->i128, 1L << 31);
    for (int shift = 124; shift >= 0; shift -= 31) {
        long piece = (long)((m >> shift) & 0x7fffffff);
        x = gcc_jit_context_new_binary_op(G->ctx, NULL, GCC_JIT_BINARY_OP_MULT, G->i128, x, base);
        x = gcc_jit_context_new_binary_op(G->ctx, NULL, GCC_JIT_BINARY_OP_PLUS, G->i128, x,
                                          gcc_jit_context_new_rvalue_from_long(G->ctx, G->i128, piece));
    }
    return v < 0 ? gcc_jit_context_new_unary_op(G->ctx, NULL, GCC_JIT_UNARY_OP_MINUS, G->i128, x) : x;
}

static gcc_jit_rvalue *k32(Gen *G, int v)
{
    return gcc_jit_context_new_rvalue_from_int(G->ctx, G->i32, v);
}

static gcc_jit_rvalue *bin(Gen *G, enum gcc_jit_binary_op op, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(G->ctx, NULL, op, G->i128, a, b);
}

static gcc_jit_rvalue *mul(Gen *G, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return bin(G, GCC_JIT_BINARY_OP_MULT, a, b);
}

static gcc_jit_rvalue *cmp(Gen *G, enum gcc_jit_comparison op, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_comparison(G->ctx, NULL, op, a, b);
}

static gcc_jit_rvalue *both(Gen *G, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(G->ctx, NULL, GCC_JIT_BINARY_OP_LOGICAL_AND, G->bool_t, a, b);
}

static gcc_jit_rvalue *neg(Gen *G, gcc_jit_rvalue *a)
{
    return gcc_jit_context_new_unary_op(G->ctx, NULL, GCC_JIT_UNARY_OP_MINUS, G->i128, a);
}

static void assign(Gen *G, gcc_jit_lvalue *l, gcc_jit_rvalue *r)
{
    gcc_jit_block_add_assignment(G->b, NULL, l, r);
}

static gcc_jit_block *new_block(Gen *G, const char *what)
{
    char name[48];
    snprintf(name, sizeof name, "%s%d", what, G->nblock++);
    return gcc_jit_function_new_block(G->fn, name);
}

static gcc_jit_lvalue *new_local(Gen *G, gcc_jit_type *t, const char *what)
{
    char name[48];
    snprintf(name, sizeof name, "%s%d", what, G->nlocal++);
    return gcc_jit_function_new_local(G->fn, NULL, t, name);
}

static Frac new_frac(Gen *G)
{
    Frac f;
    f.lnum = new_local(G, G->i128, "n");
    f.lden = new_local(G, G->i128, "d");
    f.num = rv(f.lnum);
    f.den = rv(f.lden);
    return f;
}

static void set_frac(Gen *G, Frac f, gcc_jit_rvalue *num, gcc_jit_rvalue *den)
{
    assign(G, f.lnum, num);
    assign(G, f.lden, den);
}

/* Ends the current block: on to a new one when cond holds, else to fail. */
static void require(Gen *G, gcc_jit_rvalue *cond)
{
    gcc_jit_block *next = new_block(G, "ok");
    gcc_jit_block_end_with_conditional(G->b, NULL, cond, next, G->fail);
    G->b = next;
}

/* |x| < 2^62 */
static gcc_jit_rvalue *small(Gen *G, gcc_jit_rvalue *x)
{
    return both(G, cmp(G, GCC_JIT_COMPARISON_LT, x, k128(G, JIT_LIMIT)),
                cmp(G, GCC_JIT_COMPARISON_GT, x, k128(G, -JIT_LIMIT)));
}

/* Both fractions fit the bound (denominators are positive). */
static void require_small(Gen *G, Frac a, Frac b)
{
    gcc_jit_rvalue *lim = k128(G, JIT_LIMIT);
    require(G, both(G, both(G, small(G, a.num), cmp(G, GCC_JIT_COMPARISON_LT, a.den, lim)),
                    both(G, small(G, b.num), cmp(G, GCC_JIT_COMPARISON_LT, b.den, lim))));
}

/* Branches on cond: *yes and *no are the new blocks, *join where both end. */
static void branch(Gen *G, gcc_jit_rvalue *cond, gcc_jit_block **yes, gcc_jit_block **no, gcc_jit_block **join)
{
    *yes = new_block(G, "then");
    *no = new_block(G, "else");
    *join = new_block(G, "join");
    gcc_jit_block_end_with_conditional(G->b, NULL, cond, *yes, *no);
}

static gcc_jit_rvalue *slot(Gen *G, gcc_jit_field *f, int i)
{
    gcc_jit_lvalue *arr = gcc_jit_rvalue_dereference_field(G->v, NULL, f);
    return rv(gcc_jit_context_new_array_access(G->ctx, NULL, rv(arr), k32(G, i)));
}

static gcc_jit_rvalue *truth(Gen *G, gcc_jit_rvalue *cond)
{
    return gcc_jit_context_new_cast(G->ctx, NULL, cond, G->i128);
}

static Frac gen(Gen *G, const IrExpr *e);

/* a + b or a − b */
static Frac gen_add(Gen *G, Frac a, Frac b, enum gcc_jit_binary_op op)
{
    Frac r = new_frac(G);
    require_small(G, a, b);
    gcc_jit_block *same, *cross, *join;
    branch(G, cmp(G, GCC_JIT_COMPARISON_EQ, a.den, b.den), &same, &cross, &join);
    G->b = same;                            /* the common case: one denominator */
    set_frac(G, r, bin(G, op, a.num, b.num), a.den);
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = cross;
    set_frac(G, r, bin(G, op, mul(G, a.num, b.den), mul(G, b.num, a.den)), mul(G, a.den, b.den));
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = join;
    return r;
}

static Frac gen_div(Gen *G, Frac a, Frac b)
{
    Frac r = new_frac(G);
    require_small(G, a, b);
    require(G, cmp(G, GCC_JIT_COMPARISON_NE, b.num, gcc_jit_context_zero(G->ctx, G->i128)));
    set_frac(G, r, mul(G, a.num, b.den), mul(G, a.den, b.num));
    gcc_jit_block *flip, *keep, *join;
    branch(G, cmp(G, GCC_JIT_COMPARISON_LT, r.den, gcc_jit_context_zero(G->ctx, G->i128)), &flip, &keep, &join);
    G->b = flip;
    set_frac(G, r, neg(G, r.num), neg(G, r.den));
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    gcc_jit_block_end_with_jump(keep, NULL, join);
    G->b = join;
    return r;
}

/* The comparison of a and b by cross-multiplication, as a bool rvalue. */
static gcc_jit_rvalue *gen_cmp(Gen *G, enum gcc_jit_comparison op, Frac a, Frac b)
{
    require_small(G, a, b);
    return cmp(G, op, mul(G, a.num, b.den), mul(G, b.num, a.den));
}

/* 最小 / 最大: a when (a ≤ b) / (a ≥ b), else b. */
static Frac gen_pick(Gen *G, enum gcc_jit_comparison op, Frac a, Frac b)
{
    Frac r = new_frac(G);
    gcc_jit_block *ya, *yb, *join;
    branch(G, gen_cmp(G, op, a, b), &ya, &yb, &join);
    G->b = ya;
    set_frac(G, r, a.num, a.den);
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = yb;
    set_frac(G, r, b.num, b.den);
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = join;
    return r;
}

/* 如果 c 则 x 否则 y; 且 and 或 are the same shape with a truth value. */
static Frac gen_if(Gen *G, const IrExpr *c, const IrExpr *x, const IrExpr *y, IrOp op)
{
    Frac r = new_frac(G);
    Frac fc = gen(G, c);
    gcc_jit_rvalue *zero = gcc_jit_context_zero(G->ctx, G->i128), *one = gcc_jit_context_one(G->ctx, G->i128);
    gcc_jit_block *yes, *no, *join;
    branch(G, cmp(G, GCC_JIT_COMPARISON_NE, fc.num, zero), &yes, &no, &join);
    G->b = yes;
    if (op == IR_OR) {
        set_frac(G, r, one, one);
    } else {
        Frac fx = gen(G, x);
        if (op == IR_AND)
            set_frac(G, r, truth(G, cmp(G, GCC_JIT_COMPARISON_NE, fx.num, zero)), one);
        else
            set_frac(G, r, fx.num, fx.den);
    }
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = no;
    if (op == IR_AND) {
        set_frac(G, r, zero, one);
    } else {
        Frac fy = gen(G, y);
        if (op == IR_OR)
            set_frac(G, r, truth(G, cmp(G, GCC_JIT_COMPARISON_NE, fy.num, zero)), one);
        else
            set_frac(G, r, fy.num, fy.den);
    }
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = join;
    return r;
}

static enum gcc_jit_comparison cmp_op(IrOp op)
{
    switch (op) {
    case IR_EQ: return GCC_JIT_COMPARISON_EQ;
    case IR_GE: case IR_MAX: return GCC_JIT_COMPARISON_GE;
    case IR_LE: case IR_MIN: return GCC_JIT_COMPARISON_LE;
    case IR_GT: return GCC_JIT_COMPARISON_GT;
    case IR_LT: return GCC_JIT_COMPARISON_LT;
    default: pgc_unreachable();
    }
}

/* Emits e into the current block(s); the value is in the returned locals. */
static Frac gen(Gen *G, const IrExpr *e)
{
    Frac r, a, b;
    switch (e->op) {
    case IR_CONST:
        r = new_frac(G);
        set_frac(G, r, k128(G, e->k.num), k128(G, e->k.den));
        return r;
    case IR_VAR: case IR_BAND: {
        int s = e->op == IR_BAND ? JIT_BAND : (int)e->var;
        r = new_frac(G);
        set_frac(G, r, slot(G, G->f_n, s), slot(G, G->f_d, s));
        return r;
    }
    case IR_NEG:
        a = gen(G, e->a);
        r = new_frac(G);
        set_frac(G, r, neg(G, a.num), a.den);
        return r;
    case IR_IF:
        return gen_if(G, e->a, e->b, e->c, IR_IF);
    case IR_AND: case IR_OR:
        return gen_if(G, e->a, e->b, e->b, e->op);
    default:
        break;
    }
    a = gen(G, e->a);                       /* both operands, a first, as interp.c */
    b = gen(G, e->b);
    switch (e->op) {
    case IR_ADD: return gen_add(G, a, b, GCC_JIT_BINARY_OP_PLUS);
    case IR_SUB: return gen_add(G, a, b, GCC_JIT_BINARY_OP_MINUS);
    case IR_MUL:
        r = new_frac(G);
        require_small(G, a, b);
        set_frac(G, r, mul(G, a.num, b.num), mul(G, a.den, b.den));
        return r;
    case IR_DIV: return gen_div(G, a, b);
    case IR_MIN: case IR_MAX: return gen_pick(G, cmp_op(e->op), a, b);
    default:                                /* comparisons */
        r = new_frac(G);
        set_frac(G, r, truth(G, gen_cmp(G, cmp_op(e->op), a, b)), gcc_jit_context_one(G->ctx, G->i128));
        return r;
    }
}

static void jit_types(Gen *G)
{
    gcc_jit_context *c = G->ctx;
    G->i128 = gcc_jit_context_get_type(c, GCC_JIT_TYPE_INT128_T);
    G->i32 = gcc_jit_context_get_type(c, GCC_JIT_TYPE_INT32_T);
    G->int_t = gcc_jit_context_get_type(c, GCC_JIT_TYPE_INT);
    G->bool_t = gcc_jit_context_get_type(c, GCC_JIT_TYPE_BOOL);
    gcc_jit_type *arr = gcc_jit_context_new_array_type(c, NULL, G->i128, JIT_NSLOTS);
    gcc_jit_field *f[] = {
        G->f_n = gcc_jit_context_new_field(c, NULL, arr, "n"),
        G->f_d = gcc_jit_context_new_field(c, NULL, arr, "d"),
        G->f_rnum = gcc_jit_context_new_field(c, NULL, G->i128, "rnum"),
        G->f_rden = gcc_jit_context_new_field(c, NULL, G->i128, "rden"),
        G->f_cents = gcc_jit_context_new_field(c, NULL, G->i128, "cents"),
        G->f_rate = gcc_jit_context_new_field(c, NULL, G->i128, "rate"),
        G->f_rule = gcc_jit_context_new_field(c, NULL, G->i32, "rule"),
        G->f_extra = gcc_jit_context_new_field(c, NULL, G->i32, "extra"),
        G->f_status = gcc_jit_context_new_field(c, NULL, G->i32, "status"),
        G->f_full = gcc_jit_context_new_field(c, NULL, G->i32, "full"),
        G->f_flag = gcc_jit_context_new_field(c, NULL, G->i32, "flag"),
    };
    G->ind_t = gcc_jit_struct_as_type(gcc_jit_context_new_struct_type(c, NULL, "jitind", 11, f));
    G->ind_ptr = gcc_jit_type_get_pointer(G->ind_t);
    G->i128_ptr = gcc_jit_type_get_pointer(G->i128);
}

/* int rule_X(JitInd *v, __int128 *num, __int128 *den): 1 with the result, 0 to fall back. */
static gcc_jit_function *gen_rule(Gen *G, RuleId id, const IrExpr *e)
{
    gcc_jit_param *p[] = {
        gcc_jit_context_new_param(G->ctx, NULL, G->ind_ptr, "v"),
        gcc_jit_context_new_param(G->ctx, NULL, G->i128_ptr, "num"),
        gcc_jit_context_new_param(G->ctx, NULL, G->i128_ptr, "den"),
    };
    char name[64];
    snprintf(name, sizeof name, "%s%s", rule_fn_names[id], G->suffix);
    G->fn = gcc_jit_context_new_function(G->ctx, NULL, GCC_JIT_FUNCTION_INTERNAL, G->int_t, name, 3, p, 0);
    G->nlocal = G->nblock = 0;
    G->v = gcc_jit_param_as_rvalue(p[0]);
    G->b = new_block(G, "entry");
    G->fail = new_block(G, "fail");
    gcc_jit_block_end_with_return(G->fail, NULL, gcc_jit_context_zero(G->ctx, G->int_t));
    Frac r = gen(G, e);
    assign(G, gcc_jit_rvalue_dereference(gcc_jit_param_as_rvalue(p[1]), NULL), r.num);
    assign(G, gcc_jit_rvalue_dereference(gcc_jit_param_as_rvalue(p[2]), NULL), r.den);
    gcc_jit_block_end_with_return(G->b, NULL, gcc_jit_context_one(G->ctx, G->int_t));
    return G->fn;
}

static gcc_jit_lvalue *field(gcc_jit_rvalue *ptr, gcc_jit_field *f)
{
    return gcc_jit_rvalue_dereference_field(ptr, NULL, f);
}

/* x ÷ den rounded half up (x ≥ 0, den > 0), in a new local; G->b goes on
 * after it.  In 64 bits when both fit (a hardware division), else in 128
 * (a libgcc call); one division either way, the remainder by a product. */
static gcc_jit_rvalue *gen_round_div(Gen *G, gcc_jit_rvalue *x, gcc_jit_rvalue *den)
{
    gcc_jit_type *i64 = gcc_jit_context_get_type(G->ctx, GCC_JIT_TYPE_INT64_T);
    gcc_jit_lvalue *lx = new_local(G, G->i128, "x"), *q = new_local(G, G->i128, "q");
    assign(G, lx, x);
    gcc_jit_rvalue *lim = k128(G, (dec_i128)INT64_MAX);
    gcc_jit_block *narrow, *wide, *join;
    branch(G, both(G, cmp(G, GCC_JIT_COMPARISON_LE, rv(lx), lim), cmp(G, GCC_JIT_COMPARISON_LE, den, lim)),
           &narrow, &wide, &join);
    G->b = narrow;
    assign(G, q, gcc_jit_context_new_cast(G->ctx, NULL,
               gcc_jit_context_new_binary_op(G->ctx, NULL, GCC_JIT_BINARY_OP_DIVIDE, i64,
                                             gcc_jit_context_new_cast(G->ctx, NULL, rv(lx), i64),
                                             gcc_jit_context_new_cast(G->ctx, NULL, den, i64)), G->i128));
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = wide;
    assign(G, q, bin(G, GCC_JIT_BINARY_OP_DIVIDE, rv(lx), den));
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = join;
    gcc_jit_lvalue *rem = new_local(G, G->i128, "rem");
    assign(G, rem, bin(G, GCC_JIT_BINARY_OP_MINUS, rv(lx), mul(G, rv(q), den)));
    gcc_jit_block *up = new_block(G, "up"), *done = new_block(G, "rounded");
    gcc_jit_block_end_with_conditional(G->b, NULL,
                                       cmp(G, GCC_JIT_COMPARISON_GE, rv(rem), bin(G, GCC_JIT_BINARY_OP_MINUS, den, rv(rem))),
                                       up, done);
    gcc_jit_block_add_assignment_op(up, NULL, q, GCC_JIT_BINARY_OP_PLUS, gcc_jit_context_one(G->ctx, G->i128));
    gcc_jit_block_end_with_jump(up, NULL, done);
    G->b = done;
    return rv(q);
}

static Frac load(Gen *G, int s)
{
    Frac f = new_frac(G);
    set_frac(G, f, slot(G, G->f_n, s), slot(G, G->f_d, s));
    return f;
}

/* The block for JIT_EXTRA_DEVIATION (G->v is the JitInd):
 * flag = 实际 ≥ 偏差阈值 × 目标, as score_indicator tests it. */
static gcc_jit_block *gen_deviation(Gen *G, gcc_jit_block *next)
{
    gcc_jit_block *start = G->b = new_block(G, "deviation");
    Frac a = load(G, VAR_ACTUAL), t = load(G, VAR_TARGET), k = load(G, JIT_AUX), bar = new_frac(G);
    require_small(G, k, t);
    set_frac(G, bar, mul(G, k.num, t.num), mul(G, k.den, t.den));
    assign(G, field(G->v, G->f_flag),
           gcc_jit_context_new_cast(G->ctx, NULL, gen_cmp(G, GCC_JIT_COMPARISON_GE, a, bar), G->i32));
    gcc_jit_block_end_with_jump(G->b, NULL, next);
    return start;
}

/* The block for JIT_EXTRA_RATE: rate = 全年执行数 ÷ 全年预算数 in 1/100 %,
 * rounded half up; flag = the exact rate < 执行率阈值 (score_execution). */
static gcc_jit_block *gen_rate(Gen *G, gcc_jit_block *next)
{
    gcc_jit_block *start = G->b = new_block(G, "rate");
    gcc_jit_rvalue *z128 = gcc_jit_context_zero(G->ctx, G->i128);
    Frac sp = load(G, VAR_SPENT), bu = load(G, VAR_BUDGET), fl = load(G, JIT_AUX), rt = new_frac(G);
    require_small(G, sp, bu);
    require(G, both(G, cmp(G, GCC_JIT_COMPARISON_GT, bu.num, z128), cmp(G, GCC_JIT_COMPARISON_GE, sp.num, z128)));
    set_frac(G, rt, mul(G, sp.num, bu.den), mul(G, sp.den, bu.num));
    assign(G, field(G->v, G->f_flag),
           gcc_jit_context_new_cast(G->ctx, NULL, gen_cmp(G, GCC_JIT_COMPARISON_LT, rt, fl), G->i32));
    gcc_jit_rvalue *q = gen_round_div(G, mul(G, rt.num, k128(G, 10000)), rt.den);
    assign(G, field(G->v, G->f_rate), q);
    gcc_jit_block_end_with_jump(G->b, NULL, next);
    return start;
}

/*
 * int pgc_score_batch(JitInd *inds, int n)
 * {
 *     int fails = 0;
 *     for (int i = 0; i < n; i++) {
 *         JitInd *p = &inds[i];
 *         __int128 num, den;
 *         int ok;
 *         switch (p->rule) { case R_POS: ok = rule_pos(p, &num, &den); break; … default: ok = 0; }
 *         if (!ok || |num|, den, 分值 ≥ 2^62 || 分值 < 0) { p->status = 1; fails++; continue; }
 *         p->rnum = num; p->rden = den;
 *         p->full = num·wd ≥ wn·den;
 *         if (num < 0) num = 0, den = 1;
 *         else if (num·wd > wn·den) num = wn, den = wd;
 *         q = num·100 / den; rem = num·100 % den; if (rem ≥ den − rem) q++;
 *         p->cents = q; p->status = 0;
 *         switch (p->extra) { the deviation test, or the execution rate and its floor }
 *     }
 *     return fails;
 * }
 */
static gcc_jit_function *gen_batch(Gen *G, gcc_jit_function *const *rules)
{
    gcc_jit_context *c = G->ctx;
    gcc_jit_param *prm[] = {
        gcc_jit_context_new_param(c, NULL, G->ind_ptr, "inds"),
        gcc_jit_context_new_param(c, NULL, G->int_t, "n"),
    };
    char name[64];
    snprintf(name, sizeof name, "pgc_score_batch%s", G->suffix);
    G->fn = gcc_jit_context_new_function(c, NULL, GCC_JIT_FUNCTION_EXPORTED, G->int_t, name, 2, prm, 0);
    gcc_jit_function *batch = G->fn;
    G->nlocal = G->nblock = 0;
    gcc_jit_lvalue *i = new_local(G, G->int_t, "i"), *fails = new_local(G, G->int_t, "fails");
    gcc_jit_lvalue *p = new_local(G, G->ind_ptr, "p"), *ok = new_local(G, G->int_t, "ok");
    gcc_jit_lvalue *gt = new_local(G, G->bool_t, "gt");
    Frac r = new_frac(G);
    gcc_jit_rvalue *zero = gcc_jit_context_zero(c, G->int_t), *one = gcc_jit_context_one(c, G->int_t);
    gcc_jit_rvalue *z128 = gcc_jit_context_zero(c, G->i128), *o128 = gcc_jit_context_one(c, G->i128);

    gcc_jit_block *entry = new_block(G, "entry"), *test = new_block(G, "test"), *body = new_block(G, "body");
    gcc_jit_block *after = new_block(G, "after"), *fallback = new_block(G, "fallback");
    gcc_jit_block *next = new_block(G, "next"), *done = new_block(G, "done");
    gcc_jit_block_add_assignment(entry, NULL, i, zero);
    gcc_jit_block_add_assignment(entry, NULL, fails, zero);
    gcc_jit_block_end_with_jump(entry, NULL, test);
    gcc_jit_block_end_with_conditional(test, NULL, cmp(G, GCC_JIT_COMPARISON_LT, rv(i), gcc_jit_param_as_rvalue(prm[1])),
                                       body, done);
    gcc_jit_block_end_with_return(done, NULL, rv(fails));

    /* body: the rule, through a switch */
    G->b = body;
    assign(G, p, gcc_jit_lvalue_get_address(
                     gcc_jit_context_new_array_access(c, NULL, gcc_jit_param_as_rvalue(prm[0]), rv(i)), NULL));
    gcc_jit_rvalue *args[] = { rv(p), gcc_jit_lvalue_get_address(r.lnum, NULL), gcc_jit_lvalue_get_address(r.lden, NULL) };
    gcc_jit_case *cases[R_COUNT];
    for (int k = 0; k < R_COUNT; k++) {
        gcc_jit_block *call = new_block(G, "call");
        gcc_jit_block_add_assignment(call, NULL, ok, gcc_jit_context_new_call(c, NULL, rules[k], 3, args));
        gcc_jit_block_end_with_jump(call, NULL, after);
        cases[k] = gcc_jit_context_new_case(c, k32(G, k), k32(G, k), call);
    }
    gcc_jit_block *none = new_block(G, "none");
    gcc_jit_block_add_assignment(none, NULL, ok, zero);
    gcc_jit_block_end_with_jump(none, NULL, after);
    gcc_jit_block_end_with_switch(G->b, NULL, rv(field(rv(p), G->f_rule)), none, R_COUNT, cases);

    /* fall back: the interpreter scores this one */
    gcc_jit_block_add_assignment(fallback, NULL, field(rv(p), G->f_status), k32(G, 1));
    gcc_jit_block_add_assignment_op(fallback, NULL, fails, GCC_JIT_BINARY_OP_PLUS, one);
    gcc_jit_block_end_with_jump(fallback, NULL, next);

    /* after: check the bounds, then compare with 分值, clamp and round */
    G->b = after;
    G->fail = fallback;
    require(G, cmp(G, GCC_JIT_COMPARISON_NE, rv(ok), zero));
    G->v = rv(p);
    Frac w = new_frac(G);
    set_frac(G, w, slot(G, G->f_n, VAR_WEIGHT), slot(G, G->f_d, VAR_WEIGHT));
    require_small(G, r, w);
    require(G, cmp(G, GCC_JIT_COMPARISON_GE, w.num, z128));
    assign(G, field(rv(p), G->f_rnum), r.num);
    assign(G, field(rv(p), G->f_rden), r.den);
    gcc_jit_lvalue *lhs = new_local(G, G->i128, "lhs"), *rhs = new_local(G, G->i128, "rhs");
    assign(G, lhs, mul(G, r.num, w.den));
    assign(G, rhs, mul(G, w.num, r.den));
    assign(G, field(rv(p), G->f_full),
           gcc_jit_context_new_cast(c, NULL, cmp(G, GCC_JIT_COMPARISON_GE, rv(lhs), rv(rhs)), G->i32));
    assign(G, gt, cmp(G, GCC_JIT_COMPARISON_GT, rv(lhs), rv(rhs)));
    gcc_jit_block *low, *notlow, *join;
    branch(G, cmp(G, GCC_JIT_COMPARISON_LT, r.num, z128), &low, &notlow, &join);
    G->b = low;
    set_frac(G, r, z128, o128);
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = notlow;
    gcc_jit_block *high = new_block(G, "high");
    gcc_jit_block_end_with_conditional(G->b, NULL, rv(gt), high, join);
    G->b = high;
    set_frac(G, r, w.num, w.den);
    gcc_jit_block_end_with_jump(G->b, NULL, join);
    G->b = join;
    gcc_jit_rvalue *q = gen_round_div(G, mul(G, r.num, k128(G, 100)), r.den);
    gcc_jit_block *store = G->b;
    gcc_jit_block_add_assignment(store, NULL, field(rv(p), G->f_cents), q);
    gcc_jit_block_add_assignment(store, NULL, field(rv(p), G->f_status), k32(G, 0));
    gcc_jit_case *extra[] = {
        gcc_jit_context_new_case(c, k32(G, JIT_EXTRA_DEVIATION), k32(G, JIT_EXTRA_DEVIATION), gen_deviation(G, next)),
        gcc_jit_context_new_case(c, k32(G, JIT_EXTRA_RATE), k32(G, JIT_EXTRA_RATE), gen_rate(G, next)),
    };
    gcc_jit_block_end_with_switch(store, NULL, rv(field(rv(p), G->f_extra)), next, 2, extra);

    gcc_jit_block_add_assignment_op(next, NULL, i, GCC_JIT_BINARY_OP_PLUS, one);
    gcc_jit_block_end_with_jump(next, NULL, test);
    return batch;
}

/* ---- for pgc build: the same code in another context ------------------------------- */

JitGen *jit_gen_new(gcc_jit_context *ctx)
{
    Gen *G = xcalloc(1, sizeof *G);
    G->ctx = ctx;
    G->suffix = "";
    jit_types(G);
    return G;
}

gcc_jit_function *jit_gen_scheme(JitGen *G, const EvScheme *sc)
{
    gcc_jit_function *rules[R_COUNT];
    for (int r = 0; r < R_COUNT; r++)
        rules[r] = gen_rule(G, (RuleId)r, sc->rules[r]);
    return gen_batch(G, rules);
}

void jit_gen_set_suffix(JitGen *G, const char *suffix)
{
    G->suffix = suffix;
}

gcc_jit_type *jit_gen_ind_ptr(const JitGen *G)
{
    return G->ind_ptr;
}

void jit_gen_free(JitGen *G)
{
    free(G);
}

/* ---- compiling ------------------------------------------------------------------- */

/* Whether one of the colon-separated dirs holds an executable name. */
static bool search_dirs(const char *dirs, const char *name)
{
    for (const char *s = dirs; *s;) {
        const char *e = strchr(s, ':');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char buf[4096];
        if (n > 0 && n + strlen(name) + 2 < sizeof buf) {
            snprintf(buf, sizeof buf, "%.*s/%s", (int)n, s, name);
            if (access(buf, X_OK) == 0)
                return true;
        }
        s = e ? e + 1 : s + n;
    }
    return false;
}

/* Whether the gcc driver inside libgccjit will find the program name: in
 * the directories it searches first, or in PATH. */
static bool find_tool(const char *name)
{
    const char *path = getenv("PATH");
    return search_dirs("/usr/lib/gcc/x86_64-linux-gnu/12:/usr/libexec/gcc/x86_64-linux-gnu/12:"
                       "/usr/x86_64-linux-gnu/bin", name) ||
           search_dirs(path && *path ? path : "/usr/bin:/bin", name);
}

/* What libgccjit needs at run time besides itself (Debian 12, x86-64), as
 * the package that provides it, or NULL when nothing is seen missing. */
static const char *missing_package(void)
{
    if (!find_tool("as") || !find_tool("ld"))
        return "binutils";
    if (access("/usr/lib/gcc/x86_64-linux-gnu/12/crtbeginS.o", R_OK) != 0 ||
        access("/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a", R_OK) != 0)
        return "libgcc-12-dev";
    if (access("/usr/lib/x86_64-linux-gnu/crti.o", R_OK) != 0 ||
        access("/usr/lib/x86_64-linux-gnu/libc.so", R_OK) != 0)
        return "libc6-dev";
    return NULL;
}

char *jit_fail_message(const char *error)
{
    const char *pkg = missing_package();
    char *msg;
    size_t n = strlen(error ? error : "") + 512;     /* room for a translation */
    msg = xmalloc(n);
    if (pkg && error)
        /* TRANSLATORS: a Debian package (binutils, libc6-dev …), then libgccjit's own error message */
        snprintf(msg, n, _("the JIT cannot compile: install the Debian package '%s' (libgccjit needs it at run time): %s"),
                 pkg, error);
    else if (pkg)
        /* TRANSLATORS: a Debian package (binutils, libgcc-12-dev, libc6-dev) */
        snprintf(msg, n, _("the JIT cannot compile: install the Debian package '%s' (libgccjit needs it at run time)"),
                 pkg);
    else if (error)
        /* TRANSLATORS: libgccjit's own error message (English) */
        snprintf(msg, n, _("the JIT cannot compile: %s"), error);
    else
        snprintf(msg, n, "%s", _("the JIT cannot compile: libgccjit failed without a message"));
    return msg;
}

bool jit_tools_present(void)
{
    return find_tool("as") && find_tool("ld");
}

static bool compile(Jit *j, JitCode *code, const EvScheme *sc)
{
    /* Look first: when the driver inside libgccjit cannot run as or ld,
     * its fatal error ends the whole process (exit 1, GCC 12). */
    const char *why;
    if (!jit_load(&why)) {
        j->broken = xstrdup(why);
        return false;
    }
    if (!jit_tools_present()) {
        j->broken = jit_fail_message(NULL);
        return false;
    }
    gcc_jit_context *ctx = gcc_jit_context_acquire();
    if (!ctx) {
        j->broken = jit_fail_message(_("gcc_jit_context_acquire failed"));
        return false;
    }
    gcc_jit_context_set_int_option(ctx, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL, 2);
    gcc_jit_context_set_bool_print_errors_to_stderr(ctx, 0);
    gcc_jit_context_set_bool_allow_unreachable_blocks(ctx, 1);  /* a rule that cannot fail */
    Gen G = { .ctx = ctx, .suffix = "" };
    jit_types(&G);
    jit_gen_scheme(&G, sc);
    for (int r = 0; r < R_COUNT; r++)
        code->reads[r] = jit_reads(sc->rules[r]);
    if (j->dump_path) {
        char path[4096];
        if (j->ncode == 0)
            snprintf(path, sizeof path, "%s", j->dump_path);
        else                                /* a second scheme in the run */
            snprintf(path, sizeof path, "%s.%d", j->dump_path, j->ncode + 1);
        gcc_jit_context_dump_to_file(ctx, path, 0);
    }
    gcc_jit_result *res = gcc_jit_context_compile(ctx);
    void *fn = res ? gcc_jit_result_get_code(res, "pgc_score_batch") : NULL;
    if (!fn) {
        j->broken = jit_fail_message(gcc_jit_context_get_first_error(ctx));
        if (res)
            gcc_jit_result_release(res);
        gcc_jit_context_release(ctx);
        return false;
    }
    gcc_jit_context_release(ctx);
    code->sc = sc;
    code->result = res;
    /* ISO C has no function ↔ object pointer conversion; POSIX guarantees it (as for dlsym) */
    memcpy(&code->batch, &fn, sizeof fn);
    return true;
}

Jit *jit_new(const char *dump_path)
{
    Jit *j = xcalloc(1, sizeof *j);
    j->dump_path = dump_path;
    return j;
}

static JitCode *code_for(Jit *j, const EvScheme *sc)
{
    for (int i = 0; i < j->ncode; i++)
        if (j->code[i].sc == sc)
            return &j->code[i];
    return NULL;
}

bool jit_prepare(Jit *j, const EvScheme *sc, const char **why)
{
    if (code_for(j, sc))
        return true;
    if (!j->broken && j->ncode == JIT_MAX_SCHEMES)
        j->broken = jit_fail_message(_("too many 评分方案 in one run"));
    if (!j->broken && compile(j, &j->code[j->ncode], sc))
        j->ncode++;
    *why = j->broken;
    return !j->broken;
}

/* ---- scoring ----------------------------------------------------------------------- */

bool jit_run(Jit *j, EvProject *p, bool explain, Arena *arena)
{
    const JitCode *code = code_for(j, p->scheme);
    if (!code)
        pgc_die("jit_run before jit_prepare");
    return jit_score(&j->scorer, code->batch, code->reads, p, explain, arena);
}

bool jit_code(Jit *j, const EvScheme *sc, JitBatchFn *batch, const unsigned **reads)
{
    const JitCode *code = code_for(j, sc);
    if (!code)
        return false;
    *batch = code->batch;
    *reads = code->reads;
    return true;
}

void jit_counts(const Jit *j, long long *scored, long long *fell_back)
{
    *scored = j->scorer.scored;
    *fell_back = j->scorer.fell_back;
}

void jit_free(Jit *j)
{
    if (!j)
        return;
    for (int i = 0; i < j->ncode; i++)
        gcc_jit_result_release(j->code[i].result);
    free(j->broken);
    jit_scorer_free(&j->scorer);
    free(j);
}

/* LeakSanitizer (--enable-sanitizers) calls this for its default
 * suppressions.  libgccjit keeps part of every compile's memory for the
 * life of the process, even after gcc_jit_result_release (about 270 kB a
 * compile, toolchain-notes.md): its leaks, not pgc's, which are all
 * released by jit_free. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgccjit.so\n";
}

/* ... and quietly: no "Suppressions used" table on stderr. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
