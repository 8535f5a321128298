#!/usr/bin/env bash
# sweep.sh - `simul sweep` and `simul merge` from the outside: the chess
# sweep's numbers and knee (derived in tests/unit/test_sweep.c: sync = 1800 n,
# async = max(150 n + 55, 1795 + 5 n), knee at 12 where the master's round of
# 5n s reaches a board's 5 s + 55 s), a strategy-parameter sweep, a grid,
# --runs with common random numbers, --jobs, shards and merge, the plot, and
# every bad value exiting 2.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"
# Under AddressSanitizer: the font cache that plotting makes fontconfig keep
# is not ours to free (see the file).
export LSAN_OPTIONS="suppressions=$SRC/tests/cli/lsan-plot.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# --- chess, every n from 1 to 48 -----------------------------------------------
expect_status 0 sweep chess --vary tasks.board.count=1..48 --format json --jobs 2
py '
eq(data["vary"], ["tasks.board.count"], "vary")
eq(len(data["points"]), 48, "points")
for p in data["points"]:
    n = p["values"]["tasks.board.count"]
    res = {r["strategy"]: r for r in p["results"]}
    eq(res["sync"]["makespan_s"], 1800 * n, "sync at %d" % n)
    eq(res["async"]["makespan_s"], max(150 * n + 55, 1795 + 5 * n), "async at %d" % n)
    eq(res["sync"]["speedup_vs_sync"], 1, "speed-up of sync")
knees = {(k["strategy"], k["metric"]): k for k in data["knee"]}
eq(knees[("async", "makespan")]["values"], {"tasks.board.count": 12}, "async knee")
eq(("sync", "makespan") in knees, False, "a straight line has no knee")
bounds = {b["name"]: b for b in data["bounds"]}
eq(bounds["work bound: total cpu / cores"]["values"], [150 * n for n in range(1, 49)], "work")
eq(bounds["longest task (its own path)"]["values"], [1800] * 48, "path")
'
expect_status 0 sweep chess --vary tasks.board.count=1..48
grep -q '^knee: async makespan at tasks.board.count=12: from 12 boards on the master is the bottleneck: 12 x 5s = 5s + 55s$' "$TMP/out" ||
  fail "no async knee line: $(tail -3 "$TMP/out")"
grep -Eq '^12 +6:00:00 +0:30:55 ' "$TMP/out" || fail "row 12: $(grep '^12 ' "$TMP/out")"

# --- a strategy parameter: ceil(24 / w) boards of 1800 s per worker ---------
expect_status 0 sweep chess --strategy queue --vary workers=1..8 --format csv
want=$'workers,strategy,makespan_s\n1,queue:workers=1,43200\n2,queue:workers=2,21600\n3,queue:workers=3,14400\n4,queue:workers=4,10800\n5,queue:workers=5,9000\n6,queue:workers=6,7200\n7,queue:workers=7,7200\n8,queue:workers=8,5400'
got=$(cut -d, -f1-3 "$TMP/out" | tr -d '\r')
[ "$got" = "$want" ] || fail "queue workers sweep: $got"
expect_status 0 sweep chess --strategy queue --vary workers=1..8
grep -q '^knee: queue makespan at workers=3' "$TMP/out" || fail "queue knee: $(tail -2 "$TMP/out")"

# --- a grid: the first --vary outermost; sync = 1800 n + (n - 1) x switch ------
expect_status 0 sweep chess --strategy sync --vary tasks.board.count=1..3 --vary switch_cost=0s,2s --format json
py '
eq([list(p["values"].values()) for p in data["points"]],
   [[1, "0s"], [1, "2s"], [2, "0s"], [2, "2s"], [3, "0s"], [3, "2s"]], "grid order")
for p in data["points"]:
    n, cost = p["values"]["tasks.board.count"], int(p["values"]["switch_cost"][:-1])
    eq(p["results"][0]["makespan_s"], 1800 * n + (n - 1) * cost, "sync at %r" % p["values"])
    eq(p["results"][0]["strategy"], "sync:switch_cost=%ds" % cost, "label")
'

# --- --profile: every run pays the profile's costs ------------------------------
# n tasks of one 2 s cpu step, run one after another, each step costing 1 s
# more: 3n s; the same from the file's `profile:` and through shards.
printf 'step_cost: 1s\nsleep_late: 0\n' >"$TMP/p.yaml"
printf 'name: one\nprofile: p.yaml\ntasks:\n  - {name: a, steps: [{cpu: 2s}]}\n' >"$TMP/one.yaml"
for how in "--profile $TMP/p.yaml" ""; do
  # shellcheck disable=SC2086
  expect_status 0 sweep "$TMP/one.yaml" --strategy sync --vary tasks.a.count=1..3 $how --format csv
  got=$(cut -d, -f1,3 "$TMP/out" | tr -d '\r' | tail -3 | tr '\n' ' ')
  [ "$got" = "1,3 2,6 3,9 " ] || fail "profile ($how) not applied: $got"
done
expect_status 0 sweep "$TMP/one.yaml" --strategy sync --vary tasks.a.count=1..3 --profile "$TMP/p.yaml" --shard 1/1 -o "$TMP/prof.json"
expect_status 0 merge "$TMP/prof.json" --format csv
cut -d, -f1,3 "$TMP/out" | tr -d '\r' | tail -1 | grep -qx '3,9' || fail "merge lost the profile: $(cat "$TMP/out")"

# --- --runs: the same seeds at every point (common random numbers) ----------
# With 20 or 30 rq workers no job ever waits for one (at most a dozen are in
# flight), so each job's response is its own drawn durations plus the 2 ms
# dequeue: identical at both points if, and only if, both use the same seeds.
# And each point is exactly `simul run` with that value.
expect_status 0 sweep rq-jobs --strategy queue:latency=2ms --vary workers=20,30 --runs 3 --format json --jobs 2
cp "$TMP/out" "$TMP/crn.json"
expect_status 0 run rq-jobs --strategy queue:latency=2ms,workers=20 --runs 3 --format json
python3 - "$TMP/crn.json" "$TMP/out" <<'PYEOF' || fail "CRN check failed"
import json, sys
sweep, run = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
a, b = (p["results"][0] for p in sweep["points"])
assert sweep["runs"] == 3 and a["runs"] == 3, sweep.get("runs")
# Utilization differs (its denominator is the workers); the times may not.
for key in ("response_s", "makespan_s", "busy_s", "outcomes"):
    assert a[key] == b[key], (key, a[key], b[key])
for key in ("response_mean_s", "response_p95_s", "makespan_s"):
    assert a["ci95"][key] == b["ci95"][key], (key, a["ci95"], b["ci95"])
assert a == run["results"][0], (a, run["results"][0])
PYEOF

# --- bounds of an open workload: M/M/c against Erlang C -----------------------
# Poisson arrivals at 3.6/s, exponential service of 1 s, c rq workers FIFO:
# the mean response is C(c, a) / (c - 3.6) + 1 with a = 3.6 (2.969 s at c = 4),
# computed again below from the formula; the capacity line is at
# c = 3.6 x 1 s. 20000 jobs put the simulation within 5% of theory.
cat >"$TMP/mmc.yaml" <<'YAML'
name: M/M/c
seed: 3
tasks:
  - name: job
    count: 20000
    arrivals: {poisson: 3.6}
    steps: [{cpu: {exp: 1s}}]
YAML
expect_status 0 sweep "$TMP/mmc.yaml" --strategy queue --vary workers=4..7 --metric response_mean --format json
py '
from math import factorial
def erlang_w(c, lam, mu):
    a = lam / mu
    top = a ** c / factorial(c) * c / (c - a)
    wait = top / (sum(a ** k / factorial(k) for k in range(c)) + top)
    return wait / (c * mu - lam) + 1 / mu
bounds = {b["name"]: b for b in data["bounds"]}
eq(bounds["capacity of queue"]["x"], 3.6, "capacity line")
theory = bounds["M/M/c (Erlang C) for queue"]["values"]
for c, w, p in zip(range(4, 8), theory, data["points"]):
    assert abs(w - erlang_w(c, 3.6, 1)) < 1e-9 * w, (c, w, erlang_w(c, 3.6, 1))
    got = p["results"][0]["response_s"]["mean"]
    assert abs(got - w) < 0.05 * w, ("simulated", c, got, w)
'

# --- --jobs: byte-identical output for any number of threads -------------------
for fmt in table csv json; do
  expect_status 0 sweep webserver --vary tasks.request.arrivals.poisson=4..16:4 --runs 2 --format $fmt --jobs 1
  cp "$TMP/out" "$TMP/j1"
  expect_status 0 sweep webserver --vary tasks.request.arrivals.poisson=4..16:4 --runs 2 --format $fmt --jobs 2
  cmp -s "$TMP/j1" "$TMP/out" || fail "--jobs 1 and --jobs 2 differ ($fmt)"
done

# --- shards and merge ---------------------------------------------------------------
sweep=(sweep webserver --vary tasks.request.arrivals.poisson=2..19 --runs 2)
expect_status 0 "${sweep[@]}" --format json
cp "$TMP/out" "$TMP/whole.json"
for k in 1 2 3; do expect_status 0 "${sweep[@]}" --shard $k/3 -o "$TMP/part$k.json"; done
expect_status 0 merge "$TMP/part3.json" "$TMP/part1.json" "$TMP/part2.json" --format json
cmp -s "$TMP/whole.json" "$TMP/out" || fail "merge of 3 parts differs from the whole sweep (json)"
expect_status 0 "${sweep[@]}"
cp "$TMP/out" "$TMP/whole.txt"
expect_status 0 merge "$TMP"/part*.json
cmp -s "$TMP/whole.txt" "$TMP/out" || fail "merge differs from the whole sweep (table)"
expect_status 0 "${sweep[@]}" --shard 1/1 -o "$TMP/all.json"
expect_status 0 merge "$TMP/all.json"
cmp -s "$TMP/whole.txt" "$TMP/out" || fail "merge of the one part 1/1 differs from the whole sweep"
expect_status 2 merge "$TMP/part1.json" "$TMP/part2.json"
expect_stderr "part 3/3 is missing"
expect_status 2 merge "$TMP/part1.json" "$TMP/part1.json" "$TMP/part2.json" "$TMP/part3.json"
expect_stderr "part 1/3 is given twice"
expect_status 0 sweep chess --vary tasks.board.count=1..5 --shard 1/3 -o "$TMP/other.json"
expect_status 2 merge "$TMP/other.json" "$TMP/part2.json" "$TMP/part3.json"
expect_stderr "parts of different sweeps"
expect_status 2 merge "$SRC/scenarios/chess.yaml"
expect_stderr "not a part of a simul sweep"

# --- progress: run's line, counting runs (the threshold lowered to 0 to see
# it on a short sweep); none with --no-progress.
SIMUL_PROGRESS_AFTER=0 expect_status 0 sweep chess --vary tasks.board.count=1..3 --jobs 1
expect_stderr "^simul sweep: all points: 33% of about 3 runs, about 0:00:00 left$"
SIMUL_PROGRESS_AFTER=0 expect_status 0 sweep chess --vary tasks.board.count=1..3 --no-progress
[ ! -s "$TMP/err" ] || fail "--no-progress still printed: $(cat "$TMP/err")"

# --- output files: checked before the runs, written whole or not at all -----------------
# -o and --plot go through a temporary file renamed over FILE (as --trace and
# render -o do): a bad path is refused before any point runs (status 1, a
# file that cannot be written), a part cannot be merged over itself, and a
# finished sweep leaves no temporary file beside its outputs.
mkdir -p "$TMP/o"
expect_status 1 sweep chess --vary tasks.board.count=1..3 -o "$TMP/o"
expect_stderr "^simul sweep: error: cannot write the report '.*/o': it is a directory$"
expect_status 1 sweep chess --vary tasks.board.count=1..3 --plot "$TMP/none/p.png"
expect_stderr "^simul sweep: error: cannot write the plot '.*/none/p.png': its directory does not exist$"
expect_status 2 sweep chess --vary tasks.board.count=1..3 -o "$TMP/o/x.png" --plot "$TMP/o/x.png"
expect_stderr "--output and --plot name the same file"
echo keep >"$TMP/o/keep.json"
expect_status 1 merge "$TMP/part1.json" "$TMP/part2.json" "$TMP/part3.json" -o "$TMP/part2.json"
expect_stderr "^simul merge: error: cannot write the report '.*/part2.json': it is a part being read$"
expect_status 0 merge "$TMP/part1.json" "$TMP/part2.json" "$TMP/part3.json" --format json -o "$TMP/o/keep.json"
cmp -s "$TMP/whole.json" "$TMP/o/keep.json" || fail "merge -o differs from the whole sweep"
expect_status 0 sweep chess --vary tasks.board.count=1..3 --format csv -o "$TMP/o/r.csv" --plot "$TMP/o/p.svg"
grep -q '^tasks.board.count,strategy,makespan_s' "$TMP/o/r.csv" || fail "sweep -o: $(cat "$TMP/o/r.csv")"
grep -q '<svg' "$TMP/o/p.svg" || fail "--plot p.svg is no SVG"
left=$(find "$TMP/o" -name '*tmp-*')
[ -z "$left" ] || fail "temporary files left: $left"

# --- the plot ---------------------------------------------------------------------------
# PLplot is a module loaded for --plot only: a sweep without one maps none of it.
LD_DEBUG=libs "$SIMUL" sweep chess --vary tasks.board.count=1..3 2>&1 >/dev/null |
  sed -n 's/.*calling init: //p' >"$TMP/libs"
grep -q 'libc\.so' "$TMP/libs" || fail "LD_DEBUG=libs listed nothing"
if grep -E 'libplplot|libcairo|libfreetype|simul-plot' "$TMP/libs"; then
  fail "a sweep without --plot loads the plot module"
fi
expect_status 0 sweep chess --vary tasks.board.count=1..48 --plot "$TMP/chess.png"
[ "$(head -c 8 "$TMP/chess.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "chess.png is not a PNG"
expect_status 0 sweep chess --vary tasks.board.count=1..4 --plot "$TMP/chess.svg" --format csv
grep -q '<svg' "$TMP/chess.svg" || fail "chess.svg is not an SVG"
expect_status 1 sweep chess --vary tasks.board.count=1..4 --plot "$TMP/no/such/dir/x.png"
expect_stderr "cannot write"

# --- bad values: exit 2, a message that says what ----------------------------------
bad() {
  local want=$1
  shift
  expect_status 2 sweep chess "$@"
  expect_stderr "$want"
  [ ! -s "$TMP/out" ] || fail "simul sweep chess $* printed a report"
}
bad "'foo' is neither a scenario key" --vary foo=1..3
bad "no 'bord' in 'tasks'" --vary tasks.bord.count=1..3
bad "the range 5..1 is empty" --vary tasks.board.count=5..1
bad "the step is 0" --vary tasks.board.count=1..5:0
bad "'count' must be a whole number >= 1" --vary tasks.board.count=0..3
bad "K is larger than N" --vary tasks.board.count=1..3 --shard 4/3
bad "--shard takes K/N" --vary tasks.board.count=1..3 --shard 0/3
bad "--jobs takes a whole number" --vary tasks.board.count=1..3 --jobs 0
bad "unknown metric 'speed'" --vary tasks.board.count=1..3 --metric speed
bad "must end in .png, .svg or .pdf" --vary tasks.board.count=1..3 --plot x.gif
bad "nothing to sweep" --strategy sync
bad "every point runs the same seeds; use --runs" --vary seed=1..4
bad "workers=0 is not valid" --strategy queue --vary workers=0..2
bad "the strategy 'queue:workers=2' already sets workers" --strategy queue:workers=2 --vary workers=1..3
bad "the key is varied twice" --vary workers=1 --vary workers=2 --strategy queue
bad "--plot draws the whole sweep" --vary tasks.board.count=1..3 --shard 1/2 --plot x.png

# --- a run that cannot finish: exit 1, the first failing point named ------------
expect_status 1 sweep "$SRC/tests/cli/deadlock.yaml" --strategy async --vary tasks.left.count=1..3 --jobs 2
expect_stderr "deadlock at 0:00:01: .* \\(at tasks.left.count=1, seed 1\\)$"

# --- help --------------------------------------------------------------------------------
expect_status 0 help sweep
grep -q '^usage: simul sweep' "$TMP/out" || fail "help sweep"
expect_status 0 merge --help
grep -q '^usage: simul merge' "$TMP/out" || fail "merge --help"
expect_status 0 help
grep -Eq '^  sweep +' "$TMP/out" || fail "simul help does not list sweep"
