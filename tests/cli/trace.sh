#!/usr/bin/env bash
# trace.sh - --trace writes valid trace-event JSON: one X event per span on
# the right rows, metadata naming strategies, tasks and lanes.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

expect_status 0 run chess --strategy async --trace "$TMP/async.json"
cp "$TMP/async.json" "$TMP/out"
py '
events = data["traceEvents"]
meta = [e for e in events if e["ph"] == "M"]
spans = [e for e in events if e["ph"] == "X"]
names = {e["tid"]: e["args"]["name"] for e in meta if e["name"] == "thread_name"}
eq(sorted(n for n in names.values() if n.startswith("board")),
   sorted("board %d" % k for k in range(1, 25)), "board rows")
lanes = [t for t, n in names.items() if not n.startswith("board")]
eq(len(lanes), 1, "one worker lane")
eq([e["args"]["name"] for e in meta if e["name"] == "process_name"], ["async"], "process names")
for e in spans:
    eq(e["pid"], 1, "pid")
    assert isinstance(e["ts"], int) and isinstance(e["dur"], int), e
    assert e["ts"] >= 0 and e["dur"] > 0, e
    assert e["cat"] in ("cpu", "wait", "ready", "blocked", "switch"), e
task_cpu = [e for e in spans if e["cat"] == "cpu" and e["tid"] not in lanes]
lane_cpu = [e for e in spans if e["cat"] == "cpu" and e["tid"] in lanes]
eq(len(task_cpu), 24 * 30, "cpu spans on the boards")
eq(len(lane_cpu), 24 * 30, "cpu spans on the worker")
eq(sum(e["dur"] for e in lane_cpu), 3600 * 10**6, "worker busy")
eq(max(e["ts"] + e["dur"] for e in spans), 3655 * 10**6, "trace end")
eq({e["name"] for e in task_cpu}, {"master moves"}, "cpu span names")
eq(len([e for e in spans if e["cat"] == "wait"]), 24 * 30, "wait spans")
# One row never overlaps itself.
rows = {}
for e in spans:
    rows.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
for tid, r in rows.items():
    r.sort()
    for a, b in zip(r, r[1:]):
        assert a[1] <= b[0], ("overlap on tid", tid, a, b)
'

# Several strategies: one process each, in the order asked.
expect_status 0 run laundry --strategy async,sync --trace "$TMP/laundry.json"
cp "$TMP/laundry.json" "$TMP/out"
py '
procs = {e["pid"]: e["args"]["name"] for e in data["traceEvents"] if e["name"] == "process_name"}
eq(procs, {1: "async", 2: "sync"}, "processes")
blocked = [e for e in data["traceEvents"] if e.get("cat") == "blocked"]
assert blocked, "the loads queue for the washer under async"
assert all(e["args"]["resource"] in ("washer", "dryer") for e in blocked), blocked[0]
'

# Under the GIL, who holds it is drawn on the GIL lane only: a task's own row
# shows its cpu once, never a second "gil" slice on top.
expect_status 0 run laundry --strategy threads --trace "$TMP/gil.json" --format json
python3 - "$TMP/gil.json" <<'PYEOF' || fail "gil spans on the wrong rows"
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
         if e.get("ph") == "M" and e.get("name") == "thread_name"}
gil = [e for e in events if e.get("cat") == "gil"]
assert gil, "no gil spans"
rows = {names[(e["pid"], e["tid"])] for e in gil}
assert rows == {"GIL"}, rows
PYEOF
