# errors.sh — single-project files that end in errors, or near them: an
# evaluator's 得分 outside its band, a zero budget, a division by zero the
# rule reaches (under tests/data/gen/std), overflows.  Sourced by the
# differential tests; `error_cases DIR` writes them into DIR.

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
    } >"$dir/$name.pg"
}
error_cases() {
    dir=$1
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
}
