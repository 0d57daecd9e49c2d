#!/usr/bin/env node
// schema-selftest.js — is the JSON Schema strict?  For bench/run.
//
//   node schema-selftest.js SCHEMA.json FORMS.json
//
// Takes the first form of FORMS.json (pggen --json), checks that ajv accepts
// it, then breaks it in each of the ways below, one at a time, and checks
// that ajv rejects every broken copy.  Prints one line; exit status 1 when
// the schema accepts a broken form (or rejects the good one).
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require(path.join(__dirname, 'node_modules', 'ajv'));

const [schemaPath, formsPath] = process.argv.slice(2);
const validate = new Ajv().compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const good = JSON.parse(fs.readFileSync(formsPath, 'utf8'))[0];
const copy = () => JSON.parse(JSON.stringify(good));
const firstInd = (f) => Object.values(Object.values(f['绩效指标'])[0])[0][0];
const numInd = (f) => {
    for (const l1 of Object.values(f['绩效指标']))
        for (const l2 of Object.values(l1))
            for (const i of l2)
                if ('数值' in i && /率$/.test(i['名称'])) return i;
    throw new Error('no 率 indicator in the first form');
};

const breaks = {
    'unknown 一级 category': (f) => { f['绩效指标']['产出指休'] = f['绩效指标']['产出指标']; delete f['绩效指标']['产出指标']; },
    'unknown 二级 category': (f) => { const l1 = f['绩效指标']['效益指标']; l1['社会效益'] = Object.values(l1)[0]; },
    'required 一级 missing': (f) => { delete f['绩效指标']['满意度指标']; },
    'empty 二级 group': (f) => { f['绩效指标']['产出指标']['数量指标'] = []; },
    'required field missing (年度资金申请总额)': (f) => { delete f['资金']['年度资金申请总额']; },
    'required field missing (主管部门)': (f) => { delete f['主管部门']; },
    'unknown field': (f) => { f['项目负责人'] = '张三'; },
    'amount not a number': (f) => { f['资金']['当年财政拨款']['金额'] = '446,04.00'; },
    'amount in an unknown unit': (f) => { f['资金']['其他资金']['单位'] = '美元'; },
    'amount with 3 decimals': (f) => { f['资金']['其他资金']['金额'] = '1.234'; },
    'date out of range': (f) => { f['计划完成日期'] = '2023-13-01'; },
    'year not a number': (f) => { f['年度'] = '2023'; },
    'unknown operator': (f) => { firstInd(f)['运算符'] = '≈'; },
    'number target without unit': (f) => { delete numInd(f)['单位']; },
    'unknown unit': (f) => { numInd(f)['单位'] = '万只'; },
    '…率 not in %': (f) => { numInd(f)['单位'] = '万张'; },
    'number target not a number': (f) => { numInd(f)['数值'] = '九十'; },
    'word not on a scale': (f) => { const i = firstInd(f); for (const k of ['数值', '单位', '日期', '文本', '序列']) delete i[k]; i['等级'] = '很稳定'; i['运算符'] = '='; },
    'two targets': (f) => { numInd(f)['文本'] = '两个目标'; },
    'weight above 100': (f) => { firstInd(f)['分值'] = '120'; },
    'indicator name with a space': (f) => { firstInd(f)['名称'] = '电费 缴纳率'; },
};

let failed = 0;
if (!validate([good])) {
    console.log('schema self-test: FAILED, the good form is rejected: ' + JSON.stringify(validate.errors[0]));
    process.exit(1);
}
for (const [what, brk] of Object.entries(breaks)) {
    const f = copy();
    brk(f);
    if (validate([f])) {
        failed++;
        console.log(`schema self-test: accepted a broken form: ${what}`);
    }
}
const n = Object.keys(breaks).length;
console.log(`schema self-test: ${n - failed}/${n} broken forms rejected` +
            ` (${Object.keys(breaks).join('; ')})`);
process.exit(failed ? 1 : 0);
