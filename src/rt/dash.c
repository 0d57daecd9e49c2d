/*
 * dash.c — a portfolio at a glance: the dashboard before (html) or after
 * (text, md) the forms of many projects, and in JSON its figures.
 *
 * A finance bureau with 3,000 projects does not read 3,000 forms first: it
 * wants to see how many are 优 or 差 (or, mid-year, green or red), how the
 * scores fall, which projects and which indicators are furthest behind,
 * and how each 主管部门 and 实施单位 does.  This file counts that, for any
 * caller: pgc eval's reports (report.c: the grades of the 评级, 总分, each
 * indicator's 得分/分值) and pgc monitor's (lights, an execution rate).
 * What is counted is generic — categories in order, one exact value per
 * project over fixed bins, two "furthest behind" lists by a sort key the
 * caller gives, and groups by 主管部门 and 实施单位 — and what is shown
 * is named by the caller (DashConfig).
 *
 * Memory: the lists keep only the nworst lowest keys (each kept row owns
 * malloc'd copies of its texts, freed when a lower key pushes it out), so
 * 100,000 projects of 16 indicators cost no more than seven; the groups
 * grow with the distinct departments and units, in the dashboard's own
 * arena (a caller's per-file arena is freed between files, so every
 * string given is copied).
 *
 * Exact: the means and shares are fractions (rat.c) rounded once to two
 * places; only the chart's bar heights are integer arithmetic on counts.
 *
 * A run in parts (-j, parts.c) makes one dashboard per part; each part
 * writes its state (dash_save) ahead of its report, and the parent merges
 * them in the parts' order (dash_merge) — categories and groups in order
 * of first appearance, ties in the lists by order of arrival, both shifted
 * by what the earlier parts held — so the dashboard is the one a single
 * process makes, byte for byte.
 *
 * The writers all show the same tables, built once (tables()) from the
 * state: html as a page of its own, with the histogram as inline SVG (no
 * script, no font or file from the network; printable on A4), text as
 * aligned columns, Markdown as tables; JSON writes the figures as data.
 */
#include "rt.h"

#include <stdlib.h>
#include <string.h>

/* ---- state ------------------------------------------------------------------------ */

static const char *acopy(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

Dash *dash_new(const DashConfig *cfg)
{
    Dash *d = xcalloc(1, sizeof *d);
    d->cfg = *cfg;
    const char **strs[] = { &d->cfg.title, &d->cfg.value_name, &d->cfg.value_unit, &d->cfg.category_head,
                            &d->cfg.projects_title, &d->cfg.indicators_title, &d->cfg.ind_value_head,
                            &d->cfg.ind_detail_head };
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        *strs[i] = acopy(&d->arena, *strs[i] ? *strs[i] : "");
    if (d->cfg.nbins < 1 || d->cfg.nbins > DASH_MAX_BINS)
        pgc_die("a dashboard of %d bins", d->cfg.nbins);
    if (d->cfg.nworst < 1 || d->cfg.nworst > DASH_MAX_WORST)
        pgc_die("a dashboard keeping %d rows", d->cfg.nworst);
    d->sum = dec_from_int(0);
    map_init(&d->depts, &d->arena, 16);
    map_init(&d->units, &d->arena, 16);
    d->dept_tail = &d->dept_list;
    d->unit_tail = &d->unit_list;
    return d;
}

static void item_free(DashItem *it)
{
    free(it->project);
    free(it->dept);
    free(it->unit);
    free(it->name);
    free(it->value);
    free(it->detail);
}

void dash_free(Dash *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nworst_p; i++)
        item_free(&d->worst_p[i]);
    for (int i = 0; i < d->nworst_i; i++)
        item_free(&d->worst_i[i]);
    arena_free(&d->arena);
    free(d);
}

int dash_category(Dash *d, const char *name, const char *css)
{
    for (int c = 0; c < d->ncats; c++)
        if (strcmp(d->cat[c].name, name) == 0)
            return c;
    if (d->ncats == DASH_MAX_CATS)
        return -1;
    d->cat[d->ncats] = (DashCat){ acopy(&d->arena, name), acopy(&d->arena, css), 0 };
    return d->ncats++;
}

/* Adds v to *sum; a sum that does not fit is marked, and stays so. */
static void add_value(Decimal *sum, bool *overflow, Decimal v)
{
    if (!*overflow && dec_add(*sum, v, sum) != DEC_OK)
        *overflow = true;
}

/* The bin of v: the last whose start it reaches, the first below them all. */
static int bin_of(const Dash *d, Decimal v)
{
    for (int b = d->cfg.nbins - 1; b > 0; b--) {
        Decimal start;
        if (dec_mul(d->cfg.bin_width, dec_from_int(b), &start) == DEC_OK &&
            dec_add(start, d->cfg.bin_from, &start) == DEC_OK && dec_cmp(v, start) >= 0)
            return b;
    }
    return 0;
}

/* The group of that name in map (added at *tail when new). */
static DashGroup *group(Dash *d, StrMap *map, DashGroup ***tail, const char *name)
{
    DashGroup *g = map_get(map, name);
    if (g)
        return g;
    g = arena_alloc(&d->arena, sizeof *g);
    g->name = acopy(&d->arena, name);
    g->sum = dec_from_int(0);
    map_put(map, g->name, g);
    **tail = g;
    *tail = &g->next;
    return g;
}

static void group_add(DashGroup *g, int cat, const Decimal *value)
{
    g->n++;
    if (cat >= 0)
        g->count[cat]++;
    if (value) {
        g->nvalued++;
        add_value(&g->sum, &g->overflow, *value);
    }
}

/* Whether (key, seq) comes before item it in a list. */
static bool before(Decimal key, long seq, const DashItem *it)
{
    int c = dec_cmp(key, it->key);
    return c < 0 || (c == 0 && seq < it->seq);
}

/* Where (key, seq) goes in a list of n rows (n: after them all). */
static int place(const DashItem *list, int n, Decimal key, long seq)
{
    int i = n;
    while (i > 0 && before(key, seq, &list[i - 1]))
        i--;
    return i;
}

/* Puts it (its texts owned) into the list of *n rows, keeping the cap
 * lowest; a row pushed out, or it when it is not kept, is freed. */
static void keep(DashItem *list, int *n, int cap, DashItem it)
{
    int i = place(list, *n, it.key, it.seq);
    if (i >= cap) {
        item_free(&it);
        return;
    }
    if (*n == cap)
        item_free(&list[--*n]);
    memmove(&list[i + 1], &list[i], (size_t)(*n - i) * sizeof *list);
    list[i] = it;
    ++*n;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void dash_project(Dash *d, const char *project, const char *dept, const char *unit, int cat,
                  const Decimal *value, const char *value_text)
{
    dept = dept ? dept : "";
    unit = unit ? unit : "";
    if (cat >= 0 && cat < d->ncats)
        d->cat[cat].count++;
    else
        cat = -1;
    long seq = d->nprojects++;
    group_add(group(d, &d->depts, &d->dept_tail, dept), cat, value);
    group_add(group(d, &d->units, &d->unit_tail, unit), cat, value);
    if (!value)
        return;
    d->nvalued++;
    d->bins[bin_of(d, *value)]++;
    add_value(&d->sum, &d->overflow, *value);
    if (place(d->worst_p, d->nworst_p, *value, seq) >= d->cfg.nworst)
        return;
    keep(d->worst_p, &d->nworst_p, d->cfg.nworst,
         (DashItem){ *value, seq, xstrdup(project), xstrdup(dept), xstrdup(unit), NULL,
                     xstrdup(value_text ? value_text : ""), NULL, cat });
}

void dash_indicator(Dash *d, const char *project, const char *name, Decimal key, const char *value,
                    const char *detail, int cat)
{
    long seq = d->nindicators++;
    if (place(d->worst_i, d->nworst_i, key, seq) >= d->cfg.nworst)
        return;
    keep(d->worst_i, &d->nworst_i, d->cfg.nworst,
         (DashItem){ key, seq, xstrdup(project), NULL, NULL, xstrdup(name), xstrdup(value ? value : ""),
                     dup_or_null(detail), cat >= 0 && cat < d->ncats ? cat : -1 });
}

bool dash_indicator_kept(const Dash *d, Decimal key)
{
    return place(d->worst_i, d->nworst_i, key, d->nindicators) < d->cfg.nworst;
}

/* ---- saved and merged (-j) ------------------------------------------------------------ */

static const char magic[] = "pgc-dash 1\n";

static void put_int(Buf *b, long long v)
{
    buf_printf(b, "%lld ", v);
}

/* A string as its length, a colon and its bytes; NULL as "-". */
static void put_str(Buf *b, const char *s)
{
    if (!s) {
        buf_str(b, "- ");
        return;
    }
    buf_printf(b, "%zu:", strlen(s));
    buf_str(b, s);
    buf_str(b, " ");
}

static void put_dec(Buf *b, Decimal v)
{
    char x[DEC_BUF];
    buf_str(b, dec_format(v, false, x));
    buf_str(b, " ");
}

static void put_item(Buf *b, const DashItem *it)
{
    put_dec(b, it->key);
    put_int(b, it->seq);
    const char *s[] = { it->project, it->dept, it->unit, it->name, it->value, it->detail };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        put_str(b, s[i]);
    put_int(b, it->cat);
}

static void put_groups(Buf *b, const Dash *d, const DashGroup *g)
{
    long n = 0;
    for (const DashGroup *x = g; x; x = x->next)
        n++;
    put_int(b, n);
    for (; g; g = g->next) {
        put_str(b, g->name);
        put_int(b, g->n);
        put_int(b, g->nvalued);
        put_dec(b, g->sum);
        put_int(b, g->overflow);
        for (int c = 0; c < d->ncats; c++)
            put_int(b, g->count[c]);
    }
}

void dash_save(const Dash *d, Buf *b)
{
    buf_str(b, magic);
    put_int(b, d->nprojects);
    put_int(b, d->nvalued);
    put_int(b, d->nindicators);
    put_dec(b, d->sum);
    put_int(b, d->overflow);
    put_int(b, d->ncats);
    for (int c = 0; c < d->ncats; c++) {
        put_str(b, d->cat[c].name);
        put_str(b, d->cat[c].css);
        put_int(b, d->cat[c].count);
    }
    put_int(b, d->cfg.nbins);
    for (int i = 0; i < d->cfg.nbins; i++)
        put_int(b, d->bins[i]);
    put_int(b, d->nworst_p);
    for (int i = 0; i < d->nworst_p; i++)
        put_item(b, &d->worst_p[i]);
    put_int(b, d->nworst_i);
    for (int i = 0; i < d->nworst_i; i++)
        put_item(b, &d->worst_i[i]);
    put_groups(b, d, d->dept_list);
    put_groups(b, d, d->unit_list);
}

/* Reading what dash_save wrote; ok false from the first thing amiss on. */
typedef struct Reader {
    const char *s, *end;
    bool ok;
} Reader;

static long long get_int(Reader *r)
{
    long long v = 0;
    bool neg = r->s < r->end && *r->s == '-';
    const char *p = r->s + neg, *digits = p;
    while (p < r->end && *p >= '0' && *p <= '9' && v < (1LL << 60))
        v = v * 10 + (*p++ - '0');
    if (p == digits || p >= r->end || *p != ' ')
        r->ok = false;
    r->s = r->ok ? p + 1 : r->end;
    return neg ? -v : v;
}

/* A string, malloc'd (NULL for "-"). */
static char *get_str(Reader *r)
{
    if (r->s + 1 < r->end && r->s[0] == '-' && r->s[1] == ' ') {
        r->s += 2;
        return NULL;
    }
    size_t n = 0;
    const char *p = r->s;
    while (p < r->end && *p >= '0' && *p <= '9' && n < ((size_t)1 << 40))
        n = n * 10 + (size_t)(*p++ - '0');
    if (p == r->s || p >= r->end || *p != ':' || (size_t)(r->end - p - 1) < n + 1 || p[1 + n] != ' ') {
        r->ok = false;
        r->s = r->end;
        return xstrdup("");
    }
    char *s = xmalloc(n + 1);
    memcpy(s, p + 1, n);
    s[n] = 0;
    r->s = p + 2 + n;
    return s;
}

static Decimal get_dec(Reader *r)
{
    const char *sp = memchr(r->s, ' ', (size_t)(r->end - r->s));
    Decimal v = dec_from_int(0);
    if (!sp || dec_parse(r->s, (size_t)(sp - r->s), &v) != DEC_OK) {
        r->ok = false;
        r->s = r->end;
        return dec_from_int(0);
    }
    r->s = sp + 1;
    return v;
}

/* Category c of the saved state, as d's (catmap), or -1. */
static int map_cat(const int *catmap, int ncats, long long c)
{
    return c >= 0 && c < ncats ? catmap[c] : -1;
}

static void get_item(Reader *r, DashItem *it, long seq_shift, const int *catmap, int ncats)
{
    it->key = get_dec(r);
    it->seq = (long)get_int(r) + seq_shift;
    char **s[] = { &it->project, &it->dept, &it->unit, &it->name, &it->value, &it->detail };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        *s[i] = get_str(r);
    it->cat = map_cat(catmap, ncats, get_int(r));
}

static void get_groups(Reader *r, Dash *d, StrMap *map, DashGroup ***tail, const int *catmap, int ncats)
{
    long long n = get_int(r);
    for (long long i = 0; i < n && r->ok; i++) {
        char *name = get_str(r);
        DashGroup *g = group(d, map, tail, name ? name : "");
        free(name);
        g->n += (long)get_int(r);
        g->nvalued += (long)get_int(r);
        Decimal sum = get_dec(r);
        if (get_int(r))
            g->overflow = true;
        add_value(&g->sum, &g->overflow, sum);
        for (int c = 0; c < ncats; c++) {
            long long k = get_int(r);
            int to = catmap[c];
            if (to >= 0)
                g->count[to] += (long)k;
        }
    }
}

bool dash_merge(Dash *d, const char *s, size_t n)
{
    size_t m = sizeof magic - 1;
    if (n < m || memcmp(s, magic, m) != 0)
        return false;
    Reader r = { s + m, s + n, true };
    long nprojects = (long)get_int(&r), nvalued = (long)get_int(&r), nindicators = (long)get_int(&r);
    Decimal sum = get_dec(&r);
    if (get_int(&r))
        d->overflow = true;
    add_value(&d->sum, &d->overflow, sum);
    int ncats = (int)get_int(&r), catmap[DASH_MAX_CATS];
    if (ncats < 0 || ncats > DASH_MAX_CATS)
        return false;
    for (int c = 0; c < ncats && r.ok; c++) {
        char *name = get_str(&r), *css = get_str(&r);
        catmap[c] = dash_category(d, name ? name : "", css);
        long count = (long)get_int(&r);
        if (catmap[c] >= 0)
            d->cat[catmap[c]].count += count;
        free(name);
        free(css);
    }
    if (get_int(&r) != d->cfg.nbins)
        return false;
    for (int i = 0; i < d->cfg.nbins; i++)
        d->bins[i] += (long)get_int(&r);
    for (int list = 0; list < 2 && r.ok; list++) {
        long long k = get_int(&r);
        for (long long i = 0; i < k && r.ok; i++) {
            DashItem it;
            get_item(&r, &it, list ? d->nindicators : d->nprojects, catmap, ncats);
            if (list)
                keep(d->worst_i, &d->nworst_i, d->cfg.nworst, it);
            else
                keep(d->worst_p, &d->nworst_p, d->cfg.nworst, it);
        }
    }
    get_groups(&r, d, &d->depts, &d->dept_tail, catmap, ncats);
    get_groups(&r, d, &d->units, &d->unit_tail, catmap, ncats);
    d->nprojects += nprojects;
    d->nvalued += nvalued;
    d->nindicators += nindicators;
    return r.ok && r.s == r.end;
}

/* ---- the tables every writer shows ------------------------------------------------------ */

void dash_table(Buf *b, const char *const *cells, int stride, int nrows, int ncols, const bool *right)
{
    size_t w[DASH_MAX_CATS + 8] = { 0 };
    if (ncols > (int)(sizeof w / sizeof *w))
        pgc_die("a text table of %d columns", ncols);
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            const char *s = cells[r * stride + c];
            size_t cw = utf8_width(s, strlen(s));
            if (cw > w[c])
                w[c] = cw;
        }
    for (int r = 0; r < nrows; r++) {
        size_t line = b->n;
        for (int c = 0; c < ncols; c++) {
            const char *s = cells[r * stride + c];
            int pad = (int)(w[c] - utf8_width(s, strlen(s)));
            if (c > 0)
                buf_str(b, "  ");
            if (right[c])
                buf_spaces(b, pad);
            buf_str(b, s);
            if (!right[c] && c < ncols - 1)
                buf_spaces(b, pad);
        }
        while (b->n > line && b->s[b->n - 1] == ' ')
            b->n--;
        b->s[b->n] = 0;
        buf_str(b, "\n");
    }
}

/* A table of the dashboard: a heading row, then rows; per cell its
 * html class (a category's colour, or NULL). */
typedef struct Table {
    const char *title;
    int nrows, ncols;               /* the heading row included */
    const char **cell, **css;       /* nrows × ncols */
    bool right[DASH_MAX_CATS + 8];  /* by column: numbers */
    bool chart;                     /* the histogram: html draws it instead */
    bool narrow;                    /* html: as wide as its cells, not the page */
} Table;

enum { T_CATS, T_BINS, T_PROJECTS, T_INDICATORS, T_DEPTS, T_UNITS, T_COUNT };

static Table *table_new(Arena *a, Table *t, const char *title, int nrows, int ncols)
{
    *t = (Table){ .title = title, .nrows = nrows, .ncols = ncols };
    t->cell = arena_alloc(a, (size_t)(nrows * ncols) * sizeof *t->cell + 1);
    t->css = arena_alloc(a, (size_t)(nrows * ncols) * sizeof *t->css + 1);
    for (int i = 0; i < nrows * ncols; i++)
        t->cell[i] = "";
    return t;
}

static void set(Table *t, int r, int c, const char *s)
{
    t->cell[r * t->ncols + c] = s ? s : "";
}

static const char *adec(Arena *a, Decimal v)
{
    char x[DEC_BUF];
    dec_format(v, true, x);
    return arena_strndup(a, x, strlen(x));
}

static const char *along(Arena *a, long v)
{
    return arena_printf(a, "%ld", v);
}

/* num / den rounded to two places (den > 0), or "—" when it cannot be had. */
static const char *aratio(Arena *a, Rat num, long den, const char *suffix, bool *ok)
{
    Rat q;
    Decimal v;
    *ok = den > 0 && rat_div(num, rat_int(den), &q) && rat_round(q, 2, &v);
    return *ok ? arena_cat3(a, adec(a, v), suffix, NULL) : "—";
}

static bool mean_of(Decimal sum, bool overflow, long n, Decimal *out)
{
    Rat q;
    return !overflow && n > 0 && rat_div(rat_from_dec(sum), rat_int(n), &q) && rat_round(q, 2, out);
}

static const char *amean(Arena *a, Decimal sum, bool overflow, long n)
{
    Decimal v;
    return mean_of(sum, overflow, n, &v) ? adec(a, v) : "—";
}

/* The bounds of bin b: its start and its end, as short as they are exact. */
static void bin_bounds(const Dash *d, int b, Decimal *lo, Decimal *hi)
{
    Decimal w = d->cfg.bin_width;
    *lo = *hi = d->cfg.bin_from;
    Decimal x;
    if (dec_mul(w, dec_from_int(b), &x) == DEC_OK)
        dec_add(d->cfg.bin_from, x, lo);
    if (dec_mul(w, dec_from_int(b + 1), &x) == DEC_OK)
        dec_add(d->cfg.bin_from, x, hi);
    *lo = dec_normalize(*lo);
    *hi = dec_normalize(*hi);
}

static const char *bin_label(Arena *a, const Dash *d, int b)
{
    Decimal lo, hi;
    bin_bounds(d, b, &lo, &hi);
    return arena_cat3(a, adec(a, lo), "–", adec(a, hi));
}

static const char *group_name(const char *s)
{
    return *s ? s : "未填写";
}

static const char *cat_name(const Dash *d, int c)
{
    return c >= 0 ? d->cat[c].name : "";
}

static void list_table(Arena *a, const Dash *d, Table *t, bool indicators)
{
    const DashItem *list = indicators ? d->worst_i : d->worst_p;
    int n = indicators ? d->nworst_i : d->nworst_p;
    bool cats = false;
    for (int i = 0; i < n; i++)
        cats |= list[i].cat >= 0;
    table_new(a, t, indicators ? d->cfg.indicators_title : d->cfg.projects_title, n + 1, 5 + cats);
    const char *head_p[] = { "序号", "项目", "主管部门", "实施单位", d->cfg.value_name };
    const char *head_i[] = { "序号", "项目", "指标", d->cfg.ind_value_head, d->cfg.ind_detail_head };
    for (int c = 0; c < 5; c++)
        set(t, 0, c, indicators ? head_i[c] : head_p[c]);
    if (cats)
        set(t, 0, 5, d->cfg.category_head);
    t->right[0] = true;
    t->right[4] = !indicators;
    t->right[3] = indicators;
    for (int i = 0; i < n; i++) {
        const DashItem *it = &list[i];
        set(t, i + 1, 0, along(a, i + 1));
        set(t, i + 1, 1, it->project);
        set(t, i + 1, 2, indicators ? it->name : group_name(it->dept));
        set(t, i + 1, 3, indicators ? it->value : group_name(it->unit));
        set(t, i + 1, 4, indicators ? it->detail : it->value);
        if (indicators)
            t->css[(i + 1) * t->ncols + 4] = "detail";     /* html: the wide column, not the names */
        if (cats) {
            set(t, i + 1, 5, cat_name(d, it->cat));
            t->css[(i + 1) * t->ncols + 5] = it->cat >= 0 ? d->cat[it->cat].css : NULL;
        }
    }
}

static void group_table(Arena *a, const Dash *d, Table *t, bool units)
{
    const DashGroup *list = units ? d->unit_list : d->dept_list;
    int n = 0;
    for (const DashGroup *g = list; g; g = g->next)
        n++;
    int nc = d->ncats + 3;
    table_new(a, t, units ? "按实施单位" : "按主管部门", n + 1, nc);
    set(t, 0, 0, units ? "实施单位" : "主管部门");
    set(t, 0, 1, "项目数");
    for (int c = 0; c < d->ncats; c++) {
        set(t, 0, c + 2, d->cat[c].name);
        t->css[c + 2] = d->cat[c].css;
    }
    set(t, 0, nc - 1, arena_cat3(a, "平均", d->cfg.value_name, NULL));
    for (int c = 1; c < nc; c++)
        t->right[c] = true;
    int r = 1;
    for (const DashGroup *g = list; g; g = g->next, r++) {
        set(t, r, 0, group_name(g->name));
        set(t, r, 1, along(a, g->n));
        for (int c = 0; c < d->ncats; c++)
            set(t, r, c + 2, along(a, g->count[c]));
        set(t, r, nc - 1, amean(a, g->sum, g->overflow, g->nvalued));
    }
}

/* Every table of the dashboard, in the order shown. */
static void tables(Arena *a, const Dash *d, Table *t)
{
    bool ok;
    table_new(a, &t[T_CATS], arena_cat3(a, "按", d->cfg.category_head, NULL), d->ncats + 1, 3);
    set(&t[T_CATS], 0, 0, d->cfg.category_head);
    set(&t[T_CATS], 0, 1, "项目数");
    set(&t[T_CATS], 0, 2, "占比");
    t[T_CATS].right[1] = t[T_CATS].right[2] = true;
    t[T_CATS].narrow = true;
    for (int c = 0; c < d->ncats; c++) {
        set(&t[T_CATS], c + 1, 0, d->cat[c].name);
        t[T_CATS].css[(c + 1) * 3] = d->cat[c].css;
        set(&t[T_CATS], c + 1, 1, along(a, d->cat[c].count));
        set(&t[T_CATS], c + 1, 2, aratio(a, rat_int(d->cat[c].count * 100), d->nprojects, "%", &ok));
    }
    Table *h = table_new(a, &t[T_BINS], arena_cat3(a, d->cfg.value_name, "分布", NULL), d->cfg.nbins + 1, 2);
    h->chart = true;
    set(h, 0, 0, *d->cfg.value_unit ? arena_printf(a, "%s（%s）", d->cfg.value_name, d->cfg.value_unit)
                                     : d->cfg.value_name);
    set(h, 0, 1, "项目数");
    h->right[1] = true;
    for (int b = 0; b < d->cfg.nbins; b++) {
        set(h, b + 1, 0, bin_label(a, d, b));
        set(h, b + 1, 1, along(a, d->bins[b]));
    }
    list_table(a, d, &t[T_PROJECTS], false);
    list_table(a, d, &t[T_INDICATORS], true);
    group_table(a, d, &t[T_DEPTS], false);
    group_table(a, d, &t[T_UNITS], true);
}

static const char *overview_mean(Arena *a, const Dash *d)
{
    return amean(a, d->sum, d->overflow, d->nvalued);
}

/* ---- text and Markdown -------------------------------------------------------------------- */

void dash_text(Buf *b, const Dash *d)
{
    Arena a = { 0 };
    Table t[T_COUNT];
    tables(&a, d, t);
    buf_printf(b, "%s\n\n", d->cfg.title);
    const char *ov[] = { "项目数", along(&a, d->nprojects), arena_cat3(&a, "平均", d->cfg.value_name, NULL),
                         overview_mean(&a, d) };
    static const bool ov_right[] = { false, true };
    dash_table(b, ov, 2, 2, 2, ov_right);
    for (int i = 0; i < T_COUNT; i++) {
        buf_printf(b, "\n%s\n", t[i].title);
        if (t[i].nrows > 1)
            dash_table(b, t[i].cell, t[i].ncols, t[i].nrows, t[i].ncols, t[i].right);
        else
            buf_str(b, "（无）\n");
    }
    arena_free(&a);
}

static void md_row(Buf *b, const Table *t, int r)
{
    buf_str(b, "|");
    for (int c = 0; c < t->ncols; c++) {
        buf_str(b, " ");
        esc_md(b, t->cell[r * t->ncols + c]);
        buf_str(b, " |");
    }
    buf_str(b, "\n");
}

void dash_md(Buf *b, const Dash *d)
{
    Arena a = { 0 };
    Table t[T_COUNT];
    tables(&a, d, t);
    buf_str(b, "## ");
    esc_md(b, d->cfg.title);
    buf_printf(b, "\n\n项目数：%ld　平均%s：%s\n", d->nprojects, d->cfg.value_name, overview_mean(&a, d));
    for (int i = 0; i < T_COUNT; i++) {
        buf_str(b, "\n### ");
        esc_md(b, t[i].title);
        buf_str(b, "\n\n");
        if (t[i].nrows == 1) {
            buf_str(b, "（无）\n");
            continue;
        }
        md_row(b, &t[i], 0);
        buf_str(b, "|");
        for (int c = 0; c < t[i].ncols; c++)
            buf_str(b, t[i].right[c] ? "---:|" : "---|");
        buf_str(b, "\n");
        for (int r = 1; r < t[i].nrows; r++)
            md_row(b, &t[i], r);
    }
    arena_free(&a);
}

/* ---- html --------------------------------------------------------------------------------- */

void dash_html_style(Buf *b)
{
    buf_str(b, "section.dash h1 { margin-bottom: 3mm; }\n"
               "section.dash h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }\n"
               "section.dash svg.chart { break-inside: avoid; page-break-inside: avoid; }\n"
               "section.dash p.overview { text-align: center; margin: 0 0 3mm; }\n"
               "section.dash table { table-layout: auto; }\n"
               "section.dash table.narrow { width: auto; min-width: 40%; }\n"
               "section.dash th, section.dash td.num { white-space: nowrap; }\n"
               "section.dash td.detail { width: 30%; font-size: 9pt; }\n"
               "section.dash td.num, section.dash th.num { text-align: right; }\n"
               "section.dash svg.chart { display: block; width: 100%; max-width: 180mm; height: auto; margin: 0 auto; }\n"
               "svg.chart rect.bar { fill: #4a6fa5; }\n"
               "svg.chart line { stroke: #000; stroke-width: 1; }\n"
               "svg.chart text { font-size: 12px; fill: #000; }\n"
               "section.dash .green { background: #cfe8c8; } section.dash .blue { background: #cfdff2; }\n"
               "section.dash .yellow { background: #f8e7a8; } section.dash .red { background: #f3c1bd; }\n"
               "section.dash .grey { background: #e0e0e0; }\n"
               "section.dash * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n");
}

/* The histogram: a bar per bin, its count above it, its bounds below;
 * heights in whole units of the viewBox, from the counts. */
static void html_chart(Buf *b, const Dash *d, const Table *h)
{
    enum { W = 640, H = 280, LEFT = 44, RIGHT = 10, TOP = 24, BOTTOM = 52 };
    int nb = d->cfg.nbins, pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM, bw = pw / nb;
    long max = 0;
    for (int i = 0; i < nb; i++)
        max = d->bins[i] > max ? d->bins[i] : max;
    buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
    esc_html(b, h->title);
    buf_str(b, "\">\n");
    for (int i = 0; i < nb; i++) {
        long hgt = max ? (long)((long long)d->bins[i] * ph / max) : 0;
        int x = LEFT + i * bw;
        if (hgt > 0)
            buf_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%ld\"/>\n", x + 3,
                       TOP + ph - hgt, bw - 6, hgt);
        buf_printf(b, "<text x=\"%d\" y=\"%ld\" text-anchor=\"middle\">%ld</text>\n", x + bw / 2,
                   TOP + ph - hgt - 4, d->bins[i]);
        buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x + bw / 2, TOP + ph + 16);
        esc_html(b, h->cell[(i + 1) * 2]);
        buf_str(b, "</text>\n");
    }
    buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, TOP + ph, LEFT + nb * bw, TOP + ph);
    buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT, TOP - 8, LEFT, TOP + ph);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", LEFT - 6, TOP + ph + 4);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%ld</text>\n", LEFT - 6, TOP + 4, max);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">项目数</text>\n", LEFT + 6, TOP - 10);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", LEFT + nb * bw / 2, H - 8);
    esc_html(b, h->cell[0]);
    buf_str(b, "</text>\n</svg>\n");
}

static void html_table(Buf *b, const Table *t)
{
    buf_str(b, t->narrow ? "<table class=\"narrow\">\n" : "<table>\n");
    for (int r = 0; r < t->nrows; r++) {
        buf_str(b, r == 0 ? "<thead><tr>" : r == 1 ? "<tbody><tr>" : "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            const char *tag = r ? "td" : "th", *css = t->css[r * t->ncols + c];
            buf_printf(b, "<%s", tag);
            if (css || t->right[c])
                buf_printf(b, " class=\"%s%s%s\"", t->right[c] ? "num" : "", css && t->right[c] ? " " : "",
                           css ? css : "");
            buf_str(b, ">");
            esc_html(b, t->cell[r * t->ncols + c]);
            buf_printf(b, "</%s>", tag);
        }
        buf_str(b, r == 0 ? "</tr></thead>\n" : "</tr>\n");
    }
    buf_str(b, t->nrows > 1 ? "</tbody></table>\n" : "</table>\n");
}

void dash_html(Buf *b, const Dash *d)
{
    Arena a = { 0 };
    Table t[T_COUNT];
    tables(&a, d, t);
    buf_str(b, "<section class=\"form dash\">\n<h1>");
    esc_html(b, d->cfg.title);
    buf_printf(b, "</h1>\n<p class=\"overview\">项目数 %ld　平均", d->nprojects);
    esc_html(b, d->cfg.value_name);
    buf_printf(b, " %s</p>\n", overview_mean(&a, d));
    for (int i = 0; i < T_COUNT; i++) {
        buf_str(b, "<h2>");
        esc_html(b, t[i].title);
        buf_str(b, "</h2>\n");
        if (t[i].chart)
            html_chart(b, d, &t[i]);
        else if (t[i].nrows > 1)
            html_table(b, &t[i]);
        else
            buf_str(b, "<p>（无）</p>\n");
    }
    buf_str(b, "</section>\n");
    arena_free(&a);
}

/* ---- json ---------------------------------------------------------------------------------- */

static void jdec(Buf *b, Decimal v)
{
    char x[DEC_BUF];
    buf_str(b, dec_format(v, false, x));
}

static void jstr_or_null(Buf *b, const char *s)
{
    if (s)
        esc_json(b, s);
    else
        buf_str(b, "null");
}

static void json_counts(Buf *b, const Dash *d, const long *count)
{
    buf_str(b, "{");
    for (int c = 0; c < d->ncats; c++) {
        buf_str(b, c ? "," : "");
        esc_json(b, d->cat[c].name);
        buf_printf(b, ":%ld", count[c]);
    }
    buf_str(b, "}");
}

static void json_mean(Buf *b, Decimal sum, bool overflow, long n)
{
    Decimal v;
    if (mean_of(sum, overflow, n, &v))
        jdec(b, v);
    else
        buf_str(b, "null");
}

static void json_list(Buf *b, const Dash *d, bool indicators)
{
    const DashItem *list = indicators ? d->worst_i : d->worst_p;
    int n = indicators ? d->nworst_i : d->nworst_p;
    buf_str(b, "[");
    for (int i = 0; i < n; i++) {
        const DashItem *it = &list[i];
        buf_str(b, i ? ",\n{\"project\":" : "\n{\"project\":");
        esc_json(b, it->project);
        if (indicators) {
            buf_str(b, ",\"indicator\":");
            esc_json(b, it->name);
            buf_str(b, ",\"key\":");
            jdec(b, it->key);
            buf_str(b, ",\"value\":");
            esc_json(b, it->value);
            buf_str(b, ",\"detail\":");
            jstr_or_null(b, it->detail);
        } else {
            buf_str(b, ",\"dept\":");
            esc_json(b, it->dept);
            buf_str(b, ",\"unit\":");
            esc_json(b, it->unit);
            buf_str(b, ",\"value\":");
            jdec(b, it->key);
        }
        buf_str(b, ",\"category\":");
        jstr_or_null(b, it->cat >= 0 ? d->cat[it->cat].name : NULL);
        buf_str(b, "}");
    }
    buf_str(b, "]");
}

static void json_groups(Buf *b, const Dash *d, const DashGroup *g)
{
    buf_str(b, "[");
    for (const DashGroup *x = g; x; x = x->next) {
        buf_str(b, x == g ? "\n{\"name\":" : ",\n{\"name\":");
        esc_json(b, x->name);
        buf_printf(b, ",\"projects\":%ld,\"counts\":", x->n);
        json_counts(b, d, x->count);
        buf_str(b, ",\"mean\":");
        json_mean(b, x->sum, x->overflow, x->nvalued);
        buf_str(b, "}");
    }
    buf_str(b, "]");
}

void dash_json(Buf *b, const Dash *d)
{
    buf_str(b, "{\"title\":");
    esc_json(b, d->cfg.title);
    buf_str(b, ",\"value\":");
    esc_json(b, d->cfg.value_name);
    buf_printf(b, ",\"projects\":%ld,\"valued\":%ld,\"mean\":", d->nprojects, d->nvalued);
    json_mean(b, d->sum, d->overflow, d->nvalued);
    buf_str(b, ",\"categories\":[");
    for (int c = 0; c < d->ncats; c++) {
        buf_str(b, c ? ",{\"name\":" : "{\"name\":");
        esc_json(b, d->cat[c].name);
        buf_printf(b, ",\"count\":%ld}", d->cat[c].count);
    }
    buf_str(b, "],\n\"histogram\":[");
    for (int i = 0; i < d->cfg.nbins; i++) {
        Decimal lo, hi;
        bin_bounds(d, i, &lo, &hi);
        buf_str(b, i ? ",{\"from\":" : "{\"from\":");
        jdec(b, lo);
        buf_str(b, ",\"to\":");
        jdec(b, hi);
        buf_printf(b, ",\"count\":%ld}", d->bins[i]);
    }
    buf_str(b, "],\n\"behind_projects\":");
    json_list(b, d, false);
    buf_str(b, ",\n\"behind_indicators\":");
    json_list(b, d, true);
    buf_str(b, ",\n\"by_dept\":");
    json_groups(b, d, d->dept_list);
    buf_str(b, ",\n\"by_unit\":");
    json_groups(b, d, d->unit_list);
    buf_str(b, "}");
}
