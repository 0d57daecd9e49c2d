/*
 * table.c — pgc import's indicator table: its rows into the Form's tree
 * of 一级 and 二级 groups and indicators, and a form complete.
 *
 * A row of the table is [一级] [二级] 三级 指标值 [分值], every part but
 * the last two optional (a 一级 or 二级 cell is merged across rows in the
 * form, so it stands only on the first row of its group), in whatever
 * columns the paste left them.  A category is a name the standard library
 * knows (stdlib/categories.pg); a row's columns are measured against the
 * header's by its first category, so a row that lost its leading tab is
 * still read, and an indicator that slid into a category column is
 * imported straight under its 一级 with a warning.  A target written in
 * columns of its own (≥ | 90 | %) is joined into one cell first.  A line
 * of one cell that is no category continues the free-text target above:
 * Word ends a line at a paragraph inside a cell.
 *
 * A form is complete when the next one starts or the text ends: then
 * what it lacks is reported (a field, the 年度, a 一级 category every
 * form has) and the name of its file is decided.
 */
#include "import.h"

/* ---- the tree ----------------------------------------------------------- */

static Node *add_node(Imp *im, Node *parent, const char *name, bool group)
{
    if (group)
        for (Node *n = parent->kids; n; n = n->next)
            if (n->group && strcmp(n->name, name) == 0)
                return n;
    Node *n = arena_alloc(im->arena, sizeof *n);
    n->name = name;
    n->group = group;
    n->target = "";
    if (parent->last)
        parent->last->next = n;
    else
        parent->kids = n;
    parent->last = n;
    return n;
}

/* 1 when cell k of r is a 一级 category, 2 a 二级, 0 neither.  成本指标 is
 * both (a 一级 since 2021, a 二级 of 产出指标 before): a 一级 when a 二级
 * of its own follows, else by its column. */
static int category_level(Imp *im, const Form *f, const Row *r, int k, bool have_l1)
{
    const char *key = imp_fold(im->arena, r->cells[k].s, r->cells[k].n);
    const StdLevel1 *l1 = std_level1(im->std, key);
    bool two = std_level2_owner(im->std, key) != NULL;
    if (!l1 || !two)
        return l1 ? 1 : two ? 2 : 0;
    if (have_l1)
        return 2;
    if (k + 1 < r->n && std_level2_under(l1, imp_fold(im->arena, r->cells[k + 1].s, r->cells[k + 1].n)))
        return 1;
    /* a 自评表's rows keep the shift of the row above until one says otherwise */
    return r->cells[k].col - (f->se ? f->se->offset : 0) <= f->c1 ? 1 : 2;
}

/* The 二级 category closest to name, or NULL. */
static const char *near_level2(Imp *im, const char *name)
{
    const char *cands[64];
    int n = 0;
    for (int i = 0; i < im->std->nlevel1; i++)
        for (int j = 0; j < im->std->level1[i].nlevel2 && n < 64; j++)
            cands[n++] = im->std->level1[i].level2[j];
    return std_suggest(name, cands, n);
}

static void enter_level1(Imp *im, Form *f, const Cell *c, bool known)
{
    const char *name = known ? imp_fold(im->arena, c->s, c->n) : imp_tidy(im->arena, c->s, c->n);
    if (!known) {
        diag_emit(E0709, c->loc, "“%s” stands in the 一级指标 column but is no 一级 category", name);
        const char *near = std_suggest(name, im->std->level1_names, im->std->nlevel1);
        if (near)
            diag_hint("did you mean “%s”? imported as written", near);
        else
            diag_hint("the categories are in stdlib/categories.pg; imported as written");
    }
    f->cur1 = add_node(im, &f->root, name, true);
    f->cur2 = NULL;
    if (!known)
        imp_note(im, &f->cur1->notes, "待核实：“%s”不是已知的一级指标", name);
}

static void enter_level2(Imp *im, Form *f, const Cell *c, bool known)
{
    const char *name = known ? imp_fold(im->arena, c->s, c->n) : imp_tidy(im->arena, c->s, c->n);
    const char *note = NULL;
    if (!known) {
        diag_emit(E0709, c->loc, "“%s” stands in the 二级指标 column but is no 二级 category", name);
        const char *near = near_level2(im, name);
        if (near)
            diag_hint("did you mean “%s”? imported as written", near);
        else
            diag_hint("the categories are in stdlib/categories.pg; imported as written");
        note = arena_printf(im->arena, "待核实：“%s”不是已知的二级指标", name);
    } else if (!f->cur1) {
        const StdLevel1 *owner = std_level2_owner(im->std, name);
        diag_emit(W0705, c->loc, "二级 “%s” comes before any 一级; imported under “%s”", name, owner->name);
        f->cur1 = add_node(im, &f->root, owner->name, true);
        note = arena_printf(im->arena, "待核实：%s中“%s”之前没有一级指标", imp_doc(im), name);
    } else {
        const StdLevel1 *l1 = std_level1(im->std, f->cur1->name);
        if (l1 && !std_level2_under(l1, name)) {
            const StdLevel1 *owner = std_level2_owner(im->std, name);
            diag_emit(E0709, c->loc, "二级 “%s” stands under “%s”; it belongs under “%s”", name,
                      f->cur1->name, owner->name);
            diag_hint("imported where the form puts it; move it in the .pg file");
            note = arena_printf(im->arena, "待核实：“%s”应属于一级指标“%s”", name, owner->name);
        }
    }
    f->cur2 = add_node(im, f->cur1 ? f->cur1 : &f->root, name, true);
    if (note)
        imp_note(im, &f->cur2->notes, "%s", note);
}

/* A 二级指标 cell that repeats its 一级 (满意度指标 | 满意度指标 | 公众满意度):
 * the 一级's one 二级 when it has one (服务对象满意度指标), said in a
 * warning; else the indicator goes straight under the 一级 (and
 * indicator_parent says so). */
static void repeated_level1(Imp *im, Form *f, const Cell *c)
{
    const StdLevel1 *l1 = std_level1(im->std, f->cur1->name);
    f->cur2 = NULL;
    if (!l1 || l1->nlevel2 != 1)
        return;
    const char *name = l1->level2[0];
    const char *note = arena_printf(im->arena, "%s原文：二级指标为“%s”", imp_doc(im), f->cur1->name);
    f->cur2 = add_node(im, f->cur1, name, true);
    if (f->cur2->notes && strstr(f->cur2->notes, note))
        return;                         /* said at the group's first row */
    /* TRANSLATORS: the 一级 category written in the 二级 column, then
       the one 二级 it has */
    diag_emit(W0702, c->loc, "the 二级指标 cell repeats the 一级 “%s”: imported under its one 二级, “%s”",
              f->cur1->name, name);
    imp_note_once(im, &f->cur2->notes, note);
}

/* A row of the form's template left unfilled: 指标1: (or 指标2, ……) and
 * nothing after it but empty cells. */
static bool template_row(Imp *im, const Row *r, int k)
{
    const char *s = imp_fold(im->arena, r->cells[k].s, r->cells[k].n);
    if (str_starts(s, "指标")) {
        s += strlen("指标");
        while (*s >= '0' && *s <= '9')
            s++;
        if (*s == ':')
            s++;
    } else {
        while (str_starts(s, "…") || *s == '.')
            s += *s == '.' ? 1 : strlen("…");
    }
    if (*s)
        return false;
    for (int i = k + 1; i < r->n; i++)
        if (!imp_is_placeholder(imp_fold(im->arena, r->cells[i].s, r->cells[i].n)))
            return false;
    return true;
}

/* A row after the indicators that is no indicator: 填表人, 备注. */
static bool is_trailer(Imp *im, const Cell *c)
{
    static const char *const words[] = { "备注", "注", "说明", "填报人", "填表人", "联系人", "联系电话",
                                         "审核人", "负责人", "单位负责人", "财务负责人", "填报日期",
                                         "填表日期", "填报单位", "单位(盖章)" };
    const char *s = imp_fold(im->arena, c->s, c->n);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(s, words[i], n) == 0 && (s[n] == 0 || s[n] == ':'))
            return true;
    }
    return false;
}

/* Appends cell c's text to val (in brackets: a unit), which then ends
 * where c ends. */
static void join_cell(Imp *im, Cell *val, const Cell *c, bool bracketed)
{
    val->s = arena_printf(im->arena, bracketed ? "%s(%s)" : "%s%s", val->s, c->s);
    val->n = strlen(val->s);
    val->loc.end = c->loc.end;
}

/* The target of row r, whose cells from *v on follow the indicator's
 * name, as one cell: an operator, a number and its unit in columns of
 * their own are joined (≥ | 90 | % → ≥90(%)).  False when there is none. */
static bool target_cell(Imp *im, const Form *f, const Row *r, int *v, Cell *val)
{
    if (*v >= r->n)
        return false;
    *val = r->cells[(*v)++];
    if (imp_is_op_cell(im, val) && *v < r->n)
        join_cell(im, val, &r->cells[(*v)++], false);
    if (*v < r->n && imp_is_number_cell(im, val->s, true)) {
        const Cell *u = &r->cells[*v];
        if (imp_is_unit_cell(im, u) || (f->has_units && imp_unit_like(imp_fold(im->arena, u->s, u->n)))) {
            join_cell(im, val, u, true);
            (*v)++;
        }
    }
    return true;
}

/* Where the indicator in cell nc goes: under the current 二级, or straight
 * under the 一级 when it slid into a category column or has no 二级. */
static Node *indicator_parent(Imp *im, Form *f, const Cell *nc, const char *name, int col, bool has_target,
                              const char **notes)
{
    if (!f->cur1) {
        diag_emit(E0709, nc->loc, "indicator “%s” comes before any 一级指标", name);
        imp_note(im, notes, "待核实：%s中该指标之前没有一级指标", imp_doc(im));
        return &f->root;
    }
    if (col < f->c3 && has_target) {
        const char *where = col <= f->c1 ? "一级指标" : "二级指标";
        /* TRANSLATORS: the indicator's name; the column, 一级指标 or
           二级指标; the 一级 category it is imported under. */
        diag_emit(W0702, nc->loc, "“%s” stands in the %s column: imported as an indicator directly under “%s”",
                  name, where, f->cur1->name);
        /* TRANSLATORS: %s is a 一级 category (产出指标). */
        diag_hint("put it in one of %s's 二级 groups in the .pg file", f->cur1->name);
        imp_note(im, notes, "%s原文：该行位于%s列，无二级指标", imp_doc(im), where);
        f->cur2 = NULL;
        return f->cur1;
    }
    if (!f->cur2) {
        diag_emit(W0702, nc->loc, "“%s” has no 二级指标: imported directly under “%s”", name, f->cur1->name);
        imp_note(im, notes, "%s原文：该行没有二级指标", imp_doc(im));
        return f->cur1;
    }
    return f->cur2;
}

/* The indicator of row r, from cell k on: its name, its target, and a
 * weight when the table has a 分值 column. */
static void indicator(Imp *im, Form *f, const Row *r, int k, int offset)
{
    const Cell *nc = &r->cells[k];
    const char *name = imp_tidy(im->arena, nc->s, nc->n);
    const char *notes = NULL;
    if (imp_is_placeholder(imp_fold(im->arena, nc->s, nc->n))) {
        if (k + 1 >= r->n || imp_is_placeholder(imp_fold(im->arena, r->cells[k + 1].s, r->cells[k + 1].n)))
            return;                 /* 无 / 无: a category without indicators */
        imp_stray_cells(im, &f->end_notes, &r->cells[k + 1], imp_row_text(im, r, k + 1));
        return;
    }
    Node *parent = indicator_parent(im, f, nc, name, nc->col - offset, k + 1 < r->n, &notes);
    int v = k + 1;
    Cell val;
    bool has_target = target_cell(im, f, r, &v, &val);
    const char *weight = NULL;
    if (has_target && v < r->n && f->cw >= 0 && imp_is_number_cell(im, r->cells[v].s, false)) {
        weight = imp_fold(im->arena, r->cells[v].s, r->cells[v].n);
        v++;
    }
    if (v < r->n)
        imp_stray_cells(im, &notes, &r->cells[v], imp_row_text(im, r, v));
    const char *target = "", *free = NULL;
    if (has_target) {
        target = imp_target_pg(im, name, &val, &notes, &free);
    } else {
        diag_emit(E0708, nc->loc, "indicator “%s” has no target value", name);
        diag_hint("its row has no 指标值 cell; write the target in the .pg file");
        imp_note(im, &notes, "待核实：%s中没有指标值", imp_doc(im));
    }
    Node *n = add_node(im, parent, name, false);
    n->target = weight && *target ? arena_printf(im->arena, "%s 分值 %s", target, weight) : target;
    n->text = weight ? NULL : free;
    n->notes = notes;
    f->last_ind = n;
}

/* A 自评表's indicator row from cell k on: its name, and by the header's
 * columns its target and the figures of its 实际 line. */
static void se_indicator(Imp *im, Form *f, const Row *r, int k, int offset)
{
    const Cell *nc = &r->cells[k];
    const char *name = imp_tidy(im->arena, nc->s, nc->n);
    const char *notes = NULL;
    if (imp_is_placeholder(imp_fold(im->arena, nc->s, nc->n))) {
        if (k + 1 < r->n)
            imp_stray_cells(im, &f->end_notes, &r->cells[k + 1], imp_row_text(im, r, k + 1));
        return;
    }
    const Cell *slot[IC_COUNT];
    Node *parent = NULL;
    imp_se_cells(im, f, r, k + 1, offset, slot, &notes);
    parent = indicator_parent(im, f, nc, name, nc->col - offset, slot[IC_TARGET] != NULL, &notes);
    const char *target = "", *free = NULL;
    if (slot[IC_TARGET]) {
        target = imp_target_pg(im, name, slot[IC_TARGET], &notes, &free);
    } else {
        diag_emit(E0708, nc->loc, "indicator “%s” has no target value", name);
        diag_hint("its row has no 指标值 cell; write the target in the .pg file");
        imp_note(im, &notes, "待核实：%s中没有指标值", imp_doc(im));
    }
    Node *n = add_node(im, parent, name, false);
    n->target = target;
    n->notes = notes;
    f->last_ind = n;
    imp_se_actual(im, f, n, nc, slot);
}

/* A line of one cell before the 一级 column that is no category: the
 * next paragraph of a cell above, most likely (Word ends a line there). */
static bool lone_line(Imp *im, const Form *f, const Row *r)
{
    return r->n == 1 && r->cells[0].col < f->c1 && category_level(im, f, r, 0, false) == 0;
}

/* A lone line in the indicator table: the next paragraph of the free-text
 * target above, joined to it; anything else is kept as a comment. */
static void continued_target(Imp *im, Form *f, const Cell *c)
{
    Node *n = f->last_ind;
    if (!n || !n->text) {
        imp_stray_cells(im, &f->end_notes, c, imp_one_line(im->arena, c->s));
        return;
    }
    diag_emit(W0709, c->loc, "a line of its own, read as the next paragraph of the target of “%s” above", n->name);
    diag_hint("Word ends a line at a paragraph inside a cell; check the joined text in the .pg file");
    n->text = imp_join_text(im, n->text, c->s);
    n->target = arena_printf(im->arena, "= %s", imp_pg_string(im->arena, n->text));
    imp_note_once(im, &n->notes, arena_printf(im->arena, "%s原文：指标值分多行，已合并", imp_doc(im)));
}

/* How far row r's columns are off the header's, by its first known
 * category (from cell k): a row that lost its leading tab is at -1.
 * Without a header row, the first 一级 sets the columns.  *found: whether
 * the row has a category to tell. */
static int row_offset(Imp *im, Form *f, const Row *r, int k, bool *found)
{
    *found = true;
    for (int i = k; i < r->n && i < k + 2; i++) {
        int lvl = category_level(im, f, r, i, false);
        if (lvl == 1 && !f->cols_known) {
            f->c1 = r->cells[i].col;
            f->c2 = f->c1 + 1;
            f->c3 = f->c1 + 2;
            f->cols_known = true;
        }
        if (lvl == 1 && f->cols_known && r->cells[i].col == f->c2 && f->cur1 &&
            strcmp(imp_fold(im->arena, r->cells[i].s, r->cells[i].n), f->cur1->name) == 0)
            return 0;                   /* the 一级 again, in the 二级 column (repeated_level1) */
        if (lvl)
            return r->cells[i].col - (lvl == 1 ? f->c1 : f->c2);
    }
    *found = false;
    return 0;
}

/* A row of the indicator table: [一级] [二级] 三级 指标值, every part but
 * the last two optional, in whatever columns they ended up. */
void imp_ind_row(Imp *im, Form *f, const Row *row)
{
    const char *paren;
    CatWeights cw = { { NULL, NULL }, { NULL, NULL } };
    Row plain = *row;
    if (f->se && imp_se_total_row(im, f, row))
        return;
    if (f->se)
        plain = imp_se_plain_row(im, row, &cw);  /* 产出指标(50分): a weight, not a name */
    const Row *r = &plain;
    int k = 0;
    while (k < r->n && imp_label_of(im, &r->cells[k], &paren) == L_INDICATORS)
        k++;
    if (k == r->n)
        return;
    if (is_trailer(im, &r->cells[k])) {
        imp_stray_cells(im, &f->end_notes, &r->cells[k], imp_row_text(im, r, k));
        return;
    }
    if (lone_line(im, f, r)) {
        continued_target(im, f, &r->cells[k]);
        return;
    }
    bool found;
    int offset = row_offset(im, f, r, k, &found);
    if (f->se && !found)
        offset = f->se->offset;         /* a row of merged categories: as the row above */
    else if (f->se)
        f->se->offset = offset;
    /* the categories: names the standard library knows, or any name in a
     * category column with an indicator and a target after it */
    const Cell *l1 = NULL, *l2 = NULL, *again = NULL;
    bool known1 = false, known2 = false;
    for (; k < r->n; k++) {
        const Cell *c = &r->cells[k];
        int lvl = category_level(im, f, r, k, l1 != NULL);
        int col = c->col - offset;
        bool known = lvl != 0;
        if (!known && r->n - k >= 3 && col < f->c3)
            lvl = !l1 && !l2 && col <= f->c1 ? 1 : 2;
        const char *over = l1 ? imp_fold(im->arena, l1->s, l1->n) : f->cur1 ? f->cur1->name : NULL;
        if (lvl == 1 && !l2 && !again && col == f->c2 && r->n - k >= 3 && over &&
            strcmp(imp_fold(im->arena, c->s, c->n), over) == 0) {
            again = c;                  /* the 一级 again, in the 二级 column */
            continue;
        }
        if (lvl == 1 && !l1 && !l2) {
            l1 = c;
            known1 = known;
        } else if (lvl == 2 && !l2) {
            l2 = c;
            known2 = known;
        } else {
            break;
        }
    }
    if (l1)
        enter_level1(im, f, l1, known1);
    if (imp_se_weight_of(&cw, l1)) {
        f->cur1->weight = imp_se_weight_of(&cw, l1);
        f->cur1->weight_loc = l1->loc;
    }
    if (l2)
        enter_level2(im, f, l2, known2);
    else if (again && f->cur1)
        repeated_level1(im, f, again);
    if (imp_se_weight_of(&cw, l2)) {
        f->cur2->weight = imp_se_weight_of(&cw, l2);
        f->cur2->weight_loc = l2->loc;
    }
    if (k < r->n && template_row(im, r, k))
        return;                         /* the template's 指标1:, left unfilled */
    if (k < r->n && f->se)
        se_indicator(im, f, r, k, offset);
    else if (k < r->n)
        indicator(im, f, r, k, offset);
}

/* Does the row hold a 一级 category (the indicator table has begun,
 * without a header row)? */
bool imp_row_has_level1(Imp *im, const Row *row)
{
    CatWeights cw;
    Row r = im->form && im->form->se ? imp_se_plain_row(im, row, &cw) : *row;
    for (int i = 0; i < r.n; i++)
        if (std_level1(im->std, imp_fold(im->arena, r.cells[i].s, r.cells[i].n)))
            return true;
    return false;
}

bool imp_row_has_columns(Imp *im, const Row *r)
{
    return imp_row_has(im, r, L_COL1) || imp_row_has(im, r, L_COL2) || imp_row_has(im, r, L_COL3);
}

/* ---- a form complete ---------------------------------------------------- */

/* The file name of a project: its name, with a / made ／ and a leading .
 * made _, and .pg. */
static const char *file_name(Imp *im, const Form *f)
{
    Buf b = { 0 };
    buf_add(&b, "", 0);
    for (const char *p = f->name; *p; p++) {
        if (*p == '/')
            buf_str(&b, "／");
        else if (p == f->name && *p == '.')
            buf_str(&b, "_");
        else
            buf_add(&b, p, 1);
    }
    buf_str(&b, ".pg");
    const char *s = arena_strndup(im->arena, b.s, b.n);
    buf_free(&b);
    return s;
}

static void missing(Imp *im, Form *f, const char **notes, const char *what)
{
    if (f->se)
        /* TRANSLATORS: the project's name, then what its 自评表 lacks: a
           field (实施单位, 年度总体目标, …), 年度, 绩效指标, a 一级
           category, 全年预算数 or 全年执行数. */
        diag_emit(E0703, f->loc, "the 自评表 of “%s” has no %s", f->name, what);
    else
        /* TRANSLATORS: the project's name, then what its form lacks: a field
           (主管部门, 年度总体目标, …), 年度, 绩效指标 or a 一级 category. */
        diag_emit(E0703, f->loc, "the form of “%s” has no %s", f->name, what);
    imp_note(im, notes, "待核实：%s中没有%s", imp_doc(im), what);
}

/* A field the form has a label for but leaves empty, or has not at all. */
static void missing_item(Imp *im, Form *f, Field fl)
{
    Item *it = &f->item[fl];
    if (!it->labelled) {
        missing(im, f, &it->notes, imp_field_names[fl]);
        return;
    }
    /* TRANSLATORS: %s is a field of the form (主管部门, 年度总体目标, …). */
    diag_emit(E0703, it->loc, "%s is empty", imp_field_names[fl]);
    imp_note(im, &it->notes, "待核实：%s中%s为空", imp_doc(im), imp_field_names[fl]);
}

/* The 年度: from the `(2023年度)` line, else from 计划开始日期 (a warning). */
static void form_year(Imp *im, Form *f)
{
    const Item *start = &f->item[F_START];
    if (f->year)
        return;
    if (start->pg && imp_scan_digits(start->pg, 4, &f->year) == 4) {
        diag_emit(W0705, start->loc, "no “(%d年度)” line above the form: 年度 %d is taken from 计划开始日期",
                  f->year, f->year);
        imp_note(im, &f->year_notes, "待核实：%s没有“(%d年度)”一行，年度取自计划开始日期", imp_doc(im), f->year);
        return;
    }
    f->year = 0;
    missing(im, f, &f->year_notes, "年度");
    diag_hint("a line such as (2023年度) above the form gives it");
}

/* The file a form is written to; NULL (after an error) when it cannot be. */
static const char *form_file(Imp *im, Form *f)
{
    ImpRun *run = im->run;
    const char *file = file_name(im, f);
    if (strlen(file) > 250) {
        diag_emit(E0712, f->loc, "the 项目名称 is too long to name a file (%zu bytes)", strlen(file));
        return NULL;
    }
    if (map_get(&run->written, file)) {
        diag_emit(E0710, f->loc, "a project named “%s” was imported before; this one is not written", f->name);
        diag_hint("two forms of one project? keep one, or rename one in the form");
        return NULL;
    }
    if (strcmp(file, arena_printf(im->arena, "%s.pg", f->name)) != 0)
        /* TRANSLATORS: the project's name, then the file name made of it
           (a / in the name becomes ／). */
        diag_emit(W0708, f->loc, "“%s” is written to the file “%s”", f->name, file);
    const char *key = arena_strndup(&run->keep, file, strlen(file));
    map_put(&run->written, key, (void *)key);
    return file;
}

/* The 一级 categories every form has (必需 是 in the standard library)
 * that this one has no indicator under — most often a table cut short
 * when it was copied.  An indicator in one of its 二级 counts, wherever
 * the form put it; an unknown 一级 (reported already) stops the search. */
static void missing_level1(Imp *im, Form *f)
{
    for (const Node *n = f->root.kids; n; n = n->next)
        if (!std_level1(im->std, n->name))
            return;
    bool any = false;
    for (int i = 0; i < im->std->nlevel1; i++) {
        const StdLevel1 *l1 = &im->std->level1[i];
        bool has = !l1->required;
        for (const Node *n = f->root.kids; n && !has; n = n->next) {
            has = strcmp(n->name, l1->name) == 0 && n->kids;
            for (const Node *k = n->kids; k && !has; k = k->next) {
                const StdLevel1 *owner = k->group && k->kids ? std_level2_owner(im->std, k->name) : NULL;
                has = owner && strcmp(owner->name, l1->name) == 0;
            }
        }
        if (!has) {
            missing(im, f, &f->end_notes, l1->name);
            any = true;
        }
    }
    if (any)
        diag_hint("was the table cut short when it was copied? every form has these");
}

/* Reports what a form lacks; decides its file name. */
void imp_finish_form(Imp *im, Form *f)
{
    if (!f->name)
        return;
    form_year(im, f);
    if (f->unit_assumed.line && !f->funds_unit) {
        if (f->se)
            diag_emit(W0705, f->unit_assumed, "the 自评表 does not say the unit of its amounts; read as 元");
        else
            diag_emit(W0705, f->unit_assumed, "the form does not say the unit of its amounts; read as 元");
        diag_hint("the funds label says it: 项目资金（元） or 项目资金（万元）");
        imp_note(im, &f->head_notes, "待核实：%s未注明金额单位，按“元”导入", imp_doc(im));
    }
    static const Field required[] = { F_DEPT, F_UNIT, F_START, F_END, F_TOTAL };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        Field fl = required[i];
        if (f->item[fl].pg || f->item[fl].notes || (f->se && imp_se_missing(im, f, fl)))
            continue;       /* a 自评表 carries no plan dates: a warning */
        missing_item(im, f, fl);
    }
    if (!f->item[F_GOAL_YEAR].text && f->se && f->item[F_GOAL_YEAR].labelled) {
        /* a published 自评表 may leave its 预期目标 empty: kept so */
        Item *it = &f->item[F_GOAL_YEAR];
        diag_emit(W0710, it->loc, "the 自评表 leaves its 年度总体目标 empty: written as \"\"");
        imp_note(im, &it->notes, "待核实：%s中年度总体目标（预期目标）为空", imp_doc(im));
        it->text = "";
    } else if (!f->item[F_GOAL_YEAR].text) {
        missing_item(im, f, F_GOAL_YEAR);
    }
    if (!f->root.kids)
        missing(im, f, &f->end_notes, "绩效指标");
    else
        missing_level1(im, f);
    if (f->se)
        imp_se_finish(im, f);
    f->file = form_file(im, f);
}
