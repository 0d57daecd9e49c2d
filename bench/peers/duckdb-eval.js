#!/usr/bin/env node
// duckdb-eval.js — score projects with DuckDB SQL (score.sql), for bench/run.
//
//   node duckdb-eval.js TARGETS.csv ACTUALS.csv OUT.csv
//
// Opens an in-memory DuckDB (@duckdb/node-api; threads: DuckDB's default,
// or $DUCKDB_THREADS), runs score.sql over the two CSV files and writes
// 项目,总分,等级 to OUT.csv.  On stderr, one line of in-process timings:
//   timing startup_ms=… load_ms=… run_ms=… threads=…
// startup = node's own start (process.uptime() when this script begins),
// load = loading the DuckDB module and opening the database, run = reading
// the CSV files, scoring and writing OUT.csv.
'use strict';
const startup = process.uptime() * 1000;
const t0 = process.hrtime.bigint();
const fs = require('fs');
const path = require('path');
const { DuckDBInstance } = require(path.join(__dirname, 'node_modules', '@duckdb', 'node-api'));

const ms = (a, b) => Number(b - a) / 1e6;
const lit = (s) => s.replace(/'/g, "''");

(async () => {
    const [targets, actuals, out] = process.argv.slice(2);
    if (!out) {
        process.stderr.write('usage: node duckdb-eval.js TARGETS.csv ACTUALS.csv OUT.csv\n');
        process.exit(2);
    }
    const sql = fs.readFileSync(path.join(__dirname, 'score.sql'), 'utf8')
        .replace(/\{\{TARGETS\}\}/g, lit(path.resolve(targets)))
        .replace(/\{\{ACTUALS\}\}/g, lit(path.resolve(actuals)))
        .replace(/\{\{OUT\}\}/g, lit(path.resolve(out)));
    const opts = process.env.DUCKDB_THREADS ? { threads: String(process.env.DUCKDB_THREADS) } : {};
    const db = await DuckDBInstance.create(':memory:', opts);
    const conn = await db.connect();
    const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
    const t1 = process.hrtime.bigint();
    await conn.run(sql);
    const t2 = process.hrtime.bigint();
    conn.closeSync();
    process.stderr.write(`timing startup_ms=${startup.toFixed(1)} load_ms=${ms(t0, t1).toFixed(1)} ` +
                         `run_ms=${ms(t1, t2).toFixed(1)} threads=${threads}\n`);
})().catch((e) => {
    process.stderr.write(`duckdb-eval: ${e.message}\n`);
    process.exit(1);
});
