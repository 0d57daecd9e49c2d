#!/usr/bin/env node
// ajv-check.js — validate JSON forms against a JSON Schema with ajv, for bench/run.
//
//   node ajv-check.js SCHEMA.json FILE|DIR...
//
// Compiles the schema once (new Ajv(), defaults: strict, first error only),
// then reads, parses (JSON.parse) and validates every *.json file (a DIR
// stands for the *.json files in it, in sorted order).  Each file is an
// array of forms (pggen --json).  Exit status 0 when every file is valid,
// 1 otherwise (the first errors of each invalid file on stderr).  On stderr,
// one line:
//   ajv: F files, N forms, B invalid files
//   timing startup_ms=… load_ms=… validate_ms=…
// startup = node's own start (process.uptime() when this script begins),
// load = loading ajv and compiling the schema, validate = reading, parsing
// and validating the files.
'use strict';
const startup = process.uptime() * 1000;
const t0 = process.hrtime.bigint();
const fs = require('fs');
const path = require('path');
const Ajv = require(path.join(__dirname, 'node_modules', 'ajv'));

const ms = (a, b) => Number(b - a) / 1e6;
const [schemaPath, ...inputs] = process.argv.slice(2);
if (!schemaPath || inputs.length === 0) {
    process.stderr.write('usage: node ajv-check.js SCHEMA.json FILE|DIR...\n');
    process.exit(2);
}
const ajv = new Ajv();
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const t1 = process.hrtime.bigint();

const files = [];
for (const p of inputs) {
    if (fs.statSync(p).isDirectory())
        files.push(...fs.readdirSync(p).filter((f) => f.endsWith('.json')).sort()
                        .map((f) => path.join(p, f)));
    else
        files.push(p);
}
let forms = 0, bad = 0;
for (const f of files) {
    const data = JSON.parse(fs.readFileSync(f, 'utf8'));
    if (Array.isArray(data))
        forms += data.length;
    if (!validate(data)) {
        bad++;
        process.stderr.write(`${f}: ${ajv.errorsText(validate.errors)}\n`);
    }
}
const t2 = process.hrtime.bigint();
process.stderr.write(`ajv: ${files.length} files, ${forms} forms, ${bad} invalid files\n`);
process.stderr.write(`timing startup_ms=${startup.toFixed(1)} load_ms=${ms(t0, t1).toFixed(1)} ` +
                     `validate_ms=${ms(t1, t2).toFixed(1)}\n`);
process.exit(bad ? 1 : 0);
