/* test-dash.c — dash.c as pgc monitor will use it (lights, a rate in %,
 * projects with no value) and as -j does: the dashboard of projects added
 * in one piece, and of the same projects in parts whose states are saved
 * and merged in order (dash_save, dash_merge), must be the same bytes in
 * every writer — categories first seen in a later part, ties among the
 * lowest keys, groups spread over the parts — for every way of cutting
 * the projects in two or three; a damaged state is refused; the lists
 * keep the lowest keys, the earlier of equal ones. */
#include "rt.h"
#include "unit.h"

#include <stdlib.h>

static const DashConfig cfg = {
    .title = "预算执行监控汇总", .value_name = "预算执行率", .value_unit = "%", .category_head = "监控结果",
    .bin_from = { 0, 0 }, .bin_width = { 20, 0 }, .nbins = 6, .nworst = 5,
    .projects_title = "执行率最低的项目", .indicators_title = "偏离最大的指标",
    .ind_value_head = "完成", .ind_detail_head = "说明",
};

enum { N = 60 };
static const char *lights[] = { "绿", "黄", "红", "未填报" };
static const char *css[] = { "green", "yellow", "red", "grey" };

/* Project i, into d: its light (the 未填报 first seen late), its rate,
 * two indicators with keys that tie often. */
static void add(Dash *d, int i)
{
    int l = i < 20 ? i % 3 : (i * 7) % 4;
    int c = dash_category(d, lights[l], css[l]);
    char name[32], dept[32], unit[32], text[32];
    snprintf(name, sizeof name, "项目%d", i);
    snprintf(dept, sizeof dept, "部门%d", (i * 5) % 7);
    snprintf(unit, sizeof unit, i % 11 ? "单位%d" : "", i % 4);
    Decimal v = { (i * 37) % 1300, 1 };        /* 0.0 … 129.9 */
    snprintf(text, sizeof text, "%d", i);
    dash_project(d, name, dept, unit, c, l == 3 ? NULL : &v, text);
    for (int k = 0; k < 2; k++)
        dash_indicator(d, name, k ? "乙" : "甲", (Decimal){ (i + k) % 4, 0 }, text, k ? "说明" : NULL, k ? c : -1);
}

static void writers(const Dash *d, Buf *b)
{
    dash_json(b, d);
    dash_text(b, d);
    dash_md(b, d);
    dash_html(b, d);
}

int main(void)
{
    Dash *whole = dash_new(&cfg);
    for (int i = 0; i < N; i++)
        add(whole, i);
    Buf want = { 0 };
    writers(whole, &want);
    CHECK(whole->nworst_p == 5 && whole->nworst_i == 5);
    /* the lowest keys, the earlier of equal ones: key 0 at i = 0, 3, 4, 7, 8 (i + k ≡ 0 mod 4) */
    CHECK_STR(whole->worst_i[0].project, "项目0");
    CHECK(whole->worst_i[0].seq < whole->worst_i[1].seq);
    for (int i = 0; i < 5; i++)
        CHECK(dec_is_zero(whole->worst_i[i].key));
    CHECK(strstr(want.s, "未填写") != NULL);
    CHECK(strstr(want.s, "<svg") != NULL);
    for (int cut1 = 0; cut1 <= N; cut1 += 7)
        for (int cut2 = cut1; cut2 <= N; cut2 += 13) {
            int cuts[] = { 0, cut1, cut2, N };
            Dash *run = dash_new(&cfg);
            for (int p = 0; p < 3; p++) {
                Dash *part = dash_new(&cfg);
                for (int i = cuts[p]; i < cuts[p + 1]; i++)
                    add(part, i);
                Buf state = { 0 };
                dash_save(part, &state);
                CHECK(dash_merge(run, state.s, state.n));
                buf_free(&state);
                dash_free(part);
            }
            Buf got = { 0 };
            writers(run, &got);
            CHECK(got.n == want.n && memcmp(got.s, want.s, want.n) == 0);
            if (got.n != want.n || memcmp(got.s, want.s, want.n) != 0)
                fprintf(stderr, "parts cut at %d and %d differ\n", cut1, cut2);
            buf_free(&got);
            dash_free(run);
        }
    /* a damaged state: refused */
    Buf state = { 0 };
    dash_save(whole, &state);
    Dash *other = dash_new(&cfg);
    CHECK(!dash_merge(other, state.s, state.n / 2));
    CHECK(!dash_merge(other, "pgc-dash 2\n", 11));
    dash_free(other);
    buf_free(&state);
    buf_free(&want);
    dash_free(whole);
    return unit_done();
}
