#!/usr/bin/env bash
# chess.sh - the chess exhibition's reference numbers (docs/strategies.md derives them).
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0 run chess --format json --tasks
py '
sync, asyn = result("sync"), result("async")
eq(sync["makespan_s"], 43200, "sync makespan")
eq(sync["busy_s"], 3600, "sync master busy")
eq(asyn["makespan_s"], 3655, "async makespan")
eq(asyn["busy_s"], 3600, "async master busy")
eq(asyn["tasks"], 24, "tasks")
eq(sync["speedup_vs_sync"], 1, "sync speed-up")
eq(asyn["speedup_vs_sync"], 43200 / 3655, "async speed-up")
for k in range(1, 25):
    eq(asyn["task_end_s"]["board %d" % k], 3535 + 5 * k, "async board %d end" % k)
    eq(sync["task_end_s"]["board %d" % k], 1800 * k, "sync board %d end" % k)
eq(data["scenario"], "Chess exhibition", "scenario name")
'

# The first screen: the title and a row per strategy, the textbook numbers in it.
expect_status 0 run chess
grep -q '^Chess exhibition' "$TMP/out" || fail "no title line: $(head -1 "$TMP/out")"
grep -Eq '^sync +12:00:00 +1:00:00 +8\.3% +1\.00x' "$TMP/out" || fail "sync row: $(cat "$TMP/out")"
grep -Eq '^async +1:00:55 +1:00:00 +98\.5% +11\.82x' "$TMP/out" || fail "async row: $(cat "$TMP/out")"

# Without sync there is nothing to compare with: null, not a made-up number.
expect_status 0 run chess --strategy async --format json
py 'eq(result("async")["speedup_vs_sync"], None, "speed-up without sync")'

# A million boards without a trace: no spans are kept, so this stays small.
expect_status 0 run chess --strategy async --set tasks.board.count=1000000 --format json
py 'eq(result("async")["makespan_s"], 1000000 * 30 * 5 + 55, "makespan of a million boards")'
