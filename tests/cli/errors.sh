#!/usr/bin/env bash
# errors.sh - exit status 2 and a clear message for bad usage and bad input,
# 1 for a run that cannot finish; never a crash, never a lost trace. Each
# message is checked whole (expect_stderr_is), file:line:col included.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# A scenario error points into the file: line 5, column 14 is where the
# value `5 parsecs` starts (`      - cpu: ` is 13 characters).
cat >"$TMP/bad.yaml" <<'YAML'
name: Bad
tasks:
  - name: t
    steps:
      - cpu: 5 parsecs
YAML
bad_unit="$TMP/bad.yaml:5:14: error: bad duration '5 parsecs' for 'cpu': unknown unit (use us, ms, s, min or h)"
expect_status 2 run "$TMP/bad.yaml"
expect_stderr_is "$bad_unit"
[ ! -s "$TMP/out" ] || fail "a bad scenario printed a report: $(cat "$TMP/out")"
expect_status 2 check "$TMP/bad.yaml"
expect_stderr_is "$bad_unit"

# A strategy in the file that does not exist: the message points at it
# (line 2, column 20: `strategies: [sync, ` is 19 characters).
cat >"$TMP/badstrat.yaml" <<'YAML'
name: Bad strategy
strategies: [sync, warp]
tasks:
  - name: t
    steps:
      - cpu: 1s
YAML
expect_status 2 run "$TMP/badstrat.yaml"
expect_stderr_is "$TMP/badstrat.yaml:2:20: error: unknown strategy 'warp' (expected one of: sync, async, threads, processes, queue)"

# Usage errors.
expect_status 2 run chess --format xml
expect_stderr_is "simul run: error: unknown format 'xml' (expected table, csv, json)"
expect_status 2 run chess --strategy bogus
expect_stderr_is "simul run --strategy: error: unknown strategy 'bogus' (expected one of: sync, async, threads, processes, queue)"
expect_status 2 run chess --strategy async:nonsense=1
expect_stderr_is "simul run --strategy: error: async has no parameter 'nonsense' (it takes: model, switch_cost, timeouts)"
expect_status 2 run chess --set tasks.board.count=abc
expect_stderr_is "--set tasks.board.count=abc: error: 'count' must be a whole number >= 1, got 'abc'"
expect_status 2 run chess --set tasks.nosuch.count=2
expect_stderr_is "--set tasks.nosuch.count=2: error: no 'nosuch' in 'tasks' (expected a name or an index from 0 to 0)"
expect_status 2 run chess --set novalue
expect_stderr_is "simul run: error: --set expects KEY=VALUE, e.g. tasks.board.count=48, not 'novalue'"
expect_status 2 run chess --seed -3
expect_stderr_is "simul run: error: --seed expects a whole number >= 0, not '-3'"
expect_status 2 run chess --frobnicate
expect_stderr_is "simul run: error: unknown option '--frobnicate' (try 'simul run --help')"
expect_status 2 run chess --trace
expect_stderr_is "simul run: error: option '--trace' needs a value (try 'simul run --help')"
expect_status 2 run
expect_stderr_is "simul run: error: missing SCENARIO, a built-in name or a file (try 'simul run --help')"
expect_status 2 run chess laundry
expect_stderr_is "simul run: error: unexpected argument 'laundry' (try 'simul run --help')"
expect_status 2 run no-such-scenario
expect_stderr_is "no-such-scenario: error: cannot open: No such file or directory, and no built-in scenario has that name (built-in: $(cd "$SRC/scenarios" && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||' | LC_ALL=C sort | paste -sd, - | sed 's/,/, /g'))"
expect_status 2 frobnicate
expect_stderr_is "simul: error: unknown command 'frobnicate' (try 'simul help')"

# A deadlock is a failed run: status 1, the tasks and resources named, and a
# trace of how it got stuck. Each task takes its first lock at 0 and asks for
# the other's after its 1 s wait: stuck at 0:00:01.
deadlock=$SRC/tests/cli/deadlock.yaml
expect_status 1 run "$deadlock" --strategy async --trace "$TMP/deadlock.json"
expect_stderr_is "$deadlock: error: deadlock at 0:00:01: 2 task(s) can never finish: 'left' waits for 'b' (held by 'right'); 'right' waits for 'a' (held by 'left');"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$TMP/deadlock.json" ||
  fail "the deadlock's trace is not valid JSON"
# sync runs one task at a time and finishes; its row is still reported.
expect_status 1 run "$deadlock" --strategy sync,async
grep -q '^sync ' "$TMP/out" || fail "the finished run is not reported: $(cat "$TMP/out")"

# A failed run never clobbers a trace that was there.
echo 'precious' >"$TMP/keep.json"
expect_status 2 run chess --strategy bogus --trace "$TMP/keep.json"
[ "$(cat "$TMP/keep.json")" = precious ] || fail "a bad run replaced the trace"
expect_status 1 run chess --trace "$TMP/no/such/dir/t.json"
expect_stderr_is "simul run: error: cannot write the trace '$TMP/no/such/dir/t.json': its directory does not exist"
[ ! -s "$TMP/out" ] || fail "an unwritable trace still ran: $(cat "$TMP/out")"
for leftover in "$TMP"/*.tmp-* "$TMP"/no/such/dir/*.tmp-*; do
  [ ! -e "$leftover" ] || fail "a temporary trace was left behind: $leftover"
done
exit 0
