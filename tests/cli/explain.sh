#!/usr/bin/env bash
# explain.sh - `simul run --explain`, `--what-if` and `--threshold`: the
# paragraph, the JSON object, the CSV columns, the trace's critical path, and
# bad input. The numbers are test_explain.c's, derived there by hand.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# The table: a paragraph per strategy after it.
expect_status 0 run chess --explain
grep -q '^why (the critical path' "$TMP/out" || fail "no why section"
grep -q '^sync   world: ' "$TMP/out" || fail "sync is not world-bound"
grep -q '^async  worker: the master is busy 98.5% of the run' "$TMP/out" || fail "async line"
grep -q 'critical path 1:00:55 = cpu 1:00:00 + wait 0:00:55' "$TMP/out" || fail "async path"
grep -q 'idle-worker: the master is idle 10h32min30s' "$TMP/out" || fail "sync idle-worker"

# JSON: critical_path_s sums to makespan_s in every result of every scenario.
for s in chess laundry webpage scraper cpu-bound blocking-call; do
  expect_status 0 run "$s" --explain --format json \
    --strategy sync,async,threads,threads:gil=off,processes,processes:mode=async,queue
  py '
for r in data["results"]:
    ex = r["explain"]
    total = sum(ex["critical_path_s"].values())
    assert abs(total - r["makespan_s"]) < 1e-6, (r["strategy"], total, r["makespan_s"])
    assert ex["bottleneck"] and ex["sentence"], r["strategy"]
    for l in ex["lints"]:
        eq(sorted(l), ["at_s", "code", "count", "message", "task"], "lint keys")
'
done
expect_status 0 run blocking-call --strategy async --explain --format json
py '
lints = data["results"][0]["explain"]["lints"]
stall = [l for l in lints if l["code"] == "loop-stall"]
eq(len(stall), 1, "one loop-stall")
eq(stall[0]["task"], "report", "its task")
eq(stall[0]["at_s"], 0.035, "when")
'
# A threshold above the stall's 1 s silences it.
expect_status 0 run blocking-call --strategy async --explain --format json --threshold loop_stall=2s
py 'assert not [l for l in data["results"][0]["explain"]["lints"] if l["code"] == "loop-stall"]'

# What-if: master moves 50% faster (test_explain.c derives 1855 s and 41400 s).
expect_status 0 run chess --what-if 'master moves=-50%' --format json
py '
w = {r["strategy"]: r["what_if"] for r in data["results"]}
eq(w["sync"]["makespan_s"], 41400, "sync")
eq(w["async"]["makespan_s"], 1855, "async")
eq(w["async"]["delta_s"], -1800, "async delta")
eq(w["async"]["by_group"], False, "a label")
assert "explain" not in data["results"][0], "no explain without --explain"
'
expect_status 0 run chess --what-if 'master moves=-50%'
grep -q "^what if 'master moves' took 50% less time" "$TMP/out" || fail "what-if title"
grep -Eq '^async +1:00:55 +0:30:55 +-0:30:00 +-49.2%$' "$TMP/out" || fail "what-if async row"

# CSV: the columns at the end.
expect_status 0 run chess --explain --what-if 'board=-50%' --format csv
head -1 "$TMP/out" | grep -q ',bottleneck,path_cpu_s,path_wait_s,.*,lints,what_if_makespan_s,what_if_delta_s' ||
  fail "csv header"
grep -q '^async,.*,worker,3600,55,.*,1855,-1800' "$TMP/out" || fail "csv async row"

# The trace: critical spans and flow events only with --explain.
expect_status 0 run chess --strategy async --trace "$TMP/plain.json"
grep -q critical "$TMP/plain.json" && fail "a plain trace mentions the critical path"
expect_status 0 run chess --strategy async --explain --trace "$TMP/why.json"
cp "$TMP/why.json" "$TMP/out"
py '
ev = data["traceEvents"]
crit = [e for e in ev if e.get("ph") == "X" and e["args"].get("critical")]
eq(sum(e["dur"] for e in crit if e["tid"] <= 24), 3655 * 10**6, "critical spans on task rows")
s = [e for e in ev if e.get("ph") == "s"]
f = [e for e in ev if e.get("ph") == "f"]
eq(len(s), 720, "one flow per link: 721 spans on the path")
eq(sorted(e["id"] for e in s), sorted(e["id"] for e in f), "every flow starts and finishes")
for e in s + f:
    eq(e["cat"], "critical", "flow category")
# Each flow end lies inside a critical slice of its row.
slices = {}
for e in crit:
    slices.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
for e in s + f:
    assert any(a <= e["ts"] < b for a, b in slices.get(e["tid"], [])), e
'

# Bad input: exit 2 with the reason.
expect_status 2 run chess --what-if 'master moves=50'
expect_stderr "simul run: error: --what-if master moves: '50' is not a percentage"
expect_status 2 run chess --what-if 'nobody=-50%'
expect_stderr "scenarios/chess.yaml: error: --what-if: no step label or task group 'nobody'"
expect_status 2 run chess --threshold nosuch=1 --explain
expect_stderr "unknown threshold 'nosuch'"
expect_status 2 run chess --threshold saturated=2 --explain
expect_stderr "saturated=2 is not a number from 0 to 1"
expect_status 2 run chess --explain --runs 3
expect_stderr "drop --runs"
echo ok
