// textmate.js — tokenizes .pg files with the real TextMate engine of VS Code
// (vscode-textmate on vscode-oniguruma) and the grammar of editors/vscode,
// and checks the scopes against editors/test/expect.sh's expectations.
//
//   NODE_PATH=DIR/node_modules node textmate.js EXTENSION_DIR EXPECT_FILE
//
// Prints one line per mismatch and exits 1 if there is any.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const [extDir, expectFile] = process.argv.slice(2);
const problems = [];
const fail = (msg) => problems.push(msg);

// the extension's manifest and language configuration
const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
const lang = (pkg.contributes.languages || []).find((l) => l.id === 'pg');
const gram = (pkg.contributes.grammars || []).find((g) => g.language === 'pg');
if (!lang || !(lang.extensions || []).includes('.pg')) fail('package.json: no language pg for .pg');
if (!gram || gram.scopeName !== 'source.pg') fail('package.json: no grammar source.pg for pg');
const conf = JSON.parse(fs.readFileSync(path.join(extDir, lang.configuration), 'utf8'));
const pairs = (l) => (l || []).map((p) => (Array.isArray(p) ? p.join('') : p.open + p.close));
if (conf.comments.lineComment !== '#') fail('language-configuration: line comment is not #');
for (const p of ['{}', '｛｝', '()', '（）'])
  if (!pairs(conf.brackets).includes(p)) fail(`language-configuration: bracket ${p} missing`);
for (const p of ['{}', '｛｝', '()', '（）', '""', '“”']) {
  if (!pairs(conf.autoClosingPairs).includes(p)) fail(`language-configuration: auto-closing ${p} missing`);
  if (!pairs(conf.surroundingPairs).includes(p)) fail(`language-configuration: surrounding ${p} missing`);
}
const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
if (!inc.test('    资金 {') || !inc.test('项目 “甲（一）” ｛  # x') || inc.test('    名称 "{"'))
  fail('language-configuration: increaseIndentPattern');
if (!dec.test('    }') || !dec.test('｝') || dec.test('    指标 甲 = 1'))
  fail('language-configuration: decreaseIndentPattern');

// what each class of expect.sh must be: a test on the scopes of a character
const innermost = (want) => (scopes) => scopes[scopes.length - 1] === want;
const classes = {
  keyword: innermost('keyword.other.pg'),
  control: innermost('keyword.control.pg'),
  operator: innermost('keyword.operator.pg'),
  delimiter: (s) => /^punctuation\.(section\.(braces|parens)|separator)\.pg$/.test(s[s.length - 1]),
  number: innermost('constant.numeric.decimal.pg'),
  date: innermost('constant.numeric.date.pg'),
  string: (s) => s.some((x) => /^string\.quoted\./.test(x)),
  comment: (s) => s.some((x) => /^comment\.line\.number-sign\./.test(x)),
  category: innermost('entity.name.type.category.pg'),
  plain: (s) => s.length === 1 && s[0] === 'source.pg',
  terminator: innermost('punctuation.terminator.statement.pg'),
};

async function main() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  const onigLib = onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
    createOnigString: (s) => new onig.OnigString(s),
  }));
  const grammarPath = path.join(extDir, gram.path);
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scope) =>
      scope === 'source.pg' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.pg');
  if (!grammar) throw new Error('grammar source.pg did not load');

  // each file's lines, as arrays of characters with their scopes
  const files = new Map();
  const tokenize = (file) => {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    let stack = vsctm.INITIAL;
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    return lines.map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      // scopes by UTF-16 offset, then by character
      const at = new Array(line.length);
      for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) at[i] = t.scopes;
      const chars = [];
      let off = 0;
      for (const ch of line) {
        chars.push({ ch, scopes: at[off] || ['source.pg'] });
        off += ch.length;
      }
      return chars;
    });
  };

  let n = 0;
  for (const row of fs.readFileSync(expectFile, 'utf8').split('\n')) {
    if (!row) continue;
    const [file, l, c0, n0, cls, text] = row.split('\t');
    const [line, col, len] = [Number(l), Number(c0), Number(n0)];
    if (!files.has(file)) files.set(file, tokenize(file));
    const chars = files.get(file)[line - 1] || [];
    const test = classes[cls];
    if (!test) { fail(`${file}:${line}:${col}: unknown class ${cls}`); continue; }
    for (let k = 0; k < len; k++) {
      const c = chars[col - 1 + k];
      n++;
      if (!c || !test(c.scopes)) {
        fail(`${file}:${line}:${col + k}: ${cls} “${text}”: got ${c ? c.ch + ' ' + c.scopes.join(' ') : 'nothing'}`);
        break;
      }
    }
  }
  for (const p of problems.slice(0, 50)) console.log(p);
  console.log(`textmate: ${n} characters in ${files.size} files, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
}
main().catch((e) => { console.log(`textmate: ${e.stack || e}`); process.exit(1); });
