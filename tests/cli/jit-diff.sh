#!/bin/sh
# jit-diff.sh — the JIT scores exactly as the interpreter does.
#
# Runs pgc eval twice on the same inputs, --engine=interp and --engine=jit,
# and requires byte-identical stdout, stderr and exit status:
#   1. every eval golden (a .pg under tests/ whose `# args:` line runs eval);
#   2. each of the seven examples with its examples/actuals/*.csv, in every
#      format, with and without --explain, and the whole portfolio;
#   3. generated cases (the awk generator below, deterministic): a few
#      hundred projects with 实际 blocks covering every rule at its
#      boundaries — A = T, just below and above, T = 0, A = 2T under ≤,
#      dates by day and by month, qualitative bands with and without an
#      evaluator's 得分, levels, free text, unit conversions, negative
#      actuals, budgets over and under, odd weights, and numbers with 18+18
#      digits that the compiled code must hand back to the interpreter —
#      scored by 自评2020, 自评宽档 and a test scheme that uses every
#      operator of the rule language (如果/且/或/最小/最大/negation/every
#      comparison, a division in a branch not taken);
#   4. single-project files that end in errors (得分 outside its band, a
#      zero budget, a division by zero the rule reaches, an overflow);
#   5. 1,000 projects from bench/pggen.c with its actuals CSV.
# Also checks that the JIT really ran: on the generated cases it scored
# rules itself and handed some back (PGC_TIMING's counts), and that an
# unknown --engine is a usage error.  Every mismatch ever found is kept
# here as a case.  Skips (77) when libgccjit cannot compile on this machine.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
CC=${CC:-cc}
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-jit-diff.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
runs=0
fail() { echo "FAIL: $*"; status=1; }

# same ARGS... — pgc eval ARGS under both engines; compares everything.
same() {
    runs=$((runs + 1))
    "$PGC" eval --engine=interp "$@" >"$tmp/i.out" 2>"$tmp/i.err"
    irc=$?
    PGC_TIMING=1 "$PGC" eval --engine=jit "$@" >"$tmp/j.out" 2>"$tmp/j.raw"
    jrc=$?
    grep -v '^pgc: timing' "$tmp/j.raw" >"$tmp/j.err"
    timing=$(grep '^pgc: timing' "$tmp/j.raw")
    if [ "$irc" != "$jrc" ]; then
        fail "exit $irc (interp) vs $jrc (jit): pgc eval $*"
        sed -n 1,10p "$tmp/j.err"
    elif ! cmp -s "$tmp/i.out" "$tmp/j.out"; then
        fail "stdout differs: pgc eval $*"
        diff "$tmp/i.out" "$tmp/j.out" | head -n 20
    elif ! cmp -s "$tmp/i.err" "$tmp/j.err"; then
        fail "stderr differs: pgc eval $*"
        diff "$tmp/i.err" "$tmp/j.err" | head -n 20
    fi
}

# Is the JIT usable here at all?  (It needs binutils, libgcc-12-dev, libc6-dev.)
"$PGC" eval --jit examples/交换平台运行费.pg --actuals examples/actuals/交换平台运行费.csv \
    >/dev/null 2>"$tmp/probe.err"
if [ $? = 2 ] && grep -q 'the JIT cannot compile' "$tmp/probe.err"; then
    echo "SKIP: $(cat "$tmp/probe.err")"
    exit 77
fi

"$PGC" eval --engine=fast examples >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown --engine should exit 2"

# Without as and ld (binutils) --jit fails cleanly, naming the package, and
# prints no report; auto (the threshold lowered) quietly interprets.
one_ex="examples/交换平台运行费.pg --actuals examples/actuals/交换平台运行费.csv"
# shellcheck disable=SC2086
PATH=/nonexistent "$PGC" eval --jit $one_ex >"$tmp/nb.out" 2>"$tmp/nb.err"
rc=$?
[ "$rc" = 2 ] || fail "--jit without binutils exited $rc, not 2"
grep -q "install the Debian package 'binutils'" "$tmp/nb.err" || { fail "no clear message without binutils:"; cat "$tmp/nb.err"; }
[ -s "$tmp/nb.out" ] && fail "--jit without binutils printed a report"
# shellcheck disable=SC2086
"$PGC" eval --engine=interp $one_ex >"$tmp/ref.out" 2>"$tmp/ref.err"
# shellcheck disable=SC2086
PATH=/nonexistent PGC_JIT_AUTO_ROWS=0 "$PGC" eval --engine=auto $one_ex >"$tmp/auto.out" 2>"$tmp/auto.err" ||
    fail "--engine=auto without binutils exited $?"
cmp -s "$tmp/ref.out" "$tmp/auto.out" && cmp -s "$tmp/ref.err" "$tmp/auto.err" ||
    fail "--engine=auto without binutils did not fall back to the interpreter silently"
# auto picks the JIT at the threshold; --dump-jit writes the code it compiled
# shellcheck disable=SC2086
PGC_JIT_AUTO_ROWS=1 PGC_TIMING=1 "$PGC" eval $one_ex >/dev/null 2>"$tmp/auto.err"
grep -q 'engine jit' "$tmp/auto.err" || fail "--engine=auto (the default) did not use the JIT above its threshold"
# shellcheck disable=SC2086
"$PGC" eval --dump-jit="$tmp/dump.c" $one_ex >"$tmp/dump.out" 2>/dev/null || fail "--dump-jit exited $?"
grep -q 'pgc_score_batch' "$tmp/dump.c" || fail "--dump-jit wrote no pgc_score_batch"
cmp -s "$tmp/ref.out" "$tmp/dump.out" || fail "--dump-jit changed the report"

# ---- 1. the eval goldens ------------------------------------------------------------
for f in $(grep -l '^# args: eval' tests/*/*.pg); do
    args=$(sed -n '1,5s/^# args: eval//p' "$f" | head -n 1 | tr -d '\r')
    # shellcheck disable=SC2086
    same $args "$f"
done

# ---- 2. the examples ----------------------------------------------------------------
for f in examples/*.pg; do
    n=$(basename "$f" .pg)
    for fmt in text json csv md html; do
        same --format $fmt "$f" --actuals "examples/actuals/$n.csv"
        same --format $fmt --explain "$f" --actuals "examples/actuals/$n.csv"
    done
done
for fmt in text json csv md html; do
    same --format $fmt --explain examples --actuals examples/actuals/all.csv
done

# ---- 3. generated boundary cases ------------------------------------------------------
mkdir -p "$tmp/gen" "$tmp/bad" "$tmp/std" || exit 99

# A scheme using every operator; 正向's division by 目标 sits in the branch
# not taken when 目标 = 0, 反向 divides by zero only when 实际 = 7 × 目标
# (the generator never writes that; a file in part 4 does), and 等零 holds
# a constant beyond 64 bits (which sends its branch to the interpreter).
cat >"$tmp/std/schemes.pg" <<'EOF'
评分方案 全算子 {
    默认 是
    权重 {
        预算执行率 10
        产出指标   50
        成本指标   = 产出指标
        效益指标   30
        满意度指标 10
    }
    规则 正向 = 如果 目标 = 0 则 分值 否则 最小(分值, 分值 × 实际 ÷ 目标 + 分值 ÷ 3 × (实际 > 目标))
    规则 等零 = 如果 实际 ≤ 0 或 实际 < 0.001 则 分值
                否则 如果 实际 > 999999999999999999.99 则 0 否则 最大(0, 分值 − 实际 × 100)
    规则 反向 = 如果 实际 = 7 × 目标 则 分值 ÷ (实际 − 7 × 目标)
                否则 如果 实际 ≤ 目标 则 分值
                否则 如果 实际 > 目标 且 实际 < 3 × 目标 则 分值 × (3 × 目标 − 实际) ÷ (2 × 目标)
                否则 -分值
    规则 定性 = 分值 × 档次系数(实际) × 档次系数(实际) + 0.005
    规则 执行率 = 如果 全年执行数 > 全年预算数 则 分值 × 全年预算数 ÷ 全年执行数
                  否则 分值 × 全年执行数 ÷ 全年预算数
    规则 日期 = 如果 实际 ≤ 目标 则 分值 否则 分值 ÷ (实际 − 目标)
    档次系数 {
        达成     1
        部分达成 0.7
        未达成   0.3
    }
    档次下限 {
        达成     80%
        部分达成 60%
        未达成   0%
    }
    评级 {
        优 ≥ 90
        良 ≥ 80
        中 ≥ 60
        差 < 60
    }
    偏差阈值   130%
    执行率阈值 90%
}
EOF

# gen.awk: N projects (20 a file) into DIR, from SEED.  Weighted projects
# (one in three) give every indicator a 分值, 50/30/10 per 一级 split into
# odd cents; the others leave the weights to the scheme.
cat >"$tmp/gen.awk" <<'EOF'
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
        a = pick("W|W|基本W|不W|\"达成年度指标\"|\"部分达成年度指标\"|\"未达成年度指标\"|\"其他情况\"")
        if (a == "W") a = s
        else if (a == "基本W") a = "基本" s
        else if (a == "不W") a = (s == "有效" ? "无效" : "不" s)
        band_of[k] = (a == s || a ~ /^"达成/) ? 1 : (a ~ /^基本/ || a ~ /^"部分/) ? 2 : 3
    } else if (kind == 8) {                             # levels
        name = name "等级"
        spec[k] = name " = 三级"
        a = pick("三级|四级|二级|一级|五级")
        band_of[k] = (a == "三级" || a == "四级" || a == "五级") ? 1 : (a == "二级") ? 2 : 3
    } else {                                            # free text
        name = name "成效"
        spec[k] = name " = \"完成全年工作任务\""
        a = pick("\"达成年度指标\"|\"部分达成年度指标\"|\"未达成年度指标\"|\"基本完成\"")
        band_of[k] = (a ~ /^"达成/) ? 1 : (a ~ /^"部分/) ? 2 : 3
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
EOF
awk -v SEED=20240101 -v N=300 -v DIR="$tmp/gen" -f "$tmp/gen.awk" || { echo "FAIL: the generator failed"; exit 1; }
cases=$(grep -c '^            指标 ' "$tmp"/gen/*.pg | awk -F: '{ s += $2 } END { print s }')

for scheme in "" "--scheme 自评宽档" "-L $tmp/std"; do
    # shellcheck disable=SC2086
    same $scheme --explain "$tmp/gen"
    [ "$irc" = 0 ] || { fail "the generated cases should score (exit $irc${scheme:+, $scheme})"; sed -n 1,20p "$tmp/i.err"; }
    # shellcheck disable=SC2086
    same $scheme --format json "$tmp/gen"
done
# the JIT scored most rules itself and gave the huge ones back
scored=$(echo "$timing" | sed -n 's/.*: \([0-9]*\) scored, \([0-9]*\) fell back.*/\1/p')
fell=$(echo "$timing" | sed -n 's/.*: \([0-9]*\) scored, \([0-9]*\) fell back.*/\2/p')
[ "${scored:-0}" -gt $((cases * 9 / 10)) ] || fail "the JIT scored only ${scored:-no} rules of $cases indicators ($timing)"
[ "${fell:-0}" -gt 0 ] || fail "no rule fell back to the interpreter ($timing)"

# ---- 4. single projects that end in errors, or near them -------------------------------------
one() {     # one NAME ACTUAL-LINES...: a project with three indicators and its 实际 block
    name=$1
    shift
    {
        printf '项目 %s {\n    年度 2023\n    主管部门 测试主管部门\n    实施单位 测试实施单位\n' "$name"
        printf '    计划开始日期 2023-01-01\n    计划完成日期 2023-12-31\n'
        printf '    资金 {\n        年度资金申请总额 100,000.00 元\n        当年财政拨款 100,000.00 元\n    }\n'
        printf '    年度总体目标 "边界。"\n'
        printf '    产出指标 {\n        数量指标 {\n            指标 覆盖率 ≥ 90%% 分值 25\n'
        printf '            指标 响应时间 ≤ 2 工作日 分值 25\n        }\n    }\n'
        printf '    效益指标 {\n        社会效益指标 {\n            指标 运行稳定性 = 稳定 分值 30\n        }\n    }\n'
        printf '    满意度指标 {\n        服务对象满意度指标 {\n            指标 满意率 ≥ 90%% 分值 10\n        }\n    }\n}\n\n'
        printf '实际 %s {\n' "$name"
        for line in "$@"; do printf '    %s\n' "$line"; done
        printf '}\n'
    } >"$tmp/bad/$name.pg"
}
ok4='运行稳定性 稳定'
one band '全年执行数 90,000 元' '覆盖率 90%' '响应时间 2 工作日' '运行稳定性 基本稳定 得分 29' '满意率 95%'
one budget0 '全年执行数 0 元' '全年预算数 0 元' '覆盖率 90%' '响应时间 2 工作日' "$ok4" '满意率 95%'
one sevenfold '全年执行数 90,000 元' '覆盖率 90%' '响应时间 14 工作日' "$ok4" '满意率 95%'
one huge '全年执行数 999,999,999,999,999,999.999999999999999999 元' \
    '覆盖率 999999999999999999.999999999999999999%' \
    '响应时间 999999999999999999.999999999999999999 工作日' "$ok4" '满意率 0.000000000000000001%'
one hugeneg '全年执行数 90,000 元' '覆盖率 -999999999999999999.999999999999999999%' \
    '响应时间 3.000000000000000001 工作日' "$ok4" '满意率 89.999999999999999999%'
one tinybudget '全年执行数 0.000000000000000001 元' '全年预算数 999,999,999,999,999,999 元' \
    '覆盖率 90%' '响应时间 2 工作日' "$ok4" '满意率 95%'
for f in "$tmp"/bad/*.pg; do
    same --explain "$f"
    same -L "$tmp/std" --explain "$f"
done

# ---- 5. pggen's portfolio ----------------------------------------------------------------
if command -v "$CC" >/dev/null 2>&1 && "$CC" -std=c11 -O2 -o "$tmp/pggen" bench/pggen.c 2>"$tmp/cc.err"; then
    "$tmp/pggen" 1000 --seed 7 --weights 20 --cost-level1 20 -o "$tmp/pggen-specs" --actuals "$tmp/pggen.csv" ||
        fail "pggen failed"
    same --format csv "$tmp/pggen-specs" --actuals "$tmp/pggen.csv"
    same --format json "$tmp/pggen-specs" --actuals "$tmp/pggen.csv"
    same --explain "$tmp/pggen-specs" --actuals "$tmp/pggen.csv"
    [ "$irc" = 0 ] || fail "pggen's portfolio should score (exit $irc)"
    rows=$(($(wc -l <"$tmp/pggen.csv") - 1))
    cases=$((cases + rows))
else
    echo "note: no C compiler ($CC): pggen's portfolio skipped"
fi

echo "jit-diff: $runs comparisons, $cases generated cases; last JIT run: ${timing#pgc: }"
exit $status
