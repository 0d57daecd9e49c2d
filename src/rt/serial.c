/*
 * serial.c — the specs of a built evaluator, as bytes.
 *
 * `pgc build` lowers every project of the specs (lower.c) and writes the
 * result here into one byte string, which build.c has the linker put into
 * the executable as it is (a data section); the evaluator's runtime
 * (rtmain.c) reads it back, in place, into the same EvScheme and EvProject
 * structures that `pgc eval` scores, so both print the same report.  No
 * parser and no syntax tree at run time: only the lowered data.
 *
 *     header    "PGCSPEC" NUL, format, the length of the head
 *     head      pgc version, SHA-256 of the rest; the units and words of
 *               the standard library (binding actuals needs them: 万张 →
 *               张, 基本稳定 → 部分达成); each scheme used: its rules as
 *               expression trees, weights, bands, grades, thresholds; the
 *               number of files
 *     files     each spec file, after its length: its path; the excerpt
 *               of its text that diagnostics quote (the lines of its
 *               projects and indicators, nothing else); then its projects:
 *               header fields, budget, 一级 in order, and the indicator
 *               table (targets exact, units by their number in the head)
 *
 * Integers are LEB128 varints (signed ones zigzagged), exact numbers
 * 128-bit integers so written (a Decimal is its coefficient and scale, a
 * Rat its numerator and denominator), strings a length + 1 (0 for none),
 * the bytes and a NUL — and inside a file, a string met before is its
 * number instead (the 一级, 二级, units of measure and targets repeat), so
 * the reader hands out pointers into the blob itself, and its strings are
 * NUL-ended in place.  Positions in a file are the file's line and column
 * with byte offsets into the excerpt, so a diagnostic quotes its line as
 * `pgc eval` would.  The reader goes through one file at a time and lets
 * the pages of what it has read go (mem_drop_pages) — so an evaluator of
 * 100,000 projects holds one file of them in memory, not all.  The reader
 * trusts nothing: a damaged blob is an internal error, never a wild read.
 */
#include "config.h"
#include "rt.h"

#include <stdlib.h>
#include <string.h>

enum { SPEC_FORMAT = 5 };
static const char spec_magic[8] = "PGCSPEC";

/* ---- writing --------------------------------------------------------------------- */

/* Unsigned LEB128: seven bits a byte, low first, the high bit = more. */
static void w_uvar(Buf *b, unsigned __int128 v)
{
    char x[19];
    int n = 0;
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        x[n++] = (char)(c | (v ? 0x80 : 0));
    } while (v);
    buf_add(b, x, (size_t)n);
}

static void w_u32(Buf *b, uint32_t v)
{
    w_uvar(b, v);
}

/* Signed: zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …), then LEB128. */
static void w_i128(Buf *b, dec_i128 v)
{
    unsigned __int128 u = (unsigned __int128)v;
    w_uvar(b, v < 0 ? ~(u << 1) : u << 1);
}

static void w_str(Buf *b, const char *s)
{
    if (!s) {
        w_u32(b, 0);
        return;
    }
    size_t n = strlen(s);
    w_u32(b, (uint32_t)n + 1);
    buf_add(b, s, n + 1);
}

static void w_dec(Buf *b, Decimal d)
{
    w_i128(b, d.v);
    w_u32(b, (uint32_t)d.scale);
}

static void w_rat(Buf *b, Rat r)
{
    w_i128(b, r.num);
    w_i128(b, r.den);
}

static void w_loc(Buf *b, Loc l)
{
    w_u32(b, l.line);
    w_u32(b, l.col);
    w_u32(b, l.off);
    w_u32(b, l.end);
}

static void w_expr(Buf *b, const IrExpr *e)
{
    w_u32(b, e->op);
    switch (e->op) {
    case IR_CONST: w_rat(b, e->k); return;
    case IR_VAR: w_u32(b, e->var); return;
    case IR_BAND: return;
    case IR_NEG: w_expr(b, e->a); return;
    case IR_IF: w_expr(b, e->a); w_expr(b, e->b); w_expr(b, e->c); return;
    default: w_expr(b, e->a); w_expr(b, e->b); return;
    }
}

/* The 监控方案 (pgc monitor's lights, for --monitor). */
static void w_monitor(Buf *b, const EvMonScheme *ms)
{
    w_str(b, ms->name);
    for (int k = 0; k < 2; k++) {
        w_u32(b, ms->exec[k].op);
        w_rat(b, ms->exec[k].bound);
        w_u32(b, ms->goal[k].op);
        w_rat(b, ms->goal[k].bound);
    }
    for (int i = 0; i < BAND_COUNT; i++)
        w_u32(b, ms->band_light[i]);
    for (int i = 0; i < LIKELY_COUNT; i++)
        w_u32(b, ms->likely_light[i]);
}

static void w_scheme(Buf *b, const EvScheme *sc)
{
    w_str(b, sc->name);
    for (int r = 0; r < R_COUNT; r++)
        w_expr(b, sc->rules[r]);
    w_dec(b, sc->exec_weight);
    w_u32(b, (uint32_t)sc->nweights);
    for (int i = 0; i < sc->nweights; i++) {
        w_str(b, sc->w_names[i]);
        w_dec(b, sc->w_values[i]);
        w_str(b, sc->w_share[i]);
    }
    for (int i = 0; i < 4; i++) {
        w_rat(b, sc->band_factor[i]);
        w_rat(b, sc->band_low[i]);
    }
    w_u32(b, (uint32_t)sc->ngrades);
    for (int i = 0; i < sc->ngrades; i++) {
        w_str(b, sc->grades[i].name);
        w_u32(b, sc->grades[i].op);
        w_rat(b, sc->grades[i].bound);
    }
    w_rat(b, sc->deviation);
    w_rat(b, sc->exec_floor);
    w_u32(b, sc->weights_given);
}

/* ---- a file's record ---------------------------------------------------------------- */

/* What a file's record is written with: its strings, each written once
 * and then referred to by number, and the excerpt of its text that
 * diagnostics quote — the lines of its projects and indicators — with a
 * map from a line's start in the file to its start in the excerpt. */
typedef struct FileWriter {
    Buf *b;
    const Source *src;
    Arena arena;
    StrMap strs;
    uint32_t nstrs;
    Buf excerpt;
    size_t *line_at, *line_ex;          /* sorted by line_at */
    int nlines, cap;
    size_t last_at, last_end, last_ex;  /* the line of the last position */
    bool have_last;
} FileWriter;

/* A string of the file: 0 for none, 2k + 1 for the k-th one written
 * before, 2(n + 1) for a new one of n bytes (followed by them and a NUL). */
static void wf_str(FileWriter *f, const char *s)
{
    if (!s) {
        w_u32(f->b, 0);
        return;
    }
    intptr_t k = (intptr_t)map_get(&f->strs, s);
    if (k) {
        w_u32(f->b, (uint32_t)(2 * (k - 1) + 1));
        return;
    }
    size_t n = strlen(s);
    if (n >= UINT32_MAX / 2 - 1)
        pgc_die("a string of %zu bytes in a spec", n);
    map_put(&f->strs, s, (void *)(intptr_t)(++f->nstrs));
    w_u32(f->b, (uint32_t)(2 * (n + 1)));
    buf_add(f->b, s, n + 1);
}

/* Where the line starting at byte at of the file starts in the excerpt:
 * copied there (with its line end) the first time. */
static size_t excerpt_line(FileWriter *f, size_t at, size_t end)
{
    int lo = 0, hi = f->nlines;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (f->line_at[mid] < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t ex;
    if (lo < f->nlines && f->line_at[lo] == at) {
        ex = f->line_ex[lo];
    } else {
        ex = f->excerpt.n;
        buf_add(&f->excerpt, f->src->text + at, end - at);
        buf_add(&f->excerpt, "\n", 1);
        if (f->nlines == f->cap) {
            f->cap = f->cap ? 2 * f->cap : 64;
            f->line_at = xrealloc(f->line_at, (size_t)f->cap * sizeof *f->line_at);
            f->line_ex = xrealloc(f->line_ex, (size_t)f->cap * sizeof *f->line_ex);
        }
        memmove(f->line_at + lo + 1, f->line_at + lo, (size_t)(f->nlines - lo) * sizeof *f->line_at);
        memmove(f->line_ex + lo + 1, f->line_ex + lo, (size_t)(f->nlines - lo) * sizeof *f->line_ex);
        f->line_at[lo] = at;
        f->line_ex[lo] = ex;
        f->nlines++;
    }
    return ex;
}

/* A position in the file, as one in the excerpt: its line is kept there
 * (the span cut at the line's end), its line and column are the file's. */
static void wf_loc(FileWriter *f, Loc l)
{
    if (l.line == 0) {                  /* no position */
        w_loc(f->b, l);
        return;
    }
    const char *t = f->src->text;
    size_t len = f->src->len, off = l.off > len ? len : l.off;
    if (!f->have_last || off < f->last_at || off > f->last_end) {
        /* not on the line of the last position (an indicator's weight is) */
        size_t ls = off, le = off;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        while (le < len && t[le] != '\n')
            le++;
        f->last_ex = excerpt_line(f, ls, le);
        f->last_at = ls;
        f->last_end = le;
        f->have_last = true;
    }
    size_t ls = f->last_at, le = f->last_end, ex = f->last_ex;
    size_t end = l.end < off ? off : l.end > le ? le : l.end;
    if (ex + (le - ls) >= UINT32_MAX)
        pgc_die("a spec file's excerpt over 4 GB");
    w_loc(f->b, (Loc){ l.line, l.col, (uint32_t)(ex + off - ls), (uint32_t)(ex + end - ls) });
}

/* The number of x's unit in the standard library's table (0: none). */
static uint32_t unit_number(const SpecWriter *w, const StdUnit *u)
{
    if (!u)
        return 0;
    if (!w->std || u < w->std->units || u >= w->std->units + w->std->nunits)
        pgc_die("a unit outside the standard library's table");
    return (uint32_t)(u - w->std->units) + 1;
}

void spec_add_file(SpecWriter *w, const Source *src, EvProject *const *ps, int n)
{
    Buf body = { 0 }, *b = &body;
    FileWriter f = { .b = b, .src = src };
    map_init(&f.strs, &f.arena, 64);
    w->nfiles++;
    w_u32(b, (uint32_t)n);
    for (int k = 0; k < n; k++) {
        const EvProject *p = ps[k];
        int si = 0;
        while (si < w->nschemes && w->schemes[si] != p->scheme)
            si++;
        if (si == w->nschemes) {
            if (w->nschemes == SPEC_MAX_SCHEMES)
                pgc_die("more than %d schemes in one build", SPEC_MAX_SCHEMES);
            w->schemes[w->nschemes++] = p->scheme;
        }
        wf_str(&f, p->name);
        wf_loc(&f, p->loc);
        wf_str(&f, p->dept);
        wf_str(&f, p->unit);
        w_u32(b, (uint32_t)p->year);
        wf_str(&f, p->funds_unit ? p->funds_unit : "");
        w_u32(b, (uint32_t)p->funds_shift);
        w_u32(b, p->spec_weights);
        w_u32(b, (uint32_t)si);
        w_dec(b, p->budget_initial);
        w_dec(b, p->budget);
        w_dec(b, p->exec_weight);
        w_u32(b, (uint32_t)p->nl1);
        for (int i = 0; i < p->nl1; i++)
            wf_str(&f, p->l1[i]);
        w_u32(b, (uint32_t)p->nind);
        for (int i = 0; i < p->nind; i++) {
            const EvIndicator *x = &p->ind[i];
            wf_str(&f, x->name);
            wf_str(&f, x->l1);
            wf_str(&f, x->l2);
            wf_loc(&f, x->loc);
            wf_loc(&f, x->weight_loc);
            w_u32(b, x->kind);
            w_u32(b, x->op);
            w_u32(b, x->rule);
            w_rat(b, x->target);
            w_u32(b, unit_number(w, x->unit));
            wf_str(&f, x->word);
            wf_str(&f, x->scale);
            wf_str(&f, x->target_text);
            w_dec(b, x->weight);
        }
    }
    /* path, excerpt (and two NULs), projects; after the record's length:
     * the reader finds each file without reading it */
    Buf start = { 0 };
    w_str(&start, src->path);
    w_u32(&start, (uint32_t)f.excerpt.n);
    w_uvar(&w->files, start.n + f.excerpt.n + 2 + body.n);
    buf_add(&w->files, start.s, start.n);
    buf_add(&w->files, f.excerpt.s ? f.excerpt.s : "", f.excerpt.n);
    buf_add(&w->files, "\0", 2);
    buf_add(&w->files, body.s, body.n);
    buf_free(&start);
    buf_free(&body);
    buf_free(&f.excerpt);
    free(f.line_at);
    free(f.line_ex);
    arena_free(&f.arena);
}

void spec_finish(SpecWriter *w, Buf *out)
{
    const Stdlib *std = w->std;
    Buf body = { 0 };
    w_u32(&body, (uint32_t)std->nunits);
    for (int i = 0; i < std->nunits; i++) {
        const StdUnit *u = &std->units[i];
        w_str(&body, u->name);
        w_str(&body, u->dim);
        w_str(&body, u->base);
        w_dec(&body, u->factor);
    }
    w_u32(&body, (uint32_t)std->nwords);
    for (int i = 0; i < std->nwords; i++) {
        const StdWord *x = &std->words[i];
        w_str(&body, x->word);
        w_str(&body, x->scale);
        w_u32(&body, x->band);
        w_u32(&body, (uint32_t)x->ordinal);
        w_u32(&body, x->use);
    }
    w_u32(&body, (uint32_t)w->nschemes);
    for (int i = 0; i < w->nschemes; i++)
        w_scheme(&body, w->schemes[i]);
    w_monitor(&body, w->monitor);
    w_u32(&body, (uint32_t)w->nfiles);
    Sha256 c;                           /* of the tables and the files */
    sha256_init(&c);
    sha256_add(&c, body.s, body.n);
    sha256_add(&c, w->files.s ? w->files.s : "", w->files.n);
    sha256_end_hex(&c, w->hash);

    Buf h = { 0 };
    w_str(&h, PACKAGE_VERSION);
    w_str(&h, w->hash);
    buf_add(&h, body.s, body.n);
    buf_add(out, spec_magic, sizeof spec_magic);
    w_u32(out, SPEC_FORMAT);
    w_uvar(out, h.n);
    buf_add(out, h.s, h.n);
    buf_free(&h);
    buf_free(&body);
}

/* ---- reading ---------------------------------------------------------------------- */

static PGC_NORETURN void damaged(void)
{
    pgc_die("the specs built into this evaluator are damaged");
}

/* A varint of the blob between records (a length: below 2^32, and no
 * more than what is left). */
static size_t in_len(SpecReader *r)
{
    size_t v = 0;
    for (int shift = 0;; shift += 7) {
        if (r->in == r->in_end || shift >= 35)
            damaged();
        unsigned char c = *r->in++;
        v |= (size_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            break;
    }
    if (v > UINT32_MAX || v > (size_t)(r->in_end - r->in))
        damaged();
    return v;
}

/* The next n bytes of the blob are read, in place. */
static void in_record(SpecReader *r, size_t n)
{
    r->p = r->in;
    r->end = r->in + n;
    r->in += n;
}

static const unsigned char *take(SpecReader *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n)
        damaged();
    const unsigned char *p = r->p;
    r->p += n;
    return p;
}

static unsigned __int128 r_uvar(SpecReader *r, int maxbits)
{
    unsigned __int128 v = 0;
    for (int shift = 0;; shift += 7) {
        if (shift >= maxbits)
            damaged();
        unsigned char c = *take(r, 1);
        v |= (unsigned __int128)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
}

static uint32_t r_u32(SpecReader *r)
{
    unsigned __int128 v = r_uvar(r, 35);
    if (v > UINT32_MAX)
        damaged();
    return (uint32_t)v;
}

/* A count of items of at least `least` bytes each: never more than the bytes left. */
static int r_count(SpecReader *r, size_t least)
{
    uint32_t n = r_u32(r);
    if (n > (size_t)(r->end - r->p) / least)
        damaged();
    return (int)n;
}

/* An enumeration value below limit. */
static int r_enum(SpecReader *r, uint32_t limit)
{
    uint32_t v = r_u32(r);
    if (v >= limit)
        damaged();
    return (int)v;
}

static dec_i128 r_i128(SpecReader *r)
{
    unsigned __int128 u = r_uvar(r, 133);
    return (dec_i128)(u & 1 ? ~(u >> 1) : u >> 1);
}

static const char *r_str(SpecReader *r)
{
    uint32_t n = r_u32(r);
    if (n == 0)
        return NULL;
    const char *s = (const char *)take(r, n);
    if (s[n - 1] != 0)
        damaged();
    return s;
}

static const char *must(const char *s)          /* a string that must be there */
{
    if (!s)
        damaged();
    return s;
}

static const char *r_text(SpecReader *r)
{
    return must(r_str(r));
}

/* A string of the file being read (see wf_str). */
static const char *r_fstr(SpecReader *r)
{
    uint32_t v = r_u32(r);
    if (v == 0)
        return NULL;
    if (v & 1) {
        if (v / 2 >= r->nstrs)
            damaged();
        return r->strs[v / 2];
    }
    uint32_t n = v / 2;                 /* v even and not 0: at least 1 */
    const char *s = (const char *)take(r, n);
    if (s[n - 1] != 0)
        damaged();
    if (r->nstrs == r->strs_cap) {
        r->strs_cap = r->strs_cap ? 2 * r->strs_cap : 256;
        r->strs = xrealloc(r->strs, r->strs_cap * sizeof *r->strs);
    }
    r->strs[r->nstrs++] = s;
    return s;
}

static const char *r_ftext(SpecReader *r)
{
    return must(r_fstr(r));
}

static Decimal r_dec(SpecReader *r)
{
    Decimal d;
    d.v = r_i128(r);
    d.scale = r_enum(r, DEC_MAX_SCALE + 1);
    return d;
}

static Rat r_rat(SpecReader *r)
{
    Rat x;
    x.num = r_i128(r);
    x.den = r_i128(r);
    if (x.den < 0)
        damaged();
    return x;
}

static Loc r_loc(SpecReader *r)
{
    Loc l;
    l.line = r_u32(r);
    l.col = r_u32(r);
    l.off = r_u32(r);
    l.end = r_u32(r);
    return l;
}

static IrExpr *r_expr(SpecReader *r, Arena *a, int depth)
{
    if (depth > 1000)
        damaged();
    IrExpr *e = arena_alloc(a, sizeof *e);
    e->op = (IrOp)r_enum(r, IR_BAND + 1);
    switch (e->op) {
    case IR_CONST:
        e->k = r_rat(r);
        if (e->k.den == 0)
            damaged();
        break;
    case IR_VAR: e->var = (IrVar)r_enum(r, VAR_COUNT); break;
    case IR_BAND: break;
    case IR_NEG: e->a = r_expr(r, a, depth + 1); break;
    case IR_IF:
        e->a = r_expr(r, a, depth + 1);
        e->b = r_expr(r, a, depth + 1);
        e->c = r_expr(r, a, depth + 1);
        break;
    default:
        e->a = r_expr(r, a, depth + 1);
        e->b = r_expr(r, a, depth + 1);
        break;
    }
    return e;
}

static void r_monitor(SpecReader *r, EvMonScheme *ms)
{
    ms->name = r_text(r);
    for (int k = 0; k < 2; k++) {
        ms->exec[k].op = (Op)r_enum(r, OP_LT + 1);
        ms->exec[k].bound = r_rat(r);
        ms->goal[k].op = (Op)r_enum(r, OP_LT + 1);
        ms->goal[k].bound = r_rat(r);
    }
    for (int i = 0; i < BAND_COUNT; i++)
        ms->band_light[i] = (Light)r_enum(r, LIGHT_COUNT);
    for (int i = 0; i < LIKELY_COUNT; i++)
        ms->likely_light[i] = (Light)r_enum(r, LIGHT_COUNT);
}

static void r_scheme(SpecReader *r, EvScheme *sc, Arena *a)
{
    sc->name = r_text(r);
    for (int i = 0; i < R_COUNT; i++)
        sc->rules[i] = r_expr(r, a, 0);
    sc->exec_weight = r_dec(r);
    sc->nweights = r_count(r, 1);
    sc->w_names = arena_alloc(a, (size_t)sc->nweights * sizeof *sc->w_names + 1);
    sc->w_values = arena_alloc(a, (size_t)sc->nweights * sizeof *sc->w_values + 1);
    sc->w_share = arena_alloc(a, (size_t)sc->nweights * sizeof *sc->w_share + 1);
    for (int i = 0; i < sc->nweights; i++) {
        sc->w_names[i] = r_text(r);
        sc->w_values[i] = r_dec(r);
        sc->w_share[i] = r_str(r);
    }
    for (int i = 0; i < 4; i++) {
        sc->band_factor[i] = r_rat(r);
        sc->band_low[i] = r_rat(r);
    }
    sc->ngrades = r_count(r, 1);
    sc->grades = arena_alloc(a, (size_t)sc->ngrades * sizeof *sc->grades + 1);
    for (int i = 0; i < sc->ngrades; i++) {
        sc->grades[i].name = r_text(r);
        sc->grades[i].op = (Op)r_enum(r, OP_LT + 1);
        sc->grades[i].bound = r_rat(r);
    }
    sc->deviation = r_rat(r);
    sc->exec_floor = r_rat(r);
    sc->weights_given = r_u32(r) != 0;
}

bool spec_open(SpecReader *r, const unsigned char *blob, size_t len, Arena *a)
{
    memset(r, 0, sizeof *r);
    r->in = r->dropped = blob;
    r->in_end = blob + len;
    if (len < sizeof spec_magic || memcmp(blob, spec_magic, sizeof spec_magic) != 0)
        return false;
    r->in += sizeof spec_magic;
    if (in_len(r) != SPEC_FORMAT)
        return false;
    in_record(r, in_len(r));
    r->version = r_text(r);
    r->hash = r_text(r);

    Stdlib *std = &r->std;
    std->nunits = r_count(r, 1);
    std->units = arena_alloc(a, (size_t)std->nunits * sizeof *std->units + 1);
    map_init(&std->unit_map, a, (uint32_t)std->nunits);
    for (int i = 0; i < std->nunits; i++) {
        StdUnit *u = &std->units[i];
        u->name = r_text(r);
        u->dim = r_text(r);
        u->base = r_text(r);
        u->factor = r_dec(r);
        map_put(&std->unit_map, u->name, (void *)(intptr_t)(i + 1));
    }
    std->nwords = r_count(r, 1);
    std->words = arena_alloc(a, (size_t)std->nwords * sizeof *std->words + 1);
    map_init(&std->word_map, a, (uint32_t)std->nwords);
    for (int i = 0; i < std->nwords; i++) {
        StdWord *x = &std->words[i];
        x->word = r_text(r);
        x->scale = r_text(r);
        x->band = (Band)r_enum(r, BAND_UNMET + 1);
        x->ordinal = (int)r_u32(r);
        x->use = (WordUse)r_enum(r, WU_PREFIX + 1);
        if (x->use != WU_PREFIX)
            map_put(&std->word_map, x->word, (void *)(intptr_t)(i + 1));
    }
    std_index_names(std, a);
    r->nschemes = r_count(r, 1);
    r->schemes = arena_alloc(a, (size_t)r->nschemes * sizeof *r->schemes + 1);
    for (int i = 0; i < r->nschemes; i++)
        r_scheme(r, &r->schemes[i], a);
    r_monitor(r, &r->monitor);
    r->nfiles = (int)r_u32(r);
    if (r->p != r->end || (size_t)r->nfiles > (size_t)(r->in_end - r->in))
        damaged();
    return true;
}

bool spec_next_file(SpecReader *r, Source *src, int *nprojects)
{
    if (r->file == r->nfiles)
        return false;
    r->file++;
    if (r->in - r->dropped >= 4 << 20) {      /* what is read is not needed again */
        mem_drop_pages(r->dropped, r->in);
        r->dropped = r->in;
    }
    in_record(r, in_len(r));
    r->nstrs = 0;
    const char *path = r_text(r);
    uint32_t tlen = r_u32(r);
    const char *text = (const char *)take(r, (size_t)tlen + 2);
    if (text[tlen] || text[tlen + 1])
        damaged();
    src_borrow(src, path, text, tlen);
    *nprojects = r_count(r, 1);
    return true;
}

bool spec_index(SpecReader *r, const unsigned char **at, off_t *size)
{
    if (r->file != 0)
        return false;
    const unsigned char *first = r->in;
    for (int k = 0; k < r->nfiles; k++) {
        at[k] = r->in;
        size[k] = (off_t)in_len(r);
        r->in += size[k];
    }
    /* a length before each record: with a file a project, that touched
     * every page of the blob, which the parts read again themselves */
    mem_drop_pages(first, r->in);
    r->in = first;
    return true;
}

void spec_seek(SpecReader *r, int k, const unsigned char *at)
{
    r->in = r->dropped = at;
    r->file = k;
}

EvProject *spec_next_project(SpecReader *r, const Source *src, Arena *a)
{
    EvProject *p = arena_alloc(a, sizeof *p);
    p->src = src;
    p->name = r_ftext(r);
    p->loc = r_loc(r);
    p->dept = r_ftext(r);
    p->unit = r_ftext(r);
    p->year = (int)r_u32(r);
    p->funds_unit = r_ftext(r);
    if (!*p->funds_unit)
        p->funds_unit = NULL;
    p->funds_shift = (int)r_enum(r, 9);
    p->spec_weights = r_u32(r) != 0;
    p->scheme = &r->schemes[r_enum(r, (uint32_t)r->nschemes)];
    p->budget_initial = r_dec(r);
    p->budget = r_dec(r);
    p->exec_weight = r_dec(r);
    p->nl1 = r_count(r, 1);
    p->l1 = arena_alloc(a, (size_t)p->nl1 * sizeof *p->l1 + 1);
    for (int i = 0; i < p->nl1; i++)
        p->l1[i] = r_ftext(r);
    p->nind = r_count(r, 1);
    p->ind = arena_alloc(a, (size_t)p->nind * sizeof *p->ind + 1);
    for (int i = 0; i < p->nind; i++) {
        EvIndicator *x = &p->ind[i];
        x->name = r_ftext(r);
        x->l1 = r_ftext(r);
        x->l2 = r_fstr(r);
        x->loc = r_loc(r);
        x->weight_loc = r_loc(r);
        x->kind = (TargetKind)r_enum(r, TK_TEXT + 1);
        x->op = (Op)r_enum(r, OP_LT + 1);
        x->rule = (RuleId)r_enum(r, R_COUNT);
        x->target = r_rat(r);
        uint32_t unit = r_u32(r);
        if (unit > (uint32_t)r->std.nunits)
            damaged();
        x->unit = unit ? &r->std.units[unit - 1] : NULL;
        x->word = r_fstr(r);
        x->scale = r_fstr(r);
        x->target_text = r_ftext(r);
        x->weight = r_dec(r);
    }
    return p;
}

void spec_close(SpecReader *r)
{
    free(r->strs);
    r->strs = NULL;
    r->nstrs = r->strs_cap = 0;
}
