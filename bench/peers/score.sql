-- score.sql — the year-end scoring of pgc eval (自评2020, doc/language.md §7)
-- as DuckDB SQL, for bench/run.  bench/peers/duckdb-eval.js substitutes
-- {{TARGETS}} (pggen --targets: one row per indicator, document order),
-- {{ACTUALS}} (pggen --actuals: the same CSV pgc eval reads) and {{OUT}}
-- (where the per-project result goes: 项目,总分,等级).
--
-- Exact arithmetic, no DOUBLE anywhere: every number is parsed into
-- DECIMAL(18,6) (a value with more than 6 decimals is an error, not
-- rounded; DECIMAL(38,s) would do as well but DuckDB parses it 40 times
-- slower), converted to its dimension's base unit by multiplying with the
-- unit's factor, and compared as DECIMAL.  DuckDB's "/" on DECIMAL returns
-- DOUBLE, so the one division of a rule (and the half-up rounding to cents)
-- is integer floor division on HUGEINT: a value x is scaled to the integer
-- x' = x·10^6, and round_half_up(w·A/T) in cents is (2·w·A' + T') // (2·T').
-- Anything it cannot read stops the query (error()), so a disagreement with
-- pgc cannot hide behind a NULL.  Written from doc/language.md and
-- tests/independent/score.py, for the subset of .pg that pggen writes.

CREATE MACRO micro(x) AS CAST(CAST(x AS DECIMAL(38,6)) * 1000000 AS HUGEINT);
-- a decimal string (commas allowed) as DECIMAL(18,6), exactly or not at all
CREATE MACRO dec6(s) AS CASE
    WHEN strpos(s, '.') > 0 AND length(s) - strpos(s, '.') > 6
        THEN error('more than 6 decimals: ' || s)
    ELSE CAST(replace(s, ',', '') AS DECIMAL(18,6)) END;
-- a DECIMAL with at most 2 decimals as HUGEINT cents
CREATE MACRO cents_of(x) AS CASE
    WHEN micro(x) % 10000 <> 0 THEN error('more than 2 decimals: ' || CAST(x AS VARCHAR))
    ELSE micro(x) // 10000 END;
-- round_half_up(n / d) for n >= 0, d > 0 (HUGEINT)
CREATE MACRO rdiv(n, d) AS (2 * n + d) // (2 * d);

-- stdlib/units.pg: unit, dimension, factor to the dimension's base unit
CREATE TABLE units AS SELECT * FROM (VALUES
    ('%', '比率', 1), ('百分比', '比率', 1),
    ('元', '金额', 1), ('万元', '金额', 10000), ('亿元', '金额', 100000000),
    ('个', '个', 1), ('万个', '个', 10000), ('人', '人', 1), ('万人', '人', 10000),
    ('人次', '人次', 1), ('万人次', '人次', 10000), ('位', '位', 1), ('名', '名', 1),
    ('项', '项', 1), ('台', '台', 1), ('套', '套', 1), ('张', '张', 1), ('万张', '张', 10000),
    ('次', '次', 1), ('万次', '次', 10000), ('件', '件', 1), ('万件', '件', 10000),
    ('户', '户', 1), ('万户', '户', 10000), ('家', '家', 1), ('份', '份', 1),
    ('万份', '份', 10000), ('本', '本', 1), ('册', '册', 1), ('篇', '篇', 1), ('期', '期', 1),
    ('批', '批', 1), ('场', '场', 1), ('所', '所', 1), ('条', '条', 1), ('万条', '条', 10000),
    ('辆', '辆', 1), ('座', '座', 1), ('处', '处', 1), ('间', '间', 1), ('棵', '棵', 1),
    ('株', '株', 1), ('门', '门', 1), ('课时', '课时', 1), ('学时', '学时', 1),
    ('天', '天', 1), ('日', '天', 1), ('工作日', '工作日', 1), ('小时', '小时', 1),
    ('分钟', '分钟', 1), ('月', '月', 1), ('年', '年', 1),
    ('米', '米', 1), ('千米', '米', 1000), ('公里', '米', 1000), ('平方米', '平方米', 1),
    ('万平方米', '平方米', 10000), ('亩', '亩', 1), ('公顷', '公顷', 1), ('千克', '千克', 1),
    ('公斤', '千克', 1), ('吨', '千克', 1000), ('立方米', '立方米', 1), ('千瓦时', '千瓦时', 1),
    ('万千瓦时', '千瓦时', 10000)
) v(unit, dim, factor);

-- stdlib/scales.pg: word, scale, band (0 达成, 1 部分达成, 2 未达成)
CREATE TABLE scale_words AS SELECT * FROM (VALUES
    ('稳定', '稳定性', 0), ('基本稳定', '稳定性', 1), ('不稳定', '稳定性', 2),
    ('健全', '健全性', 0), ('基本健全', '健全性', 1), ('不健全', '健全性', 2),
    ('有效', '有效性', 0), ('基本有效', '有效性', 1), ('无效', '有效性', 2),
    ('及时', '及时性', 0), ('基本及时', '及时性', 1), ('不及时', '及时性', 2),
    ('可控', '可控性', 0), ('基本可控', '可控性', 1), ('不可控', '可控性', 2),
    ('合理', '合理性', 0), ('基本合理', '合理性', 1), ('不合理', '合理性', 2),
    ('规范', '规范性', 0), ('基本规范', '规范性', 1), ('不规范', '规范性', 2),
    ('达标', '达标', 0), ('基本达标', '达标', 1), ('未达标', '达标', 2),
    ('提高', '提高', 0), ('明显提高', '提高', 0), ('有所提高', '提高', 1), ('未提高', '提高', 2),
    ('降低', '降低', 0), ('明显降低', '降低', 0), ('有所降低', '降低', 1), ('未降低', '降低', 2),
    ('完善', '完善性', 0), ('基本完善', '完善性', 1), ('不完善', '完善性', 2),
    ('保障', '保障', 0), ('有保障', '保障', 0), ('基本保障', '保障', 1), ('未保障', '保障', 2),
    ('良好', '良好', 0), ('优良', '良好', 0), ('较好', '良好', 1), ('较差', '良好', 2),
    ('满意', '满意', 0), ('基本满意', '满意', 1), ('不满意', '满意', 2)
) v(word, scale, band);

CREATE TABLE levels AS SELECT * FROM (VALUES
    ('一级', 1), ('二级', 2), ('三级', 3), ('四级', 4), ('五级', 5)) v(word, n);

-- the targets, and the actuals as pgc eval reads them
CREATE TABLE t AS SELECT row_number() OVER () AS rn, * FROM read_csv('{{TARGETS}}',
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'项目': 'VARCHAR', '序号': 'INTEGER', '一级指标': 'VARCHAR',
               '二级指标': 'VARCHAR', '指标': 'VARCHAR', '运算符': 'VARCHAR',
               '类型': 'VARCHAR', '目标值': 'VARCHAR', '单位': 'VARCHAR', '分值': 'VARCHAR',
               '年度资金申请总额': 'VARCHAR'});

CREATE TABLE a AS SELECT 项目, 指标, trim(实际完成值) AS v, nullif(trim(分值), '') AS 分值,
    nullif(trim(得分), '') AS 得分
FROM read_csv('{{ACTUALS}}',
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'项目': 'VARCHAR', '指标': 'VARCHAR', '实际完成值': 'VARCHAR',
               '分值': 'VARCHAR', '得分': 'VARCHAR', '偏差原因': 'VARCHAR'});

-- a number cell: {n: the number, u: its unit ('' for none)}, or {n: '', u: ''}
CREATE MACRO num_unit(s) AS regexp_extract(s,
    '^([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(\S*)$', ['n', 'u']);
-- a date cell as a DATE (a month is its last day), or NULL
CREATE MACRO date_of(s) AS CASE
    WHEN regexp_matches(s, '^[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}$') THEN
        make_date(CAST(regexp_extract(s, '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})$', 1) AS INTEGER),
                  CAST(regexp_extract(s, '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})$', 2) AS INTEGER),
                  CAST(regexp_extract(s, '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})$', 3) AS INTEGER))
    WHEN regexp_matches(s, '^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$') THEN
        make_date(CAST(regexp_extract(s, '^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$', 1) AS INTEGER),
                  CAST(regexp_extract(s, '^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$', 2) AS INTEGER),
                  CAST(regexp_extract(s, '^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$', 3) AS INTEGER))
    WHEN regexp_matches(s, '^[0-9]{4}[-/][0-9]{1,2}$') THEN
        last_day(make_date(CAST(regexp_extract(s, '^([0-9]{4})[-/]([0-9]{1,2})$', 1) AS INTEGER),
                           CAST(regexp_extract(s, '^([0-9]{4})[-/]([0-9]{1,2})$', 2) AS INTEGER), 1))
    WHEN regexp_matches(s, '^[0-9]{4}年[0-9]{1,2}月$') THEN
        last_day(make_date(CAST(regexp_extract(s, '^([0-9]{4})年([0-9]{1,2})月$', 1) AS INTEGER),
                           CAST(regexp_extract(s, '^([0-9]{4})年([0-9]{1,2})月$', 2) AS INTEGER), 1))
    END;
-- the band of a phrase
CREATE MACRO phrase_band(s) AS CASE
    WHEN starts_with(s, '达成') THEN 0 WHEN starts_with(s, '部分达成') THEN 1 ELSE 2 END;
-- an amount cell in 元 (DECIMAL)
CREATE MACRO amount_of_nu(nu, s) AS CASE
    WHEN nu.n = '' OR nu.u NOT IN ('', '元', '万元')
        THEN error('not an amount: ' || coalesce(s, 'NULL'))
    WHEN nu.u = '万元' THEN dec6(nu.n) * 10000
    ELSE dec6(nu.n) END;

-- the projects, numbered (window partitions on an integer are much faster
-- in DuckDB than on the name)
CREATE TABLE proj AS
SELECT 项目, min(rn) AS pid, any_value(年度资金申请总额) AS request FROM t GROUP BY 项目;

-- each indicator with its actual and its weight pool: 成本指标 at the first
-- level shares the 产出指标 weight
CREATE TABLE ta AS
SELECT t.*, p.pid, a.v, a.分值 AS a分值, a.得分,
    CASE t.一级指标 WHEN '产出指标' THEN 0 WHEN '成本指标' THEN 0 WHEN '效益指标' THEN 1
         WHEN '满意度指标' THEN 2 ELSE error('unknown 一级 ' || t.一级指标) END AS pool
FROM t JOIN proj p ON p.项目 = t.项目
LEFT JOIN a ON a.项目 = t.项目 AND a.指标 = t.指标;

-- the weights in cents: the spec's 分值 when every indicator has one, else
-- the actuals' 分值 column when every indicator has one, else each pool's
-- weight (产出 50, 效益 30, 满意度 10) spread evenly to the cent, the first
-- indicators in document order taking the leftover cents
CREATE TABLE tw AS
WITH pw AS (
    SELECT pid, count(*) AS n_ind, count(分值) AS n_spec_w, count(a分值) AS n_act_w
    FROM ta GROUP BY pid
), wc AS (
    SELECT ta.*, pw.n_ind, pw.n_spec_w, pw.n_act_w,
        CASE pool WHEN 0 THEN 5000 WHEN 1 THEN 3000 ELSE 1000 END AS pool_c,
        count(*) OVER q AS pool_n,
        row_number() OVER (q ORDER BY 序号) AS pool_r
    FROM ta JOIN pw ON pw.pid = ta.pid
    WINDOW q AS (PARTITION BY ta.pid * 4 + pool)
)
SELECT *, CAST(wc AS DECIMAL(38,0)) * 0.01 AS w
FROM (SELECT *,
    CASE WHEN v IS NULL THEN error('no actual for ' || 项目 || ' / ' || 指标)
         WHEN n_spec_w = n_ind THEN cents_of(dec6(分值))
         WHEN n_act_w = n_ind THEN cents_of(dec6(a分值))
         ELSE CAST(pool_c // pool_n + CASE WHEN pool_r <= pool_c % pool_n THEN 1 ELSE 0 END
                   AS HUGEINT) END AS wc
    FROM wc);

-- every indicator's actual, read once as the target's kind wants it:
-- numbers in the base unit of the target's dimension, dates as DATE,
-- qualitative actuals as their band
CREATE TABLE parsed AS
SELECT pid, 项目, 指标, 类型, 运算符, wc, w, 得分,
    CASE WHEN 类型 = '数值' THEN
        CASE WHEN nu.n = '' THEN error('not a number: ' || 项目 || ' / ' || 指标 || ': ' || v)
             WHEN coalesce(ua.dim, '?') <> ut.dim THEN error('unit ' || nu.u || ' does not convert to ' || 单位)
             ELSE greatest(dec6(nu.n), 0) * ua.factor END END AS A,
    CASE WHEN 类型 = '数值' THEN dec6(目标值) * ut.factor END AS T,
    CASE WHEN 类型 = '日期' THEN coalesce(date_of(v), error('not a date: ' || v)) END AS Ad,
    CASE WHEN 类型 = '日期' THEN date_of(目标值) END AS Td,
    CASE
        WHEN 类型 = '序列' THEN
            CASE WHEN la.n IS NULL THEN phrase_band(v)
                 WHEN la.n >= lt.n THEN 0 WHEN la.n = lt.n - 1 THEN 1 ELSE 2 END
        WHEN 类型 = '等级' THEN
            CASE WHEN v = 目标值 THEN 0
                 WHEN sa.band IS NOT NULL THEN sa.band
                 WHEN v = '基本' || 目标值 THEN 1
                 ELSE phrase_band(v) END
        WHEN 类型 = '文本' THEN phrase_band(v)
    END AS band
FROM (SELECT *, CASE WHEN 类型 = '数值' THEN num_unit(v) END AS nu FROM tw) x
LEFT JOIN units ut ON 类型 = '数值' AND ut.unit = x.单位
LEFT JOIN units ua ON 类型 = '数值' AND ua.unit = CASE WHEN nu.u = '' THEN x.单位 ELSE nu.u END
LEFT JOIN levels lt ON 类型 = '序列' AND lt.word = 目标值
LEFT JOIN levels la ON 类型 = '序列' AND la.word = v
LEFT JOIN scale_words st ON 类型 = '等级' AND st.word = 目标值
LEFT JOIN scale_words sa ON 类型 = '等级' AND sa.word = v AND sa.scale = st.scale;

-- every indicator's score in cents
CREATE TABLE scored AS
SELECT pid, 指标, wc,
    CASE
        -- 正向 (≥, >, = with a target above 0): A ≥ T → w, else w·A/T
        WHEN 类型 = '数值' AND (运算符 IN ('≥', '>') OR (运算符 = '=' AND T > 0)) THEN
            CASE WHEN A >= T THEN wc ELSE rdiv(wc * micro(A), micro(T)) END
        -- 等零 (= 0): A ≤ 0 → w, else 0
        WHEN 类型 = '数值' AND 运算符 = '=' THEN
            CASE WHEN A <= 0 THEN wc ELSE 0 END
        -- 反向 (≤, <): A ≤ T → w; A < 2T → w·(1 − (A − T)/T) = w·(2T − A)/T; else 0
        WHEN 类型 = '数值' AND 运算符 IN ('≤', '<') THEN
            CASE WHEN A <= T THEN wc
                 WHEN A < 2 * T THEN rdiv(wc * (2 * micro(T) - micro(A)), micro(T))
                 ELSE 0 END
        -- 日期: A ≤ T → w, else 0
        WHEN 类型 = '日期' THEN CASE WHEN Ad <= Td THEN wc ELSE 0 END
        -- 定性: the evaluator's 得分 when it lies in its band's range, else
        -- w × 档次系数 (1, 0.7, 0.3); 档次下限 80%, 60%, 0%
        WHEN band IS NOT NULL AND 得分 IS NOT NULL THEN
            CASE WHEN dec6(得分) BETWEEN w * CASE band WHEN 0 THEN 0.8 WHEN 1 THEN 0.6 ELSE 0 END
                                      AND w * CASE band WHEN 0 THEN 1 WHEN 1 THEN 0.8 ELSE 0.6 END
                 THEN rdiv(micro(least(greatest(dec6(得分), 0), w)), 10000)
                 ELSE error('得分 ' || 得分 || ' outside its band: ' || 项目 || ' / ' || 指标) END
        WHEN band IS NOT NULL THEN
            rdiv(wc * CASE band WHEN 0 THEN 10 WHEN 1 THEN 7 ELSE 3 END, 10)
        ELSE error('cannot score ' || 项目 || ' / ' || 指标)
    END AS cents
FROM parsed;

-- 预算执行率: w × min(全年执行数 ÷ 全年预算数, 1); w = the 全年执行数 row's 分值, else 10
CREATE TABLE exec AS
WITH b AS (
    SELECT p.项目, p.pid,
        CASE WHEN s.v IS NULL THEN error('no 全年执行数: ' || p.项目)
             ELSE greatest(amount_of_nu(num_unit(s.v), s.v), 0) END AS spent,
        CASE WHEN g.v IS NOT NULL THEN amount_of_nu(num_unit(g.v), g.v) ELSE dec6(p.request) END AS budget,
        coalesce(dec6(s.分值), 10) AS bw
    FROM proj p
    LEFT JOIN a s ON s.项目 = p.项目 AND s.指标 = '全年执行数'
    LEFT JOIN a g ON g.项目 = p.项目 AND g.指标 = '全年预算数'
)
SELECT 项目, pid,
    CASE WHEN budget <= 0 THEN error('no 全年预算数: ' || 项目)
         WHEN spent >= budget THEN cents_of(bw)
         ELSE rdiv(cents_of(bw) * micro(spent), micro(budget)) END AS cents
FROM b;

COPY (
    SELECT 项目, CAST(CAST(total AS DECIMAL(38,0)) * 0.01 AS DECIMAL(38,2)) AS 总分,
        CASE WHEN total >= 9000 THEN '优' WHEN total >= 8000 THEN '良'
             WHEN total >= 6000 THEN '中' ELSE '差' END AS 等级
    FROM (SELECT e.项目, e.pid, e.cents + coalesce(s.cents, 0) AS total
          FROM exec e
          LEFT JOIN (SELECT pid, sum(cents) AS cents FROM scored GROUP BY pid) s
              ON s.pid = e.pid)
    ORDER BY pid
) TO '{{OUT}}' (HEADER, DELIMITER ',');
