/*
 * stdlib.c — the standard library: what the checker knows about the world.
 *
 * The category tree, the qualitative scales, the units and the scoring
 * schemes are not C code: they are .pg files in stdlib/, written in the
 * language itself, embedded in the binary at build time (stdlib-data.c,
 * generated) and overridable module by module: a file NAME.pg in a
 * directory given with --stdlib or listed in PGC_PATH (colon-separated)
 * replaces the embedded module of that name.
 *
 * This file parses the modules once per process and builds lookup tables
 * (hash maps) from them.  Each scoring scheme is lowered to the evaluation
 * IR and validated as it is read (lower.c, ev_lower_scheme), so a scheme
 * that lacks a rule, a band or a 评级 is as malformed as a unit declared
 * twice, whatever the command.  A malformed module is reported like any
 * other file, and pgc then stops with exit status 2.
 */
#include "pgc.h"

#include <stdlib.h>
#include <string.h>

typedef struct StdModule {
    const char *name;
    const char *text;
    size_t len;
} StdModule;

/* stdlib-data.c, generated from the stdlib/ modules */
extern const StdModule std_embedded[];
extern const int std_nembedded;

enum { MAX_PATHS = 16 };

static struct {
    const char *paths[MAX_PATHS];
    int npaths;
    Arena arena;                /* lives as long as the process */
    Stdlib lib;
    bool loaded, failed;
    bool user;                  /* adding the declarations of the user's files */
    bool user_failed;           /* ... which have errors */
    const char *origin[16];     /* where each embedded module came from */
    StrMap level1, level2owner, schemes;
    StrMap monitors;            /* 监控方案 by name: its EvMonScheme */
    const EvMonScheme *default_monitor;     /* the one marked 默认 是 */
    bool user_added;            /* add_user_files has run */
    Source **sources;           /* every module's and user file's text, to free on std_reload */
    int nsources;
} S;

void std_add_path(const char *dir)
{
    if (S.npaths < MAX_PATHS)
        S.paths[S.npaths++] = dir;
}

/* ---- building the tables -------------------------------------------------- */

/* Appends to a growable arena array. */
#define PUSH(arr, n, item)                                                    \
    do {                                                                      \
        if (((n) & ((n) - 1)) == 0) {                                         \
            void *na = arena_alloc(&S.arena, (size_t)((n) ? (n) * 2 : 1) * sizeof *(arr)); \
            if (n) memcpy(na, (arr), (size_t)(n) * sizeof *(arr));            \
            (arr) = na;                                                       \
        }                                                                     \
        (arr)[(n)++] = (item);                                                \
    } while (0)

/* A user's declaration whose name is taken: by the standard library or
 * another of the inputs (doc/language.md §8). */
static void user_clash_hint(void)
{
    if (S.user)
        diag_hint("the names of the standard library and of the other input files are taken: give yours "
                  "another name");
}

static void add_category(const Decl *d)
{
    StdLevel1 *l1 = arena_alloc(&S.arena, sizeof *l1);
    l1->name = d->name;
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind == S_ENTRY && strcmp(s->name, "必需") == 0 && s->val.kind == V_WORD) {
            l1->required = strcmp(s->val.text, "是") == 0;
        } else if (s->kind == S_ENTRY && s->val.kind == V_NONE && !s->op) {
            PUSH(l1->level2, l1->nlevel2, s->name);
            map_put(&S.level2owner, s->name, l1);
        } else {
            diag_emit(E0601, s->loc, "a 类别 holds 二级 names and 必需 是|否, not “%s”", s->name);
        }
    }
    if (map_get(&S.level1, d->name)) {
        diag_emit(E0601, d->name_loc, "类别 “%s” is declared twice", d->name);
        user_clash_hint();
        if (S.user)
            return;             /* the library's stays as it is */
    }
    map_put(&S.level1, d->name, l1);
    StdLevel1 copy = *l1;
    PUSH(S.lib.level1, S.lib.nlevel1, copy);
}

static void add_word(const Stmt *s, const char *scale, const char *word, Band band, int ordinal, WordUse use)
{
    StdWord w = { word, scale, band, ordinal, use };
    if (use != WU_PREFIX && map_get(&S.lib.word_map, word)) {
        diag_emit(E0601, s->loc, "the word “%s” is on two scales", word);
        user_clash_hint();
        return;
    }
    PUSH(S.lib.words, S.lib.nwords, w);
    if (use != WU_PREFIX)       /* a modifier is no word of its own */
        map_put(&S.lib.word_map, word, (void *)(intptr_t)S.lib.nwords);   /* index + 1 */
}

/* 适用 全部 | 修饰: what the words of a 等级 answer (WordUse). */
static WordUse scale_use(const Decl *d)
{
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY || strcmp(s->name, "适用") != 0)
            continue;
        if (s->val.kind == V_WORD && strcmp(s->val.text, "全部") == 0)
            return WU_ANY;
        if (s->val.kind == V_WORD && strcmp(s->val.text, "修饰") == 0)
            return WU_PREFIX;
        diag_emit(E0601, s->val.loc, "适用 is 全部 (the words answer any qualitative target) or 修饰 (they "
                                     "modify another word)");
    }
    return WU_SCALE;
}

static void add_scale(const Decl *d)
{
    WordUse use = scale_use(d);
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind == S_ENTRY && strcmp(s->name, "适用") == 0)
            continue;
        Band b = s->kind == S_ENTRY ? std_band_named(s->name) : BAND_NONE;
        if (b == BAND_NONE || s->val.kind != V_WORD) {
            diag_emit(E0601, s->loc, "a 等级 entry is 达成|部分达成|未达成 followed by a word, not “%s”", s->name);
            continue;
        }
        add_word(s, d->name, s->val.text, b, 0, use);
    }
}

static void add_ordinal(const Decl *d)
{
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY || s->val.kind != V_NUMBER || s->val.unit) {
            diag_emit(E0601, s->loc, "a 序列 entry is a word followed by its rank, not “%s”", s->name);
            continue;
        }
        add_word(s, d->name, s->name, BAND_NONE, (int)s->val.num.v, WU_SCALE);
    }
}

static void add_units(const Decl *d)
{
    for (const Stmt *s = d->body; s; s = s->next) {
        StdUnit u = { .name = s->name, .factor = dec_from_int(1) };
        if (s->kind == S_ENTRY && !s->op && s->val.kind == V_WORD) {
            u.dim = s->val.text;
            u.base = s->name;
        } else if (s->kind == S_ENTRY && s->op == OP_EQ && s->val.kind == V_NUMBER && s->val.unit) {
            const StdUnit *b = std_unit(&S.lib, s->val.unit);
            if (!b) {
                diag_emit(E0601, s->val.unit_loc, "unit “%s” is not declared before it is used", s->val.unit);
                continue;
            }
            u.dim = b->dim;
            u.base = b->base;
            if (dec_mul(b->factor, s->val.num, &u.factor) != DEC_OK)
                diag_emit(E0601, s->loc, "conversion factor of “%s” out of range", s->name);
        } else {
            diag_emit(E0601, s->loc, "a unit is declared as “名称 量纲” or “名称 = 系数 单位”, not “%s”", s->name);
            continue;
        }
        if (map_get(&S.lib.unit_map, u.name)) {
            diag_emit(E0601, s->name_loc, "unit “%s” is declared twice", u.name);
            user_clash_hint();
            continue;
        }
        PUSH(S.lib.units, S.lib.nunits, u);
        map_put(&S.lib.unit_map, u.name, (void *)(intptr_t)S.lib.nunits);
    }
}

static void add_naming(const Decl *d)
{
    bool suffix = strcmp(d->name, "后缀") == 0;
    if (!suffix && strcmp(d->name, "包含") != 0) {
        diag_emit(E0601, d->name_loc, "命名 rules are “命名 后缀” or “命名 包含”, not “%s”", d->name);
        return;
    }
    for (const Stmt *s = d->body; s; s = s->next) {
        if (s->kind != S_ENTRY || s->val.kind != V_WORD) {
            diag_emit(E0601, s->loc, "a 命名 rule is a pattern followed by a 量纲, not “%s”", s->name);
            continue;
        }
        StdNaming r = { s->name, suffix, s->val.text, suffix };
        PUSH(S.lib.naming, S.lib.nnaming, r);
    }
}

static const Source *cur_src;   /* the module being loaded */

/* A scheme is lowered to the IR and validated here, once (lower.c):
 * ev_scheme() only looks the result up. */
static void add_scheme(const Decl *d)
{
    StdScheme sc = { .name = d->name, .decl = d, .src = cur_src };
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "默认") == 0)
            sc.is_default = s->val.kind == V_WORD && strcmp(s->val.text, "是") == 0;
    if (map_get(&S.schemes, d->name)) {
        diag_emit(E0601, d->name_loc, "评分方案 “%s” is declared twice", d->name);
        user_clash_hint();
        return;
    }
    sc.ev = ev_lower_scheme(&S.lib, d, &S.arena);
    if (S.user && sc.is_default) {
        diag_emit(E0601, d->name_loc, "评分方案 “%s” of a project file cannot be 默认", d->name);
        diag_hint("a project chooses it with 方案 %s, a run with --scheme %s", d->name, d->name);
        return;
    }
    PUSH(S.lib.schemes, S.lib.nschemes, sc);
    map_put(&S.schemes, d->name, (void *)(intptr_t)S.lib.nschemes);
}

/* A 监控方案: lowered and validated here (lower.c), as a 评分方案 is. */
static void add_monitor(const Decl *d)
{
    bool is_default = false;
    for (const Stmt *s = d->body; s; s = s->next)
        if (s->kind == S_ENTRY && strcmp(s->name, "默认") == 0)
            is_default = s->val.kind == V_WORD && strcmp(s->val.text, "是") == 0;
    if (map_get(&S.monitors, d->name)) {
        diag_emit(E0601, d->name_loc, "监控方案 “%s” is declared twice", d->name);
        user_clash_hint();
        return;
    }
    if (S.user && is_default) {
        diag_emit(E0601, d->name_loc, "监控方案 “%s” of a project file cannot be 默认", d->name);
        diag_hint("a run chooses it with pgc monitor --scheme %s", d->name);
        return;
    }
    EvMonScheme *ms = ev_lower_monitor(d, &S.arena);
    if (!ms)
        return;
    map_put(&S.monitors, d->name, ms);
    if (is_default)
        S.default_monitor = ms;
}

static void add_decls(const File *f)
{
    for (const Decl *d = f->decls; d; d = d->next) {
        switch (d->kind) {
        case D_CATEGORY: add_category(d); break;
        case D_SCALE: add_scale(d); break;
        case D_ORDINAL: add_ordinal(d); break;
        case D_UNITS: add_units(d); break;
        case D_NAMING: add_naming(d); break;
        case D_SCHEME: add_scheme(d); break;
        case D_MONITOR: add_monitor(d); break;
        case D_PROJECT: case D_ACTUAL: case D_MONITORING: case D_USE:
            if (S.user)
                break;      /* a project file's own: pgc check's */
            /* fall through */
        default:
            diag_emit(E0601, d->loc, "“%s” does not belong in the standard library", ast_decl_keyword(d->kind));
        }
    }
}

/* ---- loading -------------------------------------------------------------- */

/* Finds module `name` on the search path; NULL if only embedded. */
static char *find_on_path(const char *name)
{
    const char *env = getenv("PGC_PATH");
    const char *dirs[MAX_PATHS * 2];
    int n = 0;
    for (int i = 0; i < S.npaths; i++)
        dirs[n++] = S.paths[i];
    char *envcopy = env && *env ? arena_strndup(&S.arena, env, strlen(env)) : NULL;
    for (char *tok = envcopy ? strtok(envcopy, ":") : NULL; tok && n < MAX_PATHS * 2;
         tok = strtok(NULL, ":"))
        dirs[n++] = tok;
    for (int i = 0; i < n; i++) {
        char *path = arena_printf(&S.arena, "%s/%s.pg", dirs[i], name);
        FILE *f = fopen(path, "rb");
        if (f) {
            fclose(f);
            return path;
        }
    }
    return NULL;
}

/* The origin of a module built into pgc (--version prints it translated). */
/* TRANSLATORS: in pgc --version, where a standard-library module came
 * from when it is not a file's path: the copy built into pgc. */
static const char embedded[] = N_("embedded");

/* A Source for a module or a user's file, freed by std_reload. */
static Source *new_source(void)
{
    Source *src = arena_alloc(&S.arena, sizeof *src);
    PUSH(S.sources, S.nsources, src);
    return src;
}

static void load_module(const StdModule *m, int index)
{
    Source *src = new_source();
    char *path = find_on_path(m->name);
    if (path) {
        if (!src_read(src, path)) {
            diag_plain(path, "cannot read standard-library module");
            S.failed = true;
            return;
        }
        S.origin[index] = path;
    } else {
        src_from_string(src, arena_printf(&S.arena, "<stdlib>/%s.pg", m->name), m->text, m->len);
        S.origin[index] = embedded;
    }
    File *f = arena_alloc(&S.arena, sizeof *f);
    cur_src = src;
    diag_begin_file(src, &S.arena);
    int before = diag_total_errors();
    parse_file(src, &S.arena, f);
    add_decls(f);
    diag_flush();
    if (diag_total_errors() > before)
        S.failed = true;
}

const Stdlib *std_load(void)
{
    if (S.loaded)
        return S.failed ? NULL : &S.lib;
    S.loaded = true;
    map_init(&S.level1, &S.arena, 16);
    map_init(&S.level2owner, &S.arena, 32);
    map_init(&S.lib.word_map, &S.arena, 128);
    map_init(&S.lib.unit_map, &S.arena, 128);
    map_init(&S.schemes, &S.arena, 8);
    map_init(&S.monitors, &S.arena, 8);
    /* Modules load in the embedded order (categories before schemes). */
    for (int i = 0; i < std_nembedded; i++)
        load_module(&std_embedded[i], i);
    S.lib.level1_names = arena_alloc(&S.arena, (size_t)(S.lib.nlevel1 + 1) * sizeof(char *));
    for (int i = 0; i < S.lib.nlevel1; i++)
        S.lib.level1_names[i] = S.lib.level1[i].name;
    std_index_names(&S.lib, &S.arena);
    if (!std_default_scheme(&S.lib) && !S.failed) {
        diag_plain("<stdlib>", "no 评分方案 is marked 默认 是");
        S.failed = true;
    }
    if (!S.default_monitor && !S.failed) {
        diag_plain("<stdlib>", "no 监控方案 is marked 默认 是");
        S.failed = true;
    }
    return S.failed ? NULL : &S.lib;
}

/* Whether the text declares a scheme (评分方案, 监控方案), a scale, units, a category or
 * name rules: a line that begins with the keyword and a space. */
bool std_declares_library(const char *text, size_t len)
{
    static const char *const kw[] = { "评分方案", "监控方案", "等级", "序列", "单位", "类别", "命名" };
    const char *end = text + len;
    for (const char *s = text; s && s < end; s = memchr(s, '\n', (size_t)(end - s)), s = s ? s + 1 : NULL) {
        if ((unsigned char)*s < 0xE5 || (unsigned char)*s > 0xE8)
            continue;       /* every keyword begins with E5..E8: most lines are passed by here */
        for (size_t i = 0; i < sizeof kw / sizeof *kw; i++) {
            size_t n = strlen(kw[i]);
            if ((size_t)(end - s) > n && memcmp(s, kw[i], n) == 0 &&
                (s[n] == ' ' || s[n] == '\t' || s[n] == '{'))
                return true;
        }
    }
    return false;
}

/* The library declarations of a user's file read into src (kept until
 * std_reload) added to the tables.  A file with syntax errors adds
 * nothing (its check reports them). */
static void add_user_source(Source *src)
{
    if (!std_declares_library(src->text, src->len))
        return;
    File *f = arena_alloc(&S.arena, sizeof *f);
    cur_src = src;
    diag_begin_file(src, &S.arena);
    parse_file(src, &S.arena, f);
    if (f->had_errors) {
        diag_discard();
        return;
    }
    int before = diag_total_errors();
    add_decls(f);
    diag_flush();
    if (diag_total_errors() > before)
        S.failed = S.user_failed = true;
}

/* One input file of the command line. */
static void add_user_file(void *ctx, const char *path)
{
    (void)ctx;
    Source src;
    if (strcmp(path, "-") == 0 || !src_read(&src, path))
        return;                 /* stdin is read once; a read error is the command's to say */
    if (!std_declares_library(src.text, src.len)) {
        src_free(&src);
        return;
    }
    Source *kept = new_source();
    *kept = src;
    add_user_source(kept);
}

/* The declarations of the inputs, once, after the standard library's. */
static void index_user_names(int nlevel1, int nwords, int nunits);

static void add_user_files(char *const *operands, int n)
{
    if (S.user_added || S.failed)
        return;
    S.user_added = true;
    S.user = true;
    int nlevel1 = S.lib.nlevel1, nwords = S.lib.nwords, nunits = S.lib.nunits;
    for (int i = 0; i < n; i++)
        src_walk_quiet(operands[i], add_user_file, NULL);
    S.user = false;
    index_user_names(nlevel1, nwords, nunits);
}

/* After the user's declarations: the name lists rebuilt that they grew. */
static void index_user_names(int nlevel1, int nwords, int nunits)
{
    if (S.lib.nlevel1 != nlevel1) {
        S.lib.level1_names = arena_alloc(&S.arena, (size_t)(S.lib.nlevel1 + 1) * sizeof(char *));
        for (int i = 0; i < S.lib.nlevel1; i++)
            S.lib.level1_names[i] = S.lib.level1[i].name;
    }
    if (S.lib.nwords != nwords || S.lib.nunits != nunits)
        std_index_names(&S.lib, &S.arena);
}

const Source *const *std_sources(int *n)
{
    *n = S.nsources;
    return (const Source *const *)S.sources;
}

const Stdlib *std_reload(const StdText *files, int n)
{
    for (int i = 0; i < S.nsources; i++)
        src_free(S.sources[i]);
    arena_free(&S.arena);
    const char *paths[MAX_PATHS];
    int npaths = S.npaths;
    memcpy(paths, S.paths, sizeof paths);
    memset(&S, 0, sizeof S);
    memcpy(S.paths, paths, sizeof paths);
    S.npaths = npaths;
    if (!std_load())
        return NULL;
    S.user_added = S.user = true;
    int nlevel1 = S.lib.nlevel1, nwords = S.lib.nwords, nunits = S.lib.nunits;
    for (int i = 0; i < n; i++) {
        if (!std_declares_library(files[i].text, files[i].len))
            continue;
        Source *src = new_source();
        src_from_string(src, arena_strndup(&S.arena, files[i].path, strlen(files[i].path)), files[i].text,
                        files[i].len);
        add_user_source(src);
    }
    S.user = false;
    index_user_names(nlevel1, nwords, nunits);
    S.failed = false;           /* the user's errors are reported in their files: the rest is usable */
    return &S.lib;
}

int std_open(const Stdlib **std, const char *scheme, char *const *operands, int n)
{
    static bool said;
    *std = std_load();
    if (*std)
        add_user_files(operands, n);
    if (*std && S.failed)
        *std = NULL;
    if (!*std) {
        if (!said && S.user_failed)
            cli_error("the library declarations of the input files have errors");
        else if (!said)
            cli_error("the standard library has errors");
        said = true;
        diag_finish();
        return EXIT_ERRORS;
    }
    if (scheme && !std_scheme(*std, scheme)) {
        cli_error("no 评分方案 named '%s'", scheme);
        diag_finish();
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

void std_describe(FILE *out)
{
    for (int i = 0; i < std_nembedded; i++)
        fprintf(out, "  %-12s %s\n", std_embedded[i].name,
                /* TRANSLATORS: in pgc --version, instead of where a
                 * standard-library module came from. */
                !S.origin[i] ? _("(not loaded)") : S.origin[i] == embedded ? _(embedded) : S.origin[i]);
}

/* ---- lookups -------------------------------------------------------------- */

const StdLevel1 *std_level1(const Stdlib *s, const char *name)
{
    (void)s;
    return map_get(&S.level1, name);
}

bool std_level2_under(const StdLevel1 *l1, const char *name)
{
    for (int i = 0; i < l1->nlevel2; i++)
        if (strcmp(l1->level2[i], name) == 0)
            return true;
    return false;
}

const StdLevel1 *std_level2_owner(const Stdlib *s, const char *name)
{
    (void)s;
    return map_get(&S.level2owner, name);
}

const StdNaming *std_naming_broken(const Stdlib *s, const char *name, const StdUnit *u)
{
    for (int i = 0; i < s->nnaming; i++) {
        const StdNaming *r = &s->naming[i];
        bool match = r->suffix ? str_ends(name, r->pattern) : strstr(name, r->pattern) != NULL;
        if (match && strcmp(u->dim, r->dim) != 0)
            return r;
    }
    return NULL;
}

const StdScheme *std_scheme(const Stdlib *s, const char *name)
{
    intptr_t i = (intptr_t)map_get(&S.schemes, name);
    return i ? &s->schemes[i - 1] : NULL;
}

const EvMonScheme *std_monitor(const Stdlib *s, const char *name)
{
    (void)s;
    return name ? map_get(&S.monitors, name) : S.default_monitor;
}

const StdScheme *std_default_scheme(const Stdlib *s)
{
    for (int i = 0; i < s->nschemes; i++)
        if (s->schemes[i].is_default)
            return &s->schemes[i];
    return NULL;
}
