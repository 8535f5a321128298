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

# --explain holds every span in memory as the window does: the same limit,
# and a run without --explain records none, so it is not refused.
expect_status 2 run chess --explain --max-span-memory 100K
expect_stderr_is "simul run: error: --explain would hold about 585.0 KiB of spans, over the limit of 100.0 KiB; raise it with --max-span-memory SIZE (such as 8G) if you mean it"
expect_status 0 run chess --explain --max-span-memory 600K
expect_status 0 run chess --max-span-memory 100K

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

# --- sweep: the same limits, on each point before it runs ---------------------
# 10 boards are 10 x 60 = 600 events a strategy; 1000 boards 60000, past 10k.
# One axis: every point is checked before anything runs; exit 2, no report.
expect_status 2 sweep chess --vary tasks.board.count=10,1000 --max-events 10k
expect_stderr_is "simul sweep: error: sync would handle about 60.0 thousand events, over the limit of 10.0 thousand; raise it with --max-events N if you mean it (at tasks.board.count=1000, seed 1)"
[ ! -s "$TMP/out" ] || fail "a refused sweep printed a report: $(cat "$TMP/out")"
expect_status 0 sweep chess --vary tasks.board.count=10,1000 --max-events 60k
# A grid's point is checked when it comes up, before its first run: boards x
# rounds x 2 steps is 20, 1200 and 2000 events at the other points, and
# 1000 x 60 x 2 = 120000 at the last, past 100k.
expect_status 2 sweep chess --vary tasks.board.count=10,1000 --vary tasks.board.repeat=1,60 --max-events 100k
expect_stderr_is "simul sweep: error: sync would handle about 120.0 thousand events, over the limit of 100.0 thousand; raise it with --max-events N if you mean it (at tasks.board.count=1000, tasks.board.repeat=60, seed 1)"
[ ! -s "$TMP/out" ] || fail "a refused sweep printed a report: $(cat "$TMP/out")"
expect_status 2 sweep chess --vary tasks.board.count=10,50 --max-tasks 20
expect_stderr_is "simul sweep: error: scenarios/chess.yaml has 50 tasks, over the limit of 20; raise it with --max-tasks N if you mean it (at tasks.board.count=50, seed 1)"
# A strategy parameter's point too: chess's 1 h of cpu in 1 us slices is
# 3.6e9 events, past the default 10^9.
expect_status 2 sweep chess --strategy threads --vary switch=1s,1us
expect_stderr_is "simul sweep: error: threads:switch=1us would handle about 3.6 billion events, over the limit of 1.0 billion; raise it with --max-events N if you mean it (at switch=1us, seed 1)"
expect_status 2 sweep chess --vary tasks.board.count=1,2 --max-tasks 0
expect_stderr_is "simul sweep: error: --max-tasks takes a whole number above 0 (k, M, G: 10^3, 10^6, 10^9), got '0'"
expect_status 0 sweep --help
grep -q -- '--max-events N' "$TMP/out" && grep -q -- '--max-tasks N' "$TMP/out" ||
  fail "sweep --help does not list the limits"

# --- the trace cap, enforced while writing ------------------------------------
# cpu-bound under threads (GIL, 5 ms switch): 8 x 2 s of cpu is 3200 slices,
# each a cpu span on two rows plus a ready span and a switch, where the
# estimate counts two spans an event: it says 1156480 bytes, under 1500K
# (1536000), and the run writes 1846570, over it.
expect_status 0 run cpu-bound --strategy threads --estimate --trace "$TMP/unused.json"
grep -Eq '^threads +8 +3208 +1156480$' "$TMP/out" || fail "estimate: $(cat "$TMP/out")"
expect_status 0 run cpu-bound --strategy threads --trace "$TMP/whole.json"
[ "$(stat -c %s "$TMP/whole.json")" -gt 1536000 ] || fail "the trace is not over 1500K"
# A good trace already at the path stays as it was; no temporary is left.
cp "$TMP/whole.json" "$TMP/capped.json"
expect_status 2 run cpu-bound --strategy threads --trace "$TMP/capped.json" --max-trace-size 1500K
expect_stderr_is "simul run: error: the trace passed the limit of 1.5 MiB while writing, with 83% of its spans written (the whole would be about 1.8 MiB, more than estimated); raise it with --max-trace-size SIZE if you mean it"
cmp -s "$TMP/whole.json" "$TMP/capped.json" || fail "the old trace was touched"
[ -z "$(find "$TMP" -name 'capped.json.*')" ] || fail "a temporary trace was left"
expect_status 2 run cpu-bound --strategy threads --trace "$TMP/new.json" --max-trace-size 1500K
[ ! -e "$TMP/new.json" ] || fail "a partial trace was written"
# --runs writes the first seed's trace with the same cap.
expect_status 2 run cpu-bound --strategy threads --trace "$TMP/new.json" --max-trace-size 1500K --runs 2
expect_stderr "^simul run: error: the trace passed the limit of 1.5 MiB while writing"
[ -z "$(find "$TMP" -name 'new.json*')" ] || fail "a trace or its temporary was left"
# At the whole size it is written whole.
expect_status 0 run cpu-bound --strategy threads --trace "$TMP/new.json" --max-trace-size 1846570
cmp -s "$TMP/whole.json" "$TMP/new.json" || fail "the trace at its own size as the cap differs"
