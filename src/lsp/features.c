/*
 * features.c — what the editor asks at a position of an analysed version:
 * hover, completion, code actions, formatting, inlay hints, code lenses,
 * go to definition.
 * Every answer comes from the analysis (the checker's tree, the lowered
 * and scored projects) and the standard library; completion reads the
 * text around the cursor too, since the line being typed rarely parses.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool within(Loc l, size_t off)
{
    return off >= l.off && off <= l.end && l.end > l.off;
}

static const LspProject *project_of(const LspAnalysis *a, const Decl *d)
{
    for (int i = 0; i < a->nprojects; i++)
        if (a->projects[i].decl == d)
            return &a->projects[i];
    return NULL;
}

static const EvIndicator *indicator_at(const LspProject *lp, const Stmt *s)
{
    if (!lp || !lp->ev)
        return NULL;
    for (int i = 0; i < lp->ev->nind; i++)
        if (lp->ev->ind[i].loc.off == s->name_loc.off)
            return &lp->ev->ind[i];
    return NULL;
}

static const char *money(Decimal d, char *buf)
{
    return dec_format(d, false, buf);
}

/* ---- hover ----------------------------------------------------------------------- */

/* The scheme's 规则 of that name, as its source writes it (spaces folded). */
static void quote_rule(Buf *b, const Stdlib *std, const EvScheme *sc, RuleId r)
{
    const StdScheme *ss = std_scheme(std, sc->name);
    if (!ss || !ss->decl)
        return;
    for (const Stmt *s = ss->decl->body; s; s = s->next) {
        if (s->kind != S_RULE || strcmp(s->name, ev_rule_name(r)) != 0)
            continue;
        buf_str(b, "\n\n```pg\n");
        bool space = false;
        for (uint32_t i = s->loc.off; i < s->loc.end && i < ss->src->len; i++) {
            char c = ss->src->text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                space = true;
                continue;
            }
            if (space)
                buf_add(b, " ", 1);
            space = false;
            buf_add(b, &c, 1);
        }
        buf_str(b, "\n```");
    }
}

static void hover_indicator(Buf *b, const LspContext *cx, const LspProject *lp, const EvIndicator *in,
                            const Stmt *s)
{
    char w[DEC_BUF], x[DEC_BUF];
    buf_printf(b, "**%s** %s\n\n", _("indicator"), s->name);
    if (!in) {
        buf_str(b, _("(its weight and rule are known once the file has no errors)"));
        return;
    }
    buf_printf(b, "%s › %s\n\n", in->l1, in->l2 ? in->l2 : "—");
    buf_printf(b, "- %s: %s", _("target"), in->target_text);
    if (in->unit)
        buf_printf(b, " (%s: %s)", _("unit"), in->unit->dim ? in->unit->dim : in->unit->name);
    buf_printf(b, "\n- %s: %s (%s %s)\n", _("weight"), money(in->weight, w), _("scheme"), lp->ev->scheme->name);
    buf_printf(b, "- %s: %s", _("rule"), ev_rule_name(in->rule));
    quote_rule(b, cx->std, lp->ev->scheme, in->rule);
    if (lp->scored) {
        buf_printf(b, "\n\n%s: **%s / %s**", _("score"), money(in->score, x), money(in->weight, w));
        if (in->actual_text)
            buf_printf(b, " (%s %s)", _("actual"), in->actual_text);
        if (in->explain)
            buf_printf(b, "\n\n%s", in->explain);
    }
}

static void hover_category(Buf *b, const LspProject *lp, const Stdlib *std, const Stmt *s)
{
    const StdLevel1 *l1 = std_level1(std, s->name);
    if (l1) {
        buf_printf(b, "**%s** %s\n\n", _("level-1 category"), s->name);
        for (int i = 0; i < l1->nlevel2; i++)
            buf_printf(b, "%s%s", i ? "、" : "", l1->level2[i]);
        const EvScheme *sc = lp && lp->ev ? lp->ev->scheme : NULL;
        for (int i = 0; sc && i < sc->nweights; i++) {
            char w[DEC_BUF];
            if (strcmp(sc->w_names[i], s->name) == 0)
                buf_printf(b, "\n\n%s: %s (%s %s)", _("weight"), money(sc->w_values[i], w), _("scheme"), sc->name);
        }
        for (int k = 0; lp && lp->scored && k < lp->ev->nl1; k++) {
            char w[DEC_BUF];
            if (strcmp(lp->ev->l1[k], s->name) == 0)
                buf_printf(b, "\n\n%s: **%s**", _("score"), money(lp->ev->l1_score[k], w));
        }
        return;
    }
    const StdLevel1 *owner = std_level2_owner(std, s->name);
    if (owner)
        buf_printf(b, "**%s** %s (%s)", _("level-2 category"), s->name, owner->name);
}

static void hover_value(Buf *b, const Stdlib *std, const Value *v, size_t off)
{
    if (v->unit_loc.end > v->unit_loc.off && within(v->unit_loc, off) && v->unit) {
        const StdUnit *u = std_unit(std, v->unit);
        if (u) {
            char f[DEC_BUF];
            buf_printf(b, "**%s** %s\n\n%s: %s", _("unit"), u->name, _("dimension"), u->dim ? u->dim : "—");
            if (u->base && strcmp(u->base, u->name) != 0)
                buf_printf(b, "\n\n1 %s = %s %s", u->name, dec_format(u->factor, true, f), u->base);
        }
        return;
    }
    if (v->kind == V_WORD && within(v->loc, off)) {
        const StdWord *w = std_word(std, v->text);
        if (!w)
            return;
        buf_printf(b, "**%s** %s: %s — %s\n\n", _("scale"), w->scale, w->word, std_band_name(w->band));
        for (int i = 0; i < std->nwords; i++)
            if (std->words[i].scale && strcmp(std->words[i].scale, w->scale) == 0 && std->words[i].use != WU_PREFIX)
                buf_printf(b, "- %s: %s\n", std_band_name(std->words[i].band), std->words[i].word);
    }
}

/* What each keyword means (hover). */
static void hover_keyword(Buf *b, const char *kw)
{
    static const struct {
        const char *kw, *what;
    } kws[] = {
        { "项目", N_("a budget project's 申报表: its header fields, 资金 and the indicator tree") },
        { "实际", N_("the year-end actuals of the project of that name (the 自评表's figures)") },
        { "监控", N_("the mid-year actuals of the project of that name (pgc monitor's 执行监控表)") },
        { "评分方案", N_("a scoring scheme: the 一级 weights, the rules, the band factors and the grades") },
        { "监控方案", N_("a monitoring scheme: how far behind 序时进度 or the target each warning light (绿, 黄, 红) is") },
        { "等级", N_("a qualitative scale: the words of each band (达成, 部分达成, 未达成)") },
        { "序列", N_("an ordinal scale: words in order, a target met by that word or a better one") },
        { "单位", N_("units: each with its dimension, or converted to another unit") },
        { "类别", N_("a 一级 category and the 二级 that may stand under it") },
        { "命名", N_("name rules: the unit an indicator's name asks for") },
        { "使用", N_("use a scheme of the standard library or of the workspace") },
        { "指标", N_("a 三级 indicator: its name, the comparison and the target") },
        { "规则", N_("a scoring rule of the scheme: a formula of 实际, 目标 and 分值") },
        { "分值", N_("the indicator's weight, as the form gives it") },
        { "得分", N_("the score the form publishes (audited against the rules)") },
        { "偏差原因", N_("why the actual is far from the target") },
        { "预计", N_("the forecast for the whole year (全年预计完成值), in the target's syntax") },
        { "可能性", N_("the likelihood of meeting the target: 确定能, 有可能 or 完全不可能") },
        { "正向", N_("more is better: scored by the rule 正向") },
        { "反向", N_("less is better: scored by the rule 反向") },
    };
    for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
        if (strcmp(kws[i].kw, kw) == 0)
            buf_printf(b, "**%s** — %s", kw, _(kws[i].what));
}

static bool hover_stmts(Buf *b, const LspContext *cx, const LspProject *lp, const Stmt *body, size_t off)
{
    for (const Stmt *s = body; s; s = s->next) {
        if (!within(s->loc, off))
            continue;
        if (within(s->name_loc, off)) {
            if (s->kind == S_INDICATOR)
                hover_indicator(b, cx, lp, indicator_at(lp, s), s);
            else if (s->kind == S_GROUP)
                hover_category(b, lp, cx->std, s);
            return true;
        }
        if (s->kind == S_GROUP)
            return hover_stmts(b, cx, lp, s->body, off);
        if (s->kind == S_INDICATOR && off < s->name_loc.off) {
            hover_keyword(b, "指标");
            return true;
        }
        for (const Attr *at = s->attrs; at; at = at->next) {
            if (within(at->loc, off) && (at->val.kind == V_NONE || off < at->val.loc.off)) {
                hover_keyword(b, ast_attr_keyword(at->kind));
                return true;
            }
        }
        hover_value(b, cx->std, &s->val, off);
        return true;
    }
    return false;
}

json_t *lsp_hover(const LspContext *cx, const LspAnalysis *a, size_t off)
{
    if (!cx->std)
        return json_null();
    Buf b = { 0 };
    for (const Decl *d = a->f.decls; d; d = d->next) {
        Loc whole = d->loc;
        if (!within(whole, off))
            continue;
        if (off < d->name_loc.off || (!d->name && off < d->loc.off + 6)) {
            hover_keyword(&b, ast_decl_keyword(d->kind));
            break;
        }
        hover_stmts(&b, cx, d->kind == D_PROJECT ? project_of(a, d) : NULL, d->body, off);
        break;
    }
    if (!b.n) {
        buf_free(&b);
        return json_null();
    }
    buf_add(&b, "", 1);
    json_t *j = json_pack("{s:{s:s,s:s}}", "contents", "kind", "markdown", "value", b.s);
    buf_free(&b);
    return j;
}

/* ---- completion ------------------------------------------------------------------- */

enum { CK_FIELD = 5, CK_CLASS = 7, CK_UNIT = 11, CK_KEYWORD = 14, CK_SNIPPET = 15, CK_ENUM_MEMBER = 20,
       CK_STRUCT = 22 };

static void item(json_t *list, const char *label, int kind, const char *detail, const char *snippet)
{
    json_t *j = json_pack("{s:s,s:i}", "label", label, "kind", kind);
    if (detail)
        json_object_set_new(j, "detail", json_string(detail));
    if (snippet) {
        json_object_set_new(j, "insertText", json_string(snippet));
        json_object_set_new(j, "insertTextFormat", json_integer(2));
    }
    json_array_append_new(list, j);
}

static void block_item(json_t *list, Arena *ar, const char *name, int kind, const char *detail)
{
    item(list, name, kind, detail, arena_printf(ar, "%s {\n\t$0\n}", name));
}

/* The headers of the blocks open at off ("项目 X", "产出指标", …), outer
 * first, read from the text: strings and comments skipped. */
static int open_blocks(const char *t, size_t off, char heads[][128], int max)
{
    int n = 0;
    size_t line = 0;
    for (size_t i = 0; i < off; i++) {
        char c = t[i];
        if (c == '\n') {
            line = i + 1;
        } else if (c == '#') {
            while (i + 1 < off && t[i + 1] != '\n')
                i++;
        } else if (c == '"') {
            while (i + 1 < off && t[i + 1] != '"' && t[i + 1] != '\n')
                i++;
            i++;
        } else if (c == '{') {
            if (n < max) {
                size_t s = line, e = i;
                while (s < e && (t[s] == ' ' || t[s] == '\t'))
                    s++;
                while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
                    e--;
                size_t k = e - s < 127 ? e - s : 127;
                memcpy(heads[n], t + s, k);
                heads[n][k] = 0;
            }
            n++;
        } else if (c == '}' && n > 0) {
            n--;
        }
    }
    return n < max ? n : max;
}

json_t *lsp_completion(const LspContext *cx, const LspAnalysis *a, size_t off)
{
    json_t *list = json_array();
    const Stdlib *std = cx->std;
    if (!std)
        return list;
    const char *t = a->t.src.text;
    if (off > a->t.src.len)
        off = a->t.src.len;
    char heads[16][128];
    int depth = open_blocks(t, off, heads, 16);
    size_t ls = off;
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    char line[256];
    size_t ln = off - ls < 255 ? off - ls : 255;
    memcpy(line, t + ls, ln);
    line[ln] = 0;
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    Arena *ar = (Arena *)&a->arena;
    if (depth == 0) {
        static const char *const kws[] = { "项目", "实际", "监控", "评分方案", "监控方案", "等级", "序列", "单位", "类别", "命名", "使用" };
        for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
            item(list, kws[i], CK_KEYWORD, NULL, NULL);
        item(list, _("项目 (skeleton)"), CK_SNIPPET, _("a whole project"),
             "项目 ${1:名称} {\n\t年度         ${2:2024}\n\t主管部门     ${3}\n\t实施单位     ${4}\n"
             "\t计划开始日期 ${2}-01-01\n\t计划完成日期 ${2}-12-31\n\n\t资金 {\n\t\t年度资金申请总额 ${5:0.00} 元\n\t}\n\n"
             "\t年度总体目标 \"${6}\"\n\n\t产出指标 {\n\t\t数量指标 {\n\t\t\t指标 ${7:名称} = ${8:目标}\n\t\t}\n\t}\n\n"
             "\t效益指标 {\n\t\t社会效益指标 {\n\t\t\t指标 ${9:名称} = ${10:目标}\n\t\t}\n\t}\n\n"
             "\t满意度指标 {\n\t\t服务对象满意度指标 {\n\t\t\t指标 ${11:名称} ≥ ${12:90%}\n\t\t}\n\t}\n}\n");
        return list;
    }
    const char *top = heads[depth - 1];
    bool in_project = str_starts(heads[0], "项目");
    if (in_project && depth == 1) {
        if (str_starts(p, "方案")) {
            for (int i = 0; i < std->nschemes; i++)
                item(list, std->schemes[i].name, CK_ENUM_MEMBER, _("scoring scheme"), NULL);
            return list;
        }
        bool req;
        const char *f;
        for (int i = 0; (f = chk_field(i, &req)); i++) {
            if (strcmp(f, "资金") == 0)
                block_item(list, ar, f, CK_STRUCT, _("funds"));
            else
                item(list, f, CK_FIELD, req ? _("header field (required)") : _("header field"), NULL);
        }
        for (int i = 0; i < std->nlevel1; i++)
            block_item(list, ar, std->level1[i].name, CK_CLASS, _("level-1 category"));
        return list;
    }
    if (in_project && strcmp(top, "资金") == 0) {
        const char *const *funds = dom_fund_names();
        for (int i = 0; i < FU_COUNT; i++)
            item(list, funds[i], CK_FIELD, _("funds line"), NULL);
        return list;
    }
    const StdLevel1 *l1 = in_project && depth == 2 ? std_level1(std, top) : NULL;
    if (l1) {
        for (int i = 0; i < l1->nlevel2; i++)
            block_item(list, ar, l1->level2[i], CK_STRUCT, l1->name);
        return list;
    }
    if (!in_project)
        return list;
    /* in a 二级: an indicator line, or the rest of one */
    if (!str_starts(p, "指标")) {
        item(list, "指标", CK_SNIPPET, _("an indicator"), "指标 ${1:名称} ${2|=,≥,≤|} ${3:目标}");
        return list;
    }
    size_t k = strlen(p);
    while (k > 0 && p[k - 1] == ' ')
        k--;
    bool after_number = k > 0 && ((p[k - 1] >= '0' && p[k - 1] <= '9') || p[k - 1] == '.') && k < strlen(p);
    if (after_number) {
        for (int i = 0; i < std->nunits; i++)
            item(list, std->units[i].name, CK_UNIT, std->units[i].dim, NULL);
        return list;
    }
    const char *eq = strstr(p, "=");
    if (eq && !strpbrk(eq + 1, "0123456789")) {
        /* the scale whose name ends the indicator's name comes first */
        char name[128] = "";
        sscanf(p, "指标 %127s", name);
        for (int i = 0; i < std->nwords; i++) {
            const StdWord *w = &std->words[i];
            if (w->use == WU_PREFIX || !w->scale)
                continue;
            bool fits = str_ends(name, w->scale);
            json_t *j = json_pack("{s:s,s:i,s:s,s:s}", "label", w->word, "kind", CK_ENUM_MEMBER, "detail",
                                  arena_printf(ar, "%s · %s", w->scale, std_band_name(w->band)), "sortText",
                                  arena_printf(ar, "%d%04d", fits ? 0 : 1, i));
            json_array_append_new(list, j);
        }
    }
    return list;
}

/* ---- code actions --------------------------------------------------------------------- */

static json_t *edit(const char *uri, json_t *range, const char *text)
{
    json_t *changes = json_object();
    json_object_set_new(changes, uri, json_pack("[{s:o,s:s}]", "range", range, "newText", text));
    return json_pack("{s:o}", "changes", changes);
}

json_t *lsp_formatting(const LspAnalysis *a)
{
    Arena scratch = { 0 };
    size_t len;
    diag_begin_file(&a->t.src, &scratch);
    char *out = fmt_source(&a->t.src, &scratch, &len);
    diag_discard();
    arena_free(&scratch);
    if (!out)
        return json_null();
    json_t *list = json_array();
    if (len != a->t.src.len || memcmp(out, a->t.src.text, len) != 0) {
        json_t *range = json_pack("{s:o,s:o}", "start", lsp_text_pos(&a->t, 0), "end",
                                  lsp_text_pos(&a->t, a->t.src.len));
        json_t *text = json_stringn(out, len);
        json_array_append_new(list, json_pack("{s:o,s:o}", "range", range, "newText", text ? text : json_string("")));
    }
    free(out);
    return list;
}

/* E0406 on a project that lacks a required 一级 block altogether: the
 * block added before the project's closing brace, with its first 二级 and
 * an indicator to fill in. */
static void add_missing_blocks(const LspContext *cx, const LspAnalysis *a, const char *uri, size_t from, size_t to,
                               json_t *list)
{
    if (!cx->std)
        return;
    for (const Decl *d = a->f.decls; d; d = d->next) {
        if (d->kind != D_PROJECT || d->name_loc.end < from || d->name_loc.off > to || d->loc.end == 0 ||
            d->loc.end > a->t.src.len || a->t.src.text[d->loc.end - 1] != '}')
            continue;
        for (int i = 0; i < cx->std->nlevel1; i++) {
            const StdLevel1 *l1 = &cx->std->level1[i];
            bool present = false;
            for (const Stmt *s = d->body; s; s = s->next)
                present |= s->kind == S_GROUP && strcmp(s->name, l1->name) == 0;
            if (!l1->required || present || l1->nlevel2 == 0)
                continue;
            size_t at = d->loc.end - 1;         /* the start of the closing brace's line */
            while (at > 0 && a->t.src.text[at - 1] != '\n')
                at--;
            bool at_line_start = true;
            for (size_t k = at; k < d->loc.end - 1; k++)
                at_line_start &= a->t.src.text[k] == ' ' || a->t.src.text[k] == '\t';
            if (!at_line_start)
                continue;
            bool sat = strcmp(l1->name, "满意度指标") == 0;
            Buf text = { 0 }, title = { 0 };
            buf_printf(&text, "\n    %s {\n        %s {\n            指标 %s %s\n        }\n    }\n", l1->name,
                       l1->level2[0], _("待填写"), sat ? "≥ 90%" : "= 100%");
            buf_add(&text, "", 1);
            buf_printf(&title, _("Add the missing %s block"), l1->name);
            buf_add(&title, "", 1);
            json_t *range = json_pack("{s:o,s:o}", "start", lsp_text_pos(&a->t, at), "end", lsp_text_pos(&a->t, at));
            json_array_append_new(list, json_pack("{s:s,s:s,s:o}", "title", title.s, "kind", "quickfix", "edit",
                                                  edit(uri, range, text.s)));
            buf_free(&text);
            buf_free(&title);
        }
    }
}

json_t *lsp_code_actions(const LspContext *cx, const LspAnalysis *a, const char *uri, size_t from, size_t to)
{
    json_t *list = json_array();
    size_t i;
    json_t *d;
    json_array_foreach(a->diagnostics, i, d) {
        json_t *fix = json_object_get(json_object_get(d, "data"), "fix");
        json_t *range = json_object_get(d, "range");
        if (!json_is_string(fix) || !range)
            continue;
        LspPos s = { json_integer_value(json_object_get(json_object_get(range, "start"), "line")),
                     json_integer_value(json_object_get(json_object_get(range, "start"), "character")) };
        LspPos e = { json_integer_value(json_object_get(json_object_get(range, "end"), "line")),
                     json_integer_value(json_object_get(json_object_get(range, "end"), "character")) };
        size_t so = lsp_text_offset(&a->t, s), eo = lsp_text_offset(&a->t, e);
        if (eo < from || so > to)
            continue;
        Buf title = { 0 };
        buf_printf(&title, _("Replace with “%s”"), json_string_value(fix));
        buf_add(&title, "", 1);
        json_t *act = json_pack("{s:s,s:s,s:[O],s:b,s:o}", "title", title.s, "kind", "quickfix", "diagnostics", d,
                                "isPreferred", 1, "edit", edit(uri, json_deep_copy(range), json_string_value(fix)));
        buf_free(&title);
        json_array_append_new(list, act);
    }
    add_missing_blocks(cx, a, uri, from, to, list);
    json_t *fmt = lsp_formatting(a);
    if (json_is_array(fmt) && json_array_size(fmt) > 0) {
        json_t *changes = json_object();
        json_object_set(changes, uri, fmt);
        json_array_append_new(list, json_pack("{s:s,s:s,s:{s:o}}", "title", _("Format document (pgc fmt)"), "kind",
                                              "source.fixAll.pgc", "edit", "changes", changes));
    }
    json_decref(fmt);
    return list;
}

/* ---- inlay hints and code lenses -------------------------------------------------------- */

json_t *lsp_inlay_hints(const LspAnalysis *a, size_t from, size_t to)
{
    json_t *list = json_array();
    for (int k = 0; k < a->nprojects; k++) {
        const LspProject *lp = &a->projects[k];
        if (!lp->ev)
            continue;
        for (int i = 0; i < lp->ev->nind; i++) {
            const EvIndicator *in = &lp->ev->ind[i];
            /* at the end of the indicator's line */
            size_t e = in->loc.off;
            while (e < a->t.src.len && a->t.src.text[e] != '\n' && a->t.src.text[e] != '\r')
                e++;
            while (e > in->loc.off && a->t.src.text[e - 1] == ' ')
                e--;
            if (e < from || in->loc.off > to)
                continue;
            char s[DEC_BUF], w[DEC_BUF];
            char label[2 * DEC_BUF + 16];
            if (lp->scored)
                snprintf(label, sizeof label, "→ %s / %s", money(in->score, s), money(in->weight, w));
            else
                snprintf(label, sizeof label, "%s %s", _("weight"), money(in->weight, w));
            json_array_append_new(list, json_pack("{s:o,s:s,s:b}", "position", lsp_text_pos(&a->t, e), "label",
                                                  label, "paddingLeft", 1));
        }
    }
    return list;
}

json_t *lsp_code_lenses(const LspAnalysis *a)
{
    json_t *list = json_array();
    for (int k = 0; k < a->nprojects; k++) {
        const LspProject *lp = &a->projects[k];
        if (!lp->ev || !lp->scored)
            continue;
        char t[DEC_BUF];
        Buf b = { 0 };
        buf_printf(&b, _("总分 %s · 等级 %s (actuals: %s)"), money(lp->ev->total, t), lp->ev->grade ? lp->ev->grade : "—",
                   lp->actuals);
        buf_add(&b, "", 1);
        json_array_append_new(list, json_pack("{s:o,s:{s:s,s:s}}", "range", lsp_text_range(&a->t, lp->decl->name_loc),
                                              "command", "title", b.s, "command", ""));
        buf_free(&b);
    }
    return list;
}

/* ---- go to definition -------------------------------------------------------------------- */

/* What a name at a position stands for. */
typedef enum DefKind { DEF_NONE, DEF_SCHEME, DEF_LEVEL1, DEF_LEVEL2, DEF_UNIT, DEF_WORD } DefKind;

static DefKind def_in_stmts(const Stdlib *std, const Stmt *body, size_t off, const char **name)
{
    for (const Stmt *s = body; s; s = s->next) {
        if (!within(s->loc, off))
            continue;
        if (s->kind == S_GROUP) {
            if (within(s->name_loc, off)) {
                *name = s->name;
                return std_level1(std, s->name) ? DEF_LEVEL1 : std_level2_owner(std, s->name) ? DEF_LEVEL2 : DEF_NONE;
            }
            return def_in_stmts(std, s->body, off, name);
        }
        const Value *v = &s->val;
        if (v->unit && v->unit_loc.end > v->unit_loc.off && within(v->unit_loc, off)) {
            *name = v->unit;
            return DEF_UNIT;
        }
        if (v->kind == V_WORD && within(v->loc, off)) {
            *name = v->text;
            if (strcmp(s->name, "方案") == 0)
                return DEF_SCHEME;
            return std_word(std, v->text) ? DEF_WORD : DEF_NONE;
        }
        return DEF_NONE;
    }
    return DEF_NONE;
}

/* Where name is declared in a library file f: its span, or false. */
static bool def_in_file(const File *f, DefKind k, const char *name, Loc *at)
{
    for (const Decl *d = f->decls; d; d = d->next) {
        if ((k == DEF_SCHEME && d->kind == D_SCHEME) || (k == DEF_LEVEL1 && d->kind == D_CATEGORY)) {
            if (d->name && strcmp(d->name, name) == 0) {
                *at = d->name_loc;
                return true;
            }
            continue;
        }
        bool wanted = (k == DEF_LEVEL2 && d->kind == D_CATEGORY) || (k == DEF_UNIT && d->kind == D_UNITS) ||
                      (k == DEF_WORD && (d->kind == D_SCALE || d->kind == D_ORDINAL));
        for (const Stmt *s = wanted ? d->body : NULL; s; s = s->next) {
            if (k != DEF_WORD && strcmp(s->name, name) == 0) {
                *at = s->name_loc;
                return true;
            }
            if (k == DEF_WORD) {
                /* the words of a band, or the ordinal's word: somewhere on its line */
                size_t n = strlen(name);
                const char *t = f->src->text;
                for (uint32_t i = s->loc.off; i + n <= s->loc.end; i++) {
                    if (memcmp(t + i, name, n) == 0 && (i == s->loc.off || t[i - 1] == ' ' || t[i - 1] == '\t') &&
                        (i + n == s->loc.end || t[i + n] == ' ' || t[i + n] == '\t' || t[i + n] == '\n')) {
                        *at = (Loc){ .line = s->loc.line, .off = i, .end = (uint32_t)(i + n) };
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

/* A file: URI for a library source: its path, or for a module built into
 * pgc a read-only copy in the cache ($XDG_CACHE_HOME/pgc/stdlib-VERSION/). */
static char *source_uri(const Source *src)
{
    if (!str_starts(src->path, "<stdlib>/"))
        return src->path[0] == '/' ? lsp_path_uri(src->path) : NULL;
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    Buf dir = { 0 };
    if (cache && *cache)
        buf_printf(&dir, "%s/pgc", cache);
    else if (home && *home)
        buf_printf(&dir, "%s/.cache/pgc", home);
    else
        return NULL;
    buf_add(&dir, "", 1);
    for (char *c = dir.s + 1; *c; c++)         /* mkdir -p */
        if (*c == '/') {
            *c = 0;
            mkdir(dir.s, 0755);
            *c = '/';
        }
    mkdir(dir.s, 0755);
    Buf path = { 0 };
    buf_printf(&path, "%s/stdlib-%s", dir.s, PACKAGE_VERSION);
    buf_add(&path, "", 1);
    mkdir(path.s, 0755);
    path.n--;
    buf_printf(&path, "/%s", src->path + strlen("<stdlib>/"));
    buf_add(&path, "", 1);
    char *uri = NULL;
    Source old;
    bool same = src_read(&old, path.s) && old.len + old.bom == src->len + src->bom &&
                memcmp(old.text - old.bom, src->text - src->bom, src->len + src->bom) == 0;
    if (old.alloc)
        src_free(&old);
    if (!same) {
        chmod(path.s, 0644);
        if (out_write_atomically(path.s, src->text - src->bom, src->len + src->bom))
            chmod(path.s, 0444);        /* the standard library, served read-only */
        else
            goto out;
    }
    uri = lsp_path_uri(path.s);
out:
    buf_free(&dir);
    buf_free(&path);
    return uri;
}

json_t *lsp_definition(const LspContext *cx, const LspAnalysis *a, size_t off)
{
    if (!cx->std)
        return json_null();
    DefKind k = DEF_NONE;
    const char *name = NULL;
    for (const Decl *d = a->f.decls; d && k == DEF_NONE; d = d->next) {
        if (!within(d->loc, off))
            continue;
        if (d->kind == D_USE && within(d->name_loc, off)) {
            k = DEF_SCHEME;
            name = d->name;
        } else if (d->kind == D_PROJECT) {
            k = def_in_stmts(cx->std, d->body, off, &name);
        }
    }
    if (k == DEF_NONE)
        return json_null();
    int n;
    const Source *const *srcs = std_sources(&n);
    json_t *result = json_null();
    for (int i = 0; i < n && json_is_null(result); i++) {
        Arena scratch = { 0 };
        File f;
        diag_begin_file(srcs[i], &scratch);
        parse_file(srcs[i], &scratch, &f);
        diag_discard();
        Loc at;
        if (srcs[i]->text && def_in_file(&f, k, name, &at)) {
            char *uri = source_uri(srcs[i]);
            if (uri) {
                LspText t = { .src = *srcs[i], .enc = cx->enc };
                lsp_lines_init(&t.lines, srcs[i]->text - srcs[i]->bom, srcs[i]->len + srcs[i]->bom);
                result = json_pack("{s:s,s:o}", "uri", uri, "range", lsp_text_range(&t, at));
                lsp_lines_free(&t.lines);
                free(uri);
            }
        }
        arena_free(&scratch);
    }
    return result;
}
