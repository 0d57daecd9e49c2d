#!/bin/sh
# run.sh HARNESS SECONDS SRCDIR — one libFuzzer run (make fuzz calls it).
#
# The corpus grows in fuzz/corpus/HARNESS (kept between runs), seeded from
# the repository by fuzz/seed.sh; a crash, a hang (-timeout) or a leak is
# written to fuzz/artifacts/HARNESS/ and fails the run.  One process, one
# core.  FUZZ_FLAGS adds libFuzzer options (e.g. FUZZ_FLAGS=-seed=1).
set -u
harness=$1 secs=$2 top=$3
dir=fuzz
corpus=$dir/corpus/$harness seeds=$dir/seeds/$harness art=$dir/artifacts/$harness
mkdir -p "$corpus" "$art" || exit 2
sh "$top/fuzz/seed.sh" "$harness" "$top" "$seeds" || exit 2
dict=
[ "$harness" = fuzz-pg ] && dict=-dict=$dir/pg.dict
log=$dir/$harness.log
echo "$harness: fuzzing for $secs s (corpus $corpus, log $log)"
# shellcheck disable=SC2086
"$dir/$harness" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$art/" $dict ${FUZZ_FLAGS-} \
    "$corpus" "$seeds" >"$log" 2>&1
status=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
if [ "$status" -ne 0 ]; then
    echo "$harness: FAILED (exit $status) after ${execs:-?} executions; see $log and $art/" >&2
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -n 20 >&2
    exit 1
fi
echo "$harness: ${execs:-?} executions, ${rate:-?} exec/s, $cov, no crash, hang or leak"
