#!/usr/bin/env bash
# laundry.sh - the laundry's reference numbers (docs/strategies.md derives them), times in minutes.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0 run laundry --format json --tasks
py '
sync, asyn = result("sync"), result("async")
eq(sync["makespan_s"], 360 * 60, "sync makespan")
eq(asyn["makespan_s"], 219 * 60, "async makespan")
eq(asyn["busy_s"], 90 * 60, "async parent busy")
ends = asyn["task_end_s"]
eq(ends["checklist"], 68 * 60, "checklist end")
eq([ends["load %d" % i] for i in (1, 2, 3)], [105 * 60, 162 * 60, 219 * 60], "load ends")
'

# The per-task table shows each load ending.
expect_status 0 run laundry --tasks
grep -Eq '^load 3 +6:00:00 +3:39:00$' "$TMP/out" || fail "load 3 row: $(cat "$TMP/out")"

# CSV carries the same numbers.
expect_status 0 run laundry --format csv
grep -q '^async,13140,5400,' "$TMP/out" || fail "csv async row: $(cat "$TMP/out")"
