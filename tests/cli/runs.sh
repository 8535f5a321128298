#!/usr/bin/env bash
# runs.sh - `simul run --runs N`: means over N seeds with 95% intervals,
# deterministic, and its bad values refused.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0 run scraper --runs 8 --format json
cp "$TMP/out" "$TMP/first.json"
py '
eq(data["runs"], 8, "runs at the top")
for r in data["results"]:
    eq(r["runs"], 8, r["strategy"] + " runs")
    ci = r["ci95"]
    if not ci["makespan_s"] > 0:
        raise SystemExit("random latencies must give a makespan interval above 0: %r" % ci)
asyn = result("async")
if not 8 < asyn["speedup_vs_sync"] < 10:
    raise SystemExit("async speed-up over sync: %r" % asyn["speedup_vs_sync"])
'

# Same seeds, same bytes.
expect_status 0 run scraper --runs 8 --format json
cmp -s "$TMP/out" "$TMP/first.json" || fail "two --runs 8 reports differ"

# A fixed scenario has no spread: every interval is 0.
expect_status 0 run chess --runs 3 --format json
py '
for r in data["results"]:
    eq(r["ci95"]["makespan_s"], 0, r["strategy"] + " makespan interval")
eq(result("async")["makespan_s"], 3655, "async chess makespan")
'

# The table says what it shows.
expect_status 0 run scraper --runs 4
grep -q '^means over 4 seeds (1\.\.4), ± a 95% confidence interval$' "$TMP/out" ||
  fail "runs header: $(cat "$TMP/out")"

for bad in 0 -3 x 100001; do
  expect_status 2 run chess --runs "$bad"
  grep -q "^simul run: error: --runs takes a whole number from 1 to 100000, got '$bad'$" "$TMP/err" ||
    fail "--runs $bad message: $(cat "$TMP/err")"
done
