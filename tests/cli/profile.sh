#!/usr/bin/env bash
# profile.sh - --profile on the scenario commands, `profile:` in a scenario
# (relative to it), profile errors as file:line:col, --memory and the budget
# warning, and `simul calibrate` writing a profile simul can read.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

cat >"$TMP/p.yaml" <<'YAML'
step_cost: 1s
sleep_late: 0
YAML
cat >"$TMP/one.yaml" <<'YAML'
name: one
tasks:
  - {name: a, steps: [{cpu: 2s}]}
YAML
# 2 s of cpu plus a step_cost of 1 s.
expect_status 0 run "$TMP/one.yaml" --strategy sync --profile "$TMP/p.yaml" --format csv
grep -q '^sync,3,' "$TMP/out" || fail "step_cost not applied: $(cat "$TMP/out")"
expect_status 0 check "$TMP/one.yaml" --profile "$TMP/p.yaml"

# profile: in the file, found beside the scenario whatever the directory.
mkdir "$TMP/sub"
cp "$TMP/p.yaml" "$TMP/sub/costs.yaml"
printf 'name: two\nprofile: costs.yaml\ntasks:\n  - {name: a, steps: [{cpu: 2s}]}\n' >"$TMP/sub/two.yaml"
(cd / && timeout -k 5 "$SIMUL_LIMIT" "$SIMUL" run "$TMP/sub/two.yaml" --strategy sync --format csv) >"$TMP/out"
grep -q '^sync,3,' "$TMP/out" || fail "profile: not applied: $(cat "$TMP/out")"
# --profile wins over the file's.
printf 'step_cost: 2s\n' >"$TMP/q.yaml"
expect_status 0 run "$TMP/sub/two.yaml" --strategy sync --format csv --profile "$TMP/q.yaml"
grep -q '^sync,4,' "$TMP/out" || fail "--profile did not win: $(cat "$TMP/out")"

# Errors: a bad key points into the profile, a missing one at the key.
printf 'loop_hop: 5us\nloop_hops: 1us\n' >"$TMP/bad.yaml"
expect_status 2 run "$TMP/one.yaml" --profile "$TMP/bad.yaml"
grep -q "^$TMP/bad.yaml:2:1: error: unknown profile key 'loop_hops'" "$TMP/err" ||
  fail "bad key message: $(cat "$TMP/err")"
printf 'name: three\nprofile: nowhere.yaml\ntasks:\n  - {name: a, steps: [{cpu: 2s}]}\n' >"$TMP/three.yaml"
expect_status 2 run "$TMP/three.yaml"
grep -q "^$TMP/three.yaml:2:10: error: profile 'nowhere.yaml': cannot open" "$TMP/err" ||
  fail "missing profile message: $(cat "$TMP/err")"
expect_status 2 run "$TMP/one.yaml" --profile "$TMP/none.yaml"
grep -q "^$TMP/none.yaml: error: cannot open" "$TMP/err" || fail "$(cat "$TMP/err")"

# Memory: only with --memory; 10,000 connections' threads against async's tasks.
expect_status 0 run webserver --strategy async --format json
grep -q memory_peak_bytes "$TMP/out" && fail "memory fields without --memory"
printf 'task_memory: 1KiB\nthread_memory: 64KiB\nprocess_memory: 10MiB\nmemory_budget: 100MiB\n' \
  >"$TMP/m.yaml"
expect_status 0 run chess --set tasks.board.count=10000 --set tasks.board.repeat=1 \
  --strategy async,threads --memory --profile "$TMP/m.yaml" --format json
py '
r = {x["strategy"]: x for x in data["results"]}
eq(r["async"]["memory_peak_bytes"], 10 * 2**20 + 10000 * 1024, "async peak")
eq(r["threads"]["memory_peak_bytes"], 10 * 2**20 + 10000 * 64 * 1024, "threads peak")
eq(r["threads"]["memory_reserved_peak_bytes"], 10000 * 8 * 2**20, "stacks reserved")
eq(r["async"]["in_system_peak"], 10000, "in system")
'
grep -q "warning: threads: peak memory 635.0 MiB passes the budget of 100.0 MiB" "$TMP/err" ||
  fail "budget warning: $(cat "$TMP/err")"
grep -q "warning: async" "$TMP/err" && fail "async is within the budget"
expect_status 0 run laundry --memory
grep -q "peak memory" "$TMP/out" || fail "no memory column"

# calibrate writes a profile that loads.
if command -v python3 >/dev/null; then
  expect_status 0 calibrate --quick -o "$TMP/cal.yaml"
  grep -q '^# python: CPython' "$TMP/cal.yaml" || fail "no python comment"
  grep -q '^loop_hop:' "$TMP/cal.yaml" || fail "no loop_hop"
  expect_status 0 run laundry --profile "$TMP/cal.yaml"
fi
expect_status 2 calibrate --bogus
echo ok
