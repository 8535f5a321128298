#!/usr/bin/env bash
# limits.sh - the estimate before a run, the limits that refuse a huge one
# (exit 2, naming the option that raises them), and the progress line.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

# chess: 24 boards x 30 rounds x (cpu + wait) = 1440 timed steps, one event
# each under sync and async; 24 tasks.
expect_status 0 run chess --estimate
grep -Eq '^sync +24 +1440 ' "$TMP/out" || fail "sync estimate: $(cat "$TMP/out")"
grep -Eq '^async +24 +1440 ' "$TMP/out" || fail "async estimate: $(cat "$TMP/out")"
# ... which is what the runs really handle.
expect_status 0 run chess --format json
py 'assert [r["events"] for r in data["results"]] == [1440, 1440], data["results"]'

# Past --max-events: refused before running.
expect_status 2 run chess --max-events 1000
expect_stderr "sync would handle about 1.4 thousand events, over the limit of 1.0 thousand; raise it with --max-events N"
expect_status 0 run chess --max-events 2k
# threads:switch=1us on chess's 1 h of cpu: 3.6e9 slices.
expect_status 2 run chess --strategy threads:switch=1us
expect_stderr "about 3.6 billion events, over the limit of 1.0 billion"

# Past --max-tasks: 20 s of arrivals every 1 us is 20 million tasks.
cat >"$TMP/every.yaml" <<'YAML'
name: Every microsecond
tasks:
  - name: req
    arrivals: {every: 1us}
    until: 20s
    steps: [{cpu: 1us}]
YAML
expect_status 2 run "$TMP/every.yaml"
expect_stderr "has 20.0 million tasks, over the limit of 10.0 million; raise it with --max-tasks N"
# An hour of it is 3.6e9 arrivals: more than a scenario can hold, refused at load.
sed -i 's/until: 20s/until: 1h/' "$TMP/every.yaml"
expect_status 2 check "$TMP/every.yaml"
expect_stderr "every.yaml:3:5: error: task group 'req' would have about 3600000000 arrivals"

# Past --max-trace-size: refused before running, and no file is left.
expect_status 2 run chess --set tasks.board.count=100000 --trace "$TMP/big.json"
expect_stderr "the trace would be about [0-9.]+ GiB, over the limit of 1.0 GiB; raise it with --max-trace-size"
[ ! -e "$TMP/big.json" ] || fail "a trace was written"
[ -z "$(find "$TMP" -name 'big.json*')" ] || fail "a temporary trace was left"
expect_status 2 run chess --max-trace-size 12x
expect_stderr "--max-trace-size takes a whole number above 0"

# Progress: plain lines on stderr when it is not a terminal (the threshold
# lowered from 2 s to 0 so a 1-second run shows them); none with --no-progress.
# 100000 boards x 60 steps = 6M events, about 90 progress ticks.
export SIMUL_PROGRESS_AFTER=0
expect_status 0 run chess --strategy async --set tasks.board.count=100000
expect_stderr "^simul run: async: [0-9]+% of about 6000000 events, about [0-9]+:[0-9]{2}:[0-9]{2} left"
if grep -q $'\r' "$TMP/err"; then fail "a terminal bar was drawn into a file"; fi
expect_status 0 run chess --strategy async --set tasks.board.count=100000 --no-progress
[ ! -s "$TMP/err" ] || fail "--no-progress still printed: $(cat "$TMP/err")"

# Over 20 million events (400000 boards x 60 steps = 24M): the estimate
# line comes first, and --no-progress silences it too.
unset SIMUL_PROGRESS_AFTER
expect_status 0 run chess --strategy async --set tasks.board.count=400000
expect_stderr "^simul run: about 400.0 thousand tasks and 24.0 million events$"
expect_status 0 run chess --strategy async --set tasks.board.count=400000 --no-progress
[ ! -s "$TMP/err" ] || fail "--no-progress still printed: $(cat "$TMP/err")"

# --runs keeps running statistics, not every seed's per-task arrays: 400
# seeds of 500 tasks (about 25 KB of arrays per run before) take the memory
# of 4 seeds, within 3 MB.
unset SIMUL_PROGRESS_AFTER
# ASan's quarantine holds freed memory, so RSS says nothing there.
sanitized=0
if grep -qa __asan_init "$SIMUL"; then sanitized=1; fi
if [ -x /usr/bin/time ] && [ "$sanitized" = 0 ]; then
  rss() {
    /usr/bin/time -f %M "$SIMUL" run chess --set tasks.board.count=500 --set tasks.board.repeat=1 \
      --runs "$1" 2>&1 >/dev/null | tail -1
  }
  small=$(rss 4) large=$(rss 400)
  [ $((large - small)) -lt 3072 ] || fail "--runs 400 took $large KB, --runs 4 $small KB"
fi
# And the progress of many short runs is counted in seeds.
SIMUL_PROGRESS_AFTER=0 expect_status 0 run webserver --runs 3
expect_stderr "^simul run: --runs: [0-9]+% of about 3 seeds"
