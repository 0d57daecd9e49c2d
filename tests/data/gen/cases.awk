# cases.awk — N generated projects (20 a file) into DIR, from SEED:
#   awk -v SEED=S -v N=N -v DIR=D -f cases.awk
# Every rule at its boundaries, with 实际 blocks.  Weighted projects (one in
# three) give every indicator a 分值; the others leave weights to the scheme.
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function pick(s,   a, k) { k = split(s, a, "|"); return a[rnd(k) + 1] }
function fmt2(x) { return sprintf("%.2f", x) }
# the 分值 of n indicators adding up to total: odd cents, first ones larger
function split_w(total, n, out,   i, c, each, rest) {
    c = total * 100; each = int(c / n); rest = c - each * n
    for (i = 1; i <= n; i++) { out[i] = each; if (i <= rest) out[i]++ }
    if (n > 1 && each > 3) { out[1] += 3; out[n] -= 3 }   # unequal on purpose
}
# one indicator: sets spec[k] (the line in the spec) and act[k] (the actual)
function indicator(k, grp,   kind, t, a, name, w, u, op, s) {
    kind = rnd(10)
    name = "指" grp k
    sc[k] = ""
    if (kind == 0 || kind == 1) {                       # ≥ / > / = a percentage
        name = name "率"
        t = pick("90|95|100|85.5|33.33|1|99.99|60")
        op = pick("≥|≥|=|>")
        spec[k] = name " " op " " t "%"
        a = pick("T|T|T-|T+|0|1.3T|1.3T-|half|neg|88.85|big|tiny|long|pct")
        if (a == "T") a = t "%"
        else if (a == "T-") a = fmt2(t - 0.01) "%"
        else if (a == "T+") a = fmt2(t + 0.01) "%"
        else if (a == "1.3T") a = fmt2(t * 1.3) "%"
        else if (a == "1.3T-") a = fmt2(t * 1.3 - 0.01) "%"
        else if (a == "half") a = fmt2(t / 2) "%"
        else if (a == "neg") a = "-5%"
        else if (a == "big") a = "999999999999999999.99%"
        else if (a == "tiny") a = "0.000000000000000001%"
        else if (a == "long") a = "33.333333333333333333%"
        else if (a == "pct") a = fmt2(t - 1.5) " 百分比"
        else a = a "%"
        if (rnd(4) == 0) a = a " 偏差原因 \"超额完成\""
        if (rnd(30) == 0) sc[k] = " 得分 " fmt2(rnd(10))
    } else if (kind == 2) {                             # = 0%
        name = name "投诉率"
        spec[k] = name " = 0%"
        a = pick("0%|0%|0.01%|-1%|0.001%|5%|0.0009%")
    } else if (kind == 3) {                             # ≤ / < a duration
        name = name "响应时间"
        t = pick("2|3|0.5|24|1.5")
        u = pick("工作日|小时")
        op = pick("≤|≤|<")
        spec[k] = name " " op " " t " " u
        a = pick("T|T-|T+|2T|2T-|2T+|0|1.5T|3T|7T-|big|bare")
        if (a == "T") a = t " " u
        else if (a == "T-") a = (t - 0.25) " " u
        else if (a == "T+") a = (t + 0.25) " " u
        else if (a == "2T") a = (2 * t) " " u
        else if (a == "2T-") a = fmt2(2 * t - 0.01) " " u
        else if (a == "2T+") a = fmt2(2 * t + 0.01) " " u
        else if (a == "0") a = "0 " u
        else if (a == "1.5T") a = (1.5 * t) " " u
        else if (a == "3T") a = (3 * t) " " u
        else if (a == "7T-") a = fmt2(7 * t - 0.01) " " u
        else if (a == "big") a = "999999999999999999.99 " u
        else a = t + 1
    } else if (kind == 4) {                             # counts, with conversions
        name = name "数量"
        if (rnd(2)) {
            spec[k] = name " = 35 万张"
            a = pick("350,000 张|35 万张|34.9999 万张|0 张|349999 张|36 万张|-5 张|455,000 张|35.000001 万张")
        } else {
            op = pick("≥|=")
            spec[k] = name " " op " 20 位"
            a = pick("20 位|19 位|21 位|26 位|0 位|1 位|19.99 位")
        }
        if (rnd(25) == 0) sc[k] = " 得分 1.23"
    } else if (kind == 5) {                             # deadlines
        name = name "完成时间"
        t = pick("2023-12|2023-06-30|2023-11")
        spec[k] = name " ≤ " t
        a = pick("2023-12|2023-12-31|2024-01-01|2023-11|2023-06-29|2023-06-30|2023-07-01|2023-11-30|2023-12-01")
    } else if (kind == 6 || kind == 7) {                # words on a scale
        t = pick("稳定|健全|有效|及时")
        name = name t "性"
        spec[k] = name " = " t
        s = t
        a = pick("W|W|基本W|不W|明显W|已完成|\"达成年度指标\"|\"部分达成年度指标\"|\"未达成年度指标\"|\"其他情况\"")
        if (a == "W") a = s
        else if (a == "基本W") a = "基本" s
        else if (a == "明显W") a = "明显" s
        else if (a == "不W") a = (s == "有效" ? "无效" : "不" s)
        band_of[k] = (a == s || a ~ /^明显/ || a == "已完成" || a ~ /^"达成/) ? 1 : (a ~ /^基本/ || a ~ /^"部分/) ? 2 : 3
    } else if (kind == 8) {                             # levels
        name = name "等级"
        spec[k] = name " = 三级"
        a = pick("三级|四级|二级|一级|五级")
        band_of[k] = (a == "三级" || a == "四级" || a == "五级") ? 1 : (a == "二级") ? 2 : 3
    } else {                                            # free text
        name = name "成效"
        spec[k] = name " = \"完成全年工作任务\""
        a = pick("\"达成年度指标\"|\"部分达成年度指标\"|\"未达成年度指标\"|\"基本完成\"|\"全部完成\"|\"其他情况\"")
        band_of[k] = (a ~ /^"达成/ || a == "\"全部完成\"") ? 1 : (a ~ /^"部分/ || a == "\"基本完成\"") ? 2 : 3
    }
    if (kind < 6) band_of[k] = 0
    nm[k] = name
    act[k] = a
}
function group(title, subg, n, total, weighted,   i, w) {
    split_w(total, n, w)
    printf "    %s {\n        %s {\n", title, subg > out
    for (i = 1; i <= n; i++) {
        idx++
        indicator(idx, title == "产出指标" ? "甲" : title == "效益指标" ? "乙" : "丙")
        wt[idx] = w[i] / 100
        printf "            指标 %s%s\n", spec[idx], weighted ? " 分值 " wt[idx] : "" > out
        # an evaluator's 得分 inside the band, when the weight is known
        if (weighted && band_of[idx] && rnd(3) == 0)
            sc[idx] = " 得分 " (band_of[idx] == 1 ? fmt2(wt[idx] * 0.9) : band_of[idx] == 2 ? fmt2(wt[idx] * 0.7) : fmt2(wt[idx] * 0.3))
    }
    printf "        }\n    }\n" > out
}
BEGIN {
    seed = SEED
    for (p = 0; p < N; p++) {
        out = DIR "/gen-" sprintf("%03d", int(p / 20)) ".pg"
        pname = "生成项目" p
        budget = pick("100,000.00|250,000|12,345.67|1|999,999,999,999.99|3")
        b = budget; gsub(/,/, "", b)
        weighted = rnd(3) == 0
        printf "项目 %s {\n    年度 2023\n    主管部门 测试主管部门\n    实施单位 测试实施单位\n", pname > out
        printf "    计划开始日期 2023-01-01\n    计划完成日期 2023-12-31\n" > out
        printf "    资金 {\n        年度资金申请总额 %s 元\n        当年财政拨款 %s 元\n    }\n", budget, budget > out
        printf "    年度总体目标 \"生成的测试项目。\"\n" > out
        idx = 0
        group("产出指标", pick("数量指标|质量指标|时效指标"), 2 + rnd(5), 50, weighted)
        group("效益指标", pick("社会效益指标|可持续影响指标"), 1 + rnd(4), 30, weighted)
        group("满意度指标", "服务对象满意度指标", 1 + rnd(2), 10, weighted)
        printf "}\n\n实际 %s {\n", pname > out
        s = pick("B|B|0.9B|0.9B-|1.08B|0|third|0.8999B|2B")
        if (s == "B") s = b
        else if (s == "0.9B") s = fmt2(b * 0.9)
        else if (s == "0.9B-") s = fmt2(b * 0.9 - 0.01)
        else if (s == "1.08B") s = fmt2(b * 1.08)
        else if (s == "third") s = fmt2(b / 3)
        else if (s == "0.8999B") s = fmt2(b * 0.8999)
        else if (s == "2B") s = fmt2(b * 2)
        printf "    全年执行数 %s 元%s\n", s, rnd(3) == 0 ? " 偏差原因 \"按进度\"" : "" > out
        if (rnd(5) == 0)
            printf "    全年预算数 %s 元\n", fmt2(b * 1.1) > out
        for (i = 1; i <= idx; i++)
            printf "    %s %s%s\n", nm[i], act[i], sc[i] > out
        printf "}\n\n" > out
    }
}
