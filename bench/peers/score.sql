-- score.sql — the year-end scoring of pgc eval (自评2020, doc/language.md §7)
-- as DuckDB SQL, for bench/run.  bench/peers/duckdb-eval.js substitutes
-- {{TARGETS}} (pggen --targets: one row per indicator, 序号 its place in the
-- project, 1..n), {{ACTUALS}} (pggen --actuals: the same CSV pgc eval reads)
-- and {{OUT}} (where the per-project result goes: 项目,总分,等级, one row a
-- project, ordered by name).  Written from doc/language.md and
-- tests/independent/score.py, for the subset of .pg that pggen writes.
--
-- One query, no stage tables: each CSV file is read once, the targets are
-- joined to the actuals once, each cell is parsed once, the per-project
-- counts that decide the weights are one small aggregate joined back on an
-- integer key, and one aggregate adds up each project.
--
-- Exact, with no DOUBLE anywhere and DECIMAL only to print the total (integer
-- cents × 0.01 as DECIMAL(38,2), which is exact): every number is parsed
-- from its digits into an integer count of millionths (BIGINT; a number with
-- more than 6 decimals, or too large for BIGINT, is an error, not rounded),
-- converted to its dimension's base unit by multiplying with the unit's
-- factor, and compared as an integer.  Weights and scores are integer
-- cents; a rule's one division and its half-up rounding to cents is HUGEINT
-- floor division, round_half_up(n / d) = (2n + d) // (2d).  Anything it
-- cannot read stops the query with error() (whose message is never NULL,
-- since error(NULL) does not stop it), so a disagreement with pgc cannot
-- hide behind a NULL.
--
-- Two keys are hashes, for speed, and neither can merge two things silently:
-- a target meets its actual on hash(项目, 指标), and every pair that met is
-- checked to have the same 项目 and 指标; a project's rows are grouped on
-- hash(项目), and each group is checked to hold one project: one name, one
-- 序号 1, 序号 1..n each once (so also no actual given twice), at most one
-- 全年执行数 and one 全年预算数 row.

-- ---- cells -------------------------------------------------------------------
-- A number cell, such as "93.5%", "1,234 张", "74.36 万张", "-2", "31,003,608.82":
-- {i: sign and integer part, f: the decimals, u: the unit ('' for none)}.
-- num_fast is a one-pass pattern (cheap for RE2 to capture) for the usual
-- cells: no thousands separators, at most one space before the unit; where it
-- does not match (i = ''), num_full reads the general form.  On every cell
-- num_fast matches, num_full gives the same groups.
CREATE MACRO num_fast(s) AS regexp_extract(s,
    '^([+-]?[0-9]+)(?:\.([0-9]+))? ?([^\s0-9.]*)$', ['i', 'f', 'u']);
CREATE MACRO num_full(s) AS regexp_extract(s,
    '^([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+))(?:\.([0-9]+))?\s*(\S*)$', ['i', 'f', 'u']);
-- the number of parts g (of the cell s) in millionths, exactly: the digits
-- with the decimals padded to 6, read as one integer ("-0.5" → -0500000)
CREATE MACRO micro(g, s) AS CASE
    WHEN g.i = '' THEN error('not a number: ' || coalesce(s, 'NULL'))
    WHEN length(g.f) > 6 THEN error('more than 6 decimals: ' || s)
    ELSE CAST(replace(g.i, ',', '') || rpad(g.f, 6, '0') AS BIGINT) END;
-- the same for a cell that must be a bare number (分值, 得分, 目标值, 年度资金申请总额)
CREATE MACRO plain_micro(g, s) AS CASE
    WHEN g.u <> '' THEN error('not a number: ' || s) ELSE micro(g, s) END;
-- millionths m as cents, which they must be exactly
CREATE MACRO cents(m) AS CASE
    WHEN m % 10000 <> 0 THEN error('more than 2 decimals: ' || CAST(m AS VARCHAR) || ' millionths')
    ELSE m // 10000 END;
-- an amount in millionths of 元: bare (in 元), in 元 or in 万元
CREATE MACRO amount(g, s) AS CASE
    WHEN g.u = '万元' THEN micro(g, s) * 10000
    WHEN g.u IN ('', '元') THEN micro(g, s)
    ELSE error('not an amount: ' || coalesce(s, 'NULL')) END;
-- round_half_up(n / d) for n >= 0, d > 0
CREATE MACRO rdiv(n, d) AS (2 * n + d) // (2 * d);
-- a date cell: 2023-11-30, 2023/11/30, 2023年11月30日, or a month (2023-11,
-- 2023年11月), which stands for its last day
CREATE MACRO date_parts(s) AS regexp_extract(s,
    '^([0-9]{4})(?:[-/]([0-9]{1,2})(?:[-/]([0-9]{1,2}))?|年([0-9]{1,2})月(?:([0-9]{1,2})日)?)$',
    ['y', 'm1', 'd1', 'm2', 'd2']);
-- (TRY_CAST only because DuckDB may evaluate a CAST common to two branches
-- before the CASE: where the pattern matched, the groups are digits)
CREATE MACRO date_of(g, s) AS CASE
    WHEN g.y = '' THEN error('not a date: ' || coalesce(s, 'NULL'))
    WHEN g.d1 = '' AND g.d2 = ''
        THEN last_day(make_date(TRY_CAST(g.y AS INTEGER), TRY_CAST(g.m1 || g.m2 AS INTEGER), 1))
    ELSE make_date(TRY_CAST(g.y AS INTEGER), TRY_CAST(g.m1 || g.m2 AS INTEGER),
                   TRY_CAST(g.d1 || g.d2 AS INTEGER)) END;

-- ---- stdlib, as CASE lookups (no joins) ----------------------------------------
-- stdlib/units.pg: each unit's dimension, and its factor to the dimension's
-- base unit (NULL: not a unit)
CREATE MACRO unit_dim(u) AS CASE u
    WHEN '%' THEN '比率' WHEN '百分比' THEN '比率'
    WHEN '元' THEN '金额' WHEN '万元' THEN '金额' WHEN '亿元' THEN '金额'
    WHEN '万个' THEN '个' WHEN '万人' THEN '人' WHEN '万人次' THEN '人次' WHEN '万张' THEN '张'
    WHEN '万次' THEN '次' WHEN '万件' THEN '件' WHEN '万户' THEN '户' WHEN '万份' THEN '份'
    WHEN '万条' THEN '条' WHEN '千米' THEN '米' WHEN '公里' THEN '米' WHEN '万平方米' THEN '平方米'
    WHEN '公斤' THEN '千克' WHEN '吨' THEN '千克' WHEN '万千瓦时' THEN '千瓦时' WHEN '日' THEN '天'
    WHEN '个' THEN '个' WHEN '人' THEN '人' WHEN '人次' THEN '人次' WHEN '位' THEN '位'
    WHEN '名' THEN '名' WHEN '项' THEN '项' WHEN '台' THEN '台' WHEN '套' THEN '套'
    WHEN '张' THEN '张' WHEN '次' THEN '次' WHEN '件' THEN '件' WHEN '户' THEN '户'
    WHEN '家' THEN '家' WHEN '份' THEN '份' WHEN '本' THEN '本' WHEN '册' THEN '册'
    WHEN '篇' THEN '篇' WHEN '期' THEN '期' WHEN '批' THEN '批' WHEN '场' THEN '场'
    WHEN '所' THEN '所' WHEN '条' THEN '条' WHEN '辆' THEN '辆' WHEN '座' THEN '座'
    WHEN '处' THEN '处' WHEN '间' THEN '间' WHEN '棵' THEN '棵' WHEN '株' THEN '株'
    WHEN '门' THEN '门' WHEN '课时' THEN '课时' WHEN '学时' THEN '学时' WHEN '天' THEN '天'
    WHEN '工作日' THEN '工作日' WHEN '小时' THEN '小时' WHEN '分钟' THEN '分钟'
    WHEN '月' THEN '月' WHEN '年' THEN '年' WHEN '米' THEN '米' WHEN '平方米' THEN '平方米'
    WHEN '亩' THEN '亩' WHEN '公顷' THEN '公顷' WHEN '千克' THEN '千克'
    WHEN '立方米' THEN '立方米' WHEN '千瓦时' THEN '千瓦时' END;
CREATE MACRO unit_factor(u) AS CASE u
    WHEN '万元' THEN 10000 WHEN '亿元' THEN 100000000
    WHEN '万个' THEN 10000 WHEN '万人' THEN 10000 WHEN '万人次' THEN 10000 WHEN '万张' THEN 10000
    WHEN '万次' THEN 10000 WHEN '万件' THEN 10000 WHEN '万户' THEN 10000 WHEN '万份' THEN 10000
    WHEN '万条' THEN 10000 WHEN '千米' THEN 1000 WHEN '公里' THEN 1000 WHEN '万平方米' THEN 10000
    WHEN '吨' THEN 1000 WHEN '万千瓦时' THEN 10000
    ELSE CASE WHEN unit_dim(u) IS NOT NULL THEN 1 END END;
-- stdlib/scales.pg: a word's scale × 10 + its band (0 达成, 1 部分达成, 2 未达成)
CREATE MACRO scale_word(s) AS CASE s
    WHEN '稳定' THEN 10 WHEN '基本稳定' THEN 11 WHEN '不稳定' THEN 12
    WHEN '健全' THEN 20 WHEN '基本健全' THEN 21 WHEN '不健全' THEN 22
    WHEN '有效' THEN 30 WHEN '基本有效' THEN 31 WHEN '无效' THEN 32
    WHEN '及时' THEN 40 WHEN '基本及时' THEN 41 WHEN '不及时' THEN 42
    WHEN '可控' THEN 50 WHEN '基本可控' THEN 51 WHEN '不可控' THEN 52
    WHEN '合理' THEN 60 WHEN '基本合理' THEN 61 WHEN '不合理' THEN 62
    WHEN '规范' THEN 70 WHEN '基本规范' THEN 71 WHEN '不规范' THEN 72
    WHEN '达标' THEN 80 WHEN '基本达标' THEN 81 WHEN '未达标' THEN 82
    WHEN '提高' THEN 90 WHEN '明显提高' THEN 90 WHEN '有所提高' THEN 91 WHEN '未提高' THEN 92
    WHEN '降低' THEN 100 WHEN '明显降低' THEN 100 WHEN '有所降低' THEN 101 WHEN '未降低' THEN 102
    WHEN '完善' THEN 110 WHEN '基本完善' THEN 111 WHEN '不完善' THEN 112
    WHEN '保障' THEN 120 WHEN '有保障' THEN 120 WHEN '基本保障' THEN 121 WHEN '未保障' THEN 122
    WHEN '良好' THEN 130 WHEN '优良' THEN 130 WHEN '较好' THEN 131 WHEN '较差' THEN 132
    WHEN '满意' THEN 140 WHEN '基本满意' THEN 141 WHEN '不满意' THEN 142 END;
CREATE MACRO level_of(s) AS CASE s
    WHEN '一级' THEN 1 WHEN '二级' THEN 2 WHEN '三级' THEN 3 WHEN '四级' THEN 4 WHEN '五级' THEN 5 END;
-- the band of a phrase
CREATE MACRO phrase_band(s) AS CASE
    WHEN starts_with(s, '达成') THEN 0 WHEN starts_with(s, '部分达成') THEN 1 ELSE 2 END;

COPY (
WITH
-- the targets (only the columns used), and the actuals as pgc eval reads them
t AS (
    SELECT hash(项目, 指标) AS k, 项目, 序号, 一级指标, 指标, 运算符, 类型, 目标值, 单位, 分值,
        年度资金申请总额
    FROM read_csv('{{TARGETS}}',
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        columns = {'项目': 'VARCHAR', '序号': 'INTEGER', '一级指标': 'VARCHAR',
                   '二级指标': 'VARCHAR', '指标': 'VARCHAR', '运算符': 'VARCHAR',
                   '类型': 'VARCHAR', '目标值': 'VARCHAR', '单位': 'VARCHAR', '分值': 'VARCHAR',
                   '年度资金申请总额': 'VARCHAR'})
), a AS (
    SELECT hash(项目, 指标) AS k, 项目, 指标, trim(实际完成值) AS v, nullif(trim(分值), '') AS 分值,
        nullif(trim(得分), '') AS 得分
    FROM read_csv('{{ACTUALS}}',
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        columns = {'项目': 'VARCHAR', '指标': 'VARCHAR', '实际完成值': 'VARCHAR',
                   '分值': 'VARCHAR', '得分': 'VARCHAR', '偏差原因': 'VARCHAR'})
),
-- every indicator with its actual (序号 is NULL on the others), and each
-- project's 全年执行数 and 全年预算数 rows; the other rows of the actuals
-- (年初预算数, published figures, projects not in the targets) drop out.
-- Each cell is matched against a pattern once, as the target's kind wants.
j AS (
    SELECT CASE WHEN t.项目 <> a.项目 OR t.指标 <> a.指标
                THEN error('hash collision: ' || t.项目 || ' / ' || t.指标 || ' and ' || a.项目 || ' / ' || a.指标)
                ELSE coalesce(t.项目, a.项目) END AS 项目,
        t.序号, t.一级指标, t.指标, t.运算符, t.类型, t.目标值, t.单位, t.分值,
        t.年度资金申请总额 AS request, a.指标 AS a指标, a.v, a.分值 AS a分值, a.得分,
        CASE WHEN t.类型 = '数值' OR t.序号 IS NULL THEN num_fast(a.v) END AS an0,
        CASE WHEN t.类型 = '数值' THEN num_fast(t.目标值) END AS tn0,
        CASE WHEN t.类型 = '日期' THEN date_parts(a.v) END AS ad,
        CASE WHEN t.类型 = '日期' THEN date_parts(t.目标值) END AS td,
        CASE WHEN t.分值 IS NOT NULL THEN num_full(t.分值) END AS sp,
        CASE WHEN a.分值 IS NOT NULL THEN num_full(a.分值) END AS ap,
        CASE WHEN a.得分 IS NOT NULL AND t.类型 IN ('序列', '等级', '文本') THEN num_full(a.得分) END AS gp,
        CASE WHEN t.序号 = 1 THEN num_full(t.年度资金申请总额) END AS rp
    FROM t FULL JOIN a ON a.k = t.k
    WHERE t.序号 IS NOT NULL OR a.指标 IN ('全年执行数', '全年预算数')
), j2 AS (
    SELECT *,
        CASE WHEN an0.i = '' THEN num_full(v) ELSE an0 END AS an,
        CASE WHEN tn0.i = '' THEN num_full(目标值) ELSE tn0 END AS tn
    FROM j
),
-- each row read into integers: the project's key h; its name (on the rows
-- that check it: 序号 1 and the budget rows); the weight pool (成本指标 at the
-- first level shares the 产出指标 weight); the spec's weight sw and the
-- actuals' weight aw in millionths (whole cents where they are used); the rule; for numbers the actual A (a negative
-- actual counts as 0) and the target T in millionths of the dimension's base
-- unit (when the units are the same, or the actual is bare, neither is
-- converted: the rules do not change when both are scaled); for dates
-- whether the actual is on time; for qualitative targets the band of the
-- actual and the evaluator's 得分 S in millionths; on the 全年执行数 and
-- 全年预算数 rows the amount, in A
r AS MATERIALIZED (
    SELECT hash(项目) AS h, 序号,
        CASE WHEN 序号 = 1 OR 序号 IS NULL THEN 项目 END AS name,
        CASE WHEN 序号 = 1 THEN plain_micro(rp, request) END AS request,
        CASE WHEN 序号 IS NULL THEN NULL
             WHEN v IS NULL THEN error('no actual for ' || 项目 || ' / ' || 指标)
             ELSE CASE 一级指标 WHEN '产出指标' THEN 0 WHEN '成本指标' THEN 0 WHEN '效益指标' THEN 1
                  WHEN '满意度指标' THEN 2
                  ELSE error('unknown 一级 ' || coalesce(一级指标, 'NULL') || ': ' || 项目) END END AS pool,
        CASE WHEN 序号 IS NOT NULL AND sp IS NOT NULL THEN plain_micro(sp, 分值) END AS sw,
        CASE WHEN ap IS NOT NULL THEN plain_micro(ap, a分值) END AS aw,
        -- 0 正向 (≥, >), 1 = (正向 with a target above 0, else 等零), 2 反向 (≤, <),
        -- 3 日期, 4 定性 (a level, a word, free text); 8 全年执行数, 9 全年预算数
        CASE WHEN 序号 IS NULL THEN CASE a指标 WHEN '全年执行数' THEN 8 ELSE 9 END
             WHEN 类型 = '数值' AND 运算符 IN ('≥', '>') THEN 0
             WHEN 类型 = '数值' AND 运算符 = '=' THEN 1
             WHEN 类型 = '数值' AND 运算符 IN ('≤', '<') THEN 2
             WHEN 类型 = '日期' THEN 3
             WHEN 类型 IN ('序列', '等级', '文本') THEN 4
             ELSE error('cannot score ' || 项目 || ' / ' || 指标) END AS rule,
        CASE WHEN 序号 IS NULL THEN amount(an, v)
             WHEN 类型 = '数值' THEN
            CASE WHEN an.i = '' THEN error('not a number: ' || 项目 || ' / ' || 指标 || ': ' || v)
                 WHEN unit_dim(单位) IS NULL THEN error('unknown unit ' || coalesce(单位, 'NULL') || ': ' || 项目 || ' / ' || 指标)
                 WHEN an.u = '' OR an.u = 单位 THEN greatest(micro(an, v), 0)
                 WHEN coalesce(unit_dim(an.u), '?') <> unit_dim(单位)
                     THEN error('unit ' || an.u || ' does not convert to ' || 单位 || ': ' || 项目 || ' / ' || 指标)
                 ELSE greatest(micro(an, v), 0) * unit_factor(an.u) END END AS A,
        CASE WHEN 类型 = '数值' THEN
            CASE WHEN an.u = '' OR an.u = 单位 THEN plain_micro(tn, 目标值)
                 ELSE plain_micro(tn, 目标值) * unit_factor(单位) END END AS T,
        CASE WHEN 类型 = '日期' THEN date_of(ad, v) <= date_of(td, 目标值) END AS on_time,
        CASE
            -- a level: the same or a higher one 达成, one below 部分达成
            WHEN 类型 = '序列' THEN
                CASE WHEN level_of(目标值) IS NULL THEN error('not a level: ' || coalesce(目标值, 'NULL'))
                     WHEN level_of(v) IS NULL THEN phrase_band(v)
                     WHEN level_of(v) >= level_of(目标值) THEN 0
                     WHEN level_of(v) = level_of(目标值) - 1 THEN 1 ELSE 2 END
            -- a word: itself 达成, a word of its scale that word's band,
            -- 基本 + the word 部分达成, else as a phrase
            WHEN 类型 = '等级' THEN
                CASE WHEN v = 目标值 THEN 0
                     WHEN scale_word(v) // 10 = scale_word(目标值) // 10 THEN scale_word(v) % 10
                     WHEN v = '基本' || 目标值 THEN 1
                     ELSE phrase_band(v) END
            WHEN 类型 = '文本' THEN phrase_band(v)
        END AS band,
        CASE WHEN gp IS NOT NULL THEN plain_micro(gp, 得分) END AS S
    FROM j2
),
-- per project, what the weights need: the indicators in each pool, how many
-- have a spec weight and an actuals' weight, and for the spread weights the
-- 序号 up to which a pool's indicators take a leftover cent (the first
-- pool_c % n of them in document order)
p AS (
    SELECT h,
        count(*) FILTER (WHERE pool = 0) AS c0, count(*) FILTER (WHERE pool = 1) AS c1,
        count(*) FILTER (WHERE pool = 2) AS c2,
        count(sw) AS n_sw, count(aw) FILTER (WHERE 序号 IS NOT NULL) AS n_aw,
        list(序号) FILTER (WHERE pool = 0) AS l0, list(序号) FILTER (WHERE pool = 1) AS l1,
        list(序号) FILTER (WHERE pool = 2) AS l2
    FROM r GROUP BY h
), pw AS (
    SELECT h, c0 + c1 + c2 AS n_ind, c0, c1, c2, n_sw, n_aw,
        CASE WHEN c0 = 0 OR 5000 % c0 = 0 THEN 0 ELSE list_sort(l0)[5000 % c0] END AS last0,
        CASE WHEN c1 = 0 OR 3000 % c1 = 0 THEN 0 ELSE list_sort(l1)[3000 % c1] END AS last1,
        CASE WHEN c2 = 0 OR 1000 % c2 = 0 THEN 0 ELSE list_sort(l2)[1000 % c2] END AS last2
    FROM p
),
-- each indicator's weight wc in cents: the spec's 分值 when every indicator
-- has one, else the actuals' 分值 when every indicator has one, else its
-- pool's weight (产出 50, 效益 30, 满意度 10) spread evenly to the cent, the
-- first indicators in document order taking the leftover cents
x AS (
    SELECT r.*,
        CASE WHEN 序号 IS NULL THEN NULL
             WHEN n_sw = n_ind THEN cents(sw)
             WHEN n_aw = n_ind THEN cents(aw)
             WHEN pool = 0 THEN 5000 // c0 + CASE WHEN 序号 <= last0 THEN 1 ELSE 0 END
             WHEN pool = 1 THEN 3000 // c1 + CASE WHEN 序号 <= last1 THEN 1 ELSE 0 END
             ELSE 1000 // c2 + CASE WHEN 序号 <= last2 THEN 1 ELSE 0 END END AS wc
    FROM r JOIN pw ON pw.h = r.h
),
-- every indicator's score in cents
s AS (
    SELECT h, name, 序号, rule, A, aw, request,
        CASE rule
        -- 正向: A ≥ T → w, else w·A/T
        WHEN 0 THEN CASE WHEN A >= T THEN wc ELSE rdiv(CAST(wc AS HUGEINT) * A, T) END
        -- = T: 正向 when T > 0; 等零 (= 0): A ≤ 0 → w, else 0
        WHEN 1 THEN CASE WHEN T > 0 THEN CASE WHEN A >= T THEN wc ELSE rdiv(CAST(wc AS HUGEINT) * A, T) END
                         WHEN A <= 0 THEN wc ELSE 0 END
        -- 反向: A ≤ T → w; A < 2T → w·(1 − (A − T)/T) = w·(2T − A)/T; else 0
        WHEN 2 THEN CASE WHEN A <= T THEN wc
                         WHEN A < 2 * T THEN rdiv(CAST(wc AS HUGEINT) * (2 * T - A), T)
                         ELSE 0 END
        -- 日期: A ≤ T → w, else 0
        WHEN 3 THEN CASE WHEN on_time THEN wc ELSE 0 END
        -- 定性: the evaluator's 得分 when it lies in its band's range (达成
        -- 80–100%, 部分达成 60–80%, 未达成 0–60% of w; S and w·10000 are both
        -- millionths), rounded half up to cents; else w × 档次系数 (1, 0.7, 0.3)
        WHEN 4 THEN CASE
            WHEN S IS NULL THEN rdiv(wc * CASE band WHEN 0 THEN 10 WHEN 1 THEN 7 ELSE 3 END, 10)
            WHEN S BETWEEN wc * CASE band WHEN 0 THEN 8000 WHEN 1 THEN 6000 ELSE 0 END
                       AND wc * CASE band WHEN 0 THEN 10000 WHEN 1 THEN 8000 ELSE 6000 END
                THEN rdiv(S, 10000)
            ELSE error('得分 outside its band (' || CAST(S AS VARCHAR) || ' millionths, weight '
                       || CAST(wc AS VARCHAR) || ' cents): indicator ' || CAST(序号 AS VARCHAR)) END
        END AS cents
    FROM x
),
-- per project: the indicators' cents, the budget figures, and the checks
-- that the group is one project
g AS (
    SELECT h, min(name) AS 项目, max(name) AS name2, sum(cents) AS ind_cents,
        count(序号) AS n, max(序号) AS n_max, count(*) FILTER (WHERE 序号 = 1) AS n_start,
        count(*) FILTER (WHERE rule = 8) AS n_spent, any_value(A) FILTER (WHERE rule = 8) AS spent,
        any_value(aw) FILTER (WHERE rule = 8) AS bw,
        count(*) FILTER (WHERE rule = 9) AS n_budget, any_value(A) FILTER (WHERE rule = 9) AS budget_a,
        any_value(request) FILTER (WHERE 序号 = 1) AS request
    FROM s GROUP BY h HAVING count(序号) > 0
),
-- 预算执行率: w × min(全年执行数 ÷ 全年预算数, 1); w = the 全年执行数 row's 分值,
-- else 10; 全年预算数 from its row, else the spec's 年度资金申请总额
e AS (
    SELECT 项目, ind_cents, coalesce(cents(bw), 1000) AS bwc,
        CASE WHEN 项目 <> name2 OR n_start <> 1 OR n <> n_max
                 THEN error('not one project with indicators 1..n: ' || coalesce(项目, '?'))
             WHEN n_spent = 0 THEN error('no 全年执行数: ' || 项目)
             WHEN n_spent > 1 THEN error('two 全年执行数: ' || 项目)
             ELSE greatest(spent, 0) END AS spent,
        CASE WHEN n_budget > 1 THEN error('two 全年预算数: ' || 项目)
             WHEN n_budget = 1 THEN budget_a ELSE request END AS budget
    FROM g
), f AS (
    SELECT 项目, ind_cents + CASE WHEN budget <= 0 THEN error('no 全年预算数: ' || 项目)
                                  WHEN spent >= budget THEN bwc
                                  ELSE rdiv(CAST(bwc AS HUGEINT) * spent, budget) END AS total
    FROM e
)
SELECT 项目, CAST(CAST(total AS DECIMAL(38,0)) * 0.01 AS DECIMAL(38,2)) AS 总分,
    CASE WHEN total >= 9000 THEN '优' WHEN total >= 8000 THEN '良'
         WHEN total >= 6000 THEN '中' ELSE '差' END AS 等级
FROM f ORDER BY 项目
) TO '{{OUT}}' (HEADER, DELIMITER ',');
