#!/usr/bin/env bash
# outputs.sh - output paths are checked before the run, written whole or not
# at all, and never left behind as FILE.tmp-* by a signal.
# shellcheck source=tests/cli/lib.bash
source "$(dirname "$0")/lib.bash"

no_temp() {
  local left
  left=$(find "$TMP" -name '*.tmp-*' | head -1)
  [ -z "$left" ] || fail "a temporary file was left behind: $left"
}

# A directory, a device, a symbolic link, the scenario itself, a missing
# directory: each refused at once with exit 1 (a file that cannot be
# written), before anything runs; nothing written.
mkdir "$TMP/dir"
expect_status 1 run chess --trace "$TMP/dir"
expect_stderr "^simul run: error: cannot write the trace '.*/dir': it is a directory"
expect_status 1 run chess --trace /dev/null
expect_stderr "it is not a regular file"
[ -c /dev/null ] || fail "/dev/null is no longer a device"
cp "$SRC/scenarios/laundry.yaml" "$TMP/laundry.yaml"
expect_status 1 run "$TMP/laundry.yaml" --trace "$TMP/laundry.yaml"
expect_stderr "it is the scenario being read"
cmp -s "$SRC/scenarios/laundry.yaml" "$TMP/laundry.yaml" || fail "the scenario was overwritten"
echo keep >"$TMP/target"
ln -s "$TMP/target" "$TMP/link.json"
expect_status 1 run chess --trace "$TMP/link.json"
expect_stderr "it is a symbolic link"
[ "$(cat "$TMP/target")" = keep ] || fail "the symlink's target was written"
expect_status 1 run chess --trace "$TMP/nowhere/t.json"
expect_stderr "its directory does not exist"
no_temp

# A full device as stdout: the report's write error is exit 1, not 0.
set +e
"$SIMUL" run chess >/dev/full 2>"$TMP/err"
status=$?
set -e
[ "$status" -eq 1 ] || fail "run >/dev/full exited $status, expected 1"
expect_stderr "cannot write the report: No space left on device"

# SIGINT, SIGTERM, SIGHUP during a long traced run: the temporary trace is
# removed and the status is 128 + the signal. 20000 boards x 30 moves make a
# trace of about 1.2M spans, which takes well over the second we wait.
# Job control on: without it bash starts background jobs with SIGINT ignored,
# and an ignored signal stays ignored (as under nohup).
set -m
for sig in INT:130 TERM:143 HUP:129; do
  name=${sig%%:*} want=${sig##*:}
  rm -f "$TMP/t.json"
  "$SIMUL" run chess --strategy async --set tasks.board.count=20000 --trace "$TMP/t.json" \
    >/dev/null 2>"$TMP/err" &
  pid=$!
  for _ in $(seq 100); do
    [ -n "$(find "$TMP" -name 't.json.tmp-*' | head -1)" ] && break
    sleep 0.05
  done
  [ -n "$(find "$TMP" -name 't.json.tmp-*' | head -1)" ] || fail "no temporary trace appeared"
  kill -s "$name" "$pid"
  set +e
  wait "$pid"
  status=$?
  set -e
  [ "$status" -eq "$want" ] || fail "SIG$name: exited $status, expected $want"
  [ ! -e "$TMP/t.json" ] || fail "SIG$name: a trace was written"
  no_temp
done
set +m

# A good trace still lands, and replaces a regular file in place.
echo old >"$TMP/t.json"
expect_status 0 run laundry --trace "$TMP/t.json"
grep -q traceEvents "$TMP/t.json" || fail "the trace was not written"
no_temp

# A long label (100 KB) is written once, in otherData.labels, and cut to
# about 40 bytes plus an ellipsis in each of the trace's spans: 24 boards x
# 30 rounds x 2 rows would otherwise repeat it 1440 times (144 MB).
long=$(python3 -c "print('move ' * 20000)")
python3 - "$TMP/long.yaml" "$long" <<'PY'
import sys
open(sys.argv[1], "w").write(
    "name: Long label\ntasks:\n  - name: board\n    count: 24\n    repeat: 30\n"
    "    steps:\n      - {cpu: 5s, label: \"%s\"}\n      - {wait: 55s}\n" % sys.argv[2].strip())
PY
expect_status 0 run "$TMP/long.yaml" --trace "$TMP/long.json"
size=$(stat -c %s "$TMP/long.json")
[ "$size" -lt 2000000 ] || fail "the trace is $size bytes: the label was repeated"
python3 - "$TMP/long.json" <<'PY' || fail "the long label is not written once"
import json, sys
t = json.load(open(sys.argv[1]))
full = t["otherData"]["labels"]["board step 1"]
assert len(full) == 99999 and full.startswith("move move"), len(full)
names = {e["name"] for e in t["traceEvents"] if e.get("cat") == "cpu"}
assert names == {"move " * 8 + "\u2026"}, names
PY
