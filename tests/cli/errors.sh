#!/usr/bin/env bash
# errors.sh - exit status 2 and a clear message for bad usage and bad input,
# 1 for a run that cannot finish; never a crash, never a lost trace.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# A scenario error points into the file.
cat >"$TMP/bad.yaml" <<'YAML'
name: Bad
tasks:
  - name: t
    steps:
      - cpu: 5 parsecs
YAML
expect_status 2 run "$TMP/bad.yaml"
expect_stderr "^$TMP/bad.yaml:[0-9]+:[0-9]+: error: "
[ ! -s "$TMP/out" ] || fail "a bad scenario printed a report: $(cat "$TMP/out")"
expect_status 2 check "$TMP/bad.yaml"
expect_stderr "^$TMP/bad.yaml:[0-9]+:[0-9]+: error: "

# A strategy in the file that does not exist: the message points at it.
cat >"$TMP/badstrat.yaml" <<'YAML'
name: Bad strategy
strategies: [sync, warp]
tasks:
  - name: t
    steps:
      - cpu: 1s
YAML
expect_status 2 run "$TMP/badstrat.yaml"
expect_stderr "^$TMP/badstrat.yaml:2:[0-9]+: error: .*warp"

# Usage errors.
expect_status 2 run chess --format xml
expect_stderr "^simul run: error: unknown format 'xml' \(expected table, csv, json\)"
expect_status 2 run chess --strategy bogus
expect_stderr "error: unknown strategy 'bogus'"
expect_status 2 run chess --strategy async:nonsense=1
expect_stderr "error: .*nonsense"
expect_status 2 run chess --set tasks.board.count=abc
expect_stderr "error: "
expect_status 2 run chess --set tasks.nosuch.count=2
expect_stderr "error: "
expect_status 2 run chess --set novalue
expect_stderr "^simul run: error: --set expects KEY=VALUE"
expect_status 2 run chess --seed -3
expect_stderr "^simul run: error: --seed"
expect_status 2 run chess --frobnicate
expect_stderr "^simul run: error: unknown option '--frobnicate'"
expect_status 2 run chess --trace
expect_stderr "^simul run: error: option '--trace' needs a value"
expect_status 2 run
expect_stderr "^simul run: error: missing SCENARIO"
expect_status 2 run chess laundry
expect_stderr "^simul run: error: unexpected argument 'laundry'"
expect_status 2 run no-such-scenario
expect_stderr "no-such-scenario: error: "
expect_status 2 frobnicate
expect_stderr "^simul: error: unknown command 'frobnicate'"

# A deadlock is a failed run: status 1, the tasks and resources named, and a
# trace of how it got stuck.
deadlock=$SRC/tests/cli/deadlock.yaml
expect_status 1 run "$deadlock" --strategy async --trace "$TMP/deadlock.json"
expect_stderr "left"
expect_stderr "right"
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
expect_stderr "^simul run: error: cannot write the trace"
[ ! -s "$TMP/out" ] || fail "an unwritable trace still ran: $(cat "$TMP/out")"
for leftover in "$TMP"/*.tmp-* "$TMP"/no/such/dir/*.tmp-*; do
  [ ! -e "$leftover" ] || fail "a temporary trace was left behind: $leftover"
done
exit 0
